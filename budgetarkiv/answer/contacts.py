"""A note's contact person: who to ask about a proposal, quoted from the note's "Kontaktperson" line.

Notes end with a "Kontaktperson" heading (or "Kontaktperson: <title> <name>, <unit>" on one line); the
name and unit after it answer "hvem er kontaktperson for ...", "who should I contact about ...".
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from budgetarkiv.answer.model import Fact, note_reader, page_at, quoted
from budgetarkiv.index.store import Store
from budgetarkiv.search.hybrid import Hit
from budgetarkiv.search.query import Query

_ASKS_CONTACT = re.compile(r"\b(kontakt\w*|contact\w*|henvende\w*|reach)\b", re.IGNORECASE)
# "Kontaktperson: Specialkonsulent ...", "Kontaktperson for kataloget: ..." (the name on the line), or a heading
# "Kontaktperson" / "## Kontaktperson" with the name under it
_CONTACT_LINE = re.compile(r"^[ \t*]*(?:Kontakt\w*|Contact\w*)(?:[ \t]+[^\n:]{1,40})?:[ \t]*(?=\S)",
                           re.MULTILINE | re.IGNORECASE)
_CONTACT_HEAD = re.compile(r"^[ \t#*]*(?:Kontaktperson(?:er)?|Kontakt|Contact(?: persons?)?)[ \t*]*:?[ \t]*$",
                           re.MULTILINE | re.IGNORECASE)
MAX_LINES = 2  # a name line and the unit wrapped under it


def contact_span(text: str) -> tuple[int, int] | None:
    """Offsets of the contact person's line(s) in a note's text: the text after "Kontaktperson:" on its line,
    or the paragraph under a "Kontaktperson" heading (at most two lines); None when the note names none."""
    starts = [m.end() for m in _CONTACT_LINE.finditer(text)]
    for m in _CONTACT_HEAD.finditer(text):
        after = re.search(r"\S", text[m.end():])
        if after is not None:
            starts.append(m.end() + after.start())
    for start in sorted(starts):
        lines = text[start:].split("\n")
        taken = [lines[0]]
        for line in lines[1:MAX_LINES]:
            if not line.strip() or line.lstrip().startswith("#"):
                break
            taken.append(line)
        end = start + len("\n".join(taken).rstrip())
        if re.search(r"[A-ZÆØÅ][a-zæøå]+\s+[A-ZÆØÅ][a-zæøå]+", text[start:end]):  # a name: two capitalised words
            return start, end
    return None


class Contacts:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.note = note_reader(store)


    @staticmethod
    def asks_contact(query: Query) -> bool:
        return query.answer_type == "person" and bool(_ASKS_CONTACT.search(query.text))

    def contact(self, query: Query, hits: Sequence[Hit]) -> Fact | None:
        """The contact person of the first budget note among `hits` (the focused ones, best first) that names one."""
        if not self.asks_contact(query):
            return None
        for h in dict.fromkeys(h for h in hits if h.doc_type == "budget_note"):
            data = self.note(h.doc_id)
            text = data.get("text") or ""
            span = contact_span(text)
            if span is not None:
                start, end = span
                return quoted(h, text[start:end], page_at(data.get("page_starts") or [0], start), section="Kontaktperson")
        return None
