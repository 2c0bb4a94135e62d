"""Every description rule (nisba, country, context and phrase rules) fires on its examples."""

from __future__ import annotations

import pytest

from rasd.resolve.actor_data import KINDS, descriptions
from rasd.resolve.actors import default_lexicon

LEX = default_lexicon()
DATA = descriptions()
SECTIONS = ("nisba_rules", "country_rules", "context_rules", "phrase_rules")
CASES = [
    pytest.param(rule["id"], ex, id=f"{rule['id']}-{i}")
    for section in SECTIONS
    for rule in DATA.get(section) or ()
    for i, ex in enumerate(rule["examples"])
]


@pytest.mark.parametrize(("rule_id", "example"), CASES)
def test_actors_descriptions_example_fires(rule_id: str, example: dict) -> None:
    mentions = LEX.find(example["text"], country=example.get("country"))
    got = {(m.actor.id, m.rule) for m in mentions}
    assert any(actor_id == example["expect"] for actor_id, _ in got), f"{rule_id}: {example} gave {got}"


@pytest.mark.parametrize("section", SECTIONS)
def test_actors_descriptions_rules_have_id_kind_examples(section: str) -> None:
    for rule in DATA.get(section) or ():
        assert rule["id"] and rule["kind"] in KINDS, rule
        assert rule["examples"], f"{rule['id']} has no example"


def test_actors_descriptions_rule_ids_unique() -> None:
    ids = [rule["id"] for section in SECTIONS for rule in DATA.get(section) or ()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("kind", KINDS)
def test_actors_descriptions_every_kind_is_described(kind: str) -> None:
    k = DATA["kinds"][kind]
    assert "{" in k["name"] and k["name_unknown"] and 1 <= int(k["inter"]) <= 8
