"""Property tests over the text pipeline and the readers: any input is processed without an exception,
normalisation is idempotent, and every span points at the text it claims."""

from __future__ import annotations

import importlib
import json
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import rasd
from rasd.errors import InputError
from rasd.ingest import read_inputs
from rasd.ingest.articles import make_article
from rasd.ingest.html import html_to_text, strip_html
from rasd.pipeline import default_pipeline

# Words that reach deep into the extractor (triggers, numbers, dates, places, actors).
WORDS = [
    "قتل", "مقتل", "أصيب", "جرحى", "غارة", "قصف", "هجوم", "انفجار", "عبوة", "ناسفة", "سيارة", "مفخخة",
    "صاروخي", "مسيرة", "اشتباكات", "مسلحون", "الجيش", "العراقي", "الحوثي", "داعش", "التحالف", "الشرطة",
    "مدنيين", "جنود", "سبعة", "ثلاثة", "خمسة", "عشرات", "نحو", "أكثر", "من", "في", "على", "قرب", "شمال",
    "بغداد", "صنعاء", "عدن", "حلب", "الموصل", "غزة", "أمس", "اليوم", "الاثنين", "الثلاثاء", "الماضي",
    "أغسطس", "آب", "2024", "١٢", "7", "وفق", "مسؤول", "أعلن", "تبنى", "واتهم", "،", ".", "«", "»", ":",
    "\n", "(", ")", "ـ", "ً", "ّ", "\u200f", "لل", "وب", "ال",
]
arabic_prose = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join)
any_text = st.one_of(st.text(max_size=300), arabic_prose, st.text(alphabet=st.characters(min_codepoint=0x600, max_codepoint=0x6FF), max_size=200))
published = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(text=any_text, day=published)
@example(text="أصيب سبعة أميركيين بقصف صاروخي استهدف أمس الاثنين قاعدة عين الأسد في غرب العراق.", day=date(2024, 8, 6))
def test_robust_properties_extract_never_raises_and_evidence_points_at_text(text: str, day: date | None) -> None:
    # Same path as rasd.extract(text, published=day): make_article + the default pipeline.
    events = default_pipeline().extract(make_article(text, published=day))
    assert isinstance(events, list)
    for event in events:
        for ev in event.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.text


@PROPERTY
@given(text=any_text)
def test_robust_properties_normalisation_idempotent_with_offsets(text: str) -> None:
    from rasd.text.normalize import norm, normalize

    once = norm(text)
    assert norm(once) == once
    mapped = normalize(text)
    assert mapped.text == once
    assert len(mapped.offsets) == len(mapped.text) + 1
    assert list(mapped.offsets) == sorted(set(mapped.offsets))
    assert all(0 <= o <= len(text) for o in mapped.offsets)


@PROPERTY
@given(text=any_text)
def test_robust_properties_token_spans_point_at_text(text: str) -> None:
    from rasd.text.tokens import tokenize

    for token in tokenize(text):
        assert text[token.start:token.end] == token.text


@PROPERTY
@given(markup=st.one_of(st.text(max_size=400), arabic_prose.map(lambda s: f"<html><body><p>{s}</p><script>x</script>")))
def test_robust_properties_html_never_raises(markup: str) -> None:
    assert isinstance(strip_html(markup).text, str)
    assert isinstance(html_to_text(markup).text, str)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".html", ".json", ".jsonl", ".rss", ".zip", ".gz", ""]))
def test_robust_properties_any_bytes_give_articles_or_input_errors(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    errors: list[InputError] = []
    for article in read_inputs([str(path)], on_error=errors.append):
        assert article.text.strip()
        assert article.id
    assert all(str(e).startswith(str(path)) and "\n" not in str(e) for e in errors)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(st.one_of(
    st.fixed_dictionaries({"text": arabic_prose}, optional={"id": st.text(max_size=5), "date": st.text(max_size=12)}),
    st.dictionaries(st.sampled_from(["text", "html", "content", "published", "title", "id"]),
                    st.one_of(st.none(), st.integers(), st.text(max_size=20), st.lists(st.integers(), max_size=2))),
    st.integers(), st.none()), max_size=6))
def test_robust_properties_jsonl_items_each_give_article_or_error(tmp_path: Path, items: list) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(it, ensure_ascii=False) + "\n" for it in items), encoding="utf-8")
    errors: list[InputError] = []
    articles = list(read_inputs([str(path)], on_error=errors.append))
    assert len(articles) + len(errors) <= max(len(items), 1)
    assert all(a.origin.startswith(f"{path}:") for a in articles)


def test_robust_properties_public_extract_stays_callable() -> None:
    text = "قتل ثلاثة مدنيين في غارة جوية على صعدة أمس."
    first = rasd.extract(text, published=date(2015, 7, 21))
    importlib.import_module("rasd.extract.events")  # what the pipeline imports on first use

    assert callable(rasd.extract)
    assert rasd.extract(text, published=date(2015, 7, 21)) == first
