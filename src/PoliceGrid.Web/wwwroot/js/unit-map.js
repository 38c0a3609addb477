// Draws a unit's outline and its children's on a Leaflet map. No tiles unless Map:TileUrl is set (offline intranets).
(function () {
  "use strict";
  var el = document.getElementById("unit-map");
  if (!el || !window.L) return;

  var map = L.map(el, { zoomSnap: 0.25, attributionControl: false });
  if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, { maxZoom: 19 }).addTo(map);
  map.setView([33.77, 113.19], 9);

  var leafKinds = { Grid: true, MicroGrid: true, PoliceDistrict: true };

  // Names are data, never markup: Leaflet puts a string tooltip in as HTML, so it gets an element holding text.
  function textOf(value) {
    var span = document.createElement("span");
    span.textContent = value == null ? "" : String(value);
    return span;
  }

  function popupFor(props) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = props.name;
    var link = document.createElement("a");
    link.href = "/units/" + props.id;
    link.textContent = el.dataset.openLabel;
    box.append(name, document.createElement("br"), link);
    return box;
  }

  fetch(el.dataset.outlines, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        style: function (f) {
          return f.properties.role === "self"
            ? { color: "#0f2a5c", weight: 3, fillColor: "#93c5fd", fillOpacity: 0.08 }
            : { color: "#1d4ed8", weight: 1, fillColor: "#60a5fa", fillOpacity: 0.25 };
        },
        onEachFeature: function (f, shape) {
          var p = f.properties;
          shape.bindTooltip(textOf(p.name), { sticky: true });
          if (p.role === "child" && !leafKinds[p.kind]) {
            shape.on("click", function () { window.location.href = "/map?unit=" + p.id; });
          } else {
            shape.bindPopup(popupFor(p));
          }
        }
      }).addTo(map);
      if (layer.getLayers().length === 0) {
        el.classList.add("map-empty");
        el.textContent = el.dataset.noneLabel;
        return;
      }
      map.fitBounds(layer.getBounds(), { padding: [12, 12] });
    })
    .catch(function () {
      el.classList.add("map-empty");
      el.textContent = el.dataset.noneLabel;
    });
})();
