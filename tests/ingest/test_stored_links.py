"""Screening follows the flight's stored reconciliation; reconciliation lines carry the booking's carrier.

On SQLite and PostgreSQL (``storage_fixtures``). The bookings are synthetic: two carriers that issued the
same record locator for travellers of one flight, and a booking whose traveller's name is spelled nothing
like the passport's (a link only a person could record).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from factories import paxlst
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from storage_fixtures import hit_key

from openpiu.ingest import Intake
from openpiu.ingest.reconcile import line_travellers, reconcile_all
from openpiu.ingest.screening import ScreenSummary, load_lists, pseudonym_scope, screen_stored, traveller_key
from openpiu.ingest.watchlists import Registration, import_list
from openpiu.model import Booking, PnrTraveller, Role, TravelDocument, Traveller
from openpiu.model.watchlist import WatchlistCategory
from openpiu.screening.importers import WatchlistFormat
from openpiu.settings import DEFAULT_PIU_COUNTRY
from openpiu.store.board import search_by_record_locator, traveller_booking
from openpiu.store.hits import list_hits
from openpiu.store.pnr import StoredLink, reconciliation_rows, replace_reconciliation
from openpiu.store.tables import FlightRow, TravellerRow

LEVEL0 = "ORG+JU:VIE'TVL+290326:0930+VIE+BEG+JU+123'EQN+1'"
LEG = "TVL+290326:0930:290326:1105+VIE+BEG+JU+123:Y'"
AT = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)


def pnr(body: str, ref: str = "1") -> bytes:
    inner = f"MSG+:22'{LEVEL0}{body}"
    count = inner.count("'") + 2
    return (
        f"UNA:+.?*'UNB+IATA:1+JU+RSPIU+260328:0930+{ref}'UNH+{ref}+PNRGOV:13:1:IA'{inner}"
        f"UNT+{count}+{ref}'UNZ+1+{ref}'"
    ).encode("ascii")


def docs(number: str, surname: str) -> str:
    return f"SSR+DOCS:HK:1:JU:::::/P/SRB/{number}/SRB/12FEB85/F/01MAY31/{surname}/ANA+::1'"


# ABC123 twice: JU's booking of PETROVIC and OS's (a codeshare partner's system) of NOVAK.
SAME_LOCATOR = pnr(
    f"SRC'RCI+JU:ABC123::010326:0900'TIF+PETROVIC+ANA MRS:A:1'{docs('P00000000', 'PETROVIC')}{LEG}"
    f"SRC'RCI+OS:ABC123::010326:0900'TIF+NOVAK+ANA MRS:A:1'{docs('P00000001', 'NOVAK')}{LEG}"
)
# The passport says PETROVIC/ANA; the booking, made under another name, has no passport or birth date.
OTHER_NAME = pnr("SRC'RCI+JU:QWE456::010326:0900'TIF+JOVANOVIC+MILICA MRS:A:1'" + LEG, ref="2")
WANTED = {"id": "W1", "names": ["Milica Jovanović"], "surname": "Jovanović", "given_names": "Milica"}


def _ingest(engine: Engine, *messages: bytes, surnames: tuple[str, ...]) -> None:
    intake = Intake(engine, now=lambda: AT)
    for number, data in enumerate((*messages, paxlst(flight="JU123", surnames=surnames))):
        intake.receive(data, source=f"{number}.edi")
    assert intake.summary().rejected == 0


def _travellers(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {row.surname: row.id for row in session.scalars(select(TravellerRow))}


def test_lines_carry_the_carrier_and_two_carriers_locators_stay_apart(engine: Engine) -> None:
    _ingest(engine, SAME_LOCATOR, surnames=("PETROVIC", "NOVAK"))
    reconcile_all(engine, now=lambda: AT)
    with engine.connect() as connection:
        lines = {
            (r["status"], r["carrier"], r["record_locator"], r["pnr_name"])
            for r in reconciliation_rows(connection)
        }
    assert lines == {("linked", "JU", "ABC123", "PETROVIC/ANA"), ("linked", "OS", "ABC123", "NOVAK/ANA")}
    ids = _travellers(engine)
    with Session(engine) as session:
        novak = traveller_booking(session, traveller_id=ids["NOVAK"])
        petrovic = traveller_booking(session, traveller_id=ids["PETROVIC"])
        found = {b.carrier: b for b in search_by_record_locator(session, record_locator="abc123")}
    # The locator alone would give NOVAK the booking first stored (JU's) and PETROVIC as a co-traveller.
    assert novak is not None and petrovic is not None
    assert (novak.carrier, [c.pnr_name for c in novak.co_travellers]) == ("OS", [])
    assert (petrovic.carrier, [c.pnr_name for c in petrovic.co_travellers]) == ("JU", [])
    assert [(t.name, t.traveller_id) for t in found["OS"].travellers] == [("NOVAK/ANA", ids["NOVAK"])]
    assert [(t.name, t.traveller_id) for t in found["JU"].travellers] == [("PETROVIC/ANA", ids["PETROVIC"])]


def _screen(engine: Engine) -> ScreenSummary:
    with Session(engine) as session, session.begin():
        import_list(
            session,
            json.dumps(WANTED).encode() + b"\n",
            name="wanted",
            fmt=WatchlistFormat.JSONL,
            source="wanted.jsonl",
            imported_by="ana",
            now=AT,
            registration=Registration(
                owner="Police",
                category=WatchlistCategory.WANTED_PERSONS,
                legal_basis="Law Art 1",
                threshold=0.8,
            ),
        )
    with Session(engine) as session, session.begin():
        lists = load_lists(session, pseudonym_key=hit_key(session.connection()))
        return screen_stored(session, lists, piu_country=DEFAULT_PIU_COUNTRY, now=AT)


def _keys(engine: Engine) -> tuple[str, str]:
    """The screening key of the API traveller PETROVIC/ANA, and the flight's scope of traveller keys."""
    with Session(engine) as session:
        flight = session.scalars(select(FlightRow)).one()
        secret = hit_key(session.connection())
    person = Traveller(Role.PASSENGER, "PETROVIC", "ANA", documents=(TravelDocument("P", "P00000000"),))
    return traveller_key(pseudonym_scope(flight), person, secret), pseudonym_scope(flight)


def test_without_a_stored_reconciliation_the_flight_is_reconciled_in_memory(engine: Engine) -> None:
    _ingest(engine, OTHER_NAME, surnames=("PETROVIC",))
    summary = _screen(engine)
    (hit,) = summary.hits
    assert (summary.reconciled_in_memory, hit.source, hit.match.entry_id) == (1, "pnr", "W1")
    _, label = _keys(engine)
    with Session(engine) as session:
        (stored,) = list_hits(session)
    # Names this different are no link: the booked traveller is screened under a key of its own.
    assert stored.hit.traveller_key.startswith(f"{label}/pnr/QWE456/")


def test_screening_follows_a_stored_link_and_does_not_reconcile_again(engine: Engine) -> None:
    _ingest(engine, OTHER_NAME, surnames=("PETROVIC",))
    reconcile_all(engine, now=lambda: AT)
    with engine.connect() as connection:
        assert [r["status"] for r in reconciliation_rows(connection)] == ["api_only", "pnr_only"]
    ids = _travellers(engine)
    with engine.begin() as connection:
        flight_id = connection.execute(select(FlightRow.id)).scalar_one()
        # A link recorded by a person: the booking's JOVANOVIC/MILICA is the passport's PETROVIC/ANA.
        replace_reconciliation(
            connection,
            flight_id=flight_id,
            rows=[
                {
                    "status": "linked",
                    "traveller_id": ids["PETROVIC"],
                    "carrier": "JU",
                    "record_locator": "QWE456",
                    "api_name": "PETROVIC/ANA",
                    "pnr_name": "JOVANOVIC/MILICA",
                    "confidence": 1.0,
                    "reasons": ["confirmed by a supervisor"],
                    "name_mismatch": True,
                    "computed_at": AT,
                    "received_at": AT,
                }
            ],
        )
    summary = _screen(engine)
    api_key, _ = _keys(engine)
    with Session(engine) as session:
        (stored,) = list_hits(session)
    # The booking's name hit the list; the hit is about the API traveller the stored link names.
    assert stored.hit.traveller_key == api_key
    (hit,) = summary.hits
    assert (hit.source, hit.match.entry_id, summary.reconciled_in_memory) == ("pnr", "W1", 0)


def _booked(given: str, born: date, passport: str) -> PnrTraveller:
    return PnrTraveller(
        Traveller(
            Role.PASSENGER, "MITIC", given, date_of_birth=born, documents=(TravelDocument("P", passport),)
        )
    )


def test_a_line_finds_its_traveller_among_namesakes_of_one_booking() -> None:
    # Father and son MITIC/MIROSLAV on one booking; only the son checked in (API row 7).
    father, son = (
        _booked("MIROSLAV", date(1975, 6, 22), "305779700"),
        _booked("MIROSLAV", date(2014, 10, 18), "875296207"),
    )
    sister = _booked("MAJA", date(2012, 4, 26), "967887565")
    booking = Booking(record_locator="P7SKY5", carrier="ju", travellers=(father, sister, son))
    api = {7: son.person, 8: sister.person}
    lines = [
        StoredLink("linked", 8, "JU", "P7SKY5", "MITIC/MAJA"),
        StoredLink("linked", 7, "JU", "P7SKY5", "MITIC/MIROSLAV"),
        StoredLink("pnr_only", None, "JU", "P7SKY5", "MITIC/MIROSLAV"),
        StoredLink("linked", 9, "OS", "P7SKY5", "MITIC/MIROSLAV"),  # another carrier's P7SKY5
    ]
    found = {id(t): line for _, t, line in line_travellers([booking], lines, api)}
    assert found[id(son)] == lines[1]
    assert found[id(father)] == lines[2]
    assert found[id(sister)] == lines[0]
    # A booking pushed after the flight was last reconciled has no line.
    later = Booking(
        record_locator="NEW001", carrier="JU", travellers=(_booked("ANA", date(1990, 1, 1), "1"),)
    )
    assert [line for _, _, line in line_travellers([later], lines, api)] == [None]
