"""``smsflow vibes-emulator`` and ``smsflow vibes sync / test / set-password / callback-secret``."""

from __future__ import annotations

import argparse
import getpass
import math
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from smsflow_desktop.cli.base import EXIT_INVALID, CliError, Result, command, open_workspace
from smsflow_desktop.services import secrets
from smsflow_desktop.services.settings import get_setting
from smsflow_desktop.services.vibes import NotConfiguredError, VibesError, open_client_for_workspace
from smsflow_desktop.services.vibes.emulator import EmulatorServer, SeedError
from smsflow_desktop.services.vibes.sync import sync_workspace


def register(sub: Any, groups: dict[str, Any]) -> None:
    emu = command(sub, "vibes-emulator", _emulator, "run a Vibes-compatible HTTP server with its own state")
    emu.add_argument(
        "--state", metavar="DIR", required=True, help="folder for the emulator's state (kept across restarts)"
    )
    emu.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    emu.add_argument("--port", type=int, default=0, help="port (default 0: a free one)")
    emu.add_argument("--seed", metavar="FILE", help="seed JSON applied when the state is new")
    emu.add_argument(
        "--rate-limit", type=float, metavar="R", help="requests per second over /companies/... (429 beyond)"
    )
    emu.add_argument("--retry-after", choices=("seconds", "date"), help="send Retry-After with 429 answers")
    emu.add_argument("--latency-ms", type=float, default=0.0, metavar="L", help="delay every API answer by L ms")
    emu.add_argument("--latency-jitter-ms", type=float, default=0.0, metavar="J", help="vary the delay by up to J ms")
    emu.add_argument("--error-rate", type=float, default=0.0, metavar="P", help="share of API requests answered 5xx")
    emu.add_argument(
        "--drop-rate",
        type=float,
        default=0.0,
        metavar="P",
        help="share of API requests processed and then left without an answer",
    )
    emu.add_argument("--delivery-delay", type=float, default=0.5, metavar="S", help="seconds until delivery receipts")
    vibes = groups["vibes"]
    command(vibes, "sync", _sync, "mirror the subscription lists and acquisition campaigns from Vibes")
    command(vibes, "test", _test, "check the Vibes connection: host, credentials and company key")
    pw = command(
        vibes,
        "set-password",
        _set_password,
        "store the Vibes password in the system keyring (read from standard input or a prompt)",
    )
    pw.add_argument("--base-url", help="Vibes host (default: the vibes.base_url setting)")
    pw.add_argument("--username", help="Vibes user (default: the vibes.username setting)")
    cb = command(
        vibes,
        "callback-secret",
        _callback_secret,
        "make sure this workspace has a callback secret (in the system keyring), or replace it with --rotate",
    )
    cb.add_argument(
        "--rotate",
        action="store_true",
        help="replace the secret: callbacks with the old one are refused; register the callback URL again",
    )


# -- vibes-emulator ---------------------------------------------------------------------------------
_DAY_S = 86_400  # the longest delay the emulator is asked to add


def _emulator(args: argparse.Namespace) -> Result:
    if not 0 <= args.port <= 65535:
        raise CliError(f"--port {args.port}: port must be 0–65535 (0: a free one)")
    for name in ("error_rate", "drop_rate"):
        if not 0.0 <= getattr(args, name) <= 1.0:
            raise CliError(f"--{name.replace('_', '-')} must be between 0 and 1")
    if args.rate_limit is not None and not 0 < args.rate_limit < math.inf:
        raise CliError("--rate-limit must be a positive number of requests per second")
    for name, most, unit in (
        ("latency_ms", _DAY_S * 1000, "ms"),
        ("latency_jitter_ms", _DAY_S * 1000, "ms"),
        ("delivery_delay", _DAY_S, "s"),
    ):
        if not 0.0 <= getattr(args, name) <= most:
            raise CliError(f"--{name.replace('_', '-')} must be between 0 and {most:,} {unit}")
    if args.seed and not Path(args.seed).is_file():
        raise CliError(f"{args.seed}: seed file not found")
    server = EmulatorServer(
        Path(args.state),
        seed=Path(args.seed) if args.seed else None,
        host=args.host,
        port=args.port,
        rate_limit=args.rate_limit,
        rate_limit_retry_after=args.retry_after,
        latency_ms=args.latency_ms,
        latency_jitter_ms=args.latency_jitter_ms,
        error_rate=args.error_rate,
        drop_rate=args.drop_rate,
        delivery_delay_s=args.delivery_delay,
    )
    try:
        server.start()
    except SeedError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc})") from None
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        sys.stdout.write(f"listening on {server.base_url}\n")
        sys.stdout.flush()
        while not stop.wait(0.5):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.stop()
    return Result({"stopped": True, "url": server.base_url}, "")


# -- vibes sync / test / set-password ---------------------------------------------------------
def _open_client(args: argparse.Namespace):
    ws = open_workspace(args)
    conn = ws.connect()
    try:
        client, stop = open_client_for_workspace(ws, conn)
    except NotConfiguredError as exc:
        conn.close()
        raise CliError(str(exc)) from None
    except (VibesError, SeedError, OSError) as exc:
        conn.close()
        raise CliError(f"cannot start the Vibes emulator: {exc}") from None
    return conn, client, stop


def _sync(args: argparse.Namespace) -> Result:
    conn, client, stop = _open_client(args)
    try:
        result = sync_workspace(conn, client)
    except VibesError as exc:
        raise CliError(f"vibes sync failed, the mirror is unchanged: {exc}", EXIT_INVALID) from None
    finally:
        stop()
        conn.close()
    lines = [
        f"synced {len(result.lists)} subscription lists and {len(result.campaigns)} acquisition campaigns "
        f"from {client.host}"
    ]
    lines += [f"  list {item.id}: {item.name}" for item in result.lists]
    lines += [
        f"  acquisition campaign {c.acquisition_id}: {c.description} ({c.status}) -> lists "
        f"{', '.join(result.links.get(c.acquisition_id, [])) or 'none'}"
        for c in result.campaigns
    ]
    return Result(result.as_dict(), "\n".join(lines))


def _test(args: argparse.Namespace) -> Result:
    conn, client, stop = _open_client(args)
    data: dict[str, Any] = {
        "mode": get_setting(conn, "vibes.mode"),
        "base_url": client.base_url,
        "company_key": client.company_key,
        "username": client.username,
    }
    try:
        client.test_connection()
        count = len(client.list_subscription_lists())
    except VibesError as exc:
        return Result({**data, "ok": False, "problem": str(exc)}, f"connection failed: {exc}", EXIT_INVALID)
    finally:
        stop()
        conn.close()
    return Result(
        {**data, "ok": True, "subscription_lists": count},
        f"connected to {client.host} as {client.username!r}, company key {client.company_key!r}: "
        f"{count} subscription lists",
    )


def _read_password(prompt: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def _set_password(args: argparse.Namespace) -> Result:
    ws = open_workspace(args)
    with ws.session() as conn:
        base_url = (args.base_url or get_setting(conn, "vibes.base_url")).rstrip("/")
        username = args.username or get_setting(conn, "vibes.username")
    if not username:
        raise CliError("no Vibes user name: set it first (smsflow settings set vibes.username NAME) or pass --username")
    password = _read_password(f"Vibes password for {username} at {base_url}: ")
    if not password:
        raise CliError("no password given; nothing was stored")
    try:
        secrets.set_password(base_url, username, password)
    except secrets.SecretsError as exc:
        raise CliError(str(exc)) from None
    return Result(
        {"stored": True, "base_url": base_url, "username": username},
        f"password stored in the system keyring for {username} at {base_url}",
    )


def _callback_secret(args: argparse.Namespace) -> Result:
    """The secret itself is never printed: the callback dialog shows the URL that holds it."""
    from smsflow_desktop.services.vibes.callbacks import receiver_secret, rotate_receiver_secret

    ws = open_workspace(args)
    source = "environment" if os.environ.get(secrets.ENV_CALLBACK_SECRET) else "keyring"
    try:
        if args.rotate:
            rotate_receiver_secret(ws)
        else:
            receiver_secret(ws)
    except secrets.SecretsError as exc:
        raise CliError(str(exc)) from None
    if args.rotate:
        text = (
            "a new callback secret is in the system keyring; callbacks with the old one are refused from now on: "
            "restart the callback receiver and register its URL with Vibes again"
        )
    elif source == "environment":
        text = f"the callback secret comes from {secrets.ENV_CALLBACK_SECRET}"
    else:
        text = "this workspace's callback secret is in the system keyring"
    return Result({"source": source, "rotated": bool(args.rotate)}, text)
