"""A key store for tests: keyring's backend API over a JSON file that DOORSTATION_TEST_KEY_STORE names.

The kiosk finds it as it would find Secret Service: ``keyring.set_keyring`` in the test process, and
``PYTHON_KEYRING_BACKEND=tests.key_store.FileKeyStore`` for kiosks started as processes of their own. A
file, not memory, so a kiosk started again finds the key its previous run made, as after a reboot.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENVIRONMENT = "DOORSTATION_TEST_KEY_STORE"


class FileKeyStore(KeyringBackend):
    priority = 1  # type: ignore[assignment]  # keyring reads it as a class property

    def _path(self) -> Path:
        return Path(os.environ[ENVIRONMENT])

    def _entries(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._entries().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._entries()
        entries[f"{service}\n{username}"] = password
        self._path().write_text(json.dumps(entries))

    def delete_password(self, service: str, username: str) -> None:
        entries = self._entries()
        if entries.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path().write_text(json.dumps(entries))
