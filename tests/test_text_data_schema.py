"""Schema of the Arabic text data files, and every example of every entry fires the right entry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
import yaml

from rasd.text.dates import find_dates
from rasd.text.normalize import norm
from rasd.text.numbers import find_numbers
from rasd.text.sentences import split_sentences
from rasd.text.tokens import segment

FILES = ("clitics.yaml", "numbers.yaml", "dates.yaml")


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(resources.files("rasd.lang.ar").joinpath(name).read_text("utf-8"))
    return data


def _entries(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for section, value in data.items():
        if isinstance(value, list):
            for entry in value:
                yield section, entry
        elif isinstance(value, dict):
            yield section, value


def _examples(name: str) -> list[Any]:
    out = []
    for section, entry in _entries(_load(name)):
        for k, ex in enumerate(entry.get("examples") or ()):
            out.append(pytest.param(section, entry, ex, id=f"{name}:{entry.get('id')}:{k}"))
    return out


def _forms(entry: dict[str, Any]) -> list[str]:
    return [norm(str(f)) for f in entry.get("forms") or entry.get("words") or ()]


@pytest.mark.parametrize("name", FILES)
def test_text_data_every_entry_has_id_label_examples(name: str) -> None:
    seen: set[str] = set()
    for section, entry in _entries(_load(name)):
        assert isinstance(entry, dict), f"{name}:{section}: entry is not a mapping"
        assert isinstance(entry.get("id"), str) and entry["id"], f"{name}:{section}: entry without id"
        assert entry["id"] not in seen, f"{name}: duplicate id {entry['id']}"
        seen.add(entry["id"])
        assert isinstance(entry.get("label"), str) and entry["label"], f"{name}:{entry['id']}: no label"
        assert entry.get("examples"), f"{name}:{entry['id']}: no examples"


def test_text_data_charmap_schema() -> None:
    data = json.loads(resources.files("rasd.lang.ar").joinpath("charmap.json").read_text("utf-8"))
    assert set(data) >= {"map", "drop"}
    for k, v in data["map"].items():
        assert len(k) == 1 and len(v) == 1, (k, v)
        assert v not in data["map"], f"{k}->{v} is not idempotent"
    for c in data["drop"]:
        assert len(c) == 1 and c not in data["map"]


@pytest.mark.parametrize(("section", "entry", "ex"), _examples("clitics.yaml"))
def test_text_data_clitic_example_segments(section: str, entry: dict[str, Any], ex: dict[str, Any]) -> None:
    if section == "abbreviations":
        assert len(split_sentences(ex["text"])) == ex["sentences"]
        return
    want = (tuple(norm(p) for p in ex["prefixes"]), norm(ex["stem"]), norm(ex["suffix"]))
    assert segment(ex["word"]) == want


@pytest.mark.parametrize(("section", "entry", "ex"), _examples("numbers.yaml"))
def test_text_data_number_example_fires(section: str, entry: dict[str, Any], ex: dict[str, Any]) -> None:
    found = find_numbers(ex["text"])
    if ex["value"] is None:
        assert not [m for m in found if any(ch.isdigit() for ch in m.text)], found
        return
    hits = [m for m in found if m.value == ex["value"] and (ex.get("kind") is None or m.kind == ex["kind"])]
    assert hits, found
    forms = _forms(entry)
    if section in ("words", "duals"):
        assert any(f in norm(m.text) for m in hits for f in forms), (forms, hits)


@pytest.mark.parametrize(("section", "entry", "ex"), _examples("dates.yaml"))
def test_text_data_date_example_fires(section: str, entry: dict[str, Any], ex: dict[str, Any]) -> None:
    found = find_dates(ex["text"], ex["published"])
    if ex["date"] is None:
        assert not [m for m in found if m.date is not None], found
        return
    hits = [m for m in found if m.date == ex["date"] and m.precision == ex["precision"]]
    assert hits, found
    forms = _forms(entry)
    if section in ("months", "weekdays", "relative_days", "relative_periods"):
        assert any(all(w in norm(m.text).split() or w in norm(m.text) for w in f.split()) for m in hits for f in forms)
