"""Every error a user can see, with its exit code. Messages are one line and name the input."""

from __future__ import annotations

# Documented exit codes (see docs/cli.md).
EXIT_OK = 0
EXIT_USAGE = 2          # bad arguments
EXIT_INPUT = 3          # an input could not be read (missing, empty, binary, undecodable, malformed)
EXIT_NETWORK = 4        # a URL or feed could not be reached after retries
EXIT_DATABASE = 5       # database locked, read-only, or of a newer schema version
EXIT_PARTIAL = 6        # some inputs failed, the rest were processed


class RasdError(Exception):
    """Base class: ``str(err)`` is the one-line message shown to the user."""

    exit_code = 1


class InputError(RasdError):
    """An input file, line or document that could not be used."""

    exit_code = EXIT_INPUT

    def __init__(self, origin: str, message: str, line: int | None = None) -> None:
        self.origin = origin
        self.line = line
        where = f"{origin}:{line}" if line is not None else origin
        super().__init__(f"{where}: {message}")


class NetworkError(RasdError):
    exit_code = EXIT_NETWORK


class DatabaseError(RasdError):
    exit_code = EXIT_DATABASE


class DataError(RasdError):
    """A packaged data file (lexicon, gazetteer, model) is missing or invalid."""

    exit_code = 1


class UsageError(RasdError):
    """Arguments that cannot work together (argparse catches the rest)."""

    exit_code = EXIT_USAGE


class FetchError(InputError, NetworkError):
    """A URL or feed that could not be fetched after retries: an input that failed on the network."""

    exit_code = EXIT_NETWORK
