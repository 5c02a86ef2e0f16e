"""People named by their role in a document: a note's contact person, a letter's "Yderligere oplysninger", the
caseworker, and the chair, rapporteur or absent members of minutes.

Documents name people on labelled lines ("Kontaktperson: <name>, <unit>", "Yderligere oplysninger: <name>,
tlf. ...", "Sagsbehandler: <name>", "Formand: <name> (A)", "Ordfører for sagen: <name>", "Afbud: <name>"), under
a heading ("Kontaktperson" with the name below), or in a contact table ("Kontakt | Navn | Mail", a row per
role). A question asking for a role ("hvem kan give yderligere oplysninger", "who chaired the meeting") is
answered by that line, quoted; of a contact table, by the row whose label the question names ("budget figures"
→ the "Økonomi" row), else the first.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from budgetarkiv.answer.model import Fact, note_reader, page_at, quoted
from budgetarkiv.index.store import Store
from budgetarkiv.search.hybrid import Hit
from budgetarkiv.search.query import Query


@dataclass(frozen=True)
class Role:
    """A role a document names a person in: how a question asks for it, and the labels of its lines."""

    name: str
    asked: re.Pattern[str]
    labels: str  # a regex alternation of the line labels
    heading: bool = False  # the label may stand alone as a heading with the name below it
    of_minutes: bool = False  # named in minutes of one committee's meeting
    prose: str = ""  # a phrase naming the person in a sentence ("Sagen blev forelagt af <name>")
    bodies: bool = False  # an administration or a committee holds it too ("Besvaret af: Børne- og Ungdomsforvaltningen")


def _asked(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


_CONTACT_LABELS = (r"Kontakt\w*(?:[ \t]+[^\n:]{1,40})?|Yderligere[ \t]+(?:oplysninger|information)|"
                   r"Flere[ \t]+oplysninger|Further[ \t]+information|More[ \t]+information|"
                   r"Contact\w*(?:[ \t]+[^\n:]{1,40})?|Sagsbehandler\w*")
ROLES: tuple[Role, ...] = (
    Role("caseworker", _asked(r"sagsbehandler\w*|case ?(?:workers?|officers?|handlers?)"),
         r"Sagsbehandler\w*|Case[ \t]+(?:officer|worker|handler)"),
    Role("chair", _asked(r"formand\w*|formænd\w*|forperson\w*|chair\w*|mødeleder\w*|ledede|led the|dirigent\w*|"
                         r"ordstyrer\w*|presided"),
         r"Formand|Forperson|Mødeleder|Dirigent|Ordstyrer|Chair(?:man|person|woman)?", of_minutes=True,
         # "Til stede: <name> (formand) og ...", "Borgerrepræsentationens formand, <name>, ledede mødet."
         prose=r"\((?:formand|forkvinde|forperson|chair(?:man|person|woman)?)\)|\bformand(?:en)?,[ \t]+(?=[A-ZÆØÅ])|"
               r"\bledede mødet\b|\bmødet blev ledet af\b|\bchaired the meeting\b"),
    Role("rapporteur", _asked(r"ordfører\w*|rapporteurs?|spokes(?:man|person|woman)"),
         r"Ordfører(?:[ \t]+for[ \t]+[^\n:]{1,30})?|Rapporteur", of_minutes=True),
    Role("presenter", _asked(r"forelag\w*|fremlag\w*|presented|introduced"), r"Forelagt af|Fremlagt af|Presented by",
         of_minutes=True, prose=r"\b(?:forelagt|fremlagt|presented|introduced)\s+(?:af|by)\b"),
    Role("absent", _asked(r"fravær\w*|afbud|absent|absence|not present|meldt fra|mødte ikke|apologies"),
         r"Afbud|Fraværende|Fravær|Absent|Apologies", of_minutes=True),
    # who put a question and who answered it: "Spørgsmålet er stillet af: <parti> (<navn>)", "Besvaret af: <forvaltning>"
    Role("asker", _asked(r"stille[dt]e?|stiller|spurgte|asked|asking|put the question"),
         r"(?:Spørgsmålet[ \t]+er[ \t]+)?[Ss]tillet[ \t]+af|Spurgt[ \t]+af|Spørgsmålsstiller|Spørger|"
         r"(?:The[ \t]+)?[Qq]uestion[ \t]+(?:was[ \t]+)?(?:asked|put)[ \t]+by|Asked[ \t]+by"),
    Role("answerer", _asked(r"besvare[dt]e?|svarede|answered|replied|responded"),
         r"(?:Spørgsmålet[ \t]+er[ \t]+)?[Bb]esvaret[ \t]+af|Svar[ \t]+fra|Besvarelse[ \t]+fra|Answered[ \t]+by|"
         r"Reply[ \t]+from", bodies=True),
    Role("contact", _asked(r"kontakt\w*|contact\w*|henvende\w*|reach|yderligere oplysninger|flere oplysninger|"
                           r"mere information|more information|further information|call|ringe|phone|telefon\w*"),
         _CONTACT_LABELS, heading=True),
)
MAX_LINES = 2  # a name line and the unit wrapped under it
_NAME = re.compile(r"[A-ZÆØÅ][a-zæøåé]+ +[A-ZÆØÅ][a-zæøåé-]+")  # two capitalised words
_BODY = re.compile(r"\b[A-ZÆØÅ][\w-]*(?:forvaltning|udvalg|administration)\w*|\b[A-Z]\w+ (?:Administration|Committee)\b")
_WRAPPED = re.compile(r"(?:\bog|\band|-|,)[ \t]*$")  # a line that runs on to the next
_CELLS = re.compile(r"\t+|[ \t]*\|[ \t]*|[ \t]{2,}")
# a role's label standing for the budget and its figures ("Økonomi" in a contact table) and how a question
# asks for it ("who do I contact about the budget figures")
_MONEY_LABEL = re.compile(r"økonomi\w*|budget\w*|finans\w*|regnskab\w*|econom\w*|financ\w*", re.IGNORECASE)
_ASKS_MONEY = re.compile(r"\b(?:økonomi\w*|budget\w*|figures?|tal(?:lene)?|beløb\w*|amounts?|money|penge|costs?|"
                         r"koste\w*|udgift\w*|finans\w*|financ\w*|econom\w*)\b", re.IGNORECASE)
_COMMITTEE = re.compile(r"\b(\w+udvalg)\w*", re.IGNORECASE)


def role_asked(question: str) -> Role | None:
    """The role a person question asks for ("hvem var formand" → chair), the first in ROLES' order."""
    return next((r for r in ROLES if r.asked.search(question)), None)


def role_spans(text: str, role: Role) -> list[tuple[int, int, str]]:
    """Offsets of each line naming a person in `role` and its qualifier (the label, or a contact table row's
    first cell), in text order: the text after "<label>:" on its line, the paragraph under a heading label
    (at most two lines), or the rows of a table headed by the label; only lines holding a name."""
    found: list[tuple[int, int, str]] = []
    inline = re.compile(rf"^[ \t*#]*({role.labels})[ \t*]*:[ \t*]*(?=\S)", re.MULTILINE | re.IGNORECASE)
    for m in inline.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if _WRAPPED.search(text[m.end():end]):  # "..., Sundheds- og" and the unit's end on the next line
            nxt = text.find("\n", end + 1)
            following = text[end + 1:len(text) if nxt < 0 else nxt]
            if following.strip() and ":" not in following and not following.lstrip().startswith("#"):
                end = end + 1 + len(following)
        found.append((m.end(), end, m.group(1)))
    if role.heading:
        alone = re.compile(rf"^[ \t#*]*({role.labels})[ \t*]*:?[ \t]*$", re.MULTILINE | re.IGNORECASE)
        for m in alone.finditer(text):
            after = re.search(r"\S", text[m.end():])
            if after is None:
                continue
            start = m.end() + after.start()
            lines = text[start:].split("\n")
            taken = [lines[0]]
            for line in lines[1:MAX_LINES]:
                if not line.strip() or line.lstrip().startswith("#") or ":" in line:
                    break
                taken.append(line)
            found.append((start, start + len("\n".join(taken).rstrip()), m.group(1)))
    if role.prose:
        for m in re.finditer(role.prose, text, re.IGNORECASE):
            start = max(text.rfind(". ", 0, m.start()) + 2, text.rfind("\n", 0, m.start()) + 1)
            stop = re.search(r"\.(?:\s|$)|\n", text[m.end():])
            found.append((start, m.end() + (stop.end() if stop else len(text) - m.end()), m.group(0)))
    rows, tables = _table_rows(text, role) if role.heading else ([], [])
    out = [r for r in rows if _NAME.search(text[r[0]:r[1]])]
    for start, end, label in sorted(set(found)):
        while end > start and text[end - 1].isspace():
            end -= 1
        clash = any(s <= start < e or start <= s < end for s, e in [*tables, *((a, b) for a, b, _ in out)])
        if (_NAME.search(text[start:end]) or role.bodies and _BODY.search(text[start:end])) and not clash:
            out.append((start, end, label))
    return sorted(out)


def _table_rows(text: str, role: Role) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """The rows of a contact table ("Kontakt | Navn | Mail"): a head line whose first cell is the role's label
    and that has two or more cells, then each line of as many cells; and each table's offsets."""
    head = re.compile(rf"^[ \t|]*({role.labels})(?:\t|[ \t]*\|[ \t]*|[ \t]{{2,}})\S[^\n]*$",
                      re.MULTILINE | re.IGNORECASE)
    rows: list[tuple[int, int, str]] = []
    tables: list[tuple[int, int]] = []
    for m in head.finditer(text):
        width = len([c for c in _CELLS.split(m.group(0).strip(" |")) if c])
        at = m.end() + 1
        while at < len(text):
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            cells = [c for c in _CELLS.split(text[at:end].strip(" |")) if c]
            if len(cells) != width or set(text[at:end].strip()) <= set("|-: "):
                if set(text[at:end].strip()) <= set("|-: ") and text[at:end].strip():
                    at = end + 1  # a Markdown rule under the head
                    continue
                break
            rows.append((at, end, cells[0]))
            at = end + 1
        tables.append((m.start(), at))
    return rows, tables


def _best(spans: list[tuple[int, int, str]], question: str) -> tuple[int, int, str]:
    """Of several lines of one role, the one whose qualifier the question names ("faglig kontakt", "økonomi"),
    else the first."""
    asked = {w[:5] for w in re.findall(r"[^\W\d_]{4,}", question.lower())}
    short = short_names(question)

    def named(span: tuple[int, int, str]) -> int:
        label = span[2].lower()
        shared = len(asked & {w[:5] for w in re.findall(r"[^\W\d_]{4,}", label)} - {"konta", "conta"})
        shared += 2 * len(short & set(re.findall(r"\b[A-ZÆØÅ]{2,5}\b", span[2])))  # "Kontakt KFF" of its name
        return shared + (bool(_MONEY_LABEL.search(label)) and bool(_ASKS_MONEY.search(question)))

    return max(spans, key=lambda s: (named(s), -s[0]))


# an administration or a committee named in full: "Kultur- og Fritidsforvaltningen", "Børne- og Ungdomsudvalget"
_BODY_NAMED = re.compile(r"((?:[A-ZÆØÅ][a-zæøå]+-[ \t]+og[ \t]+)?[A-ZÆØÅ][a-zæøå]+?)(forvaltning|udvalg)", re.IGNORECASE)
_BODY_LETTER = {"forvaltning": "F", "udvalg": "U"}


def short_names(text: str) -> set[str]:
    """The short names of the administrations and committees a text names in full, by their parts' initials
    ("Kultur- og Fritidsforvaltningen" → KFF, "Teknik- og Miljøudvalget" → TMU): how a note's labels name them
    ("Kontakt KFF")."""
    out = set()
    for m in _BODY_NAMED.finditer(text):
        parts = [p for p in re.findall(r"[^\W\d_]+", m.group(1)) if p.lower() != "og"]
        out.add("".join(p[0].upper() for p in parts) + _BODY_LETTER[m.group(2).lower()])
    return out


def committee_of(text: str) -> str | None:
    """The committee whose meeting minutes record: the first committee named in the minutes' first lines."""
    m = _COMMITTEE.search(text[:300])
    return m.group(1).lower() if m else None


class Contacts:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.note = note_reader(store)

    @staticmethod
    def asked_role(query: Query) -> Role | None:
        return role_asked(query.text) if query.answer_type == "person" else None

    @classmethod
    def asks_contact(cls, query: Query) -> bool:
        return cls.asked_role(query) is not None

    def contact(self, query: Query, hits: Sequence[Hit]) -> Fact | None:
        """The person in the role asked, of the first document among `hits` (the focused ones, best first) that
        names one: a budget note's or a letter's contact, minutes' chair; minutes of another committee than the
        one the question names are not asked about."""
        role = self.asked_role(query)
        if role is None:
            return None
        named = _COMMITTEE.search(query.text)
        for h in dict.fromkeys(hits):
            if role.of_minutes and h.doc_type != "other":
                continue
            data = self.note(h.doc_id)
            text = data.get("text") or ""
            if role.of_minutes and named and committee_of(text) not in (None, named.group(1).lower()):
                continue
            spans = role_spans(text, role)
            if spans:
                start, end, label = _best(spans, query.text)
                return quoted(h, text[start:end], page_at(data.get("page_starts") or [0], start),
                              section=label.strip())
        return None

    def missing_role(self, query: Query, hits: Sequence[Hit], known_ids: Collection[str] = ()) -> bool:
        """Whether the archive cannot say who holds the role asked: a role in minutes (a chair, a rapporteur)
        that no minutes among `hits` name, or the contact of a note id the archive has no note of."""
        role = self.asked_role(query)
        if role is None:
            return False
        known = {n.replace(" ", "").upper() for n in known_ids}
        # (an id a note or a letter names, a catalogue's "KFF R2", is known too; minutes naming it hold no contact)
        written = "".join((self.note(h.doc_id).get("text") or "") for h in dict.fromkeys(hits)
                          if h.doc_type != "other").replace(" ", "").upper()
        if query.note_ids and not any(n.replace(" ", "").upper() in known or n.replace(" ", "").upper() in written
                                      for n in query.note_ids):
            return True
        if not role.of_minutes or self.contact(query, hits) is not None:
            return False
        # the committee named has no minutes among the hits ("Børne- og Ungdomsudvalgets møde" of an archive
        # holding another committee's minutes); another way of naming the chair is not taken as a lack
        named = _COMMITTEE.search(query.text)
        minutes = [self.note(h.doc_id).get("text") or "" for h in dict.fromkeys(hits) if h.doc_type == "other"]
        return bool(named) and not any(committee_of(text) == named.group(1).lower() for text in minutes)


def contact_span(text: str) -> tuple[int, int] | None:
    """Offsets of a note's contact person's line(s): the first line naming a person as its contact."""
    spans = role_spans(text, ROLES[-1])
    return spans[0][:2] if spans else None
