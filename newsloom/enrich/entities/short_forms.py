"""An organisation (or a building) named in full and then by part of its name: one referent.

News names a company in full first and shortens it after ("Fenwick Beauty ... Fenwick
said"; "The Haverton Chronicle reported ... the Chronicle says"). An ORG cluster whose name
(without "the" and legal endings, see `names.org_words`) is
- the first word or words of exactly one other ORG's name, or
- the last word or words of exactly one other ORG's name, written with "the" before it
  ("the Chronicle", "the Post"),
joins that ORG when the longer name came first in the article. The other order ("Fenwick
... Fenwick Beauty") is left apart: there the longer name is as likely a product or a unit
of the company. A short form that several longer names share joins none. Legal endings
alone ("Acme" / "Acme Corp.") already share a key. Buildings join the same way ("the
Indiana Statehouse ... the Statehouse").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsloom.enrich.entities.names import org_words
from newsloom.enrich.entities.rules import entity_rules

if TYPE_CHECKING:
    from newsloom.enrich.entities.clusters import Cluster, Clusters


def merge_short_forms(clusters: Clusters, text: str, full_names: set[str] | None = None) -> None:
    for kind in ("ORG", "FAC"):
        _merge(clusters, text, kind)
    if full_names:
        _merge_into_full_names(clusters, full_names)


def _merge_into_full_names(clusters: Clusters, full_names: set[str]) -> None:
    """ "the Veldor Tigers" beside "the Liberation Tigers of Veldor Eelam (LTVE)": an
    organisation of two or more words, all of them words of one name the text defines by an
    acronym (`full_names`, cluster ids), in whatever order, is that organisation."""
    orgs = [c for c in clusters.by_id.values() if c.type == "ORG" and c.mentions]
    full = [c for c in orgs if c.id in full_names]
    for short in orgs:
        words = _significant(short.name)
        if short.id in full_names or len(words) < 2:
            continue
        owners = [c for c in full if c is not short and words < _significant(c.name)]
        if len(owners) == 1:
            _move(short, owners[0])


def _significant(name: str) -> set[str]:
    stopwords = entity_rules().orgs.acronym_stopwords
    return {w.lower() for w in org_words(name) if w.lower() not in stopwords}


def _merge(clusters: Clusters, text: str, kind: str) -> None:
    orgs = [c for c in clusters.by_id.values() if c.type == kind and c.mentions]
    words = {c.id: [w.lower() for w in org_words(c.name)] for c in orgs}
    for short in orgs:
        if not short.mentions:
            continue
        size = len(words[short.id])
        definite = _after_the(short, text)
        longer = [
            c
            for c in orgs
            if c is not short
            and c.mentions
            and len(words[c.id]) > size
            and (
                words[c.id][:size] == words[short.id]
                or (definite and words[c.id][-size:] == words[short.id])
            )
        ]
        if len(longer) != 1 or longer[0].first >= short.first:
            continue
        _move(short, longer[0])


def _after_the(cluster: Cluster, text: str) -> bool:
    """The first mention is written "the X" (inside the span or right before it)."""
    first = min(cluster.mentions, key=lambda m: m.start)
    articles = entity_rules().orgs.articles
    opening = first.text.split()[0].lower()
    before = text[max(0, first.start - 4) : first.start].lower().split()
    return opening in articles or (bool(before) and before[-1] in articles)


def _move(source: Cluster, target: Cluster) -> None:
    target.mentions.extend(source.mentions)
    source.mentions.clear()
