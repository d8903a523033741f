"""The window on a small screen, in English and in Swedish: Swedish shrinks as far as English
does, and at the smallest size the flow's cards reflow instead of scrolling sideways, with Add
Choice, the delete button and the drop-downs' text in sight; the palette gives the flow room,
its entries wrapping onto more lines rather than cut; the Smart List's triggers, logic and
filters reflow too, beside a narrower side panel; the Results tab's type filter shows its
longest entry whole; a name the navigator cuts is said whole in its tooltip."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QToolButton,
    QToolTip,
    QWidget,
)

from smsflow_desktop.cli import main as smsflow
from smsflow_desktop.model.campaign import (
    AddedToListTrigger,
    Campaign,
    Condition,
    MemberOfListFilter,
    MemberOfVibesListFilter,
    PersonFieldFilter,
    PersonIsCreatedTrigger,
    SendSmsChoice,
    SendSmsParams,
    SendSmsStep,
    SmartList,
    SmsBouncesTrigger,
    SubscribedToVibesListFilter,
    SubscribesToVibesListTrigger,
    SubscribeVibesListStep,
    UnsubscribesFromVibesListTrigger,
    WaitStep,
)
from smsflow_desktop.services.campaigns import save_campaign
from smsflow_desktop.services.workspace import Workspace, transaction
from smsflow_desktop.ui.editor.palette import PALETTE_MIN_WIDTH
from smsflow_desktop.ui.editor.smart_list_tab import SIDE_WIDTH
from smsflow_desktop.ui.i18n import install_translators
from smsflow_desktop.ui.step_types import step_description, step_title

from .conftest import OFFSCREEN_NOISE
from .engine_fixtures import close_window, demo_workspace, open_window

WIDE_CAMPAIGN = "A campaign whose name is far too long for the navigator"
EVERY_FILTER = "Every trigger and filter"


@pytest.fixture
def ws(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """The demo workspace, with a dry run of Spring promo (its Results tab has an activity log
    longer than a page) and a campaign with everything a card can show: choices, a wait on
    weekdays, problems."""
    ws = demo_workspace(tmp_path, tmp_path_factory)
    assert smsflow(["run", "Spring promo", "--workspace", str(ws.root), "--dry-run"]) == 0
    busy = Campaign(
        name=WIDE_CAMPAIGN,
        flow=[
            SendSmsStep(
                message="Spring offer",
                choices=[
                    SendSmsChoice(
                        when=Condition(field="country", operator="is", values=["SE", "NO", "DK"]),
                        then=SendSmsParams(message="Vårerbjudande"),
                    ),
                    SendSmsChoice(when=Condition(field="country", operator="is", values=["US"]), then=None),
                ],
            ),
            WaitStep(duration="2 days", resume_weekdays=["mon", "tue", "wed"], resume_time="10:00"),
            SubscribeVibesListStep(vibes_list_id="999", acquisition_campaign_id="998"),
            SendSmsStep(message=None),
        ],
    )
    every_filter = Campaign(
        name=EVERY_FILTER,
        smart_list=SmartList(
            logic="1 and (2 or 3) and not 4",
            filters=[
                PersonFieldFilter(field="country", operator="is", values=["SE", "NO", "DK", "FI"]),
                MemberOfListFilter(list="VIP customers"),
                MemberOfVibesListFilter(vibes_list_id="999"),
                SubscribedToVibesListFilter(vibes_list_id=""),
            ],
            triggers=[
                SubscribesToVibesListTrigger(vibes_list_id="999"),
                UnsubscribesFromVibesListTrigger(vibes_list_id=""),
                SmsBouncesTrigger(),
                PersonIsCreatedTrigger(),
                AddedToListTrigger(list="VIP customers"),
            ],
        ),
    )
    with ws.session() as conn:
        save_campaign(conn, busy)
        save_campaign(conn, every_filter)
    with ws.session() as conn, transaction(conn):
        while conn.execute("SELECT count(*) FROM activity").fetchone()[0] < 2500:  # more than a page of the log
            conn.execute(
                "INSERT INTO activity(run_id, at, person_id, mdn, step_index, type, detail) "
                "SELECT run_id, at, person_id, mdn, step_index, type, detail FROM activity"
            )
    return ws


@pytest.fixture
def in_language(qapp) -> Iterator:
    def use(code: str) -> None:
        assert install_translators(qapp, code) == code

    yield use
    install_translators(qapp, "en")


def smallest(win) -> None:
    """The window as small as it goes (asked for less, it stops at its minimum size)."""
    win.resize(300, 200)
    QApplication.processEvents()
    win.editor.flow_tab.flow_view.ensure_built()
    for _ in range(3):
        QApplication.processEvents()


def minimum_width(qtbot, ws: Workspace, language: str, in_language) -> int:
    """The window's minimum width with each tab of each campaign shown once (the Results tab of
    a campaign that has run included)."""
    in_language(language)
    win = open_window(qtbot, ws)
    widest = 0
    try:
        for campaign in ("Spring promo", WIDE_CAMPAIGN):
            assert win.open_campaign(campaign)
            for tab in ("smart-list", "flow", "schedule", "results"):
                win.editor.set_tab(tab)
                QApplication.processEvents()
                widest = max(widest, win.minimumSizeHint().width())
    finally:
        close_window(win)
    return widest


def test_swedish_shrinks_as_far_as_english(qtbot, ws, in_language) -> None:
    english = minimum_width(qtbot, ws, "en", in_language)
    swedish = minimum_width(qtbot, ws, "sv", in_language)
    assert swedish <= english + 60, (english, swedish)
    assert swedish <= 1000


def test_where_an_export_went_does_not_widen_the_window(qtbot, ws, in_language, tmp_path) -> None:
    in_language("sv")
    win = open_window(qtbot, ws)
    try:
        assert win.open_campaign("Spring promo")
        win.editor.set_tab("results")
        tab = win.results_tab
        # The run's figures are in: the type filter holds the run's activity types.
        qtbot.waitUntil(lambda: tab.count_label.text() != "" and tab.summary is not None, timeout=10000)
        QApplication.processEvents()
        before = win.minimumSizeHint().width()
        deep = tmp_path.joinpath(*["a-folder-with-a-long-name-for-the-exports"] * 4)
        deep.mkdir(parents=True)
        assert tab.export_csv(deep / "run-1.csv") is not None
        qtbot.waitUntil(lambda: "run-1.csv" in tab.count_label.text(), timeout=10000)
        QApplication.processEvents()
        assert win.minimumSizeHint().width() <= before
    finally:
        close_window(win)


def inside(widget: QWidget, area: QWidget) -> bool:
    """Whether ``widget`` is shown whole, left to right, inside ``area``."""
    left = widget.mapTo(area, QPoint(0, 0)).x()
    return widget.isVisibleTo(area) and left >= 0 and left + widget.width() <= area.width()


@pytest.mark.parametrize("language", ["en", "sv"])
def test_at_the_smallest_size_cards_reflow_instead_of_scrolling_sideways(qtbot, ws, in_language, language) -> None:
    in_language(language)
    win = open_window(qtbot, ws)
    try:
        assert win.open_campaign(WIDE_CAMPAIGN)
        win.editor.set_tab("flow")
        smallest(win)
        view = win.editor.flow_tab.flow_view
        viewport = view.viewport()
        assert view.narrow
        assert view.horizontalScrollBar().maximum() == 0
        cards = [c for c in view.cards if c is not None]
        assert len(cards) == 4
        for card in cards:
            assert card.width() <= viewport.width()
            assert inside(card.delete_button, viewport)
            for combo in card.findChildren(QComboBox):
                if combo.isVisibleTo(card):
                    assert inside(combo, viewport)
                    assert combo.width() >= combo.minimumSizeHint().width()  # its text is not cut to nothing
        sms = cards[0]
        assert inside(sms.add_choice_button, viewport)
        assert sms.add_choice_button.accessibleName() and sms.add_choice_button.toolTip()
        for button in sms.header.findChildren(QToolButton):  # Add Choice, Send test…, delete
            assert not button.isVisibleTo(sms) or inside(button, viewport)
        for row in sms.choice_rows:
            assert row.narrow
            assert inside(row.remove_button, viewport)
            assert inside(row.condition.values_edit, viewport) or not row.condition.values_edit.isVisibleTo(row)
        wait = cards[1].wait
        assert inside(wait.time_edit, viewport) and inside(wait.days_widget, viewport)
        # Labels sit above their fields: the field starts where its label does.
        label = cards[0].params.findChild(type(cards[0].choices_caption), "FieldLabel")
        assert label is not None and label.buddy() is not None
        assert label.buddy().mapTo(sms, QPoint(0, 0)).x() == label.mapTo(sms, QPoint(0, 0)).x()
        # A name too long for the header shows its start.
        assert win.editor.name_edit.cursorPosition() == 0
        # The palette gave the flow its room, keeping what its longest word needs.
        palette = win.editor.flow_tab.flow_palette
        assert palette.width() <= max(PALETTE_MIN_WIDTH, palette.minimumWidth()) + 2

        win.resize(1600, 1000)
        QApplication.processEvents()
        QApplication.processEvents()
        assert not view.narrow
        assert view.horizontalScrollBar().maximum() == 0
        assert win.editor.flow_tab.flow_palette.width() == win.editor.flow_tab.flow_palette.preferred_width
        assert label.buddy().mapTo(sms, QPoint(0, 0)).x() > label.mapTo(sms, QPoint(0, 0)).x()
    finally:
        close_window(win)


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support raise")
def test_a_name_the_navigator_cuts_is_said_whole_in_its_tooltip(qtbot, ws) -> None:
    win = open_window(qtbot, ws)
    try:
        win.resize(300, 200)
        QApplication.processEvents()
        nav = win.navigator
        long_item = nav.items[("campaign", WIDE_CAMPAIGN)]
        short_item = nav.items[("campaign", "Spring promo")]
        assert nav.is_cut(long_item) and not nav.is_cut(short_item)
        assert nav.tooltip_for(long_item) == f"{WIDE_CAMPAIGN}\n{long_item.toolTip(0)}"
        assert nav.tooltip_for(short_item) == short_item.toolTip(0)
        viewport = nav.tree.viewport()
        where = nav.tree.visualItemRect(long_item).center()
        event = QHelpEvent(QEvent.Type.ToolTip, where, viewport.mapToGlobal(where))
        QApplication.sendEvent(viewport, event)
        assert QToolTip.text().startswith(WIDE_CAMPAIGN)
        QToolTip.hideText()
    finally:
        close_window(win)


@pytest.mark.parametrize("language", ["en", "sv"])
def test_section_names_and_the_token_fallback_are_not_cut(qtbot, workspace, in_language, language) -> None:
    from smsflow_desktop.ui.editor.message_editor import MessageEditor
    from smsflow_desktop.ui.window.main_window import MainWindow

    from .conftest import ScriptedDialogs

    in_language(language)
    win = MainWindow(workspace)
    win.dialogs = ScriptedDialogs()
    qtbot.addWidget(win)
    win.resize(1360, 860)  # the size of a first start
    win.show()
    QApplication.processEvents()
    nav = win.navigator
    sections = [nav.tree.topLevelItem(i) for i in range(nav.tree.topLevelItemCount())]
    assert sections and not [s.text(0) for s in sections if nav.is_cut(s)]
    assert not nav.is_cut(nav.items[("folder:campaigns", "")]) and nav.sync_button.width() >= (
        nav.sync_button.sizeHint().width()
    )
    with workspace.session() as conn:
        editor = MessageEditor(conn, None)
        qtbot.addWidget(editor)
        editor.resize(940, 640)
        editor.show()
        QApplication.processEvents()
        box = editor.token_default
        room = box.width() - 16  # the frame and text margins
        assert box.fontMetrics().horizontalAdvance(box.placeholderText()) <= room, box.placeholderText()
        assert box.toolTip()
        editor.reject()
    win.close()


@pytest.mark.parametrize("size", [(300, 200), (1440, 900)])
def test_the_run_figures_are_never_squeezed_over_each_other(qtbot, ws, size) -> None:
    win = open_window(qtbot, ws)
    try:
        assert win.open_campaign("Spring promo")
        win.editor.set_tab("results")
        tab = win.results_tab
        qtbot.waitUntil(lambda: tab.summary is not None and len(tab.chart.bars) > 1, timeout=10000)
        win.resize(*size)
        for _ in range(3):
            QApplication.processEvents()
        assert tab.chart.height() >= len(tab.chart.bars) * 24 + 4  # every bar its row
        below = tab.skipped_label.mapTo(tab.chart.parentWidget(), QPoint(0, 0)).y()
        assert not tab.skipped_label.isVisibleTo(tab) or below >= tab.chart.geometry().bottom()
        if size == (1440, 900):  # with room, the run's figures and its Resume button show without scrolling
            assert tab.resume_button.isVisibleTo(tab)
            panel = tab.resume_button.parentWidget()
            viewport = panel.parentWidget()
            assert tab.resume_button.mapTo(viewport, QPoint(0, tab.resume_button.height())).y() <= viewport.height()
    finally:
        close_window(win)


def cut_entries(view: QAbstractItemView) -> list[str]:
    """The entries of a list or tree whose text does not show whole: wider than the room the
    style gives the text, or, wrapped at word boundaries, taller than its row."""
    style = view.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    model = view.model()
    cut = []

    def visit(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            visit(index)
            rect = view.visualRect(index)
            if rect.isEmpty():  # hidden
                continue
            option = QStyleOptionViewItem()
            view.initViewItemOption(option)
            option.rect = rect
            view.itemDelegate().initStyleOption(option, index)
            room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
            room = room.adjusted(margin, 0, -margin, 0)
            flags = int(Qt.TextFlag.TextWordWrap)
            needed = QFontMetricsF(option.font).boundingRect(QRectF(0, 0, room.width(), 10000), flags, option.text)
            if needed.width() > room.width() or needed.height() > room.height() + 1:
                cut.append(option.text)

    visit(QModelIndex())
    return cut


@pytest.mark.parametrize("language", ["en", "sv"])
def test_at_the_smallest_size_palette_entries_wrap_instead_of_being_cut(qtbot, ws, in_language, language) -> None:
    in_language(language)
    win = open_window(qtbot, ws)
    try:
        assert win.open_campaign("Spring promo")
        win.editor.set_tab("flow")
        smallest(win)
        palette = win.editor.flow_tab.flow_palette
        assert palette.width() < palette.preferred_width  # narrowed for the flow
        titles = {type_id: step_title(type_id) for type_id in palette.items}
        assert any(
            palette.tree.fontMetrics().horizontalAdvance(t) > palette.tree.viewport().width() for t in titles.values()
        )
        assert cut_entries(palette.tree) == []
        for type_id, item in palette.items.items():  # the name and what it does, whatever the width
            assert item.toolTip(0) == f"{titles[type_id]}: {step_description(type_id)}"
        # The rows follow the palette's width: wider, each title takes one line again.
        one_line = palette.tree.visualItemRect(palette.items["wait"]).height()
        win.resize(1600, 1000)
        for _ in range(3):
            QApplication.processEvents()
        assert palette.width() == palette.preferred_width
        assert cut_entries(palette.tree) == []
        assert {palette.tree.visualItemRect(item).height() for item in palette.items.values()} == {one_line}
    finally:
        close_window(win)


@pytest.mark.parametrize("language", ["en", "sv"])
def test_at_the_smallest_size_the_smart_list_reflows_instead_of_scrolling_sideways(
    qtbot, ws, in_language, language
) -> None:
    in_language(language)
    win = open_window(qtbot, ws)
    try:
        assert win.open_campaign(EVERY_FILTER)
        win.editor.set_tab("smart-list")
        smallest(win)
        tab = win.editor.smart_list_tab
        viewport = tab.scroll_area.viewport()
        assert tab.narrow
        assert tab.scroll_area.horizontalScrollBar().maximum() == 0
        assert tab.side.width() < SIDE_WIDTH  # the side panel gave the filters room
        assert len(tab.rows) == 4 and len(tab.trigger_rows) == 5
        for row in [*tab.rows, *tab.trigger_rows]:
            assert row.width() <= viewport.width()
            assert inside(row.remove_button, viewport)
            for combo in row.findChildren(QComboBox):
                if combo.isVisibleTo(row):
                    assert inside(combo, viewport)
                    assert combo.width() >= combo.minimumSizeHint().width()
        values = tab.rows[0].condition.values_edit
        assert inside(values, viewport)
        logic = tab.logic
        for part in (logic.all_button, logic.any_button, logic.custom_button, logic.expression):
            assert inside(part, viewport)
        assert cut_entries(tab.library) == []

        win.resize(1600, 1000)
        for _ in range(3):
            QApplication.processEvents()
        assert not tab.narrow
        assert tab.side.width() == SIDE_WIDTH
        assert tab.scroll_area.horizontalScrollBar().maximum() == 0
        assert values.mapTo(tab.rows[0], QPoint(0, 0)).y() < tab.rows[0].title.height()  # beside the title again
    finally:
        close_window(win)


@pytest.mark.parametrize("language", ["en", "sv"])
def test_at_the_smallest_size_the_results_filter_shows_its_longest_entry(qtbot, ws, in_language, language) -> None:
    in_language(language)
    win = open_window(qtbot, ws)
    try:
        assert win.open_campaign("Spring promo")
        win.editor.set_tab("results")
        tab = win.results_tab
        qtbot.waitUntil(lambda: tab.summary is not None and tab.type_filter.count() > 2, timeout=10000)
        smallest(win)
        box = tab.type_filter
        entries = [box.itemText(i) for i in range(box.count())]
        metrics = QFontMetricsF(box.font())
        longest = max(range(box.count()), key=lambda i: metrics.horizontalAdvance(entries[i]))
        box.setCurrentIndex(longest)
        option = QStyleOptionComboBox()
        box.initStyleOption(option)
        field = box.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
        )
        assert metrics.horizontalAdvance(entries[longest]) <= field.width(), (entries[longest], field.width())
        assert inside(box, tab) and inside(tab.export_button, tab)
        assert tab.search.toolTip() == tab.search.placeholderText()  # what the narrowed box is for
    finally:
        close_window(win)


@pytest.mark.parametrize("language", ["en", "sv"])
def test_at_the_smallest_size_the_runs_and_their_figures_never_scroll_sideways(
    qtbot, ws, in_language, language
) -> None:
    in_language(language)
    win = open_window(qtbot, ws)
    try:
        win.resize(1280, 800)  # a common laptop screen
        assert win.open_campaign("Spring promo")
        win.editor.set_tab("results")  # shown for the first time at that size
        tab = win.results_tab
        qtbot.waitUntil(lambda: tab.summary is not None, timeout=10000)
        QApplication.processEvents()
        assert tab.top.orientation() == Qt.Orientation.Horizontal  # side by side where both fit
        smallest(win)
        assert tab.top.orientation() == Qt.Orientation.Vertical  # the figures under the runs
        for area in (tab.runs, tab.summary_area):
            assert not area.horizontalScrollBar().isVisible(), area.accessibleName()
        assert inside(tab.resume_button, tab.summary_area.widget())
        win.resize(1440, 900)
        QApplication.processEvents()
        assert tab.top.orientation() == Qt.Orientation.Horizontal
    finally:
        close_window(win)
