"""Tours without Qt: the default tour, step filters, the camera window of a step, and the runner."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from timeline_app.core import calendar as cal
from timeline_app.core.columns import build_columns
from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import EdtfError
from timeline_app.core.filters import Certainty, FilterState, passes
from timeline_app.core.model import Event, Timeline, Tour, TourStep

#: The name that always means "every shown event in time order" (``--tour default``).
DEFAULT_TOUR = "default"

Window = tuple[int, int]

# -- tours ------------------------------------------------------------------------------


def default_tour(timeline: Timeline, events: Sequence[Event] | None = None) -> Tour:
    """Every event of ``events`` (default: all) in the order the canvas draws them."""
    chosen = list(timeline.events if events is None else events)
    # The drawn order (earliest, then latest) puts an open start where it is drawn, at
    # the chronology's beginning, rather than before everything as -infinity would.
    ids = build_columns(timeline, chosen).ids
    return Tour(DEFAULT_TOUR, tuple(TourStep(event_id) for event_id in ids),
                "Every event shown, in time order.")


def find_tour(timeline: Timeline, name: str, events: Sequence[Event] | None = None) -> Tour | None:
    """The saved tour called ``name`` (case-insensitive), or the default tour for "default"."""
    wanted = name.strip().casefold()
    for tour in timeline.tours:
        if tour.name.casefold() == wanted:
            return tour
    return default_tour(timeline, events) if wanted == DEFAULT_TOUR else None


def playable_steps(timeline: Timeline, tour: Tour) -> tuple[TourStep, ...]:
    """The steps whose event exists (a deleted event's step is skipped, not fatal)."""
    return tuple(step for step in tour.steps if timeline.event(step.event_id) is not None)


# -- step filters -----------------------------------------------------------------------

#: ``key:value`` terms; repeating a key means any of its values, different keys all must hold.
FILTER_KEYS = ("category", "tag", "actor", "from", "to", "certainty")
FILTER_HELP = ('Terms such as category:protests tag:rial actor:Putin from:2025-12 to:2026-01 '
               'certainty:exact|uncertain; quote values with spaces: tag:"state media".')


class FilterSyntaxError(ValueError):
    """A step filter that cannot be read; the message says which term and why."""


def parse_step_filter(text: str) -> FilterState:
    """Read a step's filter expression into the same :class:`FilterState` the filter panel makes."""
    try:
        terms = shlex.split(text)
    except ValueError as error:
        raise FilterSyntaxError(f"{error} in '{text}'") from None
    sets: dict[str, set[str]] = {"category": set(), "tag": set(), "actor": set()}
    state = FilterState()
    for term in terms:
        key, colon, value = term.partition(":")
        key = key.strip().lower()
        if not colon or not value or key not in FILTER_KEYS:
            raise FilterSyntaxError(f"'{term}' is not one of {', '.join(FILTER_KEYS)} "
                                    "followed by ':' and a value")
        if key in sets:
            sets[key].add(value)
        elif key == "certainty":
            state = replace(state, certainty=_certainty(value))
        elif key == "from":
            state = replace(state, date_from=_date(value, term), from_text=value)
        else:
            state = replace(state, date_to=_date(value, term), to_text=value)
    return replace(state, categories=frozenset(sets["category"]), tags=frozenset(sets["tag"]),
                   actors=frozenset(sets["actor"]))


def format_step_filter(state: FilterState) -> str:
    """The expression that :func:`parse_step_filter` reads back as ``state``."""
    terms = [_term("category", v) for v in sorted(state.categories)]
    terms += [_term("tag", v) for v in sorted(state.tags)]
    terms += [_term("actor", v) for v in sorted(state.actors)]
    if state.date_from is not None:
        terms.append(_term("from", state.date_from.edtf))
    if state.date_to is not None:
        terms.append(_term("to", state.date_to.edtf))
    if state.certainty is not Certainty.ALL:
        terms.append(f"certainty:{state.certainty.name.lower()}")
    return " ".join(terms)


def _term(key: str, value: str) -> str:
    """``key:value``, the value in double quotes when it holds spaces or quote marks."""
    if value and not any(c.isspace() or c in "\"'\\" for c in value):
        return f"{key}:{value}"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{key}:"{escaped}"'


def _certainty(value: str) -> Certainty:
    for certainty in (Certainty.EXACT, Certainty.UNCERTAIN):
        if value.lower() == certainty.name.lower():
            return certainty
    raise FilterSyntaxError(f"certainty:{value}: expected certainty:exact or certainty:uncertain")


def _date(value: str, term: str) -> UncertainDate:
    try:
        date = UncertainDate(value)
    except EdtfError:
        date = None
    if date is None or date.earliest is None or date.latest is None:
        raise FilterSyntaxError(f"'{term}': expected a date such as 2025-12 or 2025-12-21")
    return date


# -- the camera window of a step --------------------------------------------------------

#: Shorter events are framed as if they lasted a week: a day's marker with a fortnight
#: around it reads as a date, where a view of hours would not.
MIN_SPAN = 7 * cal.SECONDS_PER_DAY
#: Neighbours are brought in only while the view spans at most this many times the event:
#: beyond that the focused event would shrink to a sliver.
CONTEXT_RATIO = 5.0
#: Time shown on each side of the event even without neighbours, as a share of its span,
#: so the focus never touches an edge and always has some calendar around it.
SIDE_CONTEXT = 0.6
#: Free space at each edge of the final window, so nothing is drawn against the border.
EDGE_MARGIN = 0.06


def drawn_windows(timeline: Timeline, events: Sequence[Event]) -> dict[str, Window]:
    """Each event's window exactly as the canvas draws it (open starts resolved the same way)."""
    columns = build_columns(timeline, list(events))
    return {event_id: (int(low), int(high)) for event_id, low, high in
            zip(columns.ids, columns.earliest.tolist(), columns.latest.tolist())}


def frame_step(focus: Window, others: Sequence[Window]) -> Window:
    """The window that frames ``focus`` with its nearest neighbours in time as context.

    The neighbour before is the event starting last before the focus starts; the one
    after, the event starting first after it. Each is brought in whole when the view
    then spans at most :data:`CONTEXT_RATIO` times the focus, else left out (so the
    focus never shrinks to a sliver); events starting with the focus are beside it anyway.
    """
    start, end = focus
    if end - start < MIN_SPAN:
        middle = (start + end) // 2
        start, end = middle - MIN_SPAN // 2, middle + MIN_SPAN - MIN_SPAN // 2
    limit = (end - start) * CONTEXT_RATIO
    side = round((end - start) * SIDE_CONTEXT)
    low, high = start - side, end + side
    before = [w for w in others if w[0] < focus[0]]
    after = [w for w in others if w[0] > focus[0]]
    if before:
        previous = max(before)  # the latest start, and of those the latest end
        if high - previous[0] <= limit:
            low = min(low, previous[0])
    if after:
        following = min(after, key=lambda w: (w[0], -w[1]))  # the earliest start, longest
        if following[1] - low <= limit:
            high = max(high, following[1])
    pad = round((high - low) * EDGE_MARGIN / (1 - 2 * EDGE_MARGIN))
    return low - pad, high + pad


@dataclass(frozen=True)
class StepView:
    """What the screen shows at one step: the events drawn, the one in focus, the window."""

    event_id: str
    event_ids: tuple[str, ...]
    window: Window


def step_view(timeline: Timeline, step: TourStep, shown: Sequence[Event]) -> StepView:
    """The events drawn at ``step`` (``shown`` narrowed by its filter) and its camera window."""
    return step_views(timeline, [step], shown)[0]


def step_views(timeline: Timeline, steps: Sequence[TourStep],
               shown: Sequence[Event]) -> list[StepView]:
    """What each step shows: ``shown`` narrowed by the step's filter, framed on its event.

    The focused event is always drawn, even where a filter would hide it, so a step can
    never show an empty screen; a step's saved window wins over the automatic framing.
    Steps with the same filter share one computation.
    """
    cache: dict[str, tuple[list[Event], dict[str, Window]]] = {}
    views = []
    for step in steps:
        key = step.filter.strip()
        if key not in cache:
            state = parse_step_filter(key)
            events = [e for e in shown if passes(e, state, timeline.event_window(e))]
            cache[key] = (events, drawn_windows(timeline, events))
        events, windows = cache[key]
        focus = timeline.event(step.event_id)
        if focus is not None and step.event_id not in windows:
            windows = drawn_windows(timeline, [*events, focus])
        own = windows.get(step.event_id, (0, MIN_SPAN))
        window = step.window or frame_step(
            own, [w for event_id, w in windows.items() if event_id != step.event_id])
        views.append(StepView(step.event_id, tuple(windows), window))
    return views


# -- the runner -------------------------------------------------------------------------


class Blank(Enum):
    """What covers the screen: nothing, black, or white."""

    NONE = "none"
    BLACK = "black"
    WHITE = "white"


@dataclass
class TourRunner:
    """Where a presentation is: the step, digits typed towards a jump, what is on screen.

    Every command is a method; a key press maps to one. Moving while the screen is blank
    only uncovers it, so a presenter who blanked the room never skips a step unseen.
    """

    count: int
    index: int = 0
    typed: str = ""
    blank: Blank = Blank.NONE
    caption: bool = True
    notes: bool = False

    def go(self, index: int) -> None:
        """Go to step ``index`` (0-based, clamped), uncovering the screen."""
        self.typed = ""
        self.blank = Blank.NONE
        self.index = min(max(index, 0), max(self.count - 1, 0))

    def next(self) -> None:
        """The next step (Right, Space, PageDown, Enter)."""
        if not self._uncovered():
            self.go(self.index + 1)

    def previous(self) -> None:
        """The previous step (Left, Backspace, PageUp)."""
        if not self._uncovered():
            self.go(self.index - 1)

    def first(self) -> None:
        """The first step (Home)."""
        self.go(0)

    def last(self) -> None:
        """The last step (End)."""
        self.go(self.count - 1)

    def type_digit(self, digit: int) -> None:
        """Add a digit to the step number being typed (at most as many digits as the count)."""
        if len(self.typed) < len(str(max(self.count, 1))):
            self.typed += str(digit)

    def enter(self) -> None:
        """Jump to the typed step number (1-based), or go on when nothing was typed."""
        if self.typed:
            self.go(int(self.typed) - 1)
        else:
            self.next()

    def back_key(self) -> None:
        """Backspace: erase a typed digit, else the previous step."""
        if self.typed:
            self.typed = self.typed[:-1]
        else:
            self.previous()

    def toggle_blank(self, blank: Blank) -> None:
        """Cover the screen (B or . for black, W for white), or uncover it."""
        self.blank = Blank.NONE if self.blank is blank else blank

    def toggle_caption(self) -> None:
        """Show or hide the caption card (S)."""
        self.caption = not self.caption

    def toggle_notes(self) -> None:
        """Show or hide the speaker notes overlay (P, one screen only)."""
        self.notes = not self.notes

    @property
    def counter(self) -> str:
        """"4 / 12"."""
        return f"{self.index + 1} / {self.count}" if self.count else "0 / 0"

    @property
    def progress(self) -> float:
        """How far through the tour, 0 < progress <= 1."""
        return (self.index + 1) / self.count if self.count else 0.0

    def _uncovered(self) -> bool:
        self.typed = ""
        if self.blank is Blank.NONE:
            return False
        self.blank = Blank.NONE
        return True
