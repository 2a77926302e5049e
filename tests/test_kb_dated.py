"""Resolution uses dates: "the Russian defence minister" is Shoigu in 2022 and Belousov in 2025.

Each line of tests/data/office_changes/*.jsonl is one real change of holder: who held a title just before and
just after. The KB must answer both, and the coder must resolve a title-only mention in an article of each day.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventwire.api import code_article
from eventwire.kb import load_kb

CHANGES = [json.loads(line) for path in sorted((Path(__file__).parent / "data" / "office_changes").glob("*.jsonl"))
           for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
CASES = [(c["country"], c["title"], *side) for c in CHANGES for side in (c["before"], c["after"])]


def test_there_are_at_least_thirty_office_changes() -> None:
    assert len(CHANGES) >= 30
    assert len({c["country"] for c in CHANGES}) >= 20


def is_named(person, name: str) -> bool:
    return any(n.target is person for n in load_kb().lookup(name))


@pytest.mark.parametrize(("country", "title", "day", "name"), CASES,
                         ids=[f"{c}-{t}-{d}" for c, t, d, _ in CASES])
def test_the_kb_knows_who_held_the_office_that_day(country: str, title: str, day: str, name: str) -> None:
    found = load_kb().office_holder(country, title, dt.date.fromisoformat(day))
    assert found is not None, f"nobody is {title} of {country} on {day}"
    assert is_named(found[0], name), f"{title} of {country} on {day}: KB says {found[0].name}, expected {name}"


def adjective(code: str) -> str:
    if code in ("UNO", "NATO", "EU"):
        return {"UNO": "UN"}.get(code, code)
    kb = load_kb()
    forms = [n.text for names in kb.names.values() for n in names
             if n.kind == "adjective" and getattr(n.target, "code", None) == code]
    return forms[0] if forms else code


def test_the_coder_resolves_a_title_by_the_article_date() -> None:
    """One article per side of every change: "The <Country> <title> accused the rebels ..." resolves to the holder."""
    wrong = []
    for country, title, day, name in CASES:
        text = f"The {adjective(country)} {title} accused the rebels of breaking the ceasefire on Monday."
        records = code_article(text, id="t", published=day).records
        who = [e.get("identifier_text") for r in records for e in r["actor"]]
        if not any(w and is_named(load_kb().person(w) or load_kb().lookup(w)[0].target, name) for w in who):
            wrong.append(f"{day} {text!r}: {who}, expected {name}")
    assert len(wrong) <= len(CASES) // 20, "\n".join(wrong)
