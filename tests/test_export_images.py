"""PNG, SVG and PDF exports: sizes, text kept as text, vector pages, windows and bad arguments."""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from timeline_app.cli import main
from timeline_app.core.model import Timeline
from timeline_app.io.opening import open_timeline
from timeline_app.paths import DEFAULT_CHRONOLOGY
from timeline_app.view.render_files import export_image

ROOT = Path(__file__).parents[1]
SVG = "{http://www.w3.org/2000/svg}"
WINDOW_ARGS = ["--from", "2025-11-25", "--to", "2026-01-20"]
BEFORE_WINDOW = {"treaty-2001", "shahed-deal-2022", "invasion-isolation-2022",
                 "mi28-il76-announced-2023"}


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return open_timeline(DEFAULT_CHRONOLOGY).timeline


def svg_text(path: Path) -> str:
    """All <text> contents in document order, one space between them, spaces normalised."""
    root = ET.parse(path).getroot()
    parts = ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]
    return " ".join(" ".join(parts).split())


def pdf_streams(data: bytes) -> list[bytes]:
    """Every stream of a PDF, inflated where it is compressed."""
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            streams.append(zlib.decompress(match.group(1)))
        except zlib.error:
            streams.append(match.group(1))
    return streams


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


# ----------------------------------------------------------------------------- SVG


def test_svg_parses_and_keeps_every_title_as_text(qapp: QApplication, timeline: Timeline,
                                                  tmp_path: Path) -> None:
    out = tmp_path / "chronology.svg"
    result = export_image(timeline, out)
    text = svg_text(out)
    assert timeline.title in text
    for event in timeline.events:
        assert " ".join(event.title.split()) in text, event.title
    root = ET.parse(out).getroot()
    assert root.get("version") == "1.1"  # clip paths keep glyphs out of the lane names
    assert root.find(f"{SVG}defs/{SVG}clipPath") is not None
    assert len(list(root.iter(f"{SVG}text"))) > 2 * result.events
    assert root.get("viewBox") == f"0 0 {result.width:g} {result.height:g}"
    # Pixel-sized fonts: a point size would come out at 72 dpi (9 pt as 9 px, not 12).
    sizes = {float(e.get("font-size", "0")) for e in root.iter(f"{SVG}text")}
    assert min(sizes) >= 10


def test_svg_escapes_quotes_ampersands_and_angle_brackets(qapp: QApplication,
                                                         timeline: Timeline,
                                                         tmp_path: Path) -> None:
    tricky = 'Smith & Sons say "no" to <b>tags</b> — “really” & \'truly\''
    first = replace(timeline.events[0], title=tricky)
    out = tmp_path / "tricky.svg"
    export_image(replace(timeline, title="A & B <draft>", events=(first,)), out)
    raw = out.read_text(encoding="utf-8")
    assert "<b>" not in raw and "&amp;" in raw
    text = svg_text(out)
    assert tricky in text and "A & B <draft>" in text


def test_svg_of_a_window_lists_only_that_window(qapp: QApplication, timeline: Timeline,
                                                tmp_path: Path) -> None:
    out = tmp_path / "window.svg"
    assert main(["export", "-o", str(out), *WINDOW_ARGS]) == 0
    text = svg_text(out)
    for event in timeline.events:
        assert (event.title in text) == (event.id not in BEFORE_WINDOW), event.id
    assert "25 November 2025 – 20 January 2026" in text
    assert "25 events of 29" in text


# ----------------------------------------------------------------------------- PDF


def test_pdf_is_vector_with_the_pages_its_list_needs(qapp: QApplication, timeline: Timeline,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "chronology.pdf"
    result = export_image(timeline, out, size=(842, 595))
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert result.pages > 1 and page_count(data) == result.pages
    content = b"".join(pdf_streams(data))
    assert b"BT" in content and (b"Tj" in content or b"TJ" in content)
    assert b"/Subtype /Image" not in data and b"/Subtype/Image" not in data
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes and all((float(w), float(h)) == pytest.approx((842, 595), abs=1)
                         for w, h in boxes)


def test_a_larger_pdf_page_or_a_window_needs_fewer_pages(qapp: QApplication,
                                                         timeline: Timeline,
                                                         tmp_path: Path) -> None:
    a4 = export_image(timeline, tmp_path / "a4.pdf", size=(842, 595))
    a3 = export_image(timeline, tmp_path / "a3.pdf", size=(1191, 842))
    window = (timeline.event("protests-begin").start.earliest or 0,  # type: ignore[union-attr]
              timeline.event("protests-begin").start.latest or 0)  # type: ignore[union-attr]
    narrow = export_image(timeline, tmp_path / "narrow.pdf", window, size=(842, 595))
    assert a3.pages < a4.pages and narrow.pages < a4.pages
    assert page_count((tmp_path / "a3.pdf").read_bytes()) == a3.pages


def test_pdf_defaults_to_a_landscape_paper_size(qapp: QApplication, timeline: Timeline,
                                                tmp_path: Path) -> None:
    result = export_image(timeline, tmp_path / "default.pdf")
    assert (round(result.width), round(result.height)) in {(842, 595), (792, 612)}


# ----------------------------------------------------------------------------- PNG


@pytest.mark.parametrize("scale", [1, 2])
def test_png_has_the_requested_size_and_is_not_blank(qapp: QApplication, timeline: Timeline,
                                                     tmp_path: Path, scale: int) -> None:
    out = tmp_path / f"chronology@{scale}x.png"
    result = export_image(timeline, out, size=(1200, 1400), scale=scale)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200 * scale, 1400 * scale)
    assert result.omitted > 0  # the fixed height cuts the list short, saying so
    colors = {image.pixel(x, y) for x in range(0, image.width(), 17)
              for y in range(0, image.height(), 13)}
    assert len(colors) > 40
    # The title block (top left, under the margin) holds dark text.
    title = [QColor(image.pixel(x, y)).lightness()
             for x in range(36 * scale, 300 * scale) for y in range(36 * scale, 58 * scale)]
    assert min(title) < 80 and sum(v < 128 for v in title) > 50 * scale


def test_png_without_a_height_grows_to_hold_the_whole_list(qapp: QApplication,
                                                           timeline: Timeline,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "tall.png"
    result = export_image(timeline, out, size=(1600, None))
    image = QImage(str(out))
    assert result.omitted == 0 and result.events == len(timeline.events)
    assert image.width() == 1600 and image.height() == result.height > 1000


def test_command_line_png_scale_two_doubles_the_pixels(qapp: QApplication,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "window.png"
    assert main(["export", "-o", str(out), *WINDOW_ARGS, "--width", "1000", "--height",
                 "1500", "--scale", "2"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (2000, 3000)


# ----------------------------------------------------------------------------- errors


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2025-13-40"], "--from '2025-13-40'"),
    (["--to", "yesterday"], "--to 'yesterday'"),
    (["--from", "2026", "--to", "2025"], "must come before"),
    (["--width", "wide"], "--width 'wide'"),
    (["--width", "100"], "width 100"),
    (["--height", "-5"], "--height '-5'"),
    (["--height", "300"], "too small"),
    (["--scale", "3"], "--scale '3'"),
])
def test_bad_arguments_give_one_line_and_exit_1(qapp: QApplication, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                args: list[str], message: str) -> None:
    out = tmp_path / "bad.png"
    assert main(["export", "-o", str(out), *args]) == 1
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1 and "Traceback" not in error
    assert not out.exists()


@pytest.mark.parametrize(("name", "args", "message"), [
    ("x.svg", ["--scale", "2"], "PNG images only"),
    ("x.pdf", ["--width", "600"], "both a width and a height"),
    ("x.pdf", ["--width", "20", "--height", "20"], "width 20"),
])
def test_options_that_do_not_fit_the_format_are_refused(qapp: QApplication, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str],
                                                        name: str, args: list[str],
                                                        message: str) -> None:
    assert main(["export", "-o", str(tmp_path / name), *args]) == 1
    assert message in capsys.readouterr().err


def test_the_api_raises_clear_errors(qapp: QApplication, timeline: Timeline,
                                     tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.png, \.svg or \.pdf"):
        export_image(timeline, tmp_path / "x.gif")
    with pytest.raises(ValueError, match="start must come before"):
        export_image(timeline, tmp_path / "x.png", window=(10, 10))
    with pytest.raises(OSError):
        export_image(timeline, tmp_path / "missing" / "x.png")
    (tmp_path / "kept.png").write_bytes(b"old")
    with pytest.raises(ValueError):
        export_image(timeline, tmp_path / "kept.png", size=(1600, 100))
    assert (tmp_path / "kept.png").read_bytes() == b"old"


@pytest.mark.slow
def test_the_command_runs_headless_and_fails_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    done = subprocess.run([sys.executable, str(ROOT / "run.py"), "export", "-o", str(out),
                           *WINDOW_ARGS], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and page_count(out.read_bytes()) >= 1
    bad = subprocess.run([sys.executable, str(ROOT / "run.py"), "export", "-o",
                          str(tmp_path / "x.png"), "--scale", "two"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and bad.stderr.strip().startswith("export: --scale")
    assert "Traceback" not in bad.stderr
