"""The event extractor on short news-style reports, one behaviour per test."""

from __future__ import annotations

from datetime import date

import pytest

import rasd
from rasd.records import Event

PUB = date(2015, 8, 4)  # a Tuesday


def _news(text: str, published: date | None = PUB) -> list[Event]:
    return [e for e in rasd.extract(text, published=published) if not e.background]


def test_extract_events_casualties_total_not_double_counted() -> None:
    text = (
        "قتل خمسة جنود وأصيب ثمانية آخرون أمس الاثنين في هجوم انتحاري استهدف مقرا للجيش في مدينة العريش. "
        "وقال مصدر أمني إن بين القتلى ضابطين، وإن ثلاثة من المصابين في حالة خطرة."
    )
    events = _news(text)
    assert len(events) == 1
    e = events[0]
    assert (e.event_type, e.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    assert e.fatalities == 5 and e.injuries == 8
    assert e.event_date == date(2015, 8, 3) and e.time_precision == 1
    assert e.country == "Egypt"


def test_extract_events_breakdown_added_within_a_sentence() -> None:
    text = "أصيب في الانفجار أربعة مدنيين وشرطيان، بحسب مصادر طبية في بغداد."
    events = rasd.extract(text, published=PUB)
    assert events and events[0].injuries == 6


def test_extract_events_negated_and_conditional_acts_are_not_events() -> None:
    assert _news("نفت وزارة الداخلية وقوع أي اشتباكات في المدينة.") == []
    assert _news("هدد التنظيم بشن هجمات على القوات الحكومية إذا لم تنسحب من المدينة.") == []


def test_extract_events_accidents_are_not_events() -> None:
    assert _news("توفي ثلاثة أشخاص وأصيب خمسة في حادث مروري على طريق الرياض الدمام.") == []


def test_extract_events_claim_kept_apart_from_blame() -> None:
    text = (
        "قتل ثلاثة جنود يمنيين أمس في هجوم بسيارة مفخخة على نقطة تفتيش في مدينة المكلا. "
        "وأعلن تنظيم القاعدة في جزيرة العرب مسؤوليته عن الهجوم، فيما اتهمت الحكومة الحوثيين بالوقوف وراءه."
    )
    e = _news(text)[0]
    assert e.sub_event_type == "Remote explosive/landmine/IED"
    assert e.fatalities == 3
    assert any("Qaeda" in c or "AQAP" in c for c in e.claimed_by), e.claimed_by
    assert e.claimed_by and all("Houthi" not in c for c in e.claimed_by)


def test_extract_events_protest_has_protesters_as_actor1() -> None:
    text = "تظاهر آلاف اللبنانيين أمس في ساحة رياض الصلح وسط بيروت احتجاجا على أزمة النفايات."
    e = _news(text)[0]
    assert e.event_type == "Protests"
    assert e.actor1 is not None and e.actor1.startswith("Protesters")
    assert e.country == "Lebanon"


def test_extract_events_arrest_is_strategic_development() -> None:
    text = "أعلنت وزارة الداخلية السعودية أمس القبض على خلية إرهابية في مدينة القطيف."
    e = _news(text)[0]
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Arrests")


def test_extract_events_recalled_event_is_background() -> None:
    text = (
        "قتل جنديان في كمين نصبه مسلحون قرب مدينة الشيخ زويد أمس الاثنين. "
        "وكان مسلحون قد هاجموا في يناير الماضي نقاطا للجيش في العريش مما أسفر عن مقتل 30 جنديا."
    )
    events = rasd.extract(text, published=PUB)
    news = [e for e in events if not e.background]
    background = [e for e in events if e.background]
    assert len(news) == 1 and news[0].fatalities == 2
    assert background and background[0].fatalities == 30 and background[0].time_precision == 3


def test_extract_events_without_publication_date_no_silent_today() -> None:
    events = rasd.extract("قتل جنديان في كمين نصبه مسلحون أمس قرب العريش.", published=None)
    assert events
    assert all(e.event_date is None or e.event_date != date.today() for e in events)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "hello world, nothing Arabic here", "١٢٣٤", "<script>alert(1)</script>", "الله" * 500],
)
def test_extract_events_odd_input_does_not_raise(text: str) -> None:
    for e in rasd.extract(text, published=PUB):
        for ev in e.evidence:
            assert text[ev.start: ev.end] == ev.text


def test_extract_events_killed_and_injured_counts_kept_apart() -> None:
    text = "قال الجيش التركي إن 3 جنود قتلوا وأصيب 31 في هجوم انتحاري نفذه مسلحون في شرق تركيا أمس."
    e = rasd.extract(text, published=PUB)[0]
    assert (e.fatalities, e.injuries) == (3, 31)


def test_extract_events_dateline_is_not_the_place() -> None:
    text = "سبق- الدمام: قتل ثلاثة جنود أمس في هجوم بعبوة ناسفة استهدف دوريتهم في مدينة العريش."
    e = rasd.extract(text, published=PUB)[0]
    assert e.country == "Egypt"


def test_extract_events_acts_named_in_a_column_are_context_not_news() -> None:
    text = (
        "لحظة كتابتي لهذا المقال كنت أقرأ عناوين الصحف عن التفجير الذي وقع أمس في سترة وأسفر عن إصابة "
        "ثلاثة شرطيين. وأعتقد أننا نحن المعنيون بالرد على هذا العنف قبل غيرنا."
    )
    events = rasd.extract(text, published=PUB)
    assert events and all(e.background for e in events)


def test_extract_events_first_person_words_inside_quotes_do_not_make_a_column() -> None:
    text = (
        "قتل ثلاثة جنود أمس في هجوم بعبوة ناسفة على دورية في مدينة العريش. وقال المتحدث العسكري: "
        "«أعتقد أننا نحن قادرون على حماية بلادنا، وأقول للإرهابيين إن أيامهم معدودة»."
    )
    assert _news(text)


def test_extract_events_cyber_attacks_are_not_political_violence() -> None:
    assert _news("تعرضت مواقع الوزارة أمس لهجوم إلكتروني واسع في الرياض عطل خدماتها.") == []


def test_extract_events_a_quoted_newspaper_name_is_not_the_place() -> None:
    text = "وقال مصدر أمني لـ«الرياض» إن ثلاثة جنود قتلوا أمس في هجوم مسلح على نقطة تفتيش."
    events = _news(text)
    assert events and all(e.location != "Riyadh" for e in events)


def test_extract_events_the_place_after_the_act_locates_it() -> None:
    text = "وبمناسبة مرور عام على احتلال داعش قضاء سنجار تظاهر أمس مئات الإيزيديين في محافظة أربيل."
    events = [e for e in _news(text) if e.event_type == "Protests"]
    assert events and events[0].admin1 == "Erbil"


def test_extract_events_protest_before_an_agency_is_led_by_protesters() -> None:
    text = "ونظم المئات من النازحين أمس تظاهرة أمام مقر بعثة الأمم المتحدة في أربيل للمطالبة بحمايتهم."
    events = [e for e in _news(text) if e.event_type == "Protests"]
    assert events and events[0].actor1 == "Protesters (Iraq)"
    assert events[0].actor1_ar != "الأمم المتحدة"


def test_extract_events_deaths_split_around_the_victims_have_no_figure() -> None:
    text = "لقي عشرات من عناصر التنظيم مصرعهم في ضربات جوية شنتها مقاتلات التحالف على مواقع قرب الموصل الثلاثاء."
    events = _news(text)
    assert events and events[0].sub_event_type == "Air/drone strike"
    assert events[0].fatalities is None  # «عشرات» is not a number
    assert events[0].event_date == PUB  # the publication's own weekday


def test_extract_events_counted_dead_are_targets_not_perpetrators() -> None:
    e = _news("لقي خمسة جنود مصرعهم في انفجار عبوة ناسفة أمس في العريش.")[0]
    assert e.actor2 == "Military Forces of Egypt" and e.actor1 == "Unidentified Armed Group (Egypt)"
    assert e.fatalities == 5


def test_extract_events_killing_of_fighters_by_forces_is_a_battle() -> None:
    e = _news("قتلت القوات الأميركية 11 مسلحا في عملية فجر أمس بمدينة الكوت.")[0]
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")
    assert e.actor1 == "Military Forces of the United States"


def test_extract_events_killing_of_civilians_stays_violence_against_civilians() -> None:
    e = _news("قتل ثلاثة مدنيين على يد مسلحين مجهولين أمس في مدينة تعز.")[0]
    assert e.event_type == "Violence against civilians"


def test_extract_events_a_generic_attack_needs_a_place_where_not_a_country_as_subject() -> None:
    text = "وقال مصدر مصري إن مصر دولة راسخة وموقفها من الهجمات والهجوم الإرهابي واضح."
    assert _news(text) == []


def test_extract_events_another_attack_is_a_new_event_dated_by_the_first() -> None:
    text = ("انفجرت سيارة مفخخة أمس الاثنين في مدينة الرمادي ما أدى إلى مقتل خمسة جنود. "
            "وبعيد هذا التفجير، استهدف هجوم آخر بعبوة ناسفة حاجزا أمنيا في مدينة الفلوجة.")
    events = _news(text)
    assert len(events) == 2
    assert {e.admin1 for e in events} == {"Al Anbar"} and len({e.location for e in events}) == 2
    assert all(e.event_date == date(2015, 8, 3) for e in events)


def test_extract_events_a_country_that_witnessed_an_attack_is_not_its_author() -> None:
    text = "شهدت تركيا أمس الاثنين هجوما انتحاريا داميا أوقع 30 قتيلا في مدينة أورفة، نسبته الحكومة إلى تنظيم داعش."
    e = _news(text)[0]
    assert e.actor1 == "Islamic State (ISIS)"


def test_extract_events_the_definite_act_refers_to_the_bombing_not_the_battle() -> None:
    text = ("قتل عشرة أشخاص أمس الاثنين في تفجير انتحاري في مدينة أورفة. ووقع التفجير قرب مركز ثقافي "
            "كان يجتمع فيه متطوعون لإعمار مدينة كوباني التي دمرتها المعركة التي دارت فيها بين سبتمبر ويناير الماضيين.")
    news = _news(text)
    assert len(news) == 1 and news[0].sub_event_type == "Suicide bomb"


def test_extract_events_a_press_conference_city_is_not_the_place_of_the_act() -> None:
    text = ("قتل خمسة جنود أمس في هجوم على حاجز للجيش. وقال المتحدث في مؤتمر صحافي في القاهرة "
            "إن التحقيق جار لكشف المسؤولين عن الهجوم.")
    events = _news(text)
    assert events and all(e.location != "Cairo" for e in events)


def test_extract_events_airliner_shot_down_is_a_missile_attack_dated_by_its_precise_date() -> None:
    text = ("يصوت مجلس الأمن الأربعاء المقبل على إنشاء محكمة لمحاكمة المسؤولين عن إسقاط طائرة ركاب فوق أوكرانيا، "
            "ما أسفر عن مقتل 298 شخصا منذ عام. وكانت الطائرة قد تحطمت شرقي أوكرانيا في 17 تموز/يوليو 2014 "
            "بعد إسقاطها بصاروخ.")
    events = rasd.extract(text, published=date(2015, 7, 26))
    shot = [e for e in events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert len(shot) == 1 and shot[0].background
    assert shot[0].event_date == date(2014, 7, 17) and shot[0].time_precision == 1
    assert shot[0].fatalities == 298
    assert shot[0].actor1 is not None and not shot[0].actor1.startswith("Government")


def test_extract_events_a_known_act_in_a_relative_clause_is_not_dated_by_the_news() -> None:
    text = ("بدأ رئيس البرلمان زيارة مفاجئة إلى الجزائر مساء أمس، تزامنا مع رفض المبعوث وصف الثوار "
            "خلال الانتفاضة التي دعمها حلف شمال الأطلسي بالإرهابيين.")
    assert _news(text) == []


def test_extract_events_an_act_named_again_with_its_date_is_one_act() -> None:
    text = ("وتعتقد كييف أن الانفصاليين استخدموا صاروخا روسيا لإسقاط الطائرة. وتسعى هولندا إلى محاكمة "
            "المشتبه في ضلوعهم في إسقاط طائرة ركاب ماليزية فوق شرق أوكرانيا في 17 تموز/يوليو 2014.")
    shot = [e for e in rasd.extract(text, published=date(2015, 7, 21))
            if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert len(shot) == 1 and shot[0].event_date == date(2014, 7, 17)


def test_extract_events_attack_without_a_toll_has_unknown_fatalities() -> None:
    e = _news("دمر طيران التحالف أمس دبابتين للحوثيين قرب قاعدة العند في محافظة لحج.")[0]
    assert e.fatalities is None


def test_extract_events_no_casualties_stated_gives_zero() -> None:
    e = _news("انفجرت عبوة ناسفة أمس قرب دورية للشرطة في مدينة العريش دون وقوع إصابات.")[0]
    assert e.fatalities == 0 and e.injuries == 0


def test_extract_events_the_lowest_figure_wins_even_when_hedged() -> None:
    text = ("قال المرصد إن 31 شخصا قتلوا أمس حين سقطت مقاتلة على سوق في بلدة أريحا. "
            "وقال سكان إن 27 شخصا على الأقل قتلوا حين سقطت المقاتلة على السوق.")
    assert _news(text)[0].fatalities == 27


def test_extract_events_two_first_person_words_make_a_column() -> None:
    text = ("أقول إن ما جرى في الرياض من تفجير إرهابي أمس يستدعي وقفة. ونحن مطالبون بالتكاتف "
            "في وجه من يستهدف أمن البلاد.")
    assert _news(text) == []


def test_extract_events_a_chronology_line_dates_its_act_in_its_year() -> None:
    text = "هذا اليوم في التاريخ:\n2008- تسعة قتلى في اشتباكات بين شرطة حماس وأعضاء في فتح في غزة في 25 يوليو."
    events = rasd.extract(text, published=date(2015, 8, 2))
    assert events and all(e.background for e in events) and events[0].event_date.year == 2008


def test_extract_events_coalition_coded_under_its_leading_state() -> None:
    # ACLED codes the Saudi-led coalition's strikes under Saudi Arabia's forces; the coalition
    # is kept as the associated actor, on either side of the event.
    strike = _news("وشنت طائرات التحالف العربي أمس غارات على مواقع الحوثيين في مدينة صعدة.")[0]
    assert strike.sub_event_type == "Air/drone strike"
    assert (strike.actor1, strike.assoc_actor_1) == ("Military Forces of Saudi Arabia", "Saudi-led Coalition")
    assert strike.actor1_ar is not None and "التحالف" in strike.actor1_ar
    assert strike.inter1 == 8  # a state's forces outside their own country are external forces
    attack = _news("وقصف الحوثيون أمس مواقع قوات التحالف العربي في مأرب.")[0]
    assert (attack.actor2, attack.assoc_actor_2) == ("Military Forces of Saudi Arabia", "Saudi-led Coalition")
    assert (attack.inter1, attack.inter2) == (2, 8)
    home = _news("وقصف الحوثيون أمس مواقع الجيش اليمني في مأرب.")[0]
    assert (home.actor2, home.inter2) == ("Military Forces of Yemen", 1)
    global_strike = _news("وشن طيران التحالف الدولي أمس غارات على مواقع تنظيم داعش في الرقة.")[0]
    assert (global_strike.actor1, global_strike.assoc_actor_1) == (
        "Military Forces of the United States", "Global Coalition Against Daesh")
    nato = _news("وقصفت طائرات حلف شمال الأطلسي أمس مواقع في مصراتة.")[0]
    assert nato.actor1 == "NATO: North Atlantic Treaty Organization"  # no leading state: coded as itself


def test_extract_events_one_event_per_clause_and_place_of_the_same_kind() -> None:
    # Two clauses of shelling, three villages (two of them unknown to the gazetteer): three events.
    text = ("وقال المرصد إن الطيران المروحي قصف أمس بالبراميل المتفجرة مناطق في بلدة تل الضمان وقرية المنطار "
            "بريف حلب الجنوبي، كما قصفت قوات النظام بعدد من القذائف مناطق في قرية عبطين بريف حلب الجنوبي.")
    events = sorted(_news(text), key=lambda e: e.location_ar or "")
    assert [e.location_ar for e in events] == ["بلدة تل الضمان", "قرية المنطار", "قرية عبطين"]
    assert [e.sub_event_type for e in events] == ["Air/drone strike", "Air/drone strike",
                                                  "Shelling/artillery/missile attack"]
    assert {e.admin1 for e in events} == {"Aleppo"} and {e.event_date for e in events} == {date(2015, 8, 3)}
    assert [e.geo_precision for e in events] == [1, 2, 2]
    # One clause, one village named twice over: one event.
    assert len(_news("قصفت قوات النظام أمس قرية عبطين بريف حلب، وأصيب ثلاثة مدنيين في قرية عبطين.")) == 1


def test_extract_events_recalled_act_without_a_date_is_not_coded() -> None:
    # The guide codes a background act only when it is concrete: a date or period, a place, an act.
    lead = "أكد الوزير أن الحكومة ماضية في الإصلاح الاقتصادي. "
    assert rasd.extract(lead + "وأشار إلى الهجوم الذي استهدف كنيسة في القاهرة.", published=PUB) == []
    dated = rasd.extract(lead + "وأشار إلى الهجوم الذي استهدف كنيسة في القاهرة في يناير الماضي.", published=PUB)
    assert [(e.event_date, e.time_precision, e.background) for e in dated] == [(date(2015, 1, 15), 3, True)]
    # A text of one sentence has no report around the act to tell it is recalled: it is kept.
    assert rasd.extract("الهجوم الذي استهدف كنيسة في القاهرة.", published=PUB)


def test_extract_events_since_a_recent_day_dates_the_middle_of_the_period() -> None:
    e = _news("قتل اكثر من 50 شخصا منذ امس الاول في هجمات انتحارية في شمال نيجيريا.")[0]
    assert (e.event_date, e.time_precision) == (date(2015, 8, 3), 2)  # between 2 August and the report
    old = _news("قتل ثلاثة جنود أمس في هجوم على حاجز في العريش، وهو الأعنف منذ شباط الماضي.")[0]
    assert old.event_date == date(2015, 8, 3)  # «منذ شباط» is a limit, not the act's date


def test_extract_events_shelling_civilians_stays_remote_violence() -> None:
    # ACLED codes shelling and bombs as Explosions/Remote violence whoever they hit.
    e = _news("قصفت مليشيات الحوثي أمس منطقة سد الجبلين في تعز في محاولة لإخضاع السكان.")[0]
    assert (e.event_type, e.sub_event_type) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    shot = _news("هاجم مسلحون أمس السكان في قرية قرب تعز.")[0]
    assert shot.event_type == "Violence against civilians"


def test_extract_events_a_country_named_as_an_actor_still_places_the_act() -> None:
    # «طلب من تركيا» makes Turkey an actor; it is still the country the bombing «هناك» happened in,
    # not Poland, named later only in passing.
    text = ("دعا الأمين العام لحلف شمال الأطلسي إلى اجتماع طارئ بناء على طلب من تركيا بعد تفجير انتحاري وقع "
            "الأسبوع الماضي هناك. وقد استخدمت تلك المادة بناء على طلب بولندا عام 2014.")
    e = rasd.extract(text, published=date(2015, 7, 26))[0]
    assert (e.sub_event_type, e.country, e.event_date, e.time_precision) == ("Suicide bomb", "Turkey", date(2015, 7, 22), 2)


def test_extract_events_battle_that_takes_the_place_is_coded_as_the_taking() -> None:
    text = ("تدور اشتباكات عنيفة أمس بين الجيش اليمني والحوثيين في قاعدة العند الجوية بمحافظة لحج. "
            "وقال قائد العملية إن الجيش سيطر على قاعدة العند الجوية وقتل 10 من المتمردين في المواجهات.")
    events = _news(text)
    assert [e.sub_event_type for e in events] == ["Government regains territory"]
    assert events[0].fatalities == 10 and events[0].actor1 == "Military Forces of Yemen"


def test_extract_events_people_counted_then_their_group_then_the_verb() -> None:
    text = "وقال المرصد إن ما لا يقل عن 13 عنصرا من تنظيم داعش قتلوا أمس جراء قصف للطيران الحربي على مدينة الحسكة."
    e = _news(text)[0]
    assert (e.sub_event_type, e.fatalities, e.background) == ("Air/drone strike", 13, False)
    # «خمسة من المصابين» is still a part of a total, not a count of its own.
    part = _news("أصيب عشرة أشخاص أمس في انفجار في بغداد، وقال مصدر إن خمسة من المصابين في حالة خطرة.")[0]
    assert part.injuries == 10


def test_extract_events_lead_dated_later_and_incident_reference_make_one_event() -> None:
    text = ("ألقى مستوطنون إسرائيليون زجاجات حارقة على منزل في قرية دوما القريبة من نابلس، ما أدى إلى استشهاد رضيع. "
            "وقال شهود عيان إن المستوطنين وصلوا إلى القرية في ساعات منتصف الليلة قبل الماضية، ما أدى إلى استشهاد الرضيع فورا. "
            "ودفع حادث القتل إلى غضب فلسطيني في وقت أعلن فيه الجيش حالة تأهب في القدس الشرقية يوم الجمعة.")
    events = rasd.extract(text, published=date(2015, 8, 1))
    assert len(events) == 1
    e = events[0]
    assert (e.event_date, e.sub_event_type, e.country) == (date(2015, 7, 30), "Attack", "Palestine")
    assert e.location_ar is not None and "دوما" in e.location_ar


def test_extract_events_clauses_of_a_roundup_each_make_their_event() -> None:
    # One long sentence: an earlier, recalled clause («كان قد»), then clashes at two places
    # «after midnight last night» (the publication day), then shelling with no place of its own.
    text = ("وقال المرصد إن 25 مقاتلا قتلوا أمس الأول في أطراف مدينة اعزاز، فيما كان قد قضى 7 مقاتلين من الفرقة، "
            "في حين دارت بعد منتصف ليل أمس اشتباكات عند اطراف حي كرم الطراب قرب مطار النيرب العسكري شرق حلب، "
            "ايضا دارت بعد منتصف ليل أمس اشتباكات في محيط قريتي حندرات وباشكوي بريف حلب الشمالي، "
            "ترافقت مع قصف من قبل الكتائب المقاتلة بعدد من القذائف.")
    events = rasd.extract(text, published=date(2015, 8, 3))
    clashes = [e for e in events if e.sub_event_type == "Armed clash" and e.event_date == date(2015, 8, 3)]
    assert len(clashes) >= 2 and not any(e.background for e in clashes)
    assert any(e.location_ar and "باشكوي" in e.location_ar for e in clashes)


def test_extract_events_a_definite_act_named_in_another_province_is_a_new_act() -> None:
    text = ("حققت المقاومة الشعبية أمس تقدما في مدينة تعز بعد سيطرتها على نقطة الربيعي القريبة من اللواء 35. "
            "من جهة أخرى تمكن الجيش من السيطرة على منطقتي الوهط وصبر في محافظة لحج.")
    events = _news(text)
    assert sorted(e.admin1 or "" for e in events) == ["Lahij", "Ta'izz"]
    assert {e.event_type for e in events} == {"Battles"}


def test_extract_events_opinion_piece_keeps_only_dated_recalled_acts() -> None:
    text = ("أعتقد أن المنطقة تمر بمرحلة صعبة. وأتساءل كيف وصلنا إلى هنا بعد اغتيال الحريري في بيروت. "
            "وأذكر أن هجوما انتحاريا استهدف مسجدا في الكويت في يونيو الماضي.")
    events = rasd.extract(text, published=PUB)
    assert [(e.country, e.background, e.time_precision) for e in events] == [("Kuwait", True, 3)]


def test_extract_events_an_act_with_no_day_is_dated_the_day_before_publication() -> None:
    e = _news("قتل ثلاثة جنود في هجوم مسلح على حاجز للجيش في مدينة العريش.")[0]
    assert (e.event_date, e.time_precision) == (date(2015, 8, 3), 2)
    assert not [ev for ev in e.evidence if ev.field == "event_date"]


def test_extract_events_a_crowd_fighting_the_police_is_a_riot_of_rioters() -> None:
    clash = _news("اشتبك محتجون غاضبون أمس مع الشرطة في أثينا وأحرقوا سيارات.")[0]
    assert (clash.event_type, clash.sub_event_type, clash.actor1, clash.inter1) == (
        "Riots", "Violent demonstration", "Rioters (Greece)", 5)
    assert clash.actor2 == "Police Forces of Greece"
    stones = _news("رشق متظاهرون أمس الشرطة بالحجارة في أثينا وأحرقوا سيارات.")[0]
    assert (stones.event_type, stones.actor1, stones.actor1_ar) == ("Riots", "Rioters (Greece)", "متظاهرون")
    armed = _news("اشتبك الجيش أمس مع مسلحين في العريش.")[0]
    assert armed.event_type == "Battles"


def test_extract_events_clause_events_keep_their_own_casualty_figures() -> None:
    text = ("قتل 18 شخصا أمس جراء سقوط صاروخ على حي المغاير جنوب مدينة حلب، "
            "في حين دارت اشتباكات عنيفة في محيط قريتي حندرات وباشكوي بريف حلب الشمالي.")
    events = {e.sub_event_type: e for e in _news(text)}
    assert events["Shelling/artillery/missile attack"].fatalities == 18
    assert events["Armed clash"].fatalities is None


def test_extract_events_arrests_and_abductions_kill_nobody_unless_a_toll_is_given() -> None:
    text = "اعتقلت الشرطة أمس خمسة مسلحين في الموصل بعد هجوم قتل فيه جنود."
    arrest = [e for e in _news(text) if e.sub_event_type == "Arrests"][0]
    assert arrest.fatalities == 0
    taken = _news("خطف مسلحون أمس ثمانية عناصر من الفرقة 30 قرب مدينة اعزاز.")[0]
    assert (taken.sub_event_type, taken.fatalities) == ("Abduction/forced disappearance", 0)


def test_extract_events_an_ordinary_crime_story_is_not_political_violence() -> None:
    text = ("تلقت شرطة محافظة ابو عريش بلاغا بالعثور على سيارة محترقة وبجانبها قائدها. وتبين أن المجني عليه "
            "تلقى عدة طعنات قبل أن تحرق مركبته. واستطاعت الشرطة القبض على الجاني الذي أقدم على ذلك "
            "بدافع الانتقام لخلاف سابق.")
    assert rasd.extract(text, published=PUB) == []
    # The same words next to an armed group: not a private crime.
    attack = ("قتل مسلحون من تنظيم داعش أمس ثلاثة مدنيين طعنا في مدينة العريش، وقالت الشرطة إن الجناة "
              "نفذوا الجريمة بدافع الانتقام.")
    assert _news(attack)


def test_extract_events_yemeni_popular_resistance_coded_with_the_army() -> None:
    e = _news("وتمكنت المقاومة الشعبية أمس من استعادة السيطرة على مواقع في مدينة تعز بعد اشتباكات مع الحوثيين.")[0]
    assert (e.actor1, e.assoc_actor_1, e.inter1) == ("Military Forces of Yemen", "Popular Resistance (Yemen)", 1)
    assert e.sub_event_type == "Government regains territory"
    settlers = _news("هاجم مستوطنون إسرائيليون أمس منزلا في قرية دوما قرب نابلس.")[0]
    assert settlers.actor1 == "Settlers (Israel)"
