"""Each cleaning step on the corpus artefacts it exists for, and on text it must leave alone."""

from __future__ import annotations

import re

from kg.ingest.clean import chrome_lines, inline_junk, page_markers
from kg.offsets import apply_edits, identity


def _apply(step, text, rules):
    return apply_edits(identity(text), step(text, rules.junk)).text


def test_web_chrome_lines_are_removed(corpus):
    for key, junk in [
        ("004", "【字体:大 中 小】"),
        ("004", "【打印本文】"),
        ("003", "浏览人数:0"),
        ("003", "来源:市发改委"),
        ("002", "责任编辑"),
        ("002", "扫一扫"),
        ("004", "扫一扫"),
    ]:
        assert junk not in corpus[key].match, (key, junk)
    assert "2024-05-08 10:53:10" not in corpus["002"].match
    assert "2023年12月17日 04时41分" not in corpus["004"].match


def test_titles_and_captions_survive(corpus):
    assert corpus["004"].match.startswith("中国共产党昌都市第二届委员会第十次全体会议在卡若举行")
    assert "尼泊尔草料从吉隆口岸入境到邦兴物流园" in corpus["000"].match
    assert corpus["002"].match.startswith("发展新质生产力持续加快“一带一路”核心区建设")


def test_download_banner_is_removed(corpus):
    assert "由会员分享" not in corpus["001"].match
    assert corpus["001"].match.startswith("某某市委书记在商务局调研")


def test_page_markers_are_removed_and_cut_words_joined(corpus):
    match = corpus["001"].match
    assert "是中国最鲜明的特色" in match
    assert "完善口岸功能。" in match
    assert "\n2、" not in match and "\n5、" not in match


def test_a_real_numbered_list_is_not_taken_for_page_markers(rules):
    text = "要点如下:\n1、加强口岸建设。\n2、推进园区发展。\n3、扩大开放。\n4、优化环境。\n"
    assert _apply(page_markers, text, rules) == text


def test_pinyin_annotations_are_removed_but_real_parentheses_stay(corpus):
    match = corpus["002"].match
    original, cleaned = corpus["002"].source.text, corpus["002"].clean.text
    assert original.count("(fā)") == 32 and "(fā)" not in cleaned
    # the only ones left sit in the three spots of GBK mojibake, after a non-Han character
    left = re.findall(r"(.)\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)", cleaned)
    assert len(left) <= 3 and not any("\u4e00" <= ch <= "\u9fff" for ch in left)
    for kept in ("中国(新疆)自由贸易试验区", "实施细则(2024)", "中欧(中亚)“天山号”班列", "中欧班列(乌鲁木齐)集结中心"):
        assert kept in match, kept


def test_pinyin_rule_needs_a_tone_mark_and_a_han_character_before(rules):
    assert _apply(inline_junk, "發(fā)展區(qū)", rules) == "發展區"
    for text in ("软件(app)开发", "GDP(ppp)", "(fā)", "吉隆(jilong)"):
        assert _apply(inline_junk, text, rules) == text


def test_chrome_patterns_do_not_eat_content(rules):
    content = "来源于群众、服务于群众的做法,浏览了全区口岸建设情况。\n2024年5月8日,吉隆口岸恢复通关。\n"
    assert _apply(chrome_lines, content, rules) == content


def test_table_cells_stay_separate_sentences(corpus):
    doc = corpus["003"]
    texts = [s.text for s in doc.sentences]
    assert "预期性" in texts and "约束性" in texts
    assert not any("预期性" in t and t != "预期性" and len(t) < 20 for t in texts)
