"""Issue 17, bounded work per input: one input must never cost the ledger more than its size.

Linking (finding 3): an article of thousands of near-identical claims ("Selon X, selon Y, …",
written here) is scored against candidates found by blocking, not against every claim, and the
blocking changes nothing on ordinary articles; an article whose linking goes over the time budget
is parked with its reason and the articles after it are linked. Analysis (15): a text that is one
giant sentence is cut into bounded sentences (after clause punctuation) whose offsets map back,
and analysed in bounded memory; ordinary texts keep their sentences. WARC (8, 13): a
record whose header decompresses to gigabytes without a line break fails in one line under a
memory limit, and a record cut short is reported, not stored.

Real analyses (the session's fr_core_news_md pipeline), real encoder, real ledgers on SQLite and
on PostgreSQL (a database of this module's own on the server CLAIMLEDGER_TEST_PG names), the real
command in its own process.
"""

from __future__ import annotations

import copy
import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimledger.analyse.article import Analyzer, prepare, prepare_text
from claimledger.analyse.chunks import merge
from claimledger.analyse.pipeline import run
from claimledger.analyse.segmenter import MAX_SENTENCE_CHARS
from claimledger.ingest.extract import article_id
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.match import (
    SHARED_FREE_MAX,
    THRESHOLD,
    Bounds,
    _dense_rows,
    _Features,
    _pairs,
    score_pairs,
)
from claimledger.link.read import LinkReader
from claimledger.link.records import ClaimRecord, from_analysis
from claimledger.model import Analysis, analysis_from_dict
from claimledger.store.ledger import Ledger
from claimledger.store.schema import (
    ContradictionRow,
    LinkArticleRow,
    LinkClaimRow,
    LinkParkedRow,
    LinkQueueRow,
    StatusChangeRow,
)
from conftest import CORPUS, EXAMPLE

PG = os.environ.get("CLAIMLEDGER_TEST_PG")
CLI = [sys.executable, "-m", "claimledger.cli"]
DATA = Path(__file__).parent / "data"
ORDINARY = [
    DATA / "stories" / "coree-1.html",
    DATA / "stories" / "coree-2.html",
    DATA / "stories" / "budget.html",
    DATA / "bilingual" / "fr.txt",
    DATA / "bilingual" / "en.txt",
    DATA / "bilingual" / "en-other.txt",
    DATA / "english-story" / "day1.txt",
    DATA / "english-story" / "day2.txt",
    EXAMPLE,
]

# -- the attack of finding 3, written here ---------------------------------------------------------

SOURCES = [
    "Paul Martin",
    "Marie Dubois",
    "l'AFP",
    "Reuters",
    "le ministre de l'Intérieur",
    "Jeanne Leroy",
    "la préfecture du Nord",
    "Hugo Bernard",
    "le maire de Lille",
    "Claire Petit",
]
FACTS = [
    "le pont de la Deûle a été fermé dans la nuit",
    "au moins 3 000 soldats ont été déployés près de la frontière",
    "la réunion des ministres est reportée à mardi",
    "le maire de Roubaix a démenti avoir démissionné",
    "les prix de l'énergie ont augmenté de 4 % en un an",
    "aucune victime n'a été signalée après l'incendie",
    "plus de 800 habitants ont été évacués dimanche",
]


def selon_block(paragraphs: int) -> str:
    """Paragraphs of nested attributions, two claims each, a handful of facts and sources."""
    out = []
    for i in range(paragraphs):
        a, b = SOURCES[i % len(SOURCES)], SOURCES[(i * 3 + 1) % len(SOURCES)]
        out.append(f"Selon {a}, selon {b}, {FACTS[i % len(FACTS)]}.")
    return "\n\n".join(out)


@pytest.fixture(scope="module")
def selon(analyzer: Analyzer) -> tuple[str, dict[str, Any]]:
    """One block of the attack analysed by the real pipeline (its analysis body)."""
    text = selon_block(100)
    return text, next(run(analyzer.nlp("fr"), [text]))


def repeated(selon: tuple[str, dict[str, Any]], claims: int) -> Analysis:
    """An article of `claims` claims: the analysed block repeated, offsets shifted and ids made
    again as analysis/chunks.py merges the pieces of a long text."""
    text, body = selon
    reps = -(-claims // len(body["claims"]))
    full = "\n\n".join([text] * reps)
    merged = merge(iter([(k * (len(text) + 2), copy.deepcopy(body)) for k in range(reps)]))
    merged["claims"] = merged["claims"][:claims]
    head = {"title": "Une journée agitée", "lang": "fr", "published": "2025-03-01", "url": None}
    return analysis_from_dict({"article": {"id": article_id(full), "text": full, **head}, **merged})


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    e = Embedder()
    e(["Selon l'AFP, le pont a été fermé."])  # the weights are read once, not inside a budget
    return e


@pytest.fixture(scope="module")
def ordinary(analyzer: Analyzer) -> list[Analysis]:
    prepared = [prepare(str(p)) for p in ORDINARY]
    for p in prepared:  # the two stories of the bilingual folder are of one day
        p.extracted.published = p.extracted.published or "2024-10-23"
    return list(analyzer.analyse(prepared))


def link_state(db: str) -> dict[str, Any]:
    """Everything linking decided: stories, propositions, flags, contradictions, status changes."""
    ledger = Ledger(db)
    with Session(ledger.engine) as s:
        claims = sorted(
            (r.article_id, r.claim_id, r.story_id, r.proposition_id, r.corroborated, r.contradicted)
            + (r.confirmed_later,)
            for r in s.scalars(select(LinkClaimRow))
        )
        pairs = sorted(
            (r.affirmed_article, r.affirmed_claim, r.denied_article, r.denied_claim)
            for r in s.scalars(select(ContradictionRow))
        )
        changes = sorted(
            (r.before_article, r.before_claim, r.after_article, r.after_claim)
            for r in s.scalars(select(StatusChangeRow))
        )
    ledger.engine.dispose()
    ledger.writer.dispose()
    return {"claims": claims, "contradictions": pairs, "changes": changes}


# -- one formula, three ways of computing it -------------------------------------------------------


def test_blocking_is_exact_within_a_language() -> None:
    """A pair sharing no term and no entity scores at most SHARED_FREE_MAX: blocking on terms and
    entities drops no pair that could match (were the weights changed so that it could, this
    fails before linking silently loses matches)."""
    assert SHARED_FREE_MAX < THRESHOLD


def test_pair_scores_are_the_matrix_scores(ordinary: list[Analysis], embedder: Embedder) -> None:
    """Every pair of the ordinary articles' claims (French and English), scored as a dense matrix,
    as candidate pairs and one by one, gives the same number."""
    claims: list[ClaimRecord] = [c for a in ordinary for c in from_analysis(a).claims]
    vecs = embedder([c.text for c in claims])
    f = _Features(claims, vecs)
    rows = list(range(len(claims)))
    dense = _dense_rows(f, rows)
    pi, pj = np.nonzero(np.ones_like(dense, dtype=bool))
    flat = _pairs(f, pi, pj).reshape(dense.shape)
    assert np.abs(flat - dense).max() < 1e-5
    assert ((flat >= THRESHOLD) == (dense >= THRESHOLD)).all()
    sample = [(int(i), int(j)) for i, j in zip(pi[::97], pj[::97], strict=True)]
    assert max(abs(f.one(i, j) - float(dense[i, j])) for i, j in sample) < 1e-5
    assert (dense >= THRESHOLD).sum() > len(claims)  # there were matches to agree on


def test_blocking_changes_nothing_on_ordinary_articles(
    ordinary: list[Analysis], embedder: Embedder, tmp_path: Path
) -> None:
    """The same articles linked with every story update scored densely (as before issue 17) and
    with every one scored by blocking: the same stories, propositions, flags, contradictions and
    status changes."""
    states = []
    for name, bounds in (("dense", Bounds(dense_cells=1 << 62)), ("blocked", Bounds(dense_cells=0))):
        db = str(tmp_path / f"{name}.db")
        ledger = Ledger(db)
        for a in ordinary:
            ledger.add(a, a.article.id)
        Linker(ledger, embedder, budget=None, bounds=bounds).link_pending()
        states.append(link_state(db))
    dense, blocked = states
    assert dense == blocked
    assert sum(1 for c in dense["claims"] if c[3]) >= 10  # propositions were made
    assert dense["contradictions"]


def test_pages_of_thousands_of_repeated_claims_score_bounded_pairs(
    selon: tuple[str, dict[str, Any]], embedder: Embedder
) -> None:
    """6 000 claims repeating seven facts, as four pages of one site would (within one article a
    repeated fact is one voice, and different facts are never one statement): every claim
    matches hundreds of others, yet each is scored against at most `min_candidates` (the matrix
    would be 36 million cells), and what it is scored against is what the matrix says."""
    a = repeated(selon, 6000)
    claims = from_analysis(a).claims
    for k, c in enumerate(claims):
        c.article_id = f"{c.article_id}-{k % 4}"
    texts = sorted({c.text for c in claims})  # the same text has the same vector: embedded once
    vec_of = dict(zip(texts, embedder(texts), strict=True))
    vecs = np.stack([vec_of[c.text] for c in claims])
    rows = list(range(len(claims)))
    bounds = Bounds()
    scores = score_pairs(claims, vecs, rows, bounds)
    assert scores.dense is None and scores.cols is not None and scores.vals is not None
    cap = max(bounds.min_candidates, bounds.pairs // len(rows))
    assert max(len(c) for c in scores.cols) <= cap
    assert sum(len(c) for c in scores.cols) <= len(rows) * cap
    f = _Features(claims, vecs)
    for i in (0, 1, 3000, 5999):
        exact = _dense_rows(f, [i])[0]
        assert np.abs(exact[scores.cols[i]] - scores.vals[i]).max() < 1e-5
        assert (exact >= THRESHOLD).sum() > cap  # the cap did decide: it is the attack
        assert (scores.vals[i] >= THRESHOLD).sum() >= bounds.matches  # and kept enough matches


# -- a slow article is parked, the others are linked ---------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh ledger on each database; on PostgreSQL a database of this test's own."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    if not PG:
        pytest.skip("CLAIMLEDGER_TEST_PG not set (make test sets it)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"cl_bounded_{secrets.token_hex(4)}"
    admin = create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


BUDGET = 2.0  # seconds: the normal article needs a fraction of it, the attack many times it


def test_a_pathological_article_does_not_delay_a_normal_one(
    db: str, selon: tuple[str, dict[str, Any]], example: Analysis, embedder: Embedder
) -> None:
    """The attack (6 000 claims) is queued first, an ordinary article after it: one linking run
    parks the attack once it has spent the budget, with its reason, and links the ordinary one,
    whose story is readable; the attack's claims stay stored and readable, nothing stays queued.
    A `relink` tries the parked article again and parks it again."""
    attack = repeated(selon, 6000)
    ledger = Ledger(db)
    ledger.add(attack, attack.article.id)
    ledger.add(example, example.article.id)
    stats = Linker(ledger, embedder, budget=BUDGET).link_pending()
    assert [a for a, _ in stats.parked] == [attack.article.id]
    assert stats.articles == 1
    reader = LinkReader(ledger)
    assert reader.pending() == 0
    with Session(ledger.engine) as s:
        linked = set(s.scalars(select(LinkArticleRow.article_id)))
        parked = dict(s.execute(select(LinkParkedRow.article_id, LinkParkedRow.reason)).all())
        queued = list(s.scalars(select(LinkQueueRow.article_id)))
    assert linked == {example.article.id} and not queued
    assert f"over {BUDGET:g} s" in parked[attack.article.id]
    stories = reader.stories()
    assert len(stories) == 1 and stories[0].size == 1
    rep = reader.report(stories[0].id)
    assert rep is not None and {a.id for a in rep.story.articles} == {example.article.id}
    assert reader.article_story(example.article.id) == stories[0].id
    assert reader.article_story(attack.article.id) is None
    assert len(ledger.claims(limit=100_000)) >= 6000 + len(example.claims) - 50  # kept and readable
    again = Linker(ledger, embedder, budget=BUDGET).relink()
    assert [a for a, _ in again.parked] == [attack.article.id] and again.articles == 1
    assert Linker(ledger, embedder).parked()[0][0] == attack.article.id
    ledger.engine.dispose()
    ledger.writer.dispose()


def test_ingest_reports_a_parked_article_and_links_the_next(
    selon: tuple[str, dict[str, Any]], tmp_path: Path
) -> None:
    """The attack sits in the queue (stored by an earlier run); a later `ingest` of an ordinary
    article links that article and says, in one line, that the attack is parked and why."""
    db = str(tmp_path / "ingest.db")
    attack = repeated(selon, 6000)
    Ledger(db).add(attack, attack.article.id)
    env = {**os.environ, "CLAIMLEDGER_LINK_BUDGET": str(BUDGET)}
    done = subprocess.run(
        [*CLI, "ingest", str(EXAMPLE), "--db", db], capture_output=True, text=True, timeout=600, env=env
    )
    assert done.returncode == 0, done.stderr
    lines = [x for x in done.stdout.splitlines() if "parked: article" in x]
    assert len(lines) == 1, done.stdout
    assert attack.article.id in lines[0] and f"over {BUDGET:g} s" in lines[0]
    assert "relink --parked" in done.stdout  # how to try it again, never forgotten
    assert "Traceback" not in done.stderr
    listing = subprocess.run([*CLI, "stories", "--db", db], capture_output=True, text=True, timeout=300)
    assert listing.returncode == 0 and "not linked yet" not in listing.stderr
    reader = LinkReader(Ledger(db))
    assert [s.size for s in reader.stories()] == [1]  # the ordinary article, linked
    assert reader.article_story(attack.article.id) is None
    # given time, `relink --parked` links it: it leaves the parked list and joins a story
    retried = subprocess.run(
        [*CLI, "relink", "--parked", "--db", db],
        capture_output=True,
        text=True,
        timeout=600,
        env={**env, "CLAIMLEDGER_LINK_BUDGET": "none"},
    )
    assert retried.returncode == 0 and "parked" not in retried.stdout, retried.stdout + retried.stderr
    assert LinkReader(Ledger(db)).article_story(attack.article.id) is not None
    for bad in ("soon", "-3", "nan", "inf"):
        refused = subprocess.run(
            [*CLI, "ingest", str(EXAMPLE), "--db", db],
            capture_output=True,
            text=True,
            timeout=300,
            env={**env, "CLAIMLEDGER_LINK_BUDGET": bad},
        )
        assert refused.returncode != 0 and "Traceback" not in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1 and "CLAIMLEDGER_LINK_BUDGET" in refused.stderr


# -- WARC: a bomb in a header line (8), a record cut short (13) ------------------------------------

PAGES = [
    (
        "https://example.org/inondations",
        "Crue de l'Aa : 800 habitants évacués",
        "La crue de l'Aa a forcé l'évacuation de 800 habitants dimanche, selon la préfecture du "
        "Pas-de-Calais.\nLe maire de Saint-Omer a affirmé que les digues avaient tenu.",
    ),
    (
        "https://example.org/budget",
        "Le budget de Lille adopté",
        "Le conseil municipal de Lille a adopté mardi un budget en hausse de 4 %.\nSelon l'adjoint "
        "aux finances, la dette de la ville baissera de 12 millions d'euros en 2025.",
    ),
    (
        "https://example.org/pont",
        "Le pont de la Deûle fermé",
        "Le pont de la Deûle a été fermé dans la nuit après un accident, a annoncé la police.\n"
        "Selon les pompiers, aucune victime n'est à déplorer.",
    ),
]


def write_warc(path: Path, pages: list[tuple[str, str, str]], *, gzip: bool) -> list[int]:
    """A WARC of one HTML response per page (builders.page); the offset where each record ends."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from builders import page

    ends = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for url, title, text in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            body = io.BytesIO(page(text, title, "2025-03-02").encode())
            record = writer.create_warc_record(url, "response", payload=body, http_headers=headers)
            writer.write_record(record)
            ends.append(fh.tell())
    return ends


def gzip_bomb(path: Path, inflated_mb: int = 1536) -> None:
    """One gzip member (1.5 MB on disk) of a WARC record whose WARC-Target-URI line runs on for
    `inflated_mb` MB of "A" without a line break: deflate blocks of 1 MB of "A", each complete
    (full flush), repeated, then the final block and a true CRC and length."""
    import struct
    import zlib

    head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/"
    first = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip header, then the head's blocks
    out = [first.compress(head), first.flush(zlib.Z_FULL_FLUSH)]
    chunk = b"A" * (1 << 20)
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = raw.compress(chunk) + raw.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(head)
    for _ in range(inflated_mb):
        crc = zlib.crc32(chunk, crc)
    last = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    size = len(head) + inflated_mb * len(chunk)
    with path.open("wb") as fh:
        fh.write(b"".join(out))
        for _ in range(inflated_mb):
            fh.write(block)
        fh.write(last + struct.pack("<II", crc, size & 0xFFFFFFFF))


COLLECT = """
import json, resource, sys
limit = int(sys.argv[1]) << 20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from claimledger.ingest.collect import Failed, collect
out = [[type(i).__name__, i.origin if isinstance(i, Failed) else i.name, getattr(i, "reason", "")]
       for i in collect(sys.argv[2:])]
# this process's own peak (ru_maxrss would count the parent's image it was forked from)
peak = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM:"))
print(json.dumps({"items": out, "rss_mb": peak >> 10}))
"""


def test_a_gzip_bomb_in_a_header_line_fails_in_one_line_under_a_memory_limit(tmp_path: Path) -> None:
    """A 1.5 MB .warc.gz whose header line inflates to 1.5 GB without a line break (finding 8),
    read in a process limited to 1 GB of address space, next to a sound archive: the bomb is one
    Failed item naming the unbroken line, the sound archive's pages all come through, and the
    process stays far below the limit (warcio alone read the whole line: a MemoryError)."""
    import zlib

    bomb = tmp_path / "bomb.warc.gz"
    gzip_bomb(bomb)
    assert bomb.stat().st_size < 2_000_000
    head = zlib.decompressobj(31).decompress(bomb.read_bytes()[:65_536])
    assert head.startswith(b"WARC/1.0\r\n") and head.endswith(b"A" * 1000)  # it is a bomb indeed
    sound = tmp_path / "sound.warc.gz"
    write_warc(sound, PAGES, gzip=True)
    done = subprocess.run(
        [sys.executable, "-c", COLLECT, "1024", str(bomb), str(sound)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    failed = [i for i in result["items"] if i[0] == "Failed"]
    assert len(failed) == 1 and failed[0][1] == str(bomb)
    assert "without a line break" in failed[0][2] and "\n" not in failed[0][2]
    assert sorted(i[1].split("#", 1)[1] for i in result["items"] if i[0] == "RawInput") == sorted(
        u for u, _, _ in PAGES
    )
    assert result["rss_mb"] < 200


def test_a_record_cut_short_is_reported_not_stored(tmp_path: Path) -> None:
    """An uncompressed .warc whose last record is cut in its body (finding 13): the whole records
    are read, the cut one is a Failed item saying how many bytes of how many it has."""
    from claimledger.ingest.collect import Failed, collect
    from claimledger.ingest.reader import RawInput

    whole = tmp_path / "whole.warc"
    ends = write_warc(whole, PAGES, gzip=False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[: ends[-1] - 300])  # inside the last page's HTML
    items = list(collect([str(cut)]))
    assert [type(i) for i in items] == [RawInput, RawInput, Failed]
    assert isinstance(items[2], Failed) and items[2].origin.endswith("#" + PAGES[2][0])
    assert "cut short" in items[2].reason and "not stored" in items[2].reason
    got, declared = (int(x) for x in items[2].reason.split("(")[1].split(" bytes")[0].split(" of "))
    assert declared - got == 300 - 4  # the 4 bytes after a record's block are not part of it
    assert [type(i) for i in collect([str(whole)])] == [RawInput] * 3  # a whole archive reads whole


def test_ingest_of_a_bomb_and_a_cut_archive_stores_the_rest(tmp_path: Path) -> None:
    """One `ingest` of the bomb, the cut archive and a sound one: each bad input is one line, no
    traceback, and every whole page is stored (the cut one is not)."""
    bomb = tmp_path / "bomb.warc.gz"
    gzip_bomb(bomb)
    whole = tmp_path / "whole.warc"
    ends = write_warc(whole, PAGES[:2], gzip=False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[: ends[-1] - 300])
    sound = tmp_path / "sound.warc.gz"
    write_warc(sound, PAGES[2:], gzip=True)
    db = str(tmp_path / "l.db")
    done = subprocess.run(
        [*CLI, "ingest", str(bomb), str(cut), str(sound), "--db", db],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    failed = [x for x in done.stdout.splitlines() if x.strip().startswith("failed:")]
    assert len(failed) == 2, done.stdout
    assert any("without a line break" in x for x in failed)
    assert any("cut short" in x and PAGES[1][0] in x for x in failed)
    assert {r.url for r in Ledger(db).articles()} == {PAGES[0][0], PAGES[2][0]}


# -- analysis of one-paragraph giants (15) ---------------------------------------------------------

SPEAKERS = [
    "le ministre de l'Intérieur",
    "la préfète du Nord",
    "un porte-parole de l'armée",
    "le maire de Lille",
]
VERBS = ["a annoncé que", "a affirmé que", "a démenti que", "estime que", "a confirmé que"]
EVENTS = [
    "au moins 3 000 soldats ont été déployés près de la frontière",
    "les inondations ont touché 1 200 maisons dans le Pas-de-Calais",
    "le budget de la ville augmentera de 4 % l'an prochain",
    "la réunion aura lieu mardi à Bruxelles",
    "plus de 800 personnes ont été évacuées dimanche",
]


def one_sentence(chars: int) -> str:
    """A single sentence of `chars` characters: reported clauses joined by commas, one final stop."""
    clauses, n, i = [], 0, 0
    while n < chars:
        clause = f"{SPEAKERS[i % 4]} {VERBS[i % 5]} {EVENTS[(i // 3) % 5]}"
        clauses.append(clause)
        n += len(clause) + 2
        i += 1
    return "Selon nos informations, " + ", ".join(clauses) + "."


def test_a_giant_sentence_is_cut_into_bounded_sentences(analyzer: Analyzer) -> None:
    """A 40 000-character sentence (two pieces for analysis/chunks.py): every sentence the claims
    sit in stays within MAX_SENTENCE_CHARS and is cut after clause punctuation, every offset
    points at the claim's own words, and the claims' text stays a few times the input (unbounded,
    each nested claim ran to the end of a 30 000-character sentence: 14 times the input)."""
    text = one_sentence(40_000)
    a = analyzer.analyse_one(prepare_text(text, lang="fr"))
    body = a.article.text
    assert len(a.claims) > 200
    for c in a.claims:
        assert c.sentence.end - c.sentence.start <= MAX_SENTENCE_CHARS
        assert c.sentence.start <= c.start < c.end <= c.sentence.end
        assert body[c.start : c.end] == c.text
    starts = sorted({c.sentence.start for c in a.claims} - {0})
    assert len(starts) >= 40_000 // MAX_SENTENCE_CHARS
    assert all(body[:s].rstrip()[-1] in ",;:" for s in starts)  # never inside a clause
    assert sum(len(c.text) for c in a.claims) < 6 * len(text)


def test_ordinary_texts_keep_their_sentences(analyzer: Analyzer) -> None:
    """The bound never cuts a sentence of the corpus articles or the example: the segmenter gives
    the same sentences with it and without it (and it does cut the giant one)."""
    from claimledger.analyse.segmenter import ParagraphSegmenter
    from claimledger.lexicon import load_lexicon

    nlp, lexicon = analyzer.nlp("fr"), load_lexicon("fr")
    chrome = nlp.get_pipe("claimledger_boilerplate")

    def starts(text: str, limit: int) -> list[bool]:
        doc = ParagraphSegmenter(lexicon, limit)(chrome(nlp.make_doc(text)))
        return [bool(t.is_sent_start) for t in doc]

    texts = [prepare(str(p)).extracted.text for p in sorted(CORPUS.glob("*.txt"))]
    texts.append(EXAMPLE.read_text(encoding="utf-8"))
    for text in texts:
        assert starts(text, MAX_SENTENCE_CHARS) == starts(text, 10**9)
    giant = one_sentence(10_000)
    assert sum(starts(giant, MAX_SENTENCE_CHARS)) >= 5 > sum(starts(giant, 10**9))


ANALYSE = """
import json, sys
from claimledger.analyse.article import Analyzer, prepare, prepare_text
def status(key):
    return next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith(key)) >> 10
analyzer = Analyzer()
analyzer.analyse_one(prepare_text("Le maire a affirmé que la ville paierait les travaux.", lang="fr"))
open("/proc/self/clear_refs", "w").write("5")  # the peak from here on: the analysis alone
base = status("VmRSS:")
a = analyzer.analyse_one(prepare(sys.argv[1], lang="fr"))
print(json.dumps({"peak_mb": status("VmHWM:") - base, "claims": len(a.claims),
                  "claim_chars": sum(len(c.text) for c in a.claims)}))
"""


def test_a_one_sentence_page_is_analysed_in_bounded_memory(tmp_path: Path) -> None:
    """A 150 000-character one-sentence page in its own process: what its analysis adds to the
    loaded pipeline stays within what two pieces of text cost while parsed (BATCH_CHARS), not
    what the page or its square would, and its claims' text is a few times the page."""
    page = tmp_path / "one-sentence.txt"
    page.write_text(one_sentence(150_000), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", ANALYSE, str(page)], capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["claims"] > 1000
    assert result["claim_chars"] < 6 * 150_000
    assert result["peak_mb"] < 300, result
