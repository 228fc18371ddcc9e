"""The key of the kiosk's encrypted cache: where it comes from, and never beside the cache in plain text.

Someone who walks off with a kiosk (or its disk) gets the data folder; the cache in it is SQLCipher
(kiosk.core.cache) and is worth nothing without its 256-bit key. The key has one of two homes, chosen
by ``key_source()`` from what this computer offers:

- ``KeySource.KEY_STORE``: the operating system's key store through ``keyring`` (Secret Service on
  Linux, Windows Credential Manager, macOS Keychain), under the data folder's absolute path. A kiosk
  that restarts unattended gets its key back by itself and is ready to scan without anyone.
- ``KeySource.PIN``: no key store (a bare Linux kiosk has no Secret Service). The key is wrapped
  (AES-256-GCM) under a key derived from the operator's PIN with argon2id and kept in ``cache-key.json``;
  at each start the kiosk asks for the PIN before it opens the cache. A 4-digit PIN is a small space
  for someone with the disk and time, which is why the key store is preferred wherever there is one.

Unlocked keys live in this process's memory only, one per data folder.
"""

from __future__ import annotations

import enum
import json
import os
import secrets
import threading
from pathlib import Path

import keyring
import keyring.errors
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_FILE = "cache-key.json"
KEY_STORE_SERVICE = "doorstation-kiosk-cache"
# argon2id at ~0.2 s a guess on a kiosk-class CPU: slow for a thief trying PINs, quick enough at a start.
ARGON2 = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 1}

_unlocked: dict[str, bytes] = {}
_guard = threading.Lock()


class KeySource(enum.StrEnum):
    KEY_STORE = "key_store"
    PIN = "pin"


class CacheLocked(Exception):
    """The cache's key is wrapped under the operator's PIN and nobody has entered it since the start."""

    def __init__(self) -> None:
        super().__init__("The conference data on this kiosk is locked: this computer has no key store, so the "
                         "operator's PIN opens it after each start.")


class KeyStoreUnavailable(Exception):
    """The key store is there but would not give the key (locked, or its service not running)."""

    def __init__(self, error: Exception) -> None:
        super().__init__(f"The key store would not give this kiosk's key ({error.__class__.__name__}: {error}); "
                         "unlock the desktop session's keyring, or start its service, and restart the kiosk.")


def key_source() -> KeySource:
    """The key store when ``keyring`` has a working backend here; the operator's PIN otherwise."""
    backend = keyring.get_keyring()
    return KeySource.KEY_STORE if backend.priority > 0 else KeySource.PIN


def _account(data_dir: Path) -> str:
    return str(Path(data_dir).resolve())


def cache_key(data_dir: Path) -> bytes:
    """The key for the cache in ``data_dir``: from memory, the key store, or new. Raises ``CacheLocked``
    when it is wrapped under the PIN and not unlocked yet.

    A new key is made only when there is none: a cache that exists without its key cannot be read
    and is started afresh by kiosk.core.cache (the server holds everything but the unsent scans)."""
    account = _account(data_dir)
    with _guard:
        if account in _unlocked:
            return _unlocked[account]
        if key_source() is KeySource.KEY_STORE:
            try:
                stored = keyring.get_password(KEY_STORE_SERVICE, account)
                if stored is None:
                    stored = secrets.token_hex(32)
                    keyring.set_password(KEY_STORE_SERVICE, account, stored)
            except keyring.errors.KeyringError as error:  # locked (no session unlocked it), or not answering
                raise KeyStoreUnavailable(error) from error
            key = bytes.fromhex(stored)
        elif (Path(data_dir) / KEY_FILE).exists():
            raise CacheLocked()
        else:
            # No key store and no PIN yet (a kiosk being paired): the key lives in memory until the
            # station set-up gives a PIN to wrap it with (``protect_with_pin``).
            key = secrets.token_bytes(32)
        _unlocked[account] = key
        return key


def is_locked(data_dir: Path) -> bool:
    """Whether opening the cache now would need the operator's PIN first."""
    try:
        cache_key(data_dir)
    except CacheLocked:
        return True
    return False


def _pin_key(pin: str, salt: bytes) -> bytes:
    return hash_secret_raw(pin.encode(), salt, hash_len=32, type=Type.ID, **ARGON2)


def unlock_with_pin(data_dir: Path, pin: str) -> bool:
    """Unwrap the key with the operator's PIN; False for a wrong PIN (the caller counts attempts)."""
    record = json.loads((Path(data_dir) / KEY_FILE).read_text())
    try:
        key = AESGCM(_pin_key(pin, bytes.fromhex(record["salt"]))).decrypt(
            bytes.fromhex(record["nonce"]), bytes.fromhex(record["wrapped"]), KEY_STORE_SERVICE.encode())
    except InvalidTag:
        return False
    with _guard:
        _unlocked[_account(data_dir)] = key
    return True


def protect_with_pin(data_dir: Path, pin: str) -> None:
    """Where there is no key store, wrap the cache's key under the (new) operator PIN. Under a key
    store the PIN plays no part in the key."""
    if key_source() is KeySource.KEY_STORE:
        return
    key = cache_key(data_dir)  # unlocked: whoever sets a PIN has passed the old one
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(_pin_key(pin, salt)).encrypt(nonce, key, KEY_STORE_SERVICE.encode())
    record = {"kdf": "argon2id", **ARGON2, "salt": salt.hex(), "nonce": nonce.hex(), "wrapped": wrapped.hex()}
    path = Path(data_dir) / KEY_FILE
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        json.dump(record, file)
    os.replace(temporary, path)


def forget(data_dir: Path) -> None:
    """Drop the key everywhere it is kept: the data it opened is gone for good, even from a copy of the disk."""
    account = _account(data_dir)
    with _guard:
        _unlocked.pop(account, None)
        if key_source() is KeySource.KEY_STORE:
            try:
                keyring.delete_password(KEY_STORE_SERVICE, account)
            except keyring.errors.PasswordDeleteError:
                pass
    (Path(data_dir) / KEY_FILE).unlink(missing_ok=True)


def lock(data_dir: Path) -> None:
    """Drop the unlocked key from memory (the kiosk stops): the next start fetches or asks for it again."""
    with _guard:
        _unlocked.pop(_account(data_dir), None)


def needs_pin(data_dir: Path, *, pin_set: bool, cache_exists: bool) -> bool:
    """Whether the kiosk must ask for the operator's PIN before it opens its cache: no key store, and
    either a key wrapped under the PIN, or a cache (from before encryption) whose key the PIN is to wrap."""
    if key_source() is KeySource.KEY_STORE:
        return False
    with _guard:
        if _account(data_dir) in _unlocked:
            return False
    return (Path(data_dir) / KEY_FILE).exists() or (pin_set and cache_exists)
