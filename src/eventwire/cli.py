"""The ``eventwire`` command: a thin layer over the library (runner, store, api)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from . import __version__, kb_cli
from .api import CodedArticle, Coder
from .errors import ArticleError, EventwireError
from .kb import load_kb_with_store
from .output import print_flags, print_table, write_jsonl
from .readers import read_sources
from .runner import Skipped, run
from .schema import validation_errors
from .server.cli import serve
from .settings import load_settings
from .store import open_store

app = typer.Typer(help="Turn news articles into PLOVER political event data.", no_args_is_help=True,
                  add_completion=False)
app.add_typer(kb_cli.app, name="kb")
app.command("serve")(serve)
err = Console(stderr=True, soft_wrap=True)


class Format(str, Enum):
    jsonl = "jsonl"
    table = "table"


SourcesArgument = Annotated[list[str], typer.Argument(help="Article files, directories or glob patterns "
                                                    "(.txt, .json, .jsonl, .html; '-' for stdin).")]
DbOption = Annotated[str | None, typer.Option("--db", help="Store: a SQLite file path or a database URL. "
                                              "[default: ./eventwire.db, or $EVENTWIRE_DB]")]


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]Error:[/red] {message}", highlight=False)
    return typer.Exit(1)


def _format(choice: Format | None) -> Format:
    if choice is not None:
        return choice
    return Format.table if sys.stdout.isatty() else Format.jsonl


def _date(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{flag} must be a date as YYYY-MM-DD, got {value!r}") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """eventwire: who did what to whom, when and where, who said it, on what evidence."""


@app.command()
def code(
    sources: SourcesArgument,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for plain-text and "
                                                  "HTML articles that carry none.")] = None,
    url: Annotated[str | None, typer.Option(help="URL for plain-text articles.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for plain-text articles.")] = None,
    title: Annotated[str | None, typer.Option(help="Title for plain-text articles.")] = None,
    output_format: Annotated[Format | None, typer.Option("--format", help="jsonl (default when piped) or "
                                                         "table (default on a terminal).")] = None,
    db: DbOption = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Print events without storing them.")] = False,
    force: Annotated[bool, typer.Option(help="Code articles again even if the store has them.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use (any installed pipeline name).")] = None,
) -> None:
    """Code articles into PLOVER event records, print them and store them."""
    settings = load_settings(db=db, model=model)
    fmt = _format(output_format)
    out = Console()
    try:
        if published is not None:
            _date(published, "--published")
        store = None if no_store else open_store(settings.db)
        kb = load_kb_with_store(store) if store is not None else None
        coder = Coder(settings.model, batch_size=settings.batch_size, max_chars=settings.max_chars, kb=kb)
    except EventwireError as exc:
        raise _fail(str(exc)) from None

    def report(result: CodedArticle | Skipped | ArticleError) -> None:
        if isinstance(result, ArticleError):
            err.print(f"[red]error:[/red] {result.article_id}: {result.reason}", highlight=False)
            return
        if fmt is Format.jsonl:
            write_jsonl(result.records, sys.stdout)
            sys.stdout.flush()
        else:
            note = " (already stored)" if isinstance(result, Skipped) else ""
            print_table(result.records, out, title=f"{result.article.id}{note}: {len(result.records)} events")

    try:
        summary = run(sources, coder, store, force=force,
                      read_options={"published": published, "url": url, "outlet": outlet, "title": title},
                      on_result=report)
    except EventwireError as exc:
        raise _fail(str(exc)) from None
    finally:
        if store is not None:
            store.close()
    where = f" -> {store.url}" if store is not None else ""
    err.print(f"coded {summary.coded} article(s), {summary.events} event(s); {summary.skipped} already stored; "
              f"{summary.failed} failed{where}", highlight=False)
    if not summary.ok:
        raise typer.Exit(1)


@app.command()
def events(
    event_type: Annotated[list[str] | None, typer.Option("--type", "-t", help="PLOVER type (repeatable).")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor code (ISO3 or NATO, EU, UNO, ...).")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient code.")] = None,
    since: Annotated[str | None, typer.Option(help="First date (YYYY-MM-DD), inclusive.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date (YYYY-MM-DD), inclusive.")] = None,
    article: Annotated[str | None, typer.Option(help="Only events of this article id.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    output_format: Annotated[Format | None, typer.Option("--format", help="jsonl or table.")] = None,
    db: DbOption = None,
) -> None:
    """Query stored events by type, actor, recipient and date range."""
    settings = load_settings(db=db)
    first, last = _date(since, "--since"), _date(until, "--until")
    if first and last and first > last:
        raise _fail(f"--since {since} is after --until {until}")
    types = [t.upper() for t in event_type or []]
    from .plover import EVENT_TYPES

    unknown = [t for t in types if t not in EVENT_TYPES]
    if unknown:
        raise _fail(f"unknown event type {', '.join(unknown)}; PLOVER types are {', '.join(EVENT_TYPES)}")
    if not Path(settings.db).exists() and "://" not in settings.db:
        raise _fail(f"no store at {settings.db}: run 'eventwire code FILE...' first or pass --db")
    try:
        with open_store(settings.db) as store:
            found = store.events(types=types or None, actor=actor, recipient=recipient, since=first, until=last,
                                 article_id=article, limit=limit)
    except EventwireError as exc:
        raise _fail(str(exc)) from None
    if _format(output_format) is Format.jsonl:
        write_jsonl(found, sys.stdout)
    else:
        print_table(found, Console(), title=f"{len(found)} events")
        if not found:
            err.print("no events match")


FLAG_FIELDS = ("article_id", "kind", "text", "claimed", "known", "source", "start", "end")


@app.command()
def check(
    sources: SourcesArgument,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for articles that carry "
                                                  "none: claims are checked against the KB on this day.")] = None,
    output_format: Annotated[Format | None, typer.Option("--format", help="jsonl (one flag per line; default "
                                                         "when piped) or table.")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use (any installed pipeline name).")] = None,
) -> None:
    """Check what articles claim about people against the knowledge base; print only the flags.

    Kinds: role_conflict (title contradicts the KB), stale_role (a title no longer held on that day),
    name_variant (a name very close to a known one), unknown_person (an unknown name given a known office).
    Nothing is stored.
    """
    settings = load_settings(model=model)
    fmt = _format(output_format)
    try:
        if published is not None:
            _date(published, "--published")
        coder = Coder(settings.model, batch_size=settings.batch_size, max_chars=settings.max_chars)
        results = coder.code_many(read_sources(sources, published=published))
        rows: list[dict[str, Any]] = []
        n_articles = failed = 0
        for result in results:
            if isinstance(result, ArticleError):
                failed += 1
                err.print(f"[red]error:[/red] {result.article_id}: {result.reason}", highlight=False)
                continue
            n_articles += 1
            if result.article.published is None:
                err.print(f"warning: {result.article.id}: no publication date, so no claim was checked "
                          "(give --published)", highlight=False)
            found = [{"article_id": result.article.id, **{k: f.get(k) for k in FLAG_FIELDS[1:]}}
                     for f in result.flags]
            if fmt is Format.jsonl:
                write_jsonl(found, sys.stdout)
                sys.stdout.flush()
            rows.extend(found)
    except (EventwireError, ValueError) as exc:
        raise _fail(str(exc)) from None
    if fmt is Format.table:
        print_flags(rows, Console())
    err.print(f"checked {n_articles} article(s): {len(rows)} flag(s); {failed} failed", highlight=False)
    if failed and not n_articles:
        raise typer.Exit(1)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="The article's id.")],
    db: DbOption = None,
) -> None:
    """Show one stored article with its events and quotes (JSON)."""
    settings = load_settings(db=db)
    try:
        with open_store(settings.db) as store:
            data = store.article(article_id)
    except EventwireError as exc:
        raise _fail(str(exc)) from None
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="JSONL files of event records ('-' for stdin).")],
) -> None:
    """Check event records against the JSON Schema that eventwire ships."""
    bad = 0
    total = 0
    for path in files:
        lines = sys.stdin if str(path) == "-" else path.open(encoding="utf-8")
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            total += 1
            try:
                record: Any = json.loads(line)
            except json.JSONDecodeError as exc:
                bad += 1
                err.print(f"{path}:{n}: malformed JSON: {exc.msg}", highlight=False)
                continue
            for problem in validation_errors(record):
                bad += 1
                err.print(f"{path}:{n}: {problem}", highlight=False)
    typer.echo(f"{total} record(s) checked, {bad} problem(s)")
    if bad:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the event record."""
    from .schema import event_schema

    typer.echo(json.dumps(event_schema(), indent=2))


@app.command("eval")
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Gold sets: article folders (articles.jsonl + expected.jsonl), "
                                               "sentence-level .jsonl files, PLOVER_GSR_CAMEO.json, or claim-check "
                                               "gold (eval/claims/claims.jsonl).")],
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    errors: Annotated[int, typer.Option(help="Show this many wrong cases and slowest articles (each article is then "
                                             "coded alone, so its time is its own).")] = 0,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use.")] = None,
) -> None:
    """Score the coder against hand-written gold: precision, recall and F1 per PLOVER type, actor and
    recipient accuracy, dates, quote speakers, a confusion matrix and the worst cases."""
    from .claim_eval import is_claims_gold, load_claims, score_claims
    from .evaluation import Report, load_gold, score
    from .output import print_report

    if output_format not in ("table", "json"):
        raise _fail(f"--format must be table or json, got {output_format!r}")
    settings = load_settings(model=model)
    claims = [path for path in gold if is_claims_gold(path)]
    gold = [path for path in gold if path not in claims]
    try:
        for path in claims:
            found = score_claims(load_claims(path), Coder(settings.model)).to_dict(errors)
            if output_format == "json":
                typer.echo(json.dumps({"claims": str(path), **found}, indent=2))
            else:
                typer.echo(f"{path}: false flags on {found['false_flag_rate']:.1%} of {found['right_sentences']} "
                           f"right sentences; {found['detection_rate']:.1%} of {found['wrong_claims']} wrong claims "
                           f"flagged (kind right on {found['kind_accuracy']:.1%})")
                for miss in found["misses"]:
                    typer.echo(f"  missed {miss['id']}: {miss['gold']} in {miss['text']!r} (raised {miss['flags']})")
                for false in found["false_flags"]:
                    typer.echo(f"  false {false['id']}: {false['flags']} in {false['text']!r}")
        if not gold:
            return
        golds = [load_gold(path) for path in gold]
        coder = Coder(settings.model)
        report = Report()
        for one in golds:
            report.merge(score(one, coder, timed=errors > 0))
    except EventwireError as exc:
        raise _fail(str(exc)) from None
    if output_format == "json":
        typer.echo(json.dumps(report.to_dict(errors), indent=2))
    else:
        print_report(report.to_dict(errors), Console())


@app.command()
def train(
    epochs: Annotated[int, typer.Option(help="Passes over the training sentences.")] = 8,
    layers: Annotated[int, typer.Option(help="Transformer layers kept (fewer is faster to run).")] = 6,
) -> None:
    """Retrain the event-type model from data/training/ (needs: pip install -e ".[train]")."""
    try:
        from .training import train as run_training
        metrics = run_training(epochs=epochs, layers=layers, log=typer.echo)
    except ImportError as exc:
        raise _fail(f"training needs the train extra: pip install -e '.[train]' ({exc})") from None
    except (ValueError, EventwireError) as exc:
        raise _fail(str(exc)) from None
    typer.echo(json.dumps(metrics))
