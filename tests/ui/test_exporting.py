"""File → Export writes what the window shows."""

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from timeline_app.io import native
from timeline_app.ui.main_window import MainWindow


def test_exports_follow_the_filters(window: MainWindow, tmp_path: Path) -> None:
    window.filters.check(window.filters.categories, "protests")
    out = tmp_path / "shown.csv"
    assert window.exporter.export("csv", str(out))
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 6 and {r["category"] for r in rows} == {"protests"}
    out_json = tmp_path / "shown.chronology.json"
    assert window.exporter.export("native", str(out_json))
    assert len(native.load(out_json)[0].events) == 6
    out_web = tmp_path / "shown.timelinejs.json"
    assert window.exporter.export("timelinejs", str(out_web))
    assert len(json.loads(out_web.read_text(encoding="utf-8"))["events"]) == 6


def test_picture_of_the_view(window: MainWindow, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "view"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    window.export_actions["png"].trigger()
    image = QImage(str(target) + ".png")
    assert not image.isNull() and image.width() >= 1000


def test_a_failed_export_says_why(window: MainWindow,
                                  _no_blocking_dialogs: list[str]) -> None:
    assert not window.exporter.export("csv", "/proc/cannot/write/here.csv")
    assert "Export failed" in _no_blocking_dialogs
