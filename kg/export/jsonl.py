"""JSON Lines outputs: documents, sentences, and the decoded texts offsets refer to."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from kg.export.atomic import StagedOutput
from kg.model import PreparedDoc


def jsonl(records: Iterable[dict[str, Any]]) -> str:
    """One compact JSON object per line, UTF-8 characters kept as they are."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def document_record(doc: PreparedDoc) -> dict[str, Any]:
    """A ``documents.jsonl`` line: the gold format of the guidelines plus reading facts."""
    return {
        "doc": doc.source.id,
        "entities": [],
        "slogans": [],
        "located_in": [],
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


def write_outputs(stage: StagedOutput, docs: list[PreparedDoc], report: dict[str, Any]) -> None:
    """Stage texts/, sentences.jsonl, documents.jsonl and report.json."""
    for doc in docs:
        stage.write_text(f"texts/{doc.source.id}.txt", doc.source.text)
    stage.write_text("sentences.jsonl", jsonl(r for d in docs for r in sentence_records(d)))
    stage.write_text("documents.jsonl", jsonl(document_record(d) for d in docs))
    stage.write_text("report.json", json.dumps(report, ensure_ascii=False, indent=1) + "\n")
