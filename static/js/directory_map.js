// The public directory's map: the published entities that match the search, in
// clusters; on an entity's page, its own point.
"use strict";
(function () {
  const element = document.getElementById("directory-map");
  if (!element) return;
  const config = window.sseMap.readConfig();
  const map = window.sseMap.create("directory-map", config);
  // Clusters need a highest zoom, which the plain (offline) map does not set.
  map.setMaxZoom(18);
  const status = document.querySelector("[data-testid=map-status]");

  if (config.point) {
    L.marker(config.point).addTo(map);
    map.setView(config.point, 9);
    return;
  }
  if (!config.points) return;

  fetch(config.points, { headers: { Accept: "application/json" } })
    .then((response) => {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    })
    .then((body) => {
      const clusters = L.markerClusterGroup({ chunkedLoading: true });
      const markers = body.points.map(([lat, lon, code, name]) => {
        const link = document.createElement("a");
        link.href = config.entity.replace("CODE", encodeURIComponent(code));
        link.textContent = name;
        return L.marker([lat, lon], { title: name }).bindPopup(link);
      });
      clusters.addLayers(markers);
      map.addLayer(clusters);
      if (markers.length) {
        // A single point is shown with its surroundings, not at the closest zoom.
        map.fitBounds(clusters.getBounds().pad(0.1), { maxZoom: 9 });
      }
      if (status) {
        status.textContent = window.sseMap.format(config.labels.onMap, {
          n: markers.length,
        });
      }
    })
    .catch((error) => {
      console.error(error);
      if (status) status.textContent = config.labels.failed;
    });
})();
