"""What the parts of a campaign are built from: the strict base model, new ids, the person-field
:class:`Condition` of smart-list filters and If/Then choices, weekday names and times of day.

Kept apart from :mod:`.campaign` so the flow step types (:mod:`.steps`) and the campaign can
both build on them; :mod:`.campaign` offers every name here too.
"""

from __future__ import annotations

import re
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Operator = Literal["is", "is_not", "contains", "starts_with", "is_empty", "is_not_empty", "in_past_days"]
OPERATORS: tuple[str, ...] = Operator.__args__  # type: ignore[attr-defined]
VALUELESS_OPERATORS = frozenset({"is_empty", "is_not_empty"})

#: A time of day as HH:MM (24-hour).
HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weekday_names(v: list[str] | None) -> list[str] | None:
    """Weekdays as ``mon``..``sun`` (``Monday``, ``MON`` accepted); ValueError names an unknown one."""
    if v is None:
        return v
    out = [d.strip().lower()[:3] for d in v]
    bad = [d for d in out if d not in WEEKDAYS]
    if bad:
        raise ValueError(f"unknown weekday {bad[0]!r}; use mon, tue, wed, thu, fri, sat, sun")
    return out


class StrictModel(BaseModel):
    """The base of every campaign model: unknown keys are refused, assignments validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def new_id() -> str:
    """A fresh step id."""
    return uuid.uuid4().hex[:12]


class Condition(StrictModel):
    """A test on one person field, used by person filters and choice rows."""

    field: str
    operator: Operator = "is"
    values: list[str] = Field(default_factory=list)
