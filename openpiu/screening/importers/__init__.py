"""Watchlist importers: bytes handed in → entries plus row-level issues, nothing silently skipped.

One module per format: ``jsonl`` (OpenPIU's own lines), ``csv_list``, ``un_xml`` (UN Security Council
consolidated list), ``ftm`` (FollowTheMoney entity lines, as OpenSanctions publishes). Each returns an
``ImportResult``: the entries that could be read, and one ``ImportIssue`` per row that was rejected or
read only in part, with its row (line) number. The caller decides whether to load a partial file.
"""

from openpiu.screening.importers.common import ImportIssue, ImportResult, WatchlistFormat
from openpiu.screening.importers.csv_list import read_csv
from openpiu.screening.importers.ftm import read_ftm
from openpiu.screening.importers.jsonl import read_jsonl
from openpiu.screening.importers.un_xml import read_un_xml

__all__ = [
    "ImportIssue",
    "ImportResult",
    "WatchlistFormat",
    "import_watchlist",
    "read_csv",
    "read_ftm",
    "read_jsonl",
    "read_un_xml",
]


def import_watchlist(data: bytes, fmt: WatchlistFormat, list_name: str) -> ImportResult:
    """Read a watchlist file handed in as bytes, in the given format."""
    readers = {
        WatchlistFormat.JSONL: read_jsonl,
        WatchlistFormat.CSV: read_csv,
        WatchlistFormat.UN_XML: read_un_xml,
        WatchlistFormat.FTM: read_ftm,
    }
    return readers[fmt](data, list_name)
