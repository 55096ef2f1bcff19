"""Benchmark the RDF export and ``kg query``: the bundled corpus, then the corpus replicated to
≥ 2 million characters.

For each corpus prints the triple count, the Turtle size, the time to build the rdflib graph and
to serialize it, the time pyoxigraph takes to load graph.ttl + ontology.ttl, and the time and row
count of every example query in queries/. Figures, not pass/fail.

    python bench/rdf_bench.py [--chars 2000000] [--small-only]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from build_bench import CORPUS, replicate

from kg.build import BuildOptions, run_build
from kg.export.rdf import ontology_text, to_rdf
from kg.model import KnowledgeGraph
from kg.query import format_result, load_store, run_query

QUERIES = Path(__file__).resolve().parents[1] / "queries"


def measure(label: str, graph: KnowledgeGraph, chars: int, work: Path) -> None:
    """Print the export and query figures of one graph."""
    started = time.perf_counter()
    rdf_graph = to_rdf(graph)
    built = time.perf_counter() - started
    started = time.perf_counter()
    turtle = rdf_graph.serialize(format="turtle")
    serialized = time.perf_counter() - started
    folder = work / label
    folder.mkdir()
    (folder / "graph.ttl").write_text(turtle, encoding="utf-8")
    (folder / "ontology.ttl").write_text(ontology_text(), encoding="utf-8")
    size = (folder / "graph.ttl").stat().st_size
    started = time.perf_counter()
    store = load_store(folder)
    loaded = time.perf_counter() - started
    counts = f"{len(graph.documents)} documents, {chars:,} characters, {len(graph.mentions):,} mentions"
    print(f"\n{label}: {counts}, {len(graph.relations):,} relations")
    print(f"  triples             {len(rdf_graph):>12,}   (store with ontology: {len(store):,})")
    print(f"  graph.ttl           {size / 1e6:>12.1f} MB  ({size / max(chars, 1):.1f} bytes per corpus character)")
    print(f"  rdflib graph        {built:>12.2f} s")
    print(f"  rdflib serialize    {serialized:>12.2f} s  ({len(rdf_graph) / serialized:,.0f} triples/s)")
    print(f"  pyoxigraph load     {loaded:>12.2f} s")
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        started = time.perf_counter()
        out = format_result(run_query(store, text, path.name), "csv", {})
        elapsed = time.perf_counter() - started
        rows = max(out.count("\r\n") - 1, 0)
        print(f"  {path.name:<34} {elapsed * 1000:>8.1f} ms  {rows:>6,} rows")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=2_000_000, help="minimum size of the large corpus")
    parser.add_argument("--small-only", action="store_true", help="measure the bundled corpus only")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-rdf-bench-"))
    try:
        small = run_build(BuildOptions(inputs=(CORPUS,), out=work / "out-small"))
        measure("bundled", small.graph, small.chars, work)
        if not args.small_only:
            chars = replicate(work / "corpus", args.chars)
            started = time.perf_counter()
            large = run_build(BuildOptions(inputs=(work / "corpus",), out=work / "out-large"))
            wall = time.perf_counter() - started
            written = large.timings.get("write", 0.0)
            print(
                f"\nkg build of the large corpus: {wall:.1f} s; writing every output (graph.ttl too): {written:.1f} s"
            )
            measure("replicated", large.graph, chars, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\npeak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
