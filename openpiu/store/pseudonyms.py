"""Pseudonyms: keyed hashes (HMAC-SHA-256) under the deployment's pseudonym key.

Keys that outlive the data they were built from (a hit's traveller key, shown in URLs, logs and exports,
kept after masking) must not hold personal data, yet the same person on the same flight must get the same
key on every push. An HMAC under a secret key gives both: the same inputs give the same pseudonym, and
without the key nobody can test a guessed passport number or name against it.

The key is kept apart from the pseudonymised data (GDPR Art 4(5)): in the pseudonym key file
(``OPENPIU_PSEUDONYM_KEY_FILE``; with SQLite and no setting, generated next to the database file), never
in the database, so a database backup alone cannot test guesses. The database keeps only a check value
(``key_check``: an HMAC of a fixed label under the key), so that a lost, wrong or regenerated key file is
refused instead of silently giving every traveller a new key (every dismissed hit would be raised again).
Before revision 0010 the key was in ``deployment_secret``: :func:`move_database_secret` writes it to the
file and deletes the row, and every load of the key does that first. Nothing here commits.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, Table, delete, insert, select
from sqlalchemy.exc import IntegrityError

from openpiu.errors import ConfigError
from openpiu.privacy.sealing import load_key, write_key
from openpiu.screening.documents import document_key
from openpiu.screening.names import mrz_form
from openpiu.settings import Settings, pseudonym_key_location
from openpiu.store.privacy_tables import DeploymentSecretRow, KeyCheckRow

deployment_secret = cast(Table, DeploymentSecretRow.__table__)
key_check = cast(Table, KeyCheckRow.__table__)
HIT_KEYS = "hit-keys"
SECRET_BYTES = 32
# 128 bits: no collisions among the travellers of a flight, short enough to read in a URL.
PSEUDONYM_HEX = 32
CHECK_LABEL = b"openpiu pseudonym key check"
_WHAT = "pseudonym key"
_SETTING = "OPENPIU_PSEUDONYM_KEY_FILE"


def load_pseudonym_key(connection: Connection, settings: Settings) -> bytes:
    """The pseudonym key where the settings put it (:func:`pseudonym_key`)."""
    path, create = pseudonym_key_location(settings)
    return pseudonym_key(connection, path=path, create=create)


def pseudonym_key(connection: Connection, *, path: Path | None, create: bool) -> bytes:
    """The pseudonym key in ``path``, checked against the database's check value (recorded on first use).

    A secret still in the database is moved to ``path`` first. ``create`` allows generating a missing
    file, but only for a database whose hit keys were never made (no check value).
    """
    move_database_secret(connection, path=path)
    if path is None:
        raise ConfigError(f"set {_SETTING} (the key of hits' traveller keys, kept apart from the database)")
    check = _check(connection)
    if check is not None and not path.exists():
        raise ConfigError(
            f"{_WHAT} {path} not found: this database's hit keys were made with it; restore it "
            "(a new key would raise every dismissed hit again)"
        )
    key = load_key(path, create=create, what=_WHAT, setting=_SETTING)
    if check is None:
        check = _record_check(connection, key)
    if not hmac.compare_digest(check, check_value(key)):
        raise ConfigError(f"{_WHAT} {path} is not the key this database's hit keys were made with")
    return key


def move_database_secret(connection: Connection, *, path: Path | None) -> bool:
    """Move a hit-key secret left in the database (before revision 0010) to the key file ``path``.

    Never overwrites a different key; a file already holding the same key is fine (a move whose
    transaction was rolled back is completed). True when a secret was moved.
    """
    found = connection.execute(
        select(deployment_secret.c.value).where(deployment_secret.c.name == HIT_KEYS)
    ).scalar()
    if found is None:
        return False
    secret = bytes(found)
    if path is None:
        raise ConfigError(f"the hit-key secret is still in the database: set {_SETTING} to move it out there")
    if path.exists():
        if load_key(path, what=_WHAT, setting=_SETTING) != secret:
            raise ConfigError(
                f"{_WHAT} {path} differs from the hit-key secret in the database: not overwriting it"
            )
    else:
        write_key(path, secret)
    check = _check(connection) or _record_check(connection, secret)
    if not hmac.compare_digest(check, check_value(secret)):
        raise ConfigError("the hit-key secret in the database does not match the recorded key check")
    connection.execute(delete(deployment_secret).where(deployment_secret.c.name == HIT_KEYS))
    return True


def check_value(key: bytes) -> bytes:
    """What the database keeps to recognise the key: an HMAC of a fixed label (not the key)."""
    return hmac.new(key, CHECK_LABEL, hashlib.sha256).digest()


def _check(connection: Connection) -> bytes | None:
    found = connection.execute(select(key_check.c.check_value).where(key_check.c.name == HIT_KEYS)).scalar()
    return None if found is None else bytes(found)


def _record_check(connection: Connection, key: bytes) -> bytes:
    try:
        with connection.begin_nested():
            connection.execute(
                insert(key_check).values(
                    name=HIT_KEYS, check_value=check_value(key), created_at=datetime.now(UTC)
                )
            )
    except IntegrityError:
        pass  # another transaction recorded it first: compare with theirs
    return bytes(
        connection.execute(select(key_check.c.check_value).where(key_check.c.name == HIT_KEYS)).scalar_one()
    )


def database_secret(connection: Connection, name: str = HIT_KEYS) -> bytes:
    """The secret as it was kept before revision 0010 (in ``deployment_secret``), generated when there is
    none: used only by migration 0007, whose re-keyed hits the next use of the key carries over."""
    found = connection.execute(
        select(deployment_secret.c.value).where(deployment_secret.c.name == name)
    ).scalar()
    if found is not None:
        return bytes(found)
    try:
        with connection.begin_nested():
            connection.execute(
                insert(deployment_secret).values(
                    name=name, value=secrets.token_bytes(SECRET_BYTES), created_at=datetime.now(UTC)
                )
            )
    except IntegrityError:
        pass  # another transaction generated it first: use theirs
    return bytes(
        connection.execute(
            select(deployment_secret.c.value).where(deployment_secret.c.name == name)
        ).scalar_one()
    )


def pseudonym(key: bytes, *parts: str) -> str:
    """The HMAC-SHA-256 of ``parts`` (unit-separated, so ``("AB", "C")`` differs from ``("A", "BC")``)."""
    message = "\x1f".join(parts).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:PSEUDONYM_HEX]


def document_pseudonym(key: bytes, number: str) -> str | None:
    """How a hit's traveller key names a travel document (None: no usable number)."""
    normalised = document_key(number)
    return f"doc:{pseudonym(key, 'doc', normalised)}" if normalised else None


def name_pseudonym(key: bytes, surname: str, given_names: str, born: str | None) -> str:
    """How a hit's traveller key names a traveller without a document: name and date of birth (ISO)."""
    return f"name:{pseudonym(key, 'name', mrz_form(surname), mrz_form(given_names), born or '-')}"
