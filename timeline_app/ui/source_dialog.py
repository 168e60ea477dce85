"""Add a source: import a .txt/.md/.html file or paste text, and say when it was published."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from timeline_app.core.dates import UncertainDate
from timeline_app.core.edtf import EdtfError
from timeline_app.core.model import PublicationDate, Source, Timeline
from timeline_app.core.phrases import find_dateline, read_date
from timeline_app.io.source_import import source_from_text

ERROR_STYLE = "color: #D55E00;"


class SourceDialog(QDialog):
    """The fields of a source; the text comes from a file or is pasted."""

    def __init__(self, timeline: Timeline, source: Source | None = None,
                 offered: PublicationDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add source" if source is None else "Source")
        self.resize(760, 620)
        self._timeline = timeline
        self._imported = source
        published = (source.published if source and source.published else offered)
        self.title = QLineEdit(source.title if source else "")
        self.publisher = QLineEdit(source.publisher if source else "")
        self.author = QLineEdit(source.author if source else "")
        self.url = QLineEdit(source.url if source else "")
        self.printed = QLineEdit(published.as_printed if published else "")
        self.printed.setPlaceholderText("the dateline exactly as printed, e.g. January 20, 2026")
        self.edtf = QLineEdit(published.edtf if published else "")
        self.edtf.setPlaceholderText("the date it means, as EDTF, e.g. 2026-01-20")
        self.note = QLineEdit(published.note if published else "")
        self.note.setPlaceholderText("why the date differs from the dateline, if it does")
        self.text = QPlainTextEdit(source.text if source else "")
        self.text.setPlaceholderText("Paste the source text here.")
        self.text.setReadOnly(source is not None)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        form = QFormLayout()
        for label, field in (("Title:", self.title), ("Publisher:", self.publisher),
                             ("Author:", self.author), ("Address:", self.url),
                             ("Dateline:", self.printed), ("Date (EDTF):", self.edtf),
                             ("Date note:", self.note)):
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Text (citations quote it exactly):"))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.printed.textChanged.connect(self._from_printed)
        self.text.textChanged.connect(self._from_text)
        self.text.textChanged.connect(self._validate)
        for field in (self.edtf, self.title):
            field.textChanged.connect(self._validate)
        if source is not None and not self.printed.text():
            self._from_text()
        self._validate()

    def _from_printed(self, printed: str) -> None:
        """Offer the EDTF of a typed dateline, unless the user has set one."""
        date = read_date(printed) if printed.strip() else None
        if date is not None and not self.edtf.isModified():
            self.edtf.setText(date.edtf)

    def _from_text(self) -> None:
        """Fill in the title and dateline from the text's first lines when still empty."""
        text = self.text.toPlainText()
        if not self.title.text().strip():
            first = next((line.strip() for line in text.splitlines() if line.strip()), "")
            self.title.setText(first[:120])
        if not self.printed.text().strip():
            dateline = find_dateline(text)
            if dateline is not None:
                self.printed.setText(dateline.printed)

    def _validate(self) -> None:
        problem = ""
        if not self.text.toPlainText().strip():
            problem = "The source needs text: paste it, or import a file."
        elif not self.title.text().strip():
            problem = "Give the source a title."
        elif self.edtf.text().strip():
            try:
                UncertainDate(self.edtf.text().strip())
            except EdtfError as error:
                problem = f"Date: {error}"
        self.message.setText(problem or "The date resolves relative phrases such as "
                             "“late December” when events are suggested.")
        self.message.setStyleSheet(ERROR_STYLE if problem else "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)

    def result_source(self) -> Source:
        """The source as entered (call after the dialog was accepted)."""
        published = None
        if self.edtf.text().strip() or self.printed.text().strip():
            published = PublicationDate(self.printed.text().strip(),
                                        self.edtf.text().strip() or "", self.note.text().strip())
            if not published.edtf:
                published = None
        taken = [s.id for s in self._timeline.sources]
        return source_from_text(self.text.toPlainText(), self.title.text(), taken=taken,
                                url=self.url.text().strip(), author=self.author.text().strip(),
                                publisher=self.publisher.text().strip(), published=published)
