"""What a sentence says about each amount it states: the clause read as a typed value.

Budget agreements, follow-ups and status notes give their money only in running prose ("Der afsættes 2,4 mio.
kr. i 2029 og 3,1 mio. kr. årligt fra 2030 til natlige vagter i bofællesskaber, svarende til scenarie 2").
An answer may add such amounts only when it knows, for each, its unit, the year or period it covers (one year,
a period's whole, or each year of it), its price level, what it funds and whether it saves rather than spends;
and it must say which alternative of a note ("scenarie 2", "Model B", "den rettede version") was chosen. Each
reading here is of one sentence alone (the document's own price level statement is the caller's to add).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from budgetarkiv.core.names import note_id_spelling
from budgetarkiv.core.numbers import Amount
from budgetarkiv.ingest.amounts import AmountMatch, find_amounts
from budgetarkiv.ingest.units import PRICE_LEVEL_RE, canonical_price_level

_YEAR = r"(?:19|20)\d\d"
# "i perioden 2029-2032", "2029–32", "fra 2029 til 2032", "from 2029 to 2032", "in 2029-2031"
_RANGE = re.compile(rf"\b(?:(?:fra|from)\s+)?({_YEAR})\s*(?:-|–|—|til|to|through|until)\s*({_YEAR}|\d\d)\b",
                    re.IGNORECASE)
# "fra 2030", "fra og med 2030", "from 2030", "starting in 2030", "og frem", "onwards"
_FROM = re.compile(rf"\b(?:fra(?:\s+og\s+med)?|from|starting(?:\s+in)?|as of)\s+({_YEAR})\b", re.IGNORECASE)
_ONE_YEAR = re.compile(rf"\b(?:i|in|for|during)\s+({_YEAR})\b(?!\s*(?:-|–|p/l|priser|prices|-priser))",
                       re.IGNORECASE)
_YEARLY = re.compile(r"\b(?:årlig\w*|om året|pr\.\s*år|per år|hvert år|a year|per year|annually|yearly|each year|"
                     r"per annum)\b", re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:i alt|samlet|sammenlagt|tilsammen|in total|a total of|altogether|in all|over (?:hele )?"
                    r"perioden|over the period)\b", re.IGNORECASE)
_NUMBER_WORDS = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ti": 10, "two": 2,
                 "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10}
# "over fire år", "over 4 år", "over four years": a whole over that many years
_OVER_YEARS = re.compile(r"\bover\s+(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s+(?:år|years)\b", re.IGNORECASE)
_APPROX = re.compile(r"^(?:ca\.|cirka|omkring|knap|godt|op til|over|under|about|around|approximately|roughly|"
                     r"up to|some)\s", re.IGNORECASE)
_NET = re.compile(r"\b(?:netto|net)\b", re.IGNORECASE)
# What the clause does with the money: a saving or cut is negative; a follow-up's under- or overspend,
# a transfer to a later year. Read in the words just before the amount (or, for a noun after it, just after).
_CHANGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("underspend", re.compile(r"\b(?:mindreforbrug\w*|underskridelse\w*|underspen\w*|unspent)\b", re.IGNORECASE)),
    ("overspend", re.compile(r"\b(?:merforbrug\w*|overskridelse\w*|overspen\w*)\b", re.IGNORECASE)),
    ("transfer", re.compile(r"\b(?:overfør\w*|carr(?:y|ied) (?:over|forward)|transferr?\w*)\b", re.IGNORECASE)),
    ("saving", re.compile(r"\b(?:reducer\w*|spare[rs]?|spart|besparelse\w*|effektivisering\w*|nedbring\w*|"
                          r"nedskær\w*|nedsæt\w*|sænk\w*|beskær\w*|lower\w*|frigør\w*|mindreudgift\w*|savings?|saves?|cut|cuts|reduc\w*|"
                          r"frees? up)\b", re.IGNORECASE)),
    ("grant", re.compile(r"\b(?:afsæt\w*|afsat\w*|bevilg\w*|tilfør\w*|prioriter\w*|styrke[sr]?\b|udvide[sr]?\b|"
                         r"giver|gives|får|sets? aside|allocat\w*|grant\w*|earmark\w*|fund\w*|provid\w*)\b",
                         re.IGNORECASE)),
)
_NEGATIVE_CHANGES = ("saving", "underspend")
# "svarende til scenarie 2", "efter grundmodellen", "Model B", "den rettede version", "scenario 2", "option B"
_ALTERNATIVE = re.compile(
    r"\b(?:(?:scenarie|scenario|model|modellen|option|alternativ|alternative|løsning|variant)\s+(?:\d{1,2}|[A-H])\b"
    r"|(?:grund|basis|minimums|maksimal)model(?:len)?\b|(?:den\s+)?udvidede\s+model(?:len)?\b"
    r"|(?:den\s+|the\s+)?(?:rettede|korrigerede|reviderede|opdaterede|corrected|revised|updated)\s+"
    r"(?:version|udgave|notat)\w*"
    r"|(?:the\s+)?(?:basic|extended|full|minimum)\s+(?:model|scenario|option))",
    re.IGNORECASE)
_NOT_IDS = {"DKK", "EUR", "USD", "BO", "PL"}  # currencies and "BO1" (an overslagsår column), not note ids
_NOTE_ID = re.compile(r"\b([A-ZÆØÅ]{2,4})\s?([A-Z]?\s?\d{1,3}[a-z]?)\b(?![.,]\d)")
# "til natlige vagter i bofællesskaber", "for night watches in shared homes": the object funded runs to the
# end of its clause
_FUNDED = re.compile(r"\b(?:til|for|to)\s+(?!(?:19|20)\d\d\b)(?P<object>\w.*)", re.IGNORECASE)
# a follow-up's "mindreforbrug på 1,2 mio. kr. på Praktikbanken", "an underspend of DKK 1.2m on X"
_FOLLOW_UPS = ("underspend", "overspend", "transfer")
_FOLLOW_UP_OBJECT = re.compile(r"\b(?:på|vedrørende|vedr\.|under|til|for|on|in|to)\s+(?!(?:19|20)\d\d\b)(?P<object>\w.*)",
                               re.IGNORECASE)
_OBJECT_END = re.compile(
    r"\s*(?:[,;:.(]|\s–\s|\bsvarende\b|\bjf\.|\bheraf\b|\bsom\b|\bder\b|\bså\b|\bhvor\w*\b|\bmen\b|\bmod\b|"
    r"\bsvarer\b|\bcorrespond\w*|\bwhich\b|\bso that\b|\bwhere\b|\bof which\b|\bog\s+(?=\d)|\band\s+(?=\d)|"
    rf"\b(?:i|in|fra|from|fra og med)\s+(?:perioden\s+)?{_YEAR}\b|\bårlig\w*|\bannually\b|\bfrom\s+{_YEAR}|"
    r"\bover\s+(?:\w+\s+)?(?:år|years)\b)",
    re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;.]|\s–\s|\b(?:svarende|svarer|jf|corresponding|which|som|der|heraf)\b",
                           re.IGNORECASE)
# "Sundhedsplejen styrkes med 3,2 mio. kr.", "Aftenåbne dagcentre (SUF 42) tilføres 11,9 mio. kr.": the
# object stands before a passive verb
_PASSIVE = re.compile(r"\b(?:\w+es|\w+s med|får|modtager|receives?|is (?:given|granted|allocated|increased|cut|"
                      r"reduced)(?: by)?|gets?)\s*$", re.IGNORECASE)
_LEAD_WORDS = re.compile(r"^(?:(?:der|desuden|endvidere|herudover|samtidig|og|også|and|also|in addition|"
                         r"furthermore)\b[\s,]*)+", re.IGNORECASE)
# what may stand between two coordinated amounts: their years and "og"/"and"
_JOINED = re.compile(rf"(?:\s|,|i|in|fra|from|og med|til|to|perioden|the period|årlig\w*|om året|a year|per year|"
                     rf"annually|netto|net|{_YEAR}|-|–)*\s(?:og|and|samt|plus)\s(?:derefter\s|then\s)?",
                     re.IGNORECASE)
# "Ved at samle indkøbet spares ...": an adverbial, not what is funded or cut
_ADVERBIAL = re.compile(r"(?:ved|med|gennem|hermed|dermed|derved|når|hvis|by|through|with|thereby|when|if)\b",
                        re.IGNORECASE)
_UNITS = {"mio": "mio. kr.", "mill": "mio. kr.", "million": "mio. kr.", "millioner": "mio. kr.", "mia": "mia. kr.",
          "milliard": "mia. kr.", "milliarder": "mia. kr.", "t": "1.000 kr.", "tusind": "1.000 kr.",
          "tusinde": "1.000 kr.", "mn": "mio. kr.", "m": "mio. kr.", "billion": "mia. kr.", "bn": "mia. kr.",
          "thousand": "1.000 kr.", "k": "1.000 kr."}


@dataclass(frozen=True)
class AmountClause:
    """One amount of a sentence, read with its clause: "3,1 mio. kr. årligt fra 2030 til natlige vagter"."""

    written: str  # as written: "3,1 mio. kr."
    value: Amount  # in `unit`, negative for a saving or an underspend: 3.1
    unit: str  # "kr.", "1.000 kr.", "mio. kr." or "mia. kr."
    kroner: float  # the value in kroner
    sentence: str
    approximate: bool = False  # "ca. 12 mio. kr.": never added up
    change: str | None = None  # "grant", "saving", "underspend", "overspend", "transfer"
    first_year: int | None = None
    last_year: int | None = None  # None with a first year: open-ended ("årligt fra 2030")
    yearly: bool = False  # the amount of each year of its period, not their whole
    total: bool = False  # "i alt", "samlet", "over fire år": the whole of its period
    years_counted: int | None = None  # "over fire år" → 4
    net: bool = False
    price_level: str | None = None  # "2029 p/l", "løbende p/l"
    funded: str | None = None  # "natlige vagter i bofællesskaber"
    alternative: str | None = None  # "scenarie 2", "grundmodellen", "den rettede version"
    note_ids: tuple[str, ...] = ()  # the notes the sentence refers to ("KFF19", "SUF42")

    @property
    def period(self) -> str:
        """ "2029-2032", "2029", "fra 2030" or "" (as a label, each year's when `yearly`)."""
        if self.first_year is None:
            return ""
        if self.last_year is None:
            return f"fra {self.first_year}"
        return str(self.first_year) if self.last_year == self.first_year else f"{self.first_year}-{self.last_year}"


def read_clauses(sentence: str, english: bool | None = None) -> tuple[AmountClause, ...]:
    """Every kroner amount of `sentence` with what its clause says about it (see `AmountClause`); `english`: the
    notation of its document (None: the sentence's own language), for a number that reads both ways."""
    found = find_amounts(sentence, english)
    out = []
    for i, m in enumerate(found):
        prev_end = found[i - 1].end if i else 0
        next_start = found[i + 1].start if i + 1 < len(found) else len(sentence)
        clause = _read(sentence, m, prev_end, next_start)
        if clause is not None:
            out.append((clause, m))
    return tuple(_coordinated(sentence, out))


def _coordinated(sentence: str, read: list[tuple[AmountClause, AmountMatch]]) -> list[AmountClause]:
    """Amounts joined by "og"/"and" with only their years between ("afsætte 2,4 mio. kr. i 2029 og 3,1 mio. kr.
    årligt fra 2030 til X"): the verb before the first and the object after the last are both's."""
    out = [c for c, _ in read]
    for i in range(1, len(read)):
        between = sentence[read[i - 1][1].end:read[i][1].start]
        if not _JOINED.fullmatch(between):
            continue
        if out[i].change is None and out[i - 1].change is not None:
            sign = -1 if out[i - 1].change in _NEGATIVE_CHANGES else 1
            out[i] = replace(out[i], change=out[i - 1].change, value=sign * out[i].value, kroner=sign * out[i].kroner)
    for i in range(len(read) - 2, -1, -1):
        between = sentence[read[i][1].end:read[i + 1][1].start]
        if _JOINED.fullmatch(between) and out[i].funded is None and out[i + 1].funded is not None:
            out[i] = replace(out[i], funded=out[i + 1].funded)
    for i in range(1, len(read)):  # ("Rammen reduceres med 1,5 mio. kr. i 2030 og 2,0 mio. kr. fra 2031")
        between = sentence[read[i - 1][1].end:read[i][1].start]
        if _JOINED.fullmatch(between) and out[i].funded is None and out[i - 1].funded is not None:
            out[i] = replace(out[i], funded=out[i - 1].funded)
    return out


def clause_of(written: str, sentence: str) -> AmountClause | None:
    """The reading of the amount written `written` in `sentence` (its first occurrence); None when absent."""
    target = " ".join(written.split())
    return next((c for c in read_clauses(sentence) if c.written == target), None)


def _read(sentence: str, m: AmountMatch, prev_end: int, next_start: int) -> AmountClause | None:
    number = m.value
    if number is None:
        return None
    scale = (m.scale or "").lower().rstrip(".")
    unit = _UNITS.get(scale, "kr.") if scale else "kr."
    before = sentence[prev_end:m.start]
    # the words of this amount's own clause before it: after the previous amount or the last clause break
    own_before = re.split(r"[;:]|,\s+(?:men|og|mens|while|but|and|whereas)\b", before)[-1]
    after = sentence[m.end:next_start]
    change = _change(own_before[-60:], after[:30])
    sign = -1 if change in _NEGATIVE_CHANGES else 1
    value: Amount = sign * number
    kroner = float(value) * {"kr.": 1, "1.000 kr.": 1e3, "mio. kr.": 1e6, "mia. kr.": 1e9}[unit]
    first, last = _period(after[:60], own_before[-50:])
    over = _OVER_YEARS.search(after[:50])
    counted = None
    if over:
        word = over.group(1).lower()
        counted = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    level = PRICE_LEVEL_RE.search(after[:80]) or PRICE_LEVEL_RE.search(sentence)
    alternative = _ALTERNATIVE.search(sentence[m.end:]) or _ALTERNATIVE.search(sentence)
    return AmountClause(
        written=" ".join(m.written.split()),
        value=value,
        unit=unit,
        kroner=round(kroner, 6),
        sentence=sentence,
        approximate=m.approx or bool(_APPROX.search(m.written)),
        change=change,
        first_year=first,
        last_year=last,
        yearly=bool(_YEARLY.search(after[:40]) or _YEARLY.search(own_before[-25:])),
        total=bool(_TOTAL.search(own_before[-30:]) or _TOTAL.search(after[:25]) or over),
        years_counted=counted,
        net=bool(_NET.search(after[:12]) or _NET.search(own_before[-12:])),
        price_level=canonical_price_level(level) if level else None,
        funded=_funded(own_before, after, _FOLLOW_UP_OBJECT if change in _FOLLOW_UPS else _FUNDED),
        alternative=" ".join(alternative.group(0).split()) if alternative else None,
        note_ids=tuple(dict.fromkeys(note_id_spelling(f"{a} {b}") if b[0].isalpha() else f"{a}{b}"
                                     for a, b in _NOTE_ID.findall(sentence) if a not in _NOT_IDS)),
    )


def _change(before: str, after: str) -> str | None:
    """The nearest word before the amount saying what happens to it; else a noun right after it ("1,2 mio. kr.
    i mindreforbrug")."""
    best: tuple[int, str] | None = None
    for kind, pattern in _CHANGES:
        for hit in pattern.finditer(before):
            if best is None or hit.start() > best[0]:
                best = (hit.start(), kind)
    if best is not None:
        return best[1]
    for kind, pattern in _CHANGES:
        if kind != "grant" and pattern.search(after):
            return kind
    return None


def _period(after: str, before: str) -> tuple[int | None, int | None]:
    """The years of the amount: a range, an open start ("fra 2030") or one year, after it first, else before."""
    for text in (after, before):
        hit = _RANGE.search(text)
        if hit:
            first, last = hit.group(1), hit.group(2)
            last = last if len(last) == 4 else first[:2] + last
            return int(first), int(last)
        hit = _FROM.search(text)
        if hit:
            return int(hit.group(1)), None
        hit = _ONE_YEAR.search(text)
        if hit:
            return int(hit.group(1)), int(hit.group(1))
    return None, None


def _funded(own_before: str, after: str, object_re: re.Pattern[str]) -> str | None:
    """What the amount funds: "til X" after it (its clause's object), else the subject before a passive verb
    ("Sundhedsplejen styrkes med 3,2 mio. kr.")."""
    rest = _RANGE.sub(" ", after)  # ("fra 2029 til 2032" is a period, not an object)
    rest = _CLAUSE_BREAK.split(rest, maxsplit=1)[0]  # (", svarende til scenarie 2" is no object)
    hit = object_re.search(rest)
    if hit and hit.start() < 60:
        obj = hit.group("object")
        end = _OBJECT_END.search(obj)
        obj = obj[:end.start()] if end else obj
        obj = obj.strip()
        if obj and len(obj.split()) <= 12:
            return obj
    passive = _PASSIVE.search(own_before)
    if passive:
        subject = re.split(r"[.;:]|,\s", own_before[:passive.start()])[-1]
        subject = _LEAD_WORDS.sub("", subject.strip()).strip()
        if subject and len(subject.split()) <= 8 and not _ADVERBIAL.match(subject):
            return subject
    return None
