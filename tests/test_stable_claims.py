"""Issue 17, a verdict stays on what it judged (findings 1, 2, 5, 14): claim ids name the claim's
span, so deleting and storing an article again, or another chrome decision, never moves a
verdict to another claim; a verdict on a claim that now says something else is never shown nor
published on it; the third copy of a wire story keeps its claims and is a copy; a verdict on a
proposition that a later article merged into another shows on the one it merged into; a verdict
written while a relink holds the write lock fails in one line (CLI) or a 503 (API), and nothing is
lost; deleting the original of a wire copy promotes the copy.

Real pipeline, real ledgers: SQLite, and PostgreSQL (the database CLAIMLEDGER_TEST_PG names, its
schema emptied for each test) where storage behaves differently. Every text is written here."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, text

from claimledger.analyse.article import Analyzer, prepare_text
from claimledger.analyse.claim_ids import span_ids, span_start
from claimledger.analyse.engines import LocalEngine
from claimledger.desk.config import DeskConfig, default_scale
from claimledger.desk.publish import claim_reviews
from claimledger.desk.verdicts import Verdicts
from claimledger.errors import InputError
from claimledger.ingest.boilerplate import short_line_keys
from claimledger.ingest.collect import collect
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.read import LinkReader
from claimledger.model import Analysis
from claimledger.present.web.app import create_app
from claimledger.store.ingest import ingest
from claimledger.store.ledger import HEAD, Ledger
from claimledger.store.schema import (
    ClaimRow,
    LineCountRow,
    LinkArticleRow,
    LinkClaimRow,
    PropositionRedirectRow,
    SeriesRow,
    VerdictHistoryRow,
)

CLI = [sys.executable, "-m", "claimledger.cli"]
PG = os.environ.get("CLAIMLEDGER_TEST_PG")
DESK = DeskConfig(
    scale=default_scale(), publisher="Les Vérificateurs", publisher_url="https://verif.example.org"
)

# -- the texts (written here) ---------------------------------------------------------------------

# short paragraphs (under the 30 words of a "short line"), as wire copy and local news have them:
# exactly what the repeated-line test for chrome counts
WIRE = "\n\n".join(
    [
        "Inondations dans le Finistère : la préfecture déclenche le plan Orsec",
        "La préfecture du Finistère a déclenché mardi le plan Orsec après la crue de l'Odet, qui a "
        "envahi le centre de Quimper dans la nuit.",
        "Selon le préfet, plus de 400 habitations ont été inondées et 120 personnes ont dû être "
        "relogées en urgence.",
        "« Nous n'avions pas vu une telle montée des eaux depuis 2001 », a déclaré le maire de "
        "Quimper, Isabelle Assih.",
        "Les pompiers affirment avoir procédé à 85 évacuations par bateau pendant la nuit.",
        "Météo-France prévoit de nouvelles pluies jeudi, ce qui pourrait aggraver la situation "
        "dans la vallée.",
        "D'après la SNCF, la ligne entre Quimper et Brest restera coupée au moins jusqu'à vendredi.",
        "Le président du conseil départemental a annoncé une enveloppe de deux millions d'euros "
        "pour les sinistrés.",
        "Des habitants dénoncent un manque d'entretien des digues, ce que la mairie conteste.",
        "La ministre de la Transition écologique doit se rendre sur place mercredi, selon son entourage.",
        "Les écoles du centre-ville resteront fermées jusqu'à la fin de la semaine, a indiqué le rectorat.",
        "L'assureur Groupama estime que le coût des dégâts pourrait dépasser 30 millions d'euros.",
        "Les associations de riverains réclament une commission d'enquête sur la gestion de la crue.",
    ]
)

# what three sites add to the same wire story: a credit, a dateline, a whole sentence
CREDITS = [
    "Par la rédaction de Ouest-Littoral avec AFP",
    "(AFP) — Publié le 4 mars 2025 à 10 h 32, mis à jour à 11 h 05",
    "Cet article est une dépêche de l'Agence France-Presse, reprise sans modification par la rédaction "
    "du Courrier de Cornouaille et de ses correspondants dans le Finistère sud.",
]

# a site's line under every article it publishes (it says something, so it makes a claim)
SITE_LINE = "Notre rédaction affirme avoir vérifié ces informations auprès de la préfecture."

COUNCIL = f"""Saint-Brieuc : le conseil municipal vote la fermeture de la piscine Hélène-Boucher

Le conseil municipal de Saint-Brieuc a voté lundi soir la fermeture définitive de la piscine Hélène-Boucher.

{SITE_LINE}

Selon le maire, les pompes ont quarante ans et ne peuvent plus être réparées.

L'opposition affirme que la rénovation coûterait moins de deux millions d'euros.

« Nous ne laisserons pas les écoles sans bassin », a promis l'adjointe aux sports, Maëlle Guyot.

Les clubs de natation estiment que 900 licenciés devront s'entraîner à Lamballe.

Le nouveau centre aquatique doit ouvrir en 2027, a précisé la mairie.

D'après le syndicat des agents, quatorze maîtres-nageurs seront reclassés dans d'autres services."""

OTHERS = [
    f"""Lannion : la gare routière rouvre après six mois de travaux

La gare routière de Lannion a rouvert ses portes vendredi après six mois de travaux.

{SITE_LINE}

Selon la région, la fréquentation des cars a augmenté de 12 % depuis septembre.""",
    f"""Guingamp : le marché de Noël annulé faute de bénévoles

Le comité des fêtes de Guingamp a annoncé l'annulation du marché de Noël.

{SITE_LINE}

D'après son président, il manquait une trentaine de bénévoles pour tenir les chalets.""",
]

# one statement said in two stories twenty days apart (outside the ten days a story spans),
# then bridged by an article of the tenth day: the two stories merge, and so do the propositions
DIGUE = {
    "A1": (
        "2025-01-02",
        """Tempête Ophélie : la digue de Carnac cède, des campings évacués

La tempête Ophélie a frappé le littoral du Morbihan dans la nuit de jeudi à vendredi.

Selon le préfet du Morbihan, la digue de Carnac a cédé sous la pression des vagues.

Trois campings de la baie de Quiberon ont été évacués par les gendarmes avant l'aube.

Le maire de Carnac a demandé la reconnaissance de l'état de catastrophe naturelle.""",
    ),
    "A2": (
        "2025-01-02",
        """Morbihan : la digue de Carnac n'a pas résisté à la tempête Ophélie

Le préfet du Morbihan a affirmé vendredi que la digue de Carnac avait cédé sous la pression des vagues.

Les pompiers ont secouru une vingtaine de campeurs surpris par la montée des eaux à Carnac.

Météo-France maintient la vigilance orange pour les vagues submersion sur le littoral du Morbihan.""",
    ),
    "B1": (
        "2025-01-22",
        """Carnac : trois semaines après la tempête, la digue toujours en ruine

Trois semaines après la tempête Ophélie, les travaux n'ont pas commencé sur le front de mer de Carnac.

Le préfet du Morbihan affirme que la digue de Carnac a cédé sous la pression des vagues.

Les commerçants de Carnac craignent une saison touristique perdue sans protection du front de mer.""",
    ),
    "B2": (
        "2025-01-22",
        """Digue de Carnac : les riverains attendent toujours les travaux

Selon le préfet du Morbihan, la digue de Carnac avait cédé sous la pression des vagues.

Les riverains de Carnac ont manifesté samedi devant la mairie pour réclamer des travaux rapides.

Le conseil départemental du Morbihan promet une étude sur la reconstruction de la digue.""",
    ),
    "C": (
        "2025-01-12",
        """Carnac : l'État débloque des fonds pour reconstruire la digue

Dix jours après la tempête Ophélie, l'État a débloqué trois millions d'euros pour la digue de Carnac.

D'après le préfet du Morbihan, la digue de Carnac a cédé sous la pression des vagues de la tempête.

Le maire de Carnac salue une décision rapide mais réclame des travaux avant l'été pour protéger les
campings et le front de mer.""",
    ),
}
DIGUE_CLAIM = "cédé sous la pression des vagues"


def wire_copy(n: int) -> str:
    """The wire story as site `n` carries it: its credit line first, or last."""
    title, body = WIRE.split("\n\n", 1)
    credit = CREDITS[n]
    return f"{title}\n\n{credit}\n\n{body}" if n != 1 else f"{WIRE}\n\n{credit}"


# -- ledgers --------------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new ledger's URL: a SQLite file, or the PostgreSQL database of CLAIMLEDGER_TEST_PG with
    its schema emptied (a database of this suite's own: nobody else's rows are dropped)."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    if not PG:
        pytest.skip("CLAIMLEDGER_TEST_PG not set (make test sets it)")
    _empty(PG)
    yield PG
    _empty(PG)


def _empty(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture()
def opened() -> Iterator[Callable[..., Ledger]]:
    """Opens ledgers and closes their connections at the end (PostgreSQL's schema is dropped)."""
    ledgers: list[Ledger] = []

    def open_ledger(db: str, revision: str = "head") -> Ledger:
        ledgers.append(Ledger(db, revision=revision))
        return ledgers[-1]

    yield open_ledger
    for led in ledgers:
        led.engine.dispose()


def linker_for(ledger: Ledger, analyzer: Analyzer) -> Linker:
    return Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang)))


def ingest_texts(
    ledger: Ledger, analyzer: Analyzer, folder: Path, texts: dict[str, str], *, batch_size: int = 16
) -> None:
    """Store these texts as `claimledger ingest` does: read from files, chrome marked against the
    ledger, analysed, stored, and linked after each batch."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, body in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(str(path))
    linker = linker_for(ledger, analyzer)

    def link() -> None:
        linker.link_pending()

    report = ingest(
        ledger,
        LocalEngine(analyzer),
        collect(paths),
        lang="fr",
        batch_size=batch_size,
        after_batch=link,
    )
    assert not report.failed, report.failed


def claims_of(ledger: Ledger, article_id: str) -> list[tuple[str, str]]:
    return [(r.claim_id, r.text) for r in ledger.claims(limit=10_000) if r.article_id == article_id]


def the_claim(ledger: Ledger, fragment: str, article_id: str | None = None) -> ClaimRow:
    rows = [
        r
        for r in ledger.claims(limit=10_000)
        if fragment in r.text and (article_id is None or r.article_id == article_id)
    ]
    assert rows, fragment
    return rows[0]


def article_of(ledger: Ledger, fragment: str) -> str:
    return next(a.id for a in ledger.articles() if fragment in json.loads(a.analysis)["article"]["text"])


def skipped_of(ledger: Ledger, article_id: str) -> list[str]:
    row = ledger.article(article_id)
    assert row is not None
    return [k["reason"] for k in json.loads(row.analysis)["skipped"]]


# -- finding 1: stable claim identity ----------------------------------------------------------------


def test_span_ids_name_where_a_claim_starts_and_break_ties_by_its_end() -> None:
    assert span_ids([(120, 180), (0, 40), (120, 150), (120, 150)]) == ["c120-180", "c0", "c120", "c120-150"]
    assert span_ids([(5, 9), (5, 9), (5, 9)]) == ["c5", "c5-9", "c5-9-2"]
    assert [span_start(i) for i in ("c120-180", "c0", "c7", "nope")] == [120, 0, 7, 0]


def test_a_reviewed_claim_keeps_its_id_and_verdict_through_three_deletes_and_ingests(
    db: str, opened: Callable[..., Ledger], analyzer: Analyzer, tmp_path: Path
) -> None:
    """The issue's "must show": after each delete + ingest the article has the same claims, with
    the same ids, and the verdict is on the claim whose text it judged (and published on it)."""
    ledger = opened(db)
    ingest_texts(ledger, analyzer, tmp_path / "0", {"piscine": COUNCIL})
    aid = article_of(ledger, "Hélène-Boucher")
    reviewed = the_claim(ledger, "quarante ans")
    target = f"{aid}:{reviewed.claim_id}"
    verdicts = Verdicts(ledger)
    verdicts.record(
        target, scale=DESK.scale, reviewer="Ana", rating="false", url="https://verif.example.org/pompes"
    )
    before = claims_of(ledger, aid)
    assert len(before) >= 7 and len({c for c, _ in before}) == len(before)
    for n in range(1, 4):
        assert linker_for(ledger, analyzer).forget(aid)
        assert ledger.claim(aid, reviewed.claim_id) is None
        ingest_texts(ledger, analyzer, tmp_path / str(n), {"piscine": COUNCIL})
        assert claims_of(ledger, aid) == before, f"round {n}: claims or ids changed"
        assert "repeated" not in skipped_of(ledger, aid), f"round {n}: its own lines taken for chrome"
        shown = verdicts.for_claims([(aid, reviewed.claim_id)])[(aid, reviewed.claim_id)]
        assert shown.target == target and shown.rating == "false" and shown.current
        assert shown.claim_text == reviewed.text == ledger.claim(aid, reviewed.claim_id).text  # type: ignore[union-attr]
        reviews, skipped = claim_reviews(ledger, DESK)
        assert [r["identifier"] for r in reviews] == [target] and not skipped
        assert "quarante ans" in json.dumps(reviews, ensure_ascii=False)
    with ledger.engine.connect() as conn:  # counted once: the article is stored once
        keys = short_line_keys(COUNCIL, "fr")
        counts = dict(conn.execute(select(LineCountRow.key, LineCountRow.articles)).all())
    assert {counts.get(k) for k in keys} == {1}


def test_another_chrome_decision_moves_no_verdict(
    db: str, opened: Callable[..., Ledger], analyzer: Analyzer, tmp_path: Path
) -> None:
    """Stored again once two more articles of the site carry its line, the article loses that
    line's claim (it is chrome now); every other claim keeps its id, and the verdict its claim.
    Positional ids shifted by one there, and the verdict went to the next claim."""
    ledger = opened(db)
    ingest_texts(ledger, analyzer, tmp_path / "0", {"piscine": COUNCIL})
    aid = article_of(ledger, "Hélène-Boucher")
    before = claims_of(ledger, aid)
    assert any("ces informations" in t for _, t in before)
    reviewed = the_claim(ledger, "moins de deux millions")
    target = f"{aid}:{reviewed.claim_id}"
    Verdicts(ledger).record(target, scale=DESK.scale, reviewer="Ana", rating="mostly-false")
    ingest_texts(ledger, analyzer, tmp_path / "1", {f"autre{i}": t for i, t in enumerate(OTHERS)})
    assert linker_for(ledger, analyzer).forget(aid)
    ingest_texts(ledger, analyzer, tmp_path / "2", {"piscine": COUNCIL})
    after = claims_of(ledger, aid)
    assert "repeated" in skipped_of(ledger, aid)  # the site's line is chrome now...
    assert after == [(c, t) for c, t in before if "ces informations" not in t]  # ...only it went
    shown = Verdicts(ledger).for_claims([(aid, reviewed.claim_id)])
    assert shown[(aid, reviewed.claim_id)].claim_text == reviewed.text


def test_a_verdict_on_a_claim_that_now_says_something_else_is_stale_never_shown_nor_published(
    opened: Callable[..., Ledger], analyzer: Analyzer, tmp_path: Path
) -> None:
    """Analysed again (another model), the claim at the reviewed span now ends earlier: the id is
    the same, the text is not. The verdict is kept with the text it judged and listed as stale;
    no card, `claim` or ClaimReview presents it as this claim's; editing it needs a new rating."""
    db = str(tmp_path / "l.db")
    ledger = opened(db)
    first = analyzer.analyse_one(prepare_text(COUNCIL, lang="fr"))
    first.article.url = "https://news.example.org/piscine"
    ledger.add(first, "piscine.txt")
    linker_for(ledger, analyzer).link_pending()
    judged = next(c for c in first.claims if "quarante ans" in c.text)
    aid, target = first.article.id, f"{first.article.id}:{judged.id}"
    verdicts = Verdicts(ledger)
    verdicts.record(
        target, scale=DESK.scale, reviewer="Ana", rating="false", url="https://verif.example.org/p"
    )
    # the other model's analysis: the same claim start, cut before "et ne peuvent plus…"
    again: Analysis = copy.deepcopy(first)
    claim = next(c for c in again.claims if c.id == judged.id)
    claim.end = claim.start + claim.text.index(" et ne peuvent")
    claim.text = again.article.text[claim.start : claim.end]
    assert linker_for(ledger, analyzer).forget(aid)
    ledger.add(again, "piscine.txt")
    linker_for(ledger, analyzer).link_pending()
    assert ledger.claim(aid, judged.id) is not None  # the same id...
    stale = verdicts.get(target)
    assert stale is not None and stale.standing == "stale" and stale.claim_text == judged.full_text()
    assert verdicts.for_claims([(aid, judged.id)]) == {}  # ...shows no verdict
    reviews, skipped = claim_reviews(ledger, DESK)
    assert reviews == [] and [s.target for s in skipped] == [target]
    assert "says something else" in skipped[0].reason
    out = subprocess.run([*CLI, "claim", target, "--db", db], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "stale verdict: false" in out.stdout and "quarante ans et ne peuvent" in out.stdout
    assert "verdict:" not in out.stdout.replace("stale verdict:", "")
    with TestClient(create_app(db, hosts=["testserver"], config=DESK)) as client:
        listed = [v for v in client.get("/api/reviews").json() if v["target"] == target]
        assert [(v["standing"], v["claim_text"]) for v in listed] == [("stale", judged.full_text())]
        page = client.get(f"/articles/{aid}").text
        assert f'data-target="{target}"' not in page
    with pytest.raises(InputError, match="judged another text"):
        verdicts.record(target, scale=DESK.scale, reviewer="Bob", url="https://verif.example.org/q")
    again_judged = verdicts.record(target, scale=DESK.scale, reviewer="Bob", rating="mostly-false")
    assert again_judged.current and again_judged.claim_text == claim.text
    assert verdicts.history(target)[-1].changes["claim_text"] == [judged.full_text(), claim.text]
    assert verdicts.for_claims([(aid, judged.id)])[(aid, judged.id)].rating == "mostly-false"


def test_the_third_copy_of_a_wire_story_keeps_its_claims_and_is_a_copy(
    db: str, opened: Callable[..., Ledger], analyzer: Analyzer, tmp_path: Path
) -> None:
    """Three sites carry one wire story, each with its own credit line (one of them a whole
    sentence). The third used to lose its short paragraphs as "chrome" (the two others carried them)
    and, so cut, was no copy: an independent voice."""
    ledger = opened(db)
    for n in range(3):
        ingest_texts(ledger, analyzer, tmp_path / str(n), {f"site{n}": wire_copy(n)})
    ids = [article_of(ledger, CREDITS[n]) for n in range(3)]
    body = {t for _, t in claims_of(ledger, ids[0]) if "Ouest-Littoral" not in t}
    assert len(body) >= 11
    for aid in ids:
        assert "repeated" not in skipped_of(ledger, aid)
        assert body <= {t for _, t in claims_of(ledger, aid)}, "a copy lost claims of the story"
    with ledger.engine.connect() as conn:
        copies = dict(conn.execute(select(LinkArticleRow.article_id, LinkArticleRow.duplicate_of)).all())
    assert copies == {ids[0]: None, ids[1]: ids[0], ids[2]: ids[0]}
    sncf = next(r for r in LinkReader(ledger).source_records(500) if r.id == "org:sncf")
    assert sncf.claims == 1  # the SNCF said it once, whoever carried it


def test_copies_in_one_batch_do_not_make_each_other_chrome(
    opened: Callable[..., Ledger], analyzer: Analyzer, tmp_path: Path
) -> None:
    ledger = opened(str(tmp_path / "l.db"))
    ingest_texts(ledger, analyzer, tmp_path / "in", {f"site{n}": wire_copy(n) for n in range(3)})
    counts = [len(claims_of(ledger, article_of(ledger, CREDITS[n]))) for n in range(3)]
    assert min(counts) >= 12, counts
    assert all("repeated" not in skipped_of(ledger, article_of(ledger, c)) for c in CREDITS)


def test_an_old_ledger_keeps_each_verdict_on_the_claim_it_judged(
    db: str, opened: Callable[..., Ledger], analyzer: Analyzer
) -> None:
    """A ledger written before revision 0007 (positional ids `c1`, `c2`…, in the analysis and in
    every table), with verdicts and their history: upgraded, every id names its span and each
    verdict is on the claim whose text it judged."""
    old = opened(db, revision="0006")
    analyses = []
    for body, url in ((COUNCIL, "piscine"), (wire_copy(0), "crue-1"), (wire_copy(1), "crue-2")):
        a = analyzer.analyse_one(prepare_text(body, lang="fr"))
        a.article.url = f"https://news.example.org/{url}"
        a.article.published = "2025-03-04"
        for n, c in enumerate(a.claims, 1):  # as the analyser numbered them then
            c.id = f"c{n}"
        old.add(a, url)
        analyses.append(a)
    linker_for(old, analyzer).link_pending()
    council = analyses[0]
    judged = next(c for c in council.claims if "quarante ans" in c.text)
    figure = next(c for c in analyses[1].claims if "400 habitations" in c.text)
    assert judged.id != f"c{judged.start}" and figure.id != f"c{figure.start}"
    verdicts = Verdicts(old)
    targets = {f"{council.article.id}:{judged.id}": "false", f"{analyses[1].article.id}:{figure.id}": "true"}
    for target, rating in targets.items():
        verdicts.record(
            target, scale=DESK.scale, reviewer="Ana", rating=rating, url="https://v.example.org/1"
        )
        verdicts.record(target, scale=DESK.scale, reviewer="Bob", explanation="Vérifié sur place.")
    with old.writer.begin() as conn:  # as two deletes and stores again left them: never uncounted
        conn.execute(text("UPDATE line_counts SET articles = articles + 2"))
    old.engine.dispose()

    ledger = opened(db)  # upgraded to the head
    with ledger.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        link_ids = set(conn.execute(select(LinkClaimRow.article_id, LinkClaimRow.claim_id)).all())
        history = Counter(t for (t,) in conn.execute(select(VerdictHistoryRow.target)))
        points = [p["claim"] for (raw,) in conn.execute(select(SeriesRow.points)) for p in json.loads(raw)]
        lines = dict(conn.execute(select(LineCountRow.key, LineCountRow.articles)).all())
        if conn.dialect.name == "postgresql":
            width = conn.execute(
                text(
                    "SELECT character_maximum_length FROM information_schema.columns "
                    "WHERE table_name = 'claims' AND column_name = 'claim_id'"
                )
            ).scalar()
            assert width == 32
    stored: set[tuple[str, str]] = set()
    for row in ledger.articles():
        data = json.loads(row.analysis)
        ids = [c["id"] for c in data["claims"]]
        assert ids == span_ids([(c["start"], c["end"]) for c in data["claims"]])
        assert sorted(c for c, _ in claims_of(ledger, row.id)) == sorted(ids)
        stored |= {(row.id, i) for i in ids}
    assert link_ids == stored
    assert points and all(tuple(p.split(":", 1)) in stored for p in points)
    upgraded = Verdicts(ledger)
    for c, a in ((judged, council), (figure, analyses[1])):
        new_id = f"c{c.start}"
        claim_row = ledger.claim(a.article.id, new_id)
        assert claim_row is not None and claim_row.text == c.full_text()
        v = upgraded.get(f"{a.article.id}:{new_id}")
        assert v is not None and v.current and v.claim_text == claim_row.text
        assert history[f"{a.article.id}:{new_id}"] == 2 and history[f"{a.article.id}:{c.id}"] == 0
        assert upgraded.for_claims([(a.article.id, new_id)])[(a.article.id, new_id)].target == v.target
    reviews, skipped = claim_reviews(ledger, DESK)
    assert len(reviews) == 2 and not skipped
    # the chrome counts are counted again from the articles stored
    expected = Counter(k for a in analyses for k in short_line_keys(a.article.text, "fr"))
    assert lines == dict(expected)


# -- finding 2: verdicts follow merges ----------------------------------------------------------------


def test_a_verdict_on_a_merged_proposition_shows_on_the_one_it_merged_into(
    db: str, opened: Callable[..., Ledger], analyzer: Analyzer
) -> None:
    ledger = opened(db)
    linker = linker_for(ledger, analyzer)
    ids = {}

    def put(name: str) -> None:
        day, body = DIGUE[name]
        a = analyzer.analyse_one(prepare_text(body, lang="fr"))
        a.article.published = day
        a.article.url = f"https://news.example.org/digue-{name.lower()}"
        ledger.add(a, name)
        linker.link_pending()
        ids[name] = a.article.id

    for name in ("A1", "A2", "B1", "B2"):
        put(name)
    reader = LinkReader(ledger)

    def proposition(name: str) -> str:
        row = the_claim(ledger, DIGUE_CLAIM, ids[name])
        found = reader.claim_links([ids[name]])[(ids[name], row.claim_id)][1]
        assert found is not None
        return found

    older, later = proposition("A1"), proposition("B1")
    assert older != later and proposition("B2") == later
    verdicts = Verdicts(ledger)
    verdicts.record(
        later,
        scale=DESK.scale,
        reviewer="Ana",
        rating="false",
        explanation="La digue a été submergée, pas rompue.",
        url="https://verif.example.org/digue",
    )
    put("C")  # bridges the two stories: they merge, and the later proposition into the older one
    assert reader.resolve_proposition(later) == older
    with ledger.engine.connect() as conn:
        assert (
            conn.execute(
                select(PropositionRedirectRow.new_id).where(PropositionRedirectRow.old_id == later)
            ).scalar()
            == older
        )
    keys = [(ids[n], the_claim(ledger, DIGUE_CLAIM, ids[n]).claim_id) for n in DIGUE]
    shown = verdicts.for_claims(keys)
    assert set(shown) == set(keys), "every claim of the merged proposition shows the verdict"
    assert {(v.target, v.proposition_id, v.rating) for v in shown.values()} == {(later, older, "false")}
    on_page = verdicts.get(older)  # the proposition page, and the 301 target of the old id
    assert on_page is not None and on_page.target == later and on_page.rating == "false"
    assert [c.changes.get("rating") for c in verdicts.history(older)] == [[None, "false"]]
    reviews, skipped = claim_reviews(ledger, DESK)
    assert not skipped, [s.reason for s in skipped]
    assert [r["identifier"] for r in reviews] == [later]
    # an edit naming the merged proposition edits its own verdict
    verdicts.record(later, scale=DESK.scale, reviewer="Ana", explanation="Submergée, pas rompue.")
    assert verdicts.history(later)[-1].changes["explanation"][1] == "Submergée, pas rompue."
    assert len(reviews[0]["itemReviewed"]["appearance"]) == 5  # every article that says it
    story = reader.article_story(ids["B1"])
    assert story is not None
    report = reader.report(story)
    assert report is not None
    in_story, _ = claim_reviews(ledger, DESK, report)
    assert [r["identifier"] for r in in_story] == [later]
    # an edit from the surviving proposition edits that verdict, it does not start another
    edited = verdicts.record(older, scale=DESK.scale, reviewer="Bob", rating="mostly-false")
    assert edited.target == later and edited.proposition_id == older
    assert [v.target for v in verdicts.all()] == [later]


def test_the_merged_verdict_on_the_pages_and_in_claim(analyzer: Analyzer, tmp_path: Path) -> None:
    """The same on the web: the old proposition's address moves (301) to a page showing the
    verdict, the story page lists it, and `claim` prints it for a claim of either story."""
    db = str(tmp_path / "l.db")
    ledger = Ledger(db)
    linker = linker_for(ledger, analyzer)
    ids = {}
    later = ""
    for name in ("A1", "A2", "B1", "B2", "C"):
        day, body = DIGUE[name]
        a = analyzer.analyse_one(prepare_text(body, lang="fr"))
        a.article.published = day
        ledger.add(a, name)
        linker.link_pending()
        ids[name] = a.article.id
        if name == "B2":
            row = the_claim(ledger, DIGUE_CLAIM, ids["B1"])
            later = LinkReader(ledger).claim_links([ids["B1"]])[(ids["B1"], row.claim_id)][1] or ""
            assert later
            Verdicts(ledger).record(later, scale=DESK.scale, reviewer="Ana", rating="false")
    older = LinkReader(ledger).resolve_proposition(later)
    assert older is not None and older != later
    a1 = the_claim(ledger, DIGUE_CLAIM, ids["A1"])
    ledger.engine.dispose()
    with TestClient(create_app(db, hosts=["testserver"], config=DESK)) as client:
        moved = client.get(f"/propositions/{later}", follow_redirects=False)
        assert moved.status_code == 301 and moved.headers["location"].endswith(f"/propositions/{older}")
        assert "Verdict : Faux" in client.get(f"/propositions/{older}").text
        assert client.get(f"/api/propositions/{older}").json()["verdict"]["rating"] == "false"
        story = LinkReader(Ledger(db)).article_story(ids["A1"])
        listed = client.get(f"/stories/{story}").text
        assert "<b>Faux</b>" in listed and "Aucun verdict" not in listed
        card = client.get(f"/articles/{ids['A1']}").text
        assert f'data-target="{later}"' in card
    out = subprocess.run(
        [*CLI, "claim", f"{ids['A1']}:{a1.claim_id}", "--db", db], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    assert "verdict (on its proposition): false" in out.stdout


# -- finding 5: the write lock ---------------------------------------------------------------------


def test_a_verdict_while_another_process_holds_the_write_lock_fails_in_one_line_and_loses_nothing(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    """A relink holds SQLite's write lock for minutes. The CLI answers in a few seconds, one line,
    non-zero; the API a 503 with Retry-After; nothing is half-written and the verdict already
    stored is intact; once the lock is released the same request is stored."""
    db = str(tmp_path / "l.db")
    ledger = Ledger(db)
    a = analyzer.analyse_one(prepare_text(COUNCIL, lang="fr"))
    ledger.add(a, "piscine.txt")
    linker_for(ledger, analyzer).link_pending()
    first, second = (
        f"{a.article.id}:{c.id}" for c in a.claims if "quarante ans" in c.text or "900" in c.text
    )
    Verdicts(ledger).record(first, scale=DESK.scale, reviewer="Ana", rating="false")
    ledger.engine.dispose()
    with TestClient(create_app(db, hosts=["testserver"], config=DESK)) as client:
        _busy_then_free(db, client, first, second)


def _busy_then_free(db: str, client: TestClient, first: str, second: str) -> None:
    body = {"target": second, "rating": "true", "reviewer": "Bob"}
    relink = sqlite3.connect(db, isolation_level=None)
    relink.execute("BEGIN IMMEDIATE")  # what a running relink holds
    relink.execute("UPDATE line_counts SET articles = articles")
    try:
        t0 = time.monotonic()
        out = subprocess.run(
            [*CLI, "review", second, "--rating", "true", "--reviewer", "Bob", "--db", db],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode != 0 and time.monotonic() - t0 < 25
        assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr
        assert "busy" in out.stderr and "nothing was recorded" in out.stderr
        answer = client.post("/api/reviews", json=body)
        assert answer.status_code == 503 and "busy" in answer.json()["detail"]
        assert int(answer.headers["retry-after"]) > 0
    finally:
        relink.execute("ROLLBACK")
        relink.close()
    stored = Verdicts(Ledger(db))
    assert [v.target for v in stored.all()] == [first] and len(stored.history(first)) == 1
    assert stored.get(first).rating == "false"  # type: ignore[union-attr]
    assert client.post("/api/reviews", json=body).status_code == 201
    out = subprocess.run(
        [*CLI, "review", second, "--rating", "mostly-true", "--reviewer", "Bob", "--db", db],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert stored.get(second).rating == "mostly-true"  # type: ignore[union-attr]


# -- finding 14: the original of a copy deleted ----------------------------------------------------


def test_deleting_the_original_of_wire_copies_promotes_the_first_copy(
    db: str, opened: Callable[..., Ledger], analyzer: Analyzer, tmp_path: Path
) -> None:
    """`source-record` kept nothing of the story while `sources` counted the copy's claims, and
    the copies stayed copies of an article that was gone until `relink`. Now the first copy is
    the original, the other points to it, and the records agree with what `relink` rebuilds."""
    ledger = opened(db)
    for n in range(3):
        ingest_texts(ledger, analyzer, tmp_path / str(n), {f"site{n}": wire_copy(n)})
    original, *copied = (article_of(ledger, CREDITS[n]) for n in range(3))
    first_copy, second_copy = sorted(copied)  # undated: the first by id, as `relink` orders them
    reader = LinkReader(ledger)
    before = {r.id: r.claims for r in reader.source_records(500)}
    assert linker_for(ledger, analyzer).forget(original)
    with ledger.engine.connect() as conn:
        copies = dict(conn.execute(select(LinkArticleRow.article_id, LinkArticleRow.duplicate_of)).all())
        flags = dict(
            conn.execute(
                select(LinkClaimRow.article_id, LinkClaimRow.copy)
                .distinct()
                .order_by(LinkClaimRow.article_id)
            ).all()
        )
    assert copies == {first_copy: None, second_copy: first_copy}
    assert flags == {first_copy: False, second_copy: True}
    records = {r.id: r.claims for r in reader.source_records(500)}
    sncf = next(r for r in reader.source_records(500) if r.id == "org:sncf")
    assert sncf.claims == 1
    named = {k: n for k, n in before.items() if not k.startswith("unnamed:")}
    assert {k: n for k, n in records.items() if not k.startswith("unnamed:")} == named
    # the story's unnamed sources ("le préfet") are the copy's now, every one of its attributed claims
    attributed = [r for r in ledger.claims(limit=10_000) if r.article_id == first_copy and r.source_id]
    assert sum(records.values()) == len(attributed) >= 10
    assert all(k.endswith("@" + first_copy) for k in records if k.startswith("unnamed:"))
    # `sources` counts every stored claim (copies too): the record counts the copy once
    sources = {s.id: s.claims for s in ledger.sources(500)}
    assert sources["org:sncf"] == 2
    story = reader.article_story(first_copy)
    report = reader.report(story or "")
    assert report is not None and {c.article_id for c in report.claims} == {first_copy}
    linker_for(ledger, analyzer).relink()
    assert {r.id: r.claims for r in reader.source_records(500)} == records
