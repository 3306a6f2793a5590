// The coverage map: one circle per first-level area at its centre, its surface
// proportional to the entities recorded there; a click opens the area's list.
"use strict";
(function () {
  const config = sseMap.readConfig();
  const map = sseMap.create("coverage-map", config);
  const areas = config.coverage.filter((a) => a.latitude !== null && a.longitude !== null);
  const most = Math.max(1, ...areas.map((a) => a.entities));
  const largest = 28; // pixels, for the area with the most entities
  areas.forEach((area) => {
    const circle = L.circleMarker([area.latitude, area.longitude], {
      radius: area.entities ? Math.max(3, largest * Math.sqrt(area.entities / most)) : 3,
      color: area.entities ? "#0a58ca" : "#b02a37",
      weight: 1.5,
      fillColor: "#0d6efd",
      fillOpacity: area.entities ? 0.45 : 0,
    });
    circle.bindTooltip(`${area.name_en}: ${area.entities.toLocaleString()}`);
    if (area.entities) circle.on("click", () => window.location.assign(area.url));
    circle.addTo(map);
  });
  document.getElementById("coverage-map").dataset.circles = String(areas.length);
})();
