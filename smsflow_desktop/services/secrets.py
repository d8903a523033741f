"""The Vibes password: in the OS keyring, or in ``SMSFLOW_VIBES_PASSWORD``; never anywhere else.

The keyring entry's service is ``smsflow-desktop`` and its account is the Vibes host plus the
user name, so two Vibes regions or users keep separate passwords. The environment variable,
when set, wins (for scripts, CI and machines without a keyring). On a machine with no usable
keyring backend (a headless Linux box: ``NoKeyringError`` or keyring's "fail" backend) every
function raises :class:`SecretsError` saying to set ``SMSFLOW_VIBES_PASSWORD``. Messages name
the host and user, never the password.
"""

from __future__ import annotations

import logging
import os

import keyring
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "smsflow-desktop"
ENV_PASSWORD = "SMSFLOW_VIBES_PASSWORD"


class SecretsError(RuntimeError):
    """The password cannot be read or stored; the message says what to do."""


def account_name(base_url: str, username: str) -> str:
    """The keyring account for a Vibes host and user: ``https://host|user``."""
    return f"{base_url.strip().rstrip('/')}|{username.strip()}"


def _no_keyring(action: str) -> SecretsError:
    return SecretsError(
        f"cannot {action}: no system keyring is available on this machine; "
        f"set the environment variable {ENV_PASSWORD} to the Vibes password instead"
    )


def _backend_failed(action: str, exc: Exception) -> SecretsError:
    log.warning("keyring backend failed to %s: %s", action, type(exc).__name__)
    return SecretsError(
        f"cannot {action}: the system keyring failed ({type(exc).__name__}); unlock or repair it, "
        f"or set the environment variable {ENV_PASSWORD} to the Vibes password instead"
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
