"""Document-level consistency: a name tagged in one sentence is tagged where it recurs nearby."""

from __future__ import annotations

import pytest

from rasd.extract.entities import default_tagger, propagate

S1 = ["وقال", "مدرب", "البنك", "الأهلي", "حسام", "البدري", "إن", "الفريق", "جاهز", "."]
S2 = ["وأضاف", "البدري", "أن", "اللاعبين", "مستعدون", "."]
S3 = ["وأكد", "حسام", "البدري", "ذلك", "."]


def test_entities_propagate_single_and_multi_token_names() -> None:
    tags1 = ["O", "O", "B-ORG", "I-ORG", "B-PERS", "I-PERS", "O", "O", "O", "O"]
    tags2 = ["O", "B-PERS", "O", "O", "O", "O"]
    tags3 = ["O"] * len(S3)
    out = propagate([S1, S2, S3], [tags1, tags2, tags3], window=5)
    assert out[0] == tags1 and out[1] == tags2
    assert out[2] == ["O", "B-PERS", "I-PERS", "O", "O"]


def test_entities_propagate_respects_window() -> None:
    tags1 = ["O", "O", "O", "O", "B-PERS", "I-PERS", "O", "O", "O", "O"]
    filler = [["ثم", "."]] * 3
    sents = [S1, *filler, S3]
    tags = [tags1] + [["O", "O"]] * 3 + [["O"] * len(S3)]
    assert propagate(sents, tags, window=2)[-1] == ["O"] * len(S3)
    assert propagate(sents, tags, window=4)[-1] == ["O", "B-PERS", "I-PERS", "O", "O"]


def test_entities_propagate_matches_normalised_spelling() -> None:
    a = ["زار", "أسامة", "الأمين", "عمان", "."]
    b = ["وقال", "اسامه", "الامين", "."]
    out = propagate([a, b], [["O", "B-PERS", "I-PERS", "B-LOC", "O"], ["O", "O", "O", "O"]], window=3)
    assert out[1] == ["O", "B-PERS", "I-PERS", "O"]


@pytest.mark.parametrize("n_sent", [1, 3])
def test_entities_tag_document_keeps_shape(n_sent: int) -> None:
    sents = [S1, S2, S3][:n_sent]
    out = default_tagger().tag_document(sents)
    assert [len(t) for t in out] == [len(s) for s in sents]
