"""Synthetic PAXLST messages for the web tests (names invented; document numbers made up)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Person:
    surname: str
    given: str
    sex: str
    born: str  # YYMMDD
    nationality: str
    document: str
    crew: bool = False


def paxlst(
    *,
    carrier: str,
    number: str,
    origin: str,
    destination: str,
    departure: datetime,
    arrival: datetime,
    people: list[Person],
    reference: str = "1",
) -> bytes:
    """One PAXLST interchange (UNOA, default delimiters) listing ``people`` on one flight."""
    body = [
        f"UNH+M{reference}+PAXLST:D:05B:UN:IATA+{carrier}{number}/{departure:%y%m%d}/{departure:%H%M}+01:F",
        "BGM+745+CLOB",
        "NAD+MS+++SYNTHETIC OPS",
        f"TDT+20+{carrier}{number}+++{carrier}",
        f"LOC+125+{origin}",
        f"DTM+189:{departure:%y%m%d%H%M}:201",
        f"LOC+87+{destination}",
        f"DTM+232:{arrival:%y%m%d%H%M}:201",
    ]
    for person in people:
        body += [
            f"NAD+{'FM' if person.crew else 'FL'}+++{person.surname}:{person.given}",
            f"ATT+2++{person.sex}",
            f"DTM+329:{person.born}",
            f"NAT+2+{person.nationality}",
            f"RFF+AVF:{person.document[-6:]}",
            f"DOC+P+{person.document}",
            "DTM+36:301231",
            f"LOC+91+{person.nationality}",
        ]
    body.append(f"CNT+42:{sum(not p.crew for p in people)}")
    body.append(f"UNT+{len(body) + 1}+M{reference}")
    segments = [
        f"UNB+UNOA:4+ZZAIR:ZZ+PIU:ZZ+{departure:%y%m%d}:0800+{reference}",
        *body,
        f"UNZ+1+{reference}",
    ]
    return ("UNA:+.? '" + "'".join(segments) + "'").encode("ascii")
