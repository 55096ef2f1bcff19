"""Slogan members: read from the text around a formula and checked against its count."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.nlp.slogans import chinese_number, implied_count, listed_before
from kg.relations.members import list_after, list_before, ordinal_list, split_after


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("四件大事", 4),
        ("六大提升行动", 6),
        ("九个坚定不移", 9),
        ("两个维护", 2),
        ("十大民生工程", 10),
        ("一核两带一廊", 4),
        ("三区一高地", 4),
        ("3+1", 4),
        ("7+1", 8),
        ("22445", 5),
        ("4个载体", 4),
        ("一港、两区、五大中心、口岸经济带", 4),
        ("锚定七年、抓实三年、干好每年", 3),
        ("百千万工程", None),
        ("1+10+N", None),
    ],
)
def test_the_count_a_formula_announces(name, count):
    assert implied_count(name) == count


def test_chinese_numerals():
    assert [chinese_number(n) for n in ("四", "十", "十一", "二十", "二十五", "12", "一二")] == [
        4,
        10,
        11,
        20,
        25,
        12,
        None,
    ]


def test_a_list_before_a_formula(rules):
    settings = rules.relations.members
    text = "坚持全市一盘棋,统筹稳定、发展、生态、强边四件大事,固根基"
    items, open_list, start = list_before(text, text.index("四件大事"), settings)
    assert items == ["稳定", "发展", "生态", "强边"] and not open_list
    assert text[start:].startswith("稳定")


def test_two_members_joined_by_and(rules):
    settings = rules.relations.members
    text = "新医药产业聚焦生物制药与高端医疗器械两大产业,支持创新药发展"
    items, open_list, start = list_before(text, text.index("两大产业"), settings)
    assert items == ["生物制药", "高端医疗器械"] and not open_list
    assert text[start:].startswith("生物制药")
    assert listed_before(text, text.index("两大产业"), "两大产业")
    # 和 inside one item of a longer list stays inside it
    text = "发展粮食和食品加工、绿色矿业及加工两大产业"
    assert list_before(text, text.index("两大产业"), settings)[0] == ["粮食和食品加工", "绿色矿业及加工"]


def test_a_quoted_list_and_a_copula(rules):
    settings = rules.relations.members
    text = "着力抓好“稳定、发展、生态、强边”四件大事。稳定、发展、生态、强边是习近平总书记为西藏明确的“四件大事”"
    assert list_before(text, text.index("四件大事"), settings)[0] == ["稳定", "发展", "生态", "强边"]
    second = text.rindex("四件大事") - 1  # the formula's opening quote
    assert list_before(text, second, settings)[0] == ["稳定", "发展", "生态", "强边"]


def test_a_list_closed_by_deng_is_open(rules):
    text = "大力实施扩大有效投资、优化产业体系、有效提振消费、打造文化强市等“八大聚力攻坚”行动"
    items, open_list, _ = list_before(text, text.index("八大") - 1, rules.relations.members)
    assert items == ["扩大有效投资", "优化产业体系", "有效提振消费", "打造文化强市"] and open_list


def test_quoted_items_before_a_counted_formula(rules):
    text = "聚焦“环境整治年”“产业提质年”“党建巩固年”“作风深化年”4个载体,抓实"
    items, _, _ = list_before(text, text.index("4个载体"), rules.relations.members)
    assert items == ["环境整治年", "产业提质年", "党建巩固年", "作风深化年"]
    assert listed_before(text, text.index("4个载体"), "4个载体")
    assert not listed_before("新建口岸、边贸点等11个传统边贸点", 8, "11个传统边贸点")
    text = "修编上报2个名城、2个名镇、1个名街历史文化保护规划"
    assert not listed_before(text, text.index("2个名镇"), "2个名镇")


def test_no_list_is_no_members(rules):
    text = "推动党员干部增强“四个意识”、坚定“四个自信”"
    assert list_before(text, text.index("四个意识") - 1, rules.relations.members) is None
    heading = "二、深化落实习近平总书记和党中央赋予的五大战略定位和使命任务"
    assert list_before(heading, heading.index("五大"), rules.relations.members) is None


def test_clauses_after_a_colon(rules):
    text = "呈现出“五期叠加”阶段性特征:反分裂斗争进入关键期,矛盾交织;社会大局进入推进期,任务艰巨;经济社会进入转型期。"
    block, start = list_after(text, text.index("叠加") + 3, rules.relations.members)
    assert split_after(block, rules.relations.members) == [
        "反分裂斗争进入关键期",
        "社会大局进入推进期",
        "经济社会进入转型期",
    ]
    assert text[start:].startswith("反分裂")


def test_ordinal_members():
    text = "实施三项行动:一是稳就业,扩大岗位;二是保民生,兜牢底线;三是促发展。"
    items, _, _ = ordinal_list(text, 6, 3)
    assert items == ["稳就业", "保民生", "促发展"]
    far = "随着国家“一带一路”战略的持续推进," + "开放水平不断提升。" * 20 + "一是系统性风险。二是边境安全风险。"
    assert ordinal_list(far, far.index("一带一路") + 4, 2) is None  # another list, far away


def _slogans(out):
    lines = (json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines())
    return {(d["doc"][:3], s["name"]): s for d in lines for s in d["slogans"]}


def test_members_in_the_bundled_build(bundled):
    slogans = _slogans(bundled.out)
    assert slogans[("003", "四件大事")]["members"] == ["稳定", "发展", "生态", "强边"]
    assert slogans[("003", "四件大事")]["complete"] is True
    assert slogans[("004", "22445")]["members"] == ["2个定位", "2条经济带", "4个创建", "4个载体", "5项重点工作"]
    assert slogans[("004", "5项重点工作")]["members"] == ["保稳定", "拼经济", "强党建", "转作风", "反腐败"]
    assert slogans[("000", "八大聚力攻坚")]["complete"] is False  # six listed, then 等


def test_components_link_to_their_own_slogans(graph):
    names = {e.id: e.name for e in graph.entities}
    forms = {e.id: set(e.aliases) for e in graph.entities}
    types = {e.id: e.type for e in graph.entities}
    parts = sorted(
        (r.position, forms[r.tail], types[r.tail])
        for r in graph.relations
        if r.predicate == "hasMember" and names[r.head] == "22445"
    )
    written = ["2个定位", "2条经济带", "4个创建", "4个载体", "5项重点工作"]
    assert len(parts) == len(written) and all(w in p[1] for w, p in zip(written, parts, strict=True))
    assert {p[2] for p in parts} == {"Slogan"}
    assert all(r.evidence for r in graph.relations if r.predicate == "hasMember")


@given(st.text(alphabet="一二两三四五六七八九十百0123456789+、个大项“”", max_size=12))
def test_counting_never_fails_on_odd_numerals(name):
    count = implied_count(name)
    assert count is None or count >= 0
