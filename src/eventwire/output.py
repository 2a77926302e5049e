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
    return "\n".join(k for k, v in record["markers"].items() if v)


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def event_table(records: list[dict[str, Any]], title: str | None = None, width: int = 160) -> Table:
    """A table of events; on a narrow terminal (under 120 columns) the sentence column is left out."""
    table = Table(title=title, show_lines=False, expand=True)
    wide = width >= 120
    for name, style, ratio, min_width in (("date", "cyan", 1, 10), ("event", "bold", 1, 9), ("actor", "green", 2, 8),
                                      ("recipient", "magenta", 2, 8), ("markers", "yellow", 1, 6),
                                      ("words", None, 2, 6), ("sentence", "dim", 4, 10)):
        if name == "sentence" and not wide:
            continue
        fixed = name in ("date", "event", "markers")
        table.add_column(name, style=style, overflow="fold", ratio=None if fixed else ratio, min_width=min_width,
                         no_wrap=fixed)
    for r in records:
        event = r["event"][0] + (f"\n{r['mode'][0]}" if r["mode"] else "")
        sentence = r["text"] if len(r["text"]) <= 120 else r["text"][:117] + "..."
        cells = [r["date"] or "?", event, _entities(r["actor"]), _entities(r["recipient"]), _markers(r),
                 r["event_text"]]
        table.add_row(*cells, *([sentence] if wide else []))
    return table


def print_table(records: list[dict[str, Any]], console: Console, title: str | None = None) -> None:
    if records:
        console.print(event_table(records, title, console.width))
