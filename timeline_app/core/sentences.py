"""Split a text into sentences at exact offsets, minding abbreviations, quotes and line breaks."""

from __future__ import annotations

import re

#: Words that end with a full stop without ending the sentence ("Mr. Smith", "Jan. 20").
ABBREVIATIONS = frozenset({
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Col", "Lt", "Sgt",
    "Capt", "Cpt", "Maj", "Adm", "Cmdr", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Amb",
    "Supt", "Insp", "Mt", "Ft", "Ave", "Blvd", "Rd", "Sq", "vs", "etc", "cf", "approx",
    "ca", "c", "al", "Fig", "Figs", "Inc", "Ltd", "Co", "Corp", "Bros", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
})
#: Abbreviations only before a number ("No. 5", "pp. 12"); elsewhere "no." ends a sentence.
NUMBER_ABBREVIATIONS = frozenset({"No", "Nos", "no", "Vol", "vol", "pp", "p", "Art", "art"})
#: Sentences that commonly follow an acronym at the end of a sentence ("…in the U.S. The…").
_STARTERS = frozenset({
    "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I",
    "In", "On", "At", "But", "And", "A", "An", "There", "Their", "His", "Her", "As", "After",
    "When", "While", "However", "Meanwhile", "Since", "According",
})

# A sentence end: terminal marks, then closing quotes or brackets, then white space.
_END = re.compile(r"(?:[.!?]+|…)[\"'”’»)\]]*(?=\s)")
_NEXT = re.compile(r"\s+(?P<next>\S+)")
_TOKEN = re.compile(r"(\S+)$")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_OPENERS = "\"'“‘«([¿¡"
_LIST_MARK = re.compile(r"\s*(?:[#>*•-]|\d+[.)])\s")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each sentence, trimmed of white space, in order.

    Each line is its own block (titles, captions, datelines) unless the text is
    hard-wrapped, in which case blank lines, short lines and list items end blocks.
    """
    spans: list[tuple[int, int]] = []
    for start, end in _blocks(text):
        spans.extend(_split_block(text, start, end))
    return spans


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The sentence containing ``offset``, if any."""
    for start, end in spans:
        if start <= offset < end:
            return start, end
    return None


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _hard_wrap_width(text: str, lines: list[tuple[int, int]]) -> int:
    """The wrapping width when most lines are wrapped at 100 characters or fewer, else 0."""
    lengths = [end - start for start, end in lines if text[start:end].strip()]
    if len(lengths) < 3 or max(lengths) > 100:
        return 0
    long_lines = sum(length >= 50 for length in lengths)
    return max(lengths) if long_lines * 2 >= len(lengths) else 0


def _blocks(text: str) -> list[tuple[int, int]]:
    lines = _lines(text)
    width = _hard_wrap_width(text, lines)
    blocks: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for start, end in lines:
        line = text[start:end]
        ends_before = not line.strip() or not width or _LIST_MARK.match(line)
        if current is not None and ends_before:
            blocks.append(current)
            current = None
        if not line.strip():
            continue
        current = (current[0], end) if current else (start, end)
        if width and len(line.rstrip()) < width * 0.6:
            blocks.append(current)  # a short line ends its paragraph
            current = None
    if current is not None:
        blocks.append(current)
    return blocks


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _END.finditer(text, start, end):
        if _ends_sentence(text, match, end):
            spans.append((begin, match.end()))
            begin = match.end()
    spans.append((begin, end))
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def _ends_sentence(text: str, match: re.Match[str], end: int) -> bool:
    following = _NEXT.match(text, match.end(), end)
    if following is None:
        return True
    next_word = following.group("next")
    first = next_word.lstrip(_OPENERS + "–—-")[:1]
    if next_word[0] not in _OPENERS and not (first.isupper() or first.isdigit()):
        return False  # "“…?” she asked", "… etc. and more"
    if match.group(0) != ".":
        return True
    token = _TOKEN.search(text, max(0, match.start() - 40), match.start())
    word = token.group(1).lstrip(_OPENERS) if token else ""
    if word in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
        return False  # "Mr. Smith", "George W. Bush"
    if word in NUMBER_ABBREVIATIONS:
        return not first.isdigit()
    if _ACRONYM.fullmatch(word):
        return next_word.strip(_OPENERS + ",;:") in _STARTERS  # "U.S. President" vs "U.S. The"
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
