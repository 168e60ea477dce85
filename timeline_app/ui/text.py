"""Showing text from files safely: as plain text, whatever markup it holds."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally.

    Qt renders a tooltip as rich text when it looks like markup, and would then load an
    ``<img src=file:///…>`` it names; escaped and wrapped, the text is only ever text.
    """
    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    return f"<qt>{escaped}</qt>"
