"""Benchmark ``graph.html``: the bundled graph replicated to 2,000 nodes, in headless Chromium.

Builds the bundled corpus, copies its graph (entities, mentions, sentences, relations, with the
ids of each copy made distinct) until it holds ``--nodes`` entities, writes the page and prints:
export time, file size, nodes and edges, time until the network is first drawn, and frames per
second while dragging and wheel-zooming, with co-occurrence edges hidden (the default) and shown.
Figures, not pass/fail. Needs Debian's /usr/bin/chromium (``make system-deps``).

    python bench/html_bench.py [--nodes 2000] [--keep graph.html]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from kg.build import BuildOptions, run_build
from kg.export.html import html_page, launch_chromium, page_counts
from kg.model import KnowledgeGraph

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def replicate(graph: KnowledgeGraph, nodes: int) -> KnowledgeGraph:
    """Copies of ``graph`` side by side (ids and document ids suffixed per copy), cut to ``nodes``
    entities; relations are kept where both ends survive the cut."""
    entities, mentions, relations, documents, sentences = [], [], [], [], {}
    copy = 0
    while len(entities) < nodes:

        def rename(value: str, copy: int = copy) -> str:
            return value if copy == 0 else f"{value}~{copy}"

        room = nodes - len(entities)
        kept = {e.id for e in graph.entities[:room]}
        entities += [
            replace(e, id=rename(e.id), documents=tuple(rename(d) for d in e.documents)) for e in graph.entities[:room]
        ]
        mentions += [replace(m, entity=rename(m.entity), doc=rename(m.doc)) for m in graph.mentions if m.entity in kept]
        relations += [
            replace(
                r,
                head=rename(r.head),
                tail=rename(r.tail),
                evidence=tuple(replace(ev, doc=rename(ev.doc)) for ev in r.evidence),
            )
            for r in graph.relations
            if r.head in kept and r.tail in kept
        ]
        documents += [replace(d, id=rename(d.id)) for d in graph.documents]
        sentences |= {(rename(doc), i): replace(s, doc=rename(doc)) for (doc, i), s in graph.sentences.items()}
        copy += 1
    return KnowledgeGraph(
        tuple(documents),
        tuple(sorted(entities, key=lambda e: e.id)),
        tuple(mentions),
        tuple(relations),
        (),
        sentences,
    )


FPS_SCRIPT = """
async ([kind, ms]) => {
  const net = window.kgNetwork;
  let frames = 0;
  const count = () => { frames += 1; };
  net.on("afterDrawing", count);
  const box = document.getElementById("kg-network").getBoundingClientRect();
  const start = performance.now();
  let i = 0;
  while (performance.now() - start < ms) {
    if (kind === "pan") {
      const p = net.getViewPosition();
      net.moveTo({position: {x: p.x + 25 * Math.sin(i / 10), y: p.y + 25 * Math.cos(i / 10)}});
    } else {
      net.moveTo({scale: net.getScale() * (Math.floor(i / 30) % 2 ? 1 / 1.03 : 1.03)});
    }
    i += 1;
    await new Promise(requestAnimationFrame);
  }
  net.off("afterDrawing", count);
  return frames / ((performance.now() - start) / 1000);
}
"""


def measure(path: Path) -> dict[str, Any]:
    """Load the page in headless Chromium and time it."""
    from playwright.sync_api import sync_playwright

    figures: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        started = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-kg-drawn]", timeout=120_000)
        figures["drawn_s"] = time.perf_counter() - started
        figures["held"] = page.evaluate("[kgNetwork.body.data.nodes.length, kgNetwork.body.data.edges.length]")
        figures["drawn"] = page.evaluate("[kgNetwork.body.nodeIndices.length, kgNetwork.body.edgeIndices.length]")
        for state in ("default", "co-occurrence shown"):
            if state != "default":
                page.click("input[data-kg-filter=coOccursWith]")
                figures["drawn_co"] = page.evaluate("kgNetwork.body.edgeIndices.length")
            page.evaluate("kgNetwork.fit()")
            figures[f"fps pan ({state})"] = page.evaluate(FPS_SCRIPT, ["pan", 3000])
            page.evaluate("kgNetwork.fit()")
            figures[f"fps zoom ({state})"] = page.evaluate(FPS_SCRIPT, ["zoom", 3000])
        started = time.perf_counter()
        page.fill("#kg-search", "吉隆縣")
        page.press("#kg-search", "Enter")
        page.wait_for_selector("#kg-panel:not([hidden])")
        figures["search_to_panel_s"] = time.perf_counter() - started
        figures["requests"] = [u for u in requests if not u.startswith(("file:", "data:", "about:"))]
        browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000, help="entities in the replicated graph")
    parser.add_argument("--keep", type=Path, default=None, help="also write the page here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-html-bench-"))
    try:
        built = run_build(BuildOptions(inputs=(CORPUS,), out=work / "out"))
        assert built.graph is not None
        graph = replicate(built.graph, args.nodes)
        started = time.perf_counter()
        html = html_page(graph)
        export = time.perf_counter() - started
        path = work / "graph.html"
        path.write_text(html, encoding="utf-8")
        if args.keep:
            shutil.copyfile(path, args.keep)
        nodes, edges = page_counts(graph)
        print(f"graph: {len(graph.entities):,} entities, {len(graph.relations):,} relations")
        print(f"page:  {nodes:,} nodes, {edges:,} edges   export {export:.2f} s   {len(html.encode()) / 1e6:.2f} MB")
        figures = measure(path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"in Chromium: held {figures['held']}, drawn {figures['drawn']} (nodes, edges) by default")
    print(f"  first drawn after {figures['drawn_s']:.2f} s (navigation included)")
    print(f"  search → panel {figures['search_to_panel_s']:.2f} s")
    for key, value in figures.items():
        if key.startswith("fps"):
            print(f"  {key:<32} {value:6.1f} frames/s")
    print(f"  with co-occurrence shown: {figures['drawn_co']:,} edges drawn")
    print(f"  requests other than file:/data:/about: {len(figures['requests'])}")


if __name__ == "__main__":
    main()
