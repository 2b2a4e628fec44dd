// Sets dir="rtl" and lang on translated admin inputs of right-to-left languages (name ends in _ar, _fa, _ps).
(function () {
  var script = document.currentScript;
  var codes = (script && script.dataset.rtlLanguages || "").split(" ").filter(Boolean);
  if (!codes.length) return;
  var pattern = new RegExp("^[a-z0-9_]+?_(" + codes.join("|") + ")(-|$)");
  var selector = "input[name], textarea[name]";
  function markInput(input) {
    var match = pattern.exec(input.name);
    if (!match) return;
    var target = input.closest(".w-field") || input;
    [input, target].forEach(function (el) {
      el.setAttribute("dir", "rtl");
      el.setAttribute("lang", match[1].replace("_", "-"));
    });
  }
  function mark(root) {
    if (root.matches && root.matches(selector)) markInput(root);
    root.querySelectorAll(selector).forEach(markInput);
  }
  function start() {
    mark(document);
    // Only what was added: the 22 languages' StreamFields add thousands of nodes while they start; rescanning the
    // whole form on each change cost about half a second.
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        record.addedNodes.forEach(function (node) { if (node.nodeType === 1) mark(node); });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
