/* Dyad network: GET /stats/dyads drawn as nodes on a circle (placed by a few force steps), arrows from
   actor to recipient, width by count, colour by mean PLOVER score. Clicking an arrow lists its events. */
"use strict";

(() => {
  const W = 1180, H = 640;

  /** Circle start, then a few deterministic force steps: linked nodes pull, all nodes push apart. */
  function layout(codes, dyads) {
    const pos = {};
    const r = Math.min(W, H) / 2 - 70;
    codes.forEach((code, i) => {
      const a = (2 * Math.PI * i) / codes.length - Math.PI / 2;
      pos[code] = {x: W / 2 + r * Math.cos(a), y: H / 2 + r * Math.sin(a)};
    });
    for (let step = 0; step < 150; step++) {
      const force = Object.fromEntries(codes.map((c) => [c, {x: 0, y: 0}]));
      for (let i = 0; i < codes.length; i++) for (let j = i + 1; j < codes.length; j++) {
        const a = pos[codes[i]], b = pos[codes[j]];
        const dx = a.x - b.x, dy = a.y - b.y, d2 = Math.max(100, dx * dx + dy * dy), d = Math.sqrt(d2);
        const push = 60000 / d2;
        force[codes[i]].x += (push * dx) / d; force[codes[i]].y += (push * dy) / d;
        force[codes[j]].x -= (push * dx) / d; force[codes[j]].y -= (push * dy) / d;
      }
      for (const dyad of dyads) {
        const a = pos[dyad.actor], b = pos[dyad.recipient];
        if (!a || !b || a === b) continue;
        const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(1, Math.hypot(dx, dy));
        const pull = (d - 180) * 0.02;
        force[dyad.actor].x += (pull * dx) / d; force[dyad.actor].y += (pull * dy) / d;
        force[dyad.recipient].x -= (pull * dx) / d; force[dyad.recipient].y -= (pull * dy) / d;
      }
      for (const c of codes) {
        const p = pos[c];
        p.x += Math.max(-10, Math.min(10, force[c].x + (W / 2 - p.x) * 0.01));
        p.y += Math.max(-10, Math.min(10, force[c].y + (H / 2 - p.y) * 0.01));
        p.x = Math.max(60, Math.min(W - 60, p.x));
        p.y = Math.max(90, Math.min(H - 40, p.y));
      }
    }
    return pos;
  }

  function eventsUrl(filters, actor, recipient) {
    const params = new URLSearchParams(filters);
    if (actor) params.set("actor", actor);
    if (recipient) params.set("recipient", recipient);
    return `/ui/events?${params}`;
  }

  function draw(dyads, filters, names) {
    const box = document.getElementById("network");
    box.replaceChildren();
    const degree = {};
    for (const d of dyads) {
      degree[d.actor] = (degree[d.actor] || 0) + d.count;
      degree[d.recipient] = (degree[d.recipient] || 0) + d.count;
    }
    const codes = Object.keys(degree).sort((a, b) => degree[b] - degree[a] || a.localeCompare(b));
    const pos = layout(codes, dyads);
    const maxCount = Math.max(1, ...dyads.map((d) => d.count));
    const maxDegree = Math.max(1, ...Object.values(degree));
    const svg = EW.svg("svg", {viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "net-title"});
    EW.svg("title", {id: "net-title"}, svg).textContent = `Network of ${codes.length} actors and ${dyads.length} dyads`;
    const defs = EW.svg("defs", {}, svg);
    const edges = EW.svg("g", {class: "edges"}, svg);
    const nodes = EW.svg("g", {class: "nodes"}, svg);
    const radius = (code) => 10 + 16 * Math.sqrt(degree[code] / maxDegree);
    dyads.forEach((dyad, i) => {
      const a = pos[dyad.actor], b = pos[dyad.recipient];
      if (!a || !b) return;
      const colour = EW.scoreColor(dyad.mean_score);
      const marker = EW.svg("marker", {id: `arrow-${i}`, viewBox: "0 0 10 10", refX: 8, refY: 5,
        markerWidth: 14, markerHeight: 14, orient: "auto", markerUnits: "userSpaceOnUse"}, defs);
      EW.svg("path", {d: "M0,0 L10,5 L0,10 z", fill: colour}, marker);
      const width = 1.5 + 8 * (dyad.count / maxCount);
      let d;
      if (dyad.actor === dyad.recipient) {  // a loop above the node
        const r = radius(dyad.actor);
        d = `M${a.x - r * 0.6},${a.y - r * 0.8} C${a.x - 40},${a.y - 80} ${a.x + 40},${a.y - 80} ${a.x + r * 0.6},${a.y - r * 0.8}`;
      } else {  // a slight curve so A->B and B->A do not overlap; ends at the target's rim
        const dx = b.x - a.x, dy = b.y - a.y, len = Math.max(1, Math.hypot(dx, dy));
        const ra = radius(dyad.actor), rb = radius(dyad.recipient) + 3;
        const sx = a.x + (dx / len) * ra, sy = a.y + (dy / len) * ra;
        const ex = b.x - (dx / len) * rb, ey = b.y - (dy / len) * rb;
        const cx = (sx + ex) / 2 - (dy / len) * 30, cy = (sy + ey) / 2 + (dx / len) * 30;
        d = `M${sx},${sy} Q${cx},${cy} ${ex},${ey}`;
      }
      const link = EW.svg("a", {href: eventsUrl(filters, dyad.actor, dyad.recipient), class: "edge-link"}, edges);
      EW.svg("path", {d, fill: "none", stroke: "transparent", "stroke-width": Math.max(14, width + 8)}, link);  // easy to hit
      const path = EW.svg("path", {d, class: "edge", fill: "none", stroke: colour, "stroke-width": width, "stroke-opacity": 0.75,
        "marker-end": `url(#arrow-${i})`, "data-actor": dyad.actor, "data-recipient": dyad.recipient}, link);
      EW.svg("title", {}, path).textContent =
        `${dyad.actor} → ${dyad.recipient}: ${dyad.count} event${dyad.count === 1 ? "" : "s"}, mean score ${Number(dyad.mean_score).toFixed(1)}`;
    });
    for (const code of codes) {
      const p = pos[code];
      const link = EW.svg("a", {href: eventsUrl(filters, code, null), class: "node", "data-code": code}, nodes);
      EW.svg("circle", {cx: p.x, cy: p.y, r: radius(code), fill: "#1f3a5f"}, link);
      const label = EW.svg("text", {x: p.x, y: p.y + radius(code) + 14, "text-anchor": "middle"}, link);
      label.textContent = code;
      EW.svg("title", {}, link).textContent = `${code}${EW.codeName(code, names) ? " " + EW.codeName(code, names) : ""}: ${degree[code]} events`;
    }
    box.appendChild(svg);
    document.getElementById("net-legend").innerHTML =
      [-10, -5, 0, 5, 10].map((s) => `<span><span class="swatch" style="background:${EW.scoreColor(s)}"></span>score ${s > 0 ? "+" : ""}${s}</span>`).join("") +
      "<span>arrow width: number of events</span>";
    document.querySelector("#dyads tbody").innerHTML = dyads.map((d) =>
      `<tr><td><span class="code">${EW.esc(d.actor)}</span> <span class="name">${EW.esc(EW.codeName(d.actor, names))}</span></td>` +
      `<td><span class="code">${EW.esc(d.recipient)}</span> <span class="name">${EW.esc(EW.codeName(d.recipient, names))}</span></td>` +
      `<td><a href="${EW.esc(eventsUrl(filters, d.actor, d.recipient))}">${EW.esc(d.count)}</a></td>` +
      `<td>${Number(d.mean_score).toFixed(1)}</td></tr>`).join("");
  }

  EW.bindFilters(async (filters) => {
    EW.setStatus("net-status", "Loading…");
    try {
      const [data, names] = await Promise.all([EW.api(`/stats/dyads?${filters}`), EW.countries()]);
      const dyads = (data.dyads || []).filter((d) => d.actor && d.recipient);
      draw(dyads, filters, names);
      EW.setStatus("net-status", dyads.length ? `${dyads.length} dyads. Click an arrow or a row to see its events.`
        : "No events with both an actor and a recipient match these filters.");
    } catch (error) {
      EW.setStatus("net-status", `Could not load the network: ${error.message}`, true);
    }
  });
})();
