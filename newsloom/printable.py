"""Text for a terminal or a log line: control characters escaped, everything else kept.

Articles, file names and feed entries are other people's text. Printed raw, an ANSI escape
in an article repaints the terminal of whoever runs `newsloom show`, and a newline in a
file name forges a line in the log. `printable` writes each such character as a Python-
style escape instead (`\\x1b`, `\\n`, `\\u202e`): C0 and C1 controls and DEL, the Unicode
line and paragraph separators, and the bidirectional embedding, override and isolate
controls that reorder what a reader sees. Letters, accents, punctuation and emoji stay.
"""

from __future__ import annotations

import re

# Everything but C0 controls; then tab (\x09) and newline (\x0a), which text laid out in
# lines (an article's paragraphs) keeps.
_OTHER_CONTROLS = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_ANY_CONTROL = re.compile(f"[\x00-\x1f{_OTHER_CONTROLS}]")
_CONTROL_NOT_LAYOUT = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHER_CONTROLS}]")


_SHORT = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    if character in _SHORT:
        return _SHORT[character]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_lines: bool = False) -> str:
    """`text` with its control characters escaped; `keep_lines` keeps newline and tab."""
    if text.isprintable():
        return text
    pattern = _CONTROL_NOT_LAYOUT if keep_lines else _ANY_CONTROL
    return pattern.sub(_escape, text)
