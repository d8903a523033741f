"""Compliance rules…: the shipped rules listed with their source and checked date, edits saved
and marked as changed, bad entries said on one line with nothing saved and nothing typed lost,
reset and delete, a new country's rule, the workspace limit beside the rules (as Workspace
settings has it), Swedish, the keyboard and a small screen."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from importlib import resources

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from smsflow_desktop.services.compliance.rules import (
    edited_rule,
    get_rule,
    list_rules,
    save_rule,
    shipped_rule,
    shipped_rules,
)
from smsflow_desktop.services.settings import set_setting
from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui import resources as ui_resources
from smsflow_desktop.ui import theme
from smsflow_desktop.ui.i18n import install_translators
from smsflow_desktop.ui.run.compliance_rule_form import RuleFormDialog
from smsflow_desktop.ui.run.compliance_rules import ComplianceRulesDialog

STATUS = 5


@pytest.fixture(autouse=True)
def english(qapp) -> None:
    """As the app starts: English with its plural forms ("1 text")."""
    install_translators(qapp, "en")


@pytest.fixture
def conn(workspace: Workspace) -> Iterator:
    conn = workspace.connect()
    yield conn
    conn.close()


@pytest.fixture
def dialog(qtbot, conn) -> ComplianceRulesDialog:
    d = ComplianceRulesDialog(conn)
    qtbot.addWidget(d)
    d.show()
    return d


@pytest.fixture
def in_language(qapp) -> Iterator:
    def use(code: str) -> None:
        assert install_translators(qapp, code) == code

    yield use
    install_translators(qapp, "en")


def row(dialog: ComplianceRulesDialog, scope: str):
    for i in range(dialog.table.topLevelItemCount()):
        item = dialog.table.topLevelItem(i)
        if item.data(0, Qt.ItemDataRole.UserRole) == scope:
            return item
    return None


def choose(dialog: ComplianceRulesDialog, scope: str) -> None:
    item = row(dialog, scope)
    assert item is not None, scope
    dialog.table.setCurrentItem(item)


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_form(qtbot, dialog: ComplianceRulesDialog, scope: str | None) -> RuleFormDialog:
    if scope is None:
        click(qtbot, dialog.add_button)
    else:
        choose(dialog, scope)
        click(qtbot, dialog.edit_button)
    form = dialog.form
    assert form is not None
    qtbot.waitExposed(form)
    return form


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


# -- listing -------------------------------------------------------------------------------------
def test_the_shipped_rules_are_listed_with_their_source_and_checked_date(dialog, conn) -> None:
    rules = list_rules(conn)
    assert {r.scope for r in rules} >= {"US-FL", "US-CT", "FR"}
    for rule in rules:
        item = row(dialog, rule.scope)
        assert item is not None
        assert item.text(3) == rule.source and item.text(4) == rule.checked
        assert item.text(STATUS) == "As shipped"
    florida = row(dialog, "US-FL")
    assert florida.text(0) == "Florida (US-FL)"
    assert florida.text(1) == "Every day 08:00–20:00"
    assert florida.text(2) == "3 texts per 24 hours, all campaigns"
    assert row(dialog, "FR").text(1) == "Mon–Sat 08:00–22:00; Sun no texts"
    assert row(dialog, "US-WA").text(2) == "No limit"
    choose(dialog, "US-FL")
    details = dialog.details.toHtml()
    assert 'href="https://help.klaviyo.com/hc/en-us/articles/44447515845019"' in details
    assert "2026-12-02" in dialog.details.toPlainText() or shipped_rule("US-FL").checked in details
    assert "3 texts per 24 hours, all campaigns" in dialog.workspace_limit.text()


def test_the_workspace_limit_is_shown_off_when_it_is_off(qtbot, conn) -> None:
    set_setting(conn, "frequency_cap.enabled", "false")
    d = ComplianceRulesDialog(conn)
    qtbot.addWidget(d)
    assert "Frequency cap of the whole workspace: off" in d.workspace_limit.text()


def test_the_editor_opens_from_workspace_settings_with_the_limit_as_set_there(window, qtbot) -> None:
    settings = window.workspace_actions.open_settings()
    settings.cap_count.setValue(5)
    click(qtbot, settings.rules_button)
    rules = window.workspace_actions.rules_dialog
    assert rules is not None and rules.parent() is settings
    qtbot.waitExposed(rules)
    assert "5 texts per 24 hours, all campaigns" in rules.workspace_limit.text()
    assert "Not saved yet" in rules.workspace_limit.text()
    rules.close()
    settings.reject()


# -- editing -------------------------------------------------------------------------------------
def test_editing_floridas_window_saves_it_and_marks_the_row_changed(qtbot, dialog, conn) -> None:
    form = open_form(qtbot, dialog, "US-FL")
    assert form.every_day.isChecked() and form.days[0].start.text() == "08:00"
    assert form.checked.date().toString("yyyy-MM-dd") == shipped_rule("US-FL").checked
    type_into(qtbot, form.days[0].start, "09:00")
    click(qtbot, form.save_button)
    assert form.result() == form.DialogCode.Accepted
    florida = get_rule(conn, "US-FL")
    assert dict(florida.windows) == {"all": "09:00-20:00"}
    assert florida.limits == shipped_rule("US-FL").limits and florida.source == shipped_rule("US-FL").source
    assert row(dialog, "US-FL").text(1) == "Every day 09:00–20:00"
    assert row(dialog, "US-FL").text(STATUS) == "Changed"
    assert dialog.current_scope() == "US-FL" and dialog.reset_button.isEnabled()
    assert "The shipped rule, which this one differs from" in dialog.details.toPlainText()
    assert row(dialog, "US-MD").text(STATUS) == "As shipped"


def test_a_window_per_weekday_and_a_limit_per_campaign(qtbot, dialog, conn) -> None:
    form = open_form(qtbot, dialog, "US-WA")
    qtbot.mouseClick(form.every_day, Qt.MouseButton.LeftButton)  # one window a day from now on
    assert not form.every_day.isChecked() and all(d.start.isVisible() for d in form.days)
    assert [d.start.text() for d in form.days] == ["08:00"] * 7  # each day starts as every day was
    sunday = form.days[6]
    sunday.mode.setCurrentIndex(sunday.mode.findData("closed"))
    saturday = form.days[5]
    type_into(qtbot, saturday.start, "10.00")  # written the Swedish way
    type_into(qtbot, saturday.end, "17:00")
    click(qtbot, form.add_limit_button)
    limit = form.limit_rows[0]
    limit.most.setValue(1)
    limit.per.setCurrentIndex(limit.per.findData("campaign"))
    click(qtbot, form.save_button)
    washington = get_rule(conn, "US-WA")
    assert dict(washington.windows) == {"mon-fri": "08:00-20:00", "sat": "10:00-17:00", "sun": "closed"}
    assert [x.as_dict() for x in washington.limits] == [{"max": 1, "hours": 24, "scope": "campaign"}]
    assert row(dialog, "US-WA").text(1) == "Mon–Fri 08:00–20:00; Sat 10:00–17:00; Sun no texts"
    assert row(dialog, "US-WA").text(2) == "1 text per 24 hours, each campaign on its own"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("end before start", "Every day: the window must start before it ends"),
        ("limit of 0", "Limit 1: the number of texts must be from 1 to 1000."),
        ("not a time", "Every day: write the times as HH:MM"),
        ("no source", "Say where the rule comes from: a URL or a citation."),
    ],
)
def test_a_bad_entry_is_said_and_nothing_is_saved_or_lost(qtbot, dialog, conn, change, message) -> None:
    before = get_rule(conn, "US-FL")
    form = open_form(qtbot, dialog, "US-FL")
    type_into(qtbot, form.days[0].start, "07:00")  # a good change that must not be saved either
    if change == "end before start":
        type_into(qtbot, form.days[0].end, "06:30")
    elif change == "limit of 0":
        form.limit_rows[0].most.setValue(0)
    elif change == "not a time":
        type_into(qtbot, form.days[0].end, "8pm")
    else:
        form.source.setPlainText("   ")
    click(qtbot, form.save_button)
    assert form.isVisible() and form.result() != form.DialogCode.Accepted
    assert form.error.isVisible() and message in form.error.text()
    assert "\n" not in form.error.text()
    assert get_rule(conn, "US-FL") == before and row(dialog, "US-FL").text(STATUS) == "As shipped"
    assert form.days[0].start.text() == "07:00"  # what was typed is still there to fix
    if change == "limit of 0":
        assert form.limit_rows[0].most.value() == 0 and form.focusWidget() is form.limit_rows[0].most
    form.reject()


def test_a_new_rule_for_a_country(qtbot, dialog, conn) -> None:
    form = open_form(qtbot, dialog, None)
    assert form.checked.date().toString("yyyy-MM-dd") == date.today().isoformat()
    form.scope.setEditText("se")
    click(qtbot, form.save_button)
    assert "Say where the rule comes from" in form.error.text() and get_rule(conn, "SE") is None
    form.source.setPlainText("Konsumentverket, https://www.konsumentverket.se/")
    click(qtbot, form.save_button)
    sweden = get_rule(conn, "SE")
    assert sweden is not None and dict(sweden.windows) == {"all": "08:00-20:00"}
    assert sweden.checked == date.today().isoformat()
    assert row(dialog, "SE").text(0) == "Sweden (SE)" and row(dialog, "SE").text(STATUS) == "Added"
    assert not dialog.reset_button.isEnabled()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Atlantis", "“Atlantis” is not a US state, a Canadian province or a country code"),
        ("Florida (US-FL)", "There is already a rule for Florida (US-FL): change that one instead."),
    ],
)
def test_a_new_rule_needs_a_state_or_country_without_one(qtbot, dialog, conn, typed, message) -> None:
    before = list_rules(conn)
    form = open_form(qtbot, dialog, None)
    form.scope.setEditText(typed)
    form.source.setPlainText("A source")
    click(qtbot, form.save_button)
    assert message in form.error.text() and list_rules(conn) == before
    assert form.scope.currentText() == typed
    form.reject()


# -- reset and delete ----------------------------------------------------------------------------
def test_reset_restores_the_shipped_rule(qtbot, conn, monkeypatch) -> None:
    save_rule(conn, edited_rule(get_rule(conn, "US-FL"), "US-FL", windows=["09:00-20:00"], limits=["5/24h"]))
    d = ComplianceRulesDialog(conn)
    qtbot.addWidget(d)
    d.show()
    choose(d, "US-FL")
    assert row(d, "US-FL").text(STATUS) == "Changed"
    monkeypatch.setattr(d, "ask", lambda title, text: False)
    click(qtbot, d.reset_button)
    assert get_rule(conn, "US-FL") != shipped_rule("US-FL")  # No keeps the change
    asked: list[str] = []
    monkeypatch.setattr(d, "ask", lambda title, text: asked.append(text) or True)
    click(qtbot, d.reset_button)
    assert "Florida (US-FL)" in asked[0]
    assert get_rule(conn, "US-FL") == shipped_rule("US-FL")
    assert row(d, "US-FL").text(STATUS) == "As shipped" and row(d, "US-FL").text(1) == "Every day 08:00–20:00"
    assert not d.reset_button.isEnabled()


def test_delete_removes_the_rule_and_reset_puts_a_shipped_one_back(qtbot, dialog, conn, monkeypatch) -> None:
    monkeypatch.setattr(dialog, "ask", lambda title, text: True)
    choose(dialog, "US-MD")
    click(qtbot, dialog.delete_button)
    assert get_rule(conn, "US-MD") is None and "US-MD" not in {r.scope for r in list_rules(conn)}
    assert row(dialog, "US-MD").text(STATUS) == "Deleted"
    assert not dialog.edit_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert "does not apply the shipped rule" in dialog.details.toPlainText()
    click(qtbot, dialog.reset_button)
    assert get_rule(conn, "US-MD") == shipped_rule("US-MD")
    save_rule(conn, edited_rule(None, "SE", windows=["08:00-20:00"], source="A source", checked="2026-01-05"))
    dialog.refresh(select="SE")
    click(qtbot, dialog.delete_button)
    assert get_rule(conn, "SE") is None and row(dialog, "SE") is None


def test_a_rule_damaged_outside_the_app_is_listed_to_set_again(qtbot, conn) -> None:
    conn.execute("UPDATE compliance_rules SET windows = '{\"all\": \"20:00-08:00\"}' WHERE scope = 'US-OK'")
    d = ComplianceRulesDialog(conn)
    qtbot.addWidget(d)
    assert "US-OK" in d.error.text() and d.error.isVisibleTo(d)
    assert row(d, "US-OK").text(STATUS) == "Damaged" and row(d, "US-FL").text(STATUS) == "As shipped"
    choose(d, "US-OK")
    assert d.reset_button.isEnabled()
    d.reset()
    assert get_rule(conn, "US-OK") == shipped_rule("US-OK") and not d.error.isVisible()


# -- Swedish, keyboard, small screens --------------------------------------------------------------
def visible_texts(widget: QWidget) -> list[str]:
    texts = [w.text() for w in widget.findChildren(QLabel) if w.isVisibleTo(widget) and w.text()]
    texts += [w.text() for w in widget.findChildren(QAbstractButton) if w.isVisibleTo(widget) and w.text()]
    texts += [w.currentText() for w in widget.findChildren(QComboBox) if w.isVisibleTo(widget)]
    return texts


def english_texts() -> set[str]:
    """The English of the rules editor that Swedish says otherwise."""
    root = ET.parse(str(resources.files("smsflow_desktop.resources") / "translations" / "smsflow_sv.ts")).getroot()
    ours = {"ComplianceRules", "ComplianceRulesDialog", "RuleFormDialog", "LimitRow"}
    return {
        m.findtext("source")
        for ctx in root.findall("context")
        if ctx.findtext("name") in ours
        for m in ctx.findall("message")
        if m.findtext("translation") != m.findtext("source")
    }


def test_swedish(qtbot, conn, in_language) -> None:
    in_language("sv")
    d = ComplianceRulesDialog(conn)
    qtbot.addWidget(d)
    d.show()
    assert d.windowTitle() == "Regler för utskick"
    assert row(d, "US-FL").text(1) == "Varje dag 08:00–20:00"
    assert row(d, "US-FL").text(2) == "3 sms per 24 timmar, alla kampanjer"
    assert row(d, "FR").text(1) == "Mån–lör 08:00–22:00; Sön inga sms"
    assert row(d, "US-FL").text(STATUS) == "Som levererad"
    english = english_texts()
    assert "&Edit…" in english and "Sending window" in english
    assert not english & set(visible_texts(d))
    assert not english & {d.table.headerItem().text(i) for i in range(6)}
    form = open_form(qtbot, d, "FR")
    shown = visible_texts(form)
    assert not english & set(shown)
    assert "Måndag" in shown and "Söndag" in shown and "Inga sms" in shown and "Spara" in shown
    type_into(qtbot, form.days[0].end, "07:00")
    click(qtbot, form.save_button)
    assert form.error.text().startswith("Måndag: fönstret måste börja innan det slutar")
    form.reject()


def test_every_field_is_named_for_screen_readers_and_reached_with_tab(qtbot, dialog) -> None:
    form = open_form(qtbot, dialog, "US-FL")
    qtbot.mouseClick(form.every_day, Qt.MouseButton.LeftButton)
    buddies = {label.buddy() for label in form.findChildren(QLabel) if label.buddy() is not None}
    fields = [
        w
        for kind in (QLineEdit, QComboBox, QSpinBox, QDateEdit, QPlainTextEdit)
        for w in form.findChildren(kind)
        if w.isVisibleTo(form) and not isinstance(w.parentWidget(), (QComboBox, QSpinBox, QDateEdit))
    ]
    assert len(fields) > 20
    for field in fields:
        assert field.accessibleName() or field in buddies, field
        assert field.focusPolicy() & Qt.FocusPolicy.TabFocus, field.accessibleName()
    assert all(w.accessibleName() for w in form.days[3].widgets()[1:] if not isinstance(w, QLabel))
    assert dialog.table.accessibleName() and dialog.details.accessibleName()
    form.reject()


@pytest.fixture
def styled(qapp) -> Iterator[None]:
    """The app's own look (its padding decides what fits), put back afterwards."""
    sheet, pal = qapp.styleSheet(), QPalette(qapp.palette())
    theme.install(qapp, "light")
    yield
    installed = theme.appearance()
    if installed is not None:
        qapp.styleHints().colorSchemeChanged.disconnect(installed._system_changed)
        installed.setParent(None)
        installed.deleteLater()
    theme._appearance = None
    theme._current = theme.LIGHT_SCHEME
    ui_resources.set_icon_scheme(theme.LIGHT_SCHEME, {})
    qapp.setStyleSheet(sheet)
    qapp.setPalette(pal)


@pytest.mark.parametrize("language", ["en", "sv"])
def test_readable_on_a_small_screen(qtbot, conn, in_language, styled, language) -> None:
    in_language(language)
    d = ComplianceRulesDialog(conn)
    qtbot.addWidget(d)
    d.show()
    d.resize(300, 200)  # as small as it goes
    qtbot.waitUntil(lambda: d.width() < 700)
    assert d.width() <= 700 and d.height() <= 520
    for button in (d.add_button, d.edit_button, d.reset_button, d.delete_button, d.close_button):
        assert button.isVisible() and button.width() >= button.sizeHint().width(), button.text()
    assert d.table.viewport().height() > 60 and d.details.viewport().height() > 40
    form = RuleFormDialog(conn, get_rule(conn, "FR"), d)
    qtbot.addWidget(form)
    form.show()
    assert form.height() <= 780 and form.minimumSizeHint().width() <= 700
    form.reject()


def test_the_file_menu_opens_the_rules_next_to_workspace_settings(window, qtbot) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    settings = texts.index("Workspace Settings…")
    assert texts[settings + 1] == "Compliance Rules…"
    file_menu.actions()[settings + 1].trigger()
    dialog = window.workspace_actions.rules_dialog
    assert isinstance(dialog, ComplianceRulesDialog) and dialog.isVisible() and dialog.parent() is window
    assert dialog.table.topLevelItemCount() >= len(shipped_rules())  # the workspace's rules, listed
    dialog.reject()


@pytest.mark.parametrize("language", ["en", "sv"])
def test_a_rule_with_several_limits_never_scrolls_sideways(styled, qtbot, conn, in_language, language) -> None:
    in_language(language)
    form = RuleFormDialog(conn, get_rule(conn, "US-FL"))
    qtbot.addWidget(form)
    form.add_limit()
    form.add_limit()
    form.show()
    QApplication.processEvents()
    assert len(form.limit_rows) == 3
    for size in ((680, 600), (300, 300)):  # as it opens, and as small as it goes
        form.resize(*size)
        QApplication.processEvents()
        assert not form.scroll_area.horizontalScrollBar().isVisible(), size
        for row in form.limit_rows:  # every field of a limit and its Remove button in view
            for widget in (row.most, row.span, row.unit, row.per, row.remove):
                right = widget.mapTo(form.scroll_area.viewport(), widget.rect().topRight()).x()
                assert right <= form.scroll_area.viewport().width(), (size, row.n, widget.accessibleName())
