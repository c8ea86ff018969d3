"""Screening of stored flights against the stored watchlists, recording hits for human review.

``load_lists`` builds a ``Screener`` from the lists in the database; ``screen_stored`` screens the API
travellers of the chosen flights (and the PNR travellers, when PNR data is stored for the flight) and
records one hit per traveller x entry with ``store.hits.record_detections``, so re-running after a new
push refreshes hits instead of repeating them, and a dismissed hit stays silent until its evidence changes.

Hits name their flight ``flight:ID`` (``openpiu.review.keys``). A traveller's key is stable across pushes:
the flight's scope (``pseudonym_scope``), then a pseudonym (an HMAC under the deployment's
secret, ``openpiu.store.pseudonyms``) of the document number (normalised) or, with no document, of name
and date of birth. A PNR traveller linked to an API traveller takes the API traveller's key, so the
booking's spelling and the passport's count as one person (the better-scoring match is kept); a PNR
traveller without an API counterpart (before check-in) gets a key of its own: its passport number when
the booking carries one (so the hit carries over to the API push), else booking and name.

The links are the flight's stored reconciliation (``openpiu.ingest.reconcile``: the lines the flight and
traveller pages show), so screening follows the same links as the rest of the system and does not redo
that work. A flight with bookings but no stored reconciliation yet is reconciled here, in memory and
without storing (``ScreenSummary.reconciled_in_memory`` counts those flights). Nothing here commits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from openpiu.ingest.deadlines import flight_deadline
from openpiu.ingest.pnr import ParsedRaws
from openpiu.ingest.reconcile import flight_bookings, line_travellers
from openpiu.model import Booking, Role, TravelDocument, Traveller
from openpiu.model.match import Match, TravellerQuery
from openpiu.pnr import reconcile
from openpiu.review import Detection, HitSource, Raised
from openpiu.review.keys import flight_key
from openpiu.screening import Screener
from openpiu.screening.documents import document_key
from openpiu.screening.names import mrz_form
from openpiu.store.hits import record_detections
from openpiu.store.pnr import StoredLink, flight_links
from openpiu.store.pseudonyms import document_pseudonym, name_pseudonym, pseudonym
from openpiu.store.tables import FlightRow, travel_document, traveller
from openpiu.store.watchlists import list_watchlists, load_entries


@dataclass(frozen=True, slots=True)
class StoredLists:
    """The stored lists ready to screen with: the screener, each list's import number, entry digests."""

    screener: Screener
    versions: Mapping[str, int]
    # (list name, entry id) -> digest of the entry's content: part of a hit's evidence, so that a
    # dismissed hit comes back when the entry itself changes in a later import.
    digests: Mapping[tuple[str, str], str]
    entries: int
    secret: bytes  # the deployment's pseudonym key for traveller keys (``openpiu.store.pseudonyms``)


def load_lists(session: Session, *, pseudonym_key: bytes) -> StoredLists:
    """A screener over every active entry of every stored list, with the lists' thresholds.

    ``pseudonym_key`` makes the hits' traveller keys (``openpiu.store.pseudonyms.load_pseudonym_key``).
    """
    stored = list_watchlists(session)
    entries = load_entries(session)
    digests = {(e.list_name, e.id): hashlib.sha256(repr(e).encode()).hexdigest()[:16] for e in entries}
    return StoredLists(
        screener=Screener(entries, [s.watchlist for s in stored]),
        versions={s.watchlist.name: s.version for s in stored},
        digests=digests,
        entries=len(entries),
        secret=pseudonym_key,
    )


@dataclass(frozen=True, slots=True)
class ScreenedHit:
    """One hit recorded by a run: its id, what recording did, the match and whom it concerns."""

    hit_id: int
    action: Raised
    match: Match
    flight: str
    traveller: str
    source: str  # "api" or "pnr": which data the best-scoring match came from


@dataclass(frozen=True, slots=True)
class ScreenSummary:
    """What a screening run did."""

    flights: int
    api_travellers: int
    pnr_travellers: int
    hits: tuple[ScreenedHit, ...]
    # Flights with bookings but no stored reconciliation, whose PNR travellers were linked by reconciling
    # them in memory for this run (``openpiu pnr reconcile`` stores it).
    reconciled_in_memory: int = 0

    def count(self, action: Raised) -> int:
        return sum(1 for h in self.hits if h.action is action)


@dataclass(frozen=True, slots=True)
class _Candidate:
    key: str
    traveller: Traveller
    source: str


def pseudonym_scope(flight: FlightRow) -> str:
    """Where a watchlist hit's traveller key is valid: ``JU0123/2026-11-29/BEG`` (carrier and number, local
    date, departure). It starts the key, so it stays as hits were first keyed: a stored hit keeps its
    identity and a dismissed one is not raised again. The hit names its flight ``flight:ID`` apart."""
    return f"{flight.carrier}{flight.number}/{flight.departure_date.isoformat()}/{flight.departure_airport}"


def traveller_key(flight: str, person: Traveller, secret: bytes) -> str:
    """A traveller's key on a flight across pushes: document number, else name and date of birth.

    The number or the name is pseudonymised (HMAC under the deployment's ``secret``): the key outlives
    masking and appears in URLs and logs, so it must not show who travelled.
    """
    for document in person.documents:
        # Number only: one side (API or the booking's DOCS) may lack the issuing country.
        named = document_pseudonym(secret, document.number)
        if named:
            return f"{flight}/{named}"
    born = person.date_of_birth.isoformat() if person.date_of_birth else None
    return f"{flight}/{name_pseudonym(secret, person.surname, person.given_names, born)}"


def _pnr_key(flight: str, locator: str, person: Traveller, secret: bytes) -> str:
    """A booked traveller not (yet) in API data: by passport when the booking has it (``SSR DOCS``), so
    the hit carries over when the API push comes; else by booking (its locator, which retention reads)
    and pseudonymised name."""
    if any(document_key(d.number) for d in person.documents):
        return traveller_key(flight, person, secret)
    name = pseudonym(secret, "pnr", locator, mrz_form(person.surname), mrz_form(person.given_names))
    return f"{flight}/pnr/{locator}/{name}"


def _api_travellers(connection: Connection, flight_id: int) -> list[tuple[int, Traveller]]:
    """Every traveller filed under the flight (passengers and crew) with its row id, newest declaration
    last."""
    rows = connection.execute(
        select(
            traveller.c.id,
            traveller.c.role,
            traveller.c.surname,
            traveller.c.given_names,
            traveller.c.date_of_birth,
            traveller.c.nationality,
            traveller.c.sex,
            traveller.c.reservation_ref,
        )
        .where(traveller.c.flight_id == flight_id, traveller.c.data_state == "active")
        .order_by(traveller.c.id)
    ).all()
    documents: dict[int, list[TravelDocument]] = {}
    if rows:
        for owner, kind, number, country in connection.execute(
            select(
                travel_document.c.traveller_id,
                travel_document.c.type,
                travel_document.c.number,
                travel_document.c.issuing_country,
            )
            .where(travel_document.c.traveller_id.in_([r.id for r in rows]))
            .order_by(travel_document.c.traveller_id, travel_document.c.position)
        ):
            documents.setdefault(owner, []).append(TravelDocument(kind, number, country))
    return [
        (
            row.id,
            Traveller(
                role=Role(row.role),
                surname=row.surname,
                given_names=row.given_names,
                date_of_birth=row.date_of_birth,
                nationality=row.nationality,
                sex=row.sex,
                documents=tuple(documents.get(row.id, ())),
                reservation_ref=row.reservation_ref,
            ),
        )
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class _Flight:
    """The travellers to screen on one flight, each under its stable key, with the counts of the run."""

    candidates: list[_Candidate]
    api: int
    pnr: int
    # True when the links came from reconciling here (the flight has no stored reconciliation yet).
    reconciled_in_memory: bool


def _candidates(connection: Connection, flight: FlightRow, raws: ParsedRaws | None, secret: bytes) -> _Flight:
    """The travellers to screen on one flight: its API travellers, and the travellers of its current
    bookings under the key of the API traveller the flight's reconciliation linked them to, else a key of
    their own."""
    label = pseudonym_scope(flight)
    latest: dict[str, Traveller] = {}
    rows: dict[int, tuple[str, Traveller]] = {}
    for row_id, person in _api_travellers(connection, flight.id):
        key = traveller_key(label, person, secret)
        rows[row_id] = (key, person)
        latest[key] = person  # a later push's declaration replaces an earlier one
    found = [_Candidate(key, person, "api") for key, person in latest.items()]
    bookings = [b for b in flight_bookings(connection, flight_id=flight.id, raws=raws) if not b.cancelled]
    pnr = sum(len(b.travellers) for b in bookings)
    lines = flight_links(connection, flight_id=flight.id)
    if lines:
        found += _linked_by_store(label, bookings, lines, rows, secret)
    elif bookings:
        found += _linked_in_memory(label, bookings, latest, secret)
    return _Flight(found, len(latest), pnr, reconciled_in_memory=bool(bookings) and not lines)


def _linked_by_store(
    label: str,
    bookings: list[Booking],
    lines: list[StoredLink],
    api: Mapping[int, tuple[str, Traveller]],
    secret: bytes,
) -> list[_Candidate]:
    """Booked travellers keyed by the flight's stored reconciliation (``openpiu.ingest.reconcile``).

    A linked traveller takes the key of its API traveller (``api``: key and traveller by row id); one not
    linked (a no-show), booked after the flight was last reconciled, or linked to an API row no longer
    screened (masked), gets a key of its own (``_pnr_key``: its passport when the booking has one, so it
    still meets the API traveller with that passport).
    """
    persons = {row_id: person for row_id, (_, person) in api.items()}
    found: list[_Candidate] = []
    for booking, booked, line in line_travellers(bookings, lines, persons):
        linked = api.get(line.traveller_id) if line is not None and line.traveller_id is not None else None
        key = (
            linked[0]
            if linked is not None
            else _pnr_key(label, booking.record_locator, booked.person, secret)
        )
        found.append(_Candidate(key, booked.person, "pnr"))
    return found


def _linked_in_memory(
    label: str, bookings: list[Booking], latest: Mapping[str, Traveller], secret: bytes
) -> list[_Candidate]:
    """Booked travellers keyed by reconciling the flight here, without storing (no stored reconciliation
    yet, e.g. ``openpiu screen`` before ``openpiu pnr reconcile``)."""
    # Booked travellers whose passport (SSR DOCS) is an API traveller's share that key at once; only the
    # rest go through reconciliation (its name comparisons are the costly part).
    found: list[_Candidate] = []
    claimed: set[str] = set()
    rest: list[Booking] = []
    for booking in bookings:
        unmatched = []
        for booked in booking.travellers:
            key = traveller_key(label, booked.person, secret)
            if key in latest and booked.person.documents:
                claimed.add(key)
                found.append(_Candidate(key, booked.person, "pnr"))
            else:
                unmatched.append(booked)
        if unmatched:
            rest.append(replace(booking, travellers=tuple(unmatched)))
    if rest:
        open_api = {k: p for k, p in latest.items() if k not in claimed and p.role is Role.PASSENGER}
        keys = {id(person): key for key, person in open_api.items()}
        outcome = reconcile(list(open_api.values()), rest)
        for link in outcome.links:
            found.append(_Candidate(keys[id(link.api)], link.pnr.person, "pnr"))
        for locator, booked in outcome.pnr_only:
            found.append(_Candidate(_pnr_key(label, locator, booked.person, secret), booked.person, "pnr"))
    return found


def _evidence(person: Traveller, digest: str, match: Match) -> dict[str, object]:
    return {
        "surname": person.surname,
        "given_names": person.given_names,
        "date_of_birth": person.date_of_birth,
        "nationality": person.nationality,
        "sex": person.sex,
        "documents": sorted(f"{d.type}:{d.issuing_country}:{d.number}" for d in person.documents),
        "matched_name": match.matched_name,
        "entry": digest,
    }


def _flights(session: Session, flight_ids: Iterable[int] | None, day: date | None) -> Sequence[FlightRow]:
    query = select(FlightRow).order_by(FlightRow.departure_date, FlightRow.id)
    if flight_ids is not None:
        query = query.where(FlightRow.id.in_(list(flight_ids)))
    if day is not None:
        query = query.where(FlightRow.departure_date == day)
    return session.scalars(query).all()


def screen_stored(
    session: Session,
    lists: StoredLists,
    *,
    flight_ids: Iterable[int] | None = None,
    day: date | None = None,
    piu_country: str,
    now: datetime | None = None,
    raws: ParsedRaws | None = None,
) -> ScreenSummary:
    """Screen the stored travellers of some flights and record the hits.

    Args:
        lists: the stored lists (``load_lists``).
        flight_ids: only these flights.
        day: only flights departing on this local date. With neither, every stored flight.
        piu_country: the PIU's state (alpha-3, ``settings.piu_country``): hits on flights arriving in it
            are due before arrival, others before departure (``openpiu.review.deadline``).
        now: the time of the run (hits' first/last seen; the deadline choice); the clock when None.
        raws: parsed PNR raw copies shared with other steps of the same run (each push parsed once).
    """
    now = now or datetime.now(UTC)
    flights = _flights(session, flight_ids, day)
    connection = session.connection()
    api = pnr = 0
    hits: list[ScreenedHit] = []
    in_memory = 0
    for flight in flights:
        screened = _candidates(connection, flight, raws, lists.secret)
        candidates = screened.candidates
        api += screened.api
        pnr += screened.pnr
        in_memory += screened.reconciled_in_memory
        queries = [TravellerQuery.of(str(i), c.traveller) for i, c in enumerate(candidates)]
        best: dict[tuple[str, str, str], tuple[Match, _Candidate]] = {}
        for match in lists.screener.screen(queries):
            candidate = candidates[int(match.traveller_id)]
            slot = (candidate.key, match.list_name, match.entry_id)
            if slot not in best or match.score > best[slot][0].score:
                best[slot] = (match, candidate)
        label = pseudonym_scope(flight)
        deadline = flight_deadline(
            piu_country=piu_country,
            departure_airport=flight.departure_airport,
            arrival_airport=flight.arrival_airport,
            departure=flight.scheduled_departure_utc,
            arrival=flight.scheduled_arrival_utc,
            now=now,
        ).at
        detections = [
            Detection(
                source=HitSource.WATCHLIST,
                reference=f"{match.list_name}/{match.entry_id}",
                reference_version=f"{match.list_name} v{lists.versions.get(match.list_name, 0)}",
                traveller_key=candidate.key,
                flight_key=flight_key(flight.id),
                explanation=tuple(match.explanation()),
                evidence=_evidence(
                    candidate.traveller, lists.digests.get((match.list_name, match.entry_id), ""), match
                ),
                seen_at=now,
                deadline=deadline,
                score=match.score,
            )
            for match, candidate in best.values()
        ]
        recorded = record_detections(session, detections)
        for (match, candidate), (hit_id, result) in zip(best.values(), recorded, strict=True):
            name = f"{candidate.traveller.surname}/{candidate.traveller.given_names}"
            hits.append(ScreenedHit(hit_id, result.action, match, label, name, candidate.source))
    return ScreenSummary(
        flights=len(flights),
        api_travellers=api,
        pnr_travellers=pnr,
        hits=tuple(hits),
        reconciled_in_memory=in_memory,
    )
