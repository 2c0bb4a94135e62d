"""`rasd tag`: CoNLL in, token<TAB>tag out, tokens untouched, blank lines kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rasd.cli import main

CONLL = (
    "وقال O\nالرئيس O\nالأمريكي O\nجورج B-PERS\nبوش I-PERS\nفي O\nواشنطن B-LOC\n. O\n"
    "\n"
    "وأعلنت O\nالأمم B-ORG\nالمتحدة I-ORG\nأن O\nالمساعدات O\nوصلت O\nإلى O\nغزة B-LOC\n. O\n"
)
TAGS = {"O"} | {f"{p}-{t}" for p in "BI" for t in ("PERS", "LOC", "ORG", "MISC")}


def _tokens(text: str) -> list[str]:
    return [line.split(" ")[0] if line else "" for line in text.splitlines()]


def test_entities_cli_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.conll"
    src.write_text(CONLL, encoding="utf-8")
    assert main(["tag", str(src)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(CONLL.splitlines())
    assert [line.split("\t")[0] for line in out] == _tokens(CONLL)
    assert out[8] == ""
    assert all(line.split("\t")[1] in TAGS for line in out if line)
    tagged = dict(line.split("\t") for line in out if line)
    assert tagged["واشنطن"] == "B-LOC"
    assert tagged["جورج"] == "B-PERS" and tagged["بوش"] == "I-PERS"


@pytest.mark.parametrize("sep", [" ", "\t", ""])
def test_entities_cli_stdin_any_column_layout(sep: str) -> None:
    text = "\n".join(f"{tok}{sep}O" if sep else tok for tok in ["زار", "الملك", "عبدالله", "عمان", "."]) + "\n"
    proc = subprocess.run(
        [sys.executable, "-m", "rasd", "tag", "-"], input=text.encode("utf-8"), capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode("utf-8").splitlines()
    assert [line.split("\t")[0] for line in lines] == ["زار", "الملك", "عبدالله", "عمان", "."]


def test_entities_cli_missing_file_is_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tag", str(tmp_path / "nope.conll")]) == 3
    assert "nope.conll" in capsys.readouterr().err


def test_entities_cli_help_describes_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["tag", "--help"])
    assert "CoNLL" in capsys.readouterr().out
