"""Writing events at the edge: jsonl, json, csv, acled-csv, geojson, table and parquet.

``write_events(events, fmt, out)`` is the one entry point. ``events`` may be any iterable (a
generator is fine): jsonl, json, csv, acled-csv and geojson are written one event at a time, so
nothing holds all events in memory; ``table`` needs every row to size its columns, and
``parquet`` is written in batches of ``PARQUET_BATCH`` rows.

The record schema, the ACLED column mapping and the codes are documented in docs/record.md.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast

from rasd.records import EVENT_KEYS, Event, event_to_dict

FORMATS: tuple[str, ...] = ("jsonl", "json", "csv", "acled-csv", "geojson", "table", "parquet")
"""Every output format, in the order `rasd extract --help` lists them."""
BINARY_FORMATS: frozenset[str] = frozenset({"parquet"})

# --------------------------------------------------------------------------------------------
# ACLED codes (ACLED Codebook; the export columns as of the 2024 data export / API).
# --------------------------------------------------------------------------------------------

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
"""ACLED's export columns, in ACLED's order."""

ACLED_EXTRA_COLUMNS: tuple[str, ...] = (
    "article_id", "actor1_ar", "actor2_ar", "claimed_by", "attributed_to", "iso3", "location_ar",
    "injuries", "weapons", "background", "fatalities_low", "fatalities_high", "inter1_code",
    "inter2_code", "interaction_code", "evidence", "sources",
)
"""Our columns after ACLED's: everything in the record that ACLED has no column for."""

INTER_LABELS: dict[int, str] = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
"""ACLED actor-type codes (inter1/inter2) and the labels ACLED's export now writes for them."""

DISORDER_BY_SUB_EVENT: dict[str, str] = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Violent demonstration": "Demonstrations",
    "Mob violence": "Political violence",
}
"""Sub-event types whose disorder type differs from their event type's."""

DISORDER_BY_EVENT: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

ACLED_REGIONS: dict[str, str] = {
    "Middle East": "ARE BHR CYP IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR YEM",
    "Northern Africa": "DZA EGY ESH LBY MAR SDN TUN",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN MDG MOZ MUS MWI MYT REU RWA SOM SSD SYC TZA UGA ZMB ZWE",
    "Middle Africa": "AGO CAF CMR COD COG GAB GNQ STP TCD",
    "Southern Africa": "BWA LSO NAM SWZ ZAF",
    "Western Africa": "BEN BFA CIV CPV GHA GIN GMB GNB LBR MLI MRT NER NGA SEN SHN SLE TGO",
    "South Asia": "AFG BGD BTN IND LKA MDV NPL PAK",
    "Southeast Asia": "BRN IDN KHM LAO MMR MYS PHL SGP THA TLS VNM",
    "East Asia": "CHN HKG JPN KOR MAC MNG PRK TWN",
    "Caucasus and Central Asia": "ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "Europe": (
        "ALB AND AUT BEL BGR BIH BLR CHE CZE DEU DNK ESP EST FIN FRA FRO GBR GIB GRC HRV HUN IMN IRL "
        "ISL ITA LIE LTU LUX LVA MCO MDA MKD MLT MNE NLD NOR POL PRT ROU RUS SMR SRB SVK SVN SWE UKR "
        "VAT XKX"
    ),
    "North America": "BMU CAN GRL SPM USA",
    "Central America": "BLZ CRI GTM HND MEX NIC PAN SLV",
    "South America": "ARG BOL BRA CHL COL ECU FLK GUF GUY PER PRY SUR URY VEN",
    "Caribbean": (
        "ABW AIA ATG BES BHS BLM BRB CUB CUW CYM DMA DOM GLP GRD HTI JAM KNA LCA MAF MSR MTQ PRI SXM "
        "TCA TTO VCT VGB VIR"
    ),
    "Oceania": "ASM AUS COK FJI FSM GUM KIR MHL MNP NCL NIU NRU NZL PLW PNG PYF SLB TON TUV VUT WLF WSM",
    "Antarctica": "ATA",
}
"""ACLED's regions, by ISO 3166-1 alpha-3 code."""


@lru_cache(maxsize=1)
def _region_of() -> dict[str, str]:
    return {iso3: region for region, codes in ACLED_REGIONS.items() for iso3 in codes.split()}


def acled_region(iso3: str | None) -> str | None:
    """ACLED region of a country (e.g. "IRQ" → "Middle East"), None when unknown."""
    return _region_of().get(iso3.upper()) if iso3 else None


ACLED_COUNTRY_ALIASES: dict[str, str] = {
    "Palestine": "PSE", "Turkey": "TUR", "Democratic Republic of Congo": "COD", "Republic of Congo": "COG",
    "Kosovo": "XKX", "eSwatini": "SWZ", "Ivory Coast": "CIV", "Cape Verde": "CPV",
    "East Timor": "TLS", "Vatican City": "VAT", "Micronesia": "FSM", "Caribbean Netherlands": "BES",
}
"""ACLED country names that pycountry does not know under that name."""


@lru_cache(maxsize=512)
def iso3_of(country: str | None) -> str | None:
    """Alpha-3 code of a country name ("Iraq" → "IRQ"; "Palestine", "Syria", "Iran" too), None
    when the name is not a country."""
    if not country:
        return None
    import pycountry

    if country in ACLED_COUNTRY_ALIASES:
        return ACLED_COUNTRY_ALIASES[country]
    try:
        return str(pycountry.countries.lookup(country).alpha_3)
    except LookupError:
        return None


@lru_cache(maxsize=512)
def iso_numeric(iso3: str | None) -> int | None:
    """ISO 3166-1 numeric code (ACLED's ``iso`` column) from alpha-3: "IRQ" → 368."""
    if not iso3:
        return None
    import pycountry

    if iso3.upper() == "XKX":  # Kosovo: user-assigned alpha-3, ACLED's numeric 0
        return 0
    country = pycountry.countries.get(alpha_3=iso3.upper())
    return int(country.numeric) if country else None


def disorder_type(event_type: str | None, sub_event_type: str | None = None) -> str | None:
    """ACLED's disorder type for an event and sub-event type."""
    if sub_event_type in DISORDER_BY_SUB_EVENT:
        return DISORDER_BY_SUB_EVENT[sub_event_type]
    return DISORDER_BY_EVENT.get(event_type or "")


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's numeric interaction code: the two actor-type codes, lower first (17 = state forces
    and civilians); one actor alone gives 10 × its code (60 = protesters only)."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def interaction_label(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED's interaction label: "State forces-Civilians", "Protesters only"."""
    codes = sorted(c for c in (inter1, inter2) if c in INTER_LABELS)
    if not codes:
        return None
    if len(codes) == 1:
        return f"{INTER_LABELS[codes[0]]} only"
    return f"{INTER_LABELS[codes[0]]}-{INTER_LABELS[codes[1]]}"


def civilian_targeting(event: Event) -> str | None:
    """"Civilian targeting" when civilians are the target of political violence, else None.

    Every Violence-against-civilians event targets civilians; for the other political-violence
    types it is set when actor 2 is civilians (inter2 = 7).
    """
    disorder = disorder_type(event.event_type, event.sub_event_type) or ""
    if event.event_type == "Violence against civilians":
        return "Civilian targeting"
    if "Political violence" in disorder and event.inter2 == 7:
        return "Civilian targeting"
    return None


def acled_row(event: Event) -> dict[str, Any]:
    """One ``acled-csv`` row: ACLED's columns then ours (values not yet flattened)."""
    d = event_to_dict(event)
    iso3 = event.iso3 or iso3_of(event.country)
    row: dict[str, Any] = {
        "event_id_cnty": event.event_id,
        "event_date": d["event_date"],
        "year": event.event_date.year if event.event_date else None,
        "time_precision": event.time_precision,
        "disorder_type": disorder_type(event.event_type, event.sub_event_type),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": event.assoc_actor_1,
        "inter1": INTER_LABELS.get(event.inter1) if event.inter1 else None,
        "actor2": event.actor2,
        "assoc_actor_2": event.assoc_actor_2,
        "inter2": INTER_LABELS.get(event.inter2) if event.inter2 else None,
        "interaction": interaction_label(event.inter1, event.inter2),
        "civilian_targeting": civilian_targeting(event),
        "iso": iso_numeric(iso3),
        "region": acled_region(iso3),
        "country": event.country,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "admin3": None,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "source": event.source,
        "source_scale": None,
        "notes": event.notes,
        "fatalities": event.fatalities,
        "tags": None,
        "timestamp": None,
    }
    for key in ACLED_EXTRA_COLUMNS:
        if key in d:
            row[key] = d[key]
    row["inter1_code"] = event.inter1
    row["inter2_code"] = event.inter2
    row["interaction_code"] = interaction_code(event.inter1, event.inter2)
    return row


# --------------------------------------------------------------------------------------------
# Flat cells (csv, acled-csv)
# --------------------------------------------------------------------------------------------

LIST_SEPARATOR = "; "
"""How lists of strings (claimed_by, weapons) are joined in CSV cells."""


_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def _dumps(value: Any, **kw: Any) -> str:
    """JSON with Arabic kept readable; the Unicode line breaks JSON leaves raw (U+2028, U+2029,
    U+0085) are escaped, so one record is always one line for every line splitter."""
    text = json.dumps(value, ensure_ascii=False, **kw)
    for raw, escaped in _LINE_BREAKS.items():
        if raw in text:
            text = text.replace(raw, escaped)
    return text


def flat_cell(value: Any) -> str:
    """One CSV cell: null → empty, booleans → true/false, lists of strings joined with "; ",
    lists of objects (attributed_to, evidence, sources) as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, str) for v in value):
            return LIST_SEPARATOR.join(value)
        return _dumps(list(value))
    if isinstance(value, dict):
        return _dumps(value)
    return str(value)


# --------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------


def _write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    for event in events:
        out.write(_dumps(event_to_dict(event)) + "\n")
        n += 1
    return n


def _write_json(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    out.write("[")
    for event in events:
        body = _dumps(event_to_dict(event), indent=2)
        out.write(("," if n else "") + "\n  " + body.replace("\n", "\n  "))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def _write_csv(events: Iterable[Event], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EVENT_KEYS)
    n = 0
    for event in events:
        d = event_to_dict(event)
        writer.writerow([flat_cell(d[k]) for k in EVENT_KEYS])
        n += 1
    return n


def _write_acled_csv(events: Iterable[Event], out: TextIO) -> int:
    columns = ACLED_COLUMNS + ACLED_EXTRA_COLUMNS
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    n = 0
    for event in events:
        row = acled_row(event)
        writer.writerow([flat_cell(row.get(k)) for k in columns])
        n += 1
    return n


def geojson_feature(event: Event) -> dict[str, Any]:
    """A GeoJSON Feature: a Point at (longitude, latitude), or ``geometry: null`` when the event
    has no coordinates (RFC 7946 §3.2 allows unlocated features, so no event is dropped)."""
    if event.latitude is not None and event.longitude is not None:
        geometry: dict[str, Any] | None = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
    else:
        geometry = None
    return {"type": "Feature", "id": event.event_id, "geometry": geometry, "properties": event_to_dict(event)}


def _write_geojson(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for event in events:
        out.write(("," if n else "") + "\n" + _dumps(geojson_feature(event)))
        n += 1
    out.write("\n]}\n")
    return n


# ---- table ---------------------------------------------------------------------------------

LRM = "\u200e"
TABLE_HEADER: tuple[str, ...] = ("DATE", "TYPE / SUB-TYPE", "ACTORS", "PLACE", "KILLED/INJ", "BG")
TABLE_MAX_WIDTH: tuple[int, ...] = (12, 44, 52, 34, 10, 2)


def display_width(text: str) -> int:
    """Terminal columns taken by ``text``: combining marks (Arabic diacritics) and format
    characters (bidi marks) take none, wide East Asian characters two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` columns (ending with "…" when cut) and pad it with spaces.

    A cell holding right-to-left text ends with U+200E LEFT-TO-RIGHT MARK, so a terminal that
    applies the bidi algorithm keeps the columns in order (the numbers of the next column are
    not pulled into the Arabic run); the mark takes no width.
    """
    if display_width(text) > width:
        out, used = [], 0
        for ch in text:
            w = display_width(ch)
            if used + w > width - 1:
                break
            out.append(ch)
            used += w
        text = "".join(out).rstrip() + "…"
    pad = " " * (width - display_width(text))
    return text + (LRM if has_rtl(text) else "") + pad


def _actors_cell(e: Event) -> str:
    a1 = e.actor1 or e.actor1_ar or "?"
    a2 = e.actor2 or e.actor2_ar
    return f"{a1} → {a2}" if a2 else a1


def _place_cell(e: Event) -> str:
    place = e.location or e.location_ar or e.admin1 or ""
    if e.country and e.country != place:
        place = f"{place}, {e.country}" if place else e.country
    return place or "?"


def table_row(e: Event) -> tuple[str, ...]:
    """The cells of one event in the ``table`` format."""
    when = e.event_date.isoformat() if e.event_date else "?"
    if e.event_date and e.time_precision and e.time_precision > 1:
        when += f"~{e.time_precision}"
    kind = f"{e.event_type} / {e.sub_event_type}" if e.sub_event_type else e.event_type
    killed = "?" if e.fatalities is None else str(e.fatalities)
    injured = "?" if e.injuries is None else str(e.injuries)
    return (when, kind, _actors_cell(e), _place_cell(e), f"{killed}/{injured}", "bg" if e.background else "")


TABLE_MIN_WIDTH: tuple[int, ...] = (12, 20, 20, 14, 10, 2)
"""Narrowest each column gets when the table is shrunk to fit a terminal."""


def table_widths(rows: list[tuple[str, ...]], total: int | None = None) -> list[int]:
    """Column widths: each as wide as its widest cell up to TABLE_MAX_WIDTH; with ``total`` (a
    terminal's width), the type, actors and place columns give up columns in turn until the
    table fits or they reach TABLE_MIN_WIDTH."""
    widths = [
        min(cap, max([display_width(h)] + [display_width(r[i]) for r in rows]))
        for i, (h, cap) in enumerate(zip(TABLE_HEADER, TABLE_MAX_WIDTH, strict=True))
    ]
    if total is not None:
        excess = sum(widths) + 2 * (len(widths) - 1) - total
        while excess > 0:
            shrinkable = [i for i in (2, 1, 3) if widths[i] > TABLE_MIN_WIDTH[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1
    return widths


def _terminal_width(out: TextIO) -> int | None:
    try:
        if out.isatty():
            import shutil

            return shutil.get_terminal_size().columns
    except (AttributeError, ValueError, OSError):
        pass
    return None


def _write_table(events: Iterable[Event], out: TextIO) -> int:
    rows = [table_row(e) for e in events]
    widths = table_widths(rows, _terminal_width(out))
    for cells in [TABLE_HEADER, tuple("-" * w for w in widths), *rows]:
        out.write("  ".join(fit(c, w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n")
    if rows:
        out.write(f"({len(rows)} event{'s' if len(rows) != 1 else ''}; ~2/~3: date precision week/month; bg: recalled background)\n")
    else:
        out.write("(no events)\n")
    return len(rows)


# ---- parquet -------------------------------------------------------------------------------

PARQUET_BATCH = 1000


@lru_cache(maxsize=1)
def parquet_schema() -> Any:
    """The Arrow schema of the parquet output: one column per record key, typed."""
    import pyarrow as pa

    attribution = pa.struct([("actor", pa.string()), ("by", pa.string())])
    evidence = pa.struct(
        [("field", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()), ("rule", pa.string())]
    )
    source = pa.struct(
        [
            ("article_id", pa.string()), ("source", pa.string()), ("url", pa.string()),
            ("published", pa.date32()), ("fatalities", pa.int64()), ("injuries", pa.int64()),
            ("claimed_by", pa.list_(pa.string())), ("attributed_to", pa.list_(attribution)),
        ]
    )
    types: dict[str, Any] = {
        "event_date": pa.date32(), "time_precision": pa.int64(), "inter1": pa.int64(), "inter2": pa.int64(),
        "claimed_by": pa.list_(pa.string()), "attributed_to": pa.list_(attribution),
        "latitude": pa.float64(), "longitude": pa.float64(), "geo_precision": pa.int64(),
        "fatalities": pa.int64(), "injuries": pa.int64(), "weapons": pa.list_(pa.string()),
        "background": pa.bool_(), "evidence": pa.list_(evidence), "sources": pa.list_(source),
        "fatalities_low": pa.int64(), "fatalities_high": pa.int64(),
    }
    return pa.schema([(k, types.get(k, pa.string())) for k in EVENT_KEYS])


def _arrow_row(event: Event) -> dict[str, Any]:
    row = event_to_dict(event)
    row["event_date"] = event.event_date
    row["sources"] = [
        {**s, "published": date.fromisoformat(s["published"]) if s.get("published") else None}
        for s in row["sources"]
    ]
    return row


def _batches(events: Iterable[Event], size: int) -> Iterator[list[Event]]:
    batch: list[Event] = []
    for event in events:
        batch.append(event)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_parquet(events: Iterable[Event], out: str | Path | BinaryIO) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        for batch in _batches(events, PARQUET_BATCH):
            writer.write_table(pa.Table.from_pylist([_arrow_row(e) for e in batch], schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


_TEXT_WRITERS = {
    "jsonl": _write_jsonl,
    "json": _write_json,
    "csv": _write_csv,
    "acled-csv": _write_acled_csv,
    "geojson": _write_geojson,
    "table": _write_table,
}


def write_events(events: Iterable[Event], fmt: str, out: IO[Any] | str | Path) -> int:
    """Write ``events`` to ``out`` in format ``fmt``; return how many were written.

    ``out`` is a text stream for the text formats (a path is opened as UTF-8 and closed), and a
    path or binary stream for ``parquet``.
    """
    if fmt == "parquet":
        return _write_parquet(events, str(out) if isinstance(out, Path) else cast(Any, out))
    writer = _TEXT_WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown output format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return writer(events, fh)
    return writer(events, out)  # type: ignore[arg-type]


def write_events_to(events: Iterable[Event], fmt: str, output: str | None) -> int:
    """Write to the file ``output`` (parquet needs one), or to stdout when it is None. A closed pipe
    (``rasd ... | head``) stops quietly: stdout is pointed at /dev/null and BrokenPipeError re-raised."""
    import os
    import sys

    if fmt in BINARY_FORMATS:
        if not output:
            raise ValueError(f"format {fmt} needs an output file")
        return write_events(events, fmt, Path(output))
    if output:
        with open(output, "w", encoding="utf-8", newline="") as out:
            return write_events(events, fmt, out)
    try:
        n = write_events(events, fmt, sys.stdout)
        sys.stdout.flush()
        return n
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise


__all__ = [
    "FORMATS", "BINARY_FORMATS", "write_events_to", "ACLED_COLUMNS", "ACLED_EXTRA_COLUMNS", "INTER_LABELS", "ACLED_REGIONS",
    "write_events", "acled_row", "acled_region", "iso_numeric", "disorder_type", "interaction_code",
    "interaction_label", "civilian_targeting", "geojson_feature", "table_row", "display_width", "fit",
    "flat_cell", "parquet_schema",
]
