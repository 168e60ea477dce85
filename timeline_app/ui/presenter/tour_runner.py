"""A running tour: keys to steps, the camera glide and emphasis, caption, console and overlays."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QScreen

from timeline_app.core.model import Event, Timeline, Tour, TourStep
from timeline_app.core.tours import Blank, StepView, TourRunner, playable_steps, step_views
from timeline_app.core.viewport import Viewport
from timeline_app.ui.presenter.caption import Caption, caption_for
from timeline_app.ui.presenter.console import (
    ConsoleState,
    PresenterConsole,
    console_screen,
    show_full_screen_on,
)
from timeline_app.ui.presenter.style import STEP_ANIMATION_MS
from timeline_app.ui.presenter.window import PresentationWindow

K = Qt.Key
#: Keys, including what presentation clickers send, and the runner command each one gives.
KEY_COMMANDS: dict[int, Callable[[TourRunner], None]] = {
    **dict.fromkeys((K.Key_Right, K.Key_Down, K.Key_Space, K.Key_PageDown), TourRunner.next),
    **dict.fromkeys((K.Key_Return, K.Key_Enter), TourRunner.enter),
    **dict.fromkeys((K.Key_Left, K.Key_Up, K.Key_PageUp), TourRunner.previous),
    K.Key_Backspace: TourRunner.back_key,
    K.Key_Home: TourRunner.first,
    K.Key_End: TourRunner.last,
    K.Key_B: lambda runner: runner.toggle_blank(Blank.BLACK),
    K.Key_Period: lambda runner: runner.toggle_blank(Blank.BLACK),
    K.Key_W: lambda runner: runner.toggle_blank(Blank.WHITE),
    K.Key_S: TourRunner.toggle_caption,
}
#: Clickers' "start presentation" button alternates F5 and Esc; F5 while presenting is ignored.
IGNORED_KEYS = (K.Key_F5,)


class PresenterSession(QObject):
    """One presentation of a tour: the audience's window and, with a second screen, the console."""

    finished = Signal()
    stepShown = Signal(int)

    def __init__(self, timeline: Timeline, tour: Tour, shown: Sequence[Event], start: int = 0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeline = timeline
        self.tour = tour
        self.shown = list(shown)
        self.steps = playable_steps(timeline, tour)
        self.views = step_views(timeline, self.steps, self.shown)
        self.runner = TourRunner(len(self.steps))
        self.runner.go(start)
        self.window = PresentationWindow(timeline.title)
        self.window.on_key = self.handle_key
        self.window.closed.connect(self.leave)
        self.window.canvas.eventClicked.connect(self.jump_to_event)
        self.window.canvas.resized.connect(self._reframe)
        self.window.selection.changed.connect(self._keep_focus_selected)
        self.console: PresenterConsole | None = None
        self._drawn: tuple[str, ...] | None = None
        self._detour: StepView | None = None
        self._left = False
        self._glide_started = 0.0

    # -- opening and leaving ------------------------------------------------------------

    def open(self, screen: QScreen | None, size: tuple[int, int] | None = None) -> None:
        """Show the presentation full screen on ``screen``, the console on another screen if any.

        ``size`` shows it in a window of that size instead (rehearsals, snapshots, tests).
        """
        other = console_screen(screen)
        if other is not None:
            self.console = PresenterConsole()
            self.console.on_key = self.handle_key
            self.console.on_close = self.leave
            show_full_screen_on(self.console, other)
        if size is None:
            show_full_screen_on(self.window, screen)
        else:
            self.window.resize(*size)
            self.window.show()
        self.window.activateWindow()
        self.window.setFocus()
        self._show(animate=False)

    def leave(self) -> None:
        """Close the presentation and the console (Esc, or closing either window)."""
        if self._left:
            return
        self._left = True
        for widget in (self.console, self.window):
            if widget is not None:
                widget.close()
                widget.deleteLater()
        self.finished.emit()

    # -- input -------------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on a key from either window; return whether it was a presentation key."""
        key = event.key()
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                | Qt.KeyboardModifier.AltModifier
                                | Qt.KeyboardModifier.MetaModifier):
            return False
        if key == K.Key_Escape:
            self.leave()
            return True
        if key in IGNORED_KEYS:
            return True
        before = self.runner.index
        left_detour = self._detour is not None and key in KEY_COMMANDS
        if key in KEY_COMMANDS:
            command = KEY_COMMANDS[key]
            if left_detour and command is TourRunner.previous:
                command = _stay
            self._detour = None
            command(self.runner)
        elif K.Key_0 <= key <= K.Key_9:
            self.runner.type_digit(key - K.Key_0)
        elif key == K.Key_P and self.console is None:
            self.runner.toggle_notes()
        elif key == K.Key_X and self.console is not None:
            self._swap_screens()
        else:
            return False
        if self.runner.index != before or left_detour:
            self._show(animate=True)
        else:
            self._render()
        return True

    def jump_to_event(self, event_id: str) -> None:
        """A click on an event: go to its step (the nearest one), or show it as a detour."""
        matches = [i for i, step in enumerate(self.steps) if step.event_id == event_id]
        if matches:
            self._detour = None
            self.runner.go(min(matches, key=lambda i: abs(i - self.runner.index)))
        else:
            self._detour = step_views(self.timeline, [TourStep(event_id)], self.shown)[0]
        self._show(animate=True)

    # -- showing -------------------------------------------------------------------------

    @property
    def view(self) -> StepView | None:
        """What is on screen now: the detour, or the current step."""
        if self._detour is not None:
            return self._detour
        return self.views[self.runner.index] if self.views else None

    def target(self) -> Viewport | None:
        """The viewport the camera goes to for what is on screen now."""
        view = self.view
        if view is None:
            return None
        return Viewport.showing(*view.window, self.window.canvas.viewport.width)

    def _show(self, animate: bool) -> None:
        view = self.view
        if view is None:
            self._render()
            return
        canvas = self.window.canvas
        if view.event_ids != self._drawn:
            events = [e for e in (self.timeline.event(i) for i in view.event_ids) if e]
            canvas.set_timeline(self.timeline, events)
        # Selecting first: the canvas brings a selection into view, and the glide below
        # replaces that short move with the presentation's own.
        self.window.selection.select(view.event_id)
        canvas.set_emphasis(frozenset({view.event_id}))
        target = self.target()
        if target is not None:
            self._glide_started = time.monotonic()
            canvas.set_viewport(target, animate=animate, duration_ms=STEP_ANIMATION_MS)
        if view.event_ids != self._drawn:
            # After the glide has begun: the new height resizes the canvas at once, and the
            # resize then re-aims the glide instead of jumping to the step.
            self.window.fit_canvas()
            self._drawn = view.event_ids
        canvas.scroll_to_event(view.event_id)
        self._render()
        self.stepShown.emit(self.runner.index)

    def _reframe(self) -> None:
        """After a resize, frame the same window at the new width.

        A glide under way goes on to the re-sized target for the time it had left: a new
        step's lanes can change the plot's width (its scrollbar comes or goes) mid-glide.
        """
        view, target = self.view, self.target()
        canvas = self.window.canvas
        if view is None or target is None:
            return
        canvas.scroll_to_event(view.event_id)  # the new height may hide its row
        if not canvas.is_animating():
            canvas.set_viewport(target, animate=False)
        elif canvas.animation_target().width != target.width:
            left = STEP_ANIMATION_MS - (time.monotonic() - self._glide_started) * 1000
            canvas.set_viewport(target, animate=True, duration_ms=max(120, round(left)))

    def caption(self, offset: int = 0) -> Caption | None:
        """The caption of what is on screen (offset 0) or of the step ``offset`` after it."""
        view = self.view if offset == 0 else None
        if offset:
            index = self.runner.index + offset
            view = self.views[index] if 0 <= index < len(self.views) else None
        event = self.timeline.event(view.event_id) if view else None
        return caption_for(self.timeline, event) if event else None

    def counter(self) -> str:
        """"4 / 12", or "off the tour · 4 / 12" on a detour."""
        return f"off the tour · {self.runner.counter}" if self._detour else self.runner.counter

    def notes(self) -> str:
        """The speaker notes of the current step."""
        if self._detour is not None or not self.steps:
            return ""
        return self.steps[self.runner.index].notes

    def _render(self) -> None:
        runner, window = self.runner, self.window
        caption = self.caption()
        if caption is not None:
            window.card.show_caption(caption, self.counter())
        window.set_caption_visible(runner.caption and caption is not None)
        window.progress.set_fraction(runner.progress)
        window.set_cover(runner.blank)
        window.set_typed(runner.typed, runner.count)
        following = self.caption(1)
        if self.console is None and runner.notes:
            after = f"\n\nNext: {following.title}" if following else "\n\nLast step."
            window.set_notes(f"Notes · {self.counter()}\n\n{self.notes() or '(none)'}{after}")
        else:
            window.set_notes(None)
        if self.console is not None and caption is not None:
            self.console.show_state(ConsoleState(caption, self.notes(), following,
                                                 self.counter(), self._status()))

    def _status(self) -> str:
        runner = self.runner
        if runner.typed:
            return f"Going to step {runner.typed}… (Enter)"
        if runner.blank is not Blank.NONE:
            return f"The screen is {runner.blank.value} (any move uncovers it)"
        return "" if runner.caption else "Caption hidden (S shows it)"

    def _keep_focus_selected(self, ids: frozenset[str], current: str) -> None:
        """A click on empty space must not lose the emphasis ring around the focused event."""
        view = self.view
        if view is not None and current != view.event_id:
            self.window.selection.select(view.event_id)

    def _swap_screens(self) -> None:
        """X: the presentation and the console change screens (the wrong one was current)."""
        if self.console is None:
            return
        audience, console = self.window.screen(), self.console.screen()
        show_full_screen_on(self.window, console)
        show_full_screen_on(self.console, audience)


def _stay(runner: TourRunner) -> None:
    """Leaving a detour backwards returns to the step it was taken from."""
    runner.go(runner.index)
