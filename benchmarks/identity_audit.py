"""Who stands behind the claims: an audit of person and organisation ids over a mixed corpus.

    python benchmarks/identity_audit.py [--sample 60] [--corpus DIR ...]

Analyses the France Info corpus (tests/data/franceinfo-2025) and, when it is there, the English
PolNeAR dev texts (../shared/corpora/polnear-dev), as one ledger would hold them, and prints:

(a) person ids that look like one person: same surname, or one name's words inside another's
    ("Obama" / "Barack Obama", "Donald Trump" / "Donald J. Trump");
(b) organisation ids whose name is a person's surname or name ("org:trump");
(c) sources written as a pronoun or a role ("he", "elle", "l'ambassadeur"), with the entity each
    was resolved to: counts, then a sample spread evenly over the corpus.

Ids are printed as the ledger would store them: when the analyser offers a ledger-wide merge of
person ids (`entities.person_id_map`), it is applied across the corpus first. The output
depends on nothing but the input and the code: run it under two PYTHONHASHSEED values and diff.

    python benchmarks/identity_audit.py --db LEDGER

audits (a) and (b) on a stored ledger instead, as its readers see it (the ids and names of its
entity mentions, the claims of each canonical source id): what `claimledger ingest` really
stored, merges and all.
"""

from __future__ import annotations

import argparse
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from claimledger.analyse import entities
from claimledger.analyse.article import Analyzer, prepare
from claimledger.lexicon import load_lexicon
from claimledger.model import Analysis

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [
    ROOT / "tests" / "data" / "franceinfo-2025",
    ROOT.parent / "shared" / "corpora" / "polnear-dev",  # evaluation texts, not shipped
]
# words a source may be written as without naming anyone (checked against the entities instead)
PRONOUNS = {"il", "elle", "lui", "he", "she", "him", "her", "i", "je"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _words(name: str) -> list[str]:
    return [w.strip(".,'") for w in _fold(name).replace("-", " ").split() if w.strip(".,'")]


def analyse(corpora: Iterable[Path]) -> list[tuple[str, Analysis]]:
    analyzer = Analyzer()
    out: list[tuple[str, Analysis]] = []
    for folder in corpora:
        if not folder.is_dir():
            print(f"# skipped (absent): {folder.name}")
            continue
        paths = sorted(folder.glob("*.txt"))
        prepared = [prepare(str(path)) for path in paths]
        # one call per language: the analyser yields a mixed batch grouped by language
        for lang in sorted({p.lang for p in prepared}):
            chosen = [(path, p) for path, p in zip(paths, prepared, strict=True) if p.lang == lang]
            analyses = analyzer.analyse([p for _, p in chosen])
            out.extend(
                (f"{folder.name}/{path.stem}", a) for (path, _), a in zip(chosen, analyses, strict=True)
            )
    return sorted(out, key=lambda item: item[0])


def ledger_ids(items: list[tuple[str, Analysis]]) -> Callable[[str], str]:
    """The id the ledger keeps for an entity id (the analyser's ledger-wide merge, if any)."""
    merge: Any = getattr(entities, "person_id_map", None)  # absent before the merge existed
    if merge is None:
        return lambda eid: eid
    people = [(e.id, e.name) for _, a in items for e in a.entities if e.type == "person"]
    orgs = [(e.id, e.name) for _, a in items for e in a.entities if e.type == "organization"]
    table: dict[str, str] = merge(people, orgs)
    print(f"# ledger-wide merge of person ids: {len(table)} ids joined another")
    return lambda eid: table.get(eid, eid)


def audit(items: list[tuple[str, Analysis]], sample: int) -> None:
    keep = ledger_ids(items)
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))  # id -> name -> mentions
    types: dict[str, str] = {}
    claims_by: dict[str, int] = defaultdict(int)
    articles_of: dict[str, set[str]] = defaultdict(set)
    resolved: list[tuple[str, int, str, str, str]] = []
    for art, analysis in items:
        for e in analysis.entities:
            eid = keep(e.id)
            names[eid][e.name] += len(e.mentions)
            types[eid] = "person" if eid.startswith("person:") else e.type
            articles_of[eid].add(art)
        spans = [(m.start, m.end, keep(e.id), e.type) for e in analysis.entities for m in e.mentions]
        for c in analysis.claims:
            src = c.source
            if src is None:
                continue
            if src.entity:
                claims_by[keep(src.entity)] += 1
            if src.kind != "person":
                continue
            named = any(a < src.end and src.start < b and t == "person" for a, b, _, t in spans)
            if named:
                continue
            if _fold(src.text) not in PRONOUNS and not _is_role(src.text, analysis.article.lang):
                continue
            target = keep(src.entity) if src.entity else "-"
            sentence = analysis.article.text[c.sentence.start : c.sentence.end]
            resolved.append((art, src.start, src.text, target, " ".join(sentence.split())[:110]))

    def label(eid: str) -> str:
        best = sorted(names[eid].items(), key=lambda kv: (-kv[1], kv[0]))
        written = " / ".join(n for n, _ in best[:4])
        return f"{eid} [{written}] articles={len(articles_of[eid])} claims={claims_by.get(eid, 0)}"

    people = sorted(eid for eid, t in types.items() if t == "person")
    contained, surname_only = _same_person_groups(people, names)
    print("== (a) person ids that look like one person: one name inside another")
    for group in contained:
        print("  " + "  ==  ".join(label(eid) for eid in group))
    print(f"  groups: {len(contained)}")
    print("== (a') person ids sharing only a surname (different first names: mostly different people)")
    for group in surname_only:
        print("  " + "  ~  ".join(label(eid) for eid in group))
    print(f"  groups: {len(surname_only)}")

    print("== (b) organisation ids named like a person")
    surnames: dict[str, list[str]] = defaultdict(list)
    full: dict[str, list[str]] = defaultdict(list)
    for eid in people:
        for name in names[eid]:
            words = _words(name)
            if words:
                surnames[words[-1]].append(eid)
                full[" ".join(words)].append(eid)
    orgs = 0
    for eid in sorted(e for e, t in types.items() if t == "organization"):
        for name in sorted(names[eid]):
            key = " ".join(_words(name))
            hit = sorted(set(full.get(key, []) + surnames.get(key, [])))
            if hit:
                orgs += 1
                print(f"  {label(eid)}  ~  {', '.join(hit)}")
                break
    print(f"  organisations: {orgs}")

    print("== (c) sources written as a pronoun or a role, and who they were resolved to")
    total = len(resolved)
    to_person = sum(1 for r in resolved if r[3].startswith("person:"))
    unresolved = sum(1 for r in resolved if r[3] == "-")
    print(f"  {total} sources: {to_person} to a person, {unresolved} left as written, ", end="")
    print(f"{total - to_person - unresolved} to something else")
    resolved.sort(key=lambda r: (r[0], r[1]))
    step = max(1, total // sample) if sample else total + 1
    for art, _, text, target, sentence in resolved[::step][:sample]:
        print(f"  {art:<28.28} {text!r:<22.22} -> {target:<34.34} | {sentence}")


def audit_ledger(db: str) -> tuple[list[list[str]], list[list[str]]]:
    """(a) and (b) on a stored ledger; returns the groups of (a) and (a')."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from claimledger.store.ledger import Ledger
    from claimledger.store.schema import ClaimRow, MentionRow

    ledger = Ledger(db, create=False)
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    types: dict[str, str] = {}
    articles_of: dict[str, int] = defaultdict(int)
    with Session(ledger.engine) as s:
        for eid, name, etype, n in s.execute(
            select(MentionRow.entity_id, MentionRow.name, MentionRow.type, MentionRow.mentions)
        ):
            names[eid][name] += n
            types[eid] = etype
            articles_of[eid] += 1
        claims_by = dict(
            s.execute(
                select(ClaimRow.source_id, func.count())
                .where(ClaimRow.source_id.is_not(None))
                .group_by(ClaimRow.source_id)
            ).all()
        )

    def label(eid: str) -> str:
        best = sorted(names[eid].items(), key=lambda kv: (-kv[1], kv[0]))
        written = " / ".join(n for n, _ in best[:4])
        return f"{eid} [{written}] articles={articles_of[eid]} claims={claims_by.get(eid, 0)}"

    people = sorted(eid for eid in names if eid.startswith("person:"))
    contained, surname_only = _same_person_groups(people, names)
    orgs = sum(t == "organization" for t in types.values())
    print(f"== ledger {db}: {len(people)} person ids, {orgs} org ids")
    print("== (a) person ids that look like one person: one name inside another")
    for group in contained:
        print("  " + "  ==  ".join(label(eid) for eid in group))
    print(f"  groups: {len(contained)}")
    print("== (a') person ids sharing only a surname (different first names: mostly different people)")
    for group in surname_only:
        print("  " + "  ~  ".join(label(eid) for eid in group))
    print(f"  groups: {len(surname_only)}")
    surnames: dict[str, list[str]] = defaultdict(list)
    full: dict[str, list[str]] = defaultdict(list)
    for eid in people:
        for name in names[eid]:
            words = _words(name)
            if words:
                surnames[words[-1]].append(eid)
                full[" ".join(words)].append(eid)
    print("== (b) organisation ids named like a person")
    orgs = 0
    for eid in sorted(e for e, t in types.items() if t == "organization"):
        for name in sorted(names[eid]):
            key = " ".join(_words(name))
            hit = sorted(set(full.get(key, []) + surnames.get(key, [])))
            if hit:
                orgs += 1
                print(f"  {label(eid)}  ~  {', '.join(hit)}")
                break
    print(f"  organisations: {orgs}")
    return contained, surname_only


def _is_role(text: str, lang: str) -> bool:
    """A source phrase naming a role or describing a person: 'l'ambassadeur', 'the senator'."""
    lex = load_lexicon(lang)
    nouns = set(lex.source_nouns.get("role", [])) | set(lex.source_nouns.get("person_epithet", []))
    words = _fold(text).replace("'", "' ").split()
    return any(w.strip(".,") in nouns for w in words)


def _same_person_groups(
    people: list[str], names: dict[str, dict[str, int]]
) -> tuple[list[list[str]], list[list[str]]]:
    """Ids one of whose names has all its words in a name of the other ("Obama" / "Barack
    Obama", "Donald Trump" / "Donald J. Trump"), grouped; then the other ids that share a
    surname, grouped."""
    parent = {eid: eid for eid in people}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    words_of = {eid: [w for w in (_words(n) for n in names[eid]) if w] for eid in people}
    for a in people:
        for b in people:
            if a < b and any(
                set(wa) <= set(wb) or set(wb) <= set(wa) for wa in words_of[a] for wb in words_of[b]
            ):
                union(a, b)
    contained = _groups(people, find)
    by_surname: dict[str, list[str]] = defaultdict(list)
    for eid in people:
        for last in sorted({w[-1] for w in words_of[eid] if len(w) > 1}):
            by_surname[last].append(eid)
    surname = sorted(sorted(ids) for ids in by_surname.values() if len({find(e) for e in ids}) > 1)
    return contained, surname


def _groups(people: list[str], find: Callable[[str], str]) -> list[list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for eid in people:
        groups[find(eid)].append(eid)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=60, help="pronoun/role sources to print")
    parser.add_argument("--corpus", type=Path, action="append", help="a folder of .txt articles")
    parser.add_argument("--db", help="audit this stored ledger instead of analysing the corpora")
    args = parser.parse_args()
    if args.db:
        audit_ledger(args.db)
        return
    audit(analyse(args.corpus or CORPORA), args.sample)


if __name__ == "__main__":
    main()
