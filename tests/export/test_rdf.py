"""graph.ttl and ontology.ttl: parseable by independent parsers, deterministic, with safe IRIs,
every term described, and every mention and relation traceable to its evidence."""

from __future__ import annotations

import pickle
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, URIRef
from rdflib.collection import Collection

from kg.export import rdf
from kg.model import DocumentInfo, Entity, Evidence, KnowledgeGraph, MemberList, Mention, Relation, Sentence
from kg.relations import member_id

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
LIST_MACHINERY = {RDF_NS + "type", RDF_NS + "first", RDF_NS + "rest"}
PREFIXES = "\n".join(f"PREFIX {name}: <{ns}>" for name, ns in rdf.VOCABULARIES.items()) + "\n"

SLOGAN = "六大提升行动"
MEMBERS = ("产业提升", "城镇提升", "吉隆县", "生态提升", "民生提升", "治理提升")


def member_graph() -> KnowledgeGraph:
    """A small graph with a slogan whose members two documents list: one complete list of six
    (the third a named county), one cut short by 等; document ids need the hash fallback."""
    doc_a, doc_b = "政策/a.txt", "b:2024.txt"
    text_a = f"实施{SLOGAN}:" + "、".join(MEMBERS) + "。"
    text_b = f"推进{SLOGAN},即{'、'.join(MEMBERS[:3])}等。"
    sentences = {(doc_a, 0): Sentence(doc_a, 0, 0, len(text_a), text_a, 0, len(text_a))}
    sentences[(doc_b, 3)] = Sentence(doc_b, 3, 40, 40 + len(text_b), text_b, 40, 40 + len(text_b))
    ev_a = Evidence(doc_a, 0, 2, len(text_a) - 1, "slogan:members")
    ev_b = Evidence(doc_b, 3, 42, 40 + len(text_b) - 2, "slogan:members")
    tails = [member_id(m) if m != "吉隆县" else "540234" for m in MEMBERS]
    # as the graph stage merges them: positions 1-3 are stated by both documents
    relations = [
        Relation("Slogan-liu", "hasMember", t, (ev_a, ev_b)[: 2 if i <= 3 else 1], i) for i, t in enumerate(tails, 1)
    ]
    at = text_a.index("吉隆县")
    county = Mention(doc_a, 0, at, at + 3, "吉隆县", "吉隆县", "County", "吉隆县", "540234", "gazetteer")
    slogan = Mention(doc_a, 0, 2, 2 + len(SLOGAN), SLOGAN, SLOGAN, "Slogan", SLOGAN, "Slogan-liu", "slogan:known")
    entities = [
        Entity("540234", "County", "吉隆县", ("吉隆县",), "540234000000", 1, (doc_a,)),
        Entity("Slogan-liu", "Slogan", SLOGAN, (SLOGAN,), "", 1, (doc_a,)),
        *(Entity(member_id(m), "Concept", m, (m,), "", 1, (doc_a,)) for m in MEMBERS if m != "吉隆县"),
    ]
    return KnowledgeGraph(
        (
            DocumentInfo(doc_a, "in/政策/a.txt", len(text_a), "Simplified", 1),
            DocumentInfo(doc_b, "in/b:2024.txt", 40 + len(text_b), "Simplified", 4),
        ),
        tuple(sorted(entities, key=lambda e: e.id)),
        (slogan, county),
        tuple(sorted(relations, key=lambda r: (r.head, r.predicate, r.tail, r.position))),
        (
            MemberList(doc_a, "Slogan-liu", MEMBERS, True, ev_a),
            MemberList(doc_b, "Slogan-liu", MEMBERS[:3], False, ev_b),
        ),
        sentences,
    )


def _store(*texts: str) -> ox.Store:
    store = ox.Store()
    for text in texts:
        store.load(text, format=ox.RdfFormat.TURTLE)
    return store


def _select(store: ox.Store, query: str) -> list[tuple]:
    return [tuple(None if t is None else t.value for t in row) for row in store.query(PREFIXES + query)]


@pytest.fixture(scope="module")
def turtle(bundled) -> str:
    return (bundled.out / "graph.ttl").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rdf_graph(graph):
    """The bundled graph as rdflib builds it."""
    return rdf.to_rdf(graph)


@pytest.fixture(scope="module")
def store(turtle) -> ox.Store:
    return _store(turtle, rdf.ontology_text())


def test_build_writes_the_graph_and_the_shipped_ontology(bundled, graph, turtle):
    assert (bundled.out / "ontology.ttl").read_text(encoding="utf-8") == rdf.ontology_text()
    assert turtle == rdf.to_turtle(graph)  # a second serialization gives the same bytes


def test_turtle_is_byte_identical_in_another_process(graph, turtle, tmp_path):
    pickled = tmp_path / "graph.pkl"
    pickled.write_bytes(pickle.dumps(graph))
    script = "import pickle,sys; from kg.export.rdf import to_turtle; sys.stdout.buffer.write("
    script += f"to_turtle(pickle.load(open({str(pickled)!r}, 'rb'))).encode())"
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, env={"PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr.decode()
        assert done.stdout == turtle.encode("utf-8")


def test_pyoxigraph_reads_every_triple(rdf_graph, turtle):
    assert len(list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))) == len(rdf_graph)


def _rapper_count(path: Path) -> int:
    if shutil.which("rapper") is None:
        pytest.fail("rapper is not installed: install Debian's raptor2-utils (make system-deps)")
    done = subprocess.run(["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower(), done.stderr
    return int(re.search(r"returned (\d+) triples", done.stderr).group(1))


def test_rapper_reads_graph_and_ontology(bundled, rdf_graph, tmp_path):
    assert _rapper_count(bundled.out / "graph.ttl") == len(rdf_graph)
    assert _rapper_count(bundled.out / "ontology.ttl") == len(
        list(ox.parse(rdf.ontology_text(), format=ox.RdfFormat.TURTLE))
    )
    small = tmp_path / "members.ttl"
    small.write_text(rdf.to_turtle(member_graph()), encoding="utf-8")
    assert _rapper_count(small) == len(rdf.to_rdf(member_graph()))


def _iris(turtle: str) -> set[str]:
    out = set()
    for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE):
        out |= {term.value for term in (t.subject, t.predicate, t.object) if isinstance(term, ox.NamedNode)}
    return out


def test_every_iri_is_ascii_opaque_and_valid(turtle):
    iris = _iris(turtle) | _iris(rdf.to_turtle(member_graph()))
    for iri in iris:
        assert iri.isascii(), iri
        assert ox.NamedNode(iri).value == iri
        if iri.startswith(rdf.ID):
            assert re.fullmatch(r"[A-Za-z]+/[A-Za-z0-9_-][A-Za-z0-9_.-]*", iri[len(rdf.ID) :]), iri


def test_entity_iris_are_built_from_their_ids(graph, store):
    county = graph.entity("540234")
    assert (county.type, county.name) == ("County", "吉隆县")
    rows = _select(
        store, f"SELECT ?label ?id WHERE {{ <{rdf.ID}County/540234> skos:prefLabel ?label ; dcterms:identifier ?id }}"
    )
    assert rows == [("吉隆县", "540234")]
    by_id = dict(_select(store, "SELECT ?id ?e WHERE { ?e dcterms:identifier ?id ; skos:prefLabel [] }"))
    assert set(by_id) == {e.id for e in graph.entities}
    assert all(by_id[e.id] == f"{rdf.ID}{e.type}/{e.id}" for e in graph.entities)


@given(st.text(max_size=40))
def test_local_names_are_safe_and_distinct(value):
    name = rdf.local_name(value)
    assert re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*", name)
    assert ox.NamedNode(rdf.ID + "X/" + name)
    if re.fullmatch(r"[A-Za-z0-9_-]+", value):
        assert name == value
    else:
        assert "." in name  # never equal to a plain id
        assert rdf.local_name(value + "x") != name


def test_unsafe_ids_get_distinct_parseable_iris(tmp_path):
    ids = ["a:b", "a.b", "a_b", "吉隆县", "-x", "x y", "", "../up", "a/b"]
    entities = tuple(Entity(i, "Park", f"园区{n}", (), "", 0, ()) for n, i in enumerate(ids))
    graph = KnowledgeGraph((), entities, (), (), (), {})
    turtle = rdf.to_turtle(graph)
    by_id = dict(_select(_store(turtle), "SELECT ?id ?e WHERE { ?e dcterms:identifier ?id }"))
    assert set(by_id) == set(ids)
    assert len(set(by_id.values())) == len(ids)
    assert all(iri.isascii() for iri in by_id.values())
    path = tmp_path / "odd.ttl"
    path.write_text(turtle, encoding="utf-8")
    assert _rapper_count(path) == len(rdf.to_rdf(graph))


def _declared(ontology: ox.Store) -> dict[str, set[str]]:
    """Each term the ontology describes: the languages of its rdfs:label, and "comment"."""
    out: dict[str, set[str]] = {}
    for row in ontology.query(f"SELECT ?t ?label WHERE {{ ?t <{RDFS_NS}label> ?label }}"):
        out.setdefault(row["t"].value, set()).add(row["label"].language)
    for row in ontology.query(f"SELECT ?t WHERE {{ ?t <{RDFS_NS}comment> [] }}"):
        out.setdefault(row["t"].value, set()).add("comment")
    return out


def _used(turtle: str) -> set[str]:
    out = set()
    for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE):
        out.add(t.predicate.value)
        if t.predicate.value == RDF_NS + "type":
            out.add(t.object.value)
    return out - LIST_MACHINERY


def test_every_term_used_is_declared_with_chinese_and_english_labels(turtle):
    declared = _declared(_store(rdf.ontology_text()))
    used = _used(turtle) | _used(rdf.to_turtle(member_graph()))
    assert {str(rdf.KG.hasMember), str(rdf.KG.position), str(rdf.KG.complete), str(rdf.KG.locatedIn)} <= used
    for term in sorted(used):
        assert {"zh", "en", "comment"} <= declared.get(term, set()), f"{term} is not described in ontology.ttl"


def test_ontology_covers_every_type_and_relation_and_aligns_with_standards():
    onto = _store(rdf.ontology_text())
    declared = _declared(onto)
    relations = ("locatedIn", "facesCountry", "hasMember", "partOf", "implements", "proposedBy", "mentionedIn")
    for name in (*rdf.ENTITY_TYPES, *relations, "coOccursWith"):
        assert {"zh", "en", "comment"} <= declared.get(str(rdf.KG[name]), set()), name
    supers = set(_select(onto, "SELECT ?c ?super WHERE { ?c rdfs:subClassOf+ ?super }"))
    for name, standard in [
        ("County", "https://schema.org/Place"),
        ("Port", "https://schema.org/Place"),
        ("Country", "https://schema.org/Country"),
        ("Organization", "https://schema.org/Organization"),
        ("Slogan", "http://www.w3.org/2004/02/skos/core#Concept"),
        ("Concept", "http://www.w3.org/2004/02/skos/core#Concept"),
        ("Document", "http://www.w3.org/ns/prov#Entity"),
        ("MemberList", "http://www.w3.org/2004/02/skos/core#OrderedCollection"),
    ]:
        assert (str(rdf.KG[name]), standard) in supers, name


def test_only_list_cells_are_blank_nodes(rdf_graph):
    for g in (rdf_graph, rdf.to_rdf(member_graph())):
        for s, p, o in g:
            if isinstance(s, BNode):
                assert str(p) in (RDF_NS + "first", RDF_NS + "rest")
            if isinstance(o, BNode):
                assert str(p) in (RDF_NS + "rest", "http://www.w3.org/2004/02/skos/core#memberList")


def test_every_mention_is_a_node_with_its_offsets_text_and_sentence(bundled, graph, store):
    rows = _select(
        store,
        """SELECT ?doc ?begin ?end ?text ?entity ?rule ?sentence ?sbegin ?send WHERE {
             ?m a kg:Mention ; itsrdf:taIdentRef/dcterms:identifier ?entity ;
                nif:referenceContext/dcterms:identifier ?doc ; nif:beginIndex ?begin ; nif:endIndex ?end ;
                nif:anchorOf ?text ; kg:rule ?rule ; nif:sentence ?s .
             ?s nif:anchorOf ?sentence ; nif:beginIndex ?sbegin ; nif:endIndex ?send ; nif:referenceContext ?d2 .
             ?m nif:referenceContext ?d2 }""",
    )
    got = [(d, int(b), int(e), t, ent, rule) for d, b, e, t, ent, rule, *_ in rows]
    expected = {(m.doc, m.start, m.end, m.text, m.entity, m.rule) for m in graph.mentions}
    assert len(got) == len(expected) and set(got) == expected
    texts = {d.id: (bundled.out / "texts" / f"{d.id}.txt").read_text(encoding="utf-8") for d in graph.documents}
    for doc, begin, end, text, _, _, sentence, sbegin, send in rows:
        b, e, sb, se = map(int, (begin, end, sbegin, send))
        assert texts[doc][b:e] == text
        assert texts[doc][sb:se] == sentence and sb <= b < e <= se


DIRECT = """SELECT ?h ?p ?t WHERE {
  ?st rdf:subject ?hs ; rdf:predicate ?p ; rdf:object ?ts .
  ?hs ?p ?ts ; dcterms:identifier ?h .
  ?ts dcterms:identifier ?t }"""
CO_OCCURS = """SELECT ?h ?t ?w (COUNT(?s) AS ?n) WHERE {
  ?st rdf:predicate kg:coOccursWith ; kg:weight ?w ; prov:wasDerivedFrom ?s ;
      rdf:subject/dcterms:identifier ?h ; rdf:object/dcterms:identifier ?t .
  ?s a nif:Sentence }
GROUP BY ?h ?t ?w"""
EVIDENCE = """SELECT ?h ?p ?t ?doc ?sentence ?begin ?end ?rule WHERE {
  ?st rdf:predicate ?p ; prov:wasDerivedFrom ?e ;
      rdf:subject/dcterms:identifier ?h ; rdf:object/dcterms:identifier ?t .
  ?e a kg:Evidence ; nif:referenceContext/dcterms:identifier ?doc ; nif:sentence/kg:sentenceIndex ?sentence ;
     nif:beginIndex ?begin ; nif:endIndex ?end ; kg:rule ?rule }"""


def test_every_relation_is_a_direct_triple_and_a_statement_with_its_evidence(graph, store):
    direct = Counter(_select(store, DIRECT))
    assert direct == Counter((r.head, str(rdf.term_iri(r.predicate)), r.tail) for r in graph.relations)
    weights = {(h, t): (int(w), int(n)) for h, t, w, n in _select(store, CO_OCCURS)}
    assert weights == {(r.head, r.tail): (r.weight, r.weight) for r in graph.relations if r.predicate == "coOccursWith"}
    evidence = {(h, p, t, d, int(s), int(b), int(e), rule) for h, p, t, d, s, b, e, rule in _select(store, EVIDENCE)}
    assert evidence == {
        (r.head, str(rdf.term_iri(r.predicate)), r.tail, e.doc, e.sentence, e.start, e.end, e.rule)
        for r in graph.relations
        if r.predicate != "coOccursWith"
        for e in r.evidence
    }


def test_jilong_port_facts_are_stated_with_their_sentence(store):
    port = f"<{rdf.ID}Port/port-jilong>"
    rows = _select(
        store,
        f"""SELECT ?county ?country ?sentence WHERE {{
              {port} kg:locatedIn/skos:prefLabel ?county ; kg:facesCountry/skos:prefLabel ?country .
              ?st rdf:subject {port} ; rdf:predicate kg:facesCountry ;
                  prov:wasDerivedFrom/nif:sentence/nif:anchorOf ?sentence }}""",
    )
    assert {(county, country) for county, country, _ in rows} == {("吉隆县", "尼泊尔")}
    assert rows and all("吉隆口岸" in sentence for _, _, sentence in rows)


def test_member_lists_are_ordered_and_say_whether_complete():
    store = _store(rdf.to_turtle(member_graph()))
    rows = _select(
        store,
        """SELECT ?doc ?complete ?member WHERE {
             ?s skos:prefLabel "六大提升行动"@zh ; kg:hasMemberList ?l .
             ?l kg:complete ?complete ; prov:wasDerivedFrom/nif:referenceContext/dcterms:identifier ?doc ;
                skos:memberList/rdf:rest*/rdf:first/skos:prefLabel ?member }""",
    )
    lists: dict[tuple[str, str], list[str]] = {}
    for doc, complete, member in rows:
        lists.setdefault((doc, complete), []).append(member)
    assert {k: sorted(v) for k, v in lists.items()} == {
        ("政策/a.txt", "true"): sorted(MEMBERS),
        ("b:2024.txt", "false"): sorted(MEMBERS[:3]),
    }
    # the order, read cell by cell from the list's head
    g = rdf.to_rdf(member_graph())
    complete = [ml for ml, _, value in g.triples((None, rdf.KG.complete, None)) if value.toPython() is True]
    head = g.value(complete[0], rdf.SKOS.memberList)
    assert [str(g.value(m, rdf.SKOS.prefLabel)) for m in Collection(g, head)] == list(MEMBERS)
    third = "SELECT DISTINCT ?m WHERE { ?st rdf:predicate kg:hasMember ; kg:position 3 ; rdf:object/skos:prefLabel ?m }"
    third = _select(store, third)
    assert third == [("吉隆县",)]
    # the named member is the county itself, not a concept of the same name
    assert _select(store, 'SELECT ?t WHERE { ?s kg:hasMember ?m . ?m skos:prefLabel "吉隆县"@zh ; a ?t }') == [
        (str(rdf.KG.County),)
    ]


def test_member_without_relation_falls_back_to_its_name():
    graph = member_graph()
    bare = KnowledgeGraph(graph.documents, graph.entities, graph.mentions, (), graph.members, graph.sentences)
    assert rdf.member_entities(bare.members[0], bare) == ["540234" if m == "吉隆县" else member_id(m) for m in MEMBERS]


def test_any_predicate_becomes_a_kg_property():
    ev = Evidence("d", 0, 0, 2, "rule:x")
    entities = (Entity("a", "Project", "甲工程", (), "", 0, ()), Entity("b", "Project", "乙工程", (), "", 0, ()))
    relations = (Relation("a", "partOf", "b", (ev,)), Relation("a", "odd predicate:x", "b", (ev,)))
    g = rdf.to_rdf(KnowledgeGraph((), entities, (), relations, (), {}))
    head, tail = URIRef(f"{rdf.ID}Project/a"), URIRef(f"{rdf.ID}Project/b")
    assert (head, rdf.KG.partOf, tail) in g
    odd = [p for _, p, _ in g.triples((head, None, tail))]
    assert len(odd) == 2 and all(str(p).isascii() and ox.NamedNode(str(p)) for p in odd)
