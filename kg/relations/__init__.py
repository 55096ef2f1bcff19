"""Relations: the links a document states or implies between the entities it mentions.

``extract(annotated, rules)`` is the stage's entry point. It returns, per document, the relations
with their evidence (which sentence, which span, which rule) and the slogan member lists; the
graph stage merges them across documents.
"""

from kg.relations.extract import MEMBER_TYPE, DocumentRelations, extract, member_id

__all__ = ["MEMBER_TYPE", "DocumentRelations", "extract", "member_id"]
