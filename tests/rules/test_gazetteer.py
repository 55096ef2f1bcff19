"""Gazetteer facts a refresh must not lose, and gazetteer files validated with file and line."""

from __future__ import annotations

import pytest

from kg.errors import RuleError
from kg.rules import load_rules

HEADER = "id\ttype\tname\taliases\tparent\tcode\tfaces\tformer\tsource\n"


def test_facts_a_refresh_must_keep(rules):
    entries = rules.entries
    counties = [e for e in rules.gazetteer if e.parent == "540200" and e.type == "County"]
    assert entries["540200"].name == "日喀则市" and len(counties) == 18
    assert entries["654004"].name == "霍尔果斯市"
    assert entries["540234"].name == "吉隆县" and entries["540235"].name == "聂拉木县"
    assert "乌鲁木齐" in entries["650100"].aliases  # the wider of 乌鲁木齐市 and 乌鲁木齐县
    assert "河北" in entries["130000"].aliases  # the province, not Tianjin's 河北区
    assert "兴安" in entries["152200"].aliases  # 兴安盟 over the counties 兴安县 and 兴安区
    assert "尼泊尔" in entries["port-jilong"].faces and entries["port-jilong"].parent == "540234"


def test_every_parent_and_neighbour_is_known(rules):
    countries = {n for e in rules.gazetteer if e.type == "Country" for n in (e.name, *e.aliases)}
    for entry in rules.gazetteer:
        assert not entry.parent or entry.parent in rules.entries, entry.where
        assert all(country in countries for country in entry.faces), entry.where
    ports = [e for e in rules.gazetteer if e.type == "Port"]
    assert len(ports) >= 100 and all(e.parent for e in ports)


@pytest.mark.parametrize(
    "rows, line, message",
    [
        ("x-1\tPort\t甲口岸\t\t\t\t\t\t\n", 2, None),
        ("x-1\tHarbour\t甲港\t\t\t\t\t\t\n", 2, "unknown type 'Harbour'"),
        ("x 1\tPort\t甲口岸\t\t\t\t\t\t\n", 2, "may use only"),
        ("x-1\tPort\t\t\t\t\t\t\t\n", 2, "empty name"),
        ("x-1\tPort\t甲口岸\t\t\n", 2, "tab-separated columns"),
        ("x-1\tPort\t甲口岸\t\t\t\t\t\t\nx-1\tPort\t乙口岸\t\t\t\t\t\t\n", 3, "duplicate id 'x-1'"),
        ("x-1\tPort\t甲口岸\t\tnowhere\t\t\t\t\n", 2, "parent 'nowhere'"),
    ],
)
def test_a_bad_row_is_reported_at_its_line(rules_copy, rows, line, message):
    path = rules_copy / "gazetteer" / "extra.tsv"
    path.write_text(HEADER + rows, encoding="utf-8")
    if message is None:
        assert "x-1" in load_rules(rules_copy).entries  # a good extra file is simply read
        return
    with pytest.raises(RuleError) as caught:
        load_rules(rules_copy)
    assert str(caught.value).startswith(f"{path}:{line}:") and message in str(caught.value)


def test_an_id_taken_in_another_file_names_both_places(rules_copy):
    path = rules_copy / "gazetteer" / "extra.tsv"
    path.write_text(HEADER + "port-jilong\tPort\t甲口岸\t\t\t\t\t\t\n", encoding="utf-8")
    with pytest.raises(RuleError, match="duplicate id 'port-jilong'") as caught:
        load_rules(rules_copy)
    assert f"{path}:2" in str(caught.value) and "ports.tsv:" in str(caught.value)


def test_a_bad_link_is_reported(rules_copy):
    path = rules_copy / "gazetteer" / "extra_links.tsv"
    path.write_text("child\tpredicate\tparent\tsource\nport-jilong\tnear\t540234\t\n", encoding="utf-8")
    with pytest.raises(RuleError, match="unknown predicate 'near'") as caught:
        load_rules(rules_copy)
    assert str(caught.value).startswith(f"{path}:2:")
    path.write_text("child\tpredicate\tparent\tsource\nport-nowhere\tpartOf\t540234\t\n", encoding="utf-8")
    with pytest.raises(RuleError, match="'port-nowhere' is not the id of any gazetteer row"):
        load_rules(rules_copy)
