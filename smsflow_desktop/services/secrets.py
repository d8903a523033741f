"""The Vibes password and the callback secret: in the OS keyring, or in an environment
variable; never anywhere else.

The keyring entry's service is ``smsflow-desktop`` and its account is the Vibes host plus the
user name, so two Vibes regions or users keep separate passwords. The environment variable,
when set, wins (for scripts, CI and machines without a keyring). On a machine with no usable
keyring backend (a headless Linux box: ``NoKeyringError`` or keyring's "fail" backend) every
function raises :class:`SecretsError` saying to set ``SMSFLOW_VIBES_PASSWORD``. Messages name
the host and user, never the password.

A team database's password (a PostgreSQL workspace) may be kept in the keyring too, under the
database's URL without password or query as the account; libpq's ``PGPASSWORD`` and
``~/.pgpass`` are the other places it comes from.

The callback secret is what every Vibes callback to this workspace must carry (see
``services.vibes.callbacks``): made once per workspace (``secrets.token_urlsafe(32)``), kept in
the keyring under ``callback-secret|<workspace id>``, or given by ``SMSFLOW_CALLBACK_SECRET``.
"""

from __future__ import annotations

import logging
import os
import secrets as _random
from collections.abc import Callable

import keyring
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "smsflow-desktop"
ENV_PASSWORD = "SMSFLOW_VIBES_PASSWORD"
ENV_CALLBACK_SECRET = "SMSFLOW_CALLBACK_SECRET"
#: The shortest callback secret taken from the environment (a generated one has 43 characters).
MIN_CALLBACK_SECRET = 16


class SecretsError(RuntimeError):
    """The password cannot be read or stored; the message says what to do."""


def account_name(base_url: str, username: str) -> str:
    """The keyring account for a Vibes host and user: ``https://host|user``."""
    return f"{base_url.strip().rstrip('/')}|{username.strip()}"


_PASSWORD_HINT = f"set the environment variable {ENV_PASSWORD} to the Vibes password instead"
_CALLBACK_HINT = (
    f"set the environment variable {ENV_CALLBACK_SECRET} to a long random text "
    f"(at least {MIN_CALLBACK_SECRET} characters) instead"
)


def _no_keyring(action: str, hint: str = _PASSWORD_HINT) -> SecretsError:
    return SecretsError(f"cannot {action}: no system keyring is available on this machine; {hint}")


def _backend_failed(action: str, exc: Exception, hint: str = _PASSWORD_HINT) -> SecretsError:
    log.warning("keyring backend failed to %s: %s", action, type(exc).__name__)
    return SecretsError(
        f"cannot {action}: the system keyring failed ({type(exc).__name__}); unlock or repair it, or {hint}"
    )


def keyring_available() -> bool:
    """Whether a real keyring backend is configured (not keyring's failing placeholder)."""
    try:
        backend = keyring.get_keyring()
    except Exception:
        log.debug("no keyring backend could be loaded", exc_info=True)
        return False
    from keyring.backends import fail

    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def get_password(base_url: str, username: str) -> str:
    """The password for ``username`` at ``base_url`` (env var first, then the keyring)."""
    env = os.environ.get(ENV_PASSWORD)
    if env:
        try:
            env.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 (kept by Python as lone surrogates)
            raise SecretsError(f"{ENV_PASSWORD} is not valid UTF-8 text; set it again") from None
        return env
    action = f"read the Vibes password for {username!r} at {base_url}"
    if not keyring_available():
        raise _no_keyring(action)
    try:
        value = keyring.get_password(SERVICE, account_name(base_url, username))
    except keyring.errors.NoKeyringError:
        raise _no_keyring(action) from None
    except Exception as exc:  # noqa: BLE001 - any backend failure becomes a clear message
        raise _backend_failed(action, exc) from None
    if not value:
        raise SecretsError(
            f"no Vibes password is stored for {username!r} at {base_url}; run 'smsflow vibes set-password' "
            f"or set {ENV_PASSWORD}"
        )
    return value


def set_password(base_url: str, username: str, password: str) -> None:
    """Store the password in the OS keyring."""
    if not password:
        raise SecretsError("the password is empty; nothing was stored")
    action = f"store the Vibes password for {username!r} at {base_url}"
    if not keyring_available():
        raise _no_keyring(action)
    try:
        keyring.set_password(SERVICE, account_name(base_url, username), password)
    except keyring.errors.NoKeyringError:
        raise _no_keyring(action) from None
    except Exception as exc:  # noqa: BLE001
        raise _backend_failed(action, exc) from None


def delete_password(base_url: str, username: str) -> bool:
    """Remove a stored password; False when none was stored."""
    action = f"remove the Vibes password for {username!r} at {base_url}"
    if not keyring_available():
        raise _no_keyring(action)
    try:
        keyring.delete_password(SERVICE, account_name(base_url, username))
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.NoKeyringError:
        raise _no_keyring(action) from None
    except Exception as exc:  # noqa: BLE001
        raise _backend_failed(action, exc) from None
    return True


# -- the callback secret -----------------------------------------------------------------------
def callback_account(workspace_id: str) -> str:
    """The keyring account of a workspace's callback secret."""
    return f"callback-secret|{workspace_id}"


def _env_callback_secret() -> str | None:
    env = os.environ.get(ENV_CALLBACK_SECRET)
    if not env:
        return None
    try:
        env.encode("utf-8")
    except UnicodeEncodeError:
        raise SecretsError(f"{ENV_CALLBACK_SECRET} is not valid UTF-8 text; set it again") from None
    if len(env.strip()) < MIN_CALLBACK_SECRET or env != env.strip():
        raise SecretsError(
            f"{ENV_CALLBACK_SECRET} is too short or has spaces around it: use at least {MIN_CALLBACK_SECRET} "
            'random characters, such as the output of: python -c "import secrets; print(secrets.token_urlsafe(32))"'
        )
    return env


def _keyring_call(action: str, call: Callable[..., str | None], *args: str) -> str | None:
    if not keyring_available():
        raise _no_keyring(action, _CALLBACK_HINT)
    try:
        return call(SERVICE, *args)
    except keyring.errors.NoKeyringError:
        raise _no_keyring(action, _CALLBACK_HINT) from None
    except Exception as exc:  # noqa: BLE001 - any backend failure becomes a clear message
        raise _backend_failed(action, exc, _CALLBACK_HINT) from None


def callback_secret(workspace_id: str) -> str:
    """The secret every callback to this workspace must carry: ``SMSFLOW_CALLBACK_SECRET`` when
    set, else the keyring's, made and stored there the first time."""
    env = _env_callback_secret()
    if env:
        return env
    account = callback_account(workspace_id)
    stored = _keyring_call("read the callback secret of this workspace", keyring.get_password, account)
    if stored:
        return stored
    _keyring_call(
        "store a callback secret for this workspace", keyring.set_password, account, _random.token_urlsafe(32)
    )
    # read back: when two programs made one at the same moment, both use the one that stayed
    stored = _keyring_call("read the callback secret of this workspace", keyring.get_password, account)
    if not stored:
        raise SecretsError(
            "the system keyring did not keep the callback secret; unlock or repair it, or " + _CALLBACK_HINT
        )
    return stored


def rotate_callback_secret(workspace_id: str) -> str:
    """Replace the workspace's callback secret with a new one and return it: callbacks carrying
    the old one are refused from then on (register the callback URL with Vibes again)."""
    if os.environ.get(ENV_CALLBACK_SECRET):
        raise SecretsError(f"the callback secret comes from {ENV_CALLBACK_SECRET}; change it there instead")
    secret = _random.token_urlsafe(32)
    _keyring_call(
        "store a new callback secret for this workspace",
        keyring.set_password,
        callback_account(workspace_id),
        secret,
    )
    return secret


# -- a team database's password ------------------------------------------------------------------
_DATABASE_HINT = "set PGPASSWORD or add the database to ~/.pgpass instead"


def set_database_password(account: str, password: str) -> None:
    """Store a team database's password in the OS keyring; ``account`` is the database's URL
    without password or query (``postgresql://USER@HOST:PORT/DB``)."""
    if not password:
        raise SecretsError("the password is empty; nothing was stored")
    action = f"store the password for {account}"
    if not keyring_available():
        raise _no_keyring(action, _DATABASE_HINT)
    try:
        keyring.set_password(SERVICE, account, password)
    except keyring.errors.NoKeyringError:
        raise _no_keyring(action, _DATABASE_HINT) from None
    except Exception as exc:  # noqa: BLE001 - any backend failure becomes a clear message
        raise _backend_failed(action, exc, _DATABASE_HINT) from None
