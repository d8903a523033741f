"""The Results tab: the campaign's runs, a summary of the chosen run, and its activity log.

Each run says what started it: an occurrence of the campaign's schedule (with the time it was
due), its triggers, or someone pressing Run. Runs the agent starts appear while the tab is
open: :meth:`ResultsTab.refresh_if_changed` (called whenever the workspace changed) reads the
list again when a run was added or changed its status.

The summary (ledger counts, the people skipped and by which reason, deliveries, sends in
doubt) is read by ``services.engine.run_summary`` on a worker thread and drawn as a bar chart
(:class:`ui.run.run_chart.RunChart`); a run that stopped early can be resumed from here and its
sends in doubt resent or dropped. The activity log is a lazy table
(:class:`ui.run.activity_model.ActivityModel`) filtered by type and searched by person, number
or detail; Export writes the whole log through the engine's formula-safe CSV export.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.services.automation.history import RunOrigin, run_origins
from smsflow_desktop.services.engine.activity_query import ActivityFilter
from smsflow_desktop.services.engine.results import list_runs
from smsflow_desktop.services.engine.run_summary import RunSummary, run_summary
from smsflow_desktop.ui import file_dialogs
from smsflow_desktop.ui.labels import activity_label, number, reason_label, status_label, when_text
from smsflow_desktop.ui.resources import name_for_screen_readers
from smsflow_desktop.ui.run.activity_model import ActivityModel
from smsflow_desktop.ui.run.engine_jobs import count_activity_job, export_activity_job, summary_job
from smsflow_desktop.ui.run.run_chart import RunChart
from smsflow_desktop.ui.workers import TaskRunner

log = logging.getLogger(__name__)


#: The narrowest the runs' status column gets beside the run's figures, before they go under the runs.
STATUS_AT_LEAST = 120


class ResultsTab(QWidget):
    """Runs of one campaign, the chosen run's summary and its activity log."""

    resume_requested = Signal(int, bool)  # run id, resend what is in doubt
    drop_in_doubt_requested = Signal(int)  # run id

    def __init__(
        self,
        conn: sqlite3.Connection | None,
        campaign_name: str,
        parent: QWidget | None = None,
        *,
        root: Path | str | None = None,
    ) -> None:
        super().__init__(parent)
        self.conn = conn
        self.root = root
        self.campaign_name = campaign_name
        self.runners: list[TaskRunner[Any, Any]] = []  # kept until each is done
        self.summary: RunSummary | None = None
        self.total: int | None = None
        self.shown_runs: list[tuple[object, object]] = []  # (run id, status) as listed
        col = QVBoxLayout(self)
        col.setContentsMargins(20, 14, 20, 14)
        col.setSpacing(10)
        self.intro = QLabel(self)
        self.intro.setObjectName("Muted")
        self.intro.setWordWrap(True)
        col.addWidget(self.intro)
        self.tests_note = QLabel(self)  # test sends: in no run, so in none of the figures below
        self.tests_note.setObjectName("Muted")
        self.tests_note.setWordWrap(True)
        self.tests_note.hide()
        col.addWidget(self.tests_note)
        split = QSplitter(Qt.Orientation.Vertical, self)
        top = QSplitter(Qt.Orientation.Horizontal, split)
        self.top = top  # the runs beside the chosen run's figures, or above them where that is too narrow
        self.runs = QTableWidget(0, 5, top)
        self.runs.setAccessibleName(self.tr("Runs of this campaign"))
        self.runs.setHorizontalHeaderLabels(
            [self.tr("Run"), self.tr("Status"), self.tr("Started"), self.tr("Started by"), self.tr("Dry run")]
        )
        self.runs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.runs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.runs.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.runs.verticalHeader().hide()
        self.runs.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The status takes what room there is; where there is too little it is cut, said whole in its tooltip.
        self.runs.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        top.addWidget(self.runs)
        summary = QScrollArea(top)  # on a short window the figures scroll rather than overlap
        self.summary_area = summary
        summary.setAccessibleName(self.tr("Figures of the chosen run"))
        summary.setWidgetResizable(True)
        summary.setFrameShape(QFrame.Shape.NoFrame)
        summary.setWidget(self._summary_panel(summary))
        top.addWidget(summary)
        top.setSizes([520, 480])
        split.addWidget(top)
        split.addWidget(self._activity_panel(split))
        split.setSizes([440, 360])  # room for every bar of the run and its Resume button
        col.addWidget(split, 1)
        self.runs.itemSelectionChanged.connect(self._run_chosen)
        self.refresh()
        top.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.top and event.type() == QEvent.Type.Resize:
            self._fit_top()  # on the splitter's own resize: the tab's comes before its layout has passed it on
        return super().eventFilter(watched, event)

    def _fit_top(self) -> None:
        """Put the chosen run's figures under the runs, each as wide as the tab, where side by side
        one of them would scroll sideways; back beside them where both fit."""
        panel = self.summary_area.widget()
        header = self.runs.horizontalHeader()
        wants = [max(header.sectionSizeHint(c), self.runs.sizeHintForColumn(c)) for c in range(self.runs.columnCount())]
        wants[1] = min(wants[1], STATUS_AT_LEAST)  # the status gives way first, said whole in its tooltip
        columns = sum(wants)  # what the columns need, not what the stretched status was given
        needs = (
            columns
            + 2 * self.runs.frameWidth()
            + (panel.minimumSizeHint().width() if panel is not None else 0)
            + self.summary_area.verticalScrollBar().sizeHint().width()
            + self.top.handleWidth()
        )
        wanted = Qt.Orientation.Vertical if self.top.width() < needs else Qt.Orientation.Horizontal
        if self.top.orientation() != wanted:
            self.top.setOrientation(wanted)

    def _summary_panel(self, parent: QWidget) -> QWidget:
        panel = QFrame(parent)
        panel.setObjectName("Section")
        pcol = QVBoxLayout(panel)
        pcol.setContentsMargins(16, 12, 16, 12)
        pcol.setSpacing(8)
        self.summary_title = QLabel(panel)
        self.summary_title.setObjectName("SectionTitle")
        self.summary_title.setWordWrap(True)
        self.chart = RunChart(panel)
        self.skipped_label = QLabel(panel)
        self.skipped_label.setObjectName("Muted")
        self.skipped_label.setWordWrap(True)
        self.error_label = QLabel(panel)
        self.error_label.setObjectName("OverLimit")
        self.error_label.setWordWrap(True)
        buttons = QHBoxLayout()
        self.resume_button = QPushButton(self.tr("Resume run"), panel)
        self.resume_button.setObjectName("PrimaryButton")
        self.resume_button.setToolTip(self.tr("Carry on where the run stopped; sends in doubt are not repeated"))
        self.resend_button = QPushButton(self.tr("Resend in-doubt sends"), panel)
        self.resend_button.setToolTip(
            self.tr("Resume and send again what may not have reached Vibes (someone may get a text twice)")
        )
        self.drop_button = QPushButton(self.tr("Drop in-doubt sends"), panel)
        self.drop_button.setToolTip(self.tr("Never send them; they count as failed, dropped by you"))
        self.resume_button.clicked.connect(lambda: self._emit_resume(False))
        self.resend_button.clicked.connect(lambda: self._emit_resume(True))
        self.drop_button.clicked.connect(self._emit_drop)
        for b in (self.resume_button, self.resend_button, self.drop_button):
            buttons.addWidget(b)
            b.hide()
        buttons.addStretch(1)
        for w in (self.summary_title, self.chart, self.skipped_label, self.error_label):
            pcol.addWidget(w)
        pcol.addLayout(buttons)
        pcol.addStretch(1)
        return panel

    def _activity_panel(self, parent: QWidget) -> QWidget:
        lower = QWidget(parent)
        lcol = QVBoxLayout(lower)
        lcol.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        title = QLabel(self.tr("Activity log"), lower)
        title.setObjectName("SectionTitle")
        bar.addWidget(title)
        bar.addSpacing(12)
        self.type_filter = QComboBox(lower)
        name_for_screen_readers(self.type_filter, self.tr("Show activity of type"))  # not "All types"
        # As wide as its longest entry, whichever is chosen ("Hoppades över" whole): the search box gives way.
        self.type_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.type_filter.setMinimumContentsLength(0)
        self.search = QLineEdit(lower)
        self.search.setPlaceholderText(self.tr("Search name, number or detail"))
        self.search.setToolTip(self.search.placeholderText())  # said whole where the box is narrow
        self.search.setAccessibleName(self.tr("Search the activity log"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.search.setMaximumWidth(360)
        self.count_label = QLabel(lower)
        self.count_label.setObjectName("Muted")
        self.count_label.setWordWrap(True)
        self.count_label.setMinimumWidth(1)  # a long path it names is cut, never widening the window
        self.export_button = QPushButton(self.tr("Export CSV…"), lower)
        bar.addWidget(self.type_filter)
        bar.addWidget(self.search, 1)  # as wide as it may be (360) when there is room
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        lcol.addLayout(bar)
        lcol.addWidget(self.count_label)  # under the bar: a long line (where an export went) wraps there
        self.activity_model = ActivityModel(self.conn, self)
        self.activity = QTableView(lower)
        self.activity.setAccessibleName(self.tr("Activity of the chosen run"))
        self.activity.setModel(self.activity_model)
        self.activity.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.activity.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.activity.verticalHeader().hide()
        self.activity.verticalHeader().setDefaultSectionSize(26)
        self.activity.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.activity.horizontalHeader()
        for c, width in enumerate((150, 150, 170, 140, 50)):
            header.resizeSection(c, width)
        header.setStretchLastSection(True)
        self.activity.setWordWrap(False)
        lcol.addWidget(self.activity, 1)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.type_filter.activated.connect(lambda _i: self._apply_filter())
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.activity_model.rowsInserted.connect(lambda *_: self._update_count())
        self.activity_model.modelReset.connect(self._update_count)
        self.activity_model.loading_changed.connect(lambda _b: self._update_count())
        return lower

    # -- runs ----------------------------------------------------------------------------------
    def origin_text(self, origin: RunOrigin | None) -> tuple[str, str]:
        """What started a run, for the table ("Schedule", "Trigger" or "You (Run)"), and a tooltip
        (the occurrence it ran for)."""
        if origin is None or origin.kind == "manual":
            return self.tr("You (Run)"), self.tr("Started with Run")
        if origin.kind == "trigger":
            return self.tr("Trigger"), self.tr("Started by the campaign's triggers")
        try:
            due = datetime.fromisoformat(str(origin.scheduled_at).replace("Z", "+00:00"))
        except ValueError:
            return self.tr("Schedule"), ""
        return self.tr("Schedule"), self.tr("The run of the schedule due %1").replace("%1", when_text(due))

    def refresh_if_changed(self) -> bool:
        """Read the runs again when one was added or changed its status since they were listed
        (the agent started or finished one); True when it did."""
        if self.conn is None:
            return False
        try:
            rows = list_runs(self.conn, self.campaign_name)
        except sqlite3.Error as exc:
            log.warning("cannot list runs: %s", exc)
            return False
        if [(r["run_id"], r["status"]) for r in rows] == self.shown_runs:
            return False
        self.refresh()
        return True

    def refresh(self) -> None:
        """Re-read the runs (keeping the chosen one) and its summary and log."""
        chosen = self._run_id()
        self.runs.blockSignals(True)
        self.runs.setRowCount(0)
        rows: list[dict[str, object]] = []
        origins: dict[int, RunOrigin] = {}
        if self.conn is None:
            self.intro.setText(self.tr("No workspace is open."))
        else:
            try:
                rows = list_runs(self.conn, self.campaign_name)
                origins = run_origins(self.conn, self.campaign_name)
            except sqlite3.Error as exc:
                log.error("cannot list runs: %s", exc)
                self.intro.setText(self.tr("The runs could not be read: %1").replace("%1", str(exc)))
        if self.conn is not None and not rows:
            self.intro.setText(
                self.tr("This campaign has not run yet. Use Preview to see who it would reach, then Run.")
            )
        elif rows:
            self.intro.setText(
                self.tr("%1 runs of this campaign. Choose one to see what it did.").replace("%1", str(len(rows)))
                if len(rows) > 1
                else self.tr("1 run of this campaign.")
            )
        self._show_test_sends()
        self.shown_runs = [(r["run_id"], r["status"]) for r in rows]
        self.runs.setRowCount(len(rows))
        select = 0
        for r, run in enumerate(rows):
            origin = self.origin_text(origins.get(int(str(run["run_id"]))))
            values = [
                str(run["run_id"]),
                status_label(str(run["status"])),
                str(run["started_at"] or "").replace("T", " ").replace("Z", ""),
                origin[0],
                self.tr("yes") if run["dry_run"] else self.tr("no"),
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, run["run_id"])
                if c == 1:
                    item.setToolTip(value)
                if c == 3:
                    item.setToolTip(origin[1])
                self.runs.setItem(r, c, item)
            if run["run_id"] == chosen:
                select = r
        self.runs.blockSignals(False)
        self.export_button.setEnabled(bool(rows))
        if rows:
            self.runs.selectRow(select)
            self._run_chosen()
        else:
            self._show_summary(None)
            self.activity_model.set_filter(None)

    def _show_test_sends(self) -> None:
        """Say how many test sends the campaign had (they are in no run, so in none of its figures)."""
        count, latest = 0, None
        if self.conn is not None:
            from smsflow_desktop.services.engine.test_log import summarize_test_sends  # the standard library only

            try:
                count, latest = summarize_test_sends(self.conn, self.campaign_name)
            except sqlite3.Error as exc:
                log.warning("cannot count test sends: %s", exc)
        if count:
            self.tests_note.setText(
                (
                    self.tr("1 test send, on %2; tests are not part of any run or these results.")
                    if count == 1
                    else self.tr("%1 test sends, the latest on %2; tests are not part of any run or these results.")
                )
                .replace("%1", number(count))
                .replace("%2", self._when(latest))
            )
        self.tests_note.setVisible(bool(count))

    @staticmethod
    def _when(stamp: str | None) -> str:
        try:
            return when_text(datetime.fromisoformat(str(stamp).replace("Z", "+00:00")))
        except ValueError:
            return str(stamp or "")

    def _run_id(self) -> int | None:
        items = self.runs.selectedItems()
        return int(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def _run_chosen(self) -> None:
        run_id = self._run_id()
        if run_id is None:
            return
        self.summary_title.setText(self.tr("Run %1 — reading…").replace("%1", str(run_id)))
        self.type_filter.blockSignals(True)
        self.type_filter.clear()
        self.type_filter.addItem(self.tr("All types"), "")
        self.type_filter.blockSignals(False)
        self.total = None
        self._apply_filter()
        if self.root is None:
            if self.conn is not None:
                self._show_summary(run_summary(self.conn, run_id))
            return
        TaskRunner(
            summary_job(self.root, run_id),
            name="run-summary",
            parent=self,
            on_success=self._show_summary,
            on_failure=self.summary_title.setText,
        ).start(keep_in=self.runners)

    # -- summary -------------------------------------------------------------------------------
    def _show_summary(self, summary: RunSummary | None) -> None:
        if summary is not None and summary.run_id != self._run_id():
            return  # an answer for a run no longer chosen
        self.summary = summary
        for b in (self.resume_button, self.resend_button, self.drop_button):
            b.hide()
        if summary is None:
            self.summary_title.setText("")
            self.chart.set_bars([])
            self.skipped_label.setText("")
            self.error_label.setText("")
            return
        when = summary.started_at.replace("T", " ").replace("Z", "")
        title = (
            self.tr("Run %1 · %2 · started %3")
            .replace("%1", str(summary.run_id))
            .replace("%2", status_label(summary.status))
            .replace("%3", when)
        )
        if summary.dry_run:
            title += " · " + self.tr("dry run (nothing sent)")
        self.summary_title.setText(title)
        self.chart.set_bars(summary.bars())
        skipped = summary.skipped_by_reason
        self.skipped_label.setText(
            self.tr("People skipped, by reason: %1").replace(
                "%1", " · ".join(f"{reason_label(k)} {number(v)}" for k, v in skipped.items())
            )
            if skipped
            else ""
        )
        self.error_label.setText(summary.error or "")
        self.error_label.setVisible(bool(summary.error))
        self.resume_button.setVisible(summary.resumable)
        self.resend_button.setVisible(summary.in_doubt > 0 and summary.status != "running")
        self.drop_button.setVisible(summary.in_doubt > 0 and summary.status != "running")
        current = self.type_filter.currentData()
        self.type_filter.blockSignals(True)
        self.type_filter.clear()
        self.type_filter.addItem(self.tr("All types"), "")
        for kind in summary.activity_types:
            self.type_filter.addItem(activity_label(kind), kind)
        self.type_filter.setCurrentIndex(max(0, self.type_filter.findData(current or "")))
        self.type_filter.blockSignals(False)
        self.type_filter.setMinimumWidth(self.type_filter.sizeHint().width())  # never squeezed below its longest entry
        if not self._filter().type and not self._filter().search:
            self.total = summary.activity_total
        self._update_count()

    def _emit_resume(self, resend: bool) -> None:
        run_id = self._run_id()
        if run_id is not None:
            self.resume_requested.emit(run_id, resend)

    def _emit_drop(self) -> None:
        run_id = self._run_id()
        if run_id is not None:
            self.drop_in_doubt_requested.emit(run_id)

    # -- activity ------------------------------------------------------------------------------
    def _filter(self) -> ActivityFilter:
        return ActivityFilter(self._run_id() or 0, self.type_filter.currentData() or "", self.search.text())

    def _apply_filter(self) -> None:
        run_id = self._run_id()
        flt = self._filter() if run_id is not None else None
        self.activity_model.set_filter(flt)
        if flt is None:
            return
        if not flt.type and not flt.search.strip():
            self.total = (
                self.summary.activity_total if self.summary is not None and self.summary.run_id == run_id else None
            )
        else:
            self.total = None
            if self.root is not None:
                TaskRunner(
                    count_activity_job(self.root, flt),
                    name="activity-count",
                    parent=self,
                    on_success=lambda n: self._counted(flt, n),
                ).start(keep_in=self.runners)
        if self.activity_model.canFetchMore():
            self.activity_model.fetchMore()
        self._update_count()

    def _counted(self, flt: ActivityFilter, n: int) -> None:
        if flt == self.activity_model.filter:
            self.total = n
            self._update_count()

    def _update_count(self) -> None:
        shown = self.activity_model.rowCount()
        if self.total is not None and (shown >= self.total or not self.activity_model.canFetchMore()):
            text = self.tr("%1 activities").replace("%1", number(self.total))
        elif self.total is not None:
            text = (
                self.tr("%1 of %2 activities loaded; scroll for more")
                .replace("%1", number(shown))
                .replace("%2", number(self.total))
            )
        elif self.activity_model.canFetchMore():
            text = self.tr("%1 found so far…").replace("%1", number(shown))
        else:
            text = self.tr("%1 activities").replace("%1", number(shown))
        self.count_label.setText(text)

    def export_csv(self, path: str | Path | None = None) -> TaskRunner[int, None] | None:
        """Write the chosen run's whole activity log to a CSV file (on a worker thread)."""
        run_id = self._run_id()
        if run_id is None or self.root is None:
            return None
        if not path:
            path = file_dialogs.save_file(
                self, "export_csv", self.tr("Export activity"), f"run-{run_id}.csv", self.tr("CSV files (*.csv)")
            )
            if path is None:
                return None
        target = Path(path)
        self.export_button.setEnabled(False)
        self.count_label.setText(self.tr("Exporting…"))
        return TaskRunner(
            export_activity_job(self.root, run_id, target),
            name="export-activity",
            parent=self,
            on_success=lambda n: self._exported(target, n),
            on_failure=self._export_failed,
        ).start(keep_in=self.runners)

    def _exported(self, target: Path, rows: int) -> None:
        self.export_button.setEnabled(True)
        self.count_label.setText(self.tr("Wrote %1 rows to %2").replace("%1", number(rows)).replace("%2", str(target)))

    def _export_failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        log.error("export failed: %s", message)
        self.count_label.setText(self.tr("Export failed: %1").replace("%1", message))

    def shutdown(self) -> None:
        """Wait for the tab's worker threads (the editor is closing)."""
        for runner in list(self.runners):
            runner.wait(10000)
