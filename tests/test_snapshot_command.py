"""The snapshot command renders the window offscreen at a size, view and selection."""

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from timeline_app.commands.snapshot import parse_window
from timeline_app.core import calendar as cal

ROOT = Path(__file__).parents[1]


def test_parse_window_accepts_edtf_and_deep_time() -> None:
    assert parse_window("2025-11-25..2026-01-20") == (cal.to_instant(2025, 11, 25),
                                                      cal.to_instant(2026, 1, 21))
    assert parse_window("Y-13800000000..2026")[0] == cal.to_instant(-13_800_000_000)
    with pytest.raises(ValueError, match=r"FROM\.\.TO"):
        parse_window("2026..2001")


@pytest.mark.slow
def test_snapshot_writes_a_png_of_the_requested_size(tmp_path: Path) -> None:
    out = tmp_path / "view.png"
    result = subprocess.run(
        [sys.executable, str(ROOT / "run.py"), "snapshot", "-o", str(out), "--size", "1024x640",
         "--window", "2025-11-25..2026-01-20", "--select", "protests-begin"],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 640)
    colors = {image.pixel(x, y) for x in range(0, 1024, 37) for y in range(0, 640, 23)}
    assert len(colors) > 20  # not blank


def test_snapshot_rejects_bad_arguments_with_a_message(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "run.py"), "snapshot", "-o", str(tmp_path / "x.png"),
         "--size", "huge"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "WIDTHxHEIGHT" in result.stderr
    assert "Traceback" not in result.stderr
