"""The MEANTIME CAT reader on an invented document: text rebuilt from tokens, offsets right."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from newsloom.eval.meantime_times import evaluate_meantime_times, read_cat

CAT = """<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">Brask</token>
<token number="1" sentence="0" t_id="2">opens</token>
<token number="2" sentence="1" t_id="3">March</token>
<token number="3" sentence="1" t_id="4">3</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2021</token>
<token number="6" sentence="2" t_id="7">It</token>
<token number="7" sentence="2" t_id="8">closed</token>
<token number="8" sentence="2" t_id="9">two</token>
<token number="9" sentence="2" t_id="10">weeks</token>
<token number="10" sentence="2" t_id="11">ago</token>
<token number="11" sentence="2" t_id="12">.</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2021-03-03">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2021-W07">
<token_anchor t_id="9"/><token_anchor t_id="10"/><token_anchor t_id="11"/>
</TIMEX3>
</Markables>
</Document>
"""


def test_read_cat_rebuilds_text_and_spans(tmp_path: Path) -> None:
    path = tmp_path / "1.xml"
    path.write_text(CAT, encoding="utf-8")
    doc, gold = read_cat(path)
    assert doc.text == "Brask opens\nMarch 3, 2021\nIt closed two weeks ago."
    assert doc.anchor == dt.date(2021, 3, 3)
    assert [doc.text[g.start : g.end] for g in gold] == ["March 3, 2021", "two weeks ago"]


def test_evaluate_scores_newsloom_on_the_rebuilt_text(tmp_path: Path) -> None:
    folder = tmp_path / "intra_cross-doc_annotation" / "corpus_x"
    folder.mkdir(parents=True)
    (folder / "1.xml").write_text(CAT, encoding="utf-8")
    result = evaluate_meantime_times(tmp_path)
    metrics = result.ours.score.metrics()
    assert result.pages == 1
    assert metrics["strict R"] == 1.0
    assert metrics["value acc"] == 1.0


def test_result_is_named_as_the_registry_lists_it(tmp_path: Path) -> None:
    from newsloom.eval import dataset_names

    folder = tmp_path / "intra_cross-doc_annotation" / "corpus_x"
    folder.mkdir(parents=True)
    (folder / "1.xml").write_text(CAT, encoding="utf-8")
    name = evaluate_meantime_times(tmp_path).name
    assert name == "meantime-en-times"
    assert name in dataset_names()
