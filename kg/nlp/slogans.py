"""Numbered formulas (提法): told apart from quantities, periods and dates.

A formula is found three ways: quoted (“四件大事”, “22445”, “7+1”), as a known formula from
``rules/slogans.toml`` (中央八项规定), or in an unquoted formula shape (一核两带一廊, 十大民生工程,
四个走在前列). Unquoted shapes that could be plain quantities are kept only when they recur in the
document or are quoted somewhere (``keep_recurring``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import ahocorasick

from kg.nlp.matcher import Candidate, Words
from kg.rules.patterns import KnownSlogan, NumeralRules

QUOTED = re.compile(r"“([^“”\n]{1,24})”")
DIGITS_FORMULA = re.compile(r"^[1-9]{2,6}$|^\d{1,2}(\+\d{1,2})+$")


@dataclass(frozen=True)
class SloganShapes:
    """Compiled regular expressions for one set of numeral rules."""

    numeral: re.Pattern[str]
    group: re.Pattern[str]
    formula: re.Pattern[str]
    big: re.Pattern[str]
    counted: re.Pattern[str]
    quantity: re.Pattern[str]


def compile_shapes(rules: NumeralRules) -> SloganShapes:
    """Regular expressions built from ``numerals.toml``."""
    n = f"[{re.escape(rules.numerals)}0-9]"
    han = r"[\u4e00-\u9fff]"
    quantity = "|".join(sorted(map(re.escape, rules.quantity_heads), key=len, reverse=True))
    return SloganShapes(
        numeral=re.compile(n),
        group=re.compile(rf"(?<!{n}){n}+"),
        formula=re.compile(rf"(?:{n}{{1,2}}(?:个)?{han}{{1,3}}){{2,5}}"),
        big=re.compile(rf"{n}{{1,2}}大{han}{{2,6}}"),
        counted=re.compile(rf"{n}{{1,2}}[个项条件]{han}{{2,8}}"),
        quantity=re.compile(rf"(?:第{n}|{n}+(?:\.\d+)?(?:{quantity}))"),
    )


def is_formula(content: str, rules: NumeralRules, shapes: SloganShapes) -> bool:
    """Whether a quoted phrase is a numbered formula rather than a period, date or quantity."""
    text = content.strip()
    if not text or text in rules.periods or len(text) > rules.longest_name + 8:
        return False
    if text.isascii() or (re.search(r"[0-9]", text) and not re.search(r"[\u4e00-\u9fff]", text)):
        return bool(DIGITS_FORMULA.match(text.replace(" ", "")))
    if re.search(r"[A-Za-z]", text):
        return False  # 5G+教育
    if not shapes.numeral.search(text):
        return False
    if "、" in text or "," in text:
        parts = [p for p in re.split(r"[、,]", text) if p]
        counted = [p for p in parts if shapes.numeral.search(p)]
        return len(parts) >= 2 and (len(counted) >= 2 or any(shapes.numeral.match(p) for p in parts))
    leading = re.match(r"^[0-9+]+", text)
    counts_first = leading and (DIGITS_FORMULA.match(leading.group()) or leading.group().isdigit())
    if re.search(r"\d", text) and not counts_first:
        return False  # 5G+教育
    if leading and "0" in leading.group():
        return False  # 12309检查服务中心: a number, not a count
    if shapes.quantity.search(text):
        return False  # 一小时经济圈, 五年行动, 第三极
    groups = shapes.group.findall(text)
    return not (set("".join(groups)) <= {"一"} and len(groups) < 2)


class SloganFinder:
    """Finds formula mentions in sentences."""

    def __init__(self, rules: NumeralRules, known: tuple[KnownSlogan, ...]) -> None:
        self.rules = rules
        self.shapes = compile_shapes(rules)
        self.known = ahocorasick.Automaton()
        for slogan in known:
            for form in (slogan.name, *slogan.aliases):
                self.known.add_word(form, (form, slogan.name))
        if known:
            self.known.make_automaton()
        self.has_known = bool(known)

    def hits(self, text: str, words: Words) -> list[Candidate]:
        """Formula mentions in one sentence (offsets into its match text)."""
        found: list[Candidate] = []
        for m in QUOTED.finditer(text):
            content = m.group(1)
            if is_formula(content, self.rules, self.shapes):
                name = content.replace(" ", "")
                found.append(Candidate(m.start(1), m.end(1), "Slogan", name, "", "slogan:quoted"))
        if self.has_known:
            for end_index, (form, name) in self.known.iter(text):
                start = end_index + 1 - len(form)
                if start in words.starts or start == 0 or text[start - 1] in '“"':
                    found.append(Candidate(start, end_index + 1, "Slogan", name, "", "slogan:known"))
        for rule, pattern in (
            ("formula", self.shapes.formula),
            ("big", self.shapes.big),
            ("counted", self.shapes.counted),
        ):
            for m in pattern.finditer(text):
                start, end = m.start(), m.end()
                while end > start and end not in words.ends:
                    end -= 1
                if start not in words.starts or end - start < 3:
                    continue
                phrase = text[start:end]
                if self.shapes.quantity.search(phrase) or phrase in self.rules.periods:
                    continue
                if rule == "formula" and len(self.shapes.group.findall(phrase)) < 2:
                    continue
                found.append(Candidate(start, end, "Slogan", phrase, "", f"slogan:{rule}"))
        return found


def keep_recurring(candidates: list[tuple[int, Candidate]]) -> list[tuple[int, Candidate]]:
    """Drop unquoted formula shapes that occur once in a document and are never quoted or known.

    ``candidates`` are (sentence index, candidate) pairs for one document.
    """
    counts = Counter(c.name for _, c in candidates)
    anchored = {c.name for _, c in candidates if c.rule in ("slogan:quoted", "slogan:known")}
    kept = []
    for pair in candidates:
        c = pair[1]
        if (
            c.rule in ("slogan:counted", "slogan:big", "slogan:formula")
            and c.name not in anchored
            and counts[c.name] < 2
        ):
            continue
        kept.append(pair)
    return kept
