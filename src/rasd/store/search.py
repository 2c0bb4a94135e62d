"""Full-text search terms over normalised Arabic, insensitive to clitics.

Each word is indexed as its normalised form, its clitic-free stem (rasd.text.tokens.segment) and the stem
without the article, so «الأنبار», «بالأنبار» and «والأنبار» share the term «انبار». A query word matches
when any of its own forms is indexed; every query word must match (AND). The same terms feed SQLite FTS5
and PostgreSQL ``to_tsvector('simple', …)``, so both backends find the same rows.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from rasd.text.normalize import norm
from rasd.text.tokens import segment

_WORD = regex.compile(r"[\p{L}\p{N}]+")
MAX_QUERY_WORDS = 16


@lru_cache(maxsize=262_144)
def word_forms(word: str) -> tuple[str, ...]:
    """The index terms of one word (normalised, lower-cased, no clitics), most specific first."""
    n = norm(word).casefold()
    if not n:
        return ()
    forms = [n]
    if n[0].isalpha() and not n.isascii():
        _, stem, _ = segment(word)
        stem = norm(stem).casefold()
        if stem and len(stem) >= 2:
            forms.append(stem)
            if stem.startswith("ال") and len(stem) >= 4:
                forms.append(stem[2:])
    return tuple(dict.fromkeys(forms))


def index_terms(*texts: str | None) -> str:
    """Space-separated distinct index terms of ``texts`` (the body stored in the full-text index)."""
    terms: dict[str, None] = {}
    for text in texts:
        if not text:
            continue
        for word in dict.fromkeys(_WORD.findall(text)):
            for f in word_forms(word):
                terms[f] = None
    return " ".join(terms)


def query_groups(query: str) -> list[tuple[str, ...]]:
    """For each query word, the forms any of which may match (empty list: nothing to search)."""
    groups: list[tuple[str, ...]] = []
    for word in _WORD.findall(query)[:MAX_QUERY_WORDS]:
        forms = word_forms(word)
        if forms and forms not in groups:
            groups.append(forms)
    return groups


def fts5_query(groups: list[tuple[str, ...]]) -> str:
    """SQLite FTS5 MATCH expression: AND of ORs of quoted terms."""
    return " AND ".join("(" + " OR ".join(f'"{t}"' for t in forms) + ")" for forms in groups)


def tsquery(groups: list[tuple[str, ...]]) -> str:
    """PostgreSQL to_tsquery('simple', …) expression."""
    return " & ".join("(" + " | ".join(forms) + ")" for forms in groups)
