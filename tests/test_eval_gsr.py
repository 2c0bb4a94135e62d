"""The metric code of bench/eval_gsr.py, on tiny synthetic inputs (the real figures are a benchmark)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from conftest import load_bench

from rasd.records import Event, Evidence

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gsr():
    return load_bench("eval_gsr")


def event(event_type: str, background: bool = False, evidence: tuple[Evidence, ...] = (), **kw) -> Event:
    return Event("e", "a", date(2008, 1, 1), 1, event_type, "", background=background, evidence=evidence, **kw)


def test_eval_gsr_prf(gsr) -> None:
    assert gsr.prf(8, 2, 8) == pytest.approx((0.8, 0.5, 2 * 0.8 * 0.5 / 1.3))
    assert gsr.prf(0, 0, 5) == (0.0, 0.0, 0.0)
    assert gsr.prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_eval_gsr_confusion_leaves_ambiguous_out(gsr) -> None:
    labels = ["yes", "yes", "yes", "easy no", "easy no", "difficult no", "ambiguous"]
    detected = [True, True, False, False, True, True, True]
    c = gsr.confusion(labels, detected)
    assert (c.tp, c.fn, c.fp, c.tn) == (2, 1, 2, 1)
    assert c.by_label == {"yes": [2, 3], "easy no": [1, 2], "difficult no": [1, 1], "ambiguous": [1, 1]}


def test_eval_gsr_balanced_prf(gsr) -> None:
    c = gsr.confusion(["yes"] * 4 + ["easy no"] * 100, [True, True, True, False] + [True] * 10 + [False] * 90)
    p, r, f = gsr.balanced_prf(c)
    # TPR 0.75, FPR 0.10: with equal classes precision is 0.75 / 0.85.
    assert r == pytest.approx(0.75)
    assert p == pytest.approx(0.75 / 0.85)
    assert f == pytest.approx(2 * p * r / (p + r))
    assert gsr.prf(c.tp, c.fp, c.fn)[0] == pytest.approx(3 / 13)  # unbalanced precision is lower


@pytest.mark.parametrize(
    ("events", "task", "found"),
    [
        ([event("Battles")], "assault", True),
        ([event("Explosions/Remote violence")], "assault", True),
        ([event("Violence against civilians")], "assault", True),
        ([event("Riots")], "assault", False),
        ([event("Strategic developments")], "assault", False),
        ([event("Battles", background=True)], "assault", False),
        ([event("Protests")], "protest", True),
        ([event("Riots")], "protest", True),
        ([event("Battles")], "protest", False),
        ([], "protest", False),
    ],
)
def test_eval_gsr_detect(gsr, events: list[Event], task: str, found: bool) -> None:
    assert (gsr.detect(events, gsr.TASKS[task]) is not None) is found


SENT = "وقتل 28 متطوعا في الجيش العراقي، في هجوم انتحاري استهدف مقرا للتطوع شرق بعقوبة."


@pytest.mark.parametrize(
    ("gold", "words"),
    [
        (["متطوعا", "في", "الجيش", "العراقي"], ["متطوعا", "في", "الجيش", "العراقي"]),
        (["هجوم", "انتحاري"], ["هجوم", "انتحاري"]),
        (["مقرا", "للتطوع."], ["مقرا", "للتطوع"]),  # edge punctuation ignored
        (["قتل"], ["وقتل"]),  # the annotator left out the clitic و
        (["الجيش", "متطوعا"], ["الجيش"]),  # out of order: matched in order only
        (["بغداد"], []),
    ],
)
def test_eval_gsr_locate_gold(gsr, gold: list[str], words: list[str]) -> None:
    tokens = gsr.sentence_tokens(SENT)
    found = gsr.locate_gold(tokens, gold)
    assert [tokens[i][2] for i in sorted(found)] == words


def test_eval_gsr_covered_and_overlap_f1(gsr) -> None:
    tokens = gsr.sentence_tokens(SENT)
    start = SENT.index("الجيش العراقي")
    pred = gsr.covered(tokens, [(start, start + len("الجيش العراقي"))])
    gold = gsr.locate_gold(tokens, ["متطوعا", "في", "الجيش", "العراقي"])
    # 2 common tokens: P = 2/2, R = 2/4 → F1 = 2/3.
    assert gsr.overlap_f1(pred, gold) == pytest.approx(2 / 3)
    assert gsr.overlap_f1(frozenset(), gold) == 0.0
    # A span inside a token (without its clitic) covers that token.
    inner = SENT.index("قتل")
    assert gsr.covered(tokens, [(inner, inner + 3)]) == frozenset({0})
    other = gsr.locate_gold(tokens, ["الجيش", "العراقي"])
    assert gsr.best_f1(pred, [gold, other]) == 1.0
    assert gsr.best_f1(pred, []) == 0.0


def test_eval_gsr_predicted_spans(gsr) -> None:
    start = SENT.index("هجوم انتحاري")
    with_evidence = event("Explosions/Remote violence", evidence=(Evidence("actor1_ar", start, start + 12, "هجوم انتحاري"),))
    assert gsr.predicted_spans(with_evidence, SENT, "actor1_ar") == [(start, start + 12)]
    assert gsr.predicted_spans(with_evidence, SENT, "actor2_ar") == []
    no_evidence = event("Battles", actor2_ar="متطوعا في الجيش العراقي")
    at = SENT.index("متطوعا")
    assert gsr.predicted_spans(no_evidence, SENT, "actor2_ar") == [(at, at + len("متطوعا في الجيش العراقي"))]
    assert gsr.predicted_spans(None, SENT, "actor1_ar") == []
    # The extractor may name the evidence field after the English key.
    target = SENT.index("مقرا للتطوع")
    plain = event("Explosions/Remote violence", evidence=(Evidence("actor2", target, target + 11, "مقرا للتطوع"),))
    assert gsr.predicted_spans(plain, SENT, "actor2_ar") == [(target, target + 11)]


def test_eval_gsr_evaluate_with_a_fake_extractor(gsr) -> None:
    protest = "تظاهر آلاف الطلاب أمام وزارة التربية في عمان احتجاجا على رفع الرسوم."
    no_event = "ناقش مجلس الوزراء مشروع الموازنة العامة للعام المقبل."
    hard_no = "دعت النقابة إلى التظاهر الأسبوع المقبل."
    sentences = [
        gsr.Sentence("1", "yes", protest),
        gsr.Sentence("2", "easy no", no_event),
        gsr.Sentence("3", "difficult no", hard_no),
        gsr.Sentence("4", "ambiguous", hard_no + " "),
    ]
    actor = protest.index("آلاف الطلاب")
    coded = {
        protest: [event("Protests", evidence=(Evidence("actor1_ar", actor, actor + len("آلاف الطلاب"), "آلاف الطلاب"),))],
        no_event: [],
        hard_no: [event("Protests")],
    }
    gold = {protest: gsr.GoldActors(source=(("الطلاب",), ("آلاف", "الطلاب")), target=())}
    seen = []

    def extract(s):
        seen.append(s.id)
        return coded[s.text]

    result = gsr.evaluate("protest", sentences, gold, extract)
    assert seen == ["1", "2", "3"]  # ambiguous sentences are not even run
    c = result.confusion
    assert (c.tp, c.fp, c.fn, c.tn) == (1, 1, 0, 1)
    assert result.source.n == 1 and result.source.f1 == 1.0  # best of the two annotators
    assert result.target.n == 0 and result.target.spurious == 0
    figures = result.figures()
    assert figures["recall_yes"] == 1.0 and figures["rate_easy_no"] == 0.0 and figures["rate_difficult_no"] == 1.0
    assert figures["precision"] == 0.5 and figures["confusion"] == {"tp": 1, "fp": 1, "fn": 0, "tn": 1}
    assert [s.id for s, _ in result.false_alarms] == ["3"]


def test_eval_gsr_extractor_crash_is_counted(gsr) -> None:
    def extract(s):
        raise RuntimeError("boom")

    result = gsr.evaluate("assault", [gsr.Sentence("1", "yes", "انفجرت سيارة مفخخة في بغداد.")], {}, extract)
    assert result.errors == 1 and result.confusion.fn == 1


def test_eval_gsr_main_writes_figures_only(gsr, tmp_path: Path) -> None:
    texts = {
        "yes": "قتل خمسة جنود في هجوم بسيارة مفخخة استهدف دورية للجيش شمال بغداد.",
        "easy no": "افتتح وزير التربية مدرسة جديدة في البصرة.",
    }
    for task in ("assault", "protest"):
        with open(tmp_path / f"{task}_gsr.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["", "accept", "event_type", "id", "label", "reject", "text", "total"])
            for i, (label, text) in enumerate(texts.items()):
                w.writerow([i, 3, task.upper(), f"S{i}", label, 0, text, 3])
        spans = [{"text": texts["yes"], "spans": [{"source_actor": [], "target_actor": ["جنود"], "verb": ["قتل"]}]}]
        (tmp_path / f"{task}_spans.json").write_text(json.dumps(spans, ensure_ascii=False), "utf-8")
    out = tmp_path / "figures.json"
    assert gsr.main(["--data", str(tmp_path), "--json", str(out)]) == 0
    figures = json.loads(out.read_text("utf-8"))
    assert set(figures["tasks"]) == {"assault", "protest"}
    assault = figures["tasks"]["assault"]
    assert assault["labels"]["yes"]["total"] == 1 and assault["labels"]["easy no"]["total"] == 1
    assert assault["actor_spans"]["target"]["n"] == 1
    raw = out.read_text("utf-8")
    assert all(text not in raw for text in texts.values())  # figures only, never the sentences
