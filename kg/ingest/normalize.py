"""The match text: same length as the cleaned text, width-folded and in Simplified script.

Rules match against this text, so one Simplified, half-width pattern covers full-width and
Traditional writing. Because every character maps to exactly one character, a match at
``[start, end)`` here is a match at ``[start, end)`` in the cleaned text, whose offset map leads
back to the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import opencc

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A document whose Han characters change under t2s at this rate or more is Traditional.
TRADITIONAL_SHARE = 0.02
SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@cache
def _fold_char(ch: str) -> str:
    if ch in SPACES:
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def fold_width(text: str) -> str:
    """NFKC per character where it maps one character to one (full-width → ASCII, NBSP → space)."""
    table = {ord(ch): _fold_char(ch) for ch in set(text)}
    return text.translate({k: v for k, v in table.items() if v != chr(k)})


def _convert_same_length(text: str, config: str) -> str:
    converter = _converter(config)
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    lines = []
    for line in text.split("\n"):
        converted = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)
        lines.append(converted)
    return "\n".join(lines)


def detect_script(text: str) -> str:
    """ "Traditional" if a noticeable share of the Han characters are Traditional forms."""
    han = HAN.findall(text)
    if not han:
        return "Simplified"
    sample = "".join(han[:200_000])
    simplified = _converter("t2s").convert(sample)
    changed = sum(1 for a, b in zip(sample, simplified, strict=False) if a != b)
    return "Traditional" if changed >= TRADITIONAL_SHARE * len(sample) else "Simplified"


def to_simplified(text: str, script: str) -> str:
    """Traditional → Simplified with OpenCC, never changing the length.

    Traditional documents use ``tw2s`` (mainland 着 for 著); Simplified ones ``t2s``, which leaves
    Simplified text alone but converts a stray Traditional name.
    """
    return _convert_same_length(text, "tw2s" if script == "Traditional" else "t2s")


def match_view(text: str, script: str | None = None) -> str:
    """Width-folded Simplified view of ``text``, the same length."""
    folded = fold_width(text)
    return to_simplified(folded, script or detect_script(folded))
