// The small map of a service page: one marker per place of the list above it (same addresses).
// Without JavaScript or tiles the list says everything.
(function () {
  "use strict";
  var box = document.getElementById("carte-service");
  if (!box || typeof L === "undefined") {
    return;
  }
  var points = box.querySelectorAll(".map-point");
  var map = L.map(box, { scrollWheelZoom: false });
  map.attributionControl.setPrefix(false);
  L.tileLayer(box.getAttribute("data-tiles"), {
    maxZoom: 18,
    attribution: "&copy; contributeurs OpenStreetMap"
  }).addTo(map);
  var bounds = [];
  for (var i = 0; i < points.length; i++) {
    var lat = parseFloat(points[i].getAttribute("data-lat"));
    var lon = parseFloat(points[i].getAttribute("data-lon"));
    var name = points[i].getAttribute("data-name");
    L.marker([lat, lon], { title: name, alt: name }).addTo(map);
    bounds.push([lat, lon]);
  }
  if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [24, 24] });
  } else {
    map.setView(bounds[0], 15);
  }
})();
