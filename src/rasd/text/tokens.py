"""Tokenizer with conservative clitic splitting.

``tokenize(text)`` returns :class:`rasd.records.Token` objects whose offsets point into ``text``.
Each word is segmented into proclitics (و ف ب ل ك and the article ال, ``لل`` = ل + ال), a stem
and an enclitic pronoun (ه ها هم هما هن كم نا, and ك ي كما كن only after a closed list of
particles). Splitting is conservative: a word stays whole unless the split is well supported
(a hamza or the article after the proclitic, a stem of at least three letters, a known function
word) and the word is not in the protected list of ``lang/ar/clitics.yaml`` (names such as
بغداد، لبنان، وهران and common words such as بيان، وزير). Callers that know more names (the
gazetteer, the actor lexicon) add them with :func:`register_protected`.

Decisions look at the surface letters as well as the normalised form: ``لإيران`` splits because a
hamza follows the ل, and a final ة is never taken for the pronoun ه.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

import regex
import yaml

from rasd.records import Token
from rasd.text.normalize import _table, norm

__all__ = ["tokenize", "tokens_of", "segment", "is_protected", "register_protected", "clitic_data"]

# A word: letters, then letters, combining marks, tatweel and zero-width joiners.
# A number: digits of any script with inner separators (1,200  1.200  ١٬٢٠٠  3.5).
_TOKEN_RE = regex.compile(
    r"\d+(?:[.,\u066b\u066c]\d+)*"
    r"|[\p{L}][\p{L}\p{M}\u0640\u200c\u200d]*"
    r"|\S",
)

_HAMZA_ALEF = frozenset("أإآ")
_BARE_ALEF = frozenset("اٱ")
# After و/ف/ب/ل a bare alef starts a derived verb or noun (استهدف، انفجار، اعتقل، اتهم) or stays whole.
_DERIVED_ALEF = regex.compile(r"(?:است|ان|ا.ت|ات|اط|اد|از|اص|اض)")
_CLOSED_PRONOUNS = ("ك", "ي", "كما", "كن")
_OPEN_PRONOUNS = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")
_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ك", "ي")


@lru_cache(maxsize=1)
def _drop_table() -> dict[int, None]:
    return {k: None for k, v in _table().items() if v is None}


@lru_cache(maxsize=1)
def clitic_data() -> dict[str, Any]:
    """The parsed ``lang/ar/clitics.yaml``."""
    text = resources.files("rasd.lang.ar").joinpath("clitics.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _words(items: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for item in items:
        for w in str(item).split():
            out.add(norm(w))
    return out


class _Lexicon:
    """Normalised word sets used by the segmenter (built once, extended by register_protected)."""

    def __init__(self) -> None:
        data = clitic_data()
        self.protected: set[str] = set()
        for entry in data["protected"]:
            self.protected |= _words(entry["words"])
        self.function = _words(data["function_words"]["words"])
        self.hosts = _words(data["pronoun_hosts"]["words"])
        self.bi_ya = _words(data["bi_ya_nouns"]["words"])
        self.alef_roots = tuple(_words(data["conj_alef_roots"]["starts"]))
        self.root_h = tuple(sorted(_words(data["root_final_h"]["endings"]), key=len, reverse=True))


_LEX: _Lexicon | None = None
_CACHE: dict[str, tuple[str, tuple[str, ...], str, str]] = {}
_CACHE_MAX = 500_000


def _lex() -> _Lexicon:
    global _LEX
    if _LEX is None:
        _LEX = _Lexicon()
    return _LEX


def is_protected(word: str) -> bool:
    """Is ``word`` (normalised) a whole word whose first letters are not a proclitic («فعالية», «بيان»)?"""
    return word in _lex().protected


def register_protected(words: Iterable[str]) -> None:
    """Add names (e.g. gazetteer or actor names) that must never lose letters to clitic splitting.

    Multi-word names add each of their words. Clears the segmentation cache.
    """
    _lex().protected |= _words(words)
    _CACHE.clear()
    _LAST.clear()


def _host_split(skel: str, n: str, lex: _Lexicon) -> tuple[str, str] | None:
    """«منه»، «عليهم»، «لهم»: a closed-class host plus a pronoun, whatever the host's length."""
    for suf in _SUFFIXES:
        if len(n) > len(suf) and n.endswith(suf):
            host = n[: -len(suf)]
            if host not in lex.hosts or skel[-1] != suf[-1]:  # «منى» ends in ى, «لة» in ة
                continue
            if suf in _CLOSED_PRONOUNS and len(host) < 2:  # «بي» in «بي بي سي», «لي»
                continue
            return host, suf
    return None


def _terminal(skel: str, n: str, lex: _Lexicon, rest: bool = True) -> tuple[str, str] | None:
    """If ``n`` must not lose more prefixes: (stem, suffix); else None.

    Function words end the splitting only after a proclitic (وهو); a whole word such as كذلك
    is still split (ك + ذلك).
    """
    if n in lex.protected or (rest and n in lex.function):
        return n, ""
    host = _host_split(skel, n, lex)
    if host is not None:
        return host
    # a protected word with a pronoun: بلاده، فريقه، وجودها، فرحتهم (ة is written ت before it)
    for suf in _OPEN_PRONOUNS:
        if len(n) > len(suf) + 2 and n.endswith(suf) and (suf != "ه" or skel[-1] == "ه"):
            base = n[: -len(suf)]
            if base in lex.protected or (base[-1] == "ت" and base[:-1] + "ه" in lex.protected):
                return base, suf
    return None


def _rest_ok(skel: str, n: str, j: int, slot: str, lex: _Lexicon) -> bool:
    """May a proclitic of ``slot`` be split off before position ``j``?

    Slots: "wa" (و), "fa" (ف), "bi" (ب), "prep" (ل), "k" (ك: only before the article, a hamza or a
    function word).
    """
    rest = n[j:]
    size = len(rest)
    if size < 2:
        return False
    if rest in lex.function or (rest in lex.protected and (slot != "k" or size >= 4)):
        return True
    c = skel[j]
    if c in _HAMZA_ALEF:
        return True
    if c in _BARE_ALEF and rest.startswith("ال"):
        return size >= 4
    if slot == "k":
        return False
    if c in _BARE_ALEF:
        # ب/ل before a long word in a hamza-less alef (لاسرائيل، باعتبار); و/ف before a derived
        # verb or noun (واستهدف، وانفجار) or a long word whose و/ف is not a root letter
        # (واسرائيل but not واصلوا): واحد، واقع، فاطمة stay whole
        if slot in ("prep", "bi") and size >= 5:
            return True
        if rest.startswith(lex.alef_roots):
            return False
        return size >= 5 or (size >= 4 and _DERIVED_ALEF.match(rest) is not None)
    if slot == "bi" and c == "ي" and rest not in lex.bi_ya:
        return False  # ب never precedes a verb: بيضاء، بيكسل stay whole (but بيوم، بينبع split)
    if slot in ("prep", "bi") and rest[-1] == "ا" and not rest.endswith(("يا", "وا", "ندا", "كا")):
        # a preposition governs the genitive, never an accusative in -an: ليلا، بعضا، بيانا stay whole
        return False
    if slot == "fa":
        # ف is a root letter far more often than the conjunction: فعلت، فرضت، فقدت stay whole
        return size >= 4
    return size >= 3


def _suffix(skel: str, s: str, lex: _Lexicon) -> tuple[str, str]:
    """Split an enclitic pronoun off a stem (the caller never passes a stem that had the article)."""
    if s in lex.protected:
        return s, ""
    host = _host_split(skel, s, lex)
    if host is not None:
        return host
    for suf in _SUFFIXES:
        if len(s) <= len(suf) or not s.endswith(suf):
            continue
        base = s[: -len(suf)]
        if suf in _CLOSED_PRONOUNS:
            return s, ""
        if suf == "ه" and skel[-1] != "ه":  # a taa marbuta, not the pronoun
            return s, ""
        if len(base) < 3 or base[-1] == "ا":
            return s, ""
        if suf == "نا" and base[-1] in "يو":  # فيرونا، كارولاينا، أريزونا
            return s, ""
        if suf[0] == "ه" and any(
            base.endswith(e) or s.endswith(e) or (s[-1] == "ا" and s[:-1].endswith(e)) for e in lex.root_h
        ):
            return s, ""
        return base, suf
    return s, ""


def _analyse(word: str) -> tuple[str, tuple[str, ...], str, str]:
    """(norm, prefixes, stem, suffix) of one surface word (cached)."""
    hit = _CACHE.get(word)
    if hit is not None:
        return hit
    skel = word.translate(_drop_table())
    n = skel.translate(_table())
    result: tuple[str, tuple[str, ...], str, str]
    if len(n) != len(skel) or not n or not n[0].isalpha():
        result = (n, (), n, "")
    else:
        result = (n, *_segment(skel, n))
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[word] = result
    return result


def _segment(skel: str, n: str) -> tuple[tuple[str, ...], str, str]:
    lex = _lex()
    prefixes: list[str] = []
    i = 0
    term = _terminal(skel, n, lex, rest=False)
    if term is None and n[0] in "وف" and _rest_ok(skel, n, 1, "wa" if n[0] == "و" else "fa", lex):
        prefixes.append(n[0])
        i = 1
        term = _terminal(skel[1:], n[1:], lex)
    article_done = False
    if term is None and len(n) > i + 1 and n[i] in "بلك":
        if n[i] == "ل" and n[i + 1] == "ل" and len(n) - i >= 4 and n[i + 1:] not in lex.protected:
            prefixes += ["ل", "ال"]
            i += 2
            article_done = True
        elif _rest_ok(skel, n, i + 1, {"ك": "k", "ب": "bi"}.get(n[i], "prep"), lex):
            prefixes.append(n[i])
            i += 1
            # ل + article is written لل; «لال...» is ل + a word in ا (لإلقاء without its hamza)
            article_done = n[i - 1] == "ل"
        term = _terminal(skel[i:], n[i:], lex)
    if (
        term is None
        and not article_done
        and n.startswith("ال", i)
        and skel[i] in _BARE_ALEF
        and len(n) - i >= 4
    ):
        prefixes.append("ال")
        i += 2
        term = _terminal(skel[i:], n[i:], lex)
    if prefixes and prefixes[-1] == "ال":  # a noun with the article takes no pronoun (القبلي)
        return tuple(prefixes), n[i:], ""
    if term is not None:
        return tuple(prefixes), term[0], term[1]
    stem, suf = _suffix(skel[i:], n[i:], lex)
    return tuple(prefixes), stem, suf


def segment(word: str) -> tuple[tuple[str, ...], str, str]:
    """Split one word into (normalised proclitics, normalised stem, normalised enclitic)."""
    _, prefixes, stem, suffix = _analyse(word.strip())
    return prefixes, stem, suffix


_new = object.__new__
_set = object.__setattr__


def _make_token(text: str, start: int, end: int, n: str, prefixes: tuple[str, ...], stem: str, suffix: str) -> Token:
    """Token(...) without the frozen-dataclass __init__ overhead (Token has no __post_init__)."""
    t = _new(Token)
    _set(t, "text", text)
    _set(t, "start", start)
    _set(t, "end", end)
    _set(t, "norm", n)
    _set(t, "prefixes", prefixes)
    _set(t, "stem", stem)
    _set(t, "suffix", suffix)
    return t


_LAST: list[tuple[str, tuple[Token, ...]]] = []


def _scan(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    append = out.append
    cache = _CACHE
    analyse = _analyse
    new, setattr_ = _new, _set
    for m in _TOKEN_RE.finditer(text):
        surface = m.group()
        hit = cache.get(surface)
        n, prefixes, stem, suffix = hit if hit is not None else analyse(surface)
        if not n:
            continue
        start, end = m.span()
        # inlined _make_token: this loop runs on every token of every article
        t = new(Token)
        setattr_(t, "text", surface)
        setattr_(t, "start", start)
        setattr_(t, "end", end)
        setattr_(t, "norm", n)
        setattr_(t, "prefixes", prefixes)
        setattr_(t, "stem", stem)
        setattr_(t, "suffix", suffix)
        append(t)
    return tuple(out)


def tokens_of(text: str) -> tuple[Token, ...]:
    """tokenize(text) as a tuple, memoised for the last few long texts (numbers and dates share it)."""
    if len(text) < 64:
        return _scan(text)
    for cached_text, toks in _LAST:
        if cached_text is text or cached_text == text:
            return toks
    toks = _scan(text)
    _LAST.insert(0, (text, toks))
    del _LAST[4:]
    return toks


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with offsets into ``text`` (characters that normalise away are skipped)."""
    return list(tokens_of(text))
