"""Answer letters: the administration's replies to a council member's written questions.

A letter has no tables and no budget sections; what a user needs from it is who asked, when, what about,
what was asked and what was answered, question by question ("Ad 1:" or "Spørgsmål 1" ... "Svar"), so each
answer can be cited. Two dates are told apart: the letter's own date (a dated line in its head, "Dato: 14.
marts 2023", or under the signature) and the date of the inquiry it answers ("Tak for din henvendelse af
d. 22/6 2021").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from budgetarkiv.core.models import QuestionAnswer
from budgetarkiv.core.text import ANSWER_MARK_RE, collapse_ws, split_sentences

# Phrases only an answer letter has; two of them make a letter.
_LETTER_MARKERS: tuple[re.Pattern[str], ...] = (
    re.compile(r"Tak for (?:din|jeres|Deres) henvendelse", re.IGNORECASE),
    re.compile(r"^[ \t]*Spørgsmål[ \t]*:?[ \t]*$", re.MULTILINE),
    ANSWER_MARK_RE,
    re.compile(r"Med venlig hilsen|^[ \t]*Venlig hilsen[ \t]*,?[ \t]*$", re.IGNORECASE | re.MULTILINE),
    re.compile(r"^[ \t]*Kære[ \t]+\S", re.MULTILINE),
    # a reply's own heads: "Svar på spørgsmål 1", "Svar på spørgsmål efter § 16 i lov om kommunernes styrelse"
    re.compile(r"^[ \t]*Svar[ \t]+på[ \t]+spørgsmål[ \t]+(?:\d{1,2}[ \t]*:?[ \t]*$|efter[ \t]+§)",
               re.MULTILINE | re.IGNORECASE),
    # an English reply ("Dear ...", "Yours sincerely")
    re.compile(r"^[ \t]*Dear[ \t]+\S", re.MULTILINE),
    re.compile(r"^[ \t]*(?:Yours[ \t]+(?:sincerely|faithfully)|Kind[ \t]+regards|Best[ \t]+regards)[ \t]*,?[ \t]*$",
               re.MULTILINE | re.IGNORECASE),
)
_MONTHS: dict[str, int] = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    # an English email's "Date: 14 June 2029"
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10,
}
# "22/6 2021", "22/6-2021", "22-06-2021", "22.06.2021", "22. juni 2021", "22 June 2021" and "June 22, 2021".
_NUMERIC_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})(?:[ .-]|\s*-\s*)(\d{4})(?!\d)")
_WORD_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\.?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})(?!\d)", re.IGNORECASE)
_MONTH_FIRST_DATE_RE = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)",
                                  re.IGNORECASE)
# What the member sent: "henvendelse", "mail", "brev", "spørgsmål" ... shortly before the inquiry's date.
_INQUIRY_WORD_RE = re.compile(
    r"\b(?:henvendelse|forespørgsel|spørgsmål|e-?mail|mail|brev|skrivelse)\w*", re.IGNORECASE
)
_SENTENCE_END_RE = re.compile(r"[!?]\s|\.\s+[A-ZÆØÅ]")
_PERFECT_DATE_RE = re.compile(r"\bhar\s+(?:den|d\.)\s*$", re.IGNORECASE)  # "Du har den <date> stillet ..."
_INQUIRY_AFTER_CHARS = 120  # how far after such a date the inquiry word may stand (same sentence)
_INQUIRY_DATE_GAP = 30  # at most this many characters between the inquiry word and its date ("af d. ")
# A dated line: a date with at most a short label around it ("Dato: 14. marts 2023", "København, 3/5 2021").
_DATED_LINE_WORDS = 4
_ADDRESSEE_RE = re.compile(r"^[ \t]*(?:Kære|Til|Dear)[ \t]+([^\n,]+?)[ \t]*,?[ \t]*$", re.MULTILINE)
CLOSING_RE = re.compile(
    r"^[ \t]*(?:Med venlig hilsen|Venlig hilsen|Med venlige hilsner|Yours[ \t]+(?:sincerely|faithfully)|"
    r"Kind[ \t]+regards|Best[ \t]+regards)[ \t]*,?[ \t]*$", re.MULTILINE | re.IGNORECASE
)
_QUESTIONS_HEAD_RE = re.compile(r"^[ \t]*Spørgsmål[ \t]*:?[ \t]*$", re.MULTILINE)
# "Spørgsmål 2" (perhaps "Spørgsmål 2: Hvad ...?") heading one question; "Svar" (or "Svar 2") its answer.
QUESTION_HEAD_RE = re.compile(r"^[ \t]*Spørgsmål[ \t]+(\d{1,2})[ \t]*[:.]?[ \t]*([^\n]*)$", re.MULTILINE)
ANSWER_HEAD_RE = re.compile(r"^[ \t]*Svar(?:[ \t]+(?:på[ \t]+spørgsmål[ \t]+)?\d{1,2})?[ \t]*:?[ \t]*$", re.MULTILINE)
# "Svar: <answer>" on the question's next line: the mark and the answer's first words share a line.
_INLINE_ANSWER_RE = re.compile(r"^[ \t]*Svar(?:[ \t]+(?:på[ \t]+spørgsmål[ \t]+)?\d{1,2})?[ \t]*:[ \t]*(?=\S)",
                               re.MULTILINE)
_ITEM_RE = re.compile(r"^[ \t]*(\d{1,2})[.)][ \t]+(?=\S)", re.MULTILINE)
# The administration's answer heading ("Beskæftigelses- og Integrationsforvaltningens svar") ends the questions.
_SVAR_HEAD_RE = re.compile(r"^[^\n]{0,80}\bsvar[ \t]*:?[ \t]*$", re.MULTILINE | re.IGNORECASE)
_SIGNATORY_LINES = 3
# A subject line in the head: "Vedr.: ...", "Emne: ...", "Om: ...", an English email's "Subject: ...".
_SUBJECT_LINE_RE = re.compile(
    r"^[ \t]*(?P<mark>Vedr\.?|Vedrørende|Angående|Emne|Om|Subject|Re)[ \t]*:[ \t]*(?P<subject>\S[^\n]*?)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
# A reply's subject written as a head line of its own, the Danish way: "Besvarelse af spørgsmål om ...",
# "Svar på spørgsmål om ...", "Svar vedr. ...".
_REPLY_SUBJECT_LINE_RE = re.compile(
    r"^[ \t]*(?P<subject>(?:Besvarelse|Svar[ \t]+(?:på|vedr\.|vedrørende|angående|om))[ \t]+\S[^\n]*?)[ \t]*$",
    re.MULTILINE,
)
# The subject in the sentence thanking for the inquiry: "... vedr. lokalt forankrede ...", "... om ventetid ...".
_SUBJECT_WORD_RE = re.compile(r"(?<!\w)(?P<mark>vedr\.|vedrørende|angående|om)\s+(?P<subject>\S.*)$", re.IGNORECASE)
_SUBJECT_MAX_CHARS = 140
_SUBJECT_MARKS = {"vedr.": "vedr.", "vedr": "vedr.", "vedrørende": "vedr.", "angående": "vedr.", "emne": "om", "om": "om"}


@dataclass(frozen=True)
class LetterParts:
    """What an answer letter says about itself; the fields map one-to-one onto `Note` fields."""

    title: str | None = None  # "Svar vedr. lokalt forankrede beskæftigelsesindsatser", from the subject
    date: str | None = None  # ISO "2023-03-14": the letter's own date, when it has a dated line
    inquiry_date: str | None = None  # ISO "2021-06-22": the date of the member's inquiry it answers
    addressee: str | None = None  # "Gyda Heding"
    signatory: str | None = None  # "Line Nørbæk, Administrerende direktør"
    questions: tuple[QuestionAnswer, ...] = ()
    errors: tuple[str, ...] = ()


def is_answer_letter(text: str) -> bool:
    """True when at least two letter-only phrases occur ("Tak for din henvendelse", "Ad 1:" ...)."""
    return sum(1 for pattern in _LETTER_MARKERS if pattern.search(text)) >= 2


def _iso_date(day: int, month: int, year: int) -> str | None:
    """ISO date, or None for impossible days/months."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _date_matches(text: str) -> list[tuple[int, int, str]]:
    """Every date written in `text` as (start, end, ISO date), in text order."""
    found: list[tuple[int, int, str]] = []
    for m in _NUMERIC_DATE_RE.finditer(text):
        iso = _iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in _WORD_DATE_RE.finditer(text):
        iso = _iso_date(int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3)))
        if iso:
            found.append((m.start(), m.end(), iso))
    for m in _MONTH_FIRST_DATE_RE.finditer(text):
        iso = _iso_date(int(m.group(2)), _MONTHS[m.group(1).lower()], int(m.group(3)))
        if iso:
            found.append((m.start(), m.end(), iso))
    return sorted(found)


def find_dates(text: str) -> tuple[tuple[int, str], ...]:
    """Every date written in `text` as (offset, ISO date), in text order."""
    return tuple((start, iso) for start, _, iso in _date_matches(text))


def find_inquiry_date(text: str) -> str | None:
    """The date of the inquiry answered: a date just after "henvendelse"/"mail"/"spørgsmål" ("af d. 22/6 2021"),
    or after "har den" in a sentence that goes on to name the inquiry ("Du har den 16. september 2024 stillet
    forvaltningen fire spørgsmål")."""
    for start, end, iso in _date_matches(text):
        before = text[max(0, start - _INQUIRY_DATE_GAP - 20):start]
        words = list(_INQUIRY_WORD_RE.finditer(before))
        if words and len(before) - words[-1].end() <= _INQUIRY_DATE_GAP and not _SENTENCE_END_RE.search(before[words[-1].end():]):
            return iso
        if _PERFECT_DATE_RE.search(before):
            after = text[end:end + _INQUIRY_AFTER_CHARS]
            sentence_end = _SENTENCE_END_RE.search(after)
            if _INQUIRY_WORD_RE.search(after[: sentence_end.start() if sentence_end else None]):
                return iso
    return None


def _is_dated_line(line: str, start: int, end: int) -> bool:
    """A line holding a date and at most a short label: "Dato: 14. marts 2023", "København, 22/6 2021"."""
    rest = (line[:start] + " " + line[end:]).replace(":", " ").replace(",", " ")
    return len(rest.split()) <= _DATED_LINE_WORDS and not _INQUIRY_WORD_RE.search(rest)


def own_date_line(text: str) -> tuple[int, int, str] | None:
    """The letter's own dated line as (start, end, ISO date): in the head (before the greeting) or under the
    closing greeting. Offsets are the line's, so it can be quoted as it is written."""
    greeting = _ADDRESSEE_RE.search(text)
    closing = CLOSING_RE.search(text)
    regions = [(0, greeting.start() if greeting else 0)]
    if closing:
        regions.append((closing.end(), len(text)))
    for region_start, region_end in regions:
        offset = region_start
        for line in text[region_start:region_end].splitlines(keepends=True):
            for start, end, iso in _date_matches(line):
                if _is_dated_line(line, start, end):
                    stripped = line.strip()
                    at = offset + line.index(stripped)
                    return at, at + len(stripped), iso
            offset += len(line)
    return None


def find_own_date(text: str) -> str | None:
    """The letter's own date: a dated line in the head (before the greeting) or under the closing greeting."""
    line = own_date_line(text)
    return line[2] if line else None


def find_letter_date(text: str) -> str | None:
    """The letter's own date, else the inquiry's date: the one date a reader would file the letter under."""
    return find_own_date(text) or find_inquiry_date(text)


def find_addressee(text: str) -> str | None:
    """The name after "Kære"/"Til" on the greeting line."""
    m = _ADDRESSEE_RE.search(text)
    return collapse_ws(m.group(1)) if m else None


def find_signatory(text: str) -> str | None:
    """Name and title: the non-blank lines after the closing "Med venlig hilsen", joined by ", "."""
    m = CLOSING_RE.search(text)
    if not m:
        return None
    lines = [collapse_ws(line) for line in text[m.end():].splitlines()]
    kept = [line for line in lines if line and not _date_matches(line)][:_SIGNATORY_LINES]
    return ", ".join(kept) or None


def _subject_title(mark: str, subject: str, text: str) -> str | None:
    """ "Svar vedr. <subject>"; the subject's first word lower-cased when the letter writes it so elsewhere."""
    subject = collapse_ws(subject).rstrip(" .,:;")
    if not subject or len(subject) > _SUBJECT_MAX_CHARS:
        return None
    if mark.lower() not in _SUBJECT_MARKS:  # an English subject line is the title as written
        return subject
    if subject.lower().startswith("svar"):
        return subject[0].upper() + subject[1:]
    first = subject.split()[0]
    if first[:1].isupper() and not first.isupper() and re.search(rf"(?<!\w){re.escape(first.lower())}(?!\w)", text):
        subject = first.lower() + subject[len(first):]
    return f"Svar {_SUBJECT_MARKS[mark.lower()]} {subject}"


def find_title(text: str) -> str | None:
    """A title from the letter's subject: a "Vedr.:"/"Emne:"/"Om:" line in its head; else a head line that is
    the reply's subject as written ("Besvarelse af spørgsmål om ...", "Svar på ...", "Svar vedr. ..."), the way
    Danish replies name themselves without a mark; else the subject of the sentence mentioning the inquiry
    ("... vedr. lokalt forankrede beskæftigelsesindsatser.")."""
    greeting = _ADDRESSEE_RE.search(text)
    head = text[: greeting.start()] if greeting else text[:600]
    m = _SUBJECT_LINE_RE.search(head)
    if m:
        return _subject_title(m.group("mark"), m.group("subject"), text)
    for m in _REPLY_SUBJECT_LINE_RE.finditer(head):
        subject = collapse_ws(m.group("subject")).rstrip(" .,:;")
        if len(subject) <= _SUBJECT_MAX_CHARS and not ANSWER_HEAD_RE.fullmatch(m.group(0)):
            return subject  # "Svar på spørgsmål 2" heads an answer, not the letter
    body_start = greeting.end() if greeting else 0
    marks = (p.search(text, body_start) for p in (ANSWER_MARK_RE, QUESTION_HEAD_RE, _QUESTIONS_HEAD_RE))
    opening = text[body_start: min((m.start() for m in marks if m), default=body_start + 1500)]
    for sentence in split_sentences(opening):
        inquiry = _INQUIRY_WORD_RE.search(sentence)
        if not inquiry:
            continue
        m = _SUBJECT_WORD_RE.search(sentence, inquiry.end())
        if m:
            return _subject_title(m.group("mark"), m.group("subject"), text)
    return None


def _numbered_items(block: str) -> dict[int, str]:
    """"1. Hvor mange ...?" items of a block, by number, whitespace collapsed. Only items numbered 1, 2, 3 ...
    in turn count, so a date opening a line ("9. oktober 2024") is no question."""
    marks = list(_ITEM_RE.finditer(block))
    items: dict[int, str] = {}
    for i, m in enumerate(marks):
        if int(m.group(1)) != len(items) + 1:
            continue
        end = marks[i + 1].start() if i + 1 < len(marks) else len(block)
        if i + 1 == len(marks):
            # the last question ends with its question mark and paragraph: a lead-in after a blank line
            # ("Forvaltningen svarer således:") is no part of it (a question wrapped over a blank line is)
            asked = re.search(r"\?[ \t]*\n[ \t]*\n", block[m.end():end])
            if asked:
                end = m.end() + asked.start() + 1
        items[int(m.group(1))] = collapse_ws(block[m.end():end])
    return items


def find_headed_questions(text: str) -> tuple[dict[int, str], dict[int, str]]:
    """Questions and answers of a letter written "Spørgsmål N" <question> "Svar" <answer>, by number."""
    heads = list(QUESTION_HEAD_RE.finditer(text))
    closing = CLOSING_RE.search(text, heads[-1].end()) if heads else None
    stop = closing.start() if closing else len(text)
    questions: dict[int, str] = {}
    answers: dict[int, str] = {}
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else max(stop, m.end())
        block = text[m.start(2):end]
        found = [m for m in (ANSWER_HEAD_RE.search(block), _INLINE_ANSWER_RE.search(block)) if m]
        svar = min(found, key=lambda m: m.start()) if found else None
        number = int(m.group(1))
        questions.setdefault(number, collapse_ws(block[: svar.start()] if svar else block))
        if svar and collapse_ws(block[svar.end():]):
            answers.setdefault(number, collapse_ws(block[svar.end():]))
    return questions, answers


def find_questions(text: str) -> dict[int, str]:
    """The numbered questions after the "Spørgsmål" heading, up to the answers."""
    head = _QUESTIONS_HEAD_RE.search(text)
    start = head.end() if head else 0
    first_answer = ANSWER_MARK_RE.search(text, start)
    svar = _SVAR_HEAD_RE.search(text, start)
    ends = [m.start() for m in (first_answer, svar) if m]
    end = min(ends) if ends else len(text)
    if not head and not ends:
        return {}
    return _numbered_items(text[start:end])


def find_answers(text: str) -> dict[int, str]:
    """The text after each "Ad N:" up to the next one or the closing greeting."""
    marks = list(ANSWER_MARK_RE.finditer(text))
    closing = CLOSING_RE.search(text)
    stop = closing.start() if closing else len(text)
    answers: dict[int, str] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else max(stop, m.end())
        answers.setdefault(int(m.group(1)), collapse_ws(text[m.end():end]))
    return answers


_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")


def find_restated_questions(text: str) -> tuple[dict[int, str], dict[int, str]]:
    """Questions and answers of a letter that restates each question after its mark, as its first paragraph
    ("Ad 1) Hvor mange ...?" + blank line + the answer), by number; only marks whose first paragraph is a
    question ending in "?" and is followed by an answer count. Such letters list the questions nowhere else."""
    marks = list(ANSWER_MARK_RE.finditer(text))
    closing = CLOSING_RE.search(text)
    stop = closing.start() if closing else len(text)
    questions: dict[int, str] = {}
    answers: dict[int, str] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else max(stop, m.end())
        parts = _PARAGRAPH_BREAK_RE.split(text[m.end():end].strip(), maxsplit=1)
        asked, answered = collapse_ws(parts[0]), collapse_ws(parts[1] if len(parts) > 1 else "")
        if asked.endswith("?") and answered:
            questions.setdefault(int(m.group(1)), asked)
            answers.setdefault(int(m.group(1)), answered)
    return questions, answers


def pair_questions(questions: dict[int, str], answers: dict[int, str]) -> tuple[QuestionAnswer, ...]:
    """One QuestionAnswer per number asked or answered; a missing side is ""."""
    numbers = sorted(set(questions) | set(answers))
    return tuple(QuestionAnswer(n, questions.get(n, ""), answers.get(n, "")) for n in numbers)


def parse_letter(text: str) -> LetterParts:
    """Title, dates, addressee, signatory and question/answer pairs of an answer letter's (normalized) text."""
    questions = find_questions(text)
    answers = find_answers(text)
    if not answers:
        headed_questions, headed_answers = find_headed_questions(text)
        if headed_questions:
            questions, answers = headed_questions, headed_answers
    elif not questions:
        restated_questions, restated_answers = find_restated_questions(text)
        if restated_questions:
            questions, answers = restated_questions, {**answers, **restated_answers}
    date, inquiry_date = find_own_date(text), find_inquiry_date(text)
    errors: list[str] = []
    if date is None and inquiry_date is None:
        errors.append("no date found in letter")
    if not questions:
        errors.append("no numbered questions found in letter")
    if not answers:
        errors.append('no answers ("Ad 1:" or "Svar") found in letter')
    missing = sorted(set(questions) - set(answers))
    if answers and missing:
        errors.append(f"questions without an answer: {', '.join(map(str, missing))}")
    return LetterParts(
        title=find_title(text),
        date=date,
        inquiry_date=inquiry_date,
        addressee=find_addressee(text),
        signatory=find_signatory(text),
        questions=pair_questions(questions, answers),
        errors=tuple(errors),
    )
