"""Tour handouts: a PDF page per step, from the window and from the command line."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from timeline_app.core.tours import find_tour, step_views
from timeline_app.io.opening import Opened
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.presenter.handout import (
    handout_pages,
    page_image,
    page_size_pixels,
    write_handout,
)

RUN = Path(__file__).parents[3] / "run.py"


def pdf_pages(path: Path) -> int:
    """Page objects in a PDF (QPdfWriter writes one ``/Type /Page`` each)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


def test_the_shipped_tours_handout_has_one_page_per_step(opened: Opened, tmp_path: Path,
                                                         qtbot: QtBot) -> None:
    timeline = opened.timeline
    tour = find_tour(timeline, "Story")
    assert tour is not None
    out = tmp_path / "deck.pdf"
    assert write_handout(timeline, tour, timeline.events, out) == 13
    assert out.read_bytes().startswith(b"%PDF")
    assert pdf_pages(out) == 13


def test_each_page_shows_the_steps_window_caption_and_citation(opened: Opened,
                                                               qtbot: QtBot) -> None:
    timeline = opened.timeline
    tour = find_tour(timeline, "Story")
    assert tour is not None
    size = page_size_pixels()
    pages = handout_pages(timeline, tour, timeline.events, size)
    views = step_views(timeline, tour.steps, timeline.events)
    for page, view, step in zip(pages, views, tour.steps, strict=True):
        context = page.picture.context
        assert context.viewport.start <= view.window[0] + 1
        assert context.viewport.end >= view.window[1] - 1
        assert context.scene.columns.ids[context.current] == step.event_id
        event = timeline.event(step.event_id)
        assert event is not None
        texts = ["".join(p.text for p in line.pieces) for line in page.citation.lines]
        assert texts[0] == "Full citation"
        assert event.citations[0].exact.split()[0] in " ".join(texts)
        assert page.card.height > 0
        # Everything fits on the page: chronology, card and citation above the footer.
        bottom = (page.heading.height + page.picture.height * page.picture_scale
                  + page.card.height + page.citation.height)
        assert bottom < size.height() - 2 * 40
    # A step filter narrows the page's chronology as it narrows the screen.
    russia = pages[3].picture.context.scene.columns
    assert {lane.id for lane in russia.lanes if len(russia.ids)} >= {"diplomacy", "media"}
    assert all(timeline.event(i).category in ("diplomacy", "media")  # type: ignore[union-attr]
               for i in russia.ids)


def test_a_page_as_an_image_is_drawn_like_the_pdf(opened: Opened, qtbot: QtBot) -> None:
    timeline = opened.timeline
    tour = find_tour(timeline, "Story")
    assert tour is not None
    size = page_size_pixels()
    page = handout_pages(timeline, tour, timeline.events, size)[9]
    image = page_image(page, size)
    assert (image.width(), image.height()) == (round(size.width()), round(size.height()))
    assert image.pixelColor(5, 5) == QColor("white")
    inked = sum(1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
                if image.pixelColor(x, y).lightness() < 128)
    assert inked > 500  # text and the chronology, not an empty page


def test_export_handout_from_the_window(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "story.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(out), "PDF (*.pdf)")))
    panel = window.presenter.panel
    panel.tours.setCurrentIndex(panel.tours.findData("Story"))
    panel.tours.activated.emit(panel.tours.currentIndex())
    window.presenter.handout_action.trigger()
    assert pdf_pages(out) == 13
    assert "13 pages" in window.statusBar().currentMessage()


@pytest.mark.slow
def test_export_tour_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "deck.pdf"
    result = subprocess.run([sys.executable, str(RUN), "export", "--tour", "story", "-o",
                             str(out)], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "tour 'story'" in result.stdout
    assert pdf_pages(out) == 13
    default = tmp_path / "all.pdf"
    result = subprocess.run([sys.executable, str(RUN), "export", "--tour", "default", "-o",
                             str(default)], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert pdf_pages(default) == 29


@pytest.mark.parametrize("name, output, message", [
    ("nope", "deck.pdf", "no tour is called 'nope' (tours: default, Story)"),
    ("story", "deck.png", "--tour writes a PDF handout"),
])
def test_export_tour_errors_are_one_line(tmp_path: Path, name: str, output: str,
                                         message: str) -> None:
    result = subprocess.run([sys.executable, str(RUN), "export", "--tour", name, "-o",
                             str(tmp_path / output)], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / output).exists()
