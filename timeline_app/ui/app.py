"""The application object: names for settings, the first window, the event loop."""

from __future__ import annotations

import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from timeline_app.core.problems import LoadError
from timeline_app.io.opening import open_timeline
from timeline_app.paths import DEFAULT_CHRONOLOGY
from timeline_app.ui.document import Document
from timeline_app.ui.loading import loads_in_background, open_in_background
from timeline_app.ui.main_window import APP_NAME, MainWindow
from timeline_app.ui.memory import tune_allocator


def application() -> QApplication:
    """The QApplication, created once with the names QSettings uses."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        tune_allocator()
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    if app.platformName() == "offscreen":
        # PySide6 6.11 crashes at exit on the offscreen platform when the clipboard holds
        # data (a copied citation); a real desktop keeps what the user copied.
        app.aboutToQuit.connect(clear_clipboard)
    return app


def clear_clipboard() -> None:
    """Empty the clipboard (see :func:`application`)."""
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.clear()


#: Qt messages that say nothing useful to a user (the offscreen platform's limits).
_NOISE = ("propagateSizeHints",)


def _message_handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if not any(noise in message for noise in _NOISE):
        print(message, file=sys.stderr)


def quiet_platform_noise() -> None:
    """Drop Qt's harmless platform chatter from the terminal (not used under tests)."""
    qInstallMessageHandler(_message_handler)


def create_window(file: str | None) -> MainWindow:
    """A main window on ``file`` (default chronology when None); errors become a dialog.

    A large file opens in the background: the window shows at once, with progress.
    """
    if file and loads_in_background(file):
        window = MainWindow(Document())
        open_in_background(window, file)
        return window
    error: LoadError | None = None
    try:
        document = Document(open_timeline(file or DEFAULT_CHRONOLOGY))
    except LoadError as caught:
        error = caught
        document = Document()
    window = MainWindow(document)
    if error is not None:
        window.show_load_error(error)
    return window


def run_application(file: str | None) -> int:
    """Show the main window and run until it closes."""
    app = application()
    quiet_platform_noise()
    window = create_window(file)
    window.show()
    # After a crash or a kill, offer the unsaved work that was written aside.
    window.files.offer_recovery()
    return app.exec()
