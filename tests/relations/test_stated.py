"""Relations stated between two names of a sentence, read by the rules in relations.toml."""

from __future__ import annotations

from kg.model import Mention
from kg.relations.stated import stated_relations


def _mention(text: str, name: str, kind: str, entity: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    end = start + len(name)
    return Mention("d", 0, start, end, name, name, kind, name, entity, "test", (), start, end)


def _read(rules, text, *mentions):
    found = stated_relations(tuple(mentions), text, rules.relations.relations)
    return {(r.head, r.predicate, r.tail, r.evidence[0].rule) for r in found}


def test_a_place_written_after_its_container(rules):
    text = "加快吉隆县吉隆镇建设"
    county, town = _mention(text, "吉隆县", "County", "c"), _mention(text, "吉隆镇", "Town", "t")
    assert ("t", "locatedIn", "c", "rule:place-written-after-its-container") in _read(rules, text, county, town)


def test_a_container_must_be_wider_than_the_place(rules):
    text = "吉隆镇吉隆县"
    town, county = _mention(text, "吉隆镇", "Town", "t"), _mention(text, "吉隆县", "County", "c")
    assert not _read(rules, text, town, county)


def test_a_formula_that_carries_out_another(rules):
    text = "“四个创建”是我们贯彻落实“四件大事”的重要举措"
    a, b = _mention(text, "四个创建", "Slogan", "a"), _mention(text, "四件大事", "Slogan", "b")
    assert ("a", "implements", "b", "rule:slogan-serves-slogan") in _read(rules, text, a, b)
    assert not _read(
        rules,
        "抓好“四个创建”、落实“四件大事”",
        *[_mention("抓好“四个创建”、落实“四件大事”", n, "Slogan", n) for n in ("四个创建", "四件大事")],
    )


def test_who_put_a_formula_forward(rules):
    text = "市委常委会聚焦“四件大事”,科学提出“22445”总体工作思路"
    org = _mention(text, "市委常委会", "Organization", "o")
    focus, plan = _mention(text, "四件大事", "Slogan", "s1"), _mention(text, "22445", "Slogan", "s2")
    found = _read(rules, text, org, focus, plan)
    assert ("s2", "proposedBy", "o", "rule:slogan-put-forward-by") in found
    assert not any(head == "s1" and predicate == "proposedBy" for head, predicate, _, _ in found)


def test_stated_relations_in_the_bundled_graph(graph):
    names = {e.id: e.name for e in graph.entities}
    said = {(names[r.head], r.predicate, names[r.tail]) for r in graph.relations}
    assert ("四个创建", "implements", "四件大事") in said
    assert ("22445", "proposedBy", "市委常委会") in said
    assert ("吉隆镇", "locatedIn", "吉隆县") in said
    assert ("吉隆口岸", "facesCountry", "尼泊尔") in said


def test_a_province_short_name_opening_a_title_is_no_container(rules):
    text = "西藏珠穆朗玛峰国家公园"
    province = Mention("d", 0, 0, 2, "西藏", "西藏", "Province", "西藏自治区", "540000", "gazetteer", (), 0, 2)
    peak = _mention(text, "珠穆朗玛峰", "Region", "r")
    assert not _read(rules, text, province, peak)
    written = "西藏自治区珠穆朗玛峰"
    full = _mention(written, "西藏自治区", "Province", "540000")
    assert ("r", "locatedIn", "540000", "rule:place-written-after-its-container") in _read(
        rules, written, full, _mention(written, "珠穆朗玛峰", "Region", "r")
    )


def test_a_project_in_a_programme(rules):
    text = "川藏铁路纳入“十大工程”"
    project, programme = _mention(text, "川藏铁路", "Project", "p"), _mention(text, "十大工程", "Slogan", "s")
    assert ("p", "partOf", "s", "rule:project-in-a-programme") in _read(rules, text, project, programme)


def test_faces_cues_and_component_formulas_in_the_bundled_graph(graph):
    names = {e.id: e.name for e in graph.entities}
    rules_by = {(names[r.head], r.predicate, names[r.tail]): {e.rule for e in r.evidence} for r in graph.relations}
    assert "cue:faces" in rules_by[("吉隆口岸", "facesCountry", "尼泊尔")]  # 以吉隆口岸为重点,推动中尼共同监管…
    assert ("2个定位", "partOf", "22445") in rules_by
