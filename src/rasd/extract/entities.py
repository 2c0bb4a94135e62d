"""Named-entity tagging: a CRF (python-crfsuite) trained by ``scripts/train_ner.py``.

Tags follow ANERcorp: ``B-``/``I-`` + ``PERS``, ``LOC``, ``ORG``, ``MISC``, and ``O``.

    >>> tagger = default_tagger()
    >>> tagger.tag(["قال", "الرئيس", "محمود", "عباس", "في", "رام", "الله"])      # doctest: +SKIP
    ['O', 'O', 'B-PERS', 'I-PERS', 'O', 'B-LOC', 'I-LOC']
    >>> tagger.entities("قال الرئيس محمود عباس في رام الله")                      # doctest: +SKIP
    [EntityMention(start=11, end=21, text='محمود عباس', label='PERS'), ...]
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycrfsuite
import regex

from rasd.errors import DataError
from rasd.extract.ner_data import spans
from rasd.extract.ner_features import FeatureSet

MODEL_NAME = "ner.crfsuite"
MANIFEST_NAME = "ner.json"
_TOKEN_RE = regex.compile(r"\d+(?:[.,]\d+)*|[\p{L}\p{M}\u0640]+|\S")
_SENT_END = frozenset({".", "!", "?", "؟"})


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named entity found in a text."""

    start: int
    """Character offset of the first character in the original text."""
    end: int
    """Character offset one past the last character in the original text."""
    text: str
    """The original text of the mention (``text[start:end]``)."""
    label: str
    """Entity type: ``PERS``, ``LOC``, ``ORG`` or ``MISC``."""


def tokenize_with_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of the tokens of ``text``: punctuation apart, clitics attached (ANERcorp style)."""
    return [m.span() for m in _TOKEN_RE.finditer(text)]


class NerTagger:
    """A loaded CRF model and the feature set it was trained with."""

    def __init__(self, model_path: Path | str, features: FeatureSet) -> None:
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(model_path))
        except OSError as exc:  # pragma: no cover - depends on a broken install
            raise DataError(f"cannot load the NER model {model_path}: {exc}") from exc
        self.features = features
        self.model_path = Path(str(model_path))

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags (ANERcorp tag set) for one sentence of given tokens."""
        if not tokens:
            return []
        return list(self._tagger.tag(self.features.sentence(tokens)))

    def entities(self, text: str) -> list[EntityMention]:
        """Entity mentions of running text, with offsets into ``text``."""
        offsets = tokenize_with_offsets(text)
        out: list[EntityMention] = []
        sent: list[tuple[int, int]] = []

        def flush() -> None:
            if not sent:
                return
            tags = self.tag([text[s:e] for s, e in sent])
            for sp in spans(tags):
                start, end = sent[sp.start][0], sent[sp.end - 1][1]
                out.append(EntityMention(start, end, text[start:end], sp.label))
            sent.clear()

        prev_end = 0
        for s, e in offsets:
            if sent and "\n" in text[prev_end:s]:
                flush()
            sent.append((s, e))
            prev_end = e
            if text[s:e] in _SENT_END:
                flush()
        flush()
        return out


def conll_token(line: str) -> str:
    """The token of a CoNLL line: its first tab- or space-separated column."""
    line = line.rstrip("\r\n")
    if "\t" in line:
        return line.split("\t", 1)[0]
    stripped = line.strip()
    return stripped.split(" ", 1)[0] if stripped else ""


def tag_conll(lines: Iterable[str], tagger: NerTagger | None = None) -> Iterator[str]:
    """Tag a CoNLL stream (one token a line, blank line between sentences, any further columns
    ignored) and yield ``token<TAB>tag`` lines; blank lines are kept where they were. Tokens are
    used as given. Sentences without blank lines are tagged in pieces ending at '.' tokens."""
    tagger = tagger or default_tagger()
    pending: list[str] = []

    def flush() -> Iterator[str]:
        start = 0
        for i, tok in enumerate(pending):
            if tok in _SENT_END or i == len(pending) - 1:
                piece = pending[start:i + 1]
                for t, tag in zip(piece, tagger.tag(piece), strict=True):
                    yield f"{t}\t{tag}"
                start = i + 1
        pending.clear()

    for line in lines:
        if line.strip():
            pending.append(conll_token(line))
        else:
            yield from flush()
            yield ""
    yield from flush()


def model_manifest() -> dict[str, object]:
    """The trainer's manifest of the packaged model (sources, hashes, dev scores, floor)."""
    raw = resources.files("rasd.data").joinpath(MANIFEST_NAME).read_text("utf-8")
    data: dict[str, object] = json.loads(raw)
    return data


def model_sha256() -> str:
    return hashlib.sha256(resources.files("rasd.data").joinpath(MODEL_NAME).read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def default_tagger() -> NerTagger:
    """The packaged model, loaded once."""
    ref = resources.files("rasd.data").joinpath(MODEL_NAME)
    with resources.as_file(ref) as path:
        if not path.exists():
            raise DataError(f"NER model missing: {path} (run scripts/train_ner.py)")
        return NerTagger(path, FeatureSet.packaged())
