"""A PAXLST message (UNH..UNT) → ``ApiManifest``: message meta, flight legs, travellers, control totals."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from operator import attrgetter

from openpiu.errors import ParseError
from openpiu.formats.edifact import Interchange, Message, Row, Segment, indices_of, read_interchanges
from openpiu.formats.paxlst.legs import LegReader
from openpiu.formats.paxlst.traveller import ROLES, TravellerReader, contacts_of, raw
from openpiu.model import ApiManifest, Contact, ParseWarning, RawSegment, Role, Traveller

_STOPS = frozenset({"NAD", "CNT"})


def parse_paxlst(data: bytes | str, *, source: str = "<bytes>") -> list[ApiManifest]:
    """Parse every PAXLST message in ``data`` (any directory: D02B, D05B, D12B...), one manifest each.

    Messages of other types in the same file are skipped. Problems that leave the content readable are
    warnings on the manifests (envelope and lexical ones on the first manifest of their interchange).

    Raises:
        ParseError: when nothing can be read, or the file holds no PAXLST message.
    """
    manifests: list[ApiManifest] = []
    for interchange in read_interchanges(data, source=source):
        pending = list(interchange.warnings)
        for message in interchange.messages:
            if message.type != "PAXLST":
                continue
            manifest = manifest_from_message(interchange, message, extra_warnings=pending)
            pending = []
            manifests.append(manifest)
    if not manifests:
        raise ParseError("no PAXLST message", file=source, expected="UNH ... PAXLST", found=None)
    return manifests


def manifest_from_message(
    interchange: Interchange, message: Message, *, extra_warnings: list[ParseWarning] | None = None
) -> ApiManifest:
    """Map one PAXLST message to the domain model.

    Args:
        interchange: the enclosing interchange (sender, recipient, preparation date, reference).
        message: the message as read by the envelope reader.
        extra_warnings: envelope or file-level warnings to carry on this manifest, first.
    """
    warnings = [*(extra_warnings or ()), *message.warnings]
    rows = message.rows
    base = message.first_position
    count = len(rows)
    # Person groups run from a NAD to the next NAD or CNT; everything else is message level.
    stops = indices_of(rows, _STOPS)
    stops.append(count)
    header = _Header(warnings)
    legs = LegReader(warnings)
    travellers: list[Traveller] = []
    header.read(_segments(rows, 0, stops[0], base), legs)
    reader: TravellerReader | None = None
    for start, end in pairwise(stops):
        row = rows[start]
        qualifier = row[1].strip().upper() if row[0] == "NAD" and len(row) > 1 else ""
        if qualifier in ROLES:
            if reader is None:
                reader = TravellerReader(rows, base, _reference_date(interchange, legs), warnings)
            travellers.append(reader.read(start, end))
        else:
            header.read(_segments(rows, start, end, base), legs)
    last = Segment(rows[-1][0], rows[-1], base + count - 1) if rows else message.header
    leg_list = legs.finish(last)
    version = message.version.replace(":", "")
    _check_totals(header, travellers, header.cnt or message.trailer or last, warnings)
    return ApiManifest(
        format=f"PAXLST {version}" if version else "PAXLST",
        sender=interchange.sender,
        recipient=interchange.recipient,
        prepared=interchange.prepared,
        interchange_ref=interchange.control_ref,
        message_ref=message.reference or None,
        common_access_ref=message.common_access_ref,
        sequence=message.sequence,
        final=message.final,
        document_type=header.document_type,
        function=header.function,
        transaction_ref=header.transaction_ref,
        transaction_revision=header.transaction_revision,
        reporting_party=header.reporting_party,
        reporting_contacts=tuple(header.contacts),
        legs=tuple(leg_list),
        travellers=tuple(travellers),
        declared_passengers=header.declared_passengers,
        declared_crew=header.declared_crew,
        extra=tuple(header.extra),
        warnings=tuple(warnings),
    )


class _Header:
    """Message-level segments: BGM, RFF+TN, NAD+MS with its COM, TDT/LOC/DTM (to the legs), CNT."""

    def __init__(self, warnings: list[ParseWarning]) -> None:
        self.warnings = warnings
        self.document_type: str | None = None
        self.function: str | None = None
        self.transaction_ref: str | None = None
        self.transaction_revision: str | None = None
        self.reporting_party: str | None = None
        self.contacts: list[Contact] = []
        self.declared_passengers: int | None = None
        self.declared_crew: int | None = None
        self.cnt: Segment | None = None
        self.extra: list[RawSegment] = []

    def read(self, segments: list[Segment], legs: LegReader) -> None:
        for segment in segments:
            tag = segment.tag
            if tag == "LOC":
                if not legs.loc(segment):
                    self.keep(segment, warn=True)
            elif tag == "DTM":
                if not legs.dtm(segment):
                    self.keep(segment, warn=legs.in_flight)
            elif tag == "TDT":
                legs.tdt(segment)
            elif tag == "BGM":
                self.document_type = segment.get(1).strip() or None
                self.function = segment.get(2).strip() or None
            elif tag == "RFF" and segment.get(1).strip() == "TN":
                self.transaction_ref = segment.get(1, 2).strip() or None
                self.transaction_revision = segment.get(1, 5).strip() or None
            elif tag == "NAD":
                self.party(segment)
            elif tag == "COM":
                self.contacts.extend(contacts_of(segment))
            elif tag == "CNT":
                self.totals(segment)
            else:
                self.keep(segment, warn=False)

    def keep(self, segment: Segment, *, warn: bool) -> None:
        self.extra.append(raw(segment))
        if warn:
            qualifier = segment.get(1).strip()
            self.warnings.append(
                ParseWarning(segment.position, segment.tag, f"unexpected {segment.tag}+{qualifier}: kept raw")
            )

    def party(self, nad: Segment) -> None:
        qualifier = nad.get(1).strip().upper()
        if qualifier != "MS":
            self.keep(nad, warn=True)
            return
        name = " ".join(p.strip() for p in nad.element(4) if p.strip())
        free_text = " ".join(p.strip() for p in nad.element(3) if p.strip())
        self.reporting_party = name or nad.get(2).strip() or free_text or None

    def totals(self, cnt: Segment) -> None:
        self.cnt = cnt
        elements = cnt.elements
        if len(elements) == 2 and len(elements[0]) == 1 and len(elements[1]) == 1:
            # ``CNT+41+8``: qualifier and value sent as two elements instead of two components.
            pairs = [(elements[0][0], elements[1][0])]
            self.warnings.append(ParseWarning(cnt.position, "CNT", "total sent as a separate element"))
        else:
            pairs = [(e[0], e[1] if len(e) > 1 else "") for e in elements]
        for qualifier, value in pairs:
            qualifier, value = qualifier.strip(), value.strip()
            if not value.isdecimal():
                self.warnings.append(ParseWarning(cnt.position, "CNT", f"total {value!r} is not a number"))
            elif qualifier == "42":
                self.declared_passengers = int(value)
            elif qualifier == "41":
                self.declared_crew = int(value)
            else:
                self.warnings.append(
                    ParseWarning(cnt.position, "CNT", f"unknown CNT qualifier {qualifier!r}")
                )
                self.extra.append(raw(cnt))


def _segments(rows: tuple[Row, ...], start: int, end: int, base: int) -> list[Segment]:
    return [Segment(rows[i][0], rows[i], base + i) for i in range(start, end)]


def _reference_date(interchange: Interchange, legs: LegReader) -> date:
    """The date two-digit birth years are resolved against: the UNB preparation date, else the first
    flight date, else today (a message with neither is already flagged by its other warnings)."""
    if interchange.prepared is not None:
        return interchange.prepared.date()
    for leg in legs.legs:
        for when in (leg.scheduled_departure, leg.scheduled_arrival):
            if when is not None:
                return when.date()
    if legs.open is not None and legs.open.time is not None:
        return legs.open.time.date()
    return date.today()


def _check_totals(
    header: _Header, travellers: list[Traveller], where: Segment, warnings: list[ParseWarning]
) -> None:
    """CNT is a declared total (it may cover a whole series); a mismatch is a data-quality warning."""
    passengers = list(map(attrgetter("role"), travellers)).count(Role.PASSENGER)
    crew = len(travellers) - passengers
    for declared, actual, what in (
        (header.declared_passengers, passengers, "passengers"),
        (header.declared_crew, crew, "crew"),
    ):
        if declared is not None and declared != actual:
            warnings.append(
                ParseWarning(
                    where.position, "CNT", f"declared {declared} {what} but the message lists {actual}"
                )
            )
