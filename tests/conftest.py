"""Test-wide set-up: Qt runs headless on the offscreen platform, whatever the machine has."""

import os

# Must happen before any QApplication exists; forced, so tests never open real windows.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest


@pytest.fixture(autouse=True, scope="session")
def _isolated_settings() -> None:
    """QSettings and other standard paths go to a throwaway test location."""
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
