"""The offset invariant: whatever cleaning removes, every sentence quotes the original."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import prepare
from kg.model import SourceDoc
from kg.offsets import Edit, apply_edits, identity


def test_apply_edits_maps_kept_characters_back():
    mapped = apply_edits(identity("發(fā)展新質"), [Edit(1, 5)])
    assert mapped.text == "發展新質"
    assert [mapped.original_span(i, i + 1) for i in range(4)] == [(0, 1), (5, 6), (6, 7), (7, 8)]


def test_replacement_characters_map_to_the_span_they_replace():
    mapped = apply_edits(identity("ab?!cd"), [Edit(2, 4, "。")])
    assert mapped.text == "ab。cd"
    assert mapped.original_span(2, 3) == (2, 4)
    assert mapped.original_span(1, 4) == (1, 5)


def test_edits_compose_over_two_rounds():
    first = apply_edits(identity("0123456789"), [Edit(2, 4)])
    second = apply_edits(first, [Edit(0, 1), Edit(3, 5, "X")])
    assert second.text == "14X789"
    spans = [second.original_span(i, i + 1) for i in range(len(second.text))]
    assert spans == [(1, 2), (4, 5), (5, 7), (7, 8), (8, 9), (9, 10)]


JUNK = st.sampled_from(
    [
        "(fā)",
        "(qū)",
        "\n【字体:大 中 小】\n",
        "\n来源:某网站\n",
        "\x00",
        "\x0c",
        "\u200b",
        "\ufeff",
        "\n浏览人数:12\n",
        "\u00a0",
        "２２４４５",
        "……",
        "\r\n",
        "發展",
        "\n\n",
    ]
)
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(TEXT, JUNK), max_size=12))
def test_every_sentence_quotes_the_original(rules, parts):
    original = "".join(parts).replace("\r\n", "\n").replace("\r", "\n")
    source = SourceDoc("doc.txt", None, "", "txt", "utf-8", original)
    try:
        doc = prepare(source, rules)
    except Exception as exc:  # only "nothing left" may stop a document
        assert "no text left" in str(exc)
        return
    assert len(doc.match) == len(doc.clean.text)
    for s in doc.sentences:
        assert original[s.start : s.end] == s.text
        assert s.text.strip()
        first, last = doc.clean.original_span(s.clean_start, s.clean_start + 1)
        assert original[first:last]  # every cleaned character stands for real original text
