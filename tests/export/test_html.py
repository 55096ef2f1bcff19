"""The interactive graph page: self-contained, deterministic, and working in a real Chromium.

The browser tests load the page from ``file://`` in headless Chromium (Debian's /usr/bin/chromium,
driven by Playwright) and fail, not skip, when it is missing: ``make system-deps`` installs it.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kg.errors import OutputError
from kg.export import html as page
from kg.model import DocumentInfo, Entity, Evidence, KnowledgeGraph, Mention, Relation, Sentence

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CO = "coOccursWith"


# ---- a small graph built by hand: hostile names, an astral character, ordered members ----------

BOLD = "<b>粗体</b>"
SCRIPT = "<script>window.kgPwned=1</script>口岸"
TINY_TEXT = f"𠀀先说{BOLD}，再说{SCRIPT}。两个维护：维护甲、维护乙。"


def _mention(entity: Entity, start: int) -> Mention:
    end = start + len(entity.name)
    return Mention("x.txt", 0, start, end, entity.name, entity.name, entity.type, entity.name, entity.id, "test")


def tiny_graph() -> KnowledgeGraph:
    """Two entities with HTML in their names in one sentence (after an astral character, so that
    UTF-16 indexing would misplace the highlight), and a slogan whose members' ids sort in the
    opposite order of their positions."""
    bold = Entity("Organization-bold", "Organization", BOLD, (BOLD,), "", 1, ("x.txt",))
    script = Entity("Port-script", "Port", SCRIPT, (SCRIPT,), "", 1, ("x.txt",))
    slogan = Entity("Slogan-two", "Slogan", "两个维护", ("两个维护",), "", 1, ("x.txt",))
    first = Entity("Concept-zz", "Concept", "维护甲", ("维护甲",), "", 1, ("x.txt",))
    second = Entity("Concept-aa", "Concept", "维护乙", ("维护乙",), "", 1, ("x.txt",))
    entities = (bold, script, slogan, first, second)
    mentions = tuple(_mention(e, TINY_TEXT.index(e.name)) for e in entities)
    sentence = Sentence("x.txt", 0, 0, len(TINY_TEXT), TINY_TEXT, 0, len(TINY_TEXT))
    a, b = mentions[0], mentions[1]
    relations = (
        Relation(bold.id, CO, script.id, (Evidence("x.txt", 0, a.start, b.end, "sentence"),)),
        Relation(slogan.id, "hasMember", first.id, (Evidence("x.txt", 0, 0, 1, "t"),), position=1),
        Relation(slogan.id, "hasMember", second.id, (Evidence("x.txt", 0, 0, 1, "t"),), position=2),
    )
    return KnowledgeGraph(
        (DocumentInfo("x.txt", "/somewhere/x.txt", len(TINY_TEXT), "Simplified", 1),),
        tuple(sorted(entities, key=lambda e: e.id)),
        mentions,
        relations,
        (),
        {("x.txt", 0): sentence},
    )


# ---- pure tests ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_html(graph) -> str:
    """The page of the bundled graph (computed once for this module)."""
    return page.html_page(graph)


def _json_block(html: str, block: str) -> Any:
    import json

    found = re.search(rf'<script id="{block}" type="application/json">(.*?)</script>', html, re.S)
    assert found, block
    return json.loads(found.group(1))


def test_page_is_self_contained(bundled_html):
    html = bundled_html
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"'](?!data:)", html, re.I)
    assert not re.search(r"<(img|iframe|embed|object)\b", html, re.I)
    assert "@import" not in html
    assert set(re.findall(r"url\(\s*[\"']?([a-z]+):", html)) <= {"data"}
    for cdn in ("cdn.jsdelivr", "cdnjs", "unpkg", "bootstrap", "tom-select"):
        assert cdn not in html.lower()
    assert "vis.Network" in html and "DataSet" in html  # vis-network itself is inlined


def test_page_holds_every_entity_and_relation(graph, bundled_html):
    nodes, edges = page.page_counts(graph)
    structural = sum(1 for r in graph.relations if r.predicate != CO)
    co = sum(1 for r in graph.relations if r.predicate == CO)
    assert nodes == len(graph.entities) > 300
    assert edges == structural + min(co, page.MAX_CO_OCCURRENCE_EDGES) > 1000
    assert len(_json_block(bundled_html, "kg-nodes")) == nodes
    assert len(_json_block(bundled_html, "kg-edges")) == edges


def test_co_occurrence_cap_keeps_the_heaviest(graph):
    data = page.page_data(graph, max_co_occurrences=50)
    co = [e for e in data["edges"] if e["predicate"] == CO]
    assert len(co) == 50
    weights = sorted((r.weight for r in graph.relations if r.predicate == CO), reverse=True)
    assert sorted((e["weight"] for e in co), reverse=True) == weights[:50]
    assert sum(1 for e in data["edges"] if e["predicate"] != CO) == sum(1 for r in graph.relations if r.predicate != CO)
    legend = {p["predicate"]: p for p in data["payload"]["predicates"]}
    assert legend[CO]["count"] == 50 and legend[CO]["total"] == len(weights)


def test_page_is_byte_identical_across_processes(graph, bundled_html, tmp_path):
    """Same graph → same bytes, whatever the hash seed (set and dict order) of the process."""
    pickled = tmp_path / "graph.pickle"
    pickled.write_bytes(pickle.dumps(graph))
    code = (
        "import hashlib, pickle, sys; from kg.export.html import html_page; "
        "g = pickle.load(open(sys.argv[1], 'rb')); print(hashlib.sha256(html_page(g).encode()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", code, pickled], env=env, capture_output=True, text=True, cwd=ROOT)
        assert run.returncode == 0, run.stderr
        digests.add(run.stdout.strip())
    digests.add(hashlib.sha256(bundled_html.encode()).hexdigest())
    assert len(digests) == 1


def test_build_writes_the_page(bundled, bundled_html):
    assert (bundled.out / "graph.html").read_text(encoding="utf-8") == bundled_html


def test_node_evidence_marks_the_mentions(graph):
    info = page.page_data(graph)["payload"]
    sentences = info["sentences"]
    forms = {}
    for m in graph.mentions:
        forms.setdefault(m.entity, set()).add(m.text)
    checked = 0
    for eid, node in info["info"].items():
        assert len(node["evidence"]) <= page.MAX_EVIDENCE
        assert node["sentences"] >= len(node["evidence"])
        for ref, spans in node["evidence"]:
            text = sentences[ref][2]
            for start, end in spans:
                assert text[start:end] in forms[eid]
                checked += 1
    assert checked > 500
    jilong = info["info"]["540234"]  # named in two documents: its first sentences show both
    assert len(graph.entity("540234").documents) == 2
    assert len({sentences[ref][0] for ref, _ in jilong["evidence"]}) == 2


def test_members_are_labelled_with_their_position():
    edges = page.page_data(tiny_graph())["edges"]
    members = sorted((e["position"], e["to"], e["label"]) for e in edges if e["predicate"] == "hasMember")
    assert members == [(1, "Concept-zz", "成员 1"), (2, "Concept-aa", "成员 2")]


def test_hostile_names_are_escaped_in_the_source():
    html = page.html_page(tiny_graph())
    vis_js = page._vis_assets()[0]
    assert vis_js in html  # vis-network itself mentions <b> (its label markup): leave it out
    html = html.replace(vis_js, "")
    assert "<b>" not in html
    assert "window.kgPwned" in html  # the name is there, as JSON …
    assert "<script>window.kgPwned" not in html  # … but never as markup


def test_traditional_map_finds_simplified_names():
    table = page.traditional_map(["吉隆县", "红其拉甫口岸", "发展", "头发", "干部", "乾坤"])
    assert table["縣"] == "县" and table["紅"] == "红"
    assert table["發"] == "发" and table["髮"] == "发"
    assert table["幹"] == "干"
    assert "乾" not in table  # used as-is in a name: never mapped away
    assert all(len(k) == len(v) == 1 and k != v for k, v in table.items())


def test_search_keys_cover_name_aliases_and_id():
    entity = Entity("port-jilong", "Port", "吉隆口岸", ("吉隆 口岸", "吉隆口岸"), "", 3, ())
    assert page.search_keys(entity) == ["port-jilong", "吉隆口岸"]
    slogan = Entity("Slogan-1", "Slogan", "２２４４５", ("22445",), "", 1, ())
    assert page.search_keys(slogan) == ["22445", "slogan-1"]


def test_layout_is_seeded_and_pulls_linked_nodes_together():
    nodes = [f"a{i}" for i in range(10)] + [f"b{i}" for i in range(10)]
    edges = [(f"{g}{i}", f"{g}{j}", 1.0) for g in "ab" for i in range(10) for j in range(i + 1, 10)]
    pos = page.force_layout(nodes, edges)
    assert pos == page.force_layout(nodes, edges)
    assert pos != page.force_layout(nodes, edges, seed=8)
    assert len(set(pos.values())) == len(nodes)

    def mean(pairs: list[tuple[str, str]]) -> float:
        return sum(((pos[p][0] - pos[q][0]) ** 2 + (pos[p][1] - pos[q][1]) ** 2) ** 0.5 for p, q in pairs) / len(pairs)

    within = [(a, b) for a, b, _ in edges]
    across = [(f"a{i}", f"b{j}") for i in range(10) for j in range(10)]
    assert mean(within) * 2 < mean(across)
    assert page.force_layout([], []) == {}


def test_unknown_types_and_predicates_get_a_style():
    assert page.type_style("Mountain")[1] in page.EXTRA_COLOURS
    assert page.type_style("Mountain") == page.type_style("Mountain")
    assert page.predicate_style("borders")[0] == "borders"


def test_missing_vis_asset_is_a_one_line_error():
    with pytest.raises(OutputError) as caught:
        page._asset("pyvis", "lib", "no-such-dir", "vis-network.min.js")
    assert "\n" not in str(caught.value) and "vis-network.min.js" in str(caught.value)


# ---- in Chromium --------------------------------------------------------------------------------


@dataclass
class Loaded:
    """A page open in Chromium, with every request, console error and page error it caused."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.requests and all(re.match(r"(file|data|about|blob):", url) for url in self.requests), self.requests

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        return tuple(
            self.js(
                """id => {
                  const p = kgNetwork.canvasToDOM(kgNetwork.getPosition(id));
                  const r = document.getElementById('kg-network').getBoundingClientRect();
                  return [r.left + p.x, r.top + p.y];
                }""",
                node_id,
            )
        )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not page.CHROMIUM.exists():
        pytest.fail(f"{page.CHROMIUM} not found: the HTML graph tests need Debian's chromium (run `make system-deps`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = page.launch_chromium(p)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def bundled_page_file(bundled_html, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "graph.html"
    path.write_text(bundled_html, encoding="utf-8")
    return path


def _open(browser: Any, path: Path) -> Loaded:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    loaded = Loaded(context.new_page())
    loaded.page.on("request", lambda r: loaded.requests.append(r.url))
    loaded.page.on("console", lambda m: loaded.errors.append(m.text) if m.type == "error" else None)
    loaded.page.on("pageerror", lambda e: loaded.errors.append(str(e)))
    loaded.page.goto(path.as_uri())
    loaded.page.wait_for_selector("body[data-kg-drawn]", timeout=30_000)
    return loaded


@pytest.fixture
def bundled_page(browser, bundled_page_file) -> Iterator[Loaded]:
    loaded = _open(browser, bundled_page_file)
    yield loaded
    loaded.page.context.close()


def _search(loaded: Loaded, query: str) -> None:
    loaded.page.fill("#kg-search", query)
    loaded.page.press("#kg-search", "Enter")


def test_chromium_draws_every_node_and_edge(bundled_page, graph):
    nodes, edges = page.page_counts(graph)
    held = bundled_page.js("[kgNetwork.body.data.nodes.length, kgNetwork.body.data.edges.length]")
    assert held == [nodes, edges]
    assert nodes > 300 and edges > 1000
    structural = sum(1 for r in graph.relations if r.predicate != CO)
    drawn = bundled_page.js("[kgNetwork.body.nodeIndices.length, kgNetwork.body.edgeIndices.length]")
    assert drawn == [nodes, structural]  # co-occurrence starts hidden: there are too many
    before = bundled_page.js("kgNetwork.getPositions()")
    bundled_page.page.wait_for_timeout(500)
    assert bundled_page.js("kgNetwork.getPositions()") == before  # physics off: nothing moves
    bundled_page.page.click("input[data-kg-filter=coOccursWith]")
    assert bundled_page.js("kgNetwork.body.edgeIndices.length") == edges
    bundled_page.assert_clean()


@pytest.mark.parametrize(
    ("query", "expected", "name"),
    [
        ("吉隆縣", "540234", "吉隆县"),  # Traditional
        ("吉隆县", "540234", "吉隆县"),  # Simplified
        ("紅其拉甫口岸", "port-hongqilafu", "红其拉甫口岸"),
        ("樟木口岸", "port-zhangmu", "樟木口岸"),
    ],
)
def test_search_selects_and_focuses(bundled_page, graph, query, expected, name):
    assert graph.entity(expected).name == name
    _search(bundled_page, query)
    assert bundled_page.js("kgNetwork.getSelectedNodes()") == [expected]
    assert bundled_page.page.text_content("#kg-panel h2") == name
    bundled_page.page.wait_for_function(
        """id => {
          const v = kgNetwork.getViewPosition(), p = kgNetwork.getPosition(id);
          return Math.hypot(v.x - p.x, v.y - p.y) < 2;
        }""",
        arg=expected,
        timeout=5_000,
    )
    bundled_page.assert_clean()


def test_type_filter_hides_that_type(bundled_page, graph):
    ports = {e.id for e in graph.entities if e.type == "Port"}
    assert len(ports) >= 5
    bundled_page.page.click("input[data-kg-filter=Port]")
    shown = set(bundled_page.js("kgNetwork.body.nodeIndices"))
    assert shown.isdisjoint(ports)
    assert len(shown) == len(graph.entities) - len(ports)
    assert f"节点 {len(shown)}/" in bundled_page.page.text_content("#kg-stats")
    _search(bundled_page, "吉隆口岸")  # finding a filtered-out node brings its type back
    assert bundled_page.page.is_checked("input[data-kg-filter=Port]")
    assert set(bundled_page.js("kgNetwork.body.nodeIndices")) >= ports
    bundled_page.assert_clean()


def test_clicking_a_node_shows_its_panel(bundled_page, graph):
    target = "port-jilong"
    bundled_page.js("id => kgNetwork.moveTo({position: kgNetwork.getPosition(id), scale: 1.5})", target)
    bundled_page.page.mouse.click(*bundled_page.node_point(target))
    panel = bundled_page.page.locator("#kg-panel")
    assert panel.is_visible() and panel.get_attribute("data-kg-node") == target
    assert panel.locator("h2").text_content() == graph.entity(target).name
    forms = {m.text for m in graph.mentions if m.entity == target}
    items = panel.locator("ol.kg-evidence > li")
    assert 1 <= items.count() <= page.MAX_EVIDENCE
    for i in range(items.count()):
        marks = items.nth(i).locator("mark").all_text_contents()
        assert marks and set(marks) <= forms
    assert "尼泊尔" in panel.locator("ul.kg-relations").text_content()  # facesCountry
    bundled_page.page.click("#kg-close")
    assert not panel.is_visible()
    bundled_page.assert_clean()


def test_screenshot(bundled_page):
    """tests/artifacts/graph.png: the legend, Chinese labels and a node's panel, for a human to look at."""
    from PIL import Image

    _search(bundled_page, "吉隆县")
    bundled_page.page.wait_for_function("() => Math.abs(kgNetwork.getScale() - 1) < 0.01", timeout=5_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "graph.png"
    shot.write_bytes(bundled_page.page.screenshot())
    image = Image.open(io.BytesIO(shot.read_bytes()))
    assert image.format == "PNG" and image.size == (1400, 900)
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 200
    bundled_page.assert_clean()


def test_hostile_names_show_as_text(browser, tmp_path):
    path = tmp_path / "tiny.html"
    path.write_text(page.html_page(tiny_graph()), encoding="utf-8")
    loaded = _open(browser, path)
    try:
        assert loaded.js("window.kgPwned") is None
        # the node tooltip (plain text title)
        loaded.js("() => kgNetwork.moveTo({position: kgNetwork.getPosition('Organization-bold'), scale: 1})")
        loaded.page.mouse.move(*loaded.node_point("Organization-bold"))
        tip = loaded.page.wait_for_selector("div.vis-tooltip", state="visible")
        assert BOLD in tip.text_content() and tip.query_selector("b") is None
        # the edge tooltip: the evidence span, marked, as text (after an astral character)
        (ax, ay), (bx, by) = loaded.node_point("Organization-bold"), loaded.node_point("Port-script")
        loaded.page.mouse.move(ax + (bx - ax) * 0.3, ay + (by - ay) * 0.3)
        loaded.page.wait_for_function("() => document.querySelector('div.vis-tooltip mark')")
        assert loaded.page.text_content("div.vis-tooltip mark") == TINY_TEXT[TINY_TEXT.index(BOLD) :].split("。")[0]
        assert loaded.page.query_selector("div.vis-tooltip b") is None
        # the side panel
        loaded.page.mouse.click(*loaded.node_point("Port-script"))
        assert loaded.page.text_content("#kg-panel h2") == SCRIPT
        assert loaded.page.text_content("#kg-panel ol.kg-evidence mark") == SCRIPT
        assert loaded.page.query_selector("#kg-panel script, #kg-panel b") is None
        assert loaded.js("window.kgPwned") is None
        # ordered members: listed by position, not by id
        _search(loaded, "两個維護")
        members = loaded.page.locator("#kg-panel ul.kg-relations li").all_text_contents()
        assert [m.split("→")[-1].strip() for m in members] == ["维护甲", "维护乙"]
        assert "#1" in members[0] and "#2" in members[1]
        loaded.assert_clean()
    finally:
        loaded.page.context.close()
