"""Shared fixtures: the project's rules, the bundled corpus, and a way to run the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.build import BuildOptions, BuildResult, run_build
from kg.cli import main
from kg.ingest import Found, ingest
from kg.model import KnowledgeGraph, PreparedDoc
from kg.rules import RuleSet, load_rules

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_rules()


@pytest.fixture(scope="session")
def corpus() -> dict[str, PreparedDoc]:
    """Every bundled document, ingested, by its three-digit prefix ("000" … "004")."""
    the_rules = load_rules()
    return {p.name[:3]: ingest(Found(p.name, p), the_rules) for p in sorted(CORPUS.glob("*.txt"))}


@dataclass(frozen=True)
class Built:
    """The bundled corpus built once per test session: the output folder and the build result."""

    out: Path
    result: BuildResult

    @property
    def graph(self) -> KnowledgeGraph:
        assert self.result.graph is not None
        return self.result.graph


@pytest.fixture(scope="session")
def bundled(tmp_path_factory) -> Built:
    """``kg build data/corpus`` run once for the session (read-only: copy before changing it)."""
    out = tmp_path_factory.mktemp("bundled") / "out"
    return Built(out, run_build(BuildOptions(inputs=(CORPUS,), out=out)))


@pytest.fixture(scope="session")
def graph(bundled: Built) -> KnowledgeGraph:
    """The knowledge graph of the bundled corpus."""
    return bundled.graph


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def kg(capsys):
    """Run the ``kg`` CLI in-process: ``kg("build", path, "-o", out)`` → Run(code, out, err)."""

    def run(*args: object) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
