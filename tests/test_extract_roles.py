"""Who did it: the perpetrator and its evidence span on news-style sentences, one rule per test."""

from __future__ import annotations

from datetime import date

import rasd
from rasd.records import Event

PUB = date(2015, 8, 4)


def _first(text: str) -> Event:
    events = [e for e in rasd.extract(text, published=PUB) if not e.background]
    assert events, text
    return events[0]


def _span(e: Event, field: str) -> str | None:
    spans = [ev.text for ev in e.evidence if ev.field == field]
    return spans[0] if spans else None


def test_roles_actor_after_a_complementizer_is_the_perpetrator_not_the_speaker() -> None:
    e = _first("وأوضحت المصادر أن «مسلحين مجهولين اغتالوا العميد جبار سعيد، مدير الاستخبارات في البصرة».")
    assert e.actor1 == "Unidentified Armed Group (Iraq)"
    assert _span(e, "actor1") == "مسلحين مجهولين"


def test_roles_every_actor_between_the_reporting_verb_and_its_clause_is_a_source() -> None:
    e = _first("ونقلت وكالة رويترز عن مسؤولين أكراد أن ضربة جوية أميركية في شمال العراق أدت إلى مقتل ثمانية مقاتلين.")
    assert e.actor1 == "Military Forces of the United States"
    assert _span(e, "actor1") == "ضربة جوية أميركية"


def test_roles_speaker_without_a_clause_is_still_not_the_perpetrator() -> None:
    e = _first("وقالت الشرطة العراقية إن مسلحين أطلقوا النار على سيارة مدنية في الموصل أمس فقتلوا سائقها.")
    assert e.actor1 == "Unidentified Armed Group (Iraq)"


def test_roles_subject_of_an_earlier_attack_verb_is_the_perpetrator() -> None:
    text = ("أطلقت القوات الإسرائيلية المتمركزة شرق القطاع قذيفة على مدرسة في بيت حانون أمس "
            "فقتلت مدرسا وأصابت ثلاثة طلاب بجروح.")
    e = _first(text)
    assert e.actor1 == "Military Forces of Israel"
    assert _span(e, "actor1") == "القوات الإسرائيلية"


def test_roles_verbal_noun_object_is_not_the_perpetrator() -> None:
    e = _first("وبدأت العملية بقصف أوكار الإرهابيين بالمدفعية قرب درنة أمس، ما أسفر عن مقتل خمسة مسلحين.")
    assert _span(e, "actor1") != "الإرهابيين"


def test_roles_description_joined_to_the_group_it_belongs_to() -> None:
    e = _first("قالت الشرطة الأفغانية إن مهاجما انتحاريا من حركة طالبان فجر حافلة للشرطة في كابول أمس فقتل 35 شخصا.")
    assert e.actor1 == "Taliban"
    assert _span(e, "actor1") == "مهاجما انتحاريا من حركة طالبان"


def test_roles_own_forces_pronoun_refers_to_the_army_named_before() -> None:
    text = "قال الجيش التركي في بيان أمس إن طائراته قصفت مواقع لمسلحي حزب العمال الكردستاني في شمال العراق."
    e = _first(text)
    assert e.actor1 == "Military Forces of Turkey"
    assert _span(e, "actor1") == "طائراته"


def test_roles_self_detonation_is_a_suicide_bombing_by_the_bombers() -> None:
    e = _first("وكان انتحاريان قد فجرا نفسيهما أمام مصنع للسلاح في مدينة واه الباكستانية أمس، ما أدى إلى مقتل 59 شخصا.")
    assert e.sub_event_type == "Suicide bomb"
    assert _span(e, "actor1") == "انتحاريان"


def test_roles_named_group_beats_a_bare_description_of_the_bomber() -> None:
    e = _first("ونفذت حركة الشباب هجوما انتحاريا على فندق في مقديشو أمس أسفر عن مقتل عشرة أشخاص.")
    assert e.actor1 == "Al Shabaab"


def test_roles_blame_names_an_unnamed_bomber() -> None:
    text = ("قتل 13 شخصا على الأقل أمس في تفجير نفذته انتحارية في سوق بمدينة مايدوغوري، "
            "واتهمت السلطات جماعة بوكو حرام بتنفيذ الهجوم.")
    e = _first(text)
    assert e.actor1.startswith("Boko Haram")


def test_roles_named_officer_killed_is_a_police_target_with_his_title() -> None:
    e = _first("اغتال مسلحون مجهولون أمس العميد جبار سعيد، مدير استخبارات الشرطة في البصرة.")
    assert e.actor2 == "Police Forces of Iraq"
    assert _span(e, "actor2") == "العميد جبار سعيد"


def test_roles_named_journalist_killed_is_a_civilian_target() -> None:
    e = _first("واغتال مسلحون الصحافي سمير قصير بتفجير سيارته في بيروت صباح أمس.")
    assert e.actor2 == "Civilians (Lebanon)"
    assert (_span(e, "actor2") or "").startswith("الصحافي سمير")


def test_roles_named_victims_can_be_switched_off() -> None:
    from rasd.ingest.articles import make_article
    from rasd.pipeline import Pipeline, Settings

    text = "اغتال مسلحون مجهولون أمس العميد جبار سعيد، مدير استخبارات الشرطة في البصرة."
    events = Pipeline(Settings(named_victims=False)).extract(make_article(text, published=PUB, id="t"))
    assert events and events[0].actor2 is None


def test_roles_a_person_named_in_a_protest_is_not_a_victim() -> None:
    events = rasd.extract("وتظاهر مئات الطلاب أمس في القاهرة ضد الرئيس حسني مبارك.", published=PUB)
    assert all(e.actor2_ar != "الرئيس حسني مبارك" for e in events)


def test_roles_ranked_victim_takes_the_country_of_the_forces_named_after_him() -> None:
    e = _first("استشهد الرقيب أول سيف يوسف الفلاسي من القوة الإماراتية المشاركة في عمليات التحالف في اليمن أمس.")
    assert e.actor2 == "Military Forces of the United Arab Emirates"
    assert e.event_type == "Battles"


def test_roles_plane_crash_is_not_an_event() -> None:
    assert [e for e in rasd.extract("مصرع ثلاثة أشخاص إثر تحطم طائرة صغيرة في طوكيو أمس.", published=PUB)
            if not e.background] == []


def test_roles_act_adjective_does_not_steal_the_role_of_the_forces() -> None:
    text = ("قتل 20 شخصا في هجوم انتحاري نفذته فتاة مساء السبت في مدينة مروة. "
            "وأضاف أن «قوات الأمن أغلقت منطقة الاعتداء الانتحاري واعتقلت عددا كبيرا من الأشخاص».")
    arrests = [e for e in rasd.extract(text, published=PUB) if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].actor1 is not None and arrests[0].actor1.startswith("Police Forces")
    assert _span(arrests[0], "actor1") == "قوات الأمن"


def test_roles_nominative_plural_after_an_attack_verb_is_its_subject() -> None:
    # «الحوثيون» (nominative) after «استهدف» is who targeted; «الحوثيين» (accusative) would be the target.
    e = _first("استهدف الحوثيون بصاروخ أمس تجمعا لقوات التحالف العربي في مأرب.")
    assert e.actor1 == "Houthi Movement"
    assert _span(e, "actor1") == "الحوثيون"
    assert e.actor2 == "Military Forces of Saudi Arabia"
    hit = _first("استهدف الطيران أمس مواقع الحوثيين في صعدة.")
    assert hit.actor2 == "Houthi Movement"


def test_roles_forces_after_positions_or_a_gathering_are_the_target() -> None:
    e = _first("وقصف الحوثيون أمس مواقع قوات الجيش اليمني في مأرب.")
    assert e.actor1 == "Houthi Movement"
    assert e.actor2 == "Military Forces of Yemen"


def test_roles_actor_glued_to_la_after_an_attack_noun_made_the_attack() -> None:
    e = _first("قتل اكثر من 50 شخصا امس في هجمات مفترضة لحركة بوكو حرام في الكاميرون.")
    assert e.actor1 is not None and e.actor1.startswith("Boko Haram")
    assert _span(e, "actor1") == "بوكو حرام"
    # A verbal noun takes its object with «لـ»: the forces are the target there.
    hit = _first("قتل جنديان أمس في استهداف لقوات الجيش اليمني في مأرب.")
    assert hit.actor1 != "Military Forces of Yemen"


def test_roles_sides_of_a_clash_after_bayna() -> None:
    e = _first("اندلعت أمس اشتباكات عنيفة بين الجيش اليمني والحوثيين في مأرب.")
    assert (e.actor1, e.actor2) == ("Military Forces of Yemen", "Houthi Movement")
    # Allies of the first side («مدعمة بـ», «من طرف») are not the other side.
    e = _first("اندلعت أمس اشتباكات قرب مطار النيرب العسكري شرق حلب بين قوات النظام مدعمة بقوات الدفاع الوطني "
               "وعناصر من حزب الله اللبناني من طرف، والكتائب المقاتلة وجبهة النصرة من طرف آخر.")
    assert (e.actor1, e.actor2) == ("Military Forces of Syria", "Opposition Rebels (Syria)")


def test_roles_unnamed_aircraft_and_barrel_bombs_in_syria_are_the_regime() -> None:
    e = _first("قصف الطيران المروحي أمس بالبراميل المتفجرة مناطق في بلدة تل الضمان بريف حلب الجنوبي.")
    assert e.actor1 == "Military Forces of Syria"
    named = _first("وشن طيران التحالف الدولي أمس غارات على مدينة الرقة السورية.")
    assert named.actor1 == "Military Forces of the United States"


def test_roles_the_subject_of_a_conditional_attack_verb_is_not_the_author() -> None:
    # «في حال شنت إيران هجوما ... ردا على اغتيال هنية»: Iran did not kill Haniyeh.
    text = ("ويأتي الهجوم مع ازدياد المخاوف في حال شنت إيران وحلفاؤها هجوماً على إسرائيل ردا على اغتيال رئيس "
            "المكتب السياسي لحركة حماس اسماعيل هنية في طهران الاسبوع الفائت.")
    events = [e for e in rasd.extract(text, published=date(2024, 8, 6)) if e.location == "Tehran"]
    assert events and events[0].actor1 == "Unidentified Armed Group (Iran)"
