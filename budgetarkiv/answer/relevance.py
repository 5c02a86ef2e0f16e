"""Is the archive's best passage about what was asked? Word coverage, shared stems, the notes near the best.

Ranks alone cannot tell "the best of nothing relevant" from an answer, so relevance is measured on the
question's own words (question words like "hvad koster" excluded), stemmed the way the index stems them.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from budgetarkiv.answer.clauses import counted_noun
from budgetarkiv.answer.groups import Facets, adjectives
from budgetarkiv.core.scenarios import ALTERNATIVE_NAMED, alternatives_named, number_of
from budgetarkiv.core.text import years_in
from budgetarkiv.index.english import looks_english
from budgetarkiv.index.lexical import SYSTEM_WORDLIST, LexicalIndex
from budgetarkiv.search.hybrid import Hit
from budgetarkiv.search.query import GENERIC_WORDS, NAMING_WORDS

MAX_PROGRAMMES = 4
# words that say what kind of figure is asked ("hvor mange procent", "hvor stor en andel", "forskellen", "hvad fik
# den bevilget"): like question words, they say nothing of what the archive must speak of (the notes write "pct.")
_FIGURE_KIND = frozenset("procent procentdel procentdelen andel andelen percentage percent proportion "
                         "forskel forskellen forskellene difference differences steg steget faldt faldet "
                         "increase increased rose fell compared comparison sammenlignet sammenligning "
                         "change changed changes ændret ændrede "
                         "bevilget bevilgede opgjort opgjorte oprindelig oprindeligt originally original".split())
# (money verbs, as "afsat"; "oprindelig", as "tidligere". A price level, "i løbende priser", is no such word: only
# a continuation note's table of earlier grants is in current prices)
# words that name where the answer is written, not what it is about ("ifølge notatet", "according to the note",
# "den opdaterede version", "the first draft": the version asked, `Query.version`)
_SOURCE_WORDS = frozenset("ifølge according note notes notatet notaterne version versionen versioner udkast udkastet "
                          "opdaterede opdateret reviderede endelige draft updated revised final".split())
FUZZY_WORD = 88  # rapidfuzz ratio at which a misspelt word's stem ("solselleanlæg") is a stem of the text's
RELATIVE_SCORE = 0.5  # a note is relevant when its best passage scores at least this share of the best


class Relevance:
    """The lexical view of relevance, with the index's own analyzer and English bridge."""

    def __init__(self, lexical: LexicalIndex) -> None:
        self.lexical = lexical
        self.analyzer = lexical.analyzer

    @cached_property
    def generic_stems(self) -> frozenset[str]:
        return frozenset(t for w in GENERIC_WORDS for t in self.analyzer.tokens(w))

    @cached_property
    def naming_stems(self) -> frozenset[str]:
        return frozenset(t for w in NAMING_WORDS for t in self.analyzer.tokens(w))

    def coverage(self, question: str, hits: Sequence[Hit]) -> float:
        """Share of the question's own words (not question words) found in the best passages.

        A word counts as found when its stem, a compound part or (for English) one of its Danish
        translations occurs. English words the bridge cannot translate say nothing and are skipped;
        an unknown Danish word ("svømmehal") counts as missing: the archive does not speak of it.
        """
        text = " ".join(f"{h.title or ''} {h.section or ''} {h.text}" for h in hits)
        found, missing = self.words_found(question, text)
        if not found and not missing:
            return 1.0 if hits else 0.0
        return len(found) / (len(found) + len(missing))

    def words_found(self, question: str, text: str, english: bool | None = None,
                    split: bool = True) -> tuple[list[str], list[str]]:
        """The question's own words that `text` holds and those it does not (as `coverage` counts them); with
        `split`, a Danish compound also counts when the text holds both its parts."""
        analyzer, bridge = self.analyzer, self.lexical.bridge
        english = looks_english(question) if english is None else english
        generic = self.generic_stems
        have = set(analyzer.tokens(text))
        found: list[str] = []
        missing: list[str] = []
        for w, danish in self.translations(question, english):
            if w in GENERIC_WORDS or w in _FIGURE_KIND or w in _SOURCE_WORDS or w.isdigit() or len(w) < 3:
                continue
            options = set(analyzer.tokens(w)) - generic
            translated: set[str] = set()
            if english and bridge is not None:
                translated = {t for da in danish for t in analyzer.tokens(da)} - generic
                if not translated and not (options & self.lexical.vocabulary):
                    continue
                options |= translated
            if not options:
                continue
            hit = options & have
            if not hit and translated:  # a translation in a Danish compound: "brobygning", "cykelparkering"
                plain = {_fold(h) for h in have}
                hit = {t for t in map(_fold, translated) if len(t) >= 3 and any(
                    h.startswith(t) or len(t) >= 4 and t in h for h in plain)}
            if not hit and split and not english and self._parts_held(w, have):  # "skybrudsløsning": skybrud + løsning
                hit = {w}
            if not hit and split and not english and _misspelt(options, have):  # "solselleanlæggene"
                hit = {w}
            (found if hit else missing).append(w)
        return found, missing

    def _parts_held(self, word: str, have: set[str]) -> bool:
        """Whether a Danish compound the analyzer did not split has both its parts in the text's stems: each
        split into a head (without a linking s or e) and a tail of four letters or more is tried."""
        stem = self.analyzer.tokens
        for i in range(4, len(word) - 3):
            head, tail = word[:i], word[i:]
            tails = set(stem(tail))
            if not tails or not tails <= have:
                continue
            heads = {head, head[:-1]} if head[-1] in "se" and len(head) > 4 else {head}
            if any(set(stem(h)) and set(stem(h)) <= have for h in heads):
                return True
        return False

    def translations(self, question: str, english: bool) -> list[tuple[str, tuple[str, ...]]]:
        """The question's words once each, with their Danish translations when it is English (a word of a
        glossary phrase, "care home", has the phrase's compound first). An English word the Danish notes
        write as it is and Danish does not have ("Housing First") is a name there: not translated."""
        words, bridge = self.analyzer.words(question), self.lexical.bridge
        if not english or bridge is None:
            return [(w, ()) for w in dict.fromkeys(words)]
        merged: dict[str, tuple[str, ...]] = {}
        # a name is written with a capital ("Housing First"); "evening" in a note's English is no name
        capitalised = {m.group(0).lower() for m in re.finditer(r"(?<!^)\b[A-ZÆØÅ][a-zæøå]+", question.strip())}
        for w, danish in bridge.translate_words(words):  # a word asked twice: each place's phrase counts
            if w in capitalised and w not in self.danish_words and set(self.analyzer.tokens(w)) & self.lexical.vocabulary:
                danish = ()
            merged[w] = tuple(dict.fromkeys(merged.get(w, ()) + danish))
        return list(merged.items())

    def names_missing(self, question: str, text: str) -> list[str]:
        """Names in the question (a capitalised word inside a sentence: a place, a programme, a committee)
        that `text` does not hold, counted like `words_found`.

        In an English question a capitalised word the dictionary translates is an ordinary word written
        as part of an institution's name ("City Council", "City Hall", "the Culture and Leisure
        Administration"): the Danish note names the institution its own way, so it is no name to find.
        An untranslated word that is Danish ("Nordvest", "Brønshøj": the Danish word list or the archive
        knows it, or it is spelt with æ, ø or å) is a place or a programme's own name and must occur as
        written (also when the archive never uses it), and so is an untranslated word a place preposition
        puts it after ("the Mentorkorps in Tingbjerg"); other untranslated words ("Finance", "Copenhageners")
        are English words the small dictionary lacks and say nothing."""
        english = looks_english(question)
        names = [m.group(0) for m in _NAME.finditer(question) if m.group(0).lower() not in GENERIC_WORDS]
        placed = {m.group(1) for m in _PLACED.finditer(question)} if english else set()
        out = []
        for n in dict.fromkeys(names):
            if english and not self._danish_name(n) and not (n in placed and self._untranslated(n)):
                continue
            if self.words_found(n, text, english=False, split=False)[1]:  # a name as written, not in parts
                out.append(n)
        return out

    @cached_property
    def facets(self) -> Facets:
        return Facets(self.analyzer.tokens)

    def groups_missing(self, question: str, text: str) -> list[str]:
        """The question's words naming a target group or kind of facility ("pensioners", "daginstitutionerne")
        where `text` names only others of the same facet (young people, schools); see `answer.groups`."""
        analyzer, adjective = self.analyzer, adjectives(question)
        words = [(w, {*analyzer.tokens(w), *(t for da in danish for t in analyzer.tokens(da))})
                 for w, danish in self.translations(question, looks_english(question))
                 if w not in GENERIC_WORDS and not w.isdigit() and w not in adjective]
        return self.facets.contrasts(words, text)

    def _untranslated(self, word: str) -> bool:
        """Whether the English bridge has no Danish word for a word ("Tingbjerg"; "Copenhagen" has one)."""
        bridge = self.lexical.bridge
        return bridge is not None and not bridge.translate(word.lower())

    def asked_missing(self, question: str, text: str) -> list[str]:
        """What a question asks its answer to be of that `text` (the note in focus) never holds, though most of
        its other words are there: the thing counted ("koncerter" of "Hvor mange koncerter ..."), the unit a
        figure is asked per ("pr. tur", "per trip"), what qualifies a group of people ("unge med autisme") and
        a name ("Tingbjerg": named in another note shown, the focused note's answer is not about it). A share
        of the question's words cannot tell these from the rest: the note about the summer stage holds every
        other word of "how many concerts will the stage have"; they are what the answer would be a figure of.
        As the question writes them."""
        return [*self.names_missing(question, text), *self.counted_missing(question, text),
                *self.unit_missing(question, text), *self.qualifier_missing(question, text)]

    def counted_missing(self, question: str, text: str) -> list[str]:
        """The noun a count question counts when `text` never names it ("koncerter", "stemte" of "hvor mange
        stemte imod", "concerts"). Its first own word is read; a quantity ("flere"), a generic person
        ("borgere": the note may count them as "deltagere") or money says nothing, and alternatives ("refugees
        or family-reunified persons") are left to the word count. An English word counts only when each of its
        translations is a whole word (a short one, "ø" of "islands", stands inside the note's compound
        "sorteringsøer" unseen)."""
        english = looks_english(question)
        number_of = _NUMBER_OF.search(question)  # "antallet af koncerter", "the number of concerts"
        words = self.analyzer.words(counted_noun(question) or (number_of.group(1) if number_of else ""))
        if len(words) > 1 and words[1] in ("og", "eller", "and", "or"):
            return []
        for word in words:
            if word in GENERIC_WORDS or word in _COUNT_WORDS or word in _FIGURE_KIND or not self.analyzer.tokens(word):
                continue
            if english:
                danish = dict(self.translations(word, True)).get(word, ())
                if not danish or any(len(da) < 4 for da in danish):
                    return []
            return self.words_found(word, text, english=english)[1]
        return []

    def unit_missing(self, question: str, text: str) -> list[str]:
        """The unit a figure is asked per ("pr. tur", "per trip", "kr./elev"; a price of "hver tur", "each trip")
        when `text` states nothing per it ("pr. tur", "per deltagende elev", "for hver tur"); a time ("om året",
        "per year", "pr. måned") is read from a table's columns and is no such unit. An English unit the bridge
        cannot translate says nothing."""
        english = looks_english(question)
        per = {t for m in _PER_TEXT.finditer(text) for t in self.analyzer.tokens(m.group(1))}
        out = []
        each = _EACH.finditer(question) if _PRICE_ASKED.search(question) else ()  # "hvad koster hver tur"
        for m in (*_PER.finditer(question), *each):
            unit = m.group(1)
            if unit in _TIMES or unit in GENERIC_WORDS:
                continue
            for word, danish in self.translations(unit, english):
                stems = set(self.analyzer.tokens(word)) | {t for da in danish for t in self.analyzer.tokens(da)}
                if english and not danish and not stems & self.lexical.vocabulary:
                    continue
                if stems and not stems & per:
                    out.append(m.group(0))
        return out

    def qualifier_missing(self, question: str, text: str) -> list[str]:
        """What qualifies a group of people ("autisme" of "unge med autisme", "dementia" of "citizens with
        dementia") when `text` never names it: the note about young people with eating disorders is not about
        those with autism. An English qualifier counts when each of its words (the one or two after "with",
        question words aside) has translations that are whole words: "eating disorders" ("æde", "rod") is one
        Danish compound the small dictionary does not reach."""
        out = []
        if not looks_english(question):
            for m in _QUALIFIED.finditer(question):
                word = m.group(2)
                if word not in GENERIC_WORDS and word not in _NEEDS and self.analyzer.tokens(word):
                    out += self.words_found(word, text, english=False)[1]
            return out
        for m in _QUALIFIED_EN.finditer(question):
            words = [w for w in self.analyzer.words(m.group(2)) if w not in GENERIC_WORDS and w not in _NEEDS]
            translated = [dict(self.translations(w, True)).get(w, ()) for w in words]
            if not words or any(not da or any(len(d) < 4 for d in da) for da in translated):
                continue
            missing = self.words_found(" ".join(words), text, english=True)[1]
            if len(missing) == len(words):
                out.append(words[0])
        return out

    def _danish_name(self, word: str) -> bool:
        """Whether a capitalised word of an English question is a Danish name rather than an English word."""
        bridge, lower = self.lexical.bridge, word.lower()
        if bridge is not None and bridge.translate(lower):
            return False
        return bool(re.search("[æøå]", lower)) or lower in self.danish_words \
            or bool(set(self.analyzer.tokens(lower)) & self.lexical.vocabulary)

    @cached_property
    def danish_words(self) -> frozenset[str]:
        """The system's Danish word list (Debian `wdanish`), empty when not installed."""
        if not SYSTEM_WORDLIST.exists():
            return frozenset()
        return frozenset(SYSTEM_WORDLIST.read_text("utf-8", "replace").lower().split())

    def content_tokens(self, question: str) -> list[str]:
        """Stems of the question's own words (and their Danish translations for English questions)."""
        analyzer = self.analyzer
        words = [(w, da) for w, da in self.translations(question, looks_english(question))
                 if w not in GENERIC_WORDS and not w.isdigit()]
        tokens = dict.fromkeys(t for w, danish in words for t in (*analyzer.tokens(w), *analyzer.tokens(" ".join(danish))))
        return [t for t in tokens if t not in self.generic_stems]


    def word_groups(self, question: str, naming: bool = False, english: bool | None = None) -> list[set[str]]:
        """Per question word (question words left out), its stems, compound parts and translations; with
        `naming`, the generic words that can name a scenario ("fuld", "stor") are kept. `english` says the
        language of a piece of a question (a noun alone does not tell)."""
        analyzer = self.analyzer
        generic = self.generic_stems - self.naming_stems if naming else self.generic_stems
        out = []
        for w, danish in self.translations(question, looks_english(question) if english is None else english):
            if (w in GENERIC_WORDS and not (naming and w in NAMING_WORDS)) or w.isdigit() or len(w) < 3:
                continue
            group = set(analyzer.tokens(w)) | {t for da in danish for t in analyzer.tokens(da)}
            group -= generic
            if group:
                out.append(group)
        return out


_NUMBER_WORD = re.compile(r"\b(\d{1,3})\s?-\s?([^\W\d_]{2,})")  # "80-årige", "18-årige", "24-timers"
# an ordinal bound to a word: "5. klasse", "4th grade" (a date's "1. januar" is no such binding)
_ORDINAL = re.compile(r"(?<![\d.,])(\d{1,2})(?:\.|st|nd|rd|th)\s([^\W\d_]{3,})")
_MONTHS = frozenset("januar februar marts april maj juni juli august september oktober november december "
                    "january february march may june july october".split())
_NAME = re.compile(r"(?<=[\w,;)] )[A-ZÆØÅ][^\W\d_]*[a-zæøå][^\W\d_]*(?:-[^\W\d_]+)*")  # not a sentence's first word
NAME = _NAME  # a name in a question: a place, a home, a school ("Tjørnely", "i Valby")

# "the Mentorkorps in Tingbjerg": a capitalised word after a place preposition
_PLACED = re.compile(r"\b(?:in|at|on|near|around)\s+(?:the\s+)?([A-ZÆØÅ][^\W\d_]*[a-zæøå][^\W\d_]*)")
_NUMBER_OF = re.compile(r"\b(?:antal(?:let)?|number)\s+(?:af\s+|of\s+)?((?:nye\s+|new\s+)?[^\W\d_][\w-]*)", re.IGNORECASE)
# what a count question counts that says nothing of the note: a quantity, people or staff in general (a note
# counts them as "deltagere", "årsværk"), places in general (a note may list them by name), money
_COUNT_WORDS = frozenset("flere færre gange procent kroner millioner personer borgere mennesker folk stk styk "
                         "medarbejdere ansatte stillinger steder fewer times kroner people persons citizens "
                         "employees staff positions sites locations".split())
# a unit a figure is asked per: "pr. tur", "per deltager", "per trip", "kr./elev" (lower case: "Per" is a name);
# in a note, with the words after it ("pr. deltagende elev")
_PER = re.compile(r"(?:(?<![\w.])pr\.|(?<!\w)per\b|(?<=kr\.)/|(?<=kr)/)\s*([a-zæøå][a-zæøå-]+)")
_EACH = re.compile(r"\b(?:hver|hvert|each)\s+(?:enkelt\s+|enkelte\s+|single\s+)?([a-zæøå][a-zæøå-]{2,})")
# a price asked of each one ("hvad koster hver tur"); what each one pays a note may state without "each"
# ("egenbetalingen er 30 kr."), so "pays" is left out
_PRICE_ASKED = re.compile(r"\b(?:kost\w*|pris\w*|costs?|price\w*)\b", re.IGNORECASE)
_PER_TEXT = re.compile(r"(?:(?<![\w.])pr\.|(?<!\w)per\b|/|\b(?:hver|hvert|each)\b)\s*([^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*){0,2})",
                       re.IGNORECASE)
_TIMES = frozenset("år året årligt måned måneden md uge ugen dag dagen døgn døgnet time timen timer cent "
                   "kvartal kvartalet halvår halvåret sæson sæsonen skoleår skoleåret semester weekend "
                   "year years annum month week day hour hours quarter season semester".split())
# a group of people and what qualifies it: "unge med autisme", "borgere med demens", "børn med handicap"
_QUALIFIED = re.compile(r"\b(?i:(unge|børn|voksne|ældre|borgere|personer|mennesker|elever|familier|forældre|"
                        r"beboere|ledige|patienter|brugere|kvinder|mænd|piger|drenge|seniorer|pensionister))"
                        r"\s+med\s+([a-zæøå][a-zæøå-]{3,})")

# "borgere med behov for ...", "people with access to ...": a need or a right, no qualifier of its own
_NEEDS = frozenset("behov brug ret rettighed mulighed adgang needs need right rights access".split())
_QUALIFIED_EN = re.compile(r"\b(?i:(people|children|adults|citizens|residents|pupils|students|families|parents|"
                           r"elderly|seniors|pensioners|women|men|girls|boys|persons|users|patients|youths?))"
                           r"\s+with\s+([a-z][a-z-]{3,}(?:\s+(?!(?:in|at|on|for|and|or|who|that|from|to|by|the)\b)"
                           r"[a-z][a-z-]+)?)")


@dataclass(frozen=True)
class Gap:
    """What the question names that the note in focus does not hold: the reason to abstain."""

    kind: str  # "words" (too few of the question's own words), "name" ("Amager"), "number" ("80-årige"), "group"
    # ("pensioners" of a note about young people), "alternative" ("Niveau 5" of four levels), "year"
    missing: tuple[str, ...]  # as the question writes them


def number_words_missing(question: str, text: str) -> list[str]:
    """Words the question binds to a number ("80-årige", "3-årig") that the text never binds to it.

    "80-årige" is found as "80-årige", "80 årige" or "80 år": the number followed by the word's start."""
    out = []
    for m in _NUMBER_WORD.finditer(question):
        number, word = m.group(1), m.group(2)
        if not re.search(rf"(?<![\d.,]){number}\s?-?\s?{re.escape(word[:2])}", text, re.IGNORECASE):
            out.append(m.group(0))
    return out + ordinals_missing(question, text)


def ordinals_missing(question: str, text: str) -> list[str]:
    """Ordinals the question binds to a word ("5. klasse", "4th grade") that the text never states.

    A Danish ordinal must occur with the word's start ("5. kl"); an English one ("4th grade", whose
    word the Danish note writes its own way) as the same ordinal in either language ("4." or "4th")."""
    out = []
    for m in _ORDINAL.finditer(question):
        number, word = m.group(1), m.group(2)
        if word.lower() in _MONTHS:
            continue
        danish = m.group(0)[len(number)] == "."
        after = re.escape(word[:2]) if danish else r"\w"
        if not re.search(rf"(?<![\d.,]){number}(?:\.|st|nd|rd|th)\s?{after}", text, re.IGNORECASE):
            out.append(m.group(0))
    return out


# a note's id ("BUF07", "SUF E15", "ØKF I3") or a savings proposal's ("SOF-S06")
_CODE = re.compile(r"(?<![\w-])([A-ZÆØÅ]{2,5})(?:[- ]([A-Z]{1,2})|-)?(\d{1,3})(?![\w-])")


def alternatives_missing(question: str, text: str) -> list[str]:
    """Alternatives the question names ("Niveau 5", "Option C") that the text never names: a proposal with
    four levels or two options has no fifth or third. Numbering counts, not its notation ("Model B" ~
    "scenarie 2")."""
    named = alternatives_named(text)
    return [m.group(0) for m in ALTERNATIVE_NAMED.finditer(question) if number_of(m.group(1)) not in named]


def _codes(text: str) -> dict[str, str]:
    """The ids a text writes, spaces and hyphens aside ("KFFR3"), with the first way it writes each."""
    out: dict[str, str] = {}
    for m in _CODE.finditer(text):
        out.setdefault("".join(m.groups("")), m.group(0))
    return out


def codes_missing(question: str, text: str) -> list[str]:
    """Note or proposal ids the question names ("SOF-S06", "BUF 07") that the text never writes, spaces and
    hyphens aside."""
    have = _codes(text)
    return [written for code, written in _codes(question).items() if code not in have]


def codes_instead(question: str, quotes: Sequence[str]) -> tuple[list[str], list[str]] | None:
    """Ids the question asks about ("KFF R3") when every quote names other ids ("Ændringsforslag nr. 1 ... KFF
    R2 ...") and none of them: the quotes speak of a sibling proposal. The ids asked and those quoted."""
    asked = _codes(question)
    quoted = [_codes(q) for q in quotes]
    if not asked or not quoted or not all(quoted) or any(set(asked) & set(q) for q in quoted):
        return None
    return list(asked.values()), list(dict.fromkeys(w for q in quoted for w in q.values()))


_LISTED = r"(?:,\s*|\s+(?:og|eller|and|or)\s+)"  # what separates the members of an enumeration
_ITEM = r"[A-ZÆØÅ][\w-]*(?:\s+[A-ZÆØÅ][\w-]*)*"  # a member: capitalised words ("Materielgården Valby")
_ENUMERATION = re.compile(rf"{_ITEM}(?:{_LISTED}{_ITEM})+")


def siblings_instead(question: str, note: str, answer: str) -> tuple[str, list[str]] | None:
    """A name the question asks about ("Materielgården Sundholm") that the note lists among others
    ("fem materielgårde: Materielgården Kløverbakken, Materielgården Sundholm, ... Valby og ... Ryparken")
    while the answer names another member of that list ("investeringen i Valby") and never the one asked:
    the answer speaks of a sibling. A list has three members at least; a member is known by its last word;
    a question naming several members asks about them together. The name and the siblings the answer names."""
    for m in _NAME.finditer(question):
        name = m.group(0)
        if name.lower() in GENERIC_WORDS or _holds(answer, name):
            continue
        if re.match(r"\s+[A-ZÆØÅ]", question[m.end():]):  # the head of a name ("Materielgården" of "... Sundholm")
            continue
        for run in _ENUMERATION.finditer(note):
            members = [item.split()[-1] for item in re.split(_LISTED, run.group(0))]
            if name not in members or len(members) < 3:
                continue
            others = [w for w in members if w != name]
            if any(_holds(question, w) for w in others):  # several members asked: the list as a whole
                continue
            named = sorted({w for w in others if _holds(answer, w)})
            if named:
                return name, named
    return None


def _holds(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


def years_missing(years: Sequence[int], text: str, table_years: set[int]) -> bool:
    """True when none of the years asked occurs in the note: not in a table's columns, not in a sentence."""
    if not years:
        return False
    said = years_in(text) | table_years
    return not set(years) & said


def _misspelt(stems: set[str], have: set[str]) -> bool:
    """Whether a long stem is a misspelling of one the text holds (one or two letters off in twelve: "solselleanlæg"
    ~ "solcelleanlæg"); short stems are different words one letter apart ("Vesterbro", "Østerbro")."""
    long = [h for h in have if len(h) >= 6]
    return any(len(s) >= 6 and process.extractOne(s, long, scorer=fuzz.ratio, score_cutoff=FUZZY_WORD) is not None
               for s in stems)


def _fold(word: str) -> str:
    """A word without its accents ("café" ~ "cafe")."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode() if not word.isascii() \
        and not re.search("[æøå]", word) else word


def agreements_missing(years: Sequence[int], text: str) -> bool:
    """True when the text names none of the budget agreements asked about ("Budgetaftale 2021"): a year
    only as a table column is not that agreement (an earlier agreement's grant may run through it)."""
    if not years:
        return False
    named = {int(y) for y in re.findall(r"aftale\w*(?:\s+\w+){0,2}?\s+((?:19|20)\d\d)\b", text, re.IGNORECASE)}
    return not set(years) & named


def overlap(a: set[str], b: set[str]) -> int:
    """Shared stems; stems of 6+ letters also match on a 6-letter prefix (koordinerende ~ koordinering)."""
    exact = a & b
    prefixes = {t[:6] for t in b if len(t) >= 6} - {t[:6] for t in exact}
    return len(exact) + sum(1 for t in a - exact if len(t) >= 6 and t[:6] in prefixes)


def note_key(hit: Hit) -> tuple:
    """Versions of one note count as one note: (budget year, note id), else the document."""
    return (hit.budget_year, (hit.note_id or "").upper()) if hit.note_id else (hit.doc_id,)


def relevant_notes(hits: Sequence[Hit]) -> list[Hit]:
    """The best hit of each note that scores near the best."""
    best: dict[tuple, Hit] = {}
    for h in hits:
        best.setdefault(note_key(h), h)
    top = hits[0].score
    return [h for h in best.values() if h.score >= RELATIVE_SCORE * top][:MAX_PROGRAMMES]
