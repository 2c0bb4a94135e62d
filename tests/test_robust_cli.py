"""`rasd extract` on bad input: one clear line per problem on stderr and a documented exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rasd.cli import main
from rasd.errors import EXIT_INPUT, EXIT_OK, EXIT_PARTIAL

GOOD = "أصيب سبعة أميركيين بقصف صاروخي استهدف أمس الاثنين قاعدة عين الأسد في غرب العراق، وفق مسؤول أميركي."


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, list[str]]:
    code = main(["extract", "--published", "2024-08-06", *map(str, args)])
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if line]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty input (no text)"),
        ("image.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (PNG image), not text"),
        ("noise.txt", bytes(range(256)) * 4, "binary file"),
        ("broken.json", b'[{"text": "\xd9\x82\xd8\xaa\xd9\x84"', "malformed JSON"),
        ("wrong.json", b'{"title": "\xd8\xae\xd8\xa8\xd8\xb1"}', "article has no text"),
    ],
)
def test_robust_cli_bad_file_alone_exits_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    path = write(tmp_path, name, data)
    code, lines = run(capsys, path)
    assert code == EXIT_INPUT
    assert len(lines) == 1
    assert lines[0].startswith(f"rasd: error: {path}") and message in lines[0]


def test_robust_cli_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(capsys, tmp_path / "no-such.txt")
    assert (code, lines) == (EXIT_INPUT, [f"rasd: error: {tmp_path / 'no-such.txt'}: no such file or directory"])


def test_robust_cli_bad_and_good_inputs_exit_partial(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "good.txt", GOOD)
    empty = write(tmp_path, "empty.txt", b"")
    jsonl = write(tmp_path, "day.jsonl", json.dumps({"id": "1", "text": GOOD}) + "\n{not json\n"
                  + json.dumps({"id": "3", "text": GOOD}) + "\n")
    code, lines = run(capsys, empty, good, tmp_path / "gone.txt", jsonl)
    assert code == EXIT_PARTIAL
    assert lines == [
        f"rasd: error: {empty}: empty input (no text)",
        f"rasd: error: {tmp_path / 'gone.txt'}: no such file or directory",
        f"rasd: error: {jsonl}:2: malformed JSON: Expecting property name enclosed in double quotes (column 2)",
    ]


@pytest.mark.parametrize("encoding", ["cp1256", "iso-8859-6", "utf-16", "utf-8-sig"])
def test_robust_cli_legacy_encodings_read_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str) -> None:
    path = write(tmp_path, f"article-{encoding}.txt", GOOD.encode(encoding))
    code, lines = run(capsys, path)
    assert (code, lines) == (EXIT_OK, [])


def rasd_command() -> Path:
    rasd = Path(sys.executable).with_name("rasd")
    if not rasd.exists():
        pytest.skip("the rasd console script is not installed next to this interpreter")
    return rasd


def run_proc(*args: str | Path) -> tuple[int, list[str]]:
    proc = subprocess.run(
        [str(rasd_command()), "extract", "--published", "2024-08-06", *map(str, args)],
        capture_output=True, text=True, timeout=120,
    )
    return proc.returncode, proc.stderr.splitlines()


def test_robust_cli_non_arabic_text_processed_with_note(tmp_path: Path) -> None:
    path = write(tmp_path, "english.txt", "Seven Americans were wounded in a rocket attack on Ain al-Asad base.")
    code, lines = run_proc(path)
    assert code == EXIT_OK
    assert lines == [f"rasd: WARNING: {path}: no Arabic text found; processed anyway"]


def test_robust_cli_oversize_article_truncated_with_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "long.txt", (GOOD + "\n") * 50)
    code, lines = run_proc("--max-chars", "500", path)
    assert code == EXIT_OK
    assert len(lines) == 1
    assert lines[0].startswith(f"rasd: WARNING: {path}: article of {len((GOOD + chr(10)) * 50) - 1} characters truncated to ")


def test_robust_cli_subprocess_no_traceback(tmp_path: Path) -> None:
    """The installed command: exit codes are real process exit codes and nothing but one-liners on stderr."""
    rasd = rasd_command()
    good = write(tmp_path, "good.txt", GOOD)
    binary = write(tmp_path, "photo.txt", b"\xff\xd8\xff\xe0" + os.urandom(512))
    legacy = write(tmp_path, "legacy.txt", GOOD.encode("cp1256"))
    proc = subprocess.run(
        [str(rasd), "extract", "--published", "2024-08-06", str(good), str(binary), str(legacy), str(tmp_path / "x.jsonl")],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == EXIT_PARTIAL
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [
        f"rasd: error: {binary}: binary file (JPEG image), not text",
        f"rasd: error: {tmp_path / 'x.jsonl'}: no such file or directory",
    ]
    proc = subprocess.run([str(rasd), "extract", str(tmp_path / "x.jsonl")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == EXIT_INPUT
