"""Coordinated names: heads that share one suffix each name their own thing."""

from __future__ import annotations

import pytest

from kg.nlp.model import load_pipeline
from kg.nlp.pipeline import add_entity_component


@pytest.fixture(scope="module")
def nlp(rules):
    return add_entity_component(load_pipeline(), rules)


def coordinated(nlp, text):
    return {(c.name, c.type, text[c.start : c.end]) for c in nlp(text)._.kg_candidates if c.rule == "coordination"}


def test_heads_before_a_count_and_a_generic_suffix(nlp):
    text = "实施满洲里、二连浩特、策克、满都拉等重点口岸提升工程"
    found = coordinated(nlp, text)
    assert {(n, t) for n, t, _ in found} >= {("满洲里口岸", "Port"), ("二连浩特口岸", "Port"), ("策克口岸", "Port")}
    assert ("满洲里口岸", "Port", "满洲里") in found  # the mention is the head as written


def test_an_abbreviated_suffix_is_written_out_and_the_count_checked(nlp):
    found = coordinated(nlp, "推动呼和浩特、鄂尔多斯、满洲里3个综保区高质量发展")
    assert {n for n, _, _ in found} == {"呼和浩特综合保税区", "鄂尔多斯综合保税区", "满洲里综合保税区"}
    assert not coordinated(nlp, "推动呼和浩特、鄂尔多斯、满洲里2个综保区高质量发展")


def test_heads_before_a_named_area(nlp):
    text = "高质量推进乌鲁木齐、喀什、霍尔果斯片区建设"
    found = {(c.name, c.entry) for c in nlp(text)._.kg_candidates if c.rule == "coordination"}
    # written out as the document means them, resolved to the free trade zone's areas
    assert found == {("乌鲁木齐片区", "park-ftz-xinjiang-wulumuqi"), ("喀什片区", "park-ftz-xinjiang-kashi")}


def test_whole_names_in_a_list_are_not_heads(nlp):
    assert not coordinated(nlp, "加快吉隆口岸、樟木口岸、里孜口岸等口岸建设")
    assert not coordinated(nlp, "提升萨迦古城、江孜古城等景区品质")


def test_a_county_before_a_head_is_dropped(nlp):
    found = coordinated(nlp, "建设亚东县堆纳朗果、仲巴县里孜边贸市场")
    assert ("堆纳朗果边贸市场", "Park", "堆纳朗果") in found


def test_the_shared_part_follows_the_last_head(nlp):
    found = {n for n, _, _ in coordinated(nlp, "新增梧州、北海、防城港跨境电商综合试验区")}
    assert found == {"梧州跨境电商综合试验区", "北海跨境电商综合试验区"}


def test_projects_share_a_suffix_after_a_size_or_a_count(nlp):
    assert {n for n, _, _ in coordinated(nlp, "德厚、阿岗、车马碧大型水库建成投用")} == {"德厚水库", "阿岗水库"}
    found = {n for n, _, _ in coordinated(nlp, "新昆楚大、临清等40条高速公路相继建成")}
    assert found == {"新昆楚大高速公路", "临清高速公路"}  # 等: up to 40, not exactly two


def test_the_first_head_starts_after_the_last_function_word(nlp):
    found = {(n, t) for n, t, _ in coordinated(nlp, "前瞻性研究与尼泊尔甘达基、卡纳利、戈西经济走廊的对接")}
    assert found == {("甘达基经济走廊", "Region"), ("卡纳利经济走廊", "Region")}


def test_an_aside_after_a_head_is_left_out(nlp):
    found = {(n, t) for n, t, _ in coordinated(nlp, "京哈(扩建)、哈肇、绥大等高速公路建成通车。")}
    assert found == {("京哈高速公路", "Project"), ("哈肇高速公路", "Project"), ("绥大高速公路", "Project")}


def test_places_before_a_known_service_only_qualify_it(nlp):
    assert not coordinated(nlp, "推动呼和浩特、乌兰察布中欧班列节点城市建设")


def test_routes_share_a_suffix(nlp):
    found = {(n, t) for n, t, _ in coordinated(nlp, "续建黄桶至百色、合浦至湛江等7个铁路项目")}
    assert found == {("黄桶至百色铁路", "Project"), ("合浦至湛江铁路", "Project")}


def test_an_amount_after_a_place_belongs_to_the_head(nlp):
    found = coordinated(nlp, "加快防城港30万吨级、北海20万吨级、南宁至贵港一级等航道建设")
    assert {n for n, _, _ in found} == {"防城港30万吨级航道", "北海20万吨级航道", "南宁至贵港一级航道"}
    # but a place and common words after it are no head: 新疆|棉花产业优势
    assert not coordinated(nlp, "依托新疆棉花产业优势、中欧班列物流优势")


def test_generic_words_before_the_suffix_are_shared_and_the_count_is_no_formula(nlp):
    text = "加快建设南山口、哇让、同德、德令哈4个抽水蓄能电站"
    found = nlp(text)._.kg_candidates
    assert {c.name for c in found if c.rule == "coordination"} == {
        "南山口抽水蓄能电站",
        "哇让抽水蓄能电站",
        "同德抽水蓄能电站",
        "德令哈抽水蓄能电站",
    }
    assert not [c for c in found if c.type == "Slogan"]
    # a size between the count and the suffix is left out (德厚水库, not 德厚大型水库)
    assert {n for n, _, _ in coordinated(nlp, "德厚、阿岗、车马碧大型水库建成投用")} >= {"德厚水库", "阿岗水库"}


def test_one_known_place_before_etc_makes_a_list(nlp):
    assert {n for n, _, _ in coordinated(nlp, "推进盘山等大中型灌区现代化改造")} == {"盘山灌区"}
    assert not coordinated(nlp, "推进农业等大中型灌区现代化改造")


def test_the_last_head_as_long_as_the_one_before(nlp):
    assert ("青桂绿电外送通道", "Project", "青桂") in coordinated(nlp, "推动青桂、青粤绿电外送通道尽早核准开工")


def test_townships_counted_after_their_names(nlp):
    found = coordinated(nlp, "全面完成玉树东坝、尕羊、吉曲3乡大电网延伸工程")
    assert {n for n, t, _ in found if t == "Town"} == {"东坝乡", "尕羊乡", "吉曲乡"}


def test_heads_of_province_abbreviations(nlp):
    found = coordinated(nlp, "加快湘琼、粤琼、浙琼、琼港、深儋合作产业园建设")
    assert {n for n, _, _ in found} == {"湘琼合作产业园", "粤琼合作产业园", "浙琼合作产业园", "琼港合作产业园"}


def test_a_known_place_joined_by_and_shares_the_suffix(nlp):
    found = coordinated(nlp, "加快喀什和霍尔果斯经济开发区创新发展")
    assert {n for n, _, _ in found} == {"喀什经济开发区"}
    assert not coordinated(nlp, "推进基础设施和霍尔果斯经济开发区建设")


def test_bodies_named_after_areas_counted_with_a_level(nlp):
    found = coordinated(nlp, "支持长白山、三江、吉光3个省实验室高效运营")
    assert {n for n, _, _ in found} == {"长白山实验室", "三江实验室", "吉光实验室"}
    # a kind (陆港型) is no head, and a one-character suffix is not shared by the name before (莫尔寺)
    assert not coordinated(nlp, "加快陆港型、口岸型国家物流枢纽建设")
    assert not coordinated(nlp, "加强乌拉泊古城、交河故城、莫尔寺遗址等保护利用")
