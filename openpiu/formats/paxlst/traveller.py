"""One PAXLST person group (SG4 NAD ... with its SG5 DOC groups) → ``Traveller``.

The body of a group is read order-insensitively: implementation guides themselves disagree on the
order (the crew example of the MIG puts NAT before LOC), so each segment is placed by its tag and
qualifier, not by where it stands. Only ``DTM``/``LOC``/other segments that belong to a document
(``DTM+36``, ``LOC+91``...) attach to the latest ``DOC``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from openpiu.formats.dates import birth_date, expiry_date
from openpiu.formats.edifact import US, Row, Segment
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
from openpiu.model.construct import positional_builder

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


_build_traveller = positional_builder(Traveller)
_build_document = positional_builder(TravelDocument)
_build_baggage = positional_builder(Baggage)


class TravellerReader:
    """Reads the person groups of one message (``read``), sharing what every group needs.

    Args:
        rows: the message body rows.
        base: position of ``rows[0]`` in the interchange (for warnings and raw segments).
        reference: the message date, for the century of two-digit birth years.
        warnings: where problems are appended (with segment number and tag).
    """

    __slots__ = ("base", "doc", "extra", "reference", "rows", "start", "warnings")

    def __init__(
        self, rows: tuple[Row, ...], base: int, reference: date, warnings: list[ParseWarning]
    ) -> None:
        self.rows, self.base, self.reference, self.warnings = rows, base, reference, warnings
        # The group being read: its NAD index, its kept raw segments, the document being read.
        self.start = 0
        self.extra: list[RawSegment] | None = None
        self.doc: list[Any] | None = None

    def read(self, start: int, end: int) -> Traveller:
        """Read one person group: ``rows[start]`` is its ``NAD``, the group runs up to ``rows[end]``
        (the next ``NAD``/``CNT``, or the end of the message)."""
        rows, reference = self.rows, self.reference
        nad = rows[start]
        role, in_transit = ROLES.get(nad[1]) or ROLES[nad[1].strip().upper()]
        self.start = start
        self.doc = None
        # ``self.extra`` is None here: made when a first segment is kept raw, reset when the group is built.
        # (Setting it to None here would narrow its type to None for the rest of ``read``, though the
        # methods called meanwhile set it, and code compiled by mypyc trusts that type.)
        # Fast path: ``SURNAME:GIVEN[:SECOND...]`` in C080 (e4); anything else is read by _name.
        surname, separator, given_names = nad[4].partition(US) if len(nad) > 4 else ("", "", "")
        surname = surname.strip()
        if separator and surname:
            if not given_names.isalpha():  # more than one given name, or spaces to tidy
                given_names = " ".join(given_names.replace(US, " ").split())
        else:
            surname, given_names = _name(Segment(nad[0], nad, self.base + start), self.warnings)
        sex: Sex | None = None
        dob: date | None = None
        nationality = birth_place = residence = embarkation = debarkation = clearance = None
        reservation = passenger_ref = seat = crew_function = None
        verified: bool | None = None
        bag_count: int | None = None
        weight: float | None = None
        weight_unit: str | None = None
        tags: tuple[str, ...] = ()
        contacts: tuple[Contact, ...] = ()
        # A document while its group is read: [type, number, expiry, issue, country, place, extra list
        # or None].
        documents: list[list[Any]] = []
        doc: list[Any] | None = None
        # The hot loop of API intake (about twenty segments per traveller): values are taken from the
        # rows with C-level string methods, most frequent tags first; a segment too short for what its
        # tag needs (IndexError) is kept raw with a warning. Segments kept raw go on the document being
        # read, if any (``self.doc``, set with ``doc``), else on the traveller.
        for fields in rows[start + 1 : end]:
            tag = fields[0]
            try:
                if tag == "LOC":
                    qualifier, value = fields[1], fields[2]
                    if not value.isalnum() and (US in value or " " in value):
                        code = value.partition(US)[0].strip()
                        place = code or _component(value, 4) or None
                    else:
                        code = value
                        place = value or None
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
                        self.add(fields, "unknown LOC qualifier")
                elif tag == "RFF":
                    qualifier, _, rest = fields[1].partition(US)
                    if US in rest:
                        rest = rest.partition(US)[0]
                    found = rest.strip() or None
                    if qualifier == "AVF":
                        reservation = found
                    elif qualifier == "SEA":
                        seat = found
                    elif qualifier == "ABO":
                        passenger_ref = found
                    else:
                        self.add(fields, None if qualifier in _KNOWN_RFF else "unknown RFF qualifier")
                elif tag == "DTM":
                    qualifier, _, text = fields[1].partition(US)
                    if US in text:
                        text = text.partition(US)[0]
                    if qualifier == "329":
                        dob = birth_date(text, reference)
                        if dob is None:
                            self.problem(fields, f"date of birth {text!r} not understood")
                    elif qualifier == "36" and doc is not None:
                        doc[2] = expiry_date(text)
                        if doc[2] is None and text.strip():
                            self.problem(fields, f"expiry date {text!r} not understood")
                    elif qualifier == "182" and doc is not None:
                        doc[3] = birth_date(text, reference)
                        if doc[3] is None and text.strip():
                            self.problem(fields, f"issue date {text!r} not understood")
                    else:
                        self.add(fields, "unknown DTM qualifier")
                elif tag == "DOC":
                    number = fields[2].partition(US)[0].upper().replace(" ", "") if len(fields) > 2 else ""
                    doc = [
                        fields[1].partition(US)[0].strip().upper() or None,
                        number,
                        None,
                        None,
                        None,
                        None,
                        None,
                    ]
                    self.doc = doc
                    documents.append(doc)
                    if not number:
                        self.problem(fields, "document without a number")
                elif tag == "MEA":
                    unit, separator, amount = fields[3].partition(US)
                    if not separator:
                        unit, amount = "", unit  # ``MEA+CT++2``: the value without the unit component
                    amount = amount.partition(US)[0]
                    number_value = float(amount) if amount.isdecimal() else _number(amount)
                    qualifier = fields[1]
                    if qualifier == "CT" and number_value is not None:
                        bag_count = int(number_value)
                    elif qualifier == "WT" and number_value is not None:
                        weight, weight_unit = number_value, unit.strip() or None
                    else:
                        self.add_to_traveller(fields, "measurement not understood")
                elif tag == "ATT":
                    code = fields[3].partition(US)[0].strip()
                    if fields[1] != "2":
                        self.add_to_traveller(fields, "unknown ATT qualifier")
                    elif code:
                        sex = _SEX.get(code) or Sex.parse(code)
                        if sex is None:
                            self.problem(fields, f"sex {code!r} not understood")
                elif tag == "NAT":
                    if fields[1] in ("2", "1"):
                        nationality = fields[2].partition(US)[0].strip().upper() or None
                    else:
                        self.add_to_traveller(fields, "unknown NAT qualifier")
                elif tag == "GEI":
                    value = fields[2].strip()
                    if value == "173":
                        verified = True
                    elif value == "174":
                        verified = False
                    else:
                        self.add(fields, None)
                elif tag == "FTX":
                    if fields[1] != "BAG":
                        self.add_to_traveller(
                            fields, None if fields[1] in _KNOWN_FTX else "unknown FTX qualifier"
                        )
                        continue
                    first, _, bag_count_text = fields[4].partition(US)
                    first = first.strip().upper()
                    if bag_count_text.strip() in ("", "0", "1"):
                        if first:
                            tags += (first,)
                    else:
                        tags += tuple(self.bag_tags(first, bag_count_text, fields))
                elif tag == "COM":
                    contacts += tuple(contacts_of(self.segment(fields)))
                elif tag == "EMP":
                    crew_function = fields[2].partition(US)[0].strip() or None
                else:
                    self.add(fields, None)
            except IndexError:
                self.add(fields, "segment too short")
        extra, self.extra = self.extra, None
        baggage = None
        if bag_count is not None or weight is not None or tags:
            baggage = _build_baggage(bag_count, weight, weight_unit, tags)
        return _build_traveller(
            role,
            surname,
            given_names,
            in_transit,
            sex,
            dob,
            nationality,
            birth_place,
            residence,
            embarkation,
            debarkation,
            clearance,
            _address(Segment(nad[0], nad, self.base + start)) if len(nad) > 5 else None,
            _documents(documents),
            reservation,
            passenger_ref,
            seat,
            baggage,
            verified,
            crew_function,
            contacts,
            () if extra is None else tuple(extra),
        )

    # The slow path: segments kept raw and warnings, with their positions. Positions are found only
    # here (a row's index by identity), so the hot loop carries no counter.

    def segment(self, fields: Row) -> Segment:
        rows, index = self.rows, self.start
        while rows[index] is not fields:
            index += 1
        return Segment(fields[0], fields, self.base + index)

    def add(self, fields: Row, problem: str | None) -> None:
        """Keep ``fields`` raw on the document being read (if any) or the traveller; warn if asked."""
        doc = self.doc
        if doc is None:
            self.add_to_traveller(fields, problem)
        else:
            if doc[6] is None:
                doc[6] = []
            self.keep(fields, doc[6], problem)

    def add_to_traveller(self, fields: Row, problem: str | None) -> None:
        """Keep ``fields`` raw on the traveller (segments that never belong to a document)."""
        if self.extra is None:
            self.extra = []
        self.keep(fields, self.extra, problem)

    def keep(self, fields: Row, into: list[RawSegment], problem: str | None) -> None:
        segment = self.segment(fields)
        into.append(raw(segment))
        if problem:
            self.warnings.append(
                ParseWarning(segment.position, segment.tag, f"{problem} {segment.get(1).strip()!r}: kept raw")
            )

    def problem(self, fields: Row, message: str) -> None:
        segment = self.segment(fields)
        self.warnings.append(ParseWarning(segment.position, segment.tag, message))

    def bag_tags(self, first: str, count_text: str, fields: Row) -> list[str]:
        """``FTX+BAG+++ZZ012345:3`` → three consecutive tags ZZ012345, ZZ012346, ZZ012347."""
        if not first:
            return []
        count_text = count_text.strip()
        count = int(count_text) if count_text.isdecimal() else 1
        digits = len(first) - len(first.rstrip("0123456789"))
        if count > 99:
            self.problem(fields, f"bag tag count {count} implausible: first tag kept")
            return [first]
        if count <= 1 or digits == 0:
            return [first]
        prefix, number = first[: len(first) - digits], int(first[len(first) - digits :])
        return [f"{prefix}{str(number + k).zfill(digits)}" for k in range(count)]


def _documents(documents: list[list[Any]]) -> tuple[TravelDocument, ...]:
    """The documents read, as ``[type, number, expiry, issue, country, place, extras or None]`` lists."""
    if len(documents) == 1:  # the usual case, without a comprehension
        d = documents[0]
        return (_build_document(d[0], d[1], d[4], d[2], d[3], d[5], () if d[6] is None else tuple(d[6])),)
    return tuple([_build_document(d[0], d[1], d[4], d[2], d[3], d[5], tuple(d[6] or ())) for d in documents])


_SEX = {"M": Sex.MALE, "F": Sex.FEMALE, "X": Sex.UNSPECIFIED, "U": Sex.UNKNOWN}


def _component(value: str, component: int) -> str:
    parts = value.split(US)
    return parts[component - 1].strip() if len(parts) >= component else ""


def _name(nad: Segment, warnings: list[ParseWarning]) -> tuple[str, str]:
    """Surname and given names when NAD C080 (e4) is not ``SURNAME:GIVEN``: case kept, stripped.

    Some senders put the whole name in one component: ``SURNAME/GIVEN`` (AIRIMP style) is split;
    anything else stays whole in the surname, with a warning (splitting at a space would cut
    double surnames such as ``DE LA CRUZ``). A name sent in C058 (e3) instead is read from there.
    """
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
