"""Load every rule file of a rules folder into one validated ``RuleSet``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import RuleError
from kg.rules.junk import JunkRules, load_junk


@dataclass(frozen=True)
class RuleSet:
    """All rules, validated: what every stage reads."""

    folder: Path
    junk: JunkRules


def default_rules_dir() -> Path:
    """The project's own ``rules/`` folder (beside the ``kg`` package)."""
    return Path(__file__).resolve().parents[2] / "rules"


def load_rules(folder: Path | None = None) -> RuleSet:
    """Read and check every rule file in ``folder``; raises ``RuleError`` on the first problem."""
    folder = Path(folder) if folder else default_rules_dir()
    if not folder.is_dir():
        raise RuleError(str(folder), None, "rules folder not found")
    junk_path = folder / "junk.toml"
    if not junk_path.is_file():
        raise RuleError(str(junk_path), None, "missing rule file")
    return RuleSet(folder=folder, junk=load_junk(junk_path))
