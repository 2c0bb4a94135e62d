"""Sentence splitter for Arabic news text.

``split_sentences(text)`` returns :class:`rasd.records.Span` objects (offsets into ``text``,
surrounding whitespace trimmed). Rules:

* a newline always ends a sentence (paragraphs, headlines and datelines stand alone);
* ``. ! ? ؟ …`` end a sentence when followed by whitespace or the end of the paragraph, together
  with any closing quotes or brackets right after them (``«...».`` stays whole);
* never inside a closed quotation («...»، "..."، “...”) or closed brackets ((د ب أ)): a quoted
  statement of several sentences stays in one sentence unless it spans a newline;
* a dot inside a number (3.5، 1.200) or a word (www.site.com) is not an end, nor a dot after a
  single letter or a listed abbreviation (د. for Dr., ق.م) — see ``abbreviations`` in
  ``lang/ar/clitics.yaml``.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from rasd.records import Span
from rasd.text.normalize import norm
from rasd.text.tokens import clitic_data

__all__ = ["split_sentences"]

_PARA = regex.compile(r"[^\n\r\u2028\u2029]+")
_TERMINATORS = frozenset(".!?؟…")
_CLOSERS = frozenset("»\"”’')]}")
_PAIRS = {"«": "»", "“": "”", "(": ")", "[": "]", "{": "}"}
_WORD_BEFORE = regex.compile(r"([\p{L}\p{M}\u0640.]+)$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    entry = clitic_data().get("abbreviations") or {}
    return frozenset(norm(str(w)).rstrip(".") for w in entry.get("words", ()))


_QUOTE_CHARS = regex.compile(r'["«»“”()\[\]{}]')
_TERM_RUN = regex.compile(r"[.!?؟…]+")


def _protected(p: str) -> list[tuple[int, int]]:
    """Closed quotation and bracket ranges [open, close] in one paragraph."""
    ranges: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    straight: int | None = None
    for m in _QUOTE_CHARS.finditer(p):
        c, i = m.group(), m.start()
        if c == '"':
            if straight is None:
                straight = i
            else:
                ranges.append((straight, i))
                straight = None
        elif c in _PAIRS:
            stack.append((_PAIRS[c], i))
        elif stack and c == stack[-1][0]:
            ranges.append((stack.pop()[1], i))
        else:
            # a closer without its opener on top: close the nearest matching opener, if any
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == c:
                    ranges.append((stack[k][1], i))
                    del stack[k:]
                    break
    return ranges


def _inside(i: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a < i < b for a, b in ranges)


def _dot_is_not_end(p: str, i: int) -> bool:
    m = _WORD_BEFORE.search(p[max(0, i - 24):i])
    if m is None:
        return False
    word = norm(m.group(1)).strip(".")
    last = word.rsplit(".", 1)[-1]
    if len(last) == 2 and last[0] in "وف":  # «ود.» = و + د. (Dr.)
        last = last[1:]
    return len(last) == 1 or word in _abbreviations() or last in _abbreviations()


def _emit(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end, text[start:end]))


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` as spans into ``text`` (see the module docstring)."""
    out: list[Span] = []
    for para in _PARA.finditer(text):
        p = para.group()
        base = para.start()
        ranges = _protected(p) if any(c in p for c in "\"«“([{") else []
        start = 0
        n = len(p)
        for m in _TERM_RUN.finditer(p):
            i, j = m.start(), m.end()
            if j <= start or (ranges and _inside(i, ranges)):
                continue
            if p[i] == "." and j == i + 1 and _dot_is_not_end(p, i):
                continue
            while j < n and p[j] in _CLOSERS:
                j += 1
            if j < n and not p[j].isspace():
                continue
            _emit(text, base + start, base + j, out)
            start = j
        _emit(text, base + start, base + n, out)
    return out
