// Sets dir="rtl" and lang on translated admin inputs of right-to-left languages (name ends in _ar, _fa, _ps).
(function () {
  var script = document.currentScript;
  var codes = (script && script.dataset.rtlLanguages || "").split(" ").filter(Boolean);
  if (!codes.length) return;
  var pattern = new RegExp("^[a-z0-9_]+?_(" + codes.join("|") + ")(-|$)");
  function mark(root) {
    root.querySelectorAll("input[name], textarea[name]").forEach(function (input) {
      var match = pattern.exec(input.name);
      if (!match) return;
      var target = input.closest(".w-field") || input;
      [input, target].forEach(function (el) {
        el.setAttribute("dir", "rtl");
        el.setAttribute("lang", match[1].replace("_", "-"));
      });
    });
  }
  function start() {
    mark(document);
    new MutationObserver(function () { mark(document); }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
