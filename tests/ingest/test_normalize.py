"""The match text keeps the cleaned text's length while folding width and script."""

from __future__ import annotations

from kg.ingest.normalize import detect_script, fold_width, match_view, to_simplified


def test_full_width_folds_to_ascii_one_for_one():
    assert fold_width("２２４４５（新疆）") == "22445(新疆)"
    assert fold_width("吉隆\u00a0口岸\u3000") == "吉隆 口岸 "


def test_characters_that_nfkc_expands_are_kept():
    for text in ("……", "㈠", "㍻", "ﬁ"):
        assert len(fold_width(text)) == len(text)
    assert fold_width("……") == "……"


def test_traditional_is_detected_and_converted_with_mainland_forms(corpus):
    doc = corpus["002"]
    assert doc.script == "Traditional"
    assert "霍尔果斯" in doc.match and "乌鲁木齐" in doc.match
    assert "着力" in doc.match and "著力" not in doc.match
    assert len(doc.match) == len(doc.clean.text)


def test_simplified_text_is_left_alone():
    text = "显著成效,著名的吉隆口岸,乾隆年间"
    assert detect_script(text) == "Simplified"
    assert to_simplified(text, "Simplified") == text


def test_every_corpus_document_keeps_its_length(corpus):
    for doc in corpus.values():
        assert len(doc.match) == len(doc.clean.text)
        assert len(match_view(doc.clean.text)) == len(doc.clean.text)
