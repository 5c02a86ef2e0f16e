"""The guarantee behind every answer: each number in a text must appear in its evidence."""
from __future__ import annotations

import re
from collections.abc import Iterable

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(text: str) -> set[str]:
    """Numbers as written, thousands separators dropped ("4.400" and "4400" are one number)."""
    return {_canonical(n) for n in _NUMBER.findall(text)}


def _canonical(number: str) -> str:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", number):
        number = number.replace(".", "")
    return number.rstrip(".,")


def unsupported_numbers(text: str, evidence: Iterable[str]) -> set[str]:
    """Numbers of `text` found in none of the evidence strings."""
    have: set[str] = set()
    for e in evidence:
        have |= numbers_in(e)
    return numbers_in(text) - have
