"""Finding typed names in a sentence's match text: gazetteer names and suffix patterns.

Pure functions over a sentence's text and its pkuseg word boundaries; ``EntityMatcher`` holds
the automata built once from the rules. Matching is on characters (Aho-Corasick), and word
boundaries decide where a short name may stand and where a pattern's name begins.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import ahocorasick

from kg.rules import RuleSet
from kg.rules.gazetteer import GazetteerEntry
from kg.rules.patterns import SuffixRule

ROUTE_JOINERS = frozenset({"至", "—", "-", "－"})
DASHES = frozenset({"—", "-", "－"})
NAMED_AFTER = frozenset({"County", "City", "Province", "Town", "Region", "Country"})
PLACE_TYPES = frozenset({"Port", "Park", "County", "City", "Province", "Town", "Country", "Region"})
ANCHOR_TYPES = PLACE_TYPES | {"Organization", "Project"}
HAN = re.compile(r"[\u3400-\u9fff]")
GENERIC_ENDINGS = frozenset("型化类")
NUMERALS = re.compile(r"[0-9一二两三四五六七八九十百千万亿兆]+级?")
AMOUNT = re.compile(r"[0-9.]+[万千亿]?")
SITE_LIST_MARKS = ("、", "等", "项目")  # what may follow a company's site named as a project
UNITS = ("千伏", "千瓦", "万千瓦", "兆瓦", "万吨", "吨")  # measures of a work's size: 750千伏, 20万吨
NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
# Preference when one written form names several gazetteer entries of different types.
TYPE_PREFERENCE = ("Province", "City", "County", "Country", "Town", "Port", "Park", "Region", "Project", "Organization")
FORM_PREFERENCE = {"name": 0, "alias": 1, "former": 2}


@dataclass(frozen=True)
class Candidate:
    """A typed name found in a sentence (offsets into the sentence's match text)."""

    start: int
    end: int
    type: str
    name: str  # canonical name
    entry: str  # gazetteer id, or "" for a pattern-found name
    rule: str
    places: tuple[str, ...] = ()  # gazetteer ids of places named in a pattern name's head
    branch: bool = False  # a branch's name, which begins with its parent body's name
    starts: tuple[str, ...] = ()  # types of longer names this name may begin as a mention of its own


@dataclass(frozen=True)
class Words:
    """pkuseg word boundaries of a sentence."""

    spans: tuple[tuple[int, int], ...]
    starts: frozenset[int]
    ends: frozenset[int]

    @classmethod
    def from_spans(cls, spans: list[tuple[int, int]]) -> Words:
        return cls(tuple(spans), frozenset(s for s, _ in spans), frozenset(e for _, e in spans))

    def ending_at(self, pos: int) -> tuple[int, int] | None:
        """The word that ends at ``pos`` (None if ``pos`` is inside a word)."""
        return self._by_end.get(pos)

    def containing(self, pos: int) -> tuple[int, int] | None:
        """The word that contains character ``pos`` (words are sorted and do not overlap)."""
        index = bisect.bisect_right(self.spans, (pos, float("inf"))) - 1
        if index >= 0 and self.spans[index][0] <= pos < self.spans[index][1]:
            return self.spans[index]
        return None

    @property
    def _by_end(self) -> dict[int, tuple[int, int]]:
        cached = self.__dict__.get("_ends_map")
        if cached is None:
            cached = {e: (s, e) for s, e in self.spans}
            object.__setattr__(self, "_ends_map", cached)
        return cached


def _type_of(entry: GazetteerEntry) -> str:
    """A municipality (北京市, 上海市) is a province-level unit named as a city."""
    if entry.type == "Province" and entry.name.endswith("市"):
        return "City"
    return entry.type


def _pick(entries: list[tuple[GazetteerEntry, str]]) -> tuple[GazetteerEntry, str]:
    """The entry a written form most likely names: a province first (黑龙江 is the province before
    the river), then exact names, then by type."""
    return min(
        entries,
        key=lambda p: (
            p[0].type != "Province",
            FORM_PREFERENCE[p[1]],
            TYPE_PREFERENCE.index(p[0].type) if p[0].type in TYPE_PREFERENCE else 99,
        ),
    )


class EntityMatcher:
    """Automata over gazetteer forms and suffix words, built once per rule set."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self.lexicon = rules.lexicon
        self.entries = {e.id: e for e in rules.gazetteer}
        forms: dict[str, list[tuple[GazetteerEntry, str]]] = {}
        for entry in rules.gazetteer:
            for form, kind in [
                (entry.name, "name"),
                *((a, "alias") for a in entry.aliases),
                *((f, "former") for f in entry.former),
            ]:
                if len(form) >= 2:
                    forms.setdefault(form, []).append((entry, kind))
        self.stop_words = self.lexicon.stop_words
        self.function_words = self.lexicon.function_words - forms.keys()
        self.common_words = self.lexicon.common_words - forms.keys()
        self.abbreviations = dict(self.lexicon.abbreviations)
        self.names = ahocorasick.Automaton()
        # Homonyms: one form, several places of the same type (扎西宗乡 in 定日县 and in 拉孜县); the
        # document's other places decide between them (``pipeline.disambiguate``).
        self.homonyms: dict[str, tuple[str, ...]] = {}
        for form, entries in forms.items():
            entry, kind = _pick(entries)
            self.names.add_word(form, (form, entry.id, kind))
            same = tuple(e.id for e, k in entries if k == kind and e.type == entry.type)
            if len(same) > 1:
                self.homonyms[entry.id] = tuple(sorted(set(same) | set(self.homonyms.get(entry.id, ()))))
        self.names.make_automaton()
        self.suffixes = ahocorasick.Automaton()
        words: dict[str, SuffixRule] = {}
        for rule in rules.suffixes:
            for word in rule.words:
                words.setdefault(word, rule)
        for word, rule in words.items():
            self.suffixes.add_word(word, (word, rule))
        self.suffixes.make_automaton()
        self.suffix_words = frozenset(words)
        self.work_words = frozenset(w for w, r in words.items() if r.type == "Project")

    # -- gazetteer ---------------------------------------------------------------------------

    def gazetteer_hits(self, text: str, words: Words, suffixes: list | None = None) -> list[Candidate]:
        """Every gazetteer name or alias in ``text`` that stands on word boundaries (``suffixes``: the
        sentence's suffix hits, read once by the caller)."""
        hits, cut = [], []
        for end_index, (form, entry_id, _kind) in self.names.iter(text):
            end = end_index + 1
            start = end - len(form)
            aligned_start, aligned_end = start in words.starts, end in words.ends
            if len(form) == 2 and not (aligned_start and aligned_end):
                if aligned_start and self.entries[entry_id].type in NAMED_AFTER:
                    cut.append(
                        Candidate(
                            start,
                            end,
                            _type_of(self.entries[entry_id]),
                            self.entries[entry_id].name,
                            entry_id,
                            "gazetteer",
                        )
                    )
                continue
            if len(form) > 2 and not (aligned_start or aligned_end):
                continue
            if form in self.lexicon.not_names:
                continue
            entry = self.entries[entry_id]
            if not aligned_end and len(form) > 2 and entry.type not in PLACE_TYPES:
                across = words.containing(end - 1)
                if across and across[0] <= start and across[1] > end:
                    continue  # 农业部长: a body's name is only the beginning of a longer word (尼泊尔甘达基 is fine)
            if entry.type == "Country" and any(text.startswith(m, end) for m in self.lexicon.adjective_marks):
                continue  # 中国式现代化
            if entry.type == "Country" and any(text.endswith(m, 0, start) for m in self.lexicon.campaign_marks):
                continue  # 平安中国建设
            hits.append(Candidate(start, end, _type_of(entry), entry.name, entry.id, "gazetteer"))
        if self.lexicon.route_codes is not None:  # G219线: a numbered road is a work
            hits += [
                Candidate(m.start(), m.end(), "Project", m.group(), "", "route-code")
                for m in self.lexicon.route_codes.finditer(text)
            ]
        if not cut:
            return hits
        # 天水|经开区 segmented 天水经|开区, 富宁|港 segmented 富宁港: a place a known zone or a found name
        # begins with, right before the suffix word, is still named there
        zones = {h.start for h in hits if h.type in ("Port", "Park") and h.end - h.start > 2}
        suffix_starts = {start for start, _, _, _ in (self.suffix_hits(text, words) if suffixes is None else suffixes)}
        return hits + [c for c in cut if c.start in zones or c.end in suffix_starts]

    def site_hits(self, text: str, gazetteer: list[Candidate]) -> list[Candidate]:
        """A company's project named by the company and its site (华电榆树, 国电投大安) where a list of
        projects goes on or ends (、, 等, 项目): a work, holding both names."""
        places = {g.start: g for g in gazetteer if g.type in ("County", "City") and g.entry}
        sites = []
        for company in (g for g in gazetteer if g.type == "Organization" and g.entry):
            site = places.get(company.end)
            if site is not None and text.startswith(SITE_LIST_MARKS, site.end):
                name = text[company.start : site.end]
                sites.append(Candidate(company.start, site.end, "Project", name, "", "company-site"))
        return sites

    # -- suffix patterns ---------------------------------------------------------------------

    def full_name(self, name: str, word: str, kind: str) -> tuple[str, str]:
        """The canonical name (and gazetteer id, if known) of a name ending in suffix ``word``:
        an abbreviated suffix is written out (吉隆边合区 → 吉隆边境经济合作区)."""
        full = self.abbreviations.get(word)
        if full is not None and name.endswith(word):
            name = name[: -len(word)] + full
        known = self.names.get(name, None)
        if known is not None and self.entries[known[1]].type == kind and full is not None:
            return self.entries[known[1]].name, known[1]
        return name, ""

    def suffix_hits(self, text: str, words: Words) -> list[tuple[int, int, str, SuffixRule]]:
        """Suffix words that end a word, the longest at each end position: (start, end, word, rule)."""
        longest: dict[int, tuple[int, str, SuffixRule]] = {}
        for end_index, (word, rule) in self.suffixes.iter(text):
            end = end_index + 1
            start = end - len(word)
            if end not in words.ends and not (end < len(text) and not HAN.match(text[end])):
                continue  # a suffix ends a word (口岸 in 口岸经济带 does not)
            if len(word) == 1 and start not in words.starts:
                containing = words.containing(start)
                whole = text[containing[0] : end] if containing else ""
                if whole in self.lexicon.not_names or whole in self.lexicon.common_words or whole in self.names:
                    continue  # 江山, 出海, 航海: the suffix character ends an ordinary word, or a known name (贵港)
            if end not in longest or len(word) > len(longest[end][1]):
                longest[end] = (start, word, rule)
        return [(start, end, word, rule) for end, (start, word, rule) in sorted(longest.items())]

    def _grow_left(
        self,
        text: str,
        words: Words,
        suffix_start: int,
        rule: SuffixRule,
        suffix_ends: dict[int, SuffixRule],
        known: dict[int, int] | None = None,
        verbs: bool = False,
        short: dict[int, int] | None = None,
    ) -> int:
        """Where the name ending in the suffix at ``suffix_start`` begins (== suffix_start: no head).

        ``known`` maps the end of each known name (place, body, work) to its start: such a name is
        taken whole whatever the segmenter made of it, and it may be joined to the name before it by
        a dash (中国—东盟产业合作区). ``short`` does the same for two-character county names, but only
        where the segmenter split them (那|坡). With ``verbs``, verbs and the lexicon's ``inner_words``
        may stand inside the name (the caller keeps such a name only if it begins at a known name)."""
        known = known or {}
        short = short or {}
        known_starts = set(known.values())
        pos = suffix_start
        inside = words.containing(suffix_start)
        if inside and inside[0] < suffix_start:  # the suffix starts inside a word: take the word's head part
            pos = inside[0]
            if text[pos:suffix_start] in self.stop_words:
                return suffix_start
        while pos > 0:
            if pos != suffix_start and rule.head == "level" and suffix_ends.get(pos) is rule:
                break  # 市委|市政府: two bodies written together
            before = suffix_ends.get(pos)
            sub_body = (  # …人民代表大会|财政经济农牧环资委员会, 北京大学|海南研究院: a body of a named body
                rule.type == "Organization"
                and before is not None
                and before.type == rule.type
                and (
                    (rule.head == "level" and before is not rule)
                    or (rule.head == "proper" and known.get(suffix_start) == pos)
                )
            )
            if (
                pos != suffix_start
                and not rule.branch
                and not sub_body
                and pos in suffix_ends
                and pos not in known  # 年楚河|城镇发展群: a known name is part of the head
                and before.head != "region"  # 雅江中上游|生态文明高地建设带: so is a known river's stretch
                and text[pos : pos + 1] not in ROUTE_JOINERS  # 临河|至哈密铁路: a route's start is part of it
                and self._has_proper(text, words, pos, suffix_start)
            ):
                work_before = rule.head == "place_or_work" and any(text.endswith(w, 0, pos) for w in self.work_words)
                if not work_before:
                    break  # another name ends here (苗圃基地项目|日喀则市珠峰苗圃基地), unless a work's (拉洛灌区…)
            split = words.ending_at(pos)
            if pos not in known and pos in short and split and split[1] - split[0] == 1:
                pos = short[pos]  # 那|坡 in 靖西至那坡高速公路: a short place name the segmenter split
                continue
            if pos in known and suffix_start - known[pos] <= rule.max_head:
                pos = known[pos]
                if pos > 1 and text[pos - 1] in DASHES and pos - 1 in known:
                    pos = known[pos - 1]
                continue
            word = words.ending_at(pos)
            if word is None:
                break
            piece = text[word[0] : pos]
            if piece in (")", "）"):
                opening = text.rfind("(", max(0, pos - 10), pos)
                if opening < 0 or not HAN.search(text[opening:pos]) or opening not in words.starts:
                    break
                if pos - opening <= 3 and text[opening + 1 : pos - 1] in self.lexicon.generic_words:
                    break  # 县(区), 乡(镇): a level written both ways, not part of a name (but 中欧(亚)班列)
                pos = opening
                continue
            if piece == "”" and rule.type == "Project":
                opening = text.rfind("“", max(0, pos - 12), pos)
                if opening < 0 or opening not in words.starts:
                    break
                pos = opening
                continue
            if piece in ROUTE_JOINERS and rule.type in ("Project", "Region", "Port") and pos - len(piece) > 0:
                pos = word[0]  # 日喀则至吉隆高等级公路, 日屋—陈塘口岸
                continue
            # 太平洋建设集团, 投资发展集团; but 建设|岗嘎镇…: the known name begins the name
            inner = (
                verbs
                and len(piece) > 1
                and piece in self.lexicon.inner_words
                and pos not in known_starts
                and word[0] not in suffix_ends  # 营口片区|建设|陆港枢纽产业园: a verb between two names
            )
            # 别迭里口岸: a one-character inner word right before the suffix, after a proper word
            inner |= (
                len(piece) == 1
                and piece in self.lexicon.inner_words
                and pos == suffix_start
                and self._proper_word_before(text, words, word[0])
            )
            if not NAME_CHAR.match(piece) or (piece in self.stop_words and not inner):
                break
            route_start = text[pos : pos + 1] in ROUTE_JOINERS and len(piece) <= 4  # 富裕|至加格达奇铁路
            if (
                piece in self.function_words
                and not route_start
                and (not (rule.verbs_inside or verbs) or pos in known_starts)
            ):
                break  # a verb ends a name, and one before a known name always does (汲取|包钢板材厂)
            if piece.isdigit() and any(text.startswith(u, pos) for u in UNITS) and pos != suffix_start:
                pos = word[0]  # 川州|500|千伏输变电工程: an amount inside a work's name
                continue
            if piece.isdigit() or (piece.isascii() and not piece.isalnum()):
                break
            if len(piece) == 1 and word[0] > 0 and text[word[0] - 1 : pos] in self.lexicon.generic_words:
                break  # 全|疆普通高等学校: the character belongs to a generic word begun before it
            if suffix_start - word[0] > rule.max_head:
                break
            pos = word[0]
        return pos

    def _proper_word_before(self, text: str, words: Words, pos: int) -> bool:
        """Whether the word ending at ``pos`` is a proper name's part (别迭 in 别迭里口岸: 里 then
        belongs to the name, not to the sentence)."""
        word = words.ending_at(pos)
        if word is None or word[1] - word[0] < 2:
            return False
        piece = text[word[0] : word[1]]
        return bool(HAN.match(piece)) and piece not in self.common_words and piece not in self.function_words

    def is_generic(self, word: str) -> bool:
        """A generic word (lexicon), an amount (10万), or a descriptive word made of a common word and
        型, 化 or 类 (开放型, 网格化, 民生类; not 碧大型, a segmentation accident)."""
        if word in self.lexicon.generic_words or AMOUNT.fullmatch(word):
            return True  # 10万 in 10万吨级泊位: an amount names nothing
        stem = word[:-1]
        return (
            len(word) > 2
            and word[-1] in GENERIC_ENDINGS
            and (stem in self.common_words or stem in self.suffix_words or self.is_generic(stem))
        )  # 陆港型: a kind of hub, named after a kind of place

    def _has_proper(self, text: str, words: Words, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds a word that is not generic."""
        return any(not self.is_generic(text[s:e]) for s, e in words.spans if start <= s and e <= end)

    def _head_ok(self, head: str, head_words: list[str], rule: SuffixRule, word: str, anchors: list[Candidate]) -> bool:
        proper = [
            w for w in head_words if (HAN.search(w) or (w.isalnum() and not w.isdigit())) and not self.is_generic(w)
        ]
        if rule.head == "proper":
            if rule.type == "Organization" and len(head_words) > 1 and head_words[0] in self.lexicon.level_words:
                return True  # 市人民医院, 自治区藏医院: the body of the level the document speaks for
            return bool(anchors) or any(w not in self.common_words for w in proper)
        if rule.head == "place":
            return bool(anchors)
        if rule.head == "place_or_work":  # a known place, or a work's name inside (拉洛灌区|现代农牧业示范区)
            return bool(anchors) or any(w.endswith(x) for w in head_words for x in self.work_words)
        if rule.head == "level":
            if any(w not in self.common_words or w in self.suffix_words for w in proper):
                return True  # 日喀则市委, 市委常委会 (a body of another named body)
            if not head:
                return word[0] in "市区州地省" and len(word) == 2
            return all(self.is_generic(w) for w in head_words) and any(
                w in self.lexicon.level_words for w in head_words
            )
        if rule.head == "work":  # a part of a named work: 银兰高铁中兰段, G225乐东至三亚段
            named = any(w.endswith(x) for w in head_words for x in self.work_words)
            return (named or any(a.type == "Project" for a in anchors)) and len(head) > len(word)
        if rule.head == "after_place":  # the place before the name was checked by the caller
            return len(head) >= 1
        if rule.head == "region":  # the region was found by the caller
            return len(anchors) >= 1
        return False

    def _description(
        self, text: str, words: Words, rule: SuffixRule, name_start: int, start: int, head_words: list, anchors: list
    ) -> bool:
        """Whether a head and suffix describe rather than name: 农牧户加入合作社 (a verb right before the
        suffix), 健康日喀则工程 (a campaign named after a place), 新疆口岸 and 西藏大型水利枢纽 (a province
        and generic words)."""
        if rule.verbs_inside and not anchors and head_words and head_words[-1] in self.function_words:
            return True
        head = text[name_start:start]
        marks = self.lexicon.campaign_marks
        if any(head.startswith(m) and any(a.start == name_start + len(m) for a in anchors) for m in marks):
            return True
        if rule.type == "Port":  # a port is named after a town or county: 新疆口岸 is none
            return self._wide_place_only(text, words, name_start, start, anchors, ("Province", "Country"), False)
        # a zone may be named after a province (海南自由贸易港), but not with generic words only (西藏特色旅游区)
        return rule.type in ("Project", "Park") and self._wide_place_only(
            text, words, name_start, start, anchors, ("Province", "Country"), True
        )

    def _wide_place_only(
        self,
        text: str,
        words: Words,
        head_start: int,
        head_end: int,
        anchors: list,
        types: tuple[str, ...],
        with_generic: bool,
    ) -> bool:
        """Whether a head names only places of ``types`` (新疆 in 新疆口岸), besides generic words (and,
        with ``with_generic``, has at least one of them)."""
        wide = [a for a in anchors if a.type in types]
        if not wide or len(wide) != len(anchors):
            return False
        inside = [(s, e) for s, e in words.spans if head_start <= s and e <= head_end]
        outside = [(s, e) for s, e in inside if not any(a.start <= s and e <= a.end for a in wide)]
        return all(self.is_generic(text[s:e]) for s, e in outside) and (bool(outside) or not with_generic)

    def _drop_leading_generic(
        self, text: str, words: Words, name_start: int, suffix_start: int, anchors: list[Candidate]
    ) -> int:
        """升级昆明国际陆港 → 昆明国际陆港: generic words before a known place that begins the rest
        describe the action, not the name."""
        starts = {a.start for a in anchors}
        pos = name_start
        while pos not in starts:
            word = next(((s, e) for s, e in words.spans if s == pos and e <= suffix_start), None)
            piece = text[word[0] : word[1]] if word else ""
            if (
                len(piece) < 2
                or not self.is_generic(piece)
                or piece in self.lexicon.campaign_marks
                or piece in self.lexicon.level_words
            ):
                return name_start  # 大香格里拉经济圈, 健康日喀则工程, 国家黑龙江大豆种子基地: part of the name
            pos = word[1]
        return pos

    def _drop_leading_verbs(self, text: str, words: Words, name_start: int, suffix_start: int) -> int:
        """组建省外贸集团 → 省外贸集团: verbs may stand inside an organization's name, never first,
        unless nothing but the suffix would be left (建设银行)."""
        spans = [(s, e) for s, e in words.spans if name_start <= s and e <= suffix_start]
        while len(spans) > 1 and text[spans[0][0] : spans[0][1]] in self.function_words:
            spans.pop(0)
        if not spans:
            return name_start
        first = text[spans[0][0] : spans[0][1]]
        for verb in (first[:2], first[:3]):  # 组建市|文旅集团, segmented 组建市 文旅 集团
            if verb in self.function_words and first[len(verb) :] in self.lexicon.level_words and len(spans) > 1:
                return spans[0][0] + len(verb)
        return spans[0][0]

    @staticmethod
    def _drop_province_prefix(name_start: int, suffix_start: int, anchors: list[Candidate]) -> int:
        """新疆塔城重点开发开放试验区 → 塔城…: a province before a city or county is not part of the name."""
        first = next((a for a in anchors if a.start == name_start and a.type == "Province"), None)
        if first and any(a.start == first.end and a.type in ("City", "County") for a in anchors):
            return first.end
        return name_start

    def pattern_hits(
        self, text: str, words: Words, gazetteer: list[Candidate], suffixes: list | None = None
    ) -> list[Candidate]:
        """Names made of a head and a typed suffix word (see ``rules/patterns/suffixes.toml``). Rivers,
        lakes and mountains come first: a work may then be named after one (万泉河流域…治理工程)."""
        found = self.suffix_hits(text, words) if suffixes is None else suffixes
        suffix_ends = {end: rule for _, end, _, rule in found}
        natural = self._names_from(text, words, gazetteer, [f for f in found if f[3].single_word], suffix_ends)
        rivers = [h for h in natural if h.type == "Region"]
        others = [f for f in found if not f[3].single_word]
        return natural + self._names_from(text, words, gazetteer + rivers, others, suffix_ends)

    def _names_from(
        self, text: str, words: Words, gazetteer: list[Candidate], found: list, suffix_ends: dict
    ) -> list[Candidate]:
        """The names that the suffix hits ``found`` end, with ``gazetteer`` as the known names."""
        hits = []
        known: dict[int, int] = {}
        short: dict[int, int] = {}  # two-character county names, taken only where the segmenter split them
        for g in gazetteer:
            reliable = g.end - g.start > 2 or g.type not in ("County", "Town")  # 新建 is also a verb
            if g.type in ANCHOR_TYPES and reliable and g.start < known.get(g.end, g.end):
                known[g.end] = g.start
            elif g.type in ANCHOR_TYPES and not reliable:
                short[g.end] = g.start
        anchor_starts = {
            g.start
            for g in gazetteer
            if g.type in ANCHOR_TYPES and (g.end - g.start > 2 or g.type not in ("County", "Town"))
        }
        for start, end, word, rule in found:
            name_start = self._grow_left(text, words, start, rule, suffix_ends, known, short=short)
            if (
                rule.type in ("Project", "Organization", "Park")
                and not rule.single_word
                and any(start - rule.max_head <= a < name_start for a in anchor_starts)
            ):
                # A work named after a place may hold verbs (日喀则市应急指挥基地, 有机青稞种植项目) when the
                # name begins at the known place.
                wider = self._grow_left(text, words, start, rule, suffix_ends, known, verbs=True)
                if wider < name_start and wider in anchor_starts:
                    name_start = wider
            if rule.head == "region":  # 雅江|中上游: the head is the known region right before the suffix
                regions = (g for g in gazetteer if g.type == "Region" and g.end == start and g.start >= name_start)
                region = next(regions, None)
                if region is None:
                    continue
                name_start = region.start
            if rule.head == "after_place":
                places = [g for g in gazetteer if g.end <= start and g.type in PLACE_TYPES]
                previous = max(places, key=lambda g: g.end, default=None)
                if previous is None or start - previous.end > rule.max_head or previous.end < name_start:
                    continue
                name_start = previous.end
            head = text[name_start:start]
            head_words = [text[s:e] for s, e in words.spans if name_start <= s and e <= start]
            if not head_words and head:
                head_words = [head]
            anchors = [g for g in gazetteer if name_start <= g.start and g.end <= start and g.type in ANCHOR_TYPES]
            if rule.single_word:
                inside = words.containing(end - 1)
                if any(g.end == end and inside and g.start <= inside[0] for g in gazetteer):
                    continue  # the suffix ends a known name (珠峰): nothing new
                leading = [g for g in anchors if g.start == name_start and g.type in PLACE_TYPES and g.end < start]
                if leading:  # 聂拉木县嘉龙措 → 嘉龙措, located in 聂拉木县
                    name_start = leading[0].end
                    head = text[name_start:start]
                    head_words = [text[s:e] for s, e in words.spans if name_start <= s and e <= start] or [head]
                if len(head_words) > 2 or len(head) > 3:
                    continue
            else:
                name_start = self._drop_province_prefix(name_start, start, anchors)
                name_start = self._drop_leading_generic(text, words, name_start, start, anchors)
                if rule.verbs_inside:  # 组建|省外贸集团: a verb that begins the head is the sentence's
                    name_start = self._drop_leading_verbs(text, words, name_start, start)
                head = text[name_start:start]
                head_words = [text[s:e] for s, e in words.spans if name_start <= s and e <= start] or [head]
                cut = words.containing(name_start)
                if cut and cut[0] < name_start < cut[1] <= start:  # 组建|市: the level word left of a verb
                    head_words.insert(0, text[name_start : cut[1]])
            junk = self.lexicon.leading_junk.match(text, name_start, start) if self.lexicon.leading_junk else None
            if junk and junk.end() <= start:
                name_start = junk.end()
                head = text[name_start:start]
                head_words = [text[s:e] for s, e in words.spans if name_start <= s and e <= start] or [head]
            while name_start < start and text[name_start] in ROUTE_JOINERS:
                name_start += 1  # a route's joiner never begins a name
            name = text[name_start:end].strip()
            inside = words.containing(end - 1)
            if inside and text[inside[0] : inside[1]] in self.lexicon.idioms:
                continue  # 排山倒海, 八仙过海: an idiom, not a name
            if 0 < start - name_start < rule.min_head:
                continue  # 火海, 林海: too short a head for this suffix
            if NUMERALS.fullmatch(text[name_start:start]):
                continue  # 一河(湖)一策, 三江: a number is no name's head
            if name.count("(") != name.count(")") or name.startswith("("):
                continue  # 乡(镇, (一级)公路: half a bracket, or a bracket first, is no name
            if not name or name in self.lexicon.not_names or not self._head_ok(head, head_words, rule, word, anchors):
                continue
            places = tuple(g.entry for g in anchors if g.type in PLACE_TYPES and g.start < start and g.entry)
            if rule.head == "after_place":
                places = (previous.entry,)
            if self._description(text, words, rule, name_start, start, head_words, anchors):
                continue
            name, entry_id = self.full_name(name, word, rule.type)
            hits.append(
                Candidate(
                    name_start, end, rule.type, name, entry_id, f"suffix:{rule.id}", places, rule.branch, rule.starts
                )
            )
        return hits
