// The questionnaire without page loads: each step is still a POST, but its answer replaces the page's content in
// place. Answers stay in this page's memory only: never in the address, the history or any storage. Without
// JavaScript (or if anything fails here) the plain form posts as usual.
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !window.fetch || !window.FormData || !window.DOMParser) { return; }

  function showPrintButtons() {
    main.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function post(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    return fetch(form.action, { method: "POST", body: data, credentials: "omit", cache: "no-store", redirect: "error" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var next = page.getElementById("main");
        if (!next) { throw new Error("unexpected answer"); }
        main.innerHTML = next.innerHTML;
        document.title = page.title;
        window.scrollTo(0, 0);
        var heading = main.querySelector("h1");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
        showPrintButtons();
      });
  }

  main.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-questionnaire]");
    if (!form) { return; }
    event.preventDefault();
    var submitter = event.submitter;
    post(form, submitter).catch(function () {
      // The plain post, with the button that was pressed (Back, Change) still saying what it means.
      if (submitter && submitter.name) {
        var pressed = document.createElement("input");
        pressed.type = "hidden";
        pressed.name = submitter.name;
        pressed.value = submitter.value;
        form.appendChild(pressed);
      }
      form.submit();
    });
  });
  showPrintButtons();
})();
