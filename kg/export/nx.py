"""The graph for networkx, GraphML and GEXF: ``to_networkx`` (pure) and ``write_networkx_files``.

The networkx graph is a ``MultiDiGraph``:

- nodes are the entities (id → ``type``, ``name``, ``label`` (= name, what Gephi shows),
  ``aliases``, ``code`` (only where there is one), ``mentions``, ``documents``) and the documents
  (doc id → ``type="Document"``, ``name``, ``label``, ``path``, ``chars``, ``script``,
  ``sentences``, ``mentions``), so that a file is enough to ask which document names what;
- edges are the relations, keyed by predicate (``hasMember:<position>`` for members, and any
  other relation with a position), with ``predicate``, ``weight`` (the number of distinct
  sentences that support it), ``position`` (0 unless it is an ordered member) and ``evidence``
  (a list of ``{doc, sentence, start, end, rule}``: original offsets, as in relations.jsonl);
- ``mentionedIn`` edges go from each entity to each document that names it: weight = sentences
  naming it there, evidence = each mention.

Sentence text is left out of evidence: it would triple the files (measured: 1.5 MB of sentence
text for 0.4 MB of evidence on the bundled corpus); ``OUT/sentences.jsonl`` has it by
``(doc, sentence)``. Attributes that would be empty strings are left out, because GraphML reads an
empty value back as a missing one.

In the files, lists and dicts are JSON strings (named in the graph attribute
``kg_json_attributes``, which ``kg.load_graph`` uses to decode them), characters XML 1.0 forbids
are replaced with U+FFFD, and nodes and edges are sorted, so the same graph gives the same bytes.
"""

from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.errors import OutputError
from kg.export.atomic import StagedOutput
from kg.load import GEXF, GRAPHML, JSON_ATTRIBUTES
from kg.model import Evidence, KnowledgeGraph, Mention, Relation

DOCUMENT = "Document"
MENTIONED_IN = "mentionedIn"

# Everything outside XML 1.0's Char production (C0 controls but tab/LF/CR, surrogates, U+FFFE/F).
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character that XML 1.0 forbids replaced by U+FFFD (same length), so a
    stray form feed cannot make a file that no XML parser reads."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def edge_key(predicate: str, position: int) -> str:
    """The multigraph key of a relation: its predicate, plus the position for ordered members."""
    return f"{predicate}:{position}" if position else predicate


def _attributes(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v != ""}


def _evidence(evidence: Iterable[Evidence]) -> list[dict[str, Any]]:
    return [{"doc": e.doc, "sentence": e.sentence, "start": e.start, "end": e.end, "rule": e.rule} for e in evidence]


def _edge(relation: Relation) -> tuple[str, str, str, dict[str, Any]]:
    attributes = _attributes(
        predicate=relation.predicate,
        weight=relation.weight,
        position=relation.position,
        evidence=_evidence(relation.evidence),
    )
    return relation.head, relation.tail, edge_key(relation.predicate, relation.position), attributes


def mentioned_in(mentions: Iterable[Mention]) -> list[Relation]:
    """One ``mentionedIn`` relation per entity and document that names it, each mention its evidence."""
    found: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for m in mentions:
        found[(m.entity, m.doc)].append(Evidence(m.doc, m.sentence, m.start, m.end, m.rule))
    return [
        Relation(entity, MENTIONED_IN, doc, tuple(sorted(evidence, key=lambda e: (e.sentence, e.start, e.end))))
        for (entity, doc), evidence in sorted(found.items())
    ]


def to_networkx(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    """The knowledge graph as a networkx ``MultiDiGraph`` (see the module docstring for the
    schema): entities and documents as nodes, relations and ``mentionedIn`` as keyed edges, added
    in sorted order so that iteration (and every file written from it) is deterministic."""
    g = nx.MultiDiGraph()
    for e in sorted(graph.entities, key=lambda e: e.id):
        g.add_node(
            e.id,
            **_attributes(
                type=e.type,
                name=e.name,
                label=e.name,
                aliases=list(e.aliases),
                code=e.code,
                mentions=e.mentions,
                documents=list(e.documents),
            ),
        )
    per_doc: dict[str, int] = defaultdict(int)
    for m in graph.mentions:
        per_doc[m.doc] += 1
    for d in sorted(graph.documents, key=lambda d: d.id):
        if d.id in g:
            raise OutputError(f"{d.path}: document id {d.id!r} is also an entity id; rename the file")
        g.add_node(
            d.id,
            **_attributes(
                type=DOCUMENT,
                name=d.id,
                label=d.id,
                path=d.path,
                chars=d.chars,
                script=d.script,
                sentences=d.sentences,
                mentions=per_doc[d.id],
            ),
        )
    edges = [_edge(r) for r in (*graph.relations, *mentioned_in(graph.mentions))]
    for head, tail, key, attributes in sorted(edges, key=lambda edge: edge[:3]):
        g.add_edge(head, tail, key=key, **attributes)
    return g


def _file_value(value: Any) -> Any:
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple | dict):
        return xml_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    return value


def file_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` that GraphML and GEXF can hold: list/dict attributes as compact JSON
    strings (their names listed in the graph attribute ``kg_json_attributes``) and every string
    (ids and keys too) made XML-safe."""
    out = nx.MultiDiGraph()
    structured: set[str] = set()

    def convert(data: dict[str, Any]) -> dict[str, Any]:
        structured.update(k for k, v in data.items() if isinstance(v, list | tuple | dict))
        return {xml_safe(str(k)): _file_value(v) for k, v in data.items()}

    out.graph.update(convert(graph.graph))
    for node, data in graph.nodes(data=True):
        out.add_node(xml_safe(str(node)), **convert(data))
    for head, tail, key, data in graph.edges(keys=True, data=True):
        out.add_edge(xml_safe(str(head)), xml_safe(str(tail)), key=xml_safe(str(key)), **convert(data))
    out.graph[JSON_ATTRIBUTES] = json.dumps(sorted(structured))
    return out


def graphml_text(graph: nx.MultiDiGraph) -> str:
    """The GraphML document of a file-ready graph (lxml writer: it escapes CR, so text survives)."""
    buffer = io.BytesIO()
    nx.write_graphml_lxml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def gexf_text(graph: nx.MultiDiGraph) -> str:
    """The GEXF document of a file-ready graph, without the date networkx stamps on it (so the
    same graph gives the same bytes on any day)."""
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True)
    return _GEXF_DATE.sub("", buffer.getvalue().decode("utf-8"), count=1)


def write_networkx_files(stage: StagedOutput, graph: KnowledgeGraph) -> None:
    """Stage ``graph.graphml`` and ``graph.gexf``: the graph for networkx, Gephi, Cytoscape, yEd."""
    ready = file_ready(to_networkx(graph))
    stage.write_text(GRAPHML, graphml_text(ready))
    stage.write_text(GEXF, gexf_text(ready))
