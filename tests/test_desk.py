"""The fact-checker's desk (issue 11): verdicts with history, ClaimReview that validates offline,
typed exports, and the CLI a desk works with. Articles: the story test articles written here
(tests/data/stories/README.md) and the project's example; extra sentences are written here."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pandas as pd
import pyarrow.parquet as pq
import pytest

from claimledger.analyse.article import Analyzer, prepare, prepare_text
from claimledger.desk.config import DeskConfig, default_scale, load_config
from claimledger.desk.publish import claim_reviews
from claimledger.desk.verdicts import Verdicts
from claimledger.errors import InputError
from claimledger.link.embed import Embedder
from claimledger.link.linker import Linker
from claimledger.link.read import LinkReader
from claimledger.link.records import ClaimRecord
from claimledger.present.claimreview import claim_review
from claimledger.present.export import export_csv, export_parquet, export_rows_jsonl
from claimledger.store.ledger import Ledger
from conftest import EXAMPLE

STORIES = Path(__file__).parent / "data" / "stories"
CLI = [sys.executable, "-m", "claimledger.cli"]
SCHEMA = json.loads((resources.files("claimledger") / "data" / "claimreview.schema.json").read_text("utf-8"))
DESK = DeskConfig(
    scale=default_scale(), publisher="Les Vérificateurs", publisher_url="https://verif.example.org"
)


def linker_for(ledger: Ledger, analyzer: Analyzer) -> Linker:
    return Linker(ledger, lambda lang: Embedder(lang, nlp=analyzer.nlp(lang)))


@pytest.fixture()
def ledger(analyzer: Analyzer, tmp_path: Path) -> Ledger:
    led = Ledger(str(tmp_path / "desk.db"))
    for name in ("coree-1", "coree-2"):
        a = analyzer.analyse_one(prepare(str(STORIES / f"{name}.html")))
        a.article.url = f"https://news.example.org/{name}"
        led.add(a, str(STORIES / f"{name}.html"))
    led.add(analyzer.analyse_one(prepare(str(EXAMPLE))), str(EXAMPLE))
    linker_for(led, analyzer).link_pending()
    return led


def denial(ledger: Ledger) -> str:
    """The global id of an online article's claim in which North Korea denies sending troops."""
    rows = [r for r in ledger.claims(status="denied", limit=1000) if r.source_entity == "country:KP"]
    online = [r for r in rows if (a := ledger.article(r.article_id)) is not None and a.url]
    assert online, [r.text for r in rows]
    return f"{online[0].article_id}:{online[0].claim_id}"


def validate(review: dict[str, Any]) -> None:
    jsonschema.validate(review, SCHEMA)
    rating = review["reviewRating"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]


# -- verdicts ------------------------------------------------------------------------------------


def test_a_verdict_is_recorded_edited_and_every_change_kept(ledger: Ledger) -> None:
    target = denial(ledger)
    verdicts = Verdicts(ledger)
    first = verdicts.record(
        target,
        scale=DESK.scale,
        reviewer="Ana",
        rating="false",
        explanation="Des images satellites montrent des convois.",
        url="https://verif.example.org/convois",
    )
    assert first.rating == "false" and first.claim_text
    second = verdicts.record(target, scale=DESK.scale, reviewer="Bob", rating="misleading")
    assert second.explanation == first.explanation and second.url == first.url  # kept
    history = verdicts.history(target)
    assert [h.reviewer for h in history] == ["Ana", "Bob"]
    assert history[1].changes == {"rating": ["false", "misleading"], "reviewer": ["Ana", "Bob"]}
    assert verdicts.get(target) == second
    with pytest.raises(InputError, match="unknown rating"):
        verdicts.record(target, scale=DESK.scale, reviewer="Bob", rating="pants-on-fire")
    with pytest.raises(InputError, match="http"):
        verdicts.record(target, scale=DESK.scale, reviewer="Bob", url="javascript:alert(1)")
    with pytest.raises(InputError, match="no claim"):
        verdicts.record("nope:c1", scale=DESK.scale, reviewer="Bob", rating="false")
    assert len(verdicts.history(target)) == 2  # refused edits leave no trace


def test_a_proposition_verdict_reaches_its_claims_and_survives_relinking(
    ledger: Ledger, analyzer: Analyzer
) -> None:
    target = denial(ledger)
    article_id, claim_id = target.split(":")
    links = LinkReader(ledger).claim_links([article_id])
    proposition = links[(article_id, claim_id)][1]
    assert proposition, "the denial is said in two articles: it has a proposition"
    verdicts = Verdicts(ledger)
    verdicts.record(
        proposition, scale=DESK.scale, reviewer="Ana", rating="false", url="https://v.example.org/1"
    )
    grouped = [
        k
        for k, (_, p) in LinkReader(ledger).claim_links([r.id for r in ledger.articles()]).items()
        if p == proposition
    ]
    assert len({a for a, _ in grouped}) >= 2
    found = verdicts.for_claims(grouped)
    assert set(found) == set(grouped) and all(v.on_proposition for v in found.values())
    linker_for(ledger, analyzer).relink()
    again = verdicts.for_claims(grouped)
    assert set(again) == set(grouped), "relinking must not lose a verdict"
    # an article deleted and stored again (re-analysis) finds its verdict again
    row = ledger.article(article_id)
    assert row is not None
    verdicts.record(target, scale=DESK.scale, reviewer="Ana", rating="mostly-false")
    assert linker_for(ledger, analyzer).forget(article_id)
    assert ledger.claim(article_id, claim_id) is None and verdicts.get(target) is not None
    ledger.add(analyzer.analyse_one(prepare(str(STORIES / "coree-1.html"))), "again")
    ledger.add(analyzer.analyse_one(prepare(str(STORIES / "coree-2.html"))), "again")
    linker_for(ledger, analyzer).link_pending()
    assert verdicts.for_claims([(article_id, claim_id)])[(article_id, claim_id)].rating == "mostly-false"


# -- ClaimReview ---------------------------------------------------------------------------------


def test_claimreview_from_a_verdict_validates_offline(ledger: Ledger) -> None:
    target = denial(ledger)
    Verdicts(ledger).record(
        target,
        scale=DESK.scale,
        reviewer="Ana",
        rating="false",
        explanation="Des images satellites montrent des convois.",
        url="https://verif.example.org/convois",
        reviewed="2024-10-25",
    )
    reviews, skipped = claim_reviews(ledger, DESK)
    assert len(reviews) == 1 and not skipped
    review = reviews[0]
    validate(review)
    assert review["url"] == "https://verif.example.org/convois"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Les Vérificateurs",
        "url": "https://verif.example.org",
    }
    assert review["reviewRating"]["alternateName"] == "Faux" and review["reviewRating"]["ratingValue"] == 1
    assert review["itemReviewed"]["author"]["@type"] == "Organization"
    assert all(a["url"].startswith("https://news.example.org/") for a in review["itemReviewed"]["appearance"])
    assert review["claimReviewed"].endswith((".", "…")) and len(review["claimReviewed"]) <= 75


def test_every_defect_of_the_old_drafts_fails_the_validator(ledger: Ledger) -> None:
    target = denial(ledger)
    Verdicts(ledger).record(
        target, scale=DESK.scale, reviewer="Ana", rating="false", url="https://v.example.org/2"
    )
    good = claim_reviews(ledger, DESK)[0][0]
    validate(good)
    defects = {
        "null rating": lambda r: r["reviewRating"].update(ratingValue=None, alternateName=None),
        "urn appearance": lambda r: r["itemReviewed"].update(
            appearance=[{"@type": "CreativeWork", "url": "urn:claimledger:x"}]
        ),
        "missing url": lambda r: r.pop("url"),
        "null review author": lambda r: r.update(author={"@type": "Organization", "name": None}),
        "a Thing as claim author": lambda r: r["itemReviewed"].update(
            author={"@type": "Thing", "name": "des rapports"}
        ),
        "a CreativeWork as claim author": lambda r: r["itemReviewed"]["author"].update(
            {"@type": "CreativeWork"}
        ),
        "a 250-character claim": lambda r: r.update(claimReviewed="x" * 250),
        "non-standard additionalProperty": lambda r: r.update(
            additionalProperty={"name": "claimledger:status"}
        ),
    }
    for name, spoil in defects.items():
        bad = copy.deepcopy(good)
        spoil(bad)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, SCHEMA)
        assert name


def test_unnamed_sources_are_named_as_such_and_long_claims_shortened() -> None:
    long_text = (
        "les forces de l'ordre auraient procédé à plus de deux cents interpellations dans la nuit "
        "de samedi à dimanche dans plusieurs quartiers de la ville"
    )
    base = dict(
        article_id="a1",
        claim_id="c1",
        status="alleged",
        quote="indirect",
        date="2025-03-02",
        url="https://news.example.org/nuit",
        source_entity=None,
    )
    anonymous = ClaimRecord(
        text=long_text,
        source="une source policière",
        source_kind="anonymous",
        phrase="Selon une source policière, " + long_text,
        **base,
    )  # type: ignore[arg-type]
    vague = ClaimRecord(
        text="le maire va démissionner",
        source="des rumeurs",
        source_kind="vague",
        phrase="Selon des rumeurs, le maire va démissionner",
        **base,
    )  # type: ignore[arg-type]
    for record, kind, words in (
        (anonymous, "Person", "source anonyme"),
        (vague, "Organization", "non identifiée"),
    ):
        draft = claim_review(None, [record], DESK)
        assert isinstance(draft, dict)
        author = draft["itemReviewed"]["author"]
        assert author["@type"] == kind and words in author["name"]
        assert len(draft["claimReviewed"]) <= 75
    short = claim_review(None, [anonymous], DESK)
    assert isinstance(short, dict) and short["claimReviewed"].endswith("…")


def test_verdicts_that_cannot_be_published_are_reported(ledger: Ledger) -> None:
    target = denial(ledger)
    Verdicts(ledger).record(target, scale=DESK.scale, reviewer="Ana", rating="false")
    reviews, skipped = claim_reviews(ledger, DESK)
    assert reviews == [] and "URL" in skipped[0].reason
    Verdicts(ledger).record(target, scale=DESK.scale, reviewer="Ana", url="https://v.example.org/3")
    reviews, skipped = claim_reviews(ledger, DeskConfig(scale=default_scale()))
    assert reviews == [] and "publisher" in skipped[0].reason


def test_a_desk_scale_from_its_config(tmp_path: Path) -> None:
    cfg = tmp_path / "desk.toml"
    cfg.write_text(
        '[publisher]\nname = "Desk"\n[[ratings]]\nid = "vrai"\nlabel = "Vrai"\nvalue = 3\n'
        '[[ratings]]\nid = "faux"\nlabel = "Faux"\nvalue = 0\n',
        encoding="utf-8",
    )
    desk = load_config(str(cfg))
    assert desk.publisher == "Desk" and (desk.scale.worst, desk.scale.best) == (0, 3)
    cfg.write_text("[[ratings]]\nid = 'x'\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs id, label"):
        load_config(str(cfg))
    with pytest.raises(InputError, match="no config file"):
        load_config(str(tmp_path / "missing.toml"))


# -- exports -------------------------------------------------------------------------------------


def test_exports_load_typed_in_arrow_and_pandas(ledger: Ledger, tmp_path: Path) -> None:
    target = denial(ledger)
    Verdicts(ledger).record(target, scale=DESK.scale, reviewer="Ana", rating="false", reviewed="2024-10-25")
    claims_pq, figures_pq = tmp_path / "c.parquet", tmp_path / "f.parquet"
    n = export_parquet(ledger, str(claims_pq))
    export_parquet(ledger, str(figures_pq), table="figures")
    table = pq.read_table(claims_pq)
    types = {f.name: str(f.type) for f in table.schema}
    assert types["published"] == "date32[day]" and types["verdict_date"] == "date32[day]"
    assert types["start"] == types["end"] == types["figures"] == "int64"
    uids = table.column("claim_uid").to_pylist()
    assert len(set(uids)) == len(uids) == n and target in uids
    figures = pq.read_table(figures_pq)
    ftypes = {f.name: str(f.type) for f in figures.schema}
    assert ftypes["value"] == ftypes["low"] == ftypes["high"] == "double"
    up_to = [r for r in figures.to_pylist() if r["bound"] == "up_to" and r["counted"] == "tunnelier"]
    assert up_to and up_to[0]["value"] == 15000.0

    csv_path, fcsv = tmp_path / "c.csv", tmp_path / "f.csv"
    export_csv(ledger, str(csv_path))
    export_csv(ledger, str(fcsv), table="figures")
    frame = pd.read_csv(csv_path, parse_dates=["published", "verdict_date"])
    assert str(frame["start"].dtype) == "int64" and str(frame["published"].dtype).startswith("datetime64")
    assert str(frame["verdict_date"].dtype).startswith("datetime64")
    row = frame[frame["claim_uid"] == target].iloc[0]
    assert row["verdict_label"] == "Faux" and str(row["verdict_date"].date()) == "2024-10-25"
    assert str(pd.read_csv(fcsv)["value"].dtype) == "float64"
    # one null convention: no source is an empty CSV cell, a parquet null, a JSON null
    article_said = frame[frame["source"].isna()]
    assert len(article_said) == sum(1 for s in table.column("source").to_pylist() if s is None) > 0
    rows_path = tmp_path / "c.jsonl"
    export_rows_jsonl(ledger, str(rows_path))
    rows = [json.loads(line) for line in rows_path.read_text(encoding="utf-8").splitlines()]
    assert sum(1 for r in rows if r["source"] is None) == len(article_said)
    assert all(r["published"] is None or len(r["published"]) == 10 for r in rows)


# -- search --------------------------------------------------------------------------------------


def test_search_ignores_accents_and_plurals(analyzer: Analyzer, tmp_path: Path) -> None:
    # written here
    text = (
        "Le Hamas détient toujours des otages, a affirmé l'armée israélienne. "
        "Selon le ministère, un otage a été libéré à Rafah. "
        "Les États membres ont salué l'accord, a indiqué la présidence."
    )
    led = Ledger(str(tmp_path / "s.db"))
    led.add(analyzer.analyse_one(prepare_text(text, lang="fr")), "written")
    assert len(led.claims(words="otage")) == 2
    assert len(led.claims(words="OTAGES")) == 2
    assert (
        [c.text for c in led.claims(words="etats membres")]
        == [c.text for c in led.claims(words="États membre")]
        != []
    )
    assert led.claims(words="otage Rafah") and len(led.claims(words="otage Rafah")) == 1


# -- CLI -----------------------------------------------------------------------------------------


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600, cwd=cwd)


def test_read_commands_refuse_a_ledger_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "mistyped.db"
    for args in (
        ["claims"],
        ["sources"],
        ["stories"],
        ["story", "s-1"],
        ["brief", "s-1"],
        ["claimreview"],
        ["source-record"],
        ["export"],
        ["reviews"],
        ["claim", "a:c1"],
    ):
        done = run(*args, "--db", str(missing))
        assert done.returncode == 2, args
        assert done.stderr.strip().count("\n") == 0 and "no ledger" in done.stderr, (args, done.stderr)
        assert not missing.exists(), args


def test_a_desk_works_from_the_command_line(tmp_path: Path) -> None:
    # written here; the sidecar gives title and URL, --date the date
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "crue.txt").write_text(
        "La préfecture a annoncé mardi que 200 habitants de Montignac avaient été évacués. "
        "Selon les pompiers, les quais sont sous un mètre d'eau.",
        encoding="utf-8",
    )
    (folder / "crue.json").write_text(
        json.dumps({"title": "Crue à Montignac", "url": "https://news.example.org/crue"}), encoding="utf-8"
    )
    (folder / "zz-copie.txt").write_text((folder / "crue.txt").read_text(encoding="utf-8"), encoding="utf-8")
    db = str(tmp_path / "desk.db")
    done = run("ingest", str(folder), "--db", db, "--date", "2025-02-11")
    assert done.returncode == 0, done.stderr
    assert "duplicate:" in done.stdout and "zz-copie.txt" in done.stdout
    listed = run("claims", "--db", db)
    assert (
        "(annoncer)" in listed.stdout
        and "2025-02-11" in listed.stdout
        and "Crue à Montignac" in listed.stdout
    )
    uid = next(w for w in listed.stdout.split() if ":c" in w)
    shown = run("claim", uid, "--db", db)
    assert shown.returncode == 0 and "https://news.example.org/crue" in shown.stdout
    cfg = tmp_path / "claimledger.toml"
    cfg.write_text('[publisher]\nname = "Desk"\n', encoding="utf-8")
    reviewed = run(
        "review",
        uid,
        "--rating",
        "true",
        "--url",
        "https://v.example.org/crue",
        "--reviewer",
        "Ana",
        "--note",
        "Confirmé par la mairie.",
        "--db",
        db,
        cwd=tmp_path,
    )
    assert reviewed.returncode == 0, reviewed.stderr
    assert "Ana" in run("reviews", "--db", db).stdout
    published = run("claimreview", "--db", db, cwd=tmp_path)
    reviews = json.loads(published.stdout)
    assert len(reviews) == 1
    validate(reviews[0])
    assert reviews[0]["itemReviewed"]["datePublished"] == "2025-02-11"
    assert run("review", uid, "--rating", "bogus", "--db", db).returncode == 2
    article = uid.split(":")[0]
    assert run("delete", article, "--db", db).returncode == 0
    assert "0 claims" in run("claims", "--db", db).stdout
    assert "Ana" in run("reviews", "--db", db).stdout  # the desk's work is kept
