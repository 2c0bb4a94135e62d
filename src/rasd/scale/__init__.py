"""Scale-out: the same extraction on a Dask cluster (see docs/scale.md). Dask is imported only when used."""

from __future__ import annotations

from rasd.scale.dask_runner import ScaleSummary, extract_to_parquet, ingest_with_dask

__all__ = ["ScaleSummary", "extract_to_parquet", "ingest_with_dask"]
