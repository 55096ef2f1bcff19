"""Numbered formulas against quantities, periods and dates."""

from __future__ import annotations

import pytest

from kg.nlp.slogans import compile_shapes, is_formula


@pytest.fixture(scope="module")
def nlp_slogans(rules):
    from kg.nlp.model import load_pipeline
    from kg.nlp.pipeline import add_entity_component

    return add_entity_component(load_pipeline(), rules)


@pytest.fixture(scope="module")
def check(rules):
    shapes = compile_shapes(rules.numerals)
    return lambda text: is_formula(text, rules.numerals, shapes)


@pytest.mark.parametrize(
    "text",
    [
        "四件大事",
        "两个维护",
        "22445",
        "7+1",
        "3+1",
        "一核两带一廊",
        "一港、两区、五大中心、口岸经济带",
        "五治",
        "六大提升行动",
        "锚定七年、抓实三年、干好每年",
        "双随机、一公开",
        "九个坚定不移",
        "三区一高地",
        "1+10+N",
        "十百千万",
        "五城三小时经济圈",
    ],
)
def test_formulas(check, text):
    assert check(text)


@pytest.mark.parametrize(
    "text",
    [
        "十四五",
        "十三五",
        "七一",
        "八五",
        "一盘棋",
        "一小时经济圈",
        "双提升",
        "9710",
        "5G+教育",
        "4·25",
        "桥头堡",
        "国企改革三年行动",
        "地球第三极",
        "12309检查服务中心",
        "中华民族一家亲、同心共筑中国梦",
        "单一窗口",
        "十五五",
        "六连增",
        "两院",
        "创三甲",
        "一河(湖)一策",
        "一村一品",
        "万企兴万村",
        "千企技改",
        "1分钟预订,3小时自驾到靖西,太方便了!",
        "千方百计",
        "四面八方",
        "五湖四海",
    ],
)
def test_not_formulas(check, text):
    assert not check(text)


def test_an_idiom_with_numerals_is_no_formula_even_unquoted_and_repeated(nlp_slogans):
    doc = nlp_slogans("千方百计增加收入，千方百计扩大就业，坚持九个坚定不移")
    assert [c.name for c in doc._.kg_candidates if c.type == "Slogan"] == ["九个坚定不移"]
