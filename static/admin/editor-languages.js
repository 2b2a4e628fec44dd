// The editor's languages ("My languages") first in the edit forms of translated content, and the ones shown with
// the source language; the others stay one click away in wagtail-modeltranslation's locale picker.
// `?lang=<code>` (the dashboard's links) shows that language too, puts it first and focuses its first field.
// Runs deferred: after the page is parsed but before Stimulus builds Wagtail's widgets (so panels move before any
// editor exists) and before the locale picker reads its default selection (both start on DOMContentLoaded).
(function () {
  var config = window.portalEditorLanguages || { chosen: [], source: "en" };
  var picker = window.wagtailModelTranslations;
  var form = document.querySelector("form[data-edit-form]");
  if (!picker || !form) return; // not an edit form of translated content
  var codes = picker.languages;
  var requested = new URLSearchParams(window.location.search).get("lang");
  if (codes.indexOf(requested) === -1) requested = null; // an unknown ?lang= is ignored
  var chosen = config.chosen.filter(function (code) { return codes.indexOf(code) !== -1; });
  // First in each group of fields; with nothing chosen nor requested, the portal's order stays.
  var first = unique([requested].concat(chosen, chosen.length || requested ? [config.source] : []));
  // Shown: those; with nothing chosen, the picker's default from the settings as well.
  var shown = unique(first.concat(chosen.length ? [] : picker.locale_picker_default));
  picker.locale_picker_default = shown;
  picker.languages = unique(first.concat(codes)); // the picker's buttons in the same order

  // A language's panel: a field's own section, or the wrapper of a field inside a group. Field names carry the code
  // with "_" for "-" (title_zh_hans); their panels' ids end in -section / -wrapper.
  var panels = "section.w-panel, div.w-panel__wrapper";
  var suffix = new RegExp("^(.*)_(" + codes.map(underscored).join("|") + ")-(section|wrapper)$");
  function keyOf(element) {
    var named = element.matches("section") ? element : element.querySelector(":scope > [data-field-wrapper]");
    var match = named && suffix.exec(named.id);
    if (!match) return null;
    var code = match[2].replace("_", "-");
    var index = first.indexOf(code);
    return { field: match[1], code: code, rank: index !== -1 ? index : first.length + codes.indexOf(code) };
  }

  // The picker hides a panel by the first "[code]" in its text, so a group of fields (a MultiFieldPanel, an inline
  // panel's form) would go with its first field's language: editor-languages.css keeps groups shown.
  // (Hiding the other languages here, before the widgets start, saved a fifth of the chapter's load time, but the
  // rich-text editors built hidden rewrite their value later, after Wagtail took its reference copy of the form:
  // every opening then autosaved a draft. The picker hides them once they are built.)
  form.querySelectorAll(panels).forEach(function (panel) {
    if (!keyOf(panel) && panel.querySelector(panels)) panel.classList.add("l10n-group");
  });
  if (first.length) {
    orderFields(form);
    // Forms added later (an inline panel's "Add") are copies of these templates.
    form.querySelectorAll("template").forEach(function (template) { orderFields(template.content); });
  }

  // Within each run of sibling panels of one field (title_nl, title_fr, ...), the first languages go first.
  function orderFields(root) {
    var parents = new Set();
    root.querySelectorAll(panels).forEach(function (panel) { parents.add(panel.parentNode); });
    parents.forEach(function (parent) {
      var run = [];
      Array.prototype.forEach.call(parent.children, function (child) {
        var key = keyOf(child);
        if (key && run.length && run[0].key.field === key.field) return run.push({ el: child, key: key });
        reorder(run);
        run = key ? [{ el: child, key: key }] : [];
      });
      reorder(run);
    });
  }
  function reorder(run) {
    if (run.length < 2) return;
    var marker = document.createComment("");
    run[0].el.before(marker);
    run.slice().sort(function (a, b) { return a.key.rank - b.key.rank; })
      .forEach(function (item) { marker.before(item.el); });
    marker.remove();
  }

  // Focus the requested language's first field once the picker has shown it: jQuery runs ready handlers in the
  // order they were added, the picker's first.
  if (requested) {
    window.jQuery(function () {
      var ending = "_" + underscored(requested);
      var field = Array.prototype.find.call(form.querySelectorAll("input[name], textarea[name], select[name]"),
        function (input) { return input.type !== "hidden" && input.name.slice(-ending.length) === ending; });
      if (!field) return;
      var tab = field.closest("[role=tabpanel]");
      if (tab && tab.hidden) {
        var trigger = document.querySelector('[role=tab][aria-controls="' + tab.id + '"]');
        if (trigger) trigger.click();
      }
      field.focus({ preventScroll: true });
      field.scrollIntoView({ block: "center" });
    });
  }

  function underscored(code) { return code.replace("-", "_"); }
  function unique(list) {
    return list.filter(function (code, index) { return code && list.indexOf(code) === index; });
  }
})();
