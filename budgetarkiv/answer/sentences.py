"""Fact selection: the one to three sentences of the focused notes that answer the question.

Candidates are the sentences of the focused notes' best passages (a council member's question is never
one). Each is ranked by the encoder's similarity to the question (sentences encoded on the fly, cached),
the question words it shares, and whether it carries what the answer type needs: a count for "hvor
mange", a percentage, an amount in kroner, a name for "hvem", a date for "hvornår", a goal for "mål /
målsætning" and a result otherwise.
"""
from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from budgetarkiv.answer.clauses import (
    DATE,
    PART,
    answering,
    clauses,
    counted_noun,
    counts_noun,
    date_clause,
    date_clauses,
    date_lead,
    figures,
    lead_of,
    time_fit,
    without_type_words,
)
from budgetarkiv.answer.counts import count_fit
from budgetarkiv.answer.events import event_fit
from budgetarkiv.answer.goaltable import labelled_facts
from budgetarkiv.answer.listing import asks_names, listed_items
from budgetarkiv.answer.model import Fact
from budgetarkiv.answer.relevance import NAME, Relevance, overlap
from budgetarkiv.answer.scenario_parts import built_on, scenarios_at
from budgetarkiv.core.numbers import NUMBER_RE
from budgetarkiv.core.text import sentence_spans, trimmed_spans, years_in
from budgetarkiv.index.english import looks_english
from budgetarkiv.search.hybrid import Hit
from budgetarkiv.search.query import Query, analyse

MIN_WORDS = 3  # a sentence or cell shorter than this says too little to quote

MAX_FACTS = 3
PASSAGES = 6  # best passages whose sentences are candidates
MAX_CANDIDATES = 16  # encoded and ranked in full (encoding is the answer's main cost: 40 took ~4.5 s cold)
ENCODED_CHARS = 300  # a sentence's start is enough to compare it with the question
MAX_POOL = 400  # ranked by words and type before the encoder sees the best MAX_CANDIDATES
CACHE_SIZE = 20_000
# weights of the ranking (tuned on the archive's dev questions only)
W_DENSE, W_WORDS, W_TYPE, W_RANK, W_ALSO, W_SUBJECT = 1.0, 1.2, 1.5, 0.04, 0.5, 0.3
WHOLE_ANSWER = 700  # characters: a linked letter answer up to this long is one quote
TIE = 0.99  # a further sentence this close to the best, with the same question words, is as likely the answer
SECOND = 0.8  # a further sentence is quoted when it scores at least this share of the best
W_NAMED_FIGURE = 1.0  # a sentence stating a figure the question names
W_MEASURED = 1.5  # a goal sharing its words with the result quoted (the goal that result is measured on)
W_NAMED_YEAR = 0.5  # a sentence naming the year asked about
W_COUNTED = 1.0  # a sentence counting the noun a count question counts ("90 unge" for "how many young people")
W_TIME = 0.5  # a sentence about the time asked (the lasting level, the start, today), or a total asked for
W_PART = 1.0  # a sentence whose figure counts the place asked together with others
W_SCENARIO = 1.0  # a sentence about the alternative asked
NAME_WEIGHT = 2.5  # a clause holding a name the question asks about (a place among several places' figures)
W_OTHER_SCENARIO = 2.5  # one about other alternatives only answers for them, however many words it shares
W_EVENT = 1.0  # a date of the event asked about (a start for "hvornår starter"), not of another (a meeting's)
W_PLACE_DATE = 1.0  # a date in the clause of the place asked about (minus: the place named, the date another's)
W_TITLE = 1.0  # a note's head line names it; a statement answers
W_GATE = 3.0  # a sentence without what the answer type needs ranks after every one with it
REASON_WORDS = 45  # a longer sentence before a consequence is no single reason
ONE_SENTENCE = ("date", "person")  # one date, one name: a second sentence would offer another

KRONER = re.compile(r"\bkr\.|\bmio\.|\bmia\.|\bkroner\b", re.IGNORECASE)
_PERCENT = re.compile(r"\d\s*(?:pct\b|procent|%)", re.IGNORECASE)
_SHARE_ASKED = re.compile(r"\b(?:hvor stor en (?:del|andel|procent\w*)|hvor mange procent|what share|what percentage|"
                          r"what proportion|how many percent)\b", re.IGNORECASE)
_COUNT_ASKED = re.compile(r"\b(?:hvor mange|how many)\b", re.IGNORECASE)
_FIGURE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")  # (not the digits of a note id such as "BUF07")
# a value with its unit ("50 pct.", "4,8 mio. kr."), not a qualifier such as "over 30 år"
_VALUE = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)\s*(?:pct\b|procent|%|kr\b|mio\b|mia\b|percent)", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,])")
_GOAL = re.compile(r"\b(mål|målet|målene|målsætning\w*|målsat\w*|succeskriter\w*|ambition\w*|target\w*|goal\w*)\b",
                   re.IGNORECASE)
# a goal that was ("målet var 75 pct."): the old goal a result is measured on, not the goal set now
_PAST_GOAL = re.compile(r"\b(?:mål(?:et|ene|sætningen|sætningerne)?|ambitionen|succeskriteriet|(?:the|its|our) (?:target|goal|aim)s?)"
                        r"\s+(?:var|was|were|havde været|had been)\b|\b(?:var|was|were)\s+(?:målet|the (?:target|goal|aim))\b",
                        re.IGNORECASE)
_PAST_ASKED = re.compile(r"\b(?:var|was|were|havde|had|oprindelig\w*|originally|tidligere|previous\w*|old|gamle)\b",
                         re.IGNORECASE)
_EXPECT = re.compile(r"\b(forvent\w*|skal\b|sigte\w*)", re.IGNORECASE)
# (a count recorded, "hvor forvaltningen registrerede 1.380 klager", is what happened too)
_RESULT = re.compile(r"\b(viser|viste|opnå\w*|resultat\w*|har (?:fået|været|deltaget)|fik|blev|boede|indfriet|nået|"
                     r"er (?:faldet|steget)|faldt|steg|dropped|fell|rose|has (?:fallen|risen)|"
                     r"registrerede|registreret|optalt|talte|målte|recorded|registered|counted)\b", re.IGNORECASE)
_DATE = DATE
# "hvorfor", "why", "what is the reason": a cause answers
_WHY = re.compile(r"\b(?:hvorfor|why|begrundelse\w*|årsag\w*|reason\w*|how come)\b", re.IGNORECASE)
_CAUSE = re.compile(r"\b(?:fordi|idet|eftersom|skyldes|på grund af|grundet|begrundet|because|due to|owing to|"
                    r"as a result of|the reason)\b|,\s*(?:da|as|since)\s+(?!(?:19|20)\d\d)", re.IGNORECASE)
_CONSEQUENCE = re.compile(r"\b(?:derfor|dermed|af den grund|therefore|thus|hence|for that reason|consequently)\b",
                          re.IGNORECASE)
# "Falder elprisen med 25 pct., forlænges ...", "Hvis ...", "If ...": what would happen, not what is
_CONDITION = re.compile(r"^\W*(?:hvis|såfremt|dersom|i fald|if|should|unless|in case)\b|"
                        # a change put first as a condition ("Falder elprisen ..., forlænges", "Forsinkes aftalen, ...");
                        # not a choice ("Vælges alle fem, reduceres ... i alt 4,0 årsværk": the total)
                        r"^\W*(?:falder|stiger|øges|mindskes|reduceres|forsinkes|forlænges|ændres|bliver|bortfalder|"
                        r"udebliver|mislykkes|lykkes)\s(?:[^,.]|\.(?!\s+[A-ZÆØÅ])){3,80},", re.IGNORECASE)
_BEGUN = (r"(?:oprettet|oprettede|indført|indførte|etableret|etablerede|startet|igangsat|iværksat|påbegyndt|"
          r"set up|introduced|established|launched|created|started|begun|began)")
# "siden hvornår", "since when", "hvornår blev ... oprettet", "when was it set up": the year something began
_SINCE_ASKED = re.compile(rf"\b(?:siden hvornår|since when|hvor længe|how long|(?:hvornår|when)\b.*\b{_BEGUN})\b",
                          re.IGNORECASE)
_SINCE = re.compile(rf"\b(?:siden|since|fra og med|starting in|begyndte i|began in|startede i|started in|"
                    rf"{_BEGUN}\s+(?:\w+\s+){{0,3}}?(?:i|in|med|with|fra|from)(?:\s+(?:budget(?:aftale)?|the budget for))?)"
                    r"\s+(?:19|20)\d\d\b", re.IGNORECASE)
_NEXT = re.compile(r"\b(?:næste|kommende|next|upcoming)\b", re.IGNORECASE)
# a year said as the time of something ("i 2031", "fra 2031", "by 2031"), not a budget's or a price level's name
_YEAR_AS_DATE = re.compile(r"\b(?:i|fra|inden|senest|før|efter|med udgangen af|in|from|by|before|after|until|til)\s+"
                           r"(?:(?:år(?:et)?|the year)\s+)?(?:19|20)\d\d\b(?!\s*[-–/]\s*(?:19|20)?\d\d)(?!-?\s*(?:pris|p/l|prices))",
                           re.IGNORECASE)
# a document's own date on its label line ("Date: 14 June 2029", "Dato: torsdag den 3. maj 2029", "Sendt: ...")
_DATE_LINE = re.compile(r"\b(?:date|dato|dateret|dated|sent|sendt|modtaget|received)\s*:\s*(?:[^\W\d_]+dag\s+|"
                        r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:den\s+|d\.\s*|the\s+)?$", re.IGNORECASE)
# a question about a document or a meeting ("what date is the reply", "when was the letter sent")
_ABOUT_DOCUMENT = re.compile(r"\b(?:dato\w*|date[ds]?|dateret|brev\w*|letters?|svar\w*|repl\w*|answer\w*|sen[dt]\w*|"
                             r"sendte|wrote|written|skrev|skrevet|mail\w*|notat\w*|memo\w*|høringssvar\w*|"
                             r"spørgsmål\w*|questions?|asked|spurgte)\b", re.IGNORECASE)
_AS_OF = re.compile(r"\b(?:pr|per|as of|status)\.?\s*$", re.IGNORECASE)
_PARTIES = re.compile(
    r"\b(Enhedslisten|Socialdemokrat\w*|Venstre|Det Konservative|Konservative|SF|Socialistisk Folkeparti|"
    r"Radikale\w*|Dansk Folkeparti|Liberal Alliance|Alternativet|Nye Borgerlige|Moderaterne|Danmarksdemokrat\w*)\b"
)
_NAME = re.compile(r"(?<=[a-zæøå,.:]\s)[A-ZÆØÅ][a-zæøå]+(?:\s+[A-ZÆØÅ][a-zæøå]+){1,3}")
_TITLE = re.compile(r"\b(direktør|borgmester|chef|leder|formand|rådmand)\b", re.IGNORECASE)
_CONTACT = re.compile(r"\s*(?:Kontakt\w*|Contact\w*)(?:[ \t]+[^\n:]{1,40})?:", re.IGNORECASE)
_CONTACT_ASKED = re.compile(r"\b(?:kontakt\w*|contact\w*|henvende\w*|reach)\b", re.IGNORECASE)
_GOALS_TABLE = re.compile(r"målsætning|succeskriteri|mål for", re.IGNORECASE)
# what a follow-up table's columns hold: a question naming one asks for its rows ("den forventede afvigelse")
_NAMED_COLUMN_WORDS = re.compile(r"\b(?:afvigelse\w*|forbrug\w*|mindreforbrug\w*|merforbrug\w*|korrigerede? budget\w*|"
                                 r"forventet regnskab|deviation|variance|expected spending|actual spending)\b",
                                 re.IGNORECASE)


def asks_named_column(question: str) -> bool:
    """Does the question name a follow-up table's column ("afvigelsen", "forventet forbrug", "deviation")?"""
    return _NAMED_COLUMN_WORDS.search(question) is not None


# a row of a table whose money columns are named, not years (a follow-up's "Jobspor Autisme: Korr. budget: 3,2; Forv.
# forbrug: 2,7; Afvigelse: -0,5", see `ingest.named_columns`): quoted whole, the row names each figure's column
_NAMED_CELLS_ROW = re.compile(r"^[^:\n]+: (?:(?!I alt:|Total:)[^\W\d][^:;\n]*: [-−–(]?\d[\d.,]*\)?(?:; |$)){2,}", re.MULTILINE)
# "Tabel 1 – Oversigt over målsætning ...": a caption names a table, it states nothing
_CAPTION = re.compile(r"\s*(?:Tabel|Table|Figur|Figure|Bilag)\s+\d+\w*\.?\s*(?:[–:-]\s*)?[^.\n]{0,120}$", re.IGNORECASE)
_QUESTION_SECTION = re.compile(r"^spørgsmål", re.IGNORECASE)
_QUESTION_LINE = re.compile(r"(^|\n)\s*Spørgsmål\s*\d*\s*[:.]?\s", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    hit: Hit
    start: int
    end: int
    rank: int  # of the passage among the candidates' passages
    also: bool  # from a note that is only also relevant
    goal: bool = False  # a goals table's cell, or an item under a goals heading ("Målsætninger:")

    @property
    def text(self) -> str:
        return self.hit.text[self.start:self.end]


# a sentence telling a scheme's past: since when, set up, extended, tried, granted before
_PAST = re.compile(
    r"\b(?:siden (?:19|20)\d\d|oprettet|oprettede|indført|etableret|forlænget|forlængede|videreført|udvidet|"
    r"afprøvet|tidligere|blev der (?:afsat|bevilget)|fulgte|(?:i|med) budget(?:aftale)? (?:19|20)\d\d|"
    r"since (?:19|20)\d\d|set up|established|introduced|extended|previously|was (?:granted|funded|tried))\b",
    re.IGNORECASE)
YEAR_IN_PROSE = re.compile(r"\b(?:19|20)\d\d\b")
_ASKS_MONEY_BEFORE = re.compile(r"\b(?:penge|afsat|bevilg\w*|midler|money|granted|funds?|funded|set aside|"
                                r"allocated|finansier\w*|financed)\b", re.IGNORECASE)


def type_fit(query: Query, sentence: str, goal_cell: bool = False) -> float:
    """How well the sentence carries what the answer type needs (0 nothing, 1 exactly that)."""
    kind = query.answer_type
    has_number = bool(NUMBER_RE.search(_YEAR_ONLY.sub(" ", sentence)))
    fit = 0.0
    if kind == "count":
        fit = count_fit(sentence, query.text) or (0.3 if has_number else 0.0)
    elif kind == "percent":
        fit = 1.0 if _PERCENT.search(sentence) else 0.2 if has_number else 0.0
    elif kind in ("amount", "sum", "comparison"):
        fit = 1.0 if KRONER.search(sentence) else 0.3 if has_number else 0.0
    elif kind == "person":
        fit = 1.0 if _PARTIES.search(sentence) or _NAME.search(sentence) else 0.0
        if re.search(r"\b(parti\w*|party|parties)\b", query.text, re.IGNORECASE):  # a party, not any name
            fit = 1.0 if _PARTIES.search(sentence) else 0.0
        if re.search(r"underskrev|signed|signatory|job title|titel|stilling", query.text, re.IGNORECASE):
            fit = 1.0 if re.search(r"venlig hilsen", sentence, re.IGNORECASE) or _TITLE.search(sentence) else fit * 0.3
    elif kind == "date":
        dates = list(_DATE.finditer(sentence))
        as_of = all(_AS_OF.search(sentence[max(0, m.start() - 12):m.start()]) for m in dates)
        fit = 0.0 if not dates else 0.5 if as_of else 1.0  # "pr. 1. januar 2024 stod 412 ...": a figure's date
        if dates and not _ABOUT_DOCUMENT.search(query.text) \
                and all(_DATE_LINE.search(sentence[max(0, m.start() - 30):m.start()]) for m in dates):
            fit = 0.3  # "Date: 14 June 2029", "Dato: ...": the letter's own date answers only what asks about the letter
        if not dates and _YEAR_AS_DATE.search(sentence):
            fit = 0.4  # "Anlægget forventes færdigt i 2031": a year is a date, if a coarse one (ranked, not required)
        if dates and _NEXT.search(query.text):  # "the next meeting": the date said to be the next one
            fit += 0.5 if _NEXT.search(sentence) else -0.5
    elif kind in ("goal", "result"):
        fit = 0.6 if has_number else 0.2
    elif kind == "history":  # since when, set up and extended, granted before: a sentence that tells the past
        fit = 1.0 if _PAST.search(sentence) else 0.3 if YEAR_IN_PROSE.search(sentence) else 0.0
        if _ASKS_MONEY_BEFORE.search(query.text) and not KRONER.search(sentence):
            fit *= 0.5  # "er der tidligere afsat penge": the grant's amount, not only since when
    elif query.wants_number:
        fit = 1.0 if has_number else 0.0
    if _SINCE_ASKED.search(query.text):  # "siden hvornår": the year something began ("har siden 2021 haft ...")
        fit = 1.5 if _SINCE.search(sentence) else min(fit, 0.5)  # (a date to come is no beginning)
    names = asks_names(query)
    if names:  # "Hvilke plejecentre indgår?": the sentence that lists them, or introduces their list
        fit = max(fit, 1.0 if listed_items(sentence) or sentence.rstrip().endswith(":") else 0.0)
    goal, result = goal_cell or states_goal(query, sentence), bool(_RESULT.search(sentence))
    if asks_why(query):  # a cause ("fordi", "derfor", "because") answers a why
        fit += 0.6 if _CAUSE.search(sentence) or _CONSEQUENCE.search(sentence) else 0.0
    if _CONDITION.search(sentence) and not _CONDITION.search(query.text) and not re.search(
            r"\b(?:hvis|if|risk\w*|følsom\w*|sensitiv\w*)\b", query.text, re.IGNORECASE):
        fit -= 0.6  # what would happen if the price fell is not the figure asked for
    if _CONTACT.match(sentence) and not _CONTACT_ASKED.search(query.text):
        fit -= 1.0  # "Kontaktperson: <navn>, <titel>" names whom to ask, it answers nothing else
    if sentence.rstrip().endswith(":") and not names:
        fit -= 0.5  # an introduction to a list, not a statement
    if query.wants_goal and not query.wants_result:
        fit += 0.6 if goal else 0.2 if _EXPECT.search(sentence) else -0.6 if result else -0.2
    elif query.wants_result and query.wants_goal:
        fit += 0.3 if goal or result else 0.0  # "hvad var målet, og hvad blev resultatet": both count
    elif query.wants_result or kind in ("count", "percent", "result"):
        if goal and not result:
            fit -= 0.6  # a goal is not what happened
        elif _EXPECT.search(sentence) and not result:
            fit -= 0.3  # nor is what shall or is expected to happen ("Desuden skal fraværet ned under 6,5 pct.")
        elif result and not goal:
            fit += 0.3  # ("målet blev ikke nået, men resultatet ...": what happened, measured on the goal)
    return fit


def states_goal(query: Query, sentence: str) -> bool:
    """Whether the sentence states a goal the question may ask for: not a past one ("målet var 75 pct.") when
    the question asks for the goal now ("Hvad er målet ..."), unless it states another goal beside it."""
    if not _GOAL.search(sentence):
        return False
    if _PAST_ASKED.search(query.text) or not query.wants_goal or not _PAST_GOAL.search(sentence):
        return True
    return bool(_GOAL.search(_PAST_GOAL.sub(" ", sentence)))


def carries_type(query: Query, sentence: str, goal_cell: bool = False) -> bool:
    """Whether the sentence states what the answer type is: a goal (or an expectation) for a goal, a
    figure that is not only a goal for a result, a date for a date, a name or party for a person."""
    kind = query.answer_type
    goal = goal_cell or states_goal(query, sentence)
    if query.wants_goal and not query.wants_result and _GOAL.search(query.text):
        return goal or bool(_EXPECT.search(sentence))  # ("skal", "forventes" alone ask for no goal)
    if kind == "result" and not query.wants_goal:
        # a value stated ("45 pct.", "180 borgere"); not an ordinal ("i 2. klasse") or a label ("scenarie 2")
        return bool(figures(sentence)) and (not goal or bool(_RESULT.search(sentence)))
    if kind == "date":
        return bool(_DATE.search(sentence)) or bool(_SINCE_ASKED.search(query.text) and _SINCE.search(sentence))
    if kind == "person":
        return type_fit(query, sentence) >= 1.0
    return True


def _section_fit(query: Query, hit: Hit) -> float:
    """Goals stand under "Forventet effekt", results often too; amounts under "Økonomi"."""
    section = (hit.section or "").lower()
    if (query.wants_goal or query.wants_result or query.answer_type == "result") \
            and re.search(r"forventet effekt|mål|effekt|resultat", section):
        return 0.3
    if query.answer_type in ("amount", "sum", "comparison") and "økonomi" in section:
        return 0.2
    return 0.0


def asks_why(query: Query) -> bool:
    return bool(_WHY.search(query.text))


# a question reported in a reply ("Du spørger også, om ...", "Du vil gerne vide, hvor mange ...", "You ask whether")
_REPORTED = re.compile(r"^\W*(?:(?:du|I|De)\s+(?:spørger|spurgte|har\s+(?:[\wæøå.]+\s+){0,6}?(?:spurgt|stillet)|vil gerne vide|"
                       r"ønsker at vide|beder om)|you\s+(?:also\s+)?(?:ask|asked|have asked|would like to know|want to know|"
                       r"wish to know))\b", re.IGNORECASE)


def is_question(sentence: str, hit: Hit) -> bool:
    """A council member's question (or a heading asking one, or a reply restating one) is never evidence."""
    return sentence.rstrip().endswith("?") or bool(hit.section and _QUESTION_SECTION.match(hit.section)) \
        or bool(_REPORTED.match(sentence))


def clause_weights(question: str, groups: Sequence[set[str]], named: set[str],
                   tokens: Callable[[str], set[str]]) -> list[float]:
    """How much each question word group counts in choosing a sentence's clause: nothing for the note's own
    subject ("bicycle" of "cykelparkeringspladser": every clause is about it), most for a name the question asks
    about ("at Tjørnely", "i Valby"), which chooses among clauses that each state one place's figure ("58 pct.
    af beboerne ..., mod 41 pct. i Tjørnely") whatever other words they share."""
    names = {t for m in NAME.finditer(question) for t in tokens(m.group(0))}
    return [0.0 if any(len(t) >= 4 and t in n for t in g for n in named) else NAME_WEIGHT if g & names else 1.0
            for g in groups]


class SentencePicker:
    """Ranks candidate sentences; keeps the encoder's sentence vectors in a bounded cache."""

    def __init__(self, searcher, relevance: Relevance) -> None:
        self.searcher = searcher
        self.relevance = relevance
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            for t, v in zip(missing, self.searcher.embedder.encode_passages(missing)):
                self._vectors[t] = v
            while len(self._vectors) > CACHE_SIZE:
                self._vectors.popitem(last=False)
        for t in texts:
            self._vectors.move_to_end(t)
        return np.stack([self._vectors[t] for t in texts])

    def similarity(self, question: str, texts: Sequence[str]) -> np.ndarray:
        """The encoder's cosine similarity of the question to each text (texts cached)."""
        q = self.searcher.embedder.encode_query(question)
        return self.vectors([t[:ENCODED_CHARS] for t in texts]) @ q

    def candidates(self, hits: Sequence[Hit], focused: set[tuple], also: set[tuple], key,
                   goals: bool = False, first: Sequence[Hit] = (), more: Sequence[Hit] = (),
                   named_columns: bool = False) -> list[Candidate]:
        """Sentences of the focused notes' best passages (then the also relevant ones'); the cells of a
        goals table when a goal is asked for, the rows of a follow-up table when one of its columns is
        (`named_columns`, see `asks_named_column`); `first` passages (a linked letter answer) lead."""
        out: list[Candidate] = []
        usable = [h for h in hits if h.kind != "table" or goals and _GOALS_TABLE.search(h.text[:200])
                  or named_columns and _NAMED_CELLS_ROW.search(h.text)]
        ranked = [*first, *(h for h in usable if key(h) in focused)]
        ranked = ranked[:PASSAGES + len(first)]
        seen = {h.chunk_id for h in ranked}
        rest = [h for h in more if h.chunk_id not in seen and (h.kind != "table" or goals and _GOALS_TABLE.search(h.text[:200])
                                                               or named_columns and _NAMED_CELLS_ROW.search(h.text))]
        ranked += [h for h in usable if key(h) in also and h.chunk_id not in seen][:PASSAGES]
        for rank, h in enumerate([*ranked, *rest]):
            rank = min(rank, len(ranked))  # the focused notes' other passages rank after the retrieved ones
            if h in first and len(h.text) <= WHOLE_ANSWER:
                spans = [(0, len(h.text))]  # a letter's short answer is quoted whole
            else:
                spans = cell_spans(h.text) if h.kind == "table" else restated(h.text, sentence_spans(h.text, MIN_WORDS))
                if h.kind != "table" and (headed := headed_lists(h.text)):
                    # "Ændringer i forhold til udkastet" with its items, as one; the heading alone says nothing
                    heads = {a: h.text.index("\n", a) for a, _ in headed}
                    spans = [(a, b) for a, b in spans if not (a in heads and b <= heads[a])] + headed
            for start, end in spans:
                sentence = h.text[start:end]
                if is_question(sentence, h) or _CAPTION.match(sentence) or _GOAL_HEADING.match(sentence.strip()):
                    continue
                cut = _QUESTION_LINE.search(sentence)
                if cut:  # "... pladser.\nSpørgsmål 2 Hvad bruger ...": the next question starts here
                    end = start + cut.start()
                    if len(h.text[start:end].split()) < 3:
                        continue
                if h.kind != "table" and h not in first:
                    start = after_heading(h.text, start, end, h.section)
                out.append(Candidate(h, start, end, rank, key(h) in also,
                                     h.kind == "table" or under_goal_heading(h.text, start) or goals_section(h)))
        return out[:MAX_POOL]

    def pick(self, query: Query, wanted: set[str], candidates: Sequence[Candidate],
             bonus: Callable[[Candidate], float] | None = None, named: set[str] = frozenset(),
             cover_first: bool = False) -> tuple[Fact, ...]:
        """The best one to three sentences (a further one only when nearly as good and adding a figure).

        `named` are the stems of the focused notes' titles: inside a note every sentence is about its
        subject, so those words count little; the question's other words say which sentence answers.
        A question asking several things ("hvad var målet, og hvad blev resultatet?") gets the best
        sentence for each; a date or a person is one sentence."""
        if not candidates:
            return ()
        extra = np.array([bonus(c) for c in candidates]) if bonus is not None else np.zeros(len(candidates))
        texts = [_merged(c, query).text for c in candidates]
        ranked = self._rank(query, wanted, candidates, texts, named, extra)
        asks = [] if cover_first else _asks(query)  # (several notes asked for: each note's best, below)
        picked: dict[int, Fact] = {}
        analyzer = self.relevance.analyzer
        # a result is picked before a goal, so that the goal quoted is the one the result is measured on
        for n in sorted(range(len(asks)), key=lambda n: asks[n].answer_type == "goal"):
            ask = asks[n]
            if ask.answer_type == "fact" and not self.relevance.word_groups(ask.text):
                continue  # "... and what were they?" says nothing of its own
            bonus_of = extra
            results = [f for m, f in picked.items() if asks[m].answer_type == "result"]
            if ask.answer_type == "goal" and results:
                measured = {t for f in results for t in analyzer.tokens(f.text)}
                bonus_of = extra + np.array([_shared(set(analyzer.tokens(t)), measured) for t in texts]) * W_MEASURED
            r = self._rank(ask, set(), candidates, texts, named, bonus_of)
            if r.carries[r.order[0]]:
                c = _merged(candidates[r.order[0]], query)
                fact = fact_at(c.hit, c.start, c.end)
                if not query.asks and _by_clause(ask):  # a goal and a result: each its clause
                    fact = self._clause(ask, fact, named)
                inside = [m for m, f in picked.items() if _within(f, fact)]
                if not any(_within(fact, f) for f in picked.values()):
                    for m in inside:  # (a clause one ask quoted, of the sentence another ask quotes whole)
                        del picked[m]
                    picked[n] = fact
        out: list[Fact] = [picked[n] for n in sorted(picked)]
        order, scores, words, fits = ranked.order, ranked.scores, ranked.words, ranked.fits
        best = scores[order[0]]
        for i in order:
            c = _merged(candidates[i], query)
            if out and (scores[i] < SECOND * best or words[i] == 0 and fits[i] <= 0
                        or query.answer_type in ONE_SENTENCE):
                break
            if out and one_figure(query, out[0].text) and not (scores[i] >= TIE * best and words[i] == words[order[0]]):
                break  # (sentences alike but for their figure, "Forventet ca. 450/900 patienter": none stands out)
            fact = fact_at(c.hit, c.start, c.end)
            if any(c.text in f.text or f.text in c.text or _within(f, fact) for f in out) \
                    or not _adds_figure(c.text, out, needed=query.wants_number) \
                    or out and query.answer_type not in ("history", "comparison") and another_version(fact, out):
                continue
            out.append(fact)
            if len(out) >= MAX_FACTS:
                break
        top = next((c.hit for c in candidates if c.rank == 0), None)
        if cover_first and out and top is not None and not any(f.passage == top.text for f in out):
            # several notes are asked for: the best-ranked passage shows why it was found
            first = next((i for i in order if candidates[i].rank == 0 and words[i] > 0), None)
            if first is not None:
                c = _merged(candidates[first], query)
                out = [fact_at(c.hit, c.start, c.end), *out[:MAX_FACTS - 1]]
        if not asks and _by_clause(query):
            out = [self._clause(query, f, named) for f in out]
        if query.answer_type == "date":
            out = [self._date_clause(query, f) for f in out]
        if not query.asks:  # a goal-table row: its label and the cell asked for
            out = labelled_facts(out, query.years, query.wants_goal, query.wants_result, query.answer_type)
        return tuple(out)

    def _clause(self, query: Query, f: Fact, named: set[str]) -> Fact:
        """ "I 2025 deltog 140 borgere, heraf 38 pct. kvinder, og 61 kom i job": of a sentence with a figure
        in each of several clauses, the clause that answers (the question's own words, the kind of figure
        asked for), with the sentence's lead when it counts part of it. The passage keeps the whole
        sentence; the highlight is on the clause."""
        groups = self.relevance.word_groups(without_type_words(query.text), english=looks_english(query.text))
        # the note's own subject ("bicycle" of "cykelparkeringspladser") says nothing of which clause answers
        analyzer = self.relevance.analyzer
        weights = clause_weights(query.text, groups, named, lambda t: set(analyzer.tokens(t)))
        noun = counted_noun(query.text)
        counted = self.relevance.word_groups(noun, english=looks_english(query.text)) if noun else []
        found = answering(query, f.text, groups, weights, lambda t: set(analyzer.tokens(t)), overlap, counted)
        # "68% ..., against 79% across the city" of "... today, compared with the city as a whole": both figures
        # are asked for, so the sentence is not cut
        if found is None or query.compares or f.text != f.passage[f.highlight[0]:f.highlight[1]]:
            return f
        start = f.highlight[0]
        narrowed = fact_at_passage(f, start + found.start, start + found.end)
        lead = lead_of(f.text, found)
        return replace(narrowed, text=f"{lead} … {narrowed.text}") if lead else narrowed

    def _date_clause(self, query: Query, f: Fact) -> Fact:
        """ "Starttidspunktet er flyttet fra januar 2028 til august 2028": of a sentence stating several dates,
        the clause of the date that answers (with the sentence's lead when the clause has no subject)."""
        if f.text != f.passage[f.highlight[0]:f.highlight[1]]:
            return f
        analyzer = self.relevance.analyzer
        groups = self.relevance.word_groups(query.text, english=looks_english(query.text))
        found = date_clause(query.text, f.text, groups, lambda t: set(analyzer.tokens(t)), overlap)
        if found is None:
            return f
        start = f.highlight[0]
        narrowed = fact_at_passage(f, start + found[0], start + found[1])
        lead = date_lead(f.text, found[0])
        return replace(narrowed, text=f"{lead} … {narrowed.text}") if lead else narrowed

    def _rank(self, query: Query, wanted: set[str], candidates: Sequence[Candidate], texts: Sequence[str],
              named: set[str], extra: np.ndarray) -> _Ranked:
        """Every candidate's score for the query: shared words, type, passage rank, the encoder's similarity.
        Candidates that do not carry what the answer type needs (a goal for a goal, a date for a date)
        rank after those that do."""
        analyzer = self.relevance.analyzer
        groups = self.relevance.word_groups(query.text) or ([wanted] if wanted else [])
        weights = [W_SUBJECT if g <= set(named) else 1.0 for g in groups]
        words = np.zeros(len(candidates))
        if groups:
            for n, t in enumerate(texts):
                tokens = set(analyzer.tokens(t))
                words[n] = sum(w for g, w in zip(groups, weights) if overlap(tokens, g)) / sum(weights)
        fits = np.array([type_fit(query, t, c.goal) + _section_fit(query, c.hit) for t, c in zip(texts, candidates)])
        carries = np.array([carries_type(query, t, c.goal) for t, c in zip(texts, candidates)])
        pre = words * W_WORDS + fits * W_TYPE - np.array([c.rank for c in candidates]) * W_RANK
        asked = {m.group(1) for m in _VALUE.finditer(query.text)}
        if asked:  # "which version has a goal of 50 pct.?": the sentence stating the value named
            pre += np.array([bool(asked & {m.group(1) for m in _VALUE.finditer(t)}) for t in texts]) * W_NAMED_FIGURE
        years = {str(y) for y in query.years} if query.answer_type != "date" else set()
        # ("When was the budget agreement for 2029 made": the year names the budget, the date asked is unknown)
        if years:  # "... i 2019?": the sentence about that year, not another year's count
            pre += np.array([bool(years & set(_YEAR_ONLY.findall(t))) for t in texts]) * W_NAMED_YEAR
        if _by_clause(query):
            pre += np.array([time_fit(query, t) for t in texts]) * W_TIME
        if query.says_total and query.answer_type in ("count", "percent"):
            # "hvor mange ... i alt": the whole, not a stage of it ("I 1. etape får 24 skoler ...")
            pre -= np.array([bool(PART.search(t)) for t in texts]) * W_TIME
        noun = counted_noun(query.text)
        if noun:  # "how many young people": a sentence counting them, not one counting months
            counted = self.relevance.word_groups(noun, english=looks_english(query.text))
            counts = np.array([counts_noun(t, counted, lambda x: set(analyzer.tokens(x)), overlap) for t in texts])
            if counts.any() and not counts.all():
                pre += counts * W_COUNTED
        if query.scenarios:  # "... hvis man vælger Løsning 2": a sentence about Løsning 2, not Løsning 3 or 4
            asked = set(query.scenarios)
            asked |= built_on(texts, asked)  # ("Niveau 3: som Niveau 2 og desuden ...": Niveau 2's sentences too)
            fit = np.array([scenario_fit(c, asked) for c in candidates])
            pre += np.where(fit > 0, fit * W_SCENARIO, fit * W_OTHER_SCENARIO)
        places = _NAMED.findall(query.text)
        if query.answer_type == "date":  # "hvornår starter ...": the start's date, not a meeting's
            pre += np.array([event_fit(query.text, t) for t in texts]) * W_EVENT
        if places and query.answer_type == "date":
            # "Hvornår åbner den ved Sydhavn Station?": a date stated of the place, not a date beside its name
            pre += np.array([dated_place(t, places) for t in texts]) * W_PLACE_DATE
        if places and query.answer_type in ("count", "percent") and not query.says_total:
            # "How many spaces at Ryparken?": "1.800 pladser ved Ryparken, Bispebjerg, Sydhavn og Åmarken" counts them all
            pre -= np.array([lists_among_others(t, places) for t in texts]) * W_PART
        if carries.any():
            pre = np.where(carries, pre, pre - W_GATE)
        keep = np.argsort(-pre, kind="stable")[:MAX_CANDIDATES]
        dense = np.zeros(len(candidates))
        try:
            sims = self.similarity(query.search_text, [texts[i] for i in keep])
            lo, hi = float(sims.min()), float(sims.max())
            dense[keep] = (sims - lo) / (hi - lo) if hi > lo else 1.0
        except Exception:  # noqa: BLE001 - without the encoder the lexical features still rank
            pass
        if query.answer_type not in ("amount", "sum", "comparison"):  # (money is read from the tables)
            pre -= np.array([is_title(c, t) for c, t in zip(candidates, texts)]) * W_TITLE
        scores = pre + dense * W_DENSE - np.array([c.also for c in candidates]) * W_ALSO + extra
        kept = set(keep.tolist())
        order = [int(i) for i in np.argsort(-scores, kind="stable") if i in kept]
        return _Ranked(order, scores, words, fits, dense, carries if carries.any() else np.ones(len(candidates), bool))


@dataclass(frozen=True)
class _Ranked:
    order: list[int]  # candidate indices, best first (those the encoder saw)
    scores: np.ndarray
    words: np.ndarray
    fits: np.ndarray
    dense: np.ndarray
    carries: np.ndarray  # carries what the answer type needs (all True when none does)


def _asks(query: Query) -> list[Query]:
    """The sub-questions answered one sentence each: the question's separate asks, or a goal and a result
    when one question asks for both ("nåede indsatsen sit mål?")."""
    if query.asks:
        out = []
        for a in query.asks:
            sub = analyse(a, query.language)
            if sub.answer_type == "fact":  # "..., and how did the others do?": what the whole question wants
                sub = replace(sub, answer_type=query.answer_type, wants_number=sub.wants_number or query.wants_number)
            out.append(sub)
        return out
    if query.wants_goal and query.wants_result:
        return [replace(query, wants_result=False, answer_type="goal"),
                replace(query, wants_goal=False, answer_type="result")]
    if query.wants_goal and _AGAINST_TODAY.search(query.text):
        # "the aim ..., compared with today": the goal, and the level today ("I dag er andelen ca. 45 pct.")
        return [replace(query, wants_result=False, answer_type="goal"),
                replace(query, wants_goal=False, wants_result=True, answer_type="result")]
    return []


_NAMED = re.compile(r"(?<=\w[ ,])[A-ZÆØÅ][a-zæøå]{2,}(?:[ -][A-ZÆØÅ][a-zæøå]+)*")  # a name inside the question


def scenario_fit(c: Candidate, asked: set[int]) -> float:
    """1 for a sentence about an alternative asked ("Med Løsning 1 og 2 forventes ..."), -1 for one about
    other alternatives only ("... med Løsning 3 eller 4"), 0 for one naming none."""
    about = scenarios_at(c.hit.text, c.start, c.text)
    return 0.0 if not about else 1.0 if about & asked else -1.0


def dated_place(sentence: str, places: Sequence[str]) -> float:
    """1 when a date of the sentence stands in a clause naming one of the places, -1 when the sentence names
    one but dates only other things ("Sydhavn Station: 500 pladser. Anlægget begynder 1. marts 2027"), else 0."""
    def names(text: str) -> bool:
        return any(re.search(rf"\b{re.escape(p)}", text, re.IGNORECASE) for p in places)
    if not names(sentence):
        return 0.0
    found = date_clauses(sentence)
    if not found:
        return 0.0
    return 1.0 if any(names(sentence[a:b]) for a, b, _, _ in found) else -1.0


def lists_among_others(sentence: str, names: Sequence[str]) -> bool:
    """Whether the sentence lists one of the names among at least two others ("ved Ryparken, Bispebjerg, Sydhavn og
    Åmarken"): its figure is then of them all, not of the one asked about."""
    items = [i.lower() for i in listed_items(sentence)]
    return len(items) >= 3 and any(i.startswith(n.lower()) for i in items for n in names)


def one_figure(query: Query, best: str) -> bool:
    """Whether the best quote answers on its own: a question asking for one count or one share ("hvor mange",
    "what share") whose best sentence states a figure of that kind. A further sentence would only offer
    another figure (another year's count, the share of another group) that reads as the answer."""
    if query.asks or query.wants_goal and query.wants_result:
        return False
    share = query.answer_type == "percent" or bool(_SHARE_ASKED.search(query.text))
    count = query.answer_type == "count" or bool(_COUNT_ASKED.search(query.text))
    if share:
        return bool(_PERCENT.search(best))
    return count and count_fit(best, query.text) >= 1.0


_AGAINST_TODAY = re.compile(r"\b(?:compared (?:with|to)|against|versus|sammenlignet med|i forhold til|mod)\s+"
                            r"(?:today|now|the current level|i dag|nu|niveauet i dag)\b", re.IGNORECASE)


def _by_clause(query: Query) -> bool:
    """Whether one clause of a sentence may be the answer: a count, a percentage, a goal or a result
    (an amount is read from the tables; a date or a name is one sentence)."""
    return query.answer_type in ("count", "percent", "result", "goal") \
        or query.answer_type == "fact" and query.wants_number


def _within(inner: Fact, outer: Fact) -> bool:
    """Whether a quote lies inside another of the same passage (a clause inside its sentence)."""
    return inner.passage == outer.passage and outer.highlight[0] <= inner.highlight[0] \
        and inner.highlight[1] <= outer.highlight[1]


def another_version(f: Fact, quoted: Sequence[Fact]) -> bool:
    """Whether `f` comes from another version of a note already quoted (same note id and budget year, another
    document): beside it, a draft's figure would read as a second fact rather than the one it was replaced by."""
    return f.note_id is not None and any(q.note_id == f.note_id and q.budget_year == f.budget_year
                                         and q.doc_id != f.doc_id for q in quoted)


def _shared(tokens: set[str], other: set[str]) -> float:
    """Share of a sentence's words that another sentence uses too."""
    return len(tokens & other) / len(tokens) if tokens else 0.0


def _adds_figure(text: str, quoted: Sequence[Fact], needed: bool = False) -> bool:
    """A further sentence whose figures are all quoted already adds nothing (a goal table restating a goal);
    when a figure is asked for ("how much", "hvor mange"), neither does one without a figure."""
    figures = set(_FIGURE.findall(_YEAR_ONLY.sub(" ", text)))
    have = {f for q in quoted for f in _FIGURE.findall(_YEAR_ONLY.sub(" ", q.text))}
    return bool(figures - have) if figures or needed else True


def _merged(c: Candidate, query: Query) -> Candidate:
    """ "... er steget. Der er tale om en stigning på 400.000 kr. pr. år": for an amount, the sentence
    right after the matching one is quoted with it when it holds the kroner. "Kun hver tredje lærer har
    prøven. Forvaltningen anbefaler derfor ...": for a why, a consequence is quoted with the reason before it."""
    if asks_why(query):
        return _with_reason(c)
    if query.answer_type not in ("amount", "sum", "comparison") or KRONER.search(c.text):
        return c
    spans = sentence_spans(c.hit.text, MIN_WORDS)
    nxt = next(((a, b) for a, b in spans if a >= c.end), None)
    if nxt is None:
        return c
    text = c.hit.text[nxt[0]:nxt[1]]
    if KRONER.search(text) and len(text.split()) <= 25 and not text.rstrip().endswith("?"):
        return Candidate(c.hit, c.start, nxt[1], c.rank, c.also, c.goal)
    return c


def _with_reason(c: Candidate) -> Candidate:
    """A sentence drawing a consequence ("derfor", "therefore") without its own cause, with the sentence before
    it in the passage, which gives the reason."""
    if not _CONSEQUENCE.search(c.text) or _CAUSE.search(_CONSEQUENCE.sub(" ", c.text)):
        return c
    before = [(a, b) for a, b in sentence_spans(c.hit.text, MIN_WORDS) if b <= c.start]
    if not before:
        return c
    a, b = before[-1]
    text = c.hit.text[a:b]
    if len(text.split()) > REASON_WORDS or text.rstrip().endswith("?") or not c.hit.text[b:c.start].strip(" \n") == "":
        return c
    return Candidate(c.hit, a, c.end, c.rank, c.also, c.goal)


# a heading naming goals, as a line of its own or run into the end of the item before it ("• Amagerbro Skole
# Målsætning"), as PDF text often has it
# ("Målsætning for 2026-2029", "Mål frem mod 2030", "Targets for 2027": a heading may name the goals' period)
_GOAL_HEADING = re.compile(r"(?:^|\s)(?:Mål|Målene|Målsætning(?:er)?|Succeskriterier|Targets?|Goals?|Objectives?)"
                           r"(?:\s+(?:for|i|frem mod|frem til|til|in|by|until|to)\s+(?:(?:år(?:et)?|perioden|the period|"
                           r"skoleåret)\s+)?(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?)?\s*:?\s*$")
_ITEM_LINE = re.compile(r"^\s*(?:[•▪*–-]|\d{1,2}[.)])\s")


HEADING_WORDS = 8  # a longer line is a statement, not a heading over items
MAX_ITEMS = 8
_LIST_ITEM = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[-•▪*–])[ \t]+\S[^\n]*")


def headed_lists(text: str) -> list[tuple[int, int]]:
    """Offsets of each short heading line ("Ændringer i forhold til udkastet", without final punctuation) with
    the list items under it: what they list is what the heading says ("what did the update change?")."""
    out = []
    for m in re.finditer(r"(?m)^[ \t#*]*([^\n]+?)[ \t*]*\n", text):
        head = m.group(1)
        if not 2 <= len(head.split()) <= HEADING_WORDS or re.search(r"[.!?;,:]$", head) or _LIST_ITEM.match(head) \
                or re.search(r"\d", head):
            continue
        end, pos, items = m.end(), m.end(), 0
        while items < MAX_ITEMS and (item := _LIST_ITEM.match(text, pos)):
            end, items = item.end(), items + 1
            pos = end + 1 if text[end:end + 1] == "\n" else end
        if items >= 2:
            out.append((m.start(1), end))
    return out


def is_title(c: Candidate, text: str) -> bool:
    """Whether the candidate is a note's head line ("UDKAST – 14. maj 2027 ... BUF72 Svømmeløft i 3. klasse"): it
    names the note, it states nothing."""
    title = (c.hit.title or "").strip()
    return len(title) >= 8 and title.lower() in text.lower() and not re.search(r"[.!?]\s*$", text)


def goals_section(hit: Hit) -> bool:
    """Whether the passage stands under a heading naming goals ("Målsætning", "Mål for 2027-2030"): its
    sentences state goals without saying "mål" themselves."""
    return bool(hit.kind != "table" and hit.section and _GOAL_HEADING.match(hit.section.strip()))


def under_goal_heading(text: str, start: int) -> bool:
    """Whether the item at `start` belongs to a list under a goals heading ("Målsætninger:\n• Højst 12 nye
    anbringelser om året ..."), or is the paragraph right under one: it states goals without saying "mål"."""
    lines = text[:start].split("\n")
    if not lines[-1].strip() and len(lines) >= 2 and _GOAL_HEADING.match(lines[-2].strip()):
        return True  # the paragraph right under a heading "Målsætning"
    if not _ITEM_LINE.match(lines[-1] + " "):
        return False  # not an item of a list
    for line in reversed(lines[:-1]):
        if _GOAL_HEADING.search(line.rstrip()):
            return True
        if not _ITEM_LINE.match(line):
            return False
    return False


def after_heading(text: str, start: int, end: int, heading: str | None) -> int:
    """ "Forventet effekt og opfølgning Målet er, at ...": a passage's first sentence may begin with its
    section's heading (accents aside, "Resumé" for "Resume"); the quote starts after it."""
    if not heading:
        return start
    n = len(heading)
    head, rest = text[start:start + n], text[start + n:end]
    if _fold(head) != _fold(heading) or not rest[:1].isspace() or len(rest.split()) < MIN_WORDS:
        return start
    return start + n + len(rest) - len(rest.lstrip())


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


# a sentence that says the one before it another way, or counts part of what it counts
_RESTATING = re.compile(r"\s*(?:(?:det|dette|that|this)\s+(?:svarer til|svarede til|corresponds to|is equivalent to|equals)"
                        r"|heraf|hvoraf|af dem|af disse|of these|of them|of whom)\s", re.IGNORECASE)


def restated(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "... og 254 af dem startede på en uddannelse. Det svarer til 62 pct.", "I perioden deltog 310 borgere.
    Heraf er 180 startet ...": a sentence that says the one before it another way, or counts part of what it
    counts, is one quote with it (alone it does not say what it counts)."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and _RESTATING.match(text, out[-1][1]) and not text[out[-1][1]:a].strip():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def sentence_of(f: Fact) -> str:
    """The whole sentence of the passage a quote (a clause of it) lies in: "familieaflastning for 20 familier" is
    read with the "... i 2026-2029" that ends its sentence."""
    a, b = f.highlight
    return next((f.passage[s:e] for s, e in sentence_spans(f.passage) if s <= a and b <= e), f.text)


def clause_years(f: Fact) -> set[int]:
    """The years a quote is of: its own; for a clause without one, its sentence's, save those a later clause
    states of a figure of the same kind ("Antallet af pladser øges fra 120 til 150 om året; i opstartsåret 2027 er der 135 pladser":
    2027 is the start year's count, not the 150's). A lead's year ("I 2025 deltog 140, heraf 38 pct. ...") stays."""
    own = years_in(f.text)
    if own:
        return own
    a, b = f.highlight
    span = next(((s, e) for s, e in sentence_spans(f.passage) if s <= a and b <= e), None)
    if span is None or (a, b) == span:
        return years_in(sentence_of(f))
    sentence = f.passage[span[0]:span[1]]
    kinds = set(figures(f.passage[a:b]))  # (a later clause's amount for a span of years is the whole sentence's time)
    later = [(c.start, c.end) for c in clauses(sentence) if span[0] + c.start >= b and years_in(sentence[c.start:c.end])
             and kinds & set(c.figures)]
    for start, end in reversed(later):
        sentence = sentence[:start] + " " + sentence[end:]
    return years_in(sentence)


def fact_at_passage(f: Fact, start: int, end: int) -> Fact:
    """The same fact narrowed to the offsets `start`-`end` of its passage."""
    return replace(f, text=f.passage[start:end], highlight=(start, end))


def fact_at(h: Hit, start: int, end: int) -> Fact:
    return Fact(
        text=h.text[start:end], passage=h.text, highlight=(start, end), source=h.source, doc_id=h.doc_id,
        note_id=h.note_id, budget_year=h.budget_year, title=h.title, section=h.section, page=h.page,
    )


def cell_spans(text: str) -> list[tuple[int, int]]:
    """The cells of a table passage ("a | b | c" rows) with at least three words, as offsets."""
    return trimmed_spans(text, ((m.start(), m.end()) for m in re.finditer(r"[^|\n]+", text)), MIN_WORDS)
