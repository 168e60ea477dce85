"""The single selection shared by the canvas, the table, the source viewer and the inspector."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    """Which events are selected, and which one is current (the inspector's subject).

    Views set it and observe :attr:`changed`; setting the same selection again emits
    nothing, so views that echo a change back do not loop.
    """

    #: Emitted with (selected ids as a frozenset, current id or "").
    changed = Signal(frozenset, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: frozenset[str] = frozenset()
        self._current = ""

    @property
    def ids(self) -> frozenset[str]:
        """The selected event ids."""
        return self._ids

    @property
    def current(self) -> str:
        """The current event id, or "" when nothing is selected."""
        return self._current

    def select(self, event_id: str) -> None:
        """Select exactly one event (or nothing, for "")."""
        self.set(frozenset({event_id}) if event_id else frozenset(), event_id)

    def toggle(self, event_id: str) -> None:
        """Add or remove one event, as Ctrl+click does."""
        ids = set(self._ids)
        if event_id in ids:
            ids.remove(event_id)
            current = self._current if self._current != event_id else next(iter(ids), "")
        else:
            ids.add(event_id)
            current = event_id
        self.set(frozenset(ids), current)

    def set(self, ids: Iterable[str], current: str) -> None:
        """Replace the selection; ``current`` must be one of ``ids`` or ""."""
        frozen = frozenset(ids)
        if current and current not in frozen:
            frozen = frozen | {current}
        if frozen == self._ids and current == self._current:
            return
        self._ids, self._current = frozen, current
        self.changed.emit(self._ids, self._current)

    def clear(self) -> None:
        """Select nothing."""
        self.set(frozenset(), "")

    def retain(self, existing: Iterable[str]) -> None:
        """Drop ids of events that no longer exist (after deletes or undo)."""
        alive = frozenset(existing)
        kept = self._ids & alive
        self.set(kept, self._current if self._current in alive else next(iter(kept), ""))
