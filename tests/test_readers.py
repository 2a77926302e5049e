"""Tests for eventwire.readers: every source kind, and every unreadable item reported inline."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import socket
import sys
from pathlib import Path

import pytest

from eventwire.article import Article
from eventwire.errors import ArticleError
from eventwire.readers import read_sources

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_3a801cd328a14ee6.txt"

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ferry strike ends in Lorvik | The Fjord Courier</title>
<meta property="og:site_name" content="The Fjord Courier">
<meta property="og:title" content="Ferry strike ends in Lorvik">
<link rel="canonical" href="https://courier.example.org/2021/05/ferry-strike-ends">
<meta property="article:published_time" content="2021-05-06T07:15:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/weather">Weather</a></nav>
<article>
<h1>Ferry strike ends in Lorvik</h1>
<p>Crews of the Lorvik ferry line returned to work on Thursday after the port authority agreed
to a new rota.</p>
<p>The union said the deal covered overtime pay and would be reviewed by the regional council
in the autumn.</p>
<p>Passengers had been stranded on the outer islands for nine days while the talks went on.</p>
</article>
<footer><p>Copyright 2021 The Fjord Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""

BARE_PAGE = """<!DOCTYPE html>
<html><head><title>Site map</title><meta property="og:site_name" content="The Fjord Courier"></head>
<body><nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<footer><p>Copyright 2021 The Fjord Courier. All rights reserved.</p></footer></body></html>
"""


def read(*sources: str | Path, **options: str | None) -> list[Article | ArticleError]:
    return list(read_sources(sources, **options))


def articles(items: list[Article | ArticleError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list[Article | ArticleError]) -> list[ArticleError]:
    return [item for item in items if isinstance(item, ArticleError)]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def jsonl(*lines: object) -> str:
    return "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)


# plain text


def test_text_file_becomes_an_article_named_by_its_stem_with_the_given_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "042_storm.txt", "The council met on Monday.\nIt voted to close the bridge.\n")
    [art] = read(path, published="2020-02-03", url="https://x.example/a", outlet="Gazette", title="Bridge")
    assert art == Article(
        id="042_storm",
        text="The council met on Monday.\nIt voted to close the bridge.\n",
        url="https://x.example/a",
        outlet="Gazette",
        published=dt.date(2020, 2, 3),
        title="Bridge",
    )


def test_text_without_options_has_no_metadata(tmp_path: Path) -> None:
    [art] = read(write(tmp_path / "a.txt", "Talks resumed."))
    assert (art.url, art.outlet, art.published, art.title) == (None, None, None, None)


def test_published_option_accepts_a_date_object_and_an_iso_datetime(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Talks resumed.")
    [by_date] = read_sources([path], published=dt.date(2019, 7, 1))
    [by_datetime] = read(path, published="2019-07-01T23:00:00+02:00")
    assert by_date.published == by_datetime.published == dt.date(2019, 7, 1)


def test_text_leading_utf8_bom_is_stripped(tmp_path: Path) -> None:
    [art] = read(write(tmp_path / "bom.txt", b"\xef\xbb\xbfMinisters met in Oslo."))
    assert art.text == "Ministers met in Oslo."


def test_text_crlf_is_normalised_and_everything_else_kept_verbatim(tmp_path: Path) -> None:
    [art] = read(write(tmp_path / "crlf.txt", b"  Line one.\r\n\r\nLine two.\t\r\n"))
    assert art.text == "  Line one.\n\nLine two.\t\n"


def test_text_with_undecodable_bytes_is_reported_with_byte_and_offset(tmp_path: Path) -> None:
    [err] = read(write(tmp_path / "latin.txt", b"Caf\xe9 talks"))
    assert isinstance(err, ArticleError)
    assert err.article_id == "latin"
    assert err.reason == "not UTF-8 text: byte 0xe9 at offset 3"


def test_undecodable_byte_offset_counts_the_bom(tmp_path: Path) -> None:
    [err] = read(write(tmp_path / "bom.txt", b"\xef\xbb\xbfab\xff"))
    assert err.reason == "not UTF-8 text: byte 0xff at offset 5"


def test_empty_and_whitespace_only_text_files_are_reported(tmp_path: Path) -> None:
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "blank.txt", " \n\t\r\n")
    items = read(tmp_path)
    found = [(e.article_id, e.reason) for e in errors(items)]
    assert found == [("blank", "empty text"), ("empty", "empty text")]
    assert articles(items) == []


def test_md_and_text_extensions_are_read_as_plain_text(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "# Note\nTroops withdrew.")
    write(tmp_path / "b.text", "Envoys arrived.")
    assert [a.id for a in articles(read(tmp_path))] == ["a", "b"]


def test_explicit_file_with_unknown_extension_is_read_as_plain_text(tmp_path: Path) -> None:
    [art] = read(write(tmp_path / "wire.story", "Rebels seized the airport."))
    assert (art.id, art.text) == ("wire", "Rebels seized the airport.")


# JSON and JSON Lines


def test_json_file_with_one_object_gives_one_article_with_all_fields(tmp_path: Path) -> None:
    obj = {
        "id": "n1",
        "text": "Police arrested two.",
        "url": "u",
        "outlet": "o",
        "published": "2022-01-17",
        "title": "t",
        "section": "world",
    }
    [art] = read(write(tmp_path / "one.json", json.dumps(obj)), outlet="ignored for JSON")
    assert art.to_dict() == {k: v for k, v in obj.items() if k != "section"}
    assert art.extra == {"section": "world"}


def test_json_object_without_id_is_named_by_the_file_stem(tmp_path: Path) -> None:
    [art] = read(write(tmp_path / "solo.json", json.dumps({"text": "A ceasefire held."})))
    assert art.id == "solo"


def test_json_list_gives_one_article_per_object_and_reports_bad_items(tmp_path: Path) -> None:
    doc = [{"id": "x", "text": "First."}, {"text": "Second."}, {"id": "z"}, "not an object"]
    items = read(write(tmp_path / "batch.json", json.dumps(doc)))
    assert [a.id for a in articles(items)] == ["x", "batch:1"]
    assert [(e.article_id, e.reason) for e in errors(items)] == [
        ("z", "missing or empty 'text'"),
        (f"{tmp_path / 'batch.json'}[3]", "expected a JSON object, got str"),
    ]


def test_malformed_json_file_is_reported_with_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", '{\n  "id": "a",\n  "text": "x" "y"\n}')
    [err] = read(path)
    assert str(err) == f"{path}:3: malformed JSON: Expecting ',' delimiter (column 15)"


def test_json_scalar_and_empty_json_files_are_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.json", "42")
    write(tmp_path / "b.json", "  \n")
    write(tmp_path / "c.json", "[]")
    assert [e.reason for e in errors(read(tmp_path))] == [
        "expected a JSON object or a list of objects, got int",
        "empty file",
        "empty JSON list",
    ]


def test_jsonl_malformed_line_is_reported_and_other_lines_still_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "articles.jsonl",
        jsonl({"id": "a", "text": "One."}, "", '{"id": "b", "text" "Two."}', {"text": "Three."}),
    )
    items = read(path)
    assert [a.id for a in articles(items)] == ["a", "articles:4"]
    [err] = errors(items)
    assert str(err) == f"{path}:3: malformed JSON: Expecting ':' delimiter (column 20)"


def test_jsonl_line_missing_text_is_reported_by_its_id_and_others_still_read(tmp_path: Path) -> None:
    path = write(tmp_path / "a.ndjson", jsonl({"id": "k1", "title": "No body"}, {"text": "Body."}, [1]))
    items = read(path)
    assert [a.id for a in articles(items)] == ["a:2"]
    assert [(e.article_id, e.reason) for e in errors(items)] == [
        ("k1", "missing or empty 'text'"),
        (f"{tmp_path / 'a.ndjson'}:3", "expected a JSON object, got list"),
    ]


def test_jsonl_bad_published_date_is_reported_for_that_line_only(tmp_path: Path) -> None:
    lines = jsonl({"id": "p", "text": "T.", "published": "last week"}, {"text": "U."})
    items = read(write(tmp_path / "d.jsonl", lines))
    assert [a.id for a in articles(items)] == ["d:2"]
    assert errors(items)[0].article_id == "p"
    assert "not an ISO date" in errors(items)[0].reason


def test_jsonl_undecodable_line_is_reported_and_other_lines_still_read(tmp_path: Path) -> None:
    good = jsonl({"text": "Fine."}).encode()
    path = write(tmp_path / "mixed.jsonl", good + b'{"text": "bad \xff"}\n' + good)
    items = read(path)
    assert [a.id for a in articles(items)] == ["mixed:1", "mixed:3"]
    assert str(errors(items)[0]) == f"{path}:2: not UTF-8 text: byte 0xff at offset {len(good) + 14}"


def test_jsonl_ignores_the_plain_text_options(tmp_path: Path) -> None:
    [art] = read(write(tmp_path / "a.jsonl", jsonl({"text": "T."})), published="2020-01-01", outlet="O")
    assert (art.published, art.outlet) == (None, None)


# sources: directories, globs, missing paths, compression, stdin


def test_directory_is_read_recursively_in_sorted_order_with_supported_files_only(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B.")
    write(tmp_path / "a" / "z.txt", "AZ.")
    write(tmp_path / "a" / "deeper" / "c.jsonl", jsonl({"id": "c", "text": "C."}))
    write(tmp_path / "a" / "notes.csv", "x,y")
    write(tmp_path / "a" / ".hidden.txt", "H.")
    write(tmp_path / ".git" / "x.txt", "G.")
    items = read(tmp_path)
    assert errors(items) == []
    assert [a.id for a in articles(items)] == ["c", "z", "b"]


def test_directory_without_supported_files_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "only.csv", "x,y")
    [err] = read(tmp_path)
    assert err.article_id == str(tmp_path)
    assert err.reason.startswith("no .txt/")


def test_glob_pattern_reads_matching_supported_files_in_order(tmp_path: Path) -> None:
    write(tmp_path / "data" / "2.jsonl", jsonl({"id": "two", "text": "2."}))
    write(tmp_path / "data" / "1.jsonl", jsonl({"id": "one", "text": "1."}))
    write(tmp_path / "data" / "3.txt", "Three.")
    write(tmp_path / "data" / "sub" / "4.jsonl", jsonl({"id": "four", "text": "4."}))
    assert [a.id for a in read(str(tmp_path / "data" / "*.jsonl"))] == ["one", "two"]
    assert [a.id for a in read(str(tmp_path / "**" / "*.jsonl"))] == ["one", "two", "four"]


def test_double_star_glob_reads_each_file_once(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", "A.")
    write(tmp_path / "d" / "e" / "b.txt", "B.")
    assert [a.id for a in read(str(tmp_path / "d" / "**"))] == ["a", "b"]


def test_missing_path_and_empty_glob_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "ok.txt", "Fine.")
    items = read(tmp_path / "nope.txt", str(tmp_path / "*.xml"), good)
    assert [(e.article_id, e.reason) for e in errors(items)] == [
        (str(tmp_path / "nope.txt"), "no such file or directory"),
        (str(tmp_path / "*.xml"), "pattern matched no files"),
    ]
    assert [a.id for a in articles(items)] == ["ok"]


def test_gzip_compressed_files_are_read_and_named_without_the_compression_suffix(tmp_path: Path) -> None:
    write(tmp_path / "w.jsonl.gz", gzip.compress(jsonl({"text": "Zipped."}).encode()))
    write(tmp_path / "s.txt.gz", gzip.compress(b"Also zipped."))
    write(tmp_path / "x.csv.gz", gzip.compress(b"x,y"))
    items = read(tmp_path)
    assert [(a.id, a.text) for a in articles(items)] == [("s", "Also zipped."), ("w:1", "Zipped.")]
    assert errors(items) == []


def test_corrupt_gzip_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.txt.gz", b"not gzip at all")
    [err] = read(path)
    assert err.article_id == str(path)
    assert err.reason.startswith("cannot read file:")


def test_a_single_string_source_is_not_split_into_characters(tmp_path: Path) -> None:
    path = write(tmp_path / "one.txt", "One.")
    assert [a.id for a in read_sources(str(path))] == ["one"]


def test_stdin_starting_with_a_brace_is_read_as_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = jsonl({"id": "s1", "text": "From a pipe."}, "{oops")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    items = read("-")
    assert [a.id for a in articles(items)] == ["s1"]
    assert str(errors(items)[0]).startswith("<stdin>:2: malformed JSON")


def test_stdin_plain_text_is_one_article_with_the_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Piped text.\r\n")))
    [art] = read("-", outlet="Pipe Post")
    assert (art.id, art.text, art.outlet) == ("stdin", "Piped text.\n", "Pipe Post")


# HTML


def test_html_page_gives_body_text_and_page_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "ferry.html", PAGE)
    [art] = read(path, published="1999-01-01", url="https://other.example", outlet="Other", title="Other")
    assert isinstance(art, Article), art
    assert art.id == "ferry"
    assert art.title == "Ferry strike ends in Lorvik"
    assert art.url == "https://courier.example.org/2021/05/ferry-strike-ends"
    assert art.outlet == "The Fjord Courier"
    assert art.published == dt.date(2021, 5, 6)
    paragraphs = art.text.split("\n\n")
    assert paragraphs[0].startswith("Crews of the Lorvik ferry line returned to work")
    assert paragraphs[-1].startswith("Passengers had been stranded")
    for boilerplate in ("Home", "Weather", "Copyright", "Privacy"):
        assert boilerplate not in art.text


def test_html_page_without_metadata_takes_the_options(tmp_path: Path) -> None:
    sentence = "says the assembly debated the budget at length today."
    body = "".join(f"<p>Paragraph {n} {sentence}</p>" for n in range(3))
    path = write(tmp_path / "plain.htm", f"<html><body><article>{body}</article></body></html>")
    [art] = read(path, published="2018-10-10", url="https://u.example/p", outlet="Desk", title="Budget")
    assert isinstance(art, Article), art
    assert (art.published, art.url, art.outlet, art.title) == (
        dt.date(2018, 10, 10),
        "https://u.example/p",
        "Desk",
        "Budget",
    )
    assert art.text.startswith("Paragraph 0 says")


def test_html_page_with_no_body_text_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "sitemap.html", BARE_PAGE)
    write(tmp_path / "blank.html", "")
    write(tmp_path / "navonly.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert [(e.article_id, e.reason) for e in read(tmp_path)] == [
        ("blank", "no article text found in HTML"),
        ("navonly", "no article text found in HTML"),
        ("sitemap", "no article text found in HTML"),
    ]


def test_html_reading_opens_no_network_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    [art] = read(write(tmp_path / "ferry.html", PAGE))
    assert isinstance(art, Article), art


def test_gzip_compressed_html_is_read(tmp_path: Path) -> None:
    [art] = read(write(tmp_path / "ferry.html.gz", gzip.compress(PAGE.encode())))
    assert isinstance(art, Article), art
    assert art.id == "ferry"


# usage errors and the seed article


@pytest.mark.parametrize("bad", ["yesterday", "17/01/2022", "2022-13-01"])
def test_bad_published_option_raises_value_error_before_reading_anything(bad: str) -> None:
    with pytest.raises(ValueError, match="published"):
        read_sources(["/no/such/path"], published=bad)


def test_seed_article_is_read_with_its_stem_as_id() -> None:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    [art] = read(SEED)
    assert isinstance(art, Article), art
    assert art.id == "000_3a801cd328a14ee6"
    assert art.text.strip().startswith("Defense Secretary Ben Wallace")
