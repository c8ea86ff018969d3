"""Mutable builders the booking reader fills segment by segment, then freezes into model objects."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final

from openpiu.formats.edifact import US, Row
from openpiu.formats.pnrgov.elements import (
    Memo,
    c,
    component,
    elements_of_row,
    joined,
    opt,
    padded,
    row_parts,
)
from openpiu.formats.pnrgov.ssr import DocsData, SsrFields, contact, doca, doco, docs, frequent_flyer
from openpiu.model import (
    Address,
    Agency,
    Baggage,
    CheckIn,
    Contact,
    FlightLeg,
    FrequentFlyer,
    HistoryItem,
    ItineraryLeg,
    ParseWarning,
    Payment,
    PnrTraveller,
    RawSegment,
    RecordLocator,
    Remark,
    Role,
    Sex,
    SpecialService,
    Ticket,
    TravelDocument,
    Traveller,
)
from openpiu.model.construct import positional_builder


def _free_text(found: SsrFields, row: Row) -> str:
    """The SSR free text: e1 c9, else the first component that starts with ``/`` (misplaced)."""
    if found.text:
        return found.text
    for value in row[1:]:
        for part in value.split(US):
            if part.strip().startswith("/"):
                return part.strip()
    return ""


class TravellerBuilder:
    """A Gr.2 traveller while its segments are read."""

    __slots__ = (
        "accompanied",
        "address",
        "baggage",
        "contacts",
        "date_of_birth",
        "destination",
        "docs",
        "documents",
        "emergency",
        "extra",
        "fare",
        "frequent_flyer",
        "given",
        "infant_docs",
        "nationality",
        "passenger_ref",
        "ref",
        "remarks",
        "seat",
        "services",
        "sex",
        "surname",
        "tickets",
        "title",
        "type",
        "unplaced_infant",
    )

    def __init__(
        self,
        *,
        surname: str,
        given: str,
        title: str | None,
        type: str | None,
        ref: str | None,
        accompanied: bool,
    ) -> None:
        self.surname = surname
        self.given = given
        self.title = title
        self.type = type
        self.ref = ref
        self.accompanied = accompanied
        self.passenger_ref: str | None = None
        self.frequent_flyer: list[FrequentFlyer] = []
        self.fare: str | None = None
        self.docs: DocsData | None = None
        self.documents: list[TravelDocument] = []
        self.infant_docs: list[DocsData] = []
        self.unplaced_infant: list[DocsData] = []
        self.sex: Sex | None = None
        self.date_of_birth: date | None = None
        self.nationality: str | None = None
        self.address: Address | None = None
        self.destination: Address | None = None
        self.contacts: list[Contact] = []
        self.services: list[SpecialService] = []
        self.remarks: list[Remark] = []
        self.tickets: list[TicketBuilder] = []
        self.emergency: list[Address] = []
        self.extra: list[RawSegment] = []
        self.seat: str | None = None
        self.baggage: Baggage | None = None

    def detail(self, row: Row) -> None:
        """``FTI``, ``REF`` or ``FAR`` (read from the row: e1 only, except for ``FAR``)."""
        tag = row[0]
        if tag == "FTI":
            first = row[1].split(US) if len(row) > 1 else []
            number = first[1].strip() if len(first) > 1 else ""
            if number:
                tiers = [p.strip() for p in first[2:] if p.strip()]
                self.frequent_flyer.append(
                    _frequent_flyer(first[0].strip().upper(), number, tiers[-1] if tiers else None)
                )
        elif tag == "REF":
            self.passenger_ref = component(row, 0, 1) or component(row, 0) or None
        elif tag == "FAR":
            self.fare = opt(joined(elements_of_row(row)))

    def apply_docs(self, data: DocsData) -> None:
        self.docs = data
        self.sex = self.sex or data.sex
        self.date_of_birth = self.date_of_birth or data.date_of_birth
        self.nationality = self.nationality or data.nationality
        if data.document is not None and data.document not in self.documents:
            self.documents.append(data.document)

    def ssr(
        self,
        row: Row,
        position: int,
        found: SsrFields,
        reference: date,
        warnings: list[ParseWarning],
        booking_contacts: list[Contact],
        *,
        repeated: bool = False,
    ) -> None:
        """Read one SSR of this traveller; ``repeated`` for a copy sent at PNR or flight level."""
        code = found.code
        if code == "DOCS":
            data = docs(_free_text(found, row), reference)
            if data.shifted and not repeated:
                warnings.append(
                    ParseWarning(position, "SSR", f"DOCS free text shifted by {data.shifted}: realigned")
                )
            if data.infant and self.type != "IN":
                if not repeated:
                    self.infant_docs.append(data)
            elif self.docs is None:
                self.apply_docs(data)
            elif data.document is not None and data.document not in self.documents:
                self.documents.append(data.document)
        elif code == "DOCO":
            document = doco(_free_text(found, row), reference)
            if document is not None and document not in self.documents:
                self.documents.append(document)
        elif code == "DOCA":
            kind, place = doca(_free_text(found, row))
            if kind == "D":
                self.destination = self.destination or place
            else:
                self.address = self.address or place
        elif code.startswith("CTC"):
            value = contact(code, found.text or "")
            if value is not None:
                if value not in self.contacts:
                    self.contacts.append(value)
                booking_contacts.append(value)
            elif not repeated:
                self.services.append(found.service())
        elif code == "FQTV":
            card = frequent_flyer(found.text or "", found.carrier)
            if card is not None and card not in self.frequent_flyer:
                self.frequent_flyer.append(card)
        elif not repeated:
            self.services.append(found.service())

    def freeze(self, locator: str) -> PnrTraveller:
        person = _traveller(
            _PASSENGER,
            self.surname,
            self.given,
            False,
            self.sex,
            self.date_of_birth,
            self.nationality,
            None,
            None,
            None,
            None,
            None,
            self.address,
            tuple(self.documents),
            locator or None,
            self.passenger_ref,
            self.seat,
            self.baggage,
            None,
            None,
            tuple(self.contacts),
            (),
        )
        services = tuple(self.services)
        if self.unplaced_infant:
            services += tuple(
                SpecialService(code="DOCS", text=_docs_summary(data)) for data in self.unplaced_infant
            )
        return _pnr_traveller(
            person,
            self.ref,
            self.type,
            self.title,
            self.accompanied,
            tuple(self.frequent_flyer),
            self.fare,
            self.destination,
            services,
            tuple(self.remarks),
            tuple([t.freeze() for t in self.tickets]),
            tuple(self.emergency),
            tuple(self.extra),
        )


def _docs_summary(data: DocsData) -> str:
    number = data.document.number if data.document else ""
    born = data.date_of_birth.isoformat() if data.date_of_birth else ""
    return f"INFANT {data.surname or ''}/{data.given_names or ''} {born} {number}".strip()


def _form_of_payment(row: Row) -> tuple[str, str | None, str | None, str | None, str | None]:
    """``FOP`` (its row) e1 ``type::amount:vendor:account:expiry``."""
    kind, _, amount, vendor, account, expiry = row_parts(row, 0, 6)[:6]
    return kind.upper(), amount or None, vendor or None, account or None, expiry or None


class PaymentBuilder:
    __slots__ = ("account", "amount", "billing", "expiry", "payer", "type", "vendor")

    def __init__(self, row: Row, memo: Memo) -> None:
        self.type, self.amount, self.vendor, self.account, self.expiry = memo.read(_form_of_payment, row)
        self.payer: str | None = None
        self.billing: Address | None = None

    def freeze(self) -> Payment:
        return _payment(
            self.type, self.amount, self.vendor, self.account, self.expiry, self.payer, self.billing
        )


class TicketBuilder:
    """Gr.3 (``TKT`` ``MON`` ``PTK`` ``TXD`` ``DAT``) with its Gr.4 payments."""

    __slots__ = ("base", "issued", "number", "payments", "taxes", "total", "type", "validating")

    def __init__(self, *, number: str | None, type: str | None) -> None:
        self.number = number
        self.type = type
        self.issued: datetime | None = None
        self.base: str | None = None
        self.total: str | None = None
        self.validating: str | None = None
        self.taxes: list[str] = []
        self.payments: list[PaymentBuilder] = []

    def detail(self, row: Row, memo: Memo) -> None:
        tag = row[0]
        if tag == "MON":
            amounts = memo.read(_amounts, row)
            if "B" in amounts:
                self.base = amounts["B"]
            if "T" in amounts:
                self.total = amounts["T"]
        elif tag == "PTK":
            self.validating = opt(c(elements_of_row(row), 3))
        elif tag == "TXD":
            self.taxes.extend(memo.read(_taxes, row))

    def payment(self, row: Row, memo: Memo) -> None:
        self.payments.append(PaymentBuilder(row, memo))

    def freeze(self) -> Ticket:
        return _ticket(
            self.number,
            self.type,
            self.issued,
            self.base,
            self.total,
            self.validating,
            tuple(self.taxes),
            tuple([p.freeze() for p in self.payments]),
        )


def _amounts(row: Row) -> dict[str, str | None]:
    """``MON`` (its row): composites ``qualifier:amount:currency``; base fare (``B``) and total (``T``)."""
    found: dict[str, str | None] = {}
    for element in row[1:]:
        qualifier, value, currency = padded(element, 3)[:3]
        if qualifier in ("B", "T"):
            found[qualifier] = f"{value} {currency}".strip() or None
    return found


def _taxes(row: Row) -> tuple[str, ...]:
    """``TXD`` (its row): e2 and later ``amount::currency:code``, each as ``amount currency code``."""
    found: list[str] = []
    for element in row[2:]:
        amount, _, currency, code = padded(element, 4)[:4]
        text = " ".join(p for p in (amount, currency, code) if p)
        if text:
            found.append(text)
    return tuple(found)


class CheckInBuilder:
    """A Gr.6 check-in event, then each Gr.7 checked-in traveller (one builder per ``TRI``)."""

    __slots__ = ("agent", "baggage", "cabin", "given", "ref", "seat", "sequence", "surname", "time")

    def __init__(self, time: datetime | None, *, agent: Agency | None = None) -> None:
        self.time = time
        self.agent = agent
        self.ref: str | None = None
        self.sequence: str | None = None
        self.surname: str | None = None
        self.given: str | None = None
        self.seat: str | None = None
        self.cabin: str | None = None
        self.baggage: Baggage | None = None

    def name(self, surname: str, given: str, ref: str | None) -> None:
        self.surname, self.given = surname, given
        self.ref = self.ref or ref

    def freeze(self) -> CheckIn:
        return _checkin(
            self.time,
            self.agent,
            self.ref,
            self.sequence,
            self.surname,
            self.given,
            self.seat,
            self.cabin,
            self.baggage,
        )


class LegBuilder:
    """A Gr.5 itinerary flight with its Gr.6/7 check-ins."""

    def __init__(self, leg: FlightLeg, booking_class: str | None, operating: str | None) -> None:
        self.leg = leg
        self.booking_class = booking_class
        self.operating_carrier = operating
        self.operating_number: str | None = None
        self.status: str | None = None
        self.quantity: int | None = None
        self.equipment: str | None = None
        self.services: list[SpecialService] = []
        self.locators: list[RecordLocator] = []
        self.remarks: list[Remark] = []
        self.checkins: list[CheckInBuilder] = []

    def detail(self, row: Row) -> None:
        tag = row[0]
        if tag == "TRA":
            self.operating_carrier = component(row, 0).upper() or None
            self.operating_number = component(row, 1) or None
        elif tag == "RPI":
            quantity = component(row, 0)
            self.quantity = int(quantity) if quantity.isdecimal() else None
            self.status = component(row, 1) or None
        elif tag == "APD":
            self.equipment = component(row, 0) or None

    def freeze(self) -> ItineraryLeg:
        operating_number = self.operating_number
        if operating_number and operating_number.isdecimal():
            operating_number = operating_number.zfill(4)
        return _itinerary_leg(
            self.leg,
            self.booking_class,
            self.operating_carrier,
            operating_number,
            self.status,
            self.quantity,
            self.equipment,
            tuple(self.services),
            tuple(self.locators),
            tuple(self.remarks),
            tuple([ci.freeze() for ci in self.checkins]),
            (),
        )


class HistoryBuilder:
    """Gr.10 credits (``ABI``/``DAT``) and their Gr.11/12 items, plus ``LTS`` lines.

    Each item is kept as a list of its ``HistoryItem`` fields while it is read, frozen at the end.
    """

    def __init__(self) -> None:
        self.who: str | None = None
        self.time: datetime | None = None
        self.items: list[list[Any]] = []
        self.lines: list[str] = []

    def credit(self, who: str) -> None:
        self.who, self.time = who or None, None

    def item(self, action: str | None) -> None:
        self.items.append([action, self.who, self.time, None, None, None, None, None, None, ()])

    def _current(self) -> list[Any]:
        if not self.items:
            self.item(None)
        return self.items[-1]

    def traveller(self, name: str) -> None:
        self._current()[_TRAVELLER] = name

    def service(self, found: SpecialService) -> None:
        self._current()[_SERVICE] = found

    def flight(self, leg: FlightLeg) -> None:
        self._current()[_LEG] = leg

    def status(self, status: str) -> None:
        self._current()[_STATUS] = status or None

    def text(self, text: str) -> None:
        item = self._current()
        current = item[_TEXT]
        item[_TEXT] = f"{current} {text}" if current else text

    def bags(self, bags: Baggage) -> None:
        self._current()[_BAGS] = bags

    def freeze(self) -> tuple[HistoryItem, ...]:
        return tuple([_history_item(*fields) for fields in self.items])


_PASSENGER: Final = Role.PASSENGER

# Positions of the ``HistoryItem`` fields in a ``HistoryBuilder`` item.
_TRAVELLER, _SERVICE, _LEG, _STATUS, _TEXT, _BAGS = 3, 4, 5, 6, 7, 8

# The frozen model objects of a booking, built positionally (every field, in declaration order; see
# ``openpiu.model.construct``).
_traveller: Final = positional_builder(Traveller)
_pnr_traveller: Final = positional_builder(PnrTraveller)
_payment: Final = positional_builder(Payment)
_ticket: Final = positional_builder(Ticket)
_checkin: Final = positional_builder(CheckIn)
_itinerary_leg: Final = positional_builder(ItineraryLeg)
_history_item: Final = positional_builder(HistoryItem)
_frequent_flyer: Final = positional_builder(FrequentFlyer)
