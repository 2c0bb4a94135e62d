"""Date expressions resolved against the publication date (never against today's clock).

``find_dates(text, published)`` returns :class:`rasd.records.DateMention` objects sorted by
position. Precision follows ACLED: 1 a day, 2 a week or a few days, 3 a month (the date is then
the middle of the week, a Wednesday, or the 15th of the month).

Rules (word lists in ``lang/ar/dates.yaml``):

* اليوم → the publication day; أمس / البارحة → the day before; أول أمس → two days before; غدا.
* A weekday (الإثنين، يوم الأحد، ليل الثلاثاء، فجر الجمعة) → the most recent such day up to the
  publication day: the publication's own weekday is that day («الأربعاء» in a Wednesday report),
  except after «ليل»، «مساء» (``late_parts``: a report does not yet tell of its own night, so
  «ليل الثلاثاء» in a Tuesday report is the Tuesday before), and المقبل gives the next one. «أمس الإثنين» is yesterday checked against Monday: when they disagree the
  weekday wins (publication dates are often a day off).
* A part of the day before a day word joins the mention («مساء أمس الإثنين»); «ليل الاثنين
  الثلاثاء» (the night of Monday to Tuesday) is the second day.
* «الأسبوع الماضي/الفائت»: precision 2, the Wednesday of the previous Sunday-Saturday week.
  «الشهر الماضي»: precision 3. «قبل أيام»: precision 2, three days before. «قبل يومين»، «قبل ثلاثة
  أيام»: precision 1.
* Month names of every system (يناير، كانون الثاني، جانفي، غشت، Hijri months): precision 3, the
  15th; the year is the one given, else inferred: the most recent such month not after the
  publication month (strictly before with الماضي). «كانون الثاني (يناير)» is one mention.
  Ambiguous names (مارس the verb, آب/أب, صفر zero, رمضان a name) need a cue: شهر, a preposition
  such as في/خلال/منذ, a day or a year.
* Two months closing a span («بين سبتمبر ويناير الماضيين», «من مارس إلى مايو») are one mention
  dated in the middle of the span, precision 3; a chronology line's year («2008- ...») is the year
  of the day-and-month dates on that line.
* Full dates: «5 آب 2024»، «الخامس من أغسطس»، «2024-08-05»، «5/8/2024» (day first), and Hijri
  numeric dates «26/9/1436» (years 1300-1500 are read as Hijri).

With ``published=None`` relative expressions are still returned, with ``date=None``; absolute dates
without a year also get ``date=None``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import regex
import yaml

from rasd.records import DateMention, Token
from rasd.text.tokens import tokenize, tokens_of

__all__ = ["find_dates", "month_words", "date_data", "hijri_to_gregorian", "gregorian_to_hijri"]

_QUOTES = frozenset('"«»“”')
_NUMERIC_DATE = regex.compile(
    r"(?<![\d.,])(?:(?P<y1>\d{4}) ?(?P<s1>[-/.]) ?(?P<m1>\d{1,2}) ?(?P=s1) ?(?P<d1>\d{1,2})"
    r"|(?P<d2>\d{1,2}) ?(?P<s2>[-/.]) ?(?P<m2>\d{1,2}) ?(?P=s2) ?(?P<y2>\d{4}))(?![\d])"
)


@lru_cache(maxsize=1)
def date_data() -> dict[str, Any]:
    """The parsed ``lang/ar/dates.yaml``."""
    text = resources.files("rasd.lang.ar").joinpath("dates.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


# --- Hijri calendar: Umm al-Qura (hijridate) for 1343-1500 AH, else the tabular calendar ---

_HIJRI_EPOCH = dt.date(622, 7, 19).toordinal()


def _hijri_ordinal(year: int, month: int, day: int) -> int:
    return (day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30
            + _HIJRI_EPOCH - 1)


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Gregorian date of a Hijri date (Umm al-Qura calendar where it is tabulated)."""
    try:
        from hijridate import Hijri

        g = Hijri(year, month, min(day, 29) if day == 30 else day).to_gregorian()
        out = dt.date(g.year, g.month, g.day)
        return out + dt.timedelta(days=1) if day == 30 else out
    except (ImportError, ValueError, OverflowError):
        return dt.date.fromordinal(_hijri_ordinal(year, month, day))


def gregorian_to_hijri(d: dt.date) -> tuple[int, int, int]:
    """(year, month, day) of a Gregorian date (Umm al-Qura where tabulated, else tabular)."""
    try:
        from hijridate import Gregorian

        h = Gregorian(d.year, d.month, d.day).to_hijri()
        return h.year, h.month, h.day
    except (ImportError, ValueError, OverflowError):
        pass
    o = d.toordinal()
    year = (30 * (o - _HIJRI_EPOCH) + 10646) // 10631
    month = min(12, math.ceil((o - 29 - _hijri_ordinal(year, 1, 1)) / 29.5) + 1)
    month = max(1, month)
    day = o - _hijri_ordinal(year, month, 1) + 1
    return year, month, day


# --- data ---


@dataclass(frozen=True, slots=True)
class _Entry:
    id: str
    kind: str
    value: int
    extra: str = ""
    """calendar for months, context rule, unit for periods..."""
    context: str = "none"


def _key(t: Token) -> str:
    """The token without و ف ب ل ك, keeping the article: وأمس → امس, والإثنين → الاثنين."""
    return ("ال" if "ال" in t.prefixes else "") + t.stem + t.suffix


def _keys(phrase: str) -> tuple[str, ...]:
    return tuple(_key(t) for t in tokenize(phrase))


class _Phrases:
    """Token-sequence lookup: first key → [(keys, entry)] longest first."""

    def __init__(self) -> None:
        self.table: dict[str, list[tuple[tuple[str, ...], _Entry]]] = {}

    def add(self, phrase: str, entry: _Entry) -> None:
        keys = _keys(phrase)
        if keys:
            self.table.setdefault(keys[0], []).append((keys, entry))
            self.table[keys[0]].sort(key=lambda x: len(x[0]), reverse=True)

    def match(self, toks: Sequence[Token], i: int) -> tuple[_Entry, int] | None:
        if i >= len(toks):
            return None
        cands = self.table.get(_key(toks[i]))
        if not cands:
            return None
        for keys, entry in cands:
            j = i + len(keys)
            if j <= len(toks) and all(_key(toks[i + k]) == keys[k] for k in range(1, len(keys))):
                return entry, j
        return None


class _Data:
    def __init__(self) -> None:
        d = date_data()
        self.months = _Phrases()
        for e in d["months"]:
            entry = _Entry(e["id"], "month", int(e["month"]), e["calendar"], e.get("context", "none"))
            for f in e["forms"]:
                self.months.add(f, entry)
        self.weekdays = _Phrases()
        for e in d["weekdays"]:
            for f in e["forms"]:
                self.weekdays.add(f, _Entry(e["id"], "weekday", int(e["weekday"])))
        self.days = _Phrases()
        for e in d["relative_days"]:
            for f in e["forms"]:
                self.days.add(f, _Entry(e["id"], e["kind"], int(e["offset"])))
        self.periods = _Phrases()
        for e in d["relative_periods"]:
            for f in e["forms"]:
                self.periods.add(f, _Entry(e["id"], e["unit"], int(e["offset"])))
        self.parts = _Phrases()
        for f in d["day_parts"]["words"]:
            self.parts.add(f, _Entry("day_part", "part", 0))
        self.late_parts = {_keys(w) for w in d["late_parts"]["words"]}
        self.not_today = {k for w in d["today_not_before"]["words"] for k in _keys(w)}
        mm = d["month_modifiers"]
        self.mod: dict[str, str] = {}
        for name in ("past", "current", "next"):
            for w in mm[name]:
                self.mod[_keys(w)[0]] = name
        cues = d["month_cues"]
        self.month_word = {_keys(w)[0] for w in cues["month_word"]}
        self.preps = {_keys(w)[0] for w in cues["prepositions"]}
        ords = d["day_ordinals"]
        self.ord_units = {_keys(k)[0]: int(v) for k, v in ords["units"].items()}
        self.ord_tens = {_keys(k)[0]: int(v) for k, v in ords["tens"].items()}
        ago = d["ago"]
        self.ago_words = {_keys(w)[0] for w in ago["words"]}
        self.ago_units: dict[str, tuple[int, int, bool]] = {}
        for u in ago["units"]:
            for f in u["forms"]:
                self.ago_units[_keys(f)[0]] = (int(u["days"]), int(u["precision"]), bool(u.get("dual")))
        self.year_words = {_keys(w)[0] for w in ("عام", "سنة", "العام", "السنة")}
        firsts: set[str] = set()
        for table in (self.months, self.weekdays, self.days, self.periods, self.parts):
            firsts |= set(table.table)
        firsts |= self.ago_words | set(self.ord_units) | set(self.ord_tens)
        # a token can start a date only if its key is one of these (checked on the stem: fast path)
        self.first_stems = frozenset(k[2:] if k.startswith("ال") else k for k in firsts)


@lru_cache(maxsize=1)
def _data() -> _Data:
    return _Data()


@lru_cache(maxsize=1)
def month_words() -> frozenset[str]:
    """Normalised month words without the article (used by rasd.text.numbers to spot years)."""
    out: set[str] = set()
    for keys_list in _data().months.table.values():
        for keys, _ in keys_list:
            out.add(keys[0])
            out.add(keys[-1][2:] if keys[-1].startswith("ال") else keys[-1])
    return frozenset(out)


# --- resolution helpers ---


def _weekday_before(pub: dt.date, wd: int) -> dt.date:
    delta = (pub.weekday() - wd) % 7 or 7
    return pub - dt.timedelta(days=delta)


def _weekday_after(pub: dt.date, wd: int) -> dt.date:
    delta = (wd - pub.weekday()) % 7 or 7
    return pub + dt.timedelta(days=delta)


def _week_middle(pub: dt.date, offset: int) -> dt.date:
    sunday = pub - dt.timedelta(days=(pub.weekday() + 1) % 7)
    mid = sunday + dt.timedelta(days=7 * offset + 3)
    return min(mid, pub) if offset >= 0 else mid


def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def _infer_year(pub: tuple[int, int, int], md: tuple[int, int], mode: str | None, day_given: bool) -> int:
    """Year of month/day ``md`` relative to publication (y, m, d) for mode None/past/current/next."""
    y = pub[0]
    here = (pub[1], pub[2]) if day_given else (pub[1], 0)
    there = md if day_given else (md[0], 0)
    if mode == "current":
        return y
    if mode == "next":
        return y if there > here else y + 1
    if mode == "past":
        return y if there < here else y - 1
    return y if there <= here else y - 1


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    date: dt.date | None
    precision: int
    kind: str
    relative: bool


# --- scanning ---


def _day_number(toks: Sequence[Token], i: int, d: _Data) -> tuple[int, int] | None:
    """(day, next index) of «5» or «الخامس» / «الحادي عشر» / «الحادي والعشرين» at ``i``."""
    t = toks[i]
    if t.norm.isdecimal() and t.norm.isascii():
        v = int(t.norm)
        return (v, i + 1) if 1 <= v <= 31 else None
    k = _key(t)
    if k in d.ord_tens:
        return d.ord_tens[k], i + 1
    if k in d.ord_units:
        v, j = d.ord_units[k], i + 1
        if j < len(toks):
            nk = _key(toks[j])
            if nk in ("عشر", "عشره"):
                return v + 10, j + 1
            if toks[j].prefixes[:1] == ("و",) and nk in d.ord_tens and d.ord_tens[nk] >= 20:
                return v + d.ord_tens[nk], j + 1
        return v, j
    return None


def _month_at(toks: Sequence[Token], i: int, d: _Data) -> tuple[_Entry, int] | None:
    """A month name at ``i``, with «(يناير)», «/أغسطس» or a bare «أيلول» alias swallowed."""
    m = d.months.match(toks, i)
    if m is None:
        return None
    entry, j = m
    if j + 1 < len(toks) and toks[j].norm in ("(", "/", "-", '"'):
        alias = d.months.match(toks, j + 1)
        if alias is not None and alias[0].value == entry.value and alias[0].extra == entry.extra:
            k = alias[1]
            if toks[j].norm in ("(", '"'):  # «ديسمبر (كانون الأول)»، «ديسمبر «كانون الأول»»
                if k < len(toks) and toks[k].norm in (")", '"'):
                    j = k + 1
            else:
                j = k
    elif j < len(toks):
        alias = d.months.match(toks, j)  # «11 سبتمبر أيلول عام 2001»: the same month in two systems
        if alias is not None and alias[0].value == entry.value and alias[0].extra == entry.extra:
            j = alias[1]
    return entry, j


def _year_at(toks: Sequence[Token], j: int, d: _Data, hijri: bool) -> tuple[int, int] | None:
    """A year after a month: «2024», «عام 2024», «من العام 2010»."""
    k = j
    if k + 1 < len(toks) and _key(toks[k]) == "من" and _key(toks[k + 1]) in d.year_words:
        k += 1
    if k < len(toks) and _key(toks[k]) in d.year_words:
        k += 1
    if k < len(toks) and toks[k].norm.isdecimal() and toks[k].norm.isascii() and len(toks[k].norm) == 4:
        y = int(toks[k].norm)
        if (1300 <= y <= 1500) if hijri else (1000 <= y <= 2100):
            return y, k + 1
    return None


def _month_date(
    entry: _Entry, day: int | None, year: int | None, mode: str | None, pub: dt.date | None
) -> tuple[dt.date | None, bool]:
    """(date, relative) for a month (and day) with an optional explicit year."""
    hijri = entry.extra == "hijri"
    dd = day if day is not None else 15
    if year is not None:
        if hijri:
            return (hijri_to_gregorian(year, entry.value, min(dd, 30)) if dd <= 30 else None), False
        return _safe_date(year, entry.value, dd), False
    if pub is None:
        return None, True
    if hijri:
        hp = gregorian_to_hijri(pub)
        y = _infer_year(hp, (entry.value, dd), mode, day is not None)
        return (hijri_to_gregorian(y, entry.value, dd) if dd <= 30 else None), True
    y = _infer_year((pub.year, pub.month, pub.day), (entry.value, dd), mode, day is not None)
    return _safe_date(y, entry.value, dd), True


def _after_month(toks: Sequence[Token], j: int, entry: _Entry, d: _Data) -> tuple[int | None, str | None, int]:
    """Year or past/current/next modifier after a month: (year, mode, next index)."""
    y = _year_at(toks, j, d, entry.extra == "hijri")
    if y is not None:
        return y[0], None, y[1]
    if j < len(toks):
        mode = d.mod.get(_key(toks[j]))
        if mode is not None:
            return None, mode, j + 1
    return None, None, j


def _scan_full_date(toks: Sequence[Token], i: int, d: _Data, pub: dt.date | None) -> tuple[_Found, int] | None:
    day = _day_number(toks, i, d)
    if day is None:
        return None
    dv, j = day
    if j < len(toks) and _key(toks[j]) == "من":
        j += 1
    if j + 1 < len(toks) and _key(toks[j]) in d.month_word and d.months.match(toks, j + 1) is not None:
        j += 1  # «العاشر من شهر شعبان»
    month = _month_at(toks, j, d)
    if month is not None:
        entry, k = month
        year, mode, k = _after_month(toks, k, entry, d)
        date, relative = _month_date(entry, dv, year, mode, pub)
        return _Found(toks[i].start, toks[k - 1].end, date, 1, "absolute" if year else "day_month", relative), k
    period = d.periods.match(toks, j)
    if period is not None and period[0].kind == "month":
        entry, k = period
        date = None
        if pub is not None:
            y, m = _month_shift(pub.year, pub.month, entry.value)
            date = _safe_date(y, m, dv)
        return _Found(toks[i].start, toks[k - 1].end, date, 1, "day_month", True), k
    return None


def _after_late_part(toks: Sequence[Token], i: int, d: _Data) -> bool:
    """Is the weekday at ``i`` preceded by «ليل», «مساء», «ليل يوم»...?"""
    return any(i >= len(k) and tuple(_key(t) for t in toks[i - len(k): i]) == k for k in d.late_parts)


def _day_word(toks: Sequence[Token], i: int, d: _Data, pub: dt.date | None) -> tuple[_Found, int] | None:
    """اليوم/أمس/أول أمس/غدا or a weekday at ``i`` (with a weekday after a relative day)."""
    rel = d.days.match(toks, i)
    if rel is not None:
        entry, j = rel
        if entry.kind == "today" and j < len(toks) and _key(toks[j]) in d.not_today:
            return None
        if (entry.kind == "today" and i >= 1 and j < len(toks) and toks[i - 1].norm in _QUOTES
                and toks[j].norm in _QUOTES):
            return None  # «اليوم» the newspaper
        date = pub + dt.timedelta(days=entry.value) if pub is not None else None
        wd = d.weekdays.match(toks, j)
        if wd is None and j + 2 < len(toks) and toks[j].norm == "(":  # «أمس (الأربعاء)»
            inner = d.weekdays.match(toks, j + 1)
            if inner is not None and inner[1] < len(toks) and toks[inner[1]].norm == ")":
                wd = inner[0], inner[1] + 1
        if wd is not None:
            j = wd[1]
            if pub is not None and date is not None and date.weekday() != wd[0].value:
                # the weekday wins: publication dates are often a day off (crawl or print date)
                date = pub if pub.weekday() == wd[0].value else _weekday_before(pub, wd[0].value)
                if entry.kind == "today" and date == pub - dt.timedelta(days=7):
                    date = pub
        return _Found(toks[i].start, toks[j - 1].end, date, 1, entry.kind, True), j
    wd = d.weekdays.match(toks, i)
    if wd is not None:
        entry, j = wd
        mode = d.mod.get(_key(toks[j])) if j < len(toks) else None
        date = None
        if pub is not None:
            date = _weekday_after(pub, entry.value) if mode == "next" else _weekday_before(pub, entry.value)
            if mode is None and pub.weekday() == entry.value and not _after_late_part(toks, i, d):
                date = pub  # «الأربعاء» in a Wednesday report: today
        if mode is not None:
            j += 1
        return _Found(toks[i].start, toks[j - 1].end, date, 1, "weekday", True), j
    return None


def _period(toks: Sequence[Token], i: int, d: _Data, pub: dt.date | None) -> tuple[_Found, int] | None:
    p = d.periods.match(toks, i)
    if p is None:
        return None
    entry, j = p
    date: dt.date | None = None
    if entry.kind == "week":
        precision = 2
        date = _week_middle(pub, entry.value) if pub is not None else None
    elif entry.kind == "month":
        precision = 3
        if pub is not None:
            y, m = _month_shift(pub.year, pub.month, entry.value)
            date = dt.date(y, m, 15)
    else:
        precision = 2
        date = pub + dt.timedelta(days=entry.value) if pub is not None else None
    kind = {"week": "week", "month": "month", "days": "days"}[entry.kind]
    return _Found(toks[i].start, toks[j - 1].end, date, precision, kind, True), j


def _ago(toks: Sequence[Token], i: int, d: _Data, pub: dt.date | None) -> tuple[_Found, int] | None:
    if _key(toks[i]) not in d.ago_words or i + 1 >= len(toks):
        return None
    from rasd.text.numbers import word_value

    j = i + 1
    unit = d.ago_units.get(_key(toks[j]))
    count = 1
    if unit is None:
        n = word_value(toks[j].text)
        if n is None or n > 1000 or j + 1 >= len(toks):
            return None
        unit = d.ago_units.get(_key(toks[j + 1]))
        if unit is None or unit[2]:
            return None
        count, j = n, j + 1
    elif unit[2] is False and _key(toks[j]) in ("ايام", "اسابيع", "اشهر", "شهور"):
        return None  # «قبل أيام» is a period (relative_periods), «منذ أشهر» too vague
    if j + 1 < len(toks) and toks[j + 1].norm[:1].isdecimal():
        return None  # «منذ عام 2001», «قبل عام 2011»: a year, not a duration
    days, precision, _ = unit
    date = pub - dt.timedelta(days=days * count) if pub is not None else None
    if precision == 3 and date is not None:
        date = date.replace(day=15)
    return _Found(toks[i].start, toks[j].end, date, precision, "ago", True), j + 1


def _month_only(toks: Sequence[Token], i: int, d: _Data, pub: dt.date | None) -> tuple[_Found, int] | None:
    m = _month_at(toks, i, d)
    if m is None:
        return None
    entry, j = m
    year, mode, k = _after_month(toks, j, entry, d)
    if entry.context != "none" and year is None:
        prev = _key(toks[i - 1]) if i >= 1 else ""
        cue = prev in d.month_word or (entry.context == "preposition" and (prev in d.preps or mode is not None))
        aliased = j > i + 1 and toks[j - 1].norm in (")",) or (j > i + 1 and toks[i + 1].norm == "/")
        if not (cue or aliased):
            return None
    date, relative = _month_date(entry, None, year, mode, pub)
    return _Found(toks[i].start, toks[k - 1].end, date, 3, "month", relative), k


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``published`` (see module docstring)."""
    d = _data()
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for m in _NUMERIC_DATE.finditer(text):
        if m.group("y1"):
            y, mo, dd = int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))
        else:
            y, mo, dd = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
        date = None
        if 1900 <= y <= 2100:
            date = _safe_date(y, mo, dd)
        elif 1300 <= y <= 1500 and 1 <= mo <= 12 and 1 <= dd <= 30:  # «26/9/1436هـ»
            date = hijri_to_gregorian(y, mo, dd)
        if date is not None:
            found.append(_Found(m.start(), m.end(), date, 1, "absolute", False))
            taken.append((m.start(), m.end()))
    toks = tokens_of(text)
    first_stems = d.first_stems
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if (t.stem + t.suffix if t.suffix else t.stem) not in first_stems and not t.norm[:1].isdecimal():
            i += 1
            continue
        if taken and any(a <= t.start < b for a, b in taken):
            i += 1
            continue
        start_i = i
        # a part of the day (مساء، ليل، فجر يوم...) joins a following day word
        part = d.parts.match(toks, i)
        if part is not None:
            hit = _day_word(toks, part[1], d, published)
            if hit is not None:
                f, j = hit
                f.start = t.start
                nxt = d.weekdays.match(toks, j) if f.date is not None else None
                if nxt is not None and f.date is not None and nxt[0].value == (f.date.weekday() + 1) % 7:
                    # «ليل الاثنين الثلاثاء»: the night of Monday to Tuesday, reported as the Tuesday
                    f.date, f.end, j = f.date + dt.timedelta(days=1), toks[nxt[1] - 1].end, nxt[1]
                found.append(f)
                i = j
                continue
        for scan in (_scan_full_date, _day_word, _period, _ago, _month_only):
            hit = scan(toks, i, d, published)
            if hit is not None:
                found.append(hit[0])
                i = hit[1]
                break
        if i == start_i:
            i += 1
    found.sort(key=lambda f: (f.start, -f.end))
    out: list[DateMention] = []
    last_end = -1
    for f in found:
        if f.start < last_end:
            continue
        if f.kind == "day_month" and f.date is not None:
            f = _line_year(text, f)
        if f.kind in ("day_month", "absolute") and f.date is not None:
            f = _widen_to_range(text, f)
        out.append(DateMention(f.start, f.end, text[f.start:f.end], f.date, f.precision, f.kind, f.relative))
        last_end = f.end
    return _month_ranges(text, out)


def _month_ranges(text: str, dates: list[DateMention]) -> list[DateMention]:
    """«بين سبتمبر ويناير الماضيين», «من مارس إلى مايو»: two months closing a span are one
    mention dated in the middle of the span, precision 3."""
    out: list[DateMention] = []
    i = 0
    while i < len(dates):
        a = dates[i]
        b = dates[i + 1] if i + 1 < len(dates) else None
        if (b is not None and a.kind == "month" and b.kind == "month" and a.date and b.date
                and _span_words()[0].search(text[max(0, a.start - 20): a.start])
                and _span_words()[1].match(text[a.end: b.start])):
            first = a.date if a.date <= b.date else a.date.replace(year=a.date.year - 1)
            middle = first + (b.date - first) / 2
            out.append(DateMention(a.start, b.end, text[a.start:b.end], middle, 3, "range", a.relative))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


@lru_cache(maxsize=1)
def _span_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The words that open a span and join its ends (``day_ranges`` in dates.yaml), for months."""
    data = date_data()["day_ranges"]
    starts, joins = _alternation(data["starts"]), _alternation(data["joins"])
    return re.compile(rf"(?:^|\s)(?:{starts})\s*$"), re.compile(rf"^\s*(?:{joins})?\s*$")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _range_re() -> re.Pattern[str]:
    data = date_data()["day_ranges"]
    starts, joins = _alternation(data["starts"]), _alternation(data["joins"])
    return re.compile(rf"(?:{starts})\s+(\d{{1,2}})\s*(?:{joins})\s*$")


_LINE_YEAR = re.compile(r"[\s*•\-–]*((?:19|20)\d\d)\s*[-–:]")


def _line_year(text: str, f: _Found) -> _Found:
    """«2008- تسعة قتلى في اشتباكات ... في 25 يوليو»: in a chronology, a year heading the line is the
    year of the dates on it."""
    assert f.date is not None
    line_start = text.rfind("\n", 0, f.start) + 1
    m = _LINE_YEAR.match(text, line_start)
    if m is None or m.end() > f.start:
        return f
    try:
        date = f.date.replace(year=int(m.group(1)))
    except ValueError:
        return f
    return _Found(f.start, f.end, date, f.precision, f.kind, f.relative)


def _widen_to_range(text: str, f: _Found) -> _Found:
    """«بين 20 و31 يوليو»: the day-and-month date closes a span that starts earlier."""
    assert f.date is not None
    m = _range_re().search(text[max(0, f.start - 40): f.start])
    if m is None:
        return f
    first = int(m.group(1))
    if not 1 <= first < f.date.day:
        return f
    start = f.date.replace(day=first)
    span = (f.date - start).days
    middle = start + dt.timedelta(days=span // 2)
    precision = 2 if span <= 7 else 3
    return _Found(max(0, f.start - 40) + m.start(), f.end, middle, precision, "range", f.relative)
