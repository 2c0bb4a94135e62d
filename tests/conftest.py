"""Shared fixtures. Data from ../shared is read in place (never copied into the repo)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


def shared_path() -> Path:
    return Path(os.environ.get("RASD_SHARED", REPO.parent / "shared")).resolve()


def load_bench(name: str) -> ModuleType:
    """The benchmark script ``bench/<name>.py`` as a module (``bench/`` on the path for its helpers)."""
    bench = str(REPO / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


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
