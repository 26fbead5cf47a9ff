"""Browser tests of ``newsweave serve`` (issue #18): headless Chromium driven by Playwright.

The server runs in a thread on a free port; the browser is Debian's ``chromium`` (no
``playwright install``).  Each test checks the page as a reader meets it and that the browser
console has no error; screenshots go to ``out/browser/`` (``NEWSWEAVE_TEST_OUT`` to change).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi, uvicorn) is not installed")
uvicorn = pytest.importorskip("uvicorn", reason="the web extra (uvicorn) is not installed")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright's Python package is not installed "
    "(pip install playwright; .ci/run installs it)")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("no chromium on PATH (apt-get install -y chromium; .ci/run installs it)",
                allow_module_level=True)

from _web import corpus_store  # noqa: E402
from newsweave.web import create_app  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
OUT = Path(os.environ.get("NEWSWEAVE_TEST_OUT",
                          Path(__file__).resolve().parents[1] / "out" / "browser"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = corpus_store(tmp_path_factory.mktemp("corpus"))
    port = _free_port()
    config = uvicorn.Config(create_app(db_path=db), host="127.0.0.1", port=port,
                            log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    assert running.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS,
                                              headless=True)
        yield launched
        launched.close()


class Console:
    """The errors a page logged (console errors, uncaught exceptions, failed requests)."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))


@pytest.fixture()
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    opened.console = Console(opened)
    yield opened
    OUT.mkdir(parents=True, exist_ok=True)
    opened.screenshot(path=str(OUT / f"{request.node.name}.png"), full_page=False)
    context.close()


def _check_brief_page(page: Any, name: str, quotes_and_reuse: bool = True) -> None:
    """The summary, a citation opened in its article, a variant reading, the reuse graph."""
    summary = page.locator("#summary ul.summary > li")
    assert summary.count() >= 2
    assert summary.first.is_visible()
    chip = page.locator("#summary a.chip.cite").first
    chip.click()
    target = page.locator("mark.cited:target")
    target.wait_for(state="visible")
    assert target.count() == 1
    assert page.evaluate("location.hash") == chip.get_attribute("href")
    background = target.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    article = target.locator("xpath=ancestor::details[1]")
    assert article.get_attribute("open") is not None  # the article opened around it
    page.screenshot(path=str(OUT / f"{name}-citation.png"))
    if not quotes_and_reuse:
        return
    variant = page.locator("#quotes ol.variants mark").first
    variant.scroll_into_view_if_needed()
    assert variant.is_visible()
    assert variant.evaluate("m => getComputedStyle(m).backgroundColor") not in (
        "rgba(0, 0, 0, 0)", "transparent")
    svg = page.locator("#reuse svg.graph")
    svg.scroll_into_view_if_needed()
    assert svg.is_visible() and svg.locator("circle").count() >= 2
    assert svg.locator("line").count() >= 1
    svg.screenshot(path=str(OUT / f"{name}-graph.png"))


def test_upload_the_example_files(server: str, page: Any, example_dir: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    page.goto(server + "/")
    page.set_input_files("#files", sorted(str(p) for p in example_dir.iterdir()))
    page.click("#make")
    page.wait_for_url("**/briefs/*")
    assert "5 articles from 1 source: The Calder Gazette" in page.inner_text("p.overview")
    page.screenshot(path=str(OUT / "brief-page.png"), full_page=False)
    _check_brief_page(page, "upload")
    assert page.console.errors == []


def test_paste_the_example_text(server: str, page: Any, example_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(example_dir.glob("*.txt"))]
    page.goto(server + "/")
    page.fill("#text", "\n---\n".join(texts))
    page.click("#make")
    page.wait_for_url("**/briefs/*")
    assert page.inner_text("p.overview").startswith("4 articles")
    _check_brief_page(page, "paste")
    assert page.console.errors == []


def test_errors_are_shown_on_the_home_page(server: str, page: Any, tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    page.goto(server + "/")
    page.set_input_files("#files", str(photo))
    page.click("#make")
    error = page.locator("#error")
    error.wait_for(state="visible")
    assert "Error 415" in error.inner_text() and "photo.png" in error.inner_text()
    assert page.url == server + "/"
    # The refusal is the server's answer, logged by the browser as a failed resource: the
    # only console message allowed here.
    assert all("415" in e for e in page.console.errors)


def test_without_javascript_the_form_still_makes_the_brief(
    server: str, browser: Any, example_dir: Path,
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/")
    page.set_input_files("#files", sorted(str(p) for p in example_dir.iterdir()))
    page.click("#make")
    page.wait_for_url("**/briefs/*")
    assert page.locator("#summary ul.summary > li").count() >= 2
    page.locator("#summary a.chip.cite").first.click()
    assert page.locator("mark.cited:target").is_visible()
    page.screenshot(path=str(OUT / "no-javascript.png"))
    context.close()


def test_events_page_lists_searches_and_opens_a_brief(server: str, page: Any) -> None:
    page.goto(server + "/events")
    rows = page.locator("#events tbody tr")
    assert rows.count() == 2
    assert "Harbourside" in rows.first.inner_text()  # newest first
    page.fill("input[name=q]", "bridge")
    page.click("form.search button")
    page.wait_for_url("**/events?q=bridge*")
    assert rows.count() == 1 and "Alder Street" in rows.first.inner_text()
    page.goto(server + "/events?since=2024-05-20")
    assert rows.count() == 1 and "Harbourside" in rows.first.inner_text()
    page.screenshot(path=str(OUT / "events.png"))
    rows.first.locator("a").click()
    page.wait_for_url("**/events/*")
    _check_brief_page(page, "event", quotes_and_reuse=False)
    assert page.console.errors == []


def test_a_slow_brief_shows_its_progress(
    server: str, page: Any, example_dir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A brief that takes over a second shows a progress line naming what it is doing."""
    import threading

    import newsweave.web.jobs as jobs_module

    release = threading.Event()
    real = jobs_module.brief_from_ingest

    def held(*args: Any, **kwargs: Any) -> Any:
        assert release.wait(timeout=60)
        return real(*args, **kwargs)

    monkeypatch.setattr(jobs_module, "brief_from_ingest", held)
    page.goto(server + "/")
    page.set_input_files("#files", sorted(str(p) for p in example_dir.iterdir()))
    page.click("#make")
    progress = page.locator("#progress")
    progress.wait_for(state="visible")
    assert "Briefing 5 article(s)" in page.inner_text("#stage")
    page.screenshot(path=str(OUT / "progress.png"))
    release.set()
    page.wait_for_url("**/briefs/*")
    assert page.locator("#summary ul.summary > li").count() >= 2
    assert page.console.errors == []
