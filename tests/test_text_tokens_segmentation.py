"""tokenize / segment: conservative clitic splitting that keeps names whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.text import tokens as tokens_module
from rasd.text.normalize import norm
from rasd.text.tokens import register_protected, segment, tokenize

# (word, prefixes, stem, suffix) — stems and clitics are normalised
SEGMENTS = [
    ("لإيران", ("ل",), "ايران", ""),
    ("وإسرائيل", ("و",), "اسرائيل", ""),
    ("بغداد", (), "بغداد", ""),
    ("ليبيا", (), "ليبيا", ""),
    ("لبنان", (), "لبنان", ""),
    ("وهران", (), "وهران", ""),
    ("فلسطين", (), "فلسطين", ""),
    ("واشنطن", (), "واشنطن", ""),
    ("وواشنطن", ("و",), "واشنطن", ""),
    ("ولبنان", ("و",), "لبنان", ""),
    ("لليبيا", ("ل",), "ليبيا", ""),
    ("للقوات", ("ل", "ال"), "قوات", ""),
    ("والعراق", ("و", "ال"), "عراق", ""),
    ("بالقاعدة", ("ب", "ال"), "قاعده", ""),
    ("وبالصواريخ", ("و", "ب", "ال"), "صواريخ", ""),
    ("الإسلامية", ("ال",), "اسلاميه", ""),
    ("ألمانيا", (), "المانيا", ""),
    ("إلى", (), "الي", ""),
    ("ألف", (), "الف", ""),
    ("بصاروخين", ("ب",), "صاروخين", ""),
    ("وأعلنت", ("و",), "اعلنت", ""),
    ("واستهدف", ("و",), "استهدف", ""),
    ("لاحقاً", (), "لاحقا", ""),
    ("لاجئين", (), "لاجئين", ""),
    ("بيان", (), "بيان", ""),
    ("وزير", (), "وزير", ""),
    ("فصائل", (), "فصائل", ""),
    ("قاعدة", (), "قاعده", ""),
    ("قواتنا", (), "قوات", "نا"),
    ("مسؤوليتها", (), "مسؤوليت", "ها"),
    ("عليهم", (), "علي", "هم"),
    ("لهم", (), "ل", "هم"),
    ("توجه", (), "توجه", ""),
    ("اتجاه", (), "اتجاه", ""),
    ("الله", (), "الله", ""),
    ("هناك", (), "هناك", ""),
    ("العراقي", ("ال",), "عراقي", ""),
    ("مسيّرة", (), "مسيره", ""),
    ("وتكرّرت", ("و",), "تكررت", ""),
    ("لـ", (), "ل", ""),
    ("بيضاء", (), "بيضاء", ""),
    ("بيوم", ("ب",), "يوم", ""),
    ("بينبع", ("ب",), "ينبع", ""),
    ("فرضت", (), "فرضت", ""),
    ("فقدت", (), "فقدت", ""),
    ("ليلا", (), "ليلا", ""),
    ("بلاده", (), "بلاد", "ه"),
    ("فرحتهم", (), "فرحت", "هم"),
    ("منى", (), "مني", ""),
    ("بي", (), "بي", ""),
    ("لاسرائيل", ("ل",), "اسرائيل", ""),
    ("واسرائيل", ("و",), "اسرائيل", ""),
    ("واصلت", (), "واصلت", ""),
    ("فيرونا", (), "فيرونا", ""),
    ("القبلي", ("ال",), "قبلي", ""),
    ("بالستية", (), "بالستيه", ""),
    ("تواجه", (), "تواجه", ""),
    ("الإخوان", ("ال",), "اخوان", ""),
]


@pytest.mark.parametrize(("word", "prefixes", "stem", "suffix"), SEGMENTS, ids=[s[0] for s in SEGMENTS])
def test_text_tokens_segment(word: str, prefixes: tuple[str, ...], stem: str, suffix: str) -> None:
    assert segment(word) == (prefixes, stem, suffix)


def test_text_tokens_tokenize_sentence() -> None:
    text = 'وقالت في بيان نشرته قنوات تابعة لـ"فصائل الحشد الشعبي" مساء أمس الإثنين.'
    toks = tokenize(text)
    assert [t.text for t in toks] == [
        "وقالت", "في", "بيان", "نشرته", "قنوات", "تابعة", "لـ", '"', "فصائل", "الحشد", "الشعبي", '"',
        "مساء", "أمس", "الإثنين", ".",
    ]
    hashd = toks[9]
    assert (hashd.prefixes, hashd.stem, hashd.norm) == (("ال",), "حشد", "الحشد")
    monday = toks[14]
    assert (monday.prefixes, monday.stem) == (("ال",), "اثنين")


def test_text_tokens_numbers_and_scripts() -> None:
    toks = tokenize("قتل ١٬٢٠٠ و1,200 و3.5 F-16")
    assert [t.text for t in toks] == ["قتل", "١٬٢٠٠", "و", "1,200", "و", "3.5", "F", "-", "16"]
    assert toks[1].norm == "1,200"


def test_text_tokens_register_protected() -> None:
    assert segment("بلدروز") == (("ب",), "لدروز", "")
    register_protected(["بلدروز"])
    try:
        assert segment("بلدروز") == ((), "بلدروز", "")
        assert segment("وبلدروز") == (("و",), "بلدروز", "")
    finally:
        tokens_module._lex().protected.discard(norm("بلدروز"))
        tokens_module._CACHE.clear()
        tokens_module._LAST.clear()


def _rebuild(prefixes: tuple[str, ...], stem: str, suffix: str) -> str:
    out = ""
    for k, p in enumerate(prefixes):
        out += "ل" if p == "ال" and k > 0 and prefixes[k - 1] == "ل" else p
    return out + stem + suffix


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_text_tokens_cover_text(text: str) -> None:
    last = 0
    for t in tokenize(text):
        assert text[t.start:t.end] == t.text
        assert t.start >= last
        last = t.end
        assert t.norm == norm(t.text)
        assert t.stem
        # clitics + stem + suffix rebuild the normalised word (لل is ل + ال)
        assert _rebuild(t.prefixes, t.stem, t.suffix) == t.norm


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="وفبلكالهاةمنيإأآسرتدعقـً ", min_size=1, max_size=12))
def test_text_tokens_segment_rebuilds_word(word: str) -> None:
    for t in tokenize(word):
        assert _rebuild(t.prefixes, t.stem, t.suffix) == t.norm
