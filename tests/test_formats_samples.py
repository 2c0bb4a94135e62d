"""Hand-built event records on short Arabic reports, shared by the tests/test_formats_*.py files.

The extractor is tested elsewhere; here the records are built by hand so that every writer sees
every kind of value: Arabic text, nulls, lists, attributions, evidence, merged source reports.
"""

from __future__ import annotations

from datetime import date

import pytest

from rasd.records import Attribution, Event, Evidence, SourceReport

ATTACK_TEXT = (
    "أصيب سبعة أميركيين بقصف صاروخي استهدف أمس الاثنين قاعدة عين الأسد في العراق، "
    "في هجوم نسبه البنتاغون إلى قوات موالية لإيران، وتبنته جماعة الثوريون."
)
CIVILIANS_TEXT = "قتل ثلاثة مدنيين برصاص مسلحين مجهولين في ريف درعا الغربي، بحسب المرصد السوري لحقوق الإنسان."
PROTEST_TEXT = "تظاهر المئات أمام مجلس النواب في عمّان احتجاجاً على رفع أسعار المحروقات."


def ev(text: str, field: str, fragment: str, rule: str = "test") -> Evidence:
    """Evidence for ``fragment`` as it occurs in ``text`` (the offsets are checked below)."""
    start = text.index(fragment)
    return Evidence(field=field, start=start, end=start + len(fragment), text=fragment, rule=rule)


def sample_events() -> list[Event]:
    attack = Event(
        event_id="ev-attack-1",
        article_id="ain-al-asad-2024-08-06",
        event_date=date(2024, 8, 5),
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Islamic Resistance in Iraq",
        actor1_ar="قوات موالية لإيران",
        inter1=3,
        actor2="Military Forces of the United States",
        actor2_ar="أميركيين",
        inter2=8,
        claimed_by=("Al-Thawriyoun (Islamic Resistance in Iraq)",),
        attributed_to=(Attribution(actor="Pro-Iran militia", by="US Department of Defense"),),
        country="Iraq",
        iso3="IRQ",
        admin1="Al Anbar",
        location="Ain al-Asad Air Base",
        location_ar="قاعدة عين الأسد",
        latitude=33.8,
        longitude=42.44,
        geo_precision=1,
        fatalities=0,
        injuries=7,
        weapons=("rocket",),
        notes="A rocket attack on Ain al-Asad Air Base injured seven Americans.",
        source="AFP",
        evidence=(
            ev(ATTACK_TEXT, "event_type", "بقصف صاروخي"),
            ev(ATTACK_TEXT, "injuries", "أصيب سبعة"),
            ev(ATTACK_TEXT, "actor1_ar", "قوات موالية لإيران"),
            ev(ATTACK_TEXT, "location_ar", "قاعدة عين الأسد"),
        ),
        sources=(
            SourceReport(
                article_id="ain-al-asad-2024-08-06",
                source="AFP",
                url="https://example.org/a",
                published=date(2024, 8, 6),
                injuries=7,
                claimed_by=("Al-Thawriyoun (Islamic Resistance in Iraq)",),
                attributed_to=(Attribution(actor="Pro-Iran militia", by="US Department of Defense"),),
            ),
        ),
    )
    civilians = Event(
        event_id="ev-civ-1",
        article_id="daraa-1",
        event_date=date(2024, 3, 2),
        time_precision=1,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1="Unidentified Armed Group (Syria)",
        actor1_ar="مسلحين مجهولين",
        inter1=3,
        actor2="Civilians (Syria)",
        actor2_ar="مدنيين",
        inter2=7,
        country="Syria",
        iso3="SYR",
        admin1="Dar'a",
        location="Western Daraa countryside",
        location_ar="ريف درعا الغربي",
        latitude=32.7,
        longitude=35.95,
        geo_precision=2,
        fatalities=3,
        fatalities_low=3,
        fatalities_high=3,
        weapons=("small arms",),
        evidence=(ev(CIVILIANS_TEXT, "fatalities", "قتل ثلاثة مدنيين"),),
    )
    protest = Event(
        event_id="ev-protest-1",
        article_id="amman-1",
        event_date=None,
        time_precision=None,
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1=None,
        actor1_ar="المئات",
        inter1=6,
        country="Jordan",
        iso3="JOR",
        location=None,
        location_ar="عمّان",
        evidence=(ev(PROTEST_TEXT, "event_type", "تظاهر"),),
    )
    background = Event(
        event_id="ev-bg-1",
        article_id="ain-al-asad-2024-08-06",
        event_date=date(2024, 1, 15),
        time_precision=3,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Islamic Resistance in Iraq",
        inter1=3,
        actor2="Military Forces of the United States",
        inter2=8,
        country="Jordan",
        iso3="JOR",
        fatalities=3,
        background=True,
    )
    return [attack, civilians, protest, background]


TEXTS = {
    "ain-al-asad-2024-08-06": ATTACK_TEXT,
    "daraa-1": CIVILIANS_TEXT,
    "amman-1": PROTEST_TEXT,
}


@pytest.mark.parametrize("event", sample_events(), ids=lambda e: e.event_id)
def test_formats_samples_evidence_points_into_text(event: Event) -> None:
    text = TEXTS.get(event.article_id or "", "")
    for item in event.evidence:
        assert text[item.start : item.end] == item.text
