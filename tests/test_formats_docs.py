"""docs/record.md documents every record key, every ACLED column and every output format."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.formats import ACLED_COLUMNS, ACLED_EXTRA_COLUMNS, FORMATS, INTER_LABELS
from rasd.records import EVENT_KEYS

DOC = Path(__file__).resolve().parent.parent / "docs" / "record.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text("utf-8")


@pytest.mark.parametrize("key", EVENT_KEYS)
def test_formats_docs_every_record_key(doc: str, key: str) -> None:
    assert f"| `{key}`" in doc or f"`{key}`, `" in doc or f", `{key}` |" in doc


@pytest.mark.parametrize("column", ACLED_COLUMNS + ACLED_EXTRA_COLUMNS)
def test_formats_docs_every_acled_csv_column(doc: str, column: str) -> None:
    assert f"`{column}`" in doc


@pytest.mark.parametrize("fmt", FORMATS)
def test_formats_docs_every_format(doc: str, fmt: str) -> None:
    assert f"| `{fmt}`" in doc


@pytest.mark.parametrize(("code", "label"), sorted(INTER_LABELS.items()))
def test_formats_docs_every_actor_type(doc: str, code: int, label: str) -> None:
    assert f"| {code} | {label} |" in doc
