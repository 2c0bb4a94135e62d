"""Schema of the NER trigger-word data (ner_triggers.json): ids, labels, words, examples."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from rasd.extract.ner_features import FeatureSet, corpus_tokens, load_triggers
from rasd.text.normalize import norm

DATA = json.loads(resources.files("rasd.data").joinpath("ner_triggers.json").read_text("utf-8"))
ENTRIES = DATA["entries"]


def test_entities_triggers_ids_unique() -> None:
    ids = [e["id"] for e in ENTRIES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_entities_triggers_example_fires(entry: dict) -> None:
    assert entry["label"] and entry["words"] and entry["examples"]
    table = load_triggers(json.dumps({"entries": [entry]}))
    fs = FeatureSet(triggers=table)
    for example in entry["examples"]:
        feats = fs.sentence(corpus_tokens(example))
        assert any(f"t={entry['label']}" in tok for tok in feats), example


def test_entities_triggers_words_are_normalisable() -> None:
    for entry in ENTRIES:
        for word in entry["words"]:
            assert norm(word).strip() == norm(word) and " " not in word, (entry["id"], word)
