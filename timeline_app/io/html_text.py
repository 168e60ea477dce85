"""HTML to safe plain text: tags stripped, entities decoded, scripts dropped, web links kept.

Nothing is ever fetched: images, frames, stylesheets and scripts are dropped with
their content, and only ``<a href>`` links whose scheme is http, https or mailto
survive, as :class:`~timeline_app.core.model.Link` values (``javascript:``,
``data:``, ``file:`` and relative links are dropped; their text stays).

Use :func:`html_to_text` for a fragment (a TimelineJS slide's text) and
:func:`parse_html` for a whole page, which also gives its ``<title>``, first
heading and ``<meta>`` values (for source import)::

    text, links = html_to_text('<p>Read <a href="https://x.org">this</a>.</p>')
    # text == "Read this.", links == (Link("https://x.org", "this"),)

Block elements (``p``, ``div``, headings, list items, table rows...) and ``<br>``
become line breaks, paragraphs are separated by a blank line, list items start with
"• ", and runs of white space collapse to one space except inside ``<pre>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from timeline_app.core.model import Link

#: Link schemes that are kept; everything else could run code or read local files.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# Elements dropped with everything inside them: code, styling, embedded or remote content.
_DROPPED = frozenset({
    "script", "style", "head", "noscript", "template", "iframe", "object", "embed",
    "svg", "math", "canvas", "audio", "video", "picture", "select", "button",
})
# Blocks separated from their neighbours by a blank line.
_PARAGRAPHS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl",
    "table", "figure", "section", "article", "header", "footer", "main", "aside", "nav",
    "address", "hr", "form", "fieldset", "details",
})
# Blocks that only start a new line.
_LINES = frozenset({
    "div", "li", "tr", "dt", "dd", "figcaption", "summary", "caption", "legend", "body",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")
# Browsers ignore these inside a URL's scheme ("java\tscript:"), so the check must too.
_URL_NOISE_RE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class HtmlDocument:
    """What a page says: its text, safe links, title, first heading and meta values.

    ``meta`` maps each ``<meta name|property|itemprop>`` (lower-cased) to its
    ``content``, the first occurrence winning.
    """

    text: str
    links: tuple[Link, ...] = ()
    title: str = ""
    heading: str = ""
    meta: dict[str, str] = field(default_factory=dict)


def html_to_text(html: str) -> tuple[str, tuple[Link, ...]]:
    """Return the plain text of an HTML fragment and its safe links."""
    document = parse_html(html)
    return document.text, document.links


def parse_html(html: str) -> HtmlDocument:
    """Convert a whole HTML page (or a fragment) into an :class:`HtmlDocument`."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    return converter.document()


def safe_url(href: str) -> str | None:
    """Return ``href`` cleaned if it is an absolute http, https or mailto URL, else None."""
    url = _URL_NOISE_RE.sub("", href)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES:
        return None
    if scheme != "mailto" and not parts.netloc:
        return None
    if scheme == "mailto" and not parts.path:
        return None
    return url


def looks_like_html(text: str) -> bool:
    """Whether ``text`` contains a tag or an entity, so it needs :func:`html_to_text`."""
    return bool(re.search(r"<[A-Za-z!/][^>]*>|&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);", text))


class _Converter(HTMLParser):
    """Collects text with pending breaks, so breaks never pile up or start the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._out: list[str] = []
        self._pending_break = 0  # 0 none, 1 new line, 2 blank line
        self._need_space = False
        self._dropped: dict[str, int] = {}
        self._pre = 0
        self._links: list[Link] = []
        self._anchor: tuple[str, list[str]] | None = None  # (url, text so far)
        self._title: list[str] | None = None
        self._title_text = ""
        self._heading: list[str] | None = None
        self._heading_text = ""
        self._meta: dict[str, str] = {}

    # -- structure ----------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._dropped.pop("head", None)  # a <head> left open ends where the body starts
        if tag == "meta":
            self._record_meta(dict(attrs))
        if tag == "title" and not self._title_text and set(self._dropped) <= {"head"}:
            self._title = []  # the page's title, not an <svg>'s
        if self._is_dropping() or tag in _DROPPED:
            if tag in _DROPPED:
                self._dropped[tag] = self._dropped.get(tag, 0) + 1
            return
        if tag == "br":
            self._break(1)
        elif tag in _PARAGRAPHS:
            self._break(2)
        elif tag in _LINES:
            self._break(1)
        elif tag in ("td", "th"):
            self._need_space = True
        if tag == "li":
            self._text("• ")
        if tag == "pre":
            self._pre += 1
        if tag in _HEADINGS and not self._heading_text:
            self._heading = []
        if tag == "a":
            self._start_anchor(dict(attrs).get("href"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <hr/>, <meta/>: a start with no content; never opens a dropped region.
        if tag in _DROPPED:
            return
        self.handle_starttag(tag, attrs)
        if tag == "a":
            self._end_anchor()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self._title_text = _collapse(" ".join(self._title))
            self._title = None
        if tag in _DROPPED:
            if self._dropped.get(tag):
                self._dropped[tag] -= 1
                if not self._dropped[tag]:
                    del self._dropped[tag]
            return
        if self._is_dropping():
            return
        if tag == "a":
            self._end_anchor()
        if tag in _HEADINGS and self._heading is not None:
            self._heading_text = _collapse(" ".join(self._heading))
            self._heading = None
        if tag == "pre" and self._pre:
            self._pre -= 1
        if tag in _PARAGRAPHS:
            self._break(2)
        elif tag in _LINES:
            self._break(1)

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        if self._is_dropping():
            return
        if self._heading is not None:
            self._heading.append(data)
        if self._anchor is not None:
            self._anchor[1].append(data)
        if self._pre:
            self._verbatim(data)
        else:
            self._text(data)

    # -- output -------------------------------------------------------------------------

    def _is_dropping(self) -> bool:
        return bool(self._dropped)

    def _break(self, level: int) -> None:
        self._pending_break = max(self._pending_break, level)

    def _flush_break(self) -> None:
        if self._pending_break and self._out:
            self._out.append("\n" * self._pending_break)
        self._pending_break = 0
        self._need_space = False

    def _text(self, data: str) -> None:
        collapsed = _SPACE_RE.sub(" ", data)
        if not collapsed.strip():
            if collapsed and self._out:
                self._need_space = True
            return
        if self._pending_break:
            self._flush_break()
        elif (self._need_space or collapsed.startswith(" ")) and self._out:
            self._out.append(" ")
        self._out.append(collapsed.strip())
        self._need_space = collapsed.endswith(" ")

    def _verbatim(self, data: str) -> None:
        if self._pending_break:
            self._flush_break()
        self._out.append(data)

    def _start_anchor(self, href: str | None) -> None:
        url = safe_url(href) if href else None
        self._anchor = (url, []) if url else None

    def _end_anchor(self) -> None:
        if self._anchor is None:
            return
        url, words = self._anchor
        self._anchor = None
        if all(link.url != url for link in self._links):
            self._links.append(Link(url, _collapse(" ".join(words))))

    def _record_meta(self, attrs: dict[str, str | None]) -> None:
        key = attrs.get("name") or attrs.get("property") or attrs.get("itemprop")
        content = attrs.get("content")
        if key and content is not None:
            self._meta.setdefault(key.strip().lower(), content.strip())

    def document(self) -> HtmlDocument:
        self._end_anchor()
        text = "".join(self._out)
        lines = [line.rstrip() for line in text.split("\n")]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
        return HtmlDocument(text, tuple(self._links), self._title_text, self._heading_text,
                            dict(self._meta))


def _collapse(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()
