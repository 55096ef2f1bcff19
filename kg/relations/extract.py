"""Per-document relation extraction: gazetteer facts about the places a document names, links a
name's own wording implies, and co-occurrence within a sentence."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from kg.model import AnnotatedDoc, Evidence, MemberList, Mention, Relation, by_entity
from kg.relations.members import member_lists
from kg.relations.stated import stated_relations
from kg.rules import RuleSet
from kg.rules.relations import LocatedInRules

# How specific a place is: a place is located in its most specific mentioned container.
LEVEL = {"Port": 0, "Park": 0, "Town": 1, "County": 2, "City": 3, "Province": 4, "Region": 5, "Country": 6}
PLACES = frozenset(LEVEL)
# Places a name may be built on: a province opening a name is part of an official title (西藏珠穆朗玛峰
# 国家级自然保护区, 新疆塔城重点开发开放试验区 → 塔城), not where the place is.
BUILT_ON = frozenset({"Park", "Town", "County", "City", "Country"})
MEMBER_TYPE = "Concept"  # a slogan member that is not itself a named entity (稳定, 强边)


def member_id(name: str) -> str:
    """A stable id for a member phrase that names no entity: type + a short hash of its text."""
    return f"{MEMBER_TYPE}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:10]}"


@dataclass(frozen=True)
class DocumentRelations:
    """What one document says: relations (each with evidence in this document) and member lists."""

    doc: str
    relations: tuple[Relation, ...]
    members: tuple[MemberList, ...]

    def located_in(self, names: dict[str, str], types: dict[str, str]) -> list[tuple[str, str]]:
        """(place, container) pairs by the names ``names`` gives each entity id, places only."""
        return sorted(
            {
                (names[r.head], names[r.tail])
                for r in self.relations
                if r.predicate == "locatedIn" and types.get(r.head) in PLACES and types.get(r.tail) in PLACES
            }
        )


def _evidence(mention: Mention, rule: str) -> Evidence:
    return Evidence(mention.doc, mention.sentence, mention.start, mention.end, rule)


def _subject(groups: dict[str, list[Mention]], types: dict[str, str], settings: LocatedInRules) -> str | None:
    """The place a document is mostly about, if one clearly dominates its level."""
    for level in settings.subject_levels:
        counts = sorted(((len(ms), eid) for eid, ms in groups.items() if types[eid] == level), reverse=True)
        dominant = counts and counts[0][0] >= settings.subject_min
        if dominant and (len(counts) == 1 or counts[0][0] >= settings.subject_ratio * counts[1][0]):
            return counts[0][1]
    return None


def located_in(mentions: tuple[Mention, ...], stated: list[Relation], rules: RuleSet) -> list[Relation]:
    """Each place in its nearest container that the document also names: as the text states it,
    else from the gazetteer hierarchy or the places its own name is built on; stated park links;
    and, for parks and planning areas placed nowhere, the document's subject place."""
    entries, settings = rules.entries, rules.relations.located_in
    groups = by_entity(mentions)
    types = {eid: ms[0].type for eid, ms in groups.items()}
    names = {eid: ms[0].name for eid, ms in groups.items()}
    found: dict[tuple[str, str], Evidence] = {}
    placed = set()
    for r in stated:
        if r.predicate == "locatedIn" and types.get(r.head) in PLACES and types.get(r.tail) in PLACES:
            found.setdefault((r.head, r.tail), r.evidence[0])
            placed.add(r.head)
    for eid, ms in groups.items():
        if types[eid] not in PLACES or eid in placed:
            continue
        if eid in entries:
            parent = entries[eid].parent
            while parent:
                if parent in groups and parent != eid and types[parent] in PLACES:
                    found.setdefault((eid, parent), _evidence(ms[0], "gazetteer:parent"))
                    break
                parent = entries[parent].parent if parent in entries else ""
        else:
            built_on = [
                (m, p)
                for m in ms
                for p in m.places
                if p in groups and p != eid and types[p] in BUILT_ON and names[p] != names[eid]
            ]
            if built_on:
                mention, nearest = min(built_on, key=lambda mp: LEVEL[types[mp[1]]])
                found.setdefault((eid, nearest), _evidence(mention, "name:built-on"))
    for link in rules.links:
        if link.child in groups and link.parent in groups:
            found.setdefault((link.child, link.parent), _evidence(groups[link.child][0], "gazetteer:links"))
    subject = _subject(groups, types, settings)
    if subject:
        linked = {head for head, _ in found}
        for eid, ms in groups.items():
            natural = any(m.rule in settings.natural_rules for m in ms)
            gazetteer_region = eid in entries and types[eid] == "Region"
            if (
                types[eid] in settings.subject_types
                and eid not in linked
                and eid != subject
                and not natural
                and not gazetteer_region
            ):
                found[(eid, subject)] = _evidence(ms[0], "document:subject")
    return [Relation(head, "locatedIn", tail, (ev,)) for (head, tail), ev in sorted(found.items())]


def project_places(mentions: tuple[Mention, ...]) -> list[Relation]:
    """A project in the places its name is built on (拉萨至日喀则铁路 → 拉萨, 日喀则): graph links only,
    never a document's located_in."""
    present = {m.entity for m in mentions}
    found: dict[tuple[str, str], Evidence] = {}
    for m in mentions:
        if m.type == "Project":
            for place in m.places:
                if place in present and place != m.entity:
                    found.setdefault((m.entity, place), _evidence(m, "name:built-on"))
    return [Relation(head, "locatedIn", tail, (ev,)) for (head, tail), ev in sorted(found.items())]


def faces_country(mentions: tuple[Mention, ...], rules: RuleSet) -> list[Relation]:
    """Each port (or border zone) the document names, facing the countries the gazetteer gives it;
    the country need not be named in the document."""
    countries = rules.country_ids
    out = []
    for eid, ms in by_entity(mentions).items():
        entry = rules.entries.get(eid)
        for country in entry.faces if entry else ():
            if country in countries:
                out.append(Relation(eid, "facesCountry", countries[country], (_evidence(ms[0], "gazetteer:faces"),)))
    return out


def faces_cues(annotated: AnnotatedDoc, rules: RuleSet) -> list[Relation]:
    """A port whose sentence pairs China with a neighbour's abbreviation (中尼, 对尼出口) faces it."""
    cues = rules.relations.faces_cues
    if cues.pattern is None:
        return []
    countries = rules.country_ids
    abbreviations = {c: countries[name] for c, name in cues.abbreviations if name in countries}
    doc, out = annotated.doc, []
    for m in annotated.mentions:
        if m.type != "Port" or m.match_start < 0:
            continue
        sentence = doc.sentences[m.sentence]
        lo = max(sentence.clean_start, m.match_start - cues.window)
        hi = min(sentence.clean_end, m.match_end + cues.window)
        for found in cues.pattern.finditer(doc.match, lo, hi):
            char = next(v for k, v in found.groupdict().items() if v)
            if char in abbreviations:
                out.append(Relation(m.entity, "facesCountry", abbreviations[char], (_evidence(m, "cue:faces"),)))
    return out


def co_occurrences(mentions: tuple[Mention, ...]) -> list[Relation]:
    """Entities named in the same sentence, one relation per unordered pair and sentence (the
    graph stage sums them into weights)."""
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_sentence[m.sentence].append(m)
    out = []
    for sentence, ms in sorted(by_sentence.items()):
        first: dict[str, Mention] = {}
        for m in ms:
            first.setdefault(m.entity, m)
        for a, b in combinations(sorted(first), 2):
            ma, mb = first[a], first[b]
            span = Evidence(ma.doc, sentence, min(ma.start, mb.start), max(ma.end, mb.end), "sentence")
            out.append(Relation(a, "coOccursWith", b, (span,)))
    return out


def has_member(lists: list[MemberList], mentions: tuple[Mention, ...]) -> list[Relation]:
    """Slogan → member, in order: a member the document names as an entity (a component formula,
    a place) links to that entity, any other to a Concept node of its own; a component formula is
    also partOf the formula it belongs to."""
    named = {m.surface: m.entity for m in mentions}
    slogans = {m.entity for m in mentions if m.type == "Slogan"}
    out = []
    for ml in lists:
        for position, member in enumerate(ml.members, 1):
            tail = named.get(member) or member_id(member)
            out.append(Relation(ml.slogan, "hasMember", tail, (ml.evidence,), position))
            if tail in slogans and tail != ml.slogan:  # 2个定位 is part of 22445
                out.append(Relation(tail, "partOf", ml.slogan, (ml.evidence,)))
    return out


def extract_document(annotated: AnnotatedDoc, rules: RuleSet) -> DocumentRelations:
    """The relations and member lists of one document."""
    mentions = annotated.mentions
    lists = member_lists(annotated.doc, mentions, rules)
    stated = stated_relations(mentions, annotated.doc.match, rules.relations.relations)
    relations = (
        located_in(mentions, stated, rules)
        + project_places(mentions)
        + [r for r in stated if r.predicate != "locatedIn"]
        + faces_country(mentions, rules)
        + faces_cues(annotated, rules)
        + has_member(lists, mentions)
        + co_occurrences(mentions)
    )
    return DocumentRelations(annotated.doc.source.id, tuple(relations), tuple(lists))


def extract(annotated: list[AnnotatedDoc], rules: RuleSet) -> list[DocumentRelations]:
    """Relations of every document, in document order."""
    return [extract_document(a, rules) for a in annotated]
