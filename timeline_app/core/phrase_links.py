"""Words around a core date that change its meaning: "since", "starting in", "from … to"."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from timeline_app.core import calendar as cal
from timeline_app.core.dates import OPEN, UncertainDate
from timeline_app.core.edtf import EdtfError, Precision, format_date
from timeline_app.core.phrase_lexicon import NUMBER, UNIT
from timeline_app.core.phrase_values import Reference, Resolved, bounds, day_edtf, day_of, hull
from timeline_app.core.phrase_values import words as words_of


@dataclass(frozen=True)
class Core:
    """A core date phrase found in a text (``start``/``end`` offsets), already resolved."""

    start: int
    end: int
    value: Resolved
    relative: bool


@dataclass(frozen=True)
class Dated:
    """A date phrase with its lead-in words, and what they make of the date.

    ``end`` is a closed range's end EDTF, :data:`OPEN` for an ongoing range, or ``None``.
    ``summary`` is the meaning in words ("from 2022, ongoing").
    """

    start: int
    end_offset: int
    edtf: str
    end: str | None
    summary: str
    relative: bool
    vague: bool
    notes: tuple[str, ...]


_SPACE = r"[^\S\n]+"
# Lead-ins, by meaning. Each must end right where the core date starts.
_LEAD_INS: tuple[tuple[str, str], ...] = (
    ("since", r"(?:ever\s+)?since"),
    ("start", r"(?:starting|beginning|commencing)(?:\s+(?:in|on|from|with))?|from"),
    ("plan", r"(?:announced|scheduled|planned|expected|due|slated|set|intended)"
             r"\s+(?:for|in|by|on)"),
    ("before", r"before|prior\s+to"),
    ("after", r"after|following"),
    ("by", r"by|until|till|up\s+to|no\s+later\s+than"),
    ("about", r"c\.|ca\.|circa|around|about|approximately|roughly"),
    ("in", r"in|on|during|throughout|within|as\s+of|at"),
)
_LEAD_PATTERNS = tuple((kind, re.compile(rf"(?i:(?<![\w-])(?:{words}))(?:{_SPACE}|(?<=\.))$"))
                       for kind, words in _LEAD_INS)
_ONWARDS = re.compile(rf"{_SPACE}(?i:(?:and{_SPACE})?onwards?)\b")
_NOTES = {
    "start": "the start of something",
    "plan": "a planned or announced date",
    "about": "about",
}


def with_lead_ins(core: Core, text: str, floor: int, ref: Reference | None) -> Dated:
    """Extend ``core`` over the lead-in words before it (not before ``floor``) and apply them."""
    start = core.start
    kinds: list[str] = []
    if not core.value.vague:
        while not kinds or kinds[-1] in ("about", "in"):
            # "since about 2001": only a neutral lead-in may be wrapped by another.
            found = _lead_in(text, floor, start)
            if found is None:
                break
            kind, start = found
            kinds.append(kind)
    end = core.end
    onwards = None if core.value.vague else _ONWARDS.match(text, end)
    if onwards:
        end = onwards.end()
        kinds.insert(0, "since")
    return _apply(kinds, Dated(start, end, core.value.edtf, core.value.end,
                               _summary(core.value), core.relative, core.value.vague,
                               (core.value.note,) if core.value.note else ()), ref)


def _lead_in(text: str, floor: int, start: int) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for kind, pattern in _LEAD_PATTERNS:
        match = pattern.search(text, floor, start)
        if match and (best is None or match.start() < best[1]):
            best = (kind, match.start())
    return best


def _summary(value: Resolved) -> str:
    if value.end is None:
        return words_of(value.edtf)
    return f"from {words_of(value.edtf)} to {words_of(value.end)}"


def _apply(kinds: list[str], dated: Dated, ref: Reference | None) -> Dated:
    """Apply lead-ins from the innermost ("about") outwards ("since")."""
    for kind in reversed(kinds):
        dated = _apply_one(kind, dated, ref)
    return dated


def _apply_one(kind: str, dated: Dated, ref: Reference | None) -> Dated:
    notes = dated.notes
    if kind == "about" and _is_plain(dated.edtf) and dated.end is None:
        edtf = dated.edtf + "~"
        return replace(dated, edtf=edtf, summary=words_of(edtf))
    if kind == "since":
        return replace(dated, end=OPEN, summary=f"from {words_of(dated.edtf)}, ongoing")
    if kind == "start" and dated.end is not None:
        return dated  # the "from" of "from 2019 to 2022"
    if kind in _NOTES:
        return replace(dated, notes=(*notes, _NOTES[kind]))
    if kind in ("before", "after", "by") and dated.end != OPEN and _bounded(dated):
        try:
            return _bound_by(kind, dated, ref)
        except EdtfError:
            return dated  # "after 9999-12-31": a day EDTF cannot write
    return dated


def _bound_by(kind: str, dated: Dated, ref: Reference | None) -> Dated:
    """Apply "before", "by" or "after" to a bounded date."""
    if kind == "before":
        edtf = _before(dated.edtf)
    elif kind == "by":
        edtf = _by(dated.end or dated.edtf)
    else:
        edtf, uses_ref = _after(dated.end or dated.edtf, ref)
        dated = replace(dated, relative=dated.relative or uses_ref)
    return replace(dated, edtf=edtf, end=None, summary=words_of(edtf))


def _bounded(dated: Dated) -> bool:
    value = UncertainDate(dated.end or dated.edtf)
    return UncertainDate(dated.edtf).earliest is not None and value.latest is not None


def _is_plain(edtf: str) -> bool:
    """Whether ``edtf`` is a single plain date that a qualifier can follow."""
    return re.fullmatch(r"-?\d{4}(?:-\d{2}){0,2}", edtf) is not None


def _unit(edtf: str) -> Precision:
    span = UncertainDate(edtf).start_span
    assert span is not None
    return span.precision


def _format_in(day: cal.CivilTime | tuple[int, int, int], precision: Precision) -> str:
    """A day written only as precisely as ``precision`` (year, month or day)."""
    if precision <= Precision.YEAR:
        return format_date(day[0])
    if precision <= Precision.MONTH:
        return format_date(day[0], day[1])
    return format_date(day[0], day[1], day[2])


def _step(day: tuple[int, int, int], precision: Precision, count: int) -> tuple[int, int, int]:
    """The day ``count`` years, months or days (by precision) away, first of its unit."""
    if precision <= Precision.YEAR:
        return day[0] + count, 1, 1
    if precision <= Precision.MONTH:
        year, month = cal.add_months(day[0], day[1], count)
        return year, month, 1
    return cal.civil_from_days(cal.days_from_civil(*day) + count)


def _before(edtf: str) -> str:
    """Strictly before the date starts, as precisely as the date: before 2001 is [..2000]."""
    precision = min(_unit(edtf), Precision.DAY)
    first, _ = bounds(edtf)
    return f"[..{_format_in(_step(first, precision, -1), precision)}]"


def _by(edtf: str) -> str:
    """On or before the date ends: by 2025 is [..2025]."""
    precision = min(_unit(edtf), Precision.DAY)
    _, last = bounds(edtf)
    return f"[..{_format_in(last, precision)}]"


def _after(edtf: str, ref: Reference | None) -> tuple[str, bool]:
    """After the date ends, up to the publication when known: after 2001 is [2002..]."""
    precision = min(_unit(edtf), Precision.DAY)
    _, last = bounds(edtf)
    if precision <= Precision.MONTH:
        last = _step(last, precision, 1)
    else:
        last = cal.civil_from_days(cal.days_from_civil(*last) + 1)
    first = _format_in(last, precision)
    if ref is not None and (ref.last.year, ref.last.month, ref.last.day) >= last:
        return f"[{first}..{day_edtf(day_of(ref.last))}]", True
    return f"[{first}..]", False


# Ranges written with two core dates: "from March 2001 to May 2002", "between 2019 and 2022".
_RANGE_GAP = re.compile(r"\s*(?:(?P<word>to|until|till|through|and)\s+|[-‐‑‒–—]\s*)",
                        re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?i:\b(?P<opener>from|between))[^\S\n]+$")


def merge_ranges(cores: list[Core], text: str) -> list[Core]:
    """Join "from A to B", "between A and B" and "A – B" into one core each."""
    merged: list[Core] = []
    index = 0
    while index < len(cores):
        core = cores[index]
        following = cores[index + 1] if index + 1 < len(cores) else None
        joined = _join(core, following, text) if following else None
        if joined is not None:
            merged.append(joined)
            index += 2
        else:
            merged.append(core)
            index += 1
    return merged


def _join(first: Core, second: Core | None, text: str) -> Core | None:
    if second is None or first.value.end or second.value.end:
        return None
    if first.value.vague or second.value.vague:
        return None
    gap = _RANGE_GAP.fullmatch(text, first.end, second.start)
    if gap is None:
        return None
    opener = _RANGE_OPENER.search(text, max(0, first.start - 12), first.start)
    word = (gap.group("word") or "").lower()
    kind = opener.group("opener").lower() if opener else ""
    if (word == "and") != (kind == "between"):
        return None  # "in 2019 and 2022" is two dates; "between 2019 - 2022" is odd
    if bounds(second.value.edtf)[1] < bounds(first.value.edtf)[0]:
        return None
    start = opener.start() if opener else first.start
    relative = first.relative or second.relative
    if kind == "between":
        window = _between(first.value.edtf, second.value.edtf)
        value = Resolved(window, note="one date between the two")
    else:
        value = Resolved(first.value.edtf, end=second.value.edtf)
    notes = "; ".join(n for n in (first.value.note, second.value.note) if n)
    return Core(start, second.end, replace(value, note="; ".join(
        n for n in (value.note, notes) if n)), relative)


def _between(first: str, second: str) -> str:
    if _is_plain(first) and _is_plain(second):
        return f"[{first}..{second}]"
    return hull(first, second)


#: "for several days", "lasting two weeks": how long, not when.
DURATION = re.compile(
    rf"(?i:\b(?:for|lasting|lasted)[^\S\n]+"
    rf"(?:(?:about|almost|nearly|more[^\S\n]+than|over|at[^\S\n]+least)[^\S\n]+)?"
    rf"(?:(?:{NUMBER}|several|a[^\S\n]+few|many|some)[^\S\n]+)?(?:hours?|{UNIT}))\b")
