"""Train the CRF named-entity tagger, deterministically, and write its manifest.

Inputs (read from ``$RASD_SHARED`` or ../shared): ANERcorp train (``data/anercorp/train.txt``;
the last 10% of its sentences in document order are held out as dev), optionally AQMAR and
Wojood train files (``--extra``), and, for the name-list features, the GeoNames / country /
governorate names in ``data/gazetteer``, the person and organisation names of the
UniversalPetrarch Arabic actor dictionary and the ANERGazet lists of ``data/anercorp``. The word
clusters and vectors come from ``scripts/train_clusters.py``.

Two models are trained: the first pass (``ner.crfsuite``, each sentence alone) and the second
pass (``ner_context.crfsuite``), which also sees the first pass's tags of the same words in nearby
sentences (:mod:`rasd.extract.ner_context`). The second pass learns from first-pass tags of the
training sentences made by fold models that never saw them, so it learns how far to trust them.

Outputs in ``src/rasd/data``: ``ner_names.tsv.gz`` (compiled name lists), ``ner_types.tsv.gz``,
the two models (trained on the train part only, so the dev score stays honest) and ``ner.json``
(hashes of every source and artefact, feature set, parameters, dev scores and the floors that
tests enforce).

    .venv/bin/python scripts/train_ner.py            # about 6 minutes on two cores
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import multiprocessing
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pycrfsuite

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from rasd.extract.entities import NerTagger  # noqa: E402
from rasd.extract.ner_context import CONTEXT_WINDOW, context_features  # noqa: E402
from rasd.extract.ner_data import (  # noqa: E402
    AQMAR_MAP,
    WOJOOD_MAP,
    dev_split,
    evaluate,
    read_conll,
    unseen_recall,
)
from rasd.extract.ner_features import FEATURE_VERSION, FeatureSet, strip_proclitic  # noqa: E402
from rasd.text.normalize import norm  # noqa: E402

SHARED = Path(os.environ.get("RASD_SHARED", REPO.parent / "shared")).resolve()
DATA = REPO / "src" / "rasd" / "data"
FLOOR_MARGIN = 0.02
ORG_HEADS = {"حركه", "حزب", "جبهه", "منظمه", "وزاره", "مجلس", "اتحاد", "قوه", "قوات", "جيش", "شرطه",
             "وكاله", "هيئه", "جماعه", "تنظيم", "كتائب", "لجنه", "شركه", "جامعه", "برلمان", "محكمه",
             "حكومه", "بنك", "مؤسسه", "مجموعه", "امانه", "مكتب", "دائره", "ادارة", "اداره", "جهاز"}
TITLE_HEADS = {"رئيس", "وزير", "امير", "شيخ", "ملك", "جنرال", "نائب", "سفير", "امين", "عام", "قائد"}


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ------------------------------------------------------------------------------ name lists
def _add(names: dict[str, set[str]], word: str, label: str) -> None:
    w = norm(word).strip()
    if len(w) >= 2 and not w.isdigit():
        names[w].add(label)


def _add_name(names: dict[str, set[str]], phrase: str, whole: str, part: str) -> None:
    words = norm(phrase).replace("_", " ").split()
    if not words:
        return
    if len(words) == 1:
        _add(names, words[0], whole)
        pro, stem = strip_proclitic(words[0])
        if pro == "ال":
            _add(names, stem, whole)
    else:
        for w in words:
            _add(names, w, part)


def build_names(sources: dict[str, Path]) -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    geo = SHARED / "data" / "gazetteer"
    cities = geo / "geonames_cities500_ME" / "cities500_ME.jsonl"
    with cities.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for name in rec.get("arabic_script_names") or []:
                _add_name(names, name, "LOC", "LOCW")
    sources["geonames_cities500_ME"] = cities
    countries = geo / "countrystatecity_ME" / "countries_all_with_translations.json"
    for rec in json.loads(countries.read_text("utf-8")):
        ar = (rec.get("translations") or {}).get("ar") or rec.get("ar")
        if ar:
            _add_name(names, ar, "COUNTRY", "LOCW")
    sources["countries_all_with_translations"] = countries
    states = geo / "countrystatecity_ME" / "states_and_cities_ME.json"
    data = json.loads(states.read_text("utf-8"))
    for st in data:
        native = st.get("native") or ""
        if any("\u0600" <= c <= "\u06ff" for c in native):
            _add_name(names, native, "LOC", "LOCW")
    sources["states_and_cities_ME"] = states
    yemen = geo / "yemen_info" / "yemen-info.json"

    def walk(obj: object) -> None:
        if isinstance(obj, dict):
            for key, val in obj.items():
                if key in ("name_ar", "name_ar_normalized") and isinstance(val, str):
                    _add_name(names, val, "LOC", "LOCW")
                else:
                    walk(val)
        elif isinstance(obj, list):
            for val in obj:
                walk(val)

    walk(json.loads(yemen.read_text("utf-8")))
    sources["yemen_info"] = yemen
    actors = SHARED / "data" / "petrarch-arabic-dictionaries" / "actor_dict_ar_v4.txt"
    entry: str | None = None
    dated = False

    def flush() -> None:
        if entry is None:
            return
        words = [w for w in norm(entry).replace("_", " ").split() if w]
        if not words or len(words) > 5:
            return
        head = strip_proclitic(words[0])[1]
        if words[0] in ORG_HEADS or head in ORG_HEADS:
            for w in words:
                _add(names, w, "ORGW")
        elif dated and 2 <= len(words) <= 4 and words[0] not in TITLE_HEADS:
            _add(names, words[0], "PFIRST")
            _add(names, words[-1], "PLAST")

    with actors.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith("\t") or line.startswith("    "):
                if "-" in line or ">" in line:
                    dated = True
                continue
            flush()
            entry = line.split("[")[0].strip()
            dated = "-" in line.split("[", 1)[1] if "[" in line else False
    flush()
    sources["petrarch_actor_dict_ar_v4"] = actors
    gazet = SHARED / "data" / "anercorp" / "ANERGazet"
    for label in ("Loc", "Org", "Pers"):
        path = gazet / f"Aligned{label}Gazetteer.txt"
        for line in path.read_text("utf-8").splitlines():
            if line.strip() and not line.startswith(("====", "****")):
                _add_name(names, line, "AG" + label.upper(), "AG" + label.upper() + "W")
        sources[f"anergazet_{label.lower()}"] = path
    return names


def write_names(names: dict[str, set[str]], path: Path) -> None:
    lines = [f"{w}\t{','.join(sorted(labs))}\n" for w, labs in sorted(names.items())]
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write("".join(lines).encode("utf-8"))


# ------------------------------------------------------------------------------ word types
TYPES = ("O", "PERS", "LOC", "ORG", "MISC")


def build_word_types(train: list, vectors: Path, k: int = 10) -> dict[str, str]:
    """Entity-type leaning of every word of the newspaper vocabulary, predicted from its word2vec
    vector: the label mix of its ``k`` nearest training words (cosine, similarity-weighted).

    A training word is never its own neighbour (leave-one-out), so the CRF learns how far to
    trust the prediction for a word it has not seen. Returns
    word -> comma-separated ``TYPE:band`` for the types with probability >= 0.2."""
    data = np.load(vectors)
    words = [str(w) for w in data["words"]]
    vecs = data["vecs"].astype(np.float64)
    index = {w: i for i, w in enumerate(words)}
    counts: dict[int, np.ndarray] = {}
    for toks, tags in train:
        for tok, tag in zip(toks, tags, strict=True):
            i = index.get(norm(tok))
            if i is None:
                continue
            counts.setdefault(i, np.zeros(len(TYPES)))[TYPES.index(tag[2:] if tag != "O" else "O")] += 1
    rows = np.array(sorted(counts))
    y = np.array([counts[i] / counts[i].sum() for i in rows])
    ref = vecs[rows]
    probs = np.zeros((len(words), len(TYPES)))
    for start in range(0, len(words), 2048):
        sims = vecs[start:start + 2048] @ ref.T
        # a training word never counts as its own neighbour (leave-one-out)
        own = np.searchsorted(rows, np.arange(start, min(start + 2048, len(words))))
        hit = (own < len(rows)) & (rows[np.minimum(own, len(rows) - 1)] == np.arange(start, start + len(sims)))
        sims[np.nonzero(hit)[0], own[hit]] = -np.inf
        nn = np.argpartition(-sims, k, axis=1)[:, :k]
        wts = np.maximum(np.take_along_axis(sims, nn, axis=1), 0.0)
        probs[start:start + len(sims)] = (y[nn] * wts[..., None]).sum(axis=1) / (wts.sum(axis=1, keepdims=True) + 1e-9)
    out: dict[str, str] = {}
    for i, w in enumerate(words):
        labs = [f"{t}:{min(int(probs[i, j] * 5), 4)}" for j, t in enumerate(TYPES) if j and probs[i, j] >= 0.2]
        if labs:
            out[w] = ",".join(labs)
    return out


def write_word_types(types: dict[str, str], path: Path) -> None:
    lines = [f"{w}\t{labs}\n" for w, labs in sorted(types.items())]
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write("".join(lines).encode("utf-8"))


# ------------------------------------------------------------------------------ training
_JOB_DATA: tuple = ()
"""(features, labels, masked features, params) shared with the forked training processes."""


def _fit(job: tuple[str, list[int], list[list[list[str]]] | None]) -> str:
    """Train one CRF on the sentences ``idx`` (with extra per-token features ``ctx``, indexed like
    the sentences) and save it to ``path``."""
    path, idx, ctx = job
    feats, labels, masked, params = _JOB_DATA
    trainer = pycrfsuite.Trainer(verbose=False)
    for i in idx:
        x = feats[i] if ctx is None else [a + b for a, b in zip(feats[i], ctx[i], strict=True)]
        trainer.append(x, labels[i])
        if ctx is None and masked[i] is not None:
            # the same sentence with its names unknown: teaches the model to tag unseen names
            trainer.append(masked[i], labels[i])
    trainer.set_params(params)
    trainer.train(path)
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extra", nargs="*", default=[], choices=["aqmar", "wojood"],
                    help="extra training corpora mapped onto the ANERcorp tag set")
    ap.add_argument("--c1", type=float, default=0.02)
    ap.add_argument("--c2", type=float, default=0.02)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--no-clusters", action="store_true", help="no clusters and no word-type features")
    ap.add_argument("--mask-names", action=argparse.BooleanOptionalAction, default=False,
                    help="add a copy of each sentence with the identity of its names hidden")
    ap.add_argument("--knn", type=int, default=10, help="neighbours for the word-type leanings")
    ap.add_argument("--clusters", type=Path, default=DATA / "clusters.tsv.gz")
    ap.add_argument("--vectors", type=Path, default=REPO / "build" / "ner" / "word2vec.npz",
                    help="word vectors written by scripts/train_clusters.py")
    ap.add_argument("--folds", type=int, default=10, help="folds for the first-pass tags of the second pass")
    ap.add_argument("--no-context", action="store_true", help="first pass only (no second-pass model)")
    ap.add_argument("--jobs", type=int, default=2, help="models trained at once (results do not depend on it)")
    ap.add_argument("--out", type=Path, default=DATA)
    args = ap.parse_args()

    sources: dict[str, Path] = {}
    anercorp = SHARED / "data" / "anercorp" / "train.txt"
    sources["anercorp_train"] = anercorp
    train, dev = dev_split(read_conll(anercorp))
    extra = []
    if "aqmar" in args.extra:
        p = SHARED / "data" / "aqmar" / "train.txt"
        extra += read_conll(p, AQMAR_MAP)
        sources["aqmar_train"] = p
    if "wojood" in args.extra:
        p = SHARED / "data" / "wojood" / "train.txt"
        extra += read_conll(p, WOJOOD_MAP)
        sources["wojood_train"] = p

    args.out.mkdir(parents=True, exist_ok=True)
    names_path = args.out / "ner_names.tsv.gz"
    write_names(build_names(sources), names_path)
    clusters_path = None if args.no_clusters else args.clusters
    triggers_path = DATA / "ner_triggers.json"
    types_path = None
    if not args.no_clusters:
        if not args.vectors.exists():
            raise SystemExit(f"{args.vectors} missing: run scripts/train_clusters.py first")
        types_path = args.out / "ner_types.tsv.gz"
        write_word_types(build_word_types(train, args.vectors, args.knn), types_path)
    fs = FeatureSet.from_files(clusters_path, names_path, triggers_path, types_path)

    t0 = time.time()
    params = {
        "c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
        "feature.possible_transitions": True, "feature.minfreq": 1,
    }
    global _JOB_DATA
    feats = [fs.sentence(toks) for toks, _ in train + extra]
    labels = [tags for _, tags in train + extra]
    masked = [fs.sentence(toks, frozenset(i for i, t in enumerate(tags) if t != "O")) if args.mask_names else None
              for toks, tags in train + extra]
    _JOB_DATA = (feats, labels, masked, params)
    model_path = args.out / "ner.crfsuite"
    context_path = args.out / "ner_context.crfsuite"
    fold_dir = args.vectors.parent / "folds"
    fold_dir.mkdir(parents=True, exist_ok=True)
    n, k = len(train), args.folds
    bounds = [round(n * f / k) for f in range(k + 1)]
    everything = list(range(len(feats)))
    jobs: list[tuple[str, list[int], list[list[list[str]]] | None]] = [(str(model_path), everything, None)]
    if not args.no_context:
        # first-pass tags of every training sentence from a model that never saw it (k folds)
        jobs += [(str(fold_dir / f"fold{f}.crfsuite"), [i for i in everything if not bounds[f] <= i < bounds[f + 1]],
                  None) for f in range(k)]
    with multiprocessing.get_context("fork").Pool(max(1, min(args.jobs, len(jobs)))) as pool:
        pool.map(_fit, jobs)
    if not args.no_context:
        first: list[list[str]] = []
        for f in range(k):
            fold = pycrfsuite.Tagger()
            fold.open(str(fold_dir / f"fold{f}.crfsuite"))
            first += [fold.tag(feats[i]) for i in range(bounds[f], bounds[f + 1])]
        ctx = context_features([toks for toks, _ in train], first, CONTEXT_WINDOW)
        _fit((str(context_path), list(range(n)), ctx))
    elif context_path.exists():
        context_path.unlink()
    print(f"trained in {time.time() - t0:.0f}s on {sum(len(t) for t, _ in train + extra)} tokens",
          file=sys.stderr)

    tagger = NerTagger(model_path, fs, None if args.no_context else context_path)
    dev_toks = [toks for toks, _ in dev]
    gold = [tags for _, tags in dev]
    alone = [tagger.tag(toks) for toks in dev_toks]
    pred = tagger.tag_document(dev_toks)
    scores_alone = evaluate(gold, alone)
    scores = evaluate(gold, pred)
    unseen_alone = unseen_recall(train, dev, alone)
    unseen = unseen_recall(train, dev, pred)
    for title, sc_all, un in (("each sentence alone", scores_alone, unseen_alone), ("as a document", scores, unseen)):
        print(title, file=sys.stderr)
        for lab, sc in sc_all.items():
            print(f"  {lab:6s} P {sc.precision:.4f} R {sc.recall:.4f} F1 {sc.f1:.4f}", file=sys.stderr)
        print(f"  unseen P {un.precision:.4f} R {un.recall:.4f} F1 {un.f1:.4f}", file=sys.stderr)

    manifest = {
        "model": model_path.name,
        "sha256": sha256(model_path),
        "feature_version": FEATURE_VERSION,
        "features": ["normalised form", "clitic-stripped stem and proclitic", "prefixes 2-3",
                     "suffixes 2-4", "enclitic", "shape", "length", "word clusters (3 levels)",
                     "name lists (GeoNames, countries, governorates, Yemen admin, UniversalPetrarch actors)",
                     "word-type leanings (kNN over word vectors, leave-one-out)",
                     "trigger words", "window -2..+2", "bigrams -1/+1"],
        "context_model": None if args.no_context else {
            "model": context_path.name,
            "sha256": sha256(context_path),
            "features": ["first-pass features",
                         f"majority first-pass type of the same word within {CONTEXT_WINDOW} sentences",
                         "type of longer names the word is part of nearby",
                         "majority type of the same entity string nearby",
                         "(not the token's own first-pass tag)"],
            "used_on": "sentences where the nearby first-pass tags give a word another type",
            "training": f"first-pass tags of the training sentences from {args.folds} folds (each tagged by "
                        "a model trained on the other folds)",
        },
        "params": {**params, "mask_names": args.mask_names, "knn": args.knn},
        "train": {"corpora": ["anercorp"] + list(args.extra), "sentences": len(train) + len(extra)},
        "dev": {
            "split": "last 10% of the sentences of anercorp/train.txt (document order)",
            "sentences": len(dev),
            "micro_f1": round(scores_alone["micro"].f1, 4),
            "per_type_f1": {k: round(v.f1, 4) for k, v in scores_alone.items() if k != "micro"},
            "unseen_f1": round(unseen_alone.f1, 4),
            "document": {
                "micro_precision": round(scores["micro"].precision, 4),
                "micro_recall": round(scores["micro"].recall, 4),
                "micro_f1": round(scores["micro"].f1, 4),
                "per_type_f1": {k: round(v.f1, 4) for k, v in scores.items() if k != "micro"},
                "unseen_f1": round(unseen.f1, 4),
            },
        },
        "floor": {"dev_micro_f1": round(scores_alone["micro"].f1 - FLOOR_MARGIN, 4),
                  "dev_document_micro_f1": round(scores["micro"].f1 - FLOOR_MARGIN, 4)},
        "artefacts": {
            names_path.name: sha256(names_path),
            triggers_path.name: sha256(triggers_path),
            **({clusters_path.name: sha256(clusters_path)} if clusters_path else {}),
            **({types_path.name: sha256(types_path)} if types_path else {}),
        },
        "sources": {k: sha256(v) for k, v in sorted(sources.items())},
    }
    (args.out / "ner.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
