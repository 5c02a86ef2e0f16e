"""Clauses of a sentence and the figures bound to them: which part of a sentence answers the question.

"I 2025 deltog 140 borgere, heraf 38 pct. kvinder, og 61 kom i job" states three figures; a question about
the women asks for the one in "heraf 38 pct. kvinder", and the other two must not read as its answer. A
sentence is cut at commas, semicolons, colons, dashes, bullets, parentheses and the words that open a clause
("og", "heraf", "mens", "and", "while"); a piece without a figure of its own belongs to the clause before it
(a lead without one, such as "Målsætning:" or "Tællingen viser, at", to the clause after it). Each clause is
scored on the question's words that it alone holds and on whether its figure is of the kind asked for (a
count, a percentage, an amount in kroner, a goal or a result). Pure functions over text; the caller passes
the stemmer (`tokens`) and the question's word groups, so the rules are tested without an index.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from budgetarkiv.core.scenarios import scenarios_mentioned
from budgetarkiv.core.text import years_in
from budgetarkiv.search.query import Query

# where a clause may begin: punctuation, a bullet, a parenthesis, or a word opening a clause (not "20 og 30",
# not "social- og sundhedsområdet")
_CUT = re.compile(
    r"[,;]\s+|:\s+|\s+[–—]\s+|\s*\(|(?<=\))\s+"
    # a label with its colon, run into the text before it ("... til ladcykler Bispebjerg Station: 400 pladser")
    r"|(?P<label>(?<=[^\W\d_])\s+(?=(?-i:[A-ZÆØÅ])[^\W\d_]*(?:\s+[^\W\d_]+){0,2}:\s))"
    # (after a year too: "45 i 2028 og 15 i 2029")
    r"|(?:(?<![-\d])|(?<=\b(?:19|20)\d\d))\s+(?=(?:og|samt|mens|men|heraf|hvoraf|herunder|hvorimod|and|while|whereas|"
    r"but|of which)\s)"
    # "målere i 60 klasselokaler på 15 skoler": each count with the noun it counts (not "45 i 2028": a year; not
    # "eleverne i 3. klasse": an ordinal)
    r"|\s+(?=(?:i|på|ved|med|in|at|on|across)\s+(?:ca\.\s*|omkring\s+|about\s+)?(?!(?:19|20)\d\d\b|\d{1,2}\.\s)\d)",
    re.IGNORECASE,
)
_ITEM = re.compile(r"\s*[•▪]\s*|\s+-\s+(?=[A-ZÆØÅ0-9])")  # a bullet starting an item (flattened into one line)
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
# a number that names something rather than stating a value: "scenarie 2", "Tabel 3", "punkt 4", "§ 17"
_LABEL = re.compile(r"(?:scenari\w*|tabel|table|bilag|appendix|punkt|item|nr|no|kapitel|chapter|afsnit|section|"
                    r"spørgsmål|question|ad|fase|phase|spor|trin|step|niveau|level|§)\.?\s*$", re.IGNORECASE)
_BOUND = re.compile(r"(?:[-–]\d+)*-[^\W\d_]")  # "7-15-årige", "24-timers": part of a word, not a value
_ORDINAL = re.compile(r"\.\s+[a-zæøå]")  # "4. klasse", "1. januar": an ordinal, not a value
_PERCENT = re.compile(r"^\s*(?:pct\b|procent|%|percent)", re.IGNORECASE)
# "4,6 mio. kr." is an amount, "4,6 mio. besøg" a count
_KRONER = re.compile(r"^\s*(?:(?:mio|mia|mill|million\w*|billion\w*)\.?\s*)?(?:kr\b|kroner|DKK)", re.IGNORECASE)
_GOAL = re.compile(r"\b(mål|målet|målene|målsætning\w*|målsat\w*|succeskriter\w*|ambition\w*|target\w*|goal\w*|"
                   r"skal|forvent\w*|sigte\w*|should|expected|aims?)\b", re.IGNORECASE)
_RESULT = re.compile(r"\b(viser|viste|opnå\w*|resultat\w*|har (?:fået|været|deltaget)|fik|blev|boede|indfriet|nået|"
                     r"faldt|steg|steget|faldet|deltog|kom|startede|gennemførte|registrerede|registreret|optalt|talte|målte|"
                     r"achieved|reached|recorded|registered|counted|was|were)\b",
                     re.IGNORECASE)
# "180 startede, svarende til 58 pct.": the same figure said another way
_RESTATES = re.compile(r"(?:svarende til|hvilket svarer til|svarer til|dvs\.|det vil sige|eller ca\.|i\.e\.|"
                       r"equivalent to|corresponding to|equal to)", re.IGNORECASE)
_SHARE = re.compile(r"\b(?:andel\w*|procent\w*|pct|hvor stor en del|share|percent\w*|proportion)\b", re.IGNORECASE)
_HOW_MANY = re.compile(r"\b(?:hvor mange|how many|antal\w*|number of)\b", re.IGNORECASE)
_COUNTED = re.compile(r"\b(?:hvor mange|how many)\s+((?:nye\s+|new\s+)?[^\W\d_][\w-]*(?:\s+(?!(?:is|are|was|were|do|does|"
                      r"did|will|would|have|has|had|a|an|the|er|var|har|skal|kan|vil|blev|fik|i|på)\b)[^\W\d_][\w-]*)?)",
                      re.IGNORECASE)
_AND = re.compile(r"(?:og|and|samt)\s+", re.IGNORECASE)  # opens a clause, says nothing of it
_LABELLED = re.compile(r"\b(?:scenari\w*|model|tabel|table|bilag)\s*\d", re.IGNORECASE)  # "Scenarie 1 giver"
# a clause that counts part of what the one before it counts: quoted with the sentence's lead
_PART_OF = re.compile(r"^(?:heraf|hvoraf|herunder|heriblandt|of which|of whom|including)\b", re.IGNORECASE)
W_WORDS, W_TYPE = 1.0, 0.6  # per question word a clause alone holds; per unit of type_score
MARGIN = 0.2  # the best clause must beat the next by this much to be the answer on its own
W_COUNTED = 1.5  # a clause counting the noun a count question counts
W_YEAR = 2.0  # a clause naming the year asked (minus: one naming only other years)
NOUN_WORDS = 3  # a count's noun stands in the words right after it ("15 nye skoler")
TIME_WEIGHT = 2.5  # the time asked outweighs a question word: "fra 2028 ... om året" once fully phased in
LEAD_WORDS = 20  # a longer lead is a statement of its own, not the subject of a clause
# "61 kom i job", "på 15 skoler": a clause opening with its figure
_BARE = re.compile(r"(?:(?:i|på|ved|med|in|at|on|across)\s+)?(?:ca\.\s*|omkring\s+|about\s+)?\d", re.IGNORECASE)


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    figures: tuple[str, ...]  # the kind of each value it states: "percent", "amount" or "count"


def figures(text: str) -> tuple[str, ...]:
    """The values a piece of text states, by kind; years, labels ("scenarie 2") and ordinals left out."""
    return tuple(kind for _, kind in _values(text))


def _values(text: str) -> list[tuple[int, str]]:
    """Where each value the text states begins, with its kind ("percent", "amount" or "count")."""
    out = []
    for m in _NUMBER.finditer(text):
        after = text[m.end():]
        if _YEAR.fullmatch(m.group(0)) or _LABEL.search(text[:m.start()]) or _ORDINAL.match(after) \
                or _BOUND.match(after):
            continue
        out.append((m.start(), "percent" if _PERCENT.match(after) else "amount" if _KRONER.match(after) else "count"))
    return out


def clauses(sentence: str) -> list[Clause]:
    """The sentence's clauses, each with a figure of its own (one clause when it has no more than one).

    A bullet item is a clause apart: an item without a figure is no part of the one before it (only the
    lead before the first item, "Målsætning •", leads the clause after it)."""
    out: list[Clause] = []
    lead: int | None = None
    items = [0, *(m.end() for m in _ITEM.finditer(sentence)), len(sentence)]
    for a, b in zip(items, items[1:]):
        if not sentence[a:b].strip(" •▪-"):
            continue
        found = _item_clauses(sentence, a, b)
        if not any(c.figures for c in found):
            lead = a if lead is None and not out else lead
            continue
        if lead is not None:
            found[0] = Clause(lead, found[0].end, found[0].figures)
            lead = None
        out.extend(found)
    return out or _item_clauses(sentence, 0, len(sentence))


def _item_clauses(sentence: str, start: int, end: int) -> list[Clause]:
    """The clauses of one item (a sentence without bullets) of `sentence[start:end]`."""
    cuts = [start]
    for m in _CUT.finditer(sentence, start, end):
        if m.group("label") is not None and ":" not in sentence[cuts[-1]:m.start()] and cuts[-1] > start \
                and sentence[cuts[-1]:cuts[-1] + 1].isspace():
            continue  # ("Bispebjerg Station:": one label, cut before its first word only)
        cuts.append(m.start())
    cuts.append(end)
    spans: list[list[int]] = []
    label: int | None = None
    for a, b in zip(cuts, cuts[1:]):
        if a == b:
            continue
        if label is not None:  # "Bispebjerg Station: 400 pladser": a label leads the value after its colon
            spans.append([label, b])
            label = None
        elif (figures(sentence[a:b]) and not _RESTATES.match(sentence[a:b].lstrip(" ,;:–—(")) or not spans):
            spans.append([a, b])
        elif sentence.startswith(":", b) and b < end and figures(sentence[b:end]):
            label = a
        else:  # a piece without a figure (or restating the figure before it) belongs to the clause before it
            spans[-1][1] = b
    if label is not None:
        spans[-1][1] = end
    if len(spans) > 1 and not figures(sentence[spans[0][0]:spans[0][1]]):
        lead = spans.pop(0)  # "Tællingen viser, at der er 410 ...": a lead without a figure leads the next
        spans[0][0] = lead[0]
    out = []
    for a, b in spans:
        text = sentence[a:b]
        lead = len(text) - len(text.lstrip(" ,;:–—-•▪"))
        lead += len(m.group(0)) if (m := _AND.match(text, lead)) else 0
        trail = len(text.rstrip(" ,;:–—-•▪"))
        if trail > lead:
            out.append(Clause(a + lead, a + trail, figures(text)))
    return out


# when a figure holds: the lasting level ("fra 2028", "om året", "årligt"), the start ("i opstartsåret"), today
_STEADY = re.compile(r"\b(?:fra|from)\s+(?:og med\s+)?(?:19|20)\d\d\b|\bårlig\w*|\bom året\b|\bhvert år\b|"
                     r"\b(?:a|per|each|every) year\b|\bannual\w*|\bfuldt? (?:indfaset|udbygget)\b|\bfully\b", re.IGNORECASE)
_EARLY = re.compile(r"\bopstarts?år\w*|\bførste (?:hele )?år\b|\bfirst (?:full )?year\b|"
                    r"\b(?:starter|startede|begynder|begyndte|starts?|started|begins?|began)\s+(?:i|in)\s+(?:19|20)\d\d\b",
                    re.IGNORECASE)
_TODAY = re.compile(r"(?<!til )\bi dag\b|(?<!to )\btoday\b|\bcurrently\b|\bat present\b|\bnuværende\b|\bpt\.", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|vil|skal|kommer til at|once|going to)\b", re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:i alt|in total|in all|samlet|tilsammen|altogether)\b", re.IGNORECASE)


def time_fit(query: Query, text: str) -> float:
    """Whether a sentence or clause speaks of the time the question asks about: the lasting level when it
    asks for the figure once fully phased in ("fra 2028 ... om året", not "i opstartsåret 2027"), the start
    for the first year, today for "i dag" and not today for what will be ("once shared printing is in place":
    not "har i dag 1.450 printere"); a total ("i alt 24 pladser") when it asks for one. 0 says nothing."""
    fit = 0.0
    if query.fully_phased_in:
        fit += (1.0 if _STEADY.search(text) else 0.0) - (1.0 if _EARLY.search(text) else 0.0)
    elif query.first_year:
        fit += 1.0 if _EARLY.search(text) else 0.0
    if _TODAY.search(query.text):
        fit += 1.0 if _TODAY.search(text) else 0.0
    elif _FUTURE.search(query.text) and _TODAY.search(text):
        fit -= 1.0
    if query.says_total and _TOTAL.search(text):
        fit += 1.0
    return fit


def type_score(query: Query, text: str, said: tuple[bool, bool] | None = None) -> float:
    """How well a clause's own figures and words are what the question asks for (negative: the opposite,
    a goal where a result is asked). `said` is whether the clause states a goal and a result; by default
    read from its words (a clause of a goal sentence that says neither is a goal too: see `answering`)."""
    kinds = set(figures(text))
    kind = query.answer_type
    score = 0.0
    if kind == "percent":
        score += 1.0 if "percent" in kinds else 0.0
    elif kind == "count":
        score += 1.0 if "count" in kinds else 0.3 if "percent" in kinds else 0.0
    elif kind in ("amount", "sum", "comparison"):
        score += 1.0 if "amount" in kinds else 0.0
    goal, result = said if said is not None else (bool(_GOAL.search(text)), bool(_RESULT.search(text)))
    if query.wants_goal and query.wants_result:
        score += 0.5 if goal or result else 0.0  # "hvad var målet, og hvad blev resultatet": both answer
    elif query.wants_goal:
        score += 1.0 if goal else -1.0 if result else 0.0
    elif query.wants_result or kind in ("result", "count", "percent"):
        score += -1.0 if goal and not result else 0.5 if result and not goal else 0.0
    stated = years_in(text)
    if query.years and stated:  # "fra 2028": the clause about the year asked, not the start year's
        score += 0.5 if stated & set(query.years) else -0.5
    score += time_fit(query, text) * TIME_WEIGHT
    named = scenarios_mentioned(text)
    if query.scenarios and named:  # "15 pct. (scenarie 2)": the scenario asked about, or another one
        score += 1.5 if named & set(query.scenarios) else -1.5
    return score


def _said(sentence: str, found: Sequence[Clause]) -> list[tuple[bool, bool]]:
    """Whether each clause states a goal and a result; one that says neither continues the clause before it
    ("Målet er 60 pct. i 2026, 70 pct. i 2027")."""
    out: list[tuple[bool, bool]] = []
    for c in found:
        text = sentence[c.start:c.end]
        own = (bool(_GOAL.search(text)), bool(_RESULT.search(text)))
        out.append(own if any(own) or not out else out[-1])
    return out


def answering(query: Query, sentence: str, groups: Sequence[set[str]], weights: Sequence[float],
              tokens: Callable[[str], set[str]], overlap: Callable[[set[str], set[str]], int],
              counted: Sequence[set[str]] = ()) -> Clause | None:
    """The one clause of the sentence that answers the question, or None when the sentence has one figure
    clause or no clause stands out (the whole sentence is then the answer).

    `groups` are the question's word groups (stems, compound parts, translations) and `weights` their
    weight (a word of the note's title counts little: every sentence of the note is about it); a word
    every clause holds says nothing about which one answers. `counted` are the groups of the noun a count
    question counts ("hvor mange skoler"): a clause counting it ("15 skoler") is the answer."""
    found = clauses(sentence)
    if len(found) < 2:
        return None
    labelled = sum(bool(_LABEL_VALUE.match(sentence, c.start)) for c in found) >= 2
    # the subject of every clause; none when the clauses are labelled values ("Ryparken Station: 600 pladser")
    lead = set() if labelled else tokens(sentence[:_lead_end(sentence)])
    whole = _wholes(sentence, found)
    # a part ("heraf 147 på Amager Øst") counts what its whole counts: the whole's words are its own too
    own = [tokens(sentence[c.start:c.end]) | lead for c in found]
    seen = [own[i] | (own[whole[i]] if whole[i] is not None else set()) for i in range(len(found))]
    held = [{i for i, g in enumerate(groups) if overlap(words, g)} for words in seen]
    shared = set.intersection(*held)
    said = _said(sentence, found)
    scores = [sum(weights[i] for i in ids - shared) * W_WORDS
              + type_score(query, sentence[c.start:c.end], s) * W_TYPE for c, ids, s in zip(found, held, said)]
    if counted:
        counts = [counts_noun(sentence[c.start:c.end], counted, tokens, overlap) for c in found]
        counts = [n or (w is not None and counts[w]) for n, w in zip(counts, whole)]
        # "Det kræver 17 logopæder ud over de 8, altså 25 i alt": a total without a noun counts what the clause
        # before it counts
        counts = [n or bool(i and counts[i - 1] and _TOTAL.search(sentence[c.start:c.end]))
                  for i, (n, c) in enumerate(zip(counts, found))]
        if any(counts) and not all(counts):
            scores = [x + W_COUNTED * n for x, n in zip(scores, counts)]
    asked = set(query.years)
    # "hvor mange i 2027?" of "I 2027 steg tallet til 174, og i 2028 fik 203 unge et forløb": when the clauses
    # name other years too, the year asked decides (a part, "heraf ...", is of its whole's year)
    dated = [years_in(sentence[c.start:c.end]) for c in found]
    dated = [ys or (dated[w] if w is not None else set()) for ys, w in zip(dated, whole)]
    if asked and any(ys - asked for ys in dated):
        scores = [x + (W_YEAR if asked & ys else -W_YEAR if ys else 0.0) for x, ys in zip(scores, dated)]
    order = sorted(range(len(found)), key=lambda i: -scores[i])
    best = found[order[0]]
    close = [i for i in order if scores[order[0]] - scores[i] < MARGIN]
    family = {i if whole[i] is None else whole[i] for i in close}
    if len(close) > 1 and len(family) == 1 and (top := family.pop()) in close:
        # "Ryparken Station: 600 pladser, heraf 40 til ladcykler": a whole and its part, asked for neither's own
        # words, is the whole with its parts
        last = max(i for i in range(len(found)) if i == top or whole[i] == top)
        best = Clause(found[top].start, found[last].end, tuple(k for c in found[top:last + 1] for k in c.figures))
        return best if _carries_kind(query, best) else None
    if scores[order[0]] - scores[order[1]] < MARGIN or not _carries_kind(query, best):
        return None
    return best


# "altså 25 i alt", "in total 25": a clause summing up the counts before it, read with the sentence's lead
_SUMMED = re.compile(r"(?:altså|dvs\.?|det vil sige|i alt|samlet|tilsammen|that is|in total|in all|so|i\.e\.)\s+"
                     r"(?:ca\.\s*|about\s+)?\d", re.IGNORECASE)
_LABEL_VALUE = re.compile(r"[^\W\d_][^:\d]{0,40}:\s*(?:ca\.\s*)?\d")  # "Bispebjerg Station: 400 pladser"


def _wholes(sentence: str, found: Sequence[Clause]) -> list[int | None]:
    """For each clause that counts part of another ("heraf 265 i Nordvest", and the "147 på Amager Øst" after
    it; the counts after a count's colon, "60 øer: 45 i 2028 og 15 i 2029"), the index of the clause it is part
    of; None for the others."""
    out: list[int | None] = []
    for i, c in enumerate(found):
        text = sentence[c.start:c.end]
        if i and _PART_OF.match(text):
            out.append(out[i - 1] if out[i - 1] is not None else i - 1)
        elif i and out[i - 1] is None and ":" in sentence[found[i - 1].end:c.start] and _BARE.match(text) \
                and "count" in found[i - 1].figures:
            out.append(i - 1)  # "Der plantes 60 træer: 45 i 2030 og 15 i 2031": the parts of the count before the colon
        elif i and out[i - 1] is not None and _BARE.match(text):
            out.append(out[i - 1])  # "..., heraf 265 i Nordvest og 147 på Amager Øst"
        else:
            out.append(None)
    return out


_MONTHS_DA = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
_MONTHS_EN = "january|february|march|april|may|june|july|august|september|october|november|december"
# "3. sep. 2029", "Sept 2029", "14 Jun 2029": a month shortened (with a day or a year beside it, never alone)
_MONTHS_SHORT = r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|okt|oct|nov|dec)\.?"
_MONTH = rf"(?:{_MONTHS_DA}|{_MONTHS_EN}|{_MONTHS_SHORT})"
# a part of a year: "i efteråret 2028", "medio 2027", "3. kvartal 2026", "2. halvår 2030", "Q1 2030", "in the
# autumn of 2028", "mid-2027", "ved udgangen af 2029", "by the end of 2029", "primo marts 2030"
_SEASONS = (r"foråret|sommeren|efteråret|vinteren|primo|medio|ultimo|første halvår|andet halvår|\d\.\s*(?:kvartal|kvt\.|halvår)|"
            r"(?:udgangen|slutningen|begyndelsen|starten|midten|løbet) af|"
            r"spring|summer|autumn|fall|winter|early|mid-?|late|first half|second half|(?:first|second|third|fourth) quarter|"
            r"(?:the )?(?:end|beginning|start|middle) of(?: the year)?|Q[1-4]|H[12]")
_YEAR_AFTER = r"(?:\s+(?:19|20)\d\d)?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NO = r"(?:0?[1-9]|1[0-2])"
# a date: "30. juni 2028", "juni 2028", "30 June 2028", "June 30, 2028", "1st March 2030", "30/6 2028", "3/9-2029",
# "3.9.2029", "2029-09-03", "i efteråret 2028", "uge 12", "week 12 of 2030", "skoleåret 2029/30"
DATE = re.compile(rf"\b\d{{1,2}}\.\s*(?:{_MONTHS_DA}){_YEAR_AFTER}\b|\b\d{{1,2}}\.?\s*{_MONTHS_SHORT}\s+(?:19|20)\d\d\b|"
                  rf"\b(?:{_MONTHS_DA})\s+(?:19|20)\d\d\b|"
                  rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{_MONTHS_EN}){_YEAR_AFTER}\b|"
                  rf"\b(?:{_MONTHS_EN}|{_MONTHS_SHORT})\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d\d\b|"
                  rf"(?<![\d.,/-]){_DAY}/{_MONTH_NO}(?:[ /-]|\s*-\s*)(?:19|20)\d\d\b|"
                  rf"(?<![\d.,/-]){_DAY}\.\s?{_MONTH_NO}\.\s?(?:19|20)\d\d\b|"
                  rf"(?<![\d.,/-])(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b|"
                  rf"\b(?:uge|week)\s+\d{{1,2}}\b(?:(?:\s*,\s*|\s+(?:i\s+|of\s+)?)(?:19|20)\d\d\b)?|"
                  rf"\b(?:skoleåret|school year|sæsonen|season)\s+(?:19|20)\d\d\s*/\s*(?:19|20)?\d\d\b|"
                  rf"\b(?:{_SEASONS})\s*(?:of\s+)?(?:{_MONTH}\s+)?(?:19|20)\d\d\b", re.IGNORECASE)
# where a date's clause may begin: punctuation, a new line, a label's colon, or "fordi", "mens", "while" ...
_DATE_CUT = re.compile(r"[,;:\n]\s*|(?<!\d)\.\s+(?=[A-ZÆØÅ])|\s+[–—]\s+|\s*\(|\s+(?=(?:mens|men|while|whereas|but)\s)", re.IGNORECASE)
# "flyttet fra januar 2028 til august 2028": the date it was moved from is no longer the date
_FROM = re.compile(r"\b(?:fra|from)\s+(?:den\s+|the\s+)?$", re.IGNORECASE)
_TO = re.compile(r"\b(?:til|to|until)\s+(?:den\s+|the\s+)?$", re.IGNORECASE)
_BECAUSE = re.compile(r"^\W*(?:fordi|da|idet|because|since|as)\b", re.IGNORECASE)
_NEXT = re.compile(r"\b(?:næste|kommende|følgende|next|upcoming|following)\b", re.IGNORECASE)
W_FROM = 1.0  # a date moved from, beside the date moved to
W_NEXT = 1.0  # "the next meeting": the clause saying "næste"
W_BECAUSE = 2.0  # a date in the reason given ("fordi ... i foråret 2028") is not when it happens


def date_clauses(sentence: str) -> list[tuple[int, int, int, int]]:
    """Each date the sentence states, with its clause: (clause start, clause end, date start, date end). A
    clause runs from the punctuation (or the date) before it to the punctuation after it: "Ryparken og
    Bispebjerg tages i brug senest 30. november 2027" and "Sydhavn og Åmarken senest 30. juni 2028"."""
    dates = list(DATE.finditer(sentence))
    # "2. behandling og vedtagelse: 2. oktober 2025": a label with its colon leads the date after it
    labelled = [bool(re.search(r":\s*$", sentence[dates[i - 1].end() if i else 0:m.start()])) for i, m in enumerate(dates)]
    out = []
    for i, m in enumerate(dates):
        floor = dates[i - 1].end() if i else 0
        cuts = list(_DATE_CUT.finditer(sentence, floor, m.start()))
        if labelled[i]:
            cuts = cuts[:-1]  # (the label's colon: the clause starts before the label)
        start = max([floor, *(c.end() for c in cuts)])
        ceiling = dates[i + 1].start() if i + 1 < len(dates) else len(sentence)
        cut = _DATE_CUT.search(sentence, m.end(), ceiling)
        end = cut.start() if cut else ceiling
        if i + 1 < len(dates) and (cut is None or labelled[i + 1]):
            end = m.end()  # "fra januar 2028 til august 2028", "…: 11. september 2025 2. behandling …: 2. oktober"
        start += len(sentence[start:m.start()]) - len(sentence[start:m.start()].lstrip())
        end = start + len(sentence[start:end].rstrip(" .;,"))
        out.append((start, end, m.start(), m.end()))
    return out


_ORDINALS = {"første": 1, "first": 1, "anden": 2, "andet": 2, "second": 2, "tredje": 3, "third": 3, "fjerde": 4,
             "fourth": 4}


def ordinals_in(question: str) -> set[int]:
    """The ordinals a question names in words ("the second reading" → 2), as a note numbers them ("2. behandling")."""
    return {_ORDINALS[w.lower()] for w in re.findall(r"[^\W\d_]+", question) if w.lower() in _ORDINALS}


def date_lead(sentence: str, start: int) -> str:
    """ "Starttidspunktet er flyttet" for the clause "til august 2028": the sentence's words before its first
    date (without "fra"), which a clause opening with "til" needs to be read; "" for a clause with its own."""
    if not re.match(r"(?:til|to|until)\b", sentence[start:], re.IGNORECASE):
        return ""
    first = DATE.search(sentence)
    lead = _FROM.sub("", sentence[:first.start()]).strip(" ,;:") if first else ""
    return lead if lead and len(lead.split()) <= LEAD_WORDS else ""


def date_clause(question: str, sentence: str, groups: Sequence[set[str]], tokens: Callable[[str], set[str]],
                overlap: Callable[[set[str], set[str]], int]) -> tuple[int, int] | None:
    """Of a sentence stating several dates, the clause of the one that answers a date question: the date it
    was moved to rather than from ("flyttet fra januar 2028 til august 2028"), the date of the place the
    question names ("Sydhavn og Åmarken senest 30. juni 2028"), the next one when it asks for the next; None
    when the sentence states one date, or no clause stands out."""
    found = date_clauses(sentence)
    if len(found) < 2:
        return None
    # the words before the first date lead every clause ("Valby og Vanløse får skraldespande 1. maj, Brønshøj ...")
    lead = sentence[found[0][0]:found[0][2]]
    held = [{i for i, g in enumerate(groups) if overlap(tokens(f"{lead} {sentence[a:b]}"), g)} for a, b, _, _ in found]
    shared = set.intersection(*held)
    scores = []
    for n, (a, b, d, _) in enumerate(found):
        score = float(len(held[n] - shared))
        before = sentence[a:d]
        if _FROM.search(before) and any(_TO.search(sentence[x:y]) for x, _, y, _ in found[n + 1:]):
            score -= W_FROM
        if _BECAUSE.match(sentence[a:b]):
            score -= W_BECAUSE  # "..., fordi svømmetiden i foråret 2028 er fordelt": the reason's date
        if _NEXT.search(question) and _NEXT.search(sentence[a:b]):
            score += W_NEXT
        if any(re.search(rf"(?<![\d.]){n}\.\s", sentence[a:d]) for n in ordinals_in(question)):
            score += 1.0  # "at its second reading": "2. behandling og vedtagelse: 2. oktober 2025"
        scores.append(score)
    order = sorted(range(len(found)), key=lambda i: -scores[i])
    if scores[order[0]] - scores[order[1]] < 0.5:
        return None
    a, b, _, _ = found[order[0]]
    return a, b


# "hvor mange skoler og plejecentre", "how many schools and care homes": each noun counted
_COUNTED_NOUNS = re.compile(r"\b(?:hvor mange|how many)\s+((?:[^\W\d_][\w-]*\s+){0,1}?[^\W\d_][\w-]*"
                            r"(?:\s*,\s*[^\W\d_][\w-]*)*\s+(?:og|and|samt|plus)\s+[^\W\d_][\w-]*)", re.IGNORECASE)
# a count with the word it counts: "42 skoler", "ca. 1.100 førstegangsforældre"
_COUNT_OF = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)(?![\d.,]\d)(?!\s*(?:pct|procent|%|mio|mia|kr))\s+"
                       r"(?:(?:nye|new|flere|more)\s+)?([^\W\d_][\w-]*)", re.IGNORECASE)
# a part of the whole a total asks for: a stage, a phase, the rest, "heraf"
PART = re.compile(r"\b(?:\d\.\s*(?:etape|fase|del|runde|trin|år)|(?:første|anden|andet|tredje|sidste)\s+(?:etape|fase|del|runde)|"
                  r"(?:stage|phase|round)\s+\d|(?:first|second|third|last)\s+(?:stage|phase|round)|resterende|remaining|"
                  r"heraf|hvoraf|of which|of whom)\b", re.IGNORECASE)


def counted_nouns(question: str) -> list[str]:
    """The nouns a count question counts together ("skoler" and "plejecentre" of "Hvor mange skoler og
    plejecentre ..."); [] when it counts one."""
    m = _COUNTED_NOUNS.search(question)
    if m is None:
        return []
    return [w for w in re.split(r"\s*,\s*|\s+(?:og|and|samt|plus)\s+", m.group(1), flags=re.IGNORECASE) if w]


def count_terms(sentence: str, nouns: Sequence[set[str]], tokens: Callable[[str], set[str]],
                overlap: Callable[[set[str], set[str]], int]) -> list[str]:
    """The counts of a sentence that count each of the nouns ("42 skoler og 11 plejecentre" → ["42", "11"]), in
    the nouns' order; [] unless each noun has exactly one count in it."""
    found: list[list[str]] = [[] for _ in nouns]
    for m in _COUNT_OF.finditer(sentence):
        if _YEAR.fullmatch(m.group(1)):
            continue
        for i, g in enumerate(nouns):
            if overlap(tokens(m.group(2)), g):
                found[i].append(m.group(1))
    return [f[0] for f in found] if len(nouns) >= 2 and all(len(f) == 1 for f in found) else []


def repeated_counts(sentence: str, noun: set[str], tokens: Callable[[str], set[str]],
                    overlap: Callable[[set[str], set[str]], int]) -> list[str]:
    """The counts of one noun in several places that a total adds up ("Tjørnely med 7 pladser og Lyngbakken med
    5 pladser" → ["7", "5"]); [] when the sentence counts it once, states a total itself ("i alt"), or its
    counts are one thing at other times or changing ("fra 120 til 150 pladser", "100 i 2027 og 120 i 2028")."""
    if _TOTAL.search(sentence) or len(years_in(sentence)) > 1 or re.search(r"\b(?:fra|from)\s+\d", sentence, re.IGNORECASE):
        return []
    found = [m.group(1) for m in _COUNT_OF.finditer(sentence)
             if not _YEAR.fullmatch(m.group(1)) and overlap(tokens(m.group(2)), noun)]
    return found if len(found) >= 2 else []


def counted_noun(question: str) -> str:
    """The noun a count question counts: "skoler" of "På hvor mange skoler ...", "course participants" of
    "How many course participants ..."; "" when it counts none."""
    m = _COUNTED.search(question)
    return m.group(1) if m else ""


def counts_noun(text: str, counted: Sequence[set[str]], tokens: Callable[[str], set[str]],
            overlap: Callable[[set[str], set[str]], int]) -> bool:
    """Whether a clause states a count of the noun counted: the words right after one of its counts."""
    for start, kind in _values(text):
        if kind != "count":
            continue
        after = " ".join(re.findall(r"[^\W\d_]+", text[start:])[:NOUN_WORDS])
        before = re.findall(r"[^\W\d_]+", text[:start])[-NOUN_WORDS - 2:]  # "antallet af pladser øges fra 120"
        named = " ".join(before) if any(re.match(r"antal|number", w, re.IGNORECASE) for w in before) else ""
        if any(overlap(tokens(f"{after} {named}"), g) for g in counted):
            return True
    return False


def without_type_words(question: str) -> str:
    """The question without the words that ask for a share or a count ("what share", "hvor mange"): they say
    what kind of figure answers, not which clause ("andelen af ..." is in a clause of its own)."""
    return re.sub(r"\s{2,}", " ", _HOW_MANY.sub(" ", _SHARE.sub(" ", question))).strip()


def _lead_end(sentence: str) -> int:
    """Where the sentence's lead ends: its first value, or its first bullet item ("Målsætning • ..."); 0 for
    a sentence of bullet items."""
    if re.match(r"\s*(?:[•▪]|-\s)", sentence):
        return 0
    item = _ITEM.search(sentence)
    first = _first_value(sentence)
    ends = [e for e in (item.start() if item else None, first) if e is not None]
    return min(ends) if ends else 0


def _first_value(sentence: str) -> int | None:
    """Where the sentence's first stated value begins (None when it states none)."""
    found = _values(sentence)
    return found[0][0] if found else None


def _carries_kind(query: Query, clause: Clause) -> bool:
    """A count or a share is answered only by a clause stating one (a clause chosen on words alone
    must not drop the figure the sentence states elsewhere); "what share ... should" asks a goal's share."""
    if query.answer_type == "percent" or _SHARE.search(query.text):
        return "percent" in clause.figures
    if query.answer_type == "count" or _HOW_MANY.search(query.text):
        return bool({"count", "percent"} & set(clause.figures))
    return True


def lead_of(sentence: str, clause: Clause) -> str:
    """ "I 2025 deltog" for "heraf 38 pct. kvinder" or "61 kom i job": the words before the sentence's first
    figure, which a clause without a subject of its own needs to be read; "" when the clause has its own
    subject, or the lead states a figure or is long."""
    text = sentence[clause.start:clause.end]
    if clause.start == 0 or not (_PART_OF.match(text) or _BARE.match(text) or _SUMMED.match(text)):
        return ""
    first = _first_value(sentence)
    lead = sentence[:first].strip(" ,;:–—•▪") if first is not None else ""
    if not lead or first >= clause.start or _values(lead) or _LABELLED.search(lead):
        return ""
    return lead if len(lead.split()) <= LEAD_WORDS else ""


__all__ = [
    "PART",
    "count_terms",
    "counted_nouns",
    "DATE",
    "Clause",
    "answering",
    "clauses",
    "date_clause",
    "date_clauses",
    "date_lead",
    "counted_noun",
    "counts_noun",
    "figures",
    "lead_of",
    "repeated_counts",
    "time_fit",
    "type_score",
    "without_type_words",
]
