"""Layout tables in trafilatura's output: page grids, not data, read as paragraphs.

Old pages lay the whole page out in tables: one cell holds the menu, one the article,
one a ticker. trafilatura keeps tables as rows, and its text writes a row as one line
with the cells joined by `|`, so the article's paragraphs run together in one line with
the headline, date and menus of the neighbouring cells (a line that is half article,
half chrome, which no later rule can split).

A cell holding blocks (paragraphs, headings, lists, line breaks, another table) is page
layout: a data table holds short values. So every table (or stray row) with such a
cell is read as a sequence of paragraphs: each block of a layout cell becomes its own
paragraph, a cell of plain text one paragraph. Data tables, whose cells hold only text,
stay rows. `body_text` writes trafilatura's body back to text that way; on a page
without a layout table it is trafilatura's own text.
"""

from __future__ import annotations

from lxml import etree
from trafilatura.settings import Document
from trafilatura.xml import xmltotxt

from newsloom.extract import html_rules as rules


def body_text(document: Document) -> str:
    """The document's text with its layout tables read as paragraphs."""
    text = document.text or ""
    body = document.body
    if body is None or not text:
        return text
    layouts = [table for table in body.iter("table", "row") if _is_layout(table)]
    if not layouts:
        return text
    for table in _outermost(layouts):
        _replace(table, _paragraphs_of(table))
    return str(xmltotxt(body, False))


def _is_layout(table: etree._Element) -> bool:
    """A table (or a row outside any table) with a cell that holds blocks."""
    if table.tag == "row" and _parent_tag(table) == "table":
        return False
    return any(
        child.tag in rules.LAYOUT_CELL_BLOCKS for cell in table.iter("cell") for child in cell
    )


def _parent_tag(element: etree._Element) -> str | None:
    parent = element.getparent()
    return None if parent is None else str(parent.tag)


def _outermost(tables: list[etree._Element]) -> list[etree._Element]:
    """The tables not inside another one of the list (those are read with their parent)."""
    chosen = set(tables)
    return [t for t in tables if not any(a in chosen for a in t.iterancestors("table", "row"))]


def _paragraphs_of(table: etree._Element) -> list[etree._Element]:
    out: list[etree._Element] = []
    rows = [table] if table.tag == "row" else [r for r in table if r.tag == "row"]
    for row in rows:
        for cell in row:
            if cell.tag == "cell":
                _cell_blocks(cell, out)
            elif cell.tag in ("table", "row"):
                out.extend(_paragraphs_of(cell))
    return out


def _cell_blocks(cell: etree._Element, out: list[etree._Element]) -> None:
    if not any(child.tag in rules.LAYOUT_CELL_BLOCKS for child in cell):
        _add_paragraph(" ".join(t.strip() for t in cell.itertext() if t.strip()), out)
        return
    _add_paragraph(cell.text, out)
    for child in list(cell):
        tail, child.tail = child.tail, None
        if child.tag in ("table", "row"):
            out.extend(_paragraphs_of(child))
        elif child.tag != "lb":
            out.append(child)
        _add_paragraph(tail, out)


def _add_paragraph(text: str | None, out: list[etree._Element]) -> None:
    if text and text.strip():
        paragraph = etree.Element("p")
        paragraph.text = text.strip()
        out.append(paragraph)


def _replace(table: etree._Element, blocks: list[etree._Element]) -> None:
    parent = table.getparent()
    if parent is None:
        return
    index = parent.index(table)
    tail = table.tail
    parent.remove(table)
    for offset, block in enumerate(blocks):
        parent.insert(index + offset, block)
    if tail and tail.strip():
        paragraph = etree.Element("p")
        paragraph.text = tail.strip()
        parent.insert(index + len(blocks), paragraph)
