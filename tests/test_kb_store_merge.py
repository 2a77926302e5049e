"""What users add to the knowledge base in a store is used when coding into that store."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli import app

TEXT = "Arcadian Defence Minister Zara Quillfeather accused the rebels of breaking the ceasefire on Monday."


def code(tmp_path: Path, db: Path) -> list[dict]:
    article = tmp_path / "a.txt"
    article.write_text(TEXT.replace("Arcadian", "New Zealand"), encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(article), "--published", "2024-05-06", "--db", str(db),
                                      "--format", "jsonl", "--force"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_a_person_added_to_the_store_is_resolved_with_the_office_on_the_day(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    before = code(tmp_path, db)
    assert before and before[0]["actor"][0]["identifier_text"] is None  # nobody the KB knows
    added = CliRunner().invoke(app, ["kb", "add", "--kind", "person", "--name", "Zara Quillfeather",
                                     "--country", "NZL", "--office", "Minister of Defence", "--sector", "MIL",
                                     "--title", "defence minister", "--start", "2023-11-27", "--db", str(db)])
    assert added.exit_code == 0, added.output
    after = code(tmp_path, db)
    actor = after[0]["actor"][0]
    assert actor["identifier_text"] == "Zara Quillfeather"
    assert (actor["code"], actor["sector"]) == ("NZL", "MIL")
