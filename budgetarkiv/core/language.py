"""Is a text English or Danish? Decides how an English document's numbers read ("2,450" is 2450 there).

Counted on function words only, which every sentence has whatever its subject; Danish names and terms inside an
English email ("Jobcenter København", "rådighedsbeløb") do not tip it.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"[a-zæøå]+", re.IGNORECASE)
_ENGLISH = frozenset(
    "the a an of and to in is are was were be been on with that this which from by as it we our will "
    "would has have had not or per year years after before their its".split()
)
_DANISH = frozenset(
    "og i er til af på det den de der som med om en et ikke har var vil fra ved kan skal blev bliver "
    "samt hvor efter år årligt".split()
)


def is_english(text: str) -> bool:
    """More English than Danish function words (a tie, or none, is Danish: the archive's own language)."""
    words = [w.lower() for w in _WORD.findall(text)]
    english = sum(w in _ENGLISH for w in words)
    danish = sum(w in _DANISH for w in words)
    return english > danish
