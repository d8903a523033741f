"""What a screen reader says of a widget, for the GUI tests: its spoken name, the labels it is
named by, and the widgets of a screen a screen-reader user would meet with nothing to hear
(a Tab stop without a name, a drop-down named only by the value it shows, an unnamed list
or table), each described by its class, object name and parents so a failure is readable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QComboBox, QHeaderView, QWidget


def spoken_name(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def labels_of(widget: QWidget) -> list[str]:
    """The names of the labels a screen reader reads for ``widget`` (its labelled-by relations)."""
    iface = QAccessible.queryAccessibleInterface(widget)
    found = []
    for label, _relation in iface.relations(QAccessible.RelationFlag.Label):
        if not label.state().invisible:
            found.append(label.text(QAccessible.Text.Name))
    return found


def describe(widget: QWidget) -> str:
    """``QComboBox 'Region' (shows 'SE') in QWidget < FilePage 'Page' < PeopleImportWizard``."""

    def one(w: QWidget) -> str:
        name = w.objectName()
        return type(w).__name__ + (f" {name!r}" if name else "")

    shown = ""
    text = getattr(widget, "currentText", None) or getattr(widget, "text", None)
    if callable(text):
        value = text()
        if isinstance(value, str) and value:
            shown = f" (shows {value[:40]!r})"
    chain = []
    parent = widget.parentWidget()
    while parent is not None:
        chain.append(one(parent))
        parent = parent.parentWidget()
    return one(widget) + shown + (" in " + " < ".join(chain) if chain else "")


def unnamed_drop_downs(root: QWidget) -> list[str]:
    """Visible drop-downs whose only name is the value they show."""
    out = []
    for combo in root.findChildren(QComboBox):
        if not combo.isVisible():
            continue
        names = [n for n in labels_of(combo) if n and n != combo.currentText()]
        if not names:
            out.append(f"{combo.currentText()!r} (named {spoken_name(combo)!r})")
    return out


def _tab_stop(widget: QWidget) -> bool:
    return widget.isVisible() and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _item_view(widget: QWidget) -> bool:
    # a header is read as part of its table, not on its own
    return isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.isVisible()


def _part_of_its_parent(widget: QWidget) -> bool:
    """The text field of a spin box or an editable drop-down (the control a screen reader
    speaks of, and which is checked, is the spin box or the drop-down), or a widget that hands
    its focus on to another (a tab widget to its tab bar: the focus never rests on it)."""
    return isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)) or widget.focusProxy() is not None


def spoken_widgets(root: QWidget) -> list[QWidget]:
    """What a screen-reader user meets on ``root``: every visible drop-down, every visible
    list, table and tree, and every other visible widget Tab stops at (the text field of a
    spin box or drop-down counts as its control; a widget handing its focus on is left out)."""
    out = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QComboBox):
            if widget.isVisible():
                out.append(widget)
        elif not _part_of_its_parent(widget) and (_tab_stop(widget) or _item_view(widget)):
            out.append(widget)
    return out


def unnamed_widgets(root: QWidget) -> list[str]:
    """What a screen reader has nothing to say for on ``root``: a Tab stop, list, table or
    tree without a name, or a drop-down with no label naming it other than by the value it
    shows (on Linux a drop-down's own name is that value)."""
    out = []
    for widget in spoken_widgets(root):
        labels = [n for n in labels_of(widget) if n.strip()]
        if isinstance(widget, QComboBox):
            if not [n for n in labels if n != widget.currentText()]:
                out.append(f"drop-down named only by its value: {describe(widget)}")
        elif not spoken_name(widget).strip() and not labels:
            out.append(f"no name: {describe(widget)}")
    return out
