"""End to end: a folder of good articles mixed with bad inputs, via the library and the CLI.

Every bad input must be either skipped with a specific reason or used with a notice; the good
articles must all be briefed; nothing may crash.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsweave
from newsweave.errors import NoArticlesError, SettingsError
from newsweave.model import Brief

_SCRIPT = Path(sys.executable).parent / "newsweave"
NEWSWEAVE = (
    [str(_SCRIPT)] if _SCRIPT.exists()
    else [sys.executable, "-c", "from newsweave.cli import main; main()"]
)

GOOD = {
    "good1.txt": """ date 2025-06-10 Flood barrier fails in Eastmere as river rises

Floodwater poured into the low streets of Eastmere on Monday night after a temporary barrier on \
the River Wend gave way, forcing more than two hundred residents to leave their homes.

The barrier, a line of steel panels installed by the county council last autumn, collapsed \
shortly after midnight when the river reached its highest level in thirty years, officials said.

Council leader Martin Osei said engineers would inspect every panel of the barrier this week and \
that families who had been moved would be housed in hotels until the water receded.
""",
    "good2.txt": """ date 2025-06-10 Residents evacuated as Eastmere barrier collapses

More than two hundred people were evacuated from Eastmere overnight when a temporary flood \
barrier on the River Wend collapsed under the weight of rising water.

The county council installed the steel barrier last autumn after flooding damaged dozens of \
homes in the town. It gave way soon after midnight, with the river at a thirty-year high.

Martin Osei, the council leader, told reporters that engineers would check the whole barrier \
and that evacuated families would stay in hotels for as long as necessary.
""",
    "good3.txt": """ date 2025-06-11 Eastmere begins clean-up after barrier breach

Shopkeepers in Eastmere began pumping water out of their basements on Tuesday, a day after the \
River Wend burst through a temporary steel barrier and flooded the lower part of the town.

Emergency crews helped more than two hundred residents leave their homes during the night. No \
one was seriously hurt, the fire service said in a statement on Tuesday morning.

The county council said an independent engineer would examine why the barrier failed, and \
promised to publish the findings before the end of the summer.
""",
}

LATIN1 = """ date 2025-06-10 Caf\u00e9 owners count the cost in Eastmere

The owners of the Caf\u00e9 Rivi\u00e8re on the Eastmere high street said the flood had ruined \
their kitchen and most of the furniture in the dining room on Monday night.

H\u00e9l\u00e8ne Dubois, who opened the caf\u00e9 with her husband five years ago, said the \
water had risen above the counter within an hour and that they would need weeks to reopen.

Neighbours brought cr\u00e8me p\u00e2tissi\u00e8re and coffee from their own kitchens to the \
volunteers who were helping to clear the street on Tuesday morning, she said.
"""

UNCLOSED = """ date 2025-06-10 Eastmere council faces questions over barrier

Residents packed the town hall on Tuesday evening to ask the county council why a temporary \
barrier had been trusted to protect hundreds of homes from the River Wend.

One resident told the meeting: \u201cWe were promised that the barrier would hold for years, and \
it did not even last one winter, and nobody from the council has explained why.

The council leader said he understood the anger in the room and that an independent engineer \
would report on the failure before the end of the summer.
"""

SPANISH = """ date 2025-06-10 Inundaciones en Eastmere

Las aguas del r\u00edo Wend inundaron las calles bajas de Eastmere durante la noche del lunes \
despu\u00e9s de que una barrera temporal cediera, obligando a m\u00e1s de doscientos vecinos a \
abandonar sus casas.

La barrera, una l\u00ednea de paneles de acero instalada por el consejo del condado el oto\u00f1o \
pasado, se derrumb\u00f3 poco despu\u00e9s de la medianoche cuando el r\u00edo alcanz\u00f3 su \
nivel m\u00e1s alto en treinta a\u00f1os, seg\u00fan informaron las autoridades locales.
"""

BAD_SKIPPED = {  # file -> (code, a word the reason must contain)
    "empty.txt": ("E003", "empty"),
    "blank.txt": ("E003", "whitespace"),
    "binary.txt": ("E004", "binary"),
    "spanish.txt": ("E008", "english"),
}


def _write_bad(folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"   \n\n \t  \n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (folder / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    (folder / "unclosed.txt").write_text(UNCLOSED, encoding="utf-8")
    (folder / "spanish.txt").write_text(SPANISH, encoding="utf-8")


@pytest.fixture()
def mixed_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    _write_bad(folder)
    return folder


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1", "TERM": "dumb"}
    return subprocess.run(
        [*NEWSWEAVE, *args], input=stdin.decode() if stdin else None,
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )


def _check_mixed(brief: dict[str, object] | Brief) -> None:
    data = json.loads(brief.to_json()) if isinstance(brief, Brief) else brief
    article_ids = {a["id"] for a in data["articles"]}  # type: ignore[index,union-attr]
    assert {"good1", "good2", "good3"} <= article_ids
    skipped = {Path(s["input"]).name: s for s in data["skipped"]}  # type: ignore[index,union-attr]
    for name, (code, word) in BAD_SKIPPED.items():
        assert name in skipped, f"{name} not listed as skipped"
        assert skipped[name]["code"] == code, name
        assert word in skipped[name]["reason"].lower(), skipped[name]
        assert Path(name).stem not in article_ids
    notices = [(Path(n["input"]).name, n["code"]) for n in data["notices"]]  # type: ignore[index,union-attr]
    assert ("latin1.txt", "W001") in notices
    assert ("unclosed.txt", "W003") in notices
    assert {"latin1", "unclosed"} <= article_ids
    assert "latin1.txt" not in skipped
    assert "unclosed.txt" not in skipped
    assert len(article_ids) == 5


def test_library_mixed_folder(mixed_dir: Path) -> None:
    brief = newsweave.brief([str(mixed_dir)])
    _check_mixed(brief)
    latin = brief.article("latin1")
    assert "H\u00e9l\u00e8ne Dubois" in latin.text
    assert "cr\u00e8me p\u00e2tissi\u00e8re" in latin.text
    unclosed = [q for q in brief.quotes if q.article_id == "unclosed"]
    assert len(unclosed) == 1
    assert unclosed[0].open_ended
    assert unclosed[0].text.startswith("We were promised")
    assert unclosed[0].text.rstrip().endswith("explained why.")
    notice = next(n for n in brief.notices if n.code == "W003")
    assert "unclosed" in notice.message


def test_library_missing_path_is_skipped(mixed_dir: Path) -> None:
    missing = str(mixed_dir / "not-there.txt")
    brief = newsweave.brief([str(mixed_dir / "good1.txt"), missing])
    assert [a.id for a in brief.articles] == ["good1"]
    assert [(s.input, s.code) for s in brief.skipped] == [(missing, "E001")]


def test_library_all_bad_raises(tmp_path: Path) -> None:
    _write_bad(tmp_path)
    for name in ("latin1.txt", "unclosed.txt"):
        (tmp_path / name).unlink()
    with pytest.raises(NoArticlesError) as info:
        newsweave.brief([str(tmp_path)])
    assert "empty.txt" in str(info.value)


def test_cli_mixed_folder(mixed_dir: Path) -> None:
    missing = str(mixed_dir / "not-there.txt")
    proc = _cli("brief", str(mixed_dir), missing, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    _check_mixed(data)
    assert any(s["input"] == missing and s["code"] == "E001" for s in data["skipped"])
    for name in ("empty.txt", "binary.txt", "spanish.txt", "not-there.txt"):
        assert name in proc.stderr


def test_cli_all_bad_exits_1_and_names_files(tmp_path: Path) -> None:
    _write_bad(tmp_path)
    for name in ("latin1.txt", "unclosed.txt"):
        (tmp_path / name).unlink()
    proc = _cli("brief", str(tmp_path), "--format", "json")
    assert proc.returncode == 1
    assert proc.stdout.strip() == ""
    for name in ("empty.txt", "blank.txt", "binary.txt", "spanish.txt"):
        assert name in proc.stderr


def test_cli_only_missing_path_exits_1(tmp_path: Path) -> None:
    proc = _cli("brief", str(tmp_path / "nothing-here.txt"), "--format", "json")
    assert proc.returncode == 1
    assert "nothing-here.txt" in proc.stderr


def test_input_over_size_limit_is_skipped(mixed_dir: Path) -> None:
    big = mixed_dir / "big.txt"
    big.write_text(GOOD["good1.txt"] + GOOD["good2.txt"], encoding="utf-8")
    assert big.stat().st_size > 1000
    small = mixed_dir / "tiny.txt"
    small.write_text("A short note about the Eastmere flood barrier that failed on Monday "
                     "night, forcing more than two hundred residents to leave their homes.",
                     encoding="utf-8")
    brief = newsweave.brief([str(big), str(small)], settings={"ingest.max_input_bytes": 1000})
    assert [a.id for a in brief.articles] == ["tiny"]
    assert [(Path(s.input).name, s.code) for s in brief.skipped] == [("big.txt", "E005")]


def test_too_short_article_is_skipped(mixed_dir: Path) -> None:
    short = mixed_dir / "short.txt"
    short.write_text("Barrier fails.\n", encoding="utf-8")
    brief = newsweave.brief([str(mixed_dir / "good1.txt"), str(short)])
    assert [(Path(s.input).name, s.code) for s in brief.skipped] == [("short.txt", "E003")]


@pytest.mark.parametrize("settings", [{"no_such_setting": 1}, {"summary.words": 0}])
def test_bad_settings_raise(mixed_dir: Path, settings: dict[str, int]) -> None:
    with pytest.raises(SettingsError):
        newsweave.brief([str(mixed_dir / "good1.txt")], settings=settings)
