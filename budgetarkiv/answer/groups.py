"""Whom or what a question and a note are about: target groups and kinds of facility that exclude each other.

A question about the night café for homeless men, the culture pass for pensioners or the indoor climate of
the daycare institutions shares every other word with the note about the night café for women, the culture
pass for 15-19-year-olds or the indoor climate of the school classrooms; one word in five is below what a
share of words can tell. What tells them apart is that the note names another value of the same facet
(women, young people, schools) and never the one asked for. A facet is a hand-made list of Danish words per
value (English questions reach it through the index's English bridge); a note naming no value of a facet
says nothing about it, and a note naming the value asked also in passing is not refused. Kinds of institution
and of facility are facets of their own and, together, the facet of buildings.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

# facet → value → Danish words (inflected forms listed where the stemmer keeps them apart: barn/børn)
_FACETS: dict[str, dict[str, tuple[str, ...]]] = {
    "gender": {
        "female": ("kvinde", "kvinder", "pige", "piger", "mor", "mødre", "datter", "døtre", "hustru", "hustruer"),
        "male": ("mand", "mænd", "dreng", "drenge", "far", "fædre", "søn", "sønner", "ægtemand", "ægtemænd"),
    },
    "age": {
        "children": ("barn", "børn", "småbørn", "spædbørn", "skolebørn"),
        "young": ("ung", "unge", "teenager", "teenagere", "ungdom"),
        "adults": ("voksen", "voksne"),
        "elderly": ("ældre", "pensionist", "pensionister", "folkepensionist", "senior", "seniorer"),
    },
    "institution": {
        "daycare": ("daginstitution", "daginstitutioner", "dagtilbud", "vuggestue", "vuggestuer", "børnehave",
                    "børnehaver", "dagpleje", "børneinstitution", "børneinstitutioner"),
        "school": ("skole", "skoler", "folkeskole", "folkeskoler", "grundskole", "specialskole"),
        "youth_education": ("gymnasium", "gymnasier", "erhvervsskole", "erhvervsskoler", "ungdomsuddannelse"),
        "care_home": ("plejecenter", "plejecentre", "plejehjem", "plejebolig", "plejeboliger"),
        "home_care": ("hjemmepleje", "hjemmehjælp"),
        "hospital": ("hospital", "hospitaler", "sygehus", "sygehuse"),
    },
    "facility": {
        "sports_hall": ("idrætshal", "idrætshaller", "gymnastiksal", "gymnastiksale", "sportshal", "sportshaller"),
        "classroom": ("klasselokale", "klasselokaler", "faglokale", "faglokaler", "undervisningslokale"),
        "pool": ("svømmehal", "svømmehaller", "svømmebad"),
        "library": ("bibliotek", "biblioteker"),
        "ice_rink": ("skøjtebane", "skøjtebaner", "skøjtehal"),
    },
}
# institutions and facilities are also one facet, the buildings: solar panels on schools and care homes say nothing
# of libraries, a sports hall in Valby nothing of a swimming pool (a school's sports hall still names the school)
FACETS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    **_FACETS, "building": {**_FACETS["institution"], **_FACETS["facility"]}}
AFFIX = 5  # a value's stem of this length or more also counts at the start or end of a note's unsplit compound
_AGE = re.compile(r"\b(\d{1,2})\s*(?:-|–|til|og)\s*(\d{1,2})\s*-?\s*år|\b(\d{1,2})\s*-?\s*årige", re.IGNORECASE)


# "ældre" / "older" before a noun that is no person ("de ældre skoler", "older buildings") is an adjective, no group
_PERSONS = ("borgere", "mennesker", "medborgere", "personer", "beboere", "københavnere", "kvinder", "mænd", "brugere",
            "people", "citizens", "residents", "persons", "adults", "women", "men", "users", "end", "than")
_ADJECTIVE = re.compile(rf"\b(ældre|older)\s+(?!(?:{'|'.join(_PERSONS)})\b)[^\W\d_]{{4,}}", re.IGNORECASE)


def adjectives(question: str) -> set[str]:
    """Words naming an age group that the question only uses as adjectives ("de ældre skoler")."""
    used = {m.group(1).lower() for m in _ADJECTIVE.finditer(question)}
    alone = {m.group(1).lower() for m in re.finditer(r"\b(ældre|older)\b", question, re.IGNORECASE)
             if not _ADJECTIVE.match(question, m.start())}
    return used - alone


def age_groups(text: str) -> set[str]:
    """Age groups a text names by number: "15-19-årige", "mellem 15 og 19 år", "70-årige"."""
    out = set()
    for m in _AGE.finditer(text):
        for age in (int(a) for a in m.groups() if a):
            out.add("children" if age < 13 else "young" if age < 30 else "adults" if age < 60 else "elderly")
    return out


class Facets:
    """The facets' values found in words and texts, stemmed by the index's analyzer ("kvinderne" ~ "kvinder")."""

    def __init__(self, tokens: Callable[[str], list[str]]) -> None:
        self.tokens = tokens
        self.stems = {f: {v: frozenset(t for w in words for t in tokens(w)[:1]) for v, words in values.items()}
                      for f, values in FACETS.items()}

    def of_words(self, stems: Iterable[str]) -> dict[str, set[str]]:
        """Values named by a question word's stems (its translations' too): exact stems and compound parts."""
        have = set(stems)
        return {f: {v for v, s in values.items() if s & have} for f, values in self.stems.items()}

    def of_text(self, text: str) -> dict[str, set[str]]:
        """Values a note names: its stems and compound parts, a long stem also inside a compound the analyzer
        does not split ("hjemløsekvinder"), and ages by number."""
        have = set(self.tokens(text))
        out = {f: {v for v, s in values.items() if s & have or any(
            len(x) >= AFFIX and any(t.startswith(x) or t.endswith(x) for t in have) for x in s)}
            for f, values in self.stems.items()}
        out["age"] |= age_groups(text)
        return out

    def contrasts(self, words: Iterable[tuple[str, set[str]]], text: str) -> list[str]:
        """The question's words naming a value of a facet of which `text` names only other values ("men" when
        the note speaks of women only). `words` are the question's words, each with its stems."""
        named = [(word, values) for word, stems in words if any((values := self.of_words(stems)).values())]
        if not named:
            return []
        note = self.of_text(text)
        asked = {f: set().union(*(values[f] for _, values in named)) for f in note}
        if not any(values and note[f] and not values & note[f] for f, values in asked.items()):
            return []
        # the words to name: those naming nothing the note names ("school gymnasiums": not "school")
        return [w for w, values in named if not any(values[f] & note[f] for f in note)]
