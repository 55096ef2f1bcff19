"""Reading TOML rule files with errors that point at a line."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from kg.errors import RuleError

_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def read_toml(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Parse ``path``; returns the data and the file's lines (for locating later errors)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), None, f"cannot read: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _AT_LINE.search(str(exc))
        message = _AT_LINE.sub("", str(exc)).strip()
        raise RuleError(str(path), int(m.group(1)) if m else None, f"not valid TOML: {message}") from exc
    return data, text.splitlines()


def table_line(lines: list[str], header: str, index: int) -> int | None:
    """The 1-based line of the ``index``-th ``[[header]]`` (or ``[header]`` when index < 0)."""
    wanted = f"[[{header}]]" if index >= 0 else f"[{header}]"
    seen = -1
    for number, line in enumerate(lines, 1):
        if line.strip() == wanted:
            seen += 1
            if index < 0 or seen == index:
                return number
    return None


def key_line(lines: list[str], start: int | None, key: str) -> int | None:
    """The line of ``key = …`` at or after line ``start`` (before the next table header)."""
    if start is None:
        return None
    for number in range(start, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if number > start and stripped.startswith("["):
            break
        if stripped.startswith(f"{key} ") or stripped.startswith(f"{key}="):
            return number
    return start
