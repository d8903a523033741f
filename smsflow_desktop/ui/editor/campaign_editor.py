"""The campaign editor: a header (name, unsaved mark, problem count) over the tabs
Smart List | Flow | Schedule | Results.

The problem count in the header jumps to the first problem: it opens the right tab,
scrolls to the step and puts the cursor in the field to fix. The editor owns nothing but
its widgets; the controller owns the undo stack, the main window the workspace. The Results
tab (``ui.run.results_tab``) is built by the window and handed in, like the audience counter.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from smsflow_desktop.model.validation import Problem
from smsflow_desktop.ui.editor.audience import AudienceCounter
from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.editor.field_widgets import CommitLineEdit
from smsflow_desktop.ui.editor.flow_tab import FlowTab
from smsflow_desktop.ui.editor.problem_text import problem_text
from smsflow_desktop.ui.editor.schedule_tab import ScheduleTab
from smsflow_desktop.ui.editor.smart_list_tab import SmartListTab
from smsflow_desktop.ui.resources import icon, repolish
from smsflow_desktop.ui.workspace_data import Catalog

TAB_NAMES: tuple[str, ...] = ("smart-list", "flow", "schedule", "results")


class CampaignEditor(QWidget):
    """Everything about one open campaign."""

    problems_changed = Signal(int)  # number of errors (Run is disabled while > 0)

    def __init__(
        self,
        controller: DocumentController,
        catalog: Catalog,
        counter: AudienceCounter | None,
        results_tab: QWidget,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.document = controller.document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_header())
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("EditorTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setIconSize(QSize(18, 18))
        self.smart_list_tab = SmartListTab(controller, catalog, counter, self.tabs)
        self.flow_tab = FlowTab(controller, catalog, self.tabs)
        self.schedule_tab = ScheduleTab(controller, self.tabs)
        self.results_tab = results_tab
        self.tabs.addTab(self.smart_list_tab, icon("smart-list"), self.tr("Smart List"))
        self.tabs.addTab(self.flow_tab, icon("flow"), self.tr("Flow"))
        self.tabs.addTab(self.schedule_tab, icon("schedule"), self.tr("Schedule"))
        self.tabs.addTab(self.results_tab, icon("results"), self.tr("Results"))
        self.tabs.setCurrentWidget(self.flow_tab)
        self.schedule_tab.triggers_requested.connect(lambda: self.set_tab("smart-list"))
        layout.addWidget(self.tabs, 1)
        self.document.problems_changed.connect(self._on_problems)
        self.document.value_set.connect(self._on_value_set)
        controller.dirty_changed.connect(self._on_dirty)
        self._on_problems(self.document.problems)
        self._on_dirty(controller.is_dirty)

    def _build_header(self) -> QWidget:
        header = QFrame(self)
        header.setObjectName("EditorHeader")
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 10, 16, 10)
        row.setSpacing(10)
        badge = QLabel(header)
        badge.setPixmap(icon("campaign").pixmap(QSize(24, 24), self.devicePixelRatioF()))
        self.name_edit = CommitLineEdit(self.tr("Campaign name"), self.tr("Campaign name"), header)
        self.name_edit.setObjectName("CampaignName")
        self.name_edit.set_text(self.document.campaign.name)
        self.name_edit.committed.connect(self._rename)
        self.dirty_mark = QLabel(self.tr("● Unsaved changes"), header)
        self.dirty_mark.setObjectName("DirtyMark")
        self.problem_button = QPushButton(header)
        self.problem_button.setObjectName("ProblemCount")
        self.problem_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.problem_button.clicked.connect(self.jump_to_first_problem)
        row.addWidget(badge)
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.dirty_mark)
        row.addWidget(self.problem_button)
        return header

    # -- mirroring ---------------------------------------------------------------------------
    def _rename(self, text: str) -> None:
        if not self.controller.rename(text):
            self.name_edit.set_text(self.document.campaign.name)

    def _on_value_set(self, path: str) -> None:
        if path == "name":
            self.name_edit.set_text(self.document.campaign.name)

    def _on_dirty(self, dirty: bool) -> None:
        self.dirty_mark.setVisible(dirty)

    def _on_problems(self, problems: list[Problem]) -> None:
        errors = self.document.errors
        n = len(errors)
        warnings = [p for p in problems if p.severity != "error"]
        if n == 0 and warnings:
            # Warnings never stop a run; say there are some and show the first on a click.
            count = len(warnings)
            text = self.tr("1 warning") if count == 1 else self.tr("%1 warnings").replace("%1", str(count))
            self.problem_button.setText(self.tr("✓ Ready to run") + " · " + text)
            self.problem_button.setToolTip(
                self.tr("Show the first warning: %1").replace("%1", problem_text(warnings[0], self.document))
            )
            self.problem_button.setAccessibleName(self.tr("No problems; %1").replace("%1", text))
        elif n == 0:
            self.problem_button.setText(self.tr("✓ Ready to run"))
            self.problem_button.setToolTip(self.tr("No problems found"))
            self.problem_button.setAccessibleName(self.tr("No problems"))
        else:
            text = self.tr("1 problem") if n == 1 else self.tr("%1 problems").replace("%1", str(n))
            self.problem_button.setText("⚠ " + text)
            self.problem_button.setToolTip(
                self.tr("Show the first problem: %1").replace("%1", problem_text(errors[0], self.document))
            )
            self.problem_button.setAccessibleName(self.tr("%1; show the first").replace("%1", text))
        state = "problem" if n else "ok"
        if self.problem_button.property("state") != state:
            self.problem_button.setProperty("state", state)
            repolish(self.problem_button)
        self.problems_changed.emit(n)

    # -- navigation --------------------------------------------------------------------------
    def set_tab(self, name: str) -> None:
        if name in TAB_NAMES:
            self.tabs.setCurrentIndex(TAB_NAMES.index(name))

    def current_tab(self) -> str:
        return TAB_NAMES[self.tabs.currentIndex()]

    def jump_to_first_problem(self) -> Problem | None:
        """Show the first error (or warning) and focus the field to fix; returns it."""
        problems = self.document.errors or self.document.problems
        if not problems:
            return None
        first = problems[0]
        if first.step is not None:
            self.set_tab("flow")
            self.flow_tab.flow_view.focus_problem(first)
        elif (first.field or "").startswith("smart_list"):
            self.set_tab("smart-list")
            self.smart_list_tab.focus_problem(first.field or "")
        elif (first.field or "").startswith(("settings", "schedule")):
            self.set_tab("schedule")
        elif first.field == "name":
            self.name_edit.setFocus()
        else:
            self.set_tab("flow")
        return first

    def set_catalog(self, catalog: Catalog) -> None:
        self.smart_list_tab.set_catalog(catalog)
        self.flow_tab.set_catalog(catalog)

    def close_editor(self) -> None:
        """Stop mirroring the document (before the editor is dropped; the Results tab is shut
        down by whoever made it)."""
        self.document.problems_changed.disconnect(self._on_problems)
        self.document.value_set.disconnect(self._on_value_set)
        self.flow_tab.close_document()
        self.smart_list_tab.disconnect_document()
        self.schedule_tab.disconnect_document()
