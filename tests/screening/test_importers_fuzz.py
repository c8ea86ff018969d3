"""Importers never raise on arbitrary input: every problem becomes an issue with a row number."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openpiu.screening.contract import traveller_from_record
from openpiu.screening.importers import read_csv, read_ftm, read_jsonl, read_un_xml
from openpiu.screening.importers.common import RowProblem

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=6,
)
FIELDS = st.sampled_from(["id", "names", "surname", "given_names", "date_of_birth", "nationality", "sex",
                          "documents", "schema", "properties", "number"])  # fmt: skip
RECORDS = st.dictionaries(FIELDS, JSON_VALUES, max_size=6)
# Generation speed depends on how busy the (shared) machine is; that is not what these tests check.
RELAXED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RELAXED
@given(st.lists(RECORDS, max_size=4))
def test_jsonl_and_ftm_never_raise(records: list[dict[str, object]]) -> None:
    data = "\n".join(json.dumps(r) for r in records).encode()
    for reader in (read_jsonl, read_ftm):
        result = reader(data, "x")
        assert len(result.entries) + result.rejected <= max(result.rows, 1) + len(records)


@RELAXED
@given(st.binary(max_size=300))
def test_every_reader_takes_any_bytes(data: bytes) -> None:
    for reader in (read_jsonl, read_ftm, read_csv, read_un_xml):
        result = reader(data, "x")
        assert all(issue.row >= 0 for issue in result.issues)


@RELAXED
@given(RECORDS)
def test_traveller_lines_are_read_or_refused_with_a_reason(record: dict[str, object]) -> None:
    try:
        query = traveller_from_record(record)
    except RowProblem as exc:
        assert str(exc)
    else:
        assert query.id and query.surname
