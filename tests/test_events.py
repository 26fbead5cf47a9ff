"""Corpus mode, event clustering (issue 16): features, the online pass, its state, ECB+ floor."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from tests._builders import make_article

from newsweave.corpus import (
    EventFeatures,
    EventSettings,
    OnlineEvents,
    cluster_events,
    event_features,
)
from newsweave.corpus.events import order_key

D = dt.date(2024, 3, 4)

QUAKE_A = (
    "A magnitude 6.4 earthquake struck near Varrowby on Monday, killing 12 people and "
    "destroying dozens of homes, officials said. Governor Alda Pemberlin said rescue teams "
    "from Ostmere were searching the rubble. The quake hit at 4:12 a.m. at a depth of 10 km."
)
QUAKE_A2 = (
    "Rescuers in Varrowby dug through rubble after Monday's magnitude 6.4 quake, which killed "
    "12 people. Governor Alda Pemberlin asked for help from Ostmere. Dozens of homes fell, and "
    "aftershocks shook the town through the night, officials said."
)
QUAKE_B = (
    "A magnitude 5.1 earthquake shook Kellmouth on Tuesday, injuring 3 people and cracking "
    "walls at the Kellmouth Central Hospital. Mayor Doran Whitcombe said the Brackwater "
    "fire service checked bridges. The quake struck at a depth of 8 km, officials said."
)
QUAKE_B2 = (
    "Mayor Doran Whitcombe said damage in Kellmouth from Tuesday's magnitude 5.1 earthquake was "
    "light: 3 people were hurt and the Kellmouth Central Hospital had cracked walls. The "
    "Brackwater fire service inspected bridges, officials said."
)
COUNCIL = (
    "The Ostmere council approved a new budget for the harbour on Thursday after a long "
    "debate. Councillor Emrys Fairhall said the plan would fund repairs to the sea wall and "
    "a new ferry terminal by 2026."
)


def features(article_id: str, text: str, date: dt.date | None = D) -> EventFeatures:
    return event_features(make_article(article_id, text, date))


def test_features_are_deterministic_and_picklable() -> None:
    first = features("a", QUAKE_A)
    assert first == features("a", QUAKE_A)
    assert pickle.loads(pickle.dumps(first)) == first
    entities = dict(first.entities)
    assert "alda pemberlin" in entities and "varrowby" in entities
    assert "6.4" in dict(first.numbers) and "12 people" in dict(first.numbers)
    assert "monday" not in entities  # weekdays and months are not entities


def test_date_read_from_a_date_line_when_the_article_has_none() -> None:
    text = "Quake hits town\nPublished: June 13, 2013 4:59 PM EDT\n" + QUAKE_A
    assert features("a", text, None).date == "2013-06-13"
    assert features("a", text, D).date == D.isoformat()  # metadata wins


def test_two_earthquakes_in_one_region_a_week_apart_are_two_events() -> None:
    week = D + dt.timedelta(days=7)
    items = [features("a1", QUAKE_A), features("a2", QUAKE_A2, D + dt.timedelta(days=1)),
             features("b1", QUAKE_B, week), features("b2", QUAKE_B2, week)]
    labels = cluster_events(items)
    assert labels[0] == labels[1]
    assert labels[2] == labels[3]
    assert labels[0] != labels[2]


def test_same_event_reworded_is_one_event_and_another_story_is_not() -> None:
    labels = cluster_events([features("a1", QUAKE_A), features("a2", QUAKE_A2),
                             features("c", COUNCIL)])
    assert labels[0] == labels[1] != labels[2]


def test_time_window_is_respected() -> None:
    settings = EventSettings(window_days=10)
    late = D + dt.timedelta(days=11)
    labels = cluster_events([features("a1", QUAKE_A), features("a2", QUAKE_A2, late)],
                            settings)
    assert labels[0] != labels[1]
    near = D + dt.timedelta(days=2)
    labels = cluster_events([features("a1", QUAKE_A), features("a2", QUAKE_A2, near)],
                            settings)
    assert labels[0] == labels[1]


def test_event_ids_are_stable_in_creation_order() -> None:
    online = OnlineEvents()
    assert online.add(features("c", COUNCIL)) == "e000001"
    assert online.add(features("a1", QUAKE_A)) == "e000002"
    assert online.add(features("a2", QUAKE_A2)) == "e000002"


def _stream() -> list[EventFeatures]:
    texts = [QUAKE_A, QUAKE_A2, QUAKE_B, QUAKE_B2, COUNCIL]
    out = []
    for day in range(0, 60, 4):
        for k, text in enumerate(texts):
            out.append(features(f"d{day:02d}-{k}", text, D + dt.timedelta(days=day + k % 2)))
    out.append(features("undated", QUAKE_A, None))
    return sorted(out, key=order_key)


def test_state_round_trip_equals_one_pass() -> None:
    stream = _stream()
    whole = OnlineEvents()
    expected = [whole.add(f) for f in stream]
    first = OnlineEvents()
    labels = [first.add(f) for f in stream[:31]]
    state = json.loads(json.dumps(first.state(), sort_keys=True))
    second = OnlineEvents.from_state(EventSettings(), state)
    labels += [second.add(f) for f in stream[31:]]
    assert labels == expected
    assert [second.resolve(x) for x in labels] == [whole.resolve(x) for x in expected]
    assert second.state() == whole.state()


def test_unknown_state_version_is_an_error() -> None:
    with pytest.raises(ValueError, match="version"):
        OnlineEvents.from_state(None, {"version": 99})


def test_batch_equals_online_in_date_order_and_is_deterministic() -> None:
    stream = _stream()
    online = OnlineEvents()
    added = {f.id: online.add(f) for f in stream}
    expected = {k: online.resolve(v) for k, v in added.items()}
    shuffled = list(reversed(stream))
    labels = cluster_events(shuffled)
    assert dict(zip((f.id for f in shuffled), labels, strict=True)) == expected
    assert cluster_events(shuffled) == labels


def test_settings_forbid_unknown_keys() -> None:
    with pytest.raises(ValueError):
        EventSettings(nonsense=1)  # type: ignore[call-arg]


ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "data" / "ecbplus"
SCORER = ROOT.parent / "shared" / "eval" / "score_clusters.py"
ECB_FLOOR = 0.80  # B-cubed F1 on all of ECB+ DEV (see benchmarks/bench_corpus.py)


@pytest.mark.skipif(not (ECB / "articles.jsonl").exists() or not SCORER.exists(),
                    reason="../shared/data/ecbplus or ../shared/eval is absent")
def test_golden_ecbplus_bcubed_floor(tmp_path: Path) -> None:
    from newsweave.ingest.formats import read_json_lines

    text = (ECB / "articles.jsonl").read_text(encoding="utf-8")
    articles = read_json_lines("articles", "articles.jsonl", text).articles
    labels = cluster_events([event_features(a) for a in articles])
    pred = tmp_path / "pred.tsv"
    pred.write_text("".join(f"{a.id}\t{label}\n" for a, label in zip(articles, labels,
                                                                       strict=True)))
    proc = subprocess.run([sys.executable, str(SCORER), str(pred), str(ECB / "gold.tsv"),
                           "--json"], capture_output=True, text=True, check=True)
    result = json.loads(proc.stdout)
    assert result["missing_from_pred"] == []
    assert result["bcubed_f1"] >= ECB_FLOOR
