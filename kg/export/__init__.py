"""Export: writing a build's results (JSONL now; Turtle, GraphML and HTML come with the graph).

``write_outputs`` is the entry point; everything goes through ``StagedOutput`` so a failed or
interrupted build never leaves a half-written output folder.
"""

from kg.export.atomic import StagedOutput
from kg.export.jsonl import write_outputs

__all__ = ["StagedOutput", "write_outputs"]
