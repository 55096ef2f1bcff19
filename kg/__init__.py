"""kg: knowledge graphs of places, projects and numbered slogans from Chinese policy documents.

The data flow is one subpackage per stage: ingest → nlp → relations → graph → export, wired by
``kg.cli``. See README.md for the two commands that set up and run everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.load import load_graph

__version__ = "0.1.0"
__all__ = ["__version__", "load_graph"]


def __getattr__(name: str) -> Any:
    """``kg.load_graph``, imported on first use: networkx takes ≈ 0.2 s to import, which every
    ``kg`` command and every ``import kg.…`` would otherwise pay."""
    if name == "load_graph":
        from kg.load import load_graph

        return load_graph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
