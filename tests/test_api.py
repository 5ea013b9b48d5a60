from __future__ import annotations

import datetime as dt
import importlib
import inspect
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import newsloom
from newsloom.extract import ExtractionError
from newsloom.record import Article

PAGE = """<!doctype html><html><head><title>Harbour pilots end strike in Velmora</title>
<meta property="article:published_time" content="2024-05-14T09:30:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><article>
<h1>Harbour pilots end strike in Velmora</h1>
<p>Harbour pilots in the port of Velmora returned to work on Tuesday after a nine-day strike
that left dozens of cargo ships waiting at anchor outside the breakwater.</p>
<p>The pilots' association said its members had accepted a new rota that limits night
shifts, and the port authority said traffic would be back to normal by the weekend.</p>
<p>Shipping agents estimated that the stoppage had delayed more than forty vessels.</p>
</article><footer>All rights reserved.</footer></body></html>"""


def test_public_names_are_exported() -> None:
    for name in newsloom.__all__:
        assert hasattr(newsloom, name), name
    assert callable(newsloom.extract)


def test_extract_is_both_the_importable_subpackage_and_the_public_function() -> None:
    import newsloom.extract as package

    assert package is sys.modules["newsloom.extract"]
    assert package.extract_document is not None
    assert newsloom.extract is package
    assert list(inspect.signature(newsloom.extract).parameters)[:2] == ["data", "kind"]
    assert newsloom.extract(PAGE).title == "Harbour pilots end strike in Velmora"


def test_extract_html_gives_body_title_and_date() -> None:
    article = newsloom.extract(PAGE, url="https://news.example/velmora-pilots")
    assert isinstance(article, Article)
    assert article.title == "Harbour pilots end strike in Velmora"
    assert article.published is not None
    published = article.published
    assert (published.date() if isinstance(published, dt.datetime) else published) == dt.date(
        2024, 5, 14
    )
    assert article.text.startswith("Harbour pilots in the port of Velmora")
    assert "Home" not in article.text and "All rights reserved" not in article.text
    assert article.language == "en"
    record = article.to_dict()
    assert record["text"] == article.text and record["id"] == article.id


def test_extract_accepts_bytes_in_a_legacy_encoding() -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace(
        "Velmora returned", "Velmora’s pilots returned"
    )
    article = newsloom.extract(page.encode("cp1252"), kind="html")
    assert "Velmora’s pilots returned" in article.text


def test_caller_published_date_is_used_when_the_text_has_none() -> None:
    text = (
        "The council of Marnis approved a new bus route on Monday after two years of debate "
        "among residents and the transport office."
    )
    article = newsloom.extract(text, kind="text", published="2023-11-06")
    assert article.published == dt.date(2023, 11, 6)
    assert article.text == text


def test_offsets_of_paragraphs_point_into_text() -> None:
    article = Article(paragraphs=["First paragraph.", "Second one here."])
    for span, paragraph in zip(article.paragraph_spans(), article.paragraphs, strict=True):
        assert article.text[span.start : span.end] == paragraph


def test_every_module_exports_only_names_it_has() -> None:
    package_root = Path(newsloom.__file__).parent
    for path in sorted(package_root.rglob("*.py")):
        parts = path.relative_to(package_root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if "__all__" not in path.read_text(encoding="utf-8"):
            continue
        module = importlib.import_module(name)
        missing = [n for n in getattr(module, "__all__", []) if not hasattr(module, n)]
        assert missing == [], f"{name}.__all__ names {missing}"


_BODY = (
    "The council of Marnis approved a new bus route on Monday after two years of debate "
    "among residents and the transport office."
)


def _reason(call: Callable[[], object]) -> str:
    with pytest.raises(ExtractionError) as caught:
        call()
    return caught.value.reason


def test_extract_raises_only_extraction_errors_on_empty_input() -> None:
    """extract(b'') raised IndexError; invisible text too."""
    assert _reason(lambda: newsloom.extract(b"")) == "empty"
    assert _reason(lambda: newsloom.extract("  \n\t ")) == "empty"
    assert _reason(lambda: newsloom.extract("", kind="html")) == "empty"
    assert _reason(lambda: newsloom.extract("\u200b", kind="text")) == "no_text"
    assert _reason(lambda: newsloom.extract("\u2028\ufeff")) == "no_text"


def test_extract_replaces_lone_surrogates_when_text_enters() -> None:
    """A lone surrogate reached to_dict() and the store: UnicodeEncodeError."""
    article = newsloom.extract(f"{_BODY} \ud800 And the buses run.", kind="text")
    assert "\ud800" not in article.text and "\ufffd" in article.text
    article.to_dict()
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")
    page = f"<html><body><article><p>{_BODY} \udfff</p></article></body></html>"
    newsloom.extract(page, kind="html", url="https://a.example/\ud800").to_dict()


def test_extract_of_markup_lxml_trips_on_is_an_article_or_extraction_error() -> None:
    """'<iframe html>' raised AssertionError from lxml inside htmldate."""
    assert _reason(lambda: newsloom.extract("<iframe html>", kind="html")) == "no_text"


def test_input_over_the_size_limit_is_too_large() -> None:
    options = newsloom.Options(max_document_bytes=1000)
    assert _reason(lambda: newsloom.extract(b"x " * 600, options=options)) == "too_large"
    assert _reason(lambda: newsloom.extract("x " * 600, options=options)) == "too_large"


def test_unexpected_error_becomes_an_extraction_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsloom.api as api

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(api, "extract_document", broken)
    with pytest.raises(ExtractionError) as caught:
        newsloom.extract(_BODY)
    assert caught.value.reason == "failed" and "KeyError" in caught.value.message
    assert isinstance(caught.value.__cause__, KeyError)


def test_analyze_replaces_lone_surrogates_one_for_one() -> None:
    text = "The board met in Marnis on Monday \ud800 and voted."
    article = newsloom.analyze(text)
    assert article.text == text.replace("\ud800", "\ufffd")
    article.to_dict()


def test_analyze_refuses_text_over_the_article_limit() -> None:
    """A text of millions of characters took minutes in spaCy."""
    long_text = "The board met. " * 40_000  # 600,000 characters
    assert len(long_text) > newsloom.Options().max_article_chars
    assert _reason(lambda: newsloom.analyze(long_text)) == "too_long"
