"""``smsflow campaign activate/deactivate``, ``smsflow agent`` and ``smsflow lists …``.

``agent --once`` does one pass at now and prints what it did; without ``--once`` the agent
prints ``agent running`` as its first line (flushed), then, in emulated mode, the address of
the embedded Vibes emulator it hosts, and runs until SIGTERM or SIGINT, when it lets the
requests in flight finish, pauses the run under way (the next agent resumes it) and exits 0.
Several agents may serve one workspace; ``--lease-s`` is how long the work an agent claims
stays its own without a renewal: when it is killed, another finishes that work within it.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from smsflow_desktop.cli.base import EXIT_INVALID, CliError, Result, command, open_workspace
from smsflow_desktop.cli.commands_campaign import format_problems
from smsflow_desktop.services import secrets
from smsflow_desktop.services.automation import (
    ActivationRefused,
    Agent,
    AgentOptions,
    PassResult,
    activate_campaign,
    deactivate_campaign,
)
from smsflow_desktop.services.campaigns import CampaignNotFound
from smsflow_desktop.services.engine import leases
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.static_lists import (
    PERSON_KEYS,
    ListError,
    ListInUse,
    add_people,
    create_list,
    delete_list,
    list_static_lists,
    remove_people,
    rename_list,
)
from smsflow_desktop.services.vibes import VibesError, open_client_for_workspace
from smsflow_desktop.services.vibes.callbacks import TOKEN_PARAM, CallbackReceiver
from smsflow_desktop.services.vibes.connect import emulator_feed
from smsflow_desktop.services.workspace import Workspace, now_utc

#: The callbacks an agent in remote mode registers with Vibes.
CALLBACK_TYPES = ("subscription_added", "subscription_removed", "event_processed")


def register(sub: Any, groups: dict[str, Any]) -> None:
    campaign = groups["campaign"]
    act = command(campaign, "activate", _activate, "let a campaign run by itself (batch: on schedule; trigger: listen)")
    act.add_argument("name", metavar="NAME")
    deact = command(campaign, "deactivate", _deactivate, "stop a campaign from running by itself")
    deact.add_argument("name", metavar="NAME")

    agent = command(sub, "agent", _agent, "do what is due: scheduled runs, trigger firings, waits, unfinished runs")
    agent.add_argument("--once", action="store_true", help="one pass at now (SMSFLOW_NOW), then exit")
    agent.add_argument(
        "--listen",
        metavar="HOST:PORT",
        default=None,
        help="remote mode: receive Vibes callbacks here (at /vibes/callbacks)",
    )
    agent.add_argument(
        "--callback-url",
        metavar="URL",
        default=None,
        help="the public address Vibes posts callbacks to (default: the --listen address)",
    )
    agent.add_argument(
        "--lease-s",
        metavar="N",
        default=None,
        help=f"seconds the work this agent claims stays its own without a renewal; when it is killed, "
        f"another agent finishes that work within them ({leases.MIN_LEASE_S:g} to {leases.MAX_LEASE_S:g}, "
        f"default {leases.DEFAULT_LEASE_S:g})",
    )

    lists = sub.add_parser("lists", help="static lists: create, rename, delete, add and remove people")
    lsub = lists.add_subparsers(dest="lists_command", metavar="ACTION", required=True)
    command(lsub, "list", _lists_list, "list the static lists and their sizes")
    create = command(lsub, "create", _lists_create, "create an empty static list")
    create.add_argument("name", metavar="NAME")
    ren = command(lsub, "rename", _lists_rename, "rename a static list (campaigns that name it follow)")
    ren.add_argument("name", metavar="NAME")
    ren.add_argument("new_name", metavar="NEW_NAME")
    dele = command(lsub, "delete", _lists_delete, "delete a static list (its people stay in the workspace)")
    dele.add_argument("name", metavar="NAME")
    dele.add_argument("--force", action="store_true", help="delete it even while campaigns name it")
    for verb, handler, help_text in (
        ("add", _lists_add, "add people to a static list"),
        ("remove", _lists_remove, "take people off a static list"),
    ):
        p = command(lsub, verb, handler, help_text)
        p.add_argument("name", metavar="NAME")
        p.add_argument("people", metavar="PERSON", nargs="+", help="the people, by --by (default: external id)")
        p.add_argument(
            "--by",
            choices=PERSON_KEYS,
            default="external_id",
            help="what PERSON is: external_id (default), id, phone (everyone with the number) or email",
        )


# -- activate / deactivate ------------------------------------------------------------------------


def _status_text(data: dict[str, Any]) -> str:
    state = "active" if data["active"] else "not active"
    text = f"{data['campaign']!r} ({data['kind']} campaign) is {state}"
    if data["active"] and data["kind"] == "trigger":
        text += ": it listens for its triggers from now on"
    elif data["active"]:
        text += "; next runs: " + (", ".join(data["next_runs"]) or "none")
    return text


def _activate(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            status = activate_campaign(conn, args.name, now_utc())
        except CampaignNotFound as exc:
            raise CliError(str(exc)) from None
        except ActivationRefused as exc:
            data = {
                "campaign": args.name,
                "active": False,
                "kind": exc.kind,
                "next_runs": [],
                "valid": False,
                "problems": [p.as_dict() for p in exc.problems],
            }
            return Result(data, f"{exc}:\n{format_problems(exc.problems)}", EXIT_INVALID)
    data = status.as_dict()
    return Result(data, _status_text(data))


def _deactivate(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            status = deactivate_campaign(conn, args.name, now_utc())
        except CampaignNotFound as exc:
            raise CliError(str(exc)) from None
    data = status.as_dict()
    return Result(data, _status_text(data))


# -- the agent --------------------------------------------------------------------------------------


@contextmanager
def _stopping_on_signals(stop: Callable[[], None]) -> Iterator[None]:
    def handler(signum: int, frame: FrameType | None) -> None:
        stop()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _listen_address(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise CliError(f"--listen {text!r}: give HOST:PORT, such as 127.0.0.1:8080")
    return host, int(port)


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _token(url: str | None) -> str | None:
    values = parse_qs(urlsplit(url or "").query).get(TOKEN_PARAM)
    return values[0] if values else None


def _register_callbacks(client: Any, url: str) -> int:
    """Register ``url`` for the agent's callback types, skipping those Vibes already has, and
    cancel this workspace's registrations of other addresses (an earlier agent's port)."""
    ours = _token(url)
    known: set[tuple[str, str | None]] = set()
    for callback in client.list_callbacks():
        if callback.url != url and ours is not None and _token(callback.url) == ours:
            client.delete_callback(callback.callback_id)
        else:
            known.add((callback.callback_type, callback.url))
    added = 0
    for kind in CALLBACK_TYPES:
        if (kind, url) not in known:
            client.register_callback(callback_type=kind, url=url)
            added += 1
    return added


def _pass_text(done: PassResult) -> str:
    return (
        f"{done.runs_started} run(s) started, {done.runs_resumed} resumed, {done.sent} text(s) sent, "
        f"{done.triggers_fired} trigger firing(s)"
    )


def _lease_s(text: str | None) -> float:
    if text is None:
        return leases.DEFAULT_LEASE_S
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not leases.MIN_LEASE_S <= value <= leases.MAX_LEASE_S:  # (NaN fails too)
        raise CliError(
            f"--lease-s {text!r}: give a number of seconds from {leases.MIN_LEASE_S:g} to {leases.MAX_LEASE_S:g}"
        )
    return value


def _agent(args: argparse.Namespace) -> Result:
    lease_s = _lease_s(args.lease_s)
    listen = _listen_address(args.listen) if args.listen else None
    if args.callback_url and not listen:
        raise CliError("--callback-url goes with --listen HOST:PORT")
    ws = open_workspace(args)
    with ws.session() as conn:
        mode = get_setting(conn, "vibes.mode")
        try:
            client, release = open_client_for_workspace(ws, conn)
        except VibesError as exc:
            raise CliError(f"cannot connect to Vibes: {exc}", EXIT_INVALID) from None
        except OSError as exc:
            raise CliError(f"cannot start the Vibes emulator: {exc}", EXIT_INVALID) from None
    agent = Agent(ws, lambda: (client, release), options=AgentOptions(lease_s=lease_s))
    agent.client()  # the agent holds the client opened above from now on, and close() releases it
    receiver: CallbackReceiver | None = None
    try:
        _settle_feed(ws)
        if args.once:
            with _stopping_on_signals(agent.stop):
                done = agent.run_pass()
            _settle_feed(ws)
            warning = "; ".join(done.errors)
            return Result(done.as_dict(), "agent pass: " + _pass_text(done), warning=warning)
        if listen is not None:
            receiver = _start_receiver(ws, client, mode, listen, args.callback_url)
        with _stopping_on_signals(agent.stop):
            _say("agent running")
            if mode == "emulated":
                _say(f"vibes emulator {getattr(client, 'base_url', '')}")
            if receiver is not None:
                _say(f"receiving Vibes callbacks at {receiver.redacted_url}")
            seen: set[str] = set()

            def report(done: PassResult) -> None:
                if done.runs_started or done.runs_resumed or done.sent or done.triggers_fired:
                    _say(_pass_text(done))
                for error in done.errors:
                    if error not in seen:
                        seen.add(error)
                        sys.stderr.write(f"smsflow agent: {error}\n")
                        sys.stderr.flush()

            total = agent.serve(on_pass=report)
    finally:
        if receiver is not None:
            receiver.stop()
        agent.close()
    return Result({"stopped": True, **total.as_dict()}, "agent stopped")


def _settle_feed(ws: Workspace) -> None:
    """In emulated mode, let the embedded emulator's news reach the workspace first."""
    feed = emulator_feed(ws)
    if feed is not None:
        feed.wait_idle(10)


def _start_receiver(
    ws: Workspace, client: Any, mode: str, listen: tuple[str, int], callback_url: str | None
) -> CallbackReceiver | None:
    if mode != "remote":
        sys.stderr.write("smsflow agent: emulated mode: the embedded emulator informs the workspace; not listening\n")
        return None
    host, port = listen
    try:
        receiver = CallbackReceiver(ws, host=host, port=port).start()
    except secrets.SecretsError as exc:
        raise CliError(f"cannot receive Vibes callbacks: {exc}", EXIT_INVALID) from None
    except OSError as exc:
        raise CliError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    url = receiver.url_for(callback_url) if callback_url else receiver.url
    try:
        _register_callbacks(client, url)
    except VibesError as exc:
        receiver.stop()
        raise CliError(f"cannot register the callback URL with Vibes: {exc}", EXIT_INVALID) from None
    return receiver


# -- lists ----------------------------------------------------------------------------------------


def _lists_list(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        lists = list_static_lists(conn)
    text = "\n".join(f"{item['members']:>8}  {item['name']}" for item in lists) or "(no static lists)"
    return Result({"lists": lists}, text)


def _lists_create(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            name = create_list(conn, args.name)
        except ListError as exc:
            raise CliError(str(exc)) from None
    return Result({"list": name, "created": True}, f"created static list {name!r}")


def _lists_rename(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            campaigns = rename_list(conn, args.name, args.new_name)
        except ListError as exc:
            raise CliError(str(exc)) from None
    new = args.new_name.strip()
    text = f"renamed static list {args.name!r} to {new!r}"
    if campaigns:
        text += "; campaigns updated: " + ", ".join(repr(c) for c in campaigns)
    return Result({"list": new, "old_name": args.name, "campaigns_updated": campaigns}, text)


def _lists_delete(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            members = delete_list(conn, args.name, force=args.force)
        except ListInUse as exc:
            data = {"list": args.name, "deleted": False, "campaigns": exc.campaigns}
            return Result(data, str(exc), EXIT_INVALID)
        except ListError as exc:
            raise CliError(str(exc)) from None
    return Result(
        {"list": args.name, "deleted": True, "members": members},
        f"deleted static list {args.name!r} ({members} member(s); the people stay in the workspace)",
    )


def _membership(args: argparse.Namespace, change: Callable[..., Any], verb: str, keys: tuple[str, str]) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        try:
            done = change(conn, args.name, args.people, args.by)
        except ListError as exc:
            raise CliError(str(exc)) from None
    data = {"list": args.name, keys[0]: done.changed, keys[1]: done.unchanged}
    return Result(data, f"{args.name!r}: {done.changed} {verb}, {done.unchanged} {keys[1].replace('_', ' ')}")


def _lists_add(args: argparse.Namespace) -> Result:
    return _membership(args, add_people, "added", ("added", "already_members"))


def _lists_remove(args: argparse.Namespace) -> Result:
    return _membership(args, remove_people, "removed", ("removed", "not_members"))
