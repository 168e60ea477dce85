"""Find date phrases in a text and turn each into a suggested date with its reasoning.

A phrase is a *core* date ("late December", "12 March 2001", "the 1990s", "last
week") with the lead-in words that change its meaning ("since", "starting in",
"announced for", "before", "from … to"). Absolute dates need nothing else; relative
ones are resolved against the source's publication date and say so in their
reasoning, in the project's style::

    'late December', published 2026-01-20 → 21–31 December 2025

Durations ("for several days") are not dates: a duration is folded into a date of
the same sentence when there is one, and otherwise reported by :func:`find_durations`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from timeline_app.core.dates import OPEN, UncertainDate, is_valid_edtf
from timeline_app.core.phrase_absolute import RULES as ABSOLUTE_RULES
from timeline_app.core.phrase_links import DURATION, Core, Dated, merge_ranges, with_lead_ins
from timeline_app.core.phrase_relative import RULES as RELATIVE_RULES
from timeline_app.core.phrase_values import Reference, Resolved, Rule, hull, words
from timeline_app.core.sentences import sentence_at, sentence_spans

RULES: tuple[Rule, ...] = ABSOLUTE_RULES + RELATIVE_RULES
# Absolute rules ignore the day they are given.
_ANY_DAY = date(2000, 1, 1)


@dataclass(frozen=True)
class DateSuggestion:
    """A date found in a text: what it means, the words and where they are.

    ``start.as_written`` is the phrase and ``start.reasoning`` says how it was read.
    ``end`` is ``None`` for a single date, ``UncertainDate("..")`` for a range still
    ongoing at publication ("since 2022"), or a closed end ("from 2019 to 2022").
    ``span`` holds the code-point offsets of the phrase: ``text[span[0]:span[1]]``
    is ``phrase``; for a suggestion taken from a context (``from_context``) the
    offsets are in the context. ``vague`` marks dates only bounded by the
    publication ("recently", "now"). ``duration`` is a duration phrase of the same
    sentence that this date anchors ("for several days").
    """

    start: UncertainDate
    end: UncertainDate | None
    phrase: str
    span: tuple[int, int]
    vague: bool = False
    duration: str = ""
    from_context: bool = False


@dataclass(frozen=True)
class Duration:
    """A duration phrase ("for several days"): how long, not when.

    ``anchored`` says whether a date of the same sentence anchors it (that
    date's suggestion then names it in ``duration``).
    """

    phrase: str
    span: tuple[int, int]
    anchored: bool
    reasoning: str


def find_dates(text: str, published: UncertainDate | None = None) -> list[DateSuggestion]:
    """Every date phrase in ``text``, in text order, without overlaps (the longest wins).

    Relative phrases are resolved against ``published``; without it they are skipped
    (see :func:`unresolved_phrases`) and only absolute dates are returned.
    """
    ref = Reference.of(published)
    dated = _dated(text, ref)
    suggestions = [_suggestion(text, d, ref) for d in dated]
    return _fold_durations(text, suggestions)


def find_durations(text: str, published: UncertainDate | None = None) -> list[Duration]:
    """Every duration phrase in ``text`` that is not part of a date phrase."""
    spans = sentence_spans(text)
    dated = _dated(text, Reference.of(published))
    taken = [(d.start, d.end_offset) for d in dated]
    durations: list[Duration] = []
    for match in DURATION.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        sentence = sentence_at(spans, match.start()) or (match.start(), match.end())
        anchored = any(sentence[0] <= start < sentence[1] for start, _ in taken)
        phrase = _one_line(match.group(0))
        reasoning = (f"'{phrase}' is a duration, not a date; "
                     + ("the date of its sentence anchors it" if anchored
                        else "its sentence has no date to anchor it, so it is no candidate"))
        durations.append(Duration(match.group(0), (match.start(), match.end()), anchored,
                                  reasoning))
    return durations


def unresolved_phrases(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Relative phrases (with their spans) that need a publication date to be resolved."""
    return [(text[c.start:c.end], (c.start, c.end)) for c in _cores(text, None)
            if c.value is _UNRESOLVED]


def suggest_date(passage: str, context: str = "",
                 published: UncertainDate | None = None) -> DateSuggestion | None:
    """The best date for a selected passage: from the passage itself, else from ``context``.

    The best date is the first one that is not vague ("now", "recently"), else the
    first. In the context, the date nearest the passage wins (``context`` is the
    surrounding sentence or paragraph, usually containing the passage); such a
    suggestion has ``from_context`` set, its span in the context, and its reasoning
    says where it came from.
    """
    own = find_dates(passage, published)
    if own:
        return min(own, key=lambda s: (s.vague, s.span[0]))
    if not context:
        return None
    around = find_dates(context, published)
    if not around:
        return None
    where = context.find(passage) if passage else -1
    low, high = (where, where + len(passage)) if where >= 0 else (0, 0)

    def distance(suggestion: DateSuggestion) -> int:
        start, end = suggestion.span
        return 0 if where < 0 else max(low - end, start - high, 0)

    best = min(around, key=lambda s: (s.vague, distance(s), s.span[0]))
    durations = [d.phrase for d in find_durations(passage, published)]
    note = "from the surrounding text, not the selected passage"
    if durations:
        note += f", which only gives a duration ('{_one_line(durations[0])}')"
    start = replace(best.start, reasoning=f"{best.start.reasoning} [{note}]")
    return replace(best, start=start, from_context=True,
                   duration=best.duration or (durations[0] if durations else ""))


def read_date(text: str) -> UncertainDate | None:
    """A date typed by someone: EDTF ("2026-01-20") or written ("January 20, 2026").

    Written dates must be the whole text and absolute; ``None`` otherwise.
    """
    value = text.strip().rstrip(".")
    if value and value != OPEN and is_valid_edtf(value):
        return UncertainDate(value)
    found = find_dates(value)
    if len(found) != 1 or found[0].span != (0, len(value)) or found[0].end is not None:
        return None
    return found[0].start


@dataclass(frozen=True)
class Dateline:
    """A line near the top of a text that only states a date: the source's own date."""

    printed: str
    date: UncertainDate
    line: int  # 1-based
    span: tuple[int, int]


#: Words a dateline may hold besides its date ("Published on …, 10:30 GMT").
_DATELINE_WORDS = re.compile(
    r"(?i:published|updated|posted|first|last|date|dated|on|at|am|pm|utc|gmt|[a-z]?[sd]t|"
    r"cet|cest|msk)")


def find_dateline(text: str, max_lines: int = 8) -> Dateline | None:
    """The first of the first ``max_lines`` non-empty lines that is a full date, if any."""
    offset, seen = 0, 0
    for number, line in enumerate(text.split("\n"), start=1):
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        seen += 1
        if seen > max_lines:
            break
        found = find_dates(line) if len(line) <= 200 else []
        if len(found) != 1 or found[0].end is not None:
            continue
        rest = line[:found[0].span[0]] + " " + line[found[0].span[1]:]
        if all(_DATELINE_WORDS.fullmatch(word) for word in re.findall(r"[^\W\d_]+", rest)):
            span = (start + found[0].span[0], start + found[0].span[1])
            return Dateline(found[0].phrase, UncertainDate(found[0].start.edtf), number, span)
    return None


# --- finding -------------------------------------------------------------------------

#: A relative phrase found without a publication date: it holds its place, unresolved.
_UNRESOLVED = Resolved(OPEN)


def _cores(text: str, ref: Reference | None) -> list[Core]:
    """Core date phrases, the longest first where they overlap, in text order."""
    matches = [(match, rule) for rule in RULES for match in rule.pattern.finditer(text)
               if match.end() > match.start()]
    matches.sort(key=lambda item: (item[0].start() - item[0].end(), item[0].start()))
    taken = bytearray(len(text))
    cores: list[Core] = []
    for match, rule in matches:
        start, end = match.span()
        if any(taken[start:end]):
            continue
        value = _resolve(rule, match, ref)
        if value is None:
            continue  # not a date after all ("May" the verb, "1500 troops")
        taken[start:end] = b"\x01" * (end - start)
        cores.append(Core(start, end, value, rule.relative))
    return sorted(cores, key=lambda core: core.start)


def _resolve(rule: Rule, match: re.Match[str], ref: Reference | None) -> Resolved | None:
    if not rule.relative:
        return _build(rule, match, _ANY_DAY)
    if ref is None:
        return _UNRESOLVED
    first = _build(rule, match, ref.first)
    if first is None or ref.last == ref.first:
        return first
    last = _build(rule, match, ref.last)
    if last is None or last == first:
        return first
    # A publication known only to the month or year: join the readings of its first
    # and last possible days.
    end = hull(first.end, last.end) if first.end and last.end else None
    note = f"{first.note}; " if first.note else ""
    return Resolved(hull(first.edtf, last.edtf), end, first.vague,
                    f"{note}the publication date is only known as {ref.label}")


def _build(rule: Rule, match: re.Match[str], day: date) -> Resolved | None:
    try:
        return rule.build(match, day)
    except (OverflowError, ValueError):
        # Past what can be written: EDTF months beyond year 9999, or counting from a
        # publication in year 1 or 9999 out of datetime's calendar.
        return None


def _dated(text: str, ref: Reference | None) -> list[Dated]:
    cores = [c for c in _cores(text, ref) if c.value is not _UNRESOLVED]
    dated: list[Dated] = []
    floor = 0
    for core in merge_ranges(cores, text):
        found = with_lead_ins(core, text, floor, ref)
        dated.append(found)
        floor = found.end_offset
    return dated


# --- building suggestions ------------------------------------------------------------

def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _suggestion(text: str, dated: Dated, ref: Reference | None) -> DateSuggestion:
    phrase = text[dated.start:dated.end_offset]
    quoted = f"'{_one_line(phrase)}'"
    published = f", published {ref.label}" if dated.relative and ref else ""
    notes = f" ({'; '.join(dated.notes)})" if dated.notes else ""
    start = UncertainDate(dated.edtf, phrase, f"{quoted}{published} → {dated.summary}{notes}")
    end: UncertainDate | None = None
    if dated.end == OPEN:
        until = (f"ongoing when the source was published ({ref.label})" if ref
                 else "ongoing (the source's publication date is not known)")
        end = UncertainDate(OPEN, "", f"{quoted}: {until}")
    elif dated.end is not None:
        end = UncertainDate(dated.end, "", f"{quoted} → ends {words(dated.end)}")
    return DateSuggestion(start, end, phrase, (dated.start, dated.end_offset), dated.vague)


def _fold_durations(text: str, suggestions: list[DateSuggestion]) -> list[DateSuggestion]:
    """Name each duration in the reasoning of the first date of its sentence."""
    matches = [m for m in DURATION.finditer(text)
               if not any(s.span[0] < m.end() and m.start() < s.span[1] for s in suggestions)]
    if not matches:
        return suggestions
    spans = sentence_spans(text)
    folded = list(suggestions)
    for match in matches:
        sentence = sentence_at(spans, match.start())
        if sentence is None:
            continue
        index = next((i for i, s in enumerate(folded)
                      if sentence[0] <= s.span[0] < sentence[1] and not s.duration), None)
        if index is None:
            continue
        target = folded[index]
        phrase = _one_line(match.group(0))
        reasoning = (f"{target.start.reasoning}; '{phrase}' in the same sentence is a "
                     "duration, anchored by this date")
        folded[index] = replace(target, start=replace(target.start, reasoning=reasoning),
                                duration=match.group(0))
    return folded
