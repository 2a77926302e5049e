"""``eventwire kb``: grow the knowledge base in the store (Wikidata dumps, CAMEO dictionaries, single entries)
and look at what it knows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from .errors import EventwireError, KnowledgeBaseError
from .kb import stored
from .kb.importers import import_cameo, import_wikidata
from .kb.loader import load_kb
from .kb.model import Organisation, Person
from .settings import load_settings
from .store import Store, open_store

app = typer.Typer(help="Grow and inspect the knowledge base (people, offices, countries, organisations).",
                  no_args_is_help=True, add_completion=False)
out = Console(soft_wrap=True, highlight=False, markup=False)
err = Console(stderr=True, soft_wrap=True, highlight=False, markup=False)

DbOption = Annotated[str | None, typer.Option("--db", help="Store: a SQLite file path or a database URL. "
                                              "[default: ./eventwire.db, or $EVENTWIRE_DB]")]
SHOWN_PROBLEMS = 20


def _fail(message: str) -> typer.Exit:
    err.print(f"Error: {message}", style="red")
    return typer.Exit(1)


def _open(db: str | None) -> Store:
    return open_store(load_settings(db=db).db)


def _report_problems(problems: list[str]) -> None:
    for problem in problems[:SHOWN_PROBLEMS]:
        err.print(f"warning: {problem}")
    if len(problems) > SHOWN_PROBLEMS:
        err.print(f"warning: ... and {len(problems) - SHOWN_PROBLEMS} more lines skipped")


@app.command("import-wikidata")
def import_wikidata_command(
    dump: Annotated[Path, typer.Argument(help="Wikidata JSON dump (.json, .json.gz or .json.bz2).")],
    db: DbOption = None,
    stop_after: Annotated[int | None, typer.Option(help="Stop after this many entities (a rerun continues).")] = None,
    quiet: Annotated[bool, typer.Option(help="No progress bar.")] = False,
) -> None:
    """Import people with offices (P39), countries and organisations; resumable, constant memory."""
    try:
        with _open(db) as store, Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                                          TimeRemainingColumn(), console=err, disable=quiet) as bar:
            task = bar.add_task(f"reading {dump.name}", total=dump.stat().st_size if dump.is_file() else None)
            result = import_wikidata(store, dump, stop_after=stop_after,
                                     progress=lambda done, total: bar.update(task, completed=done, total=total))
    except EventwireError as exc:
        raise _fail(str(exc)) from None
    _report_problems(result.problems)
    if result.already_done:
        out.print(f"{dump}: already imported ({result.resumed_at:,} lines); nothing to do")
        return
    kept = ", ".join(f"{n:,} {kind}" for kind, n in sorted(result.kept.items())) or "nothing kept"
    start = f" (continued after line {result.resumed_at:,})" if result.resumed_at else ""
    state = "finished" if result.finished else "stopped; run the same command again to continue"
    dropped = f"; {result.people_dropped:,} people without a known office left out" if result.people_dropped else ""
    out.print(f"{dump}: {result.lines:,} lines read{start}: {kept}{dropped}; {state}")


@app.command("import-cameo")
def import_cameo_command(
    files: Annotated[list[Path], typer.Argument(help="CAMEO/PETRARCH actor dictionaries (*.actors.txt).")],
    db: DbOption = None,
) -> None:
    """Import CAMEO/PETRARCH actor dictionaries; unreadable lines are reported (file:line) and skipped."""
    try:
        with _open(db) as store:
            for path in files:
                if not path.is_file():
                    raise _fail(f"no such file: {path}")
                result = import_cameo(store, path)
                _report_problems(result.problems)
                kept = ", ".join(f"{n:,} {kind}" for kind, n in sorted(result.kept.items()))
                out.print(f"{path}: {result.entries:,} entries ({kept}); {len(result.problems)} lines skipped")
    except EventwireError as exc:
        raise _fail(str(exc)) from None


@app.command()
def add(
    json_file: Annotated[Path | None, typer.Option("--json", help="A JSON file: one entry (or a list) in "
                                                   "kb/FORMAT.md's shape.")] = None,
    kind: Annotated[str | None, typer.Option(help="person, country, organisation or group.")] = None,
    name: Annotated[str | None, typer.Option(help="The entry's name.")] = None,
    alias: Annotated[list[str] | None, typer.Option(help="Another name (repeatable).")] = None,
    qid: Annotated[str | None, typer.Option(help="Wikidata QID.")] = None,
    code: Annotated[str | None, typer.Option(help="Country code (ISO3) or organisation code.")] = None,
    sector: Annotated[str | None, typer.Option(help="Sector: GOV, MIL, IGO, REB, PTY, ...")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 country of an office or an organisation.")] = None,
    office: Annotated[str | None, typer.Option(help="A person's office, e.g. 'Minister of Defence'.")] = None,
    title: Annotated[list[str] | None, typer.Option(help="Title word news uses for the office (repeatable).")] = None,
    start: Annotated[str | None, typer.Option(help="Office start, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option(help="Office end, YYYY-MM-DD.")] = None,
    gender: Annotated[str | None, typer.Option(help="m or f.")] = None,
    db: DbOption = None,
) -> None:
    """Add one entry (or a JSON file of entries) to the knowledge base in the store."""
    try:
        if json_file is not None:
            entities = _from_json(json_file, kind)
        else:
            entities = [_from_options(kind, name, alias or [], qid, code, sector, country, office, title or [],
                                      start, end, gender)]
        with _open(db) as store:
            stored.save_entities(store, entities)
    except EventwireError as exc:
        raise _fail(str(exc)) from None
    for entity in entities:
        out.print(f"added {entity.kind} {entity.name} as {entity.key}")


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A name, alias, QID or stored key.")],
    on: Annotated[str | None, typer.Option(help="Show what the name stands for on this date (YYYY-MM-DD).")] = None,
    db: DbOption = None,
) -> None:
    """What the knowledge base knows about a name: shipped entries and stored (imported or added) ones."""
    day = _date(on, "--on") if on else None
    shipped = load_kb().lookup(name)
    try:
        with _open(db) as store:
            found = stored.find(store, name)
    except EventwireError as exc:
        raise _fail(str(exc)) from None
    if not shipped and not found:
        raise _fail(f"the knowledge base knows nothing called {name!r}")
    for entry in shipped:
        out.print(_shipped_line(entry.kind, entry.target, entry.sector, day))
        if isinstance(entry.target, Person) and day is None:
            for o in entry.target.offices:
                out.print(f"    {o.office} ({o.country} {o.sector}) {_span(o.start, o.end)}")
    for row in found:
        for line in _stored_lines(row, day):
            out.print(line)


@app.command()
def stats(db: DbOption = None) -> None:
    """Counts of knowledge-base entries by kind and source (shipped and stored), and the imported files."""
    kb = load_kb()
    table = Table("kind", "source", "entries")
    table.add_row("country", "shipped", f"{len(kb.countries):,}")
    table.add_row("organisation/group", "shipped", f"{len(kb.organisations):,}")
    table.add_row("person", "shipped", f"{len(kb.people):,}")
    try:
        with _open(db) as store:
            counts = stored.counts(store)
            files = stored.imports(store)
    except EventwireError as exc:
        raise _fail(str(exc)) from None
    for (kind, source), n in sorted(counts.items()):
        table.add_row(kind, source, f"{n:,}")
    out.print(table)
    for row in files:
        state = "finished" if row["finished"] else f"stopped after line {row['lines_done']:,}"
        out.print(f"{row['kind']} {row['path']}: {state}")


# -- helpers -------------------------------------------------------------------------------------------------


def _date(value: str, flag: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{flag} must be a date as YYYY-MM-DD, got {value!r}") from None


def _span(start: Any, end: Any) -> str:
    return f"{start or '...'} to {end or 'present'}"


def _shipped_line(kind: str, target: Any, sector: str | None, day: dt.date | None) -> str:
    if isinstance(target, Person):
        if day is not None:
            held = target.office_on(day)
            now = f"{held.office} ({held.country} {held.sector})" if held else "no known office"
            return f"shipped person {target.name} [{target.qid or '-'}] on {day}: {now}"
        return f"shipped person {target.name} [{target.qid or '-'}]"
    if isinstance(target, Organisation):
        return f"shipped {kind} {target.name}: {target.code} {target.sector_on(day)}"
    if target is None:
        return f"shipped {kind}: {sector or '-'}"
    return f"shipped {kind} {target.name}: {target.code}{' ' + sector if sector else ''}"


def _stored_lines(row: dict[str, Any], day: dt.date | None) -> list[str]:
    data = row["data"]
    head = f"{row['source']} {row['kind']} {row['name']} [{row['key']}]"
    if row["kind"] != "person":
        code = data.get("code") or "-"
        sector = data.get("sector") or ""
        return [f"{head}: {code} {sector}".rstrip()]
    offices = data.get("offices", [])
    if day is None:
        return [head] + [f"    {o['office']} ({o['country']} {o['sector']}) {_span(o.get('start'), o.get('end'))}"
                         for o in offices]
    held = [o for o in offices if (o.get("start") or "") <= day.isoformat() <= (o.get("end") or "9999")]
    if not held:
        return [f"{head} on {day}: no known office"]
    best = max(held, key=lambda o: o.get("start") or "")
    return [f"{head} on {day}: {best['office']} ({best['country']} {best['sector']})"]


def _from_json(path: Path, kind: str | None) -> list[stored.Entity]:
    try:
        raw = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise KnowledgeBaseError(f"cannot read {path}: {exc}") from None
    items = raw if isinstance(raw, list) else [raw]
    entities = []
    for item in items:
        if not isinstance(item, dict) or not item.get("name"):
            raise KnowledgeBaseError(f"{path}: every entry needs a \"name\" (kb/FORMAT.md's shape)")
        item_kind = item.pop("kind", None) or kind or _guess_kind(item)
        entities.append(_user_entity(item_kind, item))
    return entities


def _guess_kind(item: dict[str, Any]) -> str:
    if "offices" in item:
        return "person"
    if "sector" in item:
        return "organisation" if item.get("sector") in ("IGO", "NGO") else "group"
    return "country"


def _from_options(kind: str | None, name: str | None, aliases: list[str], qid: str | None, code: str | None,
                  sector: str | None, country: str | None, office: str | None, titles: list[str],
                  start: str | None, end: str | None, gender: str | None) -> stored.Entity:
    if not name:
        raise KnowledgeBaseError("give --name (or --json FILE)")
    kind = kind or ("person" if office else None)
    if kind is None:
        raise KnowledgeBaseError("give --kind person, country, organisation or group")
    data: dict[str, Any] = {"name": name, "aliases": aliases}
    if qid:
        data["qid"] = qid.upper()
    if kind == "person":
        if gender:
            data["gender"] = gender
        data["offices"] = []
        if office:
            if not country or not sector:
                raise KnowledgeBaseError("an --office needs --country (ISO3) and --sector (GOV, MIL, ...)")
            for value, flag in ((start, "--start"), (end, "--end")):
                if value:
                    _date(value, flag)
            data["offices"].append({"office": office, "titles": [t.lower() for t in titles],
                                    "country": country.upper(), "sector": sector.upper(), "start": start,
                                    "end": end})
    elif kind == "country":
        if not code:
            raise KnowledgeBaseError("a country needs --code (ISO 3166 alpha-3)")
        data["code"] = code.upper()
    else:
        if not sector:
            raise KnowledgeBaseError(f"an {kind} needs --sector (IGO, NGO, REB, PTY, ...)")
        data.update(code=(code or country or sector).upper(), sector=sector.upper())
        if kind == "organisation":
            data["country"] = country.upper() if country else None
    return _user_entity(kind, data)


def _user_entity(kind: str, data: dict[str, Any]) -> stored.Entity:
    if kind not in stored.KINDS:
        raise KnowledgeBaseError(f"unknown kind {kind!r}; use one of {', '.join(stored.KINDS)}")
    key = f"user:{data['qid']}" if data.get("qid") else f"user:{kind}:{stored.slug(data['name'])}"
    return stored.Entity(key=key, kind=kind, data=data, source="user")
