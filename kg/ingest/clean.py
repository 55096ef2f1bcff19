"""Cleaning: named steps that remove junk while keeping every character's original offset.

Each step is a pure function ``(text, rules) -> list[Edit]``; ``clean`` applies them in order
through ``kg.offsets.apply_edits``. Patterns come from ``rules/junk.toml`` and are matched on the
width-folded Simplified view of the text (same length), so they cover both scripts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.ingest.normalize import match_view
from kg.model import MappedText
from kg.offsets import Edit, apply_edits
from kg.rules.junk import JunkRules

# Characters that would make later XML/Turtle invalid or that split nothing visibly: controls
# become line breaks (so no sentence spans them), zero-width characters are removed.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u2028\u2029]")
ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
FINAL_PUNCTUATION = '。！？!?；;…」』”’")）'
MAX_CHROME_LINE = 300

Step = Callable[[str, JunkRules], list[Edit]]


def control_characters(text: str, rules: JunkRules) -> list[Edit]:
    """Controls, lone surrogates and non-characters → line breaks; zero-width marks removed."""
    edits = [Edit(m.start(), m.end(), "\n") for m in CONTROL.finditer(text)]
    edits += [Edit(m.start(), m.end()) for m in ZERO_WIDTH.finditer(text)]
    return edits


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def chrome_lines(text: str, rules: JunkRules) -> list[Edit]:
    """Whole lines of web chrome (widgets, bylines, source/editor lines, banners) removed."""
    view = match_view(text)
    edits = []
    for start, line in _lines(view):
        if not line.strip() or len(line) > MAX_CHROME_LINE:
            continue
        if any(p.regex.search(line) for p in rules.lines):
            end = start + len(line) + (1 if start + len(line) < len(text) else 0)
            edits.append(Edit(start, end))
    return edits


def inline_junk(text: str, rules: JunkRules) -> list[Edit]:
    """Junk inside lines (pinyin annotations, inline widgets) removed."""
    view = match_view(text)
    spans: list[tuple[int, int]] = []
    for pattern in rules.inline:
        spans += [(m.start(), m.end()) for m in pattern.regex.finditer(view) if m.end() > m.start()]
    edits, last_end = [], -1
    for start, end in sorted(spans):
        if start >= last_end:
            edits.append(Edit(start, end))
            last_end = end
    return edits


def page_markers(text: str, rules: JunkRules) -> list[Edit]:
    """Page numbers printed at line starts by a converter, removed; cut sentences joined.

    Only a run of markers numbered in sequence (1、2、3、…), most of which cut a sentence (the line
    before has no final punctuation), counts as page markers: a real numbered list ends its items
    with punctuation.
    """
    markers = [(m.start(), m.end(), int(m.group(1))) for m in rules.page_marker.finditer(text)]
    best: list[tuple[int, int, int]] = []
    run: list[tuple[int, int, int]] = []
    for marker in markers:
        if run and marker[2] == run[-1][2] + 1:
            run.append(marker)
        else:
            run = [marker] if marker[2] <= 2 else []
        if len(run) > len(best):
            best = list(run)
    if len(best) < rules.page_marker_min_run:
        return []
    cuts = [start > 0 and text[start - 2 : start - 1] not in FINAL_PUNCTUATION for start, _, _ in best[1:]]
    if sum(cuts) * 2 < len(cuts):
        return []
    edits = []
    for start, end, _ in best:
        previous = text[start - 2 : start - 1] if start >= 2 else ""
        if start > 0 and previous and previous not in FINAL_PUNCTUATION and previous != "\n":
            edits.append(Edit(start - 1, end))  # join: drop the line break too
        else:
            edits.append(Edit(start, end))
    return edits


STEPS: tuple[tuple[str, Step], ...] = (
    ("control_characters", control_characters),
    ("inline_junk", inline_junk),  # first: pinyin can sit inside chrome (責(zé)任編輯)
    ("chrome_lines", chrome_lines),
    ("page_markers", page_markers),
)


def clean(mapped: MappedText, rules: JunkRules) -> tuple[MappedText, dict[str, int]]:
    """Run every cleaning step; returns the cleaned text and how many edits each step made."""
    counts = {}
    for name, step in STEPS:
        edits = step(mapped.text, rules)
        counts[name] = len(edits)
        mapped = apply_edits(mapped, edits)
    return mapped, counts
