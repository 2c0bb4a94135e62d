"""What the benchmark scripts share: where the repository and ``../shared`` are.

Scripts run as ``python bench/<name>.py`` find this module beside them; tests load the scripts
with ``tests/conftest.py``'s ``load_bench``, which puts ``bench/`` on the path first.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """``$RASD_SHARED``, else ``../shared`` beside the repository (data read in place, never copied)."""
    return Path(os.environ.get("RASD_SHARED", REPO.parent / "shared")).resolve()
