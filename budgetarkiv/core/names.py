"""People-facing names of documents: note id, title, budget year and which version, never a file name.

One place for the wording, so search hits, answers, the inquiry draft, the CLI and the page name a
document the same way: "BI18 Perspektiv – en beskæftigelsesindsats ... (Budget 2024, version 2 af 2)".
The archive's file names ("001_618edc94f49331f8.txt") mean nothing to a reader; they are the last resort
for a document that has neither note id nor title.
"""
from __future__ import annotations

import re
from pathlib import Path

DRAFT = "udkast"
FINAL = "endelig version"
# Words in a document's head that say which version it is ("UDKAST", "Foreløbig version", "Endeligt notat").
_DRAFT_RE = re.compile(r"(?<!\w)(?:udkast|kladde|foreløbig(?:t)?[ \t]+(?:version|notat|udgave))(?!\w)", re.IGNORECASE)
_FINAL_RE = re.compile(r"(?<!\w)endelig(?:t|e)?[ \t]+(?:version|notat|udgave)(?!\w)", re.IGNORECASE)
# A head that says it corrects or replaces an earlier version ("Rettet version, 24. april 2028. Erstatter 1. version
# af ..."; "Opdateret version"), and one that says it is the first ("1. version, 3. april 2028").
_REVISED_RE = re.compile(r"(?<!\w)(?P<word>rettet|opdateret|revideret|korrigeret)e?[ \t]+(?:version|notat|udgave)(?!\w)"
                         r"|(?<!\w)erstatter[ \t]+(?:det[ \t]+|den[ \t]+)?(?:udkast\w*|\d+\.[ \t]*version|"
                         r"(?:første|tidligere|forrige)[ \t]+(?:version|udgave|notat)|version|notat\w*)(?!\w)",
                         re.IGNORECASE)
_FIRST_RE = re.compile(r"(?<!\w)(?:1\.|første)[ \t]+(?:version|udgave)(?!\w)", re.IGNORECASE)
FIRST = "1. version"
_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december")


_BEFORE_DIGITS_RE = re.compile(r"\s+(?=\d)")


def note_id_spelling(raw: str) -> str:
    """One spelling of a note id however a head or a question writes it: "TMF 57" is "TMF57", "ØKF E 8" is
    "ØKF E8" (some administrations write a space before the digits; "SUF E3" keeps the one before its letter)."""
    return _BEFORE_DIGITS_RE.sub("", " ".join(raw.split()))


def stated_version(head: str) -> str | None:
    """What a document's head says about its version: "udkast", "endelig version", "rettet version" (or
    "opdateret", "revideret", "korrigeret"; "ny version" when it only says it replaces another), "1. version";
    else None. A head that corrects or replaces an earlier version is that later version whatever else it
    names ("Erstatter 1. version", "Erstatter udkast af ...")."""
    revised = _REVISED_RE.search(head)
    if revised:
        return f"{revised.group('word').lower()} version" if revised.group("word") else "ny version"
    if _DRAFT_RE.search(head):
        return DRAFT
    if _FINAL_RE.search(head):
        return FINAL
    if _FIRST_RE.search(head):
        return FIRST
    return None


def version_rank(stated: str | None) -> int:
    """Where a stated version stands among one note's versions, newest first: a final or corrected version
    (0) before one that says nothing (1), before a draft or a first version (2)."""
    if stated is None:
        return 1
    return 2 if stated in (DRAFT, FIRST) else 0


def version_label(position: int, count: int, stated: str | None = None) -> str | None:
    """What a version is called: what the document says ("udkast"), else its place in the order
    ("version 2 af 2"; `position` 1 is the oldest, so the newest has the highest number). None for a
    note with one version that says nothing about itself."""
    if stated:
        return stated
    if count < 2:
        return None
    return f"version {position} af {count}"


def danish_date(iso: str | None) -> str | None:
    """ "2021-06-22" -> "22. juni 2021" (None and unreadable dates pass through as they are)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        return iso
    return f"{int(m.group(3))}. {_MONTHS[int(m.group(2)) - 1]} {m.group(1)}"


def document_name(
    note_id: str | None,
    title: str | None,
    budget_year: int | None = None,
    version: str | None = None,
    *,
    date: str | None = None,
    source: str | None = None,
    short: bool = False,
) -> str:
    """The name a person reads: "BI18 <title> (Budget 2024, udkast)", or short "BI18 Budget 2024, udkast"
    for citations. A letter has a title and a date ("Svar vedr. ... (22. juni 2021)"). `date` is ISO."""
    when = [f"Budget {budget_year}" if budget_year else None, danish_date(date) if not budget_year else None, version]
    details = [x for x in when if x]
    if short and note_id:
        return ", ".join([f"{note_id} {details[0]}" if details else note_id, *details[1:]])
    head = " ".join(x for x in (note_id, title) if x)
    if not head:
        head = Path(source).name if source else "Dokument"
    return f"{head} ({', '.join(details)})" if details else head
