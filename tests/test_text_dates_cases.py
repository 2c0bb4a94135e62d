"""find_dates on news-style sentences: each case names the mention text, its date and precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.text.dates import find_dates, gregorian_to_hijri, hijri_to_gregorian

TUE = dt.date(2024, 8, 6)  # the seed article: Tuesday
D = dt.date

# (sentence, published, mention text, date, precision)
CASES = [
    ("أصيب سبعة أميركيين بقصف صاروخي استهدف أمس الاثنين قاعدة عسكرية", TUE, "أمس الاثنين", D(2024, 8, 5), 1),
    ("وفق ما أعلن مسؤول أميركي اليوم الثلاثاء", TUE, "اليوم الثلاثاء", TUE, 1),
    ("ويندرج الهجوم الصاروخي الإثنين في سياق هجمات", TUE, "الإثنين", D(2024, 8, 5), 1),
    ("بعدة صواريخ وطائرات مسيرة مساء أمس الإثنين", TUE, "مساء أمس الإثنين", D(2024, 8, 5), 1),
    ("اغتيال قيادي في ضاحية بيروت الجنوبية الاسبوع الفائت", TUE, "الاسبوع الفائت", D(2024, 7, 31), 2),
    ("شنت القوات الاميركية غارة جوية ليل الثلاثاء", TUE, "ليل الثلاثاء", D(2024, 7, 30), 1),
    ("قتل ثلاثة جنود في هجوم على حاجز الثلاثاء", TUE, "الثلاثاء", TUE, 1),
    ("وقالت الشرطة إن الانفجار وقع صباح الثلاثاء", TUE, "صباح الثلاثاء", TUE, 1),
    ("اندلعت اشتباكات مساء الثلاثاء", TUE, "مساء الثلاثاء", D(2024, 7, 30), 1),
    ("الأولى التي ينفذها الأميركيون منذ شباط (فبراير)", TUE, "شباط (فبراير)", D(2024, 2, 15), 3),
    ("وفي كانون الثاني (يناير)، أسفرت ضربة بمسيرة", TUE, "كانون الثاني (يناير)", D(2024, 1, 15), 3),
    ("قتل ثلاثة أشخاص في غارة فجر الأحد", TUE, "فجر الأحد", D(2024, 8, 4), 1),
    ("خرجت تظاهرات صباح الجمعة في بغداد", TUE, "صباح الجمعة", D(2024, 8, 2), 1),
    ("قالت الشرطة إن الانفجار وقع أمس", TUE, "أمس", D(2024, 8, 5), 1),
    ("هاجم مسلحون حاجزا أول أمس", TUE, "أول أمس", D(2024, 8, 4), 1),
    ("اندلعت اشتباكات أول من أمس الأحد", TUE, "أول من أمس الأحد", D(2024, 8, 4), 1),
    ("أعلن الجيش اليوم مقتل خمسة مسلحين", TUE, "اليوم", TUE, 1),
    ("اعتقل ناشط يوم السبت الماضي", TUE, "يوم السبت الماضي", D(2024, 8, 3), 1),
    ("عقد الاجتماع يوم الأربعاء", TUE, "يوم الأربعاء", D(2024, 7, 31), 1),
    ("قتل جندي مساء الخميس في درعا", TUE, "مساء الخميس", D(2024, 8, 1), 1),
    ("سقطت قذائف على المدينة ليلة أمس", TUE, "ليلة أمس", D(2024, 8, 5), 1),
    ("شهدت المدينة الليلة الماضية اشتباكات", TUE, "الليلة الماضية", D(2024, 8, 5), 1),
    ("قتل عشرة جنود الشهر الماضي", TUE, "الشهر الماضي", D(2024, 7, 15), 3),
    ("تصاعدت الهجمات خلال الأسبوع الماضي", TUE, "الأسبوع الماضي", D(2024, 7, 31), 2),
    ("بدأت العملية قبل أيام", TUE, "قبل أيام", D(2024, 8, 3), 2),
    ("قتل قبل يومين في قصف", TUE, "قبل يومين", D(2024, 8, 4), 1),
    ("أسفر عن مقتل 298 شخصا منذ عام", TUE, "منذ عام", D(2023, 8, 15), 3),
    ("الهجمات التي تعرضت لها البلاد في 11 سبتمبر أيلول عام 2001", TUE, "11 سبتمبر أيلول عام 2001", D(2001, 9, 11), 1),
    ("اختطف قبل ثلاثة أيام", TUE, "قبل ثلاثة أيام", D(2024, 8, 3), 1),
    ("وقع الهجوم في 5 آب 2024", TUE, "5 آب 2024", D(2024, 8, 5), 1),
    ("وقع الهجوم في الخامس من أغسطس", TUE, "الخامس من أغسطس", D(2024, 8, 5), 1),
    ("نشر البيان بتاريخ 2024-08-05", TUE, "2024-08-05", D(2024, 8, 5), 1),
    ("نشر البيان بتاريخ 5/8/2024", TUE, "5/8/2024", D(2024, 8, 5), 1),
    ("نشر البيان بتاريخ ٥/٨/٢٠٢٤", TUE, "٥/٨/٢٠٢٤", D(2024, 8, 5), 1),
    ("وقعت المجزرة في 21 تموز 2015", D(2015, 7, 22), "21 تموز 2015", D(2015, 7, 21), 1),
    ("قتل في الحادي والعشرين من تموز", D(2015, 7, 22), "الحادي والعشرين من تموز", D(2015, 7, 21), 1),
    ("اجتاح التنظيم المدينة في حزيران الماضي", D(2015, 7, 22), "حزيران الماضي", D(2015, 6, 15), 3),
    ("سيطر المسلحون على المدينة في يونيو 2014", D(2015, 7, 22), "يونيو 2014", D(2014, 6, 15), 3),
    ("قتل في يوليو الماضي", D(2015, 7, 22), "يوليو الماضي", D(2014, 7, 15), 3),
    ("جرت الانتخابات في نوفمبر", D(2015, 7, 22), "نوفمبر", D(2014, 11, 15), 3),
    ("عاد الهدوء في أيلول", D(2015, 7, 22), "أيلول", D(2014, 9, 15), 3),
    ("اندلعت الاحتجاجات في جانفي", D(2015, 7, 22), "جانفي", D(2015, 1, 15), 3),
    ("قتل ثلاثة في أوت 2014", D(2015, 7, 22), "أوت 2014", D(2014, 8, 15), 3),
    ("اعتقل الناشط في مارس", D(2015, 7, 22), "مارس", D(2015, 3, 15), 3),
    ("خلال شهر رمضان الماضي", D(2015, 7, 22), "رمضان الماضي", D(2015, 7, 2), 3),
    ("وقعت الحادثة في 5 أغسطس الجاري", D(2015, 8, 20), "5 أغسطس الجاري", D(2015, 8, 5), 1),
    ("في العاشر من الشهر الجاري", D(2015, 8, 20), "العاشر من الشهر الجاري", D(2015, 8, 10), 1),
    ("ستعقد القمة يوم الخميس المقبل", TUE, "يوم الخميس المقبل", D(2024, 8, 8), 1),
    ("في الأسبوع الحالي", D(2024, 8, 8), "الأسبوع الحالي", D(2024, 8, 7), 2),
    ("في الثالث عشر من أيار", D(2015, 7, 22), "الثالث عشر من أيار", D(2015, 5, 13), 1),
    ("صدر القرار بتاريخ 26 / 9 / 1436هـ", D(2015, 7, 22), "26 / 9 / 1436", D(2015, 7, 13), 1),
    ("انفجرت سيارة مفخخة يوم 19 رمضان", D(2015, 7, 22), "19 رمضان", D(2015, 7, 6), 1),
    ("ونشرت الصحيفة بتاريخ 31 يناير (كانون الثاني) 2015", D(2015, 7, 22), "31 يناير (كانون الثاني) 2015",
     D(2015, 1, 31), 1),
    ("في سبتمبر (أيلول) 2013 وقع الهجوم", D(2015, 7, 22), "سبتمبر (أيلول) 2013", D(2013, 9, 15), 3),
    ("اغتيل في مايو 2004 في غروزني", D(2015, 7, 22), "مايو 2004", D(2004, 5, 15), 3),
    ("قتل أكثر من 50 شخصا يوم أمس (الاربعاء) في هجمات", D(2015, 7, 23), "يوم أمس (الاربعاء)", D(2015, 7, 22), 1),
    ("انضم إلى تويتر في شهر أبريل من العام 2010م", D(2015, 7, 22), "أبريل من العام 2010", D(2010, 4, 15), 3),
    ("زار المسجد الحرام في العاشر من شهر شعبان الماضي", D(2015, 7, 22), "العاشر من شهر شعبان الماضي",
     D(2015, 5, 28), 1),
    ("التي نشرتها في ديسمبر «كانون الأول» الماضي", D(2015, 7, 22), "ديسمبر «كانون الأول» الماضي",
     D(2014, 12, 15), 3),
    # published (crawled) on Tuesday, written on Monday: the weekday wins
    ("سيختتم المعرض فعالياته مساء اليوم الاثنين", D(2015, 7, 21), "مساء اليوم الاثنين", D(2015, 7, 20), 1),
]


@pytest.mark.parametrize(("sentence", "published", "span", "date", "precision"), CASES,
                         ids=[f"{i}:{c[2]}" for i, c in enumerate(CASES)])
def test_text_dates_case(sentence: str, published: dt.date, span: str, date: dt.date, precision: int) -> None:
    found = {m.text: m for m in find_dates(sentence, published)}
    assert span in found, list(found.values())
    m = found[span]
    assert (m.date, m.precision) == (date, precision)
    assert sentence[m.start:m.end] == m.text


# Without a publication date relative expressions are found but not resolved.
@pytest.mark.parametrize(("sentence", "span"), [
    ("استهدف أمس الاثنين قاعدة عسكرية", "أمس الاثنين"),
    ("غارة جوية ليل الثلاثاء", "ليل الثلاثاء"),
    ("في كانون الثاني (يناير)", "كانون الثاني (يناير)"),
    ("الاسبوع الفائت", "الاسبوع الفائت"),
    ("الخامس من أغسطس", "الخامس من أغسطس"),
])
def test_text_dates_without_publication_date_unresolved(sentence: str, span: str) -> None:
    found = {m.text: m for m in find_dates(sentence, None)}
    assert found[span].date is None


def test_text_dates_absolute_without_publication_date_resolved() -> None:
    (m,) = find_dates("وقع الهجوم في 5 آب 2024", None)
    assert (m.date, m.precision, m.relative) == (D(2024, 8, 5), 1, False)


@pytest.mark.parametrize("sentence", [
    "مارس الجيش ضغوطا على المدنيين",
    "قال أحمد رمضان إن المعارضة سترد",
    "في اليوم التالي عاد الهدوء",
    "عدد القتلى صفر",
    "أعلن أب لثلاثة أطفال",
    "وقال في تصريح لـ «اليوم» إن التحقيق مستمر",
])
def test_text_dates_no_false_date(sentence: str) -> None:
    assert [m for m in find_dates(sentence, TUE) if m.date is not None] == []


def test_text_dates_seed_article(seed_dir) -> None:  # type: ignore[no-untyped-def]
    text = (seed_dir / "ain-al-asad-2024-08-06.txt").read_text("utf-8")
    got = {(m.text, m.date, m.precision) for m in find_dates(text, TUE)}
    assert ("أمس الاثنين", D(2024, 8, 5), 1) in got
    assert ("كانون الثاني (يناير)", D(2024, 1, 15), 3) in got
    assert ("الاسبوع الفائت", D(2024, 7, 31), 2) in got
    assert ("ليل الثلاثاء", D(2024, 7, 30), 1) in got


@pytest.mark.parametrize(("hijri", "greg"), [((1445, 9, 1), D(2024, 3, 11)), ((1436, 9, 1), D(2015, 6, 18))])
def test_text_dates_hijri_round_trip(hijri: tuple[int, int, int], greg: dt.date) -> None:
    assert hijri_to_gregorian(*hijri) == greg
    assert gregorian_to_hijri(greg) == hijri


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.dates(min_value=D(1901, 1, 1), max_value=D(2099, 12, 31))))
def test_text_dates_never_raise_and_spans_point_at_text(text: str, published: dt.date | None) -> None:
    for m in find_dates(text, published):
        assert text[m.start:m.end] == m.text
        assert m.precision in (1, 2, 3)
        if published is None:
            assert m.date is None or not m.relative


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="أمس اليوم الاثنين ليل كانون الثاني (يناير) 5 آب 2024 / - من الخامس شهر صفر قبل يومين", max_size=60),
       st.dates(min_value=D(1901, 1, 1), max_value=D(2099, 12, 31)))
def test_text_dates_never_raise_on_date_soup(text: str, published: dt.date) -> None:
    for m in find_dates(text, published):
        assert text[m.start:m.end] == m.text
