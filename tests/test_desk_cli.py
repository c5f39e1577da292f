"""The desk's daily lists on the command line (issue 19): every list says "N of M" and how to see
the rest, `claims` leaves the articles' own plain sentences out unless asked, plain-text articles
are titled by their first line, `articles` lists what is stored, `delete` takes what a desk has at
hand (id, file, URL), and editing a verdict keeps its reviewer. Real CLI, real SQLite ledger, on
texts written here."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.ingest.extract import extract

CLI = [sys.executable, "-m", "claimledger.cli"]

GRUE = """Une grue s'effondre sur un chantier de Lyon
Une grue s'est effondrée lundi matin sur un chantier du quartier de la Part-Dieu à Lyon.
Selon les pompiers, deux ouvriers ont été légèrement blessés.
Le maire de Lyon a déclaré que le chantier resterait fermé jusqu'à nouvel ordre.
Le chantier avait commencé en mars. La grue mesurait quarante mètres.
"""

BRIDGE = """Bridge closed after barge strike in Portsmouth
A barge struck the Harbour Bridge on Tuesday night, and the bridge was closed to traffic.
The coastguard said no one was hurt in the collision.
Engineers may reopen one lane by Friday, according to the city council.
The bridge was built in 1962. It carries 30,000 cars a day.
"""

# a headline set off by a blank line: detected as before
MARCHE = """Le marché couvert de Nantes rouvre ses portes

Le marché couvert de Nantes a rouvert samedi après deux ans de travaux.
Selon la mairie, quatre-vingts commerçants y ont repris leur place.
Les halles datent de 1890. Le toit a été refait en zinc.
"""

PAGE = """<!doctype html><html><head><title>Flood warning lifted in Carlisle</title></head>
<body><article><h1>Flood warning lifted in Carlisle</h1>
<p>The Environment Agency lifted the flood warning for Carlisle on Sunday after the river Eden fell
below its alert level overnight.</p>
<p>Residents said the water had reached the doorsteps of the lowest streets on Friday evening.</p>
<p>The river rose by two metres in a day. Sandbags were handed out at the town hall.</p>
</article></body></html>
"""


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    english = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}  # the CLI speaks the locale's language
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=cwd,
        env={**os.environ, **english, **(env or {})},
    )


def one_line_error(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr


def last_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("desk") / "in"
    folder.mkdir()
    for name, text in (
        ("grue.txt", GRUE),
        ("bridge.txt", BRIDGE),
        ("marche.txt", MARCHE),
        ("flood.html", PAGE),
    ):
        (folder / name).write_text(text, encoding="utf-8")
    db = str(folder.parent / "desk.db")
    done = run("ingest", str(folder), "--db", db)
    assert done.returncode == 0 and "new 4" in done.stdout, (done.stdout, done.stderr)
    return db


def claim_ids(out: str) -> list[str]:
    return re.findall(r"\b[0-9a-f]{16}:c\d+\b", out)


def test_claims_say_n_of_m_page_and_leave_out_the_articles_own_sentences(ledger: str) -> None:
    every = run("claims", "--db", ledger, "--all", "--limit", "1000")
    attributed = run("claims", "--db", ledger, "--limit", "1000")
    all_ids, attributed_ids = claim_ids(every.stdout), claim_ids(attributed.stdout)
    assert last_line(every) == f"{len(all_ids)} of {len(all_ids)} claims"
    hidden = len(all_ids) - len(attributed_ids)
    assert hidden > 0 and set(attributed_ids) < set(all_ids)
    assert "(the article) | Le chantier avait commencé en mars" in every.stdout
    assert not [
        ln for ln in attributed.stdout.splitlines() if ln.startswith("stated") and "(the article)" in ln
    ]
    assert last_line(attributed) == (
        f"without the articles' own {hidden} plain sentences (--all lists them): "
        f"{len(attributed_ids)} of {len(attributed_ids)} claims"
    )
    first = run("claims", "--db", ledger, "--all", "--limit", "2")
    assert (
        last_line(first)
        == f"2 of {len(all_ids)} claims; {len(all_ids) - 2} more with --offset 2 (or a larger --limit)"
    )
    second = run("claims", "--db", ledger, "--all", "--limit", "2", "--offset", "2")
    assert claim_ids(first.stdout) + claim_ids(second.stdout) == all_ids[:4]
    assert "from number 3" in last_line(second)
    past = run("claims", "--db", ledger, "--offset", "5000")
    assert "0 of" in last_line(past) and "past the end" in last_line(past)


def test_every_list_counts_what_it_shows_of_what_there_is(ledger: str) -> None:
    assert last_line(run("stories", "--db", ledger, "--limit", "1")).startswith(
        "1 of 4 stories; 3 more with --offset 1"
    )
    assert (
        last_line(run("articles", "--db", ledger, "--limit", "3", "--offset", "3"))
        == "1 of 4 articles; from number 4"
    )
    sources = run("sources", "--db", ledger, "--limit", "1")
    total = len(json.loads(run("sources", "--db", ledger, "--format", "json", "--limit", "100").stdout))
    assert total >= 3 and last_line(sources).startswith(
        f"1 of {total} sources; {total - 1} more with --offset 1"
    )
    record = run("source-record", "--db", ledger, "--limit", "1", "--offset", "1")
    assert last_line(record).startswith("1 of ") and "from number 2" in last_line(record)
    assert last_line(run("reviews", "--db", ledger)).startswith("0 of 0 verdicts")


def test_sources_json_stays_a_bare_list_and_counts_on_stderr(ledger: str) -> None:
    done = run("sources", "--db", ledger, "--format", "json", "--limit", "2", "--offset", "1")
    listed = json.loads(done.stdout)
    assert isinstance(listed, list) and len(listed) == 2
    assert done.stderr.strip().startswith("2 of ") and "from number 2" in done.stderr


def test_articles_lists_titles_origins_and_counts(ledger: str) -> None:
    done = run("articles", "--db", ledger, "--format", "json", "--limit", "10")
    page = json.loads(done.stdout)
    assert (page["total"], page["limit"], page["offset"]) == (4, 10, 0)
    by_origin = {Path(a["origin"]).name: a for a in page["articles"]}
    # plain text: the first line, or the headline set off by a blank line; HTML: the page's title
    assert by_origin["grue.txt"]["title"] == "Une grue s'effondre sur un chantier de Lyon"
    assert by_origin["bridge.txt"]["title"] == "Bridge closed after barge strike in Portsmouth"
    assert by_origin["marche.txt"]["title"] == "Le marché couvert de Nantes rouvre ses portes"
    assert by_origin["flood.html"]["title"] == "Flood warning lifted in Carlisle"
    every = claim_ids(run("claims", "--db", ledger, "--all", "--limit", "1000").stdout)
    for a in page["articles"]:
        assert a["claims"] == sum(1 for c in every if c.startswith(a["id"] + ":"))
        assert 0 <= a["attributed"] <= a["claims"]
    assert by_origin["grue.txt"]["attributed"] >= 2  # les pompiers, le maire
    text = run("articles", "--db", ledger)
    assert "Une grue s'effondre sur un chantier de Lyon" in text.stdout and "grue.txt" in text.stdout
    assert not re.search(r"  [0-9a-f]{16}\n", text.stdout)  # never a hash where a title goes


def test_a_plain_text_without_lines_of_words_is_titled_by_its_file_name() -> None:
    assert extract("* * *\n---\n", "/data/depeches/note-12.txt").title == "note-12.txt"
    assert extract("\n\n  La crue\nmonte encore.", "a.txt").title == "La crue"
    assert extract("La crue\nmonte encore.", "a.txt", title="Crue à Montignac").title == "Crue à Montignac"
    long = extract("mot " * 100 + "\nfin", "b.txt").title
    assert long is not None and long.endswith("…") and len(long) <= 201


def test_editing_a_verdict_keeps_its_reviewer(ledger: str) -> None:
    listed = run("claims", "--db", ledger, "--source", "pompiers")
    uid = claim_ids(listed.stdout)[0]
    as_root = {"CLAIMLEDGER_REVIEWER": "root"}
    made = run("review", uid, "--rating", "true", "--reviewer", "Ana", "--db", ledger, env=as_root)
    assert made.returncode == 0 and "by Ana" in made.stdout, made.stderr
    edited = run("review", uid, "--rating", "false", "--db", ledger, env=as_root)
    assert edited.returncode == 0 and "false by Ana" in edited.stdout, (edited.stdout, edited.stderr)
    history = run("reviews", "--history", uid, "--db", ledger).stdout
    assert "rating: 'true' -> 'false'" in history and "reviewer" not in history.split("rating:")[-1]
    assert "'root'" not in history
    # a new verdict without --reviewer is signed by the configured reviewer
    other = claim_ids(run("claims", "--db", ledger, "--source", "coastguard").stdout)[0]
    signed = run("review", other, "--rating", "true", "--db", ledger, env=as_root)
    assert signed.returncode == 0 and "by root" in signed.stdout
    assert last_line(run("reviews", "--db", ledger, "--limit", "1")).startswith(
        "1 of 2 verdicts; 1 more with --offset 1"
    )
    one_line_error(run("review", "ffffffffffffffff:c1", "--rating", "true", "--db", ledger))


def test_delete_takes_an_id_a_file_or_a_url(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "grue.txt").write_text(GRUE, encoding="utf-8")
    (folder / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    (folder / "bridge.json").write_text(
        json.dumps({"url": "https://news.example.org/bridge"}), encoding="utf-8"
    )
    (folder / "marche.txt").write_text(MARCHE, encoding="utf-8")
    db = str(tmp_path / "d.db")
    assert run("ingest", "in", "--db", db, cwd=tmp_path).returncode == 0  # origins stored as "in/…"
    listed = json.loads(run("articles", "--db", db, "-f", "json").stdout)["articles"]
    # an article whose sidecar gives its URL is stored under that URL
    ids = {a["url"] or Path(a["origin"]).name: a["id"] for a in listed}
    one_line_error(run("delete", "in/nothing.txt", "--db", db, cwd=tmp_path))
    one_line_error(run("delete", "https://news.example.org/nothing", "--db", db))
    # the URL, the path as given at ingest, the same file by its absolute path from elsewhere
    assert (
        ids["https://news.example.org/bridge"]
        in run("delete", "https://news.example.org/bridge", "--db", db).stdout
    )
    assert ids["grue.txt"] in run("delete", "in/grue.txt", "--db", db, cwd=tmp_path).stdout
    gone = run("delete", str(folder / "marche.txt"), "--db", db, cwd=Path("/"))
    assert gone.returncode == 0 and ids["marche.txt"] in gone.stdout, gone.stderr
    assert last_line(run("articles", "--db", db)) == "0 of 0 articles"
    one_line_error(run("delete", ids["grue.txt"], "--db", db))  # already gone


def test_bad_paging_is_one_line_and_exit_2(ledger: str) -> None:
    for args in (
        ["claims", "--limit", "-1"],
        ["claims", "--offset", "-3"],
        ["sources", "--offset", "-1"],
        ["stories", "--limit", "-5"],
        ["articles", "--offset", "-1"],
        ["reviews", "--limit", "-1"],
        ["source-record", "--offset", "-2"],
        # past every database's integers: one line too, never SQLite's OverflowError
        ["claims", "--offset", "99999999999999999999"],
        ["articles", "--offset", "9223372036854775808"],
        ["stories", "--limit", "9223372036854775808"],
    ):
        one_line_error(run(*args, "--db", ledger))


def test_delete_refuses_an_address_that_names_two_articles(tmp_path: Path) -> None:
    """The same page fetched twice with other text is two articles under one URL: deleting by
    that URL must not pick one of them."""
    for name, text in (("v1", GRUE), ("v2", GRUE.replace("deux ouvriers", "trois ouvriers"))):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.json").write_text(
            json.dumps({"url": "https://news.example.org/grue"}), encoding="utf-8"
        )
    db = str(tmp_path / "d.db")
    assert run("ingest", str(tmp_path / "v1.txt"), str(tmp_path / "v2.txt"), "--db", db).returncode == 0
    refused = run("delete", "https://news.example.org/grue", "--db", db)
    one_line_error(refused)
    assert "more than one article" in refused.stderr
    assert last_line(run("articles", "--db", db)) == "2 of 2 articles"


LISTS = {
    "claims": (["claims", "--all"], "claims", "id"),
    "stories": (["stories"], "stories", "id"),
    "articles": (["articles"], "articles", "id"),
    "sources": (["sources"], None, "id"),
    "source-record": (["source-record"], "sources", "source"),
    "reviews": (["reviews"], "verdicts", "target"),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_every_list_reads_as_tsv_and_json_with_its_total(ledger: str, name: str) -> None:
    """For tools: TSV is a header and one row per item (never a line break inside a row), JSON a
    page with its total (sources keep their bare list); the "N of M" line goes to stderr, and the
    TSV rows, the JSON items and the text's count agree."""
    args, key, first = LISTS[name]
    tsv = run(*args, "--db", ledger, "--format", "tsv", "--limit", "2", "--offset", "1")
    lines = tsv.stdout.rstrip("\n").split("\n")
    header = lines[0].split("\t")
    assert header[0] == first and all("\t" not in h and h for h in header)
    assert all(len(line.split("\t")) == len(header) for line in lines[1:]), lines
    assert tsv.stderr.strip().split(" ")[1] == "of"  # "N of M …" on stderr, not on stdout
    page = run(*args, "--db", ledger, "--format", "json", "--limit", "2", "--offset", "1")
    listed = json.loads(page.stdout)
    items = listed if key is None else listed[key]
    if key is not None:
        text_total = int(last_line(run(*args, "--db", ledger)).split(" of ")[1].split(" ")[0])
        assert (listed["total"], listed["limit"], listed["offset"]) == (text_total, 2, 1)
    assert len(items) == len(lines) - 1 <= 2
    assert [str(i[first]) for i in items] == [line.split("\t")[0] for line in lines[1:]]
