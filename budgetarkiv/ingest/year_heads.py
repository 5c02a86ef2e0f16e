"""Column heads that name a budget table's years by their place in the budget period.

Danish municipal budgets run over the budget year and three or four overslagsår (outlook years), and
tables often head their columns that way instead of with calendar years: "B2028 | BO1 | BO2 | BO3",
"Budget 2028 | Overslagsår 1 | Overslagsår 2", "B28 | BO29 | BO30", "2028 (B) | 2029 (BO)". The n-th
overslagsår is the budget year + n. Mapping the heads to calendar years makes such a table a normal money
table with years, so everything that reads, checks and answers by year works on it unchanged.

Other head words name a calendar year as plainly ("År 2031", "Forslag 2031", "Budgetforslag 2031"), and a
year may carry a footnote mark ("2031*") or repeat the unit ("2031 (mio. kr.)"); "B2031/BO1" is the first
outlook year of budget 2031. What is no year column stays as written: "Varigt fra 2035" (the full-year amount
from then on), a span ("2031-2034"), "I alt".

The budget year comes from the head itself ("B2028", "Budget 2028", "2028 (B)"), else from the note's
budget year; without either, an "Overslagsår 1" cannot be placed and stays unmapped.
"""
from __future__ import annotations

import re

_YEAR = r"(?:19|20)\d\d"
# the budget year's column: "B2028", "B 2028", "B-2028", "B28", "Budget 2028", "Budgetår 2028", "2028 (B)",
# "2028 (budget)", "2028 B"
_BUDGET_HEAD = re.compile(
    rf"^(?:B[- ]?(?P<a>{_YEAR}|\d\d)|Budget(?:år(?:et)?)?[- ]?(?P<b>{_YEAR})|(?P<c>{_YEAR})\s*\(\s*(?:B|Budget)\s*\)"
    rf"|(?P<d>{_YEAR})\s+B)$",
    re.IGNORECASE,
)
# an outlook year by number: "BO1", "BO 1", "OÅ1", "Overslagsår 1", "1. overslagsår", "Overslagsår 1 (2029)"
_OUTLOOK_NUMBER = re.compile(
    rf"^(?:(?:BO|OÅ|O)[- ]?(?P<n>[1-9])|Overslagsår[- ]?(?P<m>[1-9])|(?P<k>[1-9])\.\s*overslagsår)"
    rf"(?:\s*\(\s*(?P<y>{_YEAR})\s*\))?$",
    re.IGNORECASE,
)
# the budget year's column without its year: "Budgetår", "Budgetåret"
_BARE_BUDGET_HEAD = re.compile(r"^Budgetår(?:et)?$", re.IGNORECASE)
# an outlook year by its calendar year: "BO29", "BO2029", "BO 2029", "2029 (BO)", "2029 (BO1)", "Overslagsår 2029",
# "2029 BO"
_OUTLOOK_YEAR = re.compile(
    rf"^(?:(?:BO|OÅ)[- ]?(?P<a>{_YEAR}|\d\d)|Overslag(?:sår)?[- ]?(?P<b>{_YEAR})"
    rf"|(?P<c>{_YEAR})\s*\(\s*(?:BO|OÅ|O|overslagsår)\s*[1-9]?\s*\)|(?P<d>{_YEAR})\s+BO[1-9]?)$",
    re.IGNORECASE,
)

# a calendar year under another head word: "År 2031", "Året 2031", "Forslag 2031", "Budgetforslag 2031"
_WORD_YEAR = re.compile(rf"^(?:År(?:et)?|(?:Budget)?forslag)[- ]?(?P<y>{_YEAR})$", re.IGNORECASE)
# an outlook year of a named budget: "B2031/BO1", "B 2031 / OÅ 2"
_BUDGET_OUTLOOK = re.compile(rf"^B[- ]?(?P<b>{_YEAR})\s*/\s*(?:BO|OÅ)[- ]?(?P<n>[1-9])$", re.IGNORECASE)
# what decorates a head without changing its year: a footnote mark ("2031*", "BO1¹") or a bracket that repeats
# the unit or price level ("2031 (mio. kr.)", "Budget 2031 (2031-pl)")
_DECORATION = re.compile(r"(?:\s*[*¹²³⁴⁵⁶⁷⁸⁹]+|\s*\((?=[^()]*(?:kr\b|kr\.|p/l|pl\b|priser))[^()]*\))$", re.IGNORECASE)

# a column of the full-year amount from some year on: "Varigt fra 2035", "Varig virkning fra 2035", "Helårsvirkning"
# (no year column, and no total); in running head text its words are kept together as one head (joined by
# no-break spaces) so the year in it is not read as a column
_LASTING = r"(?:Varig(?:t|e)?(?:\s+(?:virkning|effekt|niveau))?|Helårs(?:virkning|effekt))(?:\s+(?:fra|fra\s+og\s+med|fom\.?)\s+{y})?"
LASTING_HEAD = re.compile(rf"^{_LASTING.format(y=_YEAR)}$", re.IGNORECASE)
_LASTING_IN_TEXT = re.compile(rf"(?<![\w]){_LASTING.format(y=_YEAR)}(?![\w])", re.IGNORECASE)


def is_lasting_head(cell: str) -> bool:
    """Does a head cell name the full-year amount from some year on ("Varigt fra 2035"), which is no year column?"""
    return LASTING_HEAD.match(" ".join(cell.split())) is not None


# the same heads inside a line of running head text (PDF text: "1.000 kr. B2028 BO1 BO2 I alt"), longest first
_IN_TEXT = re.compile(
    rf"(?<![\w(])(?:"
    rf"B[- ]?{_YEAR}\s*/\s*(?:BO|OÅ)[- ]?[1-9](?!\d)"
    rf"|(?:År(?:et)?|(?:Budget)?forslag)[- ]?{_YEAR}(?!\d)"
    rf"|(?:Budget(?:år(?:et)?)?|B)[- ]?{_YEAR}(?!\d)(?:\s*\(\s*B\s*\))?"
    rf"|(?:Overslagsår|BO|OÅ)[- ]?(?:{_YEAR}|\d\d|[1-9])(?!\d)(?:\s*\(\s*{_YEAR}\s*\))?|Overslag[- ]?{_YEAR}(?!\d)"
    rf"|[1-9]\.\s*overslagsår|Budgetår(?:et)?(?!\s*(?:19|20)\d\d)"
    rf"|B\d\d(?!\d)"
    rf"|{_YEAR}\s*\(\s*(?:B|BO|OÅ|O|Budget|overslagsår)\s*[1-9]?\s*\)"
    rf"|{_YEAR}(?=\s*[*¹²³⁴⁵⁶⁷⁸⁹]|\s*\([^()]*(?:kr\b|kr\.|p/l|pl\b|priser)[^()]*\))"
    rf")(?:\s*[*¹²³⁴⁵⁶⁷⁸⁹]+|\s*\((?=[^()]*(?:kr\b|kr\.|p/l|pl\b|priser))[^()]*\))?(?![\w)])",
    re.IGNORECASE,
)


def _full_year(text: str) -> int:
    """ "28" -> 2028, "2028" -> 2028."""
    return int(text) if len(text) == 4 else 2000 + int(text)


def budget_year_of_head(cell: str) -> int | None:
    """The budget year a head cell names as the budget year's column ("B2028", "Budget 2028", "2028 (B)")."""
    m = _BUDGET_HEAD.match(_DECORATION.sub("", " ".join(cell.split())))
    if m is None:
        return None
    return _full_year(next(g for g in m.groups() if g))


def head_year(cell: str, budget_year: int | None) -> int | None:
    """The calendar year a head cell names: "B2028" -> 2028; "BO2" with budget year 2028 -> 2030; "BO29" -> 2029;
    "2029 (BO)" -> 2029; "Overslagsår 1 (2029)" -> 2029. None for any other cell, or an outlook year by number when
    the budget year is unknown."""
    plain = " ".join(cell.split())
    bare = _DECORATION.sub("", plain)
    if bare != plain:
        if re.fullmatch(_YEAR, bare):
            return int(bare)  # "2031*", "2031 (mio. kr.)"
        plain = bare
    own = budget_year_of_head(plain)
    if own is not None:
        return own
    m = _WORD_YEAR.match(plain)
    if m is not None:
        return int(m.group("y"))
    m = _BUDGET_OUTLOOK.match(plain)
    if m is not None:
        return int(m.group("b")) + int(m.group("n"))
    m = _OUTLOOK_YEAR.match(plain)
    if m is not None:
        return _full_year(next(g for g in m.groups() if g))
    if _BARE_BUDGET_HEAD.match(plain):
        return budget_year
    m = _OUTLOOK_NUMBER.match(plain)
    if m is not None:
        if m.group("y"):
            return int(m.group("y"))
        if budget_year is not None:
            return budget_year + int(m.group("n") or m.group("m") or m.group("k"))
    return None


def budget_year_in(cells: list[str] | tuple[str, ...]) -> int | None:
    """The budget year the heads name by a budget-year column, if any."""
    return next((y for c in cells if (y := budget_year_of_head(c)) is not None), None)


def calendar_cells(cells: list[str] | tuple[str, ...], budget_year: int | None) -> list[str]:
    """Head cells with every budget-period head written as its calendar year ("BO1" -> "2029"); others as given.
    The head's own budget-year column wins over the note's budget year."""
    base = budget_year_in(cells) or budget_year
    out = []
    for cell in cells:
        year = head_year(cell, base)
        out.append(str(year) if year is not None else cell)
    return out


def calendar_text(text: str, budget_year: int | None) -> str:
    """A head line's plain text with every budget-period head replaced by its calendar year ("1.000 kr. B2028 BO1
    BO2 Total" -> "1.000 kr. 2028 2029 2030 Total"); offsets are not kept (use on collapsed text only)."""
    found = [m.group(0) for m in _IN_TEXT.finditer(text)]
    base = budget_year_in(found) or budget_year

    def swap(m: re.Match[str]) -> str:
        year = head_year(m.group(0), base)
        return str(year) if year is not None else m.group(0)

    text = _LASTING_IN_TEXT.sub(lambda m: "\u00a0".join(m.group(0).split()), text)
    return _IN_TEXT.sub(swap, text)
