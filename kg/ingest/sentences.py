"""Sentences: split on Chinese sentence punctuation and line breaks, bounded in length.

Splitting runs on the match text (so full-width and ASCII punctuation are one), and every
sentence keeps its original offsets. Over-long sentences are cut at clause punctuation (or, failing
that, at a hard limit) so that spaCy always gets paragraph-sized Docs.
"""

from __future__ import annotations

import re

from kg.model import MappedText, Sentence

SENTENCE_END = re.compile(r"[。!?！？]+[”’」』)）》】\"']*|…{2,}[”’」』\"']*(?=\s*$)|\n")
CLAUSE_BREAK = re.compile(r"[,，;；:：、\s]")
SOFT_LIMIT = 300
HARD_LIMIT = 500


def _bounded(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most HARD_LIMIT, preferring clause breaks."""
    pieces = []
    while end - start > SOFT_LIMIT:
        cut = None
        for m in CLAUSE_BREAK.finditer(text, start + SOFT_LIMIT // 2, min(end, start + HARD_LIMIT)):
            cut = m.end()
            if cut - start >= SOFT_LIMIT:
                break
        cut = cut or min(end, start + HARD_LIMIT)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(doc_id: str, original: str, clean: MappedText, match: str) -> tuple[Sentence, ...]:
    """Sentences of a document, each with original offsets and its span in the match text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENTENCE_END.finditer(match):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(match)))
    sentences: list[Sentence] = []
    for raw_start, raw_end in spans:
        s, e = _trimmed(match, raw_start, raw_end)
        if s == e:
            continue
        for piece_start, piece_end in _bounded(s, e, match):
            ps, pe = _trimmed(match, piece_start, piece_end)
            if ps == pe:
                continue
            o_start, o_end = clean.original_span(ps, pe)
            sentences.append(Sentence(doc_id, len(sentences), o_start, o_end, original[o_start:o_end], ps, pe))
    return tuple(sentences)
