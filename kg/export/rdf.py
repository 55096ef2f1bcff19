"""RDF export: the knowledge graph as Turtle (``OUT/graph.ttl``) beside its vocabulary (``OUT/ontology.ttl``).

What the graph holds (the vocabulary is ``kg/export/ontology.ttl``, shipped with the package):

- every entity, typed ``kg:<Type>``, with ``skos:prefLabel``/``skos:altLabel`` in ``@zh``, its
  project id (``dcterms:identifier``), administrative code and ``kg:mentionedIn`` documents;
- every relation as a direct triple (``?port kg:locatedIn ?county``) so that simple questions stay
  simple, and as a ``kg:RelationStatement`` node (``rdf:subject``/``rdf:predicate``/``rdf:object``)
  that carries ``kg:weight``, ``kg:position`` and ``prov:wasDerivedFrom`` its evidence: for
  ``coOccursWith`` the sentences themselves, for every other predicate a ``kg:Evidence`` span
  with its offsets, text and rule;
- every document (``kg:Document``), every sentence that something refers to (``nif:Sentence``
  with its text and offsets), and every mention (``kg:Mention``) with its document, sentence,
  offsets, original text, rule and entity (``itsrdf:taIdentRef``);
- every member list of a slogan (``kg:MemberList``, a ``skos:OrderedCollection``) with its
  members in order as an ``rdf:List`` and ``kg:complete``.

Provenance uses NIF 2.0 rather than W3C Web Annotation: NIF puts the offsets, the anchor text,
the document and the sentence directly on the node that stands for the span (6 triples a mention;
an ``oa:Annotation`` needs a target node and two selector nodes, each of which would need an IRI
of its own to stay free of blank nodes), it makes sentences first-class (``nif:Sentence``,
``nif:sentence``), and like the project it counts offsets in code points. The document text is
not repeated as ``nif:isString``: it is ``OUT/texts/<doc>.txt``.

IRIs are ASCII, opaque and deterministic: ``https://w3id.org/kg-policy/id/<Type>/<id>`` where
``<id>`` is the project's id when it is made of ``[A-Za-z0-9_-]`` only; anything else (a
document id such as ``sub/001.txt``) becomes an ASCII rendering, a dot and a hash of the id, which
can never equal a plain id since those contain no dot. Nodes that have no id of their own
(statements, evidence, member lists) are named by a hash of what identifies them. The only blank
nodes are the cells of the member lists, and they get deterministic labels; rdflib's serializer
sorts everything else, so the same graph always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS

from kg.export.atomic import StagedOutput
from kg.model import DocumentInfo, Entity, Evidence, KnowledgeGraph, MemberList, Mention, Relation, Sentence
from kg.relations import member_id

BASE = "https://w3id.org/kg-policy/"
ONTOLOGY_IRI = BASE + "ontology"
ID = BASE + "id/"
KG = Namespace(ONTOLOGY_IRI + "#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SCHEMA = Namespace("https://schema.org/")

ENTITY_TYPES = (
    "Port",
    "Park",
    "Town",
    "County",
    "City",
    "Province",
    "Region",
    "Country",
    "Project",
    "Organization",
    "Slogan",
    "Concept",
)
NODE_KINDS = ("Document", "Sentence", "Mention", "Evidence", "Statement", "MemberList")
CO_OCCURS = "coOccursWith"

VOCABULARIES = {
    "kg": str(KG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
}
# A prefix for the resources of each entity type and node kind: county:540234, document:….
PREFIXES = VOCABULARIES | {name.lower(): f"{ID}{name}/" for name in (*ENTITY_TYPES, *NODE_KINDS)}

_SAFE = re.compile(r"[A-Za-z0-9_-]+")
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9_-]+")
_TERM = re.compile(r"[A-Za-z][A-Za-z0-9_]*")

Triple = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]


class _Terms:
    """The terms of a namespace, each made once: rdflib builds a new URIRef (and validates it) on
    every attribute access, which is most of the cost of the triples."""

    def __init__(self, namespace: Namespace | type) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = URIRef(str(self._namespace) + name)
        setattr(self, name, term)
        return term


_rdf, _kg, _nif, _its = _Terms(RDF), _Terms(KG), _Terms(NIF), _Terms(ITSRDF)
_prov, _skos, _dc, _xsd = _Terms(PROV), _Terms(SKOS), _Terms(DCTERMS), _Terms(XSD)


def short_hash(*parts: object, length: int = 16) -> str:
    """A hex digest of the parts (separated so that ("ab", "c") ≠ ("a", "bc")), for opaque names."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:length]


def local_name(value: str) -> str:
    """``value`` itself if it is made of ``[A-Za-z0-9_-]``, else ASCII + ``.`` + a hash of it.

    Percent-encoding is not understood the same way by every parser and a Chinese id would put a
    label into the IRI, so anything else becomes a readable ASCII rendering and a hash; the dot
    keeps such names apart from plain ids, the hash keeps them apart from each other.
    """
    if _SAFE.fullmatch(value):
        return value
    readable = _UNSAFE_RUN.sub("_", value).strip("_-")[:48] or "id"
    return f"{readable}.{short_hash(value, length=10)}"


def node_iri(kind: str, key: str) -> URIRef:
    """The IRI of the ``kind`` resource named ``key`` (an entity type and id, or a node kind)."""
    return URIRef(f"{ID}{local_name(kind)}/{local_name(key)}")


def term_iri(name: str) -> URIRef:
    """The vocabulary IRI of a class (entity type) or predicate: ``kg:<name>``, made safe if need be."""
    return KG[name] if _TERM.fullmatch(name) else KG[local_name(name)]


def document_iri(doc: str) -> URIRef:
    """The IRI of a document."""
    return node_iri("Document", doc)


def sentence_iri(doc: str, index: int) -> URIRef:
    """The IRI of a sentence: its document's local name and its index."""
    return URIRef(f"{ID}Sentence/{local_name(doc)}_{index}")


def mention_iri(mention: Mention) -> URIRef:
    """The IRI of a mention: a hash of its document, span, entity and rule (two entities may be read
    from the same span)."""
    m = mention
    return node_iri("Mention", short_hash(m.doc, m.start, m.end, m.entity, m.rule))


def evidence_iri(evidence: Evidence) -> URIRef:
    """The IRI of an evidence span: a hash of document, sentence, offsets and rule."""
    e = evidence
    return node_iri("Evidence", short_hash(e.doc, e.sentence, e.start, e.end, e.rule))


def statement_iri(relation: Relation) -> URIRef:
    """The IRI of a relation's statement node: a hash of head, predicate, tail and position."""
    r = relation
    return node_iri("Statement", short_hash(r.head, r.predicate, r.tail, r.position))


def member_list_iri(members: MemberList) -> URIRef:
    """The IRI of a member list: a hash of its slogan and the span of the document that lists it."""
    e = members.evidence
    return node_iri("MemberList", short_hash(members.slogan, e.doc, e.sentence, e.start, e.end))


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _int(value: int) -> Literal:
    return Literal(value, datatype=_xsd.integer)


def document_triples(doc: DocumentInfo) -> Iterator[Triple]:
    """A document node: its id, path, size and script."""
    s = document_iri(doc.id)
    yield s, _rdf.type, _kg.Document
    yield s, _dc.identifier, Literal(doc.id)
    yield s, _kg.path, Literal(doc.path)
    yield s, _kg.charCount, _int(doc.chars)
    yield s, _kg.sentenceCount, _int(doc.sentences)
    yield s, _kg.script, Literal(doc.script)


def entity_triples(entity: Entity) -> Iterator[Triple]:
    """An entity: type, id, Chinese labels, code, mention count and the documents that name it."""
    s = node_iri(entity.type, entity.id)
    yield s, _rdf.type, term_iri(entity.type)
    yield s, _dc.identifier, Literal(entity.id)
    yield s, _skos.prefLabel, _zh(entity.name)
    for alias in entity.aliases:
        if alias != entity.name:
            yield s, _skos.altLabel, _zh(alias)
    if entity.code:
        yield s, _kg.code, Literal(entity.code)
    yield s, _kg.mentionCount, _int(entity.mentions)
    for doc in entity.documents:
        yield s, _kg.mentionedIn, document_iri(doc)


def sentence_triples(sentence: Sentence) -> Iterator[Triple]:
    """A sentence: its document, index, offsets and text."""
    s = sentence_iri(sentence.doc, sentence.index)
    yield s, _rdf.type, _nif.Sentence
    yield s, _nif.referenceContext, document_iri(sentence.doc)
    yield s, _kg.sentenceIndex, _int(sentence.index)
    yield s, _nif.beginIndex, _int(sentence.start)
    yield s, _nif.endIndex, _int(sentence.end)
    yield s, _nif.anchorOf, Literal(sentence.text)


def mention_triples(mention: Mention, entity: URIRef) -> Iterator[Triple]:
    """A mention: the entity it names, where it stands (document, sentence, offsets), its text and rule."""
    m = mention
    s = mention_iri(m)
    yield s, _rdf.type, _kg.Mention
    yield s, _its.taIdentRef, entity
    yield s, _nif.referenceContext, document_iri(m.doc)
    yield s, _nif.sentence, sentence_iri(m.doc, m.sentence)
    yield s, _nif.beginIndex, _int(m.start)
    yield s, _nif.endIndex, _int(m.end)
    yield s, _nif.anchorOf, Literal(m.text)
    yield s, _kg.rule, Literal(m.rule)
    surface = m.surface.replace(" ", "")
    if surface != m.text:
        yield s, _kg.surface, Literal(surface)


def evidence_triples(evidence: Evidence, sentence: Sentence | None) -> Iterator[Triple]:
    """An evidence span: document, sentence, offsets, rule, and its text when the sentence is known."""
    e = evidence
    s = evidence_iri(e)
    yield s, _rdf.type, _kg.Evidence
    yield s, _nif.referenceContext, document_iri(e.doc)
    yield s, _nif.sentence, sentence_iri(e.doc, e.sentence)
    yield s, _nif.beginIndex, _int(e.start)
    yield s, _nif.endIndex, _int(e.end)
    yield s, _kg.rule, Literal(e.rule)
    if sentence is not None and sentence.start <= e.start < e.end <= sentence.end:
        yield s, _nif.anchorOf, Literal(sentence.text[e.start - sentence.start : e.end - sentence.start])


def relation_triples(relation: Relation, head: URIRef, tail: URIRef) -> Iterator[Triple]:
    """A relation: the direct triple, and its statement node with weight, position and provenance.

    ``coOccursWith`` statements point at their sentences (one link per sentence keeps the triple
    count down); the others at evidence nodes (see ``evidence_triples``).
    """
    r = relation
    predicate = term_iri(r.predicate)
    yield head, predicate, tail
    s = statement_iri(r)
    yield s, _rdf.type, _kg.RelationStatement
    yield s, _rdf.subject, head
    yield s, _rdf.predicate, predicate
    yield s, _rdf.object, tail
    yield s, _kg.weight, _int(r.weight)
    if r.position:
        yield s, _kg.position, _int(r.position)
    if r.predicate == CO_OCCURS:
        for doc, index in sorted({(e.doc, e.sentence) for e in r.evidence}):
            yield s, _prov.wasDerivedFrom, sentence_iri(doc, index)
    else:
        for e in r.evidence:
            yield s, _prov.wasDerivedFrom, evidence_iri(e)


def list_triples(items: list[URIRef], key: str) -> tuple[URIRef | BNode, list[Triple]]:
    """An ``rdf:List`` of ``items`` whose cells are blank nodes labelled ``<key>_<position>``."""
    triples: list[Triple] = []
    head: URIRef | BNode = _rdf.nil
    for position in range(len(items), 0, -1):
        cell = BNode(f"{key}_{position}")
        triples += [(cell, _rdf.first, items[position - 1]), (cell, _rdf.rest, head)]
        head = cell
    return head, triples[::-1]


def member_entities(members: MemberList, graph: KnowledgeGraph) -> list[str]:
    """The entity ids of a member list, in order.

    Each member is the tail of the slogan's ``hasMember`` relation at that position stated in the
    same sentence; failing that, the entity whose canonical name (or else an alias) is the member
    as written; failing that, the member's concept id.
    """
    e = members.evidence
    stated, names = _member_index(graph)
    out = []
    for position, name in enumerate(members.members, 1):
        tails = stated.get((members.slogan, e.doc, e.sentence, position), set())
        out.append(next(iter(tails)) if len(tails) == 1 else names.get(name, member_id(name)))
    return out


def _member_index(graph: KnowledgeGraph) -> tuple[dict[tuple[str, str, int, int], set[str]], dict[str, str]]:
    """``hasMember`` tails by (slogan, document, sentence, position), and entity ids by name
    (canonical names first, then aliases); computed once per graph."""
    cached = graph.__dict__.get("_rdf_members")
    if cached is None:
        stated: dict[tuple[str, str, int, int], set[str]] = defaultdict(set)
        for r in graph.relations:
            if r.predicate == "hasMember":
                for x in r.evidence:
                    stated[(r.head, x.doc, x.sentence, r.position)].add(r.tail)
        names: dict[str, str] = {}
        for entity in graph.entities:
            for alias in entity.aliases:
                names.setdefault(alias, entity.id)
        names |= {entity.name: entity.id for entity in reversed(graph.entities)}
        cached = (dict(stated), names)
        object.__setattr__(graph, "_rdf_members", cached)
    return cached


def member_list_triples(members: MemberList, items: list[URIRef], slogan: URIRef) -> Iterator[Triple]:
    """A slogan's member list from one document: its members in order, completeness and evidence."""
    s = member_list_iri(members)
    head, cells = list_triples(items, f"list-{s.rsplit('/', 1)[1]}")
    yield slogan, _kg.hasMemberList, s
    yield s, _rdf.type, _kg.MemberList
    yield s, _kg.complete, Literal(members.complete)
    yield s, _prov.wasDerivedFrom, evidence_iri(members.evidence)
    yield s, _skos.memberList, head
    yield from cells


def graph_triples(graph: KnowledgeGraph) -> Iterator[Triple]:
    """Every triple of the graph's RDF form (in no particular order; the serializer sorts)."""
    types = {e.id: e.type for e in graph.entities}

    def entity(eid: str, fallback: str = "Entity") -> URIRef:
        return node_iri(types.get(eid, fallback), eid)

    sentences: set[tuple[str, int]] = set()
    evidence: set[Evidence] = set()
    for doc in graph.documents:
        yield from document_triples(doc)
    for e in graph.entities:
        yield from entity_triples(e)
    for m in graph.mentions:
        sentences.add((m.doc, m.sentence))
        yield from mention_triples(m, entity(m.entity, m.type))
    for r in graph.relations:
        sentences.update((e.doc, e.sentence) for e in r.evidence)
        if r.predicate != CO_OCCURS:
            evidence.update(r.evidence)
        yield from relation_triples(r, entity(r.head), entity(r.tail))
    for ml in graph.members:
        evidence.add(ml.evidence)
        sentences.add((ml.evidence.doc, ml.evidence.sentence))
        items = [entity(eid, "Concept") for eid in member_entities(ml, graph)]
        yield from member_list_triples(ml, items, entity(ml.slogan, "Slogan"))
    for e in sorted(evidence, key=lambda x: (x.doc, x.sentence, x.start, x.end, x.rule)):
        yield from evidence_triples(e, graph.sentences.get((e.doc, e.sentence)))
    for key in sorted(sentences):
        if key in graph.sentences:
            yield from sentence_triples(graph.sentences[key])


def to_rdf(graph: KnowledgeGraph) -> Graph:
    """The graph as an rdflib ``Graph``, with the project's prefixes bound (in rdflib's
    ``SimpleMemory`` store: no named graphs are needed, and it fills and serializes ≈ 20 % faster)."""
    out = Graph(store="SimpleMemory", bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, Namespace(namespace))
    add = out.add
    for triple in graph_triples(graph):
        add(triple)
    return out


def to_turtle(graph: KnowledgeGraph) -> str:
    """The graph serialized as Turtle (byte-identical for the same graph)."""
    return to_rdf(graph).serialize(format="turtle")


def ontology_text() -> str:
    """The vocabulary (``ontology.ttl``) as shipped with the package."""
    return resources.files("kg.export").joinpath("ontology.ttl").read_text(encoding="utf-8")


def write_rdf(stage: StagedOutput, graph: KnowledgeGraph) -> None:
    """Stage ``graph.ttl`` and, beside it, the ``ontology.ttl`` that describes its terms."""
    stage.write_text("graph.ttl", to_turtle(graph))
    stage.write_text("ontology.ttl", ontology_text())
