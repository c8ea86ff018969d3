"""One PAXLST person group (SG4 NAD ... with its SG5 DOC groups) → ``Traveller``.

The body of a group is read order-insensitively: implementation guides themselves disagree on the
order (the crew example of the MIG puts NAT before LOC), so each segment is placed by its tag and
qualifier, not by where it stands. Only ``DTM``/``LOC``/other segments that belong to a document
(``DTM+36``, ``LOC+91``...) attach to the latest ``DOC``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from openpiu.formats.dates import birth_date, expiry_date
from openpiu.formats.edifact import US, Segment
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


def _document(segment: Segment) -> list[Any]:
    """A travel document while its group is read: [type, number, expiry, issue, country, place, extra]."""
    return [
        segment.get(1).strip().upper() or None,
        segment.get(2).upper().replace(" ", ""),
        None,
        None,
        None,
        None,
        [],
    ]


def _freeze(doc: list[Any]) -> TravelDocument:
    return TravelDocument(doc[0], doc[1], doc[4], doc[2], doc[3], doc[5], tuple(doc[6]))


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
    role, in_transit = ROLES[nad.get(1).strip().upper()]
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
    documents: list[list[Any]] = []
    extra: list[RawSegment] = []
    doc: list[Any] | None = None
    # The hot loop of API intake (about twenty segments per traveller): values are taken from
    # ``Segment.raw`` with C-level string methods, most frequent tags first.
    for segment in body:
        fields = segment[1]
        tag = fields[0]
        n = len(fields)
        if tag == "LOC" and n > 2:
            qualifier, value = fields[1], fields[2]
            code, has_components, _ = value.partition(US)
            code = code.strip()
            place = code or (_component(value, 4) if has_components else "") or None
            if qualifier == "178":
                embarkation = place
            elif qualifier == "179":
                debarkation = place
            elif qualifier == "91" and doc is not None:
                if code:
                    doc[4] = code.upper()
                else:
                    doc[5] = place
            elif qualifier == "174":
                residence = place
            elif qualifier == "180":
                birth_place = place
            elif qualifier == "22":
                clearance = place
            else:
                _keep(segment, doc, extra, warnings)
        elif tag == "DTM" and n > 1:
            qualifier, _, rest = fields[1].partition(US)
            text = rest.partition(US)[0]
            if qualifier == "329":
                dob = birth_date(text, reference)
                if dob is None:
                    warnings.append(_problem(segment, f"date of birth {text!r} not understood"))
            elif qualifier == "36" and doc is not None:
                doc[2] = expiry_date(text)
                if doc[2] is None and text.strip():
                    warnings.append(_problem(segment, f"expiry date {text!r} not understood"))
            elif qualifier == "182" and doc is not None:
                doc[3] = birth_date(text, reference)
                if doc[3] is None and text.strip():
                    warnings.append(_problem(segment, f"issue date {text!r} not understood"))
            else:
                _keep(segment, doc, extra, warnings)
        elif tag == "RFF" and n > 1:
            qualifier, _, rest = fields[1].partition(US)
            found = rest.partition(US)[0].strip() or None
            if qualifier == "AVF":
                reservation = found
            elif qualifier == "ABO":
                passenger_ref = found
            elif qualifier == "SEA":
                seat = found
            else:
                _keep(segment, doc, extra, warnings, warn=qualifier not in _KNOWN_RFF)
        elif tag == "DOC":
            doc = _document(segment)
            if not doc[1]:
                warnings.append(_problem(segment, "document without a number"))
            documents.append(doc)
        elif tag == "ATT" and n > 3 and fields[1] == "2":
            code = fields[3].partition(US)[0].strip()
            sex = Sex.parse(code) if code else None
            if code and sex is None:
                warnings.append(_problem(segment, f"sex {code!r} not understood"))
        elif tag == "NAT" and n > 2 and fields[1] in ("2", "1"):
            nationality = fields[2].partition(US)[0].strip().upper() or None
        elif tag == "MEA" and n > 3:
            unit, separator, amount = fields[3].partition(US)
            if not separator:
                unit, amount = "", unit  # ``MEA+CT++2``: the value without the unit component
            number = _number(amount.partition(US)[0])
            qualifier = fields[1]
            if qualifier == "CT" and number is not None:
                bag_count = int(number)
            elif qualifier == "WT" and number is not None:
                weight, weight_unit = number, unit.strip() or None
            else:
                _keep(segment, None, extra, warnings)
        elif tag == "GEI" and n > 2:
            value = fields[2].strip()
            if value == "173":
                verified = True
            elif value == "174":
                verified = False
            else:
                _keep(segment, doc, extra, warnings, warn=False)
        elif tag == "FTX" and n > 1 and fields[1] == "BAG":
            first, _, count = fields[4].partition(US) if n > 4 else ("", "", "")
            if count.strip() in ("", "0", "1"):
                if first.strip():
                    tags.append(first.strip().upper())
            else:
                tags.extend(_bag_tags(segment, warnings))
        elif tag == "COM":
            contacts.extend(contacts_of(segment))
        elif tag == "EMP":
            crew_function = segment.get(2).strip() or None
        else:
            _keep(segment, doc, extra, warnings, warn=tag in _QUALIFIED)
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
        address=_address(nad) if len(nad.raw) > 5 else None,
        documents=tuple([_freeze(d) for d in documents]),
        reservation_ref=reservation,
        passenger_ref=passenger_ref,
        seat=seat,
        baggage=baggage,
        verified=verified,
        crew_function=crew_function,
        contacts=tuple(contacts),
        extra=tuple(extra),
    )


# Tags of the person group whose qualifier OpenPIU reads: another qualifier is worth a warning.
_QUALIFIED = {"LOC", "DTM", "ATT", "NAT", "MEA", "FTX"}


def _keep(
    segment: Segment,
    doc: list[Any] | None,
    extra: list[RawSegment],
    warnings: list[ParseWarning],
    *,
    warn: bool = True,
) -> None:
    """Keep a segment OpenPIU does not model on the document being read (if any) or the traveller."""
    (doc[6] if doc is not None else extra).append(raw(segment))
    if warn:
        qualifier = segment.get(1).strip()
        warnings.append(_problem(segment, f"unknown {segment.tag} qualifier {qualifier!r}: kept raw"))


def _problem(segment: Segment, message: str) -> ParseWarning:
    return ParseWarning(segment.position, segment.tag, message)


def _component(value: str, component: int) -> str:
    parts = value.split(US)
    return parts[component - 1].strip() if len(parts) >= component else ""


def _name(nad: Segment, warnings: list[ParseWarning]) -> tuple[str, str]:
    """Surname and given names from NAD C080 (e4): ``SURNAME:GIVEN:SECOND``, case kept, stripped.

    Some senders put the whole name in one component: ``SURNAME/GIVEN`` (AIRIMP style) is split;
    anything else stays whole in the surname, with a warning (splitting at a space would cut
    double surnames such as ``DE LA CRUZ``).
    """
    fields = nad.raw
    surname, separator, given = fields[4].partition(US) if len(fields) > 4 else ("", "", "")
    surname = surname.strip()
    if separator and surname:
        return surname, " ".join(given.replace(US, " ").split())
    return _name_in_one_part(nad, warnings)


def _name_in_one_part(nad: Segment, warnings: list[ParseWarning]) -> tuple[str, str]:
    parts = [p.strip() for p in nad.element(4)]
    parts = [p for p in parts if p]
    if not parts:
        # The name may be in C058 (e3, free-text name and address lines) instead.
        parts = [p.strip() for p in nad.element(3) if p.strip()]
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
    street = " ".join(p.strip() for p in nad.element(5) if p.strip()) or None
    city = nad.get(6).strip() or None
    region = nad.get(7).strip() or nad.get(7, 4).strip() or None
    postcode = nad.get(8).strip() or None
    country = nad.get(9).strip() or None
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
    first = ftx.get(4, 1).strip().upper()
    count_text = ftx.get(4, 2).strip()
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
