"""The marker the sensitive-data filter leaves where it removed an element, and how the parser reads it.

The filter (``openpiu.formats.sensitive``) replaces a removed segment by a segment of the same tag, so
the group structure, the segment count (UNT) and every other segment are unchanged and the filtered copy
parses like the original. The marker holds the category only, never the content:

- ``SSR+RMVD::::::::HEALTH`` for a special service request;
- ``IFT+4:28+RMVD HEALTH`` for free text (the IFT qualifier is kept);
- ``LTS+RMVD HEALTH`` for a history line.

It carries no traveller reference, so the category is known for the booking, not for a person.
"""

from __future__ import annotations

from typing import Final

from openpiu.formats.pnrgov.elements import Elements, c

MARKER: Final = "RMVD"
_PREFIX: Final = MARKER + " "


def category_code(category: str) -> str:
    """``not_in_annex_i`` → ``NOT IN ANNEX I``: upper case and spaces, valid in UNOA."""
    return category.upper().replace("_", " ")


def marker_text(tag: str, category: str, qualifier: str = "4:28") -> str:
    """The marker segment (without terminator, default ``+`` and ``:`` separators) replacing ``tag``."""
    code = category_code(category)
    if tag == "SSR":
        return f"SSR+{MARKER}::::::::{code}"
    if tag == "IFT":
        return f"IFT+{qualifier}+{MARKER} {code}"
    return f"{tag}+{MARKER} {code}"


def removed_category(tag: str, elements: Elements) -> str | None:
    """The category of a marker segment (``health``), or None when the segment is not a marker."""
    if tag == "SSR":
        if elements and elements[0][0] == MARKER:
            return _category(c(elements, 0, 8))
        return None
    if tag == "IFT":
        text = elements[1][0] if len(elements) > 1 else ""
    elif tag == "LTS":
        text = elements[0][0] if elements else ""
    else:
        return None
    if text.startswith(_PREFIX):
        return _category(text[len(_PREFIX) :])
    return None


def _category(code: str) -> str:
    return "_".join(code.lower().split()) or "unspecified"
