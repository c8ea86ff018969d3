"""Intake: receive → store raw → parse → store; idempotent, and nothing received is ever lost.

See :mod:`openpiu.ingest.intake` for the guarantees.
"""

from openpiu.ingest.intake import Handled, Intake, Parsed, Parser
from openpiu.ingest.paths import collect_files, ingest_bytes, ingest_paths, retry_rejected
from openpiu.ingest.summary import IngestSummary, Rejection

__all__ = [
    "Handled",
    "IngestSummary",
    "Intake",
    "Parsed",
    "Parser",
    "Rejection",
    "collect_files",
    "ingest_bytes",
    "ingest_paths",
    "retry_rejected",
]
