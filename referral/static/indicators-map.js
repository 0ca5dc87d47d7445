// Unmet needs by commune on a Leaflet map; the same figures are in the table beside it.
(function () {
  var holder = document.getElementById("unmet-map");
  var source = document.getElementById("unmet-data");
  if (!holder || !source || typeof L === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var map = L.map(holder);
  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: 18, attribution: "© contributeurs OpenStreetMap" }).addTo(map);
  }
  var bounds = [];
  data.points.forEach(function (point) {
    var size = point.value === "< 5" ? 10 : Math.min(40, 8 + 2 * Number(point.value));
    var marker = L.circleMarker([point.lat, point.lon], {
      radius: size / 2, weight: 2, color: "#7c2d12", fillColor: "#fdba74", fillOpacity: 0.8
    }).addTo(map);
    // Text, never HTML: Leaflet renders a string tooltip as markup.
    var label = document.createElement("span");
    label.textContent = point.name + " : " + point.value;
    marker.bindTooltip(label, { permanent: data.points.length <= 6, direction: "right" });
    bounds.push([point.lat, point.lon]);
  });
  if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 12 }); }
  else { map.setView([46.6, 2.4], 5); }
})();
