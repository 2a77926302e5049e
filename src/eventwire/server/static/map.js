/* Map: the world map (pygal_maps_world's SVG, Robinson projection, countries keyed by ISO alpha-2)
   with countries shaded by event count and dots at event locations. */
"use strict";

(() => {
  // Robinson projection table (every 5 degrees of latitude) and this map's placement of it, measured
  // against small countries' capitals: x = X0 + KX * X(lat) * lon, y = Y0 - KY * Y(lat).
  const ROB_X = [1.0000, 0.9986, 0.9954, 0.9900, 0.9822, 0.9730, 0.9600, 0.9427, 0.9216, 0.8962, 0.8679, 0.8350,
    0.7986, 0.7597, 0.7186, 0.6732, 0.6213, 0.5722, 0.5322];
  const ROB_Y = [0.0000, 0.0620, 0.1240, 0.1860, 0.2480, 0.3100, 0.3720, 0.4340, 0.4958, 0.5571, 0.6176, 0.6769,
    0.7346, 0.7903, 0.8435, 0.8936, 0.9394, 0.9761, 1.0000];
  const X0 = 1204.5, KX = 7.623, Y0 = 686.1, KY = 701.1;
  const PAGE = 500, MAX_EVENTS = 5000;

  function project(lat, lon) {
    const a = Math.min(90, Math.abs(lat)) / 5, i = Math.min(17, Math.floor(a)), f = a - i;
    const px = ROB_X[i] + (ROB_X[i + 1] - ROB_X[i]) * f, py = ROB_Y[i] + (ROB_Y[i + 1] - ROB_Y[i]) * f;
    return {x: X0 + KX * px * lon, y: Y0 - KY * py * Math.sign(lat)};
  }

  async function allEvents(filters) {
    const out = [];
    let total = Infinity;
    while (out.length < Math.min(total, MAX_EVENTS)) {
      const params = new URLSearchParams(filters);
      params.set("limit", PAGE);
      params.set("offset", out.length);
      const data = await EW.api(`/events?${params}`);
      const events = data.events || [];
      total = data.total ?? events.length;
      out.push(...events);
      if (!events.length) break;
    }
    return {events: out, total};
  }

  let mapSvgText = null;
  async function mapSvg() {
    if (mapSvgText === null) {
      const response = await fetch("/ui/worldmap.svg");
      const text = await response.text();
      if (!response.ok) throw new Error(text);
      mapSvgText = text;
    }
    return mapSvgText;
  }

  function shade(count, max) {
    if (!count) return null;
    const t = 0.2 + 0.8 * Math.sqrt(count / max);
    const from = [227, 231, 238], to = [31, 58, 95];
    return `rgb(${from.map((v, i) => Math.round(v + (to[i] - v) * t)).join(",")})`;
  }

  function eventsUrl(filters, key, value) {
    const params = new URLSearchParams(filters);
    params.set(key, value);
    return `/ui/events?${params}`;
  }

  async function draw(filters) {
    const [text, names, {events, total}] = await Promise.all([mapSvg(), EW.countries(), allEvents(filters)]);
    const byIso2 = {};
    for (const [iso3, entry] of Object.entries(names)) if (entry.iso2) byIso2[entry.iso2] = {iso3, name: entry.name};
    const perCountry = {}, places = {};
    for (const record of events) {
      const loc = record.event_loc || {};
      if (loc.country) perCountry[loc.country] = (perCountry[loc.country] || 0) + 1;
      if (loc.lat == null || loc.lon == null) continue;
      const key = `${loc.name}|${loc.lat}|${loc.lon}`;
      (places[key] ||= {name: loc.name, country: loc.country, lat: loc.lat, lon: loc.lon, count: 0}).count++;
    }
    const box = document.getElementById("map");
    box.innerHTML = text;
    const svg = box.querySelector("svg");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "World map of event locations");
    const maxCountry = Math.max(1, ...Object.values(perCountry));
    for (const group of svg.querySelectorAll("g.country")) {
      const iso2 = [...group.classList].find((c) => c.length === 2);
      const info = byIso2[iso2];
      if (!info) continue;
      const count = perCountry[info.iso3] || 0;
      const fill = shade(count, maxCountry);
      if (fill) group.querySelectorAll("path").forEach((p) => { p.style.fill = fill; });
      group.dataset.code = info.iso3;
      group.dataset.count = count;
      const title = EW.svg("title", {});
      title.textContent = `${info.name} (${info.iso3}): ${count} event${count === 1 ? "" : "s"} placed here`;
      group.prepend(title);
      group.addEventListener("click", () => { location.href = eventsUrl(filters, "country", info.iso3); });
    }
    const dots = EW.svg("g", {class: "dots"}, svg);
    const list = Object.values(places).sort((a, b) => b.count - a.count);
    const maxPlace = Math.max(1, ...list.map((p) => p.count));
    for (const place of list) {
      const {x, y} = project(place.lat, place.lon);
      const link = EW.svg("a", {href: place.country ? eventsUrl(filters, "country", place.country) : "#"}, dots);
      const dot = EW.svg("circle", {cx: x, cy: y, r: 5 + 9 * Math.sqrt(place.count / maxPlace), class: "dot",
        "data-place": place.name || ""}, link);
      EW.svg("title", {}, dot).textContent = `${place.name || "?"}, ${place.country || "?"}: ${place.count} event${place.count === 1 ? "" : "s"}`;
    }
    document.getElementById("map-legend").innerHTML =
      [1, Math.ceil(maxCountry / 2), maxCountry].filter((v, i, a) => a.indexOf(v) === i)
        .map((n) => `<span><span class="swatch" style="background:${shade(n, maxCountry)}"></span>${n} event${n === 1 ? "" : "s"}</span>`).join("") +
      '<span><span class="swatch" style="background:#c2362f;border-radius:50%"></span>event location</span>';
    document.querySelector("#places tbody").innerHTML = list.map((p) =>
      `<tr><td>${EW.esc(p.name || "?")}</td><td><a href="${EW.esc(eventsUrl(filters, "country", p.country || ""))}">${EW.esc(p.country || "")}</a>` +
      ` <span class="name">${EW.esc(EW.codeName(p.country, names))}</span></td><td>${p.count}</td></tr>`).join("");
    const located = list.reduce((sum, p) => sum + p.count, 0);
    return {total, located, shown: events.length};
  }

  EW.bindFilters(async (filters) => {
    EW.setStatus("map-status", "Loading…");
    try {
      const {total, located, shown} = await draw(filters);
      EW.setStatus("map-status", `${total} event${total === 1 ? "" : "s"}, ${located} with a location` +
        (shown < total ? ` (the first ${shown} are mapped)` : "") + ".");
    } catch (error) {
      EW.setStatus("map-status", `Could not draw the map: ${error.message}`, true);
    }
  });
})();
