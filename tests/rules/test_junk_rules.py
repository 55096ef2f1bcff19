"""``junk.toml`` is validated on load; every error names the file and line."""

from __future__ import annotations

import pytest

from kg.errors import RuleError
from kg.rules import load_rules

GOOD_ENTRY = '[[line]]\nid = "x"\npattern = "^x$"\nexample = "x"\n'


@pytest.mark.parametrize(
    "content, line, message",
    [
        ('[[line]]\nid = "x"\npattern = "^x$\nexample = "x"\n', 3, "not valid TOML"),
        ('[[line]]\nid = "x"\npattern = "(unclosed"\nexample = "x"\n', 3, "does not compile"),
        ('[[line]]\nid = "x"\npattern = "^y$"\nexample = "x"\n', 4, "does not match its example"),
        (GOOD_ENTRY + GOOD_ENTRY, 6, "duplicate id 'x'"),
        ('[[line]]\nid = "x"\npatern = "^x$"\nexample = "x"\n', 1, "unknown key(s) patern"),
        ('[[line]]\nid = "bad id"\npattern = "x"\nexample = "x"\n', 2, "may use only"),
        ("[lines]\n", None, "unknown section(s) lines"),
        ('[page_markers]\npattern = "^\\\\d+、"\n', 2, "needs a group"),
    ],
)
def test_malformed_junk_file_is_reported_with_file_and_line(rules_copy, content, line, message):
    (rules_copy / "junk.toml").write_text(content, encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rules(rules_copy)
    text = str(caught.value)
    assert text.startswith(f"{rules_copy / 'junk.toml'}:{line}:" if line else f"{rules_copy / 'junk.toml'}:")
    assert message in text and "\n" not in text


def test_check_rules_command(kg, rules_copy):
    assert kg("check-rules", "--rules", rules_copy).code == 0
    (rules_copy / "junk.toml").write_text('[[line]]\nid = "x"\npattern = "["\nexample = "x"\n', encoding="utf-8")
    run = kg("check-rules", "--rules", rules_copy)
    assert run.code == 2 and run.err.count("\n") == 1 and "junk.toml:3:" in run.err


def test_build_stops_on_a_bad_rule_file_before_writing(kg, rules_copy, tmp_path):
    (rules_copy / "junk.toml").write_text("not toml at all = = =\n", encoding="utf-8")
    run = kg("build", "--rules", rules_copy, "-o", tmp_path / "out")
    assert run.code == 2 and "junk.toml:1:" in run.err
    assert not (tmp_path / "out").exists()
