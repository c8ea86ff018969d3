"""OpenPIU's own UN/EDIFACT reader: lexer (``lex``), envelope (``read_interchanges``), segments.

Written for the traffic PIUs really receive (damaged UNA strings, Type-B envelopes, wrapped lines, wrong
control counts) and for speed: a plain ``str.split`` path whenever the release character is absent.
"""

from openpiu.formats.edifact.delimiters import Delimiters
from openpiu.formats.edifact.envelope import Interchange, Message, read_interchanges
from openpiu.formats.edifact.lexer import Lexed, decode, lex
from openpiu.formats.edifact.segment import US, Row, Segment

__all__ = [
    "US",
    "Delimiters",
    "Interchange",
    "Lexed",
    "Message",
    "Row",
    "Segment",
    "decode",
    "lex",
    "read_interchanges",
]
