"""`claimledger eval`: the same numbers as the reference scorer, and a floor on the dev set."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.analyse.article import Analyzer
from claimledger.evaluation.gold import load_gold
from claimledger.evaluation.run import Evaluation, evaluate
from claimledger.evaluation.score import key_in
from conftest import DATA

GOLD_DEV = DATA / "gold" / "dev"
REFERENCE = Path(__file__).parent / "reference" / "score_gold.py"


@pytest.fixture(scope="module")
def dev(analyzer: Analyzer) -> Evaluation:
    return evaluate([str(GOLD_DEV)], analyzer)


def _reference():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score_gold", REFERENCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_counts_agree_with_the_reference_scorer(dev: Evaluation, tmp_path: Path) -> None:
    ref = _reference()
    golds = sorted(GOLD_DEV.glob("*.json"))
    for gold_file, analysis, ours in zip(golds, dev.analyses, dev.files, strict=True):
        pred = tmp_path / f"{gold_file.stem}.json"
        pred.write_text(json.dumps(analysis.to_dict(), ensure_ascii=False), encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()):
            f1, sacc, qf = ref.main(str(gold_file), str(pred))
        theirs = ref.main.counts
        c = ours.counts
        assert (c.found, c.predicted, c.gold) == (theirs["tp"], theirs["pred_attr"], theirs["gold_attr"])
        assert c.matched == theirs["pred_matched"] and c.matched <= c.predicted
        assert (c.status_ok, c.status_n) == (theirs["status_ok"], theirs["status_n"])
        assert (c.qty_found, c.qty_predicted, c.qty_gold) == (theirs["qtp"], theirs["qpred"], theirs["qgold"])
        m = c.metrics()
        assert m["attr_f1"] == pytest.approx(f1) and m["status_acc"] == pytest.approx(sacc)
        assert m["qty_f1"] == pytest.approx(qf)


def test_short_source_keys_are_whole_words() -> None:
    assert key_in("il", "il")
    assert not key_in("il", "Kiril")
    assert key_in("he", "he said") and not key_in("he", "the minister")
    assert key_in("Ministère", "le ministere de l'Interieur")  # accents and case ignored


def test_gold_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"input": "x.txt", "claims": [{"sent": "a b c d", "status": "maybe"}]}')
    with pytest.raises(Exception, match="unknown status 'maybe'"):
        load_gold(bad)
    proc = subprocess.run(
        [sys.executable, "-m", "claimledger.cli", "eval", str(bad)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_dev_set_floors(dev: Evaluation) -> None:
    """A regression guard at what the analyser reaches on the dev gold (issue 8), not a target:
    a change that loses attribution, status or figures on real news fails here. Precision is
    counted as the reference scorer now counts it (a prediction finding two gold claims counts
    once: 0.96 before issue 16's design, whose learned cues trade a little of it on this tuned
    set for what holds on others)."""
    m = dev.total.metrics()
    assert m["attr_f1"] >= 0.93, m
    assert m["attr_r"] >= 0.91, m
    assert m["attr_p"] >= 0.94, m
    assert m["status_acc"] >= 0.89, m
    assert m["qty_f1"] >= 0.98, m


def test_eval_cli_json_and_errors(tmp_path: Path) -> None:
    one = str(GOLD_DEV / "b-1.json")
    proc = subprocess.run(
        [sys.executable, "-m", "claimledger.cli", "eval", one, "--format", "json", "--errors"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    body = json.loads(proc.stdout)
    assert [f["name"] for f in body["files"]] == ["b-1"]
    micro = body["micro"]
    assert set(micro["metrics"]) >= {"attr_p", "attr_r", "attr_f1", "status_acc", "qty_f1"}
    assert micro["counts"]["attr_gold"] == sum(1 for c in load_gold(GOLD_DEV / "b-1.json").claims if c.source)
    assert "errors" in body["files"][0] and "quantity_errors" in body["files"][0]
    text = subprocess.run(
        [sys.executable, "-m", "claimledger.cli", "eval", one, "--errors"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "micro" in text.stdout and "status confusion" in text.stdout and "== b-1" in text.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "claimledger.cli", "eval", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and "no such file or directory" in missing.stderr
