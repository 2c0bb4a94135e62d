"""Near-duplicate articles: wire copies republished with small edits, found with MinHash LSH (datasketch).

Articles are compared on word 3-shingles of their normalised text. :class:`NearDuplicateIndex` keeps an
in-memory datasketch ``MinHashLSH``; the stores persist the same LSH bands (:func:`band_keys`) in a table
so links survive restarts, and check each candidate with the estimated Jaccard similarity.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex
from datasketch import MinHash, MinHashLSH

from rasd.text.normalize import norm

NUM_PERM = 128
THRESHOLD = 0.8
"""Estimated Jaccard similarity of shingle sets above which two articles are near-duplicates."""
LSH_THRESHOLD = 0.6
"""Similarity at which LSH proposes candidates (lower than THRESHOLD so that pairs at 0.8 are found 98.6% of
the time; each candidate is then checked against THRESHOLD). Stores persist band keys made with it: changing
it (or NUM_PERM, SHINGLE) needs a schema migration that rebuilds ``article_bands``."""
SHINGLE = 3
MIN_WORDS = 20
"""Shorter texts are not compared (too little text to call two articles copies)."""

_WORD = regex.compile(r"[\p{L}\p{N}]+")


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """A link from an article to the earlier article it copies."""

    article_id: str
    duplicate_of: str
    similarity: float


def words(text: str) -> list[str]:
    return _WORD.findall(norm(text).casefold())


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    toks = words(text)
    if len(toks) < k:
        return {" ".join(toks).encode("utf-8")} if toks else set()
    return {" ".join(toks[i:i + k]).encode("utf-8") for i in range(len(toks) - k + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> MinHash | None:
    """The MinHash of an article's shingles, None for texts shorter than :data:`MIN_WORDS` words."""
    if len(words(text)) < MIN_WORDS:
        return None
    mh = MinHash(num_perm=num_perm)
    mh.update_batch(list(shingles(text)))
    return mh


@lru_cache(maxsize=8)
def lsh_params(threshold: float = LSH_THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) that datasketch chooses for this threshold."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(mh: MinHash, threshold: float = LSH_THRESHOLD) -> list[str]:
    """One key per LSH band: two articles sharing any key are candidates."""
    b, r = lsh_params(threshold, len(mh.hashvalues))
    hv = np.asarray(mh.hashvalues, dtype=np.uint32)
    return [f"{i}:{hashlib.blake2b(hv[i * r:(i + 1) * r].tobytes(), digest_size=8).hexdigest()}" for i in range(b)]


def to_bytes(mh: MinHash) -> bytes:
    """Compact storage of a signature (datasketch hash values fit in 32 bits)."""
    return np.asarray(mh.hashvalues, dtype=np.uint32).tobytes()


def similarity(a: bytes | MinHash, b: bytes | MinHash) -> float:
    """Estimated Jaccard similarity of two signatures."""
    va = np.frombuffer(a, dtype=np.uint32) if isinstance(a, bytes) else np.asarray(a.hashvalues, dtype=np.uint32)
    vb = np.frombuffer(b, dtype=np.uint32) if isinstance(b, bytes) else np.asarray(b.hashvalues, dtype=np.uint32)
    if len(va) != len(vb) or not len(va):
        return 0.0
    return float(np.count_nonzero(va == vb)) / len(va)


class NearDuplicateIndex:
    """In-memory near-duplicate finder over a stream of articles (first seen wins)."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=min(threshold, LSH_THRESHOLD), num_perm=num_perm)
        self._sigs: dict[str, MinHash] = {}
        self._root: dict[str, str] = {}
        self._order: dict[str, int] = {}

    def add(self, article_id: str, text: str) -> NearDuplicate | None:
        """Index an article; return its link if it copies an article seen before."""
        mh = signature(text, self.num_perm)
        if mh is None:
            return None
        best: tuple[float, int, str] | None = None
        for other in self._lsh.query(mh):
            if other == article_id:
                continue
            sim = similarity(mh, self._sigs[other])
            key = (sim, -self._order[other], other)
            if sim >= self.threshold and (best is None or key > best):
                best = key
        if article_id not in self._sigs:
            self._lsh.insert(article_id, mh)
            self._sigs[article_id] = mh
            self._order[article_id] = len(self._order)
        if best is None:
            return None
        root = self._root.get(best[2], best[2])
        self._root[article_id] = root
        return NearDuplicate(article_id, root, round(best[0], 4))

    def add_all(self, items: Iterable[tuple[str, str]]) -> list[NearDuplicate]:
        return [link for aid, text in items if (link := self.add(aid, text)) is not None]


__all__ = [
    "NUM_PERM", "THRESHOLD", "LSH_THRESHOLD", "MIN_WORDS", "NearDuplicate", "NearDuplicateIndex", "words", "shingles",
    "signature", "lsh_params", "band_keys", "to_bytes", "similarity",
]
