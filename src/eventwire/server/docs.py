"""/docs: a self-contained page describing the API from /openapi.json (no CDN, works offline)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>eventwire API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.05rem;margin:1.6rem 0 .3rem;font-family:ui-monospace,monospace}
.m{display:inline-block;min-width:3.5rem;font-weight:600}.get{color:#05699b}.post{color:#1a7f37}
table{border-collapse:collapse;margin:.3rem 0 0}td,th{border-bottom:1px solid #ddd;padding:.2rem .6rem;
text-align:left;vertical-align:top}code{font-family:ui-monospace,monospace}p{margin:.2rem 0}
</style></head><body>
<h1>eventwire HTTP API</h1>
<p>The machine-readable description is at <a href="openapi.json"><code>/openapi.json</code></a> (OpenAPI 3).
Writes (<code>POST</code>) need the header <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<div id="paths">Loading /openapi.json ...</div>
<script>
const esc = s => String(s ?? "").replace(/[&<>"]/g, c => ({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;"}[c]));
const kind = s => s ? (s.type || (s.anyOf || s.oneOf || []).map(kind).filter(Boolean).join(" | ")) : "";
fetch("openapi.json").then(r => r.json()).then(spec => {
  const out = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      out.push(`<h2><span class="m ${method}">${method.toUpperCase()}</span>${esc(path)}</h2>`);
      out.push(`<p>${esc(op.summary)}</p>`);
      if (op.description) out.push(`<p>${esc(op.description)}</p>`);
      const params = op.parameters || [];
      if (params.length) {
        out.push("<table><tr><th>parameter</th><th>in</th><th>type</th><th>description</th></tr>");
        for (const p of params) out.push(`<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td>` +
          `<td>${esc(kind(p.schema))}</td><td>${esc(p.description)}</td></tr>`);
        out.push("</table>");
      }
    }
  }
  document.getElementById("paths").innerHTML = out.join("\\n");
}).catch(e => { document.getElementById("paths").textContent = "Could not load /openapi.json: " + e; });
</script></body></html>
"""


@router.get("/docs", response_class=HTMLResponse)
def docs() -> HTMLResponse:
    """The API's endpoints and parameters, rendered in the browser from /openapi.json."""
    return HTMLResponse(PAGE)
