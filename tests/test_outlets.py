"""The record of outlets (issue 20): per newsroom, its own plain facts that upgrade what the same
article, or an earlier article of the story, only credited or hedged. Real ledger, real CLI;
articles written for these tests, except the bundled example."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.store.outlets import outlet_of

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "claimledger.cli"]

ALLEGED = (
    "Selon la préfecture, l'incendie aurait détruit trois entrepôts du port de Brest dans la nuit "
    "de jeudi. Les pompiers du Finistère sont toujours sur place."
)
PLAIN = (
    "L'incendie a détruit trois entrepôts du port de Brest dans la nuit de jeudi. Une enquête a été "
    "ouverte par le parquet de Brest."
)


def _write(folder: Path, name: str, text: str, url: str, day: str, title: str) -> None:
    (folder / f"{name}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    (folder / f"{name}.json").write_text(json.dumps({"url": url, "published": day}), encoding="utf-8")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = tmp_path_factory.mktemp("outlets")
    shutil.copy(ROOT / "examples" / "fr-north-korean-troops.txt", inputs / "coree.txt")
    (inputs / "coree.json").write_text(
        json.dumps({"url": "https://www.gazette-exemple.fr/monde/coree", "published": "2024-10-21"}),
        encoding="utf-8",
    )
    _write(
        inputs,
        "brest-1",
        ALLEGED,
        "https://www.quotidien-ouest.example/brest",
        "2024-03-01",
        "Incendie au port de Brest",
    )
    _write(
        inputs,
        "brest-2",
        PLAIN,
        "https://breves.example/port-brest",
        "2024-03-03",
        "Port de Brest : une enquête ouverte après l'incendie",
    )
    db = inputs / "ledger.db"
    _cli("ingest", str(inputs), "--db", str(db))
    return db


def _records(db: Path) -> dict[str, dict[str, int]]:
    page = json.loads(_cli("outlets", "--db", str(db), "--format", "json").stdout)
    assert page["total"] == len(page["outlets"]) == 3
    return {r["outlet"]: r for r in page["outlets"]}


def test_an_outlet_is_the_host_of_its_address_without_www() -> None:
    assert outlet_of("https://www.Lemonde.fr/politique/x.html") == "lemonde.fr"
    assert outlet_of("http://lemonde.fr") == "lemonde.fr"
    assert outlet_of("/home/me/article.txt") is None  # a file has no newsroom
    assert outlet_of(None) is None


def test_the_outlet_of_an_article_that_launders_its_own_lead_counts_the_upgrade(ledger: Path) -> None:
    records = _records(ledger)
    # the example's lead states as fact the deployment its body says "auraient été déployés"
    assert records["gazette-exemple.fr"]["upgrades_within"] >= 1
    assert records["quotidien-ouest.example"]["upgrades_within"] == 0


def test_a_later_outlet_stating_as_fact_what_an_earlier_one_alleged_counts_an_upgrade_across(
    ledger: Path,
) -> None:
    records = _records(ledger)
    assert records["breves.example"]["upgrades_across"] == 1  # it states the fire's toll plainly
    assert records["quotidien-ouest.example"]["upgrades_across"] == 0  # it credited the prefecture
    # most upgrades first
    order = [
        r["outlet"]
        for r in json.loads(_cli("outlets", "--db", str(ledger), "--format", "json").stdout)["outlets"]
    ]
    assert order[-1] == "quotidien-ouest.example", order


def test_the_text_list_names_each_outlet_with_its_counts(ledger: Path) -> None:
    out = _cli("--lang", "en", "outlets", "--db", str(ledger)).stdout
    assert "upgrades across a story" in out.splitlines()[0]
    line = next(x for x in out.splitlines() if x.endswith("breves.example"))
    assert line.split()[:3] == ["1", "0", "1"], line


def test_the_api_lists_outlets_with_their_total(ledger: Path) -> None:
    from fastapi.testclient import TestClient

    from claimledger.present.web.app import create_app

    client = TestClient(create_app(str(ledger), ["testserver"]))
    got = client.get("/api/outlets", params={"limit": 1})
    assert got.status_code == 200 and got.headers["X-Total-Count"] == "3"
    (first,) = got.json()
    assert first["upgrades_within"] + first["upgrades_across"] >= 1  # most upgrades first
