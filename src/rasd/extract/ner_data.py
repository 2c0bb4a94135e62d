"""NER corpora in CoNLL layout, the document-order dev split, and conlleval-style scoring."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

LABELS = ("PERS", "LOC", "ORG", "MISC")
# tag maps for other corpora onto the ANERcorp tag set (None: drop the entity)
AQMAR_MAP = {"PER": "PERS", "LOC": "LOC", "ORG": "ORG", "MIS": "MISC"}
WOJOOD_MAP = {"PERS": "PERS", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}

Sentence = tuple[list[str], list[str]]


def read_conll(path: Path, tag_map: dict[str, str] | None = None, split_on_period: bool = True) -> list[Sentence]:
    """Sentences of a ``token TAG [TAG…]`` file. Sentences end at blank lines and at '.' tokens.

    Only the first tag column is read (outermost entity for nested corpora); ``tag_map`` maps entity
    types onto the ANERcorp set and turns unmapped types into O.
    """
    sents: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if toks:
            sents.append((list(toks), list(tags)))
            toks.clear()
            tags.clear()

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            parts = line.split(" ")
            # token is everything before the first tag column; keep odd tokens as they are
            first_tag = next((i for i in range(1, len(parts)) if _is_tag(parts[i])), len(parts) - 1)
            tok = " ".join(parts[:first_tag]).strip() or "_"
            tag = parts[first_tag] if first_tag < len(parts) else "O"
            if tag_map is not None and tag != "O":
                typ = tag_map.get(tag[2:])
                tag = tag[:2] + typ if typ else "O"
            toks.append(tok)
            tags.append(tag)
            if split_on_period and tok == ".":
                flush()
    flush()
    return _repair(sents)


def _is_tag(s: str) -> bool:
    return s == "O" or (len(s) > 2 and s[1] == "-" and s[0] in "BI")


def _repair(sents: list[Sentence]) -> list[Sentence]:
    """Turn an I- tag that follows O or another type into B- (IOB1 leftovers, dropped types)."""
    for _toks, tags in sents:
        prev = "O"
        for i, t in enumerate(tags):
            if t.startswith("I-") and prev[2:] != t[2:]:
                tags[i] = "B-" + t[2:]
            prev = tags[i]
    return sents


def dev_split(sents: Sequence[Sentence], fraction: float = 0.1) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev): dev is the LAST ``fraction`` of the sentences in document order."""
    n_dev = round(len(sents) * fraction)
    return list(sents[: len(sents) - n_dev]), list(sents[len(sents) - n_dev:])


@dataclass(frozen=True, slots=True)
class Span:
    """An entity as (first token, end token exclusive, type) within one sentence."""

    start: int
    end: int
    label: str


def spans(tags: Sequence[str]) -> list[Span]:
    """Entity spans of a BIO sequence (an I- without a matching open entity starts one)."""
    out: list[Span] = []
    start, label = -1, ""
    for i, t in enumerate(list(tags) + ["O"]):
        if t.startswith("I-") and label == t[2:]:
            continue
        if label:
            out.append(Span(start, i, label))
            label = ""
        if t != "O" and i < len(tags):
            start, label = i, t[2:]
    return out


@dataclass(frozen=True, slots=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> dict[str, Score]:
    """Exact span-and-type scores per label and ``'micro'`` over all (conlleval)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs = set(spans(g))
        ps = set(spans(p))
        for s in gs & ps:
            tp[s.label] += 1
        for s in ps - gs:
            fp[s.label] += 1
        for s in gs - ps:
            fn[s.label] += 1
    out = {lab: Score(tp[lab], fp[lab], fn[lab]) for lab in sorted(set(tp) | set(fp) | set(fn))}
    out["micro"] = Score(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out


def unseen_recall(
    train: Sequence[Sentence], gold: Sequence[Sentence], pred: Sequence[Sequence[str]]
) -> Score:
    """Scores restricted to gold entities whose surface string never occurs as an entity in ``train``
    (precision counts predicted spans whose surface is unseen too)."""
    seen = {" ".join(toks[s.start:s.end]) for toks, tags in train for s in spans(tags)}
    tp = fp = fn = 0
    for (toks, gtags), ptags in zip(gold, pred, strict=True):
        gs = {s for s in spans(gtags) if " ".join(toks[s.start:s.end]) not in seen}
        ps = {s for s in spans(ptags) if " ".join(toks[s.start:s.end]) not in seen}
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
    return Score(tp, fp, fn)
