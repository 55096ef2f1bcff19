"""Editing a copied rule file in place, and finding the line a test broke."""

from __future__ import annotations

from pathlib import Path


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in ``path`` by ``new`` (the test fails if ``old`` is not there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str, last: bool = False) -> int:
    """The 1-based number of the first (or ``last``) line of ``path`` holding ``needle``."""
    numbers = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return numbers[-1] if last else numbers[0]
