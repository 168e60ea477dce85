"""Large files: the vectorised readers give exactly what the ordinary readers give.

Same events, same categories and sources, same problems with the same messages, for
files mixing plain rows with every kind of odd row the fast paths hand back to the
ordinary readers.
"""

import json
from pathlib import Path

import pytest

from tests.bench import generate, write_csv, write_json
from timeline_app.core.event_store import EventStore
from timeline_app.core.model import Timeline
from timeline_app.core.problems import LoadError, Problem
from timeline_app.io import csv_import, fast_csv, fast_native, native

COUNT = 21_000  # over the fast paths' threshold


def by_id(timeline: Timeline) -> dict[str, object]:
    return {e.id: e for e in timeline.events}


def messages(problems: list[Problem]) -> list[tuple[str, str, str]]:
    return [(p.location, p.message, p.severity.name) for p in problems]


@pytest.fixture(scope="module")
def csv_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("fast") / "events.csv"
    write_csv(generate("events", COUNT), path)
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    odd = [
        'odd-1,"Quoted ""title"", with commas",2001-03-04,,2001-03-04,2001-03-04,day,battles,,,,,',
        "odd-2,Double  spaced title,2001-03-04,,2001-03-04,2001-03-04,day,battles,,,,,",
        "odd-3,Invalid day,2001-02-30,,2001-02-28,2001-02-28,day,battles,,,,,",
        "odd-4,Loose date,March 2001,,2001-03-01,2001-03-31,month,riots,,,,,",
        "odd-5,A set,[2025-12-21..2025-12-31],late December,2025-12-21,2025-12-31,day,riots,"
        "a; b,,,,",
        "odd-6,With a passage,2001-03-04,,2001-03-04,2001-03-04,day,riots,,A paper,,,"
        "Exact words",
        'odd-7,"Multi\nline",2001-03-04,,2001-03-04,2001-03-04,day,riots,,,,,',
        "odd-8, Spaced ,2001-03-04~,,2001-03-04,2001-03-04,day,New lane,,,,,",
        "odd-9,Approximate,2001-03-04~,as written,2001-03-04,2001-05-04,day,riots,,,,,",
        "odd-10,Signed year,-0043-03-15,,-0043-03-15,-0043-03-15,day,riots,,,,,",
        "odd-11,,2001-03-04,,2001-03-04,2001-03-04,day,riots,,,,,",
        "odd-12,No date,,,,,,riots,,,,,",
    ]
    return "\r\n".join(lines[:-1] + odd + lines[-1:])


def test_fast_csv_equals_the_importer(csv_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = csv_text.encode("utf-8")
    fast, fast_problems = csv_import.read("events.csv", data)
    assert isinstance(fast.events, EventStore)
    monkeypatch.setattr(fast_csv, "LARGE", 10**9)
    slow, slow_problems = csv_import.read("events.csv", data)
    assert isinstance(slow.events, tuple)
    assert by_id(fast) == by_id(slow)
    assert fast.categories == slow.categories and fast.sources == slow.sources
    assert fast.title == slow.title
    assert messages(fast_problems) == messages(slow_problems)
    assert any("row" in p.location for p in slow_problems)  # the odd rows were reported


@pytest.mark.slow
def test_ragged_or_repeated_ids_go_to_the_importer(csv_text: str) -> None:
    lines = csv_text.split("\r\n")
    repeated = "\r\n".join([*lines[:3], lines[2], *lines[3:]]).encode("utf-8")
    timeline, problems = csv_import.read("events.csv", repeated)
    assert isinstance(timeline.events, tuple)  # renamed with a warning, as always
    assert any("already used" in p.message for p in problems)
    ragged = "\r\n".join([*lines[:5], "x,y", *lines[5:]]).encode("utf-8")
    timeline, _ = csv_import.read("events.csv", ragged)
    assert len(timeline.events) >= COUNT


@pytest.fixture(scope="module")
def json_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("fast") / "events.chronology.json"
    write_json(generate("events", COUNT), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    events = document["events"]
    events[5]["start"]["edtf"] = "2001-02-30"  # invalid: a located error
    events[6]["end"] = {"edtf": "..", "as_written": "since then"}
    events[7]["citations"] = [{"source": "s", "selector": [
        {"type": "TextQuoteSelector", "exact": "words", "prefix": "", "suffix": ""}],
        "note": ""}]
    events[8]["start"] = {"edtf": "[2025-12-21..2025-12-31]", "as_written": "late December"}
    events[9]["importance"] = 1000
    events[10]["tags"] = ["ok", 3]
    events[11]["colour"] = "unknown field"
    events[12]["notes"] = "A note"
    events[13]["links"] = [{"url": "https://example.org", "title": "Example"}]
    events[14]["start"]["as_written"] = "4 March"
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_fast_native_equals_the_reader(json_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(Exception) as failure:
        native.loads(json_text)
    fast_error = str(failure.value)
    monkeypatch.setattr(fast_native, "LARGE", 10**9)
    monkeypatch.setattr(native, "LARGE", 10**9)
    monkeypatch.setattr(native, "_LARGE_TEXT", 10**12)
    with pytest.raises(Exception) as slow_failure:
        native.loads(json_text)
    assert fast_error == str(slow_failure.value)  # the invalid day, located the same way


@pytest.mark.slow
def test_fast_native_reads_odd_events_as_the_reader(json_text: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    document = json.loads(json_text)
    document["events"][5]["start"]["edtf"] = "2001-02-28"
    document["events"][9]["importance"] = 5
    document["events"][10]["tags"] = ["ok"]
    text = json.dumps(document, indent=2)
    fast, fast_problems = native.loads(text)
    assert isinstance(fast.events, EventStore)
    # The same through json and per-event reading, and through the untyped batch path.
    monkeypatch.setattr(fast_native, "decode_typed", lambda _text: None)
    batched, batched_problems = native.loads(text)
    assert isinstance(batched.events, EventStore)
    monkeypatch.setattr(native, "LARGE", 10**9)
    monkeypatch.setattr(native, "_LARGE_TEXT", 10**12)
    slow, slow_problems = native.loads(text)
    assert isinstance(slow.events, tuple)
    assert by_id(fast) == by_id(slow) == by_id(batched)
    assert messages(fast_problems) == messages(slow_problems) == messages(batched_problems)
    assert any("unknown field" in p.message for p in slow_problems)


def test_saving_a_store_round_trips(json_text: str, tmp_path: Path) -> None:
    document = json.loads(json_text)
    document["events"][5]["start"]["edtf"] = "2001-02-28"
    document["events"][9]["importance"] = 5
    document["events"][10]["tags"] = ["ok"]
    timeline, _ = native.loads(json.dumps(document))
    out = tmp_path / "again.chronology.json"
    native.save(timeline, out)
    again, _ = native.load(out)
    assert by_id(again) == by_id(timeline)


def test_large_file_with_a_non_text_title_or_id_is_a_located_problem(tmp_path: Path) -> None:
    events = [{"id": f"e{i}", "title": f"T{i}", "start": {"edtf": "2001-01-01"}}
              for i in range(20_001)]
    events[5]["title"] = 5
    events[7]["id"] = ["x"]
    path = tmp_path / "big.chronology.json"
    path.write_text(json.dumps({"format": "timeline_app.chronology", "version": 1,
                                "title": "big", "events": events}))
    with pytest.raises(LoadError) as caught:
        native.load(path)
    located = {p.location for p in caught.value.problems}
    assert {"$.events[5].title", "$.events[7].id"} <= located
