"""`rasd events` (not yet implemented)."""

from __future__ import annotations

import argparse

from rasd.errors import RasdError


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    return sub.add_parser("events", help="(not yet implemented)")


def run(args: argparse.Namespace) -> int:
    raise RasdError("'rasd events' is not implemented yet")
