"""located_in: stated containers, the gazetteer hierarchy, and the optional subject-place fallback."""

from __future__ import annotations

from dataclasses import replace

from kg.model import Mention
from kg.relations.extract import located_in


def _m(sentence: int, name: str, kind: str, entity: str, rule: str = "gazetteer") -> Mention:
    return Mention("d", sentence, 0, len(name), name, name, kind, name, entity, rule, (), -1, -1)


def _pairs(relations):
    return {(r.head, r.tail, r.evidence[0].rule) for r in relations}


def test_the_nearest_mentioned_container_from_the_gazetteer(rules):
    mentions = (_m(0, "吉隆口岸", "Port", "port-jilong"), _m(1, "日喀则市", "City", "540200"))
    assert _pairs(located_in(mentions, [], rules)) == {("port-jilong", "540200", "gazetteer:parent")}
    with_county = (*mentions, _m(2, "吉隆县", "County", "540234"))
    assert ("port-jilong", "540234", "gazetteer:parent") in _pairs(located_in(with_county, [], rules))


def test_the_subject_place_fallback_is_off_unless_a_rule_file_turns_it_on(rules):
    city = [_m(i, "日喀则市", "City", "540200") for i in range(6)]
    park = _m(7, "邦兴物流园", "Park", "Park-x", "suffix:park")
    assert not located_in((*city, park), [], rules)
    settings = replace(rules.relations.located_in, subject_types=("Park",))
    switched_on = replace(rules, relations=replace(rules.relations, located_in=settings))
    assert _pairs(located_in((*city, park), [], switched_on)) == {("Park-x", "540200", "document:subject")}
    rival = [_m(10 + i, "拉萨市", "City", "540100") for i in range(4)]  # no clear subject: 6 vs 4
    assert not located_in((*city, *rival, park), [], switched_on)
