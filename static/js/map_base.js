// What every map page shares: the base layer (tiles when configured, else a plain
// background with the areas' centres) and fitting the view to the areas.
"use strict";
window.sseMap = (function () {
  function readConfig() {
    return JSON.parse(document.getElementById("map-config").textContent);
  }

  function create(elementId, config) {
    const map = L.map(elementId, { worldCopyJump: true });
    if (config.tiles) {
      L.tileLayer(config.tiles.url, {
        attribution: config.tiles.attribution,
        maxZoom: 19,
      }).addTo(map);
    } else {
      // No tiles: the areas' centres stand in for outlines, so the map works offline.
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
    fit(map, config.areas);
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
