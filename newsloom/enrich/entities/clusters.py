"""Clusters of candidates, one per referent, as entities_resolve builds them."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsloom.enrich.entities.candidate import Candidate


@dataclass(slots=True)
class Cluster:
    id: str
    name: str
    type: str
    mentions: list[Candidate] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


class Clusters:
    """Clusters by key (a person's key folds spelling variants; its id does not), in order of
    first appearance."""

    def __init__(self) -> None:
        self.by_id: dict[str, Cluster] = {}

    def add(
        self, key: str, name: str, kind: str, candidate: Candidate, id_: str | None = None
    ) -> Cluster:
        """Add to the cluster of `key`; a new cluster takes the id `id_` (default: the key)."""
        cluster = self.by_id.get(key)
        if cluster is None:
            cluster = self.by_id[key] = Cluster(id_ or key, name, kind)
        cluster.mentions.append(candidate)
        return cluster

    def ordered(self) -> list[Cluster]:
        clusters = [c for c in self.by_id.values() if c.mentions]
        for cluster in clusters:
            cluster.mentions.sort(key=lambda m: (m.start, m.end))
        return sorted(clusters, key=lambda c: c.first)
