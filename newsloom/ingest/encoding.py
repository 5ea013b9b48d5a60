"""Bytes to text: byte order mark, then declared charset, then UTF-8, then detection.

Order of evidence:

1. A byte order mark (UTF-8, UTF-16, UTF-32) always wins.
2. A declared charset (the `declared` argument, e.g. from an HTTP header, then an
   XML declaration, then `<meta charset>` / `http-equiv` in the first bytes) is used
   when the bytes decode cleanly with it; but a single-byte label on bytes that are
   valid UTF-8 gives way to UTF-8.
3. Otherwise strict UTF-8, or UTF-8 with stray bytes read as cp1252 when most
   non-ASCII characters decode (`MOSTLY_UTF8_MIN_SHARE`).
4. Otherwise cp1252, unless charset-normalizer's guess or a Cyrillic code page
   gives clearly more plausible text.

Single-byte labels (declared or guessed) are then checked against the Cyrillic
code pages (cp1251, KOI8-R/U, Mac Cyrillic, ISO 8859-5, cp866): each candidate's
text is scored for plausibility (`plausibility.py`) and a clearly better
candidate replaces the label. This catches Cyrillic pages mislabelled as
ISO-8859-1 and the cp1251/KOI8/Mac Cyrillic confusions that detectors make on
short texts.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import webencodings
from charset_normalizer import from_bytes

from newsloom.ingest.charsets import (
    BOMS,
    CANDIDATES,
    DECLARATION_SCAN_BYTES,
    DETECTOR_MIN_NON_ASCII_BYTES,
    MOSTLY_UTF8_MIN_SHARE,
    OVERRIDE_MARGIN,
    SCORE_TOKEN_LIMIT,
    SINGLE_BYTE_FAMILY,
    WESTERN_FALLBACK,
)
from newsloom.ingest.plausibility import score_text

__all__ = ["Decoded", "declared_charsets", "decode_bytes", "normalize_label"]

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_TOKEN = re.compile(rb"[^\s<>]+")
_META_CHARSET = re.compile(r"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
# A declaration inside an ASCII-compatible document cannot truthfully name these.
_UNTRUSTED_IN_DOCUMENT = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"})
# WHATWG encodings without a Python codec: such labels fall back to Python's own reading.
_NO_PYTHON_CODEC = frozenset({"replacement", "x-user-defined"})


STRAY_BYTES_AS_CP1252 = "newsloom.stray-cp1252"


def _stray_bytes_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    stray = error.object[error.start : error.end]
    return bytes(stray).decode(WESTERN_FALLBACK, errors="replace"), error.end


codecs.register_error(STRAY_BYTES_AS_CP1252, _stray_bytes_as_cp1252)


@dataclass(slots=True, frozen=True)
class Decoded:
    text: str
    encoding: str


def normalize_label(label: str | None) -> str | None:
    """A charset label as Python's codec name, read as browsers read it, or None if unknown.

    Labels go through the WHATWG Encoding Standard's table (`webencodings.LABELS`), so
    ISO-8859-1 is cp1252, GB2312 is GBK and Shift_JIS is cp932. A label the standard
    does not list (`latin-1`, `euc_kr`: Python spellings, as charset-normalizer gives)
    is looked up by Python, and its codec name goes through the table once more.
    """
    if not label:
        return None
    cleaned = label.strip().strip("\"'")
    whatwg = _whatwg_codec(cleaned)
    if whatwg is not None:
        return whatwg
    try:
        name = codecs.lookup(cleaned).name
    except LookupError:
        return None
    return _whatwg_codec(name) or _whatwg_codec(name.replace("_", "-")) or name


def _whatwg_codec(label: str) -> str | None:
    """Python's codec for a WHATWG label; None for labels the standard does not list
    and for its two encodings Python has no codec for (`replacement`, `x-user-defined`)."""
    encoding = webencodings.lookup(label)
    if encoding is None or encoding.name in _NO_PYTHON_CODEC:
        return None
    return str(encoding.codec_info.name)


def declared_charsets(data: bytes) -> list[str]:
    """Charsets named by an XML declaration or a `<meta>` tag near the start, in that order."""
    head = data[:DECLARATION_SCAN_BYTES].decode("latin-1")
    labels = []
    xml = _XML_DECLARATION.match(head)
    if xml:
        labels.append(xml.group(1))
    labels.extend(match.group(1) for match in _META_CHARSET.finditer(head))
    names = [normalize_label(label) for label in labels]
    return [name for name in names if name and name not in _UNTRUSTED_IN_DOCUMENT]


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _non_ascii_tokens(data: bytes) -> bytes:
    """The whitespace-separated tokens that hold non-ASCII bytes, joined by spaces."""
    tokens = []
    for match in _TOKEN.finditer(data):
        token = match.group()
        if token.isascii():
            continue
        tokens.append(token)
        if len(tokens) >= SCORE_TOKEN_LIMIT:
            break
    return b" ".join(tokens)


def _most_plausible(data: bytes, label: str, extra: str | None = None) -> str:
    """`label`, unless another candidate (the Western and Cyrillic code pages, then
    `extra`) gives clearly more plausible text."""
    sample = _non_ascii_tokens(data)
    if sum(1 for byte in sample if byte >= 0x80) < DETECTOR_MIN_NON_ASCII_BYTES:
        extra = None
    scored: list[tuple[float, str]] = []
    for candidate in dict.fromkeys([*CANDIDATES, label, *([extra] if extra else [])]):
        text = _strict(sample, candidate)
        if text is not None:
            scored.append((score_text(text), candidate))
    label_score = next((score for score, name in scored if name == label), -1.0)
    if not scored:
        return label
    best_score, best = max(scored, key=lambda item: item[0])  # the first of equals wins
    return best if best_score - label_score > OVERRIDE_MARGIN else label


def _finish(data: bytes, encoding: str, check: bool, extra: str | None = None) -> Decoded:
    if check and not data.isascii():
        encoding = _most_plausible(data, encoding, extra)
    return Decoded(data.decode(encoding, errors="replace"), encoding)


def _mostly_utf8(data: bytes) -> bool:
    """Most non-ASCII characters decode as UTF-8 (the rest are stray bytes)."""
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd")
    valid = sum(1 for char in text if not char.isascii()) - stray
    return valid > 0 and valid >= MOSTLY_UTF8_MIN_SHARE * (valid + stray)


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode `data`; `declared` is an outside label such as an HTTP charset."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding)
    labels = [normalize_label(declared), *declared_charsets(data)]
    utf8 = _strict(data, "utf-8")
    for label in dict.fromkeys(name for name in labels if name):
        if _strict(data, label) is None:
            continue
        if label in SINGLE_BYTE_FAMILY:
            # Valid multi-byte UTF-8 is next to impossible by chance in a legacy code
            # page: a page labelled Latin-1 that decodes as UTF-8 is UTF-8.
            if utf8 is not None:
                return Decoded(utf8, "utf-8")
            return _finish(data, label, check=True)
        return _finish(data, label, check=False)
    if utf8 is not None:
        return Decoded(utf8, "utf-8")
    if _mostly_utf8(data):
        return Decoded(data.decode("utf-8", errors=STRAY_BYTES_AS_CP1252), "utf-8")
    best = from_bytes(data).best()
    guess = normalize_label(best.encoding) if best is not None else None
    # Detectors guess wildly on short texts: like browsers, assume cp1252 unless the
    # guess or a Cyrillic code page gives clearly more plausible text.
    return _finish(data, WESTERN_FALLBACK, check=True, extra=guess)
