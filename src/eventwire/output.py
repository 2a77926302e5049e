"""Output formats for event records: JSONL for machines, a table for people."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table


def _entities(entities: list[dict[str, Any]]) -> str:
    parts = []
    for e in entities:
        label = "/".join(x for x in (e.get("code"), e.get("sector")) if x) or "?"
        who = e.get("identifier_text") or e.get("entity_text")
        parts.append(f"{label} ({who})" if who and who != e.get("code") else label)
    return ", ".join(parts) or "-"


def _markers(record: dict[str, Any]) -> str:
    return " ".join(k for k, v in record["markers"].items() if v)


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def event_table(records: list[dict[str, Any]], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=True)
    for name, style in (("date", "cyan"), ("event", "bold"), ("actor", "green"), ("recipient", "magenta"),
                        ("markers", "yellow"), ("evidence", None)):
        table.add_column(name, style=style, overflow="fold")
    for r in records:
        event = r["event"][0] + (f"/{r['mode'][0]}" if r["mode"] else "")
        table.add_row(r["date"] or "?", event, _entities(r["actor"]), _entities(r["recipient"]), _markers(r),
                      r["text"])
    return table


def print_table(records: list[dict[str, Any]], console: Console, title: str | None = None) -> None:
    if records:
        console.print(event_table(records, title))
