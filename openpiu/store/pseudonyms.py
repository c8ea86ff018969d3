"""Pseudonyms: keyed hashes (HMAC-SHA-256) under a random secret of the deployment.

Keys that outlive the data they were built from (a hit's traveller key, shown in URLs, logs and exports,
kept after masking) must not hold personal data, yet the same person on the same flight must get the same
key on every push. An HMAC under a secret gives both: the same inputs give the same pseudonym, and
without the secret nobody can test a guessed passport number or name against it. The secret is generated
on first use and kept in ``deployment_secret``; it never leaves the database (not in exports, logs or
pages). Nothing here commits.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.exc import IntegrityError

from openpiu.screening.documents import document_key
from openpiu.screening.names import mrz_form
from openpiu.store.privacy_tables import DeploymentSecretRow

deployment_secret = cast(Table, DeploymentSecretRow.__table__)
HIT_KEYS = "hit-keys"
SECRET_BYTES = 32
# 128 bits: no collisions among the travellers of a flight, short enough to read in a URL.
PSEUDONYM_HEX = 32


def secret(connection: Connection, name: str = HIT_KEYS) -> bytes:
    """The deployment's secret ``name``, generated (in the caller's transaction) when there is none yet."""
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
