"""Where no window can open, the app says why in one line instead of a Qt abort."""

import pytest

from timeline_app.ui import launch


@pytest.fixture
def linux_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setattr(launch.sys, "platform", "linux")


def test_no_display_is_explained(monkeypatch: pytest.MonkeyPatch, linux_display: None) -> None:
    monkeypatch.delenv("DISPLAY")
    assert launch.display_problem() == launch.NO_DISPLAY_MESSAGE


def test_missing_x11_libraries_are_named(monkeypatch: pytest.MonkeyPatch,
                                         linux_display: None) -> None:
    def refuse(path: str, mode: int = 0) -> None:
        raise OSError("libxcb-icccm.so.4: cannot open shared object file: No such file")

    monkeypatch.setattr(launch.ctypes, "CDLL", refuse)
    problem = launch.display_problem()
    assert problem is not None and "libxcb-icccm.so.4" in problem
    assert "apt-get install" in problem and "\n" not in problem


def test_a_chosen_platform_is_trusted(monkeypatch: pytest.MonkeyPatch,
                                      linux_display: None) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert launch.display_problem() is None


def test_launch_prints_the_problem_and_exits_2(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str],
                                               linux_display: None) -> None:
    monkeypatch.delenv("DISPLAY")
    assert launch.launch(None) == 2
    assert capsys.readouterr().err.strip() == launch.NO_DISPLAY_MESSAGE
