"""Sentences: Chinese punctuation and line breaks, decimals intact, bounded length."""

from __future__ import annotations

from kg.ingest import prepare
from kg.ingest.sentences import HARD_LIMIT
from kg.model import SourceDoc


def _sentences(text, rules):
    return [s.text for s in prepare(SourceDoc("d.txt", None, "", "txt", "utf-8", text), rules).sentences]


def test_split_on_chinese_punctuation_with_closing_quotes(rules):
    text = "定日6.8级地震后,口岸恢复通关。他说:“开放带来进步!”随后离开?\n标题行\n"
    assert _sentences(text, rules) == ["定日6.8级地震后,口岸恢复通关。", "他说:“开放带来进步!”", "随后离开?", "标题行"]


def test_long_lines_are_cut_into_bounded_pieces(rules):
    text = ("吉隆口岸、樟木口岸、里孜口岸," * 200) + "。"
    sentences = _sentences(text, rules)
    assert len(sentences) > 1 and max(map(len, sentences)) <= HARD_LIMIT
    assert "".join(sentences) == text


def test_corpus_004_single_line_body_is_split(corpus):
    doc = corpus["004"]
    assert len(doc.sentences) > 20
    assert all(doc.source.text[s.start : s.end] == s.text for s in doc.sentences)


def test_sentences_quote_the_original_on_the_whole_corpus(corpus):
    for doc in corpus.values():
        for s in doc.sentences:
            assert doc.source.text[s.start : s.end] == s.text
