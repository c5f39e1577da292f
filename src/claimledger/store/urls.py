"""Database addresses from outside (`--db`, `create_app`): parsed and checked once, before any
driver sees them, and never shown with their password.

- A path is a SQLite file; `postgresql://` means the psycopg 3 driver the project installs.
- A URL that does not parse, a port that is not a number from 1 to 65535, or a database the
  project does not run on (it runs on SQLite and PostgreSQL) is an InputError in one line, not a
  driver traceback.
- Every spelling of a SQLite URL (`sqlite:///x.db`, `sqlite+pysqlite:///x.db`, a plain path)
  names the same file, so a read command refuses a missing file whichever spelling it was given
  (it must not create an empty ledger and answer "0 claims").
- What is shown of an address (error messages, logs) has its password replaced by `***`, in the
  user part and in a `?password=` parameter, and `scrub` takes the password out of any message a
  driver wrote about it.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..errors import InputError

BACKENDS = ("sqlite", "postgresql")
_SECRET_KEYS = ("password", "passwd", "sslpassword")
# user:password@ in an address that does not even parse as a URL
_USERINFO = re.compile(r"(?P<head>//[^/@:?#]*:)[^@/?#]*@")
_QUERY_SECRET = re.compile(r"(?P<head>[?&](?:" + "|".join(_SECRET_KEYS) + r")=)[^&#]*", re.IGNORECASE)


def _parse(db: str) -> URL:
    given = db
    if db.startswith("postgresql://"):
        given = "postgresql+psycopg://" + db[len("postgresql://") :]
    try:
        url = make_url(given)
    except (ArgumentError, ValueError):
        # a port that is not a number ("h:abc") fails in int() inside SQLAlchemy
        raise InputError(f"cannot open database '{shown_url(db)}': not a database URL") from None
    if url.port is not None and not 1 <= url.port <= 65535:
        raise InputError(f"cannot open database '{shown_url(db)}': port {url.port} is not 1-65535")
    if url.get_backend_name() not in BACKENDS:
        raise InputError(
            f"cannot open database '{shown_url(db)}': {url.get_backend_name()!r} is not supported "
            "(a SQLite file or a postgresql:// URL)"
        )
    return url


def database_url(db: str) -> str:
    """The SQLAlchemy URL for `--db`: a path is a SQLite file, `postgresql://` uses psycopg 3."""
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    return _parse(db).render_as_string(hide_password=False)


def sqlite_file(db: str) -> Path | None:
    """The file a SQLite address names, whatever its spelling; None for an in-memory database
    and for other databases."""
    if "://" not in db:
        return None if db == ":memory:" else Path(db).expanduser()
    url = _parse(db)
    if url.get_backend_name() != "sqlite":
        return None
    name = url.database or ""
    if str(url.query.get("uri", "")).lower() in ("true", "1"):
        if url.query.get("mode") == "memory":
            return None
        name = unquote(name.removeprefix("file:").split("?", 1)[0])
    if name in ("", ":memory:"):
        return None
    return Path(name).expanduser()


def shown_url(db: str) -> str:
    """The address as it may be shown: its password (user part or query) replaced by ***."""
    if "://" not in db:
        return db
    userinfo = _raw_userinfo(db)
    if userinfo is not None and ":" in userinfo and "@" in userinfo:
        # a raw "@" inside the password ("u:p@ss@host"): parsers cut it at the first one and
        # would show the rest; everything before the last "@" of the authority is credentials
        scheme, rest = db.split("://", 1)
        masked = f"{scheme}://{userinfo.split(':', 1)[0]}:***@{rest[len(userinfo) + 1 :]}"
        return _QUERY_SECRET.sub(r"\g<head>***", masked)
    try:
        url = make_url(db)
        masked = url.render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        masked = _USERINFO.sub(r"\g<head>***@", db)
    return _QUERY_SECRET.sub(r"\g<head>***", masked)


def _raw_userinfo(db: str) -> str | None:
    """What stands before the last "@" of a URL's authority (user and password as written), or None."""
    authority = re.split(r"[/?#]", db.split("://", 1)[1], maxsplit=1)[0]
    return authority.rpartition("@")[0] if "@" in authority else None


def _secrets(db: str) -> list[str]:
    found: list[str] = []
    if "://" not in db:
        return found
    userinfo = _raw_userinfo(db)
    if userinfo is not None and ":" in userinfo:
        raw = userinfo.split(":", 1)[1]
        found.extend([raw, unquote(raw)])
    try:
        url = make_url(db)
        if url.password:
            found.append(str(url.password))
        for key in _SECRET_KEYS:
            value = url.query.get(key)
            found.extend([value] if isinstance(value, str) else list(value or ()))
    except (ArgumentError, ValueError):
        pass
    match = re.search(r"//[^/@:?#]*:([^@/?#]*)@", db)
    if match:
        found.extend([match.group(1), unquote(match.group(1))])
    keys = "|".join(_SECRET_KEYS)
    found.extend(unquote(m.group(1)) for m in re.finditer(rf"[?&](?:{keys})=([^&#]*)", db, re.IGNORECASE))
    return sorted({s for s in found if s}, key=len, reverse=True)


def scrub(message: str, db: str) -> str:
    """A message about `db` (a driver's error included) with the address shown masked and its
    password nowhere: the full address first, then any password it carries."""
    if "://" not in db:
        return message
    message = message.replace(db, shown_url(db))
    for secret in _secrets(db):
        # as a whole token: a short password must not turn every word it occurs in into ***
        message = re.sub(rf"(?<![^\W_]){re.escape(secret)}(?![^\W_])", "***", message)
    return message
