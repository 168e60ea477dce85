"""The research workspace: every event opens its passage, every passage opens its event."""

import json
from dataclasses import replace

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from pytestqt.qtbot import QtBot

from timeline_app.core.model import AnchorStatus, TextQuoteSelector
from timeline_app.io.opening import Opened
from timeline_app.ui.document import Document
from timeline_app.ui.main_window import MainWindow
from timeline_app.ui.workspace import JSON_LD


def visible_range(window: MainWindow) -> tuple[int, int]:
    """Code-point offsets of the first and last characters shown in the source viewer."""
    view = window.source_viewer.view
    top = view.cursorForPosition(QPoint(5, 5)).position()
    bottom = view.cursorForPosition(QPoint(view.viewport().width() - 5,
                                           view.viewport().height() - 5)).position()
    return view.offsets.from_qt(top), view.offsets.from_qt(bottom)


def test_selecting_an_event_shows_and_highlights_exactly_its_passage(qtbot: QtBot,
                                                                      window: MainWindow) -> None:
    for event_id in ("smagin-limits", "treaty-2001", "protests-begin"):
        window.selection.select(event_id)
        event = window.document.timeline.event(event_id)
        assert event is not None and event.citations[0].position is not None
        start, end = event.citations[0].position.start, event.citations[0].position.end
        first, last = visible_range(window)
        assert first <= start <= last, (event_id, first, start, last)
        strong = [(s, e) for s, e, is_strong in window.source_viewer.highlighted_spans()
                  if is_strong]
        assert (start, end) in strong
        text = window.document.timeline.sources[0].text
        assert text[start:end] == event.citations[0].exact


def test_clicking_inside_a_passage_selects_its_event_everywhere(qtbot: QtBot,
                                                                 window: MainWindow) -> None:
    event = window.document.timeline.event("tariff-threat")
    assert event is not None and event.citations[0].position is not None
    viewer = window.source_viewer
    viewer.center_on(event.citations[0].position.start, event.citations[0].position.end)
    view = viewer.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(event.citations[0].position.start + 10))
    point = view.cursorRect(cursor).center()
    with qtbot.waitSignal(window.selection.changed):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.selection.current == "tariff-threat"
    rows = {window.table.table_model.event_id(i.row())
            for i in window.table.selectionModel().selectedRows()}
    assert rows == {"tariff-threat"}
    assert window.inspector.event_id == "tariff-threat"
    if window.canvas.is_animating():
        with qtbot.waitSignal(window.canvas.animationFinished, timeout=3000):
            pass
    frame, _, _ = window.canvas.layout_now()
    row = window.canvas.columns.row_of_id["tariff-threat"]
    assert row in frame.glyphs.index.tolist()


def test_table_selection_is_the_shared_selection(qtbot: QtBot, window: MainWindow) -> None:
    table = window.table
    row = table.table_model.row_of("eaeu-free-trade-2025")
    table.selectRow(row)
    assert window.selection.current == "eaeu-free-trade-2025"
    assert window.inspector.event_id == "eaeu-free-trade-2025"
    window.selection.select("treaty-2001")
    assert table.currentIndex().row() == table.table_model.row_of("treaty-2001")


def test_table_sorts_by_dates_title_and_category(window: MainWindow) -> None:
    model = window.table.table_model
    model.sort(0, Qt.SortOrder.AscendingOrder)
    titles = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    model.sort(3, Qt.SortOrder.DescendingOrder)
    latest = [model.data(model.index(r, 3)) for r in range(model.rowCount())]
    assert latest == sorted(latest, reverse=True)
    model.sort(5, Qt.SortOrder.AscendingOrder)
    categories = [model.data(model.index(r, 5)) for r in range(model.rowCount())]
    assert categories[0] == "Agreements & treaties"


def test_table_rows_have_accessible_names(window: MainWindow) -> None:
    model = window.table.table_model
    row = model.row_of("treaty-2001")
    spoken = model.data(model.index(row, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == ("Russia and Iran sign a treaty with security provisions later repeated "
                      "in 2025; date as written: signed in 2001; source: Long-Distance "
                      "Friendship: How Is Russia Reacting to the Protests in Iran and "
                      "Potential US Intervention?")
    for widget in (window.canvas, window.table, window.source_viewer, window.inspector,
                   window.filters, window.search_bar, window.overview, window.legend):
        assert widget.accessibleName()


def test_search_counts_and_walks_matches(qtbot: QtBot, window: MainWindow) -> None:
    window.find_action.trigger()
    assert window.search_bar.isVisible() and window.search_bar.field.hasFocus()
    qtbot.keyClicks(window.search_bar.field, "Trump")
    result = window.workspace.result
    assert len(result) >= 3
    assert window.search_bar.count.text() == f"{len(result)} matches"
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return)
    assert window.search_bar.count.text() == f"1 of {len(result)}"
    first = window.selection.current
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return)
    assert window.search_bar.count.text() == f"2 of {len(result)}"
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.search_bar.count.text() == f"1 of {len(result)}"
    assert window.selection.current == first
    assert window.canvas._emphasis == result.event_ids
    model = window.table.table_model
    row = model.row_of(first)
    assert model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole) is not None
    hits = [h for h in result.text_hits]
    text = window.document.timeline.sources[0].text
    assert hits and all(text[h.start:h.end] == "Trump" for h in hits)
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Escape)
    assert not window.search_bar.isVisible() and window.canvas._emphasis is None


def test_a_filter_hides_the_same_events_everywhere(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.filters
    panel.check(panel.categories, "protests")
    shown = set(window.canvas.columns.ids)
    protests = {e.id for e in window.document.timeline.events if e.category == "protests"}
    assert shown == protests
    model = window.table.table_model
    assert {model.event_id(r) for r in range(model.rowCount())} == protests
    overview_lanes = [i for i, p in enumerate(window.overview._profiles) if len(p) and p.max()]
    assert len(overview_lanes) == 1
    assert window.chips.isVisible()
    assert window.chips.chip_labels() == ["Category: Protests & repression"]
    panel.date_from.setText("late december 2025")
    panel.date_from.editingFinished.emit()
    assert "not a date" in panel.date_error.text()  # kept the old value, said why
    panel.date_from.setText("2026-01")
    panel.date_from.editingFinished.emit()
    assert window.chips.chip_labels() == ["Category: Protests & repression", "From: 2026-01"]
    window.chips.button("Category: Protests & repression").click()
    assert window.chips.chip_labels() == ["From: 2026-01"]
    window.clear_filters_action.trigger()
    assert not window.chips.isVisible()
    assert len(window.canvas.columns) == len(window.document.timeline.events)


def test_copy_citation_puts_text_and_json_ld_on_the_clipboard(window: MainWindow) -> None:
    window.selection.select("treaty-2001")
    window.copy_citation_action.trigger()
    data = QGuiApplication.clipboard().mimeData()
    assert data.text().startswith("Russia and Iran sign a treaty with security provisions")
    from timeline_app.core.anchoring import normalized

    assert normalized("“The security-related provisions of the agreement almost entirely match "
                      "those of a similar treaty signed in 2001.”") in normalized(data.text())
    annotation = json.loads(bytes(data.data(JSON_LD).data()).decode("utf-8"))
    assert annotation["type"] == "Annotation"
    types = {s["type"] for s in annotation["target"]["selector"]}
    assert types == {"TextQuoteSelector", "TextPositionSelector"}


def test_relinking_an_orphan(qtbot: QtBot, opened: Opened) -> None:
    timeline = opened.timeline
    event = timeline.event("treaty-2001")
    assert event is not None
    broken = replace(event.citations[0], quote=TextQuoteSelector("words that moved away"))
    events = tuple(replace(e, citations=(broken,)) if e.id == event.id else e
                   for e in timeline.events)
    from timeline_app.core.anchoring import anchor_timeline

    damaged, anchors = anchor_timeline(timeline.with_events(events))
    main = MainWindow(Document(Opened(damaged, "", "native", (), anchors)),
                      remember_layout=False)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    assert main.orphans.list.count() == 1
    assert main.document.anchor_status("treaty-2001", 0) is AnchorStatus.ORPHAN
    main.orphans.list.setCurrentRow(0)
    assert main.selection.current == "treaty-2001"
    # Select the right passage in the source viewer, then re-link.
    text = damaged.sources[0].text
    start = text.index("The security-related provisions")
    end = text.index("signed in 2001.") + len("signed in 2001.")
    view = main.source_viewer.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(start))
    cursor.setPosition(view.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    main.orphans.relink.click()
    assert main.orphans.list.count() == 0
    assert main.document.anchor_status("treaty-2001", 0) is AnchorStatus.EXACT
    relinked = main.document.timeline.event("treaty-2001")
    assert relinked is not None and relinked.citations[0].exact == text[start:end]
    main.document.undo_stack.undo()
    assert main.orphans.list.count() == 1


def test_dock_layout_is_restored_at_the_next_start(qtbot: QtBot, opened: Opened) -> None:
    first = MainWindow(Document(opened))
    qtbot.addWidget(first)
    first.show()
    first.table_dock.hide()
    first.close()
    second = MainWindow(Document(opened))
    qtbot.addWidget(second)
    second.show()
    assert not second.table_dock.isVisible()
    second.table_dock.show()
    second.close()
