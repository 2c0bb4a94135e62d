"""`rasd geocode TEXT [--format table|json] [--country ISO3]`: the places found in TEXT, for users
checking a result. JSON is a list of {text, start, end, name, name_ar, latitude, longitude, country,
iso3, admin1, admin2, feature_type, geo_precision, relation, place_id, candidates} with character
offsets into TEXT."""

from __future__ import annotations

import argparse
import json
import sys

from rasd.errors import EXIT_OK, InputError


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "geocode",
        help="print the places named in an Arabic text, resolved to coordinates",
        description="Find every place named in TEXT (countries, regions, districts, towns, curated "
        "sites such as bases, camps and border crossings) and resolve it in the context of the whole "
        "text: prefixes (بالعراق، وفي الموصل), spelling variants, relative phrases (شمال بغداد، قرب "
        "الحدود) and same-name places (القنيطرة in Syria or Morocco). Offsets are character offsets "
        "into TEXT. geo_precision follows ACLED: 1 the town or site itself, 2 near it or a small area, "
        "3 a region or country. Exit codes: 0 success, 2 bad arguments, 3 unreadable input.",
    )
    p.add_argument("text", metavar="TEXT", help="the Arabic text, or - to read it from standard input")
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="table (tab-separated, with a header; default) or json (a list of objects)")
    p.add_argument("--country", metavar="ISO3", default=None,
                   help="country the text is about (ISO 3166 alpha-3, e.g. IRQ), to settle same-name places")
    return p


def run(args: argparse.Namespace) -> int:
    from rasd.geo import default_geocoder
    from rasd.geo.output import mention_to_dict, mentions_table

    if args.text == "-":
        raw = sys.stdin.buffer.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError("<stdin>", f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    else:
        text = args.text
    if args.country is not None and (len(args.country) != 3 or not args.country.isalpha()):
        raise InputError("--country", f"expected an ISO 3166 alpha-3 code such as IRQ, got {args.country!r}")
    mentions = default_geocoder().find(text, country_hint=args.country)
    if args.format == "json":
        sys.stdout.write(json.dumps([mention_to_dict(m) for m in mentions], ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(mentions_table(mentions))
    sys.stdout.flush()
    return EXIT_OK
