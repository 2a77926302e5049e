"""Shared fixtures. The seed article is read from ../shared/seed/ (never copied into the repo)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_3a801cd328a14ee6.txt"
SAMPLES = REPO / "src" / "eventwire" / "samples"


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def coder():
    from eventwire.api import Coder

    return Coder()


@pytest.fixture(scope="session")
def seed_coded(coder, seed_text):
    from eventwire import Article

    return coder.code(Article(id="seed", text=seed_text, published=__import__("datetime").date(2022, 1, 17)))
