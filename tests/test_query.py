"""``kg query``: the example queries of queries/ return the corpus' facts; output formats; errors
in one line."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.export import rdf
from kg.query import display_width, format_table
from tests.conftest import ROOT
from tests.export.test_rdf import MEMBERS, SLOGAN, member_graph

QUERIES = ROOT / "queries"
PLACES = {"Port", "Park", "Town", "County", "City", "Province", "Region", "Country"}
FACES = "ASK { <{id}Port/port-jilong> <{kg}facesCountry> <{id}Country/country-np> }"


def _rows(kg, target: Path, *args: object) -> list[dict[str, str]]:
    """Run ``kg query --format json`` and return each solution as {variable: value} ("" if unbound)."""
    run = kg("query", target, *args, "--format", "json")
    assert run.code == 0, run.err
    result = json.loads(run.out)
    names = result["head"]["vars"]
    return [{n: b[n]["value"] if n in b else "" for n in names} for b in result["results"]["bindings"]]


def _names(graph) -> dict[str, str]:
    return {e.id: e.name for e in graph.entities}


def _ids_named(graph, name: str) -> set[str]:
    return {e.id for e in graph.entities if e.name == name or name in e.aliases}


def test_ports_with_their_counties_and_the_countries_they_face(kg, bundled, graph):
    names, types = _names(graph), {e.id: e.type for e in graph.entities}
    up = defaultdict(set)
    for r in graph.relations:
        if r.predicate == "locatedIn":
            up[r.head].add(r.tail)

    def containers(eid: str) -> set[str]:
        seen, todo = set(), [eid]
        while todo:
            for parent in up[todo.pop()] - seen:
                seen.add(parent)
                todo.append(parent)
        return seen

    expected = set()
    for port in (e.id for e in graph.entities if e.type == "Port"):
        counties = {names[c] for c in containers(port) if types[c] == "County"} or {""}
        faces = {names[r.tail] for r in graph.relations if r.predicate == "facesCountry" and r.head == port} or {""}
        expected |= {(names[port], county, country) for county in counties for country in faces}
    rows = _rows(kg, bundled.out, "-f", QUERIES / "ports.rq")
    got = [(r["port"], r["county"], r["country"]) for r in rows]
    assert len(got) == len(set(got))
    assert set(got) == expected
    assert {
        ("吉隆口岸", "吉隆县", "尼泊尔"),
        ("樟木口岸", "聂拉木县", "尼泊尔"),
        ("亚东口岸", "亚东县", "印度"),
    } <= set(got)


def test_slogan_members_on_the_corpus_are_numbered_from_one(kg, bundled, graph):
    rows = _rows(kg, bundled.out, "-f", QUERIES / "slogan_members.rq")
    names = _names(graph)
    expected = {
        (names[ml.slogan], ml.doc, ml.evidence.start, "true" if ml.complete else "false"): len(ml.members)
        for ml in graph.members
    }
    lists = defaultdict(list)
    for r in rows:
        lists[(r["slogan"], r["document"], int(r["offset"]), r["complete"])].append(int(r["position"]))
    assert {k: len(v) for k, v in lists.items()} == expected
    assert all(positions == list(range(1, len(positions) + 1)) for positions in lists.values())


@pytest.fixture(scope="module")
def members_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("members")
    (out / "graph.ttl").write_text(rdf.to_turtle(member_graph()), encoding="utf-8")
    return out


def test_slogan_members_in_order_with_completeness(kg, members_out):
    rows = _rows(kg, members_out, "-f", QUERIES / "slogan_members.rq")
    got = [(r["slogan"], r["document"], int(r["position"]), r["member"], r["complete"]) for r in rows]
    assert [r["offset"] for r in rows] == ["42"] * 3 + ["2"] * 6
    assert got == [(SLOGAN, "b:2024.txt", i, m, "false") for i, m in enumerate(MEMBERS[:3], 1)] + [
        (SLOGAN, "政策/a.txt", i, m, "true") for i, m in enumerate(MEMBERS, 1)
    ]


def test_third_member_of_a_slogan(kg, members_out):
    rows = _rows(kg, members_out, "-f", QUERIES / "slogan_member_at.rq")
    assert {(r["slogan"], r["position"], r["member"]) for r in rows} == {(SLOGAN, "3", MEMBERS[2])}
    assert len(rows) == 2  # stated by both documents, each with its sentence
    assert all(MEMBERS[2] in r["sentence"] for r in rows)


def test_documents_mentioning_a_place(kg, bundled, graph):
    ids = _ids_named(graph, "吉隆县")
    assert ids == {"540234"}
    counts = Counter(m.doc for m in graph.mentions if m.entity in ids)
    paths = {d.id: d.path for d in graph.documents}
    expected = [(doc, paths[doc], n) for doc, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    rows = _rows(kg, bundled.out, "-f", QUERIES / "documents_mentioning_place.rq")
    assert [(r["document"], r["path"], int(r["mentions"])) for r in rows] == expected
    assert {"000_403ba6cd7cde1f1a.txt", "003_271d3f2f514edc40.txt"} <= set(counts)


def test_places_most_linked_to_a_slogan(kg, bundled, graph):
    slogans = _ids_named(graph, "一带一路")
    names, types = _names(graph), {e.id: e.type for e in graph.entities}
    linked = []
    for r in graph.relations:
        if r.predicate == "coOccursWith" and {r.head, r.tail} & slogans:
            other = r.tail if r.head in slogans else r.head
            if types[other] in PLACES:
                linked.append((names[other], r.weight))
    expected = sorted(linked, key=lambda nw: (-nw[1], nw[0]))[:20]
    rows = _rows(kg, bundled.out, "-f", QUERIES / "places_linked_to_slogan.rq")
    assert [(r["place"], int(r["weight"])) for r in rows] == expected
    assert ("日喀则市", 5) in expected and any(name.startswith("吉隆") for name, _ in expected)
    assert {r["type"] for r in rows if r["place"] == "日喀则市"} == {"prefecture-level city"}


def test_every_mention_of_an_entity_with_its_sentence(kg, bundled, graph):
    ids = {e.id for e in graph.entities if e.name == "吉隆口岸"}  # the query matches skos:prefLabel
    expected = [
        (m.doc, m.start, m.end, m.text, graph.sentences[(m.doc, m.sentence)].text)
        for m in sorted(graph.mentions, key=lambda m: (m.doc, m.start))
        if m.entity in ids
    ]
    rows = _rows(kg, bundled.out, "-f", QUERIES / "mentions_of_entity.rq")
    assert [(r["document"], int(r["begin"]), int(r["end"]), r["text"], r["sentence"]) for r in rows] == expected
    assert len(expected) >= 10


def test_every_example_query_is_documented():
    readme = (QUERIES / "README.md").read_text(encoding="utf-8")
    for path in sorted(QUERIES.glob("*.rq")):
        header = path.read_text(encoding="utf-8").split("PREFIX", 1)[0]
        assert header.startswith("# ") and "Adapt:" in header, path.name
        assert path.name in readme, path.name


def test_the_worked_example_of_the_readme(kg, bundled, graph, tmp_path):
    readme = (QUERIES / "README.md").read_text(encoding="utf-8")
    example = tmp_path / "where.rq"
    example.write_text(readme.split("```sparql\n", 1)[1].split("```", 1)[0], encoding="utf-8")
    rows = _rows(kg, bundled.out, "-f", example)
    faces = [r for r in graph.relations if (r.head, r.predicate) == ("port-jilong", "facesCountry")]
    assert sorted((r.tail, e.doc, e.rule) for r in faces for e in r.evidence) == sorted(
        ("country-np", row["document"], row["rule"]) for row in rows
    )
    assert {(r["county"], r["country"]) for r in rows} == {("吉隆县", "尼泊尔")}
    assert all("吉隆口岸" in r["sentence"] for r in rows)


def _columns(line: str, widths: list[int]) -> list[str]:
    """Cut a table line into cells by display columns (cells are separated by two spaces)."""
    cells, column, current = [], 0, ""
    bounds, start = [], 0
    for w in widths:
        bounds.append((start, start + w))
        start += w + 2
    for ch in line:
        column += display_width(ch)
        current += ch
        if len(cells) < len(bounds) and column >= bounds[len(cells)][1]:
            cells.append(current.strip())
            current = ""
    if current.strip() or len(cells) < len(widths):
        cells.append(current.strip())
    return cells + [""] * (len(widths) - len(cells))


def test_table_is_aligned_for_wide_characters(kg, bundled):
    rows = _rows(kg, bundled.out, "-f", QUERIES / "ports.rq")
    run = kg("query", bundled.out, "-f", QUERIES / "ports.rq")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[-1] == f"({len(rows)} rows)"
    widths = [len(dashes) for dashes in lines[1].split("  ")]
    assert _columns(lines[0], widths) == ["port", "county", "country"]
    assert [_columns(line, widths) for line in lines[2:-1]] == [[r["port"], r["county"], r["country"]] for r in rows]
    assert widths[0] == max(display_width(r["port"]) for r in rows) > max(len(r["port"]) for r in rows)


def test_format_table_pads_by_display_width_and_escapes_line_breaks():
    assert format_table(["名称", "n"], [["吉隆口岸\n二", "1"], ["ab", "22"]]).splitlines() == [
        "名称          n",
        "------------  --",
        "吉隆口岸\\n二  1",
        "ab            22",
        "(2 rows)",
    ]
    assert format_table(["x"], [["1"]]).endswith("(1 row)\n")


def test_csv_and_json_are_the_sparql_results_formats(kg, bundled):
    rows = _rows(kg, bundled.out, "-f", QUERIES / "ports.rq")
    run = kg("query", bundled.out, "-f", QUERIES / "ports.rq", "--format", "csv")
    assert run.code == 0, run.err
    assert "\r\n" in run.out
    table = list(csv.reader(io.StringIO(run.out, newline="")))
    assert table[0] == ["port", "county", "country"]
    assert [dict(zip(table[0], r, strict=True)) for r in table[1:]] == rows


def test_ask_prints_true_or_false(kg, bundled):
    ask = FACES.replace("{id}", rdf.ID).replace("{kg}", str(rdf.KG))
    assert kg("query", bundled.out, ask).out == "true\n"
    assert kg("query", bundled.out, ask.replace("country-np", "country-in")).out == "false\n"
    assert json.loads(kg("query", bundled.out, ask, "--format", "json").out)["boolean"] is True


CONSTRUCT = f"CONSTRUCT {{ ?p <{rdf.KG.facesCountry}> ?c }} WHERE {{ ?p <{rdf.KG.facesCountry}> ?c }}"


def test_construct_prints_turtle_or_ntriples(kg, bundled, graph):
    faces = sum(r.predicate == "facesCountry" for r in graph.relations)
    turtle = kg("query", bundled.out, CONSTRUCT)
    assert turtle.code == 0, turtle.err
    assert "@prefix kg:" in turtle.out and "@prefix port:" in turtle.out
    assert len(list(ox.parse(turtle.out, format=ox.RdfFormat.TURTLE))) == faces
    assert kg("query", bundled.out, CONSTRUCT).out == turtle.out
    nt = kg("query", bundled.out, CONSTRUCT, "--format", "ntriples").out
    assert nt == kg("query", bundled.out, CONSTRUCT, "--format", "csv").out
    assert len(nt.splitlines()) == faces and nt.splitlines() == sorted(nt.splitlines())


def test_a_graph_file_is_queried_with_the_ontology_beside_it_or_the_shipped_one(kg, bundled, tmp_path):
    expected = _rows(kg, bundled.out, "-f", QUERIES / "places_linked_to_slogan.rq")
    assert expected
    assert _rows(kg, bundled.out / "graph.ttl", "-f", QUERIES / "places_linked_to_slogan.rq") == expected
    alone = tmp_path / "copy.ttl"
    shutil.copy(bundled.out / "graph.ttl", alone)
    assert _rows(kg, alone, "-f", QUERIES / "places_linked_to_slogan.rq") == expected


def _one_line_error(run, *words: str) -> None:
    assert run.code == 2, (run.out, run.err)
    assert run.out == ""
    assert run.err.count("\n") == 1 and run.err.startswith("kg: "), run.err
    assert "Traceback" not in run.err
    for word in words:
        assert word in run.err, run.err


def test_syntax_error_is_one_line_with_its_position(kg, bundled, tmp_path):
    _one_line_error(kg("query", bundled.out, "SELECT ?x WHERE { ?x ?y }"), "1:26", "syntax")
    bad = tmp_path / "bad.rq"
    bad.write_text("PREFIX kg: <https://w3id.org/kg-policy/ontology#>\nSELECT * WHERE {\n  ?s kg:locatedIn \n}\n")
    _one_line_error(kg("query", bundled.out, "-f", bad), str(bad), "4:1")


@pytest.mark.parametrize(
    "case",
    ["missing folder", "folder without graph", "missing query file", "no query", "two queries", "bad turtle", "json"],
)
def test_user_errors_are_one_line(kg, bundled, tmp_path, case):
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix x: <http://x/> .\nx:a x:b x:c ;\n  x:d "unterminated .\n', encoding="utf-8")
    runs = {
        "missing folder": (kg, (tmp_path / "nowhere", query), ("nowhere", "no such file or folder")),
        "folder without graph": (kg, (tmp_path, query), ("no graph.ttl", "kg build")),
        "missing query file": (kg, (bundled.out, "-f", tmp_path / "none.rq"), ("none.rq", "cannot read")),
        "no query": (kg, (bundled.out,), ("-f",)),
        "two queries": (kg, (bundled.out, query, "-f", QUERIES / "ports.rq"), ("exactly one",)),
        "bad turtle": (kg, (bad, query), ("bad.ttl", "line 3")),
        "json": (kg, (bundled.out, CONSTRUCT, "--format", "json"), ("CONSTRUCT",)),
    }
    run, args, words = runs[case]
    _one_line_error(run("query", *args), *words)


def test_select_refuses_graph_formats(kg, bundled):
    _one_line_error(kg("query", bundled.out, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "turtle"), "table")


def test_output_cut_short_by_a_pipe_is_not_an_error(bundled):
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "query", str(bundled.out), "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout.readline().split() == [b"s", b"p", b"o"]
    proc.stdout.close()
    assert proc.wait(timeout=120) == 0
    assert proc.stderr.read() == b""


def test_third_member_of_a_slogan_in_the_bundled_corpus(kg, bundled, tmp_path):
    """The example adapted as its header says (another slogan's name): 四件大事 = 稳定、发展、生态、强边."""
    text = (QUERIES / "slogan_member_at.rq").read_text(encoding="utf-8").replace("六大提升行动", "四件大事")
    adapted = tmp_path / "third.rq"
    adapted.write_text(text, encoding="utf-8")
    rows = _rows(kg, bundled.out, "-f", adapted)
    assert rows and {(r["slogan"], r["member"]) for r in rows} == {("四件大事", "生态")}
    assert any("稳定、发展、生态、强边" in r["sentence"] for r in rows)
