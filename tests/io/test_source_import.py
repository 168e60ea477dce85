"""Sources from text, Markdown and HTML files, or pasted text: title, text, hash, date."""

from pathlib import Path

import pytest

from timeline_app.core.model import PublicationDate, sha256_text
from timeline_app.core.problems import LoadError
from timeline_app.io.source_import import read_source, source_from_text

PAGE = """<!doctype html>
<html><head>
<title>Russia and Iran &ndash; a report</title>
<meta name="author" content="A. Writer">
<meta property="og:site_name" content="The Paper">
<meta property="og:url" content="https://paper.example/report">
<meta property="article:published_time" content="2026-01-20T08:30:00+03:00">
<link rel="stylesheet" href="https://cdn.example/site.css">
<script>track()</script>
</head><body>
<h1>A report</h1>
<p>Moscow <a href="https://paper.example/more">reacted</a> cautiously.</p>
<img src="https://tracker.example/pixel.gif"><iframe src="https://ads.example/"></iframe>
<p>Second paragraph.</p>
</body></html>
"""


def test_pasted_text_gets_a_title_an_id_and_a_hash() -> None:
    source = source_from_text("\r\n  First line is the title\r\nthen the rest\r\n",
                              taken={"first-line-is-the-title"})
    assert source.title == "First line is the title"
    assert source.id == "first-line-is-the-title-2"
    assert source.text == "\n  First line is the title\nthen the rest\n"
    assert source.sha256 == sha256_text(source.text) and source.published is None


def test_text_file_keeps_its_text_exactly(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\xef\xbb\xbfField notes\r\n\r\nThe meeting was on 12 March.\r\n")
    published = PublicationDate("12 March 2001", "2001-03-12")
    imported = read_source(path, published=published)
    assert imported.source.title == "Field notes"
    assert imported.source.text == "Field notes\n\nThe meeting was on 12 March.\n"
    assert imported.source.published == published and imported.offered_published is None


def test_markdown_title_is_its_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "memo.md"
    path.write_text("Draft, do not cite\n\n## The *real* title ##\n\nBody.\n", encoding="utf-8")
    assert read_source(path).source.title == "The *real* title"
    path.write_text("Setext title\n============\n\nBody.\n", encoding="utf-8")
    assert read_source(path).source.title == "Setext title"


def test_html_becomes_plain_text_without_scripts_or_remote_content(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(PAGE, encoding="utf-8")
    imported = read_source(path)
    source = imported.source
    assert source.title == "Russia and Iran – a report"
    assert source.text == "A report\n\nMoscow reacted cautiously.\n\nSecond paragraph."
    assert (source.author, source.publisher, source.url) == (
        "A. Writer", "The Paper", "https://paper.example/report")
    assert imported.offered_published == PublicationDate("2026-01-20T08:30:00+03:00",
                                                         "2026-01-20")
    assert source.published == imported.offered_published  # used when none is given


def test_the_callers_date_wins_over_the_pages(tmp_path: Path) -> None:
    path = tmp_path / "report.htm"
    path.write_text(PAGE, encoding="utf-8")
    given = PublicationDate("January 20, 2025", "2026-01-20", "misprinted dateline")
    imported = read_source(path, published=given)
    assert imported.source.published == given
    assert imported.offered_published is not None


def test_meta_dates_in_words_are_offered_too(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text('<meta name="date" content="March 12, 2001"><p>Text</p>', encoding="utf-8")
    assert read_source(path).offered_published == PublicationDate("March 12, 2001",
                                                                  "2001-03-12")


def test_unsupported_or_empty_files_are_refused_clearly(tmp_path: Path) -> None:
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    with pytest.raises(LoadError, match=r"cannot import '\.pdf' as a source"):
        read_source(pdf)
    page = tmp_path / "empty.html"
    page.write_text("<script>only()</script><img src=x>", encoding="utf-8")
    with pytest.raises(LoadError, match="no text to cite"):
        read_source(page)
    with pytest.raises(LoadError, match="no such file"):
        read_source(tmp_path / "missing.txt")


def test_windows_1252_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Caf\u00e9 \u2013 notes".encode("cp1252"))
    assert read_source(path).source.text == "Café – notes"
