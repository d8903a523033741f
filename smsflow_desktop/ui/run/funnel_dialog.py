"""“Who will receive this?”: the preview of one step, nothing sent.

:class:`PreviewDialog` shows the step's funnel (:mod:`ui.run.funnel_view`), how many recipients
quiet hours hold back right now, the segments the texts would take (summed over every
recipient's rendered text), the first recipients with the text each would get, and, when a
reason is clicked, the people behind that figure (loaded 100 at a time). The audience can be
exported as CSV. The dialog only draws; the window's :class:`ui.window.engine_actions.EngineActions`
runs the queries on worker threads and hands the answers back through the ``show_*`` methods.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smsflow_desktop.ui import file_dialogs
from smsflow_desktop.ui.labels import number, reason_label
from smsflow_desktop.ui.qt_util import clear_layout
from smsflow_desktop.ui.run.compliance_words import rule_applied_text
from smsflow_desktop.ui.run.funnel_view import RECIPIENT, FunnelView, branch_label, funnel_rows
from smsflow_desktop.ui.step_types import sends_text

PAGE = 100


class PreviewDialog(QDialog):
    """The funnel of one step; asks its owner for steps, people and exports through callables."""

    def __init__(
        self,
        steps: list[tuple[int, str]],
        request_step: Callable[[int], None],
        parent: QWidget | None = None,
        *,
        request_people: Callable[[int, str, int], None] | None = None,
        request_export: Callable[[int, Path], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who will receive this? — nothing is sent"))
        self.resize(1120, 720)
        self.request_step = request_step
        self.request_people = request_people
        self.request_export = request_export
        self.preview: Any = None
        self.quiet_hours: tuple[str, str] | None = None
        self.branch_notes: dict[str, str] = {}  # branch label -> what it sends, e.g. the message name
        self.people_reason: str | None = None
        self.people_loaded = 0
        col = QVBoxLayout(self)
        col.setContentsMargins(20, 16, 20, 16)
        col.setSpacing(10)
        top = QHBoxLayout()
        title = QLabel(self.tr("Who will receive this?"), self)
        title.setObjectName("WelcomeTitle")
        top.addWidget(title)
        top.addStretch(1)
        step_label = QLabel(self.tr("Step"), self)
        top.addWidget(step_label)
        self.step_combo = QComboBox(self)
        step_label.setBuddy(self.step_combo)
        self.step_combo.setAccessibleName(self.tr("Step to preview"))
        self.step_combo.setMinimumContentsLength(28)
        for n, step_title in steps:
            self.step_combo.addItem(f"{n}. {step_title}", n)
        self.step_combo.activated.connect(lambda i: self.request_step(self.step_combo.itemData(i)))
        top.addWidget(self.step_combo)
        col.addLayout(top)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        col.addWidget(split, 1)
        scroll = QScrollArea(split)
        scroll.setObjectName("PreviewScroll")  # focusable, so the keyboard can scroll to the samples
        scroll.setAccessibleName(self.tr("Funnel, notes and sample texts"))
        self.scroll_area = scroll
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        left = QWidget(scroll)
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 8, 0)
        left_col.setSpacing(10)
        self.status = QLabel(self.tr("Counting…"), left)
        self.status.setObjectName("Muted")
        self.status.setWordWrap(True)
        self.funnel = FunnelView(left)
        self.funnel.reason_clicked.connect(self.show_people_of)
        self.body = self.funnel  # the figures, for screen readers and tests
        self.quiet_note = QLabel(left)
        self.quiet_note.setObjectName("HintLabel")
        self.quiet_note.setWordWrap(True)
        self.segments_note = QLabel(left)
        self.segments_note.setObjectName("SectionTitle")
        self.segments_note.setWordWrap(True)
        self.problems_note = QLabel(left)
        self.problems_note.setObjectName("OverLimit")
        self.problems_note.setWordWrap(True)
        samples_title = QLabel(self.tr("First recipients and the text each gets"), left)
        samples_title.setObjectName("SectionCaption")
        self.samples = QVBoxLayout()
        self.samples.setSpacing(8)
        for w in (self.status, self.funnel, self.quiet_note, self.segments_note, self.problems_note, samples_title):
            left_col.addWidget(w)
        left_col.addLayout(self.samples)
        left_col.addStretch(1)
        scroll.setWidget(left)
        split.addWidget(scroll)
        split.addWidget(self._people_panel(split))
        split.setSizes([600, 480])

        bottom = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export audience as CSV…"), self)
        self.export_button.setToolTip(self.tr("Everyone in the smart list with their outcome for this step"))
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.export_status = QLabel(self)
        self.export_status.setObjectName("Muted")
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        for b in (self.export_button, self.more_button, close):
            b.setAutoDefault(False)
        close.setDefault(True)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.export_status, 1)
        bottom.addWidget(close)
        col.addLayout(bottom)
        self.show_busy()

    def _people_panel(self, parent: QWidget) -> QWidget:
        panel = QFrame(parent)
        panel.setObjectName("Section")
        pcol = QVBoxLayout(panel)
        pcol.setContentsMargins(14, 12, 14, 12)
        self.people_title = QLabel(self.tr("People"), panel)
        self.people_title.setObjectName("SectionTitle")
        self.people_hint = QLabel(self.tr("Click a reason or Recipients to see who is behind the figure."), panel)
        self.people_hint.setObjectName("Muted")
        self.people_hint.setWordWrap(True)
        self.people = QTableWidget(0, 4, panel)
        self.people.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.people.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Mobile number"), self.tr("Country"), self.tr("Compliance rule")]
        )
        self.people.setAccessibleName(self.tr("People behind the chosen figure"))
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.verticalHeader().hide()
        self.people.setWordWrap(False)
        # name, number and country as wide as they are; the rule (a state's window, a limit reached)
        # takes the room left and is elided there, its tooltip saying it all
        header = self.people.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        rule_heading = self.people.horizontalHeaderItem(3)
        if rule_heading is not None:
            rule_heading.setToolTip(
                self.tr("The state's or country's rule behind the outcome: its sending window, or the limit reached")
            )
        self.people.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.more_button = QPushButton(self.tr("Show %1 more").replace("%1", str(PAGE)), panel)
        self.more_button.clicked.connect(self._more_people)
        self.more_button.hide()
        for w in (self.people_title, self.people_hint, self.people, self.more_button):
            pcol.addWidget(w)
        return panel

    # -- answers ----------------------------------------------------------------------------
    def current_step(self) -> int | None:
        return self.preview.step if self.preview is not None else self.step_combo.currentData()

    def show_busy(self) -> None:
        self.status.setText(self.tr("Counting…"))
        self.status.show()
        self.segments_note.setText("")
        self.export_button.setEnabled(False)
        self._clear_people(self.tr("Counting…"))  # the figure listed before is listed again once counted

    def _clear_people(self, hint: str) -> None:
        """An empty people pane saying ``hint``."""
        self.people.setRowCount(0)
        self.people_loaded = 0
        self.more_button.hide()
        self.people_title.setText(self.tr("People"))
        self.people_hint.setText(hint)
        self.people_hint.show()

    def show_error(self, message: str) -> None:
        self.status.setText(message)
        self.status.setObjectName("OverLimit")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.funnel.clear()

    def show_preview(self, preview: Any) -> None:
        """Draw a ``services.engine.preview.Preview`` (the segments follow in :meth:`show_segments`)."""
        self.preview = preview
        index = self.step_combo.findData(preview.step)
        if index >= 0:
            self.step_combo.setCurrentIndex(index)
        self.status.hide()
        self.funnel.set_rows(funnel_rows(preview, self.branch_notes))
        # Tab goes from the Step drop-down through the rows that list people, then on
        chain: list[QWidget] = [self.step_combo, *self.funnel.buttons(), self.scroll_area, self.people]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.export_button.setEnabled(True)
        self.quiet_note.setText(self._quiet_text(preview))
        self.quiet_note.setVisible(bool(self.quiet_note.text()))
        self.segments_note.setText(
            self.tr("Counting segments…")
            if sends_text(preview.step_type)
            else self.tr("This step sends no text of its own.")
        )
        errors = [p for p in preview.problems if p.severity == "error"]  # warnings do not stop a run
        self.problems_note.setText(
            self.tr("Problems to fix before the campaign can run: %1.").replace("%1", str(len(errors)))
            if errors
            else ""
        )
        self.problems_note.setVisible(bool(errors))
        self._show_samples(preview.sample)
        listed, self.people_reason = self.people_reason, None
        self.funnel.select(None)
        follow = self._figure_to_follow(listed)
        if follow is not None:
            self.show_people_of(follow)
        elif not preview.smart_list:
            self._clear_people(self.tr("Nobody is in the smart list, so there is nobody to list."))
        else:
            self._clear_people(self.tr("Click a reason or Recipients to see who is behind the figure."))

    def _figure_to_follow(self, listed: str | None) -> str | None:
        """After a step was counted: the figure whose people to list, when some were listed
        before: the same one if it holds people, else the first with people (None: none)."""
        if listed is None:
            return None
        if self.funnel.values.get(listed, 0) > 0:
            return listed
        return next(
            (r.key for r in self.funnel.rows if r.kind in ("reason", "recipients") and r.value > 0),
            None,
        )

    def _quiet_text(self, preview: Any) -> str:
        """Who quiet hours hold back now, and how many were judged over several time zones."""
        deferred = preview.deferred_quiet_hours
        several = preview.multi_zone
        several_deferred = preview.multi_zone_deferred
        parts: list[str] = []
        if deferred:
            window = f" ({self.quiet_hours[0]}–{self.quiet_hours[1]})" if self.quiet_hours else ""
            parts.append(
                self.tr(
                    "%Ln of the recipients are outside the sending window%1 in their time "
                    "zone right now; their texts wait until it opens.",
                    "",
                    deferred,
                ).replace("%1", window)
            )
            if several_deferred:
                parts.append(
                    self.tr(
                        "%Ln of them have numbers that span several time zones; the window open in all of them is used.",
                        "",
                        several_deferred,
                    )
                )
            by_rule: dict[str, int] = getattr(preview, "deferred_by_rule", {})
            if by_rule:
                parts.append(
                    self.tr(
                        "%Ln of them wait only because of a state's or country's rules (%1).", "", sum(by_rule.values())
                    ).replace("%1", ", ".join(sorted(by_rule)))
                )
        if several > several_deferred:
            parts.append(
                self.tr(
                    "%Ln recipients have numbers that span several time zones; their texts go only while "
                    "the window is open in all of them.",
                    "",
                    several,
                )
            )
        return " ".join(parts)

    def show_segments(self, totals: Any) -> None:
        """Draw a ``send_estimate.SegmentTotals`` (ignored for steps that send no text)."""
        if self.preview is None or not sends_text(self.preview.step_type) or not hasattr(totals, "segments"):
            return
        self.segments = totals
        text = self.tr("Segments to be sent: %1 for %Ln texts", "", totals.texts).replace("%1", number(totals.segments))
        extras = []
        if totals.multi_part_texts:
            extras.append(self.tr("%Ln texts in more than one part", "", totals.multi_part_texts))
        if totals.ucs2_texts:
            extras.append(self.tr("%1 sent as UCS-2").replace("%1", number(totals.ucs2_texts)))
        self.segments_note.setText(text + (f" ({', '.join(extras)})" if extras else ""))

    def _show_samples(self, samples: list[Any]) -> None:
        clear_layout(self.samples)
        if not samples:
            empty = QLabel(self.tr("Nobody would receive a text from this step now."), self)
            empty.setObjectName("Muted")
            self.samples.addWidget(empty)
            return
        for s in samples:
            card = QFrame(self)
            card.setObjectName("Section")
            ccol = QVBoxLayout(card)
            ccol.setContentsMargins(12, 8, 12, 8)
            who = QLabel(
                f"<b>{_esc(s.name or '—')}</b> · {_esc(s.mdn)} · {_esc(branch_label(s.branch))}"
                + (f" · {_esc(s.message)}" if s.message else ""),
                card,
            )
            ccol.addWidget(who)
            if s.text is not None:
                bubble = QLabel(s.text, card)
                bubble.setObjectName("Bubble")
                bubble.setWordWrap(True)
                bubble.setTextFormat(Qt.TextFormat.PlainText)
                bubble.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                ccol.addWidget(bubble)
                info = (
                    (
                        self.tr("%1 characters · 1 segment · %2")
                        if s.segments == 1
                        else self.tr("%1 characters · %3 segments · %2")
                    )
                    .replace("%1", str(s.characters))
                    .replace("%2", s.encoding)
                    .replace("%3", str(s.segments))
                )
                meta = QLabel(info, card)
                meta.setObjectName("Muted")
                ccol.addWidget(meta)
            self.samples.addWidget(card)

    # -- people under a figure -----------------------------------------------------------------
    def show_people_of(self, reason: str) -> None:
        """List the people under ``reason`` (or the recipients), the first page."""
        if self.preview is None or self.request_people is None:
            return
        self.people_reason = reason
        self.people_loaded = 0
        self.people.setRowCount(0)
        self.funnel.select(reason)
        count = self.funnel.values.get(reason, 0)
        name = self.tr("Recipients") if reason == RECIPIENT else reason_label(reason)
        self.people_title.setText(self.tr("%1 — %Ln people", "", count).replace("%1", name))
        self.people_hint.setText(self.tr("Loading…"))
        self.more_button.hide()
        self.request_people(self.preview.step, reason, 0)

    def _more_people(self) -> None:
        if self.preview is not None and self.people_reason and self.request_people is not None:
            self.more_button.setEnabled(False)
            self.request_people(self.preview.step, self.people_reason, self.people_loaded)

    def add_people(
        self, reason: str, rows: list[dict[str, object]], *, step: int | None = None, offset: int | None = None
    ) -> None:
        """Append a page of people (from ``funnel.people_under``) if it is the page awaited for
        the listed reason of the step shown (an answer for an earlier step or choice is dropped)."""
        if reason != self.people_reason:
            return
        if step is not None and (self.preview is None or step != self.preview.step):
            return
        if offset is not None and offset != self.people_loaded:
            return
        if not rows and not self.people_loaded:
            self.people_hint.setText(self.tr("Nobody to list any more: the workspace changed since it was counted."))
            self.more_button.hide()
            return
        self.people_hint.hide()
        start = self.people.rowCount()
        self.people.setRowCount(start + len(rows))
        for r, person in enumerate(rows, start=start):
            name = f"{person.get('first_name') or ''} {person.get('last_name') or ''}".strip()
            values = [
                name,
                str(person.get("phone_e164") or person.get("phone_raw") or ""),
                str(person.get("country") or ""),
                # the state's window or the limit that applied, said in the app's language
                rule_applied_text(person.get("compliance")) or str(person.get("rule") or ""),  # type: ignore[arg-type]
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, person.get("id"))
                item.setToolTip(value if c == 3 and value else str(person.get("email") or ""))
                self.people.setItem(r, c, item)
        self.people_loaded += len(rows)
        total = self.funnel.values.get(reason, 0)
        self.more_button.setEnabled(True)
        self.more_button.setVisible(self.people_loaded < total and len(rows) > 0)

    def people_failed(self, reason: str, message: str) -> None:
        """The people behind ``reason`` could not be read: say so in the people pane."""
        if reason == self.people_reason:
            self.people_hint.setText(self.tr("The people could not be listed: %1").replace("%1", message))
            self.people_hint.show()
            self.more_button.setEnabled(True)

    # -- export ----------------------------------------------------------------------------------
    def export_csv(self, path: str | Path | None = None) -> None:
        step = self.current_step()
        if step is None or self.request_export is None:
            return
        if not path:
            path = file_dialogs.save_file(
                self,
                "export_csv",
                self.tr("Export audience"),
                f"audience-step-{step}.csv",
                self.tr("CSV files (*.csv)"),
            )
            if path is None:
                return
        self.export_status.setText(self.tr("Exporting…"))
        self.export_button.setEnabled(False)
        self.request_export(step, Path(path))

    def export_done(self, rows: int, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.export_status.setText(self.tr("Wrote %Ln people to %1", "", rows).replace("%1", str(path)))

    def export_failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        self.export_status.setText(self.tr("Export failed: %1").replace("%1", message))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
