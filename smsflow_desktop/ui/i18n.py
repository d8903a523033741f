"""Languages: English (the source texts) and Swedish, chosen by setting or system locale.

``install_translators`` loads ``resources/translations/smsflow_<code>.qm`` and Qt's own
``qtbase_<code>.qm`` (standard buttons such as Save and Cancel) and sets the default
locale for numbers and dates. English has a small catalogue too, of plural forms only: a
text counted with ``tr("%Ln people", "", n)`` reads "1 person" and "2 people". The
workspace setting ``ui.language`` ("" = system, "en", "sv") decides; without a workspace,
the last choice made in the View menu does.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from smsflow_desktop.ui.resources import resource_path

log = logging.getLogger(__name__)
LANGUAGES: tuple[str, ...] = ("en", "sv")
_installed: list[QTranslator] = []  # kept alive for the app's lifetime
_current = ["en"]  # the language installed last


def current_language() -> str:
    """The language the app shows ("en" or "sv"): what typed durations and logic words are read in."""
    return _current[0]


def resolve_language(setting: str) -> str:
    """The language to use: the setting when it names one we have, else the system's, else English."""
    if setting in LANGUAGES:
        return setting
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def install_translators(app: QCoreApplication, setting: str = "") -> str:
    """Install the translators for ``setting`` (see :func:`resolve_language`); returns the code used."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    code = resolve_language(setting)
    locale = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden) if code == "sv" else QLocale.system()
    if code == "en" and locale.language() != QLocale.Language.English:
        # The C locale (or another language's) would print 5000 for 5,000 beside English words.
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    QLocale.setDefault(locale)
    _current[0] = "en"
    ours = resource_path("translations", f"smsflow_{code}.qm")
    translator = QTranslator(app)
    if ours is not None and translator.load(ours):
        app.installTranslator(translator)
        _installed.append(translator)
    elif code != "en":
        log.warning("no translation file for %r; showing English", code)
        return "en"
    if code == "en":
        return code  # English is the source text: its catalogue holds only plural forms ("1 person")
    _current[0] = code
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    return code
