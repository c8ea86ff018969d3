"""EDIFACT service characters: the UNA string advice, its defaults, and recovery when it is damaged."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import ClassVar

# A right single quotation mark: word processors and some e-mail gateways turn the ' terminator in a
# UNA string (and only there, when a human edited it) into this character.
TYPOGRAPHIC_QUOTE = "\u2019"

_NEXT_SERVICE_SEGMENT = re.compile(r"UN[BGH]")


class _Default:
    """Declares ``Delimiters.DEFAULT`` outside the dataclass body.

    A ``ClassVar`` in the body of a dataclass compiled by mypyc reaches ``@dataclass`` as a plain
    annotation, so it would become a field (and fail: a field without default after fields with one).
    Declared on a base class it stays a class attribute in both pure Python and compiled code.
    """

    __slots__ = ()

    DEFAULT: ClassVar[Delimiters]


@dataclass(frozen=True, slots=True)
class Delimiters(_Default):
    """The six service characters of ISO 9735, in UNA order.

    Attributes:
        component: component data element separator (``:``).
        element: data element separator (``+``).
        decimal: decimal mark (``.``).
        release: release (escape) character (``?``); ``""`` when the sender declares none.
        repetition: repetition separator in syntax 4 (often ``*``), reserved (space) in syntax 3.
        terminator: segment terminator (``'``).
    """

    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"
    repetition: str = " "
    terminator: str = "'"

    @property
    def una(self) -> str:
        """The UNA string that announces these delimiters."""
        release = self.release or " "
        return f"UNA{self.component}{self.element}{self.decimal}{release}{self.repetition}{self.terminator}"


Delimiters.DEFAULT = Delimiters()


def infer_delimiters(body: str) -> Delimiters | None:
    """Guess component, element and terminator from the interchange itself (``body`` starts at UNB).

    ``UNB+UNOA:4+...'UNG`` or ``UNH`` shows all three: the character after ``UNB`` separates elements,
    the one after the 4-letter syntax identifier separates components, and the last non-blank character
    before the next ``UNG``/``UNH`` terminates segments. Returns None when the body does not show them.
    """
    if not body.startswith("UNB") or len(body) < 10:
        return None
    element = body[3]
    component = body[8] if body[4:8].isalnum() else ":"
    match = _NEXT_SERVICE_SEGMENT.search(body, 4)
    if match is None:
        return None
    raw_before = body[: match.start()]
    before = raw_before.rstrip()
    if not before:
        return None
    terminator = before[-1]
    if (
        (terminator.isalnum() or terminator in (element, component))
        and "\n" in raw_before[len(before) :]
        # not when apostrophes end most lines: then only the UNB terminator is missing
        and body.count("'") * 2 < body.count("\n")
    ):
        terminator = "\n"  # segments ended by line breaks alone (some older batch systems)
    if len({element, component, terminator}) < 3 or element.isalnum() or terminator.isalnum():
        return None
    return Delimiters(component=component, element=element, terminator=terminator)


def read_una(text: str) -> tuple[Delimiters, int, list[str]]:
    """Read the service string advice at the start of ``text`` (which starts with ``UNA``).

    Returns the delimiters, the offset where the interchange proper (``UNB``...) starts, and problems
    found, in words. A well-formed UNA is honoured as announced, unless the interchange visibly uses other
    characters (then the body wins: a wrong UNA cannot be what the sender's system really used). A short
    or damaged UNA (fewer than six characters before ``UNB``) is completed from the body.
    """
    problems: list[str] = []
    match = _NEXT_SERVICE_SEGMENT.search(text, 3, 40)
    end = match.start() if match else min(len(text), 9)
    # The UNA string itself is never wrapped, but a CR/LF often separates it from UNB.
    service = text[3:end].replace("\r", "")
    # Keep a line break in the terminator slot: some older systems end segments with line breaks.
    announced_line_break = len(service) >= 6 and service[5] == "\n"
    service = service[:6] if announced_line_break else service.replace("\n", "")
    if len(service) > 6 and not service[6:].strip():
        service = service[:6]
    inferred = infer_delimiters(text[end:])
    if len(service) == 6:
        component, element, decimal, release, repetition, terminator = tuple(service)
        declared = Delimiters(
            component=component,
            element=element,
            decimal=decimal,
            release="" if release == " " else release,
            repetition=repetition,
            terminator=terminator,
        )
        if inferred is None:
            return _usable_release(declared, problems), end, problems
        if declared.terminator != inferred.terminator:
            if declared.terminator == TYPOGRAPHIC_QUOTE:
                problems.append(
                    f"UNA announces a typographic quote {TYPOGRAPHIC_QUOTE!r} as terminator "
                    f"but the interchange uses {inferred.terminator!r}"
                )
            else:
                problems.append(
                    f"UNA announces terminator {declared.terminator!r} "
                    f"but the interchange uses {inferred.terminator!r}"
                )
        if (declared.component, declared.element) != (inferred.component, inferred.element):
            problems.append(
                f"UNA announces separators {declared.component!r} {declared.element!r} "
                f"but the interchange uses {inferred.component!r} {inferred.element!r}"
            )
        if problems:
            return _usable_release(_merge(declared, inferred), problems), end, problems
        return _usable_release(declared, problems), end, problems
    problems.append(f"damaged UNA service string {('UNA' + service)!r}: delimiters inferred from the body")
    if inferred is None:
        return Delimiters.DEFAULT, end, problems
    # Keep a non-default release character when the short string shows one (``UNA:+.\'``).
    used = {inferred.component, inferred.element, inferred.terminator, ".", " ", TYPOGRAPHIC_QUOTE}
    others = [c for c in service if c not in used]
    release = others[0] if others else "?"
    return _usable_release(_merge(Delimiters(release=release), inferred), problems), end, problems


def _usable_release(d: Delimiters, problems: list[str]) -> Delimiters:
    """No release character when the announced one is also a separator, the terminator or the
    repetition separator (``UNA:+.'*'``).

    Such a character cannot both release and separate: reading it as a release character would swallow
    the character after every terminator, and no sender's system can have meant that. It is read as
    the separator it also is, with a warning. The lexer and the sensitive-data filter both take their
    delimiters from here, so they cut the same segments.
    """
    if not d.release or d.release not in (d.component, d.element, d.terminator, d.repetition):
        return d
    problems.append(f"UNA release character {d.release!r} is also a delimiter: no release character used")
    return dataclasses.replace(d, release="")


def _merge(declared: Delimiters, inferred: Delimiters) -> Delimiters:
    return Delimiters(
        component=inferred.component,
        element=inferred.element,
        decimal=declared.decimal,
        release=declared.release,
        repetition=declared.repetition,
        terminator=inferred.terminator,
    )
