"""Every entry of the extractor's language data has an id, a label and examples that fire it."""

from __future__ import annotations

import pytest

from rasd.extract.analysis import weapon_matcher
from rasd.extract.lexicon import PhraseMatcher, WordIndex, cue_matcher, load_data
from rasd.extract.triggers import trigger_entries, trigger_matcher
from rasd.records import ACLED_EVENT_TYPES
from rasd.text.sentences import split_sentences

ACLED_TYPES = ACLED_EVENT_TYPES

TRIGGERS = load_data("triggers.yaml")
CUES = load_data("cues.yaml")
CASUALTIES = load_data("casualties.yaml")
WEAPONS = load_data("weapons.yaml")


def test_extract_lexicons_trigger_schema() -> None:
    ids = [t["id"] for t in TRIGGERS]
    assert len(ids) == len(set(ids)), "trigger ids must be unique"
    for t in TRIGGERS:
        assert {"id", "label", "event_type", "sub_event_type", "family", "priority", "patterns", "examples"} <= set(t)
        assert t["sub_event_type"] in ACLED_TYPES[t["event_type"]], t["id"]
        assert t["patterns"] and t["examples"], t["id"]
        if "requires" in t:
            assert t["requires"] in CUES, t["id"]


@pytest.mark.parametrize(
    "entry_id,example",
    [(t["id"], ex) for t in TRIGGERS for ex in t["examples"]],
)
def test_extract_lexicons_trigger_example_fires(entry_id: str, example: str) -> None:
    words = WordIndex(example)
    found = {m.payload.id for m in trigger_matcher().find(words, overlapping=True)}
    assert entry_id in found, f"{entry_id} did not fire on «{example}» (found {sorted(found)})"


@pytest.mark.parametrize("group", sorted(CUES))
def test_extract_lexicons_cue_group_examples(group: str) -> None:
    data = CUES[group]
    assert data["id"] == group and data["label"] and data["phrases"] and data["examples"]
    for example in data["examples"]:
        assert cue_matcher(group).find(WordIndex(example)), f"{group}: nothing found in «{example}»"


@pytest.mark.parametrize("group", sorted(CASUALTIES))
def test_extract_lexicons_casualty_group_examples(group: str) -> None:
    data = CASUALTIES[group]
    assert data["id"] == group and data["label"] and data["examples"]
    phrases = [p for key in ("before_number", "after_number", "duals", "phrases") for p in data.get(key, [])]
    matcher = PhraseMatcher((p, group) for p in phrases)
    for example in data["examples"]:
        assert matcher.find(WordIndex(example)), f"{group}: nothing found in «{example}»"


@pytest.mark.parametrize("entry", WEAPONS, ids=[w["id"] for w in WEAPONS])
def test_extract_lexicons_weapon_examples(entry: dict) -> None:  # type: ignore[type-arg]
    for example in entry["examples"]:
        found = {m.payload for m in weapon_matcher().find(WordIndex(example))}
        assert entry["id"] in found, f"{entry['id']} not found in «{example}»"


def test_extract_lexicons_entries_load_once() -> None:
    assert trigger_entries() is trigger_entries()
    assert split_sentences("قتل جندي. وأصيب آخر.")


GRAMMAR = load_data("grammar.yaml")


@pytest.mark.parametrize("name", sorted(GRAMMAR))
def test_extract_lexicons_grammar_word_lists(name: str) -> None:
    from rasd.extract.lexicon import word_list
    from rasd.text.normalize import norm

    entry = GRAMMAR[name]
    assert entry["id"] == name and entry["label"] and entry["words"] and entry["example"]
    words = word_list(name)
    example = norm(entry["example"])
    assert any(w in example for w in words), f"{name}: no word of the list in «{entry['example']}»"
