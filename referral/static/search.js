// Search page enhancements: the need picked from the suggestions, and the map of the results.
// Without JavaScript the form and the list work the same.
(function () {
  "use strict";

  // Choosing a need label from the suggestion list selects that need instead of searching its words.
  var query = document.getElementById("champ-q");
  var need = document.getElementById("champ-need");
  var labels = document.getElementById("liste-besoins");
  if (query && need && labels) {
    query.addEventListener("change", function () {
      var options = labels.querySelectorAll("option");
      for (var i = 0; i < options.length; i++) {
        if (options[i].value === query.value) {
          need.value = options[i].getAttribute("data-code");
          query.value = "";
          return;
        }
      }
    });
  }

  var box = document.getElementById("carte");
  var data = document.getElementById("points-carte");
  if (!box || !data || typeof L === "undefined") {
    return;
  }
  var found = JSON.parse(data.textContent);
  if (!found.points.length && !found.centre) {
    return;
  }
  var map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer(box.getAttribute("data-tiles"), {
    maxZoom: 18,
    attribution: "&copy; contributeurs OpenStreetMap"
  }).addTo(map);
  var bounds = [];
  found.points.forEach(function (point) {
    var marker = L.marker([point.lat, point.lon], { title: point.name, alt: point.name }).addTo(map);
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    marker.bindPopup(link);
    bounds.push([point.lat, point.lon]);
  });
  if (found.centre) {
    L.circleMarker(found.centre, { radius: 8, color: "#a1252a" }).addTo(map).bindTooltip("Point de départ");
    bounds.push(found.centre);
  }
  if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [24, 24] });
  } else {
    map.setView(bounds[0], 14);
  }
})();
