"""`serve`: the web pages and JSON API over the ledger."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import InputError
from .ledger_access import _config
from .options import ConfigOption, DbOption
from .output import fail


def serve(
    db: DbOption = "claimledger.db",
    host: Annotated[str, typer.Option(help="interface; the default keeps it on this machine")] = "127.0.0.1",
    port: int = 8000,
    allow_host: Annotated[
        list[str] | None, typer.Option(help="a Host name clients use (needed when not on loopback)")
    ] = None,
    config: ConfigOption = None,
    lang: Annotated[
        str | None,
        typer.Option(
            help="language of the pages (fr or en) for a visitor who chose none with the FR | EN "
            "switch; default: the browser's language, else fr"
        ),
    ] = None,
) -> None:
    """Web pages and JSON API over the ledger (OpenAPI at /docs)."""
    import uvicorn

    from ..present.web.app import create_app
    from ..present.web.i18n import LANGUAGES
    from ..present.web.security import allowed_hosts

    if not 1 <= port <= 65535:
        fail(f"--port {port} is not a port (1-65535)")
    if lang is not None and lang not in LANGUAGES:
        fail(f"--lang {lang}: the pages are in {' or '.join(LANGUAGES)}")
    hosts = allowed_hosts(host, allow_host or [])
    if not hosts:
        fail(f"listening on {host}: name the host clients will use with --allow-host")
    try:
        application = create_app(db, hosts, _config(config), lang=lang)
    except InputError as exc:
        fail(str(exc))
        return
    uvicorn.run(application, host=host, port=port, log_level="warning")
