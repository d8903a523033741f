"""CSV cells that a spreadsheet will not run as formulas.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some spreadsheets skip before looking) gets a leading apostrophe, so exports of names,
numbers and message texts open as text everywhere.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell's text, neutralised when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_rows(handle: IO[str], header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write a header and rows (each cell made safe); return the number of rows."""
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
        count += 1
    return count


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write a UTF-8 CSV file atomically (a temporary file beside it, then a rename)."""
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            count = write_rows(handle, header, rows)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):  # a read-only folder refuses even this
            tmp.unlink(missing_ok=True)
        raise
    return count
