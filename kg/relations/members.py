"""Slogan members: the ordered parts a document spells out for a numbered formula, checked
against the count the formula implies (四件大事 → 4, 一核两带一廊 → 1+2+1, 3+1 → 4, 22445 → five
groups). A list whose count does not match, or that ends in 等, is kept but marked incomplete.

Ways a document spells members out, tried in this order:
- the formula is its own enumeration (一港、两区、五大中心、口岸经济带);
- a list right before it (稳定、发展、生态、强边“四件大事”; “A”“B”“C”“D”4个载体);
- a list after a colon (“五期叠加”阶段性特征:A,…;B,…; “22445”总体工作思路(即:… “2个定位”, …));
- 一是…二是… after it;
- the curated members of a known formula, when the document writes every one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.model import Evidence, MemberList, Mention, PreparedDoc
from kg.nlp.slogans import LIST_SEPARATOR, QUOTES, chinese_number, implied_count
from kg.rules import RuleSet
from kg.rules.relations import MemberRules

CLAUSE_END = re.compile(r"[，,。；;：:！!？?（()）\n]")
QUOTED_ITEM = re.compile(r"“([^“”]{1,40})”")
ORDINAL = re.compile(r"(?:^|[，,；;。:：\s])([一二三四五六七八九十]{1,2})是")


FIRST_ORDINAL_WITHIN = 120  # characters between a formula and its 一是
HEADING = re.compile(r"[一二三四五六七八九十0-9]{1,3}")


def _clean(item: str) -> str:
    return item.strip(QUOTES + " \u3000")


def _strip_lead_verb(item: str, rules: MemberRules) -> str:
    """Drop the verb that opens the list from its first item (统筹稳定 → 稳定)."""
    best = -1
    for verb in rules.lead_verbs:
        at = item.rfind(verb)
        if at >= 0 and len(item) - (at + len(verb)) >= 2:
            best = max(best, at + len(verb))
    return item[best:] if best >= 0 else item


def _checked(items: list[str], count: int | None, open_list: bool) -> bool:
    return not open_list and (count is None or len(items) == count)


def list_before(text: str, end: int, rules: MemberRules) -> tuple[list[str], bool, int] | None:
    """Members written just before ``text[end:]`` (where the formula starts): the items, whether the
    list is open (等), and where the list starts; None if there is no list of two or more."""
    start = max(0, end - rules.window)
    head = text[start:end].rstrip(' “"')
    open_list = False
    changed = True
    while changed:
        changed = False
        for word in sorted(rules.linkers, key=len, reverse=True):
            if head.endswith(word) and len(head) > len(word):
                head = head[: -len(word)].rstrip()
                open_list |= word in rules.open_markers
                changed = True
    quoted = list(re.finditer(r"(?:“[^“”]{1,40}”)+$", head))
    if quoted and len(QUOTED_ITEM.findall(quoted[0].group())) >= 2:
        block = quoted[0]
        items = [_clean(i) for i in QUOTED_ITEM.findall(block.group())]
        return items, open_list, start + block.start()
    if head.endswith("”") and "“" in head:
        opening = head.rindex("“")
        clause, clause_start = head[opening + 1 : -1], opening + 1
    else:
        cut = max((m.end() for m in CLAUSE_END.finditer(head)), default=0)
        clause, clause_start = head[cut:], cut
    items = [_clean(i) for i in clause.split("、")]
    pair = re.split(r"[和与及]", clause)
    if len(items) == 1 and len(pair) == 2 and all(pair):  # 生物制药与高端医疗器械两大产业
        items = [_clean(i) for i in pair]
    if len(items) < 2 or not all(items) or HEADING.fullmatch(items[0]):
        return None  # 二、深化落实…: a heading's number is no list item
    copula = re.search(r"[是为]", items[-1])
    if copula and copula.start() > 0:
        items[-1] = items[-1][: copula.start()]  # 稳定、发展、生态、强边是…明确的“四件大事”
    first = _strip_lead_verb(items[0], rules)
    clause_start += max(0, clause.find(first))
    items[0] = first
    if any(len(i) > rules.max_member or len(i) < 1 or any(q in i for q in QUOTES) for i in items):
        return None  # a quote inside an item: a list of other formulas (“两个确立”、坚决做到“两个维护”)
    if any(items[-1].endswith(verb) for verb in rules.lead_verbs):
        return None  # 坚决做到“两个维护”: the words before the formula are what to do with it
    return items, open_list, start + clause_start


def list_after(text: str, begin: int, rules: MemberRules) -> tuple[str, int] | None:
    """The text of a list opened by a colon right after the formula (up to the end of the sentence or
    the closing bracket), and where it starts; None if no colon follows."""
    intro = rules.intro.match(text, begin, min(len(text), begin + 20))
    if not intro:
        return None
    start = intro.end()
    bracketed = "(" in intro.group() or "（" in intro.group()
    stop = re.compile(r"[)）]" if bracketed else r"[。\n]")
    found = stop.search(text, start, min(len(text), start + 600))
    end = found.start() if found else min(len(text), start + 600)
    return text[start:end], start


def split_after(block: str, rules: MemberRules) -> list[str]:
    """Members of a list after a colon: each ；-separated part up to its first comma, or the 、-separated
    items of a single part."""
    parts = [p for p in re.split(r"[；;]", block) if p.strip()]
    if len(parts) >= 2:
        return [_clean(re.split(r"[，,]", p)[0]) for p in parts]
    first_clause = re.split(r"[，,。]", block)[0]
    items = [_clean(i) for i in first_clause.split("、")]
    return items if len(items) >= 2 else []


def ordinal_list(text: str, begin: int, count: int | None) -> tuple[list[str], int, int] | None:
    """一是A，…二是B，… after a formula: the items in order, from the first ordinal to the last item."""
    window = text[begin : begin + 1500]
    found = [(m, chinese_number(m.group(1))) for m in ORDINAL.finditer(window)]
    items: list[str] = []
    first = last = 0
    expected = 1
    for m, value in found:
        if value != expected:
            continue
        if not items and m.start(1) > FIRST_ORDINAL_WITHIN:
            break  # 一是 far after the formula belongs to another list
        piece = re.split(r"[，,；;。]", window[m.end() :])[0]
        if not items:
            first = m.start(1)
        items.append(_clean(piece))
        last = m.end() + len(piece)
        expected += 1
        if count is not None and expected > count:
            break
    if len(items) < 2:
        return None
    return items, begin + first, begin + last


def _components(inner: list[Mention], text: str) -> list[Mention]:
    """Formulas named inside a list, less those that only spell out the next one (“三区一高地”4个创建
    names the component 4个创建)."""
    kept = []
    for here, after in zip(inner, [*inner[1:], None], strict=False):
        if after is not None and text[here.match_end : after.match_start].strip(QUOTES + " ") == "":
            continue
        kept.append(here)
    return kept


def _evidence(doc: PreparedDoc, sentence: int, start: int, end: int, rule: str) -> Evidence:
    o_start, o_end = doc.clean.original_span(start, max(end, start + 1))
    return Evidence(doc.source.id, sentence, o_start, o_end, rule)


def _known_members(name: str, doc: PreparedDoc, rules: RuleSet) -> tuple[str, ...]:
    """The curated members of a known formula, if the document writes every one of them."""
    for k in rules.slogans:
        if k.members and name in (k.name, *k.aliases):
            return k.members if all(m in doc.match for m in k.members) else ()
    return ()


def members_of(mention: Mention, doc: PreparedDoc, slogans: list[Mention], rules: RuleSet) -> MemberList | None:
    """The members the document gives one formula mention, by the first way that finds some."""
    text, settings = doc.match, rules.relations.members
    name = mention.surface
    count = implied_count(name)

    def made(items: Iterable[str], complete: bool, start: int, end: int, rule: str) -> MemberList:
        return MemberList(
            doc.source.id,
            mention.entity,
            tuple(items),
            complete,
            _evidence(doc, mention.sentence, start, end, f"members:{rule}"),
        )

    parts = [_clean(p) for p in LIST_SEPARATOR.split(name) if _clean(p)]
    if len(parts) > 1:
        return made(parts, True, mention.match_start, mention.match_end, "self")
    before = list_before(text, mention.match_start - (text[mention.match_start - 1] in '“"'), settings)
    if before:
        items, open_list, start = before
        if count is None or len(items) <= count:
            return made(items, _checked(items, count, open_list), start, mention.match_end, "before")
    after = list_after(text, mention.match_end + (text[mention.match_end : mention.match_end + 1] in QUOTES), settings)
    if after:
        block, start = after
        inner = _components([s for s in slogans if start <= s.match_start and s.match_end <= start + len(block)], text)
        items = [s.surface for s in inner] if len(inner) >= 2 else split_after(block, settings)
        if len(items) >= 2 and all(0 < len(i) <= settings.max_member for i in items):
            return made(items, _checked(items, count, False), start, start + len(block), "after")
    ordinals = ordinal_list(text, mention.match_end, count)
    if ordinals:
        items, start, end = ordinals
        return made(items, _checked(items, count, False), start, end, "ordinal")
    known = _known_members(name, doc, rules)
    if known:
        return made(known, True, mention.match_start, mention.match_end, "known")
    return None


def member_lists(doc: PreparedDoc, mentions: tuple[Mention, ...], rules: RuleSet) -> list[MemberList]:
    """The member list the document spells out for each formula: of the lists found at its
    mentions, the first complete one, else the longest."""
    slogans = sorted((m for m in mentions if m.type == "Slogan" and m.match_start >= 0), key=lambda m: m.match_start)
    best: dict[str, MemberList] = {}
    for m in slogans:
        found = members_of(m, doc, slogans, rules)
        held = best.get(m.entity)
        if found and (held is None or (found.complete, len(found.members)) > (held.complete, len(held.members))):
            best[m.entity] = found
    return list(best.values())
