"""NER accuracy and speed of the packaged model.

Prints per-type and micro precision / recall / F1 (exact span and type, conlleval-style) on the
ANERcorp dev split (the last 10% of the sentences of ``anercorp/train.txt`` in document order),
the F1 on entities whose surface never occurs as an entity in the training part, the AQMAR dev
set as out-of-domain check (PER/LOC/ORG/MIS mapped onto PERS/LOC/ORG/MISC), and tagging speed
(tokens per second, one core, features included; tagging a document runs the second pass too).

    .venv/bin/python bench/eval_ner.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("RASD_SHARED", REPO.parent / "shared")).resolve()


def report(title: str, scores: dict) -> None:
    print(f"\n{title}")
    print(f"  {'type':6s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>6s}")
    for lab, sc in scores.items():
        print(f"  {lab:6s} {sc.precision:6.3f} {sc.recall:6.3f} {sc.f1:6.3f} {sc.tp + sc.fn:6d}")


def main() -> int:
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    except (AttributeError, OSError):
        pass
    from rasd.extract.entities import NerTagger, default_tagger, model_manifest
    from rasd.extract.ner_data import AQMAR_MAP, dev_split, evaluate, read_conll, unseen_recall
    from rasd.extract.ner_features import FeatureSet

    train, dev = dev_split(read_conll(SHARED / "data" / "anercorp" / "train.txt"))
    tagger = default_tagger()
    manifest = model_manifest()
    print(f"model {manifest['model']} sha256 {str(manifest['sha256'])[:12]}  features {manifest['feature_version']}")
    if tagger.context_model_path is not None:
        sizes = [tagger.model_path.stat().st_size, tagger.context_model_path.stat().st_size]
        print(f"second pass {tagger.context_model_path.name}; model files {sum(sizes) / 1e6:.1f} MB")
    print(f"dev split: last {len(dev)} of {len(train) + len(dev)} sentences, "
          f"{sum(len(t) for t, _ in dev)} tokens")

    gold = [tags for _, tags in dev]
    alone = [tagger.tag(toks) for toks, _ in dev]
    sc_alone = evaluate(gold, alone)
    pred = tagger.tag_document([toks for toks, _ in dev])  # what `rasd tag FILE` does
    scores = evaluate(gold, pred)
    report("ANERcorp dev, tagged as a document like `rasd tag` (exact span and type)", scores)
    un = unseen_recall(train, dev, pred)
    print(f"  unseen names: P {un.precision:.3f} R {un.recall:.3f} F1 {un.f1:.3f} (gold {un.tp + un.fn})")
    un_a = unseen_recall(train, dev, alone)
    print(f"  each sentence alone (NerTagger.tag): micro F1 {sc_alone['micro'].f1:.3f}, "
          f"ORG {sc_alone['ORG'].f1:.3f}, unseen F1 {un_a.f1:.3f}")

    aq = SHARED / "data" / "aqmar" / "dev.txt"
    if aq.exists():
        aq_dev = read_conll(aq, AQMAR_MAP)
        aq_pred = tagger.tag_document([toks for toks, _ in aq_dev])
        report("AQMAR dev, out of domain (Wikipedia)", evaluate([t for _, t in aq_dev], aq_pred))

    # speed: fresh tagger (cold feature cache), tag every dev sentence, then three times more
    fresh = NerTagger(tagger.model_path, FeatureSet.packaged(), tagger.context_model_path)
    sents = [toks for toks, _ in dev]
    n_tok = sum(len(s) for s in sents)
    t0 = time.perf_counter()
    for s in sents:
        fresh.tag(s)
    cold = n_tok / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for _ in range(3):
        for s in sents:
            fresh.tag(s)
    warm = 3 * n_tok / (time.perf_counter() - t0)
    docs = NerTagger(tagger.model_path, FeatureSet.packaged(), tagger.context_model_path)
    t0 = time.perf_counter()
    docs.tag_document(sents)
    doc = n_tok / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    docs.tag_document(sents)
    doc_warm = n_tok / (time.perf_counter() - t0)
    print(f"\nspeed (one core): each sentence alone {cold:,.0f} tokens/s cold cache, {warm:,.0f} warm; "
          f"as a document (both passes and the consistency pass) {doc:,.0f} cold, {doc_warm:,.0f} warm")
    return 0


if __name__ == "__main__":
    sys.exit(main())
