"""Files the program writes where the user points it (CSV exports, campaign files).

The target must be a regular file or not exist yet: a symbolic link, a named pipe, a device,
a socket or a folder is refused with :class:`OutputFileError` (one sentence naming the path),
never followed or replaced. :func:`atomic_output` writes a temporary file beside the target,
created exclusively and without following links, and renames it over the target when the
whole text is written, so a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class OutputFileError(OSError):
    """The output path names something that is not a regular file."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path} is {what}; give the path of a regular file")
        self.path = path
        self.what = what

    def __str__(self) -> str:
        return str(self.args[0])


def check_output_file(path: Path) -> None:
    """Refuse ``path`` unless it is a regular file or does not exist (links are not followed)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return  # missing (it will be created), or unreachable: the write itself says why
    if stat.S_ISREG(mode):
        return
    what = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise OutputFileError(path, what)


@contextlib.contextmanager
def atomic_output(path: Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """A UTF-8 text handle whose content replaces ``path`` when the block ends without error."""
    check_output_file(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(tmp, flags, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
        check_output_file(path)  # it may have changed while the file was written
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_text_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, refusing special files and links."""
    with atomic_output(path) as handle:
        handle.write(text)
