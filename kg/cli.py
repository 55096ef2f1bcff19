"""The ``kg`` command: ``build``, ``check-rules``, ``eval`` and ``query``.

Every error the user can cause is one line on stderr, ``kg: <file>: <problem>``, and an exit
status: 0 success, 1 built but some documents were skipped, 2 nothing done.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from tqdm import tqdm

from kg.errors import KgError
from kg.rules import load_rules


def _print_skipped(skipped) -> None:
    for s in skipped:
        print(f"kg: skipped {s.path}: {s.reason}", file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from kg.build import BuildOptions, NothingBuilt, run_build  # spaCy loads only when building

    options = BuildOptions(
        inputs=tuple(args.paths or [Path("data/corpus")]),
        out=args.output,
        rules_dir=args.rules,
        encoding=args.encoding,
        strict=args.strict,
    )
    started = time.perf_counter()

    def progress(items):
        return tqdm(items, desc="reading", unit="doc", disable=None, file=sys.stderr)

    try:
        result = run_build(options, progress)
    except NothingBuilt as exc:
        _print_skipped(exc.skipped[1:] if options.strict else exc.skipped)
        raise
    _print_skipped(result.skipped)
    for w in result.warnings:
        print(f"kg: warning: {w}", file=sys.stderr)
    sentences = sum(len(d.sentences) for d in result.documents)
    print(
        f"kg: read {len(result.documents)} documents ({result.chars:,} characters, {sentences:,} sentences), "
        f"skipped {len(result.skipped)}, {len(result.warnings)} warnings; wrote {options.out}/ "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 1 if result.skipped else 0


def _check_rules(args: argparse.Namespace) -> int:
    rules = load_rules(args.rules)
    print(f"kg: rules in {rules.folder} are valid")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate, format_table, read_jsonl

    scores, errors = evaluate(read_jsonl(args.predicted), read_jsonl(args.gold))
    print(json.dumps(scores, ensure_ascii=False, indent=1) if args.json else format_table(scores))
    if args.errors:
        print("\n".join(errors), file=sys.stderr)
    return 0


def _query(args: argparse.Namespace) -> int:
    from kg.query import query, read_query

    text, source = read_query(args.query, args.file)
    result = query(args.target, text, args.format, source)
    try:
        sys.stdout.write(result)
        sys.stdout.flush()
    except BrokenPipeError:  # `kg query … | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    top = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Chinese policy documents.")
    top.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = top.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="read documents and write the graph outputs")
    build.add_argument("paths", nargs="*", type=Path, help="files or folders (default: data/corpus)")
    build.add_argument("-o", "--output", type=Path, default=Path("out"), help="output folder (default: out)")
    build.add_argument("--rules", type=Path, default=None, help="rules folder (default: the project's rules/)")
    build.add_argument("--encoding", default=None, help="read every input with this encoding instead of detecting")
    build.add_argument("--strict", action="store_true", help="fail (writing nothing) if any document is skipped")
    build.set_defaults(run=_build)

    check = sub.add_parser("check-rules", help="validate the rule files and report the first problem")
    check.add_argument("--rules", type=Path, default=None, help="rules folder (default: the project's rules/)")
    check.set_defaults(run=_check_rules)
    evaluation = sub.add_parser("eval", help="score OUT/documents.jsonl against gold annotations")
    evaluation.add_argument("predicted", type=Path, help="documents.jsonl of a build")
    evaluation.add_argument("gold", type=Path, help="gold .jsonl in the same format")
    evaluation.add_argument("--errors", action="store_true", help="list every miss and false hit on stderr")
    evaluation.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluation.set_defaults(run=_eval)

    sparql = sub.add_parser("query", help="run a SPARQL 1.1 query over a build's graph (see queries/)")
    sparql.add_argument("target", type=Path, help="an output folder of kg build (its graph.ttl) or an RDF file")
    sparql.add_argument("query", nargs="?", default=None, help="the query text (or use -f)")
    sparql.add_argument("-f", "--file", type=Path, default=None, help="read the query from this file (.rq)")
    sparql.add_argument(
        "--format",
        choices=("table", "csv", "json", "turtle", "ntriples"),
        default="table",
        help="table (default), csv or json (SPARQL 1.1 results formats); CONSTRUCT prints turtle or ntriples",
    )
    sparql.set_defaults(run=_query)
    return top


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kg`` console script."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KgError as exc:
        print(f"kg: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted; the previous outputs are unchanged", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(f"kg: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
