"""`rasd geocode` (not yet implemented)."""

from __future__ import annotations

import argparse

from rasd.errors import RasdError


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    return sub.add_parser("geocode", help="(not yet implemented)")


def run(args: argparse.Namespace) -> int:
    raise RasdError("'rasd geocode' is not implemented yet")
