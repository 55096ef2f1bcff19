"""Export: writing a build's results — JSON Lines, Turtle, GraphML/GEXF and the HTML graph.

``write_outputs`` is the entry point; everything goes through ``StagedOutput`` so a failed or
interrupted build never leaves a half-written output folder.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from kg.export.atomic import StagedOutput
from kg.export.html import write_html
from kg.export.jsonl import write_jsonl_outputs
from kg.export.nx import write_networkx_files
from kg.export.rdf import write_rdf
from kg.model import AnnotatedDoc, KnowledgeGraph
from kg.relations import DocumentRelations


def write_graph_files(stage: StagedOutput, graph: KnowledgeGraph) -> dict[str, float]:
    """Stage the graph in each of its formats (one writer per format module); seconds per format."""
    timings = {}
    for name, writer in (
        ("write_networkx", write_networkx_files),
        ("write_rdf", write_rdf),
        ("write_html", write_html),
    ):
        clock = time.perf_counter()
        writer(stage, graph)
        timings[name] = time.perf_counter() - clock
    return timings


def write_outputs(
    stage: StagedOutput,
    annotated: list[AnnotatedDoc],
    relations: list[DocumentRelations],
    graph: KnowledgeGraph,
    report: Callable[[dict[str, float]], dict[str, Any]],
) -> None:
    """Stage every output of a build: the JSON Lines files, the graph files, and last the report,
    which ``report`` makes from the seconds each writer took."""
    clock = time.perf_counter()
    write_jsonl_outputs(stage, annotated, relations, graph)
    timings = {"write_jsonl": time.perf_counter() - clock, **write_graph_files(stage, graph)}
    stage.write_text("report.json", json.dumps(report(timings), ensure_ascii=False, indent=1) + "\n")


__all__ = ["StagedOutput", "write_graph_files", "write_outputs"]
