"""Import and export of ``*.smsflow.json`` campaign files from the window.

Export writes the campaign as it is in the editor (saved or not) with the SMS messages it
names. Import reads and checks the file (a malformed one is one clear message naming the
file and JSON path, never a crash), asks what to do when a campaign of that name exists
(keep both, replace, or cancel) and adds it; references the workspace does not know
(a Vibes list, a message) become problems on the steps once the campaign is open.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from smsflow_desktop.model.campaign import Campaign, SmsMessage
from smsflow_desktop.model.campaign_file import CampaignFile
from smsflow_desktop.services.campaigns import (
    CampaignFileError,
    ImportResult,
    NameClash,
    import_campaign,
    list_campaigns,
    message_bodies,
    read_campaign_file,
    write_campaign_file,
)
from smsflow_desktop.ui import file_dialogs

ClashChoice = str  # "rename" | "replace" | "cancel"


def file_filter() -> str:
    return QCoreApplication.translate("CampaignFiles", "Campaign files (*.smsflow.json);;JSON files (*.json)")


def suggested_file_name(campaign: Campaign) -> str:
    safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in campaign.name).strip() or "campaign"
    return f"{safe}.smsflow.json"


def campaign_file_for(conn: sqlite3.Connection | None, campaign: Campaign) -> CampaignFile:
    """The file for the campaign as edited: the campaign and the workspace's messages it names."""
    bodies = message_bodies(conn) if conn is not None else {}
    messages = [SmsMessage(name=n, body=bodies[n]) for n in sorted(campaign.message_names()) if n in bodies]
    return CampaignFile(campaign=campaign.model_copy(deep=True), messages=messages)


def export_to(conn: sqlite3.Connection | None, campaign: Campaign, path: Path) -> Path:
    """Write the file; CampaignFileError when the disk refuses."""
    if not path.name.endswith(".json"):
        path = path.with_name(path.name + ".smsflow.json")
    write_campaign_file(campaign_file_for(conn, campaign), path)
    return path


def ask_export_path(parent: QWidget, campaign: Campaign) -> Path | None:
    """Where to export (starting in the folder of the last campaign file, else the documents folder)."""
    return file_dialogs.save_file(
        parent,
        "campaign_file",
        QCoreApplication.translate("CampaignFiles", "Export campaign"),
        suggested_file_name(campaign),
        file_filter(),
    )


def ask_import_path(parent: QWidget) -> Path | None:
    """A campaign file to import (starting where the last one was, else in the documents folder)."""
    return file_dialogs.open_file(
        parent, "campaign_file", QCoreApplication.translate("CampaignFiles", "Import campaign"), file_filter()
    )


def ask_clash(parent: QWidget, name: str) -> ClashChoice:
    """Ask what to do when a campaign called ``name`` exists."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("CampaignFiles", "Campaign exists"),
        QCoreApplication.translate("CampaignFiles", "This workspace already has a campaign called “%1”.").replace(
            "%1", name
        ),
        parent=parent,
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "CampaignFiles", "Keep both (the imported one gets a new name), replace the existing one, or cancel?"
        )
    )
    keep = box.addButton(QCoreApplication.translate("CampaignFiles", "Keep both"), QMessageBox.ButtonRole.AcceptRole)
    replace = box.addButton(
        QCoreApplication.translate("CampaignFiles", "Replace"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if clicked is keep:
        return "rename"
    if clicked is replace:
        return "replace"
    return "cancel"


def import_file(conn: sqlite3.Connection, path: Path, ask: Callable[[str], ClashChoice]) -> ImportResult | None:
    """Read ``path`` and add it to the workspace; None when the user cancelled.

    Raises CampaignFileError (unreadable or malformed file) or NameClash.
    """
    doc = read_campaign_file(path)
    policy = "rename"
    if doc.campaign.name in set(list_campaigns(conn)):
        choice = ask(doc.campaign.name)
        if choice == "cancel":
            return None
        policy = choice
    return import_campaign(conn, doc, on_clash=policy)  # type: ignore[arg-type]


__all__ = [
    "CampaignFileError",
    "NameClash",
    "ask_clash",
    "ask_export_path",
    "ask_import_path",
    "campaign_file_for",
    "export_to",
    "import_file",
    "suggested_file_name",
]
