"""Event downloads: JSON, JSONL and CSV streamed record by record; Parquet built with pyarrow.

CSV and Parquet flatten each record into one row (``FLAT_COLUMNS``); JSON and JSONL keep the whole record.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

FORMATS = {
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}

# (column, kind) for CSV headers and the Parquet schema.
FLAT_COLUMNS: list[tuple[str, str]] = [
    ("id", "str"), ("article_id", "str"), ("date", "str"), ("date_precision", "str"),
    ("event", "str"), ("event_types", "str"), ("mode", "str"), ("context", "str"),
    ("quad_code", "int"), ("event_scale", "float"), ("cameo", "str"),
    ("actor_codes", "str"), ("actor_sectors", "str"), ("actor_names", "str"),
    ("recipient_codes", "str"), ("recipient_sectors", "str"), ("recipient_names", "str"),
    ("location", "str"), ("location_country", "str"), ("lat", "float"), ("lon", "float"),
    ("speaker", "str"), ("speaker_code", "str"),
    ("negated", "bool"), ("future", "bool"), ("hypothetical", "bool"), ("reported", "bool"),
    ("confidence", "float"), ("n_flags", "int"), ("event_text", "str"), ("text", "str"),
    ("url", "str"), ("outlet", "str"), ("published", "str"), ("title", "str"),
]
COLUMN_NAMES = [name for name, _ in FLAT_COLUMNS]


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One record as a flat row: lists joined with "; ", entities split into codes, sectors and names."""
    actors, recipients = record.get("actor") or [], record.get("recipient") or []
    place = record.get("event_loc") or {}
    speaker = record.get("speaker") or {}
    markers = record.get("markers") or {}
    cite = record.get("cite_info") or {}
    events = record.get("event") or []
    return {
        "id": record.get("id"),
        "article_id": record.get("article_id"),
        "date": record.get("date"),
        "date_precision": record.get("date_precision"),
        "event": events[0] if events else None,
        "event_types": _join(events),
        "mode": _join(record.get("mode")),
        "context": _join(record.get("context")),
        "quad_code": record.get("quad_code"),
        "event_scale": record.get("event_scale"),
        "cameo": record.get("cameo"),
        "actor_codes": _join(e.get("code") for e in actors),
        "actor_sectors": _join(e.get("sector") for e in actors),
        "actor_names": _join(_name(e) for e in actors),
        "recipient_codes": _join(e.get("code") for e in recipients),
        "recipient_sectors": _join(e.get("sector") for e in recipients),
        "recipient_names": _join(_name(e) for e in recipients),
        "location": place.get("name"),
        "location_country": place.get("country"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "speaker": _name(speaker) if speaker else None,
        "speaker_code": speaker.get("code"),
        "negated": markers.get("negated"),
        "future": markers.get("future"),
        "hypothetical": markers.get("hypothetical"),
        "reported": markers.get("reported"),
        "confidence": record.get("confidence"),
        "n_flags": len(record.get("flags") or []),
        "event_text": record.get("event_text"),
        "text": record.get("text"),
        "url": cite.get("url"),
        "outlet": cite.get("outlet"),
        "published": cite.get("published"),
        "title": cite.get("title"),
    }


def stream_json(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A JSON array, written one record at a time."""
    yield "["
    for n, record in enumerate(records):
        yield ("," if n else "") + json.dumps(record, ensure_ascii=False)
    yield "]\n"


def stream_jsonl(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


def stream_csv(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV with a header row; one flattened record per row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMN_NAMES, lineterminator="\n")
    writer.writeheader()
    for n, record in enumerate(records, 1):
        writer.writerow(flatten(record))
        if n % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def parquet_bytes(records: Iterable[dict[str, Any]]) -> bytes:
    """A Parquet file of flattened records (plus the whole record as JSON text in ``record``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    fields = [pa.field(name, kinds[kind]) for name, kind in FLAT_COLUMNS] + [pa.field("record", pa.string())]
    columns: dict[str, list[Any]] = {f.name: [] for f in fields}
    for record in records:
        row = flatten(record)
        for name in COLUMN_NAMES:
            columns[name].append(row[name])
        columns["record"].append(json.dumps(record, ensure_ascii=False))
    table = pa.Table.from_pydict(columns, schema=pa.schema(fields))
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def _name(entity: dict[str, Any]) -> str | None:
    return entity.get("identifier_text") or entity.get("entity_text")


def _join(values: Any) -> str:
    return "; ".join(str(v) for v in values or [] if v not in (None, ""))
