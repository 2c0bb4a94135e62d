"""Shared fixtures. Data from ../shared is read in place (never copied into the repo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def shared_path() -> Path:
    return Path(os.environ.get("RASD_SHARED", REPO.parent / "shared")).resolve()


def services_required() -> bool:
    """In CI (RASD_REQUIRE_SERVICES=1) a missing service or data folder fails instead of skipping."""
    return os.environ.get("RASD_REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = shared_path()
    if not (path / "data").is_dir():
        if services_required():
            pytest.fail(f"shared data folder not found at {path}")
        pytest.skip(f"shared data folder not found at {path}")
    return path


@pytest.fixture(scope="session")
def seed_dir(shared_dir: Path) -> Path:
    return shared_dir / "seed"
