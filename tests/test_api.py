from __future__ import annotations

import datetime as dt
import importlib
import inspect
import sys
from pathlib import Path

import newsloom
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
