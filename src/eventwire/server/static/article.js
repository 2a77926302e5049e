/* Article view: the text with actors, event words, quotes and flagged claims marked from the records'
   character offsets, one card per event; clicking a card highlights its sentence and the reverse. */
"use strict";

(() => {
  const root = document.getElementById("article");
  const articleId = root.dataset.articleId;

  /** Where `needle` occurs as whole words in text[from:to], or null. */
  function findWords(text, needle, from, to) {
    if (!needle) return null;
    const hay = text.slice(from, to);
    const pattern = needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
    const match = new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, "u").exec(hay);
    return match ? {start: from + match.index, end: from + match.index + match[0].length} : null;
  }

  /** Spans to mark: {start, end, kind, eventId?, seq?}. */
  function collectSpans(article) {
    const text = article.text || "";
    const spans = [];
    for (const record of article.events || []) {
      const info = record.text_info || {};
      if (info.start == null || info.end == null) continue;
      let [start, end] = [info.start, info.end];  // the sentence without the white space around it
      while (end > start && /\s/.test(text[end - 1])) end--;
      while (start < end && /\s/.test(text[start])) start++;
      spans.push({start, end, kind: "sent", seq: info.sequence, eventId: record.id});
      const trigger = findWords(text, record.event_text, info.start, info.end);
      if (trigger) spans.push({...trigger, kind: "trigger", eventId: record.id});
      for (const [role, entities] of [["actor", record.actor], ["recipient", record.recipient]]) {
        for (const entity of entities || []) {
          const found = findWords(text, entity.entity_text, info.start, info.end);
          if (found) spans.push({...found, kind: role, eventId: record.id});
        }
      }
      for (const flag of record.flags || []) {
        if (flag.start != null && flag.end != null) spans.push({start: flag.start, end: flag.end, kind: "flag", eventId: record.id});
      }
    }
    for (const quote of article.quotes || []) {
      if (quote.start != null && quote.end != null) spans.push({start: quote.start, end: quote.end, kind: "quote", quoteId: quote.id});
    }
    for (const flag of article.flags || []) {
      if (flag.start != null && flag.end != null) spans.push({start: flag.start, end: flag.end, kind: "flag"});
    }
    return spans.filter((s) => s.end > s.start && s.start >= 0 && s.end <= text.length);
  }

  /** The text as HTML: cut at every span boundary; each piece is marked with every span covering it. */
  function markedText(text, spans) {
    const lead = Math.min(text.match(/^\s*/)[0].length, ...spans.map((s) => s.start));  // blank lines on top
    const cuts = new Set([lead, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const bounds = [...cuts].sort((a, b) => a - b);
    let out = "";
    for (let i = 0; i + 1 < bounds.length; i++) {
      const [a, b] = [bounds[i], bounds[i + 1]];
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      let piece = EW.esc(text.slice(a, b));
      const marks = covering.filter((s) => s.kind !== "sent");
      if (marks.length) {
        const kinds = [...new Set(marks.map((s) => s.kind))];
        const ids = [...new Set(marks.map((s) => s.eventId).filter(Boolean))];
        const attrs = ids.length ? ` data-event-id="${EW.esc(ids[0])}" data-event-ids="${EW.esc(ids.join(" "))}"` : "";
        piece = `<mark class="${kinds.join(" ")}"${attrs}>${piece}</mark>`;
      }
      const sentence = covering.find((s) => s.kind === "sent");
      if (sentence) piece = `<span class="sent" data-seq="${EW.esc(sentence.seq)}">${piece}</span>`;
      out += piece;
    }
    return out;
  }

  function activate(seq, eventId, scrollText) {
    document.querySelectorAll(".sent.active, .card.active").forEach((n) => n.classList.remove("active"));
    const parts = document.querySelectorAll(`.sent[data-seq="${CSS.escape(String(seq))}"]`);
    parts.forEach((n) => n.classList.add("active"));
    const card = eventId ? document.getElementById(`event-${eventId}`) : null;
    if (card) card.classList.add("active");
    if (scrollText && parts.length) parts[0].scrollIntoView({block: "center", behavior: "smooth"});
    if (!scrollText && card) card.scrollIntoView({block: "nearest", behavior: "smooth"});
  }

  function render(article) {
    document.title = `${article.title || article.id} · eventwire`;
    document.getElementById("article-title").textContent = article.title || article.id;
    const meta = [article.outlet, article.published, article.id].filter(Boolean).map(EW.esc);
    if (article.url) meta.push(`<a href="${EW.esc(article.url)}" rel="noopener noreferrer">source</a>`);
    document.getElementById("article-meta").innerHTML = meta.join(" · ");
    const events = article.events || [];
    const quotes = article.quotes || [];
    // The article's flags, and any flag an event carries that the article list lacks (one per claim).
    const seen = new Set();
    const flags = [...(article.flags || []), ...events.flatMap((e) => e.flags || [])].filter((f) => {
      const key = `${f.kind}|${f.start}|${f.end}|${f.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    EW.setStatus("article-status", `${events.length} event${events.length === 1 ? "" : "s"}, ` +
      `${quotes.length} quote${quotes.length === 1 ? "" : "s"}, ${flags.length} flagged claim${flags.length === 1 ? "" : "s"}.`);

    const flagBox = document.getElementById("article-flags");
    if (flags.length) {
      flagBox.hidden = false;
      flagBox.querySelector("ul").innerHTML = flags.map((f) => `<li class="flag-item">${EW.flagHtml(f)}</li>`).join("");
    }

    const textBox = document.getElementById("article-text");
    textBox.innerHTML = markedText(article.text || "", collectSpans(article));
    textBox.addEventListener("click", (event) => {
      const sent = event.target.closest(".sent");
      if (!sent) return;
      const mark = event.target.closest("mark[data-event-id]");
      const seq = sent.dataset.seq;
      const record = mark ? events.find((e) => e.id === mark.dataset.eventId)
        : events.find((e) => String((e.text_info || {}).sequence) === seq);
      activate(seq, record && record.id, false);
    });

    const cards = document.getElementById("event-cards");
    if (!events.length) cards.innerHTML = '<p class="name">No events were coded in this article.</p>';
    for (const record of events) {
      const card = EW.eventCard(record);
      const go = () => activate(card.dataset.seq, record.id, true);
      card.addEventListener("click", go);
      card.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
      cards.appendChild(card);
    }

    document.getElementById("quote-list").innerHTML = quotes.length
      ? quotes.map((q) => `<li><strong>${EW.esc((q.speaker && (q.speaker.entity_text || q.speaker.code)) || "unknown speaker")}</strong>` +
        ` <span class="name">(${EW.esc(q.kind || "quote")})</span>: “${EW.esc(q.text)}”</li>`).join("")
      : '<li class="name">No quotes found.</li>';

    const wanted = location.hash.match(/^#event-(.+)$/);
    if (wanted) {
      const record = events.find((e) => e.id === decodeURIComponent(wanted[1]));
      if (record) activate((record.text_info || {}).sequence, record.id, true);
    }
  }

  EW.api(`/articles/${encodeURIComponent(articleId)}`)
    .then(render)
    .catch((error) => EW.setStatus("article-status", `Could not load article ${articleId}: ${error.message}`, true));
})();
