"""The common ground of the lazy tables: rows are ids kept in ``self.ids``, columns are headers.

:class:`IdTableModel` answers Qt's row and column counts for a flat table whose loaded rows
are the ids in ``self.ids`` and whose columns are ``HEADERS``, marked for translation in the
subclass's own context (``TR_CONTEXT``) and translated when the view asks for them. Loading
(``canFetchMore``/``fetchMore``) and cells (``data``) are the subclass's.
"""

from __future__ import annotations

from array import array

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class IdTableModel(QAbstractTableModel):
    """A flat table of the rows in ``self.ids``, with translated column headers."""

    HEADERS: tuple[str, ...] = ()
    TR_CONTEXT = ""  # the context HEADERS are marked in (QT_TRANSLATE_NOOP)
    ids: array[int]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.TR_CONTEXT, self.HEADERS[section])
        return None
