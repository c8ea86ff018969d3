"""The retention job: apply the policy to the whole store in bounded batches, each its own transaction.

Idempotent and resumable: what is left to do is derived from the data (``data_state``, rows present),
so a run killed after any batch, re-run, reaches the same end state as an uninterrupted run. Each batch
writes its evidence to the access log in the same transaction (category and count, never a name or a
row's content): a batch is either done and logged, or neither.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from openpiu.errors import ConfigError
from openpiu.privacy.audit import AuditAction, AuditEntry, record
from openpiu.privacy.audit_retention import mask_search_texts, prune_log
from openpiu.privacy.retention import Policy, add_months, policy_from_document
from openpiu.privacy.sealing import Sealer, load_key
from openpiu.settings import Settings, repersonalisation_key_location
from openpiu.store.coverage import load_coverage
from openpiu.store.retention import (
    Tally,
    apply_hits,
    apply_raw,
    due_hit_ids,
    due_raw_ids,
)
from openpiu.store.sealed import purge_orphan_seals

ACTOR = "retention"
ACTOR_ROLE = "system"
PURPOSE = "retention and depersonalisation (PNR Directive Art 12)"


@dataclass
class RetentionReport:
    """What a run did: items per (category, action), batches, sealed values of deleted rows purged."""

    now: datetime
    counts: Tally = field(default_factory=Counter)
    batches: int = 0
    purged_seals: int = 0

    def total(self, action: str) -> int:
        return sum(count for (_, done), count in self.counts.items() if done == action)

    def lines(self) -> list[str]:
        rows = [f"{category} {action}: {count}" for (category, action), count in sorted(self.counts.items())]
        return rows or ["nothing due"]


def load_policy(settings: Settings) -> Policy:
    """The policy in force: the law's defaults, with the deployment's overrides file if set."""
    path = settings.retention_policy_file
    if path is None:
        return Policy()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"retention policy file {path} not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"retention policy file {path}: {exc}") from exc
    return policy_from_document(document, source=str(path))


def load_sealer(settings: Settings) -> Sealer:
    """The sealer of the re-personalisation key (generated next to a SQLite database on first use)."""
    path, create = repersonalisation_key_location(settings)
    if path is None:
        raise ConfigError("set OPENPIU_REPERSONALISATION_KEY_FILE (the key that seals masked data)")
    return Sealer(load_key(path, create=create))


def run_retention(
    engine: Engine,
    *,
    policy: Policy,
    sealer: Sealer,
    now: datetime,
    batch_size: int = 100,
    after_batch: Callable[[int], None] | None = None,
) -> RetentionReport:
    """Mask and delete everything due at ``now``.

    Args:
        now: the instant the limits are measured against (an injectable clock: tests and back-dated
            demos pass their own).
        batch_size: raw messages (or hits) per transaction.
        after_batch: called with the number of batches committed so far (progress; tests inject a
            failure here to prove a killed run resumes).
    """
    report = RetentionReport(now=now)
    cursor = 0
    while True:
        with Session(engine) as session, session.begin():
            connection = session.connection()
            ids = due_raw_ids(connection, policy=policy, now=now, after_id=cursor, limit=batch_size)
            if not ids:
                break
            coverage = load_coverage(connection, now=now)
            batch: Tally = Counter()
            for raw_id in ids:
                batch.update(
                    apply_raw(
                        connection, raw_id=raw_id, policy=policy, now=now, coverage=coverage, sealer=sealer
                    )
                )
            _evidence(session, batch, policy=policy, now=now)
        cursor = ids[-1]
        _done(report, batch, after_batch)
    cursor = 0
    while True:
        with Session(engine) as session, session.begin():
            connection = session.connection()
            ids = due_hit_ids(connection, after_id=cursor, limit=batch_size)
            if not ids:
                break
            batch = apply_hits(connection, ids=ids, policy=policy, now=now, sealer=sealer)
            _evidence(session, batch, policy=policy, now=now)
        cursor = ids[-1]
        _done(report, batch, after_batch)
    with Session(engine) as session, session.begin():
        report.purged_seals = purge_orphan_seals(session.connection())
    with Session(engine) as session, session.begin():
        report.counts.update(_log_retention(session, policy=policy, now=now))
    return report


def _log_retention(session: Session, *, policy: Policy, now: datetime) -> Tally:
    """Search texts masked with the data they could name; events past the log's 5 years pruned."""
    done: Tally = Counter()
    masked = mask_search_texts(session, before=add_months(now, -policy.depersonalise_months))
    if masked:
        done[("access_log_search_text", "masked")] = masked
        _evidence(session, done, policy=policy, now=now)
    pruned = prune_log(session, now=now, by=ACTOR)
    if pruned is not None:
        done[("access_log", "deleted")] = pruned.events
    return done


def _done(report: RetentionReport, batch: Tally, after_batch: Callable[[int], None] | None) -> None:
    report.counts.update(batch)
    report.batches += 1
    if after_batch is not None:
        after_batch(report.batches)


def _evidence(session: Session, batch: Tally, *, policy: Policy, now: datetime) -> None:
    """One access-log event per action done in the batch: categories and counts, nothing personal."""
    for action, verbs in ((AuditAction.MASK, ("masked",)), (AuditAction.ERASE, ("deleted", "erased"))):
        counts = {
            category if done == verbs[0] else f"{category} {done}": count
            for (category, done), count in sorted(batch.items())
            if done in verbs and count
        }
        if not counts:
            continue
        record(
            session,
            AuditEntry(
                action=action,
                actor=ACTOR,
                actor_role=ACTOR_ROLE,
                purpose=PURPOSE,
                legal_basis="; ".join(sorted(set(policy.references.values()))),
                result_count=sum(counts.values()),
                detail={"as_of": now.isoformat(), "counts": counts},
            ),
        )
