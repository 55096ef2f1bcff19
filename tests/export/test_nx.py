"""The networkx graph, its GraphML/GEXF files and ``kg.load_graph``, on the bundled corpus."""

from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest

import kg
from kg.errors import KgError
from kg.export.atomic import StagedOutput
from kg.export.nx import (
    DOCUMENT,
    MENTIONED_IN,
    edge_key,
    file_ready,
    gexf_text,
    graphml_text,
    to_networkx,
    write_networkx_files,
    xml_safe,
)
from kg.model import DocumentInfo, Entity, Evidence, KnowledgeGraph, Mention, Relation


@pytest.fixture(scope="module")
def nxg(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    return to_networkx(graph)


def sorted_edges(g: nx.MultiDiGraph) -> list:
    return sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])


def test_nodes_are_the_entities_and_the_documents(graph, nxg):
    documents = {d.id for d in graph.documents}
    assert set(nxg) == {e.id for e in graph.entities} | documents
    for e in graph.entities:
        node = nxg.nodes[e.id]
        assert (node["type"], node["name"], node["label"], node["mentions"]) == (e.type, e.name, e.name, e.mentions)
        assert node["aliases"] == list(e.aliases)
        assert node["documents"] == list(e.documents)
        assert node.get("code", "") == e.code
    assert nxg.nodes["540234"]["name"] == "吉隆县"
    assert nxg.nodes["540234"]["code"].startswith("540234")
    assert "code" not in nxg.nodes["port-jilong"]  # no code: left out, not ""
    per_doc = Counter(m.doc for m in graph.mentions)
    for d in graph.documents:
        node = nxg.nodes[d.id]
        assert node["type"] == DOCUMENT
        assert (node["path"], node["chars"], node["sentences"], node["mentions"]) == (
            d.path,
            d.chars,
            d.sentences,
            per_doc[d.id],
        )


def test_every_relation_is_one_keyed_edge_with_weight_and_evidence(graph, nxg):
    typed = [e for e in nxg.edges(keys=True, data=True) if e[3]["predicate"] != MENTIONED_IN]
    assert len(typed) == len(graph.relations)
    assert {"coOccursWith", "locatedIn", "facesCountry"} <= {e[3]["predicate"] for e in typed}
    for r in graph.relations:
        data = nxg.edges[r.head, r.tail, edge_key(r.predicate, r.position)]
        assert (data["predicate"], data["position"], data["weight"]) == (r.predicate, r.position, r.weight)
        assert [Evidence(**e) for e in data["evidence"]] == list(r.evidence)
        assert data["weight"] == len({(e["doc"], e["sentence"]) for e in data["evidence"]})
    # the port of Gyirong faces Nepal, as the gazetteer says
    assert nxg.has_edge("port-jilong", "country-np", "facesCountry")


def test_member_edges_are_keyed_by_position():
    slogan = Entity("slogan-x", "Slogan", "两个维护", ("两个维护",), "", 1, ("a.txt",))
    members = [Entity(f"Concept-{i}", "Concept", name, (name,), "", 1, ("a.txt",)) for i, name in enumerate("甲乙")]
    ev = Evidence("a.txt", 0, 0, 4, "members")
    relations = tuple(Relation("slogan-x", "hasMember", m.id, (ev,), position=i + 1) for i, m in enumerate(members))
    g = to_networkx(KnowledgeGraph((), (slogan, *members), (), relations, (), {}))
    assert sorted(g.edges(keys=True)) == [
        ("slogan-x", "Concept-0", "hasMember:1"),
        ("slogan-x", "Concept-1", "hasMember:2"),
    ]
    assert g.edges["slogan-x", "Concept-1", "hasMember:2"]["position"] == 2


def test_mentioned_in_links_each_entity_to_the_documents_naming_it(graph, nxg):
    edges = [(u, v, d) for u, v, k, d in nxg.edges(keys=True, data=True) if k == MENTIONED_IN]
    assert sum(len(d["evidence"]) for *_, d in edges) == len(graph.mentions)
    assert {(u, v) for u, v, _ in edges} == {(m.entity, m.doc) for m in graph.mentions}
    for u, v, d in edges:
        assert nxg.nodes[v]["type"] == DOCUMENT
        assert v in nxg.nodes[u]["documents"]
        assert d["weight"] == len({e["sentence"] for e in d["evidence"]})


def test_load_graph_gives_back_the_graph_that_was_written(bundled, nxg):
    for path in (bundled.out, bundled.out / "graph.graphml", str(bundled.out)):
        loaded = kg.load_graph(path)
        assert isinstance(loaded, nx.MultiDiGraph)
        assert dict(loaded.nodes(data=True)) == dict(nxg.nodes(data=True))
        assert sorted_edges(loaded) == sorted_edges(nxg)
        assert loaded.graph == nxg.graph == {}
    assert isinstance(loaded.nodes["540234"]["mentions"], int)
    assert isinstance(loaded.nodes["540234"]["aliases"], list)


def test_gexf_reads_back_with_its_attributes(bundled, nxg):
    back = nx.read_gexf(bundled.out / "graph.gexf")
    assert set(back) == set(nxg)
    assert back.nodes["540234"]["label"] == "吉隆县"
    assert back.nodes["540234"]["type"] == "County"
    assert json.loads(back.nodes["540234"]["aliases"]) == nxg.nodes["540234"]["aliases"]
    edges = {(u, v, k): d for u, v, k, d in back.edges(keys=True, data=True)}
    assert edges.keys() == set(nxg.edges(keys=True))
    for (u, v, k), data in nxg.edges.items():
        got = edges[u, v, k]
        assert got["weight"] == data["weight"]
        assert got["predicate"] == data["predicate"]
        assert json.loads(got["evidence"]) == data["evidence"]


def test_files_are_byte_identical_whatever_the_input_order(bundled, graph):
    shuffled = KnowledgeGraph(
        tuple(reversed(graph.documents)),
        tuple(reversed(graph.entities)),
        tuple(reversed(graph.mentions)),
        tuple(reversed(graph.relations)),
        graph.members,
        graph.sentences,
    )
    ready = file_ready(to_networkx(shuffled))
    assert graphml_text(ready) == (bundled.out / "graph.graphml").read_text(encoding="utf-8")
    gexf = gexf_text(ready)
    assert gexf == (bundled.out / "graph.gexf").read_text(encoding="utf-8")
    assert "lastmodifieddate" not in gexf  # networkx stamps today's date; we leave it out


def _awkward_graph() -> KnowledgeGraph:
    """A graph with characters XML 1.0 forbids (form feed, NUL, a lone surrogate) and CR/LF/tab."""
    doc = DocumentInfo("a\x0c.txt", "/corpus/a\x0c.txt", 12, "Simplified", 1)
    port = Entity("port-x", "Port", "吉\x0c隆口岸", ("吉\ud800隆",), "", 1, (doc.id,))
    country = Entity("country-np", "Country", "尼泊尔\r\n\t", ("尼泊尔",), "NP", 0, ())
    mention = Mention(doc.id, 0, 0, 4, "吉\x0c隆口岸", "吉隆口岸", "Port", port.name, port.id, "gazetteer")
    faces = Relation(port.id, "facesCountry", country.id, (Evidence(doc.id, 0, 0, 4, "rule\x0c\x00"),))
    return KnowledgeGraph((doc,), (port, country), (mention,), (faces,), (), {})


def test_xml_illegal_characters_cannot_get_into_the_files(tmp_path):
    out = tmp_path / "out"
    with StagedOutput(out) as stage:
        write_networkx_files(stage, _awkward_graph())
        stage.commit()
    for name in ("graph.graphml", "graph.gexf"):
        text = (out / name).read_text(encoding="utf-8")
        assert "\x0c" not in text and "\x00" not in text
    loaded = kg.load_graph(out)
    assert set(loaded) == {"port-x", "country-np", "a\ufffd.txt"}
    assert loaded.nodes["port-x"]["name"] == "吉\ufffd隆口岸"
    assert loaded.nodes["port-x"]["aliases"] == ["吉\ufffd隆"]
    assert loaded.nodes["country-np"]["name"] == "尼泊尔\r\n\t"  # legal controls survive
    # inside JSON the controls are escapes, so they come back exactly
    assert loaded.edges["port-x", "country-np", "facesCountry"]["evidence"][0]["rule"] == "rule\x0c\x00"
    assert loaded.has_edge("port-x", "a\ufffd.txt", MENTIONED_IN)
    gexf = nx.read_gexf(out / "graph.gexf")
    assert gexf.nodes["port-x"]["label"] == "吉\ufffd隆口岸"


def test_xml_safe_keeps_length_and_legal_text():
    assert xml_safe("吉隆\x0c口岸\x00\ud800\ufffe") == "吉隆\ufffd口岸\ufffd\ufffd\ufffd"
    legal = "a\tb\nc\rd 🙂 \ue000"
    assert xml_safe(legal) == legal


def test_load_graph_errors_are_one_line(tmp_path):
    cases = {
        tmp_path: "no graph.graphml",
        tmp_path / "missing": "no such file or folder",
    }
    (tmp_path / "broken.graphml").write_text("<graphml><graph>", encoding="utf-8")
    cases[tmp_path / "broken.graphml"] = "not a readable GraphML graph"
    for path, message in cases.items():
        with pytest.raises(KgError) as caught:
            kg.load_graph(path)
        text = str(caught.value)
        assert message in text and str(path) in text
        assert "\n" not in text
