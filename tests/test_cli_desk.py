"""The desk's command line for daily use (issue 19): `story --by-source` shows each proposition with
every source's claim side by side and marks its newest change; the CLI's own words follow
`--lang` or the environment (LC_ALL, LC_MESSAGES, LANG) and never mix the two languages; `ingest`
and `relink` show how far they are with a total; piped output keeps a row per line. Real CLI,
real SQLite ledger: the stories of tests/data (French and English, written here) and a page whose
quotation carries Rich markup."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path
from typing import get_args

import pytest

from claimledger.cli import _countable
from claimledger.desk.config import default_scale
from claimledger.desk.verdicts import Verdicts
from claimledger.lexicon import brief_words
from claimledger.link.read import LinkReader
from claimledger.link.records import ClaimRecord
from claimledger.model import Bound, MarkerKind, QuoteKind, SourceKind, Status
from claimledger.present.brief import render_brief
from claimledger.present.ledger_view import Entry, ledger_view, mark_newest_change
from claimledger.present.text_out import terminal_safe
from claimledger.present.words import LANGUAGES, cli_words, from_environment
from claimledger.store.ledger import Ledger

DATA = Path(__file__).parent / "data"
CLI = [sys.executable, "-m", "claimledger.cli"]
OTHER = {"fr": "en", "en": "fr"}
KEY = re.compile(r"\b[0-9a-f]{16}:c\d+\b")

# written here: a quotation whose words are Rich markup, which a terminal must print as written
FIRE = (
    "Harbour fire closes the port of Dunmore\n\n"
    'The harbour master, Ellen Hart, said on Monday that "[bold]the [red]east quay[/red] will stay '
    'closed[/bold] until Friday".\n'
    "Firefighters said the blaze was under control. The port authority may reopen the west quay on "
    "Tuesday, according to the council.\n"
)


def environment(lang: str | None = None, **extra: str) -> dict[str, str]:
    """The process environment with the locale variables set here only: LANG=`lang`'s locale
    (C.UTF-8 when None), nothing in LC_ALL or LC_MESSAGES that would override it."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "COLUMNS")}
    env["LANG"] = {"fr": "fr_FR.UTF-8", "en": "en_GB.UTF-8", None: "C.UTF-8"}[lang]
    return {**env, **extra}


def run(
    *args: str, lang: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=600, env=env or environment(lang)
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = tmp_path_factory.mktemp("desk-words") / "in"
    inputs.mkdir()
    for n, day in ((1, "2024-10-22"), (2, "2024-10-23")):
        shutil.copy(DATA / "english-story" / f"day{n}.txt", inputs / f"dam-{n}.txt")
        (inputs / f"dam-{n}.json").write_text(json.dumps({"published": day}), encoding="utf-8")
    for name in ("fr.txt", "en.txt"):
        shutil.copy(DATA / "bilingual" / name, inputs / name)
    for name in ("coree-1.html", "coree-2.html"):
        shutil.copy(DATA / "stories" / name, inputs / name)
    (inputs / "fire.txt").write_text(FIRE, encoding="utf-8")
    return inputs


def on_a_terminal(args: list[str], env: dict[str, str], *, stream: str = "stderr") -> tuple[str, str, int]:
    """Runs the CLI with `stream` (stderr or stdout) on a pseudo-terminal, as in a shell, and the
    other on a pipe: (what the pipe got, what the terminal showed, exit code)."""
    leader, follower = pty.openpty()
    ends = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, stream: follower}
    proc = subprocess.Popen([*CLI, *args], stdout=ends["stdout"], stderr=ends["stderr"], env=env)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    piped = proc.stderr if stream == "stdout" else proc.stdout
    out = piped.read().decode() if piped else ""
    return out, shown.decode(errors="replace"), proc.wait(timeout=600)


@pytest.fixture(scope="module")
def ingested(folder: Path) -> tuple[str, str, str]:
    """(db, stdout, the terminal's stderr) of an ingest run as in a shell."""
    db = str(folder.parent / "desk.db")
    env = environment("en", COLUMNS="120")
    out, shown, code = on_a_terminal(["ingest", str(folder), "--db", db, "--date", "2024-10-24"], env)
    assert code == 0 and "new 7" in out, (out, shown)
    return db, out, shown


@pytest.fixture(scope="module")
def db(ingested: tuple[str, str, str]) -> str:
    return ingested[0]


def story_id(db: str, fragment: str) -> str:
    return next(s.id for s in LinkReader(Ledger(db, create=False)).stories() if fragment in s.title)


# -- 1. the ledger view -------------------------------------------------------------------------


def record(claim: str, status: str, date: str | None, who: str | None = "X") -> ClaimRecord:
    return ClaimRecord("a" * 16, claim, "text", status, "indirect", who, "person", None, date, None)


def marked(entries: list[Entry]) -> list[tuple[str, str | None]]:
    return [(e.claim.claim_id, e.changed_from) for e in entries if e.newest_change]


def test_the_newest_change_is_the_latest_claim_with_a_status_no_earlier_day_had() -> None:
    day = lambda *claims: [Entry(record(*c)) for c in claims]  # noqa: E731
    alleged_then_confirmed = day(
        ("c1", "alleged", "2024-10-18"), ("c2", "alleged", "2024-10-19"), ("c3", "confirmed", "2024-10-21")
    )
    mark_newest_change(alleged_then_confirmed)
    assert marked(alleged_then_confirmed) == [("c3", "alleged")]
    # confirmed again later changes nothing: the change stays where it happened
    again = day(
        ("c1", "alleged", "2024-10-18"), ("c3", "confirmed", "2024-10-21"), ("c4", "confirmed", "2024-10-25")
    )
    mark_newest_change(again)
    assert marked(again) == [("c3", "alleged")]
    # two changes: the newer one; two new statuses the same day: the later claim of the day
    twice = day(
        ("c1", "stated", "2024-10-18"),
        ("c2", "speculative", "2024-10-19"),
        ("c3", "denied", "2024-10-20"),
        ("c4", "confirmed", "2024-10-20"),
    )
    mark_newest_change(twice)
    assert marked(twice) == [("c4", "speculative")]
    # the same day (hours unknown), the same status throughout, or no date: no change
    for entries in (
        day(("c1", "speculative", "2024-10-23"), ("c2", "confirmed", "2024-10-23")),
        day(("c1", "denied", "2024-10-22"), ("c2", "denied", "2024-10-23")),
        day(("c1", "alleged", None), ("c2", "confirmed", None)),
        day(("c1", "alleged", "2024-10-22"), ("c2", "confirmed", None)),
    ):
        mark_newest_change(entries)
        assert marked(entries) == []


def test_story_by_source_lines_up_each_propositions_sources(db: str) -> None:
    korea = story_id(db, "nord-coréens")
    rep = LinkReader(Ledger(db, create=False)).report(korea)
    assert rep is not None
    view = ledger_view(rep, Ledger(db, create=False))
    # Pyongyang denies any military presence on the 18th; Lloyd Austin confirms it on the 21st
    austin = next(
        p for p in view.propositions if any("toute présence militaire" in e.claim.text for e in p.entries)
    )
    assert [(e.who, e.claim.status, e.claim.date) for e in austin.entries] == [
        ("Pyongyang", "denied", "2024-10-18"),
        ("Lloyd Austin", "confirmed", "2024-10-21"),
    ]
    assert austin.newest_change is austin.entries[1] and austin.entries[1].changed_from == "denied"
    assert {e.cue for e in austin.entries} == {"démentir", "confirmer"}
    # the same denial in French and in English is one proposition with one source (Pyongyang)
    denial = next(p for p in view.propositions if any("sending troops" in e.claim.text for e in p.entries))
    assert denial.sources == 1 and {e.claim.lang for e in denial.entries} == {"fr", "en"}
    assert denial.newest_change is None  # denied every day: nothing changed

    out = run("story", korea, "--by-source", "--db", db, lang="en").stdout
    assert "The same claim, source by source" in out
    rows = [line for line in out.splitlines() if KEY.search(line)]
    # a row per claim, on one line (piped: never wrapped), each with its source, status and date
    shown = [c for p in view.propositions for c in p.entries] + [c for g in view.by_source for c in g.entries]
    assert len(rows) == len(shown) and {KEY.search(r).group() for r in rows} == {e.claim.key for e in shown}  # type: ignore[union-attr]
    austin_row = next(r for r in rows if austin.entries[1].claim.key in r)
    assert re.search(
        r"→\s+2024-10-21\s+Lloyd Austin\s+confirmed\s+confirmer\s+la présence de 3 000", austin_row
    )
    assert "→ newest change: denied -> confirmed (2024-10-21)" in out
    pyongyang_row = next(r for r in rows if austin.entries[0].claim.key in r)
    assert "→" not in pyongyang_row and "Pyongyang" in pyongyang_row and "denied" in pyongyang_row
    # the claims in no proposition that name a source or hedge, by source
    outside = out.split("Other claims that name a source or hedge, by source")[1]
    assert "Pyongyang: 1 claim(s)" in outside and "des rumeurs sans fondement" in outside
    assert not any("The Kremlin declined" in r for r in outside.splitlines())  # in a proposition


def test_story_by_source_prints_markup_as_written(db: str) -> None:
    fire = story_id(db, "Harbour fire")
    out = run("story", fire, "--by-source", "--db", db, lang="en").stdout
    assert '"[bold]the [red]east quay[/red] will stay closed[/bold] until Friday' in out
    assert "No proposition: no claim of this story is said by two articles." in out
    groups = re.findall(r"^(.+): (\d+) claim\(s\)$", out, flags=re.M)
    assert {who for who, _ in groups} >= {"The harbour master", "Firefighters", "the council"}
    assert "\x1b[" not in out  # piped: no colour codes either


# -- 2. the command line's words, in one language -------------------------------------------------

PLACEHOLDER = re.compile(r"\{\w+\}")
WORD = re.compile(r"[^\W\d_]+")
ALWAYS = {"claimledger", "relink", "offset", "limit", "all", "pending", "parked", "s"}


def cli_strings(lang: str) -> list[str]:
    """Every string of the CLI's words in `lang` (its data file, and the briefs' status words)."""
    data = tomllib.loads((resources.files("claimledger") / "data" / lang / "cli.toml").read_text("utf-8"))
    tables = [v for v in data.values() if isinstance(v, dict)]
    return [s for t in tables for s in t.values()] + list(brief_words(lang).status_words.values())


def words(text: str) -> list[str]:
    """The words of a text: letters, in chunks that are no id, path, date or number."""
    return [
        w
        for chunk in text.split()
        if not any(ch.isdigit() or ch in ":/@_." for ch in chunk.strip(".,;:()[]"))
        for w in WORD.findall(chunk)
    ]


def vocabulary(lang: str) -> set[str]:
    return {w.casefold() for s in cli_strings(lang) for w in words(PLACEHOLDER.sub(" ", s))}


def content(db: str) -> list[str]:
    """Everything the ledger holds that the CLI prints as it is: claims, sources, cues, markers,
    figures, titles, names, addresses (never translated, in the articles' languages)."""
    ledger = Ledger(db, create=False)
    reader = LinkReader(ledger)
    found: set[str | None] = set()
    for a in ledger.analyses():
        found |= {a.article.title, a.article.url}
        for c in a.claims:
            found |= {
                c.text,
                c.full_text(),
                c.source.text if c.source else None,
                *(p.text for p in c.continued),
            }
            found |= {c.cue.text, c.cue.lemma} if c.cue else set()
            found |= {m.text for m in c.markers}
        found |= {x for q in a.quantities for x in (q.text, q.unit, q.counted)}
        found |= {e.name for e in a.entities}
    found |= {r.origin for r in ledger.recent(1000)} | {s.source for s in ledger.sources(1000)}
    # verdicts: who gave them, and the rating ids `review --rating` takes
    found |= {x for v in Verdicts(ledger).all(limit=1000) for x in (v.reviewer, v.rating)}
    found |= {r.source for r in reader.source_records(1000)}
    for s in reader.stories(1000):
        found |= {s.title, *(name for _, name in s.entities)}
        rep = reader.report(s.id)
        assert rep is not None
        for c in rep.claims:
            found |= {c.text, c.who, c.source, c.phrase, c.title}
        for series in rep.series:
            found |= {series.label, series.thing, series.event}
            found |= {x for p in series.points for x in (p.text, p.source)}
    return sorted({terminal_safe(x) for x in found if x}, key=len, reverse=True)


def interface(text: str, said: list[str]) -> str:
    """The CLI's own words in its output: the ledger's content taken out (whole words only: the
    cue "confirm" of an English claim is no part of "confirmé")."""
    for piece in said:
        if piece in text:
            text = re.sub(rf"(?<!\w){re.escape(piece)}(?!\w)", " ", text)
    return text


def problems(text: str, lang: str) -> list[str]:
    """What is wrong with an output in `lang`: a word of the other language's list, or a word
    that is in neither list (a word typed into cli.py instead of the data files)."""
    own, other = vocabulary(lang), vocabulary(OTHER[lang])
    found = {w.casefold() for w in words(text)}
    out = [f"{OTHER[lang]} word {w!r}" for w in sorted(found & (other - own))]
    out += [f"word {w!r} is in no {lang} list" for w in sorted(found - own - other - ALWAYS)]
    return out


def test_every_language_has_every_word() -> None:
    values = {
        "status": get_args(Status),
        "kind": get_args(SourceKind),
        "quote": get_args(QuoteKind),
        "marker": get_args(MarkerKind),
        "bound": get_args(Bound),
        "ratings": tuple(r.id for r in default_scale().ratings),
    }
    for lang in LANGUAGES:
        words_of = cli_words(lang)
        assert set(words_of.phrases) == set(cli_words("en").phrases), lang
        assert set(words_of.noun) == set(cli_words("en").noun), lang
        for table, machine in values.items():
            assert set(getattr(words_of, table)) == set(machine), (lang, table)
    # French reuses the briefs' status words; English prints the values --status takes
    assert cli_words("fr").status == brief_words("fr").status_words
    assert list(cli_words("en").status.values()) == [
        "stated",
        "confirmed",
        "alleged",
        "speculative",
        "denied",
    ]
    assert cli_words("fr").number(1027) == "1\u202f027" and cli_words("en").number(1027) == "1,027"


def test_the_language_comes_from_the_environment_as_gettext_reads_it() -> None:
    assert from_environment({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert from_environment({"LANG": "fr_CA"}) == "fr" and from_environment({"LANG": "fr"}) == "fr"
    assert from_environment({"LANG": "en_US.UTF-8"}) == "en" and from_environment({"LANG": "de_DE"}) == "en"
    assert from_environment({"LANG": "C.UTF-8"}) == "en" and from_environment({}) == "en"
    assert from_environment({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}) == "en"  # LC_ALL wins
    assert from_environment({"LC_MESSAGES": "fr_BE.UTF-8", "LANG": "en_GB"}) == "fr"
    assert from_environment({"LC_ALL": "", "LANG": "fr_FR"}) == "fr"  # empty is unset


@pytest.fixture(scope="module")
def outputs(db: str) -> dict[str, dict[str, str]]:
    """What the reading commands print in each language, chosen by --lang and by LANG."""
    korea, dam = story_id(db, "nord-coréens"), story_id(db, "Dam breach")
    ledger = Ledger(db, create=False)
    austin = next(c for c in ledger.claims(source="Austin", limit=5) if c.status == "confirmed")
    figure = next(c for c in ledger.claims(source="county officials", limit=20) if "200 homes" in c.text)
    hedged = ledger.claims(status="speculative", limit=1)[0]
    run(
        "review",
        f"{austin.article_id}:{austin.claim_id}",
        "--rating",
        "true",
        "--reviewer",
        "Ana",
        "--db",
        db,
    )
    commands = {
        "claims": ["claims", "--all", "--limit", "1000"],
        "claims page": ["claims", "--limit", "2", "--offset", "2"],
        "claim": ["claim", f"{austin.article_id}:{austin.claim_id}"],
        "claim figure": ["claim", f"{figure.article_id}:{figure.claim_id}"],
        "claim hedged": ["claim", f"{hedged.article_id}:{hedged.claim_id}"],
        "stories": ["stories"],
        "story": ["story", korea],
        "story dam": ["story", dam],
        "by source": ["story", korea, "--by-source"],
        "by source dam": ["story", dam, "--by-source"],
        "sources": ["sources", "--limit", "100"],
        "articles": ["articles", "--limit", "3"],
        "source-record": ["source-record"],
        "reviews": ["reviews"],
    }
    out: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        out[lang] = {}
        for name, args in commands.items():
            chosen = run("--lang", lang, *args, "--db", db, lang=OTHER[lang]).stdout  # --lang wins
            by_env = run(*args, "--db", db, lang=lang).stdout
            assert chosen == by_env, (lang, name)
            out[lang][name] = chosen
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_commands_speak_one_language(db: str, outputs: dict[str, dict[str, str]], lang: str) -> None:
    said = content(db)
    found = {}
    for name, text in outputs[lang].items():
        wrong = problems(interface(text, said), lang)
        if wrong:
            found[name] = wrong
        assert len(words(interface(text, said))) >= 2, (name, text)  # the check has words to check
    assert not found, found


def test_the_check_finds_a_word_of_the_other_language() -> None:
    assert problems("3 of 12 claims; stated", "en") == []
    assert problems("3 sur 12 affirmations ; affirmé", "fr") == []
    assert problems("status change: affirmé -> confirmed", "en") == ["fr word 'affirmé'"]
    assert problems("changement de statut : stated", "fr") == ["en word 'stated'"]
    assert problems("Timeline s-1", "en") == ["word 'timeline' is in no en list"]


def test_status_words_in_the_language_of_the_output(outputs: dict[str, dict[str, str]]) -> None:
    fr, en = outputs["fr"], outputs["en"]
    # English claims in a French listing carry French words, and the reverse
    dam_fr = fr["story dam"] + fr["by source dam"]
    assert "démenti" in dam_fr and "denied" not in interface(dam_fr, ["deny", "denied that"])
    assert (
        "changement de statut : non confirmé (des médias ukrainiens, 2024-10-18) -> confirmé" in fr["story"]
    )
    assert "status change: alleged (des médias ukrainiens, 2024-10-18) -> confirmed" in en["story"]
    assert "(affirmé)" not in en["story"] and "(hypothèse)" not in en["story"]
    assert "dernier changement : démenti -> confirmé (2024-10-21)" in fr["by source"]
    assert "[personne]" in fr["claims"] and "[person]" in en["claims"]
    assert re.search(r"^\s+chiffre :\s+At least 200 -> au moins 200 home$", fr["claim figure"], flags=re.M)
    assert re.search(r"^\s+figure:\s+At least 200 -> at least 200 home$", en["claim figure"], flags=re.M)
    assert "verdict : true par Ana le " in fr["claim"] and "verdict: true by Ana on " in en["claim"]
    assert re.search(r"\d sur \d+ affirmations ; à partir du numéro 3", fr["claims page"])
    assert re.search(r"\d of \d+ claims; from number 3", en["claims page"])


def test_status_filter_takes_the_words_it_prints(db: str) -> None:
    by_value = run("claims", "--status", "alleged", "--db", db).stdout
    for word in ("non confirmé", "Non confirmé", "unconfirmed", "alleged"):
        assert run("claims", "--status", word, "--db", db).stdout == by_value, word
    refused = subprocess.run(
        [*CLI, "claims", "--status", "rumeur", "--db", db], capture_output=True, text=True, env=environment()
    )
    assert refused.returncode == 2 and "unknown status 'rumeur'" in refused.stderr


def test_a_brief_without_a_title_is_headed_in_its_own_language(db: str) -> None:
    reader = LinkReader(Ledger(db, create=False))
    for fragment, heading in (("nord-coréens", "# Sujet "), ("Dam breach", "# Story ")):
        rep = reader.report(story_id(db, fragment))
        assert rep is not None
        rep.story.title = ""
        assert render_brief(rep).startswith(heading + rep.story.id.replace("-", "\\-"))


def test_an_unknown_language_is_one_line_and_exit_2(db: str) -> None:
    done = subprocess.run(
        [*CLI, "--lang", "de", "stories", "--db", db], capture_output=True, text=True, env=environment()
    )
    assert (
        done.returncode == 2
        and done.stderr.strip() == "claimledger: error: --lang de: the command line speaks fr or en"
    )


# -- 3. progress with totals --------------------------------------------------------------------


def test_ingest_counts_its_files_first_and_shows_n_of_m(ingested: tuple[str, str, str]) -> None:
    _, _, shown = ingested
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)
    assert "0/7" in plain and "7/7" in plain and "-:--:--" in plain  # a total, and the time left
    assert "ingest (starting)" in plain  # before the first article is read (models load)
    assert "/?" not in plain


def test_what_can_be_counted_before_reading(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.json").write_text("{}")  # a sidecar: no article
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("x")
    (tmp_path / "sub" / "notes.md").write_text("x")
    assert _countable([str(tmp_path)]) == 2
    assert _countable([str(tmp_path), str(tmp_path / "a.txt"), "-", str(tmp_path / "missing.txt")]) == 5
    assert _countable(["https://news.example.org/feed"]) is None  # a URL may be a feed
    (tmp_path / "sub" / "feed.xml").write_text("x")
    assert _countable([str(tmp_path)]) is None  # a feed holds any number of articles
    assert _countable([str(tmp_path / "crawl.warc.gz")]) is None


def test_relink_shows_its_total_in_a_log_and_in_both_languages(db: str) -> None:
    total = Ledger(db, create=False).count_articles()
    for lang, line in (
        ("en", f"link: {total}/{total} articles, "),
        ("fr", f"liaison : {total}/{total} articles, "),
    ):
        done = run("relink", "--db", db, lang=lang)
        assert line in done.stderr, done.stderr  # piped: a line, where a bar would draw nothing
        assert done.stdout.startswith({"en": "linked 7 articles:", "fr": "7 articles liés :"}[lang])
        assert len(done.stdout.strip().splitlines()) == 1


def test_a_second_ingest_reports_duplicates_in_the_chosen_language(db: str, folder: Path) -> None:
    said = content(db)
    for lang in LANGUAGES:
        done = run("ingest", str(folder), "--db", db, lang=lang)
        assert done.stdout.startswith(
            {"en": "read 7, new 0, duplicate 7", "fr": "lus 7, nouveaux 0, doublons 7"}[lang]
        )
        assert problems(interface(done.stdout + done.stderr, said + [str(folder)]), lang) == []


# -- 4. piped output keeps a row per line ---------------------------------------------------------


def test_piped_output_is_never_wrapped_at_80_columns(db: str, folder: Path) -> None:
    listed = run("sources", "--limit", "100", "--db", db).stdout.splitlines()
    total = len(json.loads(run("sources", "--format", "json", "--limit", "100", "--db", db).stdout))
    assert len(listed) == total + 1 and max(len(line) for line in listed) > 80  # a source per line
    analysed = run("analyze", str(folder / "fire.txt")).stdout.splitlines()
    assert len(analysed) == 2 + 4 and any(len(line) > 80 for line in analysed)  # title, 4 claims, total
    assert analysed[2].startswith("stated") and analysed[2].endswith("will stay closed[/bold] until Friday")


def test_a_terminal_still_gets_a_table_that_fits_it(db: str) -> None:
    """In a terminal of 100 columns the ledger's tables fold the claim's text to fit, as Rich
    does; only a pipe or a file gets the unwrapped rows."""
    korea = story_id(db, "nord-coréens")
    env = environment("en", COLUMNS="100")
    _, shown, code = on_a_terminal(["story", korea, "--by-source", "--db", db], env, stream="stdout")
    assert code == 0
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)
    assert max(len(line) for line in plain.splitlines()) <= 100
    assert "newest change" in plain


def test_a_figure_the_article_gives_itself_is_worded_in_the_outputs_language(tmp_path: Path) -> None:
    """The series kept "l'article" for a figure with no source, so an English story said it."""
    text = tmp_path / "flood.txt"
    text.write_text(
        "River flood forces evacuations\n\nMore than 300 homes were flooded on Tuesday in the valley. "
        "Rescue teams worked through the night.\n",
        encoding="utf-8",
    )
    later = tmp_path / "flood-2.txt"
    later.write_text(
        "River flood: more homes under water\n\nNearly 450 homes were flooded in the valley by Wednesday. "
        "Rescue teams worked through a second night.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "ledger.db")
    run("ingest", str(text), "--db", db, "--lang", "en", "--date", "2024-05-02")
    run("ingest", str(later), "--db", db, "--lang", "en", "--date", "2024-05-03")
    sid = story_id(db, "River flood")
    en = run("story", sid, "--db", db, lang="en").stdout
    fr = run("story", sid, "--db", db, lang="fr").stdout
    assert "More than 300" in en and "the article itself" in en and "l'article" not in en
    assert "l'article lui-même" in fr
