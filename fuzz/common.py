"""Shared set-up for the atheris harnesses: the expected-error rule every harness enforces.

A harness may see :class:`rasd.errors.InputError` (a bad input, reported to the user as one line);
any other exception is a bug and crashes the fuzzer with the input that caused it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

logging.disable(logging.CRITICAL)  # warnings about odd inputs are expected by the thousand


def collecting(target):  # type: ignore[no-untyped-def]
    """With RASD_FUZZ_COLLECT=DIR, keep fuzzing past crashes: save one input per distinct crash site
    (exception type, module and function of the innermost rasd frame, e.g.
    ``IndexError-casualties-_following_sum.bin``) into DIR and go on. Without it, crash as usual."""
    import os
    import traceback

    out = os.environ.get("RASD_FUZZ_COLLECT")
    if not out:
        return target
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()

    def wrapped(data: bytes) -> None:
        try:
            target(data)
        except Exception as err:  # noqa: BLE001 - collecting every crash is the point
            frames = [f for f in traceback.extract_tb(err.__traceback__) if "/rasd/" in f.filename] or \
                traceback.extract_tb(err.__traceback__)
            site = f"{type(err).__name__}-{Path(frames[-1].filename).stem}-{frames[-1].name}"
            if site not in seen:
                seen.add(site)
                (folder / f"{site}.bin").write_bytes(data)
                print(f"\n=== new crash {site}: {err!r}", file=sys.stderr, flush=True)

    return wrapped
