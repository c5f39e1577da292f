"""One id per person across the ledger.

The analyser gives one id per person within an article (analyse/entities.py); across articles
`entities.person_id_map` says which ids are one person: a surname alone joins the ledger's one
full name with that surname ("person:obama" -> "person:barack-obama"), a full name with a middle
name joins the shorter one, an organisation named like a person is that person. This module
applies it when an article is stored (`Ledger.add`, in the article's transaction):

- ids the ledger merged before resolve through `entity_aliases` first: a merge is sticky, also
  when the surname later becomes ambiguous (a second Clinton), and survives any deletion;
- the map is computed over the article's people and organisations and the ledger's that share a
  surname with them (`entity_names`, indexed by surname), so its cost does not grow with the ledger;
- the new analysis is rewritten before it is stored (an organisation that is a person becomes
  that person, and so does the kind of the claims' sources), and every stored row that carries
  an id that now changes is rewritten: the stored analysis JSON, claims (source entity, kind,
  canonical id), entity mentions, claim entities, link rows (who, features), source records,
  story summaries. The linker then scores the merged source's claims again (`link_recheck`).

The result depends on the ledger and the article, never on set or hash order. Readers resolve an
old id a user typed with `resolve_ids`. Nothing here loads the NLP model; the name rules are
imported when an article is stored or merged, never by read commands.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from sqlalchemy import case, delete, literal, select, text, tuple_, update
from sqlalchemy.orm import Session, aliased

from .schema import (
    ArticleRow,
    ClaimEntityRow,
    ClaimRow,
    EntityAliasRow,
    EntityNameRow,
    LinkArticleRow,
    LinkClaimRow,
    LinkRecheckRow,
    MentionRow,
    SourceStatsRow,
    StoryRow,
)

IDENTITY_LOCK = 7_432_119  # PostgreSQL advisory lock: one merge at a time
LINK_LOCK = 7_432_118  # the linker's (link/linker.py): rewriting linked rows waits for linking
MERGED = ("person:", "org:")  # the ids person_id_map reads and writes
_TYPE_OF = {"person:": "person", "org:": "organization"}
_KIND_OF = {"person:": "person", "org:": "organization", "country:": "country"}  # model.source_id
STAT_COLUMNS = ("claims", "confirmed_later", "contradicted", "uncorroborated", "shown")
_CHUNK = 500
_QUIET = {"synchronize_session": False}


def _prefix(eid: str, table: Mapping[str, str]) -> str | None:
    return next((v for k, v in table.items() if eid.startswith(k)), None)


# -- names ---------------------------------------------------------------------------------------


@lru_cache(maxsize=65_536)
def _key(name: str) -> tuple[str, ...]:
    from ..analyse.entities import all_identity_words, name_key

    return name_key(name, all_identity_words())


@lru_cache(maxsize=65_536)
def surname_word(name: str) -> str | None:
    """The last word of a name without its suffix ("Donald Trump Jr." -> "trump", "Le Pen" ->
    "pen"): every relation person_id_map draws is between names that share it."""
    from ..analyse.entities import all_identity_words, split_suffix

    key = _key(name)
    if not key:
        return None
    base, _ = split_suffix(key, all_identity_words())
    return base[-1][:120] if base else None


def fuller(a: str, b: str) -> str:
    """The fuller of two names of one id: more name words, then the first alphabetically (so the
    choice does not depend on which came first)."""
    ka, kb = len(_key(a)), len(_key(b))
    if ka != kb:
        return a if ka > kb else b
    return min(a, b)


def _fullest(names: Iterable[str]) -> str | None:
    best: str | None = None
    for n in names:
        best = n if best is None else fuller(best, n)
    return best


def _is_full(name: str) -> bool:
    from ..analyse.entities import all_identity_words, is_full

    return is_full(_key(name), all_identity_words())


# -- the plan for one article ----------------------------------------------------------------------


class Plan:
    """What storing one article changes: `ids` maps every id that changes (the article's and the
    ledger's) to the id it is stored under; `stored` are the ledger's ids among them (their rows
    are rewritten); `names` the name each target id is shown under."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.stored: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.fresh = 0  # ids merged now (not through an alias the ledger had)
        self.known: dict[str, str] = {}  # the ledger's names it read (id -> fullest name)
        self.surnames: set[str] = set()  # the surnames it read every name of

    def __bool__(self) -> bool:
        return bool(self.ids)


def aliases_of(s: Session, ids: Iterable[str]) -> dict[str, str]:
    """old id -> the id it was merged into, for the ids that were merged."""
    wanted = sorted(set(ids))
    out: dict[str, str] = {}
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        out.update(
            s.execute(
                select(EntityAliasRow.old_id, EntityAliasRow.new_id).where(EntityAliasRow.old_id.in_(chunk))
            ).all()
        )
    return out


def resolve_ids(s: Session, ids: Iterable[str]) -> set[str]:
    """The ids as the ledger stores them now: each id, and the id it was merged into if it was
    (what readers use for an id a user typed: `claims --entity person:obama`)."""
    wanted = set(ids)
    return wanted | set(aliases_of(s, wanted).values())


def _article_ids(data: dict[str, Any]) -> set[str]:
    ids = {e["id"] for e in data.get("entities", [])}
    for c in data.get("claims", []):
        src = c.get("source") or {}
        if src.get("entity"):
            ids.add(src["entity"])
        if c.get("shown_by"):
            ids.add(c["shown_by"])
    return ids


def plan_article(s: Session, data: dict[str, Any]) -> Plan:
    """The merges storing this analysis (analysis-v1 JSON object) brings: ids already merged
    resolve through the aliases; the article's people and organisations, with the ledger's that
    share a surname with them, go through person_id_map."""
    alias = aliases_of(s, _article_ids(data))
    named: dict[str, str] = {}  # the article's person and org ids not merged yet -> fullest name
    written: set[str] = set()
    for e in data.get("entities", []):
        eid = e["id"]
        if eid.startswith(MERGED):
            written.add(e["name"])  # a merged id's surname finds the name of the id it merged into
            if eid not in alias:
                named[eid] = fuller(named[eid], e["name"]) if eid in named else e["name"]
    surnames = sorted({w for n in written if (w := surname_word(n))})
    stored: dict[str, str] = {}
    for i in range(0, len(surnames), _CHUNK):
        rows = s.execute(
            select(EntityNameRow.entity_id, EntityNameRow.name).where(
                EntityNameRow.surname.in_(surnames[i : i + _CHUNK])
            )
        )
        stored.update(rows.all())
    plan = _plan(s, stored, named, alias)
    plan.surnames = set(surnames)
    return plan


def _plan(s: Session, stored: dict[str, str], named: dict[str, str], alias: dict[str, str]) -> Plan:
    from ..analyse.entities import person_id_map

    pairs = sorted({*stored.items(), *named.items()})
    people = [(i, n) for i, n in pairs if i.startswith("person:")]
    orgs = [(i, n) for i, n in pairs if i.startswith("org:")]
    found = person_id_map(people, orgs) if people else {}
    known_aliases = set(alias)
    targets = set(found.values()) - set(alias)
    if targets:  # a target may be an id merged earlier ("person:clinton" made up for an organisation)
        alias = {**alias, **aliases_of(s, targets)}

    def final(eid: str) -> str:
        seen = {eid}
        while True:
            nxt = found.get(eid) or alias.get(eid)
            if nxt is None or nxt in seen:
                return eid
            seen.add(nxt)
            eid = nxt

    plan = Plan()
    for eid in sorted(set(found) | set(alias)):
        target = final(eid)
        if target != eid:
            plan.ids[eid] = target
    plan.stored = {k: v for k, v in plan.ids.items() if k in stored}
    plan.known = {k: v for k, v in stored.items() if k not in plan.stored}
    plan.fresh = sum(1 for k in plan.ids if k not in known_aliases)
    known = dict(pairs)
    for target in sorted(set(plan.ids.values())):
        own = known.get(target)
        if own is not None and _is_full(own):
            plan.names[target] = own
            continue
        merged = [known[k] for k, v in plan.ids.items() if v == target and k in known]
        best = _fullest([own] + merged if own is not None else merged)
        if best is not None:
            plan.names[target] = best
    return plan


# -- rewriting -------------------------------------------------------------------------------------


def rewrite_analysis(data: dict[str, Any], ids: Mapping[str, str], names: Mapping[str, str]) -> bool:
    """Rewrite an analysis-v1 JSON object in place with the merged ids: its entities (two that
    become one id are one entity, mentions together, named by the target's name), its claims'
    sources (an organisation that is a person makes a person's claim) and `shown_by`. True if
    anything changed."""
    changed = False
    entities: dict[str, dict[str, Any]] = {}
    for e in data.get("entities", []):
        new = ids.get(e["id"])
        if new is not None:
            e = {
                **e,
                "id": new,
                "type": _prefix(new, _TYPE_OF) or e["type"],
                "name": names.get(new, e["name"]),
            }
            changed = True
        if e["id"] in entities:
            kept = entities[e["id"]]
            kept["mentions"] = sorted(kept["mentions"] + e["mentions"], key=lambda m: (m["start"], m["end"]))
            changed = True
        else:
            entities[e["id"]] = e
    if changed:
        data["entities"] = sorted(
            entities.values(), key=lambda e: (e["mentions"][0]["start"] if e["mentions"] else -1, e["id"])
        )
    for c in data.get("claims", []):
        src = c.get("source")
        if src and src.get("entity") in ids:
            old, new = src["entity"], ids[src["entity"]]
            src["entity"] = new
            if src.get("kind") == "organization" and old.startswith("org:") and new.startswith("person:"):
                src["kind"] = "person"
            changed = True
        if c.get("shown_by") in ids:
            c["shown_by"] = ids[c["shown_by"]]
            changed = True
    return changed


def _rewrite_features(features: dict[str, Any], ids: Mapping[str, str]) -> bool:
    """A linked claim's stored features (link/records.py ClaimRecord.features) with merged ids."""
    changed = False
    ents = features.get("entities") or []
    mapped = sorted({ids.get(e, e) for e in ents})
    if mapped != sorted(ents):
        features["entities"] = mapped
        changed = True
    for key in ("shown_by", "source_key"):
        if features.get(key) in ids:
            features[key] = ids[features[key]]
            changed = True
    return changed


def apply(s: Session, plan: Plan, entities: Mapping[str, tuple[str, str]] | None = None) -> None:
    """Rewrite what the ledger stores under the ids that change, record the aliases, and keep the
    names table in step with the merge and with the new article's `entities` (id -> (name,
    type), as stored: the caller stores the article itself, already rewritten)."""
    if plan.stored:
        rewrite_stored(s, plan.stored, plan.names)
    if plan.ids:
        _record_aliases(s, plan.ids)
    names = dict(entities or {})
    for target, name in plan.names.items():
        etype = _prefix(target, _TYPE_OF) or "person"
        names[target] = (fuller(names[target][0], name), etype) if target in names else (name, etype)
    remember_names(s, names, plan.known, plan.surnames)


def _record_aliases(s: Session, ids: Mapping[str, str]) -> None:
    insert = _insert_for(s)
    for old, new in sorted((o[:200], n[:200]) for o, n in ids.items()):
        # an id that merged into `old` earlier now follows it: aliases point at live ids only
        s.execute(
            update(EntityAliasRow)
            .where(EntityAliasRow.new_id == old)
            .values(new_id=new)
            .execution_options(**_QUIET)
        )
        stmt = insert(EntityAliasRow).values(old_id=old, new_id=new)
        s.execute(stmt.on_conflict_do_update(index_elements=[EntityAliasRow.old_id], set_={"new_id": new}))


def remember_names(
    s: Session,
    entities: Mapping[str, tuple[str, str]],
    known: Mapping[str, str] | None = None,
    read: set[str] | None = None,
) -> None:
    """Keep each person and organisation id's fullest name (id -> (name, type)). `known`: the
    ledger's names for some of them, read already; `read`: surnames whose every name was read
    (an id with one of them that `known` lacks is new). Nothing else is read again."""
    wanted = {k: v for k, v in entities.items() if k.startswith(MERGED)}
    if not wanted:
        return
    have = {k: v for k, v in (known or {}).items() if k in wanted}
    ids = sorted(
        k for k, (name, _) in wanted.items() if k not in have and surname_word(name) not in (read or ())
    )
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        have.update(
            s.execute(
                select(EntityNameRow.entity_id, EntityNameRow.name).where(EntityNameRow.entity_id.in_(chunk))
            ).all()
        )
    rows = []
    for eid, (name, etype) in sorted(wanted.items()):
        best = fuller(have[eid], name) if eid in have else name
        if eid not in have or best != have[eid]:
            # ids as the other tables store them (within 200 characters, store.ledger.stored_text)
            rows.append({"entity_id": eid[:200], "name": best, "type": etype, "surname": surname_word(best)})
    if rows:  # new ids, and ids named more fully than before
        stmt = _insert_for(s)(EntityNameRow)
        changed = {k: getattr(stmt.excluded, k) for k in ("name", "type", "surname")}
        s.execute(stmt.on_conflict_do_update(index_elements=[EntityNameRow.entity_id], set_=changed), rows)


def rewrite_stored(s: Session, ids: Mapping[str, str], names: Mapping[str, str]) -> None:
    """Every stored row that carries one of these ids, under the id it merged into."""
    if s.get_bind().dialect.name == "postgresql":  # link rows and records: not while a linker writes them
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LINK_LOCK})
    olds = sorted(ids)
    articles: set[str] = set()
    for i in range(0, len(olds), _CHUNK):
        chunk = olds[i : i + _CHUNK]
        articles.update(s.scalars(select(MentionRow.article_id).where(MentionRow.entity_id.in_(chunk))))
        articles.update(s.scalars(select(ClaimRow.article_id).where(ClaimRow.source_entity.in_(chunk))))
    arts = sorted(articles)
    # the stored analyses (exports, article pages, relink read them)
    for i in range(0, len(arts), _CHUNK):
        chunk = arts[i : i + _CHUNK]
        for aid, raw in s.execute(select(ArticleRow.id, ArticleRow.analysis).where(ArticleRow.id.in_(chunk))):
            data = json.loads(raw)
            if rewrite_analysis(data, ids, names):
                s.execute(
                    update(ArticleRow)
                    .where(ArticleRow.id == aid)
                    .values(analysis=json.dumps(data, ensure_ascii=False, allow_nan=False))
                    .execution_options(**_QUIET)
                )
    recheck: set[str] = set()
    for old, new in sorted(ids.items()):
        if _linked_claims(s, old):
            recheck.add(new)
        _rewrite_claims(s, old, new)
        _rewrite_mentions(s, old, new, names.get(new))
        _rewrite_claim_entities(s, old, new)
        s.execute(
            update(LinkClaimRow).where(LinkClaimRow.who == old).values(who=new).execution_options(**_QUIET)
        )
        _merge_source_stats(s, old, new, names.get(new))
        if s.scalar(select(LinkRecheckRow.who).where(LinkRecheckRow.who == old)) is not None:
            s.execute(delete(LinkRecheckRow).where(LinkRecheckRow.who == old))
            recheck.add(new)
        s.execute(delete(EntityNameRow).where(EntityNameRow.entity_id == old))
    _rewrite_link_features(s, arts, ids)
    _rewrite_story_entities(s, arts, ids, names)
    if recheck:
        insert = _insert_for(s)
        s.execute(
            insert(LinkRecheckRow).values([{"who": w} for w in sorted(recheck)]).on_conflict_do_nothing()
        )


def _linked_claims(s: Session, old: str) -> bool:
    """Whether claims of this source were linked already (their flags were scored with it)."""
    by_source = select(ClaimRow.article_id, ClaimRow.claim_id).where(ClaimRow.source_entity == old)
    q = select(LinkClaimRow.article_id).where(
        (LinkClaimRow.who == old) | tuple_(LinkClaimRow.article_id, LinkClaimRow.claim_id).in_(by_source)
    )
    return s.scalar(q.limit(1)) is not None


def _rewrite_claims(s: Session, old: str, new: str) -> None:
    """Claims said by `old`: their entity, their kind (an organisation that is a person makes a
    person's claim) and their canonical id (model.source_id: the entity when it is of the kind)."""
    kind = ClaimRow.source_kind
    if old.startswith("org:") and new.startswith("person:"):
        kind_after: Any = case((ClaimRow.source_kind == "organization", "person"), else_=ClaimRow.source_kind)
    else:
        kind_after = kind
    wanted = _prefix(new, _KIND_OF)
    source_id: Any = (
        case((kind_after == wanted, new), else_=ClaimRow.source_id) if wanted else ClaimRow.source_id
    )
    s.execute(
        update(ClaimRow)
        .where(ClaimRow.source_entity == old)
        .values(source_entity=new, source_kind=kind_after, source_id=source_id)
        .execution_options(**_QUIET)
    )
    s.execute(
        update(ClaimRow).where(ClaimRow.source_id == old).values(source_id=new).execution_options(**_QUIET)
    )


def _rewrite_mentions(s: Session, old: str, new: str, name: str | None) -> None:
    """An article naming both ids keeps one row (mentions added up); the others change id."""
    other = aliased(MentionRow)
    both = s.execute(
        select(MentionRow.article_id, MentionRow.mentions).where(
            MentionRow.entity_id == old,
            MentionRow.article_id.in_(select(other.article_id).where(other.entity_id == new)),
        )
    ).all()
    for aid, n in both:
        s.execute(
            update(MentionRow)
            .where(MentionRow.article_id == aid, MentionRow.entity_id == new)
            .values(mentions=MentionRow.mentions + n)
            .execution_options(**_QUIET)
        )
        s.execute(delete(MentionRow).where(MentionRow.article_id == aid, MentionRow.entity_id == old))
    values: dict[str, Any] = {"entity_id": new}
    if (etype := _prefix(new, _TYPE_OF)) is not None:
        values["type"] = etype
    if name is not None:
        values["name"] = name
    s.execute(
        update(MentionRow).where(MentionRow.entity_id == old).values(**values).execution_options(**_QUIET)
    )


def _rewrite_claim_entities(s: Session, old: str, new: str) -> None:
    insert = _insert_for(s)
    src = aliased(ClaimEntityRow)
    rows = select(src.article_id, src.claim_id, literal(new)).where(src.entity_id == old)
    stmt = insert(ClaimEntityRow).from_select(["article_id", "claim_id", "entity_id"], rows)
    s.execute(stmt.on_conflict_do_nothing())
    s.execute(delete(ClaimEntityRow).where(ClaimEntityRow.entity_id == old))


def _merge_source_stats(s: Session, old: str, new: str, name: str | None) -> None:
    """The old id's record is added to the new one's (the counts every reader shows agree)."""
    row = s.execute(
        select(SourceStatsRow.name, *(getattr(SourceStatsRow, k) for k in STAT_COLUMNS)).where(
            SourceStatsRow.who == old
        )
    ).first()
    if row is None:
        return
    values = dict(zip(STAT_COLUMNS, row[1:], strict=True))
    insert = _insert_for(s)
    stmt = insert(SourceStatsRow).values(who=new, name=name or row[0], **values)
    changes = {k: getattr(SourceStatsRow, k) + v for k, v in values.items()}
    s.execute(stmt.on_conflict_do_update(index_elements=[SourceStatsRow.who], set_=changes))
    s.execute(delete(SourceStatsRow).where(SourceStatsRow.who == old))


def _rewrite_link_features(s: Session, arts: list[str], ids: Mapping[str, str]) -> None:
    for i in range(0, len(arts), _CHUNK):
        chunk = arts[i : i + _CHUNK]
        rows = s.execute(
            select(LinkClaimRow.article_id, LinkClaimRow.claim_id, LinkClaimRow.features).where(
                LinkClaimRow.article_id.in_(chunk)
            )
        ).all()
        for aid, cid, raw in rows:
            features = json.loads(raw)
            if _rewrite_features(features, ids):
                s.execute(
                    update(LinkClaimRow)
                    .where(LinkClaimRow.article_id == aid, LinkClaimRow.claim_id == cid)
                    .values(features=json.dumps(features, ensure_ascii=False, allow_nan=False))
                    .execution_options(**_QUIET)
                )


def _rewrite_story_entities(
    s: Session, arts: list[str], ids: Mapping[str, str], names: Mapping[str, str]
) -> None:
    """The entities a story's summary lists (the linker ranks them again when it rechecks)."""
    stories: set[str] = set()
    for i in range(0, len(arts), _CHUNK):
        chunk = arts[i : i + _CHUNK]
        stories.update(s.scalars(select(LinkArticleRow.story_id).where(LinkArticleRow.article_id.in_(chunk))))
    for sid in sorted(stories):
        raw = s.scalar(select(StoryRow.entities).where(StoryRow.id == sid))
        if raw is None:
            continue
        listed = json.loads(raw)
        out: list[list[str]] = []
        for eid, name in listed:
            new = ids.get(eid, eid)
            if all(e != new for e, _ in out):
                out.append([new, names.get(new, name) if new != eid else name])
        if out != listed:
            s.execute(
                update(StoryRow)
                .where(StoryRow.id == sid)
                .values(entities=json.dumps(out, ensure_ascii=False))
                .execution_options(**_QUIET)
            )


# -- deletion --------------------------------------------------------------------------------------


def named_in(s: Session, article_id: str) -> dict[str, str]:
    """The person and organisation ids an article names, with its name for each (read before the
    article is deleted, for `forget_article`)."""
    rows = s.execute(
        select(MentionRow.entity_id, MentionRow.name).where(
            MentionRow.article_id == article_id, MentionRow.type.in_(("person", "organization"))
        )
    )
    return {eid: name for eid, name in rows if eid.startswith(MERGED)}


def forget_article(s: Session, named: Mapping[str, str]) -> None:
    """After an article is deleted: an id no article names any more leaves the names table, and an
    id whose fullest name came from it takes the fullest of those left. Aliases stay."""
    for eid, name in sorted(named.items()):
        left = s.scalar(select(MentionRow.article_id).where(MentionRow.entity_id == eid).limit(1))
        if left is None:
            s.execute(delete(EntityNameRow).where(EntityNameRow.entity_id == eid))
            continue
        row = s.execute(
            select(EntityNameRow.name, EntityNameRow.type).where(EntityNameRow.entity_id == eid)
        ).first()
        if row is None or row[0] != name:
            continue
        remaining = s.scalars(select(MentionRow.name).where(MentionRow.entity_id == eid).distinct())
        best = _fullest(sorted(remaining))
        if best is not None and best != name:
            s.execute(
                update(EntityNameRow)
                .where(EntityNameRow.entity_id == eid)
                .values(name=best, surname=surname_word(best))
                .execution_options(**_QUIET)
            )


# -- a whole ledger (the migration that introduced merging) ----------------------------------------


def merge_ledger(s: Session) -> int:
    """Fill the names table from the stored mentions and merge every id person_id_map joins, one
    surname at a time (what adding the ledger's articles one by one would have merged). Returns
    the number of ids merged."""
    found: dict[str, dict[str, str]] = defaultdict(dict)  # surname -> id -> fullest name
    types: dict[str, str] = {}
    rows = s.execute(
        select(MentionRow.entity_id, MentionRow.name, MentionRow.type)
        .where(MentionRow.type.in_(("person", "organization")))
        .distinct()
        .order_by(MentionRow.entity_id, MentionRow.name)
    )
    best: dict[str, str] = {}
    for eid, name, etype in rows:
        if not eid.startswith(MERGED):
            continue
        best[eid] = fuller(best[eid], name) if eid in best else name
        types[eid] = _prefix(eid, _TYPE_OF) or etype
    for eid, name in sorted(best.items()):
        if (w := surname_word(name)) is not None:
            found[w][eid] = name
    remember_names(s, {eid: (name, types[eid]) for eid, name in best.items()})
    merged = 0
    for w in sorted(found):
        group = found[w]
        if len(group) < 2:
            continue
        plan = _plan(s, group, {}, {})
        apply(s, plan)
        merged += len(plan.ids)
    return merged


# -- helpers ---------------------------------------------------------------------------------------


def lock(s: Session) -> None:
    """SQLite: the write transaction (BEGIN IMMEDIATE) already serialises merges."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": IDENTITY_LOCK})


def _insert_for(s: Session) -> Any:
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if s.get_bind().dialect.name == "postgresql" else sqlite.insert
