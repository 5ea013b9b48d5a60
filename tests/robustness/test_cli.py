"""The CLI over hostile inputs, in a real subprocess: exit status 0, the counts as JSON,
nothing but a result on stdout, and the same store after a second run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.robustness import hostile as h
from tests.robustness.harness import write_good

# Every test here runs the CLI in subprocesses (about 6 s in all).
pytestmark = pytest.mark.slow

TIMEOUT_SECONDS = 60


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NEWSLOOM_LOG": "ERROR"}
    return subprocess.run(
        [sys.executable, "-m", "newsloom", *args],
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        env=env,
        check=False,
    )


def _folder(root: Path) -> Path:
    folder = root / "in"
    write_good(folder)
    h.write(folder, "bomb.html.gz", h.html_bomb(200))
    h.write(folder, "image.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    h.write(folder, "zero.html", b"")
    h.write(folder, "cut.warc.gz", h.warc_record("https://w.example/c", b"<p>x</p>")[:-30])
    h.write(folder, "lines.jsonl", b"[1]\n{not json\n")
    os.symlink("nowhere.html", folder / "dangling.html")
    return folder


def test_cli_ingest_of_a_hostile_folder_succeeds_and_counts_every_input(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    db = str(tmp_path / "s.db")
    first = _cli("ingest", str(folder), "--db", db, "--json")
    assert first.returncode == 0, first.stderr.decode()[-2000:]
    counts = json.loads(first.stdout)
    assert counts["stored"] == 1 and counts["failed"] == {}
    assert counts["dropped"] == {
        "binary": 1,
        "empty": 1,
        "malformed_json": 2,
        "too_large": 1,
        "truncated": 1,
        "unreadable": 1,
    }
    second = _cli("ingest", str(folder), "--db", db, "--json")
    assert second.returncode == 0
    again = json.loads(second.stdout)
    assert again["unchanged"] == 1 and again["stored"] == 0
    assert again["dropped"] == counts["dropped"]
    listed = _cli("runs", "--db", db, "--drops", "--json")
    assert listed.returncode == 0
    rows = [json.loads(line) for line in listed.stdout.splitlines() if line.strip()]
    assert len(rows) == sum(counts["dropped"].values())
    assert {Path(row["input"]).name for row in rows} >= {"dangling.html", "bomb.html.gz"}


def test_cli_reads_garbage_from_standard_input(tmp_path: Path) -> None:
    garbage = bytes(range(256)) * 64
    result = _cli("ingest", "-", "--db", str(tmp_path / "s.db"), "--json", stdin=garbage)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    counts = json.loads(result.stdout)
    assert counts["read"] == 1 and counts["dropped"] == {"binary": 1}
