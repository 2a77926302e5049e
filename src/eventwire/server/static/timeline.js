/* Timeline: GET /stats/timeline, drawn as stacked bars per day (or week) with axes and a legend. */
"use strict";

(() => {
  const W = 1180, H = 420, M = {top: 16, right: 16, bottom: 56, left: 48};

  function label(by, key) {
    return by === "quad" && EW.QUAD_NAMES[key] ? `${key} ${EW.QUAD_NAMES[key]}` : String(key);
  }

  function color(by, key, index) {
    return by === "quad" && EW.QUAD_COLORS[key] ? EW.QUAD_COLORS[key] : EW.PALETTE[index % EW.PALETTE.length];
  }

  /** Every day (or Monday) from the first date to the last, so gaps show as gaps. */
  function dateRange(dates, interval) {
    if (!dates.length) return [];
    const start = new Date(`${dates[0]}T00:00:00Z`), end = new Date(`${dates[dates.length - 1]}T00:00:00Z`);
    const step = interval === "week" ? 7 : 1;
    if ((end - start) / 864e5 / step > 800) return dates;
    const out = [];
    for (let d = start; d <= end; d = new Date(d.getTime() + step * 864e5)) out.push(d.toISOString().slice(0, 10));
    for (const date of dates) if (!out.includes(date)) out.push(date);
    return out.sort();
  }

  function draw(series, by, interval) {
    const box = document.getElementById("chart");
    box.replaceChildren();
    const counts = {};
    for (const s of series) for (const p of s.points || []) {
      if (!p.date) continue;
      (counts[p.date] ||= {})[s.key] = (counts[p.date][s.key] || 0) + p.count;
    }
    const dates = dateRange(Object.keys(counts).sort(), interval);
    const keys = series.map((s) => s.key);
    const totals = dates.map((d) => keys.reduce((sum, k) => sum + ((counts[d] || {})[k] || 0), 0));
    const max = Math.max(1, ...totals);
    const yTicks = EW.ticks(max);
    const top = yTicks[yTicks.length - 1];
    const plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;
    const svg = EW.svg("svg", {viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "chart-title"});
    EW.svg("title", {id: "chart-title"}, svg).textContent = `Events per ${interval} by ${by === "quad" ? "quad class" : "event type"}`;
    const grid = EW.svg("g", {class: "grid"}, svg);
    const yAxis = EW.svg("g", {class: "axis y"}, svg);
    const y = (v) => M.top + plotH - (v / top) * plotH;
    for (const t of yTicks) {
      EW.svg("line", {x1: M.left, x2: W - M.right, y1: y(t), y2: y(t)}, grid);
      const text = EW.svg("text", {x: M.left - 6, y: y(t) + 4, "text-anchor": "end"}, yAxis);
      text.textContent = t;
    }
    EW.svg("line", {x1: M.left, x2: M.left, y1: M.top, y2: M.top + plotH}, yAxis);
    const yLabel = EW.svg("text", {x: 12, y: M.top + plotH / 2, transform: `rotate(-90 12 ${M.top + plotH / 2})`, "text-anchor": "middle"}, yAxis);
    yLabel.textContent = "events";
    const xAxis = EW.svg("g", {class: "axis x"}, svg);
    EW.svg("line", {x1: M.left, x2: W - M.right, y1: M.top + plotH, y2: M.top + plotH}, xAxis);
    const slot = plotW / Math.max(1, dates.length);
    const barW = Math.max(1, Math.min(48, slot * 0.8));
    const every = Math.max(1, Math.ceil(dates.length / 14));
    const bars = EW.svg("g", {class: "bars"}, svg);
    dates.forEach((date, i) => {
      const x = M.left + i * slot + (slot - barW) / 2;
      let acc = 0;
      keys.forEach((key, k) => {
        const n = (counts[date] || {})[key] || 0;
        if (!n) return;
        const rect = EW.svg("rect", {x, y: y(acc + n), width: barW, height: Math.max(0.5, y(acc) - y(acc + n)),
          fill: color(by, key, k), class: "bar", "data-date": date, "data-key": key}, bars);
        EW.svg("title", {}, rect).textContent = `${date}: ${n} ${label(by, key)}`;
        acc += n;
      });
      if (i % every === 0) {
        const cx = M.left + i * slot + slot / 2;
        EW.svg("line", {x1: cx, x2: cx, y1: M.top + plotH, y2: M.top + plotH + 5}, xAxis);
        const text = EW.svg("text", {x: cx, y: M.top + plotH + 18, "text-anchor": "middle"}, xAxis);
        text.textContent = date;
      }
    });
    const xLabel = EW.svg("text", {x: M.left + plotW / 2, y: H - 10, "text-anchor": "middle"}, xAxis);
    xLabel.textContent = interval === "week" ? "week (Monday)" : "date of the event";
    box.appendChild(svg);
    document.getElementById("chart-legend").innerHTML = keys.map((key, k) =>
      `<span><span class="swatch" style="background:${color(by, key, k)}"></span>${EW.esc(label(by, key))}</span>`).join("");
    return totals.reduce((a, b) => a + b, 0);
  }

  EW.bindFilters(async (filters, extras) => {
    const interval = extras.get("interval") || "day", by = extras.get("by") || "quad";
    const params = new URLSearchParams(filters);
    params.set("interval", interval);
    params.set("by", by);
    EW.setStatus("chart-status", "Loading…");
    try {
      const data = await EW.api(`/stats/timeline?${params}`);
      const series = (data.series || []).slice().sort((a, b) => String(a.key).localeCompare(String(b.key)));
      const total = draw(series, by, interval);
      EW.setStatus("chart-status", total ? `${total} dated events.` : "No dated events match these filters.");
    } catch (error) {
      EW.setStatus("chart-status", `Could not load the timeline: ${error.message}`, true);
    }
  }, ["interval", "by"]);
})();
