"""Numbers in Arabic news text: words, digits of every script, duals, vague and approximate amounts.

``find_numbers(text)`` returns :class:`rasd.records.NumberMention` objects (offsets into ``text``),
sorted by position. Kinds:

* ``"cardinal"``: number words, compounds included (خمسة وعشرين، ثلاثة آلاف، مئتا ألف);
* ``"digits"``: digits of any script, with thousands separators (1,200  1.200  ١٢٠٠) or a
  following multiplier (2.5 مليون);
* ``"dual"``: a countable noun in the dual with no number word before it (صاروخين، متعاقدان) = 2;
* ``"vague"``: عشرات/مئات/آلاف/بضعة, value = lower bound, ``approximate=True``;
* ``"ratio"``: «ثمانية صواريخ من أصل 10»: value 8 (the first number); the span runs to the total,
  which is not returned on its own;
* ``"year"``: a four-digit number read as a year («عام 2015»، «في 2024»، «1436 هـ»). Years are
  RETURNED with this kind so callers can see them; a count must never be taken from a mention
  whose kind is ``"year"`` (or ``"percent"``).
* ``"percent"``: a number followed by % or في المئة.

Not returned: the day number of a date («5 آب»، «26 من شباط»: rasd.text.dates reads those),
digits joined by / - : (dates, times), weapon models (إف 16), «6ر2» decimals, ids of 9+ digits,
number words inside ordinals (الساعة الثانية عشرة، الحادي والخمسون).

``approximate`` is True after نحو، قرابة، حوالي، أكثر من، ما يزيد عن... and before على الأقل.
Digits that are part of a date or time (5/8/2024، 2024-08-05، 10:30) or of a weapon model
(إف 16) are not returned. Decimals are returned only when they make a whole number with a
multiplier (2.5 مليون). The word lists live in ``lang/ar/numbers.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import regex
import yaml

from rasd.records import NumberMention, Token
from rasd.text.normalize import norm
from rasd.text.tokens import tokenize, tokens_of

__all__ = ["find_numbers", "word_value", "number_data"]

_SEP_RE = regex.compile(r"[.,]")
_DATE_JOINERS = frozenset("/-:\\")
_ARTICLE = "ال"
_MONDAY = "اثنين"  # with the article: Monday (الاثنين), never counted


@lru_cache(maxsize=1)
def number_data() -> dict[str, Any]:
    """The parsed ``lang/ar/numbers.yaml``."""
    text = resources.files("rasd.lang.ar").joinpath("numbers.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@dataclass(frozen=True, slots=True)
class _Word:
    id: str
    value: int
    role: str


def _phrase(items: list[Any]) -> tuple[str, ...]:
    return tuple(norm(str(x)) for x in items)


class _Data:
    def __init__(self) -> None:
        d = number_data()
        self.words: dict[str, _Word] = {}
        self.vague: dict[str, _Word] = {}
        for e in d["words"]:
            w = _Word(e["id"], int(e["value"]), e["role"])
            target = self.vague if w.role == "vague" else self.words
            for f in e["forms"]:
                target.setdefault(norm(f), w)
        self.approx_before = sorted((_phrase(e["phrase"]) for e in d["approximate_before"]), key=len, reverse=True)
        self.approx_after = [_phrase(e["phrase"]) for e in d["approximate_after"]]
        self.approx_last = frozenset(p[-1] for p in self.approx_before)
        self.ratio = [_phrase(e["phrase"]) for e in d["ratio"]]
        self.year_before = {norm(w) for w in d["year_before"]["words"]}
        self.year_after = {norm(w) for w in d["year_after"]["words"]}
        self.percent = sorted((_phrase(p) for p in d["percent_after"]["phrases"]), key=len, reverse=True)
        self.models = {norm(str(w)) for w in d["model_before"]["words"]}
        self.duals: dict[str, str] = {}
        for e in d["duals"]:
            for f in e["forms"]:
                self.duals[norm(f)] = e["id"]
        self.two = {k for k, w in self.words.items() if w.id == "two"}
        self.fractions = {norm(k): float(v) for k, v in d["fractions"]["words"].items()}
        self.ordinals = frozenset(norm(w) for w in d["ordinals"]["words"])
        self.starts = frozenset(self.words) | frozenset(self.vague) | frozenset(self.duals) | frozenset(self.fractions)
        self.hundred_word = {k for k, w in self.words.items() if w.id == "hundred"}


@lru_cache(maxsize=1)
def _data() -> _Data:
    return _Data()


def _core(t: Token) -> str:
    return t.stem + t.suffix


def _is_digits(t: Token) -> bool:
    return t.norm[:1].isdecimal()


def _digits_value(s: str) -> float | None:
    """Value of an ASCII digit string with , . separators (1,200 / 1.200 / 2.5 / 1,200.5)."""
    parts = _SEP_RE.split(s)
    if len(parts) == 1:
        return int(s)
    seps = _SEP_RE.findall(s)
    if len(set(seps)) == 1 and len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
        return int("".join(parts))
    if len(parts) == 2:
        return float(parts[0] + "." + parts[1])
    if len(set(seps)) == 2 and seps[-1] != seps[0] and all(len(p) == 3 for p in parts[1:-1]):
        return float("".join(parts[:-1]) + "." + parts[-1])
    return None


def word_value(word: str) -> int | None:
    """Value of one number word, clitics allowed (وثلاثة → 3, بخمسين → 50, عشرات → 10); else None."""
    toks = tokenize(word.strip())
    if len(toks) != 1:
        return None
    t = toks[0]
    if _is_digits(t):
        v = _digits_value(t.norm)
        return int(v) if v is not None and v == int(v) else None
    d = _data()
    c = _core(t)
    w = d.words.get(c) or d.vague.get(c)
    if w is None or (_ARTICLE in t.prefixes and c == _MONDAY):
        return None
    return w.value


def _match(toks: Sequence[Token], j: int, phrase: tuple[str, ...]) -> bool:
    """Do the tokens from ``j`` spell ``phrase`` (first token may carry a proclitic)?"""
    if j < 0 or j + len(phrase) > len(toks):
        return False
    for k, p in enumerate(phrase):
        t = toks[j + k]
        if t.norm != p and not (k == 0 and _core(t) == p) and not (k > 0 and t.norm == p):
            return False
    return True


def _word_number(toks: Sequence[Token], i: int, d: _Data) -> tuple[int, int, str, bool] | None:
    """(value, end token index, kind, approximate) of a number-word sequence starting at ``i``."""
    t = toks[i]
    c = _core(t)
    n = len(toks)
    w = d.words.get(c)
    v = d.vague.get(c)
    if v is not None and (w is None or w.role == "multiplier"):
        value, j = v.value, i + 1
        if j < n and not toks[j].prefixes[:1] == ("و",):
            m = d.words.get(_core(toks[j]))
            if m is not None and m.role == "multiplier":
                value, j = value * m.value, j + 1
        return value, j, "vague", True
    if w is None:
        return None
    if i >= 1 and _core(toks[i - 1]) in d.ordinals and (w.role == "ten" or t.prefixes[:1] == ("و",)):
        return None  # الساعة الثانية عشرة، الحادي والخمسون: ordinals
    if t.prefixes == ("و", _ARTICLE):
        return None  # «والخمسون» with nothing before it we can read: the end of an ordinal
    if _ARTICLE in t.prefixes and (c == _MONDAY or w.role in ("hundred", "multiplier", "dual_multiplier")):
        return None  # الاثنين (Monday; but الاثنان is "the two"), المئة (percent), الآلاف...
    total, current, last = 0, 0, w.role
    if w.role in ("multiplier", "dual_multiplier"):
        total = w.value
        last = "mult"
    else:
        current = w.value
    j = i + 1
    while j < n:
        tj = toks[j]
        pre = tj.prefixes
        cj = _core(tj)
        # «ثلاثة آلاف و500»: digits after a thousand
        if (last == "mult" and tj.norm == "و" and j + 1 < n and toks[j + 1].start == tj.end
                and toks[j + 1].norm.isdecimal() and int(toks[j + 1].norm) < 1000):
            current += int(toks[j + 1].norm)
            j += 2
            break
        # «خمسة و عشرين»: a lone و token before a number word
        if tj.norm == "و" and j + 1 < n and _core(toks[j + 1]) in d.words and not toks[j + 1].prefixes:
            conj, step = True, 2
            tj = toks[j + 1]
            cj = _core(tj)
            pre = tj.prefixes
        else:
            conj, step = pre == ("و",), 1
        wj = d.words.get(cj)
        if wj is None:
            break
        role = wj.role
        if step == 1 and not pre and role == "ten" and last in ("unit", "teen_only"):
            current += 10
            last = "teen"
        elif step == 1 and not pre and cj in d.hundred_word and last == "unit":
            current *= 100
            last = "hundred"
        elif step == 1 and not pre and role == "multiplier" and last in ("unit", "ten", "teen", "tens", "hundred"):
            total += current * wj.value
            current = 0
            last = "mult"
        elif (conj or (pre == ("و", _ARTICLE) and _ARTICLE in t.prefixes)) and role in (
            "unit", "ten", "tens", "hundred", "teen_only"
        ) and (
            last == "mult"
            or (last in ("hundred",) and role != "hundred")
            or (last in ("unit", "teen_only") and role == "tens" and current < 10)
        ):
            current += wj.value
            last = role
        else:
            break
        j += step
    if last == "teen_only":
        return None  # أحد / اثنا alone: «أحد الجنود» is not a count
    return total + current, j, "cardinal", False


def _digit_number(toks: Sequence[Token], i: int, d: _Data) -> tuple[int, int, str, bool] | None:
    t = toks[i]
    n = len(toks)
    # parts of dates and times: 5/8/2024, 2024-08-05, 10:30
    if i + 2 < n and toks[i + 1].norm in _DATE_JOINERS and toks[i + 1].start == t.end and _is_digits(toks[i + 2]):
        return None
    if i >= 2 and toks[i - 1].norm in _DATE_JOINERS and toks[i - 1].end == t.start and _is_digits(toks[i - 2]):
        return None
    if i >= 1:
        prev = toks[i - 1]
        if prev.norm in d.models or (prev.norm == "-" and i >= 2 and toks[i - 2].norm in d.models):
            return None
        if prev.norm == "ر" and prev.end == t.start and i >= 2 and _is_digits(toks[i - 2]):
            return None  # the second half of «6ر2», read from its first half
    if len(t.norm) >= 9 and t.norm.isdecimal():
        return None  # phone numbers, ids
    if i + 1 < n and (_is_month(toks[i + 1]) or (
        i + 2 < n and _core(toks[i + 1]) == "من" and _is_month(toks[i + 2])
    )):
        return None  # the day of a date («5 آب»، «26 من شباط»): see rasd.text.dates
    j = i + 1
    if (i + 2 < n and toks[i + 1].norm == "ر" and toks[i + 1].start == t.end and toks[i + 2].start == toks[i + 1].end
            and t.norm.isdecimal() and toks[i + 2].norm.isdecimal()):
        # news-agency decimals: «6ر2 مليار» is 2.6 (the fraction is typed first)
        raw: float | None = int(toks[i + 2].norm) + int(t.norm) / 10 ** len(t.norm)
        j = i + 3
    else:
        raw = _digits_value(t.norm)
    if raw is None:
        return None
    kind = "digits"
    if j < n and not toks[j].prefixes:
        m = d.words.get(_core(toks[j]))
        if m is not None and m.role == "multiplier":
            raw *= m.value
            j += 1
    if raw != int(raw):
        return None
    value = int(raw)
    if j == i + 1 and len(t.norm) == 4 and _is_year(toks, i, value, d):
        kind = "year"
    elif (j == i + 1 and len(t.norm) == 4 and 1900 <= value <= 2100 and i >= 2 and toks[i - 1].norm == "و"
          and toks[i - 2].norm.isdecimal() and len(toks[i - 2].norm) == 4
          and _is_year(toks, i - 2, int(toks[i - 2].norm), d)):
        kind = "year"  # «2006 و2010»
    return value, j, kind, False


def _is_year(toks: Sequence[Token], i: int, value: int, d: _Data) -> bool:
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.norm in d.year_after and 1300 <= value <= 2100:
        return True
    if not 1900 <= value <= 2100:
        return False
    if i >= 1:
        prev = toks[i - 1]
        if prev.norm in d.year_before or _core(prev) in d.year_before or _is_month(prev):
            return True
    return nxt is None or not nxt.norm[:1].isalpha()


def _is_month(t: Token) -> bool:
    from rasd.text.dates import month_words  # local import: dates imports numbers' helpers lazily

    return _core(t) in month_words()


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in ``text`` (see the module docstring for the kinds)."""
    d = _data()
    toks = tokens_of(text)
    n = len(toks)
    out: list[NumberMention] = []
    i = 0
    starts = d.starts
    while i < n:
        t = toks[i]
        if (t.stem + t.suffix if t.suffix else t.stem) not in starts and not t.norm[:1].isdecimal():
            i += 1
            continue
        if t.stem in d.fractions and i + 1 < n and not toks[i + 1].prefixes:  # «نصف مليون»
            m = d.words.get(_core(toks[i + 1]))
            if m is not None and m.role == "multiplier":
                value = int(m.value * d.fractions[t.stem])
                out.append(_mention(text, toks, i, i + 2, value, "cardinal", _approx_before(toks, i, d)))
                i += 2
                continue
        found = _digit_number(toks, i, d) if _is_digits(t) else _word_number(toks, i, d)
        if found is None:
            c = _core(t)
            if c in d.duals and not _dual_adjective(toks, i):
                j = i + 1
                if j < n and _core(toks[j]) in d.two and not toks[j].prefixes:
                    j += 1
                out.append(_mention(text, toks, i, j, 2, "dual", _approx_before(toks, i, d)))
                i = j
                continue
            i += 1
            continue
        value, j, kind, approx = found
        if kind != "year":
            pct = next((p for p in d.percent if _match(toks, j, p)), None)
            if pct is not None:
                out.append(_mention(text, toks, i, j, value, "percent", False))
                i = j + len(pct)
                continue
            ratio_end = _ratio_end(toks, i, j, d)
            if ratio_end is not None:
                out.append(_mention(text, toks, i, ratio_end, value, "ratio", _approx_before(toks, i, d)))
                i = ratio_end
                continue
            approx = approx or _approx_before(toks, i, d) or _approx_after(toks, j, d)
        out.append(_mention(text, toks, i, j, value, kind, approx))
        i = j
    return out


def _dual_adjective(toks: Sequence[Token], i: int) -> bool:
    """«البلدين الشقيقين»: a definite dual right after a definite dual noun is an adjective."""
    if i < 1 or _ARTICLE not in toks[i].prefixes:
        return False
    prev = toks[i - 1]
    return _ARTICLE in prev.prefixes and prev.norm.endswith(("ين", "ان"))


def _approx_before(toks: Sequence[Token], i: int, d: _Data) -> bool:
    if i < 1:
        return False
    prev = toks[i - 1]
    if _core(prev) == "نحو":
        return True
    if prev.norm not in d.approx_last and _core(prev) not in d.approx_last:
        return False
    return any(_match(toks, i - len(p), p) for p in d.approx_before)


def _approx_after(toks: Sequence[Token], j: int, d: _Data) -> bool:
    """«5 على الأقل» or «5 أشخاص على الأقل» (one noun may come between)."""
    for k in (j, j + 1):
        if any(_match(toks, k, p) for p in d.approx_after):
            return True
        if k < len(toks) and not toks[k].norm[:1].isalpha():
            break
    return False


def _ratio_end(toks: Sequence[Token], i: int, j: int, d: _Data) -> int | None:
    """End token index of «X [noun] من أصل Y», else None."""
    for skip in (0, 1, 2):
        k = j + skip
        for p in d.ratio:
            if _match(toks, k, p):
                m = k + len(p)
                if m < len(toks):
                    total = _digit_number(toks, m, d) if _is_digits(toks[m]) else _word_number(toks, m, d)
                    if total is not None:
                        return total[1]
        if k < len(toks) and not toks[k].norm[:1].isalpha():
            break
    return None


def _mention(text: str, toks: Sequence[Token], i: int, j: int, value: int, kind: str, approx: bool) -> NumberMention:
    start, end = toks[i].start, toks[j - 1].end
    return NumberMention(value, start, end, text[start:end], approx, kind)
