/* Event search: the filter form drives GET /events; results table, paging and downloads of the same query. */
"use strict";

(() => {
  const PAGE_SIZE = 50;
  const tbody = document.querySelector("#results tbody");
  let filters = new URLSearchParams();
  let offset = 0;

  function row(record) {
    const tr = document.createElement("tr");
    tr.dataset.eventId = record.id;
    const cite = record.cite_info || {};
    const articleUrl = `/ui/articles/${encodeURIComponent(record.article_id)}#event-${encodeURIComponent(record.id)}`;
    const speaker = record.speaker ? EW.entityHtml([record.speaker]) : "";
    tr.innerHTML =
      `<td class="date">${EW.esc(record.date || "—")}</td>` +
      `<td>${EW.typeBadge(record)}${(record.flags || []).length ? ' <span class="flag-badge">flag</span>' : ""}</td>` +
      `<td class="dyad">${EW.entityHtml(record.actor)} → ${EW.entityHtml(record.recipient)}</td>` +
      `<td class="sentence"><a href="${articleUrl}">${EW.esc(record.text || record.event_text || "(no sentence)")}</a></td>` +
      `<td class="speaker">${speaker}</td>` +
      `<td class="outlet">${EW.esc(cite.outlet || "")}${cite.title ? `<br><span class="name">${EW.esc(cite.title)}</span>` : ""}</td>`;
    return tr;
  }

  function setDownloads() {
    for (const format of ["csv", "json", "jsonl", "parquet"]) {
      const params = new URLSearchParams(filters);
      params.set("format", format);
      document.getElementById(`dl-${format}`).href = `/events?${params}`;
    }
  }

  async function load() {
    const params = new URLSearchParams(filters);
    params.set("limit", PAGE_SIZE);
    params.set("offset", offset);
    EW.setStatus("summary", "Searching…");
    setDownloads();
    try {
      const data = await EW.api(`/events?${params}`);
      const events = data.events || [];
      tbody.replaceChildren(...events.map(row));
      const total = data.total ?? events.length;
      const first = events.length ? offset + 1 : 0;
      EW.setStatus("summary", total
        ? `${total} event${total === 1 ? "" : "s"}; showing ${first}–${offset + events.length}`
        : "No events match these filters.");
      document.getElementById("page-info").textContent =
        total > PAGE_SIZE ? `page ${Math.floor(offset / PAGE_SIZE) + 1} of ${Math.ceil(total / PAGE_SIZE)}` : "";
      document.getElementById("prev").disabled = offset === 0;
      document.getElementById("next").disabled = offset + events.length >= total;
    } catch (error) {
      tbody.replaceChildren();
      EW.setStatus("summary", `Could not load events: ${error.message}`, true);
    }
  }

  function pageTo(newOffset) {
    offset = Math.max(0, newOffset);
    const params = new URLSearchParams(filters);
    if (offset) params.set("offset", offset);
    history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
    load();
  }

  document.getElementById("prev").addEventListener("click", () => pageTo(offset - PAGE_SIZE));
  document.getElementById("next").addEventListener("click", () => pageTo(offset + PAGE_SIZE));

  EW.bindFilters((params) => {
    filters = params;
    offset = Number(new URLSearchParams(location.search).get("offset")) || 0;
    load();
  });
})();
