"""Answer letters as evidence: the administration's answer, never the council member's question.

Each "Ad n" answer belongs to question n of the letter, so a question close to a letter's question gets
that letter's answer. Who signed a letter and when it is dated come from the parsed letter, quoted from
the letter's own text.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence

from budgetarkiv.answer.model import Fact, note_reader, page_at, quoted
from budgetarkiv.answer.relevance import Relevance, overlap
from budgetarkiv.core.text import sentence_spans
from budgetarkiv.index.store import Store
from budgetarkiv.ingest.letters import CLOSING_RE, find_signatory, own_date_line
from budgetarkiv.search.hybrid import Hit
from budgetarkiv.search.query import Query

SAME_QUESTION = 0.5  # share of the question's own words found in a letter's question to link them
HEAD_CHARS = 600  # a letter's head: sender, date, addressee, subject and greeting
LINKED_BOOST = 1.5  # added to the score of sentences in the linked "Ad n" answer
_ABOUT_LETTER = re.compile(r"\b(svar\w*|brev\w*|letter|reply|answer)\b", re.IGNORECASE)
_SIGNED = re.compile(r"underskrev\w*|skrev\w* under\b|undertegne\w*|signed|signatory|job title|titel|stilling|afsender", re.IGNORECASE)
# who wrote to the administration: the letter's addressee ("Kære ..."), not its signatory
_ASKED = re.compile(r"\b(asked|asking|spurgte|spørger|stille[dt]e?|stiller|council members?|byrådsmedlem\w*|medlem\w*|"
                    r"politiker\w*|politicians?|wrote|skrev|henvendte|inquiry|henvendelse\w*|sen[dt]|sendte|mail\w*)\b",
                    re.IGNORECASE)
_WHO_ASKED = re.compile(r"\b(asked|asking|spurgte|stille[dt]e?|wrote|skrev|henvendte|sen[dt]|sendte)\b", re.IGNORECASE)
# the administration's reply is what is dated ("when did the administration reply to the council member?")
_REPLIED = re.compile(r"\b(repl(?:y|ied|ies)|answered|responded|svarede|besvarede|besvaret|svarer)\b", re.IGNORECASE)
_GREETING = re.compile(r"^[ \t]*(?:Kære|Til)[ \t]+\S[^\n]*$", re.MULTILINE)


class Letters:
    def __init__(self, store: Store, relevance: Relevance) -> None:
        self.store = store
        self.relevance = relevance
        self.note = note_reader(store, 512)


    def linked_answers(self, query: Query, hits: Sequence[Hit]) -> list[Hit]:
        """The "Ad n" answers whose question the user's question is close to, as passages of their letter."""
        mine = set(self.relevance.content_tokens(query.text))
        if not mine:
            return []
        scored: list[tuple[float, Hit]] = []
        for h in {h.doc_id: h for h in reversed(hits) if h.doc_type == "answer"}.values():
            data = self.note(h.doc_id)
            for q in data.get("questions") or []:
                theirs = set(self.relevance.analyzer.tokens(q.get("question", "")))
                share = len(mine & theirs) / len(mine)
                if q.get("answer") and share >= SAME_QUESTION:
                    section = f"Ad {q.get('number')}"
                    page = next((s.get("page") for s in data.get("sections") or [] if s.get("heading") == section), h.page)
                    text = f"{section}: {q['answer']}"
                    scored.append((share, dataclasses.replace(
                        h, chunk_id=f"{h.doc_id}:{section}", kind="prose", section=section, page=page, text=text,
                        start=0, end=len(text),
                    )))
        scored.sort(key=lambda x: -x[0])
        return [h for _, h in scored[:2]]

    def dated(self, query: Query, hits: Sequence[Hit]) -> Fact | None:
        """When the letter the question is about is dated, quoted from its dated line ("Dato: 14. marts 2023",
        or a date alone in the head or under the signature)."""
        if query.answer_type != "date" or not _ABOUT_LETTER.search(query.text):
            return None
        for h, data, text in self._letters_about(query, hits):
            line = own_date_line(text)
            if line is not None:
                start, end, _ = line
                return quoted(h, text[start:end], page_at(data.get("page_starts") or [0], start))
        return None

    def asks_letter(self, query: Query) -> bool:
        """Whether only a letter can answer: who signed it, who asked (and when)."""
        if query.answer_type == "person":
            return bool(_SIGNED.search(query.text) or _WHO_ASKED.search(query.text))
        return query.answer_type == "date" and bool(_WHO_ASKED.search(query.text))

    def about(self, query: Query, doc_id: str) -> bool:
        """Whether a letter is about what the question names: its title, addressee or a question it answers
        shares a word of the question's subject (the words saying what kind of answer is wanted left out).
        A question naming no subject ("who signed the reply?") fits any letter."""
        groups = self.relevance.word_groups(query.subject_text)
        if not groups:
            return True
        data = self.note(doc_id)
        # a letter without a title line found (an English reply) is about what its head says
        head = data.get("title") or (data.get("text") or "")[:HEAD_CHARS]
        text = " ".join([head, data.get("addressee") or "",
                         *(q.get("question", "") for q in data.get("questions") or [])])
        tokens = set(self.relevance.analyzer.tokens(text))
        return any(overlap(tokens, g) for g in groups)

    def addressee(self, query: Query, hits: Sequence[Hit]) -> Fact | None:
        """Who put the questions a letter answers, or when they were sent: its greeting ("Kære <navn>") with
        the sentence after it ("Tak for din mail af 27. februar 2023, hvor du spørger om ..."), quoted."""
        if query.answer_type not in ("person", "date") or _SIGNED.search(query.text) or not _ASKED.search(query.text):
            return None
        if query.answer_type == "date" and _REPLIED.search(query.text) and not _WHO_ASKED.search(query.text):
            return None  # the reply's date, not the inquiry's
        for h, data, text in self._letters_about(query, hits):
            span = greeting_span(text, data.get("addressee") or "")
            if span is not None:
                start, end = span
                return quoted(h, text[start:end].rstrip(), page_at(data.get("page_starts") or [0], start))
        return None

    def signatory(self, query: Query, hits: Sequence[Hit]) -> Fact | None:
        """Who signed the letter the question is about, quoted from the letter's closing."""
        if query.answer_type != "person" or not _SIGNED.search(query.text):
            return None
        for h, data, text in self._letters_about(query, hits, signed=True):
            name = (data.get("signatory") or find_signatory(text) or "").split(",")[0].strip()
            at = text.find(name) if name else -1
            if at < 0:
                continue
            # from the closing ("Med venlig hilsen", "Yours sincerely") over every name and title under it
            closing = [m for m in CLOSING_RE.finditer(text, 0, at)]
            start = closing[-1].start() if closing else max(text.rfind("\n\n", 0, at), 0)
            end = signature_end(text, at)
            start = next(i for i in range(start, at + 1) if not text[i].isspace())
            return quoted(h, text[start:end].rstrip(), page_at(data.get("page_starts") or [0], at))
        return None

    def _letters_about(self, query: Query, hits: Sequence[Hit], signed: bool = False) -> Iterator[tuple[Hit, dict, str]]:
        """The answer letters among the hits that are about the question's subject, with their stored data
        and text, best hit first. `signed`: any other document closing with a signature too (a consultation
        response, a letter to a foundation: "Med venlig hilsen" and a name), each once."""
        seen: set[str] = set()
        for h in hits:
            if signed and h.doc_id in seen:
                continue
            seen.add(h.doc_id)
            if h.doc_type == "answer" or signed and h.doc_type != "budget_note":
                data = self.note(h.doc_id)
                text = data.get("text") or ""
                if (h.doc_type == "answer" or CLOSING_RE.search(text)) and self.about(query, h.doc_id):
                    yield h, data, text


_LABELLED = re.compile(r"[^\W\d_][\w ]{0,30}:\s")  # "Sekretariatsleder: ...", "Kontakt: ...": a line of its own
SIGNATURE_LINES = 6  # two signatories with a name and a title each, perhaps a unit under each title
SIGNATURE_WORDS = 8  # a signature's line is short: a name, a title, a unit


def signature_end(text: str, at: int) -> int:
    """Where the signature block starting at offset `at` (the first signatory's name) ends: after its last short
    line (names and titles, blank lines between them allowed; two signatories side by side), before a line
    that is prose."""
    end = at
    taken = 0
    for m in re.finditer(r"[^\n]*", text[at:]):
        line = m.group(0).strip()
        if not line:
            continue
        if taken >= SIGNATURE_LINES or len(line.split()) > SIGNATURE_WORDS or line.endswith((".", "?", ":")) and taken \
                or taken and _LABELLED.match(line):  # ("Sekretariatsleder: <navn>" under it: someone else's line)
            break
        end = at + m.end()
        taken += 1
    return end


def greeting_span(text: str, name: str) -> tuple[int, int] | None:
    """Offsets of a letter's greeting to `name` ("Kære <navn>") and the first sentence after it, which
    says what was asked about; None when no greeting names them."""
    m = next((g for g in _GREETING.finditer(text) if name and name in g.group(0)), None)
    if m is None:
        return None
    start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
    spans = sentence_spans(text[m.end():m.end() + 1500], 3)
    return start, (m.end() + spans[0][1] if spans else m.end())

