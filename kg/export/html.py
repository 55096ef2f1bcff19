"""The offline interactive graph page, ``OUT/graph.html``: one self-contained file, no network.

pyvis builds the page, but with our own template (``kg/export/templates/``): its own template
loads Bootstrap and tom-select from CDNs whatever ``cdn_resources`` says, and renders tooltips as
raw HTML. Here vis-network's JS and CSS are read from the installed pyvis package and inlined,
every text reaches the page as JSON and is put into the DOM with ``textContent``, positions are
computed in Python (seeded) with physics off so the page is usable at thousands of nodes, and the
same graph always gives byte-identical HTML.

``html_page(graph)`` is the pure part; ``write_html(stage, graph)`` stages ``graph.html``.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path, PurePath
from typing import Any

import jinja2
import numpy as np
import opencc
from pyvis.network import Network

from kg.errors import OutputError
from kg.export.atomic import StagedOutput
from kg.model import Entity, KnowledgeGraph, Relation

CO_OCCURS = "coOccursWith"
# The heaviest co-occurrence edges the page holds at most (a corpus-sized graph has tens of
# thousands), and how many it draws by default; above that they start hidden behind a toggle.
MAX_CO_OCCURRENCE_EDGES = 5000
CO_OCCURRENCE_SHOWN_LIMIT = 300
MAX_EVIDENCE = 5  # evidence sentences in a node's side panel
LAYOUT_SEED = 7
FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
    '"WenQuanYi Micro Hei", sans-serif'
)

# type → (Chinese label, colour, vis shape). Shapes all draw their label outside, so size shows.
TYPE_STYLES: dict[str, tuple[str, str, str]] = {
    "Port": ("口岸", "#d62728", "diamond"),
    "Park": ("园区", "#2ca02c", "square"),
    "Town": ("乡镇", "#7fd3e0", "dot"),
    "County": ("县区", "#17a2b8", "dot"),
    "City": ("地市", "#1f77b4", "dot"),
    "Province": ("省区", "#393b79", "dot"),
    "Region": ("区域", "#8c6d31", "dot"),
    "Country": ("国家", "#ff7f0e", "star"),
    "Project": ("项目", "#9467bd", "triangle"),
    "Organization": ("机构", "#6b6b6b", "triangleDown"),
    "Slogan": ("提法", "#e377c2", "hexagon"),
    "Concept": ("概念", "#b5b82a", "dot"),
}
EXTRA_COLOURS = ("#8dd3c7", "#bc80bd", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#d9d9d9")

# predicate → (Chinese label, colour, dashed, arrow)
PREDICATE_STYLES: dict[str, tuple[str, str, bool, bool]] = {
    "locatedIn": ("位于", "#4a6fa5", False, True),
    "facesCountry": ("面向", "#e07b39", True, True),
    "hasMember": ("成员", "#b04a9e", False, True),
    "partOf": ("属于", "#3c8d5a", False, True),
    "implements": ("落实", "#6a5acd", False, True),
    "proposedBy": ("提出", "#8b5a2b", True, True),
    CO_OCCURS: ("同句共现", "#c3c9d2", False, False),
}

_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


def type_style(entity_type: str) -> tuple[str, str, str]:
    """Label, colour and shape of a type; a type this module does not know gets a stable colour."""
    if entity_type in TYPE_STYLES:
        return TYPE_STYLES[entity_type]
    pick = int(hashlib.sha1(entity_type.encode("utf-8")).hexdigest(), 16) % len(EXTRA_COLOURS)
    return entity_type, EXTRA_COLOURS[pick], "dot"


def predicate_style(predicate: str) -> tuple[str, str, bool, bool]:
    """Label, colour, dashes and arrow of a predicate; unknown predicates are drawn as directed."""
    return PREDICATE_STYLES.get(predicate, (predicate, "#777777", False, True))


def node_size(mentions: int) -> float:
    """Node radius in pixels: grows with the log of the mention count, so hubs stay readable."""
    return round(7 + 4 * math.log2(1 + mentions), 1)


def drawn_relations(graph: KnowledgeGraph, *, max_co_occurrences: int = MAX_CO_OCCURRENCE_EDGES) -> list[Relation]:
    """The relations the page draws: every relation between known entities, except that only the
    ``max_co_occurrences`` heaviest co-occurrence links are kept (ties broken by ids)."""
    known = {e.id for e in graph.entities}
    relations = [r for r in graph.relations if r.head in known and r.tail in known]
    co = sorted((r for r in relations if r.predicate == CO_OCCURS), key=lambda r: (-r.weight, r.head, r.tail))
    kept = [r for r in relations if r.predicate != CO_OCCURS] + co[:max_co_occurrences]
    return sorted(kept, key=lambda r: (r.predicate, r.head, r.tail, r.position))


def page_counts(graph: KnowledgeGraph, *, max_co_occurrences: int = MAX_CO_OCCURRENCE_EDGES) -> tuple[int, int]:
    """How many nodes and edges the page of this graph holds (hidden ones included)."""
    return len(graph.entities), len(drawn_relations(graph, max_co_occurrences=max_co_occurrences))


def force_layout(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str, float]],
    *,
    seed: int = LAYOUT_SEED,
    iterations: int = 60,
    gravity: float = 1.0,
) -> dict[str, tuple[int, int]]:
    """Seeded Fruchterman-Reingold positions in pixels, with a pull to the centre so that
    unlinked nodes stay near. Plain numpy (networkx needs scipy above 500 nodes); the repulsion is
    computed in row blocks into reused buffers, so 2,000 nodes take about a second."""
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    links = [(index[a], index[b], w) for a, b, w in edges if a in index and b in index and a != b]
    src = np.array([a for a, _, _ in links], dtype=np.intp)
    dst = np.array([b for _, b, _ in links], dtype=np.intp)
    weight = np.array([w for _, _, w in links], dtype=np.float64)
    pos = np.random.default_rng(seed).uniform(-1.0, 1.0, (n, 2))
    x, y = pos[:, 0], pos[:, 1]  # views: they follow pos
    k = 2.0 / math.sqrt(n)  # ideal distance: the nodes share a 2 × 2 square
    temperature = 0.2
    cooling = temperature / (iterations + 1)
    block = max(1, min(n, 4_000_000 // n))
    buffers = np.empty((3, block, n))
    disp = np.empty_like(pos)
    for _ in range(iterations):
        for start in range(0, n, block):
            stop = min(start + block, n)
            dx, dy, force = buffers[:, : stop - start]
            np.subtract(x[start:stop, None], x[None, :], out=dx)
            np.subtract(y[start:stop, None], y[None, :], out=dy)
            np.multiply(dx, dx, out=force)
            force += dy * dy
            np.maximum(force, 1e-6, out=force)
            np.divide(k * k, force, out=force)  # repulsion k²/d along (dx, dy)/d
            disp[start:stop, 0] = np.einsum("ij,ij->i", dx, force)
            disp[start:stop, 1] = np.einsum("ij,ij->i", dy, force)
        if len(links):
            delta = pos[src] - pos[dst]
            pull = delta * (np.sqrt((delta * delta).sum(axis=1)) * weight / k)[:, None]  # attraction d²/k
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        disp -= pos * (np.sqrt((pos * pos).sum(axis=1)) * gravity / k)[:, None]
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    radius = float(np.sqrt((pos * pos).sum(axis=1)).max()) or 1.0
    pos *= (60 * math.sqrt(n) + 100) / radius
    return {node: (round(float(px)), round(float(py))) for node, (px, py) in zip(nodes, pos, strict=True)}


def _layout_edges(relations: Iterable[Relation]) -> list[tuple[str, str, float]]:
    return [
        (r.head, r.tail, 0.5 * min(r.weight, 4) if r.predicate == CO_OCCURS else 2.0)
        for r in relations
        if r.head != r.tail
    ]


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def traditional_map(texts: Iterable[str]) -> dict[str, str]:
    """Traditional → Simplified for the characters of ``texts`` (Simplified names): what a
    Traditional query needs to find them. Built from OpenCC's Simplified → Traditional conversions
    of the whole texts (context picks 縣, 發/髮) and of each character; a character that is itself
    used in the names is never mapped away."""
    texts = sorted(set(texts))
    used = {c for t in texts for c in t}
    pairs: dict[str, str] = {}
    for config in ("s2t", "s2tw", "s2hk", "s2twp"):
        convert = _converter(config).convert
        for text in texts:
            converted = convert(text)
            if len(converted) == len(text):
                for simplified, traditional in zip(text, converted, strict=True):
                    if simplified != traditional and traditional not in used:
                        pairs.setdefault(traditional, simplified)
        for c in sorted(used):
            converted = convert(c)
            if len(converted) == 1 and converted != c and converted not in used:
                pairs.setdefault(converted, c)
    return dict(sorted(pairs.items()))


def search_keys(entity: Entity) -> list[str]:
    """What a search matches a node on: its name, aliases and id, width-folded (NFKC), lower-cased
    and without spaces, as the page folds a query."""
    keys = (entity.name, *entity.aliases, entity.id)
    return sorted({re.sub(r"\s+", "", unicodedata.normalize("NFKC", k)).lower() for k in keys} - {""})


def _evidence_sentences(graph: KnowledgeGraph) -> dict[str, list[tuple[tuple[str, int], list[list[int]]]]]:
    """Per entity: the sentences that mention it, the first of each document first (so that a few
    show every document), with the spans it is mentioned at, relative to the sentence."""
    spans: dict[str, dict[tuple[str, int], set[tuple[int, int]]]] = defaultdict(lambda: defaultdict(set))
    for m in graph.mentions:
        sentence = graph.sentences.get((m.doc, m.sentence))
        if sentence is not None and sentence.start <= m.start < m.end <= sentence.end:
            spans[m.entity][(m.doc, m.sentence)].add((m.start - sentence.start, m.end - sentence.start))
    out = {}
    for entity, found in spans.items():
        rank: dict[str, int] = defaultdict(int)
        order = []
        for doc, index in sorted(found):
            order.append((rank[doc], doc, index))
            rank[doc] += 1
        out[entity] = [
            ((doc, index), [list(s) for s in sorted(found[(doc, index)])]) for _, doc, index in sorted(order)
        ]
    return out


def _edge_evidence(graph: KnowledgeGraph, relation: Relation) -> tuple[tuple[str, int], int, int] | None:
    for ev in relation.evidence:
        sentence = graph.sentences.get((ev.doc, ev.sentence))
        if sentence is not None:
            start = min(max(ev.start - sentence.start, 0), len(sentence.text))
            end = min(max(ev.end - sentence.start, start), len(sentence.text))
            return (ev.doc, ev.sentence), start, end
    return None


def _groups(types: Iterable[str]) -> dict[str, Any]:
    """vis node groups: one per entity type, giving its colour and shape."""
    groups = {}
    for t in types:
        _, colour, shape = type_style(t)
        hover = {"background": colour, "border": "#111111"}
        groups[t] = {
            "shape": shape,
            "color": {"background": colour, "border": "#ffffff", "highlight": hover, "hover": hover},
        }
    return groups


def _vis_options(types: Iterable[str], edge_count: int) -> dict[str, Any]:
    busy = edge_count > 3000
    return {
        "groups": _groups(types),
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": LAYOUT_SEED},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": busy,
            "hideEdgesOnZoom": busy,
            "keyboard": False,
            "multiselect": False,
        },
        "nodes": {
            "borderWidth": 1,
            "borderWidthSelected": 3,
            "font": {"face": FONT_STACK, "size": 14, "color": "#1f2328", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 8}},
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 1.5,
            "hoverWidth": 1.5,
            "font": {"face": FONT_STACK, "size": 11, "color": "#57606a", "strokeWidth": 3, "align": "middle"},
            "scaling": {"label": {"drawThreshold": 8}},
            "arrows": {"to": {"enabled": False, "scaleFactor": 0.5}},
        },
    }


def _node(entity: Entity, xy: tuple[int, int]) -> dict[str, Any]:
    return {
        "id": entity.id,
        "label": entity.name,
        "group": entity.type,
        "size": node_size(entity.mentions),
        "x": xy[0],
        "y": xy[1],
        "font": {"size": min(40, 12 + round(3 * math.log2(1 + entity.mentions)))},
    }


def _edge(number: int, relation: Relation, shown: set[str], evidence: list[Any] | None) -> dict[str, Any]:
    """A vis edge; its colour, dashes and arrow come from the predicate's legend entry in the page."""
    edge = {
        "id": f"e{number}",
        "from": relation.head,
        "to": relation.tail,
        "predicate": relation.predicate,
        "weight": relation.weight,
        "evidence": evidence,
        "hidden": relation.predicate not in shown,
    }
    if relation.predicate == CO_OCCURS:
        edge["label"] = f"共现 ×{relation.weight}"
        edge["width"] = round(0.5 + 0.3 * min(relation.weight, 5), 1)
    else:
        label = predicate_style(relation.predicate)[0]
        edge["label"] = f"{label} {relation.position}" if relation.position else label
    if relation.position:
        edge["position"] = relation.position
    return edge


def _legend_types(entities: Sequence[Entity]) -> list[dict[str, Any]]:
    counts: dict[str, int] = defaultdict(int)
    for e in entities:
        counts[e.type] += 1
    ordered = [t for t in TYPE_STYLES if t in counts] + sorted(set(counts) - set(TYPE_STYLES))
    return [
        dict(zip(("type", "label", "color", "shape", "count"), (t, *type_style(t), counts[t]), strict=True))
        for t in ordered
    ]


def _legend_predicates(graph: KnowledgeGraph, drawn: Sequence[Relation], shown: set[str]) -> list[dict[str, Any]]:
    totals: dict[str, int] = defaultdict(int)
    for r in graph.relations:
        totals[r.predicate] += 1
    counts: dict[str, int] = defaultdict(int)
    for r in drawn:
        counts[r.predicate] += 1
    ordered = [p for p in PREDICATE_STYLES if p in counts] + sorted(set(counts) - set(PREDICATE_STYLES))
    return [
        {
            **dict(zip(("predicate", "label", "color", "dashes", "arrow"), (p, *predicate_style(p)), strict=True)),
            "count": counts[p],
            "total": totals[p],
            "shown": p in shown,
        }
        for p in ordered
    ]


def page_data(graph: KnowledgeGraph, *, max_co_occurrences: int = MAX_CO_OCCURRENCE_EDGES) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready data: the vis nodes and edges (positions
    included), the vis options, and the payload behind the legend, search and side panel."""
    entities = sorted(graph.entities, key=lambda e: e.id)
    relations = drawn_relations(graph, max_co_occurrences=max_co_occurrences)
    positions = force_layout([e.id for e in entities], _layout_edges(relations))
    evidence = _evidence_sentences(graph)

    co_count = sum(1 for r in relations if r.predicate == CO_OCCURS)
    shown = {r.predicate for r in relations} - ({CO_OCCURS} if co_count > CO_OCCURRENCE_SHOWN_LIMIT else set())

    edge_evidence = [_edge_evidence(graph, r) for r in relations]
    wanted = {key for found in evidence.values() for key, _ in found[:MAX_EVIDENCE]}
    wanted |= {ev[0] for ev in edge_evidence if ev is not None}
    sentence_keys = sorted(wanted)
    sentence_index = {key: i for i, key in enumerate(sentence_keys)}
    doc_ids = sorted(
        {d.id for d in graph.documents} | {d for d, _ in sentence_keys} | {d for e in entities for d in e.documents}
    )
    doc_index = {d: i for i, d in enumerate(doc_ids)}
    doc_names = {d.id: PurePath(d.path).name for d in graph.documents}

    nodes = [_node(e, positions[e.id]) for e in entities]
    edges = [
        _edge(i, r, shown, None if ev is None else [sentence_index[ev[0]], ev[1], ev[2]])
        for i, (r, ev) in enumerate(zip(relations, edge_evidence, strict=True))
    ]
    info = {
        e.id: {
            "name": e.name,
            "type": e.type,
            "aliases": [a for a in e.aliases if a != e.name],
            "code": e.code,
            "mentions": e.mentions,
            "docs": [doc_index[d] for d in e.documents],
            "evidence": [[sentence_index[key], spans] for key, spans in evidence.get(e.id, [])[:MAX_EVIDENCE]],
            "sentences": len(evidence.get(e.id, [])),
            "keys": search_keys(e),
        }
        for e in entities
    }
    payload = {
        "types": _legend_types(entities),
        "predicates": _legend_predicates(graph, relations, shown),
        "info": info,
        "sentences": [[doc_index[d], i, graph.sentences[(d, i)].text] for d, i in sentence_keys],
        "docs": [doc_names.get(d, d) for d in doc_ids],
        "t2s": traditional_map(k for e in entities for k in (e.name, *e.aliases)),
    }
    return {
        "nodes": nodes,
        "edges": edges,
        "options": _vis_options([t["type"] for t in payload["types"]], len(edges)),
        "payload": payload,
    }


def _asset(package: str, *parts: str) -> str:
    try:
        return resources.files(package).joinpath(*parts).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError) as exc:
        where = "/".join(parts)
        raise OutputError(f"graph.html: cannot read {where} from the {package} package ({exc}); reinstall kg") from exc


def _inline_script(code: str) -> str:
    """Script text safe inside ``<script>``: no ``</script`` or ``<!--`` can end or confuse it."""
    return _SCRIPT_END.sub(r"<\\/\1", code).replace("<!--", "<\\!--")


@cache
def _vis_assets() -> tuple[str, str]:
    js = _asset("pyvis", "lib", "vis-9.1.2", "vis-network.min.js")
    css = _asset("pyvis", "lib", "vis-9.1.2", "vis-network.css")
    return _inline_script(js), css.replace("</style", "<\\/style")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kg.export", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    return env


def heading(graph: KnowledgeGraph) -> str:
    """The page title: what the graph holds."""
    return f"kg 知识图谱 · {len(graph.documents)} 份文档 · {len(graph.entities)} 个实体 · {len(graph.relations)} 条关系"


def html_page(graph: KnowledgeGraph, *, max_co_occurrences: int = MAX_CO_OCCURRENCE_EDGES) -> str:
    """The whole page for ``graph``: pyvis renders our template with the nodes and edges filled in
    directly (its ``add_node``/``add_edge`` are quadratic); same graph, same bytes."""
    data = page_data(graph, max_co_occurrences=max_co_occurrences)
    net = Network(height="100%", width="100%", directed=True, heading=heading(graph), cdn_resources="in_line")
    net.nodes = data["nodes"]
    net.edges = data["edges"]
    net.options = data["options"]
    env = _environment()
    vis_js, vis_css = _vis_assets()
    env.globals.update(
        payload=data["payload"],
        vis_js=vis_js,
        vis_css=vis_css,
        page_js=_inline_script(_asset("kg.export", "templates", "graph.js")),
        page_css=_asset("kg.export", "templates", "graph.css").replace("</style", "<\\/style"),
    )
    net.templateEnv = env
    net.path = "graph.html.j2"
    return net.generate_html(name="graph.html")


def write_html(stage: StagedOutput, graph: KnowledgeGraph) -> None:
    """Stage ``graph.html``, the interactive page of the graph."""
    stage.write_text("graph.html", html_page(graph))


# Debian's Chromium, as the tests and the HTML benchmark open the page: headless, and with every
# background connection off, so that a page that reached for the network would show it.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium through Playwright (``sync_playwright()``'s object), headless and quiet."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
