// The command room's map: outlines of the area in scope and a marker per open event; markers are redrawn after every
// live refresh of the board (live.js fires "policegrid:refreshed").
(function () {
  "use strict";
  var el = document.getElementById("board-map");
  if (!el || !window.L) return;
  var map = L.map(el, { zoomSnap: 0.25, attributionControl: false });
  if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, { maxZoom: 19 }).addTo(map);
  map.setView([33.77, 113.19], 9);
  var markers = L.layerGroup().addTo(map);
  var fitted = false;

  function draw() {
    markers.clearLayers();
    var data = document.getElementById("board-points");
    var points = data ? JSON.parse(data.textContent || "[]") : [];
    points.forEach(function (p) {
      var m = L.circleMarker([p.lat, p.lon], { radius: 7, color: p.overdue ? "#b91c1c" : "#1d4ed8", weight: 2, fillOpacity: 0.6 });
      var box = document.createElement("div");
      var link = document.createElement("a");
      link.href = "/events/" + p.id;
      link.textContent = p.number + " " + p.title;
      box.append(link, document.createElement("br"), document.createTextNode(p.status));
      m.bindPopup(box);
      m.addTo(markers);
    });
    el.setAttribute("data-markers", String(points.length));
  }

  fetch(el.dataset.outlines, { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (geo) {
      var layer = L.geoJSON(geo, { style: { color: "#1d4ed8", weight: 1, fillOpacity: 0.05 } }).addTo(map);
      if (layer.getLayers().length > 0) { map.fitBounds(layer.getBounds(), { padding: [8, 8] }); fitted = true; }
    })
    .catch(function () { /* markers still show */ })
    .then(function () {
      draw();
      if (!fitted && markers.getLayers().length > 0) map.fitBounds(L.featureGroup(markers.getLayers()).getBounds(), { padding: [20, 20] });
    });
  document.addEventListener("policegrid:refreshed", draw);
})();
