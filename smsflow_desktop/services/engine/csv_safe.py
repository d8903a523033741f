"""CSV cells that a spreadsheet will not run as formulas.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some spreadsheets skip before looking) gets a leading apostrophe, so exports of names,
numbers and message texts open as text everywhere; numbers such as ``+46701234567`` or
``-5`` too, which keeps a ``+`` that a spreadsheet would otherwise drop. A spreadsheet that
splits lines on ``;`` or tab rather than ``,`` starts a new cell after such a separator, and
one that splits on another separator than the file's does not honour quotes in mid-cell, so
every part of a cell after a separator (``,`` ``;`` tab, CR, LF; spaces and quotes after it
skipped) that starts with one of those characters gets its own apostrophe too
(``x;=1+1`` is written ``x;'=1+1``); a cell holding a separator is also quoted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from smsflow_desktop.services.output_files import atomic_output

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = (",", ";", "\t", "\r", "\n")
#: After a separator, maybe spaces or quotes, then (looked at, not taken) a character that
#: starts a formula; a tab or CR there is a separator of its own, so matches may chain.
_FORMULA_AFTER_SEPARATOR = re.compile(r"(?<=[,;\t\r\n])([ \"]*)(?=[=+\-@\t\r])")


def safe_cell(value: object) -> str:
    """The cell's text, neutralised where a spreadsheet would read it (or a part of it) as a formula."""
    text = "" if value is None else str(value)
    text = _FORMULA_AFTER_SEPARATOR.sub(lambda m: m.group(1) + "'", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _field(value: object) -> str:
    """One cell as written: made safe, and quoted (Excel style) when it holds a separator or a quote."""
    cell = safe_cell(value)
    if any(c in cell for c in SEPARATORS) or '"' in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _line(values: Iterable[object]) -> str:
    cells = [_field(v) for v in values]
    return (",".join(cells) if cells != [""] else '""') + "\r\n"


def write_rows(handle: IO[str], header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write a header and rows (each cell made safe); return the number of rows."""
    handle.write(_line(header))
    count = 0
    for row in rows:
        handle.write(_line(row))
        count += 1
    return count


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write a UTF-8 CSV file atomically (a temporary file beside it, then a rename); a path
    that is a symbolic link or a special file is refused (:class:`OutputFileError`)."""
    with atomic_output(path, newline="") as handle:
        return write_rows(handle, header, rows)
