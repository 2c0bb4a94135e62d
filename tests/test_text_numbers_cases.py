"""find_numbers on news-style sentences: each case names the mention text and its exact value."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.text.numbers import find_numbers, word_value

# (sentence, mention text, value, kind, approximate)
CASES = [
    ("أصيب سبعة أميركيين بقصف صاروخي استهدف قاعدة عسكرية", "سبعة", 7, "cardinal", False),
    ("أصيب في الهجوم خمسة عناصر أميركيين ومتعاقدان أميركيان", "ومتعاقدان", 2, "dual", False),
    ("لافتا إلى إصابة القاعدة بصاروخين", "بصاروخين", 2, "dual", False),
    ("وداخلها ثمانية صواريخ من أصل 10 كانت معدة للاطلاق", "ثمانية صواريخ من أصل 10", 8, "ratio", False),
    ("ويتمركز نحو 2500 جندي أميركي في العراق", "2500", 2500, "digits", True),
    ("ويتمركز نحو 2500 جندي أميركي في العراق و900 في سوريا", "900", 900, "digits", False),
    ("وذكرت مصادر عراقية أن الغارة خلفت أربعة قتلى", "أربعة", 4, "cardinal", False),
    ("أسفرت ضربة بمسيرة عن مقتل ثلاثة جنود أميركيين في الأردن", "ثلاثة", 3, "cardinal", False),
    ("شنت الولايات المتحدة عشرات الضربات ضد مقاتلين موالين لإيران", "عشرات", 10, "vague", True),
    ("تم نقل اثنين لتلقي مزيد من العلاج", "اثنين", 2, "cardinal", False),
    ("قتل ثلاث نساء وطفلان في غارة على ريف إدلب", "ثلاث", 3, "cardinal", False),
    ("قتل ثلاث نساء وطفلان في غارة على ريف إدلب", "وطفلان", 2, "dual", False),
    ("لقي خمسة وعشرون شخصا حتفهم في تفجير انتحاري", "خمسة وعشرون", 25, "cardinal", False),
    ("ارتفعت حصيلة القتلى إلى خمسة وعشرين قتيلا", "خمسة وعشرين", 25, "cardinal", False),
    ("قتل أحد عشر مدنيا في قصف على حلب", "أحد عشر", 11, "cardinal", False),
    ("أصيب اثنا عشر شرطيا في اشتباكات", "اثنا عشر", 12, "cardinal", False),
    ("نزح ثلاثة آلاف شخص من المدينة", "ثلاثة آلاف", 3000, "cardinal", False),
    ("وصل مئتا ألف لاجئ إلى المخيمات", "مئتا ألف", 200000, "cardinal", False),
    ("نشرت الوزارة مئتي جندي على الحدود", "مئتي", 200, "cardinal", False),
    ("قالت الأمم المتحدة إن ألفين شخص فروا", "ألفين", 2000, "cardinal", False),
    ("تضم القوة ألف عنصر", "ألف", 1000, "cardinal", False),
    ("بلغ عدد الضحايا مئة وخمسين قتيلا", "مئة وخمسين", 150, "cardinal", False),
    ("أعدم التنظيم مائة وعشرين شخصا", "مائة وعشرين", 120, "cardinal", False),
    ("قتل ثلاثمئة وخمسة عشر مسلحا منذ بدء العملية", "ثلاثمئة وخمسة عشر", 315, "cardinal", False),
    ("اعتقلت الشرطة بخمسة متهمين", "بخمسة", 5, "cardinal", False),
    ("وثلاثة من الجرحى في حالة خطرة", "وثلاثة", 3, "cardinal", False),
    ("قتل 1,200 مدني منذ بداية الحرب", "1,200", 1200, "digits", False),
    ("قتل 1.200 مدني منذ بداية الحرب", "1.200", 1200, "digits", False),
    ("قتل ١٢٠٠ مدني منذ بداية الحرب", "١٢٠٠", 1200, "digits", False),
    ("أصيب ۱۵ شخصا بجروح", "۱۵", 15, "digits", False),
    ("نزح 2.5 مليون سوري إلى دول الجوار", "2.5 مليون", 2500000, "digits", False),
    ("شارك 10 آلاف متظاهر في المسيرة", "10 آلاف", 10000, "digits", False),
    ("قتل قرابة مئة شخص في المعارك", "مئة", 100, "cardinal", True),
    ("لقي حوالي ثلاثين مقاتلا حتفهم", "ثلاثين", 30, "cardinal", True),
    ("أكثر من 200 قتيل سقطوا في الاشتباكات", "200", 200, "digits", True),
    ("قتل ما يزيد عن 40 مدنيا في الغارات", "40", 40, "digits", True),
    ("قتل ما لا يقل عن 12 شخصا", "12", 12, "digits", True),
    ("قتل 5 أشخاص على الأقل في الانفجار", "5", 5, "digits", True),
    ("خرج آلاف المحتجين إلى الشوارع", "آلاف", 1000, "vague", True),
    ("فر مئات الآلاف من اللاجئين", "مئات الآلاف", 100000, "vague", True),
    ("اعتقلت قوات الأمن العشرات من المتظاهرين", "العشرات", 10, "vague", True),
    ("قتل جنديين في هجوم على حاجز", "جنديين", 2, "dual", False),
    ("سقوط قتيلين وثلاثة جرحى", "قتيلين", 2, "dual", False),
    ("قتل شخصان وأصيب آخرون", "شخصان", 2, "dual", False),
    ("قتل جنديان اثنان في الهجوم", "جنديان اثنان", 2, "dual", False),
    ("قتل في عام 2015 أكثر من ألف شخص", "2015", 2015, "year", False),
    ("وفي 2024 تصاعدت الهجمات", "2024", 2024, "year", False),
    ("ارتفعت البطالة بنسبة 30 في المئة", "30", 30, "percent", False),
    ("أصيب ستة مدنيين بينهم طفلان", "ستة", 6, "cardinal", False),
    ("ارتفعت الأرباح إلى 6ر2 مليار دولار", "6ر2 مليار", 2600000000, "digits", False),
    ("قتل الجنود الثلاثة والعشرون في الكمين", "الثلاثة والعشرون", 23, "cardinal", False),
    ("أعلنت الشرطة أن انتحاريين اثنين دخلا المسجد", "اثنين", 2, "cardinal", False),
    ("وأصيب عنصران من المقاومة", "عنصران", 2, "dual", False),
    ("وقتل 4 جنود من المارينز", "4", 4, "digits", False),
    ("شارك في مونديالي 2006 و2010", "2010", 2010, "year", False),
    ("أسفرت المعارك عن مقتل ثلاثة آلاف و500 شخص", "ثلاثة آلاف و500", 3500, "cardinal", False),
    ("نزح عشرون ألفاً من السكان", "عشرون ألفاً", 20000, "cardinal", False),
    ("قتل الاثنان في الغارة", "الاثنان", 2, "cardinal", False),
    ("فر نصف مليون شخص من المدينة", "نصف مليون", 500000, "cardinal", False),
    ("ارتفعت الحصيلة إلى 12 قتيلا و30 جريحا", "30", 30, "digits", False),
]


@pytest.mark.parametrize(("sentence", "span", "value", "kind", "approx"), CASES,
                         ids=[f"{i}:{c[1]}" for i, c in enumerate(CASES)])
def test_text_numbers_case(sentence: str, span: str, value: int, kind: str, approx: bool) -> None:
    found = {m.text: m for m in find_numbers(sentence)}
    assert span in found, list(found.values())
    m = found[span]
    assert (m.value, m.kind, m.approximate) == (value, kind, approx)
    assert sentence[m.start:m.end] == m.text


# Sentences where a word looks like a number or a dual but is not one.
NOT_NUMBERS = [
    "قتل عدد من المدنيين الفلسطينيين",
    "اعتقلت القوات المسلحين الأميركيين",
    "هاجم مسلحون مواقع في إيران ولبنان",
    "وصل الوفد إلى عمان في رمضان",
    "قتل أحد الجنود في الهجوم",
    "وقع الهجوم يوم الاثنين الماضي",
    "حلقت مقاتلات إف-16 فوق المدينة",
    "وقع الهجوم في 5/8/2024 عند الساعة 10:30",
    "أعلن المتحدث باسم الجيش الثلاثاء",
    "اتهمت الحكومة جماعة الإخوان المسلمين",
    "أكد حرصه على العلاقات بين البلدين الشقيقين",
    "يستمر العرض حتى الساعة الثانية عشرة ليلا",
    "صدر التقرير الحادي والخمسون للمؤسسة",
    "وقعت المواجهات يوم 19 رمضان",
    "وصل الوفد في 26 من شباط",
    "للاستفسار الاتصال على الرقم 3601115587",
    "اعتقلت الشرطة الانتحاريين قبل التفجير",
]


@pytest.mark.parametrize("sentence", NOT_NUMBERS)
def test_text_numbers_no_false_count(sentence: str) -> None:
    counts = [m for m in find_numbers(sentence) if m.kind not in ("year", "percent")]
    assert counts == []


def test_text_numbers_seed_troops_not_years(seed_dir) -> None:  # type: ignore[no-untyped-def]
    text = (seed_dir / "ain-al-asad-2024-08-06.txt").read_text("utf-8")
    mentions = find_numbers(text)
    troops = [m for m in mentions if m.text == "2500"]
    assert troops and troops[0].kind == "digits" and troops[0].value == 2500
    assert not [m for m in mentions if m.kind == "year"]


@pytest.mark.parametrize(("word", "value"), [
    ("وثلاثة", 3), ("بخمسين", 50), ("عشرات", 10), ("مئتين", 200), ("١٢", 12), ("الاثنين", None), ("قاعدة", None),
])
def test_text_numbers_word_value(word: str, value: int | None) -> None:
    assert word_value(word) == value


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_text_numbers_never_raise_and_spans_point_at_text(text: str) -> None:
    for m in find_numbers(text):
        assert text[m.start:m.end] == m.text
        assert m.value >= 0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ثلاثة عشرين وألف مئتا 0123456789١٢٣,.٫ من أصل نحو قتيلين الاثنين", max_size=60))
def test_text_numbers_never_raise_on_number_soup(text: str) -> None:
    for m in find_numbers(text):
        assert text[m.start:m.end] == m.text
