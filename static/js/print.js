// Cards: show a print button when JavaScript runs (the browser's own print menu works without it).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
