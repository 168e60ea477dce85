"""Fuzzing every loader entry point: the only exception that may come out is a located LoadError.

Three kinds of input: values shaped like each format (every field of the native format
given arbitrary JSON), arbitrary bytes under every suffix the app knows, and mutations
of real files (the default chronology, the test data, the corpus, and 20,000-event
files that take the vectorised readers): bytes flipped, inserted, deleted, duplicated
or spliced, and JSON values replaced at random paths. Whatever opens must also
validate, export and save, and its saved text must open again.

:mod:`tests.io.test_import_robustness` fuzzes the TimelineJS, XML and CSV readers from
their own entry points; this module covers the native reader and ``open_timeline``
as a whole.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.corpus.manifest import CORPUS
from timeline_app.core.dates import UncertainDate
from timeline_app.core.model import Event, Timeline
from timeline_app.core.problems import LoadError
from timeline_app.core.validation import check_timeline
from timeline_app.io import csv_export, native
from timeline_app.io.opening import open_timeline
from timeline_app.io.source_import import read_source
from timeline_app.paths import DEFAULT_ARTICLE, DEFAULT_CHRONOLOGY

ROOT = Path(__file__).parents[1]
SUFFIXES = (".chronology.json", ".json", ".csv", ".tsv", ".timeline", ".txt", ".md", ".html",
            "")
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                      HealthCheck.data_too_large])


def located(error: LoadError) -> None:
    """Every problem of a refusal says where and what."""
    assert error.problems
    for problem in error.problems:
        assert isinstance(problem.location, str) and problem.location.strip()
        assert isinstance(problem.message, str) and problem.message.strip()


def opens_or_is_refused(path: Path, through: bool = True) -> None:
    """Open ``path``; a refusal must be located, and what opens must go all the way through
    (validated, exported, saved and reopened) unless ``through`` is False."""
    try:
        opened = open_timeline(path)
    except LoadError as error:
        located(error)
        return
    for problem in opened.problems:
        assert problem.location.strip() and problem.message.strip()
    if not through:
        return
    timeline = opened.timeline
    check_timeline(timeline)
    csv_export.to_csv(timeline, list(timeline.events))
    text = native.dumps(timeline)
    # What the app saves, it opens again (a file it writes but cannot read loses work).
    reopened, _ = native.loads(text, "saved.chronology.json")
    assert len(reopened.events) == len(timeline.events)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# ----------------------------------------------------------------------------- shaped values

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.sampled_from(["", "..", "2001", "2001-13-45", "Y-13800000000", "Y1E99999999",
                     "[2001..2002]", "2001/..", "#00FF00", "TextQuoteSelector",
                     "TextPositionSelector", "s", "a", "<b>x</b>", "file:///etc/passwd",
                     # What broke readers before: numbers too long for int(), exponents
                     # the EDTF parser would compute for minutes.
                     "9" * 5000, "Y-" + "1" * 30, "Y1E" + "9" * 9, "01/01/" + "1" * 5000]))
JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=8)


def shaped(fields: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects with some of these fields, each either its usual shape or any JSON at all."""
    return st.fixed_dictionaries({}, optional={
        key: st.one_of(JSON, value) for key, value in fields.items()})


DATE = shaped({"edtf": SCALARS, "as_written": st.text(max_size=8), "reasoning": SCALARS})
SELECTOR = shaped({"type": st.sampled_from(["TextQuoteSelector", "TextPositionSelector"]),
                   "exact": st.sampled_from(["treaty", "signed", "", "nowhere"]),
                   "prefix": SCALARS, "suffix": SCALARS,
                   "start": st.integers(-5, 40), "end": st.integers(-5, 40)})
CITATION = shaped({"source": st.sampled_from(["s", "nowhere", ""]),
                   "selector": st.lists(SELECTOR, max_size=3), "note": SCALARS})
EVENT = shaped({"id": st.sampled_from(["a", "b", ""]), "title": st.text(max_size=10),
                "start": DATE, "end": st.one_of(st.none(), DATE), "category": SCALARS,
                "tags": st.lists(SCALARS, max_size=2), "actors": st.lists(SCALARS, max_size=2),
                "importance": st.integers(-3, 9), "notes": SCALARS,
                "citations": st.lists(CITATION, max_size=2),
                "links": st.lists(shaped({"url": SCALARS, "title": SCALARS}), max_size=2)})
SOURCE = shaped({"id": st.just("s"), "title": SCALARS, "text": st.sampled_from(
    ["The treaty was signed in 2001.", "", "x"]), "url": SCALARS, "sha256": SCALARS,
    "published": st.one_of(st.none(), shaped({"as_printed": SCALARS, "edtf": SCALARS,
                                              "note": SCALARS}))})
TOUR = shaped({"name": SCALARS, "description": SCALARS, "steps": st.lists(shaped({
    "event": SCALARS, "notes": SCALARS, "filter": SCALARS,
    "window": st.one_of(st.none(), shaped({"start": st.integers(), "end": st.integers()}))}),
    max_size=2)})
DOCUMENT = st.fixed_dictionaries({"format": st.one_of(st.just(native.FORMAT_NAME), SCALARS)},
                                 optional={
    "version": st.one_of(st.just(1), SCALARS), "title": st.one_of(st.text(max_size=8), SCALARS),
    "description": SCALARS,
    "categories": st.one_of(JSON, st.lists(shaped({"id": SCALARS, "name": SCALARS,
                                                   "color": SCALARS}), max_size=2)),
    "sources": st.one_of(JSON, st.lists(SOURCE, max_size=2)),
    "events": st.one_of(JSON, st.lists(EVENT, max_size=3)),
    "eras": st.one_of(JSON, st.lists(shaped({"id": SCALARS, "name": SCALARS, "start": DATE,
                                             "end": DATE, "color": SCALARS,
                                             "notes": SCALARS}), max_size=2)),
    "tours": st.one_of(JSON, st.lists(TOUR, max_size=2)),
})


@settings(FUZZ, max_examples=400)
@given(DOCUMENT)
def test_native_reader_on_any_shape(document: dict[str, Any]) -> None:
    try:
        timeline, _ = native.loads(json.dumps(document), "fuzz.chronology.json")
    except LoadError as error:
        located(error)
        return
    check_timeline(timeline)
    native.loads(native.dumps(timeline))


@settings(FUZZ, max_examples=200)
@given(st.text(max_size=200))
def test_native_reader_on_any_text(text: str) -> None:
    try:
        native.loads(text, "fuzz.chronology.json")
    except LoadError as error:
        located(error)


# ----------------------------------------------------------------------------- any bytes


@settings(FUZZ, max_examples=300)
@given(data=st.binary(max_size=400), suffix=st.sampled_from(SUFFIXES))
def test_open_timeline_on_any_bytes(scratch: Path, data: bytes, suffix: str) -> None:
    path = scratch / f"any{suffix}"
    path.write_bytes(data)
    opens_or_is_refused(path)


@settings(FUZZ, max_examples=150)
@given(text=st.text(max_size=200), suffix=st.sampled_from(SUFFIXES),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1"]))
def test_open_timeline_on_any_text(scratch: Path, text: str, suffix: str, encoding: str) -> None:
    path = scratch / f"text{suffix}"
    path.write_bytes(text.encode(encoding, errors="replace"))
    opens_or_is_refused(path)


@settings(FUZZ, max_examples=100)
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".md", ".html", ".htm"]))
def test_source_import_on_any_bytes(scratch: Path, data: bytes, suffix: str) -> None:
    path = scratch / f"source{suffix}"
    path.write_bytes(data)
    try:
        source = read_source(path).source
    except LoadError as error:
        located(error)
        return
    assert source.text.strip()


# ----------------------------------------------------------------------------- mutations


def _seeds() -> dict[str, bytes]:
    """Real files to mutate: the default chronology, the test data and the corpus."""
    files = [DEFAULT_CHRONOLOGY, DEFAULT_ARTICLE, *sorted((ROOT / "tests/io/data").iterdir()),
             *sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".py"
                     and p.name != "README.md" and "__pycache__" not in p.parts)]
    return {str(p.relative_to(ROOT)): p.read_bytes() for p in files}


SEEDS = _seeds()
SEED = st.sampled_from(sorted(SEEDS))


@st.composite
def mutated(draw: st.DrawFn, seeds: dict[str, bytes]) -> tuple[str, bytes]:
    """A seed file with a few bytes flipped, inserted, deleted, duplicated or spliced."""
    name = draw(st.sampled_from(sorted(seeds)))
    data = bytearray(seeds[name])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "duplicate", "splice",
                                     "truncate"]))
        if kind == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8) | st.sampled_from(
                [b'"', b"{", b"[", b"]", b",", b"<", b"</", b"&", b"\x00", b"\xff", b"\n",
                 b'\\u0000', b"\xef\xbb\xbf", b"<!DOCTYPE x>", b"NaN", b"1e999",
                 b"9" * 5000, b"[" * 3000, b"<a>" * 3000, b'"Y1E99999999"']))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif kind == "duplicate":
            data[at:at] = data[at:at + draw(st.integers(1, 64))]
        elif kind == "splice":
            other = seeds[draw(st.sampled_from(sorted(seeds)))]
            start = draw(st.integers(0, len(other)))
            data[at:at] = other[start:start + draw(st.integers(1, 200))]
        else:
            del data[at:]
    return name, bytes(data)


@settings(FUZZ, max_examples=400)
@given(mutated(SEEDS), st.sampled_from(["seed", "other"]), st.sampled_from(SUFFIXES))
def test_open_timeline_on_mutated_files(scratch: Path, case: tuple[str, bytes], name_as: str,
                                        suffix: str) -> None:
    name, data = case
    # Under its own name (the usual path), or another suffix (detection by content).
    path = scratch / (Path(name).name if name_as == "seed" else f"mutant{suffix}")
    path.write_bytes(data)
    opens_or_is_refused(path)


def _json_seeds() -> dict[str, Any]:
    seeds = {}
    for name, data in SEEDS.items():
        if name.endswith(".json"):
            try:
                seeds[name] = json.loads(data.decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                continue
    return seeds


JSON_SEEDS = _json_seeds()


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


REPLACEMENTS: st.SearchStrategy[Any] = st.one_of(JSON, st.sampled_from([
    None, True, 0, -1, 2**63, 10**30, 1.5, float("inf"), "", "..", "x" * 5000, "Y1E99999999",
    "\x00", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"), [], {},
    [[[[[]]]]], {"edtf": "2001-13-45"}, {"type": "TextPositionSelector", "start": 9, "end": 2},
]))


@settings(FUZZ, max_examples=300)
@given(st.data())
def test_open_timeline_on_files_with_json_values_replaced(scratch: Path,
                                                          data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(JSON_SEEDS)))
    document = json.loads(json.dumps(JSON_SEEDS[name]))  # a deep copy
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(list(_paths(document))))
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if not path:
            document = copy.deepcopy(data.draw(REPLACEMENTS)) if action == "replace" \
                else document
            continue
        *parents, last = path
        parent = document
        for step in parents:
            parent = parent[step]
        # Copies: the strategy's own [] and {} must not be changed by later mutations.
        if action == "replace":
            parent[last] = copy.deepcopy(data.draw(REPLACEMENTS))
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[data.draw(st.text(max_size=8))] = copy.deepcopy(data.draw(REPLACEMENTS))
        else:
            parent.insert(last, copy.deepcopy(data.draw(REPLACEMENTS)))
    target = scratch / Path(name).name
    target.write_text(json.dumps(document, ensure_ascii=data.draw(st.booleans())),
                      encoding="utf-8")
    opens_or_is_refused(target)


# ----------------------------------------------------------------------------- large files

#: Enough events and rows for the vectorised readers (fast_native, fast_csv).
LARGE = 20_000


@pytest.fixture(scope="module")
def large_seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A native file and its CSV export of 20,000 plain events (the fast readers' shape)."""
    events = tuple(Event(id=f"e{i}", title=f"Event {i}", category="c" if i % 3 else "",
                         start=UncertainDate(f"{1800 + i % 220}-{1 + i % 12:02d}-"
                                             f"{1 + i % 28:02d}"),
                         end=UncertainDate(f"{2020 + i % 5}") if i % 7 == 0 else None)
                   for i in range(LARGE))
    timeline = Timeline("Large", events=events)
    return {"large.chronology.json": native.dumps(timeline).encode("utf-8"),
            "large.csv": csv_export.to_csv(timeline, list(events)).encode("utf-8")}


@settings(FUZZ, max_examples=12)
@given(st.data())
def test_open_timeline_on_mutated_large_files(scratch: Path, large_seeds: dict[str, bytes],
                                              data: st.DataObject) -> None:
    name, mutant = data.draw(mutated(large_seeds))
    path = scratch / name
    path.write_bytes(mutant)
    # Opening only: validating, exporting and saving 20,000 events takes seconds, and
    # the small files above already take that path.
    opens_or_is_refused(path, through=False)
