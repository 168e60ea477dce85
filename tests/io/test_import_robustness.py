"""Whatever bytes they are given, importers answer with located problems, never a traceback."""

import contextlib
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.core.problems import LoadError
from timeline_app.io import csv_import, thetimeline, timelinejs
from timeline_app.io.html_text import parse_html
from timeline_app.io.loose_dates import LooseDateError, parse_loose_date

FAST = settings(max_examples=60, deadline=None)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.sampled_from(["", "abc", "2001", "-44", "<b>x</b>", "javascript:x", ".."]))
KEYS = st.sampled_from(["year", "month", "day", "hour", "minute", "display_date", "edtf",
                        "headline", "text", "url", "credit", "group", "unique_id", "media",
                        "start_date", "end_date"])
JSONISH = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=5)), max_leaves=12)


@FAST
@given(events=st.lists(JSONISH, max_size=4), eras=JSONISH, title=JSONISH)
def test_timelinejs_reader_only_raises_load_errors(events: list[object], eras: object,
                                                   title: object) -> None:
    text = json.dumps({"events": events, "eras": eras, "title": title})
    with contextlib.suppress(LoadError):
        timelinejs.loads(text, "fuzz.json")


@FAST
@given(st.binary(max_size=300))
def test_timeline_xml_reader_only_raises_load_errors(data: bytes) -> None:
    with contextlib.suppress(LoadError):
        thetimeline.read("fuzz.timeline", b"<timeline><version>2.4.0</version>" + data)


@FAST
@given(st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=5), max_size=6),
       st.sampled_from([",", ";", "\t"]))
def test_csv_reader_only_raises_load_errors(rows: list[list[str]], delimiter: str) -> None:
    text = "date,end,title,year,month,type\n" + "\n".join(delimiter.join(r) for r in rows)
    with contextlib.suppress(LoadError):
        csv_import.read("fuzz.csv", text.encode("utf-8", "surrogatepass"))


@FAST
@given(st.text(max_size=40))
def test_loose_dates_only_raise_their_own_error(text: str) -> None:
    with contextlib.suppress(LooseDateError):
        parse_loose_date(text)


@FAST
@given(st.text(max_size=200))
def test_html_conversion_never_fails(html: str) -> None:
    document = parse_html(html)
    assert "<script" not in "".join(link.url for link in document.links)
