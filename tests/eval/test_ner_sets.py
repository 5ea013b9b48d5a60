"""NER scoring of the conll2003 and meantime-en modules on tiny invented inputs."""

from __future__ import annotations

from pathlib import Path

from newsloom.eval.conll2003 import (
    aggregate,
    bare_document_spans,
    read_documents,
    score_spans,
    sentence_spans,
)
from newsloom.eval.meantime_entities import read_document, score_page


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
    assert gold.spans == ((1, 0, 9, "PER"),)


def _meantime(tmp_path: Path, tokens: list[tuple[int, str]], mentions: str, entities: str) -> Path:
    path = tmp_path / "2_y.xml"
    words = "".join(
        f'<token sentence="{s}" t_id="{i}">{w}</token>' for i, (s, w) in enumerate(tokens, 1)
    )
    path.write_text(
        f"<Document>{words}<Markables>{mentions}{entities}</Markables>"
        f"<Relations>{_refers(mentions)}</Relations></Document>",
        encoding="utf-8",
    )
    return path


def _refers(mentions: str) -> str:
    ids = [part.split('"', 1)[0] for part in mentions.split('m_id="')[1:]]
    return "".join(
        f'<REFERS_TO><source m_id="{m}"/><target m_id="e{m[1:]}"/></REFERS_TO>' for m in ids
    )


def test_meantime_untyped_names_count_and_pronouns_do_not(tmp_path: Path) -> None:
    tokens = [(0, "Brindle"), (0, "Motors"), (0, "said"), (0, "it"), (0, "grew"), (1, "Rain")]
    mentions = (
        '<ENTITY_MENTION m_id="m1"><token_anchor t_id="1"/><token_anchor t_id="2"/>'
        '</ENTITY_MENTION><ENTITY_MENTION m_id="m2" syntactic_type=""><token_anchor t_id="4"/>'
        "</ENTITY_MENTION>"
    )
    entities = '<ENTITY m_id="e1" ent_type="ORG"/><ENTITY m_id="e2" ent_type="ORG"/>'
    sentences, gold = read_document(_meantime(tmp_path, tokens, mentions, entities))
    assert sentences == ("Brindle Motors said it grew", "Rain")
    assert gold.spans == ((0, 0, 14, "ORG"),)
    assert gold.annotated == frozenset({0})


def test_meantime_scores_only_annotated_sentences(tmp_path: Path) -> None:
    tokens = [(0, "Brindle"), (0, "Motors"), (0, "grew"), (1, "Oslo"), (1, "wept")]
    mentions = (
        '<ENTITY_MENTION m_id="m1" syntactic_type="NAM"><token_anchor t_id="1"/>'
        '<token_anchor t_id="2"/></ENTITY_MENTION>'
    )
    _, gold = read_document(
        _meantime(tmp_path, tokens, mentions, '<ENTITY m_id="e1" ent_type="ORG"/>')
    )
    counts = score_page(gold, [(0, 0, 14, "ORG"), (1, 0, 4, "LOC")])
    assert counts.tp == {"ORG": 1} and counts.fp == {}


def test_document_spans_map_back_to_sentences() -> None:
    spans = bare_document_spans(("The talks took place in Berlin .", "Paris was quiet ."))
    assert (0, 24, 30, "LOC") in spans
    assert (1, 0, 5, "LOC") in spans
