"""The fast paths of the per-line rules answer exactly as the plain rules do."""

from __future__ import annotations

import pytest

from newsloom.extract.news_lines import is_chrome, line_key
from newsloom.extract.text_lines import ends_like_sentence
from newsloom.record import normalize_for_hash


@pytest.mark.parametrize(
    "line",
    [
        "  The  Council\tVOTED on Monday  ",
        "ﬁnal Straße vote in Zürich",  # ligature and sharp s need NFKC and case folding
        "Ｆｕｌｌ width Ｌｅｔｔｅｒｓ",
        "\x1cfile separator is whitespace too",
        "",
    ],
)
def test_line_key_equals_the_hash_normalisation(line: str) -> None:
    assert line_key(line) == normalize_for_hash(line)


def test_chrome_vocabulary_is_found_whatever_the_case() -> None:
    assert is_chrome("SIGN UP for our morning NEWSLETTER")
    assert is_chrome("Sign Up For Our Morning Newsletter")
    assert not is_chrome("The council signed the harbour contract on Monday afternoon.")


def test_sentence_end_looks_at_the_last_character_only() -> None:
    assert ends_like_sentence("The vote was close.")
    assert ends_like_sentence('"We will appeal," she said."')
    assert not ends_like_sentence("Harbour vote. Council splits")
    assert not ends_like_sentence("")
