/* eventwire web UI: helpers shared by every page (no framework, no external files). */
"use strict";

const EW = (() => {
  const FILTER_KEYS = ["type", "mode", "quad", "actor", "recipient", "country", "since", "until", "flagged", "q"];
  const QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
  const QUAD_COLORS = {1: "#4e9ad6", 2: "#1c5d99", 3: "#f09a5a", 4: "#c2362f"};
  const PALETTE = ["#1c5d99", "#c2362f", "#4e9ad6", "#f09a5a", "#2a9d8f", "#8e5ea2", "#e9c46a", "#6c757d",
    "#264653", "#e76f51", "#90be6d", "#f4a261", "#577590", "#b5838d", "#43aa8b", "#9c6644"];
  const SVG_NS = "http://www.w3.org/2000/svg";

  function esc(value) {
    return String(value ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  }

  /** GET/POST the JSON API; throws an Error whose message is the server's explanation. */
  async function api(path, options = {}) {
    const response = await fetch(path, {headers: {Accept: "application/json", ...(options.headers || {})}, ...options});
    const body = await response.text();
    let data = null;
    try { data = body ? JSON.parse(body) : null; } catch (_) { data = null; }
    if (!response.ok) {
      let detail = data && (data.detail || data.error || data.message);
      if (detail && typeof detail !== "string") detail = JSON.stringify(detail);
      const error = new Error(`${response.status} ${response.statusText}: ${detail || body || "no details"}`);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  /** The filters in the page address (only the known, non-empty keys). */
  function currentFilters() {
    const from = new URLSearchParams(location.search);
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = from.get(key);
      if (value) params.set(key, value);
    }
    return params;
  }

  function formFilters(form) {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const input = form.elements[key];
      if (!input) continue;
      if (input.type === "checkbox") { if (input.checked) params.set(key, "true"); continue; }
      let value = input.value.trim();
      if (["country", "type"].includes(key)) value = value.toUpperCase();
      if (value) params.set(key, value);
    }
    return params;
  }

  function fillForm(form, params) {
    for (const key of FILTER_KEYS) {
      const input = form.elements[key];
      if (!input) continue;
      if (input.type === "checkbox") input.checked = params.get(key) === "true";
      else input.value = params.get(key) || "";
    }
  }

  /** Bind the shared filter form to the address: submit updates the URL (shareable) and calls onChange. */
  function bindFilters(onChange, extraKeys = []) {
    const form = document.getElementById("filters");
    const extras = () => {
      const out = new URLSearchParams();
      const from = new URLSearchParams(location.search);
      for (const key of extraKeys) if (from.get(key)) out.set(key, from.get(key));
      return out;
    };
    const run = () => { fillForm(form, currentFilters()); onChange(currentFilters(), extras()); };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const params = formFilters(form);
      for (const key of extraKeys) {
        const input = document.getElementById(key);
        if (input && input.value) params.set(key, input.value);
      }
      history.pushState(null, "", params.toString() ? `?${params}` : location.pathname);
      run();
    });
    form.addEventListener("reset", () => setTimeout(() => form.requestSubmit(), 0));
    window.addEventListener("popstate", run);
    for (const key of extraKeys) {
      const input = document.getElementById(key);
      if (!input) continue;
      const value = new URLSearchParams(location.search).get(key);
      if (value) input.value = value;
      input.addEventListener("change", () => form.requestSubmit());
    }
    run();
    return form;
  }

  function svg(tag, attrs = {}, parent = null) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (parent) parent.appendChild(node);
    return node;
  }

  /** Red (conflict, -10) through grey (0) to blue (cooperation, +10). */
  function scoreColor(score) {
    const t = Math.max(-1, Math.min(1, (Number(score) || 0) / 10));
    const grey = [150, 150, 150], red = [194, 54, 47], blue = [28, 93, 153];
    const to = t < 0 ? red : blue, f = Math.abs(t);
    const mix = grey.map((g, i) => Math.round(g + (to[i] - g) * f));
    return `rgb(${mix.join(",")})`;
  }

  let countryTable = null;
  async function countries() {
    if (!countryTable) {
      try { countryTable = await api("/ui/countries.json"); } catch (_) { countryTable = {}; }
    }
    return countryTable;
  }

  function codeName(code, table) {
    const entry = table && table[code];
    return entry ? entry.name : "";
  }

  function entityHtml(entities, {withNames = true} = {}) {
    if (!entities || !entities.length) return '<span class="name">—</span>';
    return entities.map((e) => {
      const code = e.code ? `<span class="code">${esc(e.code)}${e.sector ? " " + esc(e.sector) : ""}</span>` : "";
      const name = withNames && e.entity_text ? ` <span class="name">${esc(e.entity_text)}</span>` : "";
      const office = withNames && e.office ? ` <span class="name">(${esc(e.office)})</span>` : "";
      return code + name + office;
    }).join(", ");
  }

  function codesText(entities) {
    return (entities || []).map((e) => e.code).filter(Boolean).join(" ") || "?";
  }

  function typeBadge(record) {
    const type = (record.event || [])[0] || "?";
    const more = (record.event || []).slice(1);
    const modes = [...(record.mode || []), ...(record.context || [])];
    return `<span class="type quad-${esc(record.quad_code)}" title="quad class ${esc(record.quad_code)}: ` +
      `${esc(QUAD_NAMES[record.quad_code] || "")}">${esc(type)}</span>` +
      (more.length ? ` <span class="modes">+ ${esc(more.join(", "))}</span>` : "") +
      (modes.length ? ` <span class="modes">${esc(modes.join(", "))}</span>` : "");
  }

  function flagHtml(flag) {
    const parts = [`<span class="kind">${esc(flag.kind || "flag")}</span>`];
    if (flag.text) parts.push(`“${esc(flag.text)}”`);
    if (flag.claimed) parts.push(`claims <strong>${esc(flag.claimed)}</strong>`);
    if (flag.known) parts.push(`known: <strong>${esc(flag.known)}</strong>`);
    if (flag.source) parts.push(`<span class="name">source: ${esc(flag.source)}</span>`);
    return parts.join(" ");
  }

  /** One event as a card: type and mode, source -> target, date, place, speaker, markers, flags, evidence. */
  function eventCard(record, {articleLink = false} = {}) {
    const card = document.createElement("article");
    card.className = `card q${record.quad_code || 0}`;
    card.dataset.eventId = record.id;
    card.id = `event-${record.id}`;
    card.tabIndex = 0;
    if (record.text_info) card.dataset.seq = record.text_info.sequence;
    const markers = Object.entries(record.markers || {}).filter(([, on]) => on).map(([name]) => name);
    const loc = record.event_loc || {};
    const place = [loc.name, loc.country].filter(Boolean).join(", ");
    const info = record.text_info || {};
    const flags = record.flags || [];
    const rows = [
      ["Source", entityHtml(record.actor)],
      ["Target", entityHtml(record.recipient)],
      ["Date", record.date ? `${esc(record.date)} <span class="name">${esc(record.date_precision || "")}` +
        `${record.date_text ? " · “" + esc(record.date_text) + "”" : ""}</span>` : '<span class="name">unresolved</span>'],
    ];
    if (place) rows.push(["Place", esc(place)]);
    if (record.speaker) rows.push(["Said by", entityHtml([record.speaker])]);
    rows.push(["Markers", markers.length ? markers.map((m) => `<span class="marker">${esc(m)}</span>`).join("") : '<span class="name">none</span>']);
    rows.push(["Confidence", esc(record.confidence ?? "")]);
    rows.push(["Score", `${esc(record.event_scale ?? "")} <span class="name">quad ${esc(record.quad_code)} · CAMEO ${esc(record.cameo || "")}</span>`]);
    rows.push(["Evidence", `sentence ${esc(info.sequence)}, characters ${esc(info.start)}–${esc(info.end)}` +
      (record.event_text ? ` · “${esc(record.event_text)}”` : "")]);
    if (flags.length) rows.push(["Flags", flags.map((f) => `<div class="flag-item">${flagHtml(f)}</div>`).join("")]);
    const link = articleLink && record.article_id
      ? `<a href="/ui/articles/${encodeURIComponent(record.article_id)}#event-${esc(record.id)}">open in article</a>` : "";
    card.innerHTML = `<h3>${typeBadge(record)}${flags.length ? ` <span class="flag-badge">${flags.length} flag${flags.length > 1 ? "s" : ""}</span>` : ""}</h3>` +
      `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>` +
      (record.text ? `<blockquote>${esc(record.text)}</blockquote>` : "") + link;
    return card;
  }

  function setStatus(id, text, isError = false) {
    const node = document.getElementById(id);
    if (!node) return;
    node.textContent = text;
    node.classList.toggle("error", isError);
  }

  /** Round tick steps for an axis from 0 to max. */
  function ticks(max, count = 5) {
    if (max <= 0) return [0, 1];
    const raw = max / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) || mag * 10;
    const out = [];
    for (let v = 0; v <= max + step * 0.999; v += step) out.push(Math.round(v * 1e6) / 1e6);
    return out.length > 1 ? out : [0, step];
  }

  return {FILTER_KEYS, QUAD_NAMES, QUAD_COLORS, PALETTE, esc, api, currentFilters, formFilters, fillForm, bindFilters,
    svg, scoreColor, countries, codeName, entityHtml, codesText, typeBadge, flagHtml, eventCard, setStatus, ticks};
})();
