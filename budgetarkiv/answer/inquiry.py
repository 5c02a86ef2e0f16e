"""The inquiry helper: a council member's written questions → answers with evidence and a draft reply.

Staff paste the whole inquiry (salutation, preamble, numbered questions, perhaps a signature).
`split_inquiry` finds the questions; `answer_inquiry` answers each with `Answerer.ask` and writes a reply
a caseworker can send after review: "Kære <navn>", an opening naming the inquiry and its date, "Spørgsmål
n" / "Svar n", and "Med venlig hilsen" with the administration's name. Every figure is followed by its
citation in square brackets; an amount is written readably ("ca. 3,5 mio. kr. årligt (2026-priser)") with
the exact table figure and unit it was derived from first in its bracket ("[3.490 (1.000 kr., 2026 p/l),
Tabel 2, BI23 Budget 2026]"). The draft only copies figures from cited table cells and sentences.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

from budgetarkiv.answer.compose import Answer, Answerer, Fact, Programme, ScenarioOut
from budgetarkiv.core.names import danish_date, document_name
from budgetarkiv.core.numbers import format_danish_number, parse_danish_number, price_level_words, readable_amount
from budgetarkiv.core.text import ANSWER_MARK_RE, collapse_ws, dehyphenate, split_sentences, strip_answer_mark
from budgetarkiv.ingest.letters import find_inquiry_date, find_own_date, find_signatory
from budgetarkiv.search.hybrid import Filters

MAX_QUESTIONS = 30
_NUMBERED = re.compile(r"^(?:spørgsmål\s*)?(\d{1,2})\s*[.):]\s+(.*)$", re.IGNORECASE)
_BULLET = re.compile(r"^[•\-–*·]\s+(.*)$")
_SALUTATION = re.compile(
    r"^(kære|hej|til\b|dear|hello|tak for|thank)", re.IGNORECASE
)
_CLOSING = re.compile(
    r"^(med venlig hilsen|venlig hilsen|de bedste hilsner|bedste hilsner|mvh\b|vh\b|kind regards|best regards)",
    re.IGNORECASE,
)
_TERMINATED = re.compile(r"[?.!:]\s*$")
_EARLIER = re.compile(r"tidligere|afsat|bevilget|budgetaftale|granted|earlier|previous", re.IGNORECASE)
_KRONER = re.compile(r"\bkr\.|\bmio\.|\bmia\.")
_DIGIT = re.compile(r"\d")


# --- splitting --------------------------------------------------------------------------------------


def _starts_answers(line: str) -> bool:
    """ "Ad 1:" opens the administration's answers: what follows is not a question."""
    m = ANSWER_MARK_RE.match(line)
    return bool(m and m.group(1) == "1")


def split_inquiry(text: str) -> list[str]:
    """The questions of an inquiry, in order, each on one line.

    Numbered questions ("1. ...", "2) ...", "Spørgsmål 3: ...") may span lines, even blank lines (PDF
    text), until they end with "?" or "." and a blank line or the next number follows. Numbers must
    run 1, 2, 3 ... so a date at the start of a line ("22. juni ...") is not taken for a question.
    Outside numbered questions, every sentence ending with "?" is a question. Salutations, the preamble
    without questions, an answer part ("Ad 1: ...") and the signature are ignored.
    """
    lines = dehyphenate(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    questions: list[str] = []
    current: list[str] | None = None  # the open numbered (or bulleted) question
    paragraph: list[str] = []  # free text outside numbered questions
    expected = 1
    blank_since = False

    def flush_paragraph() -> None:
        if paragraph:
            for s in split_sentences(collapse_ws(" ".join(paragraph))):
                if s.endswith("?"):
                    questions.append(s)
            paragraph.clear()

    def close_current() -> None:
        nonlocal current
        if current is not None:
            q = collapse_ws(" ".join(current))
            if q:
                questions.append(q)
            current = None

    for raw in lines:
        line = raw.strip()
        if not line:
            blank_since = True
            flush_paragraph()
            continue
        if _CLOSING.match(line) or _starts_answers(line):
            break
        numbered = _NUMBERED.match(line)
        if numbered and int(numbered.group(1)) == expected and numbered.group(2).strip():
            close_current()
            flush_paragraph()
            current = [numbered.group(2)]
            expected += 1
            blank_since = False
            continue
        bullet = _BULLET.match(line)
        if bullet:
            close_current()
            flush_paragraph()
            current = [bullet.group(1)]
            blank_since = False
            continue
        if current is not None:
            terminated = bool(_TERMINATED.search(current[-1]))
            if not terminated or not blank_since:
                current.append(line)
                blank_since = False
                continue
            close_current()
        if _SALUTATION.match(line) and "?" not in line:
            blank_since = False
            continue
        paragraph.append(line)
        blank_since = False
    close_current()
    flush_paragraph()
    return questions[:MAX_QUESTIONS]


# --- answering --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Citation:
    ref: str  # what the draft shows in brackets: "BI23 Budget 2026, Tabel 2 ..., s. 1"
    text: str  # the cited table cells or sentence: every figure before the bracket occurs here
    source: str
    doc_id: str
    page: int | None


@dataclass(frozen=True)
class Statement:
    text: str  # one sentence of the draft; each figure is followed by its citation "[...]"
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class InquiryAnswer:
    number: int
    question: str
    answer: Answer
    statements: tuple[Statement, ...]
    draft: str  # "Spørgsmål n\n<question>\n\nSvar n\n<answer>"


@dataclass(frozen=True)
class Inquiry:
    questions: tuple[InquiryAnswer, ...]
    draft: str  # the whole reply as plain text, ready to edit; empty when no question was found
    addressee: str | None = None  # who the reply greets ("Gyda Heding"); None: the draft says "[navn]"
    administration: str | None = None  # who signs the reply
    inquiry_date: str | None = None  # ISO date of the inquiry answered

    @property
    def greeting(self) -> str:
        return f"Kære {self.addressee or ADDRESSEE_PLACEHOLDER}"

    @property
    def opening(self) -> str:
        when = f" af {danish_date(self.inquiry_date)}" if self.inquiry_date else ""
        who = f"{self.administration}s" if self.administration else "forvaltningens"
        return f"Tak for din henvendelse{when}. Nedenfor følger {who} svar på dine spørgsmål."

    @property
    def closing(self) -> tuple[str, str]:
        return ("Med venlig hilsen", self.administration or ADMINISTRATION_PLACEHOLDER)


NO_QUESTIONS = "Der blev ikke fundet spørgsmål i teksten."
NO_ANSWER = "Forvaltningen har ikke fundet oplysninger om dette i budgetarkivet."
ADDRESSEE_PLACEHOLDER = "[navn]"
ADMINISTRATION_PLACEHOLDER = "[forvaltningens navn]"
SAME_QUESTION = 0.7  # share of a question's words in an earlier answered question to call them the same
_ADMINISTRATION_RE = re.compile(r"\b((?:[A-ZÆØÅ][\w-]*(?:-|,)?\s+(?:og\s+)?)*[A-ZÆØÅ]?[\w-]*forvaltning)(?:en)?\b")
_NAME_RE = re.compile(r"^[A-ZÆØÅ][\w.'-]+(?:\s+[A-ZÆØÅ][\w.'-]+){1,3}$")


def inquiry_parts(text: str) -> tuple[str | None, str | None, str | None]:
    """Who asked (the name signing the inquiry), which administration it is addressed to, and its date.

    The date is the inquiry's own dated line, else a date it names for the inquiry ("henvendelse af d.
    22/6 2021" when an earlier reply is pasted); the name only when the signature's first line is one.
    """
    signed = find_signatory(text)
    first = signed.split(",")[0].strip() if signed else ""
    name = first if _NAME_RE.match(first) else None
    greeting = re.search(r"^[ \t]*(?:Kære|Til)[ \t]+([^\n]+)$", text, re.MULTILINE)
    admin = _ADMINISTRATION_RE.search(greeting.group(1)) if greeting else None
    administration = f"{admin.group(1)}en" if admin else None
    return name, administration, find_own_date(text) or find_inquiry_date(text)


def answer_inquiry(
    answerer: Answerer, text: str, filters: Filters | None = None, k: int = 10, *,
    addressee: str | None = None, administration: str | None = None, inquiry_date: str | None = None,
) -> Inquiry:
    """Split the inquiry, answer each question, and write the reply (given names and date win over found ones)."""
    writer = _Writer(answerer)
    items = []
    for number, question in enumerate(split_inquiry(text), 1):
        answer = answerer.ask(question, filters, k=k)
        statements = tuple(writer.statements(question, answer))
        body = "\n".join(s.text for s in statements) if statements else NO_ANSWER
        items.append(InquiryAnswer(number, question, answer, statements,
                                   f"Spørgsmål {number}\n{question}\n\nSvar {number}\n{body}"))
    if not items:
        return Inquiry((), "")
    found_name, found_admin, found_date = inquiry_parts(text)
    reply = Inquiry(
        tuple(items), "", addressee or found_name, administration or found_admin or writer.administration(items),
        inquiry_date or found_date,
    )
    letter = [reply.greeting, reply.opening, *(i.draft for i in items), "\n\n".join(reply.closing)]
    return dataclasses.replace(reply, draft="\n\n".join(letter) + "\n")


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2}


class _Writer:
    def __init__(self, answerer: Answerer) -> None:
        self.store = answerer.searcher.store
        self._notes: dict[str, dict] = {}

    def administration(self, items: list[InquiryAnswer]) -> str | None:
        """The administration most of the cited documents come from (who answers for them)."""
        found = Counter(
            self.note(c.doc_id).get("administration") for i in items for s in i.statements for c in s.citations
        )
        found.pop(None, None)
        return found.most_common(1)[0][0] if found else None

    def note(self, doc_id: str) -> dict:
        if doc_id not in self._notes:
            self._notes[doc_id] = self.store.note_json(doc_id) or {}
        return self._notes[doc_id]

    def doc_ref(self, doc_id: str, note_id: str | None, year: int | None, source: str) -> str:
        """The cited document as people name it (`core.names`): "BI23 Budget 2026", a letter by its title."""
        if note_id:
            return document_name(note_id, None, year, short=True)
        data = self.note(doc_id)
        return document_name(None, data.get("title"), year, date=data.get("date"), source=source, short=True)

    def statements(self, question: str, answer: Answer) -> list[Statement]:
        if not answer.answered:
            return []
        ranked: list[tuple[int, int, Statement]] = []
        earlier = self._answered_before(question, answer)
        if earlier is not None:
            ranked.append((-1, 0, earlier))
        order = 1
        for p in answer.programmes:
            statement = self._programme(question, p)
            if statement is not None:
                ranked.append((_rank(answer, p.doc_id, p.note_id, p.budget_year), order, statement))
                order += 1
        for f in [] if earlier is not None else self._chosen_facts(question, answer):
            # (an earlier answer to the same question is the evidence: it is quoted whole, nothing else)
            ranked.append((_rank(answer, f.doc_id, f.note_id, f.budget_year), order, self._fact(f)))
            order += 1
        ranked.sort(key=lambda x: (x[0], x[1]))
        return [s for _, _, s in ranked]

    def _answered_before(self, question: str, answer: Answer) -> Statement | None:
        """An earlier answer letter that answered the same question: its answer, quoted whole."""
        mine = _words(question)
        if not mine:
            return None
        best: tuple[float, dict, object] | None = None
        for h in answer.sources:
            if h.doc_type != "answer":
                continue
            for q in self.note(h.doc_id).get("questions") or []:
                share = len(mine & _words(q.get("question", ""))) / len(mine)
                if share >= SAME_QUESTION and q.get("answer") and (best is None or share > best[0]):
                    best = (share, q, h)
        if best is None:
            return None
        _, q, h = best
        text = collapse_ws(q["answer"])
        ref = f"{self.doc_ref(h.doc_id, None, None, h.source)}, Ad {q.get('number')}"
        page = next((s.get("page") for s in self.note(h.doc_id).get("sections", []) if s.get("heading") == f"Ad {q.get('number')}"), None)
        if page:
            ref += f", s. {page}"
        return Statement(
            f"Spørgsmålet er besvaret tidligere: »{text}« [{ref}]",
            (Citation(ref, text, h.source, h.doc_id, page),),
        )

    def _programme(self, question: str, p: Programme) -> Statement | None:
        rows = [(s, False) for s in (*p.scenarios, *p.activities)]
        if _EARLIER.search(question):
            rows += [(s, True) for s in p.earlier_grants]
        if not rows:
            return None
        doc = self.doc_ref(p.doc_id, p.note_id, p.budget_year, p.source)
        parts, citations = [], []
        for s, earlier in rows:
            part, citation = _scenario_part(doc, p, s, earlier)
            parts.append(part)
            citations.append(citation)
        title = f" »{p.title}«" if p.title else ""
        subject = " ".join(x for x in ("Budgetnotat", p.note_id) if x) + title
        body = parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + " og " + parts[-1]
        return Statement(f"Af {subject[0].lower()}{subject[1:]} fremgår: {body}.", tuple(citations))

    def _chosen_facts(self, question: str, answer: Answer) -> list[Fact]:
        facts = [f for f in answer.facts if "?" not in f.text and not f.text.rstrip().endswith(":")]
        has_figures = any(p.scenarios for p in answer.programmes)
        if re.search(r"hvor mange|hvor stor|hvor meget|how many|how much", question, re.IGNORECASE):
            facts = ([f for f in facts if _DIGIT.search(f.text)] or facts)[:1]  # the one sentence with the figure
        if "fact" in answer.intents:
            return facts[:2]
        if "cost" in answer.intents:
            money = [f for f in facts if _KRONER.search(f.text)]
            return money[:1] if has_figures else (money or facts)[:2]
        return [] if has_figures else facts[:1]

    def _fact(self, f: Fact) -> Statement:
        sentence = f.text.strip()
        if f.section and sentence.startswith(f.section + " ") and not f.section.lower().startswith("ad "):
            sentence = sentence[len(f.section) + 1:].lstrip()
        sentence = collapse_ws(strip_answer_mark(sentence))
        ref = ", ".join(x for x in (
            self.doc_ref(f.doc_id, f.note_id, f.budget_year, f.source), f.section, f"s. {f.page}" if f.page else "",
        ) if x)
        return Statement(f"{sentence} [{ref}]", (Citation(ref, collapse_ws(f.text), f.source, f.doc_id, f.page),))


def _rank(answer: Answer, doc_id: str, note_id: str | None, year: int | None) -> int:
    """Where the document stands among the answer's sources (versions of one note count as one)."""
    for i, h in enumerate(answer.sources):
        if h.doc_id == doc_id or (note_id and h.note_id == note_id and h.budget_year == year):
            return i
    return len(answer.sources)


def _scenario_part(doc: str, p: Programme, s: ScenarioOut, earlier: bool) -> tuple[str, Citation]:
    unit = ", ".join(x for x in (s.unit, s.price_level) if x)
    values = list(s.amounts.values())
    years = sorted(s.amounts)
    period = (years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}") if years else ""
    prices = price_level_words(s.price_level)
    where = ", ".join(x for x in (s.table, f"s. {s.page}" if s.page else "", doc) if x)
    cells = " ".join(f"{y} {format_danish_number(v)}" for y, v in s.amounts.items())
    cited = f"{s.table} {s.name or ''} {unit} {s.row_label} {cells}"
    if s.total is not None:
        cited += f" I alt {format_danish_number(s.total)}"

    def amount(value, what: str) -> str:
        """ "ca. 3,5 mio. kr. årligt i 2026-2029 (2026-priser) [3.490 (1.000 kr., 2026 p/l), Tabel 2, ...]"."""
        exact = f"{format_danish_number(value)} ({unit})" if unit else format_danish_number(value)
        readable = readable_amount(value, s.unit)
        if readable is None:
            return f"{exact}{what} [{where}]"
        return f"{readable}{what}{f' ({prices})' if prices else ''} [{exact}, {where}]"

    if values and all(v == values[0] for v in values):
        text = amount(values[0], f" årligt i {period}" if len(years) > 1 else f" i {period}")
        if s.total is not None and len(years) > 1:
            text += ", i alt " + amount(s.total, "")
    elif s.total is not None:
        text = amount(s.total, f" i alt i {period}") + " (" + ", ".join(
            f"{y}: " + amount(v, "") for y, v in s.amounts.items()) + ")"
    else:
        text = ", ".join(f"{y}: " + amount(v, "") for y, v in s.amounts.items())
    label = s.row_label.lower()
    if earlier:
        name = f"tidligere afsat ({s.row_label})"
    elif label.startswith("udgifter i alt") or label.startswith("i alt"):
        name = s.name or "forslaget"
    else:
        name = f"{s.row_label} ({s.name})" if s.name else s.row_label
    return f"{name}: {text}", Citation(where, cited, p.source, p.doc_id, s.page)


_CITED_RE = re.compile(r"([^\[\]]*)\[([^\]]*)\]")
_READABLE_RE = re.compile(r"(?:ca\. )?-?\d[\d.]*(?:,\d+)? (?:mio\. |mia\. )?kr\.")
_EXACT_RE = re.compile(r"^(-?\d[\d.]*(?:,\d+)?) \(([^,)]*kr\.)")


def unexplained_figures(statement: Statement) -> list[str]:
    """Figures of a statement that are neither in its cited cells or sentences nor the readable form of the
    exact figure first in the bracket that follows them (ca. 3,5 mio. kr. [3.490 (1.000 kr., ...)])."""
    cited = set(_FIGURE_RE.findall(" ".join(c.text for c in statement.citations)))
    bad = []
    for segment, bracket in _CITED_RE.findall(statement.text):
        exact = _EXACT_RE.match(bracket)
        if exact:
            value = parse_danish_number(exact.group(1))
            readable = readable_amount(value, exact.group(2)) if value is not None else None
            if readable and readable in segment:
                segment = segment.replace(readable, " ")
            if exact.group(1) not in cited:
                bad.append(exact.group(1))
        bad += [f for f in _FIGURE_RE.findall(segment) if f not in cited]
    return bad


_FIGURE_RE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?!\w)")  # a figure, not the 23 of BI23


def uncited_figures(draft: str) -> list[str]:
    """Lines of a draft's answers carrying a figure after their last citation (empty: every figure is cited).

    Only the answers count ("Svar n" up to the next "Spørgsmål n" or the closing): the greeting, the
    opening's date and the questions are not the administration's figures.
    """
    bad = []
    in_answer = False
    for line in draft.splitlines():
        if re.match(r"^(?:Svar|Ad) \d+\b", line):
            in_answer = True
            line = re.sub(r"^(?:Svar \d+|Ad \d+:)", "", line)
        elif re.match(r"^Spørgsmål \d+\b|^Med venlig hilsen", line):
            in_answer = False
            continue
        if not in_answer:
            continue
        tail = re.split(r"\[[^\]]*\]", line)[-1] if "[" in line else line
        if _DIGIT.search(tail):
            bad.append(line)
    return bad


__all__ = [
    "NO_ANSWER", "NO_QUESTIONS", "Citation", "Inquiry", "InquiryAnswer", "Statement", "answer_inquiry",
    "inquiry_parts", "split_inquiry", "uncited_figures", "unexplained_figures",
]
