// A form folded on a phone once there are results (<details data-open-wide>) stays open on a
// wide screen, where there is room for both. Without JavaScript the summary opens it.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 40rem)").matches) {
    return;
  }
  var folds = document.querySelectorAll("details[data-open-wide]");
  for (var i = 0; i < folds.length; i++) {
    folds[i].open = true;
  }
})();
