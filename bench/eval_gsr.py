"""Attack and protest detection, and actor spans, on the OEDA Arabic event gold sentences.

Data: ``$RASD_SHARED/data/event-gsr`` (default ``../shared`` beside the repo), read in place — the
sentences are newswire excerpts and are never copied into the repo or into the ``--json`` output.

Detection. Every sentence is coded by the extractor on its own, with the fixed publication date
``PUBLISHED`` (the sentences carry none and dates do not matter here). A sentence counts as
detected when it yields at least one event that is NOT flagged background and whose event_type is

* ASSAULT: ``Battles``, ``Explosions/Remote violence`` or ``Violence against civilians``
  (ACLED's political-violence types; Riots and Strategic developments are not counted);
* PROTEST: ``Protests`` or ``Riots``.

Per task it prints the detection rate on each label, then precision / recall / F1 with positives =
«yes» and negatives = «easy no» + «difficult no» («ambiguous» is left out), the confusion counts, and
the same figures for a balanced test set (as many negatives as positives): precision_bal =
TPR / (TPR + FPR), computed from the rates, so no sampling is involved.

Actor spans. On the span-annotated sentences labelled «yes» (``*_spans.json``), the gold SOURCE
and TARGET actors of each annotator (token lists) are located in the sentence as whitespace-token
positions; the prediction is the set of sentence tokens overlapped by the evidence spans of the
detected event's actor 1 (source; evidence field ``actor1`` or ``actor1_ar``) or actor 2 (target;
``actor2``/``actor2_ar``), or, without such evidence, by the first occurrence of the
``actor1_ar``/``actor2_ar`` text. The score of a sentence is the best token-overlap F1
over the annotators (as SQuAD does with several references): a missed or undetected actor scores 0.
Reported: the mean over sentences whose gold actor is non-empty, and how many predictions were made
where every annotator left the actor empty ("spurious").

    python bench/eval_gsr.py [--task assault|protest] [--limit N] [--show-errors N] [--json OUT]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rasd_bench import shared_dir

PUBLISHED = date(2008, 1, 1)
"""Fixed reference date (the GSR sentences are from 2006-2008 and carry no date)."""

TASKS: dict[str, frozenset[str]] = {
    "assault": frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"}),
    "protest": frozenset({"Protests", "Riots"}),
}
"""The event types that count as detecting each task's event."""

POSITIVE = ("yes",)
NEGATIVE = ("easy no", "difficult no")
LABELS = ("yes", "easy no", "difficult no", "ambiguous")


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class GoldActors:
    """Each annotator's source and target actor tokens for one sentence (empty ones dropped)."""

    source: tuple[tuple[str, ...], ...]
    target: tuple[tuple[str, ...], ...]


def load_sentences(path: Path) -> list[Sentence]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [Sentence(r["id"], r["label"].strip(), r["text"]) for r in csv.DictReader(fh)]


def load_gold_actors(path: Path) -> dict[str, GoldActors]:
    """Sentence text → the annotators' actor spans (keyed by text: span ids differ from CSV ids)."""
    data = json.loads(path.read_text("utf-8"))
    gold: dict[str, GoldActors] = {}
    for item in data:
        spans = item.get("spans") or []

        def distinct(key: str, spans: list[dict[str, Any]] = spans) -> tuple[tuple[str, ...], ...]:
            seen: dict[tuple[str, ...], None] = {}
            for span in spans:
                tokens = tuple(t for t in span.get(key) or () if t.strip())
                if tokens:
                    seen.setdefault(tokens, None)
            return tuple(seen)

        gold[item["text"]] = GoldActors(source=distinct("source_actor"), target=distinct("target_actor"))
    return gold


# ---------------------------------------------------------------------------------------------
# Detection metrics
# ---------------------------------------------------------------------------------------------


def detect(events: Iterable[Any], kinds: frozenset[str], *, background_ok: bool = False) -> Any | None:
    """The first event of one of ``kinds`` (non-background unless ``background_ok``), or None."""
    for event in events:
        if event.event_type in kinds and (background_ok or not event.background):
            return event
    return None


def published_for(sentence_id: str) -> date:
    """The publication date in a Gigaword-style id (``AAW_ARB_20071026.0026-2``), else PUBLISHED."""
    m = re.search(r"_(\d{4})(\d{2})(\d{2})", sentence_id)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    return PUBLISHED


@dataclass(slots=True)
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    by_label: dict[str, list[int]] = field(default_factory=dict)
    """label → [detected, total] (ambiguous included, for information)."""

    def add(self, label: str, detected: bool) -> None:
        counts = self.by_label.setdefault(label, [0, 0])
        counts[0] += int(detected)
        counts[1] += 1
        if label in POSITIVE:
            if detected:
                self.tp += 1
            else:
                self.fn += 1
        elif label in NEGATIVE:
            if detected:
                self.fp += 1
            else:
                self.tn += 1


def confusion(labels: Sequence[str], detected: Sequence[bool]) -> Confusion:
    c = Confusion()
    for label, hit in zip(labels, detected, strict=True):
        c.add(label, hit)
    return c


def ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (0 when undefined)."""
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return p, r, ratio(2 * p * r, p + r)


def balanced_prf(c: Confusion) -> tuple[float, float, float]:
    """Precision, recall and F1 on a test set with as many negatives as positives."""
    tpr, fpr = ratio(c.tp, c.tp + c.fn), ratio(c.fp, c.fp + c.tn)
    p = ratio(tpr, tpr + fpr)
    return p, tpr, ratio(2 * p * tpr, p + tpr)


# ---------------------------------------------------------------------------------------------
# Actor span metrics
# ---------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\S+")
_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")


def sentence_tokens(text: str) -> list[tuple[int, int, str]]:
    """Whitespace tokens of the sentence: (start, end, token without edge punctuation)."""
    return [(m.start(), m.end(), _PUNCT.sub("", m.group())) for m in _TOKEN.finditer(text)]


def locate_gold(tokens: list[tuple[int, int, str]], gold: Sequence[str]) -> frozenset[int]:
    """Positions of the sentence tokens an annotator's span covers.

    The span is looked for as a contiguous run first; otherwise each gold token is matched in order
    (exactly, else as a part of a sentence token, as with a clitic «و» the annotator left out).
    """
    words = [t[2] for t in tokens]
    want = [_PUNCT.sub("", g) for g in gold]
    want = [w for w in want if w]
    if not want:
        return frozenset()
    n = len(want)
    for i in range(len(words) - n + 1):
        if words[i : i + n] == want:
            return frozenset(range(i, i + n))
    found: set[int] = set()
    at = 0
    for w in want:
        for exact in (True, False):
            hit = next((j for j in range(at, len(words)) if _same(words[j], w, exact)), None)
            if hit is not None:
                found.add(hit)
                at = hit + 1
                break
    return frozenset(found)


def _same(word: str, gold: str, exact: bool) -> bool:
    if exact:
        return word == gold
    shorter, longer = sorted((word, gold), key=len)
    return len(shorter) >= 3 and shorter in longer


def covered(tokens: list[tuple[int, int, str]], spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Positions of the tokens that overlap any of the character spans."""
    out = set()
    for start, end in spans:
        for i, (ts, te, _) in enumerate(tokens):
            if ts < end and start < te:
                out.add(i)
    return frozenset(out)


def overlap_f1(pred: frozenset[int], gold: frozenset[int]) -> float:
    common = len(pred & gold)
    if not common:
        return 0.0
    p, r = common / len(pred), common / len(gold)
    return 2 * p * r / (p + r)


def best_f1(pred: frozenset[int], golds: Sequence[frozenset[int]]) -> float:
    return max((overlap_f1(pred, g) for g in golds), default=0.0)


def predicted_spans(event: Any | None, text: str, field_name: str) -> list[tuple[int, int]]:
    """Character spans of an actor (``actor1_ar``/``actor2_ar``) in the detected event."""
    if event is None:
        return []
    fields = {field_name, field_name.removesuffix("_ar")}  # evidence may name "actor1" or "actor1_ar"
    spans = [(e.start, e.end) for e in event.evidence if e.field in fields]
    if spans:
        return spans
    value = getattr(event, field_name, None)
    if value:
        at = text.find(value)
        if at >= 0:
            return [(at, at + len(value))]
    return []


@dataclass(slots=True)
class SpanScore:
    n: int = 0
    """Sentences with a non-empty, locatable gold actor."""
    total_f1: float = 0.0
    predicted: int = 0
    """Of those, how many had a predicted actor."""
    spurious: int = 0
    """Predictions where every annotator left the actor empty."""
    unlocated: int = 0
    """Gold spans that could not be found in the sentence (skipped)."""

    def add(self, pred: frozenset[int], golds: Sequence[frozenset[int]], had_gold: bool) -> None:
        golds = [g for g in golds if g]
        if not golds:
            if had_gold:
                self.unlocated += 1
            elif pred:
                self.spurious += 1
            return
        self.n += 1
        self.predicted += int(bool(pred))
        self.total_f1 += best_f1(pred, golds)

    @property
    def f1(self) -> float:
        return ratio(self.total_f1, self.n)

    def as_dict(self) -> dict[str, Any]:
        return {"f1": round(self.f1, 4), "n": self.n, "predicted": self.predicted,
                "spurious": self.spurious, "unlocated": self.unlocated}


def score_actors(text: str, event: Any | None, gold: GoldActors, source: SpanScore, target: SpanScore) -> None:
    tokens = sentence_tokens(text)
    for role, score, field_name in ((gold.source, source, "actor1_ar"), (gold.target, target, "actor2_ar")):
        pred = covered(tokens, predicted_spans(event, text, field_name))
        score.add(pred, [locate_gold(tokens, g) for g in role], had_gold=bool(role))


# ---------------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------------

Extract = Callable[[Sentence], list[Any]]


def rasd_extractor() -> Extract:
    from rasd.ingest.articles import make_article
    from rasd.pipeline import default_pipeline

    pipeline = default_pipeline()

    def run(s: Sentence) -> list[Any]:
        return pipeline.extract(make_article(s.text, published=published_for(s.id), id=s.id))

    return run


@dataclass(slots=True)
class TaskResult:
    task: str
    confusion: Confusion
    source: SpanScore
    target: SpanScore
    seconds: float
    errors: int = 0
    strict: Confusion = field(default_factory=lambda: Confusion())
    misses: list[Sentence] = field(default_factory=list)
    false_alarms: list[tuple[Sentence, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        c = self.confusion
        p, r, f = prf(c.tp, c.fp, c.fn)
        bp, br, bf = balanced_prf(c)
        rate = {label: {"detected": d, "total": t, "rate": round(ratio(d, t), 4)} for label, (d, t) in c.by_label.items()}
        return {
            "task": self.task,
            "event_types": sorted(TASKS[self.task]),
            "labels": rate,
            "recall_yes": round(ratio(*c.by_label.get("yes", [0, 0])), 4),
            "rate_easy_no": round(ratio(*c.by_label.get("easy no", [0, 0])), 4),
            "rate_difficult_no": round(ratio(*c.by_label.get("difficult no", [0, 0])), 4),
            "confusion": {"tp": c.tp, "fp": c.fp, "fn": c.fn, "tn": c.tn},
            "strict_non_background": dict(zip(("precision", "recall", "f1"),
                                              (round(x, 4) for x in prf(self.strict.tp, self.strict.fp, self.strict.fn)),
                                              strict=True)),
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "balanced": {"precision": round(bp, 4), "recall": round(br, 4), "f1": round(bf, 4)},
            "actor_spans": {"source": self.source.as_dict(), "target": self.target.as_dict()},
            "extractor_errors": self.errors,
            "seconds": round(self.seconds, 2),
        }


def evaluate(
    task: str,
    sentences: Sequence[Sentence],
    gold: dict[str, GoldActors],
    extract: Extract,
) -> TaskResult:
    """Code every non-ambiguous sentence and score detection and actor spans."""
    kinds = TASKS[task]
    c = Confusion()
    source, target = SpanScore(), SpanScore()
    result = TaskResult(task, c, source, target, 0.0)
    t0 = time.perf_counter()
    for s in sentences:
        if s.label not in POSITIVE + NEGATIVE:
            c.by_label.setdefault(s.label, [0, 0])[1] += 1
            continue
        try:
            events = extract(s)
        except Exception as err:  # a crash on one sentence is counted, not fatal
            result.errors += 1
            if result.errors == 1:
                print(f"eval_gsr: extractor error on {s.id}: {type(err).__name__}: {err}", file=sys.stderr)
            events = []
        # A «yes» sentence may report an act the extractor rightly flags as recalled background
        # (a sentence alone has no article around it): any event of the kind counts there. On the
        # «no» sentences only news (non-background) events count, as the issue states. The strict
        # figures (non-background everywhere) are reported beside them.
        hit = detect(events, kinds, background_ok=s.label in POSITIVE)
        c.add(s.label, hit is not None)
        result.strict.add(s.label, detect(events, kinds) is not None)
        if s.label in POSITIVE and hit is None:
            result.misses.append(s)
        elif s.label in NEGATIVE and hit is not None:
            result.false_alarms.append((s, hit))
        if s.label in POSITIVE and s.text in gold:
            score_actors(s.text, hit, gold[s.text], source, target)
    result.seconds = time.perf_counter() - t0
    return result


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def report(r: TaskResult, out: Any = sys.stdout) -> None:
    f = r.figures()
    c = r.confusion
    n = sum(t for _, t in c.by_label.values())
    counts = ", ".join(f"{label} {c.by_label.get(label, [0, 0])[1]}" for label in LABELS)
    print(f"{r.task.upper()}  ({n} sentences: {counts}; ambiguous left out)", file=out)
    print(f"  counted as detected: an event of {', '.join(f['event_types'])} (on «no» sentences: a non-background one)", file=out)
    for label in LABELS[:3]:
        d, t = c.by_label.get(label, [0, 0])
        print(f"  detected on «{label}»: {d}/{t} = {pct(ratio(d, t))}", file=out)
    print(
        f"  yes vs easy+difficult no: TP {c.tp}  FP {c.fp}  FN {c.fn}  TN {c.tn}  ->  "
        f"P {pct(f['precision'])}  R {pct(f['recall'])}  F1 {pct(f['f1'])}",
        file=out,
    )
    b = f["balanced"]
    sp = f["strict_non_background"]
    print(f"  strict (non-background events only, also on «yes»): P {pct(sp['precision'])}  R {pct(sp['recall'])}  F1 {pct(sp['f1'])}", file=out)
    print(f"  balanced (as many no as yes):  P {pct(b['precision'])}  R {pct(b['recall'])}  F1 {pct(b['f1'])}", file=out)
    for role in ("source", "target"):
        s = f["actor_spans"][role]
        print(
            f"  {role} actor span token-F1: {s['f1']:.3f} over {s['n']} «yes» sentences "
            f"(predicted {s['predicted']}, spurious {s['spurious']}, unlocated gold {s['unlocated']})",
            file=out,
        )
    speed = ratio(c.tp + c.fp + c.fn + c.tn, r.seconds)
    print(f"  {r.seconds:.1f} s ({speed:.0f} sentences/s); extractor errors: {r.errors}", file=out)


def show_errors(r: TaskResult, limit: int, out: Any = sys.stdout) -> None:
    """Misclassified sentences, to the terminal only (never to a file: the text is licensed)."""
    print(f"\n{r.task.upper()}: missed «yes» ({len(r.misses)}), first {min(limit, len(r.misses))}:", file=out)
    for s in r.misses[:limit]:
        print(f"  - [{s.id[:24]}] {s.text}", file=out)
    print(f"{r.task.upper()}: false alarms ({len(r.false_alarms)}), first {min(limit, len(r.false_alarms))}:", file=out)
    for s, e in r.false_alarms[:limit]:
        print(f"  - [{s.id[:24]} «{s.label}» → {e.event_type} / {e.sub_event_type}] {s.text}", file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--task", choices=sorted(TASKS), help="one task only (default: both)")
    ap.add_argument("--limit", type=int, metavar="N", help="first N sentences of each file only")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N", help="print N misses and N false alarms")
    ap.add_argument("--json", metavar="OUT", help="also write the figures (no sentences) as JSON to OUT")
    ap.add_argument("--data", metavar="DIR", help="the event-gsr folder (default: $RASD_SHARED/data/event-gsr)")
    args = ap.parse_args(argv)

    data = Path(args.data) if args.data else shared_dir() / "data" / "event-gsr"
    if not data.is_dir():
        print(f"eval_gsr: data folder not found: {data}", file=sys.stderr)
        return 3
    import rasd

    extract = rasd_extractor()
    print(f"rasd {rasd.__version__} on the OEDA Arabic event GSR ({data}); fixed publication date {PUBLISHED}\n")
    results = []
    for task in [args.task] if args.task else sorted(TASKS):
        sentences = load_sentences(data / f"{task}_gsr.csv")
        if args.limit:
            sentences = sentences[: args.limit]
        gold = load_gold_actors(data / f"{task}_spans.json")
        result = evaluate(task, sentences, gold, extract)
        results.append(result)
        report(result)
        print()
    for result in results:
        if args.show_errors:
            show_errors(result, args.show_errors)
    if args.json:
        figures = {
            "dataset": "openeventdata/arabic_event_gsr (event-gsr)",
            "rasd_version": rasd.__version__,
            "published": PUBLISHED.isoformat(),
            "limit": args.limit,
            "tasks": {r.task: r.figures() for r in results},
        }
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
