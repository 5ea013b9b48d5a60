"""Nothing from an article runs or links anywhere: escaping, URL checks and the CSP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsloom.serve import ServeSettings, create_app
from newsloom.serve.ui.render import ENVIRONMENT, TEMPLATES_DIR, safe_href, snippet_html
from tests.serve.ui_fixtures import UIStore, build_ui_store


@pytest.fixture(scope="module")
def ui_store(tmp_path_factory: pytest.TempPathFactory) -> UIStore:
    return build_ui_store(tmp_path_factory.mktemp("ui-security") / "ui.db")


@pytest.fixture(scope="module")
def client(ui_store: UIStore) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(store=str(ui_store.path)))) as test_client:
        yield test_client


class TagCollector(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = TagCollector()
    collector.feed(html)
    return collector.tags


def assert_inert(html: str) -> None:
    """No script but our static ones, no event handlers, no style, no non-http(s) link."""
    for tag, attrs in tags(html):
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs
        assert tag not in {"img", "style", "iframe", "object", "embed"}, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        for name in ("href", "src", "action", "data-link"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("/", "https://", "http://", "#")), (tag, name, value)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<style>body" not in html


def page_urls(ui_store: UIStore) -> list[str]:
    return [
        "/",
        f"/articles/{ui_store.hostile_id}",
        "/search?q=Zorvath",
        "/search?q=notice",
        "/search?q=%3Cscript%3E&source=%3Cimg%3E",
        "/entities",
        "/entities/Brannoc%20Ild",
        "/events?type=%3Cscript%3E&place=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ]


def test_every_page_escapes_hostile_article_fields(client: TestClient, ui_store: UIStore) -> None:
    for url in page_urls(ui_store):
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert_inert(response.text)


def test_hostile_article_shows_only_escaped_forms(client: TestClient, ui_store: UIStore) -> None:
    html = client.get(f"/articles/{ui_store.hostile_id}").text
    assert "Zorvath notice &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # the javascript: URLs are shown as text, never as a link
    assert 'href="javascript' not in html.lower() and 'href=" javascript' not in html.lower()
    assert '<span class="unsafe-url" title="not an http(s) link">javascript:alert(1)</span>' in html
    assert "JaVaScRiPt:alert(3)" in html
    # highlights keep the markup as text inside the marks and in their evidence
    assert 'data-evidence="&lt;img src=x onerror=alert(1)&gt;"' in html
    assert "Promo &lt;script&gt;" in html and "boilerplate&lt;img" in html


def test_snippet_markers_become_marks_only_after_escaping(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Zorvath"}).text
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', html)
    assert snippets, html
    joined = " ".join(snippets)
    assert "<mark>Zorvath</mark>" in joined
    assert "&lt;script&gt;" in joined and "<script" not in joined
    # Brackets in the article text are text: only the matched term is marked.
    bracketed = re.findall(r'<p class="snippet">(.*?)</p>', client.get("/search?q=notice").text)
    assert bracketed and all(s.count("<mark>") == s.count("</mark>") == 1 for s in bracketed)
    assert any("[<mark>notice</mark>]" in s for s in bracketed), bracketed


def test_snippet_html_marks_spans_and_escapes() -> None:
    assert str(snippet_html("a [b] <i>c", [(3, 4), (9, 10)])) == (
        "a [<mark>b</mark>] &lt;i&gt;<mark>c</mark>"
    )
    assert str(snippet_html("<script>", [(0, 8)])) == "<mark>&lt;script&gt;</mark>"
    # Spans out of range, empty or overlapping are ignored; the output stays balanced.
    assert str(snippet_html("abc", [(1, 9), (2, 2), (0, 2), (1, 3)])) == "<mark>ab</mark>c"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.test/a?b=1", "https://example.test/a?b=1"),
        ("HTTP://EXAMPLE.TEST/", "HTTP://EXAMPLE.TEST/"),
        ("javascript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("https://example.test/\nx", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//evil.test/x", None),
        ("/relative", None),
        (None, None),
    ],
)
def test_safe_href_allows_only_plain_http_urls(url: str | None, expected: str | None) -> None:
    assert safe_href(url) == expected


def test_ui_responses_carry_a_strict_content_security_policy(
    client: TestClient, ui_store: UIStore
) -> None:
    for url in ["/", "/search?q=port", f"/articles/{ui_store.hostile_id}", "/events", "/nope"]:
        response = client.get(url)
        if url == "/nope":
            continue
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "object-src 'none'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"


def test_templates_autoescape_and_never_mark_data_safe() -> None:
    assert ENVIRONMENT.autoescape is True
    for template in Path(TEMPLATES_DIR).glob("*.html"):
        source = template.read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", ""), template.name
        assert "autoescape false" not in source, template.name
        # no inline script or style: the CSP would block them anyway
        assert not re.search(r"<script(?![^>]*\bsrc=)", source), template.name
        assert "<style" not in source and " style=" not in source, template.name


HOSTILE_VALUES = ["<script>alert(1)</script>", "\x00", "' OR 1=1 --", "9" * 40, "-1", "💥" * 300]
UI_PATHS = ["/search", "/events", "/events.csv", "/places", "/stories", "/entities", "/login"]
UI_PARAMS = ["q", "type", "place", "since", "until", "page", "country", "kind", "cursor", "next"]


@pytest.mark.parametrize("path", UI_PATHS)
def test_hostile_query_values_never_break_or_echo_markup(client: TestClient, path: str) -> None:
    for name in UI_PARAMS:
        for value in HOSTILE_VALUES:
            response = client.get(path, params={name: value})
            assert response.status_code < 500, (path, name, value)
            # A 422 answers JSON (the value echoed as data, never rendered); pages escape.
            if response.headers["content-type"].startswith("text/html"):
                assert "<script>alert(1)</script>" not in response.text, (path, name)
