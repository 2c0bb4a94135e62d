"""Cross-article event merging: reports of one incident from several outlets become one event.

A *report* is one article's event (as the extractor coded it) together with its
:class:`~rasd.records.SourceReport`. A *canonical* event is what the database shows: it keeps the
``event_id`` of its first report for ever, every source's own figures in ``sources``, low/best/high
fatalities, and ``source`` = the outlets joined with "; " (as ACLED does).

Two reports are merged only when nothing the evidence says separates them:

* the same ``event_type`` (the sub-type may differ between outlets: "Suicide bomb" / "Remote explosive");
* both dated, and the date windows implied by ``time_precision`` overlap (1: the day itself,
  2: ±3 days, 3: the calendar month) — two exact days that differ never merge;
* the same country and first-level region when both are known;
* the same place: when both name a town or site (geo precision 1 or 2) the names must agree or the
  coordinates must lie within :data:`SAME_SITE_KM`; a vaguer report (region, precision 3) must lie
  within the other's region;
* compatible actors: equal, or one side unknown / "Unidentified ..." (for Battles the two sides may be
  listed in either order);
* never two events of the same article (the extractor already said they differ);
* and something positively links them: the same town or site (by name, or within :data:`SAME_SITE_KM`);
  or, for two region-level reports, the same region, the same exact day and the same named actor. A
  region-level report is never folded into a town-level one.
"""

from __future__ import annotations

import calendar
import math
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from rasd.records import Article, Event, SourceReport
from rasd.text.normalize import norm

SAME_SITE_KM = 3.0
"""Two differently named sites closer than this are one place (spelling variants of a town)."""
NEAR_KM = 30.0
"""How far a report «near X» (geo precision 2) may lie from the other report's place."""
WEEK_DAYS = 3
"""Half-width of the window of a time_precision-2 date (ACLED records the middle of the week)."""

GENERIC_ACTOR_PREFIXES: tuple[str, ...] = ("unidentified", "unknown")

_FILL_FIELDS: tuple[str, ...] = (
    "actor1", "actor1_ar", "inter1", "assoc_actor_1", "actor2", "actor2_ar", "inter2", "assoc_actor_2",
    "country", "iso3", "admin1", "admin2", "location", "location_ar", "latitude", "longitude",
    "geo_precision", "notes",
)
_PLACE_FIELDS: tuple[str, ...] = (
    "location", "location_ar", "latitude", "longitude", "geo_precision", "admin1", "admin2",
)


def date_window(event: Event) -> tuple[date, date] | None:
    """The days an event may have happened on, from its date and time precision (None: undated)."""
    d = event.event_date
    if d is None:
        return None
    precision = event.time_precision or 1
    if precision <= 1:
        return d, d
    if precision == 2:
        return d - timedelta(days=WEEK_DAYS), d + timedelta(days=WEEK_DAYS)
    last = calendar.monthrange(d.year, d.month)[1]
    return d.replace(day=1), d.replace(day=last)


def distance_km(a: Event, b: Event) -> float | None:
    """Great-circle distance between two events, None when either has no coordinates."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _fold(value: str | None) -> str:
    """Case-, accent- and Arabic-spelling-insensitive form of a name."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKD", norm(value).casefold())
    return "".join(ch for ch in text if ch.isalnum())


def place_keys(event: Event) -> tuple[str | None, str | None]:
    """The folded English and Arabic place names that :func:`separation` compares (for indexing)."""
    return _fold(event.location) or None, _fold(event.location_ar) or None


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and _fold(a) == _fold(b)


def _differ(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and _fold(a) != _fold(b)


def _generic(actor: str | None) -> bool:
    return not actor or actor.strip().casefold().startswith(GENERIC_ACTOR_PREFIXES)


def _actor_ok(a: str | None, b: str | None) -> bool:
    return _generic(a) or _generic(b) or _same(a, b)


def _same_place_name(a: Event, b: Event) -> bool:
    return _same(a.location, b.location) or _same(a.location_ar, b.location_ar)


def _place_conflict(a: Event, b: Event) -> str | None:
    if _differ(a.iso3, b.iso3) or (not (a.iso3 and b.iso3) and _differ(a.country, b.country)):
        return "different countries"
    if _differ(a.admin1, b.admin1):
        return "different regions"
    pa, pb = a.geo_precision or 3, b.geo_precision or 3
    named_a = pa <= 2 and bool(a.location or a.location_ar)
    named_b = pb <= 2 and bool(b.location or b.location_ar)
    dist = distance_km(a, b)
    if named_a and named_b:
        if _same_place_name(a, b) or (dist is not None and dist <= SAME_SITE_KM):
            return None
        return "different places"
    if dist is not None and pa <= 2 and pb <= 2 and dist > NEAR_KM:
        return "too far apart"
    return None


def _actor_conflict(a: Event, b: Event) -> str | None:
    if a.event_type == "Battles":
        sides_a = {_fold(x) for x in (a.actor1, a.actor2) if not _generic(x)}
        sides_b = {_fold(x) for x in (b.actor1, b.actor2) if not _generic(x)}
        if len(sides_a) == 2 and len(sides_b) == 2 and sides_a != sides_b:
            return "different sides"
        if sides_a and sides_b and not sides_a & sides_b:
            return "different sides"
        return None
    if not _actor_ok(a.actor1, b.actor1):
        return "different actor1"
    if not _actor_ok(a.actor2, b.actor2):
        return "different actor2"
    return None


def _article_ids(event: Event) -> set[str]:
    ids = {s.article_id for s in event.sources}
    if event.article_id:
        ids.add(event.article_id)
    return ids


def _linked(a: Event, b: Event) -> bool:
    """Positive evidence that two compatible reports tell the same incident (compatibility alone is not
    enough: two vague reports «somewhere in Syria this week» may be any two incidents)."""
    pa, pb = a.geo_precision or 3, b.geo_precision or 3
    if pa <= 2 and pb <= 2:
        dist = distance_km(a, b)
        return _same_place_name(a, b) or (dist is not None and dist <= SAME_SITE_KM)
    if pa <= 2 or pb <= 2:
        return False  # a region-level report cannot be pinned to one town's incident
    exact_day = (a.time_precision or 1) == 1 and (b.time_precision or 1) == 1
    same_region = _same(a.admin1, b.admin1) or (not a.admin1 and not b.admin1 and _same_place_name(a, b))
    same_actor = any(not _generic(x) and (_same(x, b.actor1) or _same(x, b.actor2)) for x in (a.actor1, a.actor2))
    return exact_day and same_region and same_actor


def separation(a: Event, b: Event) -> str | None:
    """Why ``a`` and ``b`` cannot be one event (None: they may be merged)."""
    if a.event_type != b.event_type:
        return "different event types"
    if _article_ids(a) & _article_ids(b):
        return "same article"
    wa, wb = date_window(a), date_window(b)
    if wa is None or wb is None:
        return "undated"
    if wa[1] < wb[0] or wb[1] < wa[0]:
        return "different days"
    conflict = _place_conflict(a, b) or _actor_conflict(a, b)
    if conflict:
        return conflict
    return None if _linked(a, b) else "nothing links them"


def compatible(a: Event, b: Event) -> bool:
    return separation(a, b) is None


def merge_score(canonical: Event, report: Event) -> float:
    """How well a compatible report fits a canonical event (higher is better)."""
    score = 0.0
    if _same_place_name(canonical, report):
        score += 3.0
    dist = distance_km(canonical, report)
    if dist is not None:
        score += max(0.0, 1.0 - dist / NEAR_KM)
    if canonical.event_date == report.event_date:
        score += 2.0
    for x, y in ((canonical.actor1, report.actor1), (canonical.actor2, report.actor2)):
        if _same(x, y):
            score += 1.0
    if canonical.sub_event_type == report.sub_event_type:
        score += 0.5
    return score


def best_match(candidates: Iterable[Event], report: Event) -> Event | None:
    """The compatible canonical event that fits ``report`` best (ties: the oldest, i.e. first listed)."""
    best: Event | None = None
    best_score = -1.0
    for cand in candidates:
        if separation(cand, report) is not None:
            continue
        score = merge_score(cand, report)
        if score > best_score:
            best, best_score = cand, score
    return best


def source_report(event: Event, article: Article | None) -> SourceReport:
    """One outlet's version of ``event``: its own figures, claims and blame."""
    return SourceReport(
        article_id=(article.id if article else event.article_id) or "",
        source=(article.source if article else None) or event.source,
        url=article.url if article else None,
        published=article.published if article else None,
        fatalities=event.fatalities,
        injuries=event.injuries,
        claimed_by=tuple(event.claimed_by),
        attributed_to=tuple(event.attributed_to),
    )


def _median_low(values: Sequence[int]) -> int:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def _unique(items: Iterable[object]) -> tuple:
    return tuple(dict.fromkeys(items))


def _figures(sources: Sequence[SourceReport]) -> dict[str, object]:
    deaths = [s.fatalities for s in sources if s.fatalities is not None]
    hurt = [s.injuries for s in sources if s.injuries is not None]
    return {
        "fatalities": _median_low(deaths) if deaths else None,
        "fatalities_low": min(deaths) if deaths else None,
        "fatalities_high": max(deaths) if deaths else None,
        "injuries": _median_low(hurt) if hurt else None,
        "source": "; ".join(_unique(s.source for s in sources if s.source)) or None,
    }


def start_event(report: Event, source: SourceReport, event_id: str | None = None) -> Event:
    """A canonical event made of one report (its id is the report's unless given)."""
    return report.replace(
        event_id=event_id or report.event_id, article_id=source.article_id or report.article_id,
        sources=(source,), **_figures((source,)),
    )


def add_report(canonical: Event, report: Event, source: SourceReport) -> Event:
    """``canonical`` with one more outlet's report folded in; the event_id never changes.

    Fatalities: best = the median of the sources' figures (the lower middle one), low/high = the extremes.
    Missing fields are filled from the report; a more precise place or date replaces a vaguer one.
    """
    sources = canonical.sources + (source,)
    changes: dict[str, object] = dict(_figures(sources))
    changes["sources"] = sources
    for name in _FILL_FIELDS:
        if getattr(canonical, name) is None and getattr(report, name) is not None:
            changes[name] = getattr(report, name)
    if (report.geo_precision or 9) < (canonical.geo_precision or 9):
        changes.update({name: getattr(report, name) for name in _PLACE_FIELDS if getattr(report, name) is not None})
    if report.event_date and (report.time_precision or 9) < (canonical.time_precision or 9):
        changes["event_date"] = report.event_date
        changes["time_precision"] = report.time_precision
    changes["claimed_by"] = _unique(canonical.claimed_by + report.claimed_by)
    changes["attributed_to"] = _unique(canonical.attributed_to + report.attributed_to)
    changes["weapons"] = _unique(canonical.weapons + report.weapons)
    changes["evidence"] = _unique(canonical.evidence + report.evidence)
    changes["background"] = canonical.background and report.background
    return canonical.replace(**changes)


def merge_reports(reports: Iterable[tuple[Event, SourceReport]]) -> list[Event]:
    """Merge reports in the order given (in memory; the store does the same against its database)."""
    merged: list[Event] = []
    for event, source in reports:
        match = best_match(merged, event)
        if match is None:
            merged.append(start_event(event, source))
        else:
            i = next(i for i, m in enumerate(merged) if m is match)
            merged[i] = add_report(match, event, source)
    return merged


__all__ = [
    "SAME_SITE_KM", "NEAR_KM", "place_keys", "date_window", "distance_km", "separation", "compatible", "merge_score",
    "best_match", "source_report", "start_event", "add_report", "merge_reports",
]
