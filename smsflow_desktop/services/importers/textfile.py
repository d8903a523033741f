"""Reading delimited text files for the importers: checks, delimiter, header names.

Before anything is written, :func:`check_text_file` reads the whole file once in bounded
chunks and refuses what is not UTF-8 text (UTF-16, Latin-1, binary junk, an empty file)
with an :class:`ImportFileError` naming the file and the line. The importers then stream
the file with :mod:`csv`; :func:`detect_delimiter` picks comma, semicolon or tab from the
header line and :func:`header_key` folds header names (Unicode NFKC, invisible format
characters such as a stray BOM or a zero-width space dropped, case, spaces and underscores
ignored) so ``External ID`` and ``external_id`` are one column.
"""

from __future__ import annotations

import codecs
import csv
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

CHUNK_BYTES = 1 << 20
DELIMITERS = (",", ";", "\t")
#: A record spanning more lines than this has an unclosed quote (csv would swallow the file).
MAX_RECORD_LINES = 200


class ImportFileError(ValueError):
    """A file the importers cannot read, with the file and (where known) the line in the text."""

    def __init__(self, path: os.PathLike[str] | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.reason = message
        where = f"{self.path}: line {line}: " if line is not None else f"{self.path}: "
        super().__init__(where + message)


@dataclass(frozen=True)
class TextFileInfo:
    """What :func:`check_text_file` learned: the size and whether a UTF-8 BOM opens the file,
    with the modification time and inode it had then (to tell whether it changed since)."""

    size: int
    bom: bool
    mtime_ns: int = 0
    inode: int = 0


def check_text_file(path: Path) -> TextFileInfo:
    """Refuse a missing, empty, binary or non-UTF-8 file before any import starts."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            size = st.st_size
            head = f.read(4)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise ImportFileError(path, "the file is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8)")
            f.seek(0)
            _scan(path, f)
    except FileNotFoundError:
        raise ImportFileError(path, "no such file") from None
    except IsADirectoryError:
        raise ImportFileError(path, "is a folder, not a file") from None
    except PermissionError:
        raise ImportFileError(path, "cannot read the file (permission denied)") from None
    except OSError as exc:
        raise ImportFileError(path, f"cannot read the file ({exc.strerror or exc})") from None
    return TextFileInfo(size=size, bom=head.startswith(codecs.BOM_UTF8), mtime_ns=st.st_mtime_ns, inode=st.st_ino)


def _scan(path: Path, f: BinaryIO) -> None:
    """Decode every chunk; a NUL byte or an invalid UTF-8 sequence stops with its line."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines_before = 0
    blank = True
    while True:
        chunk = f.read(CHUNK_BYTES)
        nul = chunk.find(b"\x00")
        if nul >= 0:
            line = lines_before + chunk.count(b"\n", 0, nul) + 1
            raise ImportFileError(path, "the file holds binary data (a NUL byte), not text", line)
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            line = lines_before + chunk.count(b"\n", 0, max(0, exc.start - pending)) + 1
            raise ImportFileError(
                path, "the text is not UTF-8; save the file as UTF-8 (in Excel: CSV UTF-8)", line
            ) from None
        if blank and text.strip("\ufeff \t\r\n"):
            blank = False
        if not chunk:
            break
        lines_before += chunk.count(b"\n")
    if blank:
        raise ImportFileError(path, "the file is empty")


def open_text(path: Path) -> TextIO:
    """The file as text for :mod:`csv`: UTF-8, a BOM dropped, newlines left to the reader."""
    return open(path, encoding="utf-8-sig", newline="", errors="strict")


@dataclass(frozen=True)
class Header:
    """A checked file's header: the delimiter, the line it is on and its names."""

    info: TextFileInfo
    delimiter: str
    line: int
    names: list[str]


def read_header(path: Path, *, quote_tabs: bool = True) -> Header:
    """Check the file (:func:`check_text_file`), pick its delimiter and read its header row."""
    info = check_text_file(path)
    with open_text(path) as text:
        first = next((line for line in text if line.strip()), "")
    delimiter = detect_delimiter(first)
    with open_text(path) as text:
        header = next(records(path, reader_for(text, delimiter, quote_tabs=quote_tabs), start_line=0), None)
    if header is None:
        raise ImportFileError(path, "the file is empty")
    return Header(info, delimiter, header[0], header[1])


def reader_for(text: TextIO, delimiter: str, *, quote_tabs: bool = True) -> Any:
    """A :mod:`csv` reader; ``quote_tabs=False`` reads a tab-separated file with no quoting at all."""
    if delimiter == "\t" and not quote_tabs:
        return csv.reader(text, delimiter=delimiter, quoting=csv.QUOTE_NONE)
    return csv.reader(text, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)


def detect_delimiter(header_line: str) -> str:
    """Comma, semicolon or tab: whichever occurs most in the header outside quotes."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def header_text(name: str) -> str:
    """A header name as a person would read it: Unicode NFKC (full-width letters, ligatures
    and the like made plain), then format characters (category Cf: a stray BOM U+FEFF, a
    zero-width space U+200B, a soft hyphen U+00AD, direction marks) dropped."""
    if name.isascii():
        return name
    text = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def header_key(name: str) -> str:
    """A header name folded for matching: :func:`header_text`, then case, spaces and underscores ignored."""
    return "".join(header_text(name).split()).replace("_", "").lower()


#: One record: the line it starts on and its values.
Record = tuple[int, list[str]]


def records(path: Path, reader: Any, *, start_line: int) -> Iterator[Record]:
    """``(line, values)`` for each record of a :mod:`csv` reader, blank lines skipped.

    Turns :mod:`csv` failures and runaway quotes into :class:`ImportFileError`: a record
    spanning :data:`MAX_RECORD_LINES` lines, or a last record whose quoted value swallowed
    the final line break (and no closing quote ends the file), has a quote that is never closed. (This runs once per row of a
    million-row import, hence the plain tuples.)
    """
    prev_end = start_line
    held: Record | None = None
    held_end = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ImportFileError(path, _csv_problem(exc), prev_end + 1) from None
        except UnicodeDecodeError:
            raise ImportFileError(path, "the text is not UTF-8; save the file as UTF-8", prev_end + 1) from None
        first = prev_end + 1
        prev_end = reader.line_num
        if prev_end - first >= MAX_RECORD_LINES:
            raise ImportFileError(
                path, f"a quoted value that starts here is not closed (it runs to line {prev_end})", first
            )
        if len(values) < 2 and (not values or not values[0].strip()):
            continue
        if held is not None:
            yield held
        held, held_end = (first, values), prev_end
    if held is not None:
        if held_end > held[0] and held[1][-1].endswith(("\n", "\r")) and not _ends_with_quote(path):
            raise ImportFileError(
                path, "a quoted value that starts here is not closed before the end of the file", held[0]
            )
        yield held


def _ends_with_quote(path: Path) -> bool:
    """Whether the file's last character other than white space is a double quote: a last
    quoted value that ends in a line break was closed after all."""
    with open(path, "rb") as f:
        f.seek(0, 2)
        f.seek(max(0, f.tell() - 64))
        tail = f.read().rstrip(b" \t\r\n\x00")
    return tail.endswith(b'"')


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return "a value is too long (an unclosed quote?)"
    return f"cannot read the line as CSV ({text})"
