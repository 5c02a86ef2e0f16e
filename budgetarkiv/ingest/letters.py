"""Answer letters: the administration's replies to a council member's written questions.

A letter has no tables and no budget sections; what a user needs from it is who asked, when, what was
asked and what was answered, question by question ("Ad 1:", "Ad 2:" ...), so each answer can be cited.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from budgetarkiv.core.models import QuestionAnswer
from budgetarkiv.core.text import ANSWER_MARK_RE, collapse_ws

# Phrases only an answer letter has; two of them make a letter.
_LETTER_MARKERS: tuple[re.Pattern[str], ...] = (
    re.compile(r"Tak for (?:din|jeres|Deres) henvendelse", re.IGNORECASE),
    re.compile(r"^[ \t]*Spørgsmål[ \t]*:?[ \t]*$", re.MULTILINE),
    ANSWER_MARK_RE,
    re.compile(r"Med venlig hilsen", re.IGNORECASE),
    re.compile(r"^[ \t]*Kære[ \t]+\S", re.MULTILINE),
)
_MONTHS: dict[str, int] = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
# "22/6 2021", "22/6-2021", "22-06-2021", "22.06.2021" and "22. juni 2021".
_NUMERIC_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})(?:[ .-]|\s*-\s*)(\d{4})(?!\d)")
_WORD_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})\.?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})(?!\d)", re.IGNORECASE)
_INQUIRY_RE = re.compile(r"henvendelse|spørgsmål|forespørgsel", re.IGNORECASE)
_ADDRESSEE_RE = re.compile(r"^[ \t]*(?:Kære|Til)[ \t]+([^\n,]+?)[ \t]*,?[ \t]*$", re.MULTILINE)
_CLOSING_RE = re.compile(
    r"^[ \t]*(?:Med venlig hilsen|Venlig hilsen|Med venlige hilsner)[ \t]*,?[ \t]*$", re.MULTILINE | re.IGNORECASE
)
_QUESTIONS_HEAD_RE = re.compile(r"^[ \t]*Spørgsmål[ \t]*:?[ \t]*$", re.MULTILINE)
_ITEM_RE = re.compile(r"^[ \t]*(\d{1,2})[.)][ \t]+(?=\S)", re.MULTILINE)
# The administration's answer heading ("Beskæftigelses- og Integrationsforvaltningens svar") ends the questions.
_SVAR_HEAD_RE = re.compile(r"^[^\n]{0,80}\bsvar[ \t]*:?[ \t]*$", re.MULTILINE | re.IGNORECASE)
_SIGNATORY_LINES = 3


@dataclass(frozen=True)
class LetterParts:
    """What an answer letter says about itself; the fields map one-to-one onto `Note` fields."""

    date: str | None = None  # ISO "2021-06-22": the date of the inquiry answered (the letter's only date)
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


def find_dates(text: str) -> tuple[tuple[int, str], ...]:
    """Every date written in `text` as (offset, ISO date), in text order."""
    found: list[tuple[int, str]] = []
    for m in _NUMERIC_DATE_RE.finditer(text):
        iso = _iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            found.append((m.start(), iso))
    for m in _WORD_DATE_RE.finditer(text):
        iso = _iso_date(int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3)))
        if iso:
            found.append((m.start(), iso))
    return tuple(sorted(found))


def find_letter_date(text: str) -> str | None:
    """The inquiry's date: the first date in a line mentioning the inquiry, else the first date at all."""
    dates = find_dates(text)
    for offset, iso in dates:
        line_start = text.rfind("\n", 0, offset) + 1
        if _INQUIRY_RE.search(text, line_start, offset + 20):
            return iso
    return dates[0][1] if dates else None


def find_addressee(text: str) -> str | None:
    """The name after "Kære"/"Til" on the greeting line."""
    m = _ADDRESSEE_RE.search(text)
    return collapse_ws(m.group(1)) if m else None


def find_signatory(text: str) -> str | None:
    """Name and title: the non-blank lines after the closing "Med venlig hilsen", joined by ", "."""
    m = _CLOSING_RE.search(text)
    if not m:
        return None
    lines = [collapse_ws(line) for line in text[m.end():].splitlines()]
    kept = [line for line in lines if line][:_SIGNATORY_LINES]
    return ", ".join(kept) or None


def _numbered_items(block: str) -> dict[int, str]:
    """"1. Hvor mange ...?" items of a block, by number, whitespace collapsed."""
    marks = list(_ITEM_RE.finditer(block))
    items: dict[int, str] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(block)
        items.setdefault(int(m.group(1)), collapse_ws(block[m.end():end]))
    return items


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
    closing = _CLOSING_RE.search(text)
    stop = closing.start() if closing else len(text)
    answers: dict[int, str] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else max(stop, m.end())
        answers.setdefault(int(m.group(1)), collapse_ws(text[m.end():end]))
    return answers


def pair_questions(questions: dict[int, str], answers: dict[int, str]) -> tuple[QuestionAnswer, ...]:
    """One QuestionAnswer per number asked or answered; a missing side is ""."""
    numbers = sorted(set(questions) | set(answers))
    return tuple(QuestionAnswer(n, questions.get(n, ""), answers.get(n, "")) for n in numbers)


def parse_letter(text: str) -> LetterParts:
    """Date, addressee, signatory and question/answer pairs of an answer letter's (normalized) text."""
    questions = find_questions(text)
    answers = find_answers(text)
    parts = LetterParts(
        date=find_letter_date(text),
        addressee=find_addressee(text),
        signatory=find_signatory(text),
        questions=pair_questions(questions, answers),
    )
    errors: list[str] = []
    if parts.date is None:
        errors.append("no date found in letter")
    if not questions:
        errors.append("no numbered questions found in letter")
    if not answers:
        errors.append('no answers ("Ad 1:") found in letter')
    missing = sorted(set(questions) - set(answers))
    if answers and missing:
        errors.append(f"questions without an answer: {', '.join(map(str, missing))}")
    return LetterParts(parts.date, parts.addressee, parts.signatory, parts.questions, tuple(errors))
