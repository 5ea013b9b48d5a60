"""NER scoring of the conll2003 and meantime-en modules on tiny invented inputs."""

from __future__ import annotations

from pathlib import Path

from newsloom.eval.conll2003 import aggregate, read_documents, score_spans, sentence_spans
from newsloom.eval.meantime_entities import read_document


def test_iob_tags_become_char_spans() -> None:
    text, spans = sentence_spans(
        [("Anna", "B-PER"), ("Berg", "I-PER"), ("visited", "O"), ("Oslo", "B-LOC")]
    )
    assert text == "Anna Berg visited Oslo"
    assert [(text[s:e], t) for s, e, t in spans] == [("Anna Berg", "PER"), ("Oslo", "LOC")]


def test_exact_match_scoring() -> None:
    gold = [(0, 0, 9, "PER"), (0, 18, 22, "LOC")]
    predicted = [(0, 0, 4, "PER"), (0, 18, 22, "LOC")]
    metrics = aggregate([score_spans(gold, predicted)]).metrics()
    assert metrics["precision"] == 0.5 and metrics["recall"] == 0.5
    assert metrics["LOC f1"] == 1.0 and metrics["PER f1"] == 0.0


def test_conll_documents(tmp_path: Path) -> None:
    path = tmp_path / "dev.conllpp.txt"
    path.write_text(
        "-DOCSTART- -X- -X- O\n\nAnna NNP B-NP B-PER\nsang VBD B-VP O\n\n"
        "-DOCSTART- -X- -X- O\n\nOslo NNP B-NP B-LOC\n",
        encoding="utf-8",
    )
    documents = read_documents(path)
    assert [d.sentences for d in documents] == [("Anna sang",), ("Oslo",)]
    assert documents[1].gold == ((0, 0, 4, "LOC"),)


def test_meantime_named_mentions(tmp_path: Path) -> None:
    path = tmp_path / "1_x.xml"
    path.write_text(
        '<Document><token sentence="0" t_id="1">Acme</token>'
        '<token sentence="0" t_id="2">hired</token>'
        '<token sentence="1" t_id="3">Anna</token><token sentence="1" t_id="4">Berg</token>'
        '<Markables><ENTITY_MENTION m_id="5" syntactic_type="NAM"><token_anchor t_id="3"/>'
        '<token_anchor t_id="4"/></ENTITY_MENTION>'
        '<ENTITY m_id="9" ent_type="PER"/></Markables>'
        '<Relations><REFERS_TO><source m_id="5"/><target m_id="9"/></REFERS_TO></Relations>'
        "</Document>",
        encoding="utf-8",
    )
    sentences, gold = read_document(path)
    assert sentences == ("Acme hired", "Anna Berg")
    assert gold == ((1, 0, 9, "PER"),)
