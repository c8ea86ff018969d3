"""Bytes → domain model. Pure: no files, database or settings; callers hand in the bytes.

``parse_message`` is the single entry of the ingest pipeline: it recognises the message type and
returns a ``ParsedFile``, or raises ``ParseError`` when nothing sensible can be read.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpiu.collector import fewer_collections
from openpiu.errors import ParseError
from openpiu.formats.edifact import read_interchanges
from openpiu.formats.paxlst import manifest_from_message
from openpiu.formats.pnrgov import push_from_message
from openpiu.model import ApiManifest, ParseWarning, PnrPush

__all__ = ["ParsedFile", "parse_message"]


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What one received file holds, once parsed.

    Attributes:
        kind: ``"api"`` (PAXLST) or ``"pnr"`` (PNRGOV); ``"api"`` when a file mixes both.
        format: message type and directory, e.g. ``"PAXLST D05B"``, ``"PNRGOV 13.1"`` (several joined
            by ``", "``).
        manifests: one per PAXLST message, in file order.
        warnings: every warning: file and envelope level, then each manifest's or push's.
        pushes: one per PNRGOV message, in file order.
    """

    kind: str
    format: str
    manifests: tuple[ApiManifest, ...]
    warnings: tuple[ParseWarning, ...]
    pushes: tuple[PnrPush, ...] = ()


def parse_message(data: bytes | str, *, source: str) -> ParsedFile:
    """Parse one received file (one or more interchanges) into the domain model.

    Args:
        data: the bytes as received.
        source: file name or channel, used in error messages.

    Raises:
        ParseError: empty or not EDIFACT, no message, or no supported message type at all.
    """
    with fewer_collections():
        return _parse(data, source=source)


def _parse(data: bytes | str, *, source: str) -> ParsedFile:
    interchanges = read_interchanges(data, source=source)
    manifests: list[ApiManifest] = []
    pushes: list[PnrPush] = []
    warnings: list[ParseWarning] = []
    for interchange in interchanges:
        pending = list(interchange.warnings)
        for message in interchange.messages:
            if message.type == "PAXLST":
                manifest = manifest_from_message(interchange, message, extra_warnings=pending)
                manifests.append(manifest)
                warnings.extend(manifest.warnings)
            elif message.type == "PNRGOV":
                push = push_from_message(interchange, message, extra_warnings=pending)
                pushes.append(push)
                warnings.extend(push.warnings)
            else:
                warnings.extend(pending)
                warnings.append(
                    ParseWarning(
                        message.header.position,
                        "UNH",
                        f"message type {message.type!r} not supported: skipped",
                    )
                )
            pending = []
        warnings.extend(pending)
    if not manifests and not pushes:
        first = next(m for i in interchanges for m in i.messages)
        raise ParseError(
            "unsupported message type",
            file=source,
            segment=first.header.position,
            tag="UNH",
            expected="PAXLST or PNRGOV",
            found=first.type or first.header.text,
        )
    formats = list(dict.fromkeys([m.format for m in manifests] + [p.format for p in pushes]))
    return ParsedFile(
        kind="api" if manifests else "pnr",
        format=", ".join(formats),
        manifests=tuple(manifests),
        warnings=tuple(warnings),
        pushes=tuple(pushes),
    )
