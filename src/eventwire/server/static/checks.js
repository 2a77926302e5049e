/* Checks: GET /checks, the flagged claims across the corpus grouped by kind, each linked to its article. */
"use strict";

(() => {
  const KIND_TITLES = {role_conflict: "Office or role contradicts the knowledge base",
    name_variant: "Name spelled differently from the knowledge base"};

  EW.api("/checks?limit=1000").then((data) => {
    const flags = data.flags || [];
    const box = document.getElementById("checks");
    if (!flags.length) {
      EW.setStatus("checks-status", "No flagged claims: no article contradicts the knowledge base (or the claim checks have not run on this store).");
      return;
    }
    const groups = {};
    for (const flag of flags) (groups[flag.kind || "other"] ||= []).push(flag);
    const total = data.total ?? flags.length;
    EW.setStatus("checks-status", `${total} flagged claim${total === 1 ? "" : "s"} in ${Object.keys(groups).length} kind(s).`);
    box.innerHTML = Object.entries(groups).sort((a, b) => b[1].length - a[1].length).map(([kind, items]) =>
      `<section class="check-group" data-kind="${EW.esc(kind)}"><h2>${EW.esc(KIND_TITLES[kind] || kind)} ` +
      `<span class="name">(${EW.esc(kind)}, ${items.length})</span></h2><ul>` +
      items.map((f) => `<li>${EW.flagHtml(f)}<br><a href="/ui/articles/${encodeURIComponent(f.article_id)}">` +
        `${EW.esc(f.title || f.article_id)}</a></li>`).join("") + "</ul></section>").join("");
  }).catch((error) => EW.setStatus("checks-status", `Could not load the checks: ${error.message}`, true));
})();
