"""EDTF read from a file, refused before parsing when its numbers are absurdly long.

The EDTF parser (:mod:`timeline_app.core.edtf`) turns a year such as ``Y17E7`` into
``17 * 10 ** 7`` and digit runs into ``int`` before it checks the supported range of
±100 billion years. So a file whose date reads ``Y1E99999999`` kept the app busy for
minutes, and a year of 5,000 digits raised a ValueError (CPython's limit on
converting long digit strings). No supported date needs a number longer than 12
digits or an exponent above 11, so :func:`file_date` refuses longer ones first, with
the parser's own wording; everything else is the parser's to judge.
"""

from __future__ import annotations

import re

from timeline_app.core import calendar as cal
from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import EdtfError

#: Digits allowed in one number: 12 for ±100 billion years, and room for leading zeros.
MAX_DIGITS = 18
# \d, not [0-9]: int() also reads other scripts' digits, and so does the parser.
_NUMBER_RE = re.compile(r"\d+")
# Exponents only follow a 'Y' year (Y17E7); elsewhere an E before digits is just a letter.
_EXPONENT_RE = re.compile(r"Y-?\d*E(\d+)")


def number_problem(text: str) -> str | None:
    """Why ``text`` cannot be a supported date because of its numbers alone, or None."""
    for match in _NUMBER_RE.finditer(text):
        if len(match.group()) > MAX_DIGITS:
            return (f"a number of {len(match.group()):,} digits; years beyond "
                    f"±{cal.MAX_ABS_YEAR:,} are not supported")
    for match in _EXPONENT_RE.finditer(text):
        if len(match.group(1)) > 2 or int(match.group(1)) > MAX_DIGITS:
            return (f"the exponent E{match.group(1)[:10]} is far too large; years beyond "
                    f"±{cal.MAX_ABS_YEAR:,} are not supported")
    return None


def file_date(text: str, as_written: str = "", reasoning: str = "") -> UncertainDate:
    """An :class:`UncertainDate` of EDTF text from a file; :class:`EdtfError` if invalid."""
    problem = number_problem(text)
    if problem is not None:
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise EdtfError(f"'{shown}' is not a valid EDTF date: {problem}")
    return UncertainDate(text, as_written, reasoning)
