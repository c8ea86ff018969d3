"""The JSON shapes of ``openpiu match``: traveller lines in, match lines out (issue 4, item 5).

Traveller line: ``{"id", "surname", "given_names", "date_of_birth"?: "YYYY-MM-DD", "nationality"?,
"sex"?, "documents"?: [{"number", "type"?, "issuing_country"?}]}``.
Output line, one per alert: ``{"traveller_id", "entry_id", "score", "explanation": [..]}``.
Watchlist lines are read by ``importers.jsonl``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from openpiu.model.match import Match, TravellerQuery
from openpiu.model.travel import TravelDocument
from openpiu.screening.countries import country_code
from openpiu.screening.importers.common import RowProblem, parse_sex


def traveller_from_record(record: object) -> TravellerQuery:
    """A traveller query from one decoded JSON line; raise ``RowProblem`` saying what is wrong."""
    if not isinstance(record, dict):
        raise RowProblem("not a JSON object")
    traveller_id = record.get("id")
    if isinstance(traveller_id, int) and not isinstance(traveller_id, bool):
        traveller_id = str(traveller_id)
    if not isinstance(traveller_id, str) or not traveller_id:
        raise RowProblem("missing id")
    surname, given = record.get("surname"), record.get("given_names", "")
    if not isinstance(surname, str) or not surname.strip():
        raise RowProblem("missing surname")
    if given is None:
        given = ""
    if not isinstance(given, str):
        raise RowProblem("given_names must be text")
    born = record.get("date_of_birth")
    try:
        birth = date.fromisoformat(born) if isinstance(born, str) and born else None
    except ValueError as exc:
        raise RowProblem(f"date_of_birth {born!r} is not YYYY-MM-DD") from exc
    if born not in (None, "") and not isinstance(born, str):
        raise RowProblem("date_of_birth must be text (YYYY-MM-DD)")
    nationality = record.get("nationality")
    code = None
    if isinstance(nationality, str) and nationality:
        code = country_code(nationality)
        if code is None:
            raise RowProblem(f"nationality {nationality!r} is not a country code")
    documents = record.get("documents") or []
    if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
        raise RowProblem("documents must be a list of objects")
    docs = []
    for position, item in enumerate(documents, 1):
        number = item.get("number")
        if not isinstance(number, str) or not number.strip():
            raise RowProblem(f"document {position} has no number")
        country = item.get("issuing_country")
        docs.append(
            TravelDocument(
                item.get("type") if isinstance(item.get("type"), str) else None,
                number.strip(),
                country_code(country) if isinstance(country, str) and country else None,
            )
        )
    return TravellerQuery(
        id=traveller_id,
        surname=surname.strip(),
        given_names=given.strip(),
        date_of_birth=birth,
        nationality=code,
        sex=parse_sex(record.get("sex")),
        documents=tuple(docs),
    )


def match_record(match: Match) -> dict[str, Any]:
    """The output line of one alert: ids, score, and the explanation as a list of evidence objects.

    The first explanation item is the name evidence with the matched variant, its transliteration rule and
    per-token similarity; then each other feature with its signed weight.
    """
    explanation: list[dict[str, Any]] = []
    for item in match.evidence:
        record: dict[str, Any] = {
            "feature": item.feature,
            "weight": item.weight,
            "score": item.score,
            "reason": item.reason,
        }
        if item.feature == "name":
            record["matched_name"] = match.matched_name
            record["variant"] = match.matched_variant
            record["rule"] = match.rule
            record["tokens"] = [
                {"traveller": t.query, "entry": t.entry, "similarity": t.similarity, "reason": t.reason}
                for t in match.tokens
            ]
        explanation.append(record)
    return {
        "traveller_id": match.traveller_id,
        "entry_id": match.entry_id,
        "score": match.score,
        "explanation": explanation,
    }
