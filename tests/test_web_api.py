"""The JSON API and the pages of ``newsweave serve`` (issue #18), through FastAPI's TestClient.

Every endpoint, with good input and with empty, binary, oversized and wrongly typed uploads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")

from fastapi.testclient import TestClient

from _web import corpus_store, example_uploads
from newsweave.model import Brief
from newsweave.web import Limits, create_app

ARTICLE = (
    "Ferry fares rise on Monday\n\n"
    "The harbour ferry will cost more from Monday, the operator said on Friday. A single "
    "ticket goes up from two pounds to two pounds fifty, the first rise in six years. The "
    "operator blamed the price of fuel and said the money would pay for a new boat.\n"
)
OTHER = (
    "Ferry tickets to cost more\n\n"
    "From Monday a single ferry ticket will cost two pounds fifty instead of two pounds, the "
    "operator announced on Friday. It is the first rise in six years; fuel prices are to "
    "blame, the operator said, and a new boat will be bought with the money.\n"
)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(limits=Limits(max_request_bytes=200_000, max_files=8,
                                             max_article_chars=5_000))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def store_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = corpus_store(tmp_path_factory.mktemp("corpus"))
    with TestClient(create_app(db_path=db)) as test_client:
        yield test_client


def _brief(response: object) -> Brief:
    return Brief.model_validate_json(response.text)  # type: ignore[attr-defined]


def test_home_page_has_the_form_and_no_outside_resource(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'type="file"' in page.text and 'name="text"' in page.text
    assert 'action="/brief"' in page.text
    assert "http://" not in page.text and "https://" not in page.text


def test_api_brief_of_the_example_uses_every_file(client: TestClient, example_dir: Path) -> None:
    response = client.post("/api/briefs", files=example_uploads(example_dir))
    assert response.status_code == 200, response.text
    brief = _brief(response)
    assert len(brief.articles) == 5 and not brief.skipped
    assert brief.summary and brief.quote_groups and brief.reuse


def test_api_brief_of_pasted_articles_split_on_dashes(client: TestClient) -> None:
    response = client.post("/api/briefs", data={"text": f"{ARTICLE}\n---\n{OTHER}"})
    assert response.status_code == 200, response.text
    brief = _brief(response)
    assert [a.input for a in brief.articles] == ["pasted-1.txt", "pasted-2.txt"]
    assert [a.title for a in brief.articles] == ["Ferry fares rise on Monday",
                                                 "Ferry tickets to cost more"]


def test_pasted_json_lines_are_read_as_records(client: TestClient) -> None:
    lines = "\n".join(json.dumps({"text": t.split("\n\n", 1)[1], "source": s})
                      for t, s in ((ARTICLE, "Bay News"), (OTHER, "Quay FM")))
    brief = _brief(client.post("/api/briefs", data={"text": lines}))
    assert [a.source for a in brief.articles] == ["Bay News", "Quay FM"]


def test_skipped_uploads_are_listed_with_the_brief(client: TestClient) -> None:
    files = [("files", ("a.txt", ARTICLE.encode())), ("files", ("b.txt", OTHER.encode())),
             ("files", ("empty.txt", b"")), ("files", ("photo.png", b"\x89PNG\r\n\x1a\n" * 8)),
             ("files", ("blob.txt", b"\x00\x01\x02binary\x00" * 50))]
    brief = _brief(client.post("/api/briefs", files=files))
    assert [a.input for a in brief.articles] == ["a.txt", "b.txt"]
    codes = {s.input: s.code for s in brief.skipped}
    assert codes == {"empty.txt": "E003", "photo.png": "E009", "blob.txt": "E004"}


def test_same_file_name_twice_gets_a_new_id(client: TestClient) -> None:
    files = [("files", ("a.txt", ARTICLE.encode())), ("files", ("dir/a.txt", OTHER.encode()))]
    brief = _brief(client.post("/api/briefs", files=files))
    assert [a.id for a in brief.articles] == ["a", "a-2"]
    assert any(n.code == "W007" for n in brief.notices)


@pytest.mark.parametrize(("files", "data", "status", "words"), [
    ([], {}, 422, "Nothing to brief"),
    ([("files", ("empty.txt", b""))], {}, 422, "empty"),
    ([("files", ("x.bin", b"\x00\xff" * 100))], {}, 415, "not read"),
    ([("files", ("x.txt", b"\x00\xff\x00\x01" * 100))], {}, 415, "binary"),
    ([("files", ("doc.pdf", b"%PDF-1.4 ..."))], {}, 415, ".pdf"),
    ([], {"text": "Too short."}, 422, "words"),
    ([], {"text": "word " * 2_000}, 413, "over the limit"),
])
def test_unusable_requests_are_refused_with_a_reason(
    client: TestClient, files: list[object], data: dict[str, str], status: int, words: str,
) -> None:
    response = client.post("/api/briefs", files=files or None, data=data,
                           headers={} if files or data else
                           {"content-type": "multipart/form-data; boundary=x"})
    assert response.status_code == status, response.text
    assert words in response.json()["detail"]


def test_oversized_request_is_413_before_it_is_read(client: TestClient) -> None:
    big = b"word " * 50_000  # 250 kB, over the 200 kB limit of this app
    response = client.post("/api/briefs", files=[("files", ("big.txt", big))])
    assert response.status_code == 413
    assert "200,000 bytes" in response.json()["detail"]


def test_too_many_files_is_413(client: TestClient) -> None:
    files = [("files", (f"{n}.txt", ARTICLE.encode())) for n in range(9)]
    response = client.post("/api/briefs", files=files)
    assert response.status_code == 413
    assert "at most 8" in response.json()["detail"]


def test_a_body_that_is_not_a_form_is_415(client: TestClient) -> None:
    response = client.post("/api/briefs", content=ARTICLE.encode(),
                           headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert "multipart/form-data" in response.json()["detail"]


def test_form_errors_are_shown_on_an_html_page(client: TestClient) -> None:
    response = client.post("/brief", files=[("files", ("doc.pdf", b"%PDF-1.4"))])
    assert response.status_code == 415
    assert "text/html" in response.headers["content-type"]
    assert "Error 415" in response.text and "doc.pdf" in response.text


def test_form_post_redirects_to_the_brief_page(client: TestClient, example_dir: Path) -> None:
    response = client.post("/brief", files=example_uploads(example_dir), follow_redirects=False)
    assert response.status_code == 303
    page = client.get(response.headers["location"])
    assert page.status_code == 200 and 'id="summary"' in page.text
    assert '<a href="/">New brief</a></nav>' in page.text


def test_article_text_is_escaped_on_the_brief_page(client: TestClient) -> None:
    hostile = ARTICLE.replace("the operator said", "<script>alert('x')</script> the operator said")
    response = client.post("/brief", data={"text": f"{hostile}\n---\n{OTHER}"})
    assert response.status_code == 200  # followed the redirect
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert" in response.text


def test_jobs_report_progress_then_the_brief(client: TestClient, example_dir: Path) -> None:
    started = client.post("/api/jobs", files=example_uploads(example_dir))
    assert started.status_code == 202
    job = started.json()
    assert job["state"] in ("queued", "running", "done") and job["articles"] == 5
    brief = _brief(client.get(f"/api/briefs/{job['id']}"))  # waits for it
    assert len(brief.articles) == 5
    state = client.get(f"/api/jobs/{job['id']}").json()
    assert state["state"] == "done" and state["brief_url"] == f"/briefs/{job['id']}"


def test_job_errors_and_unknown_jobs(client: TestClient) -> None:
    assert client.post("/api/jobs", data={"text": ""}).status_code == 422
    assert client.get("/api/jobs/nope").status_code == 404
    assert client.get("/api/briefs/nope").status_code == 404
    assert client.get("/briefs/nope").status_code == 404


def test_a_brief_past_the_time_limit_is_503(example_dir: Path) -> None:
    with TestClient(create_app(limits=Limits(timeout=1e-9))) as slow:
        response = slow.post("/api/briefs", files=example_uploads(example_dir))
    assert response.status_code == 503
    assert "time limit" in response.json()["detail"]


def test_openapi_and_its_page(client: TestClient) -> None:
    api = client.get("/openapi.json").json()
    assert {"/api/briefs", "/api/jobs", "/api/jobs/{job_id}", "/api/briefs/{job_id}",
            "/api/events", "/api/events/{event_id}/brief"} <= set(api["paths"])
    page = client.get("/docs")
    assert page.status_code == 200 and "POST /api/briefs" in page.text
    assert "cdn" not in page.text.lower()


def test_events_without_a_store_are_404(client: TestClient) -> None:
    assert client.get("/api/events").status_code == 404
    assert client.get("/api/events/x/brief").status_code == 404
    assert client.get("/events").status_code == 404
    assert client.get("/events/x").status_code == 404


def test_events_api_lists_newest_first_and_filters(store_client: TestClient) -> None:
    listed = store_client.get("/api/events").json()
    assert listed["total"] == 2
    titles = [e["title"] for e in listed["events"]]
    assert "library" in titles[0].lower() and "bridge" in titles[1].lower()
    found = store_client.get("/api/events", params={"q": "BRIDGE"}).json()["events"]
    assert len(found) == 1 and found[0]["articles"] == 2
    ranged = store_client.get("/api/events", params={"until": "2024-05-31"}).json()["events"]
    assert [e["id"] for e in ranged] == [found[0]["id"]]
    assert store_client.get("/api/events", params={"since": "2024-07-01"}).json()["total"] == 0
    assert store_client.get("/api/events", params={"since": "May"}).status_code == 422


def test_event_brief_json_and_page(store_client: TestClient) -> None:
    event = store_client.get("/api/events").json()["events"][0]
    brief = _brief(store_client.get(f"/api/events/{event['id']}/brief"))
    assert len(brief.articles) == 2
    page = store_client.get(event["brief_url"])
    assert page.status_code == 200 and 'id="summary"' in page.text
    assert store_client.get("/api/events/nope/brief").status_code == 404
    assert store_client.get("/events/nope").status_code == 404


def test_events_page_searches_by_word_and_date(store_client: TestClient) -> None:
    page = store_client.get("/events", params={"q": "library"})
    assert page.status_code == 200 and "Harbourside" in page.text and "Alder" not in page.text
    assert store_client.get("/events", params={"since": "soon"}).status_code == 422
    assert 'href="/events"' in store_client.get("/").text


def test_pasted_text_with_browser_line_ends_is_split(client: TestClient) -> None:
    """A browser sends a text area's lines ended by CR LF: the separator still splits."""
    text = f"{ARTICLE}\n---\n{OTHER}".replace("\n", "\r\n")
    response = client.post("/api/briefs", files={"text": (None, text.encode())})
    assert response.status_code == 200, response.text
    assert len(_brief(response).articles) == 2


def test_server_answers_while_a_brief_is_computed(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The brief runs off the event loop: other requests are answered while it works, and its
    job tells the stage it is in."""
    import threading

    import newsweave.web.jobs as jobs_module

    release = threading.Event()
    real = jobs_module.brief_from_ingest

    def held(*args: object, **kwargs: object) -> Brief:
        assert release.wait(timeout=60)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jobs_module, "brief_from_ingest", held)
    with TestClient(create_app()) as held_client:
        job = held_client.post("/api/jobs", files=example_uploads(example_dir)).json()
        assert held_client.get("/").status_code == 200
        assert held_client.get("/docs").status_code == 200
        state = held_client.get(f"/api/jobs/{job['id']}").json()
        assert state["state"] == "running" and state["stage"] == "reading the inputs"
        assert state["brief_url"] is None
        release.set()
        assert held_client.get(f"/api/briefs/{job['id']}").status_code == 200
        assert held_client.get(f"/api/jobs/{job['id']}").json()["state"] == "done"


def test_uploads_are_never_written_to_disk(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Uploads stay in memory, even one over python-multipart's 1 MiB spooling threshold."""
    import tempfile

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an upload was about to be written to a temporary file")

    for name in ("mkstemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)
    big = (ARTICLE * 4_000).encode()  # about 2.2 MB
    assert len(big) > 1 << 20
    with TestClient(create_app()) as default_client:
        response = default_client.post(
            "/api/briefs", files=[*example_uploads(example_dir), ("files", ("big.txt", big))])
    assert response.status_code == 200, response.text
    assert [s.input for s in _brief(response).skipped] == ["big.txt"]  # over 1,000,000 chars


def test_json_lines_upload_labels_articles_by_source(client: TestClient) -> None:
    lines = "\n".join(json.dumps({"id": i, "text": t.split("\n\n", 1)[1], "source": s,
                                  "title": t.split("\n", 1)[0]})
                      for i, t, s in (("x1", ARTICLE, "Bay News"), ("x2", OTHER, "Quay FM")))
    response = client.post("/brief", files=[("files", ("feed.jsonl", lines.encode()))])
    assert response.status_code == 200, response.text
    assert "2 articles from 2 sources: Bay News, Quay FM." in response.text
    assert 'title="Bay News — Ferry fares rise on Monday — x1">Bay News</a>' in response.text


def test_oversized_body_without_a_length_is_cut_off(client: TestClient) -> None:
    """A body sent in chunks, with no Content-Length, is refused once it passes the limit."""
    boundary = "b0undary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
            f"filename=\"big.txt\"\r\nContent-Type: text/plain\r\n\r\n").encode()

    def chunks() -> Iterator[bytes]:
        yield head
        for _ in range(30):
            yield b"word " * 2_000  # 10 kB a chunk, 300 kB in all
        yield f"\r\n--{boundary}--\r\n".encode()

    response = client.post("/api/briefs", content=chunks(),
                           headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 413
