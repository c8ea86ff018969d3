"""Statistics for the supervisory authority and the Commission (PNR Directive Art 20): counts only.

Pure: periods and rendering. The counts are read by ``openpiu.store.statistics``. A statistic is a
``(metric, dimension, value)`` line; no line ever carries a name, a document or a record locator.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from openpiu.errors import ConfigError

_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")

# metric -> what it counts, in words (the CSV and the statistics page explain each line with it)
METRICS = {
    "pnr_bookings": "bookings whose PNR was received",
    "pnr_travellers": "travellers whose PNR was received (data held: masked bookings no longer count)",
    "api_travellers": "traveller records received in API manifests",
    "flights": "flights with API or PNR data received",
    "hits": "hits raised, by source and current outcome",
    "travellers_identified": "travellers identified for further scrutiny (confirmed hits)",
    "disseminations": "confirmed hits transferred to a competent authority",
    "repersonalisation_requests": "re-personalisation requests received, by current state",
    "repersonalisations_answered": "re-personalisation requests answered (approved or rejected)",
    "subject_requests": "data-subject requests received, by kind",
    "subject_requests_answered": "data-subject requests answered",
    "masked": "items depersonalised by the retention job, by category",
    "deleted": "items deleted by the retention job, by category",
}


@dataclass(frozen=True, slots=True)
class Period:
    label: str
    start: datetime  # included
    end: datetime  # excluded


def parse_period(text: str) -> Period:
    """``2026``, ``2026-Q1``, ``2026-11`` or ``2026-11-29`` as a half-open UTC interval."""
    value = text.strip().upper()
    try:
        if found := _QUARTER.fullmatch(value):
            year, quarter = int(found[1]), int(found[2])
            start = date(year, 3 * quarter - 2, 1)
            end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
        elif _YEAR.fullmatch(value):
            start, end = date(int(value), 1, 1), date(int(value) + 1, 1, 1)
        elif len(value) == 10:
            start = date.fromisoformat(value)
            end = date.fromordinal(start.toordinal() + 1)
        elif found := _MONTH.fullmatch(value):
            year, month = int(found[1]), int(found[2])
            start = date(year, month, 1)
            end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        else:
            raise ValueError(value)
    except ValueError as exc:
        raise ConfigError(f"period {text!r}: expected 2026, 2026-Q1, 2026-11 or 2026-11-29") from exc
    return Period(value, _midnight(start), _midnight(end))


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


@dataclass
class Statistics:
    period: Period
    lines: list[tuple[str, str, int]] = field(default_factory=list)

    def add(self, metric: str, value: int, dimension: str = "") -> None:
        if metric not in METRICS:
            raise KeyError(metric)
        self.lines.append((metric, dimension, int(value)))

    def value(self, metric: str, dimension: str = "") -> int:
        return sum(v for m, d, v in self.lines if m == metric and d == dimension)

    def by_dimension(self, metric: str) -> dict[str, int]:
        return {d: v for m, d, v in self.lines if m == metric and d}

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["period", "metric", "dimension", "value", "meaning"])
        for metric, dimension, value in self.lines:
            writer.writerow([self.period.label, metric, dimension, value, METRICS[metric]])
        return buffer.getvalue()

    def to_json(self) -> str:
        document = {
            "period": self.period.label,
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "statistics": [
                {"metric": m, "dimension": d or None, "value": v, "meaning": METRICS[m]}
                for m, d, v in self.lines
            ],
        }
        return json.dumps(document, indent=2, sort_keys=True)
