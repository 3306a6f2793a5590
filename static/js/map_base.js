// What every map page shares: the zoom buttons, the base layer (tiles when configured,
// else the countries' outlines and the areas' centres on a plain background) and
// fitting the view to the areas.
"use strict";
window.sseMap = (function () {
  function readConfig() {
    return JSON.parse(document.getElementById("map-config").textContent);
  }

  function create(elementId, config) {
    const map = L.map(elementId, { worldCopyJump: true, zoomControl: false });
    // The zoom buttons' titles in the reader's language.
    L.control
      .zoom({ zoomInTitle: config.zoom.in, zoomOutTitle: config.zoom.out })
      .addTo(map);
    // The view first: a vector layer added to a map without one cannot be drawn.
    fit(map, config.areas);
    if (config.tiles) {
      L.tileLayer(config.tiles.url, {
        attribution: config.tiles.attribution,
        maxZoom: 19,
      }).addTo(map);
    } else {
      // No tiles: the countries' outlines and the areas' centres, so the map works
      // offline.
      if (config.outlines) {
        L.geoJSON(config.outlines, {
          interactive: false,
          style: {
            className: "map-outline",
            color: "#6c757d",
            weight: 1,
            fillColor: "#ffffff",
            fillOpacity: 0.7,
          },
        }).addTo(map);
      }
      config.areas.forEach((area) => {
        L.circleMarker([area.lat, area.lon], {
          radius: 2,
          color: "#8a96a3",
          weight: 1,
          fillOpacity: 0.6,
          interactive: false,
        }).addTo(map);
      });
    }
    return map;
  }

  function fit(map, areas) {
    if (!areas.length) {
      map.setView([15, 100], 4);
      return;
    }
    const bounds = L.latLngBounds(areas.map((a) => [a.lat, a.lon]));
    map.fitBounds(bounds.pad(0.15));
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_m, key) => String(values[key]));
  }

  return { readConfig, create, format };
})();
