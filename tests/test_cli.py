"""The headless command line: export, validate, and the window's no-display message."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.cli import main
from timeline_app.io.csv_export import COLUMNS
from timeline_app.paths import DEFAULT_ARTICLE, DEFAULT_CHRONOLOGY

ROOT = Path(__file__).parents[1]


def test_export_csv_writes_the_documented_columns(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert main(["export", "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows = list(reader)
    article = DEFAULT_ARTICLE.read_text(encoding="utf-8")
    assert len(rows) == 29
    for row in rows:
        assert row["passage"] in article
        start, end = int(row["passage_start"]), int(row["passage_end"])
        assert article[start:end] == row["passage"]
        assert row["latest"] and (row["earliest"] == "" or row["earliest"] <= row["latest"])
    treaty = next(r for r in rows if r["id"] == "treaty-2001")
    assert (treaty["date"], treaty["earliest"], treaty["latest"], treaty["precision"]) == \
        ("2001", "2001-01-01", "2001-12-31", "year")
    protests = next(r for r in rows if r["id"] == "protests-begin")
    assert (protests["earliest"], protests["latest"]) == ("2025-12-21", "2026-01-20")


def test_export_csv_writes_far_years_signed_and_long(tmp_path: Path) -> None:
    source = tmp_path / "deep.chronology.json"
    source.write_text(json.dumps({
        "format": "timeline_app.chronology", "version": 1, "title": "Deep",
        "events": [{"id": "bang", "title": "Big Bang", "start": {"edtf": "Y-13800000000"}},
                   {"id": "caesar", "title": "Ides", "start": {"edtf": "-0043-03-15"}}],
    }))
    out = tmp_path / "deep.csv"
    assert main(["export", str(source), "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    assert rows["bang"]["earliest"] == "-13800000000-01-01"
    assert rows["caesar"]["latest"] == "-0043-03-15"


def test_export_json_is_the_native_file(tmp_path: Path) -> None:
    out = tmp_path / "copy.json"
    assert main(["export", "-o", str(out)]) == 0
    assert out.read_bytes() == DEFAULT_CHRONOLOGY.read_bytes()


def test_export_unknown_format_explains(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "-o", str(tmp_path / "x.doc")]) == 1
    assert "unknown format '.doc'" in capsys.readouterr().err


def test_validate_default_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert "clean: 29 events" in capsys.readouterr().out


def test_validate_lists_every_problem_with_its_location(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = DEFAULT_CHRONOLOGY.read_text(encoding="utf-8")
    data = json.loads(text)
    data["events"][0]["end"] = {"edtf": "1990", "as_written": ""}
    data["events"][1]["citations"][0]["source"] = "nowhere"
    data["events"][2]["citations"][0]["selector"][0]["exact"] = "words that are not there"
    data["events"][3]["citations"][0]["selector"][1]["end"] = 99_999
    bad = tmp_path / "bad.chronology.json"
    bad.write_text(json.dumps(data))
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "$.events[0].end" in out and "before it starts" in out
    assert "$.events[1].citations[0].source" in out and "'nowhere'" in out
    assert "$.events[2].citations[0]" in out and "orphan" in out
    assert "$.events[3].citations[0].selector" in out and "outside the source" in out


def test_validate_unreadable_file_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "timeline_app.chronology", "title": ')
    result = subprocess.run([sys.executable, str(ROOT / "run.py"), "validate", str(bad)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "broken.json: line 1, column" in result.stdout


def test_window_without_display_prints_one_clear_line() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, str(ROOT / "run.py")], capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "xvfb-run" in lines[0]


def test_output_cut_short_by_a_pipe_gives_no_traceback(tmp_path: Path) -> None:
    command = (f"{sys.executable} {ROOT / 'run.py'} export -o {tmp_path / 'x.csv'} && "
               f"{sys.executable} {ROOT / 'run.py'} validate "
               f"{ROOT / 'tests/corpus/native/events.chronology.json'} | head -1")
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
