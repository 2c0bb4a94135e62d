"""Loading language data and matching its phrases against Arabic text.

Lexicon files live in ``rasd/lang/ar``. Phrase matching works on words of the normalised
text: each word yields a few candidate keys (itself, and itself without the proclitics
و ف ب ل ك and the article ال, and without a final tanween alef), and a phrase matches a run of
words whose keys contain the phrase's words. A phrase word ending in ``*`` matches any key
that starts with it (``استهدف*`` matches استهدفت، استهدفوا...).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Generic, TypeVar

import regex
import yaml

from rasd.text.normalize import Normalized, norm, normalize

T = TypeVar("T")

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_MIN_STEM = 2


@cache
def word_list(name: str) -> frozenset[str]:
    """A closed-class word list of ``lang/ar/grammar.yaml``, normalised."""
    return frozenset(norm(w) for w in load_data("grammar.yaml")[name]["words"])


@cache
def _prefixes() -> tuple[str, ...]:
    """Proclitic sequences that may stand before a lexicon word, longest first."""
    return tuple(sorted(word_list("proclitics"), key=len, reverse=True))


@cache
def load_data(name: str) -> Any:
    """Parse a data file from ``rasd/lang/ar`` (YAML, JSON or JSONL)."""
    text = resources.files("rasd.lang.ar").joinpath(name).read_text("utf-8")
    if name.endswith(".jsonl"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if name.endswith(".json"):
        return json.loads(text)
    return yaml.safe_load(text)


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> tuple[str, ...]:
    """Candidate lexicon keys for one normalised word (itself, without clitics, without tanween)."""
    keys = [word]
    for p in _prefixes():
        if word.startswith(p) and len(word) - len(p) >= _MIN_STEM:
            keys.append(word[len(p):])
    if word.startswith("لل") and len(word) > 4:  # لل = ل + ال before a word starting with ل
        keys.append("ل" + word[2:])
    extra = [k[:-1] for k in keys if k.endswith("ا") and len(k) > 3]
    return tuple(dict.fromkeys(keys + extra))


def phrase_words(phrase: str) -> tuple[str, ...]:
    """Normalised words of a lexicon phrase, with a leading article removed from each word."""
    words = []
    for w in norm(phrase).split():
        if w.startswith("ال") and len(w) > 4 and not w.endswith("*"):
            w = w[2:]
        words.append(w)
    return tuple(words)


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the normalised text with its original offsets."""

    index: int
    start: int
    end: int
    norm: str
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """A lexicon phrase found in the text: word indexes [first, last] and original offsets."""

    first: int
    last: int
    start: int
    end: int
    text: str
    payload: T


class WordIndex:
    """The words of one text, computed once and shared by every matcher."""

    def __init__(self, text: str, normalized: Normalized | None = None) -> None:
        self.text = text
        self.normalized = normalized or normalize(text)
        ntext = self.normalized.text
        words = []
        for i, m in enumerate(_WORD.finditer(ntext)):
            start, end = self.normalized.to_original(m.start(), m.end())
            words.append(Word(i, start, end, m.group(), word_keys(m.group())))
        self.words: list[Word] = words
        self._starts = [w.start for w in words]
        self.found: dict[tuple[int, bool], tuple[list[Match[Any]], list[int]]] = {}
        """Whole-text matches per matcher, so that every range query is a bisect."""
        self.hot: list[int] = []
        self.hot_version = -1

    def word_at(self, offset: int) -> int:
        """Index of the first word starting at or after ``offset``."""
        import bisect

        return bisect.bisect_left(self._starts, offset)

    def between(self, start: int, end: int) -> list[Word]:
        return self.words[self.word_at(start): self.word_at(end)]


class _FirstWords:
    """The first words of every phrase of every matcher: a word that starts none is skipped at once."""

    def __init__(self) -> None:
        self.exact: set[str] = set()
        self.wild: set[str] = set()
        self.wild_lengths: list[int] = []
        self.version = 0
        self._memo: dict[tuple[str, ...], bool] = {}

    def add(self, exact: Iterable[str], wild: Iterable[str]) -> None:
        self.exact.update(exact)
        self.wild.update(wild)
        self.wild_lengths = sorted({len(w) for w in self.wild})
        self.version += 1
        self._memo.clear()

    def may_start(self, keys: tuple[str, ...]) -> bool:
        hit = self._memo.get(keys)
        if hit is None:
            hit = any(k in self.exact for k in keys) or any(
                k[:n] in self.wild for k in keys for n in self.wild_lengths if n <= len(k)
            )
            if len(self._memo) > 200_000:
                self._memo.clear()
            self._memo[keys] = hit
        return hit


_FIRST_WORDS = _FirstWords()


def _hot_words(index: WordIndex) -> list[int]:
    """Indexes of the words that may start a phrase of some matcher (computed once per text)."""
    if index.hot_version != _FIRST_WORDS.version:
        index.hot = [w.index for w in index.words if _FIRST_WORDS.may_start(w.keys)]
        index.hot_version = _FIRST_WORDS.version
    return index.hot


class PhraseMatcher(Generic[T]):
    """Find lexicon phrases in a WordIndex. Longest match wins at each word; no overlaps."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._exact: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        self._wild: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for phrase, payload in entries:
            words = phrase_words(phrase)
            if not words:
                continue
            first = words[0]
            if first.endswith("*"):
                self._wild.setdefault(first[:-1], []).append((words, payload))
            else:
                self._exact.setdefault(first, []).append((words, payload))
        self._wild_lengths = sorted({len(k) for k in self._wild}, reverse=True)
        self._memo: dict[tuple[str, ...], list[tuple[tuple[str, ...], T]]] = {}
        _FIRST_WORDS.add(self._exact, self._wild)

    @staticmethod
    def _word_matches(pattern: str, keys: tuple[str, ...]) -> bool:
        if pattern.endswith("*"):
            stem = pattern[:-1]
            return any(k.startswith(stem) for k in keys)
        return pattern in keys

    def _candidates(self, keys: tuple[str, ...]) -> list[tuple[tuple[str, ...], T]]:
        """Phrases that may start at a word with these keys (memoised: words repeat across texts)."""
        memo = self._memo.get(keys)
        if memo is not None:
            return memo
        if len(self._memo) > 100_000:
            self._memo.clear()
        found: list[tuple[tuple[str, ...], T]] = []
        for k in keys:
            found.extend(self._exact.get(k, ()))
            for n in self._wild_lengths:
                if n <= len(k):
                    found.extend(self._wild.get(k[:n], ()))
        self._memo[keys] = found
        return found

    def find(
        self, index: WordIndex, start: int = 0, end: int | None = None, *, overlapping: bool = False
    ) -> list[Match[T]]:
        """Phrases in [start, end). By default the longest match wins and the scan jumps past it;
        with ``overlapping`` the longest match starting at every word is returned. The whole text
        is scanned once per matcher; later calls only select."""
        import bisect

        key = (id(self), overlapping)
        cached = index.found.get(key)
        if cached is None:
            found = self._scan(index, overlapping)
            cached = (found, [m.start for m in found])
            index.found[key] = cached
        found, starts = cached
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end) if end is not None else len(found)
        return [m for m in found[lo:hi] if end is None or m.end <= end]

    def _scan(self, index: WordIndex, overlapping: bool) -> list[Match[T]]:
        words = index.words
        hi = len(words)
        out: list[Match[T]] = []
        next_free = 0
        for i in _hot_words(index):
            if i < next_free:
                continue
            best: tuple[int, T] | None = None
            for pattern, payload in self._candidates(words[i].keys):
                n = len(pattern)
                if i + n > hi:
                    continue
                if all(self._word_matches(pattern[j], words[i + j].keys) for j in range(1, n)):
                    if best is None or n > best[0]:
                        best = (n, payload)
            if best is None:
                continue
            n, payload = best
            s, e = words[i].start, words[i + n - 1].end
            out.append(Match(i, i + n - 1, s, e, index.text[s:e], payload))
            next_free = i + 1 if overlapping else i + n
        return out

    def any_in(self, index: WordIndex, first: int, last: int) -> bool:
        """True if a phrase starts within word indexes [first, last]."""
        if first > last:
            return False
        s = index.words[first].start
        e = index.words[last].end
        return bool(self.find(index, s, e))


@cache
def cue_matcher(group: str) -> PhraseMatcher[str]:
    """A matcher for one group of ``cues.yaml`` (payload: the group name)."""
    data = load_data("cues.yaml")[group]
    return PhraseMatcher((phrase, group) for phrase in data["phrases"])
