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
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycrfsuite
import regex

from rasd.errors import DataError
from rasd.extract.ner_context import CONTEXT_WINDOW, context_features, contradicts
from rasd.extract.ner_data import spans
from rasd.extract.ner_features import FeatureSet
from rasd.text.normalize import norm

try:
    from rasd.text.tokens import tokens_of as _tokens_of
except ImportError:  # pragma: no cover - the shared tokenizer is optional here
    _tokens_of = None  # type: ignore[assignment]

MODEL_NAME = "ner.crfsuite"
CONTEXT_MODEL_NAME = "ner_context.crfsuite"
MANIFEST_NAME = "ner.json"
_TOKEN_RE = regex.compile(r"\d+(?:[.,]\d+)*|[\p{L}\p{M}\u0640]+|\S")
_SENT_END = frozenset({".", "!", "?", "؟"})
PROPAGATION_WINDOW = 20
"""Sentences either side whose names are reused (document-level consistency)."""
_BLOCK = 2000


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
    """(start, end) of the tokens of ``text``: punctuation apart, clitics attached (ANERcorp style).
    Uses the shared tokenizer (rasd.text.tokens) when it is there."""
    if _tokens_of is not None:
        return [(t.start, t.end) for t in _tokens_of(text)]
    return [m.span() for m in _TOKEN_RE.finditer(text)]


def _open(path: Path | str) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(path))
    except OSError as exc:  # pragma: no cover - depends on a broken install
        raise DataError(f"cannot load the NER model {path}: {exc}") from exc
    return tagger


class NerTagger:
    """A loaded CRF model and the feature set it was trained with, plus (optionally) the
    second-pass model that also sees the first pass's tags of the nearby document."""

    def __init__(self, model_path: Path | str, features: FeatureSet, context_model: Path | str | None = None) -> None:
        self._tagger = _open(model_path)
        self._context = _open(context_model) if context_model is not None else None
        self.features = features
        self.model_path = Path(str(model_path))
        self.context_model_path = Path(str(context_model)) if context_model is not None else None

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags (ANERcorp tag set) for one sentence of given tokens, tagged alone (first pass)."""
        if not tokens:
            return []
        return list(self._tagger.tag(self.features.sentence(tokens)))

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags for consecutive sentences of one document (or a stream of documents): each sentence
        is tagged alone; a sentence where the first pass's tags of the same words in nearby
        sentences say otherwise is tagged again by the second-pass model, which sees them (when
        that model is there); finally a name tagged in a nearby sentence is tagged where it recurs
        untagged."""
        feats = [self.features.sentence(s) if s else [] for s in sentences]
        tags = [list(self._tagger.tag(f)) if f else [] for f in feats]
        if self._context is not None:
            ctx = context_features(sentences, tags, CONTEXT_WINDOW)
            for i, (f, c) in enumerate(zip(feats, ctx, strict=True)):
                if f and contradicts(tags[i], c):
                    tags[i] = list(self._context.tag([a + b for a, b in zip(f, c, strict=True)]))
        return propagate(sentences, tags, PROPAGATION_WINDOW)

    def entities(self, text: str) -> list[EntityMention]:
        """Entity mentions of running text, with offsets into ``text``."""
        sents: list[list[tuple[int, int]]] = [[]]
        prev_end = 0
        for s, e in tokenize_with_offsets(text):
            if sents[-1] and "\n" in text[prev_end:s]:
                sents.append([])
            sents[-1].append((s, e))
            prev_end = e
            if text[s:e] in _SENT_END:
                sents.append([])
        sents = [s for s in sents if s]
        out: list[EntityMention] = []
        all_tags = self.tag_document([[text[s:e] for s, e in sent] for sent in sents])
        for sent, tags in zip(sents, all_tags, strict=True):
            for sp in spans(tags):
                start, end = sent[sp.start][0], sent[sp.end - 1][1]
                out.append(EntityMention(start, end, text[start:end], sp.label))
        return out


def propagate(
    sentences: Sequence[Sequence[str]], tags: list[list[str]], window: int, max_len: int = 4
) -> list[list[str]]:
    """Document-level consistency: within ``window`` sentences either side, a (normalised) token
    sequence tagged as an entity is given its most frequent label (ties: alphabetical) where it
    recurs all-O, longer sequences first. Single tokens of fewer than three letters are left
    alone. Returns new tag lists."""
    normed = [[norm(t) for t in s] for s in sentences]
    found = [
        [(tuple(toks[sp.start:sp.end]), sp.label) for sp in spans(tg) if sp.end - sp.start <= max_len]
        for toks, tg in zip(normed, tags, strict=True)
    ]
    memory: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)

    def count(j: int, sign: int) -> None:
        for key, label in found[j]:
            memory[key][label] += sign

    out = [list(t) for t in tags]
    lo = hi = 0
    for i, toks in enumerate(normed):
        while hi < min(len(normed), i + window + 1):
            count(hi, 1)
            hi += 1
        while lo < i - window:
            count(lo, -1)
            lo += 1
        row = out[i]
        for n in range(min(max_len, len(toks)), 0, -1):
            for a in range(len(toks) - n + 1):
                key = tuple(toks[a:a + n])
                labels = memory.get(key)
                if not labels or (n == 1 and len(key[0]) < 3):
                    continue
                top = max(labels.values())
                if top <= 0:
                    continue
                if all(t == "O" for t in row[a:a + n]) and (a + n == len(row) or not row[a + n].startswith("I-")):
                    label = min(lab for lab, c in labels.items() if c == top)
                    row[a] = "B-" + label
                    for b in range(a + 1, a + n):
                        row[b] = "I-" + label
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
    used as given. Sentences are cut at '.' tokens too (as in training), and consecutive sentences
    are tagged as a document (see :meth:`NerTagger.tag_document`), in blocks of about 2000."""
    tagger = tagger or default_tagger()
    # items: a list of tokens (a piece of a sentence, cut at '.' tokens) or None for a blank line
    items: list[list[str] | None] = []
    current: list[str] = []

    def close() -> None:
        if current:
            items.append(list(current))
            current.clear()

    def emit() -> Iterator[str]:
        pieces = [it for it in items if it is not None]
        tagged = iter(tagger.tag_document(pieces))
        for it in items:
            if it is None:
                yield ""
            else:
                for tok, tag in zip(it, next(tagged), strict=True):
                    yield f"{tok}\t{tag}"
        items.clear()

    for line in lines:
        if line.strip():
            tok = conll_token(line)
            current.append(tok)
            if tok in _SENT_END:
                close()
        else:
            close()
            items.append(None)
            if len(items) >= _BLOCK:
                yield from emit()
    close()
    yield from emit()


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
    data = resources.files("rasd.data")
    with resources.as_file(data.joinpath(MODEL_NAME)) as path:
        if not path.exists():
            raise DataError(f"NER model missing: {path} (run scripts/train_ner.py)")
        ctx_ref = data.joinpath(CONTEXT_MODEL_NAME)
        with resources.as_file(ctx_ref) as ctx_path:
            return NerTagger(path, FeatureSet.packaged(), ctx_path if ctx_path.exists() else None)
