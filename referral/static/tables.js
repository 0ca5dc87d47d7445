// On a phone each table row shows as a card: label every cell with its column heading.
// Without JavaScript the cells still stack, in the same order as the headings.
(function () {
  "use strict";
  var tables = document.querySelectorAll("table");
  for (var t = 0; t < tables.length; t++) {
    var headings = tables[t].querySelectorAll("thead th");
    if (!headings.length) {
      continue;
    }
    var rows = tables[t].querySelectorAll("tbody tr");
    for (var r = 0; r < rows.length; r++) {
      var cells = rows[r].children;
      for (var c = 0; c < cells.length && c < headings.length; c++) {
        var text = headings[c].textContent.trim();
        if (text && !cells[c].hasAttribute("data-label") && cells[c].colSpan === 1) {
          cells[c].setAttribute("data-label", text);
        }
      }
    }
  }
})();
