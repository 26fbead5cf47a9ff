"""Corpus stream readers: JSON Lines (plain and gzip), WARC, Parquet, folders; stable ids; every
record accounted for."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.corpus.readers import content_id, iter_stream
from newsweave.errors import Code
from newsweave.model import Article, Skipped


def _body(topic: str) -> str:
    return (f"The city council met on Tuesday to discuss the {topic}. Members said that the "
            f"plan would be put to a vote next month, and that residents could comment on it "
            f"at the town hall before the decision was made by the council.")


def _split(items: list[Article | Skipped]) -> tuple[list[Article], list[Skipped]]:
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, Skipped)])


def _jsonl(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_gzip_json_lines_stream_with_a_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(_jsonl([
        json.dumps({"id": "own-1", "text": _body("bridge"), "title": "Bridge",
                    "date": "2024-05-01", "source": "Daily", "url": "https://x.test/1"}),
        '{"text": "broken',
        json.dumps({"text": _body("park")}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Too short."}),
        json.dumps({"title": "no text"}),
        "",
    ])))
    articles, skipped = _split(list(iter_stream([str(path)])))
    assert [a.id for a in articles] == ["own-1", content_id(_body("park"))]
    first = articles[0]
    assert (first.title, first.date, first.source, first.url) == (
        "Bridge", dt.date(2024, 5, 1), "Daily", "https://x.test/1")
    assert first.input == f"{path}:1"
    assert [(s.input.rsplit(":", 1)[1], s.code) for s in skipped] == [
        ("2", Code.E_BAD_JSON.value), ("4", Code.E_EMPTY.value), ("5", Code.E_EMPTY.value),
        ("6", Code.E_BAD_JSON.value)]
    assert "not valid JSON" in skipped[0].reason
    assert "words of content" in skipped[2].reason


def test_ids_are_stable_across_runs_and_repeats_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(_jsonl([json.dumps({"text": _body("bridge")}),
                             json.dumps({"text": _body("bridge")})]))
    first = list(iter_stream([str(path)]))
    second = list(iter_stream([str(path)]))
    assert first == second
    articles, skipped = _split(first)
    assert [a.id for a in articles] == [content_id(_body("bridge"))]
    assert [s.code for s in skipped] == [Code.E_DUPLICATE_ID.value]
    again = Article.model_validate_json(articles[0].model_dump_json())
    assert again == articles[0]


def test_truncated_gzip_is_a_skip_not_a_crash(tmp_path: Path) -> None:
    data = gzip.compress(_jsonl([json.dumps({"text": _body(f"item {i}")}) for i in range(50)]))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    articles, skipped = _split(list(iter_stream([str(path)])))
    assert skipped and skipped[-1].code == Code.E_UNREADABLE.value
    assert "cannot be read past line" in skipped[-1].reason
    assert len(articles) < 50


def _warc(path: Path) -> None:
    html = (f"<html><head><title>Council votes</title></head><body><article><h1>Council "
            f"votes</h1><p>{_body('river bridge')}</p><p>{_body('new library')}</p></article>"
            f"</body></html>").encode()
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "t"}))
        writer.write_record(writer.create_warc_record(
            "https://news.test/council", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
            warc_headers_dict={"WARC-Date": "2024-03-02T10:00:00Z"}))
        for url, ctype, status, payload in (
            ("https://news.test/council", "text/html; charset=utf-8", "200 OK", html),
            ("https://news.test/logo.png", "image/png", "200 OK", b"\x89PNG"),
            ("https://news.test/gone", "text/html", "404 Not Found", b"<html>gone</html>"),
            ("https://news.test/plain", "text/plain", "200 OK", _body("market").encode()),
        ):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-03-02T10:00:00Z"}))


def test_warc_responses_become_articles_and_other_records_are_skips(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path)
    articles, skipped = _split(list(iter_stream([str(path)])))
    assert [a.url for a in articles] == ["https://news.test/council", "https://news.test/plain"]
    page = articles[0]
    assert page.date == dt.date(2024, 3, 2)
    assert page.source and "news.test" in page.source
    assert page.id == content_id(page.text)
    assert "river bridge" in page.text
    reasons = [s.reason for s in skipped]
    assert len(skipped) == 4  # warcinfo, request, the image, the 404
    assert "warcinfo record" in reasons[0] and "request record" in reasons[1]
    assert "image/png" in reasons[2] and "404" in reasons[3]
    assert list(iter_stream([str(path)])) == list(iter_stream([str(path)]))


def test_folder_mixes_formats_and_reports_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Council votes\n\n" + _body("ferry") + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "j1", "text": _body("tram")}) + "\n")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text(_body("secret"))
    articles, skipped = _split(list(iter_stream([str(tmp_path), str(tmp_path / "missing")])))
    assert [a.format for a in articles] == ["text", "jsonl"]
    assert articles[0].id == content_id(articles[0].text)
    assert all(p.article_id == articles[0].id for p in articles[0].paragraphs)
    assert articles[1].id == "j1"
    codes = sorted(s.code for s in skipped)
    assert codes == sorted([Code.E_UNSUPPORTED.value, Code.E_UNSUPPORTED.value,
                            Code.E_NOT_FOUND.value])


def test_parquet_rows_are_articles(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({
        "id": [None, "p2", None],
        "text": [_body("stadium"), _body("harbour"), ""],
        "title": ["Stadium", None, None],
        "date": [dt.date(2024, 1, 2), None, None],
    })
    path = tmp_path / "rows.parquet"
    pq.write_table(table, path)
    articles, skipped = _split(list(iter_stream([str(path)])))
    assert [a.id for a in articles] == [content_id(_body("stadium")), "p2"]
    assert articles[0].date == dt.date(2024, 1, 2) and articles[0].title == "Stadium"
    assert [(s.input, s.code) for s in skipped] == [(f"{path}:row 3", Code.E_EMPTY.value)]


def test_parquet_without_pyarrow_names_the_extra(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rows.parquet"
    path.write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    [item] = list(iter_stream([str(path)]))
    assert isinstance(item, Skipped)
    assert "pyarrow" in item.reason and "newsweave[parquet]" in item.reason
