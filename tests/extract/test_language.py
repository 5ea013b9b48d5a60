"""Language detection, and confirming a page's declared language cheaply (invented text)."""

from __future__ import annotations

import pytest

from newsloom.extract import language
from newsloom.extract.html import extract_html
from newsloom.extract.language import confirms_language, detect_language
from newsloom.options import DEFAULT_OPTIONS
from tests.extract.test_html import BODY, article_page

ENGLISH = " ".join(BODY)
GERMAN = (
    "Der Gemeinderat von Marrowby hat am Dienstag beschlossen, die alte Fährlinie über den "
    "Tessel-See wieder zu öffnen. Bürgermeisterin Odile Fenwright sagte, die Entscheidung "
    "folge auf monatelange Gespräche mit Bootsbauern und Anwohnern des Nordufers."
)


def test_detects_english_and_german() -> None:
    assert detect_language(ENGLISH) == "en"
    assert detect_language(GERMAN) == "de"


def test_too_little_text_has_no_language() -> None:
    assert detect_language("Ferry news") is None
    assert not confirms_language("Ferry news", "en")


def test_declared_language_confirmed_only_when_the_text_agrees() -> None:
    assert confirms_language(ENGLISH, "en")
    assert not confirms_language(ENGLISH, "de")
    assert confirms_language(GERMAN, "de")


def test_confirmation_reads_only_the_opening(monkeypatch: pytest.MonkeyPatch) -> None:
    samples: list[int] = []
    classify = language._classify

    def spy(sample: str) -> str | None:
        samples.append(len(sample))
        return classify(sample)

    monkeypatch.setattr(language, "_classify", spy)
    confirms_language(ENGLISH * 5, "en")
    assert samples == [language.CONFIRM_SAMPLE_CHARS]


def test_long_body_keeps_a_declared_language_the_text_confirms() -> None:
    article = extract_html(article_page(lang="en-GB"), None, DEFAULT_OPTIONS)
    assert article.language == "en"


def test_long_body_drops_a_declared_language_the_text_contradicts() -> None:
    article = extract_html(article_page(lang="de"), None, DEFAULT_OPTIONS)
    assert article.language is None  # left to detection on the whole opening
