"""The People CSV import wizard: choose a file, check how its columns map, import, read the report.

Page one takes the file and the country for numbers written without a country code (the
workspace's ``default_region`` setting; a workspace that never set it starts from the country
of the language the app shows, so a Swedish one reads 070… as Swedish). Page two shows how
each column of the file maps to a person field, with the first values, from
``inspect_people_csv``; each column's field can be changed there, to another field, a custom
field or "Do not import" (``services.importers.people_mapping``; a mapping that cannot be
imported says why and keeps Import off). Page three runs ``import_people_csv`` with that
mapping on a worker thread with a progress bar; Cancel stops it and nothing is written (the
import is one transaction). The report says what was imported and lists the lines whose
numbers are not valid or that had other problems.
"""

from __future__ import annotations

import itertools
import logging
import sqlite3
from pathlib import Path

import phonenumbers
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from smsflow_desktop.services.importers.people_csv import PeopleCsvPlan, PeopleImportResult, inspect_people_csv
from smsflow_desktop.services.importers.people_mapping import (
    CUSTOM,
    IGNORE,
    PHONE,
    TARGETS,
    MappingError,
    mapping_of,
    plan_with_mapping,
)
from smsflow_desktop.services.importers.people_rows import HeaderError
from smsflow_desktop.services.importers.textfile import ImportFileError, open_text, reader_for, records
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.ui import file_dialogs
from smsflow_desktop.ui.labels import number, person_field_label
from smsflow_desktop.ui.people.people_jobs import import_people_job
from smsflow_desktop.ui.resources import name_for_screen_readers
from smsflow_desktop.ui.workers import CancelFlag, Cancelled, RowProgress, TaskRunner

log = logging.getLogger(__name__)
PREVIEW_ROWS = 3


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def default_region(conn: sqlite3.Connection | None) -> str:
    """The country the wizard reads numbers without a country code in: the workspace's
    ``default_region`` setting when it was set, else the country of the app's language
    (Swedish: SE), else the setting's default."""
    stored = None
    fallback = "US"
    if conn is not None:
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'default_region'").fetchone()
            stored = row[0] if row else None
            fallback = get_setting(conn, "default_region")
        except sqlite3.Error as exc:
            log.warning("cannot read default_region: %s", exc)
    if stored:
        return str(stored)
    territory = QLocale().name().partition("_")[2].upper()  # "sv_SE" -> "SE"
    return territory if territory in phonenumbers.SUPPORTED_REGIONS else fallback


def first_records(plan: PeopleCsvPlan, n: int = PREVIEW_ROWS) -> tuple[list[str], list[list[str]]]:
    """The header names and the first ``n`` records of a checked file."""
    with open_text(plan.path) as text:
        rows = records(plan.path, reader_for(text, plan.delimiter), start_line=0)
        header = next(rows)[1]
        return header, [values for _line, values in itertools.islice(rows, n)]


class FilePage(QWizardPage):
    """The file and the default country."""

    def __init__(self, wizard: PeopleImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Choose a People CSV file"))
        self.setSubTitle(self.tr("Comma, semicolon or tab separated, UTF-8, with a header row and a phone column."))
        col = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(self.tr("CSV file"))
        self.path_edit.setPlaceholderText(self.tr("/path/to/people.csv"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        col.addLayout(row)
        region_row = QHBoxLayout()
        region_label = QLabel(self.tr("Country for numbers without a country code"), self)
        region_row.addWidget(region_label)
        self.region = QComboBox(self)
        self.region.setAccessibleName(self.tr("Default country"))
        region_label.setBuddy(self.region)  # what screen readers call it, not the code it shows
        for code in sorted(phonenumbers.SUPPORTED_REGIONS):
            self.region.addItem(code, code)
        self.region.setCurrentIndex(max(0, self.region.findData(wizard.default_region)))
        region_row.addWidget(self.region)
        region_row.addStretch(1)
        col.addLayout(region_row)
        self.error = QLabel(self)
        self.error.setObjectName("OverLimit")
        self.error.setWordWrap(True)
        col.addWidget(self.error)
        col.addStretch(1)
        self.path_edit.textChanged.connect(self._path_edited)

    def _path_edited(self, _text: str) -> None:
        self.error.setText("")
        self.completeChanged.emit()

    def _browse(self) -> None:
        path = file_dialogs.open_file(
            self, "people_csv", self.tr("People CSV file"), self.tr("CSV files (*.csv *.txt *.tsv);;All files (*)")
        )
        if path is not None:
            self.path_edit.setText(str(path))

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path_edit.text().strip())
        try:
            self.wiz.plan = inspect_people_csv(path)
        except ImportFileError as exc:
            self.error.setText(str(exc))
            return False
        self.wiz.region = self.region.currentData()
        return True


class MappingPage(QWizardPage):
    """How each column of the file maps to a person field, changeable column by column."""

    def __init__(self, wizard: PeopleImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(
            self.tr(
                "Each column of the file and where it goes; choose another field for a column, or Do not "
                "import. Columns the app does not know become custom fields, usable in smart lists and "
                "message tokens."
            )
        )
        col = QVBoxLayout(self)
        self.table = _table(self, [self.tr("Column in the file"), self.tr("Goes to"), self.tr("First values")])
        self.table.setAccessibleName(self.tr("Columns of the file"))
        self.table.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # the drop-downs in it take the keyboard
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        col.addWidget(self.table, 1)
        self.problem = QLabel(self)
        self.problem.setObjectName("OverLimit")
        self.problem.setWordWrap(True)
        self.problem.hide()
        col.addWidget(self.problem)
        self.notes = QLabel(self)
        self.notes.setObjectName("HintLabel")
        self.notes.setWordWrap(True)
        col.addWidget(self.notes)
        self.header: list[str] = []
        self.combos: list[QComboBox] = []
        self.mapped: PeopleCsvPlan | None = None

    def target_text(self, target: str, column: str) -> str:
        """What a target reads as in the drop-down of column ``column``."""
        if target == PHONE:
            return self.tr("Mobile phone number (the texting number)")
        if target == IGNORE:
            return self.tr("Do not import")
        if target == CUSTOM:
            return self.tr("Custom field “%1”").replace("%1", column.strip() or self.tr("(no name)"))
        if target.startswith(CUSTOM + ":"):
            return self.tr("Custom field “%1”").replace("%1", target[len(CUSTOM) + 1 :])
        return person_field_label(target)

    def initializePage(self) -> None:
        plan = self.wiz.plan
        if plan is None:
            return
        try:
            header, rows = first_records(plan)
        except (ImportFileError, OSError) as exc:
            header, rows = [], []
            self.notes.setText(str(exc))
        self.header = header
        automatic = mapping_of(plan.layout)
        self.combos = []
        self.table.setRowCount(len(header))
        for r, name in enumerate(header):
            sample = ", ".join(v[r] for v in rows if r < len(v) and v[r].strip())
            chosen = automatic.get(r, IGNORE)
            combo = QComboBox(self.table)
            targets = list(TARGETS)
            if chosen.startswith(CUSTOM + ":"):
                targets[targets.index(CUSTOM)] = chosen  # the custom field under the name the importer gives it
            for target in targets:
                combo.addItem(self.target_text(target, name), target)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.currentIndexChanged.connect(lambda _i, row=r: self._changed(row))
            self.combos.append(combo)
            for c, value in enumerate([name, combo.currentText(), sample]):
                self.table.setItem(r, c, QTableWidgetItem(value))
            self.table.setCellWidget(r, 1, combo)
            # named for screen readers by the column it maps, not by the field it shows
            name_for_screen_readers(combo, self.tr("Column “%1” goes to").replace("%1", name.strip()))
            self._mark(r)
        self.table.resizeColumnsToContents()
        self._check()

    def mapping(self) -> dict[int, str]:
        """The target chosen for each column."""
        return {r: str(combo.currentData()) for r, combo in enumerate(self.combos)}

    def _mark(self, row: int) -> None:
        """Keep the cell under the drop-down saying the same (for screen readers), the number bold."""
        item = self.table.item(row, 1)
        combo = self.combos[row]
        if item is not None:
            item.setText(combo.currentText())
        font = combo.font()
        font.setBold(combo.currentData() == PHONE)
        combo.setFont(font)

    def _changed(self, row: int) -> None:
        self._mark(row)
        self._check()

    def problem_text(self, exc: MappingError) -> str:
        """What is wrong with the mapping, in the language shown."""
        names = [f"“{c}”" for c in exc.columns]
        texts = {
            "no_phone": self.tr("No column is the mobile number: choose the column people are texted at."),
            "two_phones": self.tr("%1 and %2 are both the mobile number: keep one (the other can be a custom field)."),
            "same_field": self.tr("%1 and %2 both go to %3: choose another field for one of them, or Do not import."),
            "opt_out_dropped": self.tr(
                "%1 holds opt-outs (%3): import it as an opt-out flag, or people who opted out could be texted."
            ),
        }
        text = texts.get(exc.code)
        if text is None or len(names) < text.count("%1") + text.count("%2"):
            return str(exc)
        return (
            text.replace("%1", names[0] if names else "")
            .replace("%2", names[1] if len(names) > 1 else "")
            .replace("%3", person_field_label(exc.target))
        )

    def _check(self) -> None:
        """Check the mapping: say what is wrong with it, or the importer's notes on it."""
        plan = self.wiz.plan
        self.mapped = None
        problem = ""
        if plan is not None and self.header:
            try:
                self.mapped = plan_with_mapping(plan, self.header, self.mapping())
            except MappingError as exc:
                problem = self.problem_text(exc)
            except HeaderError as exc:
                problem = str(exc)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        notes = list(self.mapped.layout.notes) if self.mapped is not None else []
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.mapped is not None

    def validatePage(self) -> bool:
        if self.mapped is None:
            return False
        self.wiz.plan = self.mapped
        return True


class ImportPage(QWizardPage):
    """The import itself, then its report."""

    def __init__(self, wizard: PeopleImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Importing"))
        col = QVBoxLayout(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Import progress"))
        self.report = QLabel(self)
        self.report.setWordWrap(True)
        self.report.setObjectName("SectionTitle")
        self.errors_title = QLabel(self)
        self.errors_title.setObjectName("SectionCaption")
        self.errors = _table(self, [self.tr("Line"), self.tr("Problem")])
        self.errors.setAccessibleName(self.tr("Lines to check"))
        for w in (self.status, self.bar, self.report, self.errors_title):
            col.addWidget(w)
        col.addWidget(self.errors, 1)
        self.finished_import = False

    def initializePage(self) -> None:
        self.finished_import = False
        self.setTitle(self.tr("Importing"))
        self.status.setText(self.tr("Reading %1…").replace("%1", str(self.wiz.plan.path if self.wiz.plan else "")))
        self.report.setText("")
        self.errors_title.hide()
        self.errors.hide()
        self.bar.setRange(0, 1000)
        self.bar.setValue(0)
        self.wiz.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.wiz.start_import()

    def isComplete(self) -> bool:
        return self.finished_import

    def progressed(self, value: RowProgress) -> None:
        rows, done, total = value
        self.bar.setValue(int(1000 * done / max(1, total)))
        self.status.setText(self.tr("%Ln rows read…", "", rows))

    def show_result(self, result: PeopleImportResult | Cancelled) -> None:
        self.finished_import = True
        self.wiz.button(QWizard.WizardButton.CancelButton).setEnabled(False)
        self.bar.setValue(1000)
        if isinstance(result, Cancelled):
            self.setTitle(self.tr("Import cancelled"))
            self.status.setText(self.tr("Nothing was imported: the workspace is as it was."))
        else:
            self.setTitle(self.tr("Import finished"))
            self.status.setText(str(self.wiz.plan.path if self.wiz.plan else ""))
            text = self.tr("%1, %2.").replace("%1", self.tr("%Ln new people", "", result.imported))
            text = text.replace("%2", self.tr("%Ln updated", "", result.updated))
            if result.invalid_phone:
                text += " " + self.tr(
                    "%Ln numbers are not valid: those people are kept but not texted.", "", result.invalid_phone
                )
            if result.missing_phone:
                text += " " + self.tr("%Ln people have no number.", "", result.missing_phone)
            self.report.setText(text)
            if result.errors:
                shown = len(result.errors)
                self.errors_title.setText(
                    self.tr("Lines to check (%1)").replace("%1", number(result.error_count))
                    if result.error_count <= shown
                    else self.tr("Lines to check (first %1 of %2)")
                    .replace("%1", number(shown))
                    .replace("%2", number(result.error_count))
                )
                self.errors.setRowCount(shown)
                for r, err in enumerate(result.errors):
                    self.errors.setItem(r, 0, QTableWidgetItem(str(err.get("line", ""))))
                    self.errors.setItem(r, 1, QTableWidgetItem(str(err.get("reason", ""))))
                self.errors_title.show()
                self.errors.show()
        self.completeChanged.emit()

    def show_error(self, message: str) -> None:
        self.finished_import = True
        self.wiz.button(QWizard.WizardButton.CancelButton).setEnabled(False)
        self.setTitle(self.tr("Import failed"))
        self.status.setText(self.tr("Nothing was imported: %1").replace("%1", message))
        self.completeChanged.emit()


class PeopleImportWizard(QWizard):
    """Import a People CSV into the workspace at ``root``."""

    imported = Signal(object)  # the PeopleImportResult

    def __init__(self, root: Path | str, conn: sqlite3.Connection | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self.setWindowTitle(self.tr("Import people"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.resize(760, 560)
        self.plan: PeopleCsvPlan | None = None
        self.default_region = default_region(conn)
        self.region = self.default_region
        self.runner: TaskRunner[PeopleImportResult | Cancelled, RowProgress] | None = None
        self.cancel_flag: CancelFlag | None = None
        self.import_result: PeopleImportResult | Cancelled | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.import_page = ImportPage(self)
        for page in (self.file_page, self.mapping_page, self.import_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.mapping_page.setCommitPage(True)

    def start_import(self) -> None:
        assert self.plan is not None
        self.cancel_flag = CancelFlag()
        job = import_people_job(self.root, self.plan, default_region=self.region, cancel=self.cancel_flag)
        self.runner = TaskRunner(
            job,
            name="people-import",
            parent=self,
            on_progress=self.import_page.progressed,
            on_success=self._done,
            on_failure=self.import_page.show_error,
        ).start()

    def _done(self, result: PeopleImportResult | Cancelled) -> None:
        self.import_result = result
        self.import_page.show_result(result)
        if not isinstance(result, Cancelled):
            self.imported.emit(result)

    def running(self) -> bool:
        return self.runner is not None and not self.runner.finished

    def cancel_import(self) -> None:
        """Stop a running import (nothing is written) and wait for its thread."""
        if self.cancel_flag is not None:
            self.cancel_flag.cancel()
        if self.runner is not None:
            self.runner.wait(60000)

    def reject(self) -> None:
        if self.running():
            self.cancel_import()
            return  # the page now says "cancelled"; a second Cancel or Finish closes
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running():
            self.cancel_import()
        super().closeEvent(event)
