"""API↔PNR reconciliation of stored flights: read both sides from the store, link, store the result.

The API side is the travellers filed under the flight (``traveller.flight_id``); the PNR side the current
state of every booking whose latest push was for the flight, re-read from the stored (filtered) raw
copies. The outcome replaces the flight's previous reconciliation, except the links an analyst made by
hand (``link_manually``): those are kept, and the two travellers each one joins are left out of the
automatic matching. A line about a booking names its
carrier (the owner of the record locator, as ``booking_state`` keys it): two carriers may issue the same
six-character locator, so the locator alone does not say which booking a line is about. A go-show's line
(``api_only``) has no booking, hence no carrier.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select

from openpiu.errors import NotFound, ReconciliationError
from openpiu.ingest.pnr import ParsedRaws, booking_at
from openpiu.model import Booking, PnrTraveller, Role, TravelDocument, Traveller
from openpiu.pnr import booking_key, reconcile
from openpiu.pnr.reconcile import score
from openpiu.store.pnr import (
    ManualLink,
    StoredLink,
    delete_manual_link,
    flight_label,
    flight_states,
    insert_manual_link,
    manual_links,
    pushed_flights,
    replace_reconciliation,
    version_locations,
)
from openpiu.store.tables import travel_document, traveller


@dataclass(frozen=True, slots=True)
class FlightOutcome:
    """Counts of one flight's reconciliation."""

    flight: str
    linked: int
    name_mismatches: int
    api_only: int
    pnr_only: int


def api_travellers(connection: Connection, *, flight_id: int) -> list[tuple[int, Traveller]]:
    """The passengers filed under a flight, as model travellers with their documents, with row ids."""
    rows = connection.execute(
        select(
            traveller.c.id,
            traveller.c.surname,
            traveller.c.given_names,
            traveller.c.date_of_birth,
            traveller.c.reservation_ref,
            traveller.c.seat,
        )
        .where(traveller.c.flight_id == flight_id, traveller.c.role == Role.PASSENGER.value)
        .order_by(traveller.c.id)
    ).all()
    documents: dict[int, list[TravelDocument]] = {}
    if rows:
        for owner, number, kind, country in connection.execute(
            select(
                travel_document.c.traveller_id,
                travel_document.c.number,
                travel_document.c.type,
                travel_document.c.issuing_country,
            ).where(travel_document.c.traveller_id.in_([r.id for r in rows]))
        ):
            documents.setdefault(owner, []).append(TravelDocument(kind, number, country))
    return [
        (
            row.id,
            Traveller(
                role=Role.PASSENGER,
                surname=row.surname,
                given_names=row.given_names,
                date_of_birth=row.date_of_birth,
                documents=tuple(documents.get(row.id, ())),
                reservation_ref=row.reservation_ref,
                seat=row.seat,
            ),
        )
        for row in rows
    ]


def flight_bookings(
    connection: Connection, *, flight_id: int, raws: ParsedRaws | None = None
) -> list[Booking]:
    """The current state of every booking pushed for the flight, re-read from the stored raw copies."""
    raws = raws or ParsedRaws()
    bookings: list[Booking] = []
    states = flight_states(connection, flight_id=flight_id)
    locations = version_locations(connection, version_ids=[version_id for version_id, _ in states])
    for version_id, cancelled in states:
        location = locations.get(version_id)
        booking = booking_at(connection, location, raws=raws) if location is not None else None
        if booking is not None:
            bookings.append(replace(booking, cancelled=cancelled))
    return bookings


def booking_carriers(bookings: Sequence[Booking]) -> dict[int, str]:
    """The carrier of each booked traveller's booking (as ``booking_state`` keys it), by ``id()`` of the
    ``PnrTraveller``: reconciliation hands back the travellers it was given, not their bookings."""
    return {id(t): booking_key(b)[0] for b in bookings for t in b.travellers}


def line_travellers(
    bookings: Sequence[Booking], lines: Sequence[StoredLink], api: Mapping[int, Traveller]
) -> list[tuple[Booking, PnrTraveller, StoredLink | None]]:
    """Every traveller of these bookings with the stored reconciliation line about them (None when no
    line is: the booking or the traveller came after the flight was last reconciled).

    A line names its booked traveller by booking (carrier and locator; the locator alone on a line stored
    before migration 0012 without a carrier) and PNR name. Travellers of one booking may share a name (a
    parent and a child): a linked line then goes to the one that agrees best with its API traveller (``api``:
    API travellers by row id) by reconciliation's own score; no-show lines take the others.
    """
    by_booking: dict[tuple[str | None, str | None], list[StoredLink]] = {}
    for line in lines:
        if line.status != "api_only":
            by_booking.setdefault((line.carrier, line.record_locator), []).append(line)
    found: list[tuple[Booking, PnrTraveller, StoredLink | None]] = []
    for booking in bookings:
        carrier, locator = booking_key(booking)[0], booking.record_locator
        named: dict[str, list[int]] = {}
        for i, t in enumerate(booking.travellers):
            named.setdefault(pnr_name(t), []).append(i)
        same_name: dict[str | None, list[StoredLink]] = {}
        for line in by_booking.get((carrier, locator)) or by_booking.get((None, locator), []):
            same_name.setdefault(line.pnr_name, []).append(line)
        assigned: dict[int, StoredLink] = {}
        for name, same in same_name.items():
            travellers = named.get(name or "", [])
            if len(travellers) == 1:  # the usual case: one traveller of that name, one line
                assigned[travellers[0]] = min(same, key=lambda line: line.status != "linked")
                continue
            for line in sorted(same, key=lambda line: line.status != "linked"):
                free = [i for i in travellers if i not in assigned]
                if not free:
                    break
                person = api.get(line.traveller_id) if line.traveller_id is not None else None
                best = free[0]
                if person is not None and len(free) > 1:
                    best = max(free, key=lambda i: (score(person, booking.travellers[i], frozenset())[0], -i))
                assigned[best] = line
        found += [(booking, t, assigned.get(i)) for i, t in enumerate(booking.travellers)]
    return found


def pnr_name(traveller: PnrTraveller) -> str:
    """How reconciliation lines hold a PNR name (``SURNAME/GIVEN NAMES``, as sent)."""
    return f"{traveller.person.surname}/{traveller.person.given_names}"


def reconcile_flight(
    connection: Connection, *, flight_id: int, now: datetime, raws: ParsedRaws | None = None
) -> FlightOutcome:
    """Reconcile one flight and store the outcome (replacing the previous one, manual links kept)."""
    manual = manual_links(connection, flight_id=flight_id)
    joined = {m.traveller_id for m in manual}
    api = [(i, t) for i, t in api_travellers(connection, flight_id=flight_id) if i not in joined]
    bookings = without_manual(flight_bookings(connection, flight_id=flight_id, raws=raws), manual)
    result = reconcile([t for _, t in api], bookings)
    ids = {id(t): row_id for row_id, t in api}
    carriers = booking_carriers(bookings)
    received = now
    rows = [
        {
            "status": "linked",
            "traveller_id": ids[id(link.api)],
            "carrier": carriers[id(link.pnr)],
            "record_locator": link.record_locator,
            "api_name": f"{link.api.surname}/{link.api.given_names}",
            "pnr_name": pnr_name(link.pnr),
            "confidence": link.confidence,
            "reasons": list(link.reasons),
            "name_mismatch": link.name_mismatch,
        }
        for link in result.links
    ]
    rows += [
        {
            "status": "api_only",
            "traveller_id": ids[id(t)],
            "carrier": None,
            "record_locator": t.reservation_ref,
            "api_name": f"{t.surname}/{t.given_names}",
            "pnr_name": None,
            "confidence": None,
            "reasons": None,
            "name_mismatch": False,
        }
        for t in result.api_only
    ]
    rows += [
        {
            "status": "pnr_only",
            "traveller_id": None,
            "carrier": carriers[id(t)],
            "record_locator": locator,
            "api_name": None,
            "pnr_name": pnr_name(t),
            "confidence": None,
            "reasons": None,
            "name_mismatch": False,
        }
        for locator, t in result.pnr_only
    ]
    replace_reconciliation(
        connection,
        flight_id=flight_id,
        rows=[{**row, "computed_at": now, "received_at": received} for row in rows],
    )
    return FlightOutcome(
        flight=flight_label(connection, flight_id=flight_id),
        linked=len(result.links) + len(manual),
        name_mismatches=len(result.name_mismatches),
        api_only=len(result.api_only),
        pnr_only=len(result.pnr_only),
    )


def without_manual(bookings: Sequence[Booking], manual: Sequence[ManualLink]) -> list[Booking]:
    """The bookings without the booked travellers that manual links already join (one traveller per
    link: two travellers of a booking may share a name)."""
    taken: dict[tuple[str | None, str | None, str | None], int] = {}
    for m in manual:
        key = (m.carrier, (m.record_locator or "").upper(), m.pnr_name)
        taken[key] = taken.get(key, 0) + 1
    if not taken:
        return list(bookings)
    kept: list[Booking] = []
    for booking in bookings:
        carrier, locator = booking_key(booking)
        travellers: list[PnrTraveller] = []
        for t in booking.travellers:
            key = (carrier, locator, pnr_name(t))
            if taken.get(key, 0) > 0:
                taken[key] -= 1
            else:
                travellers.append(t)
        kept.append(replace(booking, travellers=tuple(travellers)))
    return kept


def link_manually(
    connection: Connection,
    *,
    flight_id: int,
    traveller_id: int,
    carrier: str,
    record_locator: str,
    name: str,
    user: str,
    reason: str,
    now: datetime,
    raws: ParsedRaws | None = None,
) -> FlightOutcome:
    """Link an API traveller of the flight to a booked traveller (``name``: ``SURNAME/GIVEN NAMES`` as
    in the booking, case and spacing aside) by hand, then reconcile the flight again: the automatic
    lines the manual one contradicts (the API traveller's other link, the booked traveller's no-show
    line, or its link to someone else) give way, and the travellers they freed are matched anew."""
    passengers = dict(api_travellers(connection, flight_id=flight_id))
    person = passengers.get(traveller_id)
    if person is None:
        raise NotFound(f"no passenger {traveller_id} on flight {flight_id}")
    manual = manual_links(connection, flight_id=flight_id)
    if any(m.traveller_id == traveller_id for m in manual):
        raise ReconciliationError(
            f"traveller {traveller_id} is already linked by hand on flight {flight_id}: unlink first"
        )
    wanted = (carrier.strip().upper(), record_locator.strip().upper())
    bookings = [
        b for b in flight_bookings(connection, flight_id=flight_id, raws=raws) if booking_key(b) == wanted
    ]
    if not bookings:
        raise NotFound(f"no booking {wanted[0]}/{wanted[1]} on flight {flight_id}")
    booking = bookings[0]
    if booking.cancelled:
        raise ReconciliationError(f"booking {wanted[0]}/{wanted[1]} is cancelled")
    spelled = " ".join(name.upper().split()).replace(" /", "/").replace("/ ", "/")
    named = [t for t in booking.travellers if " ".join(pnr_name(t).upper().split()) == spelled]
    if not named:
        names = ", ".join(pnr_name(t) for t in booking.travellers) or "none"
        raise NotFound(f"booking {wanted[0]}/{wanted[1]} has no traveller {name!r} (travellers: {names})")
    free = without_manual([replace(booking, travellers=tuple(named))], manual)[0].travellers
    if not free:
        raise ReconciliationError(
            f"{pnr_name(named[0])} of {wanted[0]}/{wanted[1]} is already linked by hand"
        )
    booked = free[0]
    insert_manual_link(
        connection,
        flight_id=flight_id,
        row={
            "status": "linked",
            "traveller_id": traveller_id,
            "carrier": wanted[0],
            "record_locator": booking.record_locator,
            "api_name": f"{person.surname}/{person.given_names}",
            "pnr_name": pnr_name(booked),
            "confidence": 1.0,
            "reasons": ["manual link"],
            "name_mismatch": score(person, booked, frozenset())[2],
            "computed_at": now,
            "received_at": now,
            "decided_by": user,
            "decided_at": now,
            "reason": f"linked by {user}: {reason}",
        },
    )
    return reconcile_flight(connection, flight_id=flight_id, now=now, raws=raws)


def unlink_manually(
    connection: Connection,
    *,
    flight_id: int,
    traveller_id: int,
    now: datetime,
    raws: ParsedRaws | None = None,
) -> ManualLink:
    """Remove the manual link of an API traveller and reconcile the flight again (both travellers are
    matched automatically from then on); returns the link removed."""
    found = [m for m in manual_links(connection, flight_id=flight_id) if m.traveller_id == traveller_id]
    if not found:
        raise NotFound(f"no manual link of traveller {traveller_id} on flight {flight_id}")
    delete_manual_link(connection, line_id=found[0].id)
    reconcile_flight(connection, flight_id=flight_id, now=now, raws=raws)
    return found[0]


def reconcile_all(
    engine: Engine,
    *,
    flight_ids: Sequence[int] | None = None,
    now: Callable[[], datetime] | None = None,
    raws: ParsedRaws | None = None,
) -> list[FlightOutcome]:
    """Reconcile every flight with PNR data (or the given ones), one transaction per flight.

    ``raws`` is a cache of parsed raw copies to share with a later step that re-reads the same bookings.
    """
    clock = now or (lambda: datetime.now(UTC))
    with engine.connect() as connection:
        targets = list(flight_ids) if flight_ids is not None else pushed_flights(connection)
    outcomes: list[FlightOutcome] = []
    for flight_id in targets:
        with engine.begin() as connection:
            outcomes.append(reconcile_flight(connection, flight_id=flight_id, now=clock(), raws=raws))
    return outcomes
