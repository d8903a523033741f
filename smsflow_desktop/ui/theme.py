"""Light and dark appearance: two token sets, the palette and stylesheet made from them, and
the choice between following the system and a fixed scheme.

Every colour the app draws comes from :data:`LIGHT` or :data:`DARK` (named colours, the same
names in both): ``resources/style.qss`` is a template whose ``{token}`` placeholders are
filled at load (:func:`stylesheet`), the application palette is made from the same tokens
(:func:`palette`), and code that paints asks :func:`color`. :class:`Appearance` applies the
chosen scheme on start and again when the system's colour scheme changes (Qt's
``QStyleHints.colorSchemeChanged``) or the user picks View > Appearance (System, Light,
Dark; the setting ``ui.appearance``: ``""`` follows the system, ``light``, ``dark``).

:data:`TEXT_PAIRS` and :data:`FOCUS_PAIRS` name which text sits on which background and what
the focus ring is drawn against, so the tests can hold both sets to WCAG contrast (text at
least 4.5:1, the focus ring at least 3:1).
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from smsflow_desktop.ui import resources

log = logging.getLogger(__name__)

LIGHT_SCHEME = "light"
DARK_SCHEME = "dark"
#: The values of the ``ui.appearance`` setting: "" follows the system.
CHOICES: tuple[str, ...] = ("", LIGHT_SCHEME, DARK_SCHEME)

LIGHT: dict[str, str] = {
    # surfaces
    "window": "#f1f5f9",  # behind everything: window, dialog, tab pane, flow canvas
    "surface": "#ffffff",  # cards, inputs, toolbar, menus, tables
    "surface_alt": "#f8fafc",  # a quieter card (choice rows), table headers, button hover
    "surface_selected": "#fbfdff",  # the selected step card
    "hover": "#e2e8f0",
    "pressed": "#cbd5e1",
    "disabled_bg": "#f1f5f9",
    # lines
    "border": "#cbd5e1",  # inputs, buttons, menus
    "border_soft": "#e2e8f0",  # cards, separators
    "border_strong": "#64748b",  # check box and radio button outlines (3:1 on their background)
    "border_selected": "#93c5fd",
    "scroll_handle": "#cbd5e1",
    "scroll_handle_hover": "#94a3b8",
    # text
    "text": "#0f172a",
    "heading": "#1e293b",
    "text_secondary": "#334155",  # toolbar buttons, panel titles
    "text_muted": "#475569",  # field labels, tabs, status bar
    "text_subtle": "#55657a",  # captions and muted notes
    "text_disabled": "#94a3b8",
    "placeholder": "#64748b",
    # accent and selection
    "accent": "#2563eb",  # the primary button, checked boxes, the progress bar, the tab underline
    "accent_hover": "#1d4ed8",
    "on_accent": "#ffffff",
    "accent_text": "#1d4ed8",  # links, the selected tab, "1. If", Add Choice
    "accent_soft": "#eff6ff",  # a drop target
    "accent_disabled": "#93c5fd",
    "selection": "#dbeafe",  # selected rows and menu items
    "selection_text": "#0f172a",
    "text_selection": "#bfdbfe",  # selected characters in a text box
    "focus": "#1d4ed8",  # the focus ring
    "focus_on_accent": "#0f172a",  # the focus ring of a filled (primary or danger) button
    # states
    "danger": "#dc2626",  # the problem stripe and underline
    "danger_button": "#dc2626",
    "danger_button_hover": "#b91c1c",
    "danger_text": "#b91c1c",
    "danger_text_strong": "#991b1b",
    "danger_bg": "#fef2f2",
    "danger_bg_strong": "#fee2e2",
    "danger_border": "#fecaca",
    "success": "#10b981",  # the ok stripe of a step card
    "success_text": "#047857",
    "success_text_strong": "#065f46",
    "success_bg": "#ecfdf5",
    "success_bg_strong": "#d1fae5",
    "success_border": "#a7f3d0",
    "warning_text": "#b45309",
    "warning_text_strong": "#92400e",
    "warning_bg": "#fffbeb",
    "warning_border": "#fde68a",
    "ucs2_text": "#c2410c",
    "ucs2_bg": "#fff7ed",
    # badges
    "step_number_bg": "#e0e7ff",
    "step_number_text": "#3730a3",
    "filter_number_bg": "#ede9fe",
    "filter_number_text": "#5b21b6",
    # tool tips, the phone preview
    "tooltip_bg": "#0f172a",
    "tooltip_text": "#f8fafc",
    "phone": "#0f172a",
    "phone_screen": "#f8fafc",
    "bubble": "#e2e8f0",
    "bubble_text": "#0f172a",
    # tables
    "grid": "#f1f5f9",
    "header_bg": "#f8fafc",
    # charts: the funnel and the run figures
    "chart_track": "#e2e8f0",
    "chart_stage": "#7c3aed",
    "chart_reason": "#f87171",
    "chart_recipients": "#059669",
    "chart_branch": "#60a5fa",
    "chart_sent": "#2563eb",
    "chart_delivered": "#059669",
    "chart_failed": "#dc2626",
    "chart_skipped": "#94a3b8",
    "chart_subscribed_pending": "#d97706",
    "chart_unsubscribed": "#7c3aed",
    "chart_in_doubt": "#ea580c",
    "chart_pending": "#cbd5e1",
    "chart_other": "#64748b",
    # the SMS text box: tokens, and characters that force UCS-2
    "token_text": "#1d4ed8",
    "token_bg": "#eff6ff",
    "ucs2_mark_text": "#9a3412",
    "ucs2_mark_bg": "#fed7aa",
    "ucs2_mark_line": "#ea580c",
}

DARK: dict[str, str] = {
    "window": "#0f172a",
    "surface": "#1e293b",
    "surface_alt": "#243247",
    "surface_selected": "#1e2b45",
    "hover": "#334155",
    "pressed": "#475569",
    "disabled_bg": "#172033",
    "border": "#475569",
    "border_soft": "#334155",
    "border_strong": "#8492a6",
    "border_selected": "#3b82f6",
    "scroll_handle": "#475569",
    "scroll_handle_hover": "#64748b",
    "text": "#f1f5f9",
    "heading": "#f8fafc",
    "text_secondary": "#e2e8f0",
    "text_muted": "#cbd5e1",
    "text_subtle": "#a3b1c4",
    "text_disabled": "#64748b",
    "placeholder": "#94a3b8",
    "accent": "#2563eb",
    "accent_hover": "#1d4ed8",
    "on_accent": "#ffffff",
    "accent_text": "#93c5fd",
    "accent_soft": "#172554",
    "accent_disabled": "#1e3a8a",
    "selection": "#1e3a8a",
    "selection_text": "#f8fafc",
    "text_selection": "#1d4ed8",
    "focus": "#60a5fa",
    "focus_on_accent": "#ffffff",
    "danger": "#f87171",
    "danger_button": "#dc2626",
    "danger_button_hover": "#b91c1c",
    "danger_text": "#fca5a5",
    "danger_text_strong": "#fecaca",
    "danger_bg": "#3b1a22",
    "danger_bg_strong": "#4c1d24",
    "danger_border": "#7f1d1d",
    "success": "#10b981",
    "success_text": "#6ee7b7",
    "success_text_strong": "#a7f3d0",
    "success_bg": "#0b3328",
    "success_bg_strong": "#0f4535",
    "success_border": "#065f46",
    "warning_text": "#fbbf24",
    "warning_text_strong": "#fde68a",
    "warning_bg": "#33260b",
    "warning_border": "#78500f",
    "ucs2_text": "#fdba74",
    "ucs2_bg": "#3b2212",
    "step_number_bg": "#312e81",
    "step_number_text": "#e0e7ff",
    "filter_number_bg": "#3b2a6b",
    "filter_number_text": "#ede9fe",
    "tooltip_bg": "#f1f5f9",
    "tooltip_text": "#0f172a",
    "phone": "#020617",
    "phone_screen": "#0b1222",
    "bubble": "#334155",
    "bubble_text": "#f1f5f9",
    "grid": "#334155",
    "header_bg": "#243247",
    "chart_track": "#334155",
    "chart_stage": "#a78bfa",
    "chart_reason": "#f87171",
    "chart_recipients": "#34d399",
    "chart_branch": "#60a5fa",
    "chart_sent": "#60a5fa",
    "chart_delivered": "#34d399",
    "chart_failed": "#f87171",
    "chart_skipped": "#94a3b8",
    "chart_subscribed_pending": "#fbbf24",
    "chart_unsubscribed": "#a78bfa",
    "chart_in_doubt": "#fb923c",
    "chart_pending": "#475569",
    "chart_other": "#94a3b8",
    "token_text": "#93c5fd",
    "token_bg": "#172554",
    "ucs2_mark_text": "#fed7aa",
    "ucs2_mark_bg": "#7c2d12",
    "ucs2_mark_line": "#fb923c",
}

TOKENS: dict[str, dict[str, str]] = {LIGHT_SCHEME: LIGHT, DARK_SCHEME: DARK}

#: (text, background) pairs drawn somewhere in the app, beyond those a stylesheet rule names
#: together: text at least 4.5:1 on its background in both sets.
TEXT_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (text, background)
    for text in ("text", "heading", "text_secondary", "text_muted", "text_subtle", "accent_text", "danger_text")
    for background in ("window", "surface", "surface_alt", "surface_selected")
) + (
    ("placeholder", "surface"),
    ("text", "hover"),
    ("selection_text", "selection"),
    ("text", "text_selection"),
    ("on_accent", "accent"),
    ("on_accent", "accent_hover"),
    ("on_accent", "danger_button"),
    ("on_accent", "danger_button_hover"),
    ("text", "danger_bg"),
    ("danger_text", "danger_bg"),
    ("danger_text", "danger_bg_strong"),
    ("danger_text_strong", "danger_bg"),
    ("success_text", "success_bg"),
    ("success_text_strong", "success_bg"),
    ("warning_text", "surface"),
    ("warning_text_strong", "warning_bg"),
    ("ucs2_text", "ucs2_bg"),
    ("step_number_text", "step_number_bg"),
    ("filter_number_text", "filter_number_bg"),
    ("tooltip_text", "tooltip_bg"),
    ("bubble_text", "bubble"),
    ("text_secondary", "phone_screen"),
    ("text_subtle", "phone_screen"),
    ("text_muted", "header_bg"),
    ("text_secondary", "chart_track"),
    ("token_text", "token_bg"),
    ("ucs2_mark_text", "ucs2_mark_bg"),
    ("text", "success_bg"),
    ("text", "selection"),
)

#: (ring, background) pairs: the focus ring at least 3:1 on everything a focusable widget
#: sits on or is filled with.
FOCUS_PAIRS: tuple[tuple[str, str], ...] = tuple(
    ("focus", background)
    for background in (
        "window",
        "surface",
        "surface_alt",
        "surface_selected",
        "hover",
        "selection",
        "danger_bg",
        "success_bg",
        "warning_bg",
        "accent_soft",
    )
) + (
    ("focus_on_accent", "accent"),
    ("focus_on_accent", "danger_button"),
    ("focus_on_accent", "window"),
    ("focus_on_accent", "surface"),
)

#: Outline icons are drawn in slate and in the light set's hues; on a dark surface they are
#: drawn in these lighter ones instead. Icons with a white glyph on a filled badge (the step
#: types, Run, the check marks) keep their colours in both sets.
DARK_ICON_COLORS: dict[str, str] = {
    "#334155": "#e2e8f0",
    "#64748b": "#a3b1c4",
    "#94a3b8": "#94a3b8",
    "#2563eb": "#60a5fa",
    "#059669": "#34d399",
    "#7c3aed": "#a78bfa",
    "#0f766e": "#2dd4bf",
    "#db2777": "#f472b6",
    "#d97706": "#fbbf24",
    "#4f46e5": "#818cf8",
    "#fef3c7": "#451a03",
}

_TOKEN_RE = re.compile(r"\{([a-z][a-z0-9_]*)\}")


# -- contrast -----------------------------------------------------------------------------------
def luminance(hex_color: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    value = hex_color.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# -- stylesheet and palette ---------------------------------------------------------------------
def fill_template(template: str, tokens: dict[str, str]) -> str:
    """``template`` with each ``{token}`` replaced by its colour (KeyError names an unknown token)."""

    def colour(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in tokens:
            raise KeyError(f"the stylesheet names {{{name}}}, which is not a colour token")
        return tokens[name]

    return _TOKEN_RE.sub(colour, template)


def stylesheet(scheme: str) -> str:
    """The application stylesheet for ``scheme``, its icons drawn for that scheme."""
    icons = resources.icon_dir(DARK_ICON_COLORS if scheme == DARK_SCHEME else {})
    return fill_template(resources.stylesheet(), TOKENS[scheme]).replace("url(ICONS/", f"url({icons}/")


def palette(scheme: str) -> QPalette:
    """The application palette for ``scheme``: what widgets the stylesheet does not reach draw with."""
    t = TOKENS[scheme]
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: t["window"],
        QPalette.ColorRole.WindowText: t["text"],
        QPalette.ColorRole.Base: t["surface"],
        QPalette.ColorRole.AlternateBase: t["surface_alt"],
        QPalette.ColorRole.ToolTipBase: t["tooltip_bg"],
        QPalette.ColorRole.ToolTipText: t["tooltip_text"],
        QPalette.ColorRole.PlaceholderText: t["placeholder"],
        QPalette.ColorRole.Text: t["text"],
        QPalette.ColorRole.Button: t["surface"],
        QPalette.ColorRole.ButtonText: t["text"],
        QPalette.ColorRole.BrightText: t["on_accent"],
        QPalette.ColorRole.Light: t["surface"],
        QPalette.ColorRole.Midlight: t["border_soft"],
        QPalette.ColorRole.Mid: t["border"],
        QPalette.ColorRole.Dark: t["border_strong"],
        QPalette.ColorRole.Shadow: t["text"],
        QPalette.ColorRole.Highlight: t["selection"],
        QPalette.ColorRole.HighlightedText: t["selection_text"],
        QPalette.ColorRole.Link: t["accent_text"],
        QPalette.ColorRole.LinkVisited: t["accent_text"],
        QPalette.ColorRole.Accent: t["accent"],
    }
    for role, value in roles.items():
        pal.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(t["text_disabled"]))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, QColor(t["disabled_bg"]))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, QColor(t["disabled_bg"]))
    return pal


# -- the scheme in use ----------------------------------------------------------------------------
_current = LIGHT_SCHEME


def current_scheme() -> str:
    """ "light" or "dark": the scheme the app draws with now."""
    return _current


def color(name: str) -> QColor:
    """The colour token ``name`` of the scheme in use (KeyError for an unknown token)."""
    return QColor(TOKENS[_current][name])


def resolve(choice: str, system: Qt.ColorScheme) -> str:
    """The scheme for the setting ``choice`` ("" = the system's) when the system says ``system``."""
    if choice in (LIGHT_SCHEME, DARK_SCHEME):
        return choice
    return DARK_SCHEME if system == Qt.ColorScheme.Dark else LIGHT_SCHEME


class Appearance(QObject):
    """Applies the chosen scheme to the application, and again whenever the system's changes
    while the choice is "follow the system"."""

    changed = Signal(str)  # "light" or "dark", after the application was restyled

    def __init__(self, app: QGuiApplication, choice: str = "") -> None:
        super().__init__(app)
        self.app = app
        self.choice = choice if choice in CHOICES else ""
        self.system = app.styleHints().colorScheme()
        self.scheme = ""
        app.styleHints().colorSchemeChanged.connect(self._system_changed)

    def set_choice(self, choice: str) -> None:
        """Follow the system (""), or always draw "light" or "dark"."""
        self.choice = choice if choice in CHOICES else ""
        self.apply()

    def _system_changed(self, scheme: Qt.ColorScheme) -> None:
        self.system = scheme
        if not self.choice:
            self.apply()

    def apply(self) -> str:
        """Restyle the application for the scheme the choice resolves to; returns it."""
        global _current
        scheme = resolve(self.choice, self.system)
        if scheme == self.scheme:
            return scheme
        self.scheme = _current = scheme
        resources.set_icon_scheme(scheme, DARK_ICON_COLORS if scheme == DARK_SCHEME else {})
        self.app.setPalette(palette(scheme))
        set_sheet = getattr(self.app, "setStyleSheet", None)
        if set_sheet is not None:
            set_sheet(stylesheet(scheme))
        log.info("appearance: %s (choice %r)", scheme, self.choice)
        self.changed.emit(scheme)
        return scheme


_appearance: Appearance | None = None


def install(app: QGuiApplication, choice: str = "") -> Appearance:
    """Draw ``app`` in the scheme ``choice`` resolves to, following the system if it is ""
    (once per application; a second call changes the choice)."""
    global _appearance
    if _appearance is None or _appearance.app is not app:
        _appearance = Appearance(app, choice)
    else:
        _appearance.choice = choice if choice in CHOICES else ""
    _appearance.apply()
    return _appearance


def appearance() -> Appearance | None:
    """The installed :class:`Appearance`, if any (painted widgets listen to its ``changed``)."""
    return _appearance
