"""``kg build`` end to end on the bundled corpus."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def built(bundled):
    return bundled.out


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_documents_in_gold_format_with_reading_facts(built):
    docs = {d["doc"]: d for d in _lines(built / "documents.jsonl")}
    assert sorted(docs) == sorted(p.name for p in CORPUS.glob("*.txt"))
    for d in docs.values():
        assert {"doc", "entities", "slogans", "located_in", "encoding", "script", "chars"} <= set(d)
    assert docs["002_72624892b81241d4.txt"]["script"] == "Traditional"
    assert docs["003_271d3f2f514edc40.txt"]["chars"] == 60589


def test_texts_are_the_decoded_originals(built):
    for path in CORPUS.glob("*.txt"):
        assert (built / "texts" / f"{path.name}.txt").read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_every_sentence_quotes_its_text(built):
    texts = {p.name[: -len(".txt")]: p.read_text(encoding="utf-8") for p in (built / "texts").glob("*.txt")}
    sentences = _lines(built / "sentences.jsonl")
    assert len(sentences) > 1000
    for s in sentences:
        assert texts[s["doc"]][s["start"] : s["end"]] == s["text"]


def test_report(built):
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    assert report["documents_read"] == 5 and report["documents_skipped"] == 0
    assert report["characters"] == sum(len(p.read_text(encoding="utf-8")) for p in CORPUS.glob("*.txt"))
