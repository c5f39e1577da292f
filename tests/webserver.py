"""A real ledger and a real server for the web tests: built from the shared corpus, the written
story articles and a malicious page, served by uvicorn in its own process."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import CORPUS, EXAMPLE

STORIES = Path(__file__).parent / "data" / "stories"
MALICIOUS = (
    "<!doctype html><html><head><title>Piège &lt;script&gt;alert(1)&lt;/script&gt;</title></head><body>"
    "<article><h1>Un titre &lt;img src=x onerror=alert(2)&gt;</h1>"
    "<p>Selon des responsables, le texte &lt;script&gt;window.pwned=1&lt;/script&gt; doit rester inerte "
    'et &lt;img src=x onerror="window.pwned=2"&gt; aussi, a déclaré le ministre de l\'Intérieur.</p>'
    "<p>Le gouvernement a confirmé que 300 policiers seraient déployés à Paris pour le sommet.</p>"
    "</article></body></html>"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_ledger(folder: Path) -> str:
    inputs = folder / "in"
    inputs.mkdir()
    for name in ("001.txt", "002.txt", "012.txt"):
        (inputs / name).write_bytes((CORPUS / name).read_bytes())
    for p in STORIES.glob("*.html"):
        (inputs / p.name).write_bytes(p.read_bytes())
    (inputs / "example.txt").write_bytes(EXAMPLE.read_bytes())
    (inputs / "malicious.html").write_text(MALICIOUS, encoding="utf-8")
    db = str(folder / "web.db")
    done = subprocess.run(
        [sys.executable, "-m", "claimledger.cli", "ingest", str(inputs), "--db", db],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0 and "failed 0" in done.stdout, done.stdout + done.stderr
    return db


class Server:
    def __init__(self, db: str, lang: str | None = "fr") -> None:
        """`lang`: `serve --lang`, the pages' language when the visitor chose none. French by
        default: the tests read the French desk's pages, and the test browser says en-US; None
        leaves the choice to the browser's Accept-Language."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "claimledger.cli",
                "serve",
                "--db",
                db,
                "--port",
                str(self.port),
                *(["--lang", lang] if lang else []),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/api/health", timeout=2)
                return
            except OSError as exc:
                if self.proc.poll() is not None:
                    raise RuntimeError(
                        self.proc.stderr.read().decode() if self.proc.stderr else "server died"
                    ) from exc
                time.sleep(0.3)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
