"""The web UI: HTML pages for searching events, reading an article with its evidence highlighted, the
timeline, the dyad network, the map, pasting an article to code and the claim checks.

Every page is a small HTML shell (``templates/``) filled by vanilla JavaScript (``static/``) that calls the
JSON API of the same server. Nothing is fetched from another host: the world map's country outlines come
from the ``pygal_maps_world`` package installed beside eventwire.
"""

from __future__ import annotations

import html
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from string import Template

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..plover import EVENT_TYPES, QUAD_NAMES, event_types

router = APIRouter(include_in_schema=False)

PAGES = (  # (path, nav label, page key)
    ("/ui/events", "Events", "events"),
    ("/ui/timeline", "Timeline", "timeline"),
    ("/ui/network", "Network", "network"),
    ("/ui/map", "Map", "map"),
    ("/ui/checks", "Checks", "checks"),
    ("/ui/paste", "Code an article", "paste"),
)
WORLD_MAP_PACKAGE = "pygal_maps_world"
TEMPLATES = Path(__file__).parent / "templates"


@cache
def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text("utf-8"))


def _nav(active: str) -> str:
    links = []
    for path, label, key in PAGES:
        current = ' aria-current="page"' if key == active else ""
        links.append(f'<li><a href="{path}"{current}>{html.escape(label)}</a></li>')
    return "\n".join(links)


def _options(values: list[tuple[str, str]]) -> str:
    return "\n".join(f'<option value="{html.escape(v)}">{html.escape(label)}</option>' for v, label in values)


@lru_cache(maxsize=1)
def _filters() -> str:
    """The filter form shared by the search, timeline, network and map pages."""
    types = _options([("", "any type"), *[(t, t) for t in EVENT_TYPES]])
    quads = _options([("", "any quad class"), *[(str(q), f"{q} {name}") for q, name in QUAD_NAMES.items()]])
    modes = sorted({mode for etype in event_types().values() for mode in etype.modes})
    mode_list = "\n".join(f'<option value="{html.escape(m)}"></option>' for m in modes)
    return _template("filters.html").substitute(types=types, quads=quads, modes=mode_list)


def _read_only(request: Request) -> bool:
    """Whether the server refuses new articles (the API keeps its settings in ``app.state.eventwire``)."""
    state = getattr(request.app.state, "eventwire", None)
    return bool(getattr(state, "read_only", getattr(request.app.state, "read_only", False)))


def render_page(request: Request, key: str, title: str, *, script: str, **values: str) -> HTMLResponse:
    """One page: the shared layout (header nav, main landmark) around ``templates/<key>.html``."""
    body = _template(f"{key}.html").substitute(filters=_filters(), **values)
    page = _template("layout.html").substitute(
        title=html.escape(title),
        nav=_nav(key),
        body=body,
        page=key,
        script=script,
        writable="false" if _read_only(request) else "true",
    )
    return HTMLResponse(page)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """The event search is the front page."""
    return render_page(request, "events", "Event search", script="events.js")


@router.get("/ui", response_class=RedirectResponse)
def ui_root() -> RedirectResponse:
    return RedirectResponse("/ui/events")


@router.get("/ui/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    return render_page(request, "events", "Event search", script="events.js")


@router.get("/ui/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    return render_page(request, "article", f"Article {article_id}", script="article.js",
                       article_id=html.escape(article_id))


@router.get("/ui/timeline", response_class=HTMLResponse)
def timeline_page(request: Request) -> HTMLResponse:
    return render_page(request, "timeline", "Timeline", script="timeline.js")


@router.get("/ui/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    return render_page(request, "network", "Dyad network", script="network.js")


@router.get("/ui/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    return render_page(request, "map", "Map", script="map.js")


@router.get("/ui/paste", response_class=HTMLResponse)
def paste_page(request: Request) -> HTMLResponse:
    return render_page(request, "paste", "Code an article", script="paste.js")


@router.get("/ui/checks", response_class=HTMLResponse)
def checks_page(request: Request) -> HTMLResponse:
    return render_page(request, "checks", "Checks", script="checks.js")


@lru_cache(maxsize=1)
def world_map_svg() -> str | None:
    """The world map SVG shipped by pygal_maps_world (countries as ``<g class="xx country">``, ISO 3166
    alpha-2, Robinson projection), or None when that package is not installed."""
    try:
        return resources.files(WORLD_MAP_PACKAGE).joinpath("worldmap.svg").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return None


@router.get("/ui/worldmap.svg")
def world_map() -> Response:
    svg = world_map_svg()
    if svg is None:
        message = (f"The map needs the {WORLD_MAP_PACKAGE} package for its country outlines: "
                   f"pip install {WORLD_MAP_PACKAGE}")
        return Response(message, status_code=404, media_type="text/plain")
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


@lru_cache(maxsize=1)
def country_table() -> dict[str, dict[str, str]]:
    """Actor code -> ``{"name"}`` (and ``"iso2"`` for countries, to find them on the map): every ISO 3166
    country, then the knowledge base's names for countries and organisations."""
    import pycountry

    from ..kb.loader import load_kb

    table = {c.alpha_3: {"iso2": c.alpha_2.lower(), "name": getattr(c, "common_name", c.name)}
             for c in pycountry.countries}
    kb = load_kb()
    for code, country in kb.countries.items():
        table.setdefault(code, {})["name"] = country.name
    for org in kb.organisations:
        table.setdefault(org.code, {"name": org.name})
    return table


@router.get("/ui/countries.json")
def countries() -> dict[str, dict[str, str]]:
    return country_table()
