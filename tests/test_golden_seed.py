"""Golden test: the seed wire report (../shared/seed) coded as the analyst coded it."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest

import rasd
from rasd.records import Event

SEED = "ain-al-asad-2024-08-06"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def seed(seed_dir):  # type: ignore[no-untyped-def]
    text = (seed_dir / f"{SEED}.txt").read_text("utf-8")
    expected = json.loads((seed_dir / f"{SEED}.expected.json").read_text("utf-8"))
    events = rasd.extract(text, published=expected["published"], article_id=SEED)
    return text, expected, events


def _main(events: list[Event]) -> Event:
    news = [e for e in events if not e.background and e.event_type != "Strategic developments"]
    assert len(news) == 1, [e.to_dict() for e in news]
    return news[0]


def test_golden_seed_main_event_fields(seed) -> None:  # type: ignore[no-untyped-def]
    _, expected, events = seed
    want = expected["events"][0]
    got = _main(events)
    assert got.event_date == date.fromisoformat(want["event_date"])
    assert got.time_precision == want["time_precision"]
    assert got.event_type == want["event_type"]
    assert got.sub_event_type == want["sub_event_type"]
    assert got.country == want["country"]
    assert got.admin1 == want["admin1"]
    assert got.geo_precision == want["geo_precision"]
    assert got.latitude is not None and got.longitude is not None
    assert _km(got.latitude, got.longitude, want["latitude"], want["longitude"]) <= 25
    assert got.fatalities == want["fatalities"]
    assert got.injuries == want["injuries"]
    assert got.background is False
    assert got.actor1 == want["actor1"]
    assert got.actor2 == want["actor2"]
    assert "rocket" in got.weapons


def test_golden_seed_claim_kept_apart_from_blame(seed) -> None:  # type: ignore[no-untyped-def]
    _, _, events = seed
    got = _main(events)
    assert len(got.claimed_by) == 1 and "Al-Thawriyoun" in got.claimed_by[0]
    assert "Islamic Resistance in Iraq" in got.claimed_by[0]
    # The Pentagon blamed pro-Iran forces: an attribution, not a claim.
    assert len(got.attributed_to) == 1
    blame = got.attributed_to[0]
    assert blame.by is not None and "United States" in blame.by
    assert blame.actor == "Islamic Resistance in Iraq"


def test_golden_seed_background_events(seed) -> None:  # type: ignore[no-untyped-def]
    _, _, events = seed
    jordan = [e for e in events if e.country == "Jordan"]
    assert len(jordan) == 1
    j = jordan[0]
    assert j.background and j.fatalities == 3
    assert (j.event_date, j.time_precision) == (date(2024, 1, 15), 3)
    assert j.sub_event_type == "Air/drone strike"
    us_strike = [e for e in events if e.actor1 == "Military Forces of the United States" and e.sub_event_type == "Air/drone strike"]
    assert len(us_strike) == 1
    s = us_strike[0]
    assert s.background and s.fatalities == 4 and s.country == "Iraq"
    assert s.event_date == date(2024, 7, 30) and s.time_precision in (1, 2)


def test_golden_seed_no_event_from_troop_figures(seed) -> None:  # type: ignore[no-untyped-def]
    text, _, events = seed
    troops = text.index("ويتمركز")
    assert all(ev.start < troops for e in events for ev in e.evidence)
    assert all(e.fatalities != 2500 and e.injuries != 2500 for e in events)


def test_golden_seed_evidence_spans_point_at_text(seed) -> None:  # type: ignore[no-untyped-def]
    text, _, events = seed
    for e in events:
        assert e.evidence, e.event_id
        for ev in e.evidence:
            assert text[ev.start: ev.end] == ev.text
    main = _main(events)
    fields = {ev.field for ev in main.evidence}
    assert {"event_type", "event_date", "location", "injuries", "claimed_by", "attributed_to"} <= fields


def test_golden_seed_event_ids_stable(seed) -> None:  # type: ignore[no-untyped-def]
    text, expected, events = seed
    again = rasd.extract(text, published=expected["published"], article_id=SEED)
    assert [e.event_id for e in again] == [e.event_id for e in events]
    assert len({e.event_id for e in events}) == len(events)


def test_golden_seed_disrupted_weapons_and_assassinations(seed) -> None:  # type: ignore[no-untyped-def]
    _, _, events = seed
    disrupted = [e for e in events if e.sub_event_type == "Disrupted weapons use"]
    assert len(disrupted) == 1 and disrupted[0].actor1 == "Military Forces of Iraq"
    assert disrupted[0].location == _main(events).location and disrupted[0].geo_precision == 2
    places = {e.country for e in events if e.background and e.fatalities == 1}
    assert {"Iran", "Lebanon"} <= places
