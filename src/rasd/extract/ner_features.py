"""Token features for the CRF named-entity tagger.

Features of a word type (normalised form, clitic-stripped stem, affixes, shape, word clusters,
name-list and trigger membership) are computed once and cached; a token's feature list is its
own word features plus the context features of its neighbours at offsets -2..+2.

The resources (clusters, name lists, trigger words) are loaded from ``rasd/data`` by
:class:`FeatureSet`; the trainer builds the same object from the same files, so training and
tagging can never disagree.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rasd.text.normalize import norm

FEATURE_VERSION = "ner-features-5"

_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\d+|_|[^\w\s]", re.UNICODE)
# proclitics of Arabic news text, longest first (normalised spelling)
_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ول", "وب", "ال", "و", "ف", "ب", "ل", "ك")
_SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "ها", "نا", "ه", "ي", "ك")
_IDENTITY = ("w=", "st=")
_PUNCT = frozenset("()[]{}.,:;!?\"'-/\\،؛؟«»")


def corpus_tokens(text: str) -> list[str]:
    """Split running text the ANERcorp way (punctuation apart, clitics attached), normalised."""
    return _TOKEN_RE.findall(norm(text))


def strip_proclitic(w: str) -> tuple[str, str]:
    """(proclitic, rest) for a normalised word, keeping at least two letters of stem."""
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 2:
            return p, w[len(p):]
    return "", w


def _shape(tok: str) -> str:
    if tok.isdigit():
        return "D" if len(tok) < 4 else "DDDD"
    if all(c in _PUNCT for c in tok):
        return "P"
    if tok.isascii():
        return "L" if tok.isalpha() else "X"
    if any(c.isdigit() for c in tok):
        return "AD"
    return "A" if tok.isalpha() else "AX"


@dataclass(slots=True)
class FeatureSet:
    """Everything the feature function needs: clusters, name lists, trigger words."""

    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """normalised word -> (frequency band, cluster id per granularity) from the newspaper corpus."""
    names: dict[str, frozenset[str]] = field(default_factory=dict)
    """normalised word -> set of list labels (e.g. 'LOC', 'PFIRST', 'ORGW')."""
    triggers: dict[str, str] = field(default_factory=dict)
    """normalised word -> trigger class (e.g. 'TITLE', 'ORGHEAD')."""
    types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """normalised word -> entity-type leanings ('PERS:3', …) predicted from its word vector."""
    _cache: dict[str, tuple[list[str], tuple[list[str], ...]]] = field(default_factory=dict)

    @classmethod
    def from_files(
        cls, clusters: Path | None, names: Path | None, triggers: Path | None, types: Path | None = None
    ) -> FeatureSet:
        fs = cls()
        if types is not None and types.exists():
            fs.types = load_types(types.read_bytes())
        if clusters is not None and clusters.exists():
            fs.clusters = load_clusters(clusters.read_bytes())
        if names is not None and names.exists():
            fs.names = load_names(names.read_bytes())
        if triggers is not None and triggers.exists():
            fs.triggers = load_triggers(triggers.read_text("utf-8"))
        return fs

    @classmethod
    def packaged(cls) -> FeatureSet:
        data = resources.files("rasd.data")
        fs = cls()
        fs.clusters = load_clusters(data.joinpath("clusters.tsv.gz").read_bytes())
        fs.names = load_names(data.joinpath("ner_names.tsv.gz").read_bytes())
        fs.triggers = load_triggers(data.joinpath("ner_triggers.json").read_text("utf-8"))
        if data.joinpath("ner_types.tsv.gz").is_file():
            fs.types = load_types(data.joinpath("ner_types.tsv.gz").read_bytes())
        return fs

    # ------------------------------------------------------------------ word features
    def _word(self, tok: str) -> tuple[list[str], tuple[list[str], ...]]:
        w = norm(tok).strip() or "_"
        pro, stem = strip_proclitic(w)
        shape = _shape(w)
        own = [
            "b",
            "w=" + w,
            "st=" + stem,
            "pro=" + pro,
            "sh=" + shape,
            "len=" + str(min(len(w), 8)),
            "p2=" + w[:2],
            "p3=" + w[:3],
            "s2=" + w[-2:],
            "s3=" + w[-3:],
            "s4=" + w[-4:],
            "ss2=" + stem[-2:],
            "sp2=" + stem[:2],
        ]
        for s in _SUFFIXES:
            if len(stem) - len(s) >= 3 and stem.endswith(s):
                own.append("enc=" + s)
                break
        ctx: list[str] = ["w=" + w, "sh=" + shape]
        cl = self.clusters.get(w)
        via = ""
        if cl is None and pro:
            cl = self.clusters.get(stem) or self.clusters.get("ال" + stem)
            via = "s"
        if cl is not None:
            own.append("f" + via + "=" + cl[0])
            cf = [f"c{i}{via}={c}" for i, c in enumerate(cl[1:])]
            own += cf
            ctx += cf
        else:
            own.append("f=oov")
        for key in (w, stem):
            labs = self.names.get(key)
            if labs:
                g = ["g" + ("" if key == w else "s") + "=" + lab for lab in sorted(labs)]
                own += g
                ctx += g
        ty = self.types.get(w)
        if ty is None and pro:
            ty = self.types.get(stem) or self.types.get("ال" + stem)
        if ty:
            tf = ["e=" + t for t in ty]
            own += tf
            ctx += tf
        trig = self.triggers.get(w) or self.triggers.get(stem)
        if trig:
            own.append("t=" + trig)
            ctx.append("t=" + trig)
        ctx_by_off = tuple([f"{off}:{f}" for f in ctx] for off in ("-2", "-1", "+1", "+2"))
        return own, ctx_by_off

    def word(self, tok: str) -> tuple[list[str], tuple[list[str], ...]]:
        hit = self._cache.get(tok)
        if hit is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            hit = self._cache[tok] = self._word(tok)
        return hit

    def masked(self, tok: str) -> tuple[list[str], tuple[list[str], ...]]:
        """Word features without the word's identity (form, stem, bigrams): how an unseen word
        with the same clusters, affixes and shape looks. Used to augment training data."""
        own, ctx = self.word(tok)
        own = [f for f in own if not f.startswith(_IDENTITY)]
        ctx = tuple([f for f in c if ":w=" not in f] for c in ctx)
        return own, ctx

    def sentence(self, tokens: Sequence[str], hide: frozenset[int] = frozenset()) -> list[list[str]]:
        """Feature lists for every token of a sentence (``hide``: positions to mask, for training)."""
        words = [self.masked(t) if i in hide else self.word(t) for i, t in enumerate(tokens)]
        forms = [None if i in hide else own[1] for i, (own, _c) in enumerate(words)]
        n = len(words)
        out: list[list[str]] = []
        for i, (own, _ctx) in enumerate(words):
            f = list(own)
            if i >= 2:
                f += words[i - 2][1][0]
            else:
                f.append("BOS-2")
            if i >= 1:
                f += words[i - 1][1][1]
                if forms[i - 1] and forms[i]:
                    f.append("bi-=" + forms[i - 1][2:] + "|" + forms[i][2:])  # type: ignore[index]
            else:
                f.append("BOS")
            if i + 1 < n:
                f += words[i + 1][1][2]
                if forms[i] and forms[i + 1]:
                    f.append("bi+=" + forms[i][2:] + "|" + forms[i + 1][2:])  # type: ignore[index]
            else:
                f.append("EOS")
            if i + 2 < n:
                f += words[i + 2][1][3]
            else:
                f.append("EOS+2")
            out.append(f)
        return out


# ---------------------------------------------------------------------- resource files
_BANDS = ((1000, "0"), (5000, "1"), (20000, "2"))


def load_clusters(raw: bytes) -> dict[str, tuple[str, ...]]:
    """``word<TAB>id<TAB>id…`` lines, most frequent word first -> (frequency band, ids…)."""
    out: dict[str, tuple[str, ...]] = {}
    for rank, line in enumerate(gzip.decompress(raw).decode("utf-8").splitlines()):
        parts = line.split("\t")
        band = next((b for limit, b in _BANDS if rank < limit), "3")
        out[parts[0]] = (band, *parts[1:])
    return out


def load_names(raw: bytes) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        word, _, labels = line.partition("\t")
        if word and labels:
            out[word] = frozenset(labels.split(","))
    return out


def load_types(raw: bytes) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        word, _, labels = line.partition("\t")
        if word and labels:
            out[word] = tuple(labels.split(","))
    return out


def load_triggers(text: str) -> dict[str, str]:
    data = json.loads(text)
    out: dict[str, str] = {}
    for entry in data["entries"]:
        for word in entry["words"]:
            out[norm(word)] = entry["label"]
    return out
