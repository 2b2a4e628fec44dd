// Quick exit: the button, or Shift pressed three times, leaves at once for a neutral site.
// The current history entry is replaced first, so Back does not return to this page.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var target = link.getAttribute("data-exit-url") || "/exit/";

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    try { history.replaceState(null, "", "/"); } catch (e) { /* keep going */ }
    window.location.replace(target);
  }

  link.addEventListener("click", leave);

  // Screen readers hear the count ("Shift pressed: 2 of 3"), in the page's language.
  var status = document.getElementById("quick-exit-status");
  function announce(count) {
    if (status) status.textContent = count ? (status.getAttribute("data-message") || "").replace("#", count) : "";
  }

  var presses = 0;
  var timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; announce(0); return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; announce(0); }, 1500);
    if (presses >= 3) { leave(); return; }
    announce(presses);
  });

  // Coming back from the back/forward cache: show nothing of the page that was left.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && document.documentElement.style.visibility === "hidden") window.location.replace(target);
  });
})();
