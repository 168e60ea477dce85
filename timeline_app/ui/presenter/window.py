"""The audience's window: the chronology around the focused event, its caption card, overlays."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QLabel, QScrollBar, QVBoxLayout, QWidget

from timeline_app.core.scene import ROW_HEIGHT_MAX, vertical_layout
from timeline_app.core.tours import Blank
from timeline_app.ui.presenter.caption import CaptionCard
from timeline_app.ui.presenter.style import (
    COLOURS,
    REFERENCE_HEIGHT,
    pixel_font,
    point_font,
    presentation_palette,
    type_scale,
)
from timeline_app.ui.selection import Selection
from timeline_app.view.canvas import ChronologyCanvas

KeyHandler = Callable[[QKeyEvent], bool]
#: Room under the last lane, so its line is not the chronology's edge.
BOTTOM_ROOM = 10


class PresentationCanvas(ChronologyCanvas):
    """The canvas without keyboard focus (the presentation owns every key); says when resized."""

    resized = Signal()

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(selection, parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Presented chronology")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A resize keeps the scale and the centre; the presentation re-frames its step instead.
        self.resized.emit()

    def natural_height(self) -> int:
        """The height that shows every lane at full row height: any more would stay empty."""
        content = vertical_layout(self.scene, 1e9, self.collapsed_lanes).content_height
        return math.ceil(self.plot_top + content + BOTTOM_ROOM)

    def scroll_to_event(self, event_id: str) -> None:
        """Scroll vertically, when the lanes overflow, so that the event's row is in view."""
        bar = self.findChild(QScrollBar)
        row = self.columns.row_of_id.get(event_id)
        if bar is None or not bar.isVisible() or row is None:
            return
        _, _, layout = self.layout_now()
        box = next((b for b in layout.boxes if b.lane == int(self.columns.lane[row])), None)
        if box is None:
            return
        y = box.row_center(int(self.scene.row[row]))
        visible = self.height() - self.plot_top
        if not bar.value() + ROW_HEIGHT_MAX <= y <= bar.value() + visible - ROW_HEIGHT_MAX:
            bar.setValue(round(y - visible / 2))


class ProgressBar(QWidget):
    """A thin bar along the bottom edge: how far through the tour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = 0.0
        self.setAccessibleName("Progress through the tour")

    def set_fraction(self, fraction: float) -> None:
        """Fill ``fraction`` (0–1) of the width."""
        self.fraction = min(max(fraction, 0.0), 1.0)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), COLOURS.surface)
        painter.fillRect(QRectF(0, 0, self.width() * self.fraction, self.height()),
                         COLOURS.accent)
        painter.end()


class Cover(QWidget):
    """A plain black or white screen over everything (B, ".", W)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.colour = QColor("black")
        self.setAccessibleName("Blank screen")
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.colour)
        painter.end()


def _panel_label(parent: QWidget, colour: QColor) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {colour.name()}; background: {COLOURS.surface.name()};"
                        f" border: 2px solid {COLOURS.muted.name()}; border-radius: 10px;"
                        " padding: 14px;")
    label.hide()
    return label


class PresentationWindow(QWidget):
    """Full-screen view of one step at a time; keys and closing are reported, not acted on here."""

    closed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — presentation" if title else "Presentation")
        palette = presentation_palette()
        # Around a short chronology the window shows the chronology's own background.
        palette.setColor(QPalette.ColorRole.Window, COLOURS.background)
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.on_key: KeyHandler = lambda event: False
        self.selection = Selection(self)  # its own: presenting never touches the main selection
        self.canvas = PresentationCanvas(self.selection, self)
        self.canvas.setPalette(presentation_palette())
        self.card = CaptionCard(self)
        self.progress = ProgressBar(self)
        self._card_box = QWidget(self)
        self._card_layout = QVBoxLayout(self._card_box)
        self._card_layout.addWidget(self.card)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # A chronology shorter than the room is centred in it rather than left at the top.
        layout.addStretch(1)
        layout.addWidget(self.canvas, 100)
        layout.addStretch(1)
        layout.addWidget(self._card_box)
        layout.addWidget(self.progress)
        self.notes = _panel_label(self, COLOURS.text)
        self.notes.setAccessibleName("Speaker notes")
        self.jump = _panel_label(self, COLOURS.text)
        self.jump.setWordWrap(False)  # one line, as wide as its text
        self.jump.setAccessibleName("Step number being typed")
        self.cover = Cover(self)
        self.scale = type_scale(REFERENCE_HEIGHT)
        self._apply_scale()

    # -- what shows ------------------------------------------------------------------

    def set_caption_visible(self, visible: bool) -> None:
        """Show or hide the caption card (the chronology takes the room)."""
        self._card_box.setVisible(visible)

    def set_cover(self, blank: Blank) -> None:
        """Black, white or no cover over the whole window; the pointer hides under a cover."""
        self.cover.setVisible(blank is not Blank.NONE)
        if blank is not Blank.NONE:
            self.cover.colour = QColor("black" if blank is Blank.BLACK else "white")
            self.cover.raise_()
            self.cover.update()
            self.setCursor(Qt.CursorShape.BlankCursor)
        else:
            self.unsetCursor()

    def set_notes(self, text: str | None) -> None:
        """The small notes overlay for a single screen (None hides it)."""
        self.notes.setVisible(text is not None)
        if text is not None:
            self.notes.setText(text)
            self._place_overlays()
            self.notes.raise_()

    def set_typed(self, digits: str, count: int) -> None:
        """Show the step number being typed ("Go to step 1_ of 12")."""
        self.jump.setVisible(bool(digits))
        if digits:
            self.jump.setText(f"Go to step {digits}_ of {count}   (Enter)")
            self.jump.adjustSize()
            self._place_overlays()
            self.jump.raise_()

    def fit_canvas(self) -> None:
        """Give the chronology no more height than its lanes can use (after its events change)."""
        self.canvas.setMaximumHeight(max(self.canvas.minimumHeight(),
                                         self.canvas.natural_height()))

    # -- layout ----------------------------------------------------------------------

    def _apply_scale(self) -> None:
        scale = self.scale
        self.card.apply_scale(scale)
        self.canvas.setFont(point_font(scale.canvas, self.logicalDpiY()))
        self.canvas.set_scene(self.canvas.timeline, self.canvas.scene)  # gutter for the new font
        margin = scale.margin
        self._card_layout.setContentsMargins(margin, round(margin * 0.5), margin, margin)
        self.progress.setFixedHeight(max(4, round(scale.quote / 5)))
        self.notes.setFont(pixel_font(scale.source))
        self.jump.setFont(pixel_font(scale.date, bold=True))

    def resizeEvent(self, event: QResizeEvent) -> None:
        scale = type_scale(self.height())
        if scale != self.scale:
            self.scale = scale
            self._apply_scale()
        self.cover.setGeometry(self.rect())
        self._place_overlays()
        super().resizeEvent(event)

    def _place_overlays(self) -> None:
        margin = self.scale.margin
        width = max(320, round(self.width() * 0.34))
        self.notes.setFixedWidth(width)
        self.notes.adjustSize()
        height = min(self.notes.sizeHint().height(), round(self.height() * 0.45))
        self.notes.setGeometry(self.width() - width - margin, margin, width, height)
        self.jump.move((self.width() - self.jump.width()) // 2, margin)

    # -- input -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.on_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()  # closing by the window manager ends the presentation like Esc
        super().closeEvent(event)
