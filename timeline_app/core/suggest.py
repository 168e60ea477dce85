"""Propose candidate events from a source: one per sentence and distinct date it mentions."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from timeline_app.core.anchoring import citation_for_span
from timeline_app.core.ids import slugify, unique_id
from timeline_app.core.model import Event, Source
from timeline_app.core.phrases import DateSuggestion, find_dates
from timeline_app.core.sentences import sentence_at, sentence_spans

#: Titles longer than this are cut at a clause or word boundary.
TITLE_LENGTH = 90


@dataclass(frozen=True)
class Candidate:
    """A proposed event (dated, titled, citing its whole sentence) and the date it rests on."""

    event: Event
    suggestion: DateSuggestion


def suggest_events(source: Source, taken_ids: Collection[str] = (),
                   vague: bool = True) -> list[Candidate]:
    """Candidate events for every date phrase of ``source``, in text order.

    Each sentence gives one candidate per distinct date it mentions; the citation
    is the whole sentence. A sentence that is only a date (a dateline) gives none.
    ``taken_ids`` are ids the new events must not reuse; ``vague=False`` leaves out
    dates only bounded by the publication ("recently", "now").
    """
    published = source.published.date if source.published else None
    text = source.text
    spans = sentence_spans(text)
    ids = set(taken_ids)
    seen: set[tuple[tuple[int, int], str, str | None]] = set()
    candidates: list[Candidate] = []
    for suggestion in find_dates(text, published):
        if suggestion.vague and not vague:
            continue
        start, end = sentence_at(spans, suggestion.span[0]) or suggestion.span
        sentence = (start, max(end, suggestion.span[1]))  # a phrase never loses its end
        key = (sentence, suggestion.start.edtf, suggestion.end.edtf if suggestion.end else None)
        title = event_title(text, sentence, suggestion.span)
        if key in seen or not title:
            continue
        seen.add(key)
        # The first words make a readable id; slugify alone would cut mid-word.
        event_id = unique_id(slugify(" ".join(title.split()[:6]), "event"), ids)
        ids.add(event_id)
        citation = citation_for_span(source.id, text, *sentence)
        event = Event(event_id, title, suggestion.start, suggestion.end, citations=(citation,))
        candidates.append(Candidate(event, suggestion))
    return candidates


# --- titles ----------------------------------------------------------------------------

_LEAD_WORD = re.compile(r"(?i)(?:in|on|at|since|during|throughout|starting|beginning|from|by|"
                        r"before|after|until|till|between|around|about|announced|scheduled|"
                        r"planned|expected|due)\b")
_ATTRIBUTION = re.compile(r"^(?:According to|Citing|As reported by)[^,]{1,60},\s*")
_DISCOURSE = re.compile(
    r"^(?i:still|however|meanwhile|moreover|also|first|second|third|finally|then|"
    r"in addition|as a result|for example|at the same time|on the one hand|"
    r"on the other hand|but|and|yet|so),\s*")
_ASIDE = re.compile(r"\s[–—]\s(?:[^–—]{0,200}?\s)?[–—](?=\s)")


def event_title(text: str, sentence: tuple[int, int], phrase: tuple[int, int]) -> str:
    """A short title from the sentence: its clause holding the date, without the date
    phrase where that reads well, attributions and asides; "" if nothing is left."""
    start, end = _clause(text, sentence, phrase)
    before, after = text[start:phrase[0]], text[phrase[1]:end]
    removable = _removable(before, text[phrase[0]:phrase[1]], after)
    body = f"{before} {after}" if removable else text[start:end]
    body = re.sub(r"\s+", " ", body)  # also no-break spaces and line breaks
    body = _ASIDE.sub("", body)
    body = re.sub(r"\s*,\s*,", "", body)  # the commas around a removed phrase
    body = re.sub(r"\s+([,.;:!?)])", r"\1", body).strip(" ,;:–—-")
    body = _DISCOURSE.sub("", _ATTRIBUTION.sub("", body))
    body = body.rstrip(" .;:,!?–—-")
    if not re.search(r"[^\W\d_]", body):
        return ""
    return _shorten(body[0].upper() + body[1:])


def _clause(text: str, sentence: tuple[int, int], phrase: tuple[int, int]) -> tuple[int, int]:
    """The part of the sentence between semicolons or colons that holds the phrase."""
    start, end = sentence
    for match in re.finditer(r"[;:](?=\s)", text[sentence[0]:sentence[1]]):
        cut = sentence[0] + match.start()
        if cut < phrase[0]:
            start = cut + 1
        elif cut >= phrase[1]:
            end = cut
            break
    return start, end


def _removable(before: str, phrase: str, after: str) -> bool:
    """Whether the sentence reads well without the phrase: an introductory or closing
    adverbial ("In 2025, …", "… since 2022."), not a subject ("recent years have seen")."""
    opens = not before.strip() or before.rstrip().endswith((",", "–", "—"))
    closes = not after.strip() or after.lstrip()[:1] in (",", ".", ";", ":", "–", "—", ")")
    return _LEAD_WORD.match(phrase) is not None or (opens and closes)


def _shorten(title: str) -> str:
    if len(title) <= TITLE_LENGTH:
        return title
    cut = title[:TITLE_LENGTH]
    clause = max(cut.rfind(", "), cut.rfind(" – "))
    if clause >= 40:
        return cut[:clause]
    return cut[:cut.rfind(" ")].rstrip(" ,;:–—-") + "…"
