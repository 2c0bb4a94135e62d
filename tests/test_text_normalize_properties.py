"""The normaliser: idempotent, and its offsets map every character back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.text.normalize import norm, normalize

ARABIC = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=80)
MIXED = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.sampled_from(list("\u200e\u200f\u202b\u202c\u2066\u2069\u00a0«»“” 0123456789.,")),
    ),
    max_size=80,
)

CASES = [
    ("أإآٱ", "اااا"),
    ("مستشفى", "مستشفي"),
    ("قاعدة", "قاعده"),
    ("الـــهجوم", "الهجوم"),
    ("مُسَيَّرَةٌ", "مسيره"),
    ("٢٠٢٤ و۱۵", "2024 و15"),
    ("\u200fالعراق\u200e", "العراق"),
    ("«الثوريون»", '"الثوريون"'),
    ("ﻻ", "لا"),
    ("ی ک", "ي ك"),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_text_normalize_cases(text: str, want: str) -> None:
    assert norm(text) == want
    assert normalize(text).text == want


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), ARABIC, MIXED))
def test_text_normalize_idempotent(text: str) -> None:
    once = norm(text)
    assert norm(once) == once
    assert normalize(once).text == once


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), ARABIC, MIXED))
def test_text_normalize_offsets_point_back(text: str) -> None:
    n = normalize(text)
    assert n.text == norm(text)
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets[-1] == len(text)
    for i, ch in enumerate(n.text):
        o = n.offsets[i]
        assert 0 <= o < len(text)
        assert ch in norm(text[o])  # the original character normalises to (a string holding) it
    assert list(n.offsets) == sorted(n.offsets)


@settings(max_examples=300, deadline=None)
@given(MIXED, st.data())
def test_text_normalize_to_original_spans(text: str, data: st.DataObject) -> None:
    n = normalize(text)
    if not n.text:
        return
    start = data.draw(st.integers(0, len(n.text) - 1))
    end = data.draw(st.integers(start + 1, len(n.text)))
    o_start, o_end = n.to_original(start, end)
    assert norm(text[o_start:o_end]).find(n.text[start:end]) != -1


def test_text_normalize_seed_span_maps_back() -> None:
    text = "قصف صاروخي مساء أمسِ الإثنين"
    n = normalize(text)
    k = n.text.index("امس الاثنين")
    s, e = n.to_original(k, k + len("امس الاثنين"))
    assert text[s:e] == "أمسِ الإثنين"
