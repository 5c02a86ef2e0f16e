"""A catalogue of proposals: one document holding several small proposals, each with its own id.

Savings and efficiency catalogues ("Effektiviseringskatalog", "Katalog over besparelser") list proposals
"KFF R1", "KFF R2", ... or "SOF-S01", "SOF-S02", ...: each a heading line (its id and name), a few
paragraphs and its own money table, then often a summary table of all of them. Read as one note, the first
proposal's id became the note's id and its paragraphs the title, and the other proposals were nowhere.

Decisions:
- A catalogue is the note; each proposal is one of its alternatives (`Scenario`, named by its id, titled by
  its heading) and a section of its own, and each proposal's tables carry its id as their scenario. So a
  question naming a proposal's id or its subject finds that proposal's passages and table, the answer lists
  each proposal by id and name, and the summary table (no scenario) says what the whole catalogue gives.
  Several notes from one document would change what the index stores per file; the alternatives are a shape
  search and answer already read.
- A proposal's head is a line of its own: an id ("KFF R1", "SOF-S01", "SUF E3") then a capitalised name.
  It counts only when at least two such heads of one id series ("KFF R", "SOF-S") each own a money table (one
  that starts before the next head): a note naming another note at a line start is no catalogue.
- A table whose rows name two or more of the proposals ("R1 Fælles ...", "SOF-S01 ...") is the summary; it
  belongs to the catalogue, not to the proposal it follows.
- The last proposal ends with its last table: what follows (assumptions, the summary) is the catalogue's.
- The catalogue has no note id. Its title is the first head line that is not a letterhead (an
  administration, "Budget 2028"), with a wrapped continuation; its other parts are sections under their
  short heading lines ("Indledning", "Samlet oversigt").
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from budgetarkiv.core.models import BudgetTable, Scenario, Section
from budgetarkiv.core.text import canonical_heading, collapse_ws, join_wrapped, sentence_bounds

# "KFF R1", "SOF-S01", "SUF E3", "BUF07": letters, an optional series letter (after a space or hyphen), digits
_ID = r"[A-ZÆØÅ]{2,5}(?:[ \t][A-ZÆØÅ]{1,2}|-[A-ZÆØÅ]{0,2})?\d{1,3}[a-z]?"
_HEAD_RE = re.compile(rf"^[ \t]*(?P<id>{_ID})[ \t]+(?P<name>[A-ZÆØÅ][^\n]*?)[ \t]*$", re.MULTILINE)
# the rest of a heading a PDF wrapped onto the next line: a few words in lower case, no sentence end
_WRAPPED_RE = re.compile(r"\n[ \t]*(?P<more>[a-zæøå][^\n.!?:]{0,60}?)[ \t]*(?=\n)")
_SERIES_RE = re.compile(r"^(?P<series>.*?)(?P<n>\d{1,3})[a-z]?$")
_NAME_MAX = 150  # a proposal's heading; a longer line is a paragraph
_SENTENCE_INSIDE_RE = re.compile(r"[.!?]\s+[A-ZÆØÅ]")
_DESCRIPTION_SENTENCES = 2
# a heading line of the catalogue's own parts: a few words, capitalised, no figures, no sentence end
_PART_HEADING_RE = re.compile(r"[A-ZÆØÅ][^\W\d_]*(?:[ \t]+[^\W\d_]+){0,4}")
# a letterhead line's parts: an administration or a budget year ("Socialforvaltningen – Budget 2029")
_LETTERHEAD_PART_RE = re.compile(r"(?:[A-ZÆØÅ][\w-]*\s+og\s+)?[A-ZÆØÅ]\w*forvaltning(?:en)?|Budget(?:forslag)?\s+\d{4}")
_PART_SPLIT_RE = re.compile(r"[ \t]*(?:[·•|,–—]|[ \t]-)[ \t]*")
_TITLE_LINES = 3


@dataclass(frozen=True)
class Proposal:
    """One proposal of a catalogue: its id, heading and where its text and tables lie."""

    proposal_id: str  # "KFF R1"
    name: str  # "Fælles administration for Musikskolen Valby og Musikskolen Sydhavn"
    description: str  # its first sentences
    start: int  # offset of its heading line
    end: int  # end of its last table (or the next proposal's heading)


@dataclass(frozen=True)
class Catalogue:
    title: str | None
    proposals: tuple[Proposal, ...]
    parts: tuple[Section, ...]  # the catalogue's own headed parts ("Indledning", "Samlet oversigt")


def _heads(text: str, tables: Sequence[BudgetTable]) -> list[tuple[str, str, int, int]]:
    """(id, name, start, end of line) of every line that reads as a proposal's heading outside the tables."""
    spans = [(t.start, t.end) for t in tables]
    out = []
    for m in _HEAD_RE.finditer(text):
        name = collapse_ws(m.group("name"))
        if len(name) > _NAME_MAX or _SENTENCE_INSIDE_RE.search(name) or name.endswith((".", ":", ",")):
            continue
        if any(a <= m.start("id") < b for a, b in spans):
            continue
        end = m.end()
        wrapped = _WRAPPED_RE.match(text, end)
        if wrapped and len(name) + len(wrapped.group("more")) < _NAME_MAX and not name.endswith("-"):
            name, end = join_wrapped([name, wrapped.group("more")]), wrapped.end()  # a PDF wrapped the heading
        out.append((" ".join(m.group("id").split()), name, m.start("id"), end))
    return out


def _series(proposal_id: str) -> str:
    m = _SERIES_RE.match(proposal_id)
    return m.group("series") if m else proposal_id


def _short_id(proposal_id: str) -> str:
    """The part of an id a summary row may name alone: "R1" of "KFF R1", "S01" of "SOF-S01"."""
    return re.split(r"[ \t-]", proposal_id)[-1]


def is_summary(table: BudgetTable, ids: Sequence[str]) -> bool:
    """Whether a table's rows name two or more of the proposals (the catalogue's summary)."""
    named = set()
    for row in table.rows:
        label = row.label.strip()
        for pid in ids:
            if re.match(rf"(?:{re.escape(pid)}|{re.escape(_short_id(pid))})(?![\w])", label):
                named.add(pid)
    return len(named) >= 2


def _owned(heads: list[tuple[str, str, int, int]], money: Sequence[BudgetTable], text_end: int,
           ids: Sequence[str]) -> list[list[BudgetTable]]:
    """Each head's own money tables: those starting before the next head, the summary excluded."""
    out = []
    for k, (_, _, start, _) in enumerate(heads):
        stop = heads[k + 1][2] if k + 1 < len(heads) else text_end
        out.append([t for t in money if start < t.start < stop and not is_summary(t, ids)])
    return out


def find_catalogue(text: str, tables: Sequence[BudgetTable]) -> Catalogue | None:
    """The catalogue a note's text is, or None when it is no catalogue (see the module's decisions)."""
    heads = all_heads = _heads(text, tables)
    if len(heads) < 2:
        return None
    series = Counter(_series(h[0]) for h in heads).most_common(1)[0][0]
    heads = [h for h in heads if _series(h[0]) == series]
    ids = [h[0] for h in heads]
    if len(heads) < 2 or len(set(ids)) != len(ids):
        return None
    money = [t for t in tables if t.kind == "money" and t.rows]
    owned = _owned(heads, money, len(text), ids)
    if not all(owned):
        return _shared_table_catalogue(text, tables, all_heads, money)
    proposals = []
    for k, ((pid, name, start, line_end), own) in enumerate(zip(heads, owned)):
        last = k + 1 == len(heads)
        end = max(t.end for t in own) if last else heads[k + 1][2]
        first_table = min(t.start for t in own)
        body = text[line_end:first_table]
        proposals.append(Proposal(pid, name, _first_sentences(body), start, end))
    title, title_end = _title(text[:heads[0][2]])
    parts = _parts(text, title_end, proposals, [(t.start, t.end) for t in tables], title)
    return Catalogue(title, tuple(proposals), parts)


def _family(proposal_id: str) -> str:
    """The administration's part of an id, without a series letter: "SUF" of "SUF-U1" and of "SUF-R2"."""
    return re.sub(r"[ \t-][A-ZÆØÅ]{0,2}$", "", _series(proposal_id))


def _named_in_rows(pid: str, tables: Sequence[BudgetTable]) -> bool:
    return any(re.match(rf"{re.escape(pid)}(?![\w])", row.label.strip()) for t in tables for row in t.rows)


def _body_end(text: str, start: int, stop: int) -> int:
    """Where a proposal's own text ends before `stop` (the next proposal, a table or a section heading): before the
    short heading lines that open what follows ("Reduktionsforslag"), so they do not end the proposal's text."""
    lines = text[start:stop].split("\n")
    while lines and (not lines[-1].strip() or _PART_HEADING_RE.fullmatch(collapse_ws(lines[-1]))):
        lines.pop()
    return start + len("\n".join(lines))


def _shared_table_catalogue(text: str, tables: Sequence[BudgetTable], heads: list[tuple[str, str, int, int]],
                            money: Sequence[BudgetTable]) -> Catalogue | None:
    """A catalogue whose proposals share their money tables: "SUF-U1 ...", "SUF-R1 ..." each a heading with a
    paragraph of its own, their figures all in tables whose rows start with the proposals' ids (an expansions
    table, a reductions table). Ids of one administration count together whatever their series letter. Heads
    without text of their own (a list of contents above a summary table) are no catalogue."""
    family = Counter(_family(h[0]) for h in heads).most_common(1)[0][0]
    heads = [h for h in heads if _family(h[0]) == family]
    ids = [h[0] for h in heads]
    if len(heads) < 2 or len(set(ids)) != len(ids) or not all(_named_in_rows(pid, money) for pid in ids):
        return None
    boundaries = [t.start for t in tables] + [m.start() for m in re.finditer(r"^.*$", text, re.MULTILINE)
                                               if canonical_heading(m.group(0))]
    proposals = []
    for k, (pid, name, start, line_end) in enumerate(heads):
        stop = heads[k + 1][2] if k + 1 < len(heads) else len(text)
        stop = min([b for b in boundaries if line_end < b < stop], default=stop)
        end = _body_end(text, line_end, stop)
        description = _first_sentences(text[line_end:end])
        if not sentence_bounds(description) or not re.search(r"[.!?]", description):
            return None  # a heading without a paragraph of its own
        proposals.append(Proposal(pid, name, description, start, end))
    title, title_end = _title(text[:heads[0][2]])
    parts = _parts(text, title_end, proposals, [(t.start, t.end) for t in tables], title)
    return Catalogue(title, tuple(proposals), parts)


def _first_sentences(body: str) -> str:
    """The first sentences of a proposal's text, whitespace collapsed."""
    body = body.strip()
    bounds = [b for b in sentence_bounds(body) if b > 0]
    cut = bounds[min(_DESCRIPTION_SENTENCES, len(bounds)) - 1] if bounds else len(body)
    return collapse_ws(body[:cut])


def _is_letterhead(line: str) -> bool:
    parts = [p for p in _PART_SPLIT_RE.split(collapse_ws(line)) if p]
    return bool(parts) and all(_LETTERHEAD_PART_RE.fullmatch(p) for p in parts)


def _title(head: str) -> tuple[str | None, int]:
    """The catalogue's title from the text before its first proposal, and where the title ends (0 when none):
    the first line that is no letterhead, with the lines a PDF wrapped it onto (they start in lower case or
    with a figure); a line that is a paragraph (a sentence inside, or very long) is no title."""
    offset = 0
    lines = head.split("\n")
    for k, line in enumerate(lines):
        start = offset
        offset += len(line) + 1
        if not line.strip() or _is_letterhead(line):
            continue
        parts, end = [line], start + len(line)
        for nxt in lines[k + 1:k + _TITLE_LINES]:
            piece = nxt.strip()
            if not piece or not (piece[0].islower() or piece[0].isdigit()) or parts[-1].rstrip().endswith("."):
                break
            parts.append(nxt)
            end += len(nxt) + 1
        title = join_wrapped(parts)
        if len(title) > _NAME_MAX or _SENTENCE_INSIDE_RE.search(title) or canonical_heading(title):
            return None, 0
        return title, end
    return None, 0


def _parts(text: str, title_end: int, proposals: Sequence[Proposal], table_spans: Sequence[tuple[int, int]],
           title: str | None) -> tuple[Section, ...]:
    """Sections of the catalogue's own text (outside the proposals) under their short heading lines. A heading
    line starts a paragraph: it follows the title, a blank line, a sentence's end or a table. Text after the last
    proposal without a heading line of its own is a part headed by the catalogue's title, so it does not run on
    as the last proposal's text."""
    outside = [(title_end, proposals[0].start), (proposals[-1].end, len(text))]
    heads: list[tuple[str, int, int]] = []  # heading, start, body start
    known: list[int] = []  # starts of the note's known headings ("Baggrund"): sections already
    for a, b in outside:
        offset, previous = a, ""
        for line in text[a:b].split("\n"):
            start, offset = offset, offset + len(line) + 1
            plain = collapse_ws(line)
            lead = len(line) - len(line.lstrip())
            opens = (start == a or not previous or previous.endswith((".", ":", "!", "?"))
                     or any(x <= start - 1 < y for x, y in table_spans))
            if canonical_heading(plain):
                known.append(start + lead)
            elif (opens and _PART_HEADING_RE.fullmatch(plain) and not _is_letterhead(plain)
                    and text[offset:b].strip()):
                heads.append((plain, start + lead, min(offset, b)))
            previous = plain
    out = []
    bounds = sorted([*(h[1] for h in heads), *known, *(p.start for p in proposals), len(text)])
    for heading, start, body_start in heads:
        end = next(x for x in bounds if x > start)
        out.append(Section(heading, text[body_start:end].strip(), start, end))
    last = proposals[-1].end
    first_part = min((x for x in [*(h[1] for h in heads), *known] if x >= last), default=len(text))
    tail = text[last:first_part]
    if tail.strip():
        lead = len(tail) - len(tail.lstrip())
        out.append(Section(title or "", tail.strip(), last + lead, first_part))
    return tuple(out)


def proposal_sections(text: str, catalogue: Catalogue) -> tuple[Section, ...]:
    """One section per proposal, headed by its id and name, and the catalogue's own parts."""
    own = []
    for p in catalogue.proposals:
        body = text[p.start:p.end].split("\n", 1)
        own.append(Section(f"{p.proposal_id} {p.name}", body[1].strip() if len(body) > 1 else "", p.start, p.end))
    return tuple(sorted([*own, *catalogue.parts], key=lambda s: s.start))


def proposal_scenarios(catalogue: Catalogue) -> tuple[Scenario, ...]:
    """One alternative per proposal: named by its id, titled by its heading."""
    return tuple(Scenario(p.proposal_id, p.name, p.description) for p in catalogue.proposals)


def with_proposals(tables: Sequence[BudgetTable], catalogue: Catalogue) -> tuple[BudgetTable, ...]:
    """Each proposal's own tables with its id as their scenario; the summary and other tables unchanged."""
    ids = [p.proposal_id for p in catalogue.proposals]
    out = []
    for t in tables:
        owner = next((p for p in catalogue.proposals if p.start < t.start < p.end), None)
        if owner is not None and t.kind == "money" and not is_summary(t, ids):
            t = replace(t, scenario=owner.proposal_id)
        out.append(t)
    return tuple(out)


