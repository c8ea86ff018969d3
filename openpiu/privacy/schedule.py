"""The retention job on a timer, for ``openpiu serve``: a daemon thread that runs it every interval.

A run that fails (database unreachable, key missing) is logged and retried at the next interval; it
never stops the web server. Each run is the same idempotent, resumable job as ``openpiu retention run``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from openpiu.privacy.job import RetentionReport, run_retention
from openpiu.privacy.retention import Policy
from openpiu.privacy.sealing import Sealer

log = logging.getLogger(__name__)


class RetentionScheduler:
    """Runs retention now, then every ``interval``, until :meth:`stop`."""

    def __init__(
        self,
        engine: Engine,
        *,
        policy: Policy,
        sealer: Sealer,
        interval: timedelta,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        on_run: Callable[[RetentionReport], None] | None = None,
    ) -> None:
        self.engine, self.policy, self.sealer = engine, policy, sealer
        self.interval, self.clock, self.on_run = interval, clock, on_run
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="openpiu-retention", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                report = run_retention(self.engine, policy=self.policy, sealer=self.sealer, now=self.clock())
            except Exception as exc:  # any failure: logged, retried next time; the server keeps serving
                log.error("retention run failed: %s", exc)
            else:
                log.info("retention run: %s", "; ".join(report.lines()))
                if self.on_run is not None:
                    self.on_run(report)
            self._stop.wait(self.interval.total_seconds())
