"""The JSON API's desk: verdicts (listed, recorded) and analysing a text or an address. Writes
take only JSON (a cross-site form cannot send it)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from ..actions import analyse_and_store, fetch, record
from ..schemas import AnalyzeRequest, ReviewRequest, verdict_json
from ..security import require_json
from ..state import QueueDep, StateDep

router = APIRouter()


@router.get("/api/reviews", tags=["reviews"])
def api_reviews(state: StateDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict[str, Any]]:
    return [verdict_json(v, state.desk) for v in state.verdicts.all(limit=limit)]


@router.post("/api/reviews", tags=["reviews"], status_code=201)
def api_review(request: Request, state: StateDep, body: ReviewRequest) -> dict[str, Any]:
    """Record or edit a verdict (fields not given keep their value; the change is kept)."""
    require_json(request)
    given: dict[str, str] = {}
    if body.rating:
        given["rating"] = body.rating
    if body.explanation is not None:
        given["explanation"] = body.explanation
    if body.url is not None:
        given["url"] = body.url
    return verdict_json(record(state, body.target, body.reviewer, given, body.reviewed), state.desk)


@router.post("/api/analyze", tags=["articles"], status_code=201)
async def api_analyze(
    request: Request, state: StateDep, queue: QueueDep, body: AnalyzeRequest
) -> dict[str, Any]:
    require_json(request)
    if bool(body.text) == bool(body.url):
        raise HTTPException(400, "give either text or url")

    def work() -> dict[str, Any]:
        text = body.text or fetch(body.url or "")
        return analyse_and_store(state, text, "upload", body.store, body.url, lang=body.lang).to_dict()

    return await queue.run(work)
