"""Argument types shared by the commands: each gives argparse a one-line message on bad input."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date


def iso_date(value: str) -> date:
    """YYYY-MM-DD."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (expected YYYY-MM-DD): {value!r}") from None


def whole_number(minimum: int) -> Callable[[str], int]:
    """A whole number of at least ``minimum``."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if n < minimum:
            raise argparse.ArgumentTypeError(
                f"must be at least {minimum}: {value!r}" if minimum else f"must not be negative: {value!r}"
            )
        return n

    return parse


positive_int = whole_number(1)
count = whole_number(0)
