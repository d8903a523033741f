"""Running slow service calls off the GUI thread: one :class:`TaskRunner` per job.

The job is a plain function ``job(report) -> result`` that runs on a :class:`QThread`;
``report(value)`` may be called from the job to send progress. The runner's signals live
on the GUI thread (``progressed``, ``succeeded``, ``failed``). Expected errors become
``failed(message)``; anything else is logged with its traceback and reported too, never
swallowed. The worker object is kept on the runner and never ``deleteLater``'d (that
crashes PySide6 6.12 here); wait for the end with :meth:`TaskRunner.wait` (the thread quits
by itself when the job returns; the answer is delivered when the GUI thread next runs).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)
Job = Callable[[Callable[[object], None]], object]


class _Worker(QObject):
    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Job, expected: tuple[type[BaseException], ...]) -> None:
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


class TaskRunner(QObject):
    """One background job with GUI-thread signals."""

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)
    done = Signal()

    def __init__(
        self,
        job: Job,
        *,
        expected: tuple[type[BaseException], ...] = (),
        name: str = "task",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.thread = QThread(self)
        self.thread.setObjectName(name)
        self.worker = _Worker(job, expected)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self.progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.finished = False

    def start(self) -> None:
        self.thread.start()

    def _succeeded(self, result: object) -> None:
        self._end()
        self.succeeded.emit(result)
        self.done.emit()

    def _failed(self, message: str) -> None:
        self._end()
        self.failed.emit(message)
        self.done.emit()

    def _end(self) -> None:
        self.finished = True
        self.thread.quit()

    def wait(self, ms: int = 30000) -> bool:
        """Block until the thread has stopped (tests, shutdown)."""
        return self.thread.wait(ms)
