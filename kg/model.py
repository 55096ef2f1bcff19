"""The plain data passed from stage to stage.

Offsets are always code-point positions into ``SourceDoc.text``, the decoded original text
(written to ``OUT/texts/<doc>.txt``): ``source.text[start:end] == text`` holds for every
sentence and mention.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
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
    match_start: int = -1  # the same span in ``PreparedDoc.match`` (what relation rules read)
    match_end: int = -1

    @property
    def form(self) -> str:
        """The name as written, in Simplified and without spaces: what aliases are made of."""
        return self.surface.replace(" ", "")


def by_entity(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    """Mentions grouped by the entity they name, in their order."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.entity, []).append(m)
    return groups


@dataclass(frozen=True)
class AnnotatedDoc:
    """A prepared document with the mentions found in it."""

    doc: PreparedDoc
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Evidence:
    """Where a relation is stated: a sentence of a document, the span that states it (original
    offsets, from the first to the last name involved) and the rule that read it."""

    doc: str
    sentence: int
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Relation:
    """A directed, typed link between two entities (ids), with every place it is stated.

    ``position`` is the 1-based order of a ``hasMember`` member; 0 for other predicates.
    """

    head: str
    predicate: str  # locatedIn | hasMember | facesCountry | partOf | implements | proposedBy | coOccursWith
    tail: str
    evidence: tuple[Evidence, ...]
    position: int = 0

    @property
    def weight(self) -> int:
        """How many distinct sentences support the relation."""
        return len({(e.doc, e.sentence) for e in self.evidence})


@dataclass(frozen=True)
class MemberList:
    """The members a document spells out for a slogan, in order, and whether they are all there:
    ``complete`` is false when their count does not match the formula or the list ends in 等."""

    doc: str
    slogan: str  # entity id
    members: tuple[str, ...]  # as written (match text)
    complete: bool
    evidence: Evidence


@dataclass(frozen=True)
class Entity:
    """A corpus-level entity: one real thing, however many documents and forms name it."""

    id: str
    type: str
    name: str  # canonical name
    aliases: tuple[str, ...]  # every surface form, Simplified
    code: str  # administrative code where there is one
    mentions: int
    documents: tuple[str, ...]


@dataclass(frozen=True)
class DocumentInfo:
    """A document of the corpus as the graph knows it."""

    id: str
    path: str
    chars: int
    script: str
    sentences: int


@dataclass(frozen=True, eq=False)
class KnowledgeGraph:
    """Everything the exports need: documents, entities, their mentions, relations, member lists,
    and the sentences that evidence refers to (keyed by ``(doc, sentence index)``)."""

    documents: tuple[DocumentInfo, ...]
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    members: tuple[MemberList, ...]
    sentences: dict[tuple[str, int], Sentence]

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id (KeyError if none)."""
        return self._by_id[entity_id]

    @cached_property
    def _by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}
