"""TimelineJS3 JSON: import from the documented format, export, and the round trip."""

import json
from pathlib import Path
from typing import Any

import pytest

from timeline_app.core.dates import UncertainDate
from timeline_app.core.model import Category, Era, Event, Link, Timeline
from timeline_app.core.problems import LoadError, Severity
from timeline_app.io import native, timelinejs, timelinejs_export
from timeline_app.paths import DEFAULT_CHRONOLOGY

DATA = Path(__file__).parent / "data"


def loads(data: dict[str, Any]) -> tuple[Timeline, list[str]]:
    timeline, problems = timelinejs.loads(json.dumps(data), "t.json")
    assert all(p.severity is Severity.WARNING for p in problems)
    return timeline, [f"{p.location}: {p.message}" for p in problems]


def event(**fields: Any) -> dict[str, Any]:
    return {"start_date": {"year": 2001}, "text": {"headline": "E"}, **fields}


# ----------------------------------------------------------------------------- import


def test_cosmological_file_with_html_eras_and_a_title_slide() -> None:
    timeline, problems = timelinejs.load(DATA / "cosmos.timelinejs.json")
    assert timeline.title == "From the Big Bang to Rome"
    assert timeline.description == "A test of deep time & history."  # the script is gone
    by_title = {e.title: e for e in timeline.events}
    bang = by_title["Big Bang"]
    assert (bang.start.edtf, bang.start.as_written) == ("Y-13800000000", "13.8 billion years ago")
    solar = by_title["Solar system forms"]  # years as strings, empty month and day
    assert solar.start.edtf == "Y-4600000000"
    assert solar.end == UncertainDate("Y-4500000000")
    assert by_title["Apollo 11 lands"].start.edtf == "1969-07-20T20:17"
    assert [c.name for c in timeline.categories] == ["Cosmos", "Earth"]
    assert bang.category == "cosmos" and bang.id == "big-bang"
    assert [(e.name, e.start.edtf, e.end.edtf) for e in timeline.eras] == [
        ("Hadean", "Y-4600000000", "Y-4000000000"), ("Phanerozoic", "Y-541000000", "2024")]
    assert {p.location for p in problems} == {"$.events[3].start_date.year",
                                               "$.events[4].media.url"}


def test_html_in_text_becomes_safe_plain_text_with_web_links() -> None:
    timeline, _ = timelinejs.load(DATA / "cosmos.timelinejs.json")
    impact = next(e for e in timeline.events if e.title == "Chicxulub impact")
    assert impact.notes == "See the crater and this."
    assert impact.links == (
        Link("https://example.org/impact.png", "The impact — Artist's impression"),
        Link("https://en.wikipedia.org/wiki/Chicxulub_crater", "the crater"),
    )
    everything = json.dumps(native.to_json(timeline))
    for unsafe in ("javascript:", "file:", "<script", "<img", "evil.example", "color:red"):
        assert unsafe not in everything


def test_a_bad_year_is_located_and_only_that_event_is_skipped() -> None:
    timeline, problems = timelinejs.load(DATA / "cosmos.timelinejs.json")
    assert len(timeline.events) == 4
    bad = next(p for p in problems if "year" in p.location)
    assert bad.describe("cosmos.json") == ('cosmos.json: $.events[3].start_date.year: warning: '
                                           'expected a number, got "abc"; the event is skipped')


def test_human_scale_minus_years_are_bce_years() -> None:
    timeline, problems = timelinejs.load(DATA / "rome.timelinejs.json")
    assert problems == []
    assert timeline.description == "Rome, 100–27 BCE"
    starts = {e.title: e.start for e in timeline.events}
    caesar = starts["Caesar assassinated"]
    assert caesar.edtf == "-0043-03-15"  # TimelineJS shows year -44 as "44 BCE"
    assert caesar.as_written == "the Ides of March, 44 BCE"  # the slide's display_date
    assert starts["Caesar crosses the Rubicon"].as_written == "January 49 BCE"
    augustus = next(e for e in timeline.events if e.title == "Augustus rules")
    assert (augustus.start.edtf, augustus.end and augustus.end.edtf) == ("-0026", "0014-08-19")


def test_year_conversion_both_ways() -> None:
    for tjs, astronomical in ((-44, -43), (-1, 0), (0, 0), (1, 1), (2001, 2001)):
        assert timelinejs.from_timelinejs_year(tjs, cosmological=False) == astronomical
    for astronomical in (-43, 0, 1, 2001):
        tjs = timelinejs.to_timelinejs_year(astronomical, cosmological=False)
        assert timelinejs.from_timelinejs_year(tjs, cosmological=False) == astronomical
    assert timelinejs.from_timelinejs_year(-44, cosmological=True) == -44


def test_precision_follows_the_fields_present() -> None:
    timeline, _ = timelinejs.load(DATA / "rome.timelinejs.json")
    starts = {e.title: e.start.edtf for e in timeline.events}
    assert starts["A month"] == "2001-03"
    assert starts["A minute"] == "2001-03-12T14:30"  # empty second, milliseconds dropped


def test_years_beyond_the_human_scale_are_read_as_counts() -> None:
    timeline, problems = loads({"events": [event(start_date={"year": -13800000000}),
                                           event(start_date={"year": -44})]})
    assert [e.start.edtf for e in timeline.events] == ["Y-13800000000", "-0044"]
    assert problems[0].startswith("$.scale: years beyond ±271,821")


def test_an_end_date_of_empty_fields_is_no_end() -> None:
    timeline, problems = loads({"events": [
        event(end_date={"year": "", "month": "", "display_date": ""}),
        event(end_date={"month": "3"})]})
    assert timeline.events[0].end is None and len(timeline.events) == 1
    assert problems == ["$.events[1].end_date.year: missing: a date needs at least a year; "
                        "the event is skipped"]


def test_months_of_deep_years_are_dropped_with_a_warning() -> None:
    timeline, problems = loads({"scale": "cosmological", "events": [
        event(start_date={"year": -20000, "month": 5})]})
    assert timeline.events[0].start.edtf == "Y-20000"
    assert problems == ["$.events[0].start_date: month dropped: EDTF gives years beyond ±9999 "
                        "no months or days"]


@pytest.mark.parametrize(("start", "message"), [
    ({"month": 3}, "$.events[0].start_date.year: missing"),
    ({"year": 2001, "month": 13}, "$.events[0].start_date.month: expected 1 to 12, got 13"),
    ({"year": 2001, "month": 2, "day": 30}, "$.events[0].start_date.day: February 2001 has no"),
    ({"year": True}, "$.events[0].start_date.year: expected a number, got true or false"),
    ({"year": 2001.5}, "$.events[0].start_date.year: expected a number, got the number 2001.5"),
    ("2001", "$.events[0].start_date: expected a date object"),
])
def test_bad_dates_are_located(start: object, message: str) -> None:
    data = {"events": [event(start_date=start), event()]}
    _, problems = loads(data)
    assert problems[0].startswith(message), problems


def test_nothing_valid_is_an_error_listing_every_problem() -> None:
    data = {"events": [event(start_date={"year": "abc"}), event(start_date={"year": ""})]}
    with pytest.raises(LoadError) as caught:
        timelinejs.loads(json.dumps(data), "bad.json")
    text = str(caught.value)
    assert "bad.json: $.events[0].start_date.year: error: expected a number" in text
    assert "$.events[1].start_date.year: error: missing" in text


def test_not_timelinejs_and_broken_json_are_explained() -> None:
    with pytest.raises(LoadError, match=r"x.json: \$: error: expected a TimelineJS object"):
        timelinejs.loads("[1, 2]", "x.json")
    with pytest.raises(LoadError, match="line 1, column"):
        timelinejs.loads('{"events": [}', "x.json")


def test_end_before_start_and_wrong_types_are_reported() -> None:
    data = {"events": [event(end_date={"year": 1990}), event(text="plain"), 5],
            "eras": [{"start_date": {"year": 2000}}]}
    timeline, problems = loads(data)
    assert len(timeline.events) == 1
    joined = "\n".join(problems)
    assert "$.events[0].end_date: the end (1990) is before the start (2001)" in joined
    assert "$.events[1].text: expected an object" in joined
    assert "$.events[2]: expected a slide object, got the number 5" in joined
    assert "$.eras[0].end_date: missing" in joined


def test_media_embed_code_is_not_loaded_and_unique_ids_are_made_unique() -> None:
    embed = '<blockquote><a href="https://twitter.com/x/status/1">tweet</a></blockquote>'
    data = {"events": [event(unique_id="a", media={"url": embed}), event(unique_id="a")]}
    timeline, problems = loads(data)
    assert [e.id for e in timeline.events] == ["a", "a-2"]
    assert timeline.events[0].links == (Link("https://twitter.com/x/status/1", "tweet"),)
    assert "embedded HTML is not loaded" in problems[0]


def test_sniffing_recognises_timelinejs_by_content() -> None:
    data = (DATA / "cosmos.timelinejs.json").read_bytes()
    assert timelinejs.sniff("anything.txt", data)
    assert timelinejs.sniff("t.json", b'\xef\xbb\xbf{"title": {"text": {}}, "events": []}')
    assert not timelinejs.sniff("t.json", DEFAULT_CHRONOLOGY.read_bytes())
    assert not timelinejs.sniff("t.json", b'{"items": [{"start_date": 1}]}')
    assert not timelinejs.sniff("t.csv", b"date,title\n2001,x\n")


# ----------------------------------------------------------------------------- export


def sample() -> Timeline:
    return Timeline(
        title="Sample & co",
        description="First paragraph.\n\nSecond <one>.",
        categories=(Category("pol", "Politics", "#0072B2"), Category("war", "War", "#D55E00")),
        events=(
            Event("y", "A year", UncertainDate("2001", "in 2001"), category="pol"),
            Event("m", "A month", UncertainDate("2001-03")),
            Event("d", "A day", UncertainDate("2001-03-12"), UncertainDate("2001-03-20"),
                  category="war"),
            Event("t", "A minute", UncertainDate("2001-03-12T14:30")),
            Event("c", "Caesar", UncertainDate("-0043-03-15")),
            Event("w", "One day in a window", UncertainDate("[2025-12-21..2025-12-31]")),
            Event("a", "About a year", UncertainDate("1500~")),
            Event("o", "Ongoing", UncertainDate("2022"), UncertainDate("..")),
            Event("l", "Links", UncertainDate("2001"),
                  links=(Link("https://a.example/", "Credit A"), Link("https://b.example/", "B"))),
        ),
        eras=(Era("late", "Late period", UncertainDate("2000"), UncertainDate("2010")),),
    )


def test_export_writes_fields_at_each_dates_precision() -> None:
    slides = {s["unique_id"]: s for s in timelinejs_export.to_json(sample())["events"]}
    assert slides["y"]["start_date"] == {"year": 2001, "display_date": "in 2001"}
    assert slides["m"]["start_date"] == {"year": 2001, "month": 3}
    assert slides["d"]["end_date"] == {"year": 2001, "month": 3, "day": 20}
    assert slides["t"]["start_date"] == {"year": 2001, "month": 3, "day": 12, "hour": 14,
                                         "minute": 30}
    assert slides["c"]["start_date"] == {"year": -44, "month": 3, "day": 15}
    window = slides["w"]["start_date"]
    assert (window["year"], window["month"], window["day"]) == (2025, 12, 21)
    assert window["display_date"] == "between 21 and 31 December 2025"
    assert window["edtf"] == "[2025-12-21..2025-12-31]"
    assert slides["a"]["start_date"] == {"year": 1500, "display_date": "about 1500",
                                         "edtf": "1500~"}
    assert slides["o"]["end_date"]["edtf"] == ".."
    assert slides["d"]["group"] == "War" and "group" not in slides["m"]


def test_export_writes_text_media_title_and_eras() -> None:
    data = timelinejs_export.to_json(sample())
    assert data["scale"] == "human"
    assert data["title"]["text"] == {"headline": "Sample &amp; co",
                                     "text": "<p>First paragraph.</p><p>Second &lt;one&gt;.</p>"}
    links = next(s for s in data["events"] if s["unique_id"] == "l")
    assert links["media"] == {"url": "https://a.example/", "credit": "Credit A"}
    assert '<a href="https://b.example/">B</a>' in links["text"]["text"]
    assert data["eras"] == [{"start_date": {"year": 2000}, "end_date": {"year": 2010},
                             "text": {"headline": "Late period"}}]


def test_deep_time_exports_plain_numbers_on_the_cosmological_scale() -> None:
    deep = Timeline("Deep", events=(Event("bang", "Big Bang", UncertainDate("Y-13800000000")),
                                    Event("c", "Caesar", UncertainDate("-0043-03-15"))))
    data = timelinejs_export.to_json(deep)
    assert data["scale"] == "cosmological"
    assert data["events"][0]["start_date"] == {"year": -13800000000}
    assert data["events"][1]["start_date"] == {"year": -43, "month": 3, "day": 15}
    assert '"year": -13800000000' in timelinejs_export.dumps(deep)


# ----------------------------------------------------------------------------- round trip


def round_trip(timeline: Timeline, tmp_path: Path) -> Timeline:
    out = tmp_path / "out.json"
    timelinejs_export.save(timeline, out)
    back, problems = timelinejs.load(out)
    assert problems == []
    return back


def dates(timeline: Timeline) -> list[tuple[str, str, str | None]]:
    return [(e.title, e.start.edtf, e.end.edtf if e.end else None) for e in timeline.events]


@pytest.mark.parametrize("deep", [False, True])
def test_round_trip_keeps_titles_dates_groups_and_eras(tmp_path: Path, deep: bool) -> None:
    original = sample()
    if deep:  # the same dates must survive the cosmological scale's plain years too
        original = original.with_events(
            (*original.events, Event("b", "Big Bang", UncertainDate("Y-13800000000"))))
    back = round_trip(original, tmp_path)
    assert back.title == original.title and back.description == original.description
    assert dates(back) == dates(original)
    assert [e.start.as_written for e in back.events] == \
        [e.start.as_written for e in original.events]
    assert [c.name for c in back.categories] == ["Politics", "War"]
    names = {c.id: c.name for c in back.categories}
    assert [names.get(e.category) for e in back.events][:3] == ["Politics", None, "War"]
    assert [(e.name, e.start.edtf, e.end.edtf) for e in back.eras] == [
        ("Late period", "2000", "2010")]
    links = next(e.links for e in back.events if e.id == "l")
    assert links == (Link("https://a.example/", "Credit A"), Link("https://b.example/", "B"))


def test_default_chronology_round_trips_through_timelinejs(tmp_path: Path) -> None:
    original, _ = native.load(DEFAULT_CHRONOLOGY)
    back = round_trip(original, tmp_path)
    assert dates(back) == dates(original)
    assert [e.id for e in back.events] == [e.id for e in original.events]
    assert {c.name for c in back.categories} <= {c.name for c in original.categories}
