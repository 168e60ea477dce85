"""Pictures of presentation steps at 1920×1080, as the audience sees them."""

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from timeline_app.ui.presenter.snapshot import main, render_steps
from timeline_app.ui.presenter.style import COLOURS


def test_three_steps_at_full_hd(tmp_path: Path, qtbot: QtBot) -> None:
    paths = render_steps(None, "Story", [1, 7, 10], (1920, 1080), str(tmp_path / "story"))
    assert [Path(p).name for p in paths] == ["story-step1.png", "story-step7.png",
                                             "story-step10.png"]
    for path in paths:
        image = QImage(path)
        assert (image.width(), image.height()) == (1920, 1080)
        # The calm dark background, and the progress bar's accent along the bottom-left.
        assert image.pixelColor(1919, 1075) == COLOURS.surface
        assert image.pixelColor(2, 1077) == COLOURS.accent
        assert image.pixelColor(1000, 5) != QColor("white")


def test_the_command_reports_a_missing_tour(tmp_path: Path, qtbot: QtBot,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--tour", "missing", "-o", str(tmp_path / "x")]) == 1
    assert "no tour is called 'missing'" in capsys.readouterr().err
