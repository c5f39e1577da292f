"""Errors that a page says in its own language while the JSON API keeps saying them in English.

A route raises `Problem(404, N_("no article with this id"))`: the API's `detail` is the English
message (unchanged for clients that read it), the error page shows the catalog's translation.
Where the reason comes from a layer the CLI shares (a file that is not text, an address refused
by the URL policy), its English words are that layer's: the page gives its own translated lead
("This file cannot be read as text.") and shows the tool's reason apart, marked as English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from fastapi import HTTPException
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from .i18n import N_

Gettext = Callable[[str], str]


class Problem(HTTPException):
    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        reason: str | None = None,
        headers: Mapping[str, str] | None = None,
        **params: str,
    ) -> None:
        """`message`: a catalog msgid (marked N_ at the call), %-formatted with `params`;
        `reason`: an English explanation from elsewhere, the API's detail when given."""
        self.message = message
        self.params = params
        self.reason = reason
        super().__init__(status_code, reason if reason is not None else message % params, dict(headers or {}))

    def said(self, gettext: Gettext) -> str:
        return gettext(self.message) % self.params


# what Starlette itself answers (no such route, a method the route does not take): in the
# catalog like every other message a page can show
FRAMEWORK = (N_("Not Found"), N_("Method Not Allowed"))


def page_message(exc: StarletteHTTPException, gettext: Gettext) -> tuple[str, str | None]:
    """(message in the page's language, the tool's own reason or None) of an HTTP error; an
    error raised without a Problem (the framework's) is looked up by its words."""
    if isinstance(exc, Problem):
        return exc.said(gettext), exc.reason
    return gettext(str(exc.detail)), None


# pydantic's error types that a page's form or address can cause, with what they mean; the
# `ctx` of the error fills the limits in
INVALID = {
    "missing": N_("%(field)s is missing"),
    "string_too_long": N_("%(field)s is longer than %(max_length)s characters"),
    "int_parsing": N_("%(field)s is not a whole number"),
    "greater_than_equal": N_("%(field)s is below %(ge)s"),
    "less_than_equal": N_("%(field)s is above %(le)s"),
    "literal_error": N_("%(field)s is none of the choices"),
    "string_pattern_mismatch": N_("%(field)s is not in the expected form"),
}
REFUSED = N_("%(field)s has a value that is refused")
LOCATIONS = ("query", "path", "body", "header", "cookie")


def invalid_message(errors: Sequence[Mapping[str, Any]], gettext: Gettext) -> str:
    """What was wrong with a request, field by field, in the page's language (the field's name as
    the address or the form spells it)."""
    said = []
    for e in errors:
        field = ".".join(str(x) for x in e.get("loc", ()) if x not in LOCATIONS) or "?"
        values = {"field": f"«{field}»", **{k: str(v) for k, v in (e.get("ctx") or {}).items()}}
        try:
            said.append(gettext(INVALID.get(str(e.get("type")), REFUSED)) % values)
        except (KeyError, TypeError, ValueError):  # a limit the message names but the error lacks
            said.append(gettext(REFUSED) % values)
    return "; ".join(said)


QUOTATION = re.compile(r"«[^«»]*»")


def quotations(message: str) -> Markup:
    """An error message as its page shows it, escaped: a piece of the request it repeats, between
    guillemets (app.quoted), is the visitor's words and not the page's, so it is marked
    translate="no", as articles and claims are."""
    return Markup(
        QUOTATION.sub(
            lambda m: f'<span class="quoted" translate="no">{m.group()}</span>', str(escape(message))
        )
    )
