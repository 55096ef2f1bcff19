"""Graph: entities resolved across mentions and documents, and the relations between them.

``build_graph`` is the stage's entry point; ``document_summary`` gives one document's gold-format
fields for ``documents.jsonl``.
"""

from kg.graph.build import build_graph, corpus_entities
from kg.graph.resolve import document_summary

__all__ = ["build_graph", "corpus_entities", "document_summary"]
