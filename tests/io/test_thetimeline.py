"""Timeline (thetimelineproj) .timeline XML: events, categories, eras; unsafe XML refused."""

import time
from pathlib import Path

import pytest

from timeline_app.core.dates import UncertainDate
from timeline_app.core.model import Link, Timeline
from timeline_app.core.problems import LoadError
from timeline_app.io import thetimeline

DATA = Path(__file__).parent / "data"
RELEASES = DATA / "releases.timeline"


def releases() -> Timeline:
    return thetimeline.load(RELEASES)[0]


def by_title(timeline: Timeline, title: str) -> object:
    return next(e for e in timeline.events if e.title == title)


def minimal(events: str, timetype: str = "gregoriantime") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<timeline>\n  <version>2.4.0</version>\n'
            f"  <timetype>{timetype}</timetype>\n  <categories>\n  </categories>\n"
            f"  <events>\n{events}  </events>\n  <view>\n  </view>\n</timeline>\n").encode()


def xml_event(start: str, end: str, text: str = "E", extra: str = "") -> str:
    return (f"    <event>\n      <start>{start}</start>\n      <end>{end}</end>\n"
            f"      <text>{text}</text>\n      <fuzzy>False</fuzzy>\n{extra}    </event>\n")


def test_categories_keep_their_colours() -> None:
    assert [(c.id, c.name, c.color) for c in releases().categories] == [
        ("planned-release", "Planned Release", "#80FF80"),
        ("correction-release", "Correction Release", "#FF80FF"),
        ("history", "History", "#0A141E"),
    ]


def test_whole_days_are_day_precise_and_times_are_date_times() -> None:
    timeline = releases()
    release = by_title(timeline, "Timeline 0.20.0")
    assert (release.start.edtf, release.end) == ("2013-03-30T11:16", None)
    correction = by_title(timeline, "Timeline 0.21.1")
    assert (correction.start.edtf, correction.end) == ("2013-07-07", None)
    sprint = by_title(timeline, "Summer sprint")  # a container: its "[1]" prefix is removed
    assert (sprint.start.edtf, sprint.end.edtf) == ("2009-07-01", "2009-08-31")


def test_fuzzy_events_are_approximate_and_ends_today_is_ongoing() -> None:
    timeline = releases()
    manual = by_title(timeline, "Write the manual")
    assert (manual.start.edtf, manual.end.edtf) == ("2009-09-01~", "2009-09-04~")
    assert manual.start.approximate
    assert manual.tags == ("Summer sprint",)  # the container it belongs to
    port = by_title(timeline, "Python 3 port")
    assert port.start.edtf == "2019-05-01T14:30" and port.is_ongoing


def test_milestones_bce_years_links_descriptions_and_extra_categories() -> None:
    timeline = releases()
    ides = by_title(timeline, "(Ides) of March")  # the leading space Timeline adds is gone
    assert (ides.start.edtf, ides.end, ides.category) == ("-0043-03-15", None, "history")
    release = by_title(timeline, "Timeline 0.20.0")
    assert release.notes == "Added 'Save As' & more <features>"
    assert release.links == (Link("https://sourceforge.net/projects/thetimelineproj/"),
                             Link("http://example.org/notes"))
    assert by_title(timeline, "Timeline 0.21.1").tags == ("History",)


def test_eras_and_unreadable_events_are_reported_by_line() -> None:
    timeline, problems = thetimeline.load(RELEASES)
    assert [(e.name, e.start.edtf, e.end.edtf, e.color) for e in timeline.eras] == [
        ("Early days", "2009-01-01", "2010-12-31", "#C8C8FF"),
        ("Maintenance", "2018-01-01", "..", "#FFDCB4"),
    ]
    assert len(timeline.events) == 6
    described = [p.describe("releases.timeline") for p in problems]
    assert "releases.timeline: line 66: warning: hyperlink 'javascript:alert(1)' is not kept" \
        in described[0]
    assert described[1] == ("releases.timeline: line 120: warning: <start>: '2013-13-40 "
                            "00:00:00' is not a valid date and time; the event is skipped")


def test_unknown_category_is_added_and_unpadded_times_are_read() -> None:
    data = minimal(xml_event("2009-6-1 3:14:47", "2009-6-1 3:14:47",
                             extra="      <category>Elsewhere</category>\n"))
    timeline, problems = thetimeline.read("old.timeline", data)
    assert timeline.events[0].start == UncertainDate("2009-06-01T03:14:47")
    assert [c.name for c in timeline.categories] == ["Elsewhere"]
    assert "unknown category 'Elsewhere' added" in problems[0].message


def test_other_time_types_and_roots_are_refused_clearly() -> None:
    with pytest.raises(LoadError, match="the time type 'numtime' is not a calendar"):
        thetimeline.read("n.timeline", minimal("", timetype="numtime"))
    with pytest.raises(LoadError, match="expected the <timeline> element, got <html>"):
        thetimeline.read("n.timeline", b"<html><body/></html>")
    with pytest.raises(LoadError, match="text format of Timeline"):
        thetimeline.read("n.timeline", b"# Written by Timeline 0.7.0\nEVENT:2009-1-1 0:0:0;\n")


def test_no_readable_event_is_an_error() -> None:
    data = minimal(xml_event("someday", "someday"))
    with pytest.raises(LoadError, match=r"line 9: error: <start>: expected YYYY-MM-DD HH:MM:SS"):
        thetimeline.read("bad.timeline", data)


def test_malformed_xml_gives_line_and_column() -> None:
    data = b"<timeline>\n  <events>\n    <event>\n  </events>\n</timeline>\n"
    with pytest.raises(LoadError) as caught:
        thetimeline.read("broken.timeline", data)
    assert str(caught.value) == ("broken.timeline: line 4, column 5: error: not well-formed "
                                 "XML: mismatched tag")


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<timeline><version>2.4.0</version><categories/><events><event>
<start>2009-01-01 00:00:00</start><end>2009-01-01 00:00:00</end><text>&lol9;</text>
</event></events><view/></timeline>
"""
XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE timeline [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       b"\n<timeline><version>2.4.0</version><categories/><events><event><start>2009-01-01 "
       b"00:00:00</start><end>2009-01-01 00:00:00</end><text>&xxe;</text></event></events>"
       b"</timeline>")


@pytest.mark.parametrize("data", [BOMB, XXE, BOMB.decode().encode("utf-16")],
                         ids=["billion-laughs", "external-entity", "utf-16-bomb"])
def test_entity_declarations_are_refused_quickly(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "bomb.timeline"
    path.write_bytes(data)
    began = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        thetimeline.load(path)
    assert time.perf_counter() - began < 0.5
    assert "line 2: error: the file declares a DOCTYPE or entities" in str(caught.value)
    assert "root:" not in str(caught.value)  # nothing of /etc/passwd


def test_the_parser_itself_refuses_a_dtd_the_scan_missed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thetimeline, "_UNSAFE_RE", __import__("re").compile(rb"(?!)"))
    with pytest.raises(LoadError, match="declares a DOCTYPE"):
        thetimeline.read("bomb.timeline", BOMB)


def test_sniffing_finds_the_timeline_root_by_content() -> None:
    data = RELEASES.read_bytes()
    assert thetimeline.sniff("misnamed.csv", data)
    assert thetimeline.sniff("x.xml", b"<!-- <html> -->\n<timeline><version>1.0.0</version>")
    assert thetimeline.sniff("bomb.timeline", BOMB)
    assert not thetimeline.sniff("page.html", b"<!DOCTYPE html><html><body/></html>")
    assert not thetimeline.sniff("t.json", b'{"events": []}')
