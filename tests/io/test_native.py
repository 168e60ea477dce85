"""The native file: exact round trip, every problem located, atomic saves, schema agreement."""

import json
from pathlib import Path

import jsonschema
import pytest

from timeline_app.core.problems import LoadError, Severity
from timeline_app.io import native
from timeline_app.paths import DEFAULT_CHRONOLOGY, SCHEMA


def minimal(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {"format": native.FORMAT_NAME, "version": 1, "title": "T"}
    data.update(overrides)
    return data


def load_problems(data: object) -> list[str]:
    with pytest.raises(LoadError) as caught:
        native.loads(json.dumps(data), "bad.json")
    return [f"{p.location}: {p.message}" for p in caught.value.problems
            if p.severity is Severity.ERROR]


def test_default_file_round_trips_byte_for_byte(tmp_path: Path) -> None:
    original = DEFAULT_CHRONOLOGY.read_text(encoding="utf-8")
    timeline, warnings = native.loads(original)
    assert warnings == []
    out = tmp_path / "copy.json"
    native.save(timeline, out)
    assert out.read_text(encoding="utf-8") == original


def test_all_problems_are_collected_with_json_paths() -> None:
    problems = load_problems(minimal(
        title=3,
        events=[
            {"id": "a", "title": "A", "start": {"edtf": "2025-13"}},
            {"id": "b", "start": {"edtf": "2025"}},
            {"id": "c", "title": "C", "start": {"edtf": "2025"}, "tags": "x"},
            {"id": "d", "title": "D", "start": {"edtf": "2025"},
             "citations": [{"source": "s", "selector": [{"type": "Nope"}]}]},
        ],
    ))
    joined = "\n".join(problems)
    assert "$.title: expected a string, got an integer 3" in joined
    assert "$.events[0].start.edtf: '2025-13' is not a valid EDTF date" in joined
    assert "$.events[1]: missing required field 'title'" in joined
    assert "$.events[2].tags: expected an array" in joined
    assert "$.events[3].citations[0].selector[0].type: expected \"TextQuoteSelector\"" in joined
    assert len(problems) >= 5


def test_syntax_errors_give_line_and_column() -> None:
    with pytest.raises(LoadError) as caught:
        native.loads('{\n  "format": "timeline_app.chronology",\n  "title": }', "broken.json")
    assert "broken.json: line 3, column" in str(caught.value)


def test_wrong_format_and_newer_version_are_explained() -> None:
    assert any("$.format" in p for p in load_problems({"format": "other", "title": "T"}))
    assert any("please update" in p for p in load_problems(minimal(version=99)))


def test_unknown_fields_are_warnings_not_errors() -> None:
    _, warnings = native.loads(json.dumps(minimal(extra=1)))
    assert [w.location for w in warnings] == ["$.extra"]


def test_save_replaces_atomically_and_keeps_no_temporary(tmp_path: Path) -> None:
    timeline, _ = native.load(DEFAULT_CHRONOLOGY)
    target = tmp_path / "t.chronology.json"
    target.write_text("old")
    native.save(timeline, target)
    assert [p.name for p in tmp_path.iterdir()] == ["t.chronology.json"]
    assert native.load(target)[0] == timeline


def test_save_to_a_read_only_place_fails_and_leaves_the_original(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    timeline, _ = native.load(DEFAULT_CHRONOLOGY)
    target = tmp_path / "t.json"
    target.write_text("original")

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Root may write into a chmod-ed folder, so refuse the final rename instead.
    monkeypatch.setattr("os.replace", refuse)
    with pytest.raises(PermissionError):
        native.save(timeline, target)
    assert target.read_text() == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]


def test_save_where_no_file_can_be_created_raises() -> None:
    timeline, _ = native.load(DEFAULT_CHRONOLOGY)
    with pytest.raises(OSError):
        native.save(timeline, "/proc/timeline_app_cannot_write_here.json")


def test_schema_accepts_the_default_file_and_rejects_what_the_loader_rejects() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    default = json.loads(DEFAULT_CHRONOLOGY.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(default)) == []
    bad = minimal(events=[{"id": "b", "start": {"edtf": "2025"}}])
    assert list(validator.iter_errors(bad))
    assert load_problems(bad)
