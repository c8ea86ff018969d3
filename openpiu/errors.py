"""The one exception tree of OpenPIU.

::

    OpenPIUError                 anything OpenPIU raises on purpose
    ├── ParseError               bytes that cannot be read as a message (file, segment, tag, expected, found)
    ├── ConfigError              a setting that is missing or malformed
    ├── StorageError             the database refused or is not reachable
    ├── NotFound                 an object asked for by key does not exist
    ├── ScreeningError           a watchlist or screening request that cannot be honoured
    ├── AccountError             an account operation that cannot be done (unknown user, weak password)
    └── AccessDenied             the access policy refuses the operation

Foreign exceptions are translated where they enter OpenPIU (``raise ParseError(...) from exc``), so
callers (the CLI, the web app) handle one tree and print one line.
"""

from __future__ import annotations


class OpenPIUError(Exception):
    """Base class of every error OpenPIU raises on purpose; ``str()`` is one line for a user."""


class ParseError(OpenPIUError):
    """A message that cannot be read, with where and what.

    Args:
        message: what went wrong, in words.
        file: the file or source name the bytes came from.
        segment: 1-based number of the segment in the interchange, when known.
        tag: the segment tag (``UNH``, ``NAD``...), when known.
        expected: what the reader expected to find.
        found: what it found instead.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        segment: int | None = None,
        tag: str | None = None,
        expected: str | None = None,
        found: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.segment = segment
        self.tag = tag
        self.expected = expected
        self.found = found
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.segment is not None:
            where.append(f"segment {self.segment}")
        if self.tag:
            where.append(self.tag)
        text = self.message
        if self.expected is not None or self.found is not None:
            text += f" (expected {self.expected or '?'}, found {_short(self.found)})"
        line = f"{': '.join([', '.join(where), text]) if where else text}"
        return line.replace("\n", " ")


def _short(value: str | None, limit: int = 40) -> str:
    if value is None:
        return "nothing"
    value = value.replace("\r", " ").replace("\n", " ")
    return repr(value if len(value) <= limit else value[:limit] + "…")


class ConfigError(OpenPIUError):
    """A setting is missing or malformed."""


class StorageError(OpenPIUError):
    """The database refused an operation or cannot be reached."""


class NotFound(OpenPIUError):
    """An object asked for by key does not exist."""


class ScreeningError(OpenPIUError):
    """A watchlist or screening request cannot be honoured."""


class AccountError(OpenPIUError):
    """An account operation that cannot be done: unknown user, weak password, name taken."""


class AccessDenied(OpenPIUError):
    """The access policy refuses the operation to this user or role."""


class ReconciliationError(OpenPIUError):
    """A manual API↔PNR link that cannot be made or removed (already linked, cancelled booking...)."""
