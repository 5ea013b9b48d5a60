"""dateparser's compiled patterns on disk: the same patterns back, and nothing but them."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from newsloom.extract import dateparser_cache


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder and no patterns known in this process."""
    monkeypatch.setenv("NEWSLOOM_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(dateparser_cache, "_patterns", {})
    monkeypatch.setattr(dateparser_cache, "_saved", 0)
    return tmp_path


def test_a_pattern_comes_back_from_the_file_as_compiled(fresh: Path) -> None:
    caching = dateparser_cache._CachingRegex(regex)
    compiled = caching.compile(r"\b(?:janvier|février)\s+\d{4}\b", regex.IGNORECASE)
    assert caching.compile(r"\b(?:janvier|février)\s+\d{4}\b", regex.IGNORECASE) is compiled
    dateparser_cache._save()

    loaded = dateparser_cache._load(dateparser_cache.cache_file())
    (back,) = loaded.values()
    assert back is not compiled
    assert (back.pattern, back.flags) == (compiled.pattern, compiled.flags)
    assert back._pickled_data == compiled._pickled_data  # the same compiled code
    assert back.search("le 3 Février 2031").group() == "Février 2031"
    # Other module functions pass through to regex itself.
    assert caching.sub(r"\d", "#", "a1") == "a#"


def test_a_call_that_names_lists_or_locale_is_not_cached(fresh: Path) -> None:
    caching = dateparser_cache._CachingRegex(regex)
    caching.compile(r"\L<months>", months=["may", "june"])
    caching.compile(r"\w+", regex.LOCALE)
    assert dateparser_cache._patterns == {}


def test_a_damaged_file_is_ignored(fresh: Path, caplog: pytest.LogCaptureFixture) -> None:
    dateparser_cache._CachingRegex(regex).compile(r"\d+ (?:mai|juin)")
    dateparser_cache._save()
    path = dateparser_cache.cache_file()
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING):
        assert dateparser_cache._load(path) == {}
    assert "damaged" in caplog.text


class _Runs:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo unpickled > ran.txt",))


def test_a_file_that_calls_anything_else_is_refused(fresh: Path) -> None:
    payload = pickle.dumps({("x", 0, 0): _Runs()})
    path = dateparser_cache.cache_file()
    path.write_bytes(hashlib.sha256(payload).digest() + payload)
    assert dateparser_cache._load(path) == {}
    assert not (fresh / "ran.txt").exists() and not Path("ran.txt").exists()


_SCRIPT = """
import json, sys
import newsloom.extract.html_metadata  # installs the cache
import htmldate.extractors as extractors
from newsloom.extract import dateparser_cache
strings = ["Posted 12 March 2031", "le 3 janvier 2031", "12 de marzo de 2030", "Uhr"]
dates = [str(extractors._external_date(s)) for s in strings]
print(json.dumps({"dates": dates, "patterns": len(dateparser_cache._patterns)}))
"""


def test_a_second_process_reuses_the_patterns_and_finds_the_same_dates(tmp_path: Path) -> None:
    env = {**os.environ, "NEWSLOOM_CACHE_DIR": str(tmp_path)}

    def run() -> dict[str, object]:
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT], env=env, capture_output=True, text=True, check=True
        )
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))

    first = run()
    (path,) = tmp_path.glob("dateparser-patterns-*.pickle")
    written = path.stat().st_mtime_ns
    second = run()
    assert first == second
    assert first["dates"][1:3] == ["2031-01-03 00:00:00", "2030-03-12 00:00:00"]
    assert int(str(first["patterns"])) > 100  # every locale's words
    assert path.stat().st_mtime_ns == written  # nothing new to write the second time
