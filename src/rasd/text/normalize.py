"""The one Arabic normaliser, with a map back to original offsets.

Every character is mapped to one character, dropped, or (Arabic presentation forms only, such as
the ligature ﻻ) expanded by NFKC to a few characters that all point back to it, so ``offsets[i]``
(the original index of normalised character ``i``) is enough to map any normalised span back.
The character tables live in ``lang/ar/charmap.json``; normalising twice changes nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text and where each of its characters came from."""

    text: str
    offsets: Sequence[int]
    """offsets[i] = index in the original of normalised char i; offsets[len(text)] = len(original)."""

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original text."""
        if start >= len(self.text):
            return self.offsets[-1], self.offsets[-1]
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        return o_start, o_end


@lru_cache(maxsize=1)
def _table() -> dict[int, str | None]:
    data = json.loads(resources.files("rasd.lang.ar").joinpath("charmap.json").read_text("utf-8"))
    table: dict[int, str | None] = {ord(k): v for k, v in data["map"].items()}
    table.update({ord(c): None for c in data["drop"]})
    # Arabic presentation forms (ligatures, contextual shapes) → their NFKC letters, normalised.
    for lo, hi in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF)):
        for cp in range(lo, hi + 1):
            if cp in table:
                continue
            nf = unicodedata.normalize("NFKC", chr(cp))
            if nf != chr(cp):
                mapped = nf.translate(table)
                table[cp] = mapped or None
    return table


def norm(text: str) -> str:
    """Normalised text only (fast path: str.translate)."""
    return text.translate(_table())


@lru_cache(maxsize=1)
def _special() -> re.Pattern[str]:
    """Characters that are dropped or expanded: only these break the one-to-one offset map."""
    chars = [chr(cp) for cp, rep in _table().items() if rep is None or len(rep) != 1]
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def normalize(text: str) -> Normalized:
    """Normalised text plus the offset map back to ``text``.

    Runs between dropped or expanded characters map one to one, so they are translated whole and
    their offsets are ranges; only the special characters are handled one by one.
    """
    table = _table()
    special = _special()
    if not special.search(text):
        return Normalized(text.translate(table), range(len(text) + 1))
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in special.finditer(text):
        i = m.start()
        if i > pos:
            out.append(text[pos:i].translate(table))
            offsets.extend(range(pos, i))
        rep = table[ord(text[i])]
        if rep:
            out.append(rep)
            offsets.extend([i] * len(rep))
        pos = i + 1
    out.append(text[pos:].translate(table))
    offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return Normalized("".join(out), tuple(offsets))
