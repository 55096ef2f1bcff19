"""Coordinated names: several heads sharing one suffix, each naming its own thing.

乌鲁木齐、喀什、霍尔果斯片区 names three 片区; 满洲里、二连浩特、策克等重点口岸 five ports;
呼和浩特、鄂尔多斯、满洲里3个综保区 three zones (the count must then match). Only suffix rules with
``coordinates = true`` take part. Each reconstructed name becomes a candidate on its head's span
(rule ``coordination``); a head that is also a place (满洲里 the city) keeps that mention too.
"""

from __future__ import annotations

import re

from kg.nlp.matcher import HAN, PLACE_TYPES, ROUTE_JOINERS, UNITS, Candidate, EntityMatcher, Words
from kg.nlp.slogans import chinese_number

PLACES = PLACE_TYPES

# Words between a list's count and its suffix that describe the items without naming them.
MODIFIER_WORDS = (
    "重点", "主要", "国家级", "省级", "市级", "国家", "省", "沿边", "边境", "大中型", "中小型", "大型", "中型", "小型",
    "骨干", "新",
)  # fmt: skip
MODIFIERS = re.compile(
    r"(?:等)?(?:([0-9一二两三四五六七八九十]+)(?:个|大|家|座|处|条|项|所)?)?"
    rf"(?:{'|'.join(MODIFIER_WORDS)})?$"
)
# A head is a short Han phrase (two to eight characters); it may hold an amount after its name
# (北海20万吨级、防城港30万吨级等航道).
ITEM = re.compile(r"^[\u3400-\u9fff](?:[\u3400-\u9fff]|[0-9.]+(?=[\u3400-\u9fff]))+$")
AMOUNT = re.compile(r"[0-9]")
JOINERS = frozenset("和与及")
COUNT = re.compile(r"[0-9一二两三四五六七八九十]")
# A short parenthetical after a head, before the next 、: 京哈(扩建)、哈肇、绥大等高速公路.
ASIDE = re.compile(r"[(（][^()（）、，,。]{1,6}[)）]、")
CLAUSE = re.compile(r"[，,。；;：:！!？?（()）“”\s]")


def _is_item(piece: str) -> bool:
    """Whether a piece of a list can be a head: two to eight Han characters, amounts aside."""
    return bool(ITEM.match(piece)) and 2 <= len(HAN.findall(piece)) <= 8


def _first_item(text: str, start: int, end: int, words: Words, matcher: EntityMatcher) -> int:
    """Where the first head of a list begins: at the longest known place name that ends it
    (高质量推进乌鲁木齐 → 乌鲁木齐), else after the last verb or function word before it
    (研究与尼泊尔甘达基 → 尼泊尔甘达基)."""
    for begin in range(start, end - 1):
        if matcher.names.get(text[begin:end], None) is not None:
            if begin > start + 1 and text[begin - 1] in ROUTE_JOINERS:  # 黄桶至百色: a route from a place
                before = words.ending_at(begin - 1)
                return before[0] if before and before[0] >= start else begin
            return begin
    pos = end
    for s, e in reversed(words.spans):
        if e > end:
            continue
        piece = text[s:e]
        if s < start or piece in matcher.function_words or piece in matcher.stop_words:
            break
        pos = s
    return pos


def _heads(text: str, end: int, words: Words, matcher: EntityMatcher, minimum: int = 2) -> list[tuple[int, int]]:
    """The 、-separated heads ending at ``end``, first to last; [] if there are fewer than ``minimum``."""
    window = max(0, end - 80)
    asides = [(m.start(), m.end() - 1) for m in ASIDE.finditer(text, window, end)]
    clause_start = max(
        (m.end() for m in CLAUSE.finditer(text, window, end) if not any(a <= m.start() < b for a, b in asides)),
        default=window,
    )
    pieces, stop = [], end
    while True:
        sep = text.rfind("、", clause_start, stop)
        if sep < 0:
            pieces.append((_first_item(text, clause_start, stop, words, matcher), stop))
            break
        pieces.append((sep + 1, stop))
        aside = next((a for a, b in asides if b == sep), None)
        stop = aside if aside is not None else sep  # 京哈(扩建)、: the aside is no part of the head
    pieces.reverse()
    if len(pieces) < minimum or not all(_is_item(text[s:e]) for s, e in pieces):
        return []
    return pieces


def _shared_suffix(
    text: str, name_start: int, suffix_start: int, end: int, words: Words, matcher, previous: int = 0
) -> str:
    """The part of the last name that the other heads share: after its head when the head is a known
    place (防城港|跨境电商综合试验区), else after as many characters as the head before it has
    (``previous``: 青桂、青粤|绿电外送通道), else from the first suffix word (甘其毛都|口岸互贸区)."""
    for b in range(suffix_start, name_start + 1, -1):  # the longest known place first
        if matcher.names.get(text[name_start:b], None) is not None:
            return text[b:end]
    parallel = name_start + previous
    if previous and parallel < suffix_start and parallel in words.starts:
        between = [text[s:e] for s, e in words.spans if parallel <= s and e <= suffix_start]
        if all(w in matcher.common_words or matcher.is_generic(w) for w in between):
            while between and between[0] in MODIFIER_WORDS:  # 柴石滩、麻栗坝|大型|灌区: a size is no part of it
                parallel += len(between.pop(0))
            return text[parallel:end]  # 青桂、青粤|绿电外送通道: the last head is as long as the one before
    bounds = sorted({e for s, e in words.spans if name_start < e <= suffix_start})
    for b in bounds:
        if any(text.startswith(w, b) for w in matcher.suffix_words):
            return text[b:end]
    return text[suffix_start:end]


def _drop_place_prefix(text: str, start: int, end: int, chosen: list[Candidate]) -> tuple[int, tuple[str, ...]]:
    """亚东县堆纳朗果 → 堆纳朗果, in 亚东县: a head written after its county keeps only its own name
    (but 合浦至湛江 is a route from 合浦)."""
    prefix = next((c for c in chosen if c.start == start and c.end < end - 1 and c.entry and c.type in PLACES), None)
    if prefix and text[prefix.end] in ROUTE_JOINERS:
        return start, ()
    return (prefix.end, (prefix.entry,)) if prefix else (start, ())


def _is_head(
    text: str, start: int, end: int, word: str, chosen: list[Candidate], words: Words, matcher, kind: str = ""
) -> bool:
    """A head that can take the shared suffix: a proper name that is not already a whole name of its own
    (吉隆口岸, 萨迦古城 and 桑珠孜区 are; the short form 满洲里 is not)."""
    head = text[start:end]
    if not HAN.search(head) or matcher.is_generic(head) or word in head:
        return False
    if any(head.endswith(w) for w in matcher.suffix_words if len(w) > 1):
        return False  # 江孜古城, 吉隆口岸: already a name with a suffix of its own
    known = matcher.names.get(head, None)
    if known is not None:  # a short form, or a body named after an area (长白山、三江、吉光3个省实验室)
        return known[2] != "name" or (kind == "Organization" and matcher.entries[known[1]].type == "Region")
    if any(c.start <= start and end <= c.end and c.rule.startswith("suffix:") for c in chosen):
        return False
    return _proper(text, start, end, words, matcher)


def _kind_start(text: str, start: int, words: Words, matcher: EntityMatcher) -> int:
    """Where the generic words right before a suffix begin (抽水蓄能|电站): they belong to what the
    heads of a list share."""
    pos = start
    while True:
        word = words.ending_at(pos)
        piece = text[word[0] : pos] if word else ""
        amount = piece.isdigit() and any(text.startswith(u, pos) for u in UNITS)  # 14个|750千伏电网工程
        if word is None or pos - word[0] > 4 or start - word[0] > 8 or piece in MODIFIER_WORDS:
            return pos
        if COUNT.search(piece) and not amount:
            return pos  # 3|乡: the list's count
        if piece in matcher.suffix_words:
            return pos  # 3乡|大电网: another name's suffix
        if not (amount or matcher.is_generic(text[word[0] : pos]) or matcher.is_generic(text[word[0] : start])):
            return pos  # 抽水|蓄能: the words together may be the generic one
        pos = word[0]


def _place_joined(text: str, list_end: int, matcher: EntityMatcher) -> tuple[int, int] | None:
    """The known place joined by 和, 与 or 及 right before ``list_end`` (喀什|和|霍尔果斯经济开发区)."""
    if list_end < 3 or text[list_end - 1] not in JOINERS:
        return None
    joiner = list_end - 1
    for begin in range(max(0, joiner - 8), joiner - 1):  # the longest known place first
        if _known_place(text[begin:joiner], matcher):
            return (begin, joiner)
    return None


def _known_place(head: str, matcher: EntityMatcher) -> bool:
    """Whether ``head`` is exactly a known place's name or short form (盘山 in 盘山等大中型灌区), or a
    route between two (哈尔滨至莫斯科等国际客运航线)."""
    if "至" in head[1:-1]:
        return all(_known_place(part, matcher) for part in head.split("至", 1))
    known = matcher.names.get(head, None)
    return known is not None and matcher.entries[known[1]].type in PLACES


def _proper(text: str, start: int, end: int, words: Words, matcher) -> bool:
    """Whether ``text[start:end]`` holds a word that is neither common nor generic (里孜, not 跨境电商)."""
    inner = [text[s:e] for s, e in words.spans if start <= s and e <= end] or [text[start:end]]
    return any(w not in matcher.common_words and not matcher.is_generic(w) for w in inner)


def coordinated(
    text: str,
    words: Words,
    chosen: list[Candidate],
    known: list[Candidate],
    matcher: EntityMatcher,
    suffixes: list | None = None,
) -> list[Candidate]:
    """Candidates for the heads of a coordination that share a suffix with the name after them;
    ``chosen`` are the sentence's names, ``known`` every gazetteer hit (places inside names too)."""
    out = []
    for start, end, word, rule in matcher.suffix_hits(text, words) if suffixes is None else suffixes:
        if not rule.coordinates:
            continue
        named = next((c for c in chosen if c.end == end and c.type == rule.type and c.start < start), None)
        list_end = named.start if named is not None else -1
        if named is not None:  # 亚东县堆纳朗果、仲巴县|里孜边贸市场: the county before the name is its prefix
            prefix = next((c for c in known if c.end == named.start and c.type in PLACES and c.entry), None)
            if prefix and named.rule == "gazetteer" and named.type == "Project":
                continue  # 呼和浩特、乌兰察布中欧班列: places that qualify one known service
            list_end = prefix.start if prefix else list_end
        joined = _place_joined(text, list_end, matcher) if named is not None else None
        if joined is not None:  # 喀什和霍尔果斯经济开发区: a known place joined by 和 shares the name's suffix
            heads = [joined]
            suffix = _shared_suffix(text, named.start, start, end, words, matcher, joined[1] - joined[0])
        elif named is not None and text[list_end - 1 : list_end] == "、" and len(word) > 1:  # not 交河故城、莫尔|寺
            heads = _heads(text, list_end - 1, words, matcher, minimum=1)  # the named one is the last
            inside = next((c for c in known if c.start == named.start and c.end < start and c.type in PLACES), None)
            if inside and all(matcher.names.get(text[a:b], None) is not None for a, b in heads):
                inside = None  # 梧州、北海、防城港|跨境电商综合试验区: the place is the last head, not a prefix
            previous = heads[-1][1] - heads[-1][0] if heads else 0
            suffix = _shared_suffix(text, inside.end if inside else named.start, start, end, words, matcher, previous)
        else:
            kind_start = _kind_start(text, start, words, matcher)  # 4个|抽水蓄能电站: generic words share the suffix
            modifiers = MODIFIERS.search(text, max(0, kind_start - 8), kind_start)
            last_end = modifiers.start() if modifiers else kind_start
            if not modifiers or not ("等" in modifiers.group() or modifiers.group(1) or modifiers.group()):
                continue  # 霍尔果斯片区 alone is no coordination; 满洲里、策克口岸 is handled above
            suffix = text[kind_start:end]
            open_list = "等" in modifiers.group()
            heads = _heads(text, last_end, words, matcher, minimum=1 if open_list else 2)
            if len(heads) == 1 and not _known_place(text[heads[0][0] : heads[0][1]], matcher):
                continue  # 盘山等大中型灌区: one known place and 等 make a list; anything else alone does not
            count = chinese_number(modifiers.group(1)) if modifiers and modifiers.group(1) else None
            if count is not None and (count < len(heads) if open_list else count != len(heads)):
                continue  # 3个综保区 after three heads; 等40条高速公路 after any number up to 40
        for item_start, head_end in heads:
            if not _is_head(text, item_start, head_end, word, chosen, words, matcher, rule.type):
                continue
            head_start, places = _drop_place_prefix(text, item_start, head_end, known)
            head = text[head_start:head_end]
            if head_start != item_start and not _is_head(
                text, head_start, head_end, word, chosen, words, matcher, rule.type
            ):
                if _proper(text, head_start, head_end, words, matcher) or not AMOUNT.search(text[head_start:head_end]):
                    continue
                head_start = item_start  # 防城港|30万吨级: an amount after the place only qualifies it
            head = text[head_start:head_end]
            name, _ = matcher.full_name(head + suffix, word, rule.type)
            form = matcher.names.get(name, None)
            entry = matcher.entries[form[1]] if form else None
            if entry is not None and entry.type == rule.type:  # the written-out form names it in the document
                out.append(Candidate(head_start, head_end, rule.type, name, entry.id, "coordination", places))
            else:
                out.append(Candidate(head_start, head_end, rule.type, name, "", "coordination", places))
    unique: dict[tuple[int, int, str], Candidate] = {}
    for c in out:  # one name per head: the longest suffix wins (临清高速公路 over 临清高速)
        held = unique.get((c.start, c.end, c.type))
        if held is None or len(c.name) > len(held.name):
            unique[(c.start, c.end, c.type)] = c
    return [unique[k] for k in sorted(unique)]
