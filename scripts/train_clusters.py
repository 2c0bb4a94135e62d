"""Train the word clusters used as NER features, deterministically, from SaudiNewsNet.

Reads the daily zips of ``$RASD_SHARED/data/saudinewsnet`` (JSON arrays of articles), splits
each article into tokens the way ANERcorp does (punctuation apart, clitics attached), normalises
them with :func:`rasd.text.normalize.norm`, trains word2vec (gensim, skip-gram, one worker, fixed
seed) and clusters the unit vectors with k-means at three granularities (a nested hierarchy: the
fine clusters are grouped again into medium and coarse ones, like the prefixes of Brown paths).

Writes ``src/rasd/data/clusters.tsv.gz`` (``word<TAB>coarse<TAB>medium<TAB>fine`` for the most
frequent words) and ``src/rasd/data/clusters.json`` (sources, hashes, parameters).

    .venv/bin/python scripts/train_clusters.py            # 5-10 minutes on one core
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from rasd.extract.ner_features import corpus_tokens  # noqa: E402

SHARED = Path(os.environ.get("RASD_SHARED", REPO.parent / "shared")).resolve()
OUT_DIR = REPO / "src" / "rasd" / "data"
SEED = 20150721
SIZES = (64, 256, 1024)
VECTORS = REPO / "build" / "ner" / "word2vec.npz"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def zips() -> list[Path]:
    folder = SHARED / "data" / "saudinewsnet"
    found = sorted(folder.glob("*.zip")) + sorted(folder.glob("dataset/*.zip"))
    if not found:
        raise SystemExit(f"no SaudiNewsNet zips under {folder}")
    return found


def sentences(paths: list[Path]) -> Iterator[list[str]]:
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                for article in json.loads(zf.read(name)):
                    for para in (article.get("title") or "", article.get("content") or ""):
                        for line in para.split("\n"):
                            toks = corpus_tokens(line)
                            if len(toks) > 1:
                                yield toks


class Corpus:
    """Re-iterable corpus for gensim (read from the zips on every pass)."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths

    def __iter__(self) -> Iterator[list[str]]:
        return sentences(self.paths)


def kmeans(x: np.ndarray, k: int, weights: np.ndarray, iters: int, seed: int) -> np.ndarray:
    """Spherical k-means (cosine), k-means++-free deterministic init: spread over frequency ranks."""
    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(len(x), size=k, replace=False))
    cent = x[idx].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        sims = x @ cent.T
        labels = sims.argmax(axis=1)
        for c in range(k):
            members = labels == c
            if not members.any():
                cent[c] = x[rng.integers(len(x))]
                continue
            v = (x[members] * weights[members, None]).sum(axis=0)
            cent[c] = v / (np.linalg.norm(v) + 1e-9)
    return labels


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vocab", type=int, default=200000, help="words kept in the committed file")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--window", type=int, default=1)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--save-vectors", type=Path, default=VECTORS, help="where to save the word vectors (npz, not committed; scripts/train_ner.py reads them)")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    args = ap.parse_args()

    from gensim.models import Word2Vec

    paths = zips()
    model = Word2Vec(
        vector_size=args.dim, window=args.window, min_count=args.min_count, sg=1, negative=8, sample=1e-4,
        workers=1, seed=SEED, epochs=args.epochs,
    )
    corpus = Corpus(paths)
    model.build_vocab(corpus)
    print(f"vocabulary {len(model.wv)} words, {model.corpus_total_words} tokens", file=sys.stderr)
    model.train(corpus, total_examples=model.corpus_count, epochs=model.epochs)

    words = model.wv.index_to_key[: args.vocab]  # sorted by frequency
    counts = np.array([model.wv.get_vecattr(w, "count") for w in words], dtype=np.float64)
    vecs = np.asarray(model.wv[words], dtype=np.float64)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    if args.save_vectors is not None:
        args.save_vectors.parent.mkdir(parents=True, exist_ok=True)
        np.savez(args.save_vectors, words=np.array(words), vecs=vecs.astype(np.float32))
    weights = np.log1p(counts)
    fine = kmeans(vecs, SIZES[2], weights, iters=25, seed=SEED)
    # group fine clusters into medium and coarse ones (nested hierarchy)
    cent = np.zeros((SIZES[2], vecs.shape[1]))
    cw = np.zeros(SIZES[2])
    np.add.at(cent, fine, vecs * weights[:, None])
    np.add.at(cw, fine, weights)
    cent /= np.linalg.norm(cent, axis=1, keepdims=True) + 1e-9
    medium_of = kmeans(cent, SIZES[1], cw + 1e-9, iters=25, seed=SEED + 1)
    cent_m = np.zeros((SIZES[1], vecs.shape[1]))
    wm = np.zeros(SIZES[1])
    np.add.at(cent_m, medium_of, cent * cw[:, None])
    np.add.at(wm, medium_of, cw)
    cent_m /= np.linalg.norm(cent_m, axis=1, keepdims=True) + 1e-9
    coarse_of = kmeans(cent_m, SIZES[0], wm + 1e-9, iters=25, seed=SEED + 2)

    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "clusters.tsv.gz"
    lines = [
        f"{w}\t{coarse_of[medium_of[f]]}\t{medium_of[f]}\t{f}\n" for w, f in zip(words, fine, strict=True)
    ]
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write("".join(lines).encode("utf-8"))
    manifest = {
        "artefact": out.name,
        "sha256": sha256(out),
        "words": len(words),
        "sizes": list(SIZES),
        "method": "word2vec skip-gram (gensim, 1 worker) + nested spherical k-means",
        "params": {"dim": args.dim, "window": args.window, "min_count": args.min_count, "negative": 8, "sample": 1e-4,
                   "epochs": args.epochs, "seed": SEED},
        "sources": {p.name: sha256(p) for p in paths},
        "licence": "derived from SaudiNewsNet (CC BY-NC-SA 4.0); see docs/attribution-ner.md",
    }
    (args.out / "clusters.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {out} ({out.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
