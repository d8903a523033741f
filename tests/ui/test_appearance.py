"""Light and dark: both colour sets hold WCAG contrast (text 4.5:1, the focus ring 3:1), the
stylesheet and the painting code name no colour of their own, the app follows the system's
colour scheme unless View > Appearance fixes one (remembered), dark reaches everything drawn
(the Preview's scroll area, charts, icons), and every focusable widget shows a focus ring,
a field with a problem included."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.ui import resources, theme
from smsflow_desktop.ui.run.funnel_view import FunnelRowButton

from .engine_fixtures import close_window, demo_workspace, open_window, wait_idle

UI = Path(theme.__file__).parent
QSS = Path(resources.__file__).parents[1] / "resources" / "style.qss"
HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b")
RULE = re.compile(r"([^{}]+)\{((?:[^{}]|\{[a-z0-9_]+\})*)\}")


def rules(text: str) -> list[tuple[str, str]]:
    """(selector, declarations) of a stylesheet template, comments left out."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return [(m.group(1).strip(), m.group(2)) for m in RULE.finditer(text)]


@pytest.fixture
def styled(qapp) -> Iterator[QApplication]:
    """The application drawn with the app's look, as it starts; put back as the other tests expect it."""
    sheet, pal = qapp.styleSheet(), QPalette(qapp.palette())
    yield qapp
    installed = theme.appearance()
    if installed is not None:
        qapp.styleHints().colorSchemeChanged.disconnect(installed._system_changed)
        installed.setParent(None)
        installed.deleteLater()
    theme._appearance = None
    theme._current = theme.LIGHT_SCHEME
    resources.set_icon_scheme(theme.LIGHT_SCHEME, {})
    qapp.setStyleSheet(sheet)
    qapp.setPalette(pal)


# -- the token sets ---------------------------------------------------------------------------------
@pytest.mark.parametrize("scheme", [theme.LIGHT_SCHEME, theme.DARK_SCHEME])
def test_text_is_readable_and_the_focus_ring_is_seen_in_both_sets(scheme: str) -> None:
    tokens = theme.TOKENS[scheme]
    pairs = set(theme.TEXT_PAIRS)
    for selector, body in rules(resources.stylesheet()):
        fg = re.search(r"(?<![-\w])color:\s*\{(\w+)\}", body)
        bg = re.search(r"background(?:-color)?:\s*\{(\w+)\}", body)
        if fg and bg and ":disabled" not in selector:  # inactive controls are exempt (WCAG 1.4.3)
            pairs.add((fg.group(1), bg.group(1)))
    weak_text = [(a, b, round(theme.contrast(tokens[a], tokens[b]), 2)) for a, b in sorted(pairs)]
    weak_text = [p for p in weak_text if p[2] < 4.5]
    weak_ring = [(a, b, round(theme.contrast(tokens[a], tokens[b]), 2)) for a, b in theme.FOCUS_PAIRS]
    weak_ring = [p for p in weak_ring if p[2] < 3.0]
    assert weak_text == [] and weak_ring == []
    assert len(pairs) > 40


def test_contrast_is_computed_as_wcag_says() -> None:
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert theme.contrast("#2563eb", "#ffffff") == pytest.approx(theme.contrast("#ffffff", "#2563eb"))


def test_both_sets_name_the_same_colours_and_the_stylesheet_uses_only_those() -> None:
    assert set(theme.LIGHT) == set(theme.DARK)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", v) for t in theme.TOKENS.values() for v in t.values())
    used = set(re.findall(r"\{([a-z][a-z0-9_]*)\}", re.sub(r"/\*.*?\*/", "", QSS.read_text(), flags=re.S)))
    assert used and used <= set(theme.LIGHT)
    for scheme in theme.TOKENS:
        filled = theme.stylesheet(scheme)
        assert "{" + "surface}" not in filled and theme.TOKENS[scheme]["surface"] in filled


def test_no_colour_is_written_in_the_stylesheet() -> None:
    written = []
    for selector, body in rules(QSS.read_text()):
        for value in re.findall(r":\s*([^;]+)", re.sub(r"url\([^)]*\)", "url()", body)):
            if HEX.search(value) or re.search(r"\b(rgba?|hsla?)\(", value):
                written.append((selector, value.strip()))
            named = re.findall(r"\b(white|black|red|green|blue|gray|grey|yellow|orange|navy)\b", value)
            if named:
                written.append((selector, value.strip()))
    assert written == []


def test_no_colour_is_written_in_the_painting_code() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "theme.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"[\"']#[0-9a-fA-F]{6}[\"']", line) or (
                "Qt.GlobalColor." in line and "transparent" not in line
            ):
                found.append(f"{path.relative_to(UI)}:{n}: {line.strip()}")
    assert found == []


# -- following the system, and the View menu ---------------------------------------------------------
def test_the_app_follows_the_system_scheme_unless_told_otherwise(styled) -> None:
    app = styled
    appearance = theme.install(app, "")
    appearance._system_changed(Qt.ColorScheme.Light)
    assert theme.current_scheme() == "light"
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current_scheme() == "dark"
    assert app.palette().color(QPalette.ColorRole.Window) == QColor(theme.DARK["window"])
    assert app.palette().color(QPalette.ColorRole.Text) == QColor(theme.DARK["text"])
    assert app.styleSheet() == theme.stylesheet("dark")
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.current_scheme() == "light"
    appearance.set_choice("light")
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current_scheme() == "light"  # a fixed choice wins over the system
    appearance.set_choice("")
    assert theme.current_scheme() == "dark"


def test_view_menu_appearance_applies_at_once_and_is_remembered(styled, window) -> None:
    from smsflow_desktop.ui.window import startup, window_state

    theme.install(styled, "")
    actions = {a.data(): a for a in window.actions_.appearances.actions()}
    assert set(actions) == {"", "light", "dark"}
    assert actions[""].isChecked()
    menu_texts = [a.text() for a in window.menuBar().actions()]
    view = window.menuBar().actions()[menu_texts.index("&View")].menu()
    submenus = {a.text(): a.menu() for a in view.actions() if a.menu() is not None}
    assert [a.text() for a in submenus["Appearance"].actions()] == ["Follow the System", "Light", "Dark"]
    actions["dark"].trigger()
    assert theme.current_scheme() == "dark" and actions["dark"].isChecked()
    assert styled.palette().color(QPalette.ColorRole.Base) == QColor(theme.DARK["surface"])
    assert window_state.appearance_preference() == "dark"
    theme._appearance.scheme = ""  # as at the next start
    startup.configure_application(styled)
    assert theme.current_scheme() == "dark"
    actions[""].trigger()
    assert window_state.appearance_preference() == ""
    assert theme.current_scheme() == "light"  # offscreen, the system says nothing: light


# -- dark reaches everything drawn ---------------------------------------------------------------------
def pixel(widget: QWidget, x: int, y: int) -> str:
    image = widget.grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(x * ratio), int(y * ratio)).name()


@pytest.fixture
def demo_window(qtbot, tmp_path, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("SMSFLOW_NOW", "2026-04-01T05:30:00Z")
    win = open_window(qtbot, demo_workspace(tmp_path, tmp_path_factory))
    yield win
    close_window(win)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_preview_is_drawn_from_the_scheme_in_use(styled, demo_window, qtbot, scheme: str) -> None:
    tokens = theme.TOKENS[scheme]
    theme.install(styled, scheme)
    demo_window.open_campaign("Spring promo")
    dialog = demo_window.engine.preview(1)
    wait_idle(qtbot, demo_window)
    qtbot.waitUntil(lambda: bool(dialog.funnel.rows))
    QApplication.processEvents()
    scroll = dialog.status.parentWidget()  # the scrolled page of funnel, notes and samples
    background = pixel(scroll, scroll.width() - 3, scroll.height() - 2)
    assert background == tokens["window"]
    caption = dialog.segments_note
    text = caption.palette().color(caption.foregroundRole()).name()
    assert theme.contrast(text, background) >= 4.5
    from smsflow_desktop.ui.run.funnel_view import FunnelBar

    bar = min((b for b in dialog.funnel.findChildren(FunnelBar) if b.fraction > 0), key=lambda b: b.fraction)
    qtbot.waitUntil(lambda: bar.isVisible() and bar.height() >= 10)
    assert pixel(bar, bar.width() - 3, bar.height() // 2) == tokens["chart_track"]
    assert pixel(bar, 3, bar.height() // 2) == tokens["chart_reason"]
    dialog.close()


def test_icons_on_screen_follow_a_switch_to_dark(styled) -> None:
    theme.install(styled, "light")
    undo = resources.icon("undo")

    def lightest() -> float:
        image = undo.pixmap(48, 48).toImage().convertToFormat(QImage.Format.Format_ARGB32)
        seen = [image.pixelColor(x, y) for x in range(48) for y in range(48)]
        return max(c.lightnessF() for c in seen if c.alpha() > 200)

    dark_stroke = lightest()
    theme.install(styled, "dark")
    assert lightest() > dark_stroke + 0.4  # the same QIcon, drawn light on a dark surface
    theme.install(styled, "light")
    assert lightest() == pytest.approx(dark_stroke)
    # the stylesheet's own icons (drop-down arrows, check marks) are drawn for the scheme too
    dark_dir = resources.icon_dir(theme.DARK_ICON_COLORS)
    assert dark_dir != resources.icon_dir({}) and dark_dir in theme.stylesheet("dark")
    assert theme.DARK_ICON_COLORS["#64748b"] in Path(dark_dir, "arrow-down.svg").read_text()


# -- the focus ring -------------------------------------------------------------------------------------
def ring_widgets(parent: QWidget) -> dict[str, QWidget]:
    combo = QComboBox(parent)
    combo.addItems(["Country", "City"])
    primary = QPushButton("Run", parent)
    primary.setObjectName("PrimaryButton")
    problem = QLineEdit("SE", parent)
    problem.setProperty("problem", True)
    tool = QToolButton(parent)
    tool.setText("Add")
    tabs = QTabBar(parent)
    tabs.addTab("Smart List")
    tabs.addTab("Flow")
    button = QPushButton("Export", parent)
    button.setAutoDefault(False)
    funnel_row = FunnelRowButton("unsubscribed", parent)
    QHBoxLayout(funnel_row).addWidget(QLabel("Unsubscribed    127", funnel_row))
    return {
        "line edit": QLineEdit("Spring", parent),
        "combo box": combo,
        "button": button,
        "primary button": primary,
        "tool button": tool,
        "check box": QCheckBox("Do Nothing", parent),
        "radio button": QRadioButton("ALL filters", parent),
        "spin box": QSpinBox(parent),
        "field with a problem": problem,
        "tab": tabs,
        "funnel row": funnel_row,
    }


def ring_colors(widget: QWidget) -> set[str]:
    """The colours along the widget's (or its indicator's or current tab's) left edge, 0–3 px in."""
    image = widget.grab().toImage()
    ratio = image.devicePixelRatio()
    h = image.height()
    return {image.pixelColor(int(x * ratio), y).name() for x in range(0, 3) for y in range(h // 3, 2 * h // 3)}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_focusable_widget_shows_a_ring(styled, qtbot, scheme: str) -> None:
    tokens = theme.TOKENS[scheme]
    theme.install(styled, scheme)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    column = QVBoxLayout(dialog)
    widgets = ring_widgets(dialog)
    for w in widgets.values():
        column.addWidget(w)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    missing = []
    for name, w in widgets.items():
        before = ring_colors(w)
        w.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(w.hasFocus)
        after = ring_colors(w)
        ring = tokens["focus_on_accent" if name == "primary button" else "focus"]
        if ring not in after or ring in before:
            missing.append(name)
    assert missing == []


def test_a_field_with_a_problem_changes_more_than_hue_when_focused(styled, qtbot) -> None:
    theme.install(styled, "light")
    dialog = QDialog()
    qtbot.addWidget(dialog)
    column = QVBoxLayout(dialog)
    field, other = QLineEdit("SE", dialog), QLineEdit(dialog)
    field.setProperty("problem", True)
    column.addWidget(field)
    column.addWidget(other)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    mid = field.width() // 2
    blurred = [pixel(field, mid, y) for y in range(3)]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    focused = [pixel(field, mid, y) for y in range(3)]
    # unfocused: a 1 px red line, then the pink fill; focused: a 2 px ring, then the fill
    assert blurred[0] == theme.LIGHT["danger"] and blurred[1] == theme.LIGHT["danger_bg"]
    assert focused[0] == focused[1] == theme.LIGHT["focus"] and focused[2] == theme.LIGHT["danger_bg"]


# -- pictures for the docs ---------------------------------------------------------------------------------
def test_the_app_renders_itself_dark_and_its_preview(tmp_path: Path, workspace) -> None:
    from .test_app import run_app

    dark, preview = tmp_path / "flow-dark.png", tmp_path / "preview-dark.png"
    common = ("--workspace", str(workspace.root), "--campaign", "Spring promo", "--appearance", "dark")
    done = run_app(*common, "--tab", "flow", "--screenshot", str(dark), "--size", "1200x800", home=tmp_path)
    assert done.returncode == 0, done.stderr
    image = QImage(str(dark))
    assert (image.width(), image.height()) == (1200, 800)
    assert image.pixelColor(image.width() - 20, image.height() // 2).name() == theme.DARK["window"]
    done = run_app(*common, "--preview", "1", "--screenshot", str(preview), home=tmp_path)
    assert done.returncode == 0, done.stderr
    image = QImage(str(preview))
    assert (image.width(), image.height()) == (1120, 720)  # the Preview, not the window
    assert image.pixelColor(image.width() // 2, 5).name() == theme.DARK["window"]


def test_configuring_again_keeps_the_style_open_widgets_use(styled, qtbot) -> None:
    """Replacing the style under a stylesheet deletes the one open widgets point at (Qt then crashes
    at the next restyle), so a second start-up configuration leaves it in place."""
    from smsflow_desktop.ui.window import startup

    startup.configure_application(styled, "light")
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.show()
    style = styled.style()
    startup.configure_application(styled, "dark")
    assert styled.style() is style
    assert theme.current_scheme() == "dark"
