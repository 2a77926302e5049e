"""Fixtures for browser tests: a real ``eventwire serve`` app (uvicorn in a background thread on 127.0.0.1)
over a SQLite store seeded with the seed article and the bundled samples, and a real headless Chromium
driven by Playwright. Nothing is mocked and nothing is downloaded.

Use from a test module with ``from browser import *  # noqa: F403`` (pytest then sees the fixtures).
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, SAMPLES, SEED

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
TOKEN = "browser-test-token"
SCREENSHOTS = REPO / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}

__all__ = ["TOKEN", "browser", "page", "seeded_store", "server", "screenshot", "svg_count"]


def _require_chromium() -> None:
    """Skip when EVENTWIRE_SKIP_BROWSER=1; otherwise fail with the fix when Chromium is missing."""
    if os.environ.get("EVENTWIRE_SKIP_BROWSER") == "1":
        pytest.skip("browser tests skipped: EVENTWIRE_SKIP_BROWSER=1")
    if not CHROMIUM.exists():
        pytest.fail(f"the web UI tests need Chromium at {CHROMIUM}: install it with `apt-get install chromium` "
                    "(or set EVENTWIRE_SKIP_BROWSER=1 to skip them)", pytrace=False)


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory: pytest.TempPathFactory, coder) -> Path:
    """A SQLite file holding the coded seed article (id "seed") and the bundled sample articles."""
    from eventwire import Article
    from eventwire.runner import run
    from eventwire.store import Store

    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    path = tmp_path_factory.mktemp("ui") / "eventwire.db"
    with Store(path) as store:
        seed = Article(id="seed", text=SEED.read_text(encoding="utf-8"), published=dt.date(2022, 1, 17),
                       title="Britain sends anti-tank weapons to Ukraine", outlet="Seed Wire")
        coded = coder.code(seed)
        store.save_article(coded.article, coded.records, coded.quotes, coded.flags)
        summary = run([SAMPLES], coder, store)
        assert summary.failed == 0, summary.errors
    return path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server(seeded_store: Path, coder) -> Iterator[str]:
    """The base URL of a writable server (token ``TOKEN``) over the seeded store, stopped after the session."""
    _require_chromium()
    import uvicorn

    from eventwire.server.app import create_app

    app = create_app(str(seeded_store), token=TOKEN, coder=coder)
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=uv.run, name="eventwire-ui-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the eventwire server did not start within 30 s", pytrace=False)
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(server: str):
    """One headless Chromium for the session (Debian's, never a downloaded build)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: str):
    """A fresh tab 1280 pixels wide whose relative URLs go to the test server. Browser-side JavaScript
    errors and failed requests to the server fail the test."""
    context = browser.new_context(viewport=VIEWPORT, base_url=server)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"JavaScript error: {exc}"))
    tab.on("requestfailed", lambda req: problems.append(f"request failed: {req.url} {req.failure}"))
    tab.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 500 else None)
    yield tab
    context.close()
    assert not problems, "\n".join(problems)


def screenshot(page, name: str) -> Path:
    """A full-page PNG of the current page into docs/screenshots/<name>.png (kept current by the tests)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def svg_count(page, selector: str, shapes: str = "path, circle, line, rect") -> int:
    """How many drawn shapes (paths, circles, lines, rectangles) the SVG under ``selector`` holds."""
    return page.locator(selector).locator(shapes).count()
