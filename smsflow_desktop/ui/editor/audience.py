"""The live audience count of the Smart List tab, computed off the GUI thread.

:class:`AudienceCounter` lives on the GUI thread; its worker lives on a :class:`QThread`
with its own SQLite connection. Requests are debounced (300 ms) and numbered: a newer
request interrupts the query still running (``sqlite3.Connection.interrupt`` is safe from
another thread) and only the latest answer is reported. Counting is
``services.smart_list_count.count_smart_list`` (the engine's smart-list SQL).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from smsflow_desktop.model.campaign import SmartList
from smsflow_desktop.model.logic import LogicError
from smsflow_desktop.services import smart_list_count
from smsflow_desktop.services.smart_list_count import SmartListSqlError
from smsflow_desktop.services.workspace import Workspace, WorkspaceError

log = logging.getLogger(__name__)
DEBOUNCE_MS = 300


class _CountWorker(QObject):
    """Runs on the worker thread; owns its connection."""

    counted = Signal(int, int)  # (generation, count)
    failed = Signal(int, str)

    def __init__(self, root: Path | str) -> None:
        super().__init__()
        self.root = root
        self.conn: sqlite3.Connection | None = None
        self.lock = threading.Lock()  # guards self.conn for interrupt() from the GUI thread

    @Slot(int, str)
    def count(self, generation: int, smart_list_json: str) -> None:
        try:
            if self.conn is None:
                conn = Workspace(self.root).connect(synchronous="NORMAL")
                with self.lock:
                    self.conn = conn
            smart_list = smart_list_count.smart_list_from_json(smart_list_json)
            self.counted.emit(generation, smart_list_count.count_smart_list(self.conn, smart_list))
        except (LogicError, SmartListSqlError) as exc:
            self.failed.emit(generation, str(exc))
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc).lower():
                return  # a newer request took over
            log.warning("audience count failed: %s", exc)
            self.failed.emit(generation, str(exc))
        except (sqlite3.Error, WorkspaceError, ValueError) as exc:
            log.warning("audience count failed: %s", exc)
            self.failed.emit(generation, str(exc))

    def interrupt(self) -> None:
        """Stop the running query (called from the GUI thread)."""
        with self.lock:
            if self.conn is not None:
                self.conn.interrupt()

    @Slot()
    def close(self) -> None:
        with self.lock:
            if self.conn is not None:
                self.conn.close()
                self.conn = None


class AudienceCounter(QObject):
    """Debounced, cancellable audience counts for one workspace."""

    counted = Signal(int)
    failed = Signal(str)
    busy_changed = Signal(bool)
    _requested = Signal(int, str)
    _close_requested = Signal()

    def __init__(self, root: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self._pending_json: str | None = None
        self.busy = False
        self.count_thread = QThread(self)
        self.count_thread.setObjectName("audience-count")
        self.worker = _CountWorker(root)  # kept on self: never deleteLater'd (PySide6 6.12)
        self.worker.moveToThread(self.count_thread)
        self._requested.connect(self.worker.count)
        self._close_requested.connect(self.worker.close)
        self.worker.counted.connect(self._on_counted)
        self.worker.failed.connect(self._on_failed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._fire)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def request(self, smart_list: SmartList) -> None:
        """Count ``smart_list`` soon (after the user pauses for the debounce interval)."""
        self._pending_json = smart_list.model_dump_json()
        self.generation += 1
        self._set_busy(True)
        self.timer.start()

    def request_now(self, smart_list: SmartList) -> None:
        self.request(smart_list)
        self.timer.stop()
        self._fire()

    def _fire(self) -> None:
        if self._pending_json is None:
            return
        if not self.count_thread.isRunning():
            self.count_thread.start()  # started on the first count, not when the window opens
        self.worker.interrupt()
        self._requested.emit(self.generation, self._pending_json)
        self._pending_json = None

    def _on_counted(self, generation: int, count: int) -> None:
        if generation == self.generation:
            self._set_busy(False)
            self.counted.emit(count)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self._set_busy(False)
            self.failed.emit(message)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busy_changed.emit(busy)

    def shutdown(self) -> None:
        """Stop the worker thread and close its connection (the editor is closing)."""
        self.timer.stop()
        if not self.count_thread.isRunning():
            return
        self.worker.interrupt()
        self._close_requested.emit()
        self.count_thread.quit()
        self.count_thread.wait(5000)
