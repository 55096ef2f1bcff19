"""``rules/gazetteer/*.tsv``: known things with ids, types, aliases and containers.

Every file is validated on load: header, column count, type, id syntax and uniqueness across
files, and (once all files are read) that every ``parent`` and link names a known id. Errors are
``file:line: what is wrong``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import RuleError

TYPES = ("Port", "Park", "County", "City", "Province", "Town", "Country", "Region", "Project", "Organization", "Slogan")
COLUMNS = ("id", "type", "name", "aliases", "parent", "code", "faces", "former", "source")
REQUIRED = ("id", "type", "name")
LINK_COLUMNS = ("child", "predicate", "parent", "source")
LINK_PREDICATES = ("partOf", "locatedIn")
ID = re.compile(r"^[A-Za-z0-9_.:-]+$")


@dataclass(frozen=True)
class GazetteerEntry:
    """One known thing."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...]
    parent: str
    code: str
    faces: tuple[str, ...]
    former: tuple[str, ...]
    where: str  # file:line, for messages


@dataclass(frozen=True)
class Link:
    """A stated relation between two gazetteer entries (``park_links.tsv``)."""

    child: str
    predicate: str
    parent: str
    where: str


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _rows(path: Path):
    """(line number, row) for every data row, after the header; the header first."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), None, f"cannot read: {exc}") from exc
    header = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if header is None:
            header = row
            yield number, None, header
            continue
        yield number, row, header


def _load_entries(path: Path, seen: dict[str, str]) -> list[GazetteerEntry]:
    entries = []
    for number, row, header in _rows(path):
        where = f"{path}:{number}"
        if row is None:
            unknown = [c for c in header if c not in COLUMNS]
            if unknown:
                raise RuleError(
                    str(path), number, f"unknown column(s) {', '.join(unknown)}; known: {', '.join(COLUMNS)}"
                )
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise RuleError(str(path), number, f"header lacks column(s) {', '.join(missing)}")
            continue
        if len(row) != len(header):
            raise RuleError(str(path), number, f"has {len(row)} tab-separated columns, the header has {len(header)}")
        values = dict(zip(header, (v.strip() for v in row), strict=True))
        ident, kind, name = values["id"], values["type"], values["name"]
        if not ID.match(ident):
            raise RuleError(str(path), number, f"id {ident!r} may use only letters, digits and _ . : -")
        if ident in seen:
            raise RuleError(str(path), number, f"duplicate id {ident!r} (first at {seen[ident]})")
        if kind not in TYPES:
            raise RuleError(str(path), number, f"unknown type {kind!r}; known: {', '.join(TYPES)}")
        if not name:
            raise RuleError(str(path), number, "empty name")
        seen[ident] = where
        entries.append(
            GazetteerEntry(
                ident,
                kind,
                name,
                _split(values.get("aliases", "")),
                values.get("parent", ""),
                values.get("code", ""),
                _split(values.get("faces", "")),
                _split(values.get("former", "")),
                where,
            )
        )
    return entries


def _load_links(path: Path) -> list[Link]:
    links = []
    for number, row, header in _rows(path):
        if row is None:
            if tuple(header[:3]) != LINK_COLUMNS[:3]:
                raise RuleError(str(path), number, f"a links file needs the columns {', '.join(LINK_COLUMNS)}")
            continue
        if len(row) != len(header):
            raise RuleError(str(path), number, f"has {len(row)} tab-separated columns, the header has {len(header)}")
        if row[1] not in LINK_PREDICATES:
            raise RuleError(str(path), number, f"unknown predicate {row[1]!r}; known: {', '.join(LINK_PREDICATES)}")
        links.append(Link(row[0].strip(), row[1].strip(), row[2].strip(), f"{path}:{number}"))
    return links


def load_gazetteers(folder: Path) -> tuple[tuple[GazetteerEntry, ...], tuple[Link, ...]]:
    """Every ``*.tsv`` in ``folder`` (``*links.tsv`` are links), validated together."""
    seen: dict[str, str] = {}
    entries: list[GazetteerEntry] = []
    links: list[Link] = []
    for path in sorted(folder.glob("*.tsv")):
        if path.name.endswith("links.tsv"):
            links += _load_links(path)
        else:
            entries += _load_entries(path, seen)
    for entry in entries:
        if entry.parent and entry.parent not in seen:
            file, line = entry.where.rsplit(":", 1)
            raise RuleError(file, int(line), f"parent {entry.parent!r} is not the id of any gazetteer row")
    for link in links:
        for ident in (link.child, link.parent):
            if ident not in seen:
                file, line = link.where.rsplit(":", 1)
                raise RuleError(file, int(line), f"{ident!r} is not the id of any gazetteer row")
    return tuple(entries), tuple(links)
