/* Small map of the proposed services (progressive enhancement: the list says the same). */
(function () {
  var box = document.getElementById("carte-propositions");
  if (!box || typeof L === "undefined") { return; }
  var points = JSON.parse(box.getAttribute("data-points") || "[]");
  if (!points.length) { box.hidden = true; return; }
  var map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer(box.getAttribute("data-tiles"), { maxZoom: 18, attribution: "© OpenStreetMap" }).addTo(map);
  var bounds = [];
  points.forEach(function (p) {
    var marker = p.home ? L.circleMarker([p.lat, p.lon], { radius: 8 }) : L.marker([p.lat, p.lon]);
    // A label is a partner's text: a DOM node with textContent, never HTML (Leaflet renders strings).
    var label = document.createElement("span");
    label.textContent = p.label;
    marker.addTo(map).bindPopup(label);
    bounds.push([p.lat, p.lon]);
  });
  map.fitBounds(bounds, { padding: [20, 20], maxZoom: 14 });
})();
