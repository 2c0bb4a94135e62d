"""split_sentences: paragraphs, quotes, numbers and abbreviations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.text.sentences import split_sentences

CASES = [
    ("قتل ثلاثة جنود. وأصيب خمسة آخرون.", ["قتل ثلاثة جنود.", "وأصيب خمسة آخرون."]),
    ("هل انتهت الحرب؟ لا أحد يعرف!", ["هل انتهت الحرب؟", "لا أحد يعرف!"]),
    ("فصيل عراقي يتبنى\nأعلنت جماعة مسؤوليتها.", ["فصيل عراقي يتبنى", "أعلنت جماعة مسؤوليتها."]),
    ('وقال المسؤول: "أصيب خمسة عناصر. ونقل اثنان للعلاج". وأضاف أن التحقيق جار.',
     ['وقال المسؤول: "أصيب خمسة عناصر. ونقل اثنان للعلاج".', "وأضاف أن التحقيق جار."]),
    ("وقال: «نرفض الاعتداء. ونحمل المسؤولية للفاعلين». ثم غادر.",
     ["وقال: «نرفض الاعتداء. ونحمل المسؤولية للفاعلين».", "ثم غادر."]),
    ('وقال: "الجملة الأولى.\nالجملة الثانية".', ['وقال: "الجملة الأولى.', 'الجملة الثانية".']),
    ("ارتفع المؤشر 3.5 في المئة. وتراجع النفط.", ["ارتفع المؤشر 3.5 في المئة.", "وتراجع النفط."]),
    ("قتل 1.200 مدني. ونزح الآلاف.", ["قتل 1.200 مدني.", "ونزح الآلاف."]),
    ("برلين (د ب أ). أعلن اتحاد صناعة السيارات أمس.", ["برلين (د ب أ).", "أعلن اتحاد صناعة السيارات أمس."]),
    ("عمان (د. ب. أ) - أعلن الجيش مقتل مسلح.", ["عمان (د. ب. أ) - أعلن الجيش مقتل مسلح."]),
    ("قال د. أحمد إن الوضع خطير. وطالب بالهدوء.", ["قال د. أحمد إن الوضع خطير.", "وطالب بالهدوء."]),
    ("استقبل الوزير ود. سامي الوفد. ثم غادر.", ["استقبل الوزير ود. سامي الوفد.", "ثم غادر."]),
    ("زوروا الموقع www.example.com للمزيد. شكرا.", ["زوروا الموقع www.example.com للمزيد.", "شكرا."]),
    ("ماذا حدث؟! لا نعرف...  سنرى.", ["ماذا حدث؟!", "لا نعرف...", "سنرى."]),
    ("\n\n  سطر واحد بلا نقطة  \n", ["سطر واحد بلا نقطة"]),
    ("قال الشاهد (وهو جندي. سابق) إنه رأى الانفجار. ثم صمت.",
     ["قال الشاهد (وهو جندي. سابق) إنه رأى الانفجار.", "ثم صمت."]),
    ('قال "نص بلا إغلاق. وجملة ثانية.', ['قال "نص بلا إغلاق.', "وجملة ثانية."]),
]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[str(i) for i in range(len(CASES))])
def test_text_sentences_split_cases(text: str, want: list[str]) -> None:
    spans = split_sentences(text)
    assert [s.text for s in spans] == want
    for s in spans:
        assert text[s.start:s.end] == s.text


def test_text_sentences_split_seed(seed_dir) -> None:  # type: ignore[no-untyped-def]
    text = (seed_dir / "ain-al-asad-2024-08-06.txt").read_text("utf-8")
    spans = split_sentences(text)
    assert len(spans) == 22
    assert spans[-1].text == "ويتمركز نحو 2500 جندي أميركي في العراق و900 في سوريا."
    assert any(s.text.startswith("وفي كانون الثاني (يناير)") and s.text.endswith("في الأردن.") for s in spans)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_text_sentences_split_spans_are_ordered_and_point_at_text(text: str) -> None:
    last = 0
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
        assert s.start >= last and s.end > s.start
        assert s.text == s.text.strip()
        last = s.end
    # every non-space character is in exactly one sentence
    inside = set()
    for s in split_sentences(text):
        inside.update(range(s.start, s.end))
    assert all(i in inside for i, c in enumerate(text) if not c.isspace())
