"""A Markdown brief of a story that a desk can publish and that keeps who said what and how sure.

Every bullet is a sentence that names its source (the article's own words when the source comes
first: "Pyongyang a démenti avoir envoyé des troupes"), opens with its status in words ("Non
confirmé", "Hypothèse", "Démenti"), and cites each article it summarises once, with a link that
works where the brief is read (the claim on the article page on the web, the article's address in
Markdown). An alleged figure is never written as a fact, and a brief that leaves claims out says
how many and whose.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ..dates import iso_day
from ..ingest.urlpolicy import safe_link
from ..lexicon import BriefWords, brief_words
from ..link.laundering import record_statement
from ..link.records import ClaimRecord
from ..link.report import StoryReport
from ..statements import same_statement

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md(text: str | None) -> str:
    """Article text as Markdown that reads as the same text: every character Markdown would act on
    is escaped, so a claim can never become a link, an image (a pixel loaded on view) or markup."""
    if not text:
        return ""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def md_url(url: str) -> str:
    """A link target Markdown cannot misread: the characters that end or nest a destination
    (space, brackets, parentheses, backslash, quotes) are percent-encoded."""
    return "".join(f"%{ord(ch):02X}" if ch in " <>()[]\\\"'`" else ch for ch in url)


MAX_SENTENCES = 12


# where a citation of a claim points: None when it has nowhere to point
Linker = Callable[[ClaimRecord], str | None]


def markdown_link(c: ClaimRecord) -> str | None:
    """In a Markdown file: the article's own address, when it has a safe one."""
    return safe_link(c.url)


def web_link(c: ClaimRecord) -> str:
    """On the web: the claim, highlighted on its article's page."""
    return f"/articles/{c.article_id}#claim-{c.claim_id}"


def sentence(c: ClaimRecord, others: list[str], words: BriefWords) -> str:
    """One claim as a sentence: its status first, then the claim with its source; evidence a party
    shows says whose it is; other sources that say the same are named after it."""
    label = words.labels[c.status]
    if c.shown_by:
        label += words.phrases["shown_by"].format(who=md(c.shown_by_name or c.shown_by))
    text = md(claim_phrase(c, words))
    also = words.phrases["also"].format(who=", ".join(md(o) for o in others)) if others else ""
    return f"**{label}** — {text}{also}"


def claim_phrase(c: ClaimRecord, words: BriefWords) -> str:
    """The claim's own sentence in its language; in a brief of another language, the brief's words
    around the claim's own ("Selon Seoul's spy agency, at least 3,000 soldiers were sent. [en]"):
    never translated, so never reworded."""
    if c.lang == words.lang:
        return c.phrase or c.text
    body = " ".join(c.text.split()).rstrip(" .;:,")
    if c.who:
        body = words.phrases["according"].format(who=c.who, body=body)
    return f"{body} [{c.lang}]"


def main_language(rep: StoryReport) -> str:
    """The language most of the story's claims are in; on a tie, the first article's."""
    counts = Counter(c.lang for c in rep.claims)
    if not counts:
        return "fr"
    first = {a.id: i for i, a in enumerate(rep.story.articles)}
    opening = min(rep.claims, key=lambda c: first.get(c.article_id, len(first))).lang
    return max(counts, key=lambda lang: (counts[lang], lang == opening))


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


def _one_statement(c: ClaimRecord, other: ClaimRecord) -> bool:
    """Whether a bullet may speak for another claim of its proposition ("Aussi selon : …"): same
    status, and the same statement by the analyser's own test (statements.same_statement: same
    predicate of the same subject, arguments shared, figures that can both hold). A proposition is
    a cluster of similar claims and may hold two statements; a brief never writes them as one. A
    claim whose statement was not read (an older ledger) stands alone."""
    if other.status != c.status:
        return False
    mine, theirs = record_statement(c), record_statement(other)
    return mine is not None and theirs is not None and same_statement(mine, theirs)


def _repeats(c: ClaimRecord, other: ClaimRecord) -> bool:
    if c.article_id != other.article_id or c.source_key != other.source_key:
        return False
    for x, y in ((c.text, other.text), (c.phrase, other.phrase)):
        a, b = " ".join(x.lower().split()).rstrip("."), " ".join(y.lower().split()).rstrip(".")
        if a and b and (a in b or b in a):
            return True
    return False


def render_brief(rep: StoryReport, *, link: Linker = markdown_link, limit: int | None = MAX_SENTENCES) -> str:
    """`limit`: most sentences kept (None: every claim); `link`: where a citation points. The
    brief is written in the story's main language."""
    story = rep.story
    words = brief_words(main_language(rep))
    say = words.phrases
    refs = {a.id: n for n, a in enumerate(story.articles, 1)}
    cluster_of: dict[str, list[ClaimRecord]] = {}
    for group in rep.propositions:
        for c in group:
            cluster_of[c.key] = group
    chosen: list[tuple[ClaimRecord, list[ClaimRecord]]] = []
    used: set[str] = set()
    left: Counter[str] = Counter()
    ranked = sorted(rep.claims, key=lambda c: -_weight(c, len(cluster_of.get(c.key, []))))
    # the strongest claim of each status the story has comes first: a cut brief keeps the
    # denial, the confirmation and the allegation, not only the best-weighted of one kind
    heads = {c.status: c for c in reversed(ranked)}
    ranked = [c for c in ranked if heads.get(c.status) is c] + [
        c for c in ranked if heads.get(c.status) is not c
    ]
    for c in ranked:
        if c.key in used:
            continue
        group = [g for g in cluster_of.get(c.key, [c]) if g is c or _one_statement(c, g)]
        if any(_repeats(c, x) for x, _ in chosen):
            used.add(c.key)  # the same source saying it again in the same article
            continue
        if limit is not None and len(chosen) >= limit:
            left[c.who or say["article_itself"]] += 1
            continue
        used.update(g.key for g in group)
        chosen.append((c, group))
    order = {a.id: i for i, a in enumerate(story.articles)}
    chosen.sort(key=lambda cg: (order.get(cg[0].article_id, 0), cg[0].order))

    def cite(group: list[ClaimRecord]) -> str:
        out = []
        for c in sorted({g.article_id: g for g in group}.values(), key=lambda g: refs.get(g.article_id, 0)):
            n = refs.get(c.article_id)
            target = link(c)
            out.append(f"[{n}]({md_url(target)})" if target else f"\\[{n}\\]")
        return " ".join(out)

    # dates come from pages and sidecar files: only real days (digits and hyphens) are written
    dates = sorted({day for a in story.articles if (day := iso_day(a.date))})
    span = f", {dates[0]} – {dates[-1]}" if dates else ""
    lines = [
        f"# {md(story.title) or say['story'].format(id=md(story.id))}",
        "",
        f"*{say['header'].format(n=len(story.articles), span=span)}*",
        "",
    ]
    for c, group in chosen:
        others = sorted(
            {g.source_key: g.who for g in group if g.who and g.source_key != c.source_key}.values()
        )
        lines.append(f"- {sentence(c, others, words)} {cite(group)}")
    if left:
        whose = ", ".join(f"{md(w)} ({n})" for w, n in sorted(left.items(), key=lambda kv: (-kv[1], kv[0])))
        lines += ["", f"*{say['left'].format(n=sum(left.values()), whose=whose)}*"]
    charted = rep.charted
    if charted:
        lines += ["", f"## {say['figures']}", ""]
        for s in charted[:6]:
            steps = " → ".join(
                f"{md(p.text)} ({md(p.source or say['article_itself'])}"
                f"{', ' + md(iso_day(p.date)) if iso_day(p.date) else ''}, {words.status_words[p.status]})"
                for p in s.points
            )
            warn = say["conflicts"].format(n=len(s.conflicts)) if s.conflicts else ""
            lines.append(f"- {say['figure_label'].format(label=md(s.label), steps=steps)}{warn}")
    if rep.contradictions:
        lines += ["", f"## {say['contradictions']}", ""]
        for k in rep.contradictions[:6]:
            lines.append(
                f"- {md(claim_phrase(k.affirmed, words))} ({words.status_words[k.affirmed.status]}) "
                f"{say['denied']} {md(claim_phrase(k.denied, words))} {cite([k.affirmed, k.denied])}"
            )
    lines += ["", f"## {say['sources']}", ""]
    for a in story.articles:
        title = md(a.title) or a.id
        url = safe_link(a.url)
        day = iso_day(a.date)
        when = f" ({md(day)})" if day else ""
        lines.append(
            f"{refs[a.id]}. [{title}]({md_url(url)}){when}" if url else f"{refs[a.id]}. {title}{when}"
        )
    return "\n".join(lines) + "\n"
