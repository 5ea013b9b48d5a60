"""Roles of people from appositions, pre-modifiers and role noun phrases tied to them.

Each person's findings (roles_patterns) with the same title are merged into one `Role`: the
evidence of the surest finding, `of`/`to` filled from any finding that has them. So
"President Donald Trump" with "the US president" later gives president of United States;
"President Donald Trump" alone gives president with `of` None (nothing is guessed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from newsloom.enrich.nlp import doc_text
from newsloom.enrich.roles.links import name_findings
from newsloom.enrich.roles.patterns import EntityIndex, RoleFinding, phrase_role
from newsloom.record import Article, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc


class RoleStage:
    name: ClassVar[str] = "roles"
    requires: ClassVar[frozenset[str]] = frozenset({"parse", "entities"})
    assigns: ClassVar[frozenset[str]] = frozenset({"roles"})

    def __call__(self, article: Article, doc: Doc) -> None:
        index = EntityIndex(doc, article.entities)
        findings = name_findings(doc, article.entities, index)
        for entity in article.entities:
            if entity.type != "PERSON":
                continue
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                finding = phrase_role(doc, entity, span, mention.confidence, index)
                if finding is not None:
                    findings.append(finding)
        by_entity: dict[str, list[RoleFinding]] = {}
        for finding in findings:
            by_entity.setdefault(finding.entity_id, []).append(finding)
        for entity in article.entities:
            entity.roles = merge_roles(doc_text(doc), by_entity.get(entity.id, []))


def merge_roles(text: str, findings: list[RoleFinding]) -> list[Role]:
    """One role per title: the surest evidence, `of`/`to` from whichever finding has them."""
    by_title: dict[str, list[RoleFinding]] = {}
    for finding in sorted(findings, key=lambda f: (-f.confidence, f.start)):
        by_title.setdefault(finding.title, []).append(finding)
    roles = []
    for title, group in by_title.items():
        best = group[0]
        of = next((f.of for f in group if f.of), None)
        to = next((f.to for f in group if f.to), None)
        roles.append(
            Role(title, text[best.start : best.end], best.start, best.end, of, to, best.confidence)
        )
    return sorted(roles, key=lambda r: r.start)
