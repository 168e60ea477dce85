"""Every file of the broken-inputs corpus is answered with located messages, never a traceback.

The corpus and what each file must say are in :mod:`tests.corpus.manifest`. Each file
goes through ``open_timeline``, the ``validate`` and ``export`` commands (in process
for all, and as real ``python run.py`` processes for one file of each format and
outcome), and the main window's ``open_file``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.corpus.manifest import (
    CORPUS,
    GENERATED,
    MANIFEST,
    SOURCES,
    Kind,
    Told,
    generate,
)
from timeline_app.cli import main
from timeline_app.core.problems import LoadError, Problem, Severity
from timeline_app.core.validation import check_timeline
from timeline_app.io.opening import MESSAGE_LIMIT, open_timeline, read_timeline
from timeline_app.io.source_import import read_source
from timeline_app.paths import DEFAULT_CHRONOLOGY
from timeline_app.ui.document import Document
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.selection import Selection
from timeline_app.view.canvas import ChronologyCanvas

ROOT = Path(__file__).parents[1]
ALL = sorted(MANIFEST) + sorted(GENERATED)


@pytest.fixture(scope="session")
def generated_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated-corpus")
    generate(folder)
    return folder


def locate(name: str, request: pytest.FixtureRequest) -> tuple[Path, Told]:
    """The file's path (writing the big ones on first use) and what it must say."""
    if name in GENERATED:
        return request.getfixturevalue("generated_folder") / name, GENERATED[name]
    return CORPUS / name, MANIFEST[name]


def missing(problems: Iterable[Problem], told: Told) -> list[tuple[str, str]]:
    """The (location, message fragment) pairs that no problem matches."""
    problems = list(problems)
    return [(where, what) for where, what in told.problems
            if not any(p.location == where and what in p.message for p in problems)]


def lines_missing(output: str, path: Path, told: Told) -> list[tuple[str, str]]:
    """The pairs not printed on one line as ``FILE: LOCATION: ... MESSAGE``."""
    lines = output.splitlines()
    return [(where, what) for where, what in told.problems
            if not any(line.startswith(f"{path}: {where}: ") and what in line
                       for line in lines)]


def test_the_manifest_names_every_corpus_file() -> None:
    files = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*")
             if p.is_file() and p.suffix != ".py" and p.name != "README.md"
             and "__pycache__" not in p.parts}
    assert files == set(MANIFEST)
    assert set(SOURCES) <= files
    kinds = {told.kind for told in MANIFEST.values()}
    assert kinds == set(Kind)


# ----------------------------------------------------------------------------- open_timeline


@pytest.mark.parametrize("name", ALL)
def test_open_timeline_tells_where_and_what(name: str, request: pytest.FixtureRequest) -> None:
    path, told = locate(name, request)
    if told.kind is Kind.REFUSED:
        with pytest.raises(LoadError) as caught:
            open_timeline(path)
        error = caught.value
        assert error.file == str(path)
        assert error.problems and all(p.location.strip() and p.message.strip()
                                      for p in error.problems)
        assert all(len(p.message) <= MESSAGE_LIMIT for p in error.problems)
        assert missing(error.problems, told) == []
        return
    opened = open_timeline(path)
    _, timeline, read_problems = read_timeline(path)
    checked = read_problems + check_timeline(timeline)
    if told.kind is Kind.WARNED:
        assert opened.problems
        assert all(p.severity is Severity.WARNING for p in opened.problems)
        assert missing(opened.problems, told) == []
    elif told.kind is Kind.FLAGGED:
        assert missing(checked, told) == []
    else:
        assert checked == [] and opened.problems == ()


# ----------------------------------------------------------------------------- commands


@pytest.mark.parametrize("name", ALL)
def test_validate_and_export_tell_where_and_what(name: str, request: pytest.FixtureRequest,
                                                 capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    path, told = locate(name, request)
    out = tmp_path / "out.csv"
    validated = main(["validate", str(path)])
    validate_output = capsys.readouterr()
    exported = main(["export", str(path), "-o", str(out)])
    export_output = capsys.readouterr()
    everything = validate_output.out + validate_output.err + export_output.out + \
        export_output.err
    assert "Traceback" not in everything
    if told.kind is Kind.OPENS:
        assert (validated, exported) == (0, 0) and out.exists()
        assert "clean" in validate_output.out and export_output.err == ""
        return
    assert validated == 1
    assert lines_missing(validate_output.out, path, told) == []
    if told.kind is Kind.REFUSED:
        assert exported == 1 and not out.exists()
        assert f"cannot open {path}" in export_output.err
        assert lines_missing(export_output.err, path, told) == []
    else:
        assert exported == 0 and out.exists()
    if told.kind is Kind.WARNED:
        assert lines_missing(export_output.err, path, told) == []


def _sample() -> list[str]:
    """One checked-in file of each format and outcome, and the deep and long ones."""
    chosen: dict[tuple[str, Kind], str] = {}
    for name in sorted(MANIFEST):
        chosen.setdefault((name.split("/")[0], MANIFEST[name].kind), name)
    return [*sorted(chosen.values()), "native/deep_nesting.chronology.json",
            "timelinejs/deep_nesting.json", "native/ten_mb_title.chronology.json"]


@pytest.fixture(scope="module")
def real_runs(generated_folder: Path, tmp_path_factory: pytest.TempPathFactory
              ) -> dict[str, tuple[subprocess.CompletedProcess[str], ...]]:
    """``python run.py validate`` and ``export`` on the sample, run side by side."""
    out = tmp_path_factory.mktemp("real-runs")

    def run(name: str) -> tuple[subprocess.CompletedProcess[str], ...]:
        path = generated_folder / name if name in GENERATED else CORPUS / name
        commands = (["validate", str(path)],
                    ["export", str(path), "-o", str(out / f"{name.replace('/', '_')}.csv")])
        return tuple(subprocess.run([sys.executable, str(ROOT / "run.py"), *command],
                                    capture_output=True, text=True, timeout=60)
                     for command in commands)

    names = _sample()
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(names, pool.map(run, names)))


@pytest.mark.slow
@pytest.mark.parametrize("name", _sample())
def test_run_py_never_shows_a_traceback(name: str, real_runs: dict[
        str, tuple[subprocess.CompletedProcess[str], ...]], generated_folder: Path) -> None:
    validate, export = real_runs[name]
    told = GENERATED.get(name) or MANIFEST[name]
    path = generated_folder / name if name in GENERATED else CORPUS / name
    for result in (validate, export):
        assert "Traceback" not in result.stdout + result.stderr
    expected = (0, 0) if told.kind is Kind.OPENS else \
        (1, 1) if told.kind is Kind.REFUSED else (1, 0)
    assert (validate.returncode, export.returncode) == expected
    assert lines_missing(validate.stdout, path, told) == []
    if told.kind in (Kind.REFUSED, Kind.WARNED):
        assert lines_missing(export.stderr, path, told) == []


# ----------------------------------------------------------------------------- sources


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_source_import_tells_where_and_what(name: str, capsys: pytest.CaptureFixture[str]
                                            ) -> None:
    path, told = CORPUS / name, SOURCES[name]
    status = main(["suggest", str(path)])
    output = capsys.readouterr()
    assert "Traceback" not in output.out + output.err
    if told.kind is Kind.OPENS:
        source = read_source(path).source
        assert source.text.strip() and "\ufeff" not in source.text and "\x00" not in source.text
        # suggest reads plain text as UTF-8 only (its own tests say so); when it refuses,
        # it says where, on one line.
        assert status == 0 or (output.err.count("\n") == 1 and " (byte " in output.err)
        return
    with pytest.raises(LoadError) as caught:
        read_source(path)
    assert missing(caught.value.problems, told) == []
    assert status == 1 and output.err.count("\n") == 1 and str(path) in output.err
    for where, what in told.problems:
        if where != "file":  # suggest words whole-file problems its own way
            assert f"{where}: " in output.err and what in output.err


@pytest.mark.parametrize("date", ["Y1E99999999", "1" * 5000])
def test_suggest_refuses_absurd_publication_dates_at_once(
        date: str, capsys: pytest.CaptureFixture[str]) -> None:
    start = time.perf_counter()
    assert main(["suggest", str(CORPUS / "source/utf8_bom.txt"), "--published", date]) == 1
    assert time.perf_counter() - start < 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "--published" in error and "not supported" in error


# ----------------------------------------------------------------------------- the window


@pytest.fixture(scope="module")
def window(qapp: QApplication) -> Iterator[MainWindow]:
    main_window = MainWindow(Document(open_timeline(DEFAULT_CHRONOLOGY)))
    main_window.resize(1280, 800)
    main_window.show()
    yield main_window
    main_window.close()
    main_window.deleteLater()


def _dialogs(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def _paints(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.canvas.framePainted, timeout=5000):
        window.canvas.update()


#: Files whose one event has a 10 MB title: the event table lays such a title out in
#: seconds, so they are opened in the window only by the first-paint tests below.
TEN_MB_EVENT_TITLES = ("native/ten_mb_title.chronology.json", "timelinejs/ten_mb_headline.json",
                       "csv/ten_mb_title.csv", "thetimeline/ten_mb_title.timeline")


@pytest.mark.parametrize("name", [n for n in ALL if n not in TEN_MB_EVENT_TITLES])
def test_the_window_reports_and_keeps_what_was_open(name: str, window: MainWindow,
                                                    qtbot: QtBot,
                                                    request: pytest.FixtureRequest) -> None:
    path, told = locate(name, request)
    if window.document.path != str(DEFAULT_CHRONOLOGY):
        assert window.open_file(str(DEFAULT_CHRONOLOGY))
    document = window.document
    before = (document.timeline, document.path, document.undo_stack.count())
    opened = window.open_file(str(path))
    boxes = _dialogs(window)
    try:
        if told.kind is not Kind.REFUSED:
            # A file with problems opens as written, and the window says what they are.
            assert opened and len(boxes) == (1 if told.kind is Kind.FLAGGED else 0)
            for box in boxes:
                assert path.name in box.text() and "problem" in box.text()
                assert all(where in box.detailedText() for where, _ in told.problems
                           if where.startswith("$"))
                box.close()
            assert document.path == str(path)
            _paints(qtbot, window)
            return
        assert not opened and len(boxes) == 1
        box = boxes[0]
        assert path.name in box.text()
        details = box.detailedText()
        for where, what in told.problems:
            assert f"{path}: {where}: " in details and what in details
    finally:
        for box in boxes:
            box.done(0)
            box.deleteLater()
    # Unchanged, and still usable: it paints, takes an edit and undoes it.
    assert (document.timeline, document.path, document.undo_stack.count()) == before
    _paints(qtbot, window)
    first = document.timeline.events[0]
    edited = replace(document.timeline, events=(replace(first, title="Edited"),
                                                *document.timeline.events[1:]))
    document.apply(edited, "Retitle")
    assert document.timeline.events[0].title == "Edited"
    document.undo_stack.undo()
    assert document.timeline == before[0] and not document.is_modified()


# ----------------------------------------------------------------------------- 10 MB titles

#: The longest a first paint with a 10 MB title may take.
FIRST_PAINT_LIMIT = 2.0


def _first_paint(qtbot: QtBot, widget: QWidget, painted: SignalInstance) -> float:
    """Seconds from showing ``widget`` to its canvas's first frame."""
    start = time.perf_counter()
    with qtbot.waitSignal(painted, timeout=30_000):
        widget.show()
    return time.perf_counter() - start


@pytest.mark.parametrize("name", TEN_MB_EVENT_TITLES)
def test_a_ten_mb_title_does_not_slow_the_canvas(name: str, qtbot: QtBot,
                                                 request: pytest.FixtureRequest) -> None:
    path, _ = locate(name, request)
    opened = open_timeline(path)
    canvas = ChronologyCanvas(Selection())
    qtbot.addWidget(canvas)
    canvas.resize(1300, 760)
    start = time.perf_counter()
    canvas.set_timeline(opened.timeline)
    canvas.fit_all(animate=False)
    elapsed = time.perf_counter() - start + _first_paint(qtbot, canvas, canvas.framePainted)
    assert elapsed < FIRST_PAINT_LIMIT
    assert canvas.visible_event_ids() == [opened.timeline.events[0].id]
    assert all(len(label.text) <= 240 for label in canvas.layout_now()[0].labels)


def test_a_ten_mb_title_does_not_slow_the_first_paint_of_the_window(
        qtbot: QtBot, request: pytest.FixtureRequest) -> None:
    path, _ = locate("native/ten_mb_title.chronology.json", request)
    opened = open_timeline(path)
    start = time.perf_counter()
    main_window = MainWindow(Document(opened))
    qtbot.addWidget(main_window)
    main_window.resize(1280, 800)
    elapsed = time.perf_counter() - start + _first_paint(qtbot, main_window,
                                                         main_window.canvas.framePainted)
    assert elapsed < FIRST_PAINT_LIMIT


# ----------------------------------------------------------------------------- not files


def _not_a_file(kind: str, tmp_path: Path) -> tuple[Path, str]:
    """A path that is no file of data, and what opening it must say."""
    if kind == "missing":
        return tmp_path / "missing.chronology.json", "no such file"
    if kind == "folder":
        return tmp_path, "this is a folder, not a file"
    if kind == "pipe":  # open() of a named pipe would wait for a writer for ever
        pipe = tmp_path / "pipe.chronology.json"
        os.mkfifo(pipe)
        return pipe, "not a file of data"
    return Path("/dev/zero"), "not a file of data"  # would never end


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX paths")
@pytest.mark.parametrize("kind", ["missing", "folder", "pipe", "device"])
def test_a_path_that_is_not_a_file_is_refused_at_once(
        kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        window: MainWindow) -> None:
    path, said = _not_a_file(kind, tmp_path)
    with pytest.raises(LoadError) as caught:
        open_timeline(path)
    assert [(p.location, said in p.message) for p in caught.value.problems] == [("file", True)]
    assert main(["validate", str(path)]) == 1
    assert f"{path}: file: error: {said}" in capsys.readouterr().out
    assert main(["export", str(path), "-o", str(tmp_path / "out.csv")]) == 1
    assert said in capsys.readouterr().err
    if kind in ("missing", "pipe"):  # as a source text too (named .txt)
        text = path.with_suffix(".txt")
        if kind == "pipe":
            os.mkfifo(text)
        with pytest.raises(LoadError) as caught:
            read_source(text)
        assert said in caught.value.problems[0].message
    assert not window.open_file(str(path))
    boxes = _dialogs(window)
    assert len(boxes) == 1 and said in boxes[0].detailedText()
    boxes[0].done(0)
    boxes[0].deleteLater()
