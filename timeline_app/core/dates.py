"""The uncertain date value: an EDTF string, the phrase as written, and derived bounds."""

from __future__ import annotations

from dataclasses import dataclass, field

from timeline_app.core import edtf
from timeline_app.core.edtf import EdtfError, Interval, Precision, Span

#: The EDTF for an open end: an ongoing range ("since 2022").
OPEN = ".."


@dataclass(frozen=True)
class UncertainDate:
    """A date as precisely as it is known, with the words the source used for it.

    ``edtf`` is validated on construction (:class:`EdtfError` otherwise). The special
    value ``".."`` is an open end, used as the end of an ongoing range. ``reasoning``
    keeps how a relative phrase was resolved, e.g. "'late December', published
    2026-01-20 → 21–31 December 2025".
    """

    edtf: str
    as_written: str = ""
    reasoning: str = ""
    _parsed: Span | Interval | None = field(
        init=False, repr=False, compare=False, hash=False, default=None
    )

    def __post_init__(self) -> None:
        if self.edtf != OPEN:
            object.__setattr__(self, "_parsed", edtf.parse(self.edtf))

    @property
    def is_open(self) -> bool:
        """Whether this is the open end of an ongoing range."""
        return self._parsed is None

    @property
    def is_interval(self) -> bool:
        """Whether the EDTF is itself an interval such as ``2022/..``."""
        return isinstance(self._parsed, Interval)

    @property
    def start_span(self) -> Span | None:
        """The span of the date, or of an interval's start; ``None`` when open."""
        parsed = self._parsed
        return parsed.start if isinstance(parsed, Interval) else parsed

    @property
    def end_span(self) -> Span | None:
        """The span of the date, or of an interval's end; ``None`` when open."""
        parsed = self._parsed
        return parsed.end if isinstance(parsed, Interval) else parsed

    @property
    def earliest(self) -> int | None:
        """The first instant the date allows; ``None`` when unbounded."""
        span = self.start_span
        return span.earliest if span else None

    @property
    def latest(self) -> int | None:
        """The instant just after the last one the date allows; ``None`` when unbounded."""
        span = self.end_span
        return span.latest if span else None

    @property
    def precision(self) -> Precision:
        """The coarser precision of the date's parts (YEAR for an open end)."""
        spans = [s for s in (self.start_span, self.end_span) if s is not None]
        return min((s.precision for s in spans), default=Precision.YEAR)

    @property
    def uncertain(self) -> bool:
        """Whether the source is unsure of the date (EDTF ``?`` or ``%``)."""
        return any(s.uncertain for s in self._spans())

    @property
    def approximate(self) -> bool:
        """Whether the date is approximate (EDTF ``~`` or ``%``)."""
        return any(s.approximate for s in self._spans())

    @property
    def one_of(self) -> bool:
        """Whether the date is one unknown moment within a wider window."""
        return any(s.one_of for s in self._spans())

    def _spans(self) -> list[Span]:
        return [s for s in (self.start_span, self.end_span) if s is not None]

    def sort_key(self) -> tuple[float | int, float | int, str]:
        """A total order: by earliest, then latest, then the EDTF text."""
        low: float | int = self.earliest if self.earliest is not None else float("-inf")
        high: float | int = self.latest if self.latest is not None else float("inf")
        return low, high, self.edtf

    def __lt__(self, other: UncertainDate) -> bool:
        return self.sort_key() < other.sort_key()


def is_valid_edtf(text: str) -> bool:
    """Return whether ``text`` parses as EDTF."""
    try:
        edtf.parse(text)
    except EdtfError:
        return False
    return True
