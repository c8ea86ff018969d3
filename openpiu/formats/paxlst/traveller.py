"""One PAXLST person group (SG4 NAD ... with its SG5 DOC groups) → ``Traveller``.

The body of a group is read order-insensitively: implementation guides themselves disagree on the
order (the crew example of the MIG puts NAT before LOC), so each segment is placed by its tag and
qualifier, not by where it stands. Only ``DTM``/``LOC``/other segments that belong to a document
(``DTM+36``, ``LOC+91``...) attach to the latest ``DOC``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from openpiu.formats.dates import birth_date, expiry_date, yymmdd_past
from openpiu.formats.edifact import Segment
from openpiu.model import (
    Address,
    Baggage,
    Contact,
    ParseWarning,
    RawSegment,
    Role,
    Sex,
    TravelDocument,
    Traveller,
)

# NAD 3035 party function → role and in-transit flag.
ROLES: dict[str, tuple[Role, bool]] = {
    "FL": (Role.PASSENGER, False),
    "DDU": (Role.PASSENGER, True),
    "FM": (Role.CREW, False),
    "DDT": (Role.CREW, True),
}

# RFF qualifiers seen in PAXLST that OpenPIU keeps raw without a warning (government reference,
# customer reference...). Others are kept raw too, with a warning.
_KNOWN_RFF = {"AEA", "CR", "AHU", "ACD", "AEZ", "YZY", "ZZZ"}
_KNOWN_FTX = {"AAI", "AAC", "ACB"}


def raw(segment: Segment) -> RawSegment:
    """Keep a segment OpenPIU does not model, as sent (re-written with default delimiters)."""
    return RawSegment(segment.position, segment.tag, segment.text)


def _unknown(segment: Segment, qualifier: str) -> ParseWarning:
    return ParseWarning(
        segment.position, segment.tag, f"unknown {segment.tag} qualifier {qualifier!r}: kept raw"
    )


class _Document:
    """A travel document while its group is being read."""

    __slots__ = ("expiry", "extra", "issue", "issuing_country", "number", "place", "type")

    def __init__(self, doc: Segment) -> None:
        self.type = doc.get(0).strip().upper() or None
        self.number = doc.get(1).upper().replace(" ", "")
        self.expiry: date | None = None
        self.issue: date | None = None
        self.issuing_country: str | None = None
        self.place: str | None = None
        self.extra: list[RawSegment] = []

    def freeze(self) -> TravelDocument:
        return TravelDocument(
            type=self.type,
            number=self.number,
            issuing_country=self.issuing_country,
            expiry_date=self.expiry,
            issue_date=self.issue,
            place_of_issue=self.place,
            extra=tuple(self.extra),
        )


def read_traveller(
    nad: Segment, body: Sequence[Segment], reference: date, warnings: list[ParseWarning]
) -> Traveller:
    """Read one person: the ``NAD`` and the segments up to the next ``NAD``/``CNT``.

    Args:
        nad: the ``NAD+FL``/``FM``/``DDU``/``DDT`` segment.
        body: the segments of the group after it.
        reference: the message date, for the century of two-digit birth years.
        warnings: where problems are appended (with segment number and tag).
    """
    role, in_transit = ROLES[nad.get(0).strip().upper()]
    surname, given_names = _name(nad, warnings)
    sex: Sex | None = None
    dob: date | None = None
    nationality = birth_place = residence = embarkation = debarkation = clearance = None
    reservation = passenger_ref = seat = crew_function = None
    verified: bool | None = None
    bag_count: int | None = None
    weight: float | None = None
    weight_unit: str | None = None
    tags: list[str] = []
    contacts: list[Contact] = []
    documents: list[_Document] = []
    extra: list[RawSegment] = []
    doc: _Document | None = None
    for segment in body:
        tag, elements = segment.tag, segment.elements
        qualifier = elements[0][0].strip() if elements else ""
        value = segment.get(1).strip()
        if tag == "LOC":
            place = value or segment.get(1, 3).strip() or None
            if qualifier == "91" and doc is not None:
                if value:
                    doc.issuing_country = value.upper()
                else:
                    doc.place = place
            elif qualifier == "178":
                embarkation = place
            elif qualifier == "179":
                debarkation = place
            elif qualifier == "174":
                residence = place
            elif qualifier == "180":
                birth_place = place
            elif qualifier == "22":
                clearance = place
            elif doc is not None:
                doc.extra.append(raw(segment))
            else:
                extra.append(raw(segment))
                warnings.append(_unknown(segment, qualifier))
        elif tag == "DTM":
            text = segment.get(0, 1)
            if qualifier == "329":
                dob = birth_date(text, reference)
                if dob is None:
                    warnings.append(
                        ParseWarning(segment.position, tag, f"date of birth {text!r} not understood")
                    )
            elif qualifier in ("36", "182") and doc is not None:
                when = expiry_date(text) if qualifier == "36" else yymmdd_past(text, reference)
                if qualifier == "182" and len(text.strip()) == 8:
                    when = birth_date(text, reference)
                if when is None and text.strip():
                    warnings.append(
                        ParseWarning(segment.position, tag, f"document date {text!r} not understood")
                    )
                if qualifier == "36":
                    doc.expiry = when
                else:
                    doc.issue = when
            elif doc is not None:
                doc.extra.append(raw(segment))
                warnings.append(_unknown(segment, qualifier))
            else:
                extra.append(raw(segment))
                warnings.append(_unknown(segment, qualifier))
        elif tag == "RFF":
            reference_value = segment.get(0, 1).strip()
            if qualifier == "AVF":
                reservation = reference_value or None
            elif qualifier == "ABO":
                passenger_ref = reference_value or None
            elif qualifier == "SEA":
                seat = reference_value or None
            else:
                (doc.extra if doc is not None else extra).append(raw(segment))
                if qualifier not in _KNOWN_RFF:
                    warnings.append(_unknown(segment, qualifier))
        elif tag == "DOC":
            doc = _Document(segment)
            if not doc.number:
                warnings.append(ParseWarning(segment.position, tag, "document without a number"))
            documents.append(doc)
        elif tag == "ATT":
            code = segment.get(2).strip()
            if qualifier == "2":
                sex = Sex.parse(code) if code else None
                if code and sex is None:
                    warnings.append(ParseWarning(segment.position, tag, f"sex {code!r} not understood"))
            else:
                extra.append(raw(segment))
                warnings.append(_unknown(segment, qualifier))
        elif tag == "NAT":
            if qualifier in ("2", "1") and value:
                nationality = value.upper()
            else:
                extra.append(raw(segment))
                warnings.append(_unknown(segment, qualifier))
        elif tag == "MEA":
            unit, amount = segment.get(2, 0).strip(), segment.get(2, 1).strip()
            if not amount and len(segment.element(2)) == 1:
                unit, amount = "", unit  # ``MEA+CT++2``: the value without the unit component
            number = _number(amount)
            if qualifier == "CT" and number is not None:
                bag_count = int(number)
            elif qualifier == "WT" and number is not None:
                weight, weight_unit = number, unit or None
            else:
                extra.append(raw(segment))
                warnings.append(ParseWarning(segment.position, tag, f"measurement {segment.text!r} kept raw"))
        elif tag == "GEI":
            if value == "173":
                verified = True
            elif value == "174":
                verified = False
            else:
                (doc.extra if doc is not None else extra).append(raw(segment))
        elif tag == "FTX":
            if qualifier == "BAG":
                tags.extend(_bag_tags(segment, warnings))
            else:
                extra.append(raw(segment))
                if qualifier not in _KNOWN_FTX:
                    warnings.append(_unknown(segment, qualifier))
        elif tag == "COM":
            contacts.extend(contacts_of(segment))
        elif tag == "EMP":
            crew_function = segment.get(1).strip() or None
        elif doc is not None:
            doc.extra.append(raw(segment))
        else:
            extra.append(raw(segment))
    baggage = None
    if bag_count is not None or weight is not None or tags:
        baggage = Baggage(count=bag_count, weight=weight, weight_unit=weight_unit, tags=tuple(tags))
    return Traveller(
        role=role,
        surname=surname,
        given_names=given_names,
        in_transit=in_transit,
        sex=sex,
        date_of_birth=dob,
        nationality=nationality,
        place_of_birth=birth_place,
        country_of_residence=residence,
        embarkation=embarkation,
        debarkation=debarkation,
        clearance=clearance,
        address=_address(nad),
        documents=tuple(d.freeze() for d in documents),
        reservation_ref=reservation,
        passenger_ref=passenger_ref,
        seat=seat,
        baggage=baggage,
        verified=verified,
        crew_function=crew_function,
        contacts=tuple(contacts),
        extra=tuple(extra),
    )


def _name(nad: Segment, warnings: list[ParseWarning]) -> tuple[str, str]:
    """Surname and given names from NAD C080 (e4): ``SURNAME:GIVEN:SECOND``, case kept, stripped.

    Some senders put the whole name in one component: ``SURNAME/GIVEN`` (AIRIMP style) is split;
    anything else stays whole in the surname, with a warning (splitting at a space would cut
    double surnames such as ``DE LA CRUZ``).
    """
    parts = [p.strip() for p in nad.element(3)]
    parts = [p for p in parts if p]
    if not parts:
        # The name may be in C058 (e3, free-text name and address lines) instead.
        parts = [p.strip() for p in nad.element(2) if p.strip()]
        if not parts:
            warnings.append(ParseWarning(nad.position, "NAD", "traveller without a name"))
            return "", ""
        warnings.append(ParseWarning(nad.position, "NAD", "name sent in NAD e3 instead of e4"))
    if len(parts) == 1:
        whole = parts[0]
        if "/" in whole:
            surname, _, given = whole.partition("/")
            return surname.strip(), " ".join(given.split())
        if " " in whole:
            warnings.append(ParseWarning(nad.position, "NAD", f"whole name {whole!r} in one component"))
        return whole, ""
    return parts[0], " ".join(parts[1:])


def _address(nad: Segment) -> Address | None:
    """Home address from NAD e5 (street lines), e6 city, e7 sub-entity (``code:::name``), e8 postcode,
    e9 country; None when none is sent."""
    elements = nad.elements
    if len(elements) <= 4:
        return None
    street = " ".join(p.strip() for p in nad.element(4) if p.strip()) or None
    city = nad.get(5).strip() or None
    region = nad.get(6).strip() or nad.get(6, 3).strip() or None
    postcode = nad.get(7).strip() or None
    country = nad.get(8).strip() or None
    if not (street or city or region or postcode or country):
        return None
    return Address(street=street, city=city, region=region, postcode=postcode, country=country)


def contacts_of(com: Segment) -> list[Contact]:
    """``COM+number:TE+number:FX+...:EM`` → contacts (kind ``TE``, ``FX``, ``EM``...)."""
    found = []
    for element in com.elements:
        number = element[0].strip()
        if number:
            kind = element[1].strip().upper() if len(element) > 1 else ""
            found.append(Contact(kind=kind or "TE", value=number))
    return found


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _bag_tags(ftx: Segment, warnings: list[ParseWarning]) -> list[str]:
    """``FTX+BAG+++ZZ012345:3`` → three consecutive tags ZZ012345, ZZ012346, ZZ012347."""
    first = ftx.get(3, 0).strip().upper()
    count_text = ftx.get(3, 1).strip()
    if not first:
        return []
    count = int(count_text) if count_text.isdigit() else 1
    digits = len(first) - len(first.rstrip("0123456789"))
    if count <= 1 or digits == 0 or count > 99:
        if count > 99:
            warnings.append(
                ParseWarning(ftx.position, "FTX", f"bag tag count {count} implausible: first tag kept")
            )
        return [first]
    prefix, number = first[: len(first) - digits], int(first[len(first) - digits :])
    return [f"{prefix}{str(number + k).zfill(digits)}" for k in range(count)]
