"""The `rasd` command. Each subcommand lives in its own module with ``add_parser`` and ``run``;
commands are thin: parse arguments, call one library function, print."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from rasd import __version__
from rasd.errors import EXIT_USAGE, RasdError

# Subcommand modules in the order `rasd --help` lists them.
COMMANDS: tuple[str, ...] = ("extract", "ingest", "events", "stats", "watch", "serve", "tag", "geocode")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rasd",
        description="Code Arabic news into ACLED-style political-violence events with evidence spans.",
    )
    parser.add_argument("--version", action="version", version=f"rasd {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and debugging detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"rasd.cli.{name}")
        p = module.add_parser(sub)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="rasd: %(levelname)s: %(message)s",
    )
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args._run(args) or 0)
    except RasdError as err:
        print(f"rasd: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("rasd: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
