"""A short Markdown brief of a story that keeps who said what and how sure.

Every sentence names its source and carries its status in words ("sans confirmation",
"hypothèse", "démenti par"), and links to the articles it summarises: an alleged figure is never
written as a fact.
"""

from __future__ import annotations

import re

from ..ingest.urlpolicy import safe_link
from ..link.records import ClaimRecord
from ..link.report import StoryReport

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md(text: str | None) -> str:
    """Article text as Markdown that reads as the same text: every character Markdown would act on
    is escaped, so a claim can never become a link, an image (a pixel loaded on view) or markup."""
    if not text:
        return ""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


MAX_SENTENCES = 12
STATUS_WORDS = {
    "stated": "affirmé",
    "confirmed": "confirmé",
    "alleged": "non confirmé",
    "speculative": "hypothèse",
    "denied": "démenti",
}


def sentence(c: ClaimRecord, others: list[str]) -> str:
    """One claim as a sentence whose wording carries its source and status."""
    text = md(c.text.rstrip(" ."))
    src = md(c.source) if c.source else None
    also = f" (aussi : {', '.join(md(o) for o in others)})" if others else ""
    if c.quote == "direct":
        text = f"« {text} »"
    if src is None:
        return {
            "stated": f"{text}.",
            "confirmed": f"Confirmé : {text}.",
            "alleged": f"Non confirmé : {text}.",
            "speculative": f"Hypothèse : {text}.",
            "denied": f"Démenti : {text}.",
        }[c.status]
    return {
        "stated": f"Selon {src}{also}, {text}.",
        "confirmed": f"Confirmé par {src}{also} : {text}.",
        "alleged": f"D'après {src}{also}, sans confirmation : {text}.",
        "speculative": f"Hypothèse avancée par {src}{also} : {text}.",
        "denied": f"Démenti par {src}{also} : {text}.",
    }[c.status]


def _weight(c: ClaimRecord, cluster: int) -> float:
    w = 3.0 * bool(c.quantities) + cluster
    if c.source_kind in ("person", "organization", "country", "document"):
        w += 2
    if c.status in ("confirmed", "denied"):
        w += 2
    elif c.status in ("alleged", "speculative"):
        w += 1
    if c.source is None and not c.quantities:
        w -= 3
    return w - (2 if len(c.text) < 25 else 0)


def render_brief(rep: StoryReport) -> str:
    story = rep.story
    refs = {a.id: n for n, a in enumerate(story.articles, 1)}
    cluster_of: dict[str, list[ClaimRecord]] = {}
    for group in rep.propositions:
        for c in group:
            cluster_of[c.key] = group
    chosen: list[tuple[ClaimRecord, list[ClaimRecord]]] = []
    used: set[str] = set()
    for c in sorted(rep.claims, key=lambda c: -_weight(c, len(cluster_of.get(c.key, [])))):
        if c.key in used or len(chosen) >= MAX_SENTENCES:
            continue
        group = [g for g in cluster_of.get(c.key, [c]) if g.status == c.status]
        used.update(g.key for g in group)
        chosen.append((c, group))
    order = {a.id: i for i, a in enumerate(story.articles)}
    chosen.sort(key=lambda cg: (order.get(cg[0].article_id, 0), int(cg[0].claim_id.lstrip("c") or 0)))

    dates = sorted({a.date for a in story.articles if a.date})
    span = f", {dates[0]} – {dates[-1]}" if dates else ""
    lines = [
        f"# {md(story.title) or 'Story ' + story.id}",
        "",
        f"*{len(story.articles)} article(s){span}. Chaque phrase garde sa source et son statut.*",
        "",
    ]
    for c, group in chosen:
        others = sorted({g.source for g in group if g.source and g.source != c.source})
        links = "".join(
            f"[{refs[a]}]" for a in sorted({g.article_id for g in group}, key=lambda x: refs.get(x, 0))
        )
        lines.append(f"- {sentence(c, others)} {links}")
    if any(s.points for s in rep.series):
        lines += ["", "## Chiffres", ""]
        for s in rep.series[:6]:
            steps = " → ".join(
                f"{md(p.text)} ({md(p.source)}{', ' + md(p.date) if p.date else ''}, "
                f"{STATUS_WORDS[p.status]})"
                for p in s.points
            )
            warn = f" — ⚠ {len(s.conflicts)} désaccord(s) entre sources" if s.conflicts else ""
            lines.append(f"- {md(s.thing)} : {steps}{warn}")
    if rep.contradictions:
        lines += ["", "## Contradictions", ""]
        for k in rep.contradictions[:6]:
            lines.append(
                f"- {md(k.affirmed.source) or 'l’article'} ({STATUS_WORDS[k.affirmed.status]}) : "
                f"{md(k.affirmed.text)} "
                f"— démenti par {md(k.denied.source)} : {md(k.denied.text)} "
                f"[{refs.get(k.affirmed.article_id)}][{refs.get(k.denied.article_id)}]"
            )
    lines += [""] + [
        f"[{n}]: <{safe_link(a.url) or 'article:' + a.id}>"
        for a, n in ((a, refs[a.id]) for a in story.articles)
    ]
    return "\n".join(lines) + "\n"
