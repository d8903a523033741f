"""Languages: the Swedish catalogue is complete and ships compiled; with it installed, no
visible text of the main window is left in English."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTabBar, QTreeWidget

from smsflow_desktop.ui.i18n import install_translators, resolve_language

TRANSLATIONS = resources.files("smsflow_desktop.resources") / "translations"


def messages() -> list[tuple[str, str, str | None, str | None]]:
    root = ET.parse(str(TRANSLATIONS / "smsflow_sv.ts")).getroot()
    out = []
    for ctx in root.findall("context"):
        for m in ctx.findall("message"):
            tr = m.find("translation")
            out.append((ctx.find("name").text, m.find("source").text, tr.text, tr.get("type")))
    return out


def test_swedish_catalogue_is_complete() -> None:
    unfinished = [(c, s) for c, s, t, kind in messages() if not t or kind in ("unfinished", "obsolete")]
    assert unfinished == []
    assert len(messages()) > 400


def test_compiled_catalogue_ships_and_matches_the_source(tmp_path: Path) -> None:
    shipped = TRANSLATIONS / "smsflow_sv.qm"
    assert shipped.is_file()
    lrelease = shutil.which("pyside6-lrelease") or str(Path(__file__).parents[2] / ".venv/bin/pyside6-lrelease")
    if not Path(lrelease).exists():
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "check.qm"
    subprocess.run([lrelease, "-silent", str(TRANSLATIONS / "smsflow_sv.ts"), "-qm", str(out)], check=True)
    assert out.read_bytes() == shipped.read_bytes(), "run pyside6-lrelease: the .qm is older than the .ts"


def test_language_setting_wins_over_the_system() -> None:
    assert resolve_language("sv") == "sv"
    assert resolve_language("en") == "en"
    assert resolve_language("") in ("en", "sv")


@pytest.fixture
def swedish(qapp):
    assert install_translators(qapp, "sv") == "sv"
    yield
    install_translators(qapp, "en")


def test_translations_apply(swedish) -> None:
    assert QCoreApplication.translate("StepTypes", "Send SMS Message") == "Skicka SMS-meddelande"
    from smsflow_desktop.model.validation import Problem
    from smsflow_desktop.ui.editor.problem_text import problem_text

    assert (
        problem_text(Problem("step.message_missing", "Choose an SMS message.", 1, "message"))
        == "Välj ett SMS-meddelande."
    )


def visible_texts(widget) -> list[str]:
    texts: list[str] = []
    for label in widget.findChildren(QLabel):
        if label.isVisibleTo(widget) and label.text():
            texts.append(label.text())
    for button in widget.findChildren(QAbstractButton):
        if button.isVisibleTo(widget) and button.text():
            texts.append(button.text())
    for edit in widget.findChildren(QLineEdit):
        if edit.isVisibleTo(widget) and edit.placeholderText():
            texts.append(edit.placeholderText())
    for bar in widget.findChildren(QTabBar):
        texts += [bar.tabText(i) for i in range(bar.count())]
    for tree in widget.findChildren(QTreeWidget):
        it = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while it:
            item = it.pop()
            texts.append(item.text(0))
            it += [item.child(i) for i in range(item.childCount())]
    return texts


def test_no_visible_english_left_in_swedish(swedish, qtbot, workspace) -> None:
    from smsflow_desktop.ui.window.main_window import MainWindow

    from .conftest import ScriptedDialogs

    english = {s for _c, s, t, _k in messages() if t and t != s}
    win = MainWindow(workspace)
    win.dialogs = ScriptedDialogs()
    qtbot.addWidget(win)
    win.show()
    shown = visible_texts(win) + [a.text() for a in win.menuBar().actions()]
    for menu_action in win.menuBar().actions():
        shown += [a.text() for a in menu_action.menu().actions() if a.text()]
    win.open_campaign("Spring promo")
    for tab in ("smart-list", "flow", "schedule", "results"):
        win.editor.set_tab(tab)
        shown += visible_texts(win.editor)
    left = sorted({t for t in shown if t in english})
    assert left == []
    assert "Skicka SMS-meddelande" in shown and "Smart lista" in shown and "&Arkiv" in shown
    win.close()
