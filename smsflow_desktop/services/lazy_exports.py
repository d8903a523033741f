"""A package's names, imported from their modules on first use (PEP 562).

A package that re-exports its modules' names would otherwise load all of them when any one
module is imported; with :func:`lazy_exports` as its ``__getattr__``, importing one light
module of the package (its errors, say) loads nothing else, and the GUI starts without the
HTTP client, the emulator or the agent.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports each name from ``homes[name]``
    (the module it lives in) the first time it is asked for, and keeps it."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
