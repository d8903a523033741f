"""Fixtures for the GUI tests: a small workspace, the editor's document and controller,
a flow tab, a main window whose dialogs answer like a scripted user, and drag-and-drop events."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from smsflow_desktop.model.campaign import (
    Campaign,
    Condition,
    SendSmsChoice,
    SendSmsParams,
    SendSmsStep,
    SmsMessage,
    SubscribeVibesListStep,
    WaitStep,
)
from smsflow_desktop.model.document import CampaignDocument
from smsflow_desktop.services.campaigns import save_campaign, save_message
from smsflow_desktop.services.workspace import Workspace, transaction
from smsflow_desktop.ui.editor.controller import DocumentController
from smsflow_desktop.ui.editor.flow_tab import FlowTab
from smsflow_desktop.ui.workspace_data import Catalog, load_catalog

NOW = "2026-04-01T10:00:00Z"
# The offscreen platform says this for every top-level window whose layout sets a minimum size.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


@pytest.fixture(scope="session", autouse=True)
def _empty_clipboard_at_exit(qapp) -> Iterator[None]:
    """The offscreen platform crashes at exit while the clipboard holds data set from Python
    (a copied step); a real display does not. Empty it when the tests are done."""
    yield
    QApplication.clipboard().clear()


@pytest.fixture(scope="session", autouse=True)
def _english_as_the_app_installs_it(qapp) -> None:
    """English as the app starts in it: its small catalogue of plural forms ("1 person") installed."""
    from smsflow_desktop.ui.i18n import install_translators

    install_translators(qapp, "en")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


def _person(i: int, first: str, country: str, phone: str | None) -> tuple[object, ...]:
    return (i, f"ext-{i}", first, "Test", f"p{i}@example.com", phone or "", phone, 1 if phone else 0, country, NOW, NOW)


@pytest.fixture(autouse=True)
def _fresh_window_settings() -> Iterator[None]:
    """Qt resolves the settings file once per process: start every test from nothing remembered."""
    from smsflow_desktop.ui.window import window_state

    window_state.settings().clear()
    yield
    window_state.settings().clear()


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """Messages, two Vibes lists, acquisition campaigns, a static list and five people."""
    return make_ui_workspace(tmp_path / "ws")


def make_ui_workspace(root: Path | str) -> Workspace:
    """The :func:`workspace` fixture's workspace, in a folder or a PostgreSQL database."""
    ws = Workspace.open(root, create=True)
    with ws.session() as conn:
        save_message(conn, SmsMessage(name="Spring offer", body="Hi {{lead.First Name|there}}! Reply STOP to opt out"))
        save_message(conn, SmsMessage(name="Vårerbjudande", body="Hej {{lead.First Name|där}}! Svara STOP"))
        with transaction(conn):
            conn.executemany(
                "INSERT INTO vibes_lists(id, name) VALUES (?, ?)", [("101", "Offers"), ("102", "Text Club")]
            )
            conn.executemany(
                "INSERT INTO vibes_acquisition_campaigns(id, description) VALUES (?, ?)",
                [("201", "Keyword SPRING"), ("202", "Club sign-up")],
            )
            conn.executemany(
                "INSERT INTO vibes_acquisition_lists(acquisition_id, list_id) VALUES (?, ?)",
                [("201", "101"), ("202", "102")],
            )
            conn.executemany(
                "INSERT INTO people(id, external_id, first_name, last_name, email, phone_raw, phone_e164, "
                "phone_valid, country, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    _person(1, "Anna", "SE", "+46701234561"),
                    _person(2, "Bo", "SE", "+46701234562"),
                    _person(3, "Cy", "US", "+12065550103"),
                    _person(4, "Di", "US", None),
                    _person(5, "Ed", "US", "+12065550105"),
                ],
            )
            conn.execute("INSERT INTO static_lists(id, name) VALUES (1, 'VIP')")
            conn.executemany("INSERT INTO static_list_members(list_id, person_id) VALUES (1, ?)", [(1,), (3,)])
            conn.executemany(
                "INSERT INTO vibes_memberships(list_id, mdn, active, updated_at) VALUES (?, ?, 1, ?)",
                [("101", "+46701234561", NOW), ("101", "+12065550103", NOW)],
            )
        save_campaign(conn, sample_campaign())
    return ws


def sample_campaign(name: str = "Spring promo") -> Campaign:
    """A valid campaign: SMS with a choice, a wait, a subscribe."""
    return Campaign(
        name=name,
        flow=[
            SendSmsStep(
                message="Spring offer",
                vibes_list_id="101",
                choices=[
                    SendSmsChoice(
                        when=Condition(field="country", operator="is", values=["SE"]),
                        then=SendSmsParams(message="Vårerbjudande", vibes_list_id="101"),
                    )
                ],
            ),
            WaitStep(duration="4 hours"),
            SubscribeVibesListStep(vibes_list_id="102", acquisition_campaign_id="202"),
        ],
    )


@pytest.fixture
def catalog(workspace: Workspace) -> Catalog:
    with workspace.session() as conn:
        return load_catalog(conn)


@dataclass
class Editor:
    document: CampaignDocument
    controller: DocumentController
    tab: FlowTab

    @property
    def view(self):
        return self.tab.flow_view


@pytest.fixture
def make_editor(qtbot, catalog: Catalog) -> Iterator[Callable[..., Editor]]:
    made: list[Editor] = []

    def make(campaign: Campaign | None = None) -> Editor:
        document = CampaignDocument(campaign or Campaign(name="Test"), catalog.refs)
        controller = DocumentController(document)
        tab = FlowTab(controller, catalog)
        qtbot.addWidget(tab)
        tab.resize(1100, 800)
        tab.show()
        qtbot.waitExposed(tab)
        tab.flow_view.ensure_built()
        QApplication.processEvents()
        editor = Editor(document, controller, tab)
        editor.view.confirm_delete = lambda index: True
        made.append(editor)
        return editor

    yield make
    for editor in made:
        editor.tab.close_document()


def dump(document: CampaignDocument) -> str:
    """The campaign as JSON, for comparing states (step ids included)."""
    return json.dumps(document.campaign.model_dump(mode="json"), sort_keys=True)


def _drag_event(kind, pos: QPoint, mime: QMimeData):
    """A drag event at ``pos``: Qt 6.12 takes the point as QPointF, 6.11 (the pin on Python
    3.11) as QPoint for enter and move events."""
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    args = (actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    try:
        return kind(QPointF(pos), *args)
    except TypeError:
        return kind(pos, *args)


def send_drag(viewport, mime: QMimeData, pos: QPoint, *, drop: bool = True) -> bool:
    """Drag ``mime`` onto the flow viewport at ``pos``: enter, move, drop. Returns whether accepted."""
    enter = _drag_event(QDragEnterEvent, pos, mime)
    QCoreApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False
    move = _drag_event(QDragMoveEvent, pos, mime)
    QCoreApplication.sendEvent(viewport, move)
    if not drop:
        return move.isAccepted()
    event = _drag_event(QDropEvent, pos, mime)
    QCoreApplication.sendEvent(viewport, event)
    return event.isAccepted()


def gap_point(view, gap: int) -> QPoint:
    """A viewport point over gap ``gap`` (0 = above the first card, n = below the last)."""
    view.ensure_built()
    QApplication.processEvents()
    cards = [c for c in view.cards if c is not None]
    if not cards:
        return QPoint(200, 60)
    if gap < len(cards):
        geo = cards[gap].geometry()
        y = geo.top() + 4  # upper half of card ``gap``: insert before it
    else:
        y = cards[-1].geometry().bottom() + 6
    return view.canvas.mapTo(view.viewport(), QPoint(200, y))


@dataclass
class ScriptedDialogs:
    """Answers the main window's questions like a scripted user, and records what it was told."""

    save_answer: str = "discard"
    clash_answer: str = "rename"
    name_answer: str | None = None
    run_answer: str | None = "dry"
    confirm_answer: bool = True
    first_start_answer: str | None = "demo"
    conflict_answer: str = "cancel"
    conflicts: list[object] = field(default_factory=list)  # what each conflict dialog was to say
    told: list[tuple[str, str, str]] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    estimates: list[object] = field(default_factory=list)

    def ask_save(self, campaign: str) -> str:
        self.asked.append(f"save:{campaign}")
        return self.save_answer

    def ask_clash(self, name: str) -> str:
        self.asked.append(f"clash:{name}")
        return self.clash_answer

    def ask_conflict(self, info: object) -> str:
        self.asked.append(f"conflict:{getattr(info, 'campaign', '')}")
        self.conflicts.append(info)
        return self.conflict_answer

    def ask_name(self, title: str, label: str, default: str = "") -> str | None:
        return self.name_answer

    def confirm_run(self, campaign: str, remote: bool, *, estimate: object = None, host: str = "") -> str | None:
        self.asked.append(f"run:{campaign}")
        self.estimates.append(estimate)
        return self.run_answer

    def first_start(self, suggested: str) -> str | None:
        self.asked.append(f"first_start:{suggested}")
        return self.first_start_answer

    def info(self, title: str, text: str) -> None:
        self.told.append(("info", title, text))

    def error(self, title: str, text: str) -> None:
        self.told.append(("error", title, text))

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(f"confirm:{title}")
        return self.confirm_answer


@pytest.fixture
def window(qtbot, workspace: Workspace):
    from smsflow_desktop.ui.window.main_window import MainWindow

    win = MainWindow(workspace)
    win.dialogs = ScriptedDialogs()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.dialogs.save_answer = "discard"
    win.close()
