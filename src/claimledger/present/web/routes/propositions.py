"""The desk's pages: the verdict form of a claim's card or of a proposition, a proposition (a
claim across articles) with its verdict, and the button that detaches a claim from it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from ..actions import detach_claim, proposition_claims, proposition_or_404, record, resolve
from ..common import lines
from ..render import page
from ..schemas import RAW_EXPLANATION
from ..security import CSRF_FIELD, check_csrf
from ..state import StateDep

router = APIRouter()


@router.post("/reviews", include_in_schema=False)
def review_submit(
    request: Request,
    state: StateDep,
    target: Annotated[str, Form(max_length=64)],
    reviewer: Annotated[str, Form(max_length=200)] = "",
    rating: Annotated[str, Form(max_length=40)] = "",
    explanation: Annotated[str, Form(max_length=RAW_EXPLANATION)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    was_target: Annotated[str, Form(max_length=64)] = "",
    was_rating: Annotated[str, Form(max_length=40)] = "",
    was_explanation: Annotated[str, Form(max_length=RAW_EXPLANATION)] = "",
    was_url: Annotated[str, Form(max_length=2000)] = "",
    was_reviewer: Annotated[str, Form(max_length=200)] = "",
    csrf: Annotated[str, Form(alias=CSRF_FIELD, max_length=100)] = "",
) -> Response:
    """The verdict form of a card or a proposition. The form shows the current verdict and
    says what it showed (`was_*`, for `was_target`): only the fields the reviewer changed are
    saved, so a save that changes nothing records nothing, and an edit made meanwhile by
    someone else to another field is kept. A form that does not say (a script) changes the
    fields it fills; a blank field keeps its value."""
    check_csrf(request, csrf)
    entered = {"rating": rating, "explanation": lines(explanation), "url": url.strip()}
    if was_target and was_target == target:
        shown_before = {
            "rating": was_rating,
            "explanation": lines(was_explanation),
            "url": was_url.strip(),
        }
        given = {k: v for k, v in entered.items() if v != shown_before[k]}
        unchanged = " ".join(reviewer.split()) == " ".join(was_reviewer.split())
    else:
        given = {k: v for k, v in entered.items() if v}
        unchanged = False
    if given.get("rating") == "":
        del given["rating"]  # a rating is changed, never emptied
    key, article_id, claim_id, proposition_id = resolve(state, target)
    if not (unchanged and not given and state.verdicts.get(key) is not None):
        v = record(state, key, reviewer, given)
        article_id, claim_id, proposition_id = v.article_id, v.claim_id, v.proposition_id
    where = (
        f"/articles/{article_id}#claim-{claim_id}"
        if claim_id is not None
        else f"/propositions/{proposition_id}"
    )
    return RedirectResponse(where, status_code=303)


@router.post("/propositions/{proposition_id}/detach", include_in_schema=False)
def detach_submit(
    request: Request,
    state: StateDep,
    proposition_id: Annotated[str, Path(max_length=64)],
    claim: Annotated[str, Form(max_length=200)],
    csrf: Annotated[str, Form(alias=CSRF_FIELD, max_length=100)] = "",
) -> Response:
    """A reviewer says this claim is not the proposition's statement: it leaves the proposition
    (and its verdict) for good. Back to the proposition, or to the claim when the proposition,
    left with one claim, is no proposition any more."""
    check_csrf(request, csrf)
    live = proposition_or_404(state, proposition_id)
    done = detach_claim(state, live, claim)
    if done.dissolved:
        article_id, claim_id = done.claim.rsplit(":", 1)
        return RedirectResponse(f"/articles/{article_id}#claim-{claim_id}", status_code=303)
    return RedirectResponse(f"/propositions/{live}?detached=1", status_code=303)


@router.get("/propositions/{proposition_id}", include_in_schema=False, response_model=None)
def proposition_page(
    request: Request, state: StateDep, proposition_id: Annotated[str, Path(max_length=64)]
) -> Response:
    live = proposition_or_404(state, proposition_id)
    if live != proposition_id:
        return RedirectResponse(request.url.path.replace(proposition_id, live, 1), status_code=301)
    claims = proposition_claims(state, live)
    titles = state.ledger.titles({r.article_id for r in claims})
    return page(
        request,
        "proposition.html",
        pid=live,
        claims=claims,
        titles=titles,
        verdict=state.verdicts.get(live),
    )
