"""Verdicts: a reviewer's rating of a claim or of a proposition (the same claim across articles),
with an explanation, the published fact-check's URL, who and when; every change is kept.

A target is a global claim id, `ARTICLE:cSTART`, or a proposition id, `p-…`. A claim without a
verdict of its own shows its proposition's. Verdicts are not tied to the rows that analysis and
linking rewrite, so re-analysis and `relink` never lose them; and a verdict stays with what it
judged:

- on a claim, it is shown only while the claim at its id still says what was judged (the text is
  stored with the verdict): a claim whose text changed shows no verdict, and the verdict is listed
  as `stale` with the text it judged (`orphaned` when the claim is gone), never published on the
  new text;
- on a proposition that a later article merged into another, it shows on the proposition it
  merged into (claim cards, `claim`, story pages, the proposition page, ClaimReview): its
  `proposition_id` is the live one, its `target` the one it was given on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from ..errors import InputError
from ..ingest.urlpolicy import safe_link
from ..link.read import LinkReader
from ..store.ledger import Ledger, stored_text
from ..store.schema import ClaimRow, LinkClaimRow, VerdictHistoryRow, VerdictRow
from .config import Scale

EDITABLE = ("rating", "explanation", "url", "reviewer", "reviewed", "short")
MAX_EXPLANATION = 5000
CURRENT, STALE, ORPHANED = "current", "stale", "orphaned"


@dataclass(frozen=True)
class Verdict:
    target: str
    article_id: str | None
    claim_id: str | None
    proposition_id: str | None  # a proposition verdict: the proposition it applies to now
    claim_text: str
    rating: str
    explanation: str
    url: str | None
    reviewer: str
    reviewed: str
    short: str | None
    updated: str
    # current: it applies to its claim or proposition as stored; stale: its claim now says
    # something else (claim_text is what was judged); orphaned: its claim or proposition is gone
    standing: str = CURRENT

    @property
    def on_proposition(self) -> bool:
        return self.claim_id is None

    @property
    def current(self) -> bool:
        return self.standing == CURRENT


@dataclass(frozen=True)
class Change:
    changed: str
    reviewer: str
    changes: dict[str, list[str | None]]


def split_claim_id(global_id: str) -> tuple[str, str] | None:
    """`ARTICLE:cSTART` -> (article id, claim id); None when it is not of that form."""
    article, sep, claim = global_id.rpartition(":")
    return (article, claim) if sep and article and claim else None


def same_text(judged: str | None, now: str | None) -> bool:
    """Whether a claim still says what its verdict judged (spacing aside)."""
    return judged is not None and now is not None and " ".join(judged.split()) == " ".join(now.split())


def _verdict(row: VerdictRow) -> Verdict:
    return Verdict(**{k: getattr(row, k) for k in Verdict.__dataclass_fields__ if k != "standing"})


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Verdicts:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.reader = LinkReader(ledger)

    def resolve(self, target: str) -> tuple[str, str | None, str | None, str | None, str]:
        """(target, article id, claim id, proposition id, claim text) of a claim or proposition
        that exists; a one-line error otherwise."""
        target = target.strip()
        if target.startswith("p-"):
            live = self.reader.resolve_proposition(target)
            if live is None:
                raise InputError(f"no proposition '{target}'")
            with Session(self.ledger.engine) as s:
                first = s.execute(
                    select(LinkClaimRow.article_id, LinkClaimRow.claim_id)
                    .where(LinkClaimRow.proposition_id == live)
                    .order_by(LinkClaimRow.article_id, LinkClaimRow.claim_id)
                    .limit(1)
                ).first()
            row = self.ledger.claim(first.article_id, first.claim_id) if first else None
            return live, None, None, live, row.text if row else ""
        parts = split_claim_id(target)
        row = self.ledger.claim(*parts) if parts else None
        if row is None:
            raise InputError(f"no claim '{target}' (a claim id is ARTICLE:cSTART, as `claims` prints it)")
        return target, row.article_id, row.claim_id, None, row.text

    def record(
        self,
        target: str,
        *,
        scale: Scale,
        reviewer: str,
        rating: str | None = None,
        explanation: str | None = None,
        url: str | None = None,
        reviewed: str | None = None,
        short: str | None = None,
    ) -> Verdict:
        """Create or edit the verdict on `target`: fields not given keep their value; the change
        is written to the history with each field's value before and after. A proposition that
        another merged into edits the verdict given to the merged one, if it has none of its
        own. A verdict whose claim now says something else is edited only with a rating: that
        judges the claim as it reads now (the history keeps the text judged before).

        Waits a few seconds at most for another writer (a relink): then LedgerBusy, nothing
        written (store/ledger.py quick_write)."""
        reviewer = (stored_text(reviewer, 200) or "").strip()
        if not reviewer:
            raise InputError("a verdict needs a reviewer (--reviewer NAME)")
        if rating is not None:
            scale.get(rating)
        if url is not None and url and not safe_link(url):
            raise InputError(f"'{url}' is not an http(s) URL")
        if reviewed is not None:
            try:
                reviewed = date.fromisoformat(reviewed).isoformat()
            except ValueError:
                raise InputError(f"'{reviewed}' is not a date (YYYY-MM-DD)") from None
        if explanation is not None:
            explanation = explanation.replace("\r\n", "\n").replace("\r", "\n")
        if explanation is not None and len(explanation) > MAX_EXPLANATION:
            raise InputError(f"the explanation is over {MAX_EXPLANATION} characters")
        key, article_id, claim_id, proposition_id, claim_text = self.resolve(target)
        merged = self._merged_target(proposition_id) if proposition_id is not None else None
        now = datetime.now(UTC).isoformat(timespec="seconds")
        updates: dict[str, str | None] = {"reviewer": reviewer}  # only the fields given
        for k, v in (
            ("rating", rating),
            ("explanation", explanation),
            ("reviewed", reviewed),
            ("short", short),
        ):
            if v is not None:
                updates[k] = stored_text(v)
        if url is not None:
            updates["url"] = (safe_link(url) or url.strip()) if url.strip() else None  # "" clears it
        text_now = stored_text(claim_text) or ""
        with self.ledger.quick_write() as s:
            named = target.strip()
            # the reviewer named a proposition that merged ("p-a" into "p-c"): its own verdict
            # first, never the live one's nor another merged one's
            row = s.get(VerdictRow, named) if named != key else None
            if row is None:
                row = s.get(VerdictRow, key)
            if row is None and merged is not None and named == key:
                row = s.get(VerdictRow, merged)  # given to a proposition merged into this one
            rejudged: list[str | None] | None = None
            if row is None:
                if rating is None:
                    raise InputError(f"'{key}' has no verdict yet: give --rating")
                row = VerdictRow(
                    target=key,
                    article_id=article_id,
                    claim_id=claim_id,
                    proposition_id=proposition_id,
                    claim_text=text_now,
                    rating=rating,
                    explanation="",
                    url=None,
                    reviewer=reviewer,
                    reviewed=reviewed or date.today().isoformat(),
                    short=None,
                    updated=now,
                )
                before: dict[str, str | None] = dict.fromkeys(EDITABLE)
                s.add(row)
            else:
                before = {k: getattr(row, k) for k in EDITABLE}
                if row.claim_id is not None and not same_text(row.claim_text, text_now):
                    if rating is None:
                        raise InputError(
                            f"the verdict on '{key}' judged another text (\"{_short(row.claim_text)}\"): "
                            "give a rating to judge the claim as it reads now"
                        )
                    rejudged = [row.claim_text, text_now]
                    row.claim_text = text_now
            for k, v in updates.items():
                setattr(row, k, "" if v is None and k == "explanation" else v)
            after = {k: getattr(row, k) for k in EDITABLE}
            changes = {k: [before[k], after[k]] for k in EDITABLE if before[k] != after[k]}
            if rejudged is not None:
                changes["claim_text"] = rejudged
            if changes:
                row.updated = now
                s.add(
                    VerdictHistoryRow(
                        target=row.target,
                        changed=now,
                        reviewer=reviewer,
                        changes=json.dumps(changes, ensure_ascii=False),
                    )
                )
            s.flush()
            out = _verdict(row)
        return replace(out, proposition_id=proposition_id) if proposition_id is not None else out

    def _merged_target(self, live: str) -> str | None:
        """The verdict given to a proposition merged into `live` (the latest changed), if any."""
        merged = self.reader.merged_into([live])
        if not merged:
            return None
        with Session(self.ledger.engine) as s:
            return s.scalar(
                select(VerdictRow.target)
                .where(VerdictRow.proposition_id.in_(sorted(merged)), VerdictRow.claim_id.is_(None))
                .order_by(VerdictRow.updated.desc(), VerdictRow.target)
                .limit(1)
            )

    def get(self, target: str) -> Verdict | None:
        """The verdict recorded on `target`, with its standing; for a proposition with none of its
        own, the verdict of one merged into it."""
        with Session(self.ledger.engine) as s:
            row = s.get(VerdictRow, target)
            found = [_verdict(row)] if row else []
        if not found and target.startswith("p-"):
            live = self.reader.resolve_proposition(target)
            merged = self._merged_target(live) if live else None
            if merged is None:
                return None
            return self.get(merged)
        return self._standing(found)[0] if found else None

    def all(self, *, rating: str | None = None, limit: int = 200) -> list[Verdict]:
        """Most recently changed first, each with its standing (stale and orphaned ones too: a
        desk must see them to review them again)."""
        q = select(VerdictRow).order_by(VerdictRow.updated.desc(), VerdictRow.target).limit(limit)
        if rating:
            q = q.where(VerdictRow.rating == rating)
        with Session(self.ledger.engine) as s:
            found = [_verdict(r) for r in s.scalars(q)]
        return self._standing(found)

    def history(self, target: str) -> list[Change]:
        """Every change to the verdict on `target` (for a proposition with no verdict of its
        own, to the verdict shown on it: one given to a proposition merged into it)."""
        target = target.strip()
        with Session(self.ledger.engine) as s:
            if s.get(VerdictRow, target) is None and target.startswith("p-"):
                shown = self.get(target)
                target = shown.target if shown else target
            rows = s.scalars(
                select(VerdictHistoryRow)
                .where(VerdictHistoryRow.target == target)
                .order_by(VerdictHistoryRow.id)
            )
            return [Change(r.changed, r.reviewer, json.loads(r.changes)) for r in rows]

    def for_claims(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Verdict]:
        """Each claim's verdict: its own while the claim still says what was judged, else its
        proposition's (given to it, or to a proposition that merged into it)."""
        wanted = set(keys)
        if not wanted:
            return {}
        articles = sorted({a for a, _ in wanted})
        out: dict[tuple[str, str], Verdict] = {}
        with Session(self.ledger.engine) as s:
            own: list[VerdictRow] = []
            links: list[tuple[str, str, str]] = []
            for start in range(0, len(articles), 500):
                chunk = articles[start : start + 500]
                own.extend(
                    s.scalars(
                        select(VerdictRow).where(
                            VerdictRow.article_id.in_(chunk), VerdictRow.claim_id.is_not(None)
                        )
                    )
                )
                linked = s.execute(
                    select(LinkClaimRow.article_id, LinkClaimRow.claim_id, LinkClaimRow.proposition_id).where(
                        LinkClaimRow.article_id.in_(chunk), LinkClaimRow.proposition_id.is_not(None)
                    )
                )
                links.extend((a, c, p) for a, c, p in linked if (a, c) in wanted and p)
            own = [r for r in own if (r.article_id or "", r.claim_id or "") in wanted]
            texts = _claim_texts(s, [(r.article_id or "", r.claim_id or "") for r in own])
            for r in own:
                key = (r.article_id or "", r.claim_id or "")
                if same_text(r.claim_text, texts.get(key)):
                    out[key] = _verdict(r)
        by_prop = self._on_propositions({p for _, _, p in links})
        for a, c, p in links:
            if (a, c) not in out and p in by_prop:
                out[(a, c)] = by_prop[p]
        return out

    def _on_propositions(self, live: set[str]) -> dict[str, Verdict]:
        """The verdict shown on each of these live propositions: its own, else the latest changed
        of those given to propositions merged into it."""
        if not live:
            return {}
        merged = self.reader.merged_into(live)
        ids = sorted(live | set(merged))
        rows: list[VerdictRow] = []
        with Session(self.ledger.engine) as s:
            for start in range(0, len(ids), 500):
                rows.extend(
                    s.scalars(
                        select(VerdictRow).where(
                            VerdictRow.proposition_id.in_(ids[start : start + 500]),
                            VerdictRow.claim_id.is_(None),
                        )
                    )
                )
        out: dict[str, Verdict] = {}
        rank: dict[str, tuple[bool, str, str]] = {}
        for r in rows:
            pid = r.proposition_id or ""
            to = pid if pid in live else merged.get(pid)
            if to is None:
                continue
            mine = (pid == to, r.updated, r.target)  # its own first, then the latest changed
            if to not in rank or mine > rank[to]:
                rank[to] = mine
                out[to] = replace(_verdict(r), proposition_id=to)
        return out

    def _standing(self, found: Sequence[Verdict]) -> list[Verdict]:
        """These verdicts with their standing, and proposition verdicts with the proposition they
        apply to now."""
        props = self.reader.live_propositions(
            v.proposition_id for v in found if v.claim_id is None and v.proposition_id
        )
        keys = [(v.article_id or "", v.claim_id) for v in found if v.claim_id is not None]
        with Session(self.ledger.engine) as s:
            texts = _claim_texts(s, keys)
        out = []
        for v in found:
            if v.claim_id is not None:
                now = texts.get((v.article_id or "", v.claim_id))
                standing = ORPHANED if now is None else CURRENT if same_text(v.claim_text, now) else STALE
                out.append(replace(v, standing=standing))
            else:
                live = props.get(v.proposition_id or "")
                out.append(replace(v, proposition_id=live) if live else replace(v, standing=ORPHANED))
        return out


def _claim_texts(s: Session, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The stored text of each of these claims that exists."""
    out: dict[tuple[str, str], str] = {}
    unique = sorted(set(keys))
    for start in range(0, len(unique), 300):
        chunk = unique[start : start + 300]
        rows = s.execute(
            select(ClaimRow.article_id, ClaimRow.claim_id, ClaimRow.text).where(
                tuple_(ClaimRow.article_id, ClaimRow.claim_id).in_(chunk)
            )
        )
        out.update({(a, c): t for a, c, t in rows})
    return out


def verdict_dict(v: Verdict, scale: Scale) -> dict[str, object]:
    rating = scale.find(v.rating)
    return asdict(v) | {"rating_label": rating.label if rating else v.rating}
