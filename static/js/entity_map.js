// The entity map: asks the API for the filtered entities grouped by the current zoom
// and view, and draws clusters (click to zoom in on one) and single points (click for the
// popup). The filters are the page's own form, so the map shows what the list shows.
"use strict";
(function () {
  const config = sseMap.readConfig();
  const labels = config.labels;
  const map = sseMap.create("entity-map", config);
  const layer = L.layerGroup().addTo(map);
  const status = document.querySelector('[data-testid="map-status"]');
  const colours = {
    SSE: "#198754",
    BORDERLINE: "#e0a800",
    OUTSIDE: "#6c757d",
    UNASSESSED: "#0d6efd",
  };
  let pending = null;

  function filters() {
    const params = new URLSearchParams(window.location.search);
    params.delete("page");
    params.delete("sort");
    // The API names the page's search box `search`.
    if (params.has("q")) {
      params.set("search", params.get("q"));
      params.delete("q");
    }
    for (const [key, value] of Array.from(params.entries())) {
      if (!value) params.delete(key);
    }
    if (config.country) params.set("country", config.country);
    return params;
  }

  function clusterIcon(count) {
    const size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    const inner = document.createElement("div");
    const text = document.createElement("span");
    text.textContent = count.toLocaleString();
    inner.appendChild(text);
    return L.divIcon({
      html: inner.outerHTML,
      className: `marker-cluster marker-cluster-${size}`,
      iconSize: L.point(40, 40),
    });
  }

  function popup(point) {
    const box = document.createElement("div");
    box.className = "map-popup";
    const title = document.createElement("strong");
    title.textContent = point.name_en || point.name_local || point.code;
    box.appendChild(title);
    if (point.name_local && point.name_en) {
      const local = document.createElement("div");
      local.className = "local-script";
      local.textContent = point.name_local;
      box.appendChild(local);
    }
    const facts = document.createElement("dl");
    facts.className = "small mb-1";
    [
      [labels.type, point.sse_type_label || "—"],
      [labels.classification, point.classification_label],
      [labels.state, point.workflow_state_label],
    ].forEach(([name, value]) => {
      const term = document.createElement("dt");
      term.textContent = name;
      const detail = document.createElement("dd");
      detail.textContent = value;
      facts.append(term, detail);
    });
    box.appendChild(facts);
    const link = document.createElement("a");
    link.href = point.url;
    link.textContent = `${labels.open} ${point.code}`;
    box.appendChild(link);
    return box;
  }

  // The server counts entities in a grid of cells; near a cell's edge two counts can
  // land so close on screen that one icon hides part of the other, too small a target
  // to hit (WCAG 2.5.8). Such neighbours are shown as one count; zooming in splits it.
  const CLUSTER_SPACING_PX = 44;

  function spreadOut(clusters) {
    const shown = [];
    clusters.forEach((cluster) => {
      const at = map.latLngToContainerPoint([cluster.latitude, cluster.longitude]);
      const near = shown.find((other) => other.at.distanceTo(at) < CLUSTER_SPACING_PX);
      if (!near) {
        shown.push({ ...cluster, at });
        return;
      }
      const count = near.count + cluster.count;
      near.latitude = (near.latitude * near.count + cluster.latitude * cluster.count) / count;
      near.longitude = (near.longitude * near.count + cluster.longitude * cluster.count) / count;
      near.count = count;
      near.at = map.latLngToContainerPoint([near.latitude, near.longitude]);
    });
    return shown;
  }

  function draw(data) {
    layer.clearLayers();
    let shown = data.points.length;
    spreadOut(data.clusters).forEach((cluster) => {
      shown += cluster.count;
      const marker = L.marker([cluster.latitude, cluster.longitude], {
        icon: clusterIcon(cluster.count),
        title: `${cluster.count} ${labels.entities}`,
      });
      marker.on("click", () => {
        map.setView([cluster.latitude, cluster.longitude], Math.min(map.getZoom() + 2, 20));
      });
      layer.addLayer(marker);
    });
    data.points.forEach((point) => {
      const marker = L.circleMarker([point.latitude, point.longitude], {
        radius: 7,
        color: "#fff",
        weight: 1.5,
        fillColor: colours[point.classification] || "#0d6efd",
        fillOpacity: 0.9,
      });
      marker.bindPopup(() => popup(point));
      layer.addLayer(marker);
    });
    status.textContent = [
      sseMap.format(labels.inView, { n: shown.toLocaleString() }),
      sseMap.format(labels.withoutCoordinates, {
        n: data.without_coordinates.toLocaleString(),
      }),
    ].join(" · ");
    status.dataset.inView = String(shown);
    status.dataset.withoutCoordinates = String(data.without_coordinates);
    const element = document.getElementById("entity-map");
    element.dataset.zoom = String(map.getZoom());
    element.dataset.loaded = "true";
  }

  function load() {
    const view = map.getBounds();
    const params = filters();
    params.set("zoom", String(Math.max(0, Math.min(20, Math.round(map.getZoom())))));
    params.set("south", String(Math.max(-90, view.getSouth())));
    params.set("north", String(Math.min(90, view.getNorth())));
    params.set("west", String(Math.max(-180, view.getWest())));
    params.set("east", String(Math.min(180, view.getEast())));
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(`${config.api}?${params}`, {
      signal: pending.signal,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(draw)
      .catch((error) => {
        if (error.name !== "AbortError") status.textContent = labels.failed;
      });
  }

  map.on("moveend", load);
  load();
})();
