"""The People CSV import's job for the runner thread.

Like ``ui.run.engine_jobs``, :func:`import_people_job` returns a :class:`ui.workers.Job`
that opens its own workspace connection and calls only the service. It reports
``(rows, bytes_done, bytes_total)`` and stops when the user cancels (the service then rolls
the whole file back): the job returns :class:`ui.workers.Cancelled`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from smsflow_desktop.services.workspace import Workspace
from smsflow_desktop.ui.workers import CancelFlag, Cancelled, Job, JobCancelled, RowProgress, row_progress

if TYPE_CHECKING:
    from smsflow_desktop.services.importers.people_csv import PeopleCsvPlan, PeopleImportResult


def import_people_job(
    root: Path | str, plan: PeopleCsvPlan, *, default_region: str, cancel: CancelFlag
) -> Job[PeopleImportResult | Cancelled, RowProgress]:
    """Import the checked People CSV of ``plan``, its columns as the plan maps them; returns
    the PeopleImportResult (or Cancelled: nothing written)."""
    from smsflow_desktop.services.importers.people_csv import import_people_csv

    def job(report: Callable[[RowProgress], None]) -> PeopleImportResult | Cancelled:
        with Workspace(root).session() as conn:
            try:
                return import_people_csv(
                    conn, plan.path, default_region=default_region, progress=row_progress(report, cancel), plan=plan
                )
            except JobCancelled:
                return Cancelled()

    return job
