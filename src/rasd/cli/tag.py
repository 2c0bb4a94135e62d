"""`rasd tag FILE|-`: named-entity tags for CoNLL input (one token a line, blank line between
sentences); prints ``token<TAB>tag`` in the ANERcorp tag set (B-/I-PERS, LOC, ORG, MISC, O)."""

from __future__ import annotations

import argparse
import sys

from rasd.errors import InputError


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "tag",
        help="tag named entities in CoNLL input (one token a line)",
        description="Tag the tokens of a CoNLL file (one token a line, optional further columns "
        "ignored, blank line between sentences) with BIO named-entity tags: B-/I-PERS, LOC, ORG, "
        "MISC, or O. Tokens are used as given. Output: token, a tab, its tag; blank lines kept.",
    )
    p.add_argument("file", metavar="FILE", help="CoNLL file to tag, or - for standard input")
    return p


def run(args: argparse.Namespace) -> int:
    from rasd.extract.entities import tag_conll

    origin = "<stdin>" if args.file == "-" else args.file
    try:
        if args.file == "-":
            text = sys.stdin.buffer.read().decode("utf-8")
        else:
            with open(args.file, "rb") as fh:
                text = fh.read().decode("utf-8")
    except FileNotFoundError as exc:
        raise InputError(origin, "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(origin, "is a directory") from exc
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if "\x00" in text:
        raise InputError(origin, "binary input, expected CoNLL text")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = sys.stdout
    for line in tag_conll(lines):
        out.write(line + "\n")
    out.flush()
    return 0
