"""Entity resolution: one entity per (type, canonical name) and id, across a document and the
corpus, with every surface form as an alias."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kg.model import AnnotatedDoc, Mention, by_entity
from kg.relations import DocumentRelations


def document_name(canonical: str, mentions: list[Mention]) -> str:
    """How a document names an entity: its canonical name if the document writes it, else the form
    the document uses most (西藏开投 for 西藏开发投资集团有限公司, 党中央 for 中共中央)."""
    counts = Counter(m.name if m.rule == "coordination" else m.form for m in mentions)
    if canonical in counts:
        return canonical
    return max(counts, key=lambda form: (counts[form], len(form)))


def _qualify_homonyms(entities: list[dict[str, Any]], names: dict[str, str], groups: dict[str, list[Mention]]) -> None:
    """Two different places of one type and name in a document are told apart by their container,
    as the text writes them (昂仁县卡嘎镇, 谢通门县卡嘎镇; 土布加乡岗嘎村, 岗嘎镇岗嘎村)."""
    seen = Counter((e["type"], e["name"]) for e in entities)
    for entity in entities:
        if seen[(entity["type"], entity["name"])] < 2:
            continue
        containers = [p for m in groups[entity["id"]] for p in m.places if p in names]
        if containers:
            entity["name"] = names[entity["id"]] = names[containers[0]] + entity["name"]


def document_summary(annotated: AnnotatedDoc, relations: DocumentRelations) -> dict[str, Any]:
    """The gold-format fields of one document: entities (with aliases), slogans, located_in."""
    entities, slogans, names = [], [], {}
    lists = {ml.slogan: ml for ml in relations.members}
    groups = by_entity(annotated.mentions)
    for eid, ms in sorted(groups.items(), key=lambda kv: (kv[1][0].type, kv[1][0].name)):
        first = next((m for m in ms if m.rule != "coordination"), ms[0])
        aliases = sorted({m.form for m in ms})
        names[eid] = document_name(first.name, ms)
        entities.append(
            {
                "name": names[eid],
                "type": first.type,
                "aliases": aliases,
                "canonical": first.name,
                "id": eid,
            }
        )
        if first.type == "Slogan":
            members = lists.get(eid)
            slogans.append(
                {
                    "name": names[eid],
                    "members": list(members.members) if members else [],
                    "complete": members.complete if members else False,
                }
            )
    _qualify_homonyms(entities, names, groups)
    return {
        "entities": entities,
        "slogans": slogans,
        "located_in": [list(p) for p in relations.located_in(names, {e: ms[0].type for e, ms in groups.items()})],
    }
