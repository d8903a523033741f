"""File and folder choosers that open where the user last was.

Each kind of file (:data:`KINDS`: campaign files, people CSVs, Vibes extracts, exported CSVs,
workspace folders) remembers the folder last chosen for it, on this computer (QSettings
``files/<kind>``, beside the window's other settings, never in the workspace). Until one is
chosen, or when that folder is gone, a chooser opens in the user's documents folder (else their
home folder), never in whatever folder the app happened to be started from.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

#: The kinds of file a chooser asks for; each remembers its own folder.
KINDS = ("campaign_file", "people_csv", "vibes_extract", "export_csv", "workspace")


def _settings() -> QSettings:
    return QSettings("smsflow", "smsflow-desktop")  # the app's settings (ui.window.window_state)


def _key(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown kind of file {kind!r}")
    return f"files/{kind}"


def documents_folder() -> Path:
    """The user's documents folder when it exists, else their home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def start_folder(kind: str) -> Path:
    """Where a chooser for ``kind`` opens: the folder last chosen for it, else the documents folder."""
    value = _settings().value(_key(kind))
    if isinstance(value, str) and value and Path(value).is_dir():
        return Path(value)
    return documents_folder()


def remember(kind: str, chosen: str | Path, *, is_folder: bool = False) -> None:
    """Remember the folder of ``chosen`` (a file), or ``chosen`` itself (a folder), for ``kind``."""
    folder = Path(chosen) if is_folder else Path(chosen).parent
    s = _settings()
    s.setValue(_key(kind), str(folder))
    s.sync()


def open_file(parent: QWidget | None, kind: str, title: str, filters: str) -> Path | None:
    """Ask for an existing file of ``kind`` (None: cancelled)."""
    path, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(kind)), filters)
    if not path:
        return None
    remember(kind, path)
    return Path(path)


def save_file(parent: QWidget | None, kind: str, title: str, file_name: str, filters: str) -> Path | None:
    """Ask where to write a file of ``kind``, suggesting ``file_name`` (None: cancelled)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start_folder(kind) / file_name), filters)
    if not path:
        return None
    remember(kind, path)
    return Path(path)


def choose_folder(parent: QWidget | None, kind: str, title: str) -> Path | None:
    """Ask for a folder of ``kind`` (None: cancelled)."""
    folder = QFileDialog.getExistingDirectory(parent, title, str(start_folder(kind)))
    if not folder:
        return None
    remember(kind, folder, is_folder=True)
    return Path(folder)
