"""CSV for spreadsheets: semicolon-separated, with a BOM so Excel reads æøå, and no cell run as a formula.

A text cell that starts with = + - @ (or a tab or carriage return) would be taken as a formula by Excel
or LibreOffice ("formula injection"); it gets a leading apostrophe. Numbers, negative ones included, are
left alone so the spreadsheet can still add them up.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d[\d.,]*(?:[eE][-+]?\d+)?")


def safe_cell(value: object) -> object:
    """The cell as a spreadsheet should see it: formula-like text defused, numbers unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], bom: bool = True) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" if bom else "") + out.getvalue()
