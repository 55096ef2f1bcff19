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
DIGITS_FORMULA = re.compile(r"^[1-9]{2,6}$|^\d{1,2}(\+(?:\d{1,2}|N))+$")  # 22445, 7+1, 1+10+N
MAGNITUDES = re.compile(r"^(?:十|百|千|万){3,4}")  # 十百千万, 百千万工程: a ladder of magnitudes, not a number
DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
QUOTES = "“”\"'‘’"
LIST_SEPARATOR = re.compile(r"[、，,]")
CLAUSE_START = re.compile(r"[，,。；;：:！!？?（()）\n]")


def chinese_number(run: str) -> int | None:
    """The value of a numeral run (四 → 4, 十一 → 11, 二十 → 20, 12 → 12); None if not a count."""
    if run.isdigit():
        return int(run)
    if all(ch in DIGITS for ch in run):
        return DIGITS[run] if len(run) == 1 else None
    if run.count("十") == 1 and all(ch in DIGITS or ch == "十" for ch in run):
        tens, _, units = run.partition("十")
        if len(tens) > 1 or len(units) > 1:
            return None
        return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[units] if units else 0)
    return None


def implied_count(name: str) -> int | None:
    """How many members a formula announces: 四件大事 → 4, 一核两带一廊 → 4, 3+1 → 4,
    22445 → 5 (one group per digit), a written-out formula → its parts; None if it cannot tell."""
    text = name.strip(QUOTES + " ")
    if re.search(r"\+N\b", text):
        return None  # 1+10+N: an open number of parts
    if re.fullmatch(r"[1-9]{2,6}", text):
        return len(text)
    if re.fullmatch(r"\d{1,2}(?:\+\d{1,2})+", text):
        return sum(int(p) for p in text.split("+"))
    parts = [p for p in LIST_SEPARATOR.split(text) if p]
    if len(parts) > 1:
        return len(parts)
    values = [chinese_number(r) for r in re.findall(r"[0-9]+|[一二两三四五六七八九十]+", text)]
    if not values or None in values:
        return None
    return values[0] if len(values) == 1 else sum(v for v in values if v is not None)


def listed_before(text: str, start: int, phrase: str) -> bool:
    """Whether the clause before ``text[start:]`` lists exactly as many items as the formula there
    announces (交通、水利、电力、信息四大工程; “A”“B”“C”“D”4个载体): then it is a fixed name."""
    head = text[:start].rstrip('“"')
    clause = head[max((m.end() for m in CLAUSE_START.finditer(head)), default=0) :]
    if clause.endswith("、") or re.search(r"[0-9一二两三四五六七八九十]个", clause):
        return False  # 2个名城、2个名镇: one count in a list of counts
    quoted = re.findall(r"“[^“”]{1,40}”", clause)
    items = len(quoted) if len(quoted) >= 2 and clause.endswith("”") else len(clause.split("、"))
    if items == 1 and len(re.split(r"[和与及]", clause)) == 2:
        items = 2  # 生物制药与高端医疗器械两大产业
    count = implied_count(phrase)
    return items >= 2 and count == items


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


def not_a_set(phrase: str, rules: NumeralRules) -> bool:
    """Whether a phrase holds a listed non-formula (两院, 三甲) or an idiom (千方百计, 四面八方): its
    numerals then count no set of tasks."""
    if any(word in phrase for word in rules.not_formulas):
        return True
    numeral = re.compile(f"[{re.escape(rules.numerals)}]")
    return any(phrase[i : i + 4] in rules.idioms and numeral.search(phrase[i : i + 4]) for i in range(len(phrase) - 3))


def is_formula(content: str, rules: NumeralRules, shapes: SloganShapes) -> bool:
    """Whether a quoted phrase is a numbered formula rather than a period, date or quantity."""
    text = content.strip()
    if not text or text in rules.periods or len(text) > rules.longest_name + 8:
        return False
    if not_a_set(text, rules) or re.search(r"[!?！？。]", text):
        return False  # “创三甲”, “两院”院士; a quoted sentence is no formula
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
    ladder = MAGNITUDES.match(text)
    if ladder and len(set(ladder.group())) == len(ladder.group()):
        return True
    groups = shapes.group.findall(text)
    quantities = shapes.quantity.findall(text)
    if quantities and len(quantities) >= len(groups):
        return False  # 一小时经济圈, 五年行动, 第三极 (but 五城三小时经济圈 counts five cities)
    # Only 一s: one thing (一盘棋) or one per thing (一河一策, 一村一品), no set; 一带一路 is a known formula.
    # Only 百/千/万 standing alone: many actors (万企兴万村, 千企技改, 双百双新), not a set of tasks.
    return not (set("".join(groups)) <= {"一"} or all(g in ("百", "千", "万") for g in groups))


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
        anchored = list(found)  # quoted and known formulas: a shape crossing one is not a formula of its own
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
                if not_a_set(phrase, self.rules):
                    continue
                if rule == "formula" and len(self.shapes.group.findall(phrase)) < 2:
                    continue
                if any(a.start < end and start < a.end for a in anchored):
                    continue  # 中央八项规定|精神学习教育
                kind = "listed" if listed_before(text, start, phrase) else rule
                found.append(Candidate(start, end, "Slogan", phrase, "", f"slogan:{kind}"))
        return found


def keep_recurring(candidates: list[tuple[int, Candidate]]) -> list[tuple[int, Candidate]]:
    """Drop unquoted formula shapes that occur once in a document and are never quoted or known.

    ``candidates`` are (sentence index, candidate) pairs for one document.
    """
    counts = Counter(c.name for _, c in candidates)
    anchored = {c.name for _, c in candidates if c.rule in ("slogan:quoted", "slogan:known", "slogan:listed")}
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
