"""``kg eval``: precision, recall and F1 of a build against gold, by the guidelines' rules.

An entity is right when a predicted entity of the same type is named by the gold name or one of
its aliases (compared after NFKC, without quotes and spaces); each gold entity counts once, and
further predictions of an entity already found count neither way. Slogan members and located_in
pairs are compared as sets per document. This is the scoring of ``../shared/eval/score.py``; a
test checks that both give the same figures.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KgError

IGNORED = set("“”\"'‘’「」『』《》 \t")


def normalise(name: str) -> str:
    """The comparable form of a name."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", name) if ch not in IGNORED)


def read_jsonl(path: Path) -> dict[str, dict[str, Any]]:
    """Documents by id; a line that is not JSON is a one-line error naming file and line."""
    docs = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{path}: cannot read: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            docs[record["doc"]] = record
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise KgError(f"{path}:{number}: not a document line ({exc})") from exc
    return docs


@dataclass
class Tally:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "tp": self.tp,
            "pred": self.tp + self.fp,
            "gold": self.tp + self.fn,
            "p": round(p, 4),
            "r": round(r, 4),
            "f1": round(f, 4),
        }


def _names(gold: dict[str, Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    for e in gold.get("entities", []):
        for form in (e["name"], *e.get("aliases", [])):
            names.setdefault(normalise(form), e["name"])
    for s in gold.get("slogans", []):
        names.setdefault(normalise(s["name"]), s["name"])
    return names


def _entities(pred: dict[str, Any], gold: dict[str, Any], typed: bool) -> tuple[set, list, list]:
    names = _names(gold)
    wanted = {(e["name"], e["type"] if typed else "") for e in gold.get("entities", [])}
    found: set = set()
    wrong: list = []
    for e in pred.get("entities", []):
        key = (names.get(normalise(e.get("name", ""))), e.get("type") if typed else "")
        if key[0] is not None and key in wanted:
            found.add(key)
        else:
            wrong.append(e)
    return found, wrong, sorted(wanted - found)


def evaluate(pred: dict[str, dict[str, Any]], gold: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """Scores (overall, untyped, by type, slogan members, located_in) and a list of errors."""
    by_type: dict[str, Tally] = defaultdict(Tally)
    untyped, members, located = Tally(), Tally(), Tally()
    errors: list[str] = []
    for doc, g in gold.items():
        p = pred.get(doc, {})
        found, wrong, missed = _entities(p, g, typed=True)
        for _, kind in found:
            by_type[kind].tp += 1
        for e in wrong:
            by_type[e.get("type", "?")].fp += 1
        for _, kind in missed:
            by_type[kind].fn += 1
        errors += [f"{doc}\tMISS\t{kind}\t{name}" for name, kind in missed]
        errors += [f"{doc}\tFALSE\t{e.get('type')}\t{e.get('name')}" for e in wrong]
        f2, w2, m2 = _entities(p, g, typed=False)
        untyped.tp, untyped.fp, untyped.fn = untyped.tp + len(f2), untyped.fp + len(w2), untyped.fn + len(m2)
        names = _names(g)
        predicted = {names.get(normalise(s["name"]), s["name"]): s for s in p.get("slogans", [])}
        for s in g.get("slogans", []):
            want = {normalise(m) for m in s.get("members", [])}
            if not want:
                continue
            got = {normalise(m) for m in predicted.get(s["name"], {}).get("members", [])}
            members.tp, members.fp, members.fn = (
                members.tp + len(want & got),
                members.fp + len(got - want),
                members.fn + len(want - got),
            )
            if want != got:
                errors.append(f"{doc}\tMEMBERS\t{s['name']}\tgold={sorted(want)} pred={sorted(got)}")
        pairs = {(names.get(normalise(a), a), names.get(normalise(b), b)) for a, b in g.get("located_in", [])}
        guess = {(names.get(normalise(a), a), names.get(normalise(b), b)) for a, b in p.get("located_in", [])}
        located.tp, located.fp, located.fn = (
            located.tp + len(pairs & guess),
            located.fp + len(guess - pairs),
            located.fn + len(pairs - guess),
        )
    total = Tally()
    for t in by_type.values():
        total.tp, total.fp, total.fn = total.tp + t.tp, total.fp + t.fp, total.fn + t.fn
    scores = {
        "entities": total.scores(),
        "entities_untyped": untyped.scores(),
        "by_type": {k: by_type[k].scores() for k in sorted(by_type)},
        "slogan_members": members.scores(),
        "located_in": located.scores(),
    }
    return scores, errors


def format_table(scores: dict[str, Any]) -> str:
    """The scores as a plain table."""
    rows = [("ENTITIES", scores["entities"]), ("entities untyped", scores["entities_untyped"])]
    rows += [(f"  {k}", v) for k, v in scores["by_type"].items()]
    rows += [("SLOGAN MEMBERS", scores["slogan_members"]), ("LOCATED_IN", scores["located_in"])]
    lines = [f"{'':18} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}"]
    lines += [f"{name:18} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {s['gold']:5}" for name, s in rows]
    return "\n".join(lines)


def count_types(docs: dict[str, dict[str, Any]]) -> Counter:
    """How many entities of each type the documents hold."""
    return Counter(e["type"] for d in docs.values() for e in d.get("entities", []))
