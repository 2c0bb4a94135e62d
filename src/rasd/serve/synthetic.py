"""Synthetic-but-plausible articles and events for the API benchmark, the browser tests and a demo database.

Each synthetic article is one short Arabic report; its event carries evidence spans whose offsets select
exactly the words they cite, like the real extractor's output. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from rasd.records import Article, Event, Evidence, SourceReport


@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    name_ar: str
    country: str
    country_ar: str
    iso3: str
    admin1: str
    lat: float
    lon: float


PLACES: tuple[_Place, ...] = (
    _Place("Baghdad", "بغداد", "Iraq", "العراق", "IRQ", "Baghdad", 33.31, 44.36),
    _Place("Mosul", "الموصل", "Iraq", "العراق", "IRQ", "Ninewa", 36.34, 43.13),
    _Place("Ramadi", "الرمادي", "Iraq", "العراق", "IRQ", "Al Anbar", 33.42, 43.30),
    _Place("Ain al-Asad Air Base", "قاعدة عين الأسد", "Iraq", "العراق", "IRQ", "Al Anbar", 33.80, 42.44),
    _Place("Kirkuk", "كركوك", "Iraq", "العراق", "IRQ", "Kirkuk", 35.47, 44.39),
    _Place("Aleppo", "حلب", "Syria", "سوريا", "SYR", "Aleppo", 36.20, 37.16),
    _Place("Idlib", "إدلب", "Syria", "سوريا", "SYR", "Idlib", 35.93, 36.63),
    _Place("Deir ez-Zor", "دير الزور", "Syria", "سوريا", "SYR", "Deir ez-Zor", 35.34, 40.14),
    _Place("Daraa", "درعا", "Syria", "سوريا", "SYR", "Daraa", 32.62, 36.10),
    _Place("Gaza City", "مدينة غزة", "Palestine", "فلسطين", "PSE", "Gaza Strip", 31.50, 34.47),
    _Place("Khan Younis", "خان يونس", "Palestine", "فلسطين", "PSE", "Gaza Strip", 31.35, 34.31),
    _Place("Jenin", "جنين", "Palestine", "فلسطين", "PSE", "West Bank", 32.46, 35.30),
    _Place("Sanaa", "صنعاء", "Yemen", "اليمن", "YEM", "Amanat al Asimah", 15.35, 44.21),
    _Place("Taiz", "تعز", "Yemen", "اليمن", "YEM", "Taiz", 13.58, 44.02),
    _Place("Marib", "مأرب", "Yemen", "اليمن", "YEM", "Marib", 15.46, 45.33),
    _Place("Hodeidah", "الحديدة", "Yemen", "اليمن", "YEM", "Al Hudaydah", 14.80, 42.95),
    _Place("Tripoli", "طرابلس", "Libya", "ليبيا", "LBY", "Tripoli", 32.89, 13.19),
    _Place("Benghazi", "بنغازي", "Libya", "ليبيا", "LBY", "Benghazi", 32.12, 20.07),
    _Place("Tyre", "صور", "Lebanon", "لبنان", "LBN", "South", 33.27, 35.20),
    _Place("Nabatieh", "النبطية", "Lebanon", "لبنان", "LBN", "Nabatieh", 33.38, 35.48),
    _Place("El Fasher", "الفاشر", "Sudan", "السودان", "SDN", "North Darfur", 13.63, 25.35),
    _Place("Omdurman", "أم درمان", "Sudan", "السودان", "SDN", "Khartoum", 15.64, 32.48),
)

# (event_type, sub_event_type, Arabic verb phrase, actor1, actor1_ar, actor2, actor2_ar, weapon)
KINDS: tuple[tuple[str, str, str, str, str, str | None, str | None, str | None], ...] = (
    ("Explosions/Remote violence", "Air/drone strike", "غارة جوية استهدفت", "Unidentified Military Forces",
     "طائرات حربية", "Civilians", "مدنيين", "aircraft"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "قصف صاروخي استهدف",
     "Unidentified Armed Group", "مسلحون مجهولون", "Military Forces", "القوات الحكومية", "rocket"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "انفجار عبوة ناسفة في",
     "Unidentified Armed Group", "مجهولون", "Civilians", "مدنيين", "IED"),
    ("Battles", "Armed clash", "اشتباكات مسلحة في", "Military Forces", "القوات الحكومية",
     "Rebel Group", "مسلحين", "small arms"),
    ("Violence against civilians", "Attack", "هجوم مسلح على مدنيين في", "Unidentified Armed Group",
     "مسلحون", "Civilians", "مدنيين", "small arms"),
    ("Protests", "Peaceful protest", "تظاهرة سلمية في", "Protesters", "متظاهرون", None, None, None),
    ("Riots", "Violent demonstration", "أعمال شغب في", "Rioters", "محتجون غاضبون", "Police Forces", "الشرطة", None),
    ("Strategic developments", "Disrupted weapons use", "ضبط أسلحة ومتفجرات في", "Military Forces",
     "القوات الأمنية", None, None, None),
)

SOURCES: tuple[str, ...] = ("AFP", "Asharq Al-Awsat", "Al Jazeera", "Reuters", "Anadolu", "SANA", "Saba")

MONTHS_AR: tuple[str, ...] = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)

NUMBER_WORDS: dict[int, str] = {
    1: "شخص واحد", 2: "شخصان", 3: "ثلاثة أشخاص", 4: "أربعة أشخاص", 5: "خمسة أشخاص", 6: "ستة أشخاص",
    7: "سبعة أشخاص", 8: "ثمانية أشخاص", 9: "تسعة أشخاص", 10: "عشرة أشخاص",
}


def _text(style: int, day: date, phrase: str, place: _Place, killed: int, injured: int,
          actor_ar: str) -> tuple[str, list[Evidence]]:
    parts: list[str] = []
    spans: list[Evidence] = []

    def add(text: str, field_name: str | None = None) -> None:
        start = sum(len(p) for p in parts)
        parts.append(text)
        if field_name:
            spans.append(Evidence(field_name, start, start + len(text), text, rule="synthetic"))

    add("أفادت مصادر محلية بوقوع " if style == 0 else "قال مسؤول أمني إن ")
    add(phrase, "event_type")
    add(" ")
    add(place.name_ar, "location")
    add(" في ")
    add(place.country_ar, "country")
    add(" يوم " if style == 0 else " مساء ")
    add(f"{day.day} {MONTHS_AR[day.month - 1]} {day.year}", "event_date")
    add("، ")
    if killed:
        add("ما أسفر عن مقتل " if style == 0 else "وأدى إلى سقوط ")
        add(NUMBER_WORDS[killed], "fatalities")
        if injured:
            add(" وإصابة ")
            add(NUMBER_WORDS.get(injured, f"{injured} أشخاص"), "injuries")
        add("، ")
    add("ونسبت المصادر العملية إلى " if style == 0 else "متهمًا ")
    add(actor_ar, "actor1")
    add(".")
    return "".join(parts), spans


def _build(rng: random.Random, i: int, day: date) -> list[tuple[Article, Event]]:
    place = rng.choice(PLACES)
    kind = rng.choice(KINDS)
    etype, sub, phrase, a1, a1_ar, a2, a2_ar, weapon = kind
    violent = etype not in ("Protests", "Strategic developments")
    killed = rng.choice((0, 0, 1, 2, 3, 4, 5, 7, 9)) if violent else 0
    injured = rng.choice((0, 1, 2, 3, 5, 8)) if violent else 0
    lat = round(place.lat + rng.uniform(-0.08, 0.08), 4)
    lon = round(place.lon + rng.uniform(-0.08, 0.08), 4)
    background = rng.random() < 0.1
    # About one report in six is told again by a second outlet with its own figures.
    tellings = 2 if violent and rng.random() < 0.17 else 1
    sources = rng.sample(SOURCES, tellings)
    out: list[tuple[Article, Event]] = []
    for k in range(tellings):
        k_killed = killed if k == 0 or not killed else max(1, killed + rng.choice((-1, 1)))
        text, spans = _text(k, day, phrase, place, k_killed, injured, a1_ar)
        article_id = f"syn-{i:07d}" + (f"-{k}" if k else "")
        published = day + timedelta(days=1)
        article = Article(id=article_id, text=text, published=published, title=f"{phrase} {place.name_ar}",
                          source=sources[k], url=f"https://example.org/news/{article_id}")
        event = Event(
            event_id=f"ev-{i:07d}" + (f"-{k}" if k else ""), article_id=article_id, event_date=day,
            time_precision=1, event_type=etype, sub_event_type=sub, actor1=a1, actor1_ar=a1_ar, actor2=a2,
            actor2_ar=a2_ar, country=place.country, iso3=place.iso3, admin1=place.admin1, location=place.name,
            location_ar=place.name_ar, latitude=lat, longitude=lon, geo_precision=1, fatalities=k_killed,
            injuries=injured if violent else None, weapons=(weapon,) if weapon else (), background=background,
            source=sources[k], evidence=tuple(spans),
            sources=(SourceReport(article_id=article_id, source=sources[k], url=article.url, published=published,
                                  fatalities=k_killed, injuries=injured if violent else None),),
        )
        out.append((article, event))
    return out


def synthetic(
    n: int, *, seed: int = 6, start: date = date(2023, 1, 1), days: int = 730
) -> Iterator[tuple[Article, Event]]:
    """At least ``n`` (article, event) reports over ``days`` days from ``start`` (22 places, 9 countries).

    Reports of one incident by a second outlet follow the first one and share its place, day and type.
    """
    rng = random.Random(seed)
    made = 0
    i = 0
    while made < n:
        day = start + timedelta(days=rng.randrange(days))
        for pair in _build(rng, i, day):
            yield pair
            made += 1
        i += 1
