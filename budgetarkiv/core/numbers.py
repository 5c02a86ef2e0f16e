"""Danish number format: "4.400" is 4400, "0,65" is 0.65, "-500" is minus 500."""
from __future__ import annotations

import re

from budgetarkiv.core.models import Amount

# A Danish number: optional sign, digits grouped by "." in threes, optional ",decimals".
NUMBER_RE = re.compile(r"[-−–]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")
_FULL_RE = re.compile(rf"^{NUMBER_RE.pattern}$")


def parse_danish_number(text: str) -> Amount | None:
    """The value of one Danish-formatted number, or None when `text` is not one.

    Keeps ints as ints so table amounts print as the source wrote them.
    """
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _FULL_RE.match(s):
        return None
    negative = s[0] in "-−–"
    s = s.lstrip("-−–").replace(".", "")
    value: Amount = float(s.replace(",", ".")) if "," in s else int(s)
    return -value if negative else value


def format_danish_number(value: Amount) -> str:
    """4400 -> "4.400"; 0.65 -> "0,65"; the inverse of `parse_danish_number`."""
    negative = value < 0
    value = abs(value)
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:.10f}".rstrip("0").split(".")
    else:
        whole, frac = str(int(value)), ""
    grouped = f"{int(whole):,}".replace(",", ".")
    out = grouped + ("," + frac if frac else "")
    return ("-" if negative else "") + out
