"""Edits over a mapped text that keep every character's link to the original.

Cleaning is a sequence of steps, each a pure function that returns ``Edit``s (replace
``text[start:end]`` by ``replacement``). ``apply_edits`` applies them and carries the offset map
along, so whatever is removed or repaired, every remaining character still knows which original
characters it stands for.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import MappedText


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement`` ("" deletes)."""

    start: int
    end: int
    replacement: str = ""


def identity(text: str) -> MappedText:
    """The original text mapped onto itself."""
    n = len(text)
    return MappedText(text, array("l", range(n)), array("l", range(1, n + 1)))


def apply_edits(mapped: MappedText, edits: Iterable[Edit]) -> MappedText:
    """Apply non-overlapping edits; replacement characters map to the span they replace.

    An insertion (``start == end``) maps to the empty original span at its position.
    Overlapping edits are a programming error and raise ``ValueError``.
    """
    ordered = sorted(edits)
    if not ordered:
        return mapped
    text, starts, ends = mapped.text, mapped.starts, mapped.ends
    pieces: list[str] = []
    new_starts, new_ends = array("l"), array("l")
    pos = 0
    for edit in ordered:
        if edit.start < pos or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"bad or overlapping edit {edit} at position {pos}")
        pieces.append(text[pos : edit.start])
        new_starts.extend(starts[pos : edit.start])
        new_ends.extend(ends[pos : edit.start])
        if edit.replacement:
            if edit.end > edit.start:
                span_start, span_end = starts[edit.start], ends[edit.end - 1]
            else:
                anchor = starts[edit.start] if edit.start < len(text) else (ends[-1] if len(text) else 0)
                span_start = span_end = anchor
            k = len(edit.replacement)
            pieces.append(edit.replacement)
            new_starts.extend([span_start] * k)
            new_ends.extend([span_end] * k)
        pos = edit.end
    pieces.append(text[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    return MappedText("".join(pieces), new_starts, new_ends)


def substitute(mapped: MappedText, replace: dict[int, str]) -> MappedText:
    """Replace single characters by single characters (``{position: char}``), map unchanged."""
    if not replace:
        return mapped
    chars = list(mapped.text)
    for pos, ch in replace.items():
        chars[pos] = ch
    return MappedText("".join(chars), mapped.starts, mapped.ends)
