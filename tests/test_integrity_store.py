"""Issue 17, the ledger side: what the desk records stays what it judged, and untrusted metadata
never becomes output. Texts are written here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.analyse.article import Analyzer, prepare_text
from claimledger.desk.config import default_scale
from claimledger.desk.verdicts import Verdicts
from claimledger.ingest.extract import extract
from claimledger.store.ledger import Ledger

CLI = [sys.executable, "-m", "claimledger.cli"]
TEXT = (
    "Le maire de Saint-Brieuc a annoncé la fermeture de la piscine municipale.\n"
    "« Les pompes ont quarante ans, nous ne pouvons plus les réparer », a expliqué l'élu.\n"
)


def test_a_sidecar_date_that_is_no_date_fails_that_article_in_one_line(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad.write_text(TEXT.replace("piscine", "patinoire"), encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps({"published": "2025-02-11"}), encoding="utf-8")
    bad_meta = json.dumps({"published": "![x](//evil.example/p.png)"})
    (tmp_path / "bad.json").write_text(bad_meta, encoding="utf-8")
    proc = subprocess.run(
        [*CLI, "ingest", str(good), str(bad), "--db", str(tmp_path / "l.db")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "failed" in proc.stdout + proc.stderr and "not a date" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    stored = Ledger(str(tmp_path / "l.db"))
    dates = [a.published for a in stored.articles()]
    assert dates == ["2025-02-11"]  # the good one kept its date, the bad one is not stored


def test_a_page_date_is_kept_only_when_it_is_a_day() -> None:
    assert extract(TEXT, "x.txt", published="2025-01-27T10:00:00+01:00").published == "2025-01-27"
    for junk in ("hier", "2025-02-30", "![](//evil.example)", "2025-13-01"):
        assert extract(TEXT, "x.txt", published=junk).published is None, junk


@pytest.fixture
def ledger(analyzer: Analyzer, tmp_path: Path) -> Ledger:
    led = Ledger(str(tmp_path / "v.db"))
    led.add(analyzer.analyse_one(prepare_text(TEXT, lang="fr")), "piscine.txt")
    return led


def test_a_verdict_explanation_keeps_one_kind_of_line_break_and_a_url_its_trim(ledger: Ledger) -> None:
    row = next(r for r in ledger.claims(limit=100) if r.source_text)
    target = f"{row.article_id}:{row.claim_id}"
    v = Verdicts(ledger).record(
        target,
        scale=default_scale(),
        reviewer="Ana",
        rating="true",
        explanation="Vu sur place.\r\nLes pompes datent de 1985.\rConfirmé.",
        url="  https://verif.example.org/piscine  ",
    )
    assert v.explanation == "Vu sur place.\nLes pompes datent de 1985.\nConfirmé."
    assert v.url == "https://verif.example.org/piscine"


def test_a_file_name_gives_the_day_a_sidecar_does_not(tmp_path: Path) -> None:
    """Archives name files by day ("nyt_2016-09-16_tax-plan.txt"): that day is the article's date
    when no sidecar gives one; a sidecar's date wins, and what is no calendar day is no date."""
    from claimledger.ingest.collect import collect
    from claimledger.ingest.reader import RawInput

    names = {
        "nyt_2016-09-16_tax-plan.txt": "2016-09-16",
        "2016-02-30-brief.txt": None,  # no such day
        "lot-12016-09-160.txt": None,  # digits of a longer number, not a day
        "piscine.txt": None,
        "2020-01-01_with-sidecar.txt": "2025-02-11",
    }
    for name in names:
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    (tmp_path / "2020-01-01_with-sidecar.json").write_text(json.dumps({"published": "2025-02-11"}))
    got = {
        Path(item.name).name: item.published
        for item in collect([str(tmp_path / n) for n in names])
        if isinstance(item, RawInput)
    }
    assert got == names
