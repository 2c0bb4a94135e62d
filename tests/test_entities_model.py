"""The committed NER model: loads, matches the trainer's manifest, and still scores on real text."""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

import pytest

from rasd.extract.entities import EntityMention, default_tagger, model_manifest, model_sha256
from rasd.extract.ner_data import dev_split, evaluate, read_conll
from rasd.extract.ner_features import FEATURE_VERSION

TAGS = {"O"} | {f"{p}-{t}" for p in "BI" for t in ("PERS", "LOC", "ORG", "MISC")}


def test_entities_model_checksum_matches_manifest() -> None:
    manifest = model_manifest()
    assert manifest["sha256"] == model_sha256()
    assert manifest["feature_version"] == FEATURE_VERSION


@pytest.mark.parametrize("name", ["ner_names.tsv.gz", "ner_triggers.json", "clusters.tsv.gz"])
def test_entities_model_artefact_checksums(name: str) -> None:
    recorded = model_manifest()["artefacts"]
    assert isinstance(recorded, dict)
    raw = resources.files("rasd.data").joinpath(name).read_bytes()
    assert recorded[name] == hashlib.sha256(raw).hexdigest()


def test_entities_model_clusters_manifest_matches() -> None:
    data = json.loads(resources.files("rasd.data").joinpath("clusters.json").read_text("utf-8"))
    raw = resources.files("rasd.data").joinpath(data["artefact"]).read_bytes()
    assert data["sha256"] == hashlib.sha256(raw).hexdigest()


def test_entities_model_sources_match_shared(shared_dir: Path) -> None:
    """The model was trained on the ANERcorp file that is in ../shared now."""
    sources = model_manifest()["sources"]
    assert isinstance(sources, dict)
    raw = (shared_dir / "data" / "anercorp" / "train.txt").read_bytes()
    assert sources["anercorp_train"] == hashlib.sha256(raw).hexdigest()


def test_entities_model_scores_above_floor_on_dev_sample(shared_dir: Path) -> None:
    """First 300 sentences of the document-order dev split (never seen in training)."""
    _train, dev = dev_split(read_conll(shared_dir / "data" / "anercorp" / "train.txt"))
    sample = dev[:300]
    tagger = default_tagger()
    pred = [tagger.tag(toks) for toks, _ in sample]
    assert all(set(p) <= TAGS for p in pred)
    scores = evaluate([tags for _, tags in sample], pred)
    floor = model_manifest()["floor"]
    assert isinstance(floor, dict)
    assert scores["micro"].f1 >= floor["dev_micro_f1"] - 0.03, scores["micro"]


def test_entities_model_context_model_matches_manifest() -> None:
    """The second-pass model is the one the trainer wrote, and the tagger uses it."""
    ctx = model_manifest()["context_model"]
    assert isinstance(ctx, dict)
    raw = resources.files("rasd.data").joinpath(ctx["model"]).read_bytes()
    assert ctx["sha256"] == hashlib.sha256(raw).hexdigest()
    assert default_tagger().context_model_path is not None


def test_entities_model_document_scores_above_floor_on_dev(shared_dir: Path) -> None:
    """The whole dev split tagged as a document (both passes and the consistency pass), as
    `rasd tag` does."""
    _train, dev = dev_split(read_conll(shared_dir / "data" / "anercorp" / "train.txt"))
    pred = default_tagger().tag_document([toks for toks, _ in dev])
    assert all(set(p) <= TAGS for p in pred)
    scores = evaluate([tags for _, tags in dev], pred)
    floor = model_manifest()["floor"]
    assert isinstance(floor, dict)
    assert scores["micro"].f1 >= floor["dev_document_micro_f1"], scores["micro"]


def test_entities_model_is_loaded_once() -> None:
    assert default_tagger() is default_tagger()


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("وقال الرئيس الفلسطيني محمود عباس في رام الله إن المفاوضات متوقفة .", "محمود عباس", "PERS"),
        ("وصل وزير الخارجية إلى بغداد أمس في زيارة رسمية .", "بغداد", "LOC"),
        ("أعلنت الأمم المتحدة أن المساعدات وصلت إلى السكان .", "الأمم المتحدة", "ORG"),
    ],
)
def test_entities_model_finds_clear_entities(text: str, surface: str, label: str) -> None:
    found = default_tagger().entities(text)
    assert all(isinstance(m, EntityMention) for m in found)
    assert all(text[m.start:m.end] == m.text for m in found)
    assert (surface, label) in {(m.text, m.label) for m in found}, found
