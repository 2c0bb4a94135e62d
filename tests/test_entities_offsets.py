"""Entity mentions always point back into the text they came from; tagging is total."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.extract.entities import default_tagger, tokenize_with_offsets
from rasd.extract.ner_data import spans

ARABIC = st.sampled_from(
    ["قال", "الرئيس", "السوري", "بشار", "الأسد", "في", "دمشق", "،", ".", "وزارة", "الدفاع", "الأمريكية",
     "\n", " ", "(", ")", "2015", "حزب", "الله", "مُحمّد", "ـ", "«", "»", "x"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(ARABIC, max_size=40).map(" ".join))
def test_entities_offsets_point_into_text(text: str) -> None:
    for m in default_tagger().entities(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.label in {"PERS", "LOC", "ORG", "MISC"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=6), max_size=30))
def test_entities_tag_one_tag_per_token(tokens: list[str]) -> None:
    tags = default_tagger().tag(tokens)
    assert len(tags) == len(tokens)
    for sp in spans(tags):
        assert 0 <= sp.start < sp.end <= len(tokens)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قُتِلَ ثلاثة، وجُرح 12.", ["قُتِلَ", "ثلاثة", "،", "وجُرح", "12", "."]),
        ("(د ب أ) بغداد", ["(", "د", "ب", "أ", ")", "بغداد"]),
        ("بلغ 3.5 مليون", ["بلغ", "3.5", "مليون"]),
    ],
)
def test_entities_tokenizer_keeps_diacritics_and_splits_punctuation(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in tokenize_with_offsets(text)] == expected
