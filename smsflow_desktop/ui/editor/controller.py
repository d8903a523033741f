"""The document controller: the one owner of the editor's QUndoStack and its verbs.

Widgets never change the campaign themselves; they call a verb (``add_step``,
``move_step``, ``set_field``, ``add_choice``, ``set_logic``...), which builds one undo
command with a text naming the edit and pushes it. The dirty flag is
``not stack.isClean()``; :meth:`save` writes the campaign to the workspace and marks the
stack clean. It saves over the version that was opened (``base_version``): when someone else
saved the campaign since, nothing is written and :class:`SaveConflict` carries theirs. A value the model refuses (a bad time, an empty name) is not pushed: the
verb returns False and ``edit_refused`` carries the reason for the status bar. So is a step
or choice past the campaign's limits (:data:`~smsflow_desktop.model.campaign.MAX_STEPS`...):
the verbs that add one return -1.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from smsflow_desktop.model.campaign import (
    MAX_CHOICES,
    MAX_FILTERS,
    MAX_FLOW_CHOICES,
    MAX_STEPS,
    MAX_TRIGGERS,
    Campaign,
    Condition,
    Recurrence,
    name_problem,
)
from smsflow_desktop.model.document import CampaignDocument, join_path, step_path
from smsflow_desktop.model.step_types import FlowStep, StepType, choices_of, step_type
from smsflow_desktop.services.campaigns import BadName, Conflict, save_campaign
from smsflow_desktop.ui.editor.commands import (
    InsertItemCommand,
    MacroCommand,
    MoveItemCommand,
    RemoveItemCommand,
    SetValueCommand,
)
from smsflow_desktop.ui.labels import filter_type_label, step_field_label, trigger_type_label
from smsflow_desktop.ui.step_types import new_step, step_title

log = logging.getLogger(__name__)


def _new_params(st: StepType, step: Any) -> BaseModel:
    """Action parameters for a new choice row: empty, but naming the step's own Vibes list."""
    assert st.params_model is not None
    return st.params_model(**{name: getattr(step, name, None) for name in st.field_names("vibes_list")})


class SaveError(RuntimeError):
    """The campaign could not be written to the workspace; the message says why."""


class SaveConflict(SaveError):
    """The campaign changed in the workspace since it was opened; nothing was written.
    ``conflict`` holds what the workspace has now (theirs) and the version that was opened."""

    def __init__(self, conflict: Conflict) -> None:
        super().__init__(str(conflict))
        self.conflict = conflict


class DocumentController(QObject):
    """Verbs over one :class:`CampaignDocument`, each one undoable command."""

    dirty_changed = Signal(bool)
    saved = Signal(str)
    edit_refused = Signal(str)

    def __init__(
        self,
        document: CampaignDocument,
        *,
        saved_name: str | None = None,
        base_version: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.saved_name = saved_name
        self.base_version = base_version  # the version of the workspace's campaign being edited
        self.stack = QUndoStack(self)
        self.stack.cleanChanged.connect(self._on_clean_changed)

    @Slot(bool)
    def _on_clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    @property
    def is_dirty(self) -> bool:
        return not self.stack.isClean()

    def _push(self, command: QUndoCommand) -> bool:
        self.stack.push(command)
        return True

    def _accepts_change(self, path: str, value: Any) -> bool:
        """Whether setting ``path`` to ``value`` changes it and the model accepts it (else ``edit_refused``)."""
        if self.document.get(path) == value:
            return False
        problem = self.document.check(path, value)
        if problem is not None:
            self.edit_refused.emit(problem)
            return False
        return True

    def _step_title(self, index: int) -> str:
        step = self.document.campaign.flow[index]
        return step_title(step.type)

    def _room_for(self, steps: int, choices: int, step_index: int | None = None) -> bool:
        """Whether the flow can take ``steps`` more steps and ``choices`` more choices (in
        step ``step_index`` when given); else ``edit_refused`` says which limit is reached."""
        flow = self.document.campaign.flow
        if steps and len(flow) + steps > MAX_STEPS:
            self.edit_refused.emit(
                self.tr("A campaign may have at most %1 steps; delete one before adding another.").replace(
                    "%1", str(MAX_STEPS)
                )
            )
            return False
        if not choices:
            return True
        if step_index is not None and len(choices_of(flow[step_index])) + choices > MAX_CHOICES:
            self.edit_refused.emit(self.tr("A step may have at most %1 choices.").replace("%1", str(MAX_CHOICES)))
            return False
        if sum(len(choices_of(s)) for s in flow) + choices > MAX_FLOW_CHOICES:
            self.edit_refused.emit(
                self.tr("A campaign may have at most %1 choices in all its steps.").replace("%1", str(MAX_FLOW_CHOICES))
            )
            return False
        return True

    # -- flow steps ----------------------------------------------------------------------
    def add_step(self, type_id: str, index: int | None = None) -> int:
        """Add a new step of ``type_id`` at ``index`` (default: the end); returns its index."""
        if not self._room_for(1, 0):
            return -1
        step = new_step(type_id)
        at = self.document.step_count if index is None else index
        title = step_title(type_id)
        cmd = InsertItemCommand(self.document, "flow", at, step, self.tr("Add step “%1”").replace("%1", title))
        self._push(cmd)
        return cmd.index

    def insert_step(self, step: FlowStep, index: int | None = None) -> int:
        """Insert a copy of ``step`` with a fresh id (paste); returns its index."""
        if not self._room_for(1, len(choices_of(step))):
            return -1
        fresh = step.model_copy(deep=True, update={"id": new_step(step.type).id})
        at = self.document.step_count if index is None else index
        cmd = InsertItemCommand(
            self.document,
            "flow",
            at,
            fresh,
            self.tr("Paste step “%1”").replace("%1", step_title(fresh.type)),
        )
        self._push(cmd)
        return cmd.index

    def duplicate_step(self, index: int) -> int:
        step = self.document.campaign.flow[index]
        if not self._room_for(1, len(choices_of(step))):
            return -1
        fresh = step.model_copy(deep=True, update={"id": new_step(step.type).id})
        cmd = InsertItemCommand(
            self.document, "flow", index + 1, fresh, self.tr("Duplicate step %1").replace("%1", str(index + 1))
        )
        self._push(cmd)
        return cmd.index

    def remove_step(self, index: int) -> None:
        text = self.tr("Delete step %1 (“%2”)").replace("%1", str(index + 1)).replace("%2", self._step_title(index))
        self._push(RemoveItemCommand(self.document, "flow", index, text))

    def move_step(self, src: int, dst: int) -> bool:
        """Move step ``src`` to end at ``dst``; False when that changes nothing."""
        n = self.document.step_count
        if src == dst or not (0 <= src < n and 0 <= dst < n):
            return False
        text = self.tr("Move step %1 to %2").replace("%1", str(src + 1)).replace("%2", str(dst + 1))
        return self._push(MoveItemCommand(self.document, "flow", src, dst, text))

    def set_field(self, index: int, field: str, value: Any, text: str | None = None) -> bool:
        """Set one field of step ``index`` (``message``, ``duration``, ``choices[0].then.message``...)."""
        path = step_path(index, field)
        if not self._accepts_change(path, value):
            return False
        if text is None:
            text = self.tr("Change %1 of step %2").replace("%1", step_field_label(field)).replace("%2", str(index + 1))
        children: list[QUndoCommand] = [SetValueCommand(self.document, path, value, text)]
        children += self._follow_list_change(index, field, value, text)
        if len(children) == 1:
            return self._push(children[0])
        return self._push(MacroCommand(text, children))

    def _follow_list_change(self, index: int, field: str, list_id: Any, text: str) -> list[QUndoCommand]:
        """Choosing another Vibes list clears an acquisition campaign that does not feed it."""
        if not field.endswith("vibes_list_id"):
            return []
        acq_field = field[: -len("vibes_list_id")] + "acquisition_campaign_id"
        try:
            acq = self.document.get(step_path(index, acq_field))
        except (AttributeError, IndexError):
            return []
        refs = self.document.refs
        if acq and refs is not None and list_id and list_id not in refs.acquisition_campaigns.get(acq, frozenset()):
            return [SetValueCommand(self.document, step_path(index, acq_field), None, text)]
        return []

    # -- choices -------------------------------------------------------------------------
    def add_choice(self, index: int, choice: BaseModel | None = None, at: int | None = None) -> int:
        """Add an If/Then row to step ``index``; a new row names the step's Vibes list."""
        step = self.document.campaign.flow[index]
        st = step_type(step.type)
        if st.choice_model is None:
            raise ValueError(f"a {step.type} step has no choices")
        if not self._room_for(0, 1, index):
            return -1
        if choice is None:
            choice = st.choice_model(when=Condition(field="", operator="is", values=[]), then=_new_params(st, step))
        list_path = step_path(index, "choices")
        pos = len(choices_of(step)) if at is None else at
        cmd = InsertItemCommand(
            self.document, list_path, pos, choice, self.tr("Add choice to step %1").replace("%1", str(index + 1))
        )
        self._push(cmd)
        return cmd.index

    def remove_choice(self, index: int, choice: int) -> None:
        text = self.tr("Delete choice %1 of step %2").replace("%1", str(choice + 1)).replace("%2", str(index + 1))
        self._push(RemoveItemCommand(self.document, step_path(index, "choices"), choice, text))

    def move_choice(self, index: int, src: int, dst: int) -> bool:
        n = len(choices_of(self.document.campaign.flow[index]))
        if src == dst or not (0 <= src < n and 0 <= dst < n):
            return False
        text = self.tr("Move choice %1 of step %2").replace("%1", str(src + 1)).replace("%2", str(index + 1))
        return self._push(MoveItemCommand(self.document, step_path(index, "choices"), src, dst, text))

    def set_choice_field(self, index: int, choice: int, field: str, value: Any) -> bool:
        """Set ``when.field``, ``when.operator``, ``when.values``, ``then.message``... of a choice."""
        if field.startswith("when"):
            text = self.tr("Change the condition of choice %1 in step %2")
        else:
            text = self.tr("Change %3 of choice %1 in step %2").replace("%3", step_field_label(field))
        text = text.replace("%1", str(choice + 1)).replace("%2", str(index + 1))
        return self.set_field(index, join_path(f"choices[{choice}]", field), value, text)

    def set_choice_do_nothing(self, index: int, choice: int, do_nothing: bool) -> bool:
        """Make a choice row Do Nothing (``then: null``) or give it an action again."""
        step = self.document.campaign.flow[index]
        current = choices_of(step)[choice].then
        if do_nothing == (current is None):
            return False
        value = None if do_nothing else _new_params(step_type(step.type), step)
        text = (
            self.tr("Set choice %1 of step %2 to Do Nothing")
            if do_nothing
            else self.tr("Give choice %1 of step %2 an action")
        )
        text = text.replace("%1", str(choice + 1)).replace("%2", str(index + 1))
        return self._push(SetValueCommand(self.document, step_path(index, f"choices[{choice}].then"), value, text))

    # -- smart list ----------------------------------------------------------------------
    def add_filter(self, flt: BaseModel, index: int | None = None) -> int:
        filters = self.document.campaign.smart_list.filters
        if len(filters) >= MAX_FILTERS:
            self.edit_refused.emit(self.tr("A smart list may have at most %1 filters.").replace("%1", str(MAX_FILTERS)))
            return -1
        at = len(filters) if index is None else index
        text = self.tr("Add filter “%1”").replace("%1", filter_type_label(flt.type))  # type: ignore[attr-defined]
        cmd = InsertItemCommand(self.document, "smart_list.filters", at, flt, text)
        self._push(cmd)
        return cmd.index

    def remove_filter(self, index: int) -> None:
        self._push(
            RemoveItemCommand(
                self.document, "smart_list.filters", index, self.tr("Delete filter %1").replace("%1", str(index + 1))
            )
        )

    def move_filter(self, src: int, dst: int) -> bool:
        n = len(self.document.campaign.smart_list.filters)
        if src == dst or not (0 <= src < n and 0 <= dst < n):
            return False
        text = self.tr("Move filter %1 to %2").replace("%1", str(src + 1)).replace("%2", str(dst + 1))
        return self._push(MoveItemCommand(self.document, "smart_list.filters", src, dst, text))

    def set_filter_field(self, index: int, field: str, value: Any) -> bool:
        """Edit one field of filter ``index`` (``values``, ``operator``, ``vibes_list_id``...)."""
        path = f"smart_list.filters[{index}].{field}"
        if not self._accepts_change(path, value):
            return False
        text = self.tr("Change %1 of filter %2").replace("%1", step_field_label(field)).replace("%2", str(index + 1))
        return self._push(SetValueCommand(self.document, path, value, text))

    def set_logic(self, text: str) -> bool:
        value = text.strip() or "all"
        if value == self.document.campaign.smart_list.logic:
            return False
        return self._push(
            SetValueCommand(
                self.document, "smart_list.logic", value, self.tr("Change filter logic to “%1”").replace("%1", value)
            )
        )

    # -- triggers --------------------------------------------------------------------------
    def add_trigger(self, trigger: BaseModel, index: int | None = None) -> int:
        """Add a trigger to the smart list (at ``index``, default the end); returns its index."""
        triggers = self.document.campaign.smart_list.triggers
        if len(triggers) >= MAX_TRIGGERS:
            self.edit_refused.emit(
                self.tr("A smart list may have at most %1 triggers.").replace("%1", str(MAX_TRIGGERS))
            )
            return -1
        at = len(triggers) if index is None else index
        text = self.tr("Add trigger “%1”").replace("%1", trigger_type_label(trigger.type))  # type: ignore[attr-defined]
        cmd = InsertItemCommand(self.document, "smart_list.triggers", at, trigger, text)
        self._push(cmd)
        return cmd.index

    def remove_trigger(self, index: int) -> None:
        self._push(
            RemoveItemCommand(
                self.document, "smart_list.triggers", index, self.tr("Delete trigger %1").replace("%1", str(index + 1))
            )
        )

    def set_trigger_field(self, index: int, field: str, value: Any) -> bool:
        """Edit what trigger ``index`` listens to (``vibes_list_id``, ``list`` or ``campaign``)."""
        path = f"smart_list.triggers[{index}].{field}"
        if not self._accepts_change(path, value):
            return False
        text = self.tr("Change %1 of trigger %2").replace("%1", step_field_label(field)).replace("%2", str(index + 1))
        return self._push(SetValueCommand(self.document, path, value, text))

    # -- when a batch campaign runs ---------------------------------------------------------
    def set_schedule_timing(self, start: str | None, recurrence: Recurrence | None, text: str) -> bool:
        """Set ``schedule.start`` and ``schedule.recurrence`` together, as one undo step (the
        older ``run_at`` is cleared: ``start`` takes its place). False when nothing changes or
        the model refuses a value (``edit_refused`` says why)."""
        children: list[QUndoCommand] = []
        for path, value in (("schedule.run_at", None), ("schedule.start", start), ("schedule.recurrence", recurrence)):
            if self.document.get(path) == value:
                continue
            problem = self.document.check(path, value)
            if problem is not None:
                self.edit_refused.emit(problem)
                return False
            children.append(SetValueCommand(self.document, path, value, text))
        if not children:
            return False
        return self._push(children[0] if len(children) == 1 else MacroCommand(text, children))

    # -- campaign-wide fields -----------------------------------------------------------------
    def set_campaign_field(self, path: str, value: Any, text: str) -> bool:
        """Name, description, schedule and settings fields (``schedule.qualification``...)."""
        if not self._accepts_change(path, value):
            return False
        return self._push(SetValueCommand(self.document, path, value, text))

    def rename(self, name: str) -> bool:
        name = name.strip()
        if not name:
            self.edit_refused.emit(self.tr("A campaign needs a name."))
            return False
        problem = name_problem(name)
        if problem is not None:
            self.edit_refused.emit(self.tr("The campaign name %1.").replace("%1", problem))
            return False
        return self.set_campaign_field("name", name, self.tr("Rename campaign to “%1”").replace("%1", name))

    # -- saving --------------------------------------------------------------------------
    def save(self, conn: sqlite3.Connection) -> None:
        """Write the campaign to the workspace (renaming its row if the name changed) as the
        version after the one opened; :class:`SaveConflict` when the workspace moved on."""
        campaign = self.document.campaign
        try:
            version = save_campaign(
                conn,
                campaign,
                previous_name=self.saved_name,
                base_version=self.base_version if self.saved_name is not None else None,
            )
        except Conflict as exc:
            raise SaveConflict(exc) from None
        except sqlite3.IntegrityError:
            raise SaveError(
                self.tr("Another campaign is already called “%1”; choose another name.").replace("%1", campaign.name)
            ) from None
        except BadName as exc:
            raise SaveError(str(exc)) from None
        except sqlite3.Error as exc:
            log.error("saving campaign %r failed: %s", campaign.name, exc)
            raise SaveError(self.tr("The campaign could not be saved: %1").replace("%1", str(exc))) from None
        self.saved_name = campaign.name
        self.base_version = version
        self.stack.setClean()
        self.saved.emit(campaign.name)

    def take_theirs(self, campaign: Campaign, version: int) -> None:
        """Show the workspace's version of the campaign in place of the edits (Reload): the
        edits and their undo history are dropped."""
        self.document.replace_campaign(campaign)
        self.saved_name = campaign.name
        self.base_version = version
        self.stack.clear()
        self.saved.emit(campaign.name)

    def saved_as(self, name: str, version: int) -> None:
        """The edits were saved as another campaign, ``name`` (a copy): go on editing that one."""
        if self.document.campaign.name != name:
            self.document.set("name", name)
        self.saved_name = name
        self.base_version = version
        self.stack.setClean()
        self.saved.emit(name)
