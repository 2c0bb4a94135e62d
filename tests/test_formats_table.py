"""table: fixed-width columns for a terminal, Arabic measured and marked for bidi."""

from __future__ import annotations

import io

import pytest
from test_formats_samples import sample_events

from rasd.formats import LRM, display_width, fit, table_row, write_events


def _table() -> list[str]:
    out = io.StringIO()
    write_events(sample_events(), "table", out)
    return out.getvalue().splitlines()


def test_formats_table_has_header_rule_and_one_line_per_event() -> None:
    lines = _table()
    assert lines[0].split()[:2] == ["DATE", "TYPE"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert len(lines) == 2 + 4 + 1
    assert lines[-1].startswith("(4 events")


def test_formats_table_row_cells() -> None:
    attack, civ, protest, bg = (table_row(e) for e in sample_events())
    assert attack[0] == "2024-08-05"
    assert attack[1] == "Explosions/Remote violence / Shelling/artillery/missile attack"
    assert attack[2] == "Islamic Resistance in Iraq → Military Forces of the United States"
    assert attack[3] == "Ain al-Asad Air Base, Iraq"
    assert attack[4] == "0/7" and attack[5] == ""
    assert civ[4] == "3/?"
    # No English name: the Arabic is shown rather than nothing.
    assert protest[2] == "المئات" and protest[3] == "عمّان, Jordan" and protest[0] == "?"
    assert bg[0] == "2024-01-15~3" and bg[5] == "bg"


def test_formats_table_columns_line_up_with_arabic() -> None:
    lines = _table()
    header = lines[0]
    starts = [header.index(h) for h in ("TYPE", "ACTORS", "PLACE", "KILLED/INJ")]
    for line, event in zip(lines[2:6], sample_events(), strict=True):
        cells = table_row(event)[1:5]
        at = 0
        for cell, start in zip(cells, starts, strict=True):
            shown = cell if len(cell) < 20 else cell[:15]  # long cells may be cut with "…"
            at = line.index(shown, at)
            # Every column starts at the terminal column of its header, Arabic rows included.
            assert display_width(line[:at]) == start, (line, cell)
    assert "المئات" + LRM in lines[4]


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("abc", 3),
        ("قاعدة عين الأسد", 15),
        ("مُحَمَّد", 4),  # diacritics take no column
        ("\u200fقتل", 3),  # bidi marks take no column
        ("سوريا\u0640", 6),  # tatweel is a visible letter-width stroke
    ],
)
def test_formats_table_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Iraq", 6, "Iraq  "),
        ("Ain al-Asad Air Base", 10, "Ain al-As…"),
        ("عين الأسد", 12, "عين الأسد" + LRM + "   "),
        ("قاعدة عين الأسد الجوية", 10, "قاعدة عين…" + LRM),
    ],
)
def test_formats_table_fit(text: str, width: int, expected: str) -> None:
    assert fit(text, width) == expected
    assert display_width(fit(text, width)) == width


def test_formats_table_empty() -> None:
    out = io.StringIO()
    assert write_events([], "table", out) == 0
    assert "(no events)" in out.getvalue()


@pytest.mark.parametrize("total", [200, 120, 100, 80])
def test_formats_table_widths_fit_a_terminal(total: int) -> None:
    from rasd.formats import TABLE_MIN_WIDTH, table_widths

    rows = [table_row(e) for e in sample_events()]
    natural = table_widths(rows)
    widths = table_widths(rows, total)
    used = sum(widths) + 2 * (len(widths) - 1)
    assert used <= max(total, sum(TABLE_MIN_WIDTH) + 10)
    assert all(w >= m for w, m in zip(widths, TABLE_MIN_WIDTH, strict=True))
    assert widths[0] == natural[0] and widths[4] == natural[4]  # date and counts are never cut
    if total >= sum(natural) + 10:
        assert widths == natural
