"""Export: writing a build's results — JSON Lines, Turtle, GraphML/GEXF and the HTML graph.

``write_outputs`` is the entry point; everything goes through ``StagedOutput`` so a failed or
interrupted build never leaves a half-written output folder.
"""

from __future__ import annotations

import json
from typing import Any

from kg.export.atomic import StagedOutput
from kg.export.html import write_html
from kg.export.jsonl import write_jsonl_outputs
from kg.export.nx import write_networkx_files
from kg.export.rdf import write_rdf
from kg.model import AnnotatedDoc, KnowledgeGraph
from kg.relations import DocumentRelations


def write_graph_files(stage: StagedOutput, graph: KnowledgeGraph) -> None:
    """Stage the graph in each of its formats (one writer per format module)."""
    write_networkx_files(stage, graph)
    write_rdf(stage, graph)
    write_html(stage, graph)


def write_outputs(
    stage: StagedOutput,
    annotated: list[AnnotatedDoc],
    relations: list[DocumentRelations],
    graph: KnowledgeGraph,
    report: dict[str, Any],
) -> None:
    """Stage every output of a build: the JSON Lines files, the graph files and the report."""
    write_jsonl_outputs(stage, annotated, relations, graph)
    write_graph_files(stage, graph)
    stage.write_text("report.json", json.dumps(report, ensure_ascii=False, indent=1) + "\n")


__all__ = ["StagedOutput", "write_graph_files", "write_outputs"]
