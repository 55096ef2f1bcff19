"""Graph: entities resolved across mentions and documents, and the relations between them."""

from kg.graph.resolve import corpus_entities, document_summary

__all__ = ["corpus_entities", "document_summary"]
