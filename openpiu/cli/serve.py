"""``openpiu serve [--host --port --https]``: run the web application with uvicorn."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Annotated

import typer
from sqlalchemy import Engine

from openpiu import settings as settings_module
from openpiu.accounts.sealing import NO_KEY, box_for
from openpiu.cli.app import app
from openpiu.errors import ConfigError
from openpiu.privacy.job import load_policy, load_sealer
from openpiu.privacy.schedule import RetentionScheduler
from openpiu.settings import Settings
from openpiu.store import create, require_current


def serve_app(
    *,
    host: str,
    port: int,
    https: bool = False,
    database_url: str | None = None,
    secret_key: str | None = None,
    announce: bool = True,
) -> None:
    """Serve the web application until interrupted (also used by ``openpiu demo``, with its own key)."""
    import uvicorn

    from openpiu.web import create_app

    config = settings_module.load()
    if database_url is not None:
        config = replace(config, database_url=database_url)
    if https:
        config = replace(config, web_https=True)
    if secret_key is not None:
        config = replace(config, secret_key=secret_key)
    if box_for(config.secret_key) is None:
        raise ConfigError(NO_KEY)
    engine = create(config.database_url, echo=config.sql_echo)
    require_current(engine, create_if_empty=True)
    if announce:
        typer.echo(f"OpenPIU on http://{host}:{port}/ (Ctrl+C to stop)")
    application = create_app(config, engine=engine)
    scheduler = retention_scheduler(config, engine)
    # access_log off: uvicorn would log full URLs with query strings; the audit log records accesses.
    uvicorn.run(
        application,
        host=host,
        port=port,
        access_log=False,
        proxy_headers=config.web_trust_proxy,
        server_header=False,
    )
    if scheduler is not None:
        scheduler.stop()


def retention_scheduler(config: Settings, engine: Engine) -> RetentionScheduler | None:
    """Retention every OPENPIU_RETENTION_INTERVAL_MINUTES while serving (not when 0)."""
    if config.retention_interval_minutes == 0:
        return None
    try:
        sealer = load_sealer(config)
    except ConfigError as exc:
        raise ConfigError(
            f"{exc} (or OPENPIU_RETENTION_INTERVAL_MINUTES=0 to serve without retention)"
        ) from exc
    scheduler = RetentionScheduler(
        engine,
        policy=load_policy(config),
        sealer=sealer,
        interval=timedelta(minutes=config.retention_interval_minutes),
    )
    scheduler.start()
    return scheduler


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    https: Annotated[
        bool, typer.Option("--https", help="Served over HTTPS (by a proxy): mark cookies Secure.")
    ] = False,
) -> None:
    """Run the analysts' web application and JSON API (needs OPENPIU_SECRET_KEY)."""
    serve_app(host=host, port=port, https=https)
