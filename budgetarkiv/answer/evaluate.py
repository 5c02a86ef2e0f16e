"""Answer quality on a gold file, per answer type: facts present, forbidden figures shown, abstention right.

A gold question names the facts a right answer contains (figures, names, dates; with accepted
alternatives such as "7,15" for "7.150"), the figures it must not present (another programme's, the goal
instead of the result), and whether the archive answers it at all (`kind: none`). A figure matches as a
whole number ("5.400" is not inside "15.400"); minus signs are one sign whatever the document used. A figure
that is part of a note id ("KFF19", "ØKF E 8") or the day of a date ("19. november 2027", "November 19") is a
label, not an amount, and so is a table's unit "(1.000 kr., 2028 p/l)": they neither state a fact nor show a
forbidden figure (a year stays a figure, since a date question's wrong year is forbidden as "2031").
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from budgetarkiv.search.evaluate import read_gold_lines

_MINUS = str.maketrans({"−": "-", "–": "-"})
_MONTHS = ("januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|january|february|"
           "march|may|june|july|october")
# a note id: an administration's capitals (an optional series letter) and digits, "KFF19", "KFF 19", "ØKF E 8";
# currency codes before an amount ("DKK 19") are not ids
_NOTE_ID = re.compile(r"(?<![\w.,])(?!(?:DKK|EUR|USD|KR)\b)[A-ZÆØÅ]{2,5}(?:\s?[A-ZÆØÅ])?\s?\d{1,3}(?![\d]|[.,]\d)")
# a table's unit, "(1.000 kr., 2028 p/l)", "i 1.000 kr.", "DKK 1,000": thousands of kroner, no amount
_UNIT = re.compile(r"(?:(?<=\()|(?<=\bi )|(?<=\bin ))1[.,]000 kr\.?|1[.,]000 kr\.?(?=,? *(?:\(|\d{4}[ -](?:p/l|pl|priser)|"
                   r"løbende|current))|(?<=\bDKK )1[.,]000(?= *[),])", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"(?<![\d.,])\d{{1,2}}\.?\s+(?:{_MONTHS})\b|\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\d)",
                        re.IGNORECASE)


@dataclass(frozen=True)
class AnswerGold:
    id: str
    question: str
    kind: str  # the answer type; "none" when the archive holds no answer
    lang: str = "da"
    facts: tuple[str, ...] = ()
    alternatives: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    forbidden: tuple[str, ...] = ()
    split: str | None = None  # "dev" (tune on it) or "heldout" (report on it)
    relevant: tuple[str, ...] = ()


@dataclass(frozen=True)
class Judged:
    gold: AnswerGold
    answered: bool
    facts_found: tuple[str, ...]
    forbidden_shown: tuple[str, ...]
    text: str

    @property
    def has_facts(self) -> bool:
        return len(self.facts_found) == len(self.gold.facts)

    @property
    def abstention_right(self) -> bool:
        return self.answered != (self.gold.kind == "none")


@dataclass(frozen=True)
class TypeScore:
    kind: str
    questions: int
    answerable: int
    with_facts: float  # share of answerable questions whose answer holds every fact
    with_forbidden: float  # share of questions whose answer presents a forbidden figure
    abstention_right: float  # share answered when answerable and abstained when not


def load_answer_gold(path: Path) -> list[AnswerGold]:
    """The held-out archive's gold (facts, forbidden, split) or the sample gold (figures)."""
    return read_gold_lines(path, lambda d: AnswerGold(
        id=d["id"], question=d["question"], kind=d.get("kind", "fact"), lang=d.get("lang", "da"),
        facts=tuple(d.get("facts", d.get("figures", ()))),
        alternatives={k: tuple(v) for k, v in (d.get("fact_alternatives") or {}).items()},
        forbidden=tuple(d.get("forbidden", ())), split=d.get("split"), relevant=tuple(d.get("relevant", ())),
    ))


def _amounts_only(text: str) -> str:
    """The text with note ids, the days of dates (their months and years kept) and a table's unit ("(1.000 kr.,
    2028 p/l)") blanked out, so a figure in them is not read as an amount."""
    text = _UNIT.sub(" kr.", _NOTE_ID.sub(" ", text))
    return _DAY_MONTH.sub(lambda m: re.sub(r"\d", " ", m.group(0)), text)


def mentions(text: str, fact: str) -> bool:
    """Whether the text states the fact: a figure as a whole number (outside note ids and the days of
    dates), anything else as words."""
    text, fact = text.translate(_MINUS), fact.translate(_MINUS).strip()
    if re.fullmatch(r"-?\d[\d.,]*", fact):
        return re.search(rf"(?<![\d.,]){re.escape(fact)}(?![\d]|[.,]\d)", _amounts_only(text)) is not None
    return fact.lower() in text.lower()


def judge(gold: AnswerGold, answered: bool, text: str) -> Judged:
    shown = text if answered else ""
    found = tuple(f for f in gold.facts if any(mentions(shown, x) for x in (f, *gold.alternatives.get(f, ()))))
    forbidden = tuple(f for f in gold.forbidden if mentions(shown, f))
    return Judged(gold, answered, found, forbidden, text)


def run(answerer, gold: Iterable[AnswerGold]) -> list[Judged]:
    out = []
    for g in gold:
        a = answerer.ask(g.question)
        out.append(judge(g, a.answered, a.answer))
    return out


def summarise(judged: Sequence[Judged]) -> list[TypeScore]:
    """One score per answer type, then "all"."""
    groups: dict[str, list[Judged]] = {}
    for j in judged:
        groups.setdefault(j.gold.kind, []).append(j)
    groups["all"] = list(judged)
    out = []
    for kind, js in groups.items():
        answerable = [j for j in js if j.gold.kind != "none"]
        out.append(TypeScore(
            kind=kind, questions=len(js), answerable=len(answerable),
            with_facts=sum(j.has_facts for j in answerable) / len(answerable) if answerable else float("nan"),
            with_forbidden=sum(bool(j.forbidden_shown) for j in js) / len(js),
            abstention_right=sum(j.abstention_right for j in js) / len(js),
        ))
    return out


def format_report(scores: Sequence[TypeScore]) -> str:
    lines = [f"{'type':<11} {'n':>3} {'facts':>6} {'forbidden':>10} {'abstention':>11}"]
    for s in scores:
        facts = "-" if s.answerable == 0 else f"{s.with_facts:.2f}"
        lines.append(f"{s.kind:<11} {s.questions:>3} {facts:>6} {s.with_forbidden:>10.2f} {s.abstention_right:>11.2f}")
    return "\n".join(lines)


def format_misses(judged: Sequence[Judged]) -> str:
    """The questions that went wrong, with what was missing or shown."""
    lines = []
    for j in judged:
        if j.has_facts and not j.forbidden_shown and j.abstention_right:
            continue
        missing = [f for f in j.gold.facts if f not in j.facts_found]
        lines.append(f"{j.gold.id} [{j.gold.kind}] {j.gold.question}\n  answered={j.answered} missing={missing} "
                     f"forbidden={list(j.forbidden_shown)}\n  " + j.text.replace("\n", "\n  "))
    return "\n".join(lines)


__all__ = ["AnswerGold", "Judged", "TypeScore", "format_misses", "format_report", "judge", "load_answer_gold",
           "mentions", "run", "summarise"]
