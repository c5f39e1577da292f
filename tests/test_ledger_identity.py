"""One id per person across the ledger (issue 16), on real SQLite and PostgreSQL ledgers: a surname
alone and an organisation named like a person join the ledger's one person whatever the order
articles come in, an ambiguous surname stays apart, merges are sticky and survive deletion, an old
id still finds its claims, and every reader (sources, claims, source records, exports, web) counts
by the one id. The short articles below are written for these tests. Last, the France Info and
PolNeAR corpora ingested twice under two hash seeds: the same ledger, and no person under two ids."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from claimledger.analyse.article import Analyzer, prepare_text
from claimledger.analyse.entities import person_id_map
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.read import LinkReader
from claimledger.model import Analysis, analysis_from_dict
from claimledger.present.export import export_csv
from claimledger.store import identity
from claimledger.store.ledger import Ledger
from claimledger.store.schema import (
    ClaimEntityRow,
    ClaimRow,
    EntityAliasRow,
    EntityNameRow,
    LinkClaimRow,
    LinkRecheckRow,
    MentionRow,
    SourceStatsRow,
)
from conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear-dev"
PG = os.environ.get("CLAIMLEDGER_TEST_PG")

# (text, language, publication date)
TEXTS: dict[str, tuple[str, str, str]] = {
    "obama_full": (
        "Barack Obama said on Tuesday that the new bridge in Chicago would open next year. "
        '"We will finish it on time," Obama told reporters at the site.',
        "en",
        "2024-05-07",
    ),
    "obama_short": (
        "Mr. Obama said on Wednesday that the new bridge in Chicago would open next year. "
        '"It is a good plan and it is paid for," Obama added.',
        "en",
        "2024-05-08",
    ),
    "obama_fr": (
        "M. Obama a affirmé jeudi que le nouveau pont de Chicago serait achevé l'an prochain.",
        "fr",
        "2024-05-09",
    ),
    "trump_person": (
        "Donald Trump said on Monday that the factory in Ohio would reopen. "
        '"The jobs are coming back," Trump told a rally.',
        "en",
        "2024-05-06",
    ),
    "trump_org": (
        "Trump said in a statement that the hotel tower would close for repairs. "
        "The company added that guests would be moved.",
        "en",
        "2024-05-07",
    ),
    "bill": (
        "Bill Clinton said on Monday that the trade agreement would help soybean farmers in Iowa. "
        "He spoke at a union hall in Des Moines.",
        "en",
        "2024-05-06",
    ),
    "hillary": (
        "Hillary Clinton said on Monday that the Springfield river bridge would reopen in May once the "
        "repairs to its cables are finished. The bridge was closed in January after inspectors found "
        "corroded steel.",
        "en",
        "2024-05-06",
    ),
    "clinton": (
        "Clinton said the Springfield river bridge would reopen in May when the cable repairs are "
        "finished. Commuters have used ferries since the bridge closed in the winter, and local shops "
        "say trade has fallen.",
        "en",
        "2024-05-07",
    ),
    "hillary_school": (
        "Hillary Clinton said on Wednesday that the Springfield high school would close in June for a "
        "year of renovation. Parents asked the board for buses to the schools nearby.",
        "en",
        "2024-05-08",
    ),
}


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    if not PG:
        pytest.skip("CLAIMLEDGER_TEST_PG not set (.ci/run sets it after starting PostgreSQL)")
    _reset(PG)
    yield PG


def _reset(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _fresh(db: str, name: str) -> str:
    """Another empty ledger of the same kind (PostgreSQL: the test database, emptied)."""
    if db.startswith("postgresql"):
        _reset(db)
        return db
    return str(Path(db).with_name(f"{name}.db"))


@pytest.fixture(scope="module")
def analysed(analyzer: Analyzer) -> Callable[[str], Analysis]:
    """Each text analysed once; every call returns a fresh copy."""
    done: dict[str, dict[str, Any]] = {}

    def get(name: str) -> Analysis:
        if name not in done:
            body, lang, date = TEXTS[name]
            a = analyzer.analyse_one(prepare_text(body, lang=lang))
            a.article.published = date
            done[name] = a.to_dict()
        return analysis_from_dict(json.loads(json.dumps(done[name])))

    return get


@pytest.fixture(scope="module")
def linker_for(analyzer: Analyzer) -> Callable[[Ledger], Linker]:
    return lambda ledger: Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang)))


def _store(
    db: str, names: list[str], analysed: Callable[[str], Analysis], linker_for: Callable[[Ledger], Linker]
) -> Ledger:
    """Add the articles one by one, linking each (as `claimledger ingest` does batch by batch)."""
    ledger = Ledger(db)
    linker = linker_for(ledger)
    for name in names:
        assert ledger.add(analysed(name), name)
        linker.link_pending()
    return ledger


def _snapshot(ledger: Ledger) -> dict[str, Any]:
    """What readers see, independent of the order rows were written in."""
    with Session(ledger.engine) as s:
        claims = sorted(
            s.execute(
                select(
                    ClaimRow.article_id,
                    ClaimRow.claim_id,
                    ClaimRow.source_id,
                    ClaimRow.source_kind,
                    ClaimRow.source_entity,
                )
            ).all()
        )
        mentions = sorted(
            s.execute(
                select(MentionRow.article_id, MentionRow.entity_id, MentionRow.type, MentionRow.mentions)
            ).all()
        )
        about = sorted(s.execute(select(ClaimEntityRow.claim_id, ClaimEntityRow.entity_id)).all())
        aliases = sorted(s.execute(select(EntityAliasRow.old_id, EntityAliasRow.new_id)).all())
        names = sorted(s.execute(select(EntityNameRow.entity_id, EntityNameRow.name)).all())
        stats = sorted(
            s.execute(
                select(SourceStatsRow.who, SourceStatsRow.claims, SourceStatsRow.uncorroborated).where(
                    SourceStatsRow.claims != 0
                )
            ).all()
        )
        who = sorted(
            s.execute(select(LinkClaimRow.article_id, LinkClaimRow.claim_id, LinkClaimRow.who)).all()
        )
    stored = {
        a.article.id: sorted((e.id, e.type, len(e.mentions)) for e in a.entities) for a in ledger.analyses()
    }
    return {
        "sources": [(x.id, x.claims, x.kind) for x in ledger.sources(1000)],
        "claims": claims,
        "mentions": mentions,
        "claim_entities": about,
        "aliases": aliases,
        "names": names,
        "records": stats,
        "who": who,
        "analyses": stored,
    }


def _ids_in(snapshot: dict[str, Any]) -> set[str]:
    """Every entity id any table or stored analysis of the snapshot carries."""
    out = {c[2] for c in snapshot["claims"]} | {c[4] for c in snapshot["claims"]}
    out |= {m[1] for m in snapshot["mentions"]} | {e for _, e in snapshot["claim_entities"]}
    out |= {r[0] for r in snapshot["records"]} | {w[2] for w in snapshot["who"]}
    out |= {e[0] for ents in snapshot["analyses"].values() for e in ents}
    return {x for x in out if x}


def _keys(rows: list[ClaimRow]) -> list[tuple[str, str]]:
    return [(r.article_id, r.claim_id) for r in rows]


def _counts_agree(ledger: Ledger) -> None:
    """`sources`, `claims --source-id`, source records and the exported claims table count one
    source id the same (no copies among these articles)."""
    sources = {x.id: x.claims for x in ledger.sources(1000)}
    for sid, n in sources.items():
        assert len(ledger.claims(source_id=sid, limit=10_000)) == n
    records = {r.id: r.claims for r in LinkReader(ledger).source_records(1000)}
    assert records == sources
    exported: dict[str, int] = defaultdict(int)
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "claims.csv")
        export_csv(ledger, out, "claims")
        with open(out, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["source_id"]:
                    exported[row["source_id"]] += 1
    assert dict(exported) == sources


# -- a surname alone -------------------------------------------------------------------------------


def test_a_surname_alone_joins_the_full_name_whatever_the_order(
    db: str, analysed: Callable[[str], Analysis], linker_for: Callable[[Ledger], Linker]
) -> None:
    seen = []
    for n, order in enumerate(
        (["obama_full", "obama_short", "obama_fr"], ["obama_short", "obama_fr", "obama_full"])
    ):
        ledger = _store(_fresh(db, f"order{n}"), order, analysed, linker_for)
        snap = _snapshot(ledger)
        people = {i for i in _ids_in(snap) if i.startswith("person:")}
        assert people == {"person:barack-obama"}, people
        said = [c for c in snap["claims"] if c[2] and c[2].startswith("person:")]
        assert len({c[0] for c in said}) == 3 and {c[2] for c in said} == {"person:barack-obama"}
        assert [x for x in snap["sources"] if "obama" in x[0]] == [
            ("person:barack-obama", len(said), "person")
        ]
        assert ("person:obama", "person:barack-obama") in snap["aliases"]
        assert ("person:barack-obama", "Barack Obama") in snap["names"]
        # an old id a user types finds the same claims as the id the ledger keeps
        keys = [(c.article_id, c.claim_id) for c in ledger.claims(entity="person:barack-obama")]
        assert len(keys) == len(said)
        assert [(c.article_id, c.claim_id) for c in ledger.claims(entity="person:obama")] == keys
        assert [(c.article_id, c.claim_id) for c in ledger.claims(source="person:obama")] == keys
        assert [(c.article_id, c.claim_id) for c in ledger.claims(source_id="person:obama")] == keys
        assert ledger.canonical_id("person:obama") == "person:barack-obama"
        _counts_agree(ledger)
        assert LinkReader(ledger).rechecks() == 0
        seen.append(snap)
    assert seen[0] == seen[1]


def test_the_web_and_the_command_line_resolve_an_old_id(
    db: str, analysed: Callable[[str], Analysis], linker_for: Callable[[Ledger], Linker]
) -> None:
    from fastapi.testclient import TestClient

    from claimledger.present.web.app import create_app

    _store(db, ["obama_short", "obama_full"], analysed, linker_for)
    client = TestClient(create_app(db, hosts=["testserver"]))
    page = client.get("/sources", params={"id": "person:obama"})
    assert page.status_code == 200 and "Barack Obama" in page.text
    api = client.get("/api/claims", params={"entity": "person:obama"}).json()
    rows = api["claims"] if isinstance(api, dict) else api
    assert rows and all(r["source_id"] == "person:barack-obama" for r in rows)
    cli = [sys.executable, "-m", "claimledger.cli"]
    out = subprocess.run(
        [*cli, "sources", "--db", db, "--format", "json"], capture_output=True, text=True, check=True
    )
    listed = json.loads(out.stdout)
    assert [x["id"] for x in listed if "obama" in x["id"]] == ["person:barack-obama"]
    out = subprocess.run(
        [*cli, "claims", "--db", db, "--entity", "person:obama"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().endswith(f"{listed[0]['claims']} claims")


# -- an organisation named like a person -----------------------------------------------------------


def test_an_organisation_named_like_a_person_becomes_that_person(
    db: str, analysed: Callable[[str], Analysis], linker_for: Callable[[Ledger], Linker]
) -> None:
    assert any(e.id == "org:trump" for e in analysed("trump_org").entities)  # what the NER gives
    seen = []
    for n, order in enumerate((["trump_person", "trump_org"], ["trump_org", "trump_person"])):
        ledger = _store(_fresh(db, f"order{n}"), order, analysed, linker_for)
        snap = _snapshot(ledger)
        ids = _ids_in(snap)
        assert "org:trump" not in ids and "person:donald-trump" in ids
        statement = next(c for c in analysed("trump_org").claims if "hotel" in c.text)
        row = next(
            c for c in snap["claims"] if c[1] == statement.id and c[0] == analysed("trump_org").article.id
        )
        assert row[2:] == ("person:donald-trump", "person", "person:donald-trump")
        stored = next(a for a in ledger.analyses() if a.article.id == row[0])
        said = next(c for c in stored.claims if c.id == statement.id)
        assert said.source is not None and (said.source.kind, said.source.entity) == (
            "person",
            "person:donald-trump",
        )
        assert ("org:trump", "person:donald-trump") in snap["aliases"]
        assert (
            _keys(ledger.claims(entity="org:trump"))
            == _keys(ledger.claims(entity="person:donald-trump"))
            != []
        )
        _counts_agree(ledger)
        seen.append(snap)
    assert seen[0] == seen[1]


# -- an ambiguous surname, and sticky merges -------------------------------------------------------


def test_an_ambiguous_surname_is_not_merged(
    db: str, analysed: Callable[[str], Analysis], linker_for: Callable[[Ledger], Linker]
) -> None:
    ledger = _store(db, ["hillary", "bill", "clinton"], analysed, linker_for)
    snap = _snapshot(ledger)
    people = {i for i in _ids_in(snap) if i.startswith("person:")}
    assert people == {"person:hillary-clinton", "person:bill-clinton", "person:clinton"}
    assert snap["aliases"] == []
    assert ledger.canonical_id("person:clinton") == "person:clinton"
    _counts_agree(ledger)


def test_a_merge_is_sticky_when_the_surname_becomes_ambiguous(
    db: str, analysed: Callable[[str], Analysis], linker_for: Callable[[Ledger], Linker]
) -> None:
    ledger = _store(db, ["hillary", "clinton", "bill"], analysed, linker_for)
    snap = _snapshot(ledger)
    people = {i for i in _ids_in(snap) if i.startswith("person:")}
    assert people == {"person:hillary-clinton", "person:bill-clinton"}
    assert ("person:clinton", "person:hillary-clinton") in snap["aliases"]
    # the claims "Clinton" made stay Hillary Clinton's, and the two voices are one
    clinton = analysed("clinton").article.id
    assert {c[2] for c in snap["claims"] if c[0] == clinton and c[2] and "clinton" in c[2]} == {
        "person:hillary-clinton"
    }
    records = {r.id: r for r in LinkReader(ledger).source_records(100)}
    assert records["person:hillary-clinton"].claims == 2
    assert records["person:hillary-clinton"].uncorroborated == 2  # one voice does not corroborate itself
    _counts_agree(ledger)


# -- deletion --------------------------------------------------------------------------------------


def test_deleting_articles_keeps_ids_aliases_and_counts(
    db: str, analysed: Callable[[str], Analysis], linker_for: Callable[[Ledger], Linker]
) -> None:
    ledger = _store(db, ["obama_full", "obama_short"], analysed, linker_for)
    linker = linker_for(ledger)
    before = _snapshot(ledger)
    full, short = analysed("obama_full").article.id, analysed("obama_short").article.id
    assert linker.forget(full)
    snap = _snapshot(ledger)
    assert {i for i in _ids_in(snap) if i.startswith("person:")} == {"person:barack-obama"}
    assert ("person:obama", "person:barack-obama") in snap["aliases"]
    assert ("person:barack-obama", "Barack Obama") in snap["names"]  # still named by the article left
    assert (
        _keys(ledger.claims(entity="person:obama"))
        == _keys(ledger.claims(entity="person:barack-obama"))
        != []
    )
    _counts_agree(ledger)
    # storing the deleted article again gives the ledger it was
    assert ledger.add(analysed("obama_full"), "again")
    linker.link_pending()
    assert _snapshot(ledger) == before
    # with every Obama article gone the alias stays, and a later "Obama" still is Barack Obama
    assert linker.forget(full) and ledger.delete_article(short)
    snap = _snapshot(ledger)
    assert snap["aliases"] == [("person:obama", "person:barack-obama")] and snap["names"] == []
    assert ledger.add(analysed("obama_short"), "again")
    linker.link_pending()
    assert [x[0] for x in _snapshot(ledger)["sources"] if "obama" in x[0]] == ["person:barack-obama"]


def test_a_merge_found_later_scores_the_merged_claims_again(
    db: str, analysed: Callable[[str], Analysis], linker_for: Callable[[Ledger], Linker]
) -> None:
    """Two Clintons, so "Clinton" stays apart and corroborates Hillary Clinton's same claim; Bill
    Clinton's article is deleted, and the next Clinton article merges "Clinton" into Hillary: the
    two claims are one voice now, and the records say what a full relink says."""
    ledger = _store(db, ["bill", "hillary", "clinton"], analysed, linker_for)
    linker = linker_for(ledger)
    records = {r.id: r for r in LinkReader(ledger).source_records(100)}
    assert records["person:clinton"].uncorroborated == 0  # another voice, then
    assert records["person:hillary-clinton"].uncorroborated == 0
    assert linker.forget(analysed("bill").article.id)
    assert ledger.add(analysed("hillary_school"), "school")
    with Session(ledger.engine) as s:
        assert list(s.scalars(select(LinkRecheckRow.who))) == ["person:hillary-clinton"]
    assert LinkReader(ledger).rechecks() == 1
    linker.link_pending()
    assert LinkReader(ledger).rechecks() == 0
    incremental = LinkReader(ledger).source_records(100)
    hillary = next(r for r in incremental if r.id == "person:hillary-clinton")
    assert (hillary.claims, hillary.uncorroborated) == (3, 3)
    assert not any(r.id == "person:clinton" for r in incremental)
    _counts_agree(ledger)
    with Session(ledger.engine) as s:
        flags = sorted(
            s.execute(select(LinkClaimRow.article_id, LinkClaimRow.claim_id, LinkClaimRow.corroborated))
        )
    linker.relink()
    assert LinkReader(ledger).source_records(100) == incremental
    with Session(ledger.engine) as s:
        assert (
            sorted(
                s.execute(select(LinkClaimRow.article_id, LinkClaimRow.claim_id, LinkClaimRow.corroborated))
            )
            == flags
        )


# -- a ledger written before merging existed -------------------------------------------------------


def test_an_older_ledger_is_merged_when_it_is_migrated(
    db: str,
    analysed: Callable[[str], Analysis],
    linker_for: Callable[[Ledger], Linker],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = Ledger(db, revision="0005")
    with monkeypatch.context() as m:  # the previous release: no merging, no recheck table
        m.setattr(identity, "MERGED", ())
        m.setattr(Linker, "recheck_sources", lambda self, stats=None: 0)
        linker = linker_for(old)
        for name in ("obama_full", "obama_short", "trump_person", "trump_org"):
            assert old.add(analysed(name), name)
        linker.link_pending()
    ids = {s.id for s in old.sources(100)}
    assert {"person:obama", "person:barack-obama", "org:trump", "person:donald-trump"} <= ids
    ledger = Ledger(db)  # migrates to the head: merges as storing them now would have
    assert LinkReader(ledger).rechecks() == 2
    linker_for(ledger).link_pending()
    snap = _snapshot(ledger)
    assert {i for i in _ids_in(snap) if i.startswith(("person:", "org:"))} == {
        "person:barack-obama",
        "person:donald-trump",
    }
    assert ("person:obama", "person:barack-obama") in snap["aliases"]
    assert ("org:trump", "person:donald-trump") in snap["aliases"]
    _counts_agree(ledger)
    now = _store(
        _fresh(db, "now"), ["obama_full", "obama_short", "trump_person", "trump_org"], analysed, linker_for
    )
    assert _snapshot(now)["sources"] == snap["sources"]


# -- real corpora, two hash seeds ------------------------------------------------------------------


def _audit_module() -> ModuleType:
    """benchmarks/identity_audit.py: its heuristics are the test's."""
    spec = importlib.util.spec_from_file_location("identity_audit", ROOT / "benchmarks" / "identity_audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(args: list[str], seed: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    return subprocess.Popen(
        [sys.executable, "-m", "claimledger.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _read(db: str, seed: int) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, args in (
        ("sources", ["sources", "--format", "json", "--limit", "100000"]),
        ("claims", ["export", "--table", "claims", "--format", "csv"]),
        ("records", ["source-record", "--limit", "100000"]),
    ):
        proc = _run([*args, "--db", db], seed)
        stdout, stderr = proc.communicate()
        assert proc.returncode == 0, stderr
        out[name] = stdout
    return out


def test_france_info_and_polnear_one_id_per_person_whatever_the_hash_seed(db: str, tmp_path: Path) -> None:
    corpora = [str(CORPUS)] + ([str(POLNEAR)] if POLNEAR.is_dir() else [])
    if len(corpora) == 1:
        warnings.warn(f"{POLNEAR} absent: France Info only", stacklevel=1)
    pg = db.startswith("postgresql")
    targets = {seed: (db if pg else str(tmp_path / f"seed{seed}.db")) for seed in (1, 2)}
    outputs: dict[int, dict[str, str]] = {}
    if pg:  # one database: one seed after the other
        for seed in (1, 2):
            _reset(db)
            proc = _run(["ingest", *corpora, "--db", db], seed)
            _, stderr = proc.communicate()
            assert proc.returncode == 0, stderr
            outputs[seed] = _read(db, seed)
    else:
        procs = {seed: _run(["ingest", *corpora, "--db", targets[seed]], seed) for seed in (1, 2)}
        for seed, proc in procs.items():
            _, stderr = proc.communicate()
            assert proc.returncode == 0, stderr
            outputs[seed] = _read(targets[seed], seed)
    for name in outputs[1]:
        assert outputs[1][name] == outputs[2][name], f"{name} differs between PYTHONHASHSEED 1 and 2"
    _no_person_under_two_ids(Ledger(targets[2], create=False))


def _no_person_under_two_ids(ledger: Ledger) -> None:
    """The audit's heuristics (benchmarks/identity_audit.py): two person ids, one's name words all
    inside the other's, with the same surname (last word). Each pair it finds must be a surname
    the ledger holds several people with (never merged, by design), or two people by the
    analyser's own rule (person_id_map would not join them on their own: reported as a warning,
    never hidden); any other is one person under two ids, and fails. Nothing is left for the
    rule to merge, and no organisation is named like a person the rule would join."""
    audit = _audit_module()
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with Session(ledger.engine) as s:
        rows = list(
            s.execute(select(MentionRow.entity_id, MentionRow.name, MentionRow.type, MentionRow.mentions))
        )
    for eid, name, _, n in rows:
        names[eid][name] += n
    people = sorted(e for e in names if e.startswith("person:"))
    pairs = [(e, n) for e, n, _, _ in rows]
    left = person_id_map(
        sorted({p for p in pairs if p[0].startswith("person:")}),
        sorted({p for p in pairs if p[0].startswith("org:")}),
    )
    assert left == {}, f"ids the ledger should have merged: {left}"
    words_of = {e: [w for w in (audit._words(n) for n in names[e]) if w] for e in people}
    contained, _ = audit._same_person_groups(people, names)
    ambiguous, declined, failed = [], [], []
    for group in contained:
        for a in group:
            for b in group:
                inside = [
                    (wa, wb)
                    for wa in words_of[a]
                    for wb in words_of[b]
                    if a != b and set(wa) <= set(wb) and wa[-1] == wb[-1] and (set(wa) != set(wb) or a < b)
                ]
                if not inside:
                    continue
                wa, _ = inside[0]
                owners = {
                    o
                    for o in people
                    if o != a
                    and any(set(wa) <= set(wo) and wo[-1] == wa[-1] and wo[0] != wa[0] for wo in words_of[o])
                }
                pair = f"{a} {sorted(names[a])} / {b} {sorted(names[b])}"
                if len(wa) == 1 and len({next(iter(words_of[o]))[0] for o in owners}) > 1:
                    ambiguous.append(pair)
                elif person_id_map([(a, _fullest(names[a])), (b, _fullest(names[b]))]):
                    failed.append(pair)
                else:
                    declined.append(pair)
    print(f"ambiguous surnames (kept apart): {ambiguous}")
    if declined:
        warnings.warn(
            "person ids the audit pairs but the analyser's rule (entities.person_id_map) keeps apart: "
            + "; ".join(declined),
            stacklevel=1,
        )
    assert not failed, f"one person under two ids: {failed}"


def _fullest(names: dict[str, int]) -> str:
    return max(names, key=lambda n: (len(n.split()), n))
