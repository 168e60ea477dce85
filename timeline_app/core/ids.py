"""Readable, stable, unique identifiers made from titles."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

MAX_SLUG_LENGTH = 48


def slugify(text: str, fallback: str = "item") -> str:
    """Return a lower-case ASCII slug: "Trump’s 25% tariff" -> "trumps-25-tariff"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:MAX_SLUG_LENGTH].rstrip("-")
    return slug or fallback


def unique_id(base: str, taken: Collection[str]) -> str:
    """Return ``base`` or ``base-2``, ``base-3``... whichever is not in ``taken``."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
