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


def print_report(report: dict[str, Any], console: Console) -> None:
    """The tables of ``eventwire eval``."""
    from .plover import EVENT_TYPES

    types, events = report["type"], report["event"]
    table = Table(title=f"{report['gold_set']}: {report['articles']} articles or sentences, {report['gold']} gold "
                        f"events, {report['predicted']} predicted")
    for col in ("type", "precision", "recall", "F1", "gold", "F1 with codes"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for type_ in EVENT_TYPES:
        s, e = types["per_type"][type_], events["per_type"][type_]
        table.add_row(type_, f"{s['precision']:.2f}", f"{s['recall']:.2f}", f"{s['f1']:.2f}", str(s["tp"] + s["fn"]),
                      f"{e['f1']:.2f}")
    m, me = types["micro"], events["micro"]
    table.add_row("micro", f"{m['precision']:.2f}", f"{m['recall']:.2f}", f"{m['f1']:.2f}", str(report["gold"]),
                  f"{me['f1']:.2f}", style="bold")
    table.add_row("macro", "", "", f"{types['macro_f1']:.2f}", "", f"{events['macro_f1']:.2f}", style="bold")
    console.print(table)
    for key, label in (("actor_code", "actor code"), ("recipient_code", "recipient code"),
                       ("actor_sector", "actor sector"), ("recipient_sector", "recipient sector"),
                       ("date", "date"), ("quote_speaker", "quote speaker")):
        rate = report[key]
        if rate["total"]:
            console.print(f"{label} accuracy: {rate['accuracy']:.2f} ({rate['right']}/{rate['total']})",
                          highlight=False)
    confusion = {k: v for k, v in report["confusion"].items() if k.split("->")[0] != k.split("->")[1]}
    if confusion:
        worst = sorted(confusion.items(), key=lambda kv: -kv[1])[:12]
        console.print("most frequent confusions (gold->predicted, '-' none): "
                      + ", ".join(f"{k} {v}" for k, v in worst), highlight=False)
    for err in report["errors"]:
        what = (f"missed {err['gold']} (predicted here: {', '.join(err['predicted_here']) or 'nothing'})"
                if err["kind"] == "missed" else f"extra {err['predicted']} {err['actor']}")
        console.print(f"[{err['article_id']}] {what}: {err['sentence']}", highlight=False, soft_wrap=True)
    for slow in report["slowest"]:
        console.print(f"slow: {slow['article_id']} {slow['seconds']:.3f}s", highlight=False)


def print_flags(flags: list[dict[str, Any]], console: Console) -> None:
    """Claim-check flags as a table: article, kind, the words, what the text claims, what the KB holds."""
    table = Table(title=f"{len(flags)} flag(s)", show_lines=True)
    for column in ("article", "kind", "text", "claimed", "known (KB)", "source"):
        table.add_column(column, overflow="fold")
    for f in flags:
        table.add_row(str(f.get("article_id")), f.get("kind") or "", f.get("text") or "", f.get("claimed") or "",
                      f.get("known") or "", f.get("source") or "")
    console.print(table)
