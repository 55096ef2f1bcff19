"""JSON Lines outputs: documents, sentences, mentions, entities, and the texts offsets refer to."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from kg.export.atomic import StagedOutput
from kg.graph import document_summary
from kg.model import AnnotatedDoc, KnowledgeGraph, PreparedDoc
from kg.relations import DocumentRelations


def jsonl(records: Iterable[dict[str, Any]]) -> str:
    """One compact JSON object per line, UTF-8 characters kept as they are."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def document_record(annotated: AnnotatedDoc, relations: DocumentRelations) -> dict[str, Any]:
    """A ``documents.jsonl`` line: the gold format of the guidelines plus reading facts."""
    doc = annotated.doc
    return {
        "doc": doc.source.id,
        **document_summary(annotated, relations),
        "encoding": doc.source.encoding,
        "script": doc.script,
        "chars": len(doc.source.text),
        "kind": doc.source.kind,
        "sha256": doc.source.sha256,
        "sentences": len(doc.sentences),
    }


def sentence_records(doc: PreparedDoc) -> Iterable[dict[str, Any]]:
    """``sentences.jsonl`` lines: original offsets and the original text at them."""
    for s in doc.sentences:
        yield {"doc": s.doc, "index": s.index, "start": s.start, "end": s.end, "text": s.text}


def mention_records(annotated: AnnotatedDoc) -> Iterable[dict[str, Any]]:
    """``mentions.jsonl`` lines: where each name stands, what it names, which rule found it."""
    for m in annotated.mentions:
        yield {
            "doc": m.doc,
            "sentence": m.sentence,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "type": m.type,
            "entity": m.entity,
            "name": m.name,
            "rule": m.rule,
        }


def relation_records(graph: KnowledgeGraph) -> Iterable[dict[str, Any]]:
    """``relations.jsonl`` lines: head, predicate, tail (ids), weight and every piece of evidence."""
    for r in graph.relations:
        yield {
            "head": r.head,
            "predicate": r.predicate,
            "tail": r.tail,
            "position": r.position,
            "weight": r.weight,
            "evidence": [asdict(e) for e in r.evidence],
        }


def write_jsonl_outputs(
    stage: StagedOutput,
    annotated: list[AnnotatedDoc],
    relations: list[DocumentRelations],
    graph: KnowledgeGraph,
) -> None:
    """Stage texts/, sentences, documents, mentions, entities and relations."""
    for a in annotated:
        stage.write_text(f"texts/{a.doc.source.id}.txt", a.doc.source.text)
    stage.write_text("sentences.jsonl", jsonl(r for a in annotated for r in sentence_records(a.doc)))
    stage.write_text("documents.jsonl", jsonl(document_record(a, r) for a, r in zip(annotated, relations, strict=True)))
    stage.write_text("mentions.jsonl", jsonl(r for a in annotated for r in mention_records(a)))
    stage.write_text(
        "entities.jsonl",
        jsonl({**asdict(e), "aliases": list(e.aliases), "documents": list(e.documents)} for e in graph.entities),
    )
    stage.write_text("relations.jsonl", jsonl(relation_records(graph)))
