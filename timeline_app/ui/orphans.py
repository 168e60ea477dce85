"""The orphans panel: citations whose passage was not found again, and re-linking them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.anchoring import CitationReport
from timeline_app.core.model import Timeline


class OrphanPanel(QWidget):
    """Lists orphans; re-link one to the text selected in the source viewer."""

    #: (event id, citation index) to re-link to the source viewer's selection.
    relinkRequested = Signal(str, int)
    #: An orphan was chosen: select its event.
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Orphan citations")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Orphan citations")
        self.list.currentItemChanged.connect(self._on_current)
        self.relink = QPushButton("Re-link to the selected source text")
        self.relink.setToolTip("Select the right passage in the source viewer, then click here.")
        self.relink.clicked.connect(self._on_relink)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.relink)

    def set_orphans(self, timeline: Timeline, reports: tuple[CitationReport, ...]) -> None:
        """Show the orphan citations among ``reports``."""
        from timeline_app.core.model import AnchorStatus

        self.list.clear()
        orphans = [r for r in reports if r.anchor.status is AnchorStatus.ORPHAN]
        for report in orphans:
            event = timeline.event(report.event_id)
            if event is None or report.index >= len(event.citations):
                continue
            quote = event.citations[report.index].exact
            item = QListWidgetItem(f"{event.title}\n“{quote}”\n{report.anchor.message}")
            item.setData(Qt.ItemDataRole.UserRole, (report.event_id, report.index))
            self.list.addItem(item)
        self.summary.setText(
            "Every citation was found in its source." if not orphans else
            f"{len(orphans)} citation{'s' if len(orphans) != 1 else ''} could not be found "
            "again. They are kept as they were. To re-link one, select it here, select the "
            "right passage in the source viewer, then click the button.")
        self.relink.setEnabled(bool(orphans))

    def _on_current(self, item: QListWidgetItem | None, previous: object) -> None:
        if item is not None:
            event_id, _ = item.data(Qt.ItemDataRole.UserRole)
            self.chosen.emit(event_id)

    def _on_relink(self) -> None:
        item = self.list.currentItem() or (self.list.item(0) if self.list.count() else None)
        if item is not None:
            event_id, index = item.data(Qt.ItemDataRole.UserRole)
            self.relinkRequested.emit(event_id, index)
