"""Marking texts for translation without Qt, typed.

``QT_TRANSLATE_NOOP(context, text)`` returns ``text`` unchanged; the translation tools
(``pyside6-lupdate``) find the call by this name, as they find Qt's own, and the GUI later
shows ``QCoreApplication.translate(context, text)``. Qt's version is typed as returning
``object``, which made every table of marked texts a type error; this one returns ``str``.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; returns ``text``."""
    return text
