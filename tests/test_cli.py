"""The command line as a user meets it: real processes, real files, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE

CLI = [sys.executable, "-m", "claimledger.cli"]


# the CLI speaks the environment's language (LC_ALL, LC_MESSAGES, LANG): these tests read English
ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def run(*args: str, stdin: bytes | None = None, **extra_env: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "200", **ENGLISH, **extra_env}
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, timeout=300, env=env)


def assert_clean_error(proc: subprocess.CompletedProcess[bytes], needle: str) -> None:
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert needle in err
    assert proc.stdout == b""


def test_unknown_path(tmp_path: Path) -> None:
    assert_clean_error(run("analyze", str(tmp_path / "nope.txt")), "no such file")


def test_empty_file(tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_text("   \n")
    assert_clean_error(run("analyze", str(f)), "empty")


def test_binary_file(tmp_path: Path) -> None:
    f = tmp_path / "image.png"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert_clean_error(run("analyze", str(f)), "binary")


def test_english_is_analysed_a_wrong_language_refused(tmp_path: Path) -> None:
    f = tmp_path / "en.txt"
    f.write_text(
        "The United States confirmed that North Korean troops were in Russia, officials said on Monday."
    )
    assert_clean_error(run("analyze", str(f), "--lang", "fr"), "'en'")
    done = run("analyze", str(f), "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout)["article"]["lang"] == "en"
    de = tmp_path / "de.txt"
    de.write_text("Die Regierung hat am Montag bestätigt, dass die Truppen in Russland sind, sagte er.")
    assert_clean_error(run("analyze", str(de)), "language")


def test_fifty_megabytes(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    with f.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    assert_clean_error(run("analyze", str(f)), "MB")


def test_directory_and_unreachable_url(tmp_path: Path) -> None:
    assert_clean_error(run("analyze", str(tmp_path)), "directory")
    # loopback is refused by the URL policy before any connection; trusted explicitly, port 9
    # (discard) has nobody listening: unreachable
    assert_clean_error(run("analyze", "http://127.0.0.1:9/article.html"), "refused (loopback")
    trusted = run("analyze", "http://127.0.0.1:9/article.html", CLAIMLEDGER_ALLOW_HOSTS="127.0.0.1:9")
    assert_clean_error(trusted, "unreachable")


@pytest.fixture(scope="module")
def example_json() -> dict[str, object]:
    proc = run("analyze", str(EXAMPLE), "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_json_output_follows_the_spec(example_json: dict[str, object]) -> None:
    assert example_json["schema"] == "claimledger.analysis/1"
    article = example_json["article"]
    assert isinstance(article, dict)
    assert article["text"] == EXAMPLE.read_text(encoding="utf-8")
    assert article["lang"] == "fr"
    claims = example_json["claims"]
    assert isinstance(claims, list) and len(claims) >= 20


def test_html_page_from_stdin_is_extracted_and_analysed() -> None:
    html = (
        "<!doctype html><html><head><title>Ukraine : le point</title>"
        "<meta property='article:published_time' content='2025-05-18T10:00:00+00:00'></head><body>"
        "<nav>Accueil | Monde | Newsletters</nav><article><h1>Des soldats nord-coréens auraient fui</h1>"
        "<p>Selon les renseignements, au moins 3 000 soldats sont déjà sur le terrain russe pour recevoir "
        "une formation militaire avant d’être envoyés au combat.</p>"
        "<p>Le président finlandais, Alexander Stubb, a déclaré : « La Russie montre des signes de grande "
        "détresse. » <script>alert('x')</script></p></article><footer>© France Télévisions</footer>"
        "</body></html>"
    ).encode()
    proc = run("analyze", "-", "--format", "json", stdin=html)
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    assert data["article"]["published"] == "2025-05-18"
    assert "alert" not in data["article"]["text"] and "Newsletters" not in data["article"]["text"]
    assert any(q["bound"] == "at_least" and q["value"] == 3000 for q in data["quantities"])
    assert any(c["source"] and "Stubb" in c["source"]["text"] for c in data["claims"])


def test_text_format_one_line_per_claim() -> None:
    proc = run("analyze", str(EXAMPLE))
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert "confirmed" in out and "denied" in out and "speculative" in out
    assert "Lloyd Austin" in out
