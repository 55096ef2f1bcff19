"""Benchmark ``kg build``: the bundled corpus replicated to ≥ 2 million characters.

Prints characters per second, wall time per stage (as ``kg build`` records it in
``report.json``), the size of every output, peak memory, and how much of the nlp stage is pkuseg
itself. The pkuseg share is timed inside the same build (the pipeline's tokenizer is wrapped in a
stopwatch), so load on the machine affects both sides alike; the same sentences through the
tokenizer alone afterwards are printed as a cross-check. Run with ``make bench`` (figures, not
pass/fail).

    python bench/build_bench.py [--chars 2000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from kg.build import BuildOptions, run_build
from kg.nlp.model import load_pipeline

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def replicate(target: Path, min_chars: int) -> int:
    """Copy the corpus into ``target`` as many times as needed to reach ``min_chars``."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}
    total, copy = 0, 0
    while total < min_chars:
        folder = target / f"copy{copy:03d}"
        folder.mkdir(parents=True)
        for name, text in texts.items():
            (folder / name).write_text(text, encoding="utf-8")
            total += len(text)
        copy += 1
    return total


class TimedTokenizer:
    """The pipeline's tokenizer with a stopwatch around every call."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer
        self.seconds = 0.0

    def __call__(self, text: str):
        started = time.perf_counter()
        doc = self.tokenizer(text)
        self.seconds += time.perf_counter() - started
        return doc


def pkuseg_seconds(documents) -> float:
    """Seconds the pkuseg tokenizer alone takes over every sentence of ``documents``."""
    tokenizer = load_pipeline().tokenizer
    started = time.perf_counter()
    for doc in documents:
        for s in doc.sentences:
            tokenizer(doc.match[s.clean_start : s.clean_end])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=2_000_000, help="minimum corpus size in characters")
    parser.add_argument("--keep", type=Path, default=None, help="write the build here instead of a temp folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        chars = replicate(work / "corpus", args.chars)
        out = args.keep or work / "out"
        nlp = load_pipeline()
        timed = TimedTokenizer(nlp.tokenizer)
        nlp.tokenizer = timed
        started = time.perf_counter()
        try:
            result = run_build(BuildOptions(inputs=(work / "corpus",), out=out))
        finally:
            nlp.tokenizer = timed.tokenizer
        wall = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}
        segmentation = pkuseg_seconds(result.documents)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"documents: {len(result.documents)}   characters: {chars:,}")
    print(f"wall time: {wall:.2f} s   throughput: {chars / wall:,.0f} chars/s   peak memory: {peak_mb:,.0f} MB")
    for stage, seconds in report["timings_seconds"].items():
        print(f"  {stage:<16} {seconds:8.2f} s  {100 * seconds / wall:5.1f} %")
    nlp_seconds = report["timings_seconds"]["nlp"]
    print(
        f"pkuseg inside the build: {timed.seconds:.2f} s = {100 * timed.seconds / nlp_seconds:.1f} % of the nlp stage"
    )
    print(f"pkuseg alone afterwards, same sentences: {segmentation:.2f} s (cross-check)")
    for name, size in sizes.items():
        print(f"  {name:<16} {size / 1e6:8.2f} MB")


if __name__ == "__main__":
    main()
