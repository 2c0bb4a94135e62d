"""Extracting events on a Dask cluster: the same events as one process, many cores or machines.

The client reads the inputs (streaming, with :func:`rasd.ingest.read_inputs`), cuts the articles
into batches and sends each batch to a worker, which codes it with the default pipeline (loaded once
per worker process). At most a few batches per worker are in flight, so memory stays flat however
large the input. Results are collected in submission order, so the output is deterministic:

* :func:`extract_to_parquet` writes one Parquet partition per batch (``part-00000.parquet``...) with
  the schema of ``rasd extract --format parquet`` (one row per event).
* :func:`ingest_with_dask` stores the articles and their pre-computed events through
  ``rasd.store.open_store(url).ingest(articles, extractor=...)``.

Without ``scheduler`` a :class:`distributed.LocalCluster` sized to the machine is started (one
single-threaded worker process per core: the pipeline is pure Python and holds the GIL); with a
scheduler address (``tcp://host:8786``) an existing cluster is used — see docs/scale.md for
Kubernetes and HPC (dask-jobqueue).
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rasd.errors import InputError, RasdError
from rasd.records import Article, Event

log = logging.getLogger("rasd.scale")

BATCH_SIZE = 100
"""Articles per task: big enough to amortise scheduling (~1 ms a task), small enough to balance load."""
INFLIGHT_PER_WORKER = 3
KEEP_BATCHES = 50
"""How many finished batches' events ``ingest_with_dask`` keeps for the store to ask for."""


@dataclass(frozen=True, slots=True)
class ScaleSummary:
    """What a Dask run did."""

    articles: int = 0
    events: int = 0
    partitions: int = 0
    input_errors: int = 0
    """Inputs, lines or items that could not be read (reported through ``on_error``)."""
    extract_errors: int = 0
    """Articles the extractor failed on (logged; the rest of their batch is kept)."""
    workers: int = 0
    seconds: float = 0.0
    out_dir: str | None = None
    store: Any = None
    """The store's IngestSummary for :func:`ingest_with_dask`."""
    messages: tuple[str, ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        where = f" into {self.out_dir}" if self.out_dir else ""
        errors = ""
        if self.input_errors or self.extract_errors:
            errors = f", {self.input_errors} input errors, {self.extract_errors} extraction errors"
        parts = f" in {self.partitions} partition{'s' if self.partitions != 1 else ''}" if self.out_dir else ""
        return (
            f"{self.articles} articles → {self.events} events{parts}{where} "
            f"on {self.workers} workers in {self.seconds:.1f}s ({rate:.0f} articles/s){errors}"
        )


# ---- worker side ----------------------------------------------------------------------------------


def extract_batch(articles: list[Article]) -> tuple[list[list[Event]], list[str]]:
    """Run on a worker: the events of each article (same order) and error messages."""
    from rasd.pipeline import default_pipeline

    pipeline = default_pipeline()
    out: list[list[Event]] = []
    errors: list[str] = []
    for article in articles:
        try:
            out.append(pipeline.extract(article))
        except Exception as err:  # one bad article must not lose the batch
            errors.append(f"{article.origin or article.id}: extraction failed: {type(err).__name__}: {err}")
            out.append([])
    return out, errors


# ---- client side ----------------------------------------------------------------------------------


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A ``distributed.Client``: on ``scheduler`` if given, else on a new LocalCluster of ``workers``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:  # pragma: no cover - the scale extra is not installed
        raise RasdError(f"the dask engine needs the 'scale' extra (pip install 'rasd[scale]'): {err}") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as err:
            from rasd.errors import NetworkError

            raise NetworkError(f"{scheduler}: cannot reach the Dask scheduler: {err}") from None
        try:
            yield client
        finally:
            client.close()
        return
    n = workers or os.cpu_count() or 1
    if not logging.getLogger().isEnabledFor(logging.INFO):  # keep the cluster's chatter out of the CLI
        logging.getLogger("distributed").setLevel(logging.ERROR)
    with LocalCluster(
        n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster, Client(cluster) as client:
        yield client


def _n_workers(client: Any) -> int:
    try:
        return max(1, len(client.scheduler_info().get("workers", {})))
    except Exception:  # pragma: no cover
        return 1


def run_batches(
    client: Any, articles: Iterable[Article], batch_size: int = BATCH_SIZE
) -> Iterator[tuple[list[Article], list[list[Event]], list[str]]]:
    """(batch, events per article, errors) for each batch, in input order, with bounded work in flight."""
    inflight = INFLIGHT_PER_WORKER * _n_workers(client)
    queue: deque[tuple[list[Article], Any]] = deque()
    for batch in _batches(articles, batch_size):
        queue.append((batch, client.submit(extract_batch, batch, pure=False)))
        while len(queue) >= inflight:
            done_batch, future = queue.popleft()
            events, errors = future.result()
            yield done_batch, events, errors
    while queue:
        done_batch, future = queue.popleft()
        events, errors = future.result()
        yield done_batch, events, errors


def _reader(
    inputs: Sequence[str], published: date | str | None, max_chars: int, on_error: Callable[[InputError], None] | None
) -> tuple[Iterator[Article], list[InputError]]:
    from rasd.ingest import read_inputs

    seen: list[InputError] = []

    def report(err: InputError) -> None:
        seen.append(err)
        if on_error is not None:
            on_error(err)
        else:
            log.warning("%s", err)

    return read_inputs(list(inputs), published=published, on_error=report, max_chars=max_chars), seen


def extract_to_parquet(
    inputs: Sequence[str],
    out_dir: str | Path,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    published: date | str | None = None,
    batch_size: int = BATCH_SIZE,
    max_chars: int = 200_000,
    on_error: Callable[[InputError], None] | None = None,
) -> ScaleSummary:
    """Code every article of ``inputs`` on Dask and write ``out_dir/part-NNNNN.parquet``.

    Existing ``part-*.parquet`` files in ``out_dir`` are replaced. Read the result with
    ``pandas.read_parquet(out_dir)`` or ``dask.dataframe.read_parquet(out_dir)``.
    """
    from rasd.formats import write_events

    start = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.parquet"):
        old.unlink()
    articles, input_errors = _reader(inputs, published, max_chars, on_error)
    n_articles = n_events = n_parts = 0
    messages: list[str] = []
    with dask_client(scheduler, workers) as client:
        n_workers = _n_workers(client)
        for index, (batch, events, errors) in enumerate(run_batches(client, articles, batch_size)):
            flat = [e for per_article in events for e in per_article]
            write_events(flat, "parquet", out / f"part-{index:05d}.parquet")
            n_parts += 1
            n_articles += len(batch)
            n_events += len(flat)
            for message in errors:
                log.error("%s", message)
            messages.extend(errors)
    return ScaleSummary(
        articles=n_articles, events=n_events, partitions=n_parts, input_errors=len(input_errors),
        extract_errors=len(messages), workers=n_workers, seconds=time.perf_counter() - start,
        out_dir=str(out), messages=tuple(messages),
    )


def ingest_with_dask(
    inputs: Sequence[str],
    store_url: str,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    published: date | str | None = None,
    batch_size: int = BATCH_SIZE,
    max_chars: int = 200_000,
    on_error: Callable[[InputError], None] | None = None,
    **ingest_kwargs: Any,
) -> ScaleSummary:
    """Extract on Dask, then store articles and events with ``open_store(store_url).ingest``.

    The store does the merging and de-duplication as for a local ingest; only the extraction (the
    expensive part) runs on the cluster. Articles reach the store in input order.
    """
    try:
        from rasd.store import open_store  # type: ignore[attr-defined]
    except ImportError as err:
        raise RasdError(f"no store backend available: {err}") from None

    start = time.perf_counter()
    articles, input_errors = _reader(inputs, published, max_chars, on_error)
    # Events computed on the cluster, keyed by article id, for the batches the store may still ask about.
    computed: dict[str, tuple[Article, list[Event]]] = {}
    recent: deque[list[str]] = deque()
    counts = {"articles": 0, "events": 0}
    messages: list[str] = []

    with dask_client(scheduler, workers) as client:
        n_workers = _n_workers(client)

        def stream() -> Iterator[Article]:
            for batch, events, errors in run_batches(client, articles, batch_size):
                messages.extend(errors)
                for message in errors:
                    log.error("%s", message)
                recent.append([a.id for a in batch])
                if len(recent) > KEEP_BATCHES:  # the store skipped these (duplicates): forget them
                    for key in recent.popleft():
                        computed.pop(key, None)
                for article, per_article in zip(batch, events, strict=True):
                    computed[article.id] = (article, per_article)
                    counts["articles"] += 1
                    counts["events"] += len(per_article)
                    yield article

        def extractor(article: Article) -> list[Event]:
            found = computed.pop(article.id, None)
            if found is None or found[0] != article:  # not computed here: extract locally (same result)
                from rasd.pipeline import default_pipeline

                return default_pipeline().extract(article)
            return found[1]

        store = open_store(store_url)
        try:
            summary = store.ingest(stream(), extractor=extractor, **ingest_kwargs)
        finally:
            store.close()
    return ScaleSummary(
        articles=counts["articles"], events=counts["events"], partitions=0, input_errors=len(input_errors),
        extract_errors=len(messages), workers=n_workers, seconds=time.perf_counter() - start,
        store=summary, messages=tuple(messages),
    )


__all__ = ["ScaleSummary", "extract_to_parquet", "ingest_with_dask", "extract_batch", "dask_client", "run_batches"]
