"""Background runners kept until they finish: the :class:`KeepsRunners` mixin.

A ``TaskRunner`` must stay referenced while its thread runs, so the objects that start
them (the Results tab, the window's engine and Vibes actions) keep each one in
``self.runners`` from start until its ``done`` signal, then wait for its thread and let it
go. Shutdown code waits for whatever is still in that list.
"""

from __future__ import annotations

from smsflow_desktop.ui.workers import TaskRunner


class KeepsRunners:
    """Mixin for a Qt object that sets ``self.runners = []`` in its ``__init__``."""

    runners: list[TaskRunner]

    def _start(self, runner: TaskRunner) -> TaskRunner:
        self.runners.append(runner)
        runner.done.connect(lambda r=runner: self._forget(r))
        runner.start()
        return runner

    def _forget(self, runner: TaskRunner) -> None:
        runner.wait(5000)
        if runner in self.runners:
            self.runners.remove(runner)
