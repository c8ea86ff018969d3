"""One PNR of a push (Gr.1, ``SRC`` up to the next ``SRC``) → ``Booking``.

The PNRGOV groups (standards digest §4.2) are told apart by trigger segments (``TIF`` starts Gr.2,
``TKT`` Gr.3, ``FOP`` Gr.4, ``TVL`` Gr.5, ``DAT`` inside Gr.5 starts Gr.6, ``TRI`` Gr.7, ``EQN`` Gr.8, ``MSG``
Gr.9, ``ABI`` Gr.10, ``SAC`` Gr.11) and by where the reader stands: the same tag means different things
in different groups (``DAT`` is a PNR date, a ticket date, a check-in or a history time). A segment the
reader does not know, or finds where no group takes it, is kept raw with a warning; nothing is fatal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Final

from openpiu.formats.edifact import US, Row, Segment
from openpiu.formats.pnrgov.builders import (
    CheckInBuilder,
    HistoryBuilder,
    LegBuilder,
    TicketBuilder,
    TravellerBuilder,
)
from openpiu.formats.pnrgov.elements import (
    Memo,
    address,
    baggage,
    c,
    component,
    dates,
    elements_of_row,
    joined,
    locators,
    opt,
    organisation_of,
    raw,
    remark,
    split_title,
    travel_of,
)
from openpiu.formats.pnrgov.finish import osi_contact, place_infant_documents, seats_and_bags
from openpiu.formats.pnrgov.markers import MARKER, removed_category
from openpiu.formats.pnrgov.ssr import SsrFields, ssr_fields
from openpiu.model import (
    Address,
    Agency,
    Booking,
    Contact,
    FlightLeg,
    NonAirSegment,
    ParseWarning,
    RawSegment,
    RecordLocator,
    Remark,
    SpecialService,
    SplitReference,
)
from openpiu.model.construct import positional_builder

# Where the reader stands: the innermost open group. Plain int constants, not an Enum: compiled (mypyc)
# they are compared as machine integers, and the groups tested together are consecutive, so
# ``_LEG <= self.at <= _CHECKIN_PAX`` is one range test.
_PNR: Final = 0
_TRAVELLER: Final = 1
_TICKET: Final = 2
_PAYMENT: Final = 3
_LEG: Final = 4
_CHECKIN: Final = 5
_CHECKIN_PAX: Final = 6
_SPLIT: Final = 7
_NON_AIR: Final = 8
_HISTORY_CREDIT: Final = 9
_HISTORY_ITEM: Final = 10
_HISTORY_FLIGHT: Final = 11


class BookingReader:
    """Reads the segments of one PNR, one at a time, into builders; ``freeze`` returns the ``Booking``.

    Segments arrive as rows (``Row``), the caller setting ``position`` before each: a ``Segment`` is built
    only for a warning or a raw segment.
    """

    def __init__(
        self, src: Segment, reference: date, pushed: FlightLeg | None = None, memo: Memo | None = None
    ) -> None:
        self.src = src
        # Readers' results by row, shared by the bookings of one message (see ``Memo``).
        self.memo = memo = memo or Memo()
        self.dates_of = memo.of(dates)
        self.remark_of = memo.of(remark)
        self.service_of = memo.of(ssr_fields)
        self.tif_of = memo.of(_tif)
        # Position of the segment being read (set by the caller before each ``read``).
        self.position = src.position
        self.pushed = pushed
        self.reference = reference
        self.at: int = _PNR
        self.warnings: list[ParseWarning] = []
        self.locators: list[RecordLocator] = []
        self.dates: dict[str, datetime | None] = {}
        self.originator: Agency | None = None
        self.empty_org = False
        self.contacts: list[Contact] = []
        self.addresses: list[Address] = []
        self.services: list[SpecialService] = []
        self.deferred: list[tuple[Row, int, SsrFields]] = []
        self.remarks: list[Remark] = []
        self.excess: list[str] = []
        self.group_name: str | None = None
        self.travellers: list[TravellerBuilder] = []
        self.ticket: TicketBuilder | None = None
        self.legs: list[LegBuilder] = []
        self.checkin: CheckInBuilder | None = None
        self.splits: list[SplitReference] = []
        self.non_air: list[NonAirSegment] = []
        self.history = HistoryBuilder()
        self.removed: list[str] = []
        self.extra: list[RawSegment] = []

    # -- helpers -------------------------------------------------------------------------------------

    def segment(self, row: Row) -> Segment:
        """The segment being read (``row`` at ``self.position``), built only where one is needed."""
        return Segment(row[0], row, self.position)

    def warn(self, row: Row, message: str) -> None:
        self.warnings.append(ParseWarning(self.position, row[0], message))

    def keep(self, row: Row, why: str) -> None:
        self.extra.append(raw(self.segment(row)))
        self.warn(row, f"{why}: kept raw")

    @property
    def traveller(self) -> TravellerBuilder | None:
        return self.travellers[-1] if self.travellers else None

    @property
    def leg(self) -> LegBuilder | None:
        return self.legs[-1] if self.legs else None

    # -- the dispatcher ------------------------------------------------------------------------------

    def read(self, row: Row) -> None:
        handler = HANDLERS.get(row[0])
        if handler is None:
            self.keep(row, f"unknown segment {row[0]!r}")
            return
        handler(self, row)

    # -- Gr.1 PNR level ------------------------------------------------------------------------------

    def on_rci(self, row: Row) -> None:
        elements = elements_of_row(row)
        found = locators(elements)
        if self.at == _SPLIT and self.splits:
            last = self.splits[-1]
            self.splits[-1] = SplitReference(last.count, last.locators + found)
        elif _LEG <= self.at <= _CHECKIN_PAX and self.leg is not None:
            self.leg.locators.extend(found)
        elif not self.locators and self.at == _PNR:
            self.locators.extend(found)
        elif not self.locators:
            self.locators.extend(found)
            self.warn(row, "record locator (RCI) after the PNR's other data")
        else:
            self.keep(row, "RCI out of place")

    def on_dat(self, row: Row) -> None:
        found = self.dates_of(row)
        if _LEG <= self.at <= _CHECKIN_PAX and self.leg is not None:
            # Gr.6: a check-in transaction of this flight (DAT+2, DAT+3 free text, or an empty DAT).
            self.checkin = CheckInBuilder(next(iter(found.values()), None))
            self.at = _CHECKIN
        elif _HISTORY_CREDIT <= self.at <= _HISTORY_FLIGHT:
            self.history.time = next(iter(found.values()), None)
        elif _TICKET <= self.at <= _PAYMENT and self.ticket is not None:
            self.ticket.issued = found.get("710", next(iter(found.values()), None))
        elif self.at <= _TRAVELLER:
            self.dates.update(found)
        else:
            self.keep(row, "DAT out of place")

    def on_org(self, row: Row) -> None:
        agency = organisation_of(row)
        if self.at == _CHECKIN and self.checkin is not None:
            self.checkin.agent = agency
        elif self.at == _PNR or (self.at == _TRAVELLER and self.originator is None):
            if agency is None:
                # Standards §4.5: empty ORG in Gr.1 = the pushed flight was removed or the PNR cancelled.
                self.empty_org = True
            elif self.originator is None:
                self.originator = agency
            else:
                self.keep(row, "second booking ORG")
        else:
            self.keep(row, "ORG out of place")

    def on_add(self, row: Row) -> None:
        elements = elements_of_row(row)
        found, phone = address(elements)
        if phone:
            self.contacts.append(Contact(kind="TE", value=phone))
        if self.at == _PAYMENT and self.ticket is not None and self.ticket.payments:
            self.ticket.payments[-1].billing = found
        elif self.at == _TRAVELLER and self.traveller is not None:
            if found is not None:
                self.traveller.emergency.append(found)
        elif self.at == _PNR:
            if found is not None:
                self.addresses.append(found)
        else:
            self.keep(row, "ADD out of place")

    def on_ebd(self, row: Row) -> None:
        elements = elements_of_row(row)
        self.excess.append(joined(elements))

    def on_ift(self, row: Row) -> None:
        note = self.remark_of(row)
        if note.text.startswith(MARKER):
            category = removed_category("IFT", elements_of_row(row))
            if category is not None:
                # A marker left by the sensitive-data filter: count the category, keep nothing else.
                self.removed.append(category)
                return
        found = osi_contact(note)
        if found is not None:
            self.contacts.append(found)
        if self.at >= _HISTORY_ITEM:
            self.history.text(note.text)
        elif self.at == _PAYMENT and self.ticket is not None and self.ticket.payments:
            payment = self.ticket.payments[-1]
            if note.kind == "43" and payment.payer is None:
                payment.payer = note.text
            elif self.traveller is not None:
                self.traveller.remarks.append(note)
        elif _TRAVELLER <= self.at <= _PAYMENT and self.traveller is not None:
            self.traveller.remarks.append(note)
        elif _LEG <= self.at <= _CHECKIN_PAX and self.leg is not None:
            self.leg.remarks.append(note)
        else:
            self.remarks.append(note)

    def on_ssr(self, row: Row) -> None:
        # Documents and contacts are one person's: their rows never repeat, so they skip the memo.
        unique = len(row) > 1 and row[1][:4] in _UNIQUE_SSRS
        found = ssr_fields(row) if unique else self.service_of(row)
        if found.code == MARKER:
            category = removed_category("SSR", elements_of_row(row))
            if category is not None:
                # A marker left by the sensitive-data filter: count the category, keep nothing else.
                self.removed.append(category)
                return
        if self.at >= _HISTORY_ITEM:
            self.history.service(found.service())
        elif _TRAVELLER <= self.at <= _PAYMENT and self.traveller is not None:
            self.traveller.ssr(row, self.position, found, self.reference, self.warnings, self.contacts)
        elif _LEG <= self.at <= _CHECKIN_PAX and self.leg is not None:
            self.leg.services.append(found.service())
            if found.code in _PERSONAL_SSRS:
                self.deferred.append((row, self.position, found))
        else:
            if found.code in _PERSONAL_SSRS:
                self.deferred.append((row, self.position, found))
            else:
                self.services.append(found.service())

    # -- Gr.2 traveller ------------------------------------------------------------------------------

    def on_tif(self, row: Row) -> None:
        surname, qualifier, given, title, kind, ref, accompanied = self.tif_of(row)
        if self.at == _CHECKIN_PAX and self.checkin is not None and self.checkin.surname is None:
            self.checkin.name(surname, given, ref)
            return
        if self.at >= _HISTORY_ITEM:
            self.history.traveller(f"{surname}/{given}" if given else surname)
            return
        if qualifier == "G" and not given:
            self.group_name = surname
            self.at = _PNR
            return
        if self.legs:
            self.warn(row, "traveller (TIF) after the itinerary")
        self.travellers.append(
            TravellerBuilder(
                surname=surname,
                given=given,
                title=title,
                type=kind,
                ref=ref,
                accompanied=accompanied,
            )
        )
        self.ticket = None
        self.at = _TRAVELLER

    def on_traveller_detail(self, row: Row) -> None:
        """FTI, REF, FAR: only in Gr.2."""
        traveller = self.traveller
        if traveller is None or not _TRAVELLER <= self.at <= _PAYMENT:
            self.keep(row, f"{row[0]} out of place")
            return
        traveller.detail(row)

    # -- Gr.3 / Gr.4 tickets and payment ---------------------------------------------------------------

    def on_tkt(self, row: Row) -> None:
        traveller = self.traveller
        if traveller is None or not _TRAVELLER <= self.at <= _PAYMENT:
            self.keep(row, "TKT out of place")
            return
        number, _, rest = row[1].partition(US) if len(row) > 1 else ("", "", "")
        self.ticket = TicketBuilder(number=number.strip() or None, type=rest.partition(US)[0].strip() or None)
        traveller.tickets.append(self.ticket)
        self.at = _TICKET

    def on_ticket_detail(self, row: Row) -> None:
        """MON, PTK, TXD: only in Gr.3."""
        if self.ticket is None or not _TICKET <= self.at <= _PAYMENT:
            self.keep(row, f"{row[0]} out of place")
            return
        self.ticket.detail(row, self.memo)

    def on_fop(self, row: Row) -> None:
        if self.ticket is None:
            traveller = self.traveller
            if traveller is None or not _TRAVELLER <= self.at <= _PAYMENT:
                self.keep(row, "FOP out of place")
                return
            # A form of payment without TKT: carriers send it for unticketed bookings.
            self.ticket = TicketBuilder(number=None, type=None)
            traveller.tickets.append(self.ticket)
        self.ticket.payment(row, self.memo)
        self.at = _PAYMENT

    # -- Gr.5 to Gr.7 itinerary and check-in -----------------------------------------------------------

    def on_tvl(self, row: Row) -> None:
        leg, booking_class, operating = travel_of(row)
        if self.at >= _HISTORY_ITEM:
            self.history.flight(leg)
            self.at = _HISTORY_FLIGHT
            return
        if self.at == _NON_AIR and self.non_air:
            last = self.non_air[-1]
            self.non_air[-1] = NonAirSegment(last.business_function, (*last.segments, raw(self.segment(row))))
            return
        current = self.leg
        if (
            _LEG <= self.at <= _CHECKIN_PAX
            and current is not None
            and leg.scheduled_departure is None
            and leg.departure_airport is None
        ):
            # Older versions give the code-share operating flight as a second TVL+++++number:class.
            current.operating_carrier = current.operating_carrier or opt(leg.carrier)
            current.operating_number = leg.number or None
            return
        self.legs.append(LegBuilder(leg, booking_class, operating))
        self.ticket = None
        self.at = _LEG

    def on_leg_detail(self, row: Row) -> None:
        """TRA, RPI, APD (RPI also in a Gr.12 history flight)."""
        if row[0] == "RPI" and self.at >= _HISTORY_ITEM:
            self.history.status(component(row, 1) or component(row, 0))
            return
        if not _LEG <= self.at <= _CHECKIN_PAX or self.leg is None:
            self.keep(row, f"{row[0]} out of place")
            return
        self.leg.detail(row)

    def on_tri(self, row: Row) -> None:
        if not _CHECKIN <= self.at <= _CHECKIN_PAX or self.leg is None:
            if self.at == _LEG and self.leg is not None:
                self.warn(row, "check-in (TRI) without its DAT")
                self.checkin = CheckInBuilder(None)
            else:
                self.keep(row, "TRI out of place")
                return
        previous = self.checkin
        assert previous is not None  # noqa: S101 - set by DAT or just above
        pax = CheckInBuilder(previous.time, agent=previous.agent)
        pax.sequence = component(row, 1) or None
        pax.ref = component(row, 1, 3) or None
        assert self.leg is not None  # noqa: S101 - checked above
        self.leg.checkins.append(pax)
        self.checkin = pax
        self.at = _CHECKIN_PAX

    def on_checkin_detail(self, row: Row) -> None:
        """SSD, TBD (TBD also in a Gr.11 history item)."""
        if row[0] == "TBD" and self.at >= _HISTORY_ITEM:
            self.history.bags(baggage(row))
            return
        if self.at != _CHECKIN_PAX or self.checkin is None:
            self.keep(row, f"{row[0]} out of place")
            return
        if row[0] == "SSD":
            seat = component(row, 0).upper()
            self.checkin.seat = seat.lstrip("0") or seat or None
            self.checkin.cabin = component(row, 4) or None
        else:
            self.checkin.baggage = baggage(row)

    # -- Gr.8 to Gr.12 -------------------------------------------------------------------------------

    def on_eqn(self, row: Row) -> None:
        elements = elements_of_row(row)
        count = c(elements, 0)
        self.splits.append(SplitReference(int(count) if count.isdecimal() else None, ()))
        self.at = _SPLIT

    def on_msg(self, row: Row) -> None:
        elements = elements_of_row(row)
        self.non_air.append(NonAirSegment(opt(c(elements, 0)), (raw(self.segment(row)),)))
        self.at = _NON_AIR

    def on_abi(self, row: Row) -> None:
        elements = elements_of_row(row)
        self.history.credit(joined(elements))
        self.at = _HISTORY_CREDIT

    def on_sac(self, row: Row) -> None:
        elements = elements_of_row(row)
        self.history.item(opt(c(elements, 2) or c(elements, 0)))
        self.at = _HISTORY_ITEM

    def on_lts(self, row: Row) -> None:
        elements = elements_of_row(row)
        category = removed_category("LTS", elements)
        if category is not None:
            # A marker left by the sensitive-data filter: count the category, keep nothing else.
            self.removed.append(category)
            return
        self.history.lines.append(joined(elements))

    # -- the result ----------------------------------------------------------------------------------

    def freeze(self) -> Booking:
        first = self.locators[0] if self.locators else None
        record_locator = first.locator if first else ""
        if first is None:
            self.warnings.append(
                ParseWarning(self.src.position, self.src.tag, "booking without record locator (RCI)")
            )
        by_ref = {t.ref: t for t in self.travellers if t.ref}
        for row, position, found in self.deferred:
            targets = [by_ref[r] for r in found.traveller_refs if r in by_ref]
            if not targets and len(self.travellers) == 1:
                targets = self.travellers[:1]
            for target in targets:
                target.ssr(row, position, found, self.reference, self.warnings, self.contacts, repeated=True)
            if not targets:
                self.services.append(found.service())
        place_infant_documents(self.travellers, self.warnings, self.src)
        if self.pushed is not None:
            seats_and_bags(self.legs, self.travellers, self.pushed)
        had_body = bool(self.travellers or self.legs or self.group_name)
        return _booking(
            record_locator,
            first.carrier if first else None,
            tuple(self.locators),
            first.created if first else None,
            self.dates.get("700"),
            self.dates.get("710"),
            self.originator,
            self.empty_org or not had_body,
            tuple(dict.fromkeys(self.contacts)),
            tuple(self.addresses),
            tuple(self.services),
            tuple(self.remarks),
            tuple(self.excess),
            self.group_name,
            tuple([t.freeze(record_locator) for t in self.travellers]),
            tuple([leg.freeze() for leg in self.legs]),
            tuple(self.splits),
            tuple(self.non_air),
            self.history.freeze(),
            tuple(self.history.lines),
            tuple(dict.fromkeys(self.removed)),
            tuple(self.extra),
            tuple(self.warnings),
        )


_booking: Final = positional_builder(Booking)


def _tif(row: Row) -> tuple[str, str, str, str | None, str | None, str | None, bool]:
    """``TIF`` (its row): surname, qualifier, given names, title, traveller type, reference, with infant."""
    # ``row_parts`` of e1 and e2, read without padding lists (this runs for every distinct TIF).
    name = row[1].split(US) if len(row) > 1 else []
    surname = name[0].strip() if name else ""
    qualifier = name[1].strip() if len(name) > 1 else ""
    person = row[2].split(US) if len(row) > 2 else []
    count = len(person)
    given_text = person[0].strip() if count else ""
    kind = person[1].strip() if count > 1 else ""
    ref_text = person[2].strip() if count > 2 else ""
    accompanied = person[3].strip() if count > 3 else ""
    given, title = split_title(given_text)
    return (
        surname.upper(),
        qualifier.upper(),
        given,
        title,
        kind.upper() or None,
        ref_text or None,
        accompanied == "1",
    )


# SSR codes whose rows are unique to a traveller (read without the memo of ``service_of``).
_UNIQUE_SSRS: Final = frozenset({"DOCS", "DOCO", "DOCA", "CTCE", "CTCM", "CTCH", "CTCB", "CTCP", "FQTV"})

# SSRs about one person: when sent at PNR or flight level they are also read into that traveller.
_PERSONAL_SSRS: Final = {"DOCS", "DOCO", "DOCA", "FQTV", "CTCE", "CTCM", "CTCH", "CTCB", "CTCP"}


# The dispatch table: each handler reads the row itself (split into components only where needed).
HANDLERS: Final[dict[str, Callable[[BookingReader, Row], None]]] = {
    "RCI": BookingReader.on_rci,
    "DAT": BookingReader.on_dat,
    "ORG": BookingReader.on_org,
    "ADD": BookingReader.on_add,
    "EBD": BookingReader.on_ebd,
    "IFT": BookingReader.on_ift,
    "SSR": BookingReader.on_ssr,
    "TIF": BookingReader.on_tif,
    "FTI": BookingReader.on_traveller_detail,
    "REF": BookingReader.on_traveller_detail,
    "FAR": BookingReader.on_traveller_detail,
    "TKT": BookingReader.on_tkt,
    "MON": BookingReader.on_ticket_detail,
    "PTK": BookingReader.on_ticket_detail,
    "TXD": BookingReader.on_ticket_detail,
    "FOP": BookingReader.on_fop,
    "TVL": BookingReader.on_tvl,
    "TRA": BookingReader.on_leg_detail,
    "RPI": BookingReader.on_leg_detail,
    "APD": BookingReader.on_leg_detail,
    "TRI": BookingReader.on_tri,
    "SSD": BookingReader.on_checkin_detail,
    "TBD": BookingReader.on_checkin_detail,
    "EQN": BookingReader.on_eqn,
    "MSG": BookingReader.on_msg,
    "ABI": BookingReader.on_abi,
    "SAC": BookingReader.on_sac,
    "LTS": BookingReader.on_lts,
}
