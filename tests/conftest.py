"""Test-wide set-up: Qt runs headless on the offscreen platform, whatever the machine has."""

import os

# Must happen before any QApplication exists; forced, so tests never open real windows.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from timeline_app.io.opening import Opened


@pytest.fixture(autouse=True, scope="session")
def _isolated_settings() -> None:
    """QSettings and other standard paths go to a throwaway test location."""
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(scope="session")
def opened() -> "Opened":
    """The default chronology, opened and anchored once per test session."""
    from timeline_app.io.opening import open_timeline
    from timeline_app.paths import DEFAULT_CHRONOLOGY

    return open_timeline(DEFAULT_CHRONOLOGY)
