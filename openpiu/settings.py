"""Every ``OPENPIU_*`` setting, read in one place.

Nothing else in OpenPIU reads ``os.environ``. Pure packages never read settings: callers pass values in.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pycountry

from openpiu.errors import ConfigError

DEFAULT_DATABASE_FILE = "openpiu.db"
# The state whose PIU this installation is: the demo's synthetic PIU, Serbia's (``openpiu.synth.network``:
# Belgrade is the hub of the synthetic network, with the most routes of the six states' PIUs).
DEFAULT_PIU_COUNTRY = "SRB"
# Codes a PIU's state may have that ISO 3166 does not list: Kosovo (ICAO 9303 ``RKS``; ``XK`` user-assigned).
_NON_ISO_STATES = {"RKS": "RKS", "XK": "RKS"}


@dataclass(frozen=True, slots=True)
class Settings:
    # SQLAlchemy URL of the database; SQLite file in the working directory when unset.
    # PostgreSQL: postgresql+psycopg://user@host:5432/dbname
    database_url: str
    # Echo every SQL statement to stderr (debugging only).
    sql_echo: bool
    # Web app served over HTTPS (directly or by a proxy): session cookies get the Secure flag.
    web_https: bool = False
    # Trust X-Forwarded-Proto and X-Forwarded-For from the reverse proxy in front of the web app.
    # Only set this when every request comes through that proxy: otherwise clients can forge them.
    web_trust_proxy: bool = False
    # Key that encrypts the TOTP secrets at rest (Fernet: 32 bytes, URL-safe base64); the web app
    # refuses to start without it. Make one with `openpiu users keygen`; keep it apart from backups.
    secret_key: str | None = None
    # File holding the re-personalisation key (base64 of 32 bytes) that seals depersonalised values.
    # Unset with SQLite: a key is generated next to the database file (demo and single-machine use).
    repersonalisation_key_file: Path | None = None
    # File holding the pseudonym key (base64 of 32 bytes): the HMAC key of hits' traveller keys, kept
    # apart from the database (GDPR Art 4(5)). Unset with SQLite: generated next to the database file.
    pseudonym_key_file: Path | None = None
    # TOML file overriding retention limits, each with its legal reference (openpiu.privacy.retention).
    retention_policy_file: Path | None = None
    # Minutes between retention runs while `openpiu serve` runs; 0 disables the scheduler.
    retention_interval_minutes: int = 60
    # The PIU's own state (ISO 3166-1 alpha-2 or alpha-3, kept as alpha-3; XK/RKS for Kosovo): a hit on a
    # flight arriving in it must be reviewed before arrival, on any other flight before departure.
    piu_country: str = DEFAULT_PIU_COUNTRY


def load(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from ``env`` (the process environment by default)."""
    source = os.environ if env is None else env
    url = source.get("OPENPIU_DATABASE_URL") or sqlite_url(Path(DEFAULT_DATABASE_FILE))
    return Settings(
        database_url=url,
        sql_echo=_flag(source, "OPENPIU_SQL_ECHO"),
        web_https=_flag(source, "OPENPIU_WEB_HTTPS"),
        web_trust_proxy=_flag(source, "OPENPIU_WEB_TRUST_PROXY"),
        secret_key=source.get("OPENPIU_SECRET_KEY") or None,
        repersonalisation_key_file=_path(source, "OPENPIU_REPERSONALISATION_KEY_FILE"),
        pseudonym_key_file=_path(source, "OPENPIU_PSEUDONYM_KEY_FILE"),
        retention_policy_file=_path(source, "OPENPIU_RETENTION_POLICY_FILE"),
        retention_interval_minutes=_minutes(source, "OPENPIU_RETENTION_INTERVAL_MINUTES", default=60),
        piu_country=_country(source, "OPENPIU_PIU_COUNTRY", default=DEFAULT_PIU_COUNTRY),
    )


def _minutes(source: Mapping[str, str], name: str, *, default: int) -> int:
    value = source.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ConfigError(f"{name}={value!r}: expected a whole number of minutes (0 disables)")
    return int(value)


def _country(source: Mapping[str, str], name: str, *, default: str) -> str:
    value = source.get(name, "").strip()
    if not value:
        return default
    code = value.upper()
    if code in _NON_ISO_STATES:
        return _NON_ISO_STATES[code]
    found = None
    if len(code) == 2 and code.isalpha():
        found = pycountry.countries.get(alpha_2=code)
    elif len(code) == 3 and code.isalpha():
        found = pycountry.countries.get(alpha_3=code)
    if found is None:
        raise ConfigError(
            f"{name}={value!r}: expected an ISO 3166-1 alpha-2 or alpha-3 country code (RS, SRB)"
        )
    return str(found.alpha_3)


def _path(source: Mapping[str, str], name: str) -> Path | None:
    value = source.get(name, "").strip()
    return Path(value) if value else None


def repersonalisation_key_location(settings: Settings) -> tuple[Path | None, bool]:
    """Where the re-personalisation key is, and whether it may be generated there when missing.

    An explicit file is never generated (a missing one is a deployment error); with SQLite and no
    setting, the key sits next to the database file and is generated on first use.
    """
    return _key_location(settings.repersonalisation_key_file, settings.database_url, "repersonalisation")


def pseudonym_key_location(settings: Settings) -> tuple[Path | None, bool]:
    """Where the pseudonym key is, and whether it may be generated there when missing (as above)."""
    return _key_location(settings.pseudonym_key_file, settings.database_url, "pseudonym")


def _key_location(explicit: Path | None, database_url: str, name: str) -> tuple[Path | None, bool]:
    if explicit is not None:
        return explicit, False
    prefix = "sqlite:///"
    if database_url.startswith(prefix) and len(database_url) > len(prefix):
        database = Path(database_url[len(prefix) :].split("?", 1)[0])
        return database.with_name(f"{database.name}.{name}.key"), True
    return None, False


def _flag(source: Mapping[str, str], name: str) -> bool:
    return source.get(name, "").lower() in {"1", "true", "yes"}


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite database file."""
    return f"sqlite:///{path}"


def test_database_url(env: Mapping[str, str] | None = None) -> str | None:
    """URL of the PostgreSQL database the test suite may use (``OPENPIU_TEST_DATABASE_URL``)."""
    source = os.environ if env is None else env
    return source.get("OPENPIU_TEST_DATABASE_URL") or None
