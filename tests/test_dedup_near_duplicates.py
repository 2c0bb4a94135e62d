"""Near-duplicate articles: wire copies republished by several Saudi papers on 2015-07-22 (SaudiNewsNet,
read in place from ../shared), small edits of one report, and the links the store keeps."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from test_store_support import pg_url, store_url  # noqa: F401 - fixtures

from rasd.records import Article
from rasd.resolve.dedup import THRESHOLD, NearDuplicateIndex, shingles, signature, similarity
from rasd.store import open_store

# The Saudi crown prince's order about the Emirati soldier killed on the Yemeni border (SPA wire story),
# printed by aljazirah first in the zip, then by almadina, alriyadh and okaz with small edits.
ROOT = "http://www.al-jazirah.com/2015/20150722/ln37.htm"
COPIES = [
    "http://www.al-madina.com/node/620501/ولي-ولي-العهد-يوجه-بمعاملة-الشهيد-الرقيب-أول-سيف-الفلاسي-الإماراتي-معاملة-السعود.html",
    "http://www.alriyadh.com/1066946",
    "http://www.okaz.com.sa/new/Issues/20150722/Con20150722785070.htm",
]

PARAGRAPH = (
    "قالت مصادر أمنية عراقية إن انتحاريا يقود سيارة مفخخة فجر نفسه صباح اليوم عند مدخل سوق شعبي في "
    "مدينة بعقوبة مركز محافظة ديالى، ما أسفر عن مقتل خمسة عشر شخصا وإصابة أكثر من ثلاثين آخرين بجروح "
    "متفاوتة. وأضافت المصادر أن قوات الأمن فرضت طوقا حول المكان ونقلت الجرحى إلى المستشفى العام في "
    "المدينة، فيما لم تعلن أي جهة مسؤوليتها عن التفجير حتى الآن."
)
OTHER = (
    "أعلنت وزارة التعليم أن العام الدراسي الجديد سيبدأ في الأسبوع الأخير من شهر أغسطس، وأن الوزارة "
    "أنهت تجهيز المدارس الجديدة في المناطق الشمالية والجنوبية، ودعت أولياء الأمور إلى تسجيل أبنائهم "
    "عبر البوابة الإلكترونية قبل نهاية الشهر الجاري لتفادي الازدحام في الأيام الأولى من الدراسة."
)


@pytest.fixture(scope="module")
def day_articles(shared_dir: Path) -> list[dict]:
    with zipfile.ZipFile(shared_dir / "data" / "saudinewsnet" / "2015-07-22.zip") as z:
        return [item for name in z.namelist() for item in json.loads(z.read(name))]


def test_dedup_links_real_wire_copies_to_the_first_print(day_articles: list[dict]) -> None:
    index = NearDuplicateIndex()
    links = {link.article_id: link for link in index.add_all((a["url"], a["content"]) for a in day_articles)}
    for url in COPIES:
        assert links[url].duplicate_of == ROOT, url
        assert links[url].similarity >= THRESHOLD
    assert ROOT not in links
    by_url = {a["url"]: a for a in day_articles}
    # every link is a real near-copy of some article: shingle overlap well above chance
    for link in list(links.values())[:60]:
        sa, sb = shingles(by_url[link.article_id]["content"]), shingles(by_url[link.duplicate_of]["content"])
        assert len(sa & sb) / len(sa | sb) > 0.5, link
    # and most articles of the day are not copies
    assert len(links) < len(day_articles) * 0.15


@pytest.mark.parametrize(
    ("edited", "linked"),
    [
        (PARAGRAPH.replace("خمسة عشر", "ستة عشر"), True),
        (PARAGRAPH.replace("صباح اليوم", "صباح الأحد"), True),
        ("(رويترز) - " + PARAGRAPH, True),
        (PARAGRAPH + " وكانت المدينة قد شهدت هجمات مماثلة.", True),
        (PARAGRAPH[: len(PARAGRAPH) // 2], False),
        (OTHER, False),
    ],
)
def test_dedup_small_edits_are_linked(edited: str, linked: bool) -> None:
    index = NearDuplicateIndex()
    assert index.add("original", PARAGRAPH) is None
    link = index.add("edited", edited)
    assert (link is not None) == linked
    if link:
        assert link.duplicate_of == "original"


def test_dedup_short_texts_are_not_compared() -> None:
    assert signature("انفجار في بغداد") is None
    index = NearDuplicateIndex()
    assert index.add("a", "انفجار في بغداد") is None
    assert index.add("b", "انفجار في بغداد") is None


def test_dedup_signature_similarity_is_symmetric() -> None:
    a, b = signature(PARAGRAPH), signature(PARAGRAPH.replace("ديالى", "صلاح الدين"))
    assert a is not None and b is not None
    assert similarity(a, b) == similarity(b, a) and 0.6 < similarity(a, b) < 1.0
    assert similarity(a, a) == 1.0


def test_dedup_store_links_copies_and_remembers_them(store_url, day_articles: list[dict]) -> None:  # noqa: F811
    by_url = {a["url"]: a for a in day_articles}

    def article(url: str) -> Article:
        a = by_url[url]
        return Article(id=url.rsplit("/", 1)[-1][:24] or "x", text=a["content"], source=a["source"], url=url)

    with open_store(store_url) as store:
        summary = store.ingest([article(ROOT), article(COPIES[0])], extractor=lambda a: [])
        assert summary.near_duplicates == 1
    with open_store(store_url) as store:  # links survive a restart: the LSH bands are in the database
        summary = store.ingest([article(u) for u in COPIES[1:]], extractor=lambda a: [])
        assert summary.near_duplicates == 2
        root_id = article(ROOT).id
        linked = store.near_duplicates(root_id)
        assert sorted(a for a, _ in linked) == sorted(article(u).id for u in COPIES)
        assert all(sim >= THRESHOLD for _, sim in linked)
        assert store.near_duplicates(article(COPIES[1]).id) == [(root_id, linked[[a for a, _ in linked].index(
            article(COPIES[1]).id)][1])]
        assert store.stats()["near_duplicates"] == 3
