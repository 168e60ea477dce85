"""Test-wide set-up: Qt runs headless on the offscreen platform, whatever the machine has."""

import os

# Must happen before any QApplication exists; forced, so tests never open real windows.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from timeline_app.io.opening import Opened


@pytest.fixture(autouse=True, scope="session")
def _isolated_settings() -> None:
    """QSettings and other standard paths go to a throwaway test location."""
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True)
def _empty_clipboard() -> Iterator[None]:
    """Leave the clipboard empty: PySide6 6.11 on the offscreen platform crashes at exit
    (after every test passed) when the clipboard still holds data."""
    yield
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        from timeline_app.ui.app import clear_clipboard

        clear_clipboard()


@pytest.fixture(scope="session")
def opened() -> "Opened":
    """The default chronology, opened and anchored once per test session."""
    from timeline_app.io.opening import open_timeline
    from timeline_app.paths import DEFAULT_CHRONOLOGY

    return open_timeline(DEFAULT_CHRONOLOGY)


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Modal dialogs never block a test run: they answer the harmless choice at once.

    A question is answered Discard, No or Cancel (never Save: a test must not write
    over the shipped files); file dialogs are cancelled; exec() of any dialog is
    rejected. Tests that need another answer patch these themselves. The titles of
    the dialogs that would have been shown are returned.
    """
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    asked: list[str] = []
    button = QMessageBox.StandardButton

    def question(parent: object, title: str, text: str, buttons: object = None,
                 default: object = None) -> object:
        asked.append(title)
        for choice in (button.Discard, button.No, button.Cancel):
            if buttons is not None and buttons & choice:  # type: ignore[operator]
                return choice
        return button.No

    def notice(parent: object, title: str, text: str, *args: object) -> object:
        asked.append(title)
        return button.Ok

    def rejected(self: QDialog) -> int:
        asked.append(self.windowTitle())
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(notice))
    monkeypatch.setattr(QDialog, "exec", rejected)
    monkeypatch.setattr(QMessageBox, "exec", rejected)
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: ("", "")))
    return asked
