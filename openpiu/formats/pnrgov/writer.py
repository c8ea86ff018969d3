"""``PnrPush`` → PNRGOV 13.1 EDIFACT bytes: for synthetic traffic and round-trip tests.

Writes what the reader models in the group order of the implementation guide (standards digest §4.2),
with the default delimiters (``UNA:+.?*'``), released values and a correct UNT count. A cancelled
booking is written as its locator with an empty ORG (an update push's way to say so).
"""

from __future__ import annotations

from datetime import date, datetime

from openpiu.model import Booking, CheckIn, FlightLeg, ItineraryLeg, PnrPush, PnrTraveller, Sex

_RELEASE = str.maketrans({"?": "??", "'": "?'", "+": "?+", ":": "?:", "*": "?*"})
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def _v(value: object) -> str:
    return "" if value is None else str(value).translate(_RELEASE)


def _day(moment: datetime | date | None) -> str:
    return moment.strftime("%d%m%y") if moment is not None else ""


def _clock(moment: datetime | None) -> str:
    return moment.strftime("%H%M") if moment is not None else ""


def _docs_date(day: date | None) -> str:
    return f"{day.day:02d}{_MONTHS[day.month - 1]}{day.year % 100:02d}" if day is not None else ""


def _tvl(leg: FlightLeg, booking_class: str | None = None) -> str:
    departure, arrival = leg.scheduled_departure, leg.scheduled_arrival
    times = f"{_day(departure)}:{_clock(departure)}"
    if arrival is not None:
        times += f":{_day(arrival)}:{_clock(arrival)}"
    number = _v(leg.number) + (f":{_v(booking_class)}" if booking_class else "")
    return f"TVL+{times}+{_v(leg.departure_airport)}+{_v(leg.arrival_airport)}+{_v(leg.carrier)}+{number}"


def _sex(traveller: PnrTraveller) -> str:
    sex = traveller.person.sex
    if sex is None:
        return ""
    code = sex.value if sex is not Sex.UNSPECIFIED else "U"
    return code + "I" if traveller.type == "IN" and code in ("M", "F") else code


def _tax(text: str) -> str:
    """``12.00 EUR TR`` (amount, currency, code) or ``3.10 AY6`` (amount, code) → a TXD composite."""
    words = [_v(w) for w in text.split()]
    if len(words) == 3:
        return f"{words[0]}::{words[1]}:{words[2]}"
    if len(words) == 2:
        return f"{words[0]}:::{words[1]}"
    return words[0] if words else ""


def _traveller(traveller: PnrTraveller) -> list[str]:
    person = traveller.person
    ref = _v(traveller.ref)
    given = person.given_names + (f" {traveller.title}" if traveller.title else "")
    lines = [f"TIF+{_v(person.surname)}+{_v(given)}:{_v(traveller.type or 'A')}:{ref}"]
    lines += [f"FTI+{_v(f.carrier)}:{_v(f.number)}:::{_v(f.tier)}" for f in traveller.frequent_flyer]
    if person.passenger_ref:
        lines.append(f"REF+:{_v(person.passenger_ref)}")
    for n, document in enumerate(person.documents):
        if document.type == "V":
            lines.append(
                f"SSR+DOCO:HK:1::::::/{_v(person.place_of_birth)}/V/{_v(document.number)}/"
                f"{_v(document.place_of_issue)}/"
                f"{_docs_date(document.issue_date)}/{_v(document.issuing_country)}+::{ref}"
            )
            continue
        birth = _docs_date(person.date_of_birth) if n == 0 else ""
        names = f"{_v(person.surname)}/{_v(person.given_names)}"
        lines.append(
            f"SSR+DOCS:HK:1::::::/{_v(document.type)}/{_v(document.issuing_country)}/{_v(document.number)}/"
            f"{_v(person.nationality)}/{birth}/{_sex(traveller)}/{_docs_date(document.expiry_date)}/{names}"
            f"+::{ref}"
        )
    if not any(d.type != "V" for d in person.documents) and (person.date_of_birth or person.sex):
        # DOCS without a document: birth date and sex only (``/////05FEB53/F//SURNAME/GIVEN``).
        lines.append(
            f"SSR+DOCS:HK:1:::::://///{_docs_date(person.date_of_birth)}/{_sex(traveller)}//"
            f"{_v(person.surname)}/{_v(person.given_names)}+::{ref}"
        )
    for kind, address in (("R", person.address), ("D", traveller.destination_address)):
        if address is not None:
            lines.append(
                f"SSR+DOCA:HK:1::::::/{kind}/{_v(address.country)}/{_v(address.street)}/{_v(address.city)}/"
                f"{_v(address.region)}/{_v(address.postcode)}+::{ref}"
            )
    for contact in person.contacts:
        code = "CTCE" if contact.kind == "EM" else "CTCM"
        value = contact.value.replace("@", "//").replace("_", "..")
        lines.append(f"SSR+{code}:HK:1::::::/{_v(value)}+::{ref}")
    for ticket in traveller.tickets:
        lines.append(f"TKT+{_v(ticket.number)}:{_v(ticket.type or 'T')}:1")
        amounts = [
            f"{qualifier}:{_v(value.partition(' ')[0])}:{_v(value.partition(' ')[2])}"
            for qualifier, value in (("B", ticket.base_fare), ("T", ticket.total))
            if value
        ]
        if amounts:
            lines.append("MON+" + "+".join(amounts))
        if ticket.validating_carrier:
            lines.append(f"PTK++++{_v(ticket.validating_carrier)}")
        if ticket.taxes:
            lines.append("TXD+" + "".join(f"+{_tax(tax)}" for tax in ticket.taxes))
        if ticket.issued:
            lines.append(f"DAT+710:{_day(ticket.issued)}:{_clock(ticket.issued)}")
        for payment in ticket.payments:
            lines.append(
                f"FOP+{_v(payment.type)}::{_v(payment.amount)}:{_v(payment.vendor)}:{_v(payment.account)}:"
                f"{_v(payment.expiry)}"
            )
            if payment.payer:
                lines.append(f"IFT+4:43+{_v(payment.payer)}")
    return lines


def _checkin(checkin: CheckIn) -> list[str]:
    lines = [f"TRI++{_v(checkin.sequence)}:::{_v(checkin.traveller_ref)}"]
    lines.append(f"TIF+{_v(checkin.surname)}+{_v(checkin.given_names)}::{_v(checkin.traveller_ref)}")
    if checkin.seat:
        lines.append(f"SSD+{_v(checkin.seat)}++++{_v(checkin.cabin)}")
    bags = checkin.baggage
    if bags is not None:
        unit = {"KG": "700", "LB": "701"}.get(bags.weight_unit or "", "702")
        weight = f"{bags.weight:g}" if bags.weight is not None else ""
        tags = "".join(f"+:{_v(tag)}:1" for tag in bags.tags)
        lines.append(f"TBD++{_v(bags.count)}:{weight}:{unit}++{tags}")
    return lines


def _leg(leg: ItineraryLeg) -> list[str]:
    lines = [_tvl(leg.leg, leg.booking_class)]
    if leg.operating_carrier and (leg.operating_carrier != leg.leg.carrier or leg.operating_number):
        lines.append(f"TRA+{_v(leg.operating_carrier)}+{_v(leg.operating_number)}")
    if leg.status:
        lines.append(f"RPI+{_v(leg.quantity)}+{_v(leg.status)}")
    if leg.equipment:
        lines.append(f"APD+{_v(leg.equipment)}")
    for service in leg.special_services:
        if service.seats:
            pairs = zip(service.seats, service.traveller_refs, strict=True)
            seats = "".join(f"+{_v(seat)}::{_v(ref)}" for seat, ref in pairs)
            head = f"SSR+{_v(service.code)}:{_v(service.status)}:{len(service.seats)}:{_v(service.carrier)}"
            lines.append(f"{head}:::{_v(service.board)}:{_v(service.off)}{seats}")
    if leg.checkins:
        first = leg.checkins[0]
        lines.append(f"DAT+2:{_day(first.time)}:{_clock(first.time)}")
        if first.agent is not None:
            lines.append(f"ORG+{_v(first.agent.system)}++++{_v(first.agent.originator_type)}")
        for checkin in leg.checkins:
            lines += _checkin(checkin)
    return lines


def _booking(booking: Booking) -> list[str]:
    created = f"::{_day(booking.created)}:{_clock(booking.created)}" if booking.created else ""
    lines = ["SRC", f"RCI+{_v(booking.carrier)}:{_v(booking.record_locator)}{created}"]
    if booking.cancelled:
        return [*lines, "ORG"]
    if booking.last_modified:
        lines.append(f"DAT+700:{_day(booking.last_modified)}:{_clock(booking.last_modified)}")
    agency = booking.originator
    if agency is not None:
        lines.append(
            f"ORG+{_v(agency.system)}:{_v(agency.location)}+{_v(agency.iata_number)}:{_v(agency.office)}+"
            f"{_v(agency.agent_location)}+{_v(agency.company)}+{_v(agency.originator_type)}+"
            f"{_v(agency.country)}:{_v(agency.currency)}+{_v(agency.agent)}"
        )
    for address in booking.addresses:
        lines.append(
            f"ADD++700:{_v(address.street)}:{_v(address.city)}:{_v(address.region)}::{_v(address.country)}:"
            f"{_v(address.postcode)}"
        )
    if booking.group_name:
        lines.append(f"TIF+{_v(booking.group_name)}:G")
    for traveller in booking.travellers:
        lines += _traveller(traveller)
    for leg in booking.itinerary:
        lines += _leg(leg)
    return lines


def write_push(push: PnrPush, *, interchange_ref: str = "1", prepared: datetime | None = None) -> bytes:
    """The push as one PNRGOV 13.1 interchange (one message), ASCII, one segment per line."""
    moment = prepared or push.prepared or datetime(2000, 1, 1)
    body = [f"MSG+:{push.function.value if push.function.value != 'other' else '22'}"]
    originator = push.originator
    body.append(f"ORG+{_v(originator.system)}:{_v(originator.location)}" if originator else "ORG")
    if push.flight is not None:
        body.append(_tvl(push.flight))
    body.append(f"EQN+{push.declared_bookings if push.declared_bookings is not None else len(push.bookings)}")
    for booking in push.bookings:
        body += _booking(booking)
    flight = push.flight
    access = f"+{_v(flight.designator)}/{_day(flight.scheduled_departure)}" if flight else ""
    lines = [
        "UNA:+.?*'",
        f"UNB+IATA:1+{_v(push.sender)}+{_v(push.recipient)}+{moment:%y%m%d}:{moment:%H%M}+{_v(interchange_ref)}",
        f"UNH+1+PNRGOV:13:1:IA{access}",
        *body,
        f"UNT+{len(body) + 2}+1",
        f"UNZ+1+{_v(interchange_ref)}",
    ]
    text = lines[0] + "\n" + "".join(line + "'\n" for line in lines[1:])
    return text.encode("ascii", "replace")
