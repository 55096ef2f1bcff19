"""``relations.toml``: how slogan members are read, and relation rules between typed entities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import RuleError
from kg.rules.gazetteer import TYPES
from kg.rules.junk import ID_PATTERN
from kg.rules.toml_file import key_line, read_toml, table_line

PREDICATES = ("locatedIn", "facesCountry", "partOf", "implements", "proposedBy")
ORDERS = ("head-first", "tail-first")


@dataclass(frozen=True)
class MemberRules:
    """How the members of a numbered slogan are found in the text around it."""

    lead_verbs: tuple[str, ...]
    linkers: tuple[str, ...]
    open_markers: tuple[str, ...]
    intro: re.Pattern[str]
    max_member: int
    window: int


@dataclass(frozen=True)
class RelationRule:
    """Two entities of the given types, the text between them matching ``between``, state
    ``head predicate tail``."""

    id: str
    predicate: str
    head: tuple[str, ...]
    tail: tuple[str, ...]
    between: re.Pattern[str]
    order: str
    max_gap: int


@dataclass(frozen=True)
class LocatedInRules:
    """Where a place the text does not place goes: the document's subject place, if one dominates."""

    subject_types: tuple[str, ...]
    subject_levels: tuple[str, ...]
    subject_min: int
    subject_ratio: float
    natural_rules: tuple[str, ...]


@dataclass(frozen=True)
class FacesCues:
    """Country abbreviations (尼 → 尼泊尔) and the patterns that tie a port to them (中尼, 对尼出口)."""

    abbreviations: tuple[tuple[str, str], ...]
    pattern: re.Pattern[str] | None  # group "c" is the abbreviation
    window: int


@dataclass(frozen=True)
class RelationRules:
    """Everything in ``relations.toml``."""

    members: MemberRules
    relations: tuple[RelationRule, ...]
    located_in: LocatedInRules
    faces_cues: FacesCues = FacesCues((), None, 0)


def _strings(path: Path, line: int | None, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RuleError(str(path), line, f"`{key}` must be a list of non-empty strings")
    return tuple(value)


def _regex(path: Path, line: int | None, key: str, value: Any) -> re.Pattern[str]:
    if not isinstance(value, str):
        raise RuleError(str(path), line, f"`{key}` must be a string (a regular expression)")
    try:
        return re.compile(value)
    except re.error as exc:
        raise RuleError(str(path), line, f"`{key}` does not compile: {exc}") from exc


def _anchored_here(path: Path, line: int | None, value: Any) -> re.Pattern[str]:
    """``intro`` is matched right after a formula; a leading ^ would never match there."""
    if isinstance(value, str) and value.startswith("^"):
        raise RuleError(str(path), line, "`intro` is matched right after the formula: drop the ^")
    return _regex(path, line, "intro", value)


def _positive(path: Path, line: int | None, key: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise RuleError(str(path), line, f"`{key}` must be a positive whole number")
    return value


def _members(path: Path, lines: list[str], data: Any) -> MemberRules:
    start = table_line(lines, "members", -1)
    if not isinstance(data, dict):
        raise RuleError(str(path), start, "[members] must be a table")
    keys = {"lead_verbs", "linkers", "open_markers", "intro", "max_member", "window"}
    if set(data) != keys:
        wrong = sorted(set(data) ^ keys)
        raise RuleError(
            str(path), start, f"[members] needs exactly the keys {', '.join(sorted(keys))} ({', '.join(wrong)})"
        )

    def at(key: str) -> int | None:
        return key_line(lines, start, key)

    return MemberRules(
        lead_verbs=_strings(path, at("lead_verbs"), "lead_verbs", data["lead_verbs"]),
        linkers=_strings(path, at("linkers"), "linkers", data["linkers"]),
        open_markers=_strings(path, at("open_markers"), "open_markers", data["open_markers"]),
        intro=_anchored_here(path, at("intro"), data["intro"]),
        max_member=_positive(path, at("max_member"), "max_member", data["max_member"]),
        window=_positive(path, at("window"), "window", data["window"]),
    )


def _relation(path: Path, lines: list[str], index: int, entry: Any, seen: set[str]) -> RelationRule:
    line = table_line(lines, "relation", index)
    if not isinstance(entry, dict):
        raise RuleError(str(path), line, "[[relation]] must be a table")
    allowed = {"id", "predicate", "head", "tail", "between", "order", "max_gap", "description", "example"}
    unknown = set(entry) - allowed
    if unknown:
        raise RuleError(str(path), line, f"unknown key(s) {', '.join(sorted(unknown))} in [[relation]]")
    missing = {"id", "predicate", "head", "tail", "between"} - set(entry)
    if missing:
        raise RuleError(str(path), line, f"[[relation]] needs {', '.join(sorted(missing))}")
    ident = entry["id"]
    if not isinstance(ident, str) or not ID_PATTERN.match(ident):
        raise RuleError(
            str(path), key_line(lines, line, "id"), f"bad id {ident!r}: use only letters, digits and _ . : -"
        )
    if ident in seen:
        raise RuleError(str(path), key_line(lines, line, "id"), f"duplicate id {ident!r}")
    seen.add(ident)
    if entry["predicate"] not in PREDICATES:
        raise RuleError(
            str(path),
            key_line(lines, line, "predicate"),
            f"unknown predicate {entry['predicate']!r} (one of {', '.join(PREDICATES)})",
        )
    types = {}
    for key in ("head", "tail"):
        values = _strings(path, key_line(lines, line, key), key, entry[key])
        bad = [v for v in values if v not in TYPES]
        if bad:
            raise RuleError(str(path), key_line(lines, line, key), f"unknown type {bad[0]!r} in `{key}`")
        types[key] = values
    order = entry.get("order", "head-first")
    if order not in ORDERS:
        raise RuleError(str(path), key_line(lines, line, "order"), f"`order` must be one of {', '.join(ORDERS)}")
    return RelationRule(
        ident,
        entry["predicate"],
        types["head"],
        types["tail"],
        _regex(path, key_line(lines, line, "between"), "between", entry["between"]),
        order,
        _positive(path, key_line(lines, line, "max_gap"), "max_gap", entry.get("max_gap", 12)),
    )


def _located_in(path: Path, lines: list[str], data: Any) -> LocatedInRules:
    start = table_line(lines, "located_in", -1)
    if not isinstance(data, dict):
        raise RuleError(str(path), start, "[located_in] must be a table")
    keys = {"subject_types", "subject_levels", "subject_min", "subject_ratio", "natural_rules"}
    if set(data) != keys:
        wrong = ", ".join(sorted(set(data) ^ keys))
        needed = ", ".join(sorted(keys))
        raise RuleError(str(path), start, f"[located_in] needs exactly the keys {needed} (check {wrong})")
    types = {}
    for key in ("subject_types", "subject_levels"):
        types[key] = _strings(path, key_line(lines, start, key), key, data[key])
        bad = [t for t in types[key] if t not in TYPES]
        if bad:
            raise RuleError(str(path), key_line(lines, start, key), f"unknown type {bad[0]!r} in `{key}`")
    ratio = data["subject_ratio"]
    if not isinstance(ratio, int | float) or isinstance(ratio, bool) or ratio < 1:
        raise RuleError(str(path), key_line(lines, start, "subject_ratio"), "`subject_ratio` must be a number ≥ 1")
    return LocatedInRules(
        types["subject_types"],
        types["subject_levels"],
        _positive(path, key_line(lines, start, "subject_min"), "subject_min", data["subject_min"]),
        float(ratio),
        _strings(path, key_line(lines, start, "natural_rules"), "natural_rules", data["natural_rules"])
        if data["natural_rules"]
        else (),
    )


def _faces_cues(path: Path, lines: list[str], data: Any) -> FacesCues:
    start = table_line(lines, "faces_cues", -1)
    if not isinstance(data, dict) or set(data) != {"patterns", "window", "abbreviations"}:
        raise RuleError(str(path), start, "[faces_cues] needs exactly the keys abbreviations, patterns, window")
    table = data["abbreviations"]
    where = table_line(lines, "faces_cues.abbreviations", -1)
    if not isinstance(table, dict) or not all(
        isinstance(k, str) and len(k) == 1 and isinstance(v, str) and v for k, v in table.items()
    ):
        raise RuleError(str(path), where, "[faces_cues.abbreviations] maps one character to a country's name")
    patterns = _strings(path, key_line(lines, start, "patterns"), "patterns", data["patterns"])
    if not all("{c}" in p for p in patterns):
        raise RuleError(str(path), key_line(lines, start, "patterns"), "every pattern needs {c} for the abbreviation")
    chars = "".join(sorted(table))
    joined = "|".join(f"(?:{p.replace('{c}', f'(?P<c{i}>[{re.escape(chars)}])')})" for i, p in enumerate(patterns))
    return FacesCues(
        tuple(sorted(table.items())),
        _regex(path, key_line(lines, start, "patterns"), "patterns", joined) if chars else None,
        _positive(path, key_line(lines, start, "window"), "window", data["window"]),
    )


def load_relation_rules(path: Path) -> RelationRules:
    """Load and validate ``relations.toml``."""
    data, lines = read_toml(path)
    unknown = set(data) - {"members", "relation", "located_in", "faces_cues"}
    if unknown:
        raise RuleError(str(path), None, f"unknown section(s) {', '.join(sorted(unknown))}")
    for section in ("members", "located_in"):
        if section not in data:
            raise RuleError(str(path), None, f"a [{section}] section is required")
    entries = data.get("relation", [])
    if not isinstance(entries, list):
        raise RuleError(str(path), table_line(lines, "relation", -1), "use [[relation]] tables for relation rules")
    seen: set[str] = set()
    return RelationRules(
        _members(path, lines, data["members"]),
        tuple(_relation(path, lines, i, e, seen) for i, e in enumerate(entries)),
        _located_in(path, lines, data["located_in"]),
        _faces_cues(path, lines, data["faces_cues"]) if "faces_cues" in data else FacesCues((), None, 0),
    )
