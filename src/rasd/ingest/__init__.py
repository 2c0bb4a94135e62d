"""Reading inputs (files, directories, stdin, URLs, feeds) into Article records."""

from __future__ import annotations

from rasd.ingest.readers import read_inputs

__all__ = ["read_inputs"]
