"""The page loader gives trafilatura's own tree, faster; invented pages with the
markup problems trafilatura's repair is there for."""

from __future__ import annotations

import pytest
import trafilatura
from lxml import etree

from newsloom.extract.html_load import load_html

PARAGRAPH = (
    "<p>The harbour office in Quillon opened a second ferry landing on Friday, "
    "after two years of repairs to the northern pier.</p>"
)
FILLER = "".join(f'<div class="row-{n}"><span>Quillon notice {n}</span></div>' for n in range(400))
XHTML_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)


def _page(body: str, doctype: str = "<!DOCTYPE html>", html_tag: str = '<html lang="en">') -> str:
    return (
        f"{doctype}\n{html_tag}\n<head><title>Quillon harbour</title></head>\n"
        f"<body>{FILLER}{body}{FILLER}</body></html>"
    )


PAGES = {
    "plain": _page(PARAGRAPH),
    "xhtml doctype": _page(PARAGRAPH, doctype=XHTML_DOCTYPE),
    "self-closing html tag": _page(PARAGRAPH, html_tag='<html lang="en"/>'),
    "control characters": _page(PARAGRAPH.replace("Friday", "Fri\x00day\x1b")),
    "noncharacters": _page(PARAGRAPH.replace("pier", "pi\ufffeer\uffff")),
    "control character far down": _page(FILLER + PARAGRAPH + "\x0c"),
    "one line": _page(PARAGRAPH, doctype=XHTML_DOCTYPE).replace("\n", " "),
    "first line break far down": _page(PARAGRAPH, doctype=XHTML_DOCTYPE)
    .replace("\n", " ", 3)
    .replace("<body>", "<body>" + FILLER + "\n"),
    "non-ascii": _page(PARAGRAPH.replace("Quillon", "Quillón — Ærøskøbing 港")),
    "encoding declared": _page('<meta charset="iso-8859-1">' + PARAGRAPH.replace("two", "twö")),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_same_tree_as_trafilatura(name: str) -> None:
    html = PAGES[name]
    ours = load_html(html)
    theirs = trafilatura.load_html(html)
    assert ours is not None and theirs is not None
    assert etree.tostring(ours) == etree.tostring(theirs)


def test_forbidden_characters_are_removed() -> None:
    tree = load_html(PAGES["control characters"])
    assert tree is not None
    assert "Friday" in tree.text_content()


def test_lone_surrogate_becomes_a_replacement_character() -> None:
    tree = load_html(_page(PARAGRAPH.replace("Friday", "Fri\udce9day")))
    assert tree is not None
    text = tree.text_content()
    assert "Fri\ufffdday" in text
    assert "northern pier" in text  # lxml would have stopped at the surrogate


def test_text_that_is_not_html_is_refused_like_trafilatura() -> None:
    text = "Just a line of text about the Quillon ferry."
    assert trafilatura.load_html(text) is None
    assert load_html(text) is None
