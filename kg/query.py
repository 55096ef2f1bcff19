"""``kg query``: SPARQL 1.1 over a build's graph, run by pyoxigraph.

The graph (``OUT/graph.ttl``, or any RDF file) is loaded with its vocabulary into an in-memory
pyoxigraph ``Store``: the ``ontology.ttl`` beside it, or else the one kg ships, so that a query
can follow ``rdfs:subClassOf*`` (every county is a ``kg:Place``). pyoxigraph rather than rdflib
because, measured on a million triples, rdflib's SPARQL is 10–40× slower and its ``+`` property
paths run into ``RecursionError``.

Output formats (``--format``):

- ``table`` (default): aligned columns for reading; IRIs shortened with the graph's prefixes
  (``county:540234``), literals as their bare text, wide (CJK) characters counted as two columns,
  and a last line ``(N rows)``. ASK prints ``true`` or ``false``; CONSTRUCT and DESCRIBE print Turtle.
- ``csv``: SPARQL 1.1 Query Results CSV (RFC 4180, CRLF line ends, full IRIs, bare literals);
  ASK prints ``true``/``false``; CONSTRUCT and DESCRIBE print N-Triples.
- ``json``: SPARQL 1.1 Query Results JSON (``{"head": {"vars": […]}, "results": {"bindings": […]}}``,
  or ``{"head": {}, "boolean": …}`` for ASK), what every SPARQL client reads.
- ``turtle`` / ``ntriples``: for CONSTRUCT and DESCRIBE.

CONSTRUCT output is sorted, so the same query over the same graph prints the same bytes.
Every problem (a query that does not parse, a missing folder or file) is one line, as a
``QueryError``: the CLI prints it and exits with status 2.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    serialize,
)

from kg.errors import QueryError
from kg.export.rdf import PREFIXES, ontology_text

FORMATS = ("table", "csv", "json", "turtle", "ntriples")
GRAPH_FILE = "graph.ttl"
ONTOLOGY_FILE = "ontology.ttl"

Result = QuerySolutions | QueryBoolean | QueryTriples

_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>\s]*)>", re.IGNORECASE)
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_CONTROL = {i: f"\\x{i:02x}" for i in range(32)} | {9: "\\t", 10: "\\n", 13: "\\r"}


def one_line(text: str) -> str:
    """A message on one line (parsers sometimes break theirs)."""
    return " ".join(text.split())


def graph_files(target: Path) -> tuple[Path, Path | None]:
    """The RDF file to query and the ontology beside it (None: use the shipped one).

    ``target`` is an output folder of ``kg build`` (its ``graph.ttl``) or an RDF file.
    """
    if target.is_dir():
        graph = target / GRAPH_FILE
        if not graph.is_file():
            raise QueryError(f"{target}: no {GRAPH_FILE} in this folder; write one with `kg build -o {target}`")
    elif target.exists():
        graph = target
    else:
        raise QueryError(f"{target}: no such file or folder")
    ontology = graph.parent / ONTOLOGY_FILE
    return graph, ontology if ontology.is_file() and ontology.resolve() != graph.resolve() else None


def load_store(target: Path) -> Store:
    """An in-memory store holding the graph at ``target`` and its ontology."""
    graph, ontology = graph_files(target)
    rdf_format = RdfFormat.from_extension(graph.suffix.lstrip(".").lower())
    if rdf_format is None:
        raise QueryError(f"{graph}: unknown RDF file type {graph.suffix!r}; give a .ttl, .nt, .nq, .trig or .rdf file")
    store = Store()
    _load(store, graph, rdf_format)
    if ontology is not None:
        _load(store, ontology, RdfFormat.TURTLE)
    else:
        store.load(ontology_text(), format=RdfFormat.TURTLE)
    return store


def _load(store: Store, path: Path, rdf_format: RdfFormat) -> None:
    try:
        store.load(path=str(path), format=rdf_format)
    except SyntaxError as exc:
        raise QueryError(f"{path}: not valid {rdf_format.name}: {one_line(str(exc))}") from exc
    except OSError as exc:
        raise QueryError(f"{path}: cannot read: {one_line(exc.strerror or str(exc))}") from exc


def read_query(text: str | None, file: Path | None) -> tuple[str, str]:
    """The query text and where it came from (a file name, or ``query``): exactly one of the two."""
    if (text is None) == (file is None):
        raise QueryError("give the query either as an argument or with -f FILE.rq (exactly one)")
    if file is None:
        return text or "", "query"
    try:
        return file.read_text(encoding="utf-8"), str(file)
    except OSError as exc:
        raise QueryError(f"{file}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise QueryError(f"{file}: not UTF-8 text: {exc.reason} at byte {exc.start}") from exc


def run_query(store: Store, query: str, source: str = "query") -> Result:
    """Run a SPARQL 1.1 query; a syntax error becomes one line with its position."""
    try:
        return store.query(query)
    except SyntaxError as exc:
        raise QueryError(f"{source}: SPARQL syntax {one_line(str(exc))}") from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"{source}: query failed: {one_line(str(exc))}") from exc


def query_prefixes(query: str) -> dict[str, str]:
    """The ``PREFIX`` declarations of a query, by prefix name."""
    return {name or "": namespace for name, namespace in _PREFIX_DECL.findall(query)}


def show_term(term: object, prefixes: dict[str, str]) -> str:
    """A term for reading: an IRI as ``prefix:local`` where a prefix fits, else ``<iri>``; a
    literal as its bare text; a blank node as ``_:id``; nothing as the empty string."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return _compact(term.value, prefixes)
    if isinstance(term, Literal):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)


def _compact(iri: str, prefixes: dict[str, str]) -> str:
    fits = [(len(ns), name) for name, ns in prefixes.items() if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns) :])]
    if not fits:
        return f"<{iri}>"
    length, name = max(fits)
    return f"{name}:{iri[length:]}"


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Aligned columns with a rule under the header and a ``(N rows)`` line; control characters
    are escaped so that one row stays on one line."""
    cells = [[c.translate(_CONTROL) for c in row] for row in rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(header)]

    def line(values: Iterable[str]) -> str:
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(header), line("-" * w for w in widths), *(line(r) for r in cells)]
    out.append(f"({len(cells)} row{'' if len(cells) == 1 else 's'})")
    return "\n".join(out) + "\n"


def _sorted_triples(triples: QueryTriples) -> list[Triple]:
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _used_prefixes(triples: list[Triple], prefixes: dict[str, str]) -> dict[str, str]:
    iris = {term.value for t in triples for term in (t.subject, t.predicate, t.object) if isinstance(term, NamedNode)}
    return {
        name: namespace
        for name, namespace in sorted(prefixes.items())
        if name and any(iri.startswith(namespace) for iri in iris)
    }


def format_result(result: Result, fmt: str, prefixes: dict[str, str]) -> str:
    """A query result as text in ``fmt`` (one of ``FORMATS``; see the module docstring)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if isinstance(result, QueryTriples):
        if fmt == "json":
            raise QueryError("CONSTRUCT and DESCRIBE results print as turtle (table) or ntriples (csv), not json")
        triples = _sorted_triples(result)
        if fmt in ("table", "turtle"):
            return serialize(triples, format=RdfFormat.TURTLE, prefixes=_used_prefixes(triples, prefixes)).decode()
        return serialize(triples, format=RdfFormat.N_TRIPLES).decode()
    if fmt in ("turtle", "ntriples"):
        raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; print SELECT and ASK as table, csv or json")
    if isinstance(result, QueryBoolean):
        if fmt == "json":
            return result.serialize(format=QueryResultsFormat.JSON).decode() + "\n"
        return ("true" if bool(result) else "false") + "\n"
    if fmt == "json":
        return result.serialize(format=QueryResultsFormat.JSON).decode() + "\n"
    if fmt == "csv":
        return result.serialize(format=QueryResultsFormat.CSV).decode()
    header = [v.value for v in result.variables]
    rows = [[show_term(solution[i], prefixes) for i in range(len(header))] for solution in result]
    return format_table(header, rows)


def query(target: Path, text: str, fmt: str = "table", source: str = "query") -> str:
    """Run the SPARQL query ``text`` over the graph at ``target`` and format the result."""
    store = load_store(target)
    result = run_query(store, text, source)
    try:
        return format_result(result, fmt, PREFIXES | query_prefixes(text))
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"{source}: query failed: {one_line(str(exc))}") from exc
