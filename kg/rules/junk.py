"""``rules/junk.toml``: patterns for web chrome, inline junk, page markers and HTML chrome."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import RuleError
from kg.rules.toml_file import key_line, read_toml, table_line

ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]+$")


@dataclass(frozen=True)
class JunkPattern:
    """One named junk pattern, compiled."""

    id: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class HtmlChrome:
    """What to leave out of an HTML page: tags, and class/id words that mark menus and widgets."""

    drop_tags: frozenset[str]
    drop_markers: tuple[str, ...]


@dataclass(frozen=True)
class JunkRules:
    """Everything cleaning needs from ``junk.toml``."""

    lines: tuple[JunkPattern, ...]
    inline: tuple[JunkPattern, ...]
    page_marker: re.Pattern[str]
    page_marker_min_run: int
    html: HtmlChrome


def _pattern(path: Path, lines: list[str], section: str, index: int, entry: Any, seen: set[str]) -> JunkPattern:
    where = table_line(lines, section, index)
    if not isinstance(entry, dict):
        raise RuleError(str(path), where, f"[[{section}]] must be a table")
    unknown = set(entry) - {"id", "pattern", "example", "description"}
    if unknown:
        raise RuleError(str(path), where, f"unknown key(s) {', '.join(sorted(unknown))} in [[{section}]]")
    for key in ("id", "pattern", "example"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise RuleError(str(path), where, f"[[{section}]] needs a non-empty string `{key}`")
    ident = entry["id"]
    if not ID_PATTERN.match(ident):
        raise RuleError(str(path), key_line(lines, where, "id"), f"id {ident!r} may use only letters, digits, _ . : -")
    if ident in seen:
        raise RuleError(str(path), key_line(lines, where, "id"), f"duplicate id {ident!r}")
    seen.add(ident)
    try:
        regex = re.compile(entry["pattern"], re.M if section == "inline" else 0)
    except re.error as exc:
        raise RuleError(
            str(path), key_line(lines, where, "pattern"), f"pattern of {ident!r} does not compile: {exc}"
        ) from exc
    if not regex.search(entry["example"]):
        raise RuleError(
            str(path), key_line(lines, where, "example"), f"pattern of {ident!r} does not match its example"
        )
    return JunkPattern(ident, regex)


def load_junk(path: Path) -> JunkRules:
    """Load and validate ``junk.toml``."""
    data, lines = read_toml(path)
    unknown = set(data) - {"line", "inline", "page_markers", "html"}
    if unknown:
        raise RuleError(str(path), None, f"unknown section(s) {', '.join(sorted(unknown))}")
    seen: set[str] = set()
    line_rules = tuple(_pattern(path, lines, "line", i, e, seen) for i, e in enumerate(data.get("line", [])))
    inline_rules = tuple(_pattern(path, lines, "inline", i, e, seen) for i, e in enumerate(data.get("inline", [])))
    pages = data.get("page_markers", {})
    where = table_line(lines, "page_markers", -1)
    try:
        marker = re.compile(pages.get("pattern", r"^(\d{1,3})、"), re.M)
    except re.error as exc:
        raise RuleError(
            str(path), key_line(lines, where, "pattern"), f"page_markers pattern does not compile: {exc}"
        ) from exc
    if marker.groups < 1:
        raise RuleError(
            str(path), key_line(lines, where, "pattern"), "page_markers pattern needs a group for the number"
        )
    min_run = pages.get("min_run", 3)
    if not isinstance(min_run, int) or min_run < 2:
        raise RuleError(str(path), key_line(lines, where, "min_run"), "min_run must be a whole number ≥ 2")
    html = data.get("html", {})
    where = table_line(lines, "html", -1)
    for key in ("drop_tags", "drop_markers"):
        value = html.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise RuleError(str(path), key_line(lines, where, key), f"html.{key} must be a list of strings")
    chrome = HtmlChrome(
        frozenset(t.lower() for t in html.get("drop_tags", [])), tuple(m.lower() for m in html.get("drop_markers", []))
    )
    return JunkRules(line_rules, inline_rules, marker, min_run, chrome)
