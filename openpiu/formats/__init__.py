"""Bytes → domain model. Pure: no files, database or settings; callers hand in the bytes.

``parse_message`` is the single entry of the ingest pipeline: it recognises the message type and
returns a ``ParsedFile``, or raises ``ParseError`` when nothing sensible can be read.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpiu.errors import ParseError
from openpiu.formats.edifact import read_interchanges
from openpiu.formats.paxlst import manifest_from_message
from openpiu.model import ApiManifest, ParseWarning

__all__ = ["ParsedFile", "parse_message"]


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What one received file holds, once parsed.

    Attributes:
        kind: ``"api"`` (PAXLST); ``"pnr"`` (PNRGOV) comes with PNR intake.
        format: message type and directory, e.g. ``"PAXLST D05B"`` (several joined by ``", "``).
        manifests: one per message, in file order.
        warnings: every warning: file and envelope level, then each manifest's.
    """

    kind: str
    format: str
    manifests: tuple[ApiManifest, ...]
    warnings: tuple[ParseWarning, ...]


def parse_message(data: bytes | str, *, source: str) -> ParsedFile:
    """Parse one received file (one or more interchanges) into the domain model.

    Args:
        data: the bytes as received.
        source: file name or channel, used in error messages.

    Raises:
        ParseError: empty or not EDIFACT, no message, PNRGOV (not supported yet), or no supported
            message type at all.
    """
    interchanges = read_interchanges(data, source=source)
    manifests: list[ApiManifest] = []
    warnings: list[ParseWarning] = []
    types = {m.type for i in interchanges for m in i.messages}
    if "PNRGOV" in types:
        first = next(m for i in interchanges for m in i.messages if m.type == "PNRGOV")
        raise ParseError(
            "PNRGOV not supported yet",
            file=source,
            segment=first.header.position,
            tag="UNH",
            expected="PAXLST",
            found="PNRGOV",
        )
    for interchange in interchanges:
        pending = list(interchange.warnings)
        for message in interchange.messages:
            if message.type != "PAXLST":
                pending.append(
                    ParseWarning(
                        message.header.position,
                        "UNH",
                        f"message type {message.type!r} not supported: skipped",
                    )
                )
                continue
            manifest = manifest_from_message(interchange, message, extra_warnings=pending)
            pending = []
            manifests.append(manifest)
            warnings.extend(manifest.warnings)
        warnings.extend(pending)
    if not manifests:
        first = next(m for i in interchanges for m in i.messages)
        raise ParseError(
            "unsupported message type",
            file=source,
            segment=first.header.position,
            tag="UNH",
            expected="PAXLST",
            found=first.type or first.header.text,
        )
    formats = list(dict.fromkeys(m.format for m in manifests))
    return ParsedFile(
        kind="api", format=", ".join(formats), manifests=tuple(manifests), warnings=tuple(warnings)
    )
