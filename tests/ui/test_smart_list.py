"""The Smart List tab: filters from the list, logic checked as typed, a live audience count
computed off the GUI thread."""

from __future__ import annotations

import pytest

from smsflow_desktop.model.campaign import (
    Campaign,
    MemberOfListFilter,
    MemberOfVibesListFilter,
    PersonFieldFilter,
    SmartList,
    SubscribedToVibesListFilter,
)
from smsflow_desktop.model.document import CampaignDocument
from smsflow_desktop.services.smart_list_count import count_smart_list
from smsflow_desktop.ui.editor.audience import AudienceCounter
from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.editor.smart_list_tab import KIND_ROLE, SmartListTab


@pytest.fixture
def counter(qtbot, workspace):
    c = AudienceCounter(workspace.root)
    yield c
    c.shutdown()
    qtbot.waitUntil(lambda: not c.count_thread.isRunning())


@pytest.fixture
def smart_tab(qtbot, catalog, counter):
    def make(smart_list: SmartList | None = None) -> SmartListTab:
        document = CampaignDocument(Campaign(name="S", smart_list=smart_list or SmartList()), catalog.refs)
        controller = DocumentController(document)
        tab = SmartListTab(controller, catalog, counter)
        qtbot.addWidget(tab)
        tab.resize(1100, 700)
        tab.show()
        return tab

    return make


def library_item(tab: SmartListTab, kind: str):
    for i in range(tab.library.count()):
        if tab.library.item(i).data(KIND_ROLE) == kind:
            return tab.library.item(i)
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "smart_list, expected",
    [
        (SmartList(), 5),
        (SmartList(filters=[PersonFieldFilter(field="country", values=["se"])]), 2),
        (SmartList(filters=[PersonFieldFilter(field="country", operator="is_not", values=["SE"])]), 3),
        (SmartList(filters=[PersonFieldFilter(field="phone", operator="is_empty")]), 1),
        (SmartList(filters=[MemberOfListFilter(list="VIP")]), 2),
        (SmartList(filters=[MemberOfVibesListFilter(vibes_list_id="101")]), 2),
        (SmartList(filters=[SubscribedToVibesListFilter(vibes_list_id="102")]), 0),
        (
            SmartList(
                logic="1 or 2",
                filters=[
                    PersonFieldFilter(field="first_name", values=["Anna"]),
                    PersonFieldFilter(field="first_name", operator="starts_with", values=["e"]),
                ],
            ),
            2,
        ),
        (
            SmartList(
                logic="1 and not 2",
                filters=[PersonFieldFilter(field="country", values=["US"]), MemberOfListFilter(list="VIP")],
            ),
            2,
        ),
    ],
)
def test_count_smart_list(workspace, smart_list: SmartList, expected: int) -> None:
    with workspace.session() as conn:
        assert count_smart_list(conn, smart_list) == expected


def test_filters_are_added_from_the_list_and_undone(smart_tab) -> None:
    tab = smart_tab()
    assert tab.empty.isVisibleTo(tab)
    tab.library.itemActivated.emit(library_item(tab, "field:country"))
    tab.library.itemActivated.emit(library_item(tab, "member_of_vibes_list"))
    filters = tab.document.campaign.smart_list.filters
    assert [f.type for f in filters] == ["person_field", "member_of_vibes_list"]
    assert filters[0].field == "country"
    assert [r.number.text() for r in tab.rows] == ["1", "2"]
    assert not tab.empty.isVisibleTo(tab)
    assert tab.rows[1].combo.property("problem") is True  # no list chosen yet
    tab.controller.stack.undo()
    assert len(tab.rows) == 1


def test_library_search(smart_tab) -> None:
    tab = smart_tab()
    tab.search.setText("vibes")
    shown = [
        tab.library.item(i).data(KIND_ROLE) for i in range(tab.library.count()) if not tab.library.item(i).isHidden()
    ]
    assert shown == [
        None,  # the Triggers heading
        "trigger:subscribes_to_vibes_list",
        "trigger:unsubscribes_from_vibes_list",
        None,  # the Filters heading
        "member_of_vibes_list",
        "subscribed_to_vibes_list",
    ]
    tab.search.setText("country")
    shown = [
        tab.library.item(i).data(KIND_ROLE) for i in range(tab.library.count()) if not tab.library.item(i).isHidden()
    ]
    assert shown == [None, "field:country"]  # no trigger matches: its heading hides too


def test_editing_a_filter_row(smart_tab) -> None:
    tab = smart_tab(SmartList(filters=[PersonFieldFilter(field="country", values=[])]))
    row = tab.rows[0]
    assert row.condition.values_edit.property("problem") is True
    row.condition.values_edit.setText("SE, NO")
    row.condition.values_edit.editingFinished.emit()
    assert tab.document.campaign.smart_list.filters[0].values == ["SE", "NO"]
    assert tab.rows[0].condition.values_edit.property("problem") is False
    tab.rows[0].remove_button.click()
    assert tab.document.campaign.smart_list.filters == []


def test_custom_logic_is_checked_as_typed_with_the_position(smart_tab, qtbot) -> None:
    tab = smart_tab(
        SmartList(filters=[PersonFieldFilter(field="country", values=["SE"]), MemberOfListFilter(list="VIP")])
    )
    logic = tab.logic
    logic.custom_button.click()
    assert tab.document.campaign.smart_list.logic == "1 and 2"
    logic.expression.setText("1 and (2 or")
    logic.expression.textEdited.emit("1 and (2 or")
    assert logic.error.isVisibleTo(tab)
    assert "A filter number or “(” is missing at the end." in logic.error.text()
    assert "(character 12)" in logic.error.text()
    assert logic.expression.property("problem") is True
    logic.expression.textEdited.emit("1 and 3")
    assert "Filter 3 does not exist (the smart list has 2)." in logic.error.text()
    assert "(character 7)" in logic.error.text()
    logic.expression.setText("1 or not 2")
    logic.expression.textEdited.emit("1 or not 2")
    assert not logic.error.isVisibleTo(tab)
    logic.expression.editingFinished.emit()
    assert tab.document.campaign.smart_list.logic == "1 or not 2"
    logic.any_button.click()
    assert tab.document.campaign.smart_list.logic == "any"
    assert not logic.expression.isEnabled()


def test_live_audience_count_follows_the_filters(smart_tab, qtbot) -> None:
    tab = smart_tab()
    qtbot.waitUntil(lambda: tab.count_label.text() == "5", timeout=5000)
    tab.library.itemActivated.emit(library_item(tab, "member_of_list"))
    tab.rows[0].combo.setCurrentIndex(tab.rows[0].combo.findData("VIP"))
    tab.rows[0].combo.activated.emit(tab.rows[0].combo.findData("VIP"))
    qtbot.waitUntil(lambda: tab.count_label.text() == "2", timeout=5000)
    assert tab.count_note.text() == "people qualify"
    tab.controller.stack.undo()
    tab.controller.stack.undo()
    qtbot.waitUntil(lambda: tab.count_label.text() == "5", timeout=5000)


def test_a_burst_of_edits_reports_only_the_last_count(counter, qtbot) -> None:
    seen: list[int] = []
    counter.counted.connect(seen.append)
    for values in (["SE"], ["US"], ["SE", "US"], ["US"]):
        counter.request(SmartList(filters=[PersonFieldFilter(field="country", values=values)]))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    qtbot.wait(400)
    assert seen == [3]
    assert not counter.busy


def test_count_runs_on_its_own_thread_and_stops_cleanly(counter, qtbot, monkeypatch) -> None:
    import threading

    from smsflow_desktop.services import smart_list_count

    threads: list[int] = []
    real = smart_list_count.count_smart_list

    def spy(conn, smart_list):
        threads.append(threading.get_ident())
        return real(conn, smart_list)

    monkeypatch.setattr(smart_list_count, "count_smart_list", spy)
    counter.request_now(SmartList())
    qtbot.waitUntil(lambda: not counter.busy, timeout=5000)
    assert threads and threads[0] != threading.get_ident()
    counter.shutdown()
    qtbot.waitUntil(counter.count_thread.isFinished)
    assert counter.worker.conn is None


# -- values count as typed, incomplete filters, drops between filters ---------------------------
def test_typed_values_count_after_a_short_pause_without_enter(smart_tab, qtbot) -> None:
    tab = smart_tab(SmartList(filters=[PersonFieldFilter(field="country", values=[])]))
    edit = tab.rows[0].condition.values_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "US, ")
    qtbot.wait(700)  # a pause after "US, ": taken, and the text stays as typed
    assert tab.document.campaign.smart_list.filters[0].values == ["US"]
    assert edit.text() == "US, "
    qtbot.keyClicks(edit, "SE")
    assert edit.hasFocus()  # no Enter, no leaving the field
    qtbot.waitUntil(lambda: tab.document.campaign.smart_list.filters[0].values == ["US", "SE"], timeout=3000)
    qtbot.waitUntil(lambda: tab.count_label.text() == "5", timeout=5000)
    assert edit.text() == "US, SE"
    assert tab.rows[0].condition.values_edit.property("problem") is False
    assert not tab.rows[0].incomplete.isVisibleTo(tab)
    assert tab.count_note.text() == "people qualify"


def test_an_incomplete_filter_says_so_and_is_left_out_of_the_count(smart_tab, qtbot) -> None:
    tab = smart_tab(SmartList(filters=[PersonFieldFilter(field="country", values=[]), MemberOfListFilter(list="VIP")]))
    assert tab.rows[0].incomplete.isVisibleTo(tab) and tab.rows[0].incomplete.text() == "incomplete"
    assert not tab.rows[1].incomplete.isVisibleTo(tab)
    qtbot.waitUntil(lambda: tab.count_label.text() == "2", timeout=5000)  # VIP alone, not 0
    assert tab.left_out_note.isVisibleTo(tab)
    assert tab.left_out_note.text() == "Filter 1 is incomplete: it is left out of this count until it is finished."
    tab.rows[0].condition.values_edit.setText("SE")
    tab.rows[0].condition.values_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: tab.count_label.text() == "1", timeout=5000)  # SE and VIP: Anna
    assert not tab.left_out_note.isVisibleTo(tab) and not tab.rows[0].incomplete.isVisibleTo(tab)


def test_incomplete_filters_leave_a_custom_expression_that_still_means_the_rest() -> None:
    from smsflow_desktop.ui.editor.incomplete_filters import countable

    country = PersonFieldFilter(field="country", values=["SE"])
    empty = PersonFieldFilter(field="country", values=[])
    vip = MemberOfListFilter(list="VIP")
    no_list = MemberOfListFilter(list="")

    def reduced(logic: str, filters: list) -> tuple[str, list, list[int]]:
        counted, gone = countable(SmartList(logic=logic, filters=filters))
        return counted.logic, counted.filters, gone

    assert reduced("all", [country, empty, vip]) == ("all", [country, vip], [1])
    assert reduced("any", [empty, vip]) == ("any", [vip], [0])
    assert reduced("1 and not 2", [country, empty]) == ("1", [country], [1])
    assert reduced("(1 or 2) and not 3", [empty, country, vip]) == ("1 and not 2", [country, vip], [0])
    assert reduced("1 or (2 and 3)", [vip, no_list, country]) == ("1 or 2", [vip, country], [1])
    assert reduced("not 1", [empty, vip]) == ("all", [], [0])  # nothing left: everyone, as with no filters
    assert reduced("1 and 2", [country, vip]) == ("1 and 2", [country, vip], [])
    assert reduced("1", [PersonFieldFilter(field="phone", operator="is_empty")]) == (
        "1",
        [PersonFieldFilter(field="phone", operator="is_empty")],
        [],
    )


def test_a_custom_expression_counts_without_its_incomplete_filter(smart_tab, qtbot) -> None:
    tab = smart_tab(
        SmartList(
            logic="1 and not 2",
            filters=[PersonFieldFilter(field="country", values=["US"]), MemberOfVibesListFilter(vibes_list_id="")],
        )
    )
    qtbot.waitUntil(lambda: tab.count_label.text() == "3", timeout=5000)  # the US people, not 0
    assert "Filter 2 is incomplete" in tab.left_out_note.text()


def _drop_filter(tab, kind: str, row: int | None):
    """Drag library entry ``kind`` onto the canvas: over the upper half of filter ``row`` (None: below them all)."""
    from PySide6.QtCore import QPoint

    from smsflow_desktop.ui.editor.smart_list_tab import smart_list_mime

    from .conftest import _drag_event, send_drag

    if row is None:
        geo = tab.rows[-1].geometry()
        pos = QPoint(geo.center().x(), geo.bottom() + 30)
    else:
        geo = tab.rows[row].geometry()
        pos = QPoint(geo.center().x(), geo.top() + 4)
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent

    mime = smart_list_mime(kind)  # kept: the events only point at it
    enter, move = _drag_event(QDragEnterEvent, pos, mime), _drag_event(QDragMoveEvent, pos, mime)
    QCoreApplication.sendEvent(tab.canvas, enter)
    QCoreApplication.sendEvent(tab.canvas, move)
    line = tab.canvas.indicator.isVisible(), tab.canvas.indicator.geometry().center().y()
    assert send_drag(tab.canvas, mime, pos)
    return line


def test_a_filter_dragged_between_filters_goes_where_the_line_shows(smart_tab, qtbot) -> None:
    tab = smart_tab(
        SmartList(filters=[PersonFieldFilter(field="country", values=["SE"]), MemberOfListFilter(list="VIP")])
    )
    qtbot.waitExposed(tab)
    first, second = tab.rows[0].geometry(), tab.rows[1].geometry()
    shown, y = _drop_filter(tab, "member_of_vibes_list", 1)
    assert shown and first.bottom() <= y <= second.top()  # the line sits between filter 1 and filter 2
    assert not tab.canvas.indicator.isVisible()  # gone once dropped
    assert [f.type for f in tab.document.campaign.smart_list.filters] == [
        "person_field",
        "member_of_vibes_list",
        "member_of_list",
    ]
    assert tab.controller.stack.undoText() == "Add filter “Member of Vibes List”"
    _drop_filter(tab, "field:first_name", None)
    assert tab.document.campaign.smart_list.filters[-1].field == "first_name"


def test_with_a_custom_expression_a_dragged_filter_goes_last(smart_tab, qtbot) -> None:
    filters = [PersonFieldFilter(field="country", values=["SE"]), MemberOfListFilter(list="VIP")]
    tab = smart_tab(SmartList(logic="1 and not 2", filters=filters))
    qtbot.waitExposed(tab)
    _drop_filter(tab, "member_of_vibes_list", 0)
    sl = tab.document.campaign.smart_list
    assert [f.type for f in sl.filters] == ["person_field", "member_of_list", "member_of_vibes_list"]
    assert sl.logic == "1 and not 2"  # still names the same filters


def test_tab_goes_through_the_filters_before_the_library_on_their_right(smart_tab, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    tab = smart_tab()
    tab.library.itemActivated.emit(library_item(tab, "field:country"))  # rows made after the library
    tab.library.itemActivated.emit(library_item(tab, "member_of_vibes_list"))
    tab.window().activateWindow()
    tab.logic.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    seen = []
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is tab.search:
            break
        seen.append(widget)
    else:
        raise AssertionError("Tab never reached the library's search")
    rows = [next((i for i, row in enumerate(tab.rows) if row.isAncestorOf(w)), None) for w in seen]
    assert 0 in rows and 1 in rows  # both filters come before the library
    assert rows == sorted(rows, key=lambda r: -1 if r is None else r)  # and in their order on screen
