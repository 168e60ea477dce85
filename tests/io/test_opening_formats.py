"""Opening chooses the format by content, whatever the extension; export converts between them."""

import json
import shutil
from pathlib import Path

import pytest

from timeline_app.cli import main
from timeline_app.core.problems import LoadError
from timeline_app.io import native, timelinejs
from timeline_app.io.opening import FORMATS, open_timeline
from timeline_app.paths import DEFAULT_CHRONOLOGY

DATA = Path(__file__).parent / "data"
CSV = "Title,Start date,Category\nTreaty,2001,Agreements\nInvasion,2022,War\n"


def test_formats_are_tried_native_first_and_csv_last() -> None:
    assert [f.name for f in FORMATS][:4] == ["native", "timelinejs", "thetimeline", "csv"]


@pytest.mark.parametrize(("source", "misleading_name", "format_name"), [
    (DATA / "cosmos.timelinejs.json", "events.csv", "timelinejs"),
    (DATA / "releases.timeline", "releases.json", "thetimeline"),
    (DATA / "releases.timeline", "releases.csv", "thetimeline"),
    (DEFAULT_CHRONOLOGY, "chronology.csv", "native"),
    (DEFAULT_CHRONOLOGY, "chronology.timeline", "native"),
    (None, "table.json", "csv"),
    (None, "table.txt", "csv"),
])
def test_open_picks_the_format_by_content(tmp_path: Path, source: Path | None,
                                          misleading_name: str, format_name: str) -> None:
    path = tmp_path / misleading_name
    if source is None:
        path.write_text(CSV, encoding="utf-8")
    else:
        shutil.copyfile(source, path)
    assert open_timeline(path).format == format_name


def test_unknown_content_is_refused_with_the_formats_listed(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("Dear reader, nothing here is a timeline.\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"not a format this app reads .*TimelineJS JSON.*CSV"):
        open_timeline(path)


def test_export_timelinejs_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert main(["export", "-o", str(out), "--format", "timelinejs"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["scale"] == "human" and len(data["events"]) == 29
    back, _ = timelinejs.load(out)
    original, _ = native.load(DEFAULT_CHRONOLOGY)
    assert [e.title for e in back.events] == [e.title for e in original.events]


def test_export_converts_any_importable_file_to_native(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    for name, content in (("some.csv", CSV.encode()),
                          ("rel.timeline", (DATA / "releases.timeline").read_bytes()),
                          ("tjs.json", (DATA / "rome.timelinejs.json").read_bytes())):
        source = tmp_path / name
        source.write_bytes(content)
        out = tmp_path / f"{name}.out.json"
        assert main(["export", str(source), "-o", str(out)]) == 0
        converted, problems = native.load(out)
        assert converted.events and problems == []
    assert "wrote" in capsys.readouterr().out


def test_a_bad_import_is_a_message_not_a_traceback(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "broken.timeline"
    source.write_bytes(b"<timeline><events></timeline>")
    assert main(["export", str(source), "-o", str(tmp_path / "x.json")]) == 1
    error = capsys.readouterr().err
    assert "broken.timeline: line 1, column 21: error: not well-formed XML: mismatched tag" in error
    assert "Traceback" not in error
