"""A guard against reference-count bugs of PySide6 6.12.0 on CPython 3.11.

With PySide6 6.12.0 on CPython 3.11, every call from Qt into Python (a slot, a timer, a
``paintEvent`` override) drops one reference to ``None``, and every
``SignalInstance.emit()``/``disconnect()`` drops one to ``True`` or ``False``. CPython 3.12
made these three objects immortal, which hides the bug there; on 3.11 the interpreter frees
``None`` after some tens of thousands of callbacks (minutes of a run's progress, a busy
window) and aborts with "none_dealloc: deallocating None".

:func:`apply` measures whether the installed PySide6 loses references this way and, only
then, gives ``None``, ``True`` and ``False`` a reserve of 2**40 references, which is what
CPython 3.12 does for them: they are never freed in any case, so the reserve changes
nothing but the count the bug eats into. The ``ui`` package applies it on import, so every
window, worker and test runs with the guard.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)
_PROBES = 8
RESERVE = 1 << 40
_applied = False


class _Probe(QObject):
    probed = Signal()


def _counts() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def _losses() -> tuple[int, int]:
    """References lost per probe: (to None by Qt calling Python, to the bools by emit)."""
    probe = _Probe()
    calls: list[int] = []

    def receiver(*_args: object) -> int:
        calls.append(1)
        return 0

    probe.objectNameChanged.connect(receiver)  # a C++ signal into a Python function
    probe.probed.connect(receiver)
    before = _counts()
    for i in range(_PROBES):
        probe.setObjectName(f"probe{i}")
    middle = _counts()
    for _ in range(_PROBES):
        probe.probed.emit()
    after = _counts()
    none_lost = (before[0] - middle[0]) // _PROBES
    bools_lost = ((middle[1] - after[1]) + (middle[2] - after[2])) // _PROBES
    return none_lost, bools_lost


def _add_references(obj: object, n: int) -> None:
    # CPython keeps the reference count in the first field of every object (``ob_refcnt``).
    cell = ctypes.c_ssize_t.from_address(id(obj))
    cell.value += n


def apply() -> bool:
    """Give None/True/False a reserve of references when PySide6 loses them; True if it did."""
    global _applied
    if _applied:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal there
    none_lost, bools_lost = _losses()
    if none_lost <= 0 and bools_lost <= 0:
        return False
    for obj in (None, True, False):
        _add_references(obj, RESERVE)
    _applied = True
    log.debug("PySide6 reference guard applied (lost per call: None %s, bools %s)", none_lost, bools_lost)
    return True
