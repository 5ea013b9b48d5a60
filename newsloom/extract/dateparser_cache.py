"""dateparser's compiled patterns, kept on disk between processes.

htmldate's extensive search hands a date string it cannot read itself to dateparser,
which then tries every locale it knows: the first such string in a process compiles
about 850 patterns (every locale's words, with the `regex` module), about 2.8 s of CPU
once per process, which on 150 real pages was a twentieth of what the whole ingest
cost, paid again by each worker. A compiled `regex` pattern pickles as its compiled
code, and unpickling it skips the parse and optimisation that take the time (850
patterns load in about 0.05 s).

`install()` (run on import by `html_metadata`) wraps htmldate's call to dateparser:
the first call loads the patterns a former process compiled, and hands them to
dateparser's modules for the same pattern and flags instead of compiling it again;
after a call that compiled new ones, the file is written again (a temp file renamed
into place). Same patterns, so the same dates. The file lives in newsloom's cache
folder (`newsloom.gazetteer.city_index.cache_dir`) and its name carries the dateparser,
regex and Python versions; a file that fails its checksum or cannot be read is ignored
and written over. Unpickling allows no other callable than regex's own `_regex.compile`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

log = logging.getLogger(__name__)

# dateparser's modules that compile patterns the first time a date string is tried on
# every locale (the dictionaries of each locale and their simplifications).
_MODULES = ("dateparser.languages.dictionary", "dateparser.languages.locale")
_DIGEST = hashlib.sha256

_lock = threading.Lock()
_installed = False
_ready = False
_patterns: dict[tuple[str, int, int], Any] = {}
_saved = 0


def install() -> None:
    """Wrap htmldate's dateparser call, once per process; nothing when htmldate has no
    such call (another version)."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    try:
        import htmldate.extractors as extractors
    except ImportError:
        return
    original = getattr(extractors, "_external_date", None)
    if not callable(original):
        return
    extractors._external_date = _wrapped(original)  # type: ignore[assignment]


def _wrapped(original: Callable[[str], Any]) -> Callable[[str], Any]:
    def external_date(string: str) -> Any:
        _prepare()
        try:
            return original(string)
        finally:
            if len(_patterns) > _saved:
                _save()

    return external_date


class _CachingRegex(ModuleType):
    """The `regex` module as a dateparser module sees it, whose `compile` returns the
    pattern compiled before (in this process or, through the file, in another) for the
    same pattern and flags."""

    def __init__(self, regex: ModuleType) -> None:
        super().__init__(regex.__name__)
        self._regex = regex

    def __getattr__(self, name: str) -> Any:
        return getattr(self._regex, name)

    def compile(self, pattern: Any, flags: int = 0, *args: Any, **kwargs: Any) -> Any:
        regex = self._regex
        if args or kwargs or not isinstance(pattern, str) or flags & regex.LOCALE:
            return regex.compile(pattern, flags, *args, **kwargs)
        key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
        found = _patterns.get(key)
        if found is None:
            found = _patterns[key] = regex.compile(pattern, flags)
        return found


def _prepare() -> None:
    """Load the file and hand the patterns to dateparser's modules, once per process."""
    global _ready, _saved
    with _lock:
        if _ready:
            return
        _ready = True
        try:
            import importlib

            import regex

            modules = [importlib.import_module(name) for name in _MODULES]
        except ImportError:
            return
        _patterns.update(_load(cache_file()))
        _saved = len(_patterns)
        caching = _CachingRegex(regex)
        for module in modules:
            if getattr(module, "re", None) is regex:
                module.re = caching  # type: ignore[attr-defined]


def cache_file() -> Path:
    """The file for the installed dateparser, regex and Python."""
    from importlib import metadata

    from newsloom.gazetteer.city_index import cache_dir

    versions = "-".join(
        [
            f"dateparser{metadata.version('dateparser')}",
            f"regex{metadata.version('regex')}",
            f"py{sys.version_info[0]}.{sys.version_info[1]}",
        ]
    )
    return cache_dir() / f"dateparser-patterns-{versions}.pickle"


class _PatternUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if name == "compile" and module in ("_regex", "regex._regex"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not a compiled pattern: {module}.{name}")


def _load(path: Path) -> dict[tuple[str, int, int], Any]:
    """The patterns of the file; none when it is missing, damaged or not ours."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    size = _DIGEST().digest_size
    digest, payload = data[:size], data[size:]
    if len(data) <= size or _DIGEST(payload).digest() != digest:
        if path.exists():
            log.warning("ignoring the damaged dateparser pattern file %s", path)
        return {}
    try:
        loaded = _PatternUnpickler(io.BytesIO(payload)).load()
    except Exception as error:
        log.warning("ignoring the dateparser pattern file %s: %s", path, error)
        return {}
    if not isinstance(loaded, dict):
        return {}
    return loaded


def _save() -> None:
    """Write every pattern known now (a temp file renamed into place)."""
    global _saved
    with _lock:
        count = len(_patterns)
        try:
            path = cache_file()
            payload = pickle.dumps(dict(_patterns), protocol=pickle.HIGHEST_PROTOCOL)
            handle, temp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(_DIGEST(payload).digest() + payload)
                os.replace(temp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except Exception as error:  # a read-only or full disk only costs the time
            log.debug("dateparser patterns not saved: %s", error)
        _saved = count
