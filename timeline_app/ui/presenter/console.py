"""The presenter console on a second screen: current and next step, notes, clock, elapsed time."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from timeline_app.ui.presenter.caption import Caption
from timeline_app.ui.presenter.style import COLOURS, pixel_font, presentation_palette
from timeline_app.ui.presenter.window import KeyHandler


def screens() -> list[QScreen]:
    """The screens attached now (tests replace this to pretend a second one is plugged in)."""
    return list(QGuiApplication.screens())


def console_screen(audience: QScreen | None) -> QScreen | None:
    """The screen for the presenter console: another screen than the audience's, or None."""
    others = [screen for screen in screens() if screen is not audience]
    return others[0] if others and audience is not None else None


def show_full_screen_on(widget: QWidget, screen: QScreen | None) -> None:
    """Show ``widget`` full screen on ``screen`` (the one it is on when None)."""
    if screen is not None:
        if isinstance(screen, QScreen):
            widget.setScreen(screen)
        geometry: QRect = screen.geometry()
        widget.setGeometry(geometry)
    widget.showFullScreen()


@dataclass(frozen=True)
class ConsoleState:
    """What the console shows for one moment of the presentation."""

    current: Caption
    notes: str
    following: Caption | None
    counter: str
    status: str = ""  # "Screen is black", "Going to step 4…"


class PresenterConsole(QWidget):
    """What only the presenter sees; keys pressed here drive the presentation too."""

    def __init__(self, clock: Callable[[], datetime] = datetime.now,
                 elapsed: Callable[[], float] = time.monotonic,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Presenter console")
        self.setPalette(presentation_palette())
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.on_key: KeyHandler = lambda event: False
        self.on_close: Callable[[], None] = lambda: None
        self._clock = clock
        self._elapsed = elapsed
        self._started = elapsed()
        self.time_label = self._label(34, COLOURS.text, bold=True, name="Clock")
        self.elapsed_label = self._label(34, COLOURS.accent, bold=True, name="Elapsed time")
        self.counter_label = self._label(34, COLOURS.muted, name="Step")
        self.status_label = self._label(22, COLOURS.accent, name="Status")
        self.current_label = self._label(30, COLOURS.text, bold=True, name="Current step")
        self.current_when = self._label(20, COLOURS.muted, name="Current date")
        self.next_label = self._label(22, COLOURS.muted, name="Next step")
        self.notes_label = self._label(28, COLOURS.text, name="Speaker notes")
        self.notes_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        top = QGridLayout()
        top.addWidget(self.time_label, 0, 0)
        top.addWidget(self.elapsed_label, 0, 1, Qt.AlignmentFlag.AlignCenter)
        top.addWidget(self.counter_label, 0, 2, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 28)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addWidget(self._heading("NOW"))
        layout.addWidget(self.current_label)
        layout.addWidget(self.current_when)
        layout.addWidget(self._heading("NOTES"))
        layout.addWidget(self.notes_label, 1)
        layout.addWidget(self._heading("NEXT"))
        layout.addWidget(self.next_label)
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.tick()

    def _label(self, pixels: int, colour: QColor, bold: bool = False, name: str = "") -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setFont(pixel_font(pixels, bold))
        label.setStyleSheet(f"color: {colour.name()}; background: transparent;")
        label.setAccessibleName(name)
        return label

    def _heading(self, text: str) -> QLabel:
        label = self._label(16, COLOURS.muted, bold=True)
        label.setText(text)
        return label

    def show_state(self, state: ConsoleState) -> None:
        """Show the current step, its notes and what comes next."""
        self.counter_label.setText(state.counter)
        self.status_label.setText(state.status)
        self.status_label.setVisible(bool(state.status))
        self.current_label.setText(state.current.title)
        self.current_when.setText(state.current.when)
        self.notes_label.setText(state.notes or "(no notes for this step)")
        following = state.following
        self.next_label.setText(f"{following.title}\n{following.when}" if following
                                else "End of the tour")

    def restart_timer(self) -> None:
        """Count the elapsed time from now."""
        self._started = self._elapsed()
        self.tick()

    def tick(self) -> None:
        """Update the clock and the elapsed time."""
        self.time_label.setText(self._clock().strftime("%H:%M"))
        seconds = max(0, int(self._elapsed() - self._started))
        hours, rest = divmod(seconds, 3600)
        self.elapsed_label.setText(f"{hours}:{rest // 60:02d}:{rest % 60:02d}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.on_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._timer.stop()
        self.on_close()
        super().closeEvent(event)
