"""OpenPIU's own UN/EDIFACT reader: lexer (``lex``), envelope (``read_interchanges``), segments.

Written for the traffic PIUs really receive (damaged UNA strings, Type-B envelopes, wrapped lines, wrong
control counts) and for speed: a plain ``str.split`` path whenever the release character is absent.

Readers start from ``read_interchanges(data, source=...)`` and iterate ``Message.segments``
(``Segment``: tag, ``get(e, c)``, position, text) or, on a hot path, ``Message.rows`` (plain tuples:
tag then elements, components joined by ``US``; position of ``rows[i]`` is ``first_position + i``).
"""

from openpiu.formats.edifact.delimiters import Delimiters
from openpiu.formats.edifact.envelope import Interchange, Message, read_interchanges
from openpiu.formats.edifact.lexer import Lexed, decode, lex
from openpiu.formats.edifact.segment import US, Row, Segment, indices_of

__all__ = [
    "US",
    "Delimiters",
    "Interchange",
    "Lexed",
    "Message",
    "Row",
    "Segment",
    "decode",
    "indices_of",
    "lex",
    "read_interchanges",
]
