// Shared page behaviour, kept out of the HTML: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  // « Imprimer » buttons (data-print) open the browser's print dialog.
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-print]")) {
      window.print();
    }
  });
})();
