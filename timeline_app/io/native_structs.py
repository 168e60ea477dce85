"""The native format's events as msgspec structs, for decoding large files fast.

Kept in a module of its own, without postponed annotations, because msgspec reads
the field types when the decoder is made. A file that does not fit these types is
read by the ordinary reader, which says exactly what is wrong.
"""

from typing import Any

import msgspec


class Date(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """A date object: EDTF, as written, reasoning."""

    edtf: str
    as_written: str = ""
    reasoning: str = ""


class Item(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """An event object; citations and links stay plain JSON (they go the ordinary way)."""

    id: str
    title: str
    start: Date
    end: Date | None = None
    category: str = ""
    tags: list[str] = []
    actors: list[str] = []
    importance: int = 3
    notes: str = ""
    citations: list[Any] = []
    links: list[Any] = []


class Document(msgspec.Struct, forbid_unknown_fields=True):
    """A whole native file, its events typed and the rest as plain JSON values."""

    format: str
    title: str
    version: int = 1
    description: str = ""
    categories: list[Any] = []
    sources: list[Any] = []
    events: list[Item] = []
    eras: list[Any] = []
    tours: list[Any] = []


DECODER = msgspec.json.Decoder(Document)
