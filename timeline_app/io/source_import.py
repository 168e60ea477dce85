"""Make a :class:`Source` from a ``.txt``, ``.md`` or ``.html`` file, or from pasted text.

The text is what citations will quote, so it is kept as read (line endings made
``\\n``), except that HTML is converted to plain text by :mod:`html_text`: scripts,
styles and remote content (images, frames) are dropped and never fetched. The title
is the first Markdown heading, the HTML ``<title>`` (else its first heading), or the
first non-empty line. The SHA-256 is computed by the model.

The publication date is the caller's to give (the UI asks for it). An HTML page's
``<meta>`` date (``article:published_time``, ``date``, ``DC.date``, ``datePublished``...)
is offered as :attr:`ImportedSource.offered_published`, as printed with its day as
EDTF, and used as the source's date when the caller gives none. Author, site name
and canonical URL are taken from the usual ``<meta>`` tags when present.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from dataclasses import dataclass

from timeline_app.core.ids import slugify, unique_id
from timeline_app.core.model import PublicationDate, Source
from timeline_app.core.problems import LoadError, Problem
from timeline_app.io.html_text import HtmlDocument, parse_html, safe_url
from timeline_app.io.loose_dates import LooseDateError, parse_loose_date
from timeline_app.io.reading import decode, read_bytes

SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml")
#: Longest title taken from a first line; longer ones are cut at a word.
TITLE_LIMIT = 120
_DATE_META = ("article:published_time", "datepublished", "date", "dc.date.issued", "dc.date",
              "dcterms.issued", "dcterms.date", "citation_publication_date",
              "publication_date", "pubdate", "og:published_time")
_ISO_DAY_RE = re.compile(r"^\s*([+-]?\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class ImportedSource:
    """A source read from a file, and the publication date the file itself states."""

    source: Source
    offered_published: PublicationDate | None = None


def source_from_text(text: str, title: str = "", *, taken: Collection[str] = (),
                     url: str = "", author: str = "", publisher: str = "",
                     published: PublicationDate | None = None) -> Source:
    """Make a source of pasted (or read) text; the id is a slug of the title, unique in taken.

    Without a title, the first non-empty line is used.
    """
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    name = " ".join(title.split()) or first_line(body) or "Untitled source"
    return Source(id=unique_id(slugify(name, "source"), taken), title=name, text=body,
                  publisher=publisher, author=author, url=url, published=published)


def read_source(path: str | os.PathLike[str], *, taken: Collection[str] = (),
                published: PublicationDate | None = None) -> ImportedSource:
    """Read a text, Markdown or HTML file into a source; raise :class:`LoadError`."""
    file = os.fspath(path)
    suffix = os.path.splitext(file)[1].lower()
    if suffix not in SUFFIXES:
        raise LoadError(file, [Problem("file", f"cannot import '{suffix or 'no suffix'}' as a "
                                       "source; expected .txt, .md or .html")])
    text = decode(read_bytes(file), file, fallback="cp1252")
    if suffix in (".html", ".htm", ".xhtml"):
        return _from_html(text, file, taken, published)
    title = markdown_title(text) if suffix in (".md", ".markdown") else ""
    if not text.strip():
        raise LoadError(file, [Problem("file", "the file has no text to cite")])
    return ImportedSource(source_from_text(text, title, taken=taken, published=published))


def _from_html(html: str, file: str, taken: Collection[str],
               published: PublicationDate | None) -> ImportedSource:
    document = parse_html(html)
    if not document.text:
        raise LoadError(file, [Problem("file", "the page has no text to cite (scripts, "
                                       "styles and images are not imported)")])
    meta = document.meta
    offered = published_in(document)
    source = source_from_text(
        document.text, document.title or document.heading, taken=taken,
        url=safe_url(meta.get("og:url", "")) or "",
        author=meta.get("author", "") or meta.get("article:author", ""),
        publisher=meta.get("og:site_name", ""),
        published=published or offered)
    return ImportedSource(source, offered)


def published_in(document: HtmlDocument) -> PublicationDate | None:
    """The publication date a page's ``<meta>`` states: as printed, and its day as EDTF."""
    for key in _DATE_META:
        printed = document.meta.get(key, "").strip()
        if not printed:
            continue
        day = _ISO_DAY_RE.match(printed)
        if day:
            return PublicationDate(printed, "-".join(day.groups()))
        try:
            return PublicationDate(printed, parse_loose_date(printed).edtf)
        except LooseDateError:
            continue
    return None


def markdown_title(text: str) -> str:
    """The first ATX (``# Title``) or setext (``Title`` over ``===``) heading, if any."""
    lines = text.replace("\r\n", "\n").split("\n")
    for index, line in enumerate(lines):
        heading = re.match(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading and heading.group(1):
            return heading.group(1)
        below = lines[index + 1] if index + 1 < len(lines) else ""
        if line.strip() and re.match(r"^ {0,3}(=+|-+)\s*$", below):
            return line.strip()
    return ""


def first_line(text: str) -> str:
    """The first non-empty line, cut at a word near :data:`TITLE_LIMIT` characters."""
    line = next((line.strip() for line in text.split("\n") if line.strip()), "")
    line = " ".join(line.split())
    if len(line) <= TITLE_LIMIT:
        return line
    cut = line[:TITLE_LIMIT].rsplit(" ", 1)[0]
    return cut + "…"
