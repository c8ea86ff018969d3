"""``SSR`` segments: the generic layout and the APIS-in-PNR free texts (``DOCS``, ``DOCO``, ``DOCA``).

``SSR`` e1 is ``code:status:quantity:airline:procInd:procInd:board:off:freeText``; e2 and later elements
are ``data:unit:travellerRef:seatCharacteristics`` (one per seat or traveller). The DOCS/DOCO/DOCA free
texts are ``/``-separated positions defined by AIRIMP (standards digest §4.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from openpiu.formats.dates import ddmmmyy
from openpiu.formats.edifact import US, Row
from openpiu.formats.pnrgov.elements import opt
from openpiu.model import Address, Contact, FrequentFlyer, Sex, SpecialService, TravelDocument
from openpiu.model.construct import positional_builder

# Document type codes seen in SSR DOCS position 1: used to detect free texts shifted by one position.
_DOC_TYPES: Final = frozenset(
    {"P", "PP", "PT", "PD", "PM", "I", "IP", "A", "AC", "C", "F", "M", "V", "N", "D", "IN", "IR"}
)

# SSR contact codes → PAXLST COM kinds (TE telephone, EM e-mail). CTCR = passenger refused to give one.
_SEAT_CODES: Final = {"SEAT", "NSST", "RQST", "NSSA", "NSSW", "NSSB", "SMSA", "SMSW", "SMST"}

CONTACT_CODES: Final = {"CTCE": "EM", "CTCM": "TE", "CTCH": "TE", "CTCB": "TE", "CTCP": "TE"}


class SsrFields:
    """An SSR read into the fields of a ``SpecialService``, which is built (once) only where one is kept:
    a traveller's DOCS or contact is read into the traveller, and its service object would be dropped."""

    __slots__ = (
        "board",
        "built",
        "carrier",
        "code",
        "off",
        "quantity",
        "seats",
        "status",
        "text",
        "traveller_refs",
    )

    def __init__(
        self,
        code: str,
        status: str | None,
        quantity: int | None,
        carrier: str | None,
        board: str | None,
        off: str | None,
        text: str | None,
        traveller_refs: tuple[str, ...],
        seats: tuple[str, ...],
    ) -> None:
        self.code = code
        self.status = status
        self.quantity = quantity
        self.carrier = carrier
        self.board = board
        self.off = off
        self.text = text
        self.traveller_refs = traveller_refs
        self.seats = seats
        self.built: SpecialService | None = None

    def service(self) -> SpecialService:
        """The ``SpecialService`` of these fields (the same object at every call)."""
        built = self.built
        if built is None:
            built = self.built = _special_service(
                self.code,
                self.status,
                self.quantity,
                self.carrier,
                self.board,
                self.off,
                self.text,
                self.traveller_refs,
                self.seats,
            )
        return built


def ssr_fields(row: Row) -> SsrFields:
    """The generic reading of any SSR (given as its row), as fields (see ``SsrFields``)."""
    first = [part.strip() for part in row[1].split(US)] if len(row) > 1 else []
    if len(first) < 9:
        first += [""] * (9 - len(first))
    code, status, quantity, carrier = first[0].upper(), first[1], first[2], first[3]
    is_seat = code in _SEAT_CODES
    refs: list[str] = []
    seats: list[str] = []
    for value in row[2:]:
        element = value.split(US)
        data = element[0].strip()
        ref = element[2].strip() if len(element) > 2 else ""
        if is_seat:
            # Seat data and traveller references stay paired: one element per seat.
            if data and ref:
                seats.append(data.upper())
                refs.append(ref)
        elif ref:
            refs.append(ref)
    return SsrFields(
        code,
        status or None,
        int(quantity) if quantity.isdecimal() else None,
        carrier or None,
        first[6] or None,
        first[7] or None,
        first[8] or None,
        tuple(refs),
        tuple(seats),
    )


@dataclass(frozen=True, slots=True)
class DocsData:
    """What an ``SSR DOCS`` free text holds.

    ``infant`` is True for the infant genders ``MI``/``FI``: the document then belongs to the infant
    travelling on the adult's lap, not to the adult the SSR is attached to.
    """

    document: TravelDocument | None
    nationality: str | None
    date_of_birth: date | None
    sex: Sex | None
    infant: bool
    surname: str | None
    given_names: str | None
    shifted: int


_special_service: Final = positional_builder(SpecialService)
_travel_document: Final = positional_builder(TravelDocument)
_docs_data: Final = positional_builder(DocsData)
_contact: Final = positional_builder(Contact)


def _positions(text: str) -> list[str]:
    fields = text.split("/")
    if fields and not fields[0].strip():
        fields = fields[1:]
    return [f.strip() for f in fields]


def _is_ddmmmyy(value: str) -> bool:
    return ddmmmyy(value) is not None


def docs(text: str, reference: date) -> DocsData:
    """Read ``/P/GBR/123456789/GBR/12JUL64/M/23AUG19/SURNAME/GIVEN/SECOND/H``.

    Real free texts are often shifted by one position (a missing or doubled ``/``): as GTAS does, the
    reader checks where the document type and the birth date stand and realigns by one when they are
    one position off. ``shifted`` says by how much (0, +1 or -1) so the caller can warn.
    """
    fields = _positions(text)
    shifted = 0
    # The birth date where it should stand, read once: a date read with the century rule is also a
    # DDMMMYY date (``_is_ddmmmyy``), so only an unreadable one needs the check for a shift.
    born: date | None = None
    read_born = False
    if len(fields) > 5:
        born = ddmmmyy(fields[4], reference=reference) if fields[4] else None
        read_born = True
        if born is None and not _is_ddmmmyy(fields[4]):
            read_born = False
            if _is_ddmmmyy(fields[3]):
                fields, shifted = ["", *fields], -1
            elif _is_ddmmmyy(fields[5]) or (fields[0] not in _DOC_TYPES and fields[1] in _DOC_TYPES):
                fields, shifted = fields[1:], 1
    fields += [""] * (12 - len(fields))
    doc_type, issuer, number, nationality, birth, gender, expiry, surname, given, second = fields[:10]
    if second:
        given = f"{given} {second}" if given else second
    gender_code = gender.upper()
    document = None
    if number:
        document = _travel_document(
            doc_type.upper() or None,
            number.upper().replace(" ", ""),
            issuer.upper() or None,
            ddmmmyy(expiry) if expiry else None,
            None,
            None,
            (),
        )
    return _docs_data(
        document,
        nationality.upper() or None,
        born if read_born else ddmmmyy(birth, reference=reference) if birth else None,
        _sex(gender_code) if gender_code else None,
        gender_code in ("MI", "FI"),
        surname.upper() or None,
        given.upper() or None,
        shifted,
    )


# ``Sex.parse`` by letter: it reads only the first letter of the (stripped, upper-case) code.
_SEXES: Final[dict[str, Sex | None]] = {}


def _sex(code: str) -> Sex | None:
    """``Sex.parse(code)`` for a stripped, upper-case gender code, remembered per first letter."""
    letter = code[:1]
    if letter in _SEXES:
        return _SEXES[letter]
    found = Sex.parse(letter)
    if len(_SEXES) < 64:  # bounded: senders may write anything there
        _SEXES[letter] = found
    return found


def doco(text: str, reference: date) -> TravelDocument | None:
    """``SSR DOCO`` (other document, usually a visa): ``placeOfBirth/type/number/placeOfIssue/issueDate/
    validFor``. ``None`` when it has no document number."""
    fields = _positions(text)
    fields += [""] * (7 - len(fields))
    _birth_place, doc_type, number, place, issued, valid_for = fields[:6]
    if not number:
        return None
    return TravelDocument(
        type=opt(doc_type.upper()),
        number=number.upper().replace(" ", ""),
        issuing_country=opt(valid_for.upper()) if len(valid_for) in (2, 3) else None,
        issue_date=ddmmmyy(issued, reference=reference) if issued else None,
        place_of_issue=opt(place),
    )


def doca(text: str) -> tuple[str, Address]:
    """``SSR DOCA``: ``type/country/street/city/state/postcode`` → (``R`` residence or ``D`` destination,
    address)."""
    fields = _positions(text)
    fields += [""] * (7 - len(fields))
    kind, country, street, city, region, postcode = fields[:6]
    return kind.upper(), Address(
        street=opt(street), city=opt(city), region=opt(region), postcode=opt(postcode), country=opt(country)
    )


def contact(code: str, text: str) -> Contact | None:
    """``SSR CTCE/CTCM/CTCH``: e-mail (``//`` stands for ``@``, ``..`` for ``_``) or telephone."""
    kind = CONTACT_CODES.get(code)
    value = text.strip().lstrip("/").strip()
    if kind is None or not value:
        return None
    if kind == "EM":
        value = value.replace("//", "@").replace("..", "_")
    return _contact(kind, value)


def frequent_flyer(text: str, carrier: str | None) -> FrequentFlyer | None:
    """``SSR FQTV`` free text ``XX1234567`` or ``XX 1234567``: the carrier and the number."""
    value = text.strip().replace(" ", "")
    if len(value) < 3:
        return None
    if value[:2].isalnum() and not value[:2].isdecimal():
        return FrequentFlyer(carrier=value[:2].upper(), number=value[2:].lstrip("/"))
    return FrequentFlyer(carrier=(carrier or "").upper(), number=value)
