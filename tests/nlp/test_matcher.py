"""Suffix patterns and gazetteer matching on real phrases, with left-boundary cases."""

from __future__ import annotations

import pytest

from kg.nlp.model import load_pipeline
from kg.nlp.pipeline import add_entity_component


@pytest.fixture(scope="module")
def nlp(rules):
    return add_entity_component(load_pipeline(), rules)


def names(nlp, text):
    return {(c.name, c.type) for c in nlp(text)._.kg_candidates}


def test_every_suffix_rule_finds_its_own_example(nlp, rules):
    for rule in rules.suffixes:
        found = {c.name for c in nlp(rule.example)._.kg_candidates}
        assert rule.expect in found, (rule.id, rule.example, found)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("积极促进吉隆口岸扩大开放", ("吉隆口岸", "Port")),
        ("推进日喀则至吉隆高等级公路建设", ("日喀则至吉隆高等级公路", "Project")),
        ("包含萨迦县现代农业产业园重点发展青稞", ("萨迦县现代农业产业园", "Park")),
        ("建设拉洛灌区现代农牧业示范区", ("拉洛灌区现代农牧业示范区", "Park")),
        ("中国(新疆)自由贸易试验区霍尔果斯片区", ("中国(新疆)自由贸易试验区", "Park")),
        ("自治区党委高度重视", ("自治区党委", "Organization")),
        ("加快中国—东盟产业合作区建设", ("中国—东盟产业合作区", "Park")),
        ("巩固樟木口岸—加德满都经济带", ("樟木口岸—加德满都经济带", "Region")),
        ("推动形成年楚河城镇发展群", ("年楚河城镇发展群", "Region")),
        ("应急救援能力工程:日喀则市应急指挥基地,市应急队伍转运站", ("日喀则市应急指挥基地", "Project")),
        ("坚持市委市政府统一领导", ("市政府", "Organization")),
        ("兰州轨道交通二号线建成", ("兰州轨道交通二号线", "Project")),
        ("别迭里口岸实现临时通关", ("别迭里口岸", "Port")),
        ("靖西至那坡高速公路建成", ("靖西至那坡高速公路", "Project")),
        ("加快建设临河至哈密铁路", ("临河至哈密铁路", "Project")),
        ("富裕至加格达奇铁路开工", ("富裕至加格达奇铁路", "Project")),
        ("推进钦州电厂、白龙核电建设", ("白龙核电", "Project")),
        ("对接海南自由贸易港", ("海南自由贸易港", "Park")),
        ("力争将市人民医院建成三甲医院", ("市人民医院", "Organization")),
        ("国家冰雪运动学院获批建设", ("国家冰雪运动学院", "Organization")),
        ("德厚、阿岗、车马碧大型水库建成投用", ("车马碧大型水库", "Project")),
        ("银兰高铁中兰段建成投运", ("银兰高铁中兰段", "Project")),
        ("筑牢“三北”工程生态屏障", ("三北防护林体系建设工程", "Project")),
        ("太平洋建设集团有限公司区域总部揭牌", ("太平洋建设集团有限公司", "Organization")),
        ("组建珠峰文化旅游投资发展集团", ("珠峰文化旅游投资发展集团", "Organization")),
        (
            "日喀则市第二届人民代表大会财政经济农牧环资委员会审查",
            ("日喀则市第二届人民代表大会财政经济农牧环资委员会", "Organization"),
        ),
    ],
)
def test_names_with_the_right_left_boundary(nlp, text, expected):
    assert expected in names(nlp, text)


@pytest.mark.parametrize(
    "text, unwanted",
    [
        ("要建设面向南亚开放的口岸", "口岸"),
        ("切实转变政府职能", "转变政府"),
        ("形成全面开放新格局", "新格局"),
        ("加强国家物流枢纽建设", "国家物流枢纽"),
        ("推动城乡融合发展", "城乡"),
        ("坚持绿水青山就是金山银山", "青山"),
        ("坚持市委市政府统一领导", "市委市政府"),
        ("督促县政府落实责任", "县政府"),
        ("新建绿色矿山", "新建绿色矿山"),
        ("对口帮扶县(区)医院建设", "对口帮扶县(区)医院"),
        ("推进乡(镇)综合文化站建设", "乡(镇"),
        ("拥有名城名镇", "名城名镇"),
        ("打造国家3A景区", "3A景区"),
        ("新疆口岸进出口货运量增长", "新疆口岸"),
        ("建设西藏大型水利枢纽", "西藏大型水利枢纽"),
        ("推进长所乡撤乡设镇", "撤乡设镇"),
        ("深刻汲取包钢板材厂事故教训", "深刻汲取包钢板材厂"),
        ("建成市域“一小时经济圈”", "一小时经济圈"),
        ("推进西藏特色旅游区建设", "西藏特色旅游区"),
        ("加快边境县农村公路建设", "边境县农村公路"),
        ("全疆普通高等学校达66所", "疆普通高等学校"),
        ("白山结束不通高铁的历史", "白山结束不通高铁"),
        ("新建(一级)公路", "(一级)公路"),
        ("打造唐卡之乡", "唐卡之乡"),
        ("引导农牧户加入合作社", "农牧户加入合作社"),
        ("实施健康日喀则工程", "健康日喀则工程"),
        ("建设开放型产业园区", "开放型产业园区"),
        ("建设陆上边境口岸型国家物流枢纽", "陆上边境口岸型国家物流枢纽"),
        ("开行跨境电商班列", "跨境电商班列"),
        ("坚持有效市场和有为政府相结合", "有为政府"),
        ("解决国道通行瓶颈路段", "国道通行瓶颈路段"),
        ("实行“一河(湖)一策”治理", "一河"),
        ("多措并举推动带薪错峰休假", "多措"),
        ("北部湾港新增外贸泊位5个", "北部湾港新增外贸泊位"),
        ("全区首家市级统一法人农商行挂牌", "全区首家市级统一法人农商行"),
        ("上海合作组织成员国农业部长会议", "农业农村部"),
        ("推动桂企出海、桂品出海", "桂企出海"),
        ("场面人山人海，火海刀山", "人山人海"),
        ("场面人山人海，火海刀山", "火海"),
        ("加强近海治理和航海教育", "航海"),
        ("新建2个10万吨级泊位", "10万吨级泊位"),
        ("新建500千伏变电站", "千伏变电站"),
        ("营口片区建设陆港枢纽产业园", "营口片区建设陆港枢纽产业园"),
        ("扩容升级昆明国际陆港", "升级昆明国际陆港"),
        ("争创国家实验室", "争创国家实验室"),
        ("推动“千兆自贸港”向“万兆自贸港”演进", "万兆自由贸易港"),
        ("打造国家5A级旅游景区", "国家5A级旅游景区"),
        ("坚持试错容错", "试错容错"),
        ("发展5G，出席G20峰会", "G20"),
        ("扩能提质边境口岸", "扩能提质边境口岸"),
        ("提高民生类政府投资比重", "民生类政府"),
        ("培育中心镇", "中心镇"),
        ("建设千亿级开发区", "千亿级开发区"),
        ("建设2个500千伏变电站", "500千伏变电站"),
    ],
)
def test_no_name_from_ordinary_words(nlp, text, unwanted):
    assert unwanted not in {n for n, _ in names(nlp, text)}


def test_gazetteer_types_and_short_forms(nlp):
    found = names(nlp, "日喀则市吉隆县与尼泊尔接壤,吉隆镇是南亚通道")
    assert {("日喀则市", "City"), ("吉隆县", "County"), ("尼泊尔", "Country"), ("南亚", "Region")} <= found


def test_nested_known_names_count(nlp):
    found = names(nlp, "西藏开投刀片电池储能项目顺利投产")
    assert ("西藏开投刀片电池储能项目", "Project") in found
    assert any(t == "Organization" and n.startswith("西藏开发投资") for n, t in found)


def test_short_words_inside_longer_words_are_not_names(nlp):
    found = {n for n, _ in names(nlp, "加强与东南亚和马来西亚的合作")}
    assert "南亚" not in found and "西亚" not in found


@pytest.mark.parametrize(
    "text",
    [
        "推进中国式现代化",
        "系统推进藏传佛教中国化",
        "坚持中国特色社会主义",
        "中国共产党昌都市第二届委员会",
        "平安中国建设",
    ],
)
def test_a_country_name_used_as_an_adjective_or_inside_a_party_name_is_no_mention(nlp, text):
    assert ("中国", "Country") not in names(nlp, text)


def test_a_province_before_a_river_of_the_same_name(nlp):
    assert ("黑龙江省", "Province") in names(nlp, "黑龙江冰雪旅游成为现象级")
    assert ("河北省", "Province") in names(nlp, "来自河北的游客")


def test_a_place_a_park_is_named_after_is_a_mention_of_its_own(nlp):
    found = names(nlp, "塔城重点开发开放试验区建设加快")
    assert ("塔城地区", "City") in found and any(t == "Park" and n.endswith("塔城重点开发开放试验区") for n, t in found)


def test_a_known_name_at_the_end_of_a_longer_one(nlp):
    found = names(nlp, "南宁吴圩机场改扩建工程投入使用")
    assert [t for n, t in found if t == "Project"] == ["Project"]  # one airport, not two
    found = names(nlp, "推动乌兰察布中欧班列节点城市建设")
    assert ("中欧班列", "Project") in found and ("乌兰察布市", "City") in found


def test_a_known_company_by_its_short_name(nlp):
    assert any(t == "Organization" and n.startswith("包头钢铁") for n, t in names(nlp, "支持包钢做大做强"))


def test_a_branch_and_its_parent_body(nlp):
    found = names(nlp, "西藏百万农奴解放纪念馆日喀则分馆开馆")
    assert {("西藏百万农奴解放纪念馆日喀则分馆", "Organization"), ("西藏百万农奴解放纪念馆", "Organization")} <= found


def test_a_river_basin_is_the_river(nlp):
    found = names(nlp, "年楚河流域综合治理")
    assert ("年楚河", "Region") in found and ("年楚河流域", "Region") not in found
    assert ("丝绸之路", "Region") not in names(nlp, "推进丝绸之路经济带核心区建设")


def test_sea_ports_and_numbered_corridors(nlp):
    found = names(nlp, "钦州港、洋浦港吞吐量增长，开工“疆电外送”第三通道和甘川新通道")
    assert {("钦州港", "Port"), ("洋浦港", "Port")} <= found
    assert {("“疆电外送”第三通道", "Project"), ("甘川新通道", "Project")} <= found
    # a known name ending in 港 is that name (防城港 the city), and 空港 is a common word
    found = names(nlp, "防城港、连云港发展空港物流")
    assert not {n for n, t in found if t == "Port"}


def test_a_known_park_holds_the_place_it_is_named_after_however_segmented(nlp):
    assert {("天水市", "City"), ("天水经济技术开发区", "Park")} <= names(nlp, "天水经开区跻身全国50强")


def test_an_amount_and_a_link_line_inside_a_works_name(nlp):
    assert ("川州500千伏输变电工程", "Project") in names(nlp, "推进川州500千伏输变电工程")
    assert ("中越准轨铁路连接线", "Project") in names(nlp, "协调推进中越准轨铁路连接线建设")
    assert ("昆明国际陆港", "Park") in names(nlp, "扩容升级昆明国际陆港")
    # a size word may begin a name (大香格里拉), and a campaign mark is no generic word to drop
    assert ("大香格里拉经济圈", "Region") in names(nlp, "打造大香格里拉经济圈")
    assert not {n for n, t in names(nlp, "实施健康日喀则工程") if t == "Project"}


def test_a_place_right_before_a_suffix_word_however_segmented(nlp):
    assert {("富宁港", "Port"), ("富宁县", "County")} <= names(nlp, "富宁港千吨级船舶通江达海")
    assert ("滇西", "Region") in names(nlp, "提升滇西城镇群发展能级")


def test_a_lake_or_river_a_park_or_work_is_named_after(nlp):
    found = names(nlp, "渠洋湖景区建设和黑水河灌区等水利项目")
    assert {("渠洋湖", "Region"), ("渠洋湖景区", "Park"), ("黑水河", "Region"), ("黑水河灌区", "Project")} <= found


def test_numbered_roads_and_their_sections(nlp):
    found = names(nlp, "推动G679线乌拉斯台至奇台建设，实施G225乐东至三亚段改造")
    assert {("G679线", "Project"), ("G225", "Project"), ("G225乐东至三亚段", "Project")} <= found


def test_bodies_of_named_bodies_and_campuses(nlp):
    found = names(nlp, "实施好自治区人民政府特殊津贴制度，建设北京大学海南研究院和海南大学崖州校区")
    assert {("自治区人民政府", "Organization"), ("北京大学海南研究院", "Organization")} <= found
    assert {("海南大学崖州校区", "Organization"), ("海南大学", "Organization")} <= found


def test_works_named_after_a_river_found_by_its_suffix(nlp):
    assert ("南渡江防洪治理工程", "Project") in names(nlp, "推进南渡江防洪治理工程")


def test_an_institution_that_begins_a_longer_name(nlp):
    found = names(nlp, "启动西安交通大学国际化区域创新中心建设，太平洋建设集团有限公司揭牌")
    assert {("西安交通大学", "Organization"), ("西安交通大学国际化区域创新中心", "Organization")} <= found
    assert ("太平洋建设集团", "Organization") not in found  # one company, written in full
    assert ("国家黑龙江大豆种子基地", "Project") in names(nlp, "加快国家黑龙江大豆种子基地建设")


def test_a_short_form_two_counties_share_is_decided_by_the_document(nlp, rules):
    from kg.nlp.pipeline import disambiguate

    entries = {e.id: e for e in rules.gazetteer}
    matcher = nlp.get_pipe("kg_entities").matcher

    def counties(*sentences):
        found = [(i, c) for i, s in enumerate(sentences) for c in nlp(s)._.kg_candidates]
        return {c.name for _, c in disambiguate(found, matcher.homonyms, entries) if c.type == "County"}

    assert counties("防城港市加快发展。", "东兴边民互市贸易区建成。") == {"东兴市"}
    assert counties("内江市加快发展。", "东兴经济加快发展。") == {"东兴区"}


def test_a_companys_project_named_by_the_company_and_its_site(nlp):
    found = names(nlp, "加快华电榆树、中能建松原等项目建设")
    assert {("华电榆树", "Project"), ("中能建松原", "Project"), ("中国华电集团有限公司", "Organization")} <= found
    # a company and a place with no list of projects around them are just that
    assert not {n for n, t in names(nlp, "华电榆树公司成立") if t == "Project"}


def test_the_airport_a_port_is_named_after(nlp):
    found = names(nlp, "推动铜仁凤凰机场航空口岸正式开放，磨憨铁路口岸入选典型案例")
    assert {("铜仁凤凰机场", "Project"), ("铜仁凤凰机场航空口岸", "Port")} <= found
    assert ("磨憨铁路", "Project") not in found  # a railway port, not a railway


def test_the_verb_that_begins_an_organizations_head_is_the_sentences(nlp):
    assert ("市文旅集团", "Organization") in names(nlp, "组建市文旅集团")
    assert ("西藏文旅集团", "Organization") in names(nlp, "整合组建西藏文旅集团")


def test_a_province_by_its_literary_name(nlp):
    assert ("黑龙江省", "Province") in names(nlp, "深入实施“投资龙江”行动")


def test_mines_and_town_groups(nlp):
    found = names(nlp, "持续推进抚顺西露天矿、阜新海州露天矿等矿坑综合治理")
    assert {("抚顺西露天矿", "Project"), ("阜新海州露天矿", "Project")} <= found
    assert ("滇东北城镇群", "Region") in names(nlp, "提升滇西城镇群、滇东北城镇群发展能级")


def test_seas_rivers_and_sub_regions(nlp):
    found = names(nlp, "深化辽河、渤海综合治理，放大辽东绿色经济区生态优势，维护南海和东海权益")
    assert {("辽河", "Region"), ("渤海", "Region"), ("辽东", "Region"), ("南海", "Region"), ("东海", "Region")} <= found
    assert {("滇东北城镇群", "Region"), ("滇东北", "Region")} <= names(nlp, "提升滇东北城镇群发展能级")


def test_a_known_region_does_not_hold_the_county_it_begins_with(nlp):
    assert ("科尔沁区", "County") not in names(nlp, "实施科尔沁沙地综合治理290万亩")


def test_an_amount_inside_a_works_name(nlp):
    assert ("北海铁山港20万吨级散货泊位", "Project") in names(nlp, "北海铁山港20万吨级散货泊位等7个港航项目建成运营")


def test_an_autonomous_county_of_all_groups_by_its_short_name(nlp):
    assert ("龙胜各族自治县", "County") in names(nlp, "衡阳至南宁（龙胜至南宁段）高速公路")


def test_lakes_river_stretches_and_metropolitan_areas(nlp):
    found = names(nlp, "哈素海、阳宗海和察汗淖尔入选美丽河湖案例")
    assert {("哈素海", "Region"), ("阳宗海", "Region"), ("察汗淖尔", "Region")} <= found
    assert ("黄河上游", "Region") in names(nlp, "黄河上游水源涵养补给量增加")
    # a stretch only of a known river: 产业链上游 is none
    assert not {n for n, t in names(nlp, "向产业链上游延伸") if t == "Region"}
    # an area named after a city holds the city as a mention of its own
    assert {("呼和浩特都市圈", "Region"), ("呼和浩特市", "City")} <= names(nlp, "推进呼和浩特都市圈建设")
