"""Second-pass features: what the first pass said about the same words in nearby sentences."""

from __future__ import annotations

from rasd.extract.ner_context import context_features, contradicts

S1 = ["وقال", "الرئيس", "محمود", "عباس", "إن", "المفاوضات", "متوقفة", "."]
S2 = ["وأضاف", "عباس", "أن", "الوفد", "سيعود", "."]
T1 = ["O", "O", "B-PERS", "I-PERS", "O", "O", "O", "O"]
T2 = ["O", "O", "O", "O", "O", "O"]


def test_entities_context_shape_and_no_own_tags() -> None:
    out = context_features([S1, S2], [T1, T2])
    assert [len(f) for f in out] == [len(S1), len(S2)]
    # the first pass's own tag of a token is not among its features
    assert context_features([S1], [T1]) == [[[] for _ in S1]]


def test_entities_context_sees_other_sentences_only() -> None:
    out = context_features([S1, S2], [T1, T2])
    # «عباس» in S2 was left O by the first pass, but was part of a PERS name in S1
    assert "dt=PERS" in out[1][1] and "ds=I-PERS" in out[1][1]
    # its own sentence does not count: alone, the word has no document evidence
    alone = context_features([S2], [T2])
    assert not any(f.startswith(("dt=", "ds=")) for f in alone[0][1])


def test_entities_context_window_and_clitics() -> None:
    s3 = ["ولعباس", "رأي", "."]
    filler = [["ثم", "."]] * 3
    sents = [S1, *filler, s3]
    tags = [T1] + [["O", "O"]] * 3 + [["O", "O", "O"]]
    assert not any(f.startswith("dt=") for f in context_features(sents, tags, window=2)[-1][0])
    assert "dt=PERS" in context_features(sents, tags, window=4)[-1][0]


def test_entities_context_same_entity_elsewhere() -> None:
    s3 = ["زار", "محمود", "عباس", "القاهرة", "."]
    t3 = ["O", "B-LOC", "I-LOC", "B-LOC", "O"]
    out = context_features([S1, s3], [T1, t3])
    assert "de=PERS" in out[1][1] and "de=LOC" in out[0][2]
    same = context_features([S1, s3], [T1, ["O", "B-PERS", "I-PERS", "B-LOC", "O"]])
    assert "de=same" in same[0][2] and "de=same" in same[1][2]


def test_entities_context_contradiction_selects_sentences() -> None:
    out = context_features([S1, S2], [T1, T2])
    assert contradicts(T2, out[1])  # «عباس» left O, but PERS nearby
    assert contradicts(T1, out[0])  # and S1 hears that «عباس» was left O in S2
    t2 = ["O", "B-PERS", "O", "O", "O", "O"]
    agree = context_features([S1, S2], [T1, t2])
    assert not contradicts(T1, agree[0]) and not contradicts(t2, agree[1])
    assert not contradicts(T2, context_features([S2], [T2])[0])
