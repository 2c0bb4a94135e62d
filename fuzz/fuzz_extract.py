"""Fuzz the whole text pipeline: any string, any publication date → events whose evidence spans hold.

    .venv/bin/python fuzz/fuzz_extract.py fuzz/corpus/text -max_total_time=60
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta

import atheris
import common  # noqa: F401  (sets sys.path and silences logging)

with atheris.instrument_imports(include=["rasd"]):
    from rasd.ingest.articles import make_article
    from rasd.pipeline import default_pipeline
    from rasd.records import event_to_dict

    PIPELINE = default_pipeline()
    # The first call imports every stage lazily: inside this block, so they are instrumented too.
    PIPELINE.extract(make_article("قتل جندي في هجوم أمس.", published=date(2024, 8, 6)))
EPOCH = date(2000, 1, 1)


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris API
    # The input is UTF-8 text (so real articles seed the corpus); the date varies with its length.
    text = data.decode("utf-8", "replace")
    day = None if len(data) % 5 == 0 else EPOCH + timedelta(days=len(data) * 37 % 15000)
    for event in PIPELINE.extract(make_article(text, published=day)):
        json.dumps(event_to_dict(event), ensure_ascii=False, allow_nan=False)  # every record serialises
        for ev in event.evidence:
            if text[ev.start:ev.end] != ev.text:
                raise AssertionError(f"evidence {ev.field} [{ev.start}:{ev.end}] does not point at {ev.text!r}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, common.collecting(TestOneInput))
    atheris.Fuzz()
