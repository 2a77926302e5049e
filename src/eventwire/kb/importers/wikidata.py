"""Import people with offices, countries and organisations from a Wikidata JSON dump into the store.

A dump is a JSON array with one entity per line (``[`` first, ``]`` last, lines ending in ``,``), plain, ``.gz``
or ``.bz2``. The file is streamed line by line (constant memory); lines that cannot be one of the items kept
are skipped before any JSON parsing. Progress (offset and lines done) is saved in the store with every batch,
in the same transaction as the batch's entities, so an interrupted import continues where it stopped and a
finished one is not read again. Entities are upserted by QID, so importing twice changes nothing.

Position and country QIDs are resolved once the whole dump has been read (they may come after the people who
refer to them): through ``positions.json``, the positions and countries found in the dump, the countries of
the shipped knowledge base, and pycountry.
"""

from __future__ import annotations

import bz2
import calendar
import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

import pycountry

from ...errors import KnowledgeBaseError
from ...store import Store
from .. import stored
from ..stored import Entity

SOURCE = "wikidata"
HUMAN = "Q5"
MALE, FEMALE = "Q6581097", "Q6581072"
_QUOTED_QID = re.compile(rb'"(Q[0-9]+)"')

Progress = Callable[[int, int], None]  # (compressed bytes read, compressed size)


@dataclass
class WikidataImport:
    """What one run of ``import_wikidata`` did."""

    path: str
    lines: int = 0  # lines read in this run
    kept: Counter[str] = field(default_factory=Counter)  # person/country/organisation/group/position read
    resumed_at: int = 0  # lines already done by an earlier run
    finished: bool = False
    already_done: bool = False
    people_dropped: int = 0  # people none of whose positions could be resolved
    problems: list[str] = field(default_factory=list)  # "file:line: reason" for lines that were skipped


@lru_cache(maxsize=1)
def mapping() -> dict[str, Any]:
    """positions.json: known positions, generic position classes, and the classes of kept items."""
    text = resources.files("eventwire").joinpath("kb/importers/positions.json").read_text("utf-8")
    return json.loads(text)


def open_dump(path: Path) -> tuple[IO[bytes], IO[bytes]]:
    """(raw file, decompressed stream) for a plain, .gz or .bz2 file."""
    raw = path.open("rb")
    if path.suffix == ".gz":
        return raw, gzip.GzipFile(fileobj=raw, mode="rb")
    if path.suffix == ".bz2":
        return raw, bz2.BZ2File(raw, mode="rb")
    return raw, raw


def import_wikidata(
    store: Store,
    path: str | Path,
    *,
    stop_after: int | None = None,
    batch_size: int = 1000,
    progress: Progress | None = None,
) -> WikidataImport:
    """Stream a Wikidata JSON dump into the store's knowledge base.

    ``stop_after`` stops after that many entity lines (as an interruption would; a rerun continues).
    ``progress`` is called with (compressed bytes read, compressed file size) after each batch.
    """
    path = Path(path)
    if not path.is_file():
        raise KnowledgeBaseError(f"no Wikidata dump at {path}: give the path of a .json, .json.gz or .json.bz2 file")
    key = str(path.resolve())
    stat = path.stat()
    result = WikidataImport(path=str(path))
    with stored.transaction(store, f"read the import state of {path}") as conn:
        state = stored.import_state(conn, key)
    if state is None or state["size"] != stat.st_size or state["mtime"] != stat.st_mtime:
        state = {"path": key, "kind": SOURCE, "size": stat.st_size, "mtime": stat.st_mtime,
                 "bytes_done": 0, "lines_done": 0, "entities": 0, "finished": False}
    elif state["finished"]:
        result.already_done = result.finished = True
        result.resumed_at = state["lines_done"]
        return result
    result.resumed_at = state["lines_done"]

    raw, stream = open_dump(path)
    try:
        if state["bytes_done"]:
            stream.seek(state["bytes_done"])  # gzip/bz2 decompress up to there (forward seek)
        offset, lineno = state["bytes_done"], state["lines_done"]
        entities: list[Entity] = []
        refs: list[dict[str, Any]] = []
        read_entities = 0
        pending = 0
        stopped = False
        for line in stream:
            offset += len(line)
            lineno += 1
            result.lines += 1
            pending += 1
            body = line.strip().rstrip(b",")
            if body and body not in (b"[", b"]"):
                read_entities += 1
                if _worth_parsing(body):
                    _read_line(body, f"{path}:{lineno}", entities, refs, result)
            if pending >= batch_size or (stop_after is not None and read_entities >= stop_after):
                state.update(bytes_done=offset, lines_done=lineno, entities=state["entities"] + len(entities))
                _flush(store, entities, refs, state)
                entities, refs, pending = [], [], 0
                if progress:
                    progress(raw.tell(), stat.st_size)
                if stop_after is not None and read_entities >= stop_after:
                    stopped = True
                    break
        if not stopped:
            state.update(bytes_done=offset, lines_done=lineno, entities=state["entities"] + len(entities))
            _flush(store, entities, refs, state)
            if progress:
                progress(stat.st_size, stat.st_size)
    except (OSError, EOFError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read the dump ({exc}); is it a complete .gz/.bz2/.json file?") \
            from exc
    finally:
        stream.close()
        raw.close()
    if stopped:
        return result
    result.people_dropped = resolve(store)
    state["finished"] = True
    with stored.transaction(store, f"finish the import of {path}") as conn:
        stored.save_import_state(conn, state)
    result.finished = True
    return result


def _flush(store: Store, entities: list[Entity], refs: list[dict[str, Any]], state: dict[str, Any]) -> None:
    with stored.transaction(store, "save Wikidata entities") as conn:
        stored.upsert_entities(conn, entities)
        stored.upsert_refs(conn, refs)
        stored.save_import_state(conn, state)


# -- one line ------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _markers() -> frozenset[bytes]:
    m = mapping()
    qids = set(m["position_classes"]) | set(m["classes"]) | set(m["country_classes"])
    qids |= set(m["organisation_classes"])
    return frozenset(q.encode() for q in qids)


def _worth_parsing(body: bytes) -> bool:
    """Cheap test before JSON parsing: only lines with P39, P298 or a kept class's QID can be kept."""
    if b'"P39"' in body or b'"P298"' in body:
        return True
    return any(q in _markers() for q in _QUOTED_QID.findall(body))


def _read_line(body: bytes, where: str, entities: list[Entity], refs: list[dict[str, Any]],
               result: WikidataImport) -> None:
    try:
        item = json.loads(body)
    except json.JSONDecodeError as exc:
        result.problems.append(f"{where}: not a JSON entity ({exc.msg}); line skipped")
        return
    if not isinstance(item, dict) or not str(item.get("id", "")).startswith("Q"):
        return
    try:
        kept = read_item(item)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        result.problems.append(f"{where}: entity {item.get('id')} has an unexpected shape ({exc!r}); skipped")
        return
    for thing in kept:
        if isinstance(thing, Entity):
            entities.append(thing)
            result.kept[thing.kind] += 1
        else:
            refs.append(thing)
            if thing["kind"] == "position":  # a country's ref comes with its entity, counted above
                result.kept["position"] += 1


def read_item(item: dict[str, Any]) -> list[Entity | dict[str, Any]]:
    """What a Wikidata item gives: a person, country, organisation or group entity and/or a helper ref."""
    m = mapping()
    qid = item["id"]
    claims = item.get("claims") or {}
    classes = set(_item_values(claims, "P31"))
    label = _label(item)
    out: list[Entity | dict[str, Any]] = []
    if label is None:
        return out
    aliases = _aliases(item, label)
    if HUMAN in classes and claims.get("P39"):
        positions = []
        for statement in _statements(claims, "P39"):
            position = _value_id(statement["mainsnak"])
            if position:
                positions.append({"position": position,
                                  "start": _qualifier_date(statement, "P580", end=False),
                                  "end": _qualifier_date(statement, "P582", end=True)})
        if positions:
            gender = {MALE: "m", FEMALE: "f"}.get(next(iter(_item_values(claims, "P21")), ""))
            data: dict[str, Any] = {"name": label, "qid": qid, "aliases": aliases, "offices": []}
            if gender:
                data["gender"] = gender
            out.append(Entity(key=f"{SOURCE}:{qid}", kind="person", data=data, source=SOURCE,
                              refs={"positions": positions}))
        return out
    if classes & set(m["country_classes"]):
        iso3 = next(iter(_string_values(claims, "P298")), None) or _pycountry_iso3(label)
        if iso3:
            out.append({"qid": qid, "kind": "country", "label": label, "data": {"iso3": iso3}})
            out.append(Entity(key=f"{SOURCE}:{qid}", kind="country", source=SOURCE,
                              data={"code": iso3, "name": label, "qid": qid, "aliases": aliases}))
            return out
    org_classes = [m["organisation_classes"][c] for c in sorted(classes) if c in m["organisation_classes"]]
    if org_classes:
        spec = org_classes[0]
        data = {"name": label, "qid": qid, "aliases": aliases, "sector": spec["sector"]}
        short = next((s for s in _monolingual_values(claims, "P1813") if re.fullmatch(r"[A-Za-z0-9]{2,8}", s)), None)
        kind = "organisation" if spec["list"] == "organisations" else "group"
        country = next(iter(_item_values(claims, "P17")), None)
        out.append(Entity(key=f"{SOURCE}:{qid}", kind=kind, data=data, source=SOURCE,
                          refs={"country": country, "short": short.upper() if short else None}))
        return out
    supers = set(_item_values(claims, "P279"))
    if (classes | supers) & (set(m["position_classes"]) | set(m["classes"])) or qid in m["positions"]:
        out.append({"qid": qid, "kind": "position", "label": label,
                    "data": {"country": next(iter(_item_values(claims, "P17")), None),
                             "classes": sorted(classes | supers)}})
    return out


# -- resolving positions and countries -----------------------------------------------------------------------


def resolve(store: Store, batch: int = 500) -> int:
    """Turn stored position and country QIDs into offices and codes; drop people left without an office.

    Runs after a dump has been read; it only reads what is stored, so running it again gives the same result.
    Returns how many people were dropped.
    """
    dropped = 0
    chunk: list[dict[str, Any]] = []

    def run(rows: list[dict[str, Any]]) -> int:
        with stored.transaction(store, "resolve Wikidata positions") as conn:
            wanted: set[str] = set()
            for row in rows:
                refs = row["refs"] or {}
                wanted.update(p["position"] for p in refs.get("positions", []))
                if refs.get("country"):
                    wanted.add(refs["country"])
            known = stored.load_refs(conn, wanted)
            wanted |= {ref.get("country") for ref in known.values() if ref.get("country")}
            known = stored.load_refs(conn, wanted)
            drop = []
            for row in rows:
                data = resolved_data(row, known)
                if data is None:
                    drop.append(row["key"])
                else:
                    stored.set_data(conn, row["key"], data)
            stored.delete_entities(conn, drop)
            return len(drop)

    for row in stored.iter_entities(store, source=SOURCE):
        if row["kind"] == "country":
            continue
        chunk.append(row)
        if len(chunk) >= batch:
            dropped += run(chunk)
            chunk = []
    if chunk:
        dropped += run(chunk)
    return dropped


def resolved_data(row: dict[str, Any], known: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """An entity's FORMAT.md data with its references resolved; None for a person with no usable office."""
    data = dict(row["data"])
    refs = row["refs"] or {}
    if row["kind"] == "person":
        offices = [o for o in (_office(p, known) for p in refs.get("positions", [])) if o]
        offices.sort(key=lambda o: o["start"] or "")
        if not offices:
            return None
        data["offices"] = offices
        return data
    country = _iso3(refs.get("country"), known)
    shipped = _shipped_orgs().get(data.get("qid") or "")
    if row["kind"] == "organisation":
        data["code"] = shipped or refs.get("short") or data["sector"]
        data["country"] = country
    else:
        data["code"] = country or ("IMG" if data["sector"] == "REB" else "INT")
    return data


def _office(ref: dict[str, Any], known: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    m = mapping()
    qid = ref["position"]
    spec = m["positions"].get(qid)
    if spec is not None:
        office = {"office": spec["office"], "titles": list(spec.get("titles", [])),
                  "country": spec["country"], "sector": spec["sector"]}
    else:
        position = known.get(qid)
        if not position or position["kind"] != "position":
            return None
        country = _iso3(position.get("country"), known)
        if country is None:
            return None
        generic = next((m["classes"][c] for c in position.get("classes", []) if c in m["classes"]), {})
        office = {"office": position["label"], "titles": list(generic.get("titles", [])), "country": country,
                  "sector": _sector(position["label"], generic.get("sector", "GOV"))}
    office.update(start=ref.get("start"), end=ref.get("end"), qid=qid)
    return office


def _sector(label: str, default: str) -> str:
    lowered = label.lower()
    for sector, words in mapping()["sector_words"].items():
        if any(word in lowered for word in words):
            return sector
    return default


def _iso3(country_qid: str | None, known: dict[str, dict[str, Any]]) -> str | None:
    if not country_qid:
        return None
    ref = known.get(country_qid)
    if ref and ref.get("kind") == "country":
        return ref.get("iso3")
    return _shipped_countries().get(country_qid)


@lru_cache(maxsize=1)
def _shipped_countries() -> dict[str, str]:
    from ..loader import load_kb

    return {c.qid: c.code for c in load_kb().countries.values() if c.qid}


@lru_cache(maxsize=1)
def _shipped_orgs() -> dict[str, str]:
    from ..loader import load_kb

    return {o.qid: o.code for o in load_kb().organisations if o.qid and o.sector in ("IGO", "NGO", "JUD")}


def _pycountry_iso3(label: str) -> str | None:
    try:
        return pycountry.countries.lookup(label).alpha_3
    except LookupError:
        return None


# -- Wikidata JSON -------------------------------------------------------------------------------------------


def _label(item: dict[str, Any]) -> str | None:
    labels = item.get("labels") or {}
    for lang in ("en", "mul"):
        if lang in labels:
            return labels[lang]["value"]
    return next((v["value"] for v in labels.values()), None)


def _aliases(item: dict[str, Any], label: str) -> list[str]:
    aliases = [a["value"] for lang in ("en", "mul") for a in (item.get("aliases") or {}).get(lang, [])]
    return list(dict.fromkeys([label, *aliases]))


def _statements(claims: dict[str, Any], prop: str) -> Iterator[dict[str, Any]]:
    for statement in claims.get(prop, []):
        if statement.get("rank") != "deprecated" and statement.get("mainsnak", {}).get("snaktype") == "value":
            yield statement


def _value_id(snak: dict[str, Any]) -> str | None:
    value = (snak.get("datavalue") or {}).get("value")
    if isinstance(value, dict):
        return value.get("id") or (f"Q{value['numeric-id']}" if "numeric-id" in value else None)
    return None


def _item_values(claims: dict[str, Any], prop: str) -> list[str]:
    return [v for v in (_value_id(s["mainsnak"]) for s in _statements(claims, prop)) if v]


def _string_values(claims: dict[str, Any], prop: str) -> list[str]:
    values = (s["mainsnak"]["datavalue"]["value"] for s in _statements(claims, prop))
    return [v for v in values if isinstance(v, str)]


def _monolingual_values(claims: dict[str, Any], prop: str) -> list[str]:
    values = (s["mainsnak"]["datavalue"]["value"] for s in _statements(claims, prop))
    return [v["text"] for v in values if isinstance(v, dict) and "text" in v]


def _qualifier_date(statement: dict[str, Any], prop: str, *, end: bool) -> str | None:
    for snak in (statement.get("qualifiers") or {}).get(prop, []):
        if snak.get("snaktype") == "value":
            return wikidata_date(snak["datavalue"]["value"], end=end)
    return None


def wikidata_date(value: dict[str, Any], *, end: bool = False) -> str | None:
    """A Wikidata time value -> YYYY-MM-DD (None below year precision or before year 1).

    Month and year precision give the first day of the period for a start and the last day for an ``end``.
    """
    match = re.fullmatch(r"\+(\d{1,16})-(\d\d)-(\d\d)T.*", str(value.get("time", "")))
    precision = int(value.get("precision", 11))
    if not match or precision < 9:
        return None
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if year < 1 or year > 9999:
        return None
    if precision == 9 or month == 0:
        month, day = (12, 31) if end else (1, 1)
    elif precision == 10 or day == 0:
        day = calendar.monthrange(year, month)[1] if end else 1
    return f"{year:04d}-{month:02d}-{day:02d}"
