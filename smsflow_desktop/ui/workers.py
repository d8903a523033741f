"""The runner thread: one :class:`TaskRunner` runs one job off the GUI thread and hands back
its typed result.

A job (:class:`Job`) is a plain function ``job(report) -> T`` that runs on a
:class:`QThread`; ``report(value)`` may be called from the job to send progress of type
``P``. The rooms build their jobs (``ui.run.engine_jobs``, ``ui.vibes.vibes_jobs``,
``ui.people.people_jobs``); each opens its own workspace connection and calls only the
services. ``TaskRunner[T, P]`` delivers on the GUI thread: ``on_progress(P)``,
``on_success(T)`` or ``on_failure(message)`` (typed callbacks given when it is made; the
``progressed``, ``succeeded`` and ``failed`` signals carry the same), then ``done``.

Expected errors (:func:`expected_errors`: a message for the user) become
``on_failure(message)``; anything else is logged with its traceback and reported too,
never swallowed. The worker object is kept on the runner and never ``deleteLater``'d (that
crashes PySide6 6.12 here); wait for the end with :meth:`TaskRunner.wait` (the thread quits
by itself when the job returns; the answer is delivered when the GUI thread next runs).
Whoever starts a runner keeps it referenced until it is done: ``start(keep_in=a_list)``
holds it in that list until then.

Jobs other than runs stop cooperatively through a :class:`CancelFlag` and then return
:class:`Cancelled`; a service that stops by raising is stopped from its progress callback
with :class:`JobCancelled` (see :func:`row_progress`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

from smsflow_desktop.services.workspace import WorkspaceError

log = logging.getLogger(__name__)
T = TypeVar("T")
P = TypeVar("P")
T_co = TypeVar("T_co", covariant=True)
P_co = TypeVar("P_co", covariant=True)


class Job(Protocol[T_co, P_co]):
    """A job for the runner thread: returns a ``T``, may report progress values of type ``P``."""

    def __call__(self, report: Callable[[P_co], None], /) -> T_co: ...


@lru_cache(maxsize=1)
def expected_errors() -> tuple[type[BaseException], ...]:
    """Errors that carry a message for the user (anything else is logged as a bug too).

    The engine and Vibes modules are imported on the first call (the first runner made), not
    when the window opens."""
    from smsflow_desktop.services.engine.actions import FatalVibesError
    from smsflow_desktop.services.engine.ledger import RunBusyError
    from smsflow_desktop.services.secrets import SecretsError
    from smsflow_desktop.services.vibes.errors import VibesError

    return (
        WorkspaceError,
        sqlite3.Error,
        OSError,
        ValueError,
        LookupError,
        VibesError,
        SecretsError,
        FatalVibesError,
        RunBusyError,
    )


class Cancelled:
    """What a job returns when the user stopped it (nothing was changed)."""


class JobCancelled(Exception):
    """Raised from a progress callback to stop a service that stops that way (imports)."""


class CancelFlag:
    """A cooperative stop for jobs other than runs (set from the GUI thread)."""

    def __init__(self) -> None:
        self.set = False

    def cancel(self) -> None:
        self.set = True

    def __call__(self) -> bool:
        return self.set


RowProgress = tuple[int, int, int]  # (rows read, bytes read, bytes in all)


def row_progress(report: Callable[[RowProgress], None], cancel: CancelFlag) -> Callable[[int, int, int], None]:
    """The progress callback of a file import: reports ``(rows, done, total)`` and stops the
    import (:class:`JobCancelled`, the service rolls back) once ``cancel`` is set."""

    def progress(rows: int, done: int, total: int) -> None:
        if cancel():
            raise JobCancelled()
        report((rows, done, total))

    return progress


class _Worker(QObject):
    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Job[Any, Any], expected: tuple[type[BaseException], ...]) -> None:
        super().__init__()
        self.job = job
        self.expected = expected

    @Slot()
    def run(self) -> None:
        try:
            result = self.job(self.progressed.emit)
        except self.expected as exc:
            log.warning("task failed: %s", exc)
            self.failed.emit(str(exc))
        except Exception as exc:
            log.exception("task failed unexpectedly")
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)
        finally:
            # The thread ends on its own once the job is done, so waiting for it never depends
            # on the GUI thread first handling the (queued) answer.
            thread = QThread.currentThread()
            if thread is not None:
                thread.quit()


class TaskRunner(QObject, Generic[T, P]):
    """One job on its own QThread, answering on the GUI thread with a ``T`` (or a message)."""

    progressed = Signal(object)  # a P
    succeeded = Signal(object)  # the T
    failed = Signal(str)
    done = Signal()

    def __init__(
        self,
        job: Job[T, P],
        *,
        name: str,
        parent: QObject | None = None,
        expected: tuple[type[BaseException], ...] | None = None,
        on_progress: Callable[[P], object] | None = None,
        on_success: Callable[[T], object] | None = None,
        on_failure: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.qthread = QThread(self)
        self.qthread.setObjectName(name)
        self.worker = _Worker(job, expected_errors() if expected is None else expected)
        self.worker.moveToThread(self.qthread)
        self.qthread.started.connect(self.worker.run)
        self.worker.progressed.connect(self.progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.finished = False
        self.result: T | None = None
        for signal, slot in ((self.progressed, on_progress), (self.succeeded, on_success), (self.failed, on_failure)):
            if slot is not None:
                signal.connect(slot)

    def start(self, *, keep_in: list[TaskRunner[Any, Any]] | None = None) -> TaskRunner[T, P]:
        """Start the job; with ``keep_in``, the runner stays in that list until it is done."""
        if keep_in is not None:
            keep_in.append(self)
            self.done.connect(lambda: self._forget(keep_in))
        self.qthread.start()
        return self

    def _forget(self, keep_in: list[TaskRunner[Any, Any]]) -> None:
        self.wait(5000)
        if self in keep_in:
            keep_in.remove(self)

    def _succeeded(self, result: T) -> None:
        self._end()
        self.result = result
        self.succeeded.emit(result)
        self.done.emit()

    def _failed(self, message: str) -> None:
        self._end()
        self.failed.emit(message)
        self.done.emit()

    def _end(self) -> None:
        self.finished = True
        self.qthread.quit()

    def is_running(self) -> bool:
        """Whether the job's thread is still going."""
        return self.qthread.isRunning() and not self.qthread.isFinished()

    def wait(self, ms: int = 30000) -> bool:
        """Block until the thread has stopped (tests, shutdown)."""
        return self.qthread.wait(ms)
