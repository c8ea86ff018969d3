"""``openpiu subject open|find|export|answer|erase|list``: data-subject requests, handled by the DPO.

A request is recorded as received (kind, the reference of the letter or form, how the person identified
themselves); ``find`` lists everything held about them (masked data too: the key opens it for this
purpose), ``export`` writes the JSON answer to an access request, ``answer`` records what was answered
and when; ``erase`` records the DPO's decision on an erasure request and, granted, deletes the person's
data. Every step is in the access log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from openpiu import settings as settings_module
from openpiu.cli.app import app
from openpiu.cli.common import fail
from openpiu.model import StaffRole
from openpiu.privacy import subject_requests
from openpiu.privacy.job import load_sealer
from openpiu.privacy.people import acting_user
from openpiu.privacy.subjects import Criteria
from openpiu.store import create, require_current, storage_errors
from openpiu.store.accounts import UserRow
from openpiu.store.pseudonyms import load_pseudonym_key

subject = typer.Typer(
    help="Data-subject requests: access, rectification, erasure (the DPO).", no_args_is_help=True
)
app.add_typer(subject, name="subject")

User = Annotated[str, typer.Option("--as", help="Who acts (the DPO's login name).")]
RequestId = Annotated[int, typer.Argument(help="The request's number.")]
DPO = (StaffRole.DPO,)


@contextmanager
def _session(user: str, doing: str) -> Iterator[tuple[Session, UserRow]]:
    config = settings_module.load()
    engine = create(config.database_url, echo=config.sql_echo)
    try:
        require_current(engine, create_if_empty=True)
        with storage_errors(engine, doing), Session(engine) as session, session.begin():
            yield session, acting_user(session, user, allowed=DPO, doing=doing)
    finally:
        engine.dispose()


@subject.command("open")
def open_command(
    kind: Annotated[str, typer.Option(help="access, rectification or erasure.")],
    reference: Annotated[str, typer.Option(help="The letter or form the request came with.")],
    surname: Annotated[str, typer.Option(help="The subject's surname.")],
    user: User,
    given_names: Annotated[str | None, typer.Option(help="Given names.")] = None,
    born: Annotated[str | None, typer.Option(help="Date of birth, YYYY-MM-DD.")] = None,
    document: Annotated[str | None, typer.Option(help="A travel document number.")] = None,
) -> None:
    """Record a request as received."""
    try:
        birth = date.fromisoformat(born) if born else None
    except ValueError:
        fail(f"--born {born!r}: expected YYYY-MM-DD")
    criteria = Criteria(surname=surname, given_names=given_names, born=birth, document=document)
    with _session(user, "recording a data-subject request") as (session, actor):
        row = subject_requests.open_request(
            session, actor, kind=kind, subject_ref=reference, criteria=criteria, at=datetime.now(UTC)
        )
        typer.echo(f"data-subject request {row.id} ({row.kind}) recorded")


@subject.command("find")
def find_command(request_id: RequestId, user: User) -> None:
    """Everything held about the subject, masked data included."""
    sealer = load_sealer(settings_module.load())
    with _session(user, "searching for a data subject") as (session, actor):
        key = load_pseudonym_key(session.connection(), settings_module.load())
        held = subject_requests.search(
            session, actor, request_id=request_id, sealer=sealer, pseudonym_key=key
        )
    counts = Counter((h.table, h.state) for h in held)
    if not held:
        typer.echo("nothing held about this person")
    for (table, state), n in sorted(counts.items()):
        typer.echo(f"{table} ({state}): {n}")


@subject.command("export")
def export_command(
    request_id: RequestId, out: Annotated[Path, typer.Option(help="The JSON file to write.")], user: User
) -> None:
    """Write the answer to an access request: every row held, as JSON."""
    sealer = load_sealer(settings_module.load())
    with _session(user, "exporting for a data subject") as (session, actor):
        key = load_pseudonym_key(session.connection(), settings_module.load())
        text = subject_requests.export(
            session, actor, request_id=request_id, sealer=sealer, pseudonym_key=key, at=datetime.now(UTC)
        )
        out.write_text(text, encoding="utf-8")
    typer.echo(f"written to {out}")


@subject.command("answer")
def answer_command(
    request_id: RequestId, text: Annotated[str, typer.Option("--text", help="What was answered.")], user: User
) -> None:
    """Record the answer given and its date."""
    with _session(user, "answering a data-subject request") as (session, actor):
        row = subject_requests.answer(session, actor, request_id=request_id, text=text, at=datetime.now(UTC))
        typer.echo(f"data-subject request {row.id} answered on {row.answered_at:%Y-%m-%d}")


@subject.command("erase")
def erase_command(
    request_id: RequestId,
    reason: Annotated[str, typer.Option(help="Why the erasure is granted or refused.")],
    user: User,
    grant: Annotated[
        bool,
        typer.Option("--grant/--refuse", help="Carry the erasure out, or refuse it (the reason says why)."),
    ],
) -> None:
    """Decide on an erasure request; granted, the person's data are deleted at once."""
    sealer = load_sealer(settings_module.load())
    with _session(user, "deciding on an erasure request") as (session, actor):
        row = subject_requests.decide_erasure(
            session,
            actor,
            request_id=request_id,
            grant=grant,
            reason=reason,
            sealer=sealer,
            pseudonym_key=load_pseudonym_key(session.connection(), settings_module.load()),
            at=datetime.now(UTC),
        )
        erased = ", ".join(f"{table}: {n}" for table, n in (row.erased or {}).items()) or "nothing was held"
        done = "refused" if row.decision == "refused" else f"carried out ({erased})"
    typer.echo(f"erasure request {request_id} {done}")


@subject.command("list")
def list_command(user: User) -> None:
    """Requests, newest first, with their state and dates."""
    with _session(user, "listing data-subject requests") as (session, _):
        for row in subject_requests.requests(session):
            answered = f"answered {row.answered_at:%Y-%m-%d}" if row.answered_at else "open"
            typer.echo(
                f"{row.id:>4}  {row.kind:13} received {row.received_at:%Y-%m-%d}  {answered:18} "
                f"found {row.found if row.found is not None else '-'}  ref {row.subject_ref}"
            )
