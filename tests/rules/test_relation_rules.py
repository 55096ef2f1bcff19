"""``relations.toml`` and the lexicon's abbreviations are validated on load, with file and line."""

from __future__ import annotations

import shutil

import pytest

from kg.errors import RuleError
from kg.rules import default_rules_dir, load_rules
from tests.rules.edits import line_of, replace_once


@pytest.mark.parametrize(
    "old, new, needle, message",
    [
        ('predicate = "locatedIn"', 'predicate = "isNear"', "isNear", "unknown predicate 'isNear'"),
        ('tail = ["Country"]', 'tail = ["Nation"]', "Nation", "unknown type 'Nation'"),
        ('between = "^$"', 'between = "(unclosed"', "(unclosed", "does not compile"),
        ('order = "tail-first"', 'order = "backwards"', "backwards", "`order` must be one of"),
        ("max_gap = 1", "max_gap = 0", "max_gap = 0", "positive whole number"),
        ("window = 200", 'window = "wide"', "window =", "positive whole number"),
        ('intro = "', 'intro = "(', "intro =", "does not compile"),
        ("subject_ratio = 2.0", "subject_ratio = 0.5", "subject_ratio = 0", "must be a number"),
    ],
)
def test_a_bad_value_is_reported_at_its_line(rules_copy, old, new, needle, message):
    path = rules_copy / "relations.toml"
    replace_once(path, old, new)
    with pytest.raises(RuleError) as caught:
        load_rules(rules_copy)
    assert str(caught.value).startswith(f"{path}:{line_of(path, needle)}:")
    assert message in str(caught.value)


def test_duplicate_ids_and_unknown_keys(rules_copy):
    path = rules_copy / "relations.toml"
    replace_once(path, 'id = "place-written-after-its-container"', 'id = "faces-border-with"')
    with pytest.raises(RuleError, match="duplicate id 'faces-border-with'"):
        load_rules(rules_copy)
    shutil.copy(default_rules_dir() / "relations.toml", path)
    replace_once(path, 'between = "^$"', 'between = "^$"\nmaxgap = 3')
    with pytest.raises(RuleError, match="unknown key"):
        load_rules(rules_copy)


def test_a_missing_section_and_broken_toml(rules_copy):
    path = rules_copy / "relations.toml"
    path.write_text('[[relation]]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(RuleError, match=r"a \[members\] section is required"):
        load_rules(rules_copy)
    path.write_text('[members]\nlead_verbs = ["统筹"\n', encoding="utf-8")
    with pytest.raises(RuleError, match="not valid TOML") as caught:
        load_rules(rules_copy)
    assert str(caught.value).startswith(f"{path}:")


def test_an_abbreviation_must_end_like_its_full_form(rules_copy):
    path = rules_copy / "patterns" / "lexicon.toml"
    replace_once(path, '"边合区" = "边境经济合作区"', '"边合区" = "边境经济合作带"')
    with pytest.raises(RuleError, match="abbreviations") as caught:
        load_rules(rules_copy)
    assert str(caught.value).startswith(f"{path}:{line_of(path, '[abbreviations]')}:")


def test_patterns_matched_in_place_must_not_start_with_a_caret(rules_copy):
    path = rules_copy / "relations.toml"
    replace_once(path, 'intro = "', 'intro = "^')
    with pytest.raises(RuleError, match="drop the"):
        load_rules(rules_copy)
    shutil.copy(default_rules_dir() / "relations.toml", path)
    lexicon = rules_copy / "patterns" / "lexicon.toml"
    replace_once(lexicon, 'leading_junk = "', 'leading_junk = "^')
    with pytest.raises(RuleError, match="drop the") as caught:
        load_rules(rules_copy)
    assert str(caught.value).startswith(f"{lexicon}:{line_of(lexicon, 'leading_junk =')}:")


def test_faces_cues_are_checked(rules_copy):
    path = rules_copy / "relations.toml"
    replace_once(path, '"尼" = "尼泊尔"', '"尼" = "尼伯尔"')
    with pytest.raises(RuleError, match=r"'尼伯尔' .尼. is not a country") as caught:
        load_rules(rules_copy)
    assert str(caught.value).startswith(f"{path}:{line_of(path, '尼伯尔')}:")
    shutil.copy(default_rules_dir() / "relations.toml", path)
    replace_once(path, 'patterns = ["中{c}', 'patterns = ["中X')
    with pytest.raises(RuleError, match=r"needs \{c\}"):
        load_rules(rules_copy)
