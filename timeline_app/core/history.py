"""Back/forward history of views, like a browser's, for Alt+Left and Alt+Right."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")

#: Views remembered; older ones are forgotten first.
HISTORY_LIMIT = 100


class History(Generic[T]):
    """A list of visited values with a cursor; visiting after going back drops the rest."""

    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self._items: list[T] = []
        self._cursor = -1
        self._limit = limit

    def visit(self, item: T) -> None:
        """Record ``item`` as the current place (ignored if it already is)."""
        if self._cursor >= 0 and self._items[self._cursor] == item:
            return
        del self._items[self._cursor + 1:]
        self._items.append(item)
        if len(self._items) > self._limit:
            del self._items[0]
        self._cursor = len(self._items) - 1

    def can_go_back(self) -> bool:
        """Whether there is an earlier place."""
        return self._cursor > 0

    def can_go_forward(self) -> bool:
        """Whether there is a later place (after going back)."""
        return self._cursor < len(self._items) - 1

    def back(self) -> T | None:
        """Step back and return the place, or None at the start."""
        if not self.can_go_back():
            return None
        self._cursor -= 1
        return self._items[self._cursor]

    def forward(self) -> T | None:
        """Step forward and return the place, or None at the end."""
        if not self.can_go_forward():
            return None
        self._cursor += 1
        return self._items[self._cursor]

    def current(self) -> T | None:
        """The current place."""
        return self._items[self._cursor] if self._cursor >= 0 else None
