"""The corpus graph: entities resolved across documents and relations merged, with all their
evidence, ready for every export."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kg.model import AnnotatedDoc, DocumentInfo, Entity, Evidence, KnowledgeGraph, Relation, by_entity
from kg.relations import MEMBER_TYPE, DocumentRelations, member_id
from kg.rules import RuleSet


def corpus_entities(annotated: Iterable[AnnotatedDoc], rules: RuleSet) -> list[Entity]:
    """One entity per id across the corpus, with every surface form, mention count and documents."""
    groups = by_entity(m for a in annotated for m in a.mentions)
    entries = rules.entries
    return [
        Entity(
            eid,
            ms[0].type,
            entries[eid].name if eid in entries else ms[0].name,
            tuple(sorted({m.form for m in ms})),
            entries[eid].code if eid in entries else "",
            len(ms),
            tuple(sorted({m.doc for m in ms})),
        )
        for eid, ms in sorted(groups.items())
    ]


def _merge(relations: Iterable[Relation]) -> list[Relation]:
    merged: dict[tuple[str, str, str, int], list[Evidence]] = defaultdict(list)
    for r in relations:
        merged[(r.head, r.predicate, r.tail, r.position)].extend(r.evidence)
    return [
        Relation(head, predicate, tail, tuple(sorted(set(evidence), key=lambda e: (e.doc, e.sentence, e.start))), pos)
        for (head, predicate, tail, pos), evidence in sorted(merged.items())
    ]


def _unmentioned(relations: list[Relation], known: set[str], rules: RuleSet) -> list[Entity]:
    """Gazetteer entities that relations point to but no document names (a port's country)."""
    out = {}
    for r in relations:
        for eid in (r.head, r.tail):
            if eid not in known and eid in rules.entries and eid not in out:
                e = rules.entries[eid]
                out[eid] = Entity(eid, e.type, e.name, (), e.code, 0, ())
    return [out[k] for k in sorted(out)]


def _member_entities(docs: list[DocumentRelations], known: set[str]) -> list[Entity]:
    found: dict[str, tuple[str, set[str]]] = {}
    counts: dict[str, int] = defaultdict(int)
    for d in docs:
        for ml in d.members:
            for name in ml.members:
                eid = member_id(name)
                if eid in known:
                    continue
                found.setdefault(eid, (name, set()))[1].add(d.doc)
                counts[eid] += 1
    return [
        Entity(eid, MEMBER_TYPE, name, (name,), "", counts[eid], tuple(sorted(docs_)))
        for eid, (name, docs_) in sorted(found.items())
    ]


def build_graph(annotated: list[AnnotatedDoc], relations: list[DocumentRelations], rules: RuleSet) -> KnowledgeGraph:
    """Merge documents' mentions and relations into one graph; each relation keeps every piece of
    evidence and each entity every document that names it."""
    entities = corpus_entities(annotated, rules)
    merged = _merge(r for d in relations for r in d.relations)
    known = {e.id for e in entities}
    entities += _unmentioned(merged, known, rules)
    known |= {e.id for e in entities}
    entities += _member_entities(relations, known)
    documents = tuple(
        DocumentInfo(d.source.id, str(d.source.path), len(d.source.text), d.script, len(d.sentences))
        for d in (a.doc for a in annotated)
    )
    sentences = {(s.doc, s.index): s for a in annotated for s in a.doc.sentences}
    return KnowledgeGraph(
        documents,
        tuple(sorted(entities, key=lambda e: e.id)),
        tuple(m for a in annotated for m in a.mentions),
        tuple(merged),
        tuple(ml for d in relations for ml in d.members),
        sentences,
    )
