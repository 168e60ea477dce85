"""CSV import: our own export's columns, and everyday spreadsheets with messy dates."""

from pathlib import Path

import pytest

from timeline_app.core.dates import UncertainDate
from timeline_app.core.model import AnchorStatus, Link, Timeline
from timeline_app.core.problems import LoadError, Problem
from timeline_app.io import csv_export, csv_import, native
from timeline_app.io.opening import open_timeline
from timeline_app.paths import DEFAULT_CHRONOLOGY


def read(text: str, name: str = "events.csv") -> tuple[Timeline, list[Problem]]:
    return csv_import.read(name, text.encode("utf-8"))


def starts(timeline: Timeline) -> dict[str, str]:
    return {e.title: e.start.edtf for e in timeline.events}


MESSY = """\
Date,End date,Event,Notes,Category,Tags
2001-03-12,,ISO day,,Politics,a; b
12 March 2001,,Words day,,Politics,
"March 12, 2001",,American words,,War,
March 2001,,A month,,,
2001,,A year,,,
-44,,Caesar,,,
2001~,,Approximately,,,
[2025-12-21..2025-12-31],,One day in late December,,,
2001/2005,,An interval,,,
2001-03-01,2001-03-20,A range,,,
sometime,,Vague,,,
2001-02-30,,Impossible,,,
,,No date at all,,,
1999,1990,Backwards,,,
"""


def test_messy_dates_keep_the_precision_they_were_written_with() -> None:
    timeline, _ = read(MESSY)
    assert starts(timeline) == {
        "ISO day": "2001-03-12",
        "Words day": "2001-03-12",
        "American words": "2001-03-12",
        "A month": "2001-03",
        "A year": "2001",
        "Caesar": "-0043",
        "Approximately": "2001~",
        "One day in late December": "[2025-12-21..2025-12-31]",
        "An interval": "2001",
        "A range": "2001-03-01",
    }
    events = {e.title: e for e in timeline.events}
    assert events["An interval"].end == UncertainDate("2005")
    assert events["Words day"].start.as_written == "12 March 2001"


def test_unreadable_rows_are_reported_by_row_number_and_the_rest_imports() -> None:
    timeline, problems = read(MESSY)
    assert len(timeline.events) == 10
    assert [p.describe() for p in problems] == [
        'row 12: warning: date "sometime" is not a date (expected e.g. 2001-03-12, 12 March '
        "2001, March 2001, 2001, -44 or EDTF such as 2001~); the row is skipped",
        'row 13: warning: date "2001-02-30": February has no day 30 in 2001; the row is skipped',
        "row 14: warning: no date (the 'Date' column is empty); the row is skipped",
        "row 15: warning: the end (1990) is before the start (1999); the row is skipped",
    ]


def test_categories_tags_and_ranges() -> None:
    timeline, _ = read(MESSY)
    assert [(c.id, c.name) for c in timeline.categories] == [("politics", "Politics"),
                                                            ("war", "War")]
    events = {e.title: e for e in timeline.events}
    assert events["ISO day"].tags == ("a", "b")
    assert events["ISO day"].category == "politics"
    assert (events["A range"].start.edtf, events["A range"].end.edtf) == ("2001-03-01",
                                                                        "2001-03-20")
    assert timeline.title == "events"


def test_headers_match_synonyms_whatever_their_case_and_punctuation(tmp_path: Path) -> None:
    text = ("START_DATE;Until;Headline;Summary (short);Lane;Who;URL;ID\n"
            "12/03/2001;14/03/2001;Semicolons;Some <b>bold</b> text;Ops;Ann, Bob;"
            "https://example.org/x;evt-1\n")
    timeline, problems = read(text)
    event = timeline.events[0]
    assert (event.id, event.title, event.notes) == ("evt-1", "Semicolons", "Some bold text")
    assert (event.start.edtf, event.end and event.end.edtf) == ("2001-03-12", "2001-03-14")
    assert event.actors == ("Ann", "Bob")
    assert event.links == (Link("https://example.org/x"),)
    assert timeline.categories[0].name == "Ops"
    assert problems == []


def test_numeric_dates_are_day_first_unless_the_column_only_fits_month_first() -> None:
    day_first, _ = read("date,title\n03/04/2001,a\n12/11/2001,b\n")
    assert list(starts(day_first).values()) == ["2001-04-03", "2001-11-12"]
    assert "day first" in day_first.events[0].start.reasoning
    month_first, _ = read("date,title\n03/04/2001,a\n03/25/2001,b\n")
    assert list(starts(month_first).values()) == ["2001-03-04", "2001-03-25"]


def test_tabs_a_bom_and_windows_1252_are_read() -> None:
    timeline, problems = csv_import.read(
        "t.tsv", "\ufeffWhen\tWhat\n2001\tCaf\u00e9 opens\n".encode())
    assert starts(timeline) == {"Café opens": "2001"} and problems == []
    cp1252 = "date;title;description\n2001;Caf\u00e9 \u2013 na\u00efve;\u201cquoted\u201d\n"
    timeline, problems = csv_import.read("t.csv", cp1252.encode("cp1252"))
    event = timeline.events[0]
    assert (event.title, event.notes) == ("Café – naïve", "“quoted”")
    assert [p.message for p in problems] == ["not UTF-8 text; read as Windows-1252"]


def test_quotes_cite_one_source_per_name_and_are_reported_as_orphans(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text("date,title,source,quote\n"
                    "2001,A,Daily News,\"It happened, they said.\"\n"
                    "2002,B,Daily News,Again.\n"
                    "2003,C,,No source named.\n"
                    "2004,D,Weekly,\n", encoding="utf-8")
    opened = open_timeline(path)
    sources = {s.title: s for s in opened.timeline.sources}
    assert list(sources) == ["Daily News", "quotes", "Weekly"]
    assert all(s.text == "" for s in sources.values())
    a = opened.timeline.events[0]
    assert a.citations[0].source_id == sources["Daily News"].id
    assert (a.citations[0].exact, a.citations[0].position) == ("It happened, they said.", None)
    assert opened.timeline.events[1].citations[0].source_id == sources["Daily News"].id
    assert [r.anchor.status for r in opened.anchors] == [AnchorStatus.ORPHAN] * 3


def test_timelinejs_spreadsheet_template_columns_are_combined() -> None:
    text = ("Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,"
            "Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
            ",,,,,,,,,My sheet,<p>About it</p>,,,,,title,,\n"
            "-44,3,15,,,,,,Ides of March,Caesar dies,,https://example.org/c.jpg,Museum,,,,"
            "Rome,\n"
            "1969,July,20,20:17,,,,,,Moon landing,,,,,,,Space,\n"
            "2001,,,,2005,6,,,,Span,,,,,,,,\n"
            "1900,,,,2000,,,,,Century,,,,,,era,,\n")
    timeline, problems = read(text)
    assert problems == []
    assert (timeline.title, timeline.description) == ("My sheet", "About it")
    caesar, moon, span = timeline.events
    assert (caesar.start.edtf, caesar.start.as_written) == ("-0043-03-15", "Ides of March")
    assert caesar.links == (Link("https://example.org/c.jpg", "Museum"),)
    assert moon.start.edtf == "1969-07-20T20:17"
    assert (span.start.edtf, span.end and span.end.edtf) == ("2001", "2005-06")
    assert [c.name for c in timeline.categories] == ["Rome", "Space"]
    assert [(e.name, e.start.edtf, e.end.edtf) for e in timeline.eras] == [
        ("Century", "1900", "2000")]


def test_files_without_a_date_column_or_rows_are_refused_clearly() -> None:
    with pytest.raises(LoadError, match="row 1: error: no date column: expected a column named "
                       "date, start, begin, from or year; the header has 'title', 'notes'"):
        read("title,notes\nA,B\n")
    with pytest.raises(LoadError, match="the file is empty"):
        read("\n\n")
    with pytest.raises(LoadError, match="row 2: error: date \"soon\" is not a date"):
        read("date,title\nsoon,A\n")


def test_unused_columns_and_unsafe_links_are_warned_about() -> None:
    _, problems = read("date,title,colour,link\n2001,A,red,javascript:alert(1)\n")
    assert [p.describe() for p in problems] == [
        "row 1: warning: columns not imported: 'colour'",
        "row 2: warning: the link 'javascript:alert(1)' is not kept: only absolute http, "
        "https and mailto links are",
    ]


def test_our_export_round_trips_titles_and_dates(tmp_path: Path) -> None:
    original, _ = native.load(DEFAULT_CHRONOLOGY)
    path = tmp_path / "export.csv"
    csv_export.save_csv(original, path)
    back, problems = csv_import.load(path)
    assert problems == []
    by_id = {e.id: e for e in back.events}
    assert set(by_id) == {e.id for e in original.events}
    for event in original.events:
        copy = by_id[event.id]
        assert (copy.title, copy.start.edtf, copy.start.as_written) == \
            (event.title, event.start.edtf, event.start.as_written)
        # Ranges come back ending on the last day of their window (ongoing ones closed).
        expected_end = None
        if event.end is not None:
            expected_end = event.end.edtf if not event.end.is_open else "2026-01-20"
        assert (copy.end.edtf if copy.end else None) == expected_end
    assert {c.name for c in back.categories} == {e.category for e in original.events}


def test_our_export_with_deep_time_and_hand_edited_dates(tmp_path: Path) -> None:
    rows = [",".join(csv_export.COLUMNS),
            "bang,Big Bang,Y-13800000000,,-13800000000-01-01,-13800000000-12-31,"
            "million years,,,,,,",
            "caesar,Ides,-0043-03-15,,-0043-03-15,-0043-03-15,day,,,,,,",
            "bc,Thousand BCE,-1000,,-1000-01-01,-1000-12-31,year,,,,,,",
            "edit,Edited by hand,12 March 2001,,,,,,,,,,"]
    timeline, problems = read("\r\n".join(rows) + "\r\n", "ours.csv")
    assert starts(timeline) == {"Big Bang": "Y-13800000000", "Ides": "-0043-03-15",
                                "Thousand BCE": "-1000", "Edited by hand": "2001-03-12"}
    assert all(e.end is None for e in timeline.events) and problems == []


def test_sniffing_claims_spreadsheets_but_never_json_or_xml() -> None:
    assert csv_import.sniff("data.txt", b"Title;Start date;Notes\nA;2001;x\n")
    assert csv_import.sniff("x.csv", b"anything,at,all\n")
    assert not csv_import.sniff("notes.txt", b"Dear diary, today was fine.\n")
    assert not csv_import.sniff("x.csv", b'{"events": []}')
    assert not csv_import.sniff("x.csv", b"<timeline></timeline>")
    assert csv_import.sniff("x.txt", "date\ttitle\n".encode("utf-16"))
