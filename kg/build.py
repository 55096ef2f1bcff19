"""``kg build``: the whole chain, from input paths to a written output folder.

``run_build`` wires the stages: discover and ingest every document (skipping, with a reason,
those that cannot be read), then stage and commit the outputs atomically.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError
from kg.export import StagedOutput, write_outputs
from kg.graph import build_graph
from kg.ingest import Skipped, discover, ingest
from kg.model import KnowledgeGraph, PreparedDoc
from kg.nlp.model import load_pipeline
from kg.nlp.pipeline import add_entity_component, annotate
from kg.relations import extract
from kg.rules import load_rules


class NothingBuilt(KgError):
    """No output was written; ``skipped`` says what could not be read and why."""

    def __init__(self, message: str, skipped: list[Skipped]) -> None:
        super().__init__(message)
        self.skipped = skipped


@dataclass(frozen=True)
class BuildOptions:
    """What ``kg build`` was asked to do."""

    inputs: tuple[Path, ...]
    out: Path
    rules_dir: Path | None = None
    encoding: str | None = None
    strict: bool = False


@dataclass
class BuildResult:
    """What a build read, skipped and wrote, with timings per stage (seconds)."""

    documents: list[PreparedDoc] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    mentions: int = 0
    graph: KnowledgeGraph | None = None

    @property
    def chars(self) -> int:
        return sum(len(d.source.text) for d in self.documents)

    def report(self) -> dict[str, Any]:
        """The content of ``report.json``."""
        return {
            "documents_read": len(self.documents),
            "documents_skipped": len(self.skipped),
            "characters": self.chars,
            "sentences": sum(len(d.sentences) for d in self.documents),
            "mentions": self.mentions,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "warnings": self.warnings,
            "documents": [
                {
                    "doc": d.source.id,
                    "path": str(d.source.path),
                    "encoding": d.source.encoding,
                    "script": d.script,
                    "chars": len(d.source.text),
                    "sentences": len(d.sentences),
                }
                for d in self.documents
            ],
            "timings_seconds": {k: round(v, 3) for k, v in self.timings.items()},
        }


Progress = Callable[[Iterable[Any]], Iterable[Any]]


def run_build(options: BuildOptions, progress: Progress = lambda items: items) -> BuildResult:
    """Read every input document and write the outputs; raises ``KgError`` if nothing can be built."""
    result = BuildResult()
    clock = time.perf_counter()
    rules = load_rules(options.rules_dir)
    result.timings["rules"] = time.perf_counter() - clock

    clock = time.perf_counter()
    found, skipped = discover(list(options.inputs))
    result.skipped.extend(skipped)
    for item in progress(found):
        try:
            doc = ingest(item, rules, options.encoding)
        except InputError as exc:
            result.skipped.append(Skipped(exc.path, exc.reason))
            continue
        except Exception as exc:  # a bug must not stop the other documents; it is reported
            result.skipped.append(Skipped(str(item.path), f"internal error while reading: {type(exc).__name__}: {exc}"))
            continue
        result.documents.append(doc)
        result.warnings.extend(f"{item.path}: {w}" for w in doc.warnings)
    result.timings["ingest"] = time.perf_counter() - clock

    if options.strict and result.skipped:
        first = result.skipped[0]
        raise NothingBuilt(
            f"{first.path}: {first.reason} (--strict: nothing written; {len(result.skipped)} skipped)", result.skipped
        )
    if not result.documents:
        where = ", ".join(str(p) for p in options.inputs)
        raise NothingBuilt(f"no document could be read from {where}; nothing written", result.skipped)

    clock = time.perf_counter()
    nlp = add_entity_component(load_pipeline(), rules)
    result.timings["model"] = time.perf_counter() - clock

    clock = time.perf_counter()
    annotated = annotate(result.documents, nlp)
    result.timings["nlp"] = time.perf_counter() - clock
    result.mentions = sum(len(a.mentions) for a in annotated)

    clock = time.perf_counter()
    relations = extract(annotated, rules)
    result.timings["relations"] = time.perf_counter() - clock

    clock = time.perf_counter()
    graph = build_graph(annotated, relations, rules)
    result.timings["graph"] = time.perf_counter() - clock
    result.graph = graph

    clock = time.perf_counter()
    with StagedOutput(options.out) as stage:

        def report(write_timings: dict[str, float]) -> dict[str, Any]:
            result.timings.update(write_timings)
            return result.report()

        write_outputs(stage, annotated, relations, graph, report)
        stage.commit()
    result.timings["write"] = time.perf_counter() - clock
    return result
