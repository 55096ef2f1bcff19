"""Relations a sentence states between two named entities, read by the rules in ``relations.toml``:
two mentions of the given types, close together, with the text between them matching the rule."""

from __future__ import annotations

from collections import defaultdict

from kg.model import Evidence, Mention, Relation
from kg.rules.relations import RelationRule

# How wide a place is; a stated container must be wider than what it contains.
LEVEL = {"Port": 0, "Park": 0, "Region": 0, "Town": 1, "County": 2, "City": 3, "Province": 4, "Country": 6}


def _pairs(mentions: list[Mention], max_gap: int):
    """Mention pairs of one sentence in reading order, at most ``max_gap`` characters apart."""
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            gap = b.match_start - a.match_end
            if gap > max_gap:
                break
            if gap >= 0:
                yield a, b


def _applies(rule: RelationRule, head: Mention, tail: Mention, between: str) -> bool:
    if head.type not in rule.head or tail.type not in rule.tail or head.entity == tail.entity:
        return False
    if rule.predicate == "locatedIn" and LEVEL.get(tail.type, -1) <= LEVEL.get(head.type, 99):
        return False
    if rule.predicate == "locatedIn" and tail.type == "Province" and tail.surface != tail.name:
        return False  # 西藏珠穆朗玛峰…: a province's short name opening a title is part of the title
    return rule.between.search(between) is not None


def _by_types(rules: tuple[RelationRule, ...]) -> dict[tuple[str, str], list[RelationRule]]:
    """The rules that can apply to two names of the given types, in reading order."""
    table: dict[tuple[str, str], list[RelationRule]] = defaultdict(list)
    for rule in rules:
        first, second = (rule.head, rule.tail) if rule.order == "head-first" else (rule.tail, rule.head)
        for a in first:
            for b in second:
                table[(a, b)].append(rule)
    return table


def stated_relations(mentions: tuple[Mention, ...], text: str, rules: tuple[RelationRule, ...]) -> list[Relation]:
    """Every relation the rules read in the document's sentences; ``text`` is the document's match text."""
    if not rules:
        return []
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.match_start >= 0:
            by_sentence[m.sentence].append(m)
    table = _by_types(rules)
    widest = max(r.max_gap for r in rules)
    found = []
    for sentence in sorted(by_sentence):
        ordered = sorted(by_sentence[sentence], key=lambda m: (m.match_start, m.match_end))
        for a, b in _pairs(ordered, widest):
            applicable = table.get((a.type, b.type))
            if not applicable:
                continue
            between = text[a.match_end : b.match_start]
            for rule in applicable:
                if len(between) > rule.max_gap:
                    continue
                head, tail = (a, b) if rule.order == "head-first" else (b, a)
                if _applies(rule, head, tail, between):
                    evidence = Evidence(a.doc, sentence, a.start, b.end, f"rule:{rule.id}")
                    found.append(Relation(head.entity, rule.predicate, tail.entity, (evidence,)))
    return found
