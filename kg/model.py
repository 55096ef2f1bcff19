"""The plain data passed from stage to stage.

Offsets are always code-point positions into ``SourceDoc.text``, the decoded original text
(written to ``OUT/texts/<doc>.txt``): ``source.text[start:end] == text`` holds for every
sentence and mention.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SourceDoc:
    """A document as read from disk: its id, where it came from and its decoded text."""

    id: str
    path: Path
    sha256: str
    kind: str  # txt | md | html | docx
    encoding: str
    text: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class MappedText:
    """A derived text with, for each of its characters, the original span it stands for.

    ``starts[i]``/``ends[i]`` give the span of the original text that character ``i`` came from:
    a kept character maps to one original character, a repaired character to the whole span it
    replaced. Removed junk simply has no character here.
    """

    text: str
    starts: array
    ends: array

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covered by ``text[start:end]`` (``end > start``)."""
        return self.starts[start], self.ends[end - 1]


@dataclass(frozen=True)
class Sentence:
    """A sentence: original offsets and text, plus its span in the cleaned/match text."""

    doc: str
    index: int
    start: int
    end: int
    text: str
    clean_start: int
    clean_end: int


@dataclass(frozen=True, eq=False)
class PreparedDoc:
    """A document ready for matching: cleaned text, same-length match text, sentences."""

    source: SourceDoc
    clean: MappedText
    match: str  # same length as clean.text: width-folded, Traditional → Simplified
    script: str  # "Simplified" | "Traditional"
    sentences: tuple[Sentence, ...]
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Mention:
    """A typed name in a document: original offsets and text, the entity it names, the rule."""

    doc: str
    sentence: int
    start: int
    end: int
    text: str  # source.text[start:end]
    surface: str  # the same characters in the match text (Simplified, half-width, junk removed)
    type: str
    name: str  # canonical name of the entity
    entity: str  # entity id
    rule: str
    places: tuple[str, ...] = ()  # ids of places its name is built on (for located_in)


@dataclass(frozen=True)
class AnnotatedDoc:
    """A prepared document with the mentions found in it."""

    doc: PreparedDoc
    mentions: tuple[Mention, ...]
