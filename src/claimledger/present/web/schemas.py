"""What the JSON API takes (request bodies) and gives (stories, figures and verdicts as JSON)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from ...desk.config import DeskConfig
from ...desk.verdicts import MAX_EXPLANATION, Verdict
from ...link.report import StoryReport
from ..brief import render_brief, web_link
from .common import DATE, MAX_UPLOAD, Lang


class AnalyzeRequest(BaseModel):
    text: str | None = Field(default=None, max_length=MAX_UPLOAD, description="article text or HTML")
    url: str | None = Field(default=None, max_length=2000)
    store: bool = True
    lang: Lang = Field(default="auto", description="auto picks per article")


def figures_json(rep: StoryReport) -> list[dict[str, Any]]:
    return [
        {
            "key": s.key,
            "thing": s.thing,
            "event": s.event,
            "charted": s.charted,
            "points": s.points_json(),
            "conflicts": [[p.claim, r.claim] for p, r in s.conflicts],
        }
        for s in rep.series
    ]


def report_json(rep: StoryReport) -> dict[str, Any]:
    def claim(c: Any) -> dict[str, Any]:
        return {
            "article": c.article_id,
            "claim": c.claim_id,
            "text": c.text,
            "status": c.status,
            "source": c.who,
            "date": c.date,
        }

    return {
        "id": rep.story.id,
        "title": rep.story.title,
        "articles": [
            {"id": a.id, "title": a.title, "date": a.date, "url": a.url} for a in rep.story.articles
        ],
        "propositions": [
            {"id": rep.proposition_of[g[0].key], "claims": [claim(c) for c in g]} for g in rep.propositions
        ],
        "figures": figures_json(rep),
        "contradictions": [
            {"affirmed": claim(k.affirmed), "denied": claim(k.denied)} for k in rep.contradictions
        ],
        "status_changes": [{"before": claim(k.before), "after": claim(k.after)} for k in rep.status_changes],
        # certainty upgraded without a source (issue 20): the plain claim and the weaker earlier ones
        "upgrades": [
            {
                "claim": claim(u.claim),
                "from": u.from_status,
                "sources": u.sources,
                "weaker": [claim(w) for w in u.weaker],
            }
            for u in rep.upgrades
        ],
        "brief": render_brief(rep, link=web_link),
    }


def verdict_json(v: Verdict, desk: DeskConfig) -> dict[str, Any]:
    rating = desk.scale.find(v.rating)
    return {
        "target": v.target,
        "on": "proposition" if v.on_proposition else "claim",
        "rating": v.rating,
        "label": rating.label if rating else v.rating,
        "explanation": v.explanation,
        "url": v.url,
        "reviewer": v.reviewer,
        "reviewed": v.reviewed,
        # stale: its claim now says something else than `claim_text`, what was judged; orphaned:
        # its claim or proposition is gone. Only a current verdict is shown on a claim.
        "standing": v.standing,
        "claim_text": v.claim_text,
        "proposition": v.proposition_id,
    }


# a browser sends each line break of a textarea as two characters (CRLF): a text within the
# limit with its breaks as LF (as the CLI and the ledger count it) is at most twice as long raw
RAW_EXPLANATION = 2 * MAX_EXPLANATION


class ReviewRequest(BaseModel):
    target: str = Field(max_length=64, description="a claim (ARTICLE:cN) or a proposition (p-…)")
    rating: str | None = Field(default=None, max_length=40)
    explanation: str | None = Field(
        default=None,
        max_length=RAW_EXPLANATION,
        description=f"at most {MAX_EXPLANATION} characters, a line break (LF or CRLF) counting as one",
    )
    url: str | None = Field(default=None, max_length=2000, description="'' clears it")
    reviewer: str = Field(min_length=1, max_length=200)
    reviewed: str | None = Field(default=None, pattern=DATE)
