"""Sealing: the identifying values removed by depersonalisation, encrypted under the re-personalisation key.

Depersonalisation (PNR Directive Art 12(2)) must happen in the data, not in the view: the clear values
leave every table and are kept only as AES-256-GCM ciphertext whose key is held by the
re-personalisation service (standards §5.4, "field-level encryption with a separate key"). The key lives
in a file outside the database (``OPENPIU_REPERSONALISATION_KEY_FILE``), so a copy of the database alone
cannot reverse the masking. Each ciphertext is bound to its table and row (GCM associated data): a sealed
value copied onto another row does not open.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from openpiu.errors import ConfigError, OpenPIUError

NONCE_BYTES = 12
KEY_BYTES = 32


class SealError(OpenPIUError):
    """A sealed value does not open with this key (wrong key, or moved to another row)."""


class Sealer:
    """Encrypts and decrypts sealed values with one AES-256-GCM key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ConfigError(f"the re-personalisation key must be {KEY_BYTES} bytes, not {len(key)}")
        self._aead = AESGCM(key)

    def seal(self, payload: bytes, *, context: str) -> bytes:
        """``nonce || ciphertext`` of ``payload``, bound to ``context`` (``"traveller:42"``)."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, payload, context.encode("utf-8"))

    def open(self, blob: bytes, *, context: str) -> bytes:
        try:
            return self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], context.encode("utf-8"))
        except InvalidTag as exc:
            raise SealError(f"sealed value of {context} does not open with this key") from exc

    def seal_values(self, values: dict[str, Any], *, context: str) -> bytes:
        """Seal a row's values (JSON; dates as ISO strings, bytes as base64)."""
        return self.seal(json.dumps(values, default=_encode, sort_keys=True).encode("utf-8"), context=context)

    def open_values(self, blob: bytes, *, context: str) -> dict[str, Any]:
        values: dict[str, Any] = json.loads(self.open(blob, context=context))
        return values


def _encode(value: object) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"cannot seal a {type(value).__name__}")


def load_key(
    path: Path,
    *,
    create: bool = False,
    what: str = "re-personalisation key",
    setting: str = "OPENPIU_REPERSONALISATION_KEY_FILE",
) -> bytes:
    """The key in ``path`` (base64 text); with ``create``, a new random key is written there first.

    The file is created readable by its owner only. A missing key without ``create`` is an error: masked
    data would otherwise be sealed under a key nobody keeps. ``what`` and ``setting`` name the key in
    errors (the pseudonym key is kept the same way).
    """
    if not path.exists():
        if not create:
            raise ConfigError(f"{what} {path} not found: set {setting}")
        write_key(path, secrets.token_bytes(KEY_BYTES))
    try:
        key = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{what} {path} is not base64 text") from exc
    if len(key) != KEY_BYTES:
        raise ConfigError(f"{what} {path} must hold {KEY_BYTES} bytes, not {len(key)}")
    return key


def write_key(path: Path, key: bytes) -> None:
    """Write ``key`` (base64 text) to a new file readable by its owner only; never overwrites one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(base64.b64encode(key).decode("ascii") + "\n")
