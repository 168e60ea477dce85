"""Hostile content is shown as text, never fetched, and never makes the app read a file.

Titles, notes, passages and imported HTML carry markup and scripts
(``<img src=file:///etc/passwd>``, ``<a href="javascript:alert(1)">``, remote images).
Three detectors watch what rendering them does:

- a Python audit hook records every ``open`` and socket call made from Python;
- a *bait file*: a named pipe whose watcher process notices when anything opens it,
  so reads made by Qt's C++ code (an ``<img>`` in rich text) are seen too;
- a *bait port*: a listening socket on 127.0.0.1 that notices any connection, from
  Python or from Qt.

The hostile corpus files (``tests/corpus/hostile``) name ``/etc/passwd`` and
``http://example.com/x.png``; for the detectors they are rewritten to name the bait.
"""

from __future__ import annotations

import ast
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMessageBox,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.corpus.manifest import CORPUS
from timeline_app.core.problems import LoadError
from timeline_app.io.html_text import SAFE_SCHEMES, parse_html
from timeline_app.io.opening import open_timeline
from timeline_app.io.source_import import read_source
from timeline_app.ui.document import Document
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.selection import Selection
from timeline_app.view.canvas import ChronologyCanvas
from timeline_app.view.hovercard import HoverCard

HOSTILE = CORPUS / "hostile"
#: Fragments only the hostile files' values contain (the app's own texts have none).
MARKERS = ("passwd", "example.com", "alert(", "bait.png", "127.0.0.1", "Bold</b>",
           "Category</b>", "tag</b>", "<i>actor", "<b>Tour", "<i>group", "credit</b>",
           "<h1>Title")
PACKAGE = Path(__file__).parents[1] / "timeline_app"

# ----------------------------------------------------------------------------- detectors

_recorded: list[tuple[str, tuple[Any, ...]]] | None = None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    # Installed once for the whole session (hooks cannot be removed); records only
    # inside audited(). Must never raise.
    if _recorded is not None and (event == "open" or event.startswith(("socket.", "urllib"))
                                  or event in ("subprocess.Popen", "os.system")):
        _recorded.append((event, args))


sys.addaudithook(_audit)

#: Opened while importing code: not a read of data.
_CODE = (".py", ".pyc", ".so", ".pth")


@contextmanager
def audited() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """Record Python's opens (of anything but code) and network calls inside the block."""
    global _recorded
    found: list[tuple[str, tuple[Any, ...]]] = []
    _recorded = []
    try:
        yield found
    finally:
        recorded, _recorded = _recorded, None
        found.extend((event, args) for event, args in recorded
                     if not (event == "open" and str(args[0]).endswith(_CODE)))


def opened_paths(events: list[tuple[str, tuple[Any, ...]]]) -> set[str]:
    return {os.fsdecode(args[0]) for event, args in events if event == "open"
            and isinstance(args[0], (str, bytes, os.PathLike))}


_WATCHER = r"""
import errno, os, sys, time
fifo = sys.argv[1]
parent = os.getppid()
sys.stdout.write("ready\n"); sys.stdout.flush()
while os.getppid() == parent:  # ends with the test process, even if it is killed
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # succeeds only if a reader is there
    except OSError as error:
        if error.errno != errno.ENXIO:
            raise
        time.sleep(0.0005)
        continue
    os.close(fd)  # the reader sees the end of the file and goes on
    sys.stdout.write("o"); sys.stdout.flush()
    time.sleep(0.01)
"""


@dataclass
class Bait:
    """A named pipe and a listening port, and what has touched them."""

    path: Path
    server: socket.socket
    watcher: subprocess.Popen[bytes]

    @property
    def file_url(self) -> str:
        return self.path.as_uri()

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.server.getsockname()[1]}/x.png"

    def touched(self) -> list[str]:
        """What has opened the file or connected to the port since the last call."""
        time.sleep(0.05)  # let the watcher report a read that has just happened
        touched = []
        assert self.watcher.stdout is not None
        try:
            if os.read(self.watcher.stdout.fileno(), 1 << 16):
                touched.append(f"something opened {self.path}")
        except BlockingIOError:
            pass
        try:
            connection, _ = self.server.accept()
        except BlockingIOError:
            pass
        else:
            connection.close()
            touched.append(f"something connected to {self.http_url}")
        return touched

    def hostile(self, name: str, folder: Path) -> Path:
        """The hostile corpus file ``name``, rewritten to name this bait."""
        text = (HOSTILE / name).read_text(encoding="utf-8")
        text = text.replace("file:///etc/passwd", self.file_url)
        text = text.replace("/etc/passwd", str(self.path))
        text = text.replace("http://example.com/x.png", self.http_url)
        path = folder / f"bait-{name}"
        path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture
def bait(tmp_path: Path) -> Iterator[Bait]:
    fifo = tmp_path / "bait.png"
    os.mkfifo(fifo)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    watcher = subprocess.Popen([sys.executable, "-c", _WATCHER, str(fifo)],
                               stdout=subprocess.PIPE)
    assert watcher.stdout is not None
    watcher.stdout.readline()
    os.set_blocking(watcher.stdout.fileno(), False)
    yield Bait(fifo, server, watcher)
    watcher.kill()
    watcher.wait()
    watcher.stdout.close()
    server.close()


@pytest.mark.qt_log_ignore("QFile::at")  # Qt's complaint on reading the pipe, as expected
def test_the_bait_notices_rich_text_reading_a_file(qtbot: QtBot, bait: Bait) -> None:
    """The detector itself: a rich-text label with the bait as an image opens it."""
    label = QLabel()
    qtbot.addWidget(label)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(f'<img src="{bait.file_url}">')
    label.show()
    label.grab()
    assert bait.touched() != []


# ----------------------------------------------------------------------------- shown as text

HOSTILE_FILES = ("hostile.chronology.json", "hostile.timelinejs.json", "hostile.csv",
                 "hostile.timeline")


def _hostile_window(qtbot: QtBot, path: Path) -> MainWindow:
    window = MainWindow(Document(open_timeline(path)))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.canvas.fit_all(animate=False)
    first = window.document.timeline.events[0]
    window.selection.select(first.id)  # the inspector, source and table show it
    QApplication.processEvents()
    return window


def _hover(qtbot: QtBot, canvas: ChronologyCanvas, event_id: str) -> HoverCard:
    frame, _, _ = canvas.layout_now()
    glyphs = frame.glyphs
    k = next(i for i in range(len(glyphs))
             if canvas.columns.ids[int(glyphs.index[i])] == event_id)
    # From elsewhere first: a move to where the pointer already is sends no event.
    qtbot.mouseMove(canvas, QPoint(2, 2))
    with qtbot.waitSignal(canvas.hoverChanged):
        qtbot.mouseMove(canvas, QPoint(int(canvas.plot_left + (glyphs.lo[k] + glyphs.hi[k]) / 2),
                                       int(canvas.plot_top + glyphs.y[k])))
    card = canvas.findChild(HoverCard)
    assert card is not None and card.isVisible()
    return card


def might_be_rich_text(text: str) -> bool:
    """Whether Qt would render ``text`` as rich text where it guesses (tooltips)."""
    return bool(QtGui.Qt.mightBeRichText(text))


def _hostile(text: str) -> bool:
    return any(marker in text for marker in MARKERS)


def _live_markup(text: str) -> bool:
    """Whether ``text`` holds a tag of its own (other than the app's <qt> and <br> wrapping)."""
    return re.search(r"<(?!/?(?:qt|br)>)/?[A-Za-z!]", text) is not None


def test_the_hover_card_shows_markup_as_text(qtbot: QtBot) -> None:
    timeline = open_timeline(HOSTILE / "hostile.chronology.json").timeline
    canvas = ChronologyCanvas(Selection())
    qtbot.addWidget(canvas)
    canvas.resize(1300, 760)
    canvas.set_timeline(timeline)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.fit_all(animate=False)
    card = _hover(qtbot, canvas, "hostile")
    labels = card.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    shown = [label.text() for label in labels]
    event = timeline.event("hostile")
    assert event is not None and event.title in shown  # verbatim, tags and all
    assert any("<img src=file:///etc/passwd>" in text for text in shown)  # the passage


@pytest.mark.parametrize("name", HOSTILE_FILES)
def test_every_label_in_the_window_shows_file_text_as_plain_text(name: str,
                                                                  qtbot: QtBot) -> None:
    window = _hostile_window(qtbot, HOSTILE / name)
    if name == "hostile.chronology.json":
        _hover(qtbot, window.canvas, "hostile")
    rich = [f"{type(label.parent()).__name__}: {label.text()[:60]!r}"
            for label in window.findChildren(QLabel)
            if _hostile(label.text()) and label.textFormat() != Qt.TextFormat.PlainText]
    assert rich == []


def test_the_load_error_dialog_shows_file_text_as_plain_text(qtbot: QtBot,
                                                             tmp_path: Path) -> None:
    bad = tmp_path / "hostile-dates.csv"
    bad.write_text('date,title\n"<img src=file:///etc/passwd><b>x</b>",A\n', encoding="utf-8")
    window = _hostile_window(qtbot, HOSTILE / "hostile.chronology.json")
    assert not window.open_file(str(bad))
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1
    try:
        labels = [label for label in boxes[0].findChildren(QLabel) if label.text()]
        assert any("<img src=file:///etc/passwd>" in label.text() for label in labels)
        assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    finally:
        boxes[0].done(0)


def _tooltips(window: QWidget) -> list[tuple[str, str]]:
    """Every tooltip a widget or a visible item-view cell of the window would show."""
    tips = [(type(widget).__name__, widget.toolTip()) for widget in window.findChildren(QWidget)
            if widget.toolTip()]
    for view in window.findChildren(QAbstractItemView):
        if isinstance(view, QHeaderView):
            continue  # a table's header shares the table's model
        model = view.model()
        if model is None:
            continue
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # a list model's columnCount is private: it has one column
            columns = 1
        for row in range(min(model.rowCount(QModelIndex()), 50)):
            for column in range(columns):
                tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str) and tip:
                    tips.append((f"{type(view).__name__} cell {row},{column}", tip))
    return tips


@pytest.mark.qt_log_ignore("QFile::at")  # Qt reading the bait pipe, if it does
def test_no_tooltip_renders_file_text_as_rich_text(qtbot: QtBot, bait: Bait,
                                                   tmp_path: Path) -> None:
    window = _hostile_window(qtbot, bait.hostile("hostile.chronology.json", tmp_path))
    # Escaped file text wrapped as rich text (<qt>&lt;img…</qt>) is only ever shown as
    # text; what must not happen is file markup reaching Qt's rich-text renderer alive.
    rich = [(where, tip) for where, tip in _tooltips(window)
            if _hostile(tip) and might_be_rich_text(tip) and _live_markup(tip)]
    for _, tip in rich:  # as a hover would show them
        QToolTip.showText(QPoint(40, 40), tip, window)
        QApplication.processEvents()
        QToolTip.hideText()
    touched = bait.touched()
    assert [f"{where}: {tip[:60]!r}" for where, tip in rich] == []
    assert touched == []


# ----------------------------------------------------------------------------- no reads


@pytest.mark.parametrize("name", HOSTILE_FILES)
def test_rendering_hostile_data_reads_no_file_and_touches_no_network(
        name: str, qtbot: QtBot, bait: Bait, tmp_path: Path) -> None:
    path = bait.hostile(name, tmp_path)
    with audited() as events:
        opened = open_timeline(path)
    assert opened_paths(events) == {str(path)}
    window = MainWindow(Document(opened))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    with audited() as events:
        with qtbot.waitSignal(window.canvas.framePainted, timeout=5000):
            window.show()
        window.canvas.fit_all(animate=False)
        window.canvas.repaint()
        window.selection.select(opened.timeline.events[0].id)
        QApplication.processEvents()
        if name == "hostile.chronology.json":
            _hover(qtbot, window.canvas, "hostile")
        window.grab()
        QGuiApplication.clipboard()  # nothing was copied; just the app's usual state
    assert events == []
    assert bait.touched() == []


def test_a_snapshot_of_hostile_data_reads_no_file_and_touches_no_network(
        bait: Bait, tmp_path: Path, qapp: QApplication) -> None:
    from timeline_app.ui.snapshot import render_snapshot

    path = bait.hostile("hostile.chronology.json", tmp_path)
    out = tmp_path / "snapshot.png"
    with audited() as events:
        assert render_snapshot(str(path), str(out), (1200, 800), None, "hostile") == 0
    assert opened_paths(events) <= {str(path), str(out)}
    assert not [event for event, _ in events if event != "open"]
    assert out.stat().st_size > 0
    assert bait.touched() == []


# ----------------------------------------------------------------------------- imported HTML


def _schemes(urls: list[str]) -> set[str]:
    return {urlsplit(url).scheme for url in urls}


def test_imported_html_keeps_only_web_links_and_no_script() -> None:
    page = parse_html((HOSTILE / "hostile.html").read_text(encoding="utf-8"))
    assert _schemes([link.url for link in page.links]) == {"https", "mailto"}
    assert "alert(" not in page.text and "document.write" not in page.text
    assert "passwd" not in page.text.replace("/etc/passwd", "")  # no src or href came through
    source = read_source(HOSTILE / "hostile.html").source
    # The <title>'s script is kept as words (shown as text, harmless), never as a tag.
    assert source.title.startswith("Hostile") and "<" not in source.title
    assert source.url == ""  # og:url was javascript:
    assert "alert(" not in source.text and "The treaty was signed in 2001." in source.text


@pytest.mark.parametrize("name", ["hostile.timelinejs.json", "hostile.csv",
                                  "hostile.timeline"])
def test_importers_keep_only_web_links_and_no_script(name: str) -> None:
    timeline = open_timeline(HOSTILE / name).timeline
    links = [link.url for event in timeline.events for link in event.links]
    assert links and _schemes(links) <= SAFE_SCHEMES
    if name == "hostile.timeline":
        # Timeline's descriptions are plain text: the escaped tag is kept as words.
        assert timeline.events[0].notes == "<script>alert(1)</script>"
        assert timeline.events[0].title == "<img src=file:///etc/passwd><b>Bold</b>"
    else:
        assert all("alert(" not in event.notes for event in timeline.events)
    if name == "hostile.timelinejs.json":
        assert timeline.title == "Hostile"
        assert [e.title for e in timeline.events] == ["Bold", "Embedded"]
        assert "Read click, that, the web and mail." in timeline.events[0].notes


def test_a_link_that_is_not_a_web_link_is_never_opened(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _hostile_window(qtbot, HOSTILE / "hostile.chronology.json")
    opened: list[object] = []

    def open_url(url: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda *args: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    for url in ("file:///etc/passwd", "javascript:alert(1)", "/etc/passwd", "data:text/html,x"):
        assert window.inspector.open_link(url) is False
    assert opened == []
    assert window.inspector.open_link("https://example.org/ok") is True
    assert len(opened) == 1


# ----------------------------------------------------------------------------- no references

#: Every place timeline_app/io opens something, and what it opens: (module, function).
#: A new entry needs a reason here; a value read from a file must never reach one.
IO_OPENS = {
    ("reading.py", "read_bytes"): "the path the caller asked to read",
    ("atomic.py", "write_atomic"): "the temporary file it made beside the target",
    ("atomic.py", "_sync_directory"): "the target's folder, to sync the rename",
    ("atomic.py", "_in_use"): "a leftover temporary file beside the target, to test its lock",
}
_OPENERS = {"open", "fdopen", "urlopen", "urlretrieve", "open_code", "ParseFile",
            "ExternalEntityParserCreate", "read_bytes", "read_text", "loadtxt", "fromfile",
            "mmap", "popen", "system", "Popen", "run", "create_connection", "socket"}


def _opening_calls() -> set[tuple[str, str]]:
    found = set()
    for path in sorted((PACKAGE / "io").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if not isinstance(node, ast.Call):
                    continue
                name = node.func.attr if isinstance(node.func, ast.Attribute) else \
                    node.func.id if isinstance(node.func, ast.Name) else ""
                # read_bytes(file) and read_text(file) of reading.py pass the path on.
                if name in _OPENERS and not (name in ("read_bytes", "read_text")
                                             and isinstance(node.func, ast.Name)):
                    found.add((path.name, function.name))
    return found


def test_the_io_package_opens_only_the_paths_it_is_given() -> None:
    assert _opening_calls() == set(IO_OPENS)


def test_a_native_file_naming_local_files_makes_the_app_read_none(
        qtbot: QtBot, bait: Bait, tmp_path: Path) -> None:
    """Source text, url and sha256, links and passages name files: none is ever opened."""
    path = bait.hostile("hostile.chronology.json", tmp_path)
    with audited() as events:
        opened = open_timeline(path)
        window = MainWindow(Document(opened))
        qtbot.addWidget(window)
        window.show()
        window.selection.select("hostile")
        QApplication.processEvents()
        window.grab()
    assert not any(str(bait.path) in name or "passwd" in name for name in opened_paths(events))
    assert opened_paths(events) == {str(path)}
    source = opened.timeline.sources[0]
    assert source.url == bait.file_url and source.sha256 == str(bait.path)
    assert bait.touched() == []


@pytest.mark.parametrize("entity", ["external_entity.timeline", "external_entity_utf16.timeline",
                                    "external_dtd.timeline", "parameter_entity.timeline"])
def test_an_external_entity_is_never_resolved(entity: str, bait: Bait, tmp_path: Path) -> None:
    data = (CORPUS / "thetimeline" / entity).read_bytes()
    for encoding in ("utf-8", "utf-16-le"):
        old = "file:///etc/passwd".encode(encoding)
        data = data.replace(old, bait.file_url.encode(encoding))
    path = tmp_path / entity
    path.write_bytes(data)
    with audited() as events, pytest.raises(LoadError) as refused:
        open_timeline(path)
    assert "DOCTYPE or entities" in refused.value.problems[0].message
    assert opened_paths(events) == {str(path)}
    assert bait.touched() == []


@pytest.mark.parametrize("name", [*HOSTILE_FILES, "hostile.html"])
def test_opening_a_hostile_file_reads_only_that_file(name: str) -> None:
    """/etc/passwd is named in text, url and sha256 fields: kept as text, never followed."""
    path = HOSTILE / name
    with audited() as events:
        if name.endswith(".html"):
            read_source(path)
        else:
            open_timeline(path)
    assert opened_paths(events) == {str(path)}
    assert [event for event, _ in events if event != "open"] == []
