/* Paste: send one article (typed, pasted or read from a file) to POST /articles and show its events. */
"use strict";

(() => {
  const TOKEN_KEY = "eventwire-token";
  const form = document.getElementById("paste-form");
  const token = document.getElementById("p-token");
  const writable = document.body.dataset.writable !== "false";
  let fileArticles = null;  // articles read from a JSON file, sent as they are

  token.value = sessionStorage.getItem(TOKEN_KEY) || "";
  token.addEventListener("change", () => sessionStorage.setItem(TOKEN_KEY, token.value));
  if (!writable) {
    document.getElementById("read-only-note").hidden = false;
    document.getElementById("token-field").hidden = true;
    document.getElementById("p-submit").disabled = true;
  }

  document.getElementById("p-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    fileArticles = null;
    if (!file) return;
    const text = await file.text();
    if (/\.jsonl?$/i.test(file.name)) {
      try {
        const parsed = file.name.toLowerCase().endsWith(".jsonl")
          ? text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l)) : JSON.parse(text);
        fileArticles = Array.isArray(parsed) ? parsed : [parsed];
        const first = fileArticles[0] || {};
        for (const key of ["title", "published", "outlet", "url", "id", "text"]) {
          if (first[key]) form.elements[key].value = first[key];
        }
        EW.setStatus("paste-status", `${fileArticles.length} article(s) read from ${file.name}.`);
        if (fileArticles.length === 1) fileArticles = null;  // one article: the form's fields are sent
        return;
      } catch (error) {
        EW.setStatus("paste-status", `${file.name} is not valid JSON: ${error.message}`, true);
        return;
      }
    }
    form.elements.text.value = text;
    if (!form.elements.title.value) form.elements.title.value = file.name.replace(/\.[^.]+$/, "");
  });

  function articleFromForm() {
    const article = {};
    for (const key of ["id", "title", "published", "outlet", "url", "text"]) {
      const value = form.elements[key].value.trim();
      if (value) article[key] = value;
    }
    return article;
  }

  async function showResult(item, cards) {
    const heading = document.createElement("h3");
    const id = item.article_id;
    if (item.error || (item.status && !["coded", "skipped", "ok", "unchanged"].includes(item.status))) {
      heading.innerHTML = `<span class="error">${EW.esc(id || "article")}: ${EW.esc(item.error || item.status)}</span>`;
      cards.appendChild(heading);
      return 0;
    }
    heading.innerHTML = `<a href="/ui/articles/${encodeURIComponent(id)}">Open the stored article ${EW.esc(id)}</a>` +
      ` <span class="name">(${EW.esc(item.status || "coded")})</span>`;
    cards.appendChild(heading);
    let records = Array.isArray(item.events) ? item.events : null;
    if (!records) records = (await EW.api(`/articles/${encodeURIComponent(id)}`)).events || [];
    if (!records.length) {
      const none = document.createElement("p");
      none.className = "name";
      none.textContent = "No events were found in this article.";
      cards.appendChild(none);
    }
    for (const record of records) cards.appendChild(EW.eventCard(record, {articleLink: true}));
    return records.length;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = fileArticles || articleFromForm();
    if (!fileArticles && !body.text) { EW.setStatus("paste-status", "Paste a text or choose a file first.", true); return; }
    sessionStorage.setItem(TOKEN_KEY, token.value);
    const headers = {"Content-Type": "application/json"};
    if (token.value) headers.Authorization = `Bearer ${token.value}`;
    const cards = document.getElementById("paste-cards");
    cards.replaceChildren();
    EW.setStatus("paste-status", "Coding…");
    document.getElementById("p-submit").disabled = true;
    try {
      const data = await EW.api("/articles", {method: "POST", headers, body: JSON.stringify(body)});
      let n = 0;
      for (const item of data.articles || []) n += await showResult(item, cards);
      EW.setStatus("paste-status", `Coded ${(data.articles || []).length} article(s): ${n} event${n === 1 ? "" : "s"}.`);
    } catch (error) {
      const hint = error.status === 401 || error.status === 403 ? " Check the API token." : "";
      EW.setStatus("paste-status", `Could not code the article: ${error.message}.${hint}`, true);
    } finally {
      document.getElementById("p-submit").disabled = !writable;
    }
  });
})();
