"""Load every rule file of a rules folder into one validated ``RuleSet``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from kg.errors import RuleError
from kg.rules.gazetteer import GazetteerEntry, Link, load_gazetteers
from kg.rules.junk import JunkRules, load_junk
from kg.rules.patterns import (
    KnownSlogan,
    Lexicon,
    NumeralRules,
    SuffixRule,
    load_function_words,
    load_known_slogans,
    load_lexicon,
    load_numerals,
    load_suffixes,
)
from kg.rules.relations import RelationRules, load_relation_rules


@dataclass(frozen=True)
class RuleSet:
    """All rules, validated: what every stage reads."""

    folder: Path
    junk: JunkRules
    gazetteer: tuple[GazetteerEntry, ...]
    links: tuple[Link, ...]
    suffixes: tuple[SuffixRule, ...]
    lexicon: Lexicon
    numerals: NumeralRules
    slogans: tuple[KnownSlogan, ...]
    relations: RelationRules

    @cached_property
    def entries(self) -> dict[str, GazetteerEntry]:
        """Gazetteer entries by id (built once)."""
        return {e.id: e for e in self.gazetteer}

    @cached_property
    def country_ids(self) -> dict[str, str]:
        """Country ids by every name and alias (尼泊尔, 尼泊尔联邦民主共和国 → country-np)."""
        return {n: e.id for e in self.gazetteer if e.type == "Country" for n in (e.name, *e.aliases)}


def default_rules_dir() -> Path:
    """The project's own ``rules/`` folder (beside the ``kg`` package)."""
    return Path(__file__).resolve().parents[2] / "rules"


def _required(path: Path) -> Path:
    if not path.exists():
        raise RuleError(str(path), None, "missing rule file")
    return path


def load_rules(folder: Path | None = None) -> RuleSet:
    """Read and check every rule file in ``folder``; raises ``RuleError`` on the first problem."""
    folder = Path(folder) if folder else default_rules_dir()
    if not folder.is_dir():
        raise RuleError(str(folder), None, "rules folder not found")
    entries, links = load_gazetteers(_required(folder / "gazetteer"))
    relations = load_relation_rules(_required(folder / "relations.toml"))
    countries = {e.name for e in entries if e.type == "Country"}
    for char, country in relations.faces_cues.abbreviations:
        if country not in countries:
            path = folder / "relations.toml"
            line = next(
                (
                    n
                    for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                    if text.startswith(f'"{char}"')
                ),
                None,
            )
            raise RuleError(str(path), line, f"{country!r} ({char}) is not a country in gazetteer/countries.tsv")
    idioms = load_function_words(_required(folder / "patterns" / "idioms.tsv"))
    return RuleSet(
        folder=folder,
        junk=load_junk(_required(folder / "junk.toml")),
        gazetteer=entries,
        links=links,
        suffixes=load_suffixes(_required(folder / "patterns" / "suffixes.toml")),
        lexicon=replace(
            load_lexicon(
                _required(folder / "patterns" / "lexicon.toml"),
                load_function_words(_required(folder / "patterns" / "function_words.tsv")),
                load_function_words(_required(folder / "patterns" / "common_words.tsv")),
            ),
            idioms=idioms,
        ),
        numerals=replace(load_numerals(_required(folder / "patterns" / "numerals.toml")), idioms=idioms),
        slogans=load_known_slogans(_required(folder / "slogans.toml")),
        relations=relations,
    )
