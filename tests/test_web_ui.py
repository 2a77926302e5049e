"""The web UI in a real headless Chromium against a real server over a seeded SQLite store.

Each page test also saves a full-page screenshot into docs/screenshots/ (shown in docs/web-ui.md).
"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from browser import *  # noqa: F403 - the fixtures: server, browser, page
from browser import TOKEN, screenshot, svg_count

PAGES = ["/ui/events", "/ui/timeline", "/ui/network", "/ui/map", "/ui/checks", "/ui/paste", "/ui/articles/seed"]


def wait_for_status(page, element_id: str, pattern: str) -> str:
    """Wait until the page's status line matches ``pattern`` (a regex) and return its text."""
    status = page.locator(f"#{element_id}")
    status.filter(has_text=re.compile(pattern)).wait_for(timeout=20_000)
    return status.inner_text()


def test_search_page_finds_aid_events_and_keeps_filters_in_the_address(page, server):
    page.goto("/")
    wait_for_status(page, "summary", r"events?|No events")
    page.select_option("#f-type", "AID")
    page.click("#filters button[type=submit]")
    wait_for_status(page, "summary", r"^\d+ events?;")
    assert "type=AID" in page.url
    rows = page.locator("#results tbody tr")
    assert rows.count() > 0
    types = rows.locator("td:nth-child(2) .type").all_inner_texts()
    assert set(types) == {"AID"}, types
    assert rows.first.locator("td.sentence a").get_attribute("href").startswith("/ui/articles/")
    screenshot(page, "events")

    csv_link = page.locator("#dl-csv").get_attribute("href")
    assert "type=AID" in csv_link and "format=csv" in csv_link
    download = page.request.get(csv_link)
    assert download.ok and "AID" in download.text()

    page.reload()  # the address alone restores the view
    wait_for_status(page, "summary", r"^\d+ events?;")
    assert page.locator("#f-type").input_value() == "AID"


def test_britain_to_ukraine_in_january_2022_with_its_speaker(page):
    page.goto("/ui/events?actor=GBR&recipient=UKR&since=2022-01-01&until=2022-01-31")
    wait_for_status(page, "summary", r"^\d+ events?;")
    rows = page.locator("#results tbody tr")
    assert rows.count() >= 1
    assert "AID" in rows.locator(".type").all_inner_texts()
    assert "Wallace" in " ".join(rows.locator("td.speaker").all_inner_texts())


def test_a_dyad_in_the_network_leads_to_its_events(page):
    page.goto("/ui/network")
    wait_for_status(page, "net-status", r"dyads")
    edge = page.locator('#network path.edge[data-actor="GBR"][data-recipient="UKR"]')
    edge.scroll_into_view_if_needed()
    middle = edge.evaluate("""(path) => {
        // a point of the arrow's stroke that no other arrow or node covers, nearest the middle first
        for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.35, 0.65, 0.25, 0.75]) {
            const p = path.getPointAtLength(path.getTotalLength() * f).matrixTransform(path.getScreenCTM());
            if (document.elementFromPoint(p.x, p.y) === path) return {x: p.x, y: p.y};
        }
        return null;
    }""")
    assert middle is not None, "the GBR -> UKR arrow is hidden under others everywhere along its length"
    page.mouse.click(middle["x"], middle["y"])  # on the arrow's stroke, as a person would click it
    page.wait_for_url(re.compile(r"/ui/events\?.*actor=GBR.*recipient=UKR"))
    wait_for_status(page, "summary", r"^\d+ events?;")
    assert set(page.locator("#results tbody td.dyad .code").all_inner_texts()) >= {"GBR", "UKR"}


def test_article_view_marks_actors_event_words_and_quotes(page):
    article = page.request.get("/articles/seed").json()
    page.goto("/ui/articles/seed")
    wait_for_status(page, "article-status", r"\d+ events?")
    assert page.locator("h1").inner_text() == article["title"]
    cards = page.locator("#event-cards .card")
    assert cards.count() == len(article["events"])
    marks = page.locator("#article-text mark")
    assert marks.count() >= len(article["events"])
    for kind in ("actor", "recipient", "trigger", "quote"):
        assert page.locator(f"#article-text mark.{kind}").count() > 0, f"no {kind} is marked"
    assert page.locator("#article-text mark[data-event-id]").count() > 0

    aid = next(r for r in article["events"] if r["event"][0] == "AID" and "Wallace" in r["text"])
    page.locator(f'.card[data-event-id="{aid["id"]}"]').click()
    active = page.locator("#article-text .sent.active")
    assert active.count() > 0
    assert " ".join(active.all_inner_texts()).split()[:4] == aid["text"].split()[:4]
    assert "active" in page.locator(f'.card[data-event-id="{aid["id"]}"]').get_attribute("class")

    flags = article["flags"] + [f for r in article["events"] for f in r["flags"]]
    assert page.locator("#article-flags").is_visible() == bool(flags)
    claims = {(f["kind"], f["start"], f["end"]) for f in flags}
    assert page.locator("#article-flags li.flag-item").count() == len(claims), "each flagged claim is listed once"
    assert any("Putin" in f["text"] and f["kind"] == "role_conflict" for f in flags)
    screenshot(page, "article")


def test_timeline_is_drawn_with_axes_and_a_legend(page):
    page.goto("/ui/timeline")
    wait_for_status(page, "chart-status", r"dated events|No dated")
    assert svg_count(page, "#chart svg .bars", "rect") > 0
    assert page.locator("#chart svg .axis text").count() > 3
    assert "material cooperation" in page.locator("#chart-legend").inner_text()
    page.select_option("#by", "type")
    wait_for_status(page, "chart-status", r"dated events")
    assert "by=type" in page.url and "AID" in page.locator("#chart-legend").inner_text()
    page.select_option("#by", "quad")
    wait_for_status(page, "chart-status", r"dated events")
    screenshot(page, "timeline")


def test_network_draws_actors_and_dyads(page):
    page.goto("/ui/network")
    wait_for_status(page, "net-status", r"dyads")
    assert svg_count(page, "#network svg .edges", "path") > 3
    assert svg_count(page, "#network svg .nodes", "circle") > 3
    assert page.locator("#dyads tbody tr").count() > 3
    screenshot(page, "network")


def test_map_draws_countries_and_event_locations(page):
    page.goto("/ui/map")
    wait_for_status(page, "map-status", r"with a location")
    assert page.locator("#map svg g.country").count() > 150
    assert page.locator("#map svg g.country[data-count]:not([data-count='0'])").count() > 0
    assert svg_count(page, "#map svg .dots", "circle") > 0
    assert page.locator("#places tbody tr").count() > 0
    screenshot(page, "map")


ARTICLE = (
    "Canada will send 40 armoured vehicles to Poland next month, Defence Minister Anita Anand said on Tuesday. "
    "Anand said that Ottawa was ready to help its NATO allies. "
    "Russia condemned the decision and accused Canada of provoking tension in Europe."
)


def test_paste_codes_a_new_article_and_shows_its_events(page):
    page.goto("/ui/paste")
    page.fill("#p-title", "Canada sends armoured vehicles to Poland")
    page.fill("#p-published", "2022-03-01")
    page.fill("#p-outlet", "Test Desk")
    page.fill("#p-id", "ui-paste-test")
    page.fill("#p-text", ARTICLE)
    page.fill("#p-token", TOKEN)
    page.click("#p-submit")
    wait_for_status(page, "paste-status", r"^Coded 1 article")
    cards = page.locator("#paste-cards .card")
    assert cards.count() > 0
    codes = set(cards.locator(".code").all_inner_texts())
    assert any(code.startswith("CAN") for code in codes), codes
    assert page.evaluate("sessionStorage.getItem('eventwire-token')") == TOKEN
    screenshot(page, "paste")

    page.click("text=Open the stored article ui-paste-test")
    wait_for_status(page, "article-status", r"\d+ events?")
    assert page.locator("#article-text").inner_text().startswith("Canada will send")


def test_paste_without_the_token_says_what_is_wrong(page):
    page.goto("/ui/paste")
    page.evaluate("sessionStorage.clear()")
    page.fill("#p-token", "")
    page.fill("#p-text", ARTICLE)
    page.click("#p-submit")
    message = wait_for_status(page, "paste-status", r"Could not code")
    assert "401" in message and "token" in message


def test_checks_page_lists_flags_or_says_there_are_none(page):
    checks = page.request.get("/checks").json()
    page.goto("/ui/checks")
    status = wait_for_status(page, "checks-status", r"flagged claim|No flagged")
    if checks["total"]:
        groups = page.locator(".check-group")
        assert groups.count() == len({f["kind"] for f in checks["flags"]})
        assert groups.locator("a[href^='/ui/articles/']").count() == len(checks["flags"])
    else:
        assert status.startswith("No flagged claims")
    screenshot(page, "checks")


def test_every_page_has_the_nav_a_heading_and_labelled_inputs(page):
    for path in PAGES:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        nav = page.locator("header nav[aria-label=Main] a")
        assert nav.count() == 6, path
        assert page.locator("h1").count() == 1, path
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
            .filter((el) => el.type !== 'hidden' && !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
            .map((el) => el.id || el.name)""")
        assert unlabelled == [], f"{path}: inputs without a label: {unlabelled}"
        current = page.locator("header nav a[aria-current=page]")
        if not path.startswith("/ui/articles/"):
            assert current.get_attribute("href") == path


def test_read_only_server_offers_no_paste(seeded_store):
    from eventwire.server.app import create_app

    with TestClient(create_app(str(seeded_store), read_only=True)) as client:
        html = client.get("/ui/paste").text
        assert 'data-writable="false"' in html
        assert client.get("/ui/worldmap.svg").headers["content-type"].startswith("image/svg+xml")
        assert client.get("/static/common.js").status_code == 200
