"""Every `rasd` subcommand has --help text that exits 0; `rasd extract --help` is complete."""

from __future__ import annotations

import pytest

from rasd.cli import COMMANDS, main
from rasd.formats import FORMATS


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_extract_help_every_command(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: rasd {command}")
    assert len(out.strip().splitlines()) >= 3


def test_cli_extract_help_top_level_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out


def test_cli_extract_help_documents_options_formats_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    out = capsys.readouterr().out
    for option in ("--published", "--format", "--output", "--engine", "--scheduler", "--max-chars", "--no-background"):
        assert option in out
    for fmt in FORMATS:
        assert f"\n  {fmt} " in out
    for code in ("0", "2", "3", "6"):
        assert f"\n  {code}  " in out
