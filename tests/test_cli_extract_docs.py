"""docs/cli.md documents every command, every exit code and every `rasd extract` option."""

from __future__ import annotations

from pathlib import Path

import pytest

import rasd.errors
from rasd.cli import COMMANDS, build_parser
from rasd.formats import FORMATS

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text("utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_extract_docs_every_command(doc: str, command: str) -> None:
    assert f"| `{command}`" in doc or f"[`{command}`]" in doc


@pytest.mark.parametrize("name", [n for n in dir(rasd.errors) if n.startswith("EXIT_")])
def test_cli_extract_docs_every_exit_code(doc: str, name: str) -> None:
    code = getattr(rasd.errors, name)
    assert f"| {code} | `{name}` |" in doc


def test_cli_extract_docs_every_option_and_format(doc: str) -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    extract = sub.choices["extract"]  # type: ignore[attr-defined]
    for action in extract._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"`{option}" in doc or f"{option} " in doc, option
    for fmt in FORMATS:
        assert f"`{fmt}`" in doc
