"""The JSON Schema of the event record, shipped with the package, and a validator over it."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema


@lru_cache(maxsize=1)
def event_schema() -> dict[str, Any]:
    return json.loads(resources.files("eventwire").joinpath("schema/event.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(event_schema(), format_checker=jsonschema.FormatChecker())


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Readable messages for every way ``record`` breaks the event schema (empty when valid)."""
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(record)'}: {e.message}"
            for e in _validator().iter_errors(record)]
