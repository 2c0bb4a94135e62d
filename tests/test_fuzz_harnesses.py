"""Each atheris harness in fuzz/ runs for a bounded time from its seed corpus and finds no crash, hang or
leak. (Longer campaigns: see docs/robustness.md.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris")

REPO = Path(__file__).resolve().parent.parent
FUZZ = REPO / "fuzz"
SECONDS = int(os.environ.get("RASD_FUZZ_SECONDS", "5"))

HARNESSES = {
    "fuzz_extract.py": ["text"],
    "fuzz_readers.py": ["json", "text", "feed", "html", "archives", "regressions"],
    "fuzz_html.py": ["html"],
    "fuzz_feed.py": ["feed"],
}
EXTRA_ARGS = {"fuzz_extract.py": ["-max_len=2048"]}
KNOWN_OPEN: set[str] = set()
"""Crash sites (``IndexError-casualties-_following_sum``) found but not fixed yet; each with its input in
fuzz/crashes/ and an xfail entry in test_fuzz_regressions.py. Empty: every crash found so far is fixed."""


@pytest.mark.parametrize("harness", sorted(HARNESSES))
def test_fuzz_harness_runs_clean(harness: str, tmp_path: Path, shared_path_or_none: Path | None) -> None:
    work = tmp_path / "corpus"  # new inputs go here, never into the repo's seed corpus
    work.mkdir()
    seeds = [str(FUZZ / "corpus" / d) for d in HARNESSES[harness]]
    if harness == "fuzz_extract.py" and shared_path_or_none is not None:
        seeds.append(str(shared_path_or_none / "seed"))  # the shared seed article, read in place
    collected = tmp_path / "collected"  # crash sites, one input each (fuzz/common.py: collecting)
    proc = subprocess.run(
        [sys.executable, str(FUZZ / harness), str(work), *seeds,
         f"-max_total_time={SECONDS}", "-timeout=30", "-rss_limit_mb=2048",
         f"-artifact_prefix={tmp_path}/", "-print_final_stats=1", *EXTRA_ARGS.get(harness, [])],
        capture_output=True, text=True, timeout=SECONDS + 120, cwd=tmp_path,
        env={**os.environ, "RASD_FUZZ_COLLECT": str(collected)},
    )
    crashes = [p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-", "leak-"))]
    tail = "\n".join(proc.stderr.splitlines()[-40:])
    assert proc.returncode == 0 and not crashes, f"{harness} found {crashes}:\n{tail}"
    new_sites = {p.stem for p in collected.glob("*.bin")} - KNOWN_OPEN
    assert not new_sites, f"{harness} found new crash sites {sorted(new_sites)} (inputs in {collected}):\n{tail}"
    assert "Done " in proc.stderr, tail
    runs = int(proc.stderr.split("Done ", 1)[1].split()[0])
    assert runs >= 5, f"{harness} ran only {runs} inputs:\n{tail}"


@pytest.fixture(scope="module")
def shared_path_or_none() -> Path | None:
    from conftest import shared_path

    path = shared_path()
    return path if (path / "seed").is_dir() else None
