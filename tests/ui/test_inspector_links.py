"""Links open only http/https, and only after the user confirms."""

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from timeline_app.ui.main_window import MainWindow


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: urls.append(url.toString()) or True))
    return urls


def test_unsafe_schemes_are_never_opened(window: MainWindow, opened_urls: list[str],
                                         _no_blocking_dialogs: list[str]) -> None:
    for url in ("javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/x", "x"):
        assert not window.inspector.open_link(url)
    assert opened_urls == []
    assert _no_blocking_dialogs.count("Link not opened") == 4


def test_web_links_open_only_after_confirmation(window: MainWindow, opened_urls: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert not window.inspector.open_link("https://example.com/a")  # the default answer is No
    assert opened_urls == []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    assert window.inspector.open_link("https://example.com/a")
    assert opened_urls == ["https://example.com/a"]
