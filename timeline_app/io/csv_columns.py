"""What a spreadsheet's columns mean, from their header names, and which delimiter it uses.

Header names are compared case- and punctuation-insensitively, with accents and
anything in parentheses ignored: "Start Date", "start_date" and "START-DATE (EDTF)"
are all ``startdate``. Each role has synonyms in order of preference; when several
columns claim a role, the most preferred name wins (then the left-most), so in
TimelineJS's spreadsheet template "Group", not "Type", gives the category.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field

#: Role -> header names (normalised) in order of preference.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "start": ("date", "startdate", "start", "begin", "begins", "beginning", "from", "when",
              "datefrom", "datetime", "startdatetime", "eventdate", "dated"),
    "end": ("enddate", "end", "until", "to", "finish", "dateto", "ends", "stop", "enddatetime"),
    "year": ("year", "startyear", "yearstart"),
    "month": ("month", "startmonth"),
    "day": ("day", "startday"),
    "time": ("time", "starttime"),
    "end_year": ("endyear",),
    "end_month": ("endmonth",),
    "end_day": ("endday",),
    "end_time": ("endtime",),
    "title": ("title", "headline", "event", "name", "eventname", "eventtitle", "label", "what",
              "subject"),
    "notes": ("description", "notes", "note", "text", "summary", "details", "body", "comments",
              "comment"),
    "category": ("category", "group", "lane", "type", "kind", "theme", "class"),
    "tags": ("tags", "tag", "keywords", "labels"),
    "actors": ("actors", "actor", "people", "who", "participants", "persons"),
    "source": ("source", "sourcetitle", "sourcename", "reference", "publication", "document"),
    "quote": ("passage", "quote", "quotation", "excerpt", "evidence", "citation"),
    "url": ("url", "link", "href", "website", "web", "media", "mediaurl"),
    "link_title": ("mediacredit", "linktitle", "credit", "urltitle"),
    "link_caption": ("mediacaption", "caption"),
    "id": ("id", "identifier", "uniqueid", "eventid", "key", "slug"),
    "as_written": ("aswritten", "displaydate", "datetext", "datewritten", "datedisplay"),
    "latest": ("latest",),
}
#: Columns known to carry nothing to import (presentation, or derived in our own export).
IGNORED = frozenset({"mediathumbnail", "thumbnail", "background", "earliest", "precision",
                     "passagestart", "passageend"})
_ROLE_OF = {name: (role, rank) for role, names in SYNONYMS.items()
            for rank, name in enumerate(names)}
DELIMITERS = (",", ";", "\t")


@dataclass
class Columns:
    """Which column index plays which role, and what the header had besides."""

    roles: dict[str, int] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)

    def has(self, role: str) -> bool:
        return role in self.roles

    def name(self, role: str) -> str:
        return self.names[self.roles[role]]

    def cell(self, row: list[str], role: str) -> str:
        index = self.roles.get(role)
        if index is None or index >= len(row):
            return ""
        return row[index].strip()

    def index_named(self, normalised: str) -> int | None:
        """The index of an unused column with this normalised name (e.g. ``type``)."""
        return next((i for i, n in enumerate(self.names)
                     if normalise(n) == normalised and i not in self.roles.values()), None)


def normalise(header: str) -> str:
    """``"Start Date (EDTF)"`` -> ``"startdate"``."""
    text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    text = re.sub(r"\(.*?\)|\[.*?\]", "", text)
    return re.sub(r"[^a-z0-9]", "", text.lower())


def role_of(header: str) -> str | None:
    """The role a header name plays, if any."""
    found = _ROLE_OF.get(normalise(header))
    return found[0] if found else None


def map_columns(header: list[str]) -> Columns:
    """Assign each role the best column of the header."""
    best: dict[str, tuple[int, int]] = {}  # role -> (rank, index)
    for index, name in enumerate(header):
        found = _ROLE_OF.get(normalise(name))
        if found is None:
            continue
        role, rank = found
        if role not in best or rank < best[role][0]:
            best[role] = (rank, index)
    roles = {role: index for role, (_, index) in best.items()}
    used = set(roles.values())
    unused = [name for index, name in enumerate(header)
              if index not in used and name.strip() and normalise(name) not in IGNORED]
    return Columns(roles, list(header), unused)


def sniff_delimiter(line: str) -> str:
    """The delimiter used most often outside quotes in a line; comma on a tie or none."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    return best if counts[best] else ","


def header_cells(line: str) -> list[str]:
    """Split a header line with its sniffed delimiter."""
    return next(csv.reader([line], delimiter=sniff_delimiter(line)), [])
