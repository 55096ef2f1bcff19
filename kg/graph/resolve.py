"""Entity resolution: one entity per (type, canonical name) and id, across a document and the
corpus, with every surface form as an alias; and ``located_in`` from the gazetteer hierarchy and
from the places a name is built on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from kg.model import AnnotatedDoc, Mention
from kg.rules import RuleSet

# How specific a place is: a name goes to its most specific container.
LEVEL = {"Port": 0, "Park": 0, "Town": 1, "County": 2, "City": 3, "Province": 4, "Region": 5, "Country": 6}
NEVER_LINKED = {"Project", "Organization", "Slogan"}


@dataclass(frozen=True)
class Entity:
    """A corpus-level entity."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    code: str
    mentions: int
    documents: tuple[str, ...]


def _surface(mention: Mention) -> str:
    return mention.surface.replace(" ", "")


def _group(mentions: tuple[Mention, ...]) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.entity].append(m)
    return groups


def located_in(mentions: tuple[Mention, ...], rules: RuleSet) -> list[tuple[str, str]]:
    """(place, container) name pairs: the nearest container among the document's entities."""
    entries = {e.id: e for e in rules.gazetteer}
    groups = _group(mentions)
    names = {eid: ms[0].name for eid, ms in groups.items()}
    types = {eid: ms[0].type for eid, ms in groups.items()}
    pairs: set[tuple[str, str]] = set()
    for eid, ms in groups.items():
        if types[eid] in NEVER_LINKED:
            continue
        if eid in entries:
            parent = entries[eid].parent
            while parent:
                if parent in groups and parent != eid and types[parent] not in NEVER_LINKED:
                    pairs.add((names[eid], names[parent]))
                    break
                parent = entries[parent].parent if parent in entries else ""
        else:
            places = {p for m in ms for p in m.places if p in groups and p != eid}
            if places:
                nearest = min(places, key=lambda p: LEVEL.get(types[p], 9))
                pairs.add((names[eid], names[nearest]))
    for link in rules.links:
        if link.child in groups and link.parent in groups:
            pairs.add((names[link.child], names[link.parent]))
    return sorted(pairs)


def document_name(canonical: str, mentions: list[Mention]) -> str:
    """How a document names an entity: its canonical name if the document writes it, else the form
    the document uses most (西藏开投 for 西藏开发投资集团有限公司, 党中央 for 中共中央)."""
    counts = Counter(_surface(m) for m in mentions)
    if canonical in counts:
        return canonical
    return max(counts, key=lambda form: (counts[form], len(form)))


def document_summary(annotated: AnnotatedDoc, rules: RuleSet) -> dict[str, Any]:
    """The gold-format fields of one document: entities (with aliases), slogans, located_in."""
    entities, slogans = [], []
    for eid, ms in sorted(_group(annotated.mentions).items(), key=lambda kv: (kv[1][0].type, kv[1][0].name)):
        first = ms[0]
        aliases = sorted({_surface(m) for m in ms})
        entities.append(
            {
                "name": document_name(first.name, ms),
                "type": first.type,
                "aliases": aliases,
                "canonical": first.name,
                "id": eid,
            }
        )
        if first.type == "Slogan":
            slogans.append({"name": first.name, "members": []})
    return {
        "entities": entities,
        "slogans": slogans,
        "located_in": [list(p) for p in located_in(annotated.mentions, rules)],
    }


def corpus_entities(annotated: list[AnnotatedDoc], rules: RuleSet) -> list[Entity]:
    """One entity per id across the corpus, with mention counts and documents."""
    codes = {e.id: e.code for e in rules.gazetteer}
    groups: dict[str, list[Mention]] = defaultdict(list)
    for a in annotated:
        for m in a.mentions:
            groups[m.entity].append(m)
    out = []
    for eid, ms in sorted(groups.items()):
        out.append(
            Entity(
                eid,
                ms[0].type,
                ms[0].name,
                tuple(sorted({_surface(m) for m in ms})),
                codes.get(eid, ""),
                len(ms),
                tuple(sorted({m.doc for m in ms})),
            )
        )
    return out
