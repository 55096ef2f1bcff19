"""Tagging entities: spaCy (pkuseg words) plus the ``kg_entities`` component.

``annotate(docs, nlp, rules)`` is the stage's entry point: it runs every sentence's match text
through the pipeline and turns the component's candidates into ``Mention``s with original
offsets. The component is registered as a spaCy factory so that it can be inspected and used like
any spaCy pipe (it also fills ``doc.spans["kg"]``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import AnnotatedDoc, Mention, PreparedDoc
from kg.nlp.coordination import coordinated
from kg.nlp.matcher import NAMED_AFTER, Candidate, EntityMatcher, Words
from kg.nlp.slogans import SloganFinder, keep_recurring
from kg.rules import RuleSet

COMPONENT = "kg_entities"
_RULESETS: dict[str, RuleSet] = {}

if not Doc.has_extension("kg_candidates"):
    Doc.set_extension("kg_candidates", default=None)


class EntityComponent:
    """Finds gazetteer names, suffix-pattern names and formulas; keeps a consistent set."""

    def __init__(self, rules: RuleSet) -> None:
        self.matcher = EntityMatcher(rules)
        self.slogans = SloganFinder(rules.numerals, rules.slogans)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        words = Words.from_spans([(t.idx, t.idx + len(t.text)) for t in doc])
        suffixes = self.matcher.suffix_hits(text, words)  # read once, used by names, patterns and coordination
        gazetteer = self.matcher.gazetteer_hits(text, words, suffixes)
        patterns = self.matcher.pattern_hits(text, words, gazetteer, suffixes)
        sites = self.matcher.site_hits(text, gazetteer)
        candidates = gazetteer + patterns + sites + self.slogans.hits(text, words)
        chosen = select(candidates, words)
        extra = coordinated(text, words, chosen, gazetteer, self.matcher, suffixes)
        chosen = sorted(_counts_of_listed_things(chosen, extra) + extra, key=lambda c: (c.start, c.end))
        doc._.kg_candidates = chosen
        spans = [doc.char_span(c.start, c.end, label=c.type, alignment_mode="expand") for c in chosen]
        doc.spans["kg"] = [s for s in spans if s is not None]
        return doc


@Language.factory(COMPONENT, default_config={"rules_key": ""})
def make_entity_component(nlp: Language, name: str, rules_key: str) -> EntityComponent:
    """spaCy factory: the rules are registered beforehand by ``add_entity_component``."""
    return EntityComponent(_RULESETS[rules_key])


def add_entity_component(nlp: Language, rules: RuleSet) -> Language:
    """Add (or replace) the ``kg_entities`` pipe built from ``rules``."""
    key = str(rules.folder)
    _RULESETS[key] = rules
    if COMPONENT in nlp.pipe_names:
        nlp.remove_pipe(COMPONENT)
    nlp.add_pipe(COMPONENT, config={"rules_key": key})
    return nlp


# Names that may contain other names as mentions of their own (西藏开投 in 西藏开投刀片电池储能项目,
# 拉萨 in 拉萨至日喀则铁路), a zone inside its area's name (中国(新疆)自由贸易试验区 in …霍尔果斯片区), and the
# place a port or park is named after (塔城 in 塔城重点开发开放试验区); a Region holds only works, ports and
# the place it is named after.
NESTING = frozenset({"Project", "Organization", "Region"})
# A river's basin is the river (GUIDELINES: 朋曲河流域 → 朋曲河).
BASIN = frozenset({"流域", "全流域"})
COMPANY_FORMS = ("有限", "股份", "公司")
COUNTED_RULES = frozenset({"slogan:counted", "slogan:listed", "slogan:big", "slogan:formula"})
RULE_RANK = {"gazetteer": 0, "slogan:quoted": 1, "slogan:known": 2}


def select(candidates: list[Candidate], words: Words) -> list[Candidate]:
    """A consistent set: longest names first; no two names cross; a known name may nest inside a
    project or organization name when it stands on word boundaries (西藏开投 in 西藏开投刀片电池储能项目)."""
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), RULE_RANK.get(c.rule, 3), c.start))
    chosen: list[Candidate] = []
    for c in ordered:
        clash = False
        for a in chosen:
            if c.end <= a.start or a.end <= c.start:
                continue
            if a.start <= c.start and c.end <= a.end:
                if (
                    (a.start, a.end) == (c.start, c.end)
                    or (c.entry and c.entry == a.entry)  # G219 in G219线: one mention of one thing
                    or (c.rule != "gazetteer" and not _parent_body(a, c) and not _found_name_first(a, c))
                    or not ((c.start in words.starts and c.end in words.ends) or _known_prefix(a, c))
                    or not (
                        a.type in NESTING or a.type == c.type == "Park" or _named_after(a, c) or _found_name_first(a, c)
                    )
                    or (a.type == "Region" and c.type not in ("Project", "Port") and not _named_after(a, c))
                    or (a.type == c.type and a.end == c.end)  # 吴圩机场 in 南宁吴圩机场: one thing
                    or (a.type == "Organization" and c.type == "Country")  # 中国 in 中国共产党…委员会
                ):
                    clash = True
            else:
                clash = True
            if clash:
                break
        if not clash:
            chosen.append(c)
    return sorted(_known_things(chosen, candidates), key=lambda c: (c.start, c.end))


def _counts_of_listed_things(chosen: list[Candidate], listed: list[Candidate]) -> list[Candidate]:
    """Drop a counted phrase right after the heads of a list that share its suffix: 南山口、…、德令哈4个抽水蓄能电站
    counts four power stations; it is no formula."""
    ends = {c.end for c in listed}
    return [
        c
        for c in chosen
        if not (c.type == "Slogan" and c.rule in COUNTED_RULES and (c.start in ends or c.start - 1 in ends))
    ]


def _known_things(chosen: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
    """Pattern names that are known things: a river's basin is the river (年楚河流域 → 年楚河); a name
    ending in a known name of its type is that thing (南宁吴圩机场 → 南宁吴圩国际机场), unless what comes
    before only qualifies it (乌兰察布中欧班列 → 中欧班列)."""
    known_ends = {(c.end, c.type): c for c in candidates if c.rule == "gazetteer"}
    known_starts = {(c.start, c.type): c for c in candidates if c.rule == "gazetteer"}
    out = []
    for c in chosen:
        river = known_starts.get((c.start, c.type)) if not c.entry and c.type == "Region" else None
        inner = known_ends.get((c.end, c.type)) if not c.entry else None
        if river is not None and c.name[river.end - river.start :] in BASIN:
            c = replace(c, entry=river.entry, name=river.name)
        elif inner is not None and c.start < inner.start:
            head = c.name[: inner.start - c.start]
            c = replace(c, entry=inner.entry, name=inner.name) if head in inner.name else inner
        out.append(c)
    return out


def _named_after(outer: Candidate, inner: Candidate) -> bool:
    """A port or park named after a place it starts with (塔城 in 塔城重点开发开放试验区), or a found
    area named after a city, county or region (呼和浩特都市圈, 滇东北城镇群; but a known region's name
    is one whole: not 丝绸之路 in 丝绸之路经济带, not 科尔沁 in 科尔沁沙地)."""
    if inner.start != outer.start:
        return False
    if outer.type == "Region":  # a found area's head, not a known region's name (科尔沁|沙地)
        return inner.type in ("City", "County", "Region") and not outer.entry
    return outer.type in ("Port", "Park") and inner.type in NAMED_AFTER


def _known_prefix(outer: Candidate, inner: Candidate) -> bool:
    """A port or park begins with the known place it is named after, however the segmenter cut it
    (天水|经开区 segmented 天水经|开区, 富宁|港 segmented 富宁港)."""
    return inner.rule == "gazetteer" and _named_after(outer, inner)


def _found_name_first(outer: Candidate, inner: Candidate) -> bool:
    """A name found by a suffix rule whose ``starts`` lists the longer name's type is a mention of its
    own there, as a known name would be: a river or lake a park or work is named after (渠洋湖景区),
    an institution a body begins with (北京大学海南研究院), the airport a port is named after
    (铜仁凤凰机场航空口岸); but not a company inside its own full name (太平洋建设集团|有限公司)."""
    if inner.start != outer.start or outer.type not in inner.starts or outer.branch:
        return False
    return not (inner.type == outer.type == "Organization" and outer.name[len(inner.name) :].startswith(COMPANY_FORMS))


def _parent_body(outer: Candidate, inner: Candidate) -> bool:
    """A branch begins with its parent's name (西藏百万农奴解放纪念馆 in …纪念馆日喀则分馆, 银兰高铁 in
    银兰高铁中兰段)."""
    return outer.branch and inner.type == outer.type and outer.start == inner.start and inner.end < outer.end


def _ancestors(entry_id: str, entries: dict) -> list[str]:
    chain, parent = [], entries[entry_id].parent if entry_id in entries else ""
    while parent and parent in entries and parent not in chain:
        chain.append(parent)
        parent = entries[parent].parent
    return chain


def disambiguate(
    found: list[tuple[int, Candidate]], homonyms: dict[str, tuple[str, ...]], entries: dict
) -> list[tuple[int, Candidate]]:
    """Among places that share a name, take the one written right after its container (昂仁县卡嘎镇
    is the 卡嘎镇 of 昂仁县), else the one whose containing places the document names (定日县 …
    扎西宗乡 is the 扎西宗乡 of 定日县); with no such evidence keep the default."""
    present = {c.entry for _, c in found if c.entry}
    written_before = {(index, c.end): c.entry for index, c in found if c.entry and c.type in NAMED_AFTER}
    out = []
    for index, c in found:
        choices = homonyms.get(c.entry)
        prefix = written_before.get((index, c.start))
        inside = [e for e in choices or () if prefix and prefix in _ancestors(e, entries)]
        if len(inside) == 1:
            out.append((index, replace(c, entry=inside[0], name=entries[inside[0]].name, places=(prefix,))))
            continue
        if choices:

            def support(entry_id: str) -> int:
                ancestors = _ancestors(entry_id, entries)
                return next((len(ancestors) - i for i, a in enumerate(ancestors) if a in present), 0)

            best = max(choices, key=lambda e: (support(e), e == c.entry))
            if best != c.entry:
                c = replace(c, entry=best, name=entries[best].name)
        out.append((index, c))
    return out


def keep_in_context(found: list[tuple[int, Candidate]], entries: dict) -> list[tuple[int, Candidate]]:
    """Drop known names that are likely other words here: a town, or a county written in two
    characters (大田, 兴文), is kept only if the document also names a place that contains it."""
    present = {c.entry for _, c in found if c.entry}
    kept = []
    for pair in found:
        c = pair[1]
        short_county = c.type == "County" and c.end - c.start <= 2 and c.entry in entries
        if (short_county or (c.type == "Town" and c.rule == "gazetteer")) and not (
            set(_ancestors(c.entry, entries)) & present
        ):
            continue
        kept.append(pair)
    return kept


def entity_id(kind: str, name: str, entry: str, places: tuple[str, ...] = ()) -> str:
    """A stable id: the gazetteer id where there is one, else type + a short hash of the name (and,
    for a village or town found after its container, of the container: two 岗嘎村 are two places)."""
    if entry:
        return entry
    key = f"{name}@{places[0]}" if kind == "Town" and places else name
    return f"{kind}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


def _mentions(doc: PreparedDoc, found: list[tuple[int, Candidate]]) -> tuple[Mention, ...]:
    out = []
    for index, c in found:
        sentence = doc.sentences[index]
        start, end = sentence.clean_start + c.start, sentence.clean_start + c.end
        o_start, o_end = doc.clean.original_span(start, end)
        out.append(
            Mention(
                doc.source.id,
                index,
                o_start,
                o_end,
                doc.source.text[o_start:o_end],
                doc.match[start:end],
                c.type,
                c.name,
                entity_id(c.type, c.name, c.entry, c.places),
                c.rule,
                c.places,
                start,
                end,
            )
        )
    return tuple(out)


def annotate(docs: Iterable[PreparedDoc], nlp: Language, batch_size: int = 256) -> list[AnnotatedDoc]:
    """Run the pipeline over every sentence of every document; mentions in original offsets."""
    matcher = nlp.get_pipe(COMPONENT).matcher
    entries = matcher.entries
    result = []
    for doc in docs:
        texts = (doc.match[s.clean_start : s.clean_end] for s in doc.sentences)
        found: list[tuple[int, Candidate]] = []
        for index, sdoc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
            found.extend((index, c) for c in sdoc._.kg_candidates)
        slogans = keep_recurring([p for p in found if p[1].type == "Slogan"])
        places = disambiguate([p for p in found if p[1].type != "Slogan"], matcher.homonyms, entries)
        found = keep_in_context(places, entries) + slogans
        found.sort(key=lambda p: (p[0], p[1].start))
        result.append(AnnotatedDoc(doc, _mentions(doc, found)))
    return result
