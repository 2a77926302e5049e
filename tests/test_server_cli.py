"""`eventwire serve` (the command function the CLI registers): refuses an open writable server, and serves the
API over a real socket with uvicorn."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import typer
from typer.testing import CliRunner

from eventwire.server.cli import serve
from eventwire.store import open_store
from test_store import make_article, make_record

command = typer.Typer()
command.command()(serve)


def test_serve_refuses_a_writable_store_without_a_token(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    result = CliRunner().invoke(command, ["--db", str(tmp_path / "e.db")])
    assert result.exit_code == 1
    assert "without a token" in result.output and "--read-only" in result.output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_over_http(tmp_path: Path) -> None:
    db = tmp_path / "e.db"
    with open_store(db) as store:
        store.save_article(make_article("a1"), [make_record("a1", 1)], [])
    port = _free_port()
    code = "import typer; from eventwire.server.cli import serve; typer.run(serve)"
    server = subprocess.Popen([sys.executable, "-c", code, "--db", str(db), "--port", str(port), "--read-only"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError as exc:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read() if server.stdout else ""
                    raise AssertionError(f"the server did not come up: {output}") from exc
                time.sleep(0.2)
        assert health.json()["stats"]["events"] == 1
        events = httpx.get(f"http://127.0.0.1:{port}/events", params={"actor": "GBR"}).json()
        assert [e["id"] for e in events["events"]] == ["a1-e1"]
        refused = httpx.post(f"http://127.0.0.1:{port}/articles", json={"text": "x"})
        assert refused.status_code == 403
    finally:
        server.terminate()
        server.wait(timeout=30)
