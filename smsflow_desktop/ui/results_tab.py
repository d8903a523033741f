"""The Results tab: the campaign's runs and every activity of the chosen run.

Runs come from ``services.engine.results.list_runs`` (with their effective status) and
Export writes the run's whole activity log through ``export_activity_csv`` (cells a
spreadsheet would execute are neutralised). The table shows the newest
:data:`ACTIVITY_LIMIT` activities, filterable by type.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.services.engine.results import export_activity_csv, list_runs

log = logging.getLogger(__name__)
ACTIVITY_LIMIT = 1000
ACTIVITY_COLUMNS = ("at", "type", "mdn", "person_id", "step_index", "detail")


class ResultsTab(QWidget):
    """Runs of one campaign and their activity log."""

    def __init__(self, conn: sqlite3.Connection | None, campaign_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn = conn
        self.campaign_name = campaign_name
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 16, 24, 16)
        col.setSpacing(10)
        self.summary = QLabel(self)
        self.summary.setObjectName("Muted")
        col.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.runs = QTableWidget(0, 5, split)
        self.runs.setAccessibleName(self.tr("Runs of this campaign"))
        self.runs.setHorizontalHeaderLabels([self.tr("Run"), self.tr("Status"), self.tr("Started"),
                                             self.tr("Finished"), self.tr("Dry run")])
        self._table_defaults(self.runs)
        lower = QWidget(split)
        lower_col = QVBoxLayout(lower)
        lower_col.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Activity of type"), lower))
        self.type_filter = QComboBox(lower)
        self.type_filter.setAccessibleName(self.tr("Show activity of type"))
        bar.addWidget(self.type_filter)
        bar.addStretch(1)
        self.export_button = QPushButton(self.tr("Export CSV…"), lower)
        bar.addWidget(self.export_button)
        lower_col.addLayout(bar)
        self.activity = QTableWidget(0, len(ACTIVITY_COLUMNS), lower)
        self.activity.setAccessibleName(self.tr("Activity of the chosen run"))
        self.activity.setHorizontalHeaderLabels([self.tr("When"), self.tr("Type"), self.tr("Number"),
                                                 self.tr("Person"), self.tr("Step"), self.tr("Detail")])
        self._table_defaults(self.activity)
        lower_col.addWidget(self.activity)
        split.addWidget(self.runs)
        split.addWidget(lower)
        col.addWidget(split, 1)
        self.runs.itemSelectionChanged.connect(self._load_activity)
        self.type_filter.activated.connect(lambda _i: self._load_activity())
        self.export_button.clicked.connect(self.export_csv)
        self.refresh()

    def _table_defaults(self, table: QTableWidget) -> None:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setAlternatingRowColors(False)

    def refresh(self) -> None:
        self.runs.setRowCount(0)
        if self.conn is None:
            self.summary.setText(self.tr("No workspace is open."))
            return
        rows = [(r["run_id"], r["status"], r["started_at"], r["finished_at"], r["dry_run"])
                for r in list_runs(self.conn, self.campaign_name)]
        if not rows:
            text = self.tr("This campaign has not run yet. Use Preview to see who it would reach, then Run.")
        elif len(rows) == 1:
            text = self.tr("1 run; its activity is below.")
        else:
            text = self.tr("%1 runs; choose one to see its activity.").replace("%1", str(len(rows)))
        self.summary.setText(text)
        self.runs.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [str(row[0]), row[1], row[2] or "", row[3] or "", self.tr("yes") if row[4] else self.tr("no")]
            for c, value in enumerate(values):
                self.runs.setItem(r, c, QTableWidgetItem(value))
        self.export_button.setEnabled(bool(rows))
        if rows:
            self.runs.selectRow(0)

    def _run_id(self) -> int | None:
        items = self.runs.selectedItems()
        return int(self.runs.item(items[0].row(), 0).text()) if items else None

    def _query(self, run_id: int, limit: int | None) -> tuple[str, list[object]]:
        sql = f"SELECT {', '.join(ACTIVITY_COLUMNS)} FROM activity WHERE run_id = ?"
        args: list[object] = [run_id]
        kind = self.type_filter.currentData()
        if kind:
            sql += " AND type = ?"
            args.append(kind)
        sql += " ORDER BY id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return sql, args

    def _load_activity(self) -> None:
        self.activity.setRowCount(0)
        run_id = self._run_id()
        if run_id is None or self.conn is None:
            return
        current = self.type_filter.currentData()
        types = [r[0] for r in self.conn.execute(
            "SELECT DISTINCT type FROM activity WHERE run_id = ? ORDER BY type", (run_id,))]
        self.type_filter.blockSignals(True)
        self.type_filter.clear()
        self.type_filter.addItem(self.tr("All types"), "")
        for t in types:
            self.type_filter.addItem(t, t)
        self.type_filter.setCurrentIndex(max(0, self.type_filter.findData(current or "")))
        self.type_filter.blockSignals(False)
        sql, args = self._query(run_id, ACTIVITY_LIMIT)
        rows = self.conn.execute(sql, args).fetchall()
        self.activity.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c in range(len(ACTIVITY_COLUMNS)):
                value = row[c]
                self.activity.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))

    def export_csv(self, path: str | None = None) -> Path | None:
        run_id = self._run_id()
        if run_id is None or self.conn is None:
            return None
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export activity"), f"run-{run_id}.csv",
                                                  self.tr("CSV files (*.csv)"))
            if not path:
                return None
        target = Path(path)
        try:
            export_activity_csv(self.conn, run_id, target)
        except (OSError, LookupError, sqlite3.Error) as exc:
            log.error("export of run %s failed: %s", run_id, exc)
            QMessageBox.warning(self, self.tr("Export failed"),
                                self.tr("Could not write %1: %2").replace("%1", str(target))
                                .replace("%2", getattr(exc, "strerror", None) or str(exc)))
            return None
        return target
