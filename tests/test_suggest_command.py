"""The suggest command: candidate events of a source text written as the export's CSV."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.cli import main
from timeline_app.io.csv_export import COLUMNS
from timeline_app.paths import DEFAULT_ARTICLE

ROOT = Path(__file__).parents[1]
ARTICLE = DEFAULT_ARTICLE.read_text(encoding="utf-8")
LATE_DECEMBER = "[2025-12-21..2025-12-31]"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        return list(reader)


def _row(rows: list[dict[str, str]], words: str) -> dict[str, str]:
    [row] = [r for r in rows if words in r["passage"]]
    return row


@pytest.fixture(scope="module")
def article_rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    out = tmp_path_factory.mktemp("suggest") / "candidates.csv"
    assert main(["suggest", str(DEFAULT_ARTICLE), "--published", "2026-01-20",
                 "-o", str(out)]) == 0
    return _rows(out)


@pytest.mark.parametrize(
    ("words", "as_written", "date", "earliest", "latest"),
    [
        ("similar treaty signed in 2001", "in 2001", "2001", "2001-01-01", "2001-12-31"),
        ("supply Russia with weapons", "since 2022", "2022", "2022-01-01", "2026-01-20"),
        ("Shahed drones", "starting in 2022", "2022", "2022-01-01", "2022-12-31"),
        ("Mi-28 helicopters", "announced for 2023", "2023", "2023-01-01", "2023-12-31"),
        ("Treaty on Comprehensive", "In 2025", "2025", "2025-01-01", "2025-12-31"),
        ("Eurasian Economic Union", "In 2025", "2025", "2025-01-01", "2025-12-31"),
        ("largest protests", "Since late December", LATE_DECEMBER, "2025-12-21", "2026-01-20"),
        ("Israel signaled", "in late December", LATE_DECEMBER, "2025-12-21", "2025-12-31"),
        ("Nikita Smagin", "since 2022", "2022", "2022-01-01", "2026-01-20"),
    ],
)
def test_the_article_gives_each_dated_passage_with_its_window(
        article_rows: list[dict[str, str]], words: str, as_written: str, date: str,
        earliest: str, latest: str) -> None:
    row = _row(article_rows, words)
    assert (row["as_written"], row["date"], row["earliest"], row["latest"]) == \
        (as_written, date, earliest, latest)


def test_every_row_cites_its_exact_passage(article_rows: list[dict[str, str]]) -> None:
    assert len(article_rows) >= 9
    for row in article_rows:
        start, end = int(row["passage_start"]), int(row["passage_end"])
        assert ARTICLE[start:end] == row["passage"]
        assert row["as_written"] in row["passage"]
        assert row["source"] == "Politics"  # the source's first line
    starts = [int(row["passage_start"]) for row in article_rows]
    assert starts == sorted(starts)  # in text order, for reading along


def test_a_written_published_date_is_accepted(tmp_path: Path) -> None:
    edtf, written = tmp_path / "edtf.csv", tmp_path / "written.csv"
    assert main(["suggest", str(DEFAULT_ARTICLE), "--published", "2026-01-20",
                 "-o", str(edtf)]) == 0
    assert main(["suggest", str(DEFAULT_ARTICLE), "--published", "January 20, 2026",
                 "-o", str(written)]) == 0
    assert edtf.read_bytes() == written.read_bytes()


def test_the_message_names_the_date_used_and_the_dateline_it_overrides(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", str(DEFAULT_ARTICLE), "--published", "2026-01-20",
                 "-o", str(tmp_path / "c.csv")]) == 0
    out = capsys.readouterr().out
    assert "resolved against 2026-01-20" in out
    assert "the dateline reads 'January 20, 2025' (line 3)" in out
    assert "'For several days' is a duration, not a date" in out


def test_without_published_the_dateline_is_used_and_said(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.csv"
    assert main(["suggest", str(DEFAULT_ARTICLE), "-o", str(out)]) == 0
    assert "using the dateline 'January 20, 2025' (line 3) -> 2025-01-20" in \
        capsys.readouterr().out
    # The printed (wrong) year moves late December back a year: why --published exists.
    assert _row(_rows(out), "largest protests")["date"] == "[2024-12-21..2024-12-31]"


def test_without_any_date_only_absolute_dates_resolve(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "notes.md"
    source.write_text("# Notes\n\nSince late December, talks. In 2001, a treaty.\n",
                      encoding="utf-8")
    out = tmp_path / "c.csv"
    assert main(["suggest", str(source), "-o", str(out)]) == 0
    message = capsys.readouterr().out
    assert "no dateline found" in message and "only absolute dates are resolved" in message
    assert "1 relative phrase left out for want of a publication date: 'late December'" \
        in message
    [row] = _rows(out)
    assert (row["as_written"], row["date"], row["source"]) == ("In 2001", "2001", "Notes")


def test_without_output_the_csv_goes_to_standard_output(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", str(DEFAULT_ARTICLE), "--published", "2026-01-20"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(",".join(COLUMNS))
    assert "suggest: wrote standard output" in captured.err


def test_an_html_page_is_read_by_the_source_importer(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("timeline_app.io.source_import")
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Page</title></head><body><p>In 2001, a treaty "
                    "was signed.</p></body></html>", encoding="utf-8")
    out = tmp_path / "c.csv"
    assert main(["suggest", str(page), "-o", str(out)]) == 0, capsys.readouterr().err
    assert [row["date"] for row in _rows(out)] == ["2001"]


@pytest.mark.parametrize(
    ("setup", "arguments", "message"),
    [
        (None, ["missing.txt"], "cannot read {dir}/missing.txt: no such file"),
        (b"caf\xe9 in 2001", ["latin.txt"], "not UTF-8 text"),
        (b"In 2001.", ["ok.txt", "--published", "soon"], "--published 'soon' is not a date"),
        (b"In 2001.", ["ok.pdf"], "a source is a .txt, .md or .html file"),
        (b"In 2001.", ["ok.txt", "-o", "{dir}/out.json"], "the output must be a .csv file"),
        (b"In 2001.", ["ok.txt", "-o", "{dir}/no/such/dir/out.csv"], "cannot write"),
        (b" \n\n", ["blank.txt"], "has no text to look for dates in"),
    ],
)
def test_bad_input_gives_one_line_and_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: bytes | None,
        arguments: list[str], message: str) -> None:
    if setup is not None:
        (tmp_path / arguments[0]).write_bytes(setup)
    first = str(tmp_path / arguments[0])
    rest = [a.replace("{dir}", str(tmp_path)) for a in arguments[1:]]
    assert main(["suggest", first, *rest]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("suggest: ")
    assert message.replace("{dir}", str(tmp_path)) in err


@pytest.mark.slow
def test_run_py_reports_a_bad_date_without_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "run.py"), "suggest", str(DEFAULT_ARTICLE),
         "--published", "2026-02-30", "-o", str(tmp_path / "c.csv")],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == ("suggest: --published '2026-02-30' is not a date; give "
                                     "EDTF (2026-01-20) or a written date (\"January 20, 2026\")")
