"""Hostile inputs (issue 17): each one is used (with the notice it deserves, or none) or skipped
with a specific code and a message that says why; none crashes, hangs or disappears.

Every case is a file (or folder, pipe or link) built in code under a temporary folder, read
through the public ingest entry point (:func:`newsweave.ingest.load_articles`), or through
:func:`newsweave.brief` where the notice comes from the analysis (quote marks, long
sentences).  A few go through the command line as a real subprocess.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import newsweave
from newsweave.ingest import load_articles
from newsweave.model import Article, Notice, Skipped

# An invented story, long enough to pass the length and language checks.
TITLE = " date 2024-09-14 Lighthouse keeper rescues stranded kayakers off Penrock Point"
PARAGRAPHS = (
    "Two kayakers who were swept past Penrock Point by a sudden change in the wind were "
    "brought back to shore on Saturday evening by the keeper of the old lighthouse, the "
    "coastguard said.",
    "The pair had set out from the harbour in the early afternoon and were trying to return "
    "when the tide turned and the wind rose, pushing them towards the rocks below the cliffs.",
    "The keeper saw them from the gallery of the lighthouse, launched the station's small "
    "boat and towed both kayaks into the shelter of the cove before the coastguard arrived.",
)
STORY = TITLE + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
BODY = "\n\n".join(PARAGRAPHS)

SPANISH = (
    "Dos piragüistas fueron arrastrados por el viento más allá del cabo el sábado por la "
    "tarde y el farero los llevó de vuelta a la orilla con su pequeña barca, según informó "
    "el servicio de guardacostas, que llegó poco después al lugar de los hechos.\n\n"
    "Los dos habían salido del puerto a primera hora de la tarde y trataban de regresar "
    "cuando cambió la marea y subió el viento, que los empujaba hacia las rocas del acantilado."
)


def _record(**fields: object) -> str:
    return json.dumps(fields)


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", STORY)
    return buffer.getvalue()


def _link(target: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        if not os.path.exists(target):
            pytest.skip(f"{target} does not exist on this platform")
        path = folder / "link.txt"
        path.symlink_to(target)
        return path
    return make


def _fifo(folder: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def _empty_folder(folder: Path) -> Path:
    path = folder / "nothing-here"
    path.mkdir()
    return path


def _broken_link(folder: Path) -> Path:
    path = folder / "gone.txt"
    path.symlink_to(folder / "never-written.txt")
    return path


def _deep_divs(depth: int) -> bytes:
    inner = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"<html><body>{'<div>' * depth}{inner}{'</div>' * depth}</body></html>".encode()


def _page(extra_head: str = "", extra_body: str = "") -> bytes:
    inner = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<html><head><title>Lighthouse rescue</title>{extra_head}</head><body>"
            f"{extra_body}<article><h1>Lighthouse keeper rescues kayakers</h1>{inner}</article>"
            "</body></html>").encode()


def _mojibake() -> bytes:
    text = STORY.replace("old lighthouse", "old lighthouse café, the Crêperie")
    return text.encode("utf-8").decode("latin-1").encode("utf-8")


@dataclass(frozen=True)
class Case:
    """One hostile input and what newsweave must do with it.

    ``content`` is the bytes of a file named ``name``, or a function that makes the input in a
    folder and returns its path.  ``articles``: how many articles the input yields.  ``code``:
    the skip code (``E…``) or notice code (``W…``) expected, or None for a clean use.
    ``word``: a word the reason or message must contain (lower case).  ``where``: what follows
    the path in the input name of the skip or notice (``":2"`` for line 2 of JSON Lines).
    ``via_brief``: the notice comes from the analysis, so the case is briefed.
    """

    name: str
    content: bytes | Callable[[Path], Path]
    articles: int
    code: str | None = None
    word: str = ""
    where: str = ""
    via_brief: bool = False


CASES = [
    # --- empty, blank, binary ------------------------------------------------------------
    Case("empty.txt", b"", 0, "E003", "empty"),
    Case("blank.txt", b"  \n\n \t \n", 0, "E003", "whitespace"),
    Case("tabs.txt", b"\t\t\t\n\t\t\n\t", 0, "E003", "whitespace"),
    Case("nul.txt", b"\x00" * 4096, 0, "E004", "binary"),
    Case("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, 0, "E004", "png"),
    Case("story.txt.gz", gzip.compress(STORY.encode()), 0, "E004", "gzip"),
    Case("archive.txt", _zip_bytes(), 0, "E004", "zip"),
    Case("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
         0, "E004", "pdf"),
    Case("numbers.bin", struct.pack("<4000H", *(k % 256 for k in range(4000))), 0, "E004",
         "binary"),
    # --- encodings -----------------------------------------------------------------------
    Case("utf16-bom.txt", codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), 1, "W001",
         "byte-order mark"),
    Case("utf16le.txt", STORY.encode("utf-16-le"), 1, "W001", "little-endian"),
    Case("utf16be.txt", STORY.encode("utf-16-be"), 1, "W001", "big-endian"),
    Case("utf8-bom.txt", codecs.BOM_UTF8 + STORY.encode(), 1),
    Case("latin1.txt", STORY.replace("old lighthouse", "old lighthouse café").encode("latin-1"),
         1, "W001", "windows-1252"),
    Case("smart-quotes.txt", STORY.replace("the coastguard said", "“the coastguard” said")
         .encode("cp1252"), 1, "W001", "0x93"),
    Case("mojibake.txt", _mojibake(), 1, "W002", "mojibake"),
    Case("control.txt", STORY.replace("kayakers", "kay\x07ak\x1bers").encode(), 1, "W004",
         "control"),
    Case("invisible.txt", STORY.replace(" the ", " the\u200b\u200f ").encode(), 1),
    Case("crlf.txt", STORY.replace("\n", "\r\n").encode(), 1),
    Case("lone-cr.txt", STORY.replace("\n", "\r").encode(), 1),
    Case("kayak rescue été.txt", STORY.encode(), 1),
    # --- HTML ----------------------------------------------------------------------------
    Case("scripts.html", b"<html><head><script>var a = 1;</script><style>p {}</style></head>"
         b"<body><script>document.write('x')</script></body></html>", 0, "E006",
         "no visible text"),
    Case("deep.html", _deep_divs(20_000), 0, "E006", "nested"),
    Case("comment.html", _page(extra_head="<!--" + "x" * 1_000_000 + "-->"), 1),
    Case("soup.html", b"<html><body><p>" + "<p><b><i>".join(PARAGRAPHS).encode()
         + b"<div><span", 1),
    # --- JSON Lines ----------------------------------------------------------------------
    Case("bad-line.jsonl", "\n".join([_record(id="k1", text=BODY), "{not json",
                                      _record(id="k2", text=BODY)]).encode(),
         2, "E007", "not valid json", ":2"),
    Case("not-object.jsonl", "\n".join([_record(id="k3", text=BODY), "[1, 2, 3]"]).encode(),
         1, "E007", "text", ":2"),
    Case("no-text.jsonl", _record(id="k4", title="Lighthouse", text=5).encode(), 0, "E007",
         "text", ":1"),
    Case("empty-text.jsonl", _record(id="k5", text="   ").encode(), 0, "E003", "empty", ":1"),
    Case("deep.jsonl", "\n".join([_record(id="k6", text=BODY),
                                  '{"a":' * 100_000 + "1" + "}" * 100_000]).encode(),
         1, "E007", "nested", ":2"),
    Case("surrogate.jsonl", ('{"id": "k7", "text": '
                             + json.dumps(BODY).replace("kayakers", "kayak\\ud800ers")
                             + "}").encode(), 1, "W001", "surrogate", ":1"),
    # --- things that are not files -------------------------------------------------------
    Case("pipe", _fifo, 0, "E009", "pipe"),
    Case("zero", _link("/dev/zero"), 0, "E009", "device"),
    Case("urandom", _link("/dev/urandom"), 0, "E009", "device"),
    Case("broken-link", _broken_link, 0, "E001", "broken"),
    Case("empty-folder", _empty_folder, 0, "E003", "folder"),
    Case("huge.txt", lambda folder: _write(folder / "huge.txt",
                                           STORY.encode() * (5_000_000 // len(STORY) + 2)),
         0, "E005", "limit"),
    # --- content -------------------------------------------------------------------------
    Case("short.txt", b"Kayakers rescued.\n", 0, "E003", "only"),
    Case("emoji.txt", ("\U0001f6f6\U0001f30a\U0001f3ca " * 120).encode(), 0, "E003",
         "letters"),
    Case("quote-marks.txt", ("“ ” \" ' ‘ ’ « » " * 60).encode(), 0, "E003", "letters"),
    Case("spanish.txt", SPANISH.encode(), 0, "E008", "english"),
    Case("unclosed.txt", STORY.replace("The keeper saw", "“The keeper saw").encode(), 1,
         "W003", "never closed", via_brief=True),
    Case("one-sentence.txt", (" ".join(["the keeper rowed out to the rocks and back"] * 3000))
         .encode(), 1, "W006", "cut", via_brief=True),
    Case("brace.txt", ("{Updated at 9pm}\n\n" + BODY).encode(), 1),
    Case("many-lines.txt", "\n".join(f"Line {k} of the log says the keeper checked the lamp."
                                     for k in range(20_000)).encode(), 1),
]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _make(case: Case, folder: Path) -> Path:
    if callable(case.content):
        return case.content(folder)
    return _write(folder / case.name, case.content)


def _check(case: Case, path: Path, articles: list[Article], skipped: list[Skipped],
           notices: list[Notice]) -> None:
    name = str(path)
    mine = [a for a in articles if a.input == name or a.input.startswith(name + ":")]
    assert len(mine) == case.articles, (case.name, [a.id for a in mine], skipped)
    skips = [s for s in skipped if s.input == name or s.input.startswith(name + ":")]
    notes = [n for n in notices if n.input == name or n.input.startswith(name + ":")]
    if case.code is None:
        assert not skips and not notes, (case.name, skips, notes)
        return
    found: list[tuple[str, str, str]] = (
        [(s.input, s.code, s.reason) for s in skips] if case.code.startswith("E")
        else [(n.input, n.code, n.message) for n in notes]
    )
    match = [message for where, code, message in found
             if code == case.code and where == name + case.where]
    assert match, (case.name, case.code, found)
    assert case.word in match[0].lower(), (case.name, match[0])
    if case.articles == 0:  # an input that gives nothing is accounted for by a skip
        assert skips


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    path = _make(case, tmp_path)
    if case.via_brief:
        brief = newsweave.brief([str(path)])
        _check(case, path, list(brief.articles), list(brief.skipped), list(brief.notices))
        for article in brief.articles:
            _assert_spans_index(article)
        assert not brief.missing_references()
        return
    result = load_articles([str(path)])
    _check(case, path, result.articles, result.skipped, result.notices)
    for article in result.articles:
        _assert_spans_index(article)


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


def _assert_spans_index(article: Article) -> None:
    assert article.paragraphs
    for span in article.paragraphs:
        assert span.article_id == article.id
        assert span.text == article.text[span.start : span.end]
    for removed in article.removed:
        assert removed.span.text == article.text[removed.span.start : removed.span.end]


# --- what a used hostile input reads as ---------------------------------------------------------


def test_utf16_without_bom_reads_as_the_story(tmp_path: Path) -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        path = _write(tmp_path / f"{encoding}.txt", STORY.encode(encoding))
        (article,) = load_articles([str(path)]).articles
        assert article.text == STORY
        assert article.title == TITLE.split(" ", 3)[-1]


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "bom.txt", codecs.BOM_UTF8 + STORY.encode())
    (article,) = load_articles([str(path)]).articles
    assert article.text == STORY


def test_line_endings_are_normalised_and_paragraphs_kept(tmp_path: Path) -> None:
    for ending in ("\r\n", "\r"):
        path = _write(tmp_path / "endings.txt", STORY.replace("\n", ending).encode())
        (article,) = load_articles([str(path)]).articles
        assert article.text == STORY
        assert [p.text for p in article.paragraphs] == list(PARAGRAPHS)


def test_twenty_thousand_lines_are_twenty_thousand_paragraphs(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "many-lines.txt")
    (article,) = load_articles([str(_make(case, tmp_path))]).articles
    assert len(article.paragraphs) == 20_000


def test_duplicate_ids_are_renamed_not_dropped(tmp_path: Path) -> None:
    path = _write(tmp_path / "dup.jsonl",
                  "\n".join([_record(id="same", text=BODY)] * 3).encode())
    result = load_articles([str(path)])
    assert [a.id for a in result.articles] == ["same", "same-2", "same-3"]
    assert not result.skipped
    renamed = [n for n in result.notices if n.code == "W007"]
    assert [("'same-2'" in n.message, "'same-3'" in n.message) for n in renamed] == [
        (True, False), (False, True)]
    for article in result.articles:
        assert {p.article_id for p in article.paragraphs} == {article.id}


def test_lone_surrogate_is_replaced_and_the_brief_writes_as_utf8(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "surrogate.jsonl")
    result = load_articles([str(_make(case, tmp_path))])
    (article,) = result.articles
    assert "kayak\ufffders" in article.text
    brief = newsweave.pipeline.build_brief(result.articles, notices=result.notices)
    for text in (brief.to_json(), brief.to_markdown(), brief.to_html()):
        text.encode("utf-8")


def test_folder_with_specials_reports_each(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    _write(folder / "story.txt", STORY.encode())
    special = []
    if hasattr(os, "mkfifo"):
        special.append(_fifo(folder))
    if os.path.exists("/dev/zero"):
        special.append(_link("/dev/zero")(folder))
    special.append(_broken_link(folder))
    (folder / "sub").mkdir()
    (folder / "linked").symlink_to(folder / "sub")
    result = load_articles([str(folder)])
    assert [a.id for a in result.articles] == ["story"]
    reported = {s.input: s.code for s in result.skipped}
    for path in special:
        assert str(path) in reported
    assert reported[str(folder / "linked")] == "E009"


def test_glob_matching_a_folder_walks_it(tmp_path: Path) -> None:
    (tmp_path / "day1").mkdir()
    _write(tmp_path / "day1" / "story.txt", STORY.encode())
    result = load_articles([str(tmp_path / "day*")])
    assert [a.id for a in result.articles] == ["story"]


# --- through the command line -------------------------------------------------------------------

_SCRIPT = Path(sys.executable).parent / "newsweave"
NEWSWEAVE = (
    [str(_SCRIPT)] if _SCRIPT.exists()
    else [sys.executable, "-c", "from newsweave.cli import main; main()"]
)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1", "TERM": "dumb"}
    return subprocess.run([*NEWSWEAVE, *args], capture_output=True, text=True, env=env,
                          timeout=120, check=False)


_CLI_CASES = ("utf16le.txt", "nul.txt", "pipe", "zero", "deep.jsonl", "emoji.txt",
              "story.txt.gz")


def test_cli_folder_of_hostile_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    cases = [c for c in CASES if c.name in _CLI_CASES]
    made = {}
    for case in cases:
        if case.name == "pipe" and not hasattr(os, "mkfifo"):
            continue
        if case.name == "zero" and not os.path.exists("/dev/zero"):
            continue
        made[case.name] = _make(case, folder)
    proc = _cli("brief", str(folder), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {a["id"] for a in data["articles"]} == {"utf16le", "k6"}
    skipped = {s["input"]: (s["code"], s["reason"]) for s in data["skipped"]}
    notices = {(n["input"], n["code"]) for n in data["notices"]}
    assert (str(made["utf16le.txt"]), "W001") in notices
    assert skipped[str(made["nul.txt"])][0] == "E004"
    assert skipped[str(made["deep.jsonl"]) + ":2"][0] == "E007"
    assert skipped[str(made["emoji.txt"])][0] == "E003"
    # a .gz file is not read from a folder: listed as such
    assert skipped[str(made["story.txt.gz"])][0] == "E009"
    for name in ("pipe", "zero"):
        if name in made:
            assert skipped[str(made[name])][0] == "E009"
            assert str(made[name]) in proc.stderr


def test_cli_only_hostile_inputs_exits_1_and_names_them(tmp_path: Path) -> None:
    paths = [_make(c, tmp_path) for c in CASES
             if c.name in ("empty.txt", "archive.txt", "deep.html", "broken-link")]
    proc = _cli("brief", *map(str, paths), "--format", "json")
    assert proc.returncode == 1
    assert proc.stdout.strip() == ""
    for path in paths:
        assert path.name in proc.stderr
