"""Colour-blind-safe category colours (Okabe–Ito, then Paul Tol's muted scheme)."""

from __future__ import annotations

from collections.abc import Iterable

#: Distinguishable under the common colour-vision deficiencies, in order of use.
CATEGORY_COLORS = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#8C8C8C",  # grey
    "#332288",  # indigo
    "#117733",  # green
    "#882255",  # wine
    "#999933",  # olive
    "#AA4499",  # purple
)


def next_color(used: Iterable[str]) -> str:
    """Return the first palette colour not yet used (cycling once all are)."""
    taken = [c.upper() for c in used]
    for color in CATEGORY_COLORS:
        if color.upper() not in taken:
            return color
    return CATEGORY_COLORS[len(taken) % len(CATEGORY_COLORS)]
