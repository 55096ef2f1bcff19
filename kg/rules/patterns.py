"""``rules/patterns/*.toml`` and ``rules/slogans.toml``: suffix patterns, the lexicon that shapes
names, the numeral rules for slogans, and the curated list of known slogans."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import RuleError
from kg.rules.gazetteer import TYPES
from kg.rules.junk import ID_PATTERN
from kg.rules.toml_file import key_line, read_toml, table_line

HEADS = ("proper", "place", "place_or_work", "level", "after_place", "work", "region")


@dataclass(frozen=True)
class SuffixRule:
    """Names ending in one of ``words`` are of ``type`` if their head satisfies ``head``."""

    id: str
    type: str
    words: tuple[str, ...]
    head: str
    max_head: int
    single_word: bool
    verbs_inside: bool  # names may contain verbs (投资发展集团, 建设银行): only listed stop words end them
    example: str
    expect: str
    coordinates: bool = False  # a list of heads shares the suffix: 乌鲁木齐、喀什、霍尔果斯片区
    branch: bool = False  # the name holds its parent body's whole name: 中国建设银行霍尔果斯分行
    min_head: int = 1  # characters: a one-character head makes a common word with some suffixes (火海, 林海)
    starts: tuple[str, ...] = ()  # types of longer names that may begin with such a name, kept as a mention


@dataclass(frozen=True)
class Lexicon:
    """Words that end names on the left, words too generic to be a name, level words."""

    stop_words: frozenset[str]  # listed in lexicon.toml: always end a name
    function_words: frozenset[str]  # from the dictionary: end names, except organization names
    generic_words: frozenset[str]
    level_words: frozenset[str]
    not_names: frozenset[str]
    common_words: frozenset[str] = frozenset()  # frequent common nouns: not enough for a name's head
    abbreviations: tuple[tuple[str, str], ...] = ()  # (short suffix, full suffix): 边合区 → 边境经济合作区
    leading_junk: re.Pattern[str] | None = None  # dates, terms and counts before a name: 2024年市委
    adjective_marks: frozenset[str] = frozenset()  # 中国式, 中国化: a country name used as an adjective
    campaign_marks: frozenset[str] = frozenset()  # 平安中国, 美丽中国: a country name in a campaign title
    inner_words: frozenset[str] = frozenset()  # stop words that may stand inside a name begun by a known place
    idioms: frozenset[str] = frozenset()  # fixed idioms (人山人海, 排山倒海): never names
    route_codes: re.Pattern[str] | None = None  # numbered roads: G219线, G225


@dataclass(frozen=True)
class NumeralRules:
    """What makes a numbered formula (see ``rules/patterns/numerals.toml``)."""

    numerals: str
    measure_words: tuple[str, ...]
    periods: frozenset[str]
    quantity_heads: tuple[str, ...]
    longest_name: int
    not_formulas: frozenset[str] = frozenset()  # sets of bodies, not of tasks: 两院, 两会
    idioms: frozenset[str] = frozenset()  # fixed idioms with numerals (千方百计, 四面八方): never formulas


@dataclass(frozen=True)
class KnownSlogan:
    """A curated numbered formula with its known members."""

    id: str
    name: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]
    scope: str


def _string_list(path: Path, line: int | None, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RuleError(str(path), line, f"`{key}` must be a list of non-empty strings")
    return tuple(value)


def _check_keys(path: Path, line: int | None, entry: Any, allowed: set[str], required: set[str], what: str) -> None:
    if not isinstance(entry, dict):
        raise RuleError(str(path), line, f"{what} must be a table")
    unknown = set(entry) - allowed
    if unknown:
        raise RuleError(str(path), line, f"unknown key(s) {', '.join(sorted(unknown))} in {what}")
    missing = required - set(entry)
    if missing:
        raise RuleError(str(path), line, f"{what} needs {', '.join(sorted(missing))}")


def _unique_id(path: Path, line: int | None, ident: Any, seen: set[str]) -> str:
    """A valid id not used before in this file (recorded in ``seen``)."""
    if not isinstance(ident, str) or not ID_PATTERN.match(ident):
        raise RuleError(str(path), line, f"bad id {ident!r}: use only letters, digits and _ . : -")
    if ident in seen:
        raise RuleError(str(path), line, f"duplicate id {ident!r}")
    seen.add(ident)
    return ident


def load_suffixes(path: Path) -> tuple[SuffixRule, ...]:
    """Load and validate ``suffixes.toml``."""
    data, lines = read_toml(path)
    if set(data) - {"suffix"}:
        raise RuleError(str(path), None, f"unknown section(s) {', '.join(sorted(set(data) - {'suffix'}))}")
    rules, seen = [], set()
    allowed = {
        "id",
        "type",
        "words",
        "head",
        "max_head",
        "min_head",
        "starts",
        "single_word",
        "verbs_inside",
        "coordinates",
        "branch",
        "example",
        "expect",
        "description",
    }
    required = {"id", "type", "words", "head", "example", "expect"}
    for index, entry in enumerate(data.get("suffix", [])):
        where = table_line(lines, "suffix", index)
        _check_keys(path, where, entry, allowed, required, "[[suffix]]")
        ident = _unique_id(path, key_line(lines, where, "id"), entry["id"], seen)
        if entry["type"] not in TYPES:
            raise RuleError(str(path), key_line(lines, where, "type"), f"unknown type {entry['type']!r}")
        if entry["head"] not in HEADS:
            raise RuleError(str(path), key_line(lines, where, "head"), f"head must be one of {', '.join(HEADS)}")
        words = _string_list(path, key_line(lines, where, "words"), "words", entry["words"])
        max_head = entry.get("max_head", 16)
        if not isinstance(max_head, int) or not 1 <= max_head <= 40:
            raise RuleError(str(path), key_line(lines, where, "max_head"), "max_head must be a whole number 1–40")
        starts = _string_list(path, key_line(lines, where, "starts"), "starts", entry.get("starts", []))
        unknown = [t for t in starts if t not in TYPES]
        if unknown:
            raise RuleError(str(path), key_line(lines, where, "starts"), f"unknown type {unknown[0]!r} in starts")
        min_head = entry.get("min_head", 1)
        if not isinstance(min_head, int) or not 1 <= min_head <= max_head:
            raise RuleError(str(path), key_line(lines, where, "min_head"), "min_head must be a whole number 1–max_head")
        if not isinstance(entry["expect"], str) or entry["expect"] not in entry["example"]:
            raise RuleError(str(path), key_line(lines, where, "expect"), "expect must be a part of example")
        rules.append(
            SuffixRule(
                ident,
                entry["type"],
                words,
                entry["head"],
                max_head,
                bool(entry.get("single_word")),
                bool(entry.get("verbs_inside")),
                entry["example"],
                entry["expect"],
                bool(entry.get("coordinates")),
                bool(entry.get("branch")),
                min_head,
                tuple(starts),
            )
        )
    return tuple(rules)


def load_lexicon(
    path: Path, function_words: frozenset[str] = frozenset(), common_words: frozenset[str] = frozenset()
) -> Lexicon:
    """Load and validate ``lexicon.toml``; ``function_words`` join the stop words, less generic words;
    ``common_words`` (with the function words) cannot make a proper name's head on their own."""
    data, lines = read_toml(path)
    keys = {"stop_words", "generic_words", "level_words", "not_names"}
    keys |= {"adjective_marks", "campaign_marks", "inner_words"}
    extra = {"abbreviations", "leading_junk", "route_codes"}
    if set(data) - keys - extra:
        raise RuleError(str(path), None, f"unknown key(s) {', '.join(sorted(set(data) - keys - extra))}")
    leading_junk = _regex_in_place(path, lines, data, "leading_junk")
    route_codes = _regex_in_place(path, lines, data, "route_codes")
    abbreviations = data.get("abbreviations", {})
    where = table_line(lines, "abbreviations", -1)
    if not isinstance(abbreviations, dict) or not all(
        isinstance(v, str) and v and k and v.endswith(k[-1]) for k, v in abbreviations.items()
    ):
        raise RuleError(str(path), where, "[abbreviations] maps a short suffix to its full form ending the same way")
    lists = {k: frozenset(_string_list(path, key_line(lines, 1, k), k, data.get(k, []))) for k in keys}
    # Listed stop words always stop; dictionary function words only when they are not generic name
    # words, and never single characters (帮佳孔, 加日郊: a verb character can begin a name).
    dictionary = {w for w in function_words if len(w) > 1} - lists["generic_words"] - lists["level_words"]
    return Lexicon(
        lists["stop_words"],
        frozenset(dictionary),
        lists["generic_words"],
        lists["level_words"],
        lists["not_names"],
        frozenset(common_words | function_words),
        tuple(sorted(abbreviations.items())),
        leading_junk,
        lists["adjective_marks"],
        lists["campaign_marks"],
        lists["inner_words"],
        route_codes=route_codes,
    )


def _regex_in_place(path: Path, lines: list[str], data: dict, key: str) -> re.Pattern[str] | None:
    """An optional regular expression matched where a name starts (so it may not begin with ^)."""
    if key not in data:
        return None
    where = key_line(lines, 1, key)
    if not isinstance(data[key], str):
        raise RuleError(str(path), where, f"`{key}` must be a string (a regular expression)")
    if data[key].startswith("^"):
        raise RuleError(str(path), where, f"`{key}` is matched where a name starts: drop the ^")
    try:
        return re.compile(data[key])
    except re.error as exc:
        raise RuleError(str(path), where, f"`{key}` does not compile: {exc}") from exc


def load_function_words(path: Path) -> frozenset[str]:
    """``function_words.tsv`` (word, tag, freq): words that cannot be part of a name."""
    words = set()
    header_seen = False
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), None, f"cannot read: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if cells[0] != "word":
                raise RuleError(str(path), number, "the header must start with `word`")
            header_seen = True
            continue
        if not cells[0].strip():
            raise RuleError(str(path), number, "empty word")
        words.add(cells[0].strip())
    return frozenset(words)


def load_numerals(path: Path) -> NumeralRules:
    """Load and validate ``numerals.toml``."""
    data, lines = read_toml(path)
    keys = {"numerals", "measure_words", "periods", "quantity_heads", "longest_name", "not_formulas"}
    if set(data) - keys:
        raise RuleError(str(path), None, f"unknown key(s) {', '.join(sorted(set(data) - keys))}")
    numerals = data.get("numerals", "")
    if not isinstance(numerals, str) or not numerals:
        raise RuleError(str(path), key_line(lines, 1, "numerals"), "numerals must be a non-empty string")
    longest = data.get("longest_name", 16)
    if not isinstance(longest, int) or longest < 2:
        raise RuleError(str(path), key_line(lines, 1, "longest_name"), "longest_name must be a whole number ≥ 2")
    return NumeralRules(
        numerals,
        _string_list(path, key_line(lines, 1, "measure_words"), "measure_words", data.get("measure_words", [])),
        frozenset(_string_list(path, key_line(lines, 1, "periods"), "periods", data.get("periods", []))),
        _string_list(path, key_line(lines, 1, "quantity_heads"), "quantity_heads", data.get("quantity_heads", [])),
        longest,
        frozenset(_string_list(path, key_line(lines, 1, "not_formulas"), "not_formulas", data.get("not_formulas", []))),
    )


def load_known_slogans(path: Path) -> tuple[KnownSlogan, ...]:
    """Load and validate ``slogans.toml``."""
    data, lines = read_toml(path)
    if set(data) - {"slogan"}:
        raise RuleError(str(path), None, f"unknown section(s) {', '.join(sorted(set(data) - {'slogan'}))}")
    slogans, seen = [], set()
    allowed = {"id", "name", "aliases", "members", "scope", "source", "note"}
    for index, entry in enumerate(data.get("slogan", [])):
        where = table_line(lines, "slogan", index)
        _check_keys(path, where, entry, allowed, {"id", "name"}, "[[slogan]]")
        ident = _unique_id(path, key_line(lines, where, "id"), entry["id"], seen)
        if not isinstance(entry["name"], str) or not entry["name"]:
            raise RuleError(str(path), key_line(lines, where, "name"), "name must be a non-empty string")
        aliases = _string_list(path, key_line(lines, where, "aliases"), "aliases", entry.get("aliases", []))
        members = _string_list(path, key_line(lines, where, "members"), "members", entry.get("members", []))
        slogans.append(KnownSlogan(ident, entry["name"], aliases, members, str(entry.get("scope", ""))))
    return tuple(slogans)
