"""Problems found in a file: where (file and location) and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    """Errors stop a file from loading; warnings are reported but the file loads."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem, located by a JSON path (``$.events[3].start``), row or line."""

    location: str
    message: str
    severity: Severity = Severity.ERROR

    def describe(self, file: str = "") -> str:
        """Return a one-line description, prefixed by the file name when given."""
        where = f"{file}: {self.location}" if file else self.location
        return f"{where}: {self.severity.value}: {self.message}"


class LoadError(Exception):
    """A file that cannot be opened; carries every problem found, not only the first."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        super().__init__(self.summary())

    def summary(self, limit: int = 20) -> str:
        """Return the problems as lines, at most ``limit`` of them."""
        lines = [p.describe(self.file) for p in self.problems[:limit]]
        hidden = len(self.problems) - limit
        if hidden > 0:
            lines.append(f"... and {hidden} more problem{'s' if hidden > 1 else ''}")
        return "\n".join(lines)
