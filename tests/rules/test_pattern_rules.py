"""``patterns/suffixes.toml`` and the word lists are validated on load, with file and line."""

from __future__ import annotations

import pytest

from kg.errors import RuleError
from kg.rules import load_rules
from tests.rules.edits import line_of, replace_once


@pytest.mark.parametrize(
    "old, new, needle, message",
    [
        ('type = "Port"', 'type = "Harbour"', "Harbour", "unknown type 'Harbour'"),
        ('head = "proper"', 'head = "famous"', "famous", "head must be one of"),
        ("min_head = 2", "min_head = 9", "min_head = 9", "min_head must be a whole number"),
        ('starts = ["Port"]', 'starts = ["Harbour"]', 'starts = ["Harbour"]', "unknown type 'Harbour' in starts"),
        ("max_head = 24", "max_head = 99", "max_head = 99", "max_head must be a whole number"),
        ('expect = "吉隆口岸"', 'expect = "樟木口岸"', "樟木口岸", "expect must be a part of example"),
        ('id = "park"', 'id = "port"', 'id = "port"', "duplicate id 'port'"),
    ],
)
def test_a_bad_suffix_rule_is_reported_at_its_line(rules_copy, old, new, needle, message):
    path = rules_copy / "patterns" / "suffixes.toml"
    replace_once(path, old, new)
    line = line_of(path, needle) if needle != 'id = "port"' else line_of(path, needle, last=True)
    with pytest.raises(RuleError) as caught:
        load_rules(rules_copy)
    assert str(caught.value).startswith(f"{path}:{line}:")
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_an_unknown_key_in_a_suffix_rule(rules_copy):
    path = rules_copy / "patterns" / "suffixes.toml"
    replace_once(path, "min_head = 2", "min_heads = 2")
    with pytest.raises(RuleError, match="unknown key"):
        load_rules(rules_copy)


def test_a_word_list_without_its_header(rules_copy):
    path = rules_copy / "patterns" / "idioms.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if not line.startswith("word\t")) + "\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rules(rules_copy)
    assert str(caught.value).startswith(f"{path}:2:") and "header" in str(caught.value)


def test_a_route_code_pattern_that_does_not_compile(rules_copy):
    path = rules_copy / "patterns" / "lexicon.toml"
    replace_once(path, 'route_codes = "', 'route_codes = "(')
    with pytest.raises(RuleError, match="does not compile") as caught:
        load_rules(rules_copy)
    assert str(caught.value).startswith(f"{path}:{line_of(path, 'route_codes =')}:")
