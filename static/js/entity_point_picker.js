// The entity form's point picker. Clicking the map or dragging the pin writes the
// coordinates into the form; typing them moves the pin. The chosen area's centres and
// reach (a circle of the radius beyond which the saved entity is flagged) are drawn,
// and a point outside is flagged at once, before saving, by the rule the server
// applies (countries/area_reach.py): beyond the reach, or much nearer another area's
// centre than the chosen one's.
"use strict";
(function () {
  const config = sseMap.readConfig();
  const labels = config.labels;
  const latitude = document.getElementById("id_latitude");
  const longitude = document.getElementById("id_longitude");
  const areaSelect = document.getElementById("id_area");
  const message = document.querySelector('[data-testid="picker-message"]');
  if (!latitude || !longitude || !areaSelect) return;
  const areas = new Map(config.areas.map((a) => [String(a.id), a]));
  const map = sseMap.create("point-picker", config);
  const reach = L.layerGroup().addTo(map);
  const pin = L.marker([0, 0], {
    draggable: true,
    keyboard: true,
    title: labels.pin,
    icon: L.divIcon({ className: "picker-pin", iconSize: L.point(18, 18) }),
  });

  function distanceKm(lat1, lon1, lat2, lon2) {
    const rad = Math.PI / 180;
    const dLat = (lat2 - lat1) * rad;
    const dLon = (lon2 - lon1) * rad;
    const a =
      Math.sin(dLat / 2) ** 2 +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
    return 2 * 6371 * Math.asin(Math.sqrt(a));
  }

  function nearest(lat, lon, centres) {
    return Math.min(...centres.map(([cLat, cLon]) => distanceKm(lat, lon, cLat, cLon)));
  }

  // Why the point lies outside the area ({km, nearer}), or null.
  function outside(point, area) {
    const own = nearest(point.lat, point.lon, area.centres);
    let nearer = null;
    let best = Infinity;
    config.areas.forEach((other) => {
      if (other.id === area.id) return;
      const theirs = nearest(point.lat, point.lon, other.centres);
      if (
        theirs <= config.rule.nearerShare * own &&
        own - theirs > config.rule.marginFloorKm &&
        theirs < best
      ) {
        best = theirs;
        nearer = other;
      }
    });
    if (!nearer && own <= area.reachKm) return { km: own, inside: true };
    return { km: own, inside: false, nearer };
  }

  function typed() {
    const lat = latitude.value.trim().replace(",", ".");
    const lon = longitude.value.trim().replace(",", ".");
    if (!lat || !lon) return null;
    const point = { lat: Number(lat), lon: Number(lon) };
    if (!Number.isFinite(point.lat) || !Number.isFinite(point.lon)) return "invalid";
    if (Math.abs(point.lat) > 90 || Math.abs(point.lon) > 180) return "invalid";
    return point;
  }

  function say(text, outside) {
    message.textContent = text;
    message.className = `small mt-2${outside ? " alert alert-warning py-2" : " text-body-secondary"}`;
    message.dataset.outside = outside ? "true" : "false";
    [latitude, longitude].forEach((input) => {
      input.classList.toggle("is-warning", outside);
      input.classList.toggle("border-warning", outside);
    });
  }

  function check() {
    const point = typed();
    const area = areas.get(areaSelect.value);
    if (point === "invalid") {
      say(labels.invalid, true);
      return;
    }
    if (point === null) {
      say("", false);
      return;
    }
    if (!area) {
      say(labels.noArea, false);
      return;
    }
    const verdict = outside(point, area);
    const values = {
      km: Math.round(verdict.km),
      area: area.name,
      reach: area.reachKm,
      other: verdict.nearer ? verdict.nearer.name : "",
    };
    if (verdict.inside) {
      say(sseMap.format(labels.inside, values), false);
    } else {
      say(sseMap.format(verdict.nearer ? labels.nearer : labels.far, values), true);
    }
  }

  function drawArea(fit) {
    reach.clearLayers();
    const area = areas.get(areaSelect.value);
    if (!area) return;
    const circle = L.circle([area.lat, area.lon], {
      radius: area.reachKm * 1000,
      color: "#0d6efd",
      weight: 1,
      fillOpacity: 0.06,
      interactive: false,
    }).addTo(reach);
    L.circleMarker([area.lat, area.lon], { radius: 4, color: "#0d6efd", fillOpacity: 1 })
      .bindTooltip(sseMap.format(labels.centre, { area: area.name }))
      .addTo(reach);
    area.centres.slice(1).forEach(([lat, lon]) =>
      L.circleMarker([lat, lon], { radius: 3, color: "#0d6efd", fillOpacity: 0.4 })
        .bindTooltip(sseMap.format(labels.formerCentre, { area: area.name }))
        .addTo(reach),
    );
    // Not animated: a zoom asked for while another runs would be dropped.
    if (fit) map.fitBounds(circle.getBounds(), { animate: false });
  }

  function placePin() {
    const point = typed();
    if (point && point !== "invalid") {
      pin.setLatLng([point.lat, point.lon]);
      if (!map.hasLayer(pin)) pin.addTo(map);
    } else if (map.hasLayer(pin)) {
      pin.remove();
    }
  }

  function write(latlng) {
    latitude.value = latlng.lat.toFixed(6);
    longitude.value = L.Util.wrapNum(latlng.lng, [-180, 180], true).toFixed(6);
    placePin();
    check();
  }

  map.on("click", (event) => write(event.latlng));
  pin.on("dragend", () => write(pin.getLatLng()));
  [latitude, longitude].forEach((input) =>
    input.addEventListener("input", () => {
      placePin();
      check();
      // A typed point off screen: show it together with the area's reach.
      if (map.hasLayer(pin) && !map.getBounds().contains(pin.getLatLng())) {
        const view = L.latLngBounds([pin.getLatLng()]);
        reach.eachLayer((layer) => layer.getBounds && view.extend(layer.getBounds()));
        map.fitBounds(view.pad(0.1), { animate: false });
      }
    }),
  );
  areaSelect.addEventListener("change", () => {
    drawArea(!typed());
    check();
  });

  drawArea(true);
  placePin();
  const point = typed();
  if (point && point !== "invalid") map.setView([point.lat, point.lon], Math.max(map.getZoom(), 7));
  check();
  document.getElementById("point-picker").dataset.ready = "true";
})();
