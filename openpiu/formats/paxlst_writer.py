"""Write PAXLST interchanges from the domain model, cleanly or with the quirks carriers really send.

Used by the synthetic traffic generator and by tests: whatever is written must read back to the same
content through a correct, lenient parser. The layout follows the air-mode subset of standards §2.2 and
the annotated example of §2.8; the quirks are those of §1.1 and §2.9 (other UNA delimiters, no UNA,
packed or single-line segments, CRLF, indentation, a Type-B teletype envelope, a missing final
terminator, four-digit years in dates of birth).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from openpiu.model import ApiManifest, FlightLeg, Role, TravelDocument, Traveller

# A segment before rendering: tag, then elements; an element is one value or a list of components.
Element = str | list[str]
Segment = list[Element]


class Layout(StrEnum):
    """How segments are laid out on lines."""

    LINES = "lines"  # one segment per line (the common case)
    PACKED = "packed"  # several segments per line
    SINGLE = "single"  # the whole interchange on one line


@dataclass(frozen=True, slots=True)
class Delimiters:
    """The six UNA service characters (standards §1.1), ISO 9735 defaults."""

    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"
    repetition: str = " "
    terminator: str = "'"

    @property
    def una(self) -> str:
        """The ``UNA`` service string advice announcing these delimiters."""
        return (
            f"UNA{self.component}{self.element}{self.decimal}{self.release}{self.repetition}{self.terminator}"
        )

    @property
    def is_default(self) -> bool:
        return self == DEFAULT_DELIMITERS


DEFAULT_DELIMITERS = Delimiters()
# Older US-style APIS (GTAS airline2.edi): "*" separates elements, "$" ends segments.
STAR_DOLLAR = Delimiters(element="*", repetition=" ", terminator="$")
# A PNRGOV guide transcription uses a backslash as release character.
BACKSLASH_RELEASE = Delimiters(release="\\")


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """How to write an interchange. The defaults give a clean D05B message, one segment per line.

    Attributes:
        directory: ``D05B`` or ``D02B`` (UNH S009 and UNG version).
        delimiters: service characters; non-default ones need ``una=True``.
        una: write the ``UNA`` service string (optional when delimiters are the defaults).
        ung: wrap messages in a ``UNG``/``UNE`` functional group.
        layout: one segment per line, several per line, or one line.
        per_line: segments per line with ``Layout.PACKED``.
        newline: ``"\\n"`` or ``"\\r\\n"``.
        indent: written before every segment of the person groups (``NAD+FL`` .. before ``CNT``).
        teletype: wrap the interchange in a Type-B teletype envelope (SOH, address lines, STX .. ETX).
        final_terminator: False drops the terminator after the last segment (``UNZ``).
        century_dates_of_birth: write dates of birth as ``CCYYMMDD`` instead of ``YYMMDD``.
        document_qualifiers: write ``DOC+P:110:111`` (code list and agency) instead of ``DOC+P``;
            None means "as the directory usually does" (D02B yes, D05B no).
        pad_flight_number: write ``JU0456``; False writes ``JU456`` as many carriers do.
        party_qualifier: identification code qualifier after UNB/UNG sender and recipient (``ZZ``).
        charset: UNB syntax identifier (``UNOA``); data must be upper-case ASCII for ``UNOA``.
    """

    directory: str = "D05B"
    delimiters: Delimiters = DEFAULT_DELIMITERS
    una: bool = True
    ung: bool = True
    layout: Layout = Layout.LINES
    per_line: int = 4
    newline: str = "\n"
    indent: str = ""
    teletype: bool = False
    final_terminator: bool = True
    century_dates_of_birth: bool = False
    document_qualifiers: bool | None = None
    pad_flight_number: bool = True
    party_qualifier: str | None = None
    charset: str = "UNOA"


_ENCODINGS = {"UNOA": "ascii", "UNOB": "ascii", "UNOC": "latin-1", "UNOY": "utf-8", "UNOW": "utf-8"}


def write_paxlst(manifest: ApiManifest, options: WriteOptions | None = None) -> bytes:
    """One interchange holding one PAXLST message, as bytes.

    Interchange data (sender, recipient, preparation time, control reference) come from the manifest;
    UNT, UNE and UNZ counts are computed. Data values are escaped with the release character.

    Raises:
        ValueError: the options cannot be honoured (non-default delimiters without UNA, characters
            outside the declared character set).
    """
    return write_interchange([manifest], options)


def write_interchange(manifests: Sequence[ApiManifest], options: WriteOptions | None = None) -> bytes:
    """One interchange holding several PAXLST messages (all sent by the first manifest's sender)."""
    opts = options or WriteOptions()
    if not manifests:
        raise ValueError("an interchange needs at least one message")
    if not opts.una and not opts.delimiters.is_default:
        raise ValueError("non-default delimiters must be announced by UNA")
    first = manifests[0]
    ref = first.interchange_ref or "1"
    group_ref = ref.lstrip("0") or "1"
    stamp = _stamp(first.prepared)
    sender, recipient = _party(first.sender, opts), _party(first.recipient, opts)
    unb: Segment = ["UNB", [opts.charset, "4"], sender, recipient, stamp, ref, "", "APIS"]
    segments: list[Segment] = [unb]
    indented: set[int] = set()
    if opts.ung:
        version = ["D", opts.directory[1:]]
        segments.append(["UNG", "PAXLST", sender, recipient, stamp, group_ref, "UN", version])
    for number, manifest in enumerate(manifests, start=1):
        body, people_from, people_to = _message(manifest, opts, number)
        indented.update(range(len(segments) + people_from, len(segments) + people_to))
        segments.extend(body)
    if opts.ung:
        segments.append(["UNE", str(len(manifests)), group_ref])
    segments.append(["UNZ", "1" if opts.ung else str(len(manifests)), ref])
    text = _render(segments, opts, indented)
    if opts.teletype:
        text = _teletype(text, first, opts)
    return text.encode(_ENCODINGS.get(opts.charset, "latin-1"))


def _stamp(prepared: datetime | None) -> list[str]:
    when = prepared or datetime(2000, 1, 1)
    return [when.strftime("%y%m%d"), when.strftime("%H%M")]


def _party(value: str | None, opts: WriteOptions) -> Element:
    name = value or "UNKNOWN"
    return [name, opts.party_qualifier] if opts.party_qualifier else name


def _message(manifest: ApiManifest, opts: WriteOptions, number: int) -> tuple[list[Segment], int, int]:
    """UNH..UNT of one message, and the range of its person-group segments (for indentation)."""
    ref = manifest.message_ref or f"PAX{number:03d}"
    header: Segment = ["UNH", ref, ["PAXLST", "D", opts.directory[1:], "UN", "IATA"]]
    if manifest.common_access_ref is not None or manifest.sequence is not None:
        header.append(manifest.common_access_ref or "")
    if manifest.sequence is not None:
        flag = "" if manifest.final is None else ("F" if manifest.final else "C")
        header.append([f"{manifest.sequence:02d}", flag])
    body: list[Segment] = [header, ["BGM", manifest.document_type or "745", manifest.function or ""]]
    if manifest.transaction_ref:
        body.append(["RFF", ["TN", manifest.transaction_ref, "", "", manifest.transaction_revision or ""]])
    if manifest.reporting_party:
        body.append(["NAD", "MS", "", "", manifest.reporting_party])
        if manifest.reporting_contacts:
            body.append(["COM", *([c.value, c.kind] for c in manifest.reporting_contacts)])
    for leg in manifest.legs:
        body.extend(_leg(leg, opts))
    people_from = len(body)
    for traveller in manifest.travellers:
        body.extend(_traveller(traveller, opts))
    people_to = len(body)
    passengers = manifest.declared_passengers
    crew = manifest.declared_crew
    if passengers is None and crew is None:
        if manifest.document_type == "250":
            crew = len(manifest.crew)
        else:
            passengers = len(manifest.passengers)
    if passengers is not None:
        body.append(["CNT", ["42", str(passengers)]])
    if crew is not None:
        body.append(["CNT", ["41", str(crew)]])
    # UNT e1 counts every segment of the message, UNH and UNT included (standards §1.4).
    body.append(["UNT", str(len(body) + 1), ref])
    return body, people_from, people_to


def _leg(leg: FlightLeg, opts: WriteOptions) -> list[Segment]:
    number = leg.number if opts.pad_flight_number else (leg.number.lstrip("0") or "0")
    out: list[Segment] = [["TDT", "20", f"{leg.carrier}{number}", "", "", leg.carrier]]
    departure, arrival = ("125", "87") if leg.crosses_border is not False else ("92", "92")
    if leg.departure_airport:
        out.append(["LOC", departure, leg.departure_airport])
        if leg.scheduled_departure:
            out.append(["DTM", ["189", leg.scheduled_departure.strftime("%y%m%d%H%M"), "201"]])
    if leg.arrival_airport:
        out.append(["LOC", arrival, leg.arrival_airport])
        if leg.scheduled_arrival:
            out.append(["DTM", ["232", leg.scheduled_arrival.strftime("%y%m%d%H%M"), "201"]])
    return out


_NAD_ROLE = {(Role.PASSENGER, False): "FL", (Role.PASSENGER, True): "DDU"}
_NAD_ROLE |= {(Role.CREW, False): "FM", (Role.CREW, True): "DDT"}


def _traveller(person: Traveller, opts: WriteOptions) -> list[Segment]:
    given = person.given_names.split(" ", 1)
    name = [person.surname, *given] if person.given_names else [person.surname]
    nad: Segment = ["NAD", _NAD_ROLE[(person.role, person.in_transit)], "", "", name]
    if person.address:
        a = person.address
        nad += [a.street or "", a.city or "", ["", "", "", a.region or ""], a.postcode or "", a.country or ""]
    out: list[Segment] = [nad]
    if person.sex:
        out.append(["ATT", "2", "", person.sex.value])
    if person.date_of_birth:
        born = person.date_of_birth
        dob = born.strftime("%Y%m%d") if opts.century_dates_of_birth else _yymmdd(born)
        out.append(["DTM", ["329", dob]])
    out.extend(_baggage(person, opts))
    if person.verified is not None:
        out.append(["GEI", "4", "173" if person.verified else "174"])
    if person.baggage and person.baggage.tags:
        out.append(["FTX", "BAG", "", "", [person.baggage.tags[0], str(len(person.baggage.tags))]])
    for qualifier, place in (
        ("22", person.clearance),
        ("174", person.country_of_residence),
        ("178", person.embarkation),
        ("179", person.debarkation),
    ):
        if place:
            out.append(["LOC", qualifier, place])
    if person.place_of_birth:
        out.append(["LOC", "180", _place(person.place_of_birth)])
    if person.contacts:
        out.append(["COM", *([c.value, c.kind] for c in person.contacts)])
    if person.crew_function:
        out.append(["EMP", "1", [person.crew_function, "110", "111"]])
    if person.nationality:
        out.append(["NAT", "2", person.nationality])
    for qualifier, value in (("AVF", person.reservation_ref), ("ABO", person.passenger_ref)):
        if value:
            out.append(["RFF", [qualifier, value]])
    if person.seat:
        out.append(["RFF", ["SEA", person.seat]])
    for document in person.documents:
        out.extend(_document(document, opts))
    return out


def _place(value: str) -> Element:
    # A 3-letter code goes in e2.c1; free text ("BEOGRAD SRB") in e2.c4, the place name component.
    return value if len(value) == 3 and value.isalpha() else ["", "", "", value]


def _baggage(person: Traveller, opts: WriteOptions) -> list[Segment]:
    bags = person.baggage
    if bags is None:
        return []
    out: list[Segment] = []
    if bags.count is not None:
        out.append(["MEA", "CT", "", ["", str(bags.count)]])
    if bags.weight is not None:
        weight = f"{bags.weight:g}".replace(".", opts.delimiters.decimal)
        out.append(["MEA", "WT", "", [bags.weight_unit or "KGM", weight]])
    return out


def _document(doc: TravelDocument, opts: WriteOptions) -> list[Segment]:
    qualifiers = opts.document_qualifiers
    if qualifiers is None:
        qualifiers = opts.directory == "D02B"
    code: Element = [doc.type or "", "110", "111"] if qualifiers else (doc.type or "")
    out: list[Segment] = [["DOC", code, doc.number]]
    if doc.expiry_date:
        out.append(["DTM", ["36", _yymmdd(doc.expiry_date)]])
    if doc.issue_date:
        out.append(["DTM", ["182", _yymmdd(doc.issue_date)]])
    if doc.issuing_country:
        out.append(["LOC", "91", doc.issuing_country])
    return out


def _yymmdd(value: date) -> str:
    # What ``strftime("%y%m%d")`` gives, without its cost (twice per traveller when a day is generated).
    return f"{value.year % 100:02d}{value.month:02d}{value.day:02d}"


# Placeholders joining segments, elements and components before escaping: ASCII separators that never
# occur in data. One ``translate`` over the whole interchange then escapes the data and turns the
# placeholders into the delimiters: much cheaper than escaping value by value.
_SEGMENT, _ELEMENT, _COMPONENT = "\x1d", "\x1e", "\x1f"
_PLACEHOLDERS = {_SEGMENT, _ELEMENT, _COMPONENT}


def _render(segments: list[Segment], opts: WriteOptions, indented: set[int]) -> str:
    d = opts.delimiters
    specials = {d.component, d.element, d.release, d.terminator}
    if d.repetition != " ":
        specials.add(d.repetition)
    table = {ord(char): d.release + char for char in specials}
    table |= {ord(_ELEMENT): d.element, ord(_COMPONENT): d.component}
    # rstrip drops trailing empty components and elements, which EDIFACT lets senders omit.
    parts = [
        _ELEMENT.join(
            [e if isinstance(e, str) else _COMPONENT.join(e).rstrip(_COMPONENT) for e in segment]
        ).rstrip(_ELEMENT)
        for segment in segments
    ]
    text = _SEGMENT.join(parts)
    if specials & _PLACEHOLDERS:
        text = text.translate(table)
    else:
        # The same as ``translate(table)``, with C-level replaces (a dict-driven translate costs a dict
        # lookup per character): the release character first, so that the ones added are not doubled.
        release = d.release
        for char in (release, *sorted(specials - {release})):
            if char in text:
                text = text.replace(char, release + char)
        text = text.replace(_ELEMENT, d.element).replace(_COMPONENT, d.component)
    texts = text.split(_SEGMENT)
    if opts.indent and opts.layout is not Layout.SINGLE:
        for index in indented:
            texts[index] = opts.indent + texts[index]
    term, newline = d.terminator, opts.newline
    last = term if opts.final_terminator else ""
    una = d.una if opts.una else ""
    if opts.layout is Layout.SINGLE:
        return una + term.join(texts) + last
    if opts.layout is Layout.PACKED:
        step = max(opts.per_line, 1)
        lines = [term.join(texts[i : i + step]) for i in range(0, len(texts), step)]
        body = (term + newline).join(lines) + last + newline
    else:
        body = (term + newline).join(texts) + last + newline
    return (una + newline if una else "") + body


def _teletype(text: str, manifest: ApiManifest, opts: WriteOptions) -> str:
    """Wrap in a Type-B envelope: SOH, priority + destination address, origin + time, STX, text, ETX."""
    to = _address(manifest.recipient, "PI")
    origin = _address(manifest.sender, "XH")
    when = (manifest.prepared or datetime(2000, 1, 1)).strftime("%d%H%M")
    crlf = "\r\n"
    return f"\x01QU {to}{crlf}.{origin} {when}{crlf}\x02{text.rstrip(crlf)}{crlf}\x03"


def _address(party: str | None, suffix: str) -> str:
    letters = "".join(char for char in (party or "") if char.isalnum())[:5]
    return (letters.ljust(5, "X") + suffix)[:7]
