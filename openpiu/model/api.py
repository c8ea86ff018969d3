"""An API (PAXLST) message as OpenPIU understands it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from openpiu.model.travel import Contact, FlightLeg, RawSegment, Traveller
from openpiu.model.values import Role


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Something odd but survivable in a message: where (segment number, tag) and what."""

    segment: int
    tag: str
    message: str


@dataclass(frozen=True, slots=True)
class ApiManifest:
    """One PAXLST message (UNH..UNT): who sent it, which flight legs, which people.

    Attributes:
        format: ``"PAXLST D05B"``: message type and directory.
        sender: interchange sender (``UNB`` e2).
        recipient: interchange recipient (``UNB`` e3).
        prepared: interchange preparation time (``UNB`` e4), as sent.
        interchange_ref: ``UNB`` control reference.
        message_ref: ``UNH`` message reference.
        common_access_ref: ``UNH`` e3, often ``flight/date/time``; groups the parts of a series.
        sequence: part number within a series (``UNH`` e4 0070).
        final: True on the last part of a series (``F``), False on others (``C``).
        document_type: ``BGM`` e1: ``745`` passenger list, ``250`` crew list...
        function: ``BGM`` e2: ``CLOB``, ``CL``, ``C``...
        transaction_ref: ``RFF+TN`` reference.
        transaction_revision: ``RFF+TN`` revision number.
        reporting_party: ``NAD+MS`` name or identifier.
        reporting_contacts: ``COM`` of the reporting party.
        legs: every flight leg, in message order.
        travellers: every passenger and crew member, in message order.
        declared_passengers: ``CNT+42``, a declared total (may exceed the people in this part).
        declared_crew: ``CNT+41``.
        extra: message-level segments OpenPIU does not model.
        warnings: what was odd but survivable.
    """

    format: str
    sender: str | None
    recipient: str | None
    prepared: datetime | None
    interchange_ref: str | None
    message_ref: str | None
    common_access_ref: str | None
    sequence: int | None
    final: bool | None
    document_type: str | None
    function: str | None
    transaction_ref: str | None
    transaction_revision: str | None
    reporting_party: str | None
    reporting_contacts: tuple[Contact, ...]
    legs: tuple[FlightLeg, ...]
    travellers: tuple[Traveller, ...]
    declared_passengers: int | None
    declared_crew: int | None
    extra: tuple[RawSegment, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()

    @property
    def reporting_leg(self) -> FlightLeg | None:
        """The leg into (or out of) the reporting state: the last leg sent as LOC 125/87, else the last leg.

        This is the flight a PIU files the manifest under.
        """
        for leg in reversed(self.legs):
            if leg.crosses_border:
                return leg
        return self.legs[-1] if self.legs else None

    @property
    def passengers(self) -> tuple[Traveller, ...]:
        return tuple(t for t in self.travellers if t.role is Role.PASSENGER)

    @property
    def crew(self) -> tuple[Traveller, ...]:
        return tuple(t for t in self.travellers if t.role is Role.CREW)
