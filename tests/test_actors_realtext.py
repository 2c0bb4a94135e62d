"""find() on real newspaper articles (SaudiNewsNet, read from ../shared) and on the gold
actor spans of event-gsr: offsets are exact, and well-known actors are found."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from rasd.resolve.actors import default_lexicon

LEX = default_lexicon()


@pytest.fixture(scope="module")
def news(shared_dir: Path) -> list[str]:
    path = sorted((shared_dir / "data" / "saudinewsnet").glob("*.zip"))[0]
    texts: list[str] = []
    with zipfile.ZipFile(path) as zf:
        for member in zf.namelist():
            if member.endswith(".json"):
                texts.extend(a["content"] for a in json.loads(zf.read(member)) if a.get("content"))
    return texts[:150]


def test_actors_realtext_offsets_exact_and_ordered(news: list[str]) -> None:
    for text in news:
        found = LEX.find(text)
        for m in found:
            assert text[m.start : m.end] == m.text and m.text.strip() == m.text
        assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_actors_realtext_finds_the_war_actors_of_2015(news: list[str]) -> None:
    counts = Counter(m.actor.id for text in news for m in LEX.find(text))
    for actor_id in ("int:isis", "yem:houthis", "generic:military:USA"):
        assert counts[actor_id] > 0, actor_id


def test_actors_realtext_gsr_police_spans(shared_dir: Path) -> None:
    """Gold target/source spans coded as police (COP) are found as police forces."""
    recs = json.loads((shared_dir / "data" / "event-gsr" / "assault_spans.json").read_text("utf-8"))
    total = found = 0
    for rec in recs:
        for span in rec["spans"]:
            for side in ("source", "target"):
                role = span.get(f"{side}_role")
                if not isinstance(role, dict) or role.get("role") != "COP" or not span[f"{side}_actor"]:
                    continue
                total += 1
                actor = LEX.resolve(" ".join(span[f"{side}_actor"]))
                found += actor is not None and actor.id.startswith(("generic:police", "irq:federal-police"))
    assert total >= 10
    assert found / total >= 0.7
