"""Reading a build's graph back: ``load_graph(OUT)`` gives the networkx graph ``kg build`` wrote.

This is I/O at the edge: it reads ``OUT/graph.graphml`` (written by ``kg.export.nx``) and needs
nothing of the pipeline, so a notebook can use it without loading any language model. GraphML
cannot hold lists or dicts, so the writer stores them as JSON strings and names those attributes
in the graph attribute ``JSON_ATTRIBUTES``; here they are decoded back.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx

from kg.errors import KgError

GRAPHML = "graph.graphml"
GEXF = "graph.gexf"
# Graph attribute of the files: a JSON list of the node/edge attribute names whose values are JSON.
JSON_ATTRIBUTES = "kg_json_attributes"


def graphml_path(path: str | os.PathLike[str]) -> Path:
    """The GraphML file a path stands for: ``path/graph.graphml`` for a folder, else the path itself
    (a one-line ``KgError`` if there is none, so a wrong folder is reported before parsing)."""
    given = Path(path)
    if given.is_dir():
        target = given / GRAPHML
        if not target.is_file():
            raise KgError(f"{given}: no {GRAPHML} in this folder; build one with `kg build <documents> -o {given}`")
        return target
    if not given.exists():
        raise KgError(f"{given}: no such file or folder (expected a kg build's output folder or its {GRAPHML})")
    return given


def decode_json_attributes(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Turn the JSON-string attributes the file names back into lists/dicts (in place, and return
    the graph), and drop the file-only graph attributes so the result equals what was written."""
    names = set(json.loads(graph.graph.pop(JSON_ATTRIBUTES, "[]")))
    for key in ("node_default", "edge_default"):
        if not graph.graph.get(key, True):
            del graph.graph[key]
    if not names:
        return graph
    data: list[dict[str, Any]] = [d for _, d in graph.nodes(data=True)]
    data += [d for *_, d in graph.edges(keys=True, data=True)]
    for attributes in data:
        for name in names & attributes.keys():
            if isinstance(attributes[name], str):
                attributes[name] = json.loads(attributes[name])
    return graph


def _first_line(exc: BaseException) -> str:
    text = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
    return text.splitlines()[0] if text.strip() else type(exc).__name__


def load_graph(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """The graph of a build as a networkx ``MultiDiGraph``: ``path`` is the build's output folder or
    its ``graph.graphml``. Node and edge attributes come back as written: lists and dicts decoded
    from their JSON strings, numbers as numbers; edge keys are the predicates (``hasMember:2``)."""
    source = graphml_path(path)
    try:
        graph = nx.read_graphml(source, node_type=str, edge_key_type=str, force_multigraph=True)
    except (ParseError, nx.NetworkXError, OSError, ValueError) as exc:
        raise KgError(f"{source}: not a readable GraphML graph: {_first_line(exc)}") from exc
    try:
        return decode_json_attributes(graph)
    except json.JSONDecodeError as exc:
        raise KgError(f"{source}: an attribute named in {JSON_ATTRIBUTES} is not valid JSON: {exc}") from exc
