"""Question analysis: a question → a typed `Query` (what is asked, about what, for which years).

Pure functions over the question text, tested on their own. The distinctions the answer depends on:
- A year in the question ("i 2026", "2024-2027") selects the amount columns of that year; only "Budget
  2026" or "budgetåret 2026" (or the filter) selects a note's budget year. "Budgetaftale 2020" names the
  agreement that granted money earlier. A date ("1. februar 2023", "June 2023") is neither.
- The answer type says what kind of statement answers it: an amount, a count, a percentage, a goal or a
  result, a person, a date, a list, a sum, a comparison or a note's history.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from budgetarkiv.core.names import note_id_spelling
from budgetarkiv.core.scenarios import alternatives_named, scenarios_mentioned
from budgetarkiv.core.text import YEAR_IN_TEXT
from budgetarkiv.index.english import looks_english

ANSWER_TYPES = (
    "amount", "count", "percent", "goal", "result", "person", "date", "list", "sum", "comparison", "history", "fact",
)

_MONTHS = (
    "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|"
    "january|february|march|may|june|july|october"
)
_DATE = re.compile(rf"\b(?:\d{{1,2}}\.?\s+)?(?:{_MONTHS})\.?\s+(?:(?:19|20)\d\d)\b", re.IGNORECASE)
_BUDGET_YEAR = re.compile(
    r"\b(?:budget(?:året|år|year)?|budgetåret|fiscal year)\s+((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)", re.IGNORECASE
)
# "the 2024 proposal", "2024-forslaget", "budgetnotatet fra 2024": a year naming a note is its budget year
_NOTE_WORDS = r"(?:budget\s+)?(?:proposal|note|request)|forslaget|budgetnotatet|notatet|budgetønsket"
_NOTE_YEAR = re.compile(
    rf"\b((?:19|20)\d\d)[\s-]*(?:{_NOTE_WORDS})\b|\b(?:{_NOTE_WORDS})\s+(?:fra|from|of)\s+((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)",
    re.IGNORECASE,
)
# "Budgetaftale 2020", "budgetaftalerne for 2024 og 2026", "budget agreements of 2024 and 2026" (the singular
# "budgetaftalen for 2025" may be the agreement deciding that budget's notes: no earlier grant)
_AGREEMENT = re.compile(
    r"\b(?:(?:budgetaftale[n]?|overførselssag(?:en)?|budget agreement)\s+|(?:budgetaftalerne|budget agreements)\s+"
    r"(?:(?:for|of|fra|from)\s+)?)((?:19|20)\d\d(?:\s*(?:,|og|and|&)\s*(?:19|20)\d\d)*)\b", re.IGNORECASE)
# the English word order of "Budgetaftale 2025": "the Budget 2025 agreement", "the 2025 budget agreement" ("the
# Agreement on Budget 2026", like "Aftale om Budget 2026", is the agreement deciding that budget's notes)
_AGREEMENT_EN = re.compile(
    r"\b(?:budget\s+((?:19|20)\d\d)\s+agreement|((?:19|20)\d\d)\s+budget\s+agreement)\b", re.IGNORECASE)
# "i 2025-priser", "(both in 2025 prices)", "2025 p/l", "pris- og lønniveau 2025": a price level, not a year asked
_PRICE_LEVEL = re.compile(
    r"\b(?:(?:in|i)\s+)?(?:19|20)\d\d[\s-]*(?:prices|priser|p/l\b|pl\b|prisniveau|pris- og lønniveau)"
    r"|\b(?:pris- og lønniveau|prisniveau|price level)\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:[-–]|til|to|until)\s*((?:19|20)\d\d|\d\d)\b", re.IGNORECASE)
_SCENARIO = re.compile(r"\bscenari(?:e|o|et)?\s*(\d{1,2})\b", re.IGNORECASE)
_SCENARIO_LIST = re.compile(r"\bscenari(?:e|o|erne|os)?\s+(\d{1,2})(?:\s*(?:,|og|and|&|eller|or)\s*(\d{1,2}))+",
                            re.IGNORECASE)
# a scenario named by its place among the note's scenarios, which run from the least to the most ambitious:
# "the medium scenario", "det mellemste ambitionsniveau", "the most ambitious model", "den mindste model"
_ALTERNATIVE = r"(?:scenari\w*|model\w*|(?:ambitions)?niveau\w*|level|option|mulighed\w*|alternativ\w*|ambition\w*)"
# an alternative named by its number in words: "the second scenario", "det tredje scenarie", "option two"
_ORDINAL_WORDS = {"første": 1, "first": 1, "andet": 2, "anden": 2, "second": 2, "tredje": 3, "third": 3,
                  "fjerde": 4, "fourth": 4, "one": 1, "two": 2, "three": 3, "four": 4}
_ORDINAL_ALTERNATIVE = re.compile(
    rf"\b(?:(?P<ordinal>første|first|andet|anden|second|tredje|third|fjerde|fourth)\s+{_ALTERNATIVE}\b"
    rf"|\b(?:scenario|option|alternative|model)\s+(?P<word>one|two|three|four)\b)", re.IGNORECASE)
_RANKED_SCENARIO = {
    "middle": re.compile(rf"\b(?:medium|middle|intermediate|mellemste|midterste)\s+(?:\w+\s+)?{_ALTERNATIVE}\b",
                         re.IGNORECASE),
    "low": re.compile(rf"\b(?:smallest|least ambitious|lowest|most modest|mindste|laveste|mindst ambitiøse)\s+"
                      rf"(?:\w+\s+)?{_ALTERNATIVE}\b", re.IGNORECASE),
    "high": re.compile(rf"\b(?:largest|biggest|most ambitious|highest|største|højeste|mest ambitiøse)\s+"
                       rf"(?:\w+\s+)?{_ALTERNATIVE}\b", re.IGNORECASE),
}
# the alternative the administration recommends: "den anbefalede løsning", "som forvaltningen anbefaler",
# "the recommended option", "the one the administration recommends", "indstillede model"
_RECOMMENDED = re.compile(r"\b(anbefale\w*|recommend\w*|indstille\w*|foretrukne|preferred)\b", re.IGNORECASE)
_BUDGETED = re.compile(r"\b(?:budgett?er\w*|budgeted|afsat\w*|afsæt\w*|bevilg\w*|allocated|set aside|granted|"
                       r"appropriated)\b", re.IGNORECASE)
_PER_YEAR = re.compile(r"\b(?:om året|årligt|pr\.? år|per år|hvert år|per year|a year|each year|annual|annually|"
                       r"yearly)\b", re.IGNORECASE)
_NOTE_ID = re.compile(r"\b([A-ZÆØÅ]{2,4})\s?([A-Z]?\s?\d{1,3}[a-z]?)\b")

_COST = re.compile(
    r"\b(koste\w*|pris\w*|dyr\w*|billig\w*|penge|beløb\w*|budget(?!notat)\w*|\w*udgift\w*|afsat\w*|bevilg\w*|bevilling\w*|"
    r"mio|kr|finansier\w*|cost\w*|price\w*|money|spen[dt]\w*|fund\w*|budget\w*|grant\w*|how much)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"\b(koste\w*|pris\w*|dyr\w*|billig\w*|penge|beløb\w*|\w*udgift\w*|afsat\w*|afsæt\w*|bevilg\w*|mio|kr|spar\w*|"
    r"\w*budget(?:tet|ter|terne)|anlæg(?!ge)\w*|investering\w*|økonomisk\w*|finansier\w*|cost\w*|price\w*|money|spen[dt]\w*|sav(?:e|es|ing)\w*|"
    r"fund(?:s|ed|ing)?|grant\w*|set aside|budgeted|netto\w*|net|financial\w*|besparel\w*|expen\w*|"
    r"betal\w*|pay(?:s|ing)?|paid|invest\w*|capital|budgetaftale\w*|bill|price tag|outlay|regning\w*)\b|how much (?:would|does|did|will|is|has)"
    r"|\bhow much (?:\w+ )?(?:goes|go|went|gets|get|got)\b|\bhvor meget (?:\w+ )?(?:går|gik) til\b",
    re.IGNORECASE,
)
_LIST = re.compile(r"\b(hvilke|hvilken|which|what programmes|what programs|list|"
                   # the parts of one thing: "what are the four measures", "hvad er de tre dele", "hvad bruges
                   # pengene til", "what is the money used for"
                   r"(?:what are|hvad er) (?:the|de) (?:\w+ )?(?:parts|measures|elements|components|steps|tracks|"
                   r"dele|indsatser|elementer|tiltag|trin|spor|tasks|activities|opgaver|aktiviteter)|bruges (?:\w+ )?til|"
                   # English asks "what activities", "what does X include" where Danish asks "hvilke"
                   r"used for|spent on|what (?:activities|tasks|measures|initiatives|elements)|"
                   r"what does (?:[\w-]+ ){1,6}(?:include|consist of)|besides)\b",
                   re.IGNORECASE)
_FACT = re.compile(
    r"\b(hvor mange|hvor stor\w*|hvem|hvornår|hvordan|hvad er|hvad var|hvilke resultat\w*|hvad viser|"
    r"how many|who|when|how|what is|what was|what were|results?)\b",
    re.IGNORECASE,
)
_SUM = re.compile(r"\b(tilsammen|i alt|samlet|samlede|sammenlagt|in total|altogether|combined|together|total|"
                  r"add(?:s|ed|ing)? up|lagt sammen|lægge[rs]? sammen)\b",
                  re.IGNORECASE)
# "the two scenarios", "begge scenarier", "scenarierne": several scenarios without their numbers
_SCENARIOS = re.compile(r"\b(?:two|both|the|to|begge)\s+scenari(?:os|er)\b|\bscenarierne\b", re.IGNORECASE)
# "the staff row and the home visits row", "rækkerne": amounts of a table, money or not
_ROWS = re.compile(r"\b(?:rows?|række[nr]?\w*|amounts?|figures?)\b", re.IGNORECASE)
# an alternative named by its heading, not its number ("grundmodellen og den udvidede model")
_ALTERNATIVE_WORD = re.compile(r"\w*(?:model|scenari|variant|alternativ|løsning|solution|option)\w*", re.IGNORECASE)
_TOGETHER = re.compile(r"\b(tilsammen|sammenlagt|together|combined|add(?:s|ed|ing)? up|lagt sammen|lægge[rs]? sammen)\b",
                       re.IGNORECASE)
_COMPARE = re.compile(
    r"\b(sammenlign\w*|forskel\w*|compared?|comparison|versus|vs\.?|difference|frem for|i forhold til|end ansøgt|"
    r"mere end|mindre end|more than|less than|steget|faldet|steg|faldt|ændret sig|increased|decreased|gone (?:up|down)|"
    r"risen|rise|rose|fell|grew|changed)\b",
    re.IGNORECASE,
)
# "hvilket forslag sparer mest: X eller Y?", "which costs more, X or Y?": two named subjects weighed
# "which costs more: A or B", "hvad koster mest: A eller B": a choice between two named things
_WHICH_MOST = re.compile(r"\b(?:hvilke[nt]?|which|hvad|what)\b.*\b(?:mest|mere|mindst|mindre|størst|større|højest|lavest|"
                         r"dyrest|dyrere|billigst|billigere|most|more|less|least|highest|lowest|cheapest|cheaper|larger|largest|"
                         r"bigger|biggest|smaller|smallest|higher|lower|greater)\b"
                         r".*\s(?:eller|or)\s", re.IGNORECASE)
_HISTORY = re.compile(
    r"\b(tidligere afsat|tidligere bevilget|first funded|previously|hvilke budgetår|note[- ]?id|første gang|first time|i hvilke år|"
    r"hvilke programmer har haft|set aside (?:for|in) (?:19|20)\d\d|over årene|gennem årene|over the years|"
    r"across the years|historik\w*|history|hvad skete der|what happened|"
    # "after the note" is what became of it; "efter budgetnotatet til Budget 2027" is "according to" it
    r"efter budgetnotatet(?!\s+(?:til|for|fra)\s+(?:budget\s*)?(?:19|20)\d\d)|"
    r"after the (?:budget )?note(?!\s+(?:to|for|of|from)\s+(?:budget\s*)?(?:19|20)\d\d)|"
    r"blev (?:det|forslaget|indsatsen) vedtaget|was (?:it|the proposal) (?:adopted|approved|funded)|"
    # how a scheme was paid for before
    r"(?:first|først|oprindelig\w*|originally) (?:set aside|afsat|bevilget|funded|granted)|"
    # "hvornår blev pengene bevilget", "when was the money granted": the grant's budget, not a day
    r"(?:hvornår|when)\b[^?]*\b(?:bevilget|afsat|granted|funded|set aside|allocated)(?!\s+(?:til|for|to)\b)|"
    r"finansieret tidligere|tidligere finansieret|"
    # English word order: "was money granted before"
    r"(?:granted|set aside|allocated|funded|given) (?:\w+ )?before|since when|siden hvornår)\b"
    r"|\bbudgetaftale\w*\b.*\b(?:afsat|hvilken)\b",
    re.IGNORECASE,
)
_EARLIER = re.compile(
    r"budgetaftale|budget agreement|tidligere|blev (?:der )?(?:afsat|bevilget)|was (?:\w+ )?(?:set aside|allocated)|"
    r"fik\b|granted|previous|earlier|received|first funded|"
    r"allerede|hidtil|already|(?:had|has|have) (?:\w+ )?been (?:set aside|allocated|granted|funded|budgeted)|"
    r"\bbefore the (?:\w+ )*?(?:proposal|note)|\bfør (?:budgetnotatet|forslaget|notatet)",
    re.IGNORECASE,
)
_BEFORE = re.compile(r"\b(?:tidligere|hidtil|allerede|previous\w*|earlier|already|before the|før (?:budgetnotatet|"
                     r"forslaget|notatet))\b", re.IGNORECASE)
_GOAL = re.compile(
    r"\b(mål|målet|målene|målsætning\w*|målsat\w*|succeskriter\w*|forventet effekt|forventes|skal\b|goals?|targets?|"
    r"aims?|should|expected to|intended|supposed to|meant to)\b",
    re.IGNORECASE,
)
_RESULT = re.compile(
    r"\b(resultat\w*|nåede|opnåede|opnået|blev resultatet|viste|stadig|fik job|har fået|effekt(?:en)? var|"
    r"results?|outcomes?|achieve[sd]?|accomplish\w*|reached|still|meet|met|opfyldt\w*|indfri\w*|"
    r"dropped|fallen|risen|gone (?:down|up)|declined|faldet|steget)\b",
    re.IGNORECASE,
)
_VOTED = re.compile(r"\b(stemte|stemt|voted|voting|afstemning\w*)\b", re.IGNORECASE)
_WHERE = re.compile(r"^\s*(?:hvor|where)\b(?!\s+(?:mange|meget|stor\w*|much|many|large|big))", re.IGNORECASE)
_NAMED_GOAL = re.compile(r"\b(mål|målet|målene|målsætning\w*|målsat\w*|succeskriter\w*|goals?|targets?|aims?)\b",
                         re.IGNORECASE)
_COUNT = re.compile(r"\b(hvor mange|how many|antal\w*|number of)\b", re.IGNORECASE)
_PERCENT = re.compile(
    r"\b(hvor stor en (?:del|andel)|hvor stor en procent\w*|hvor stor del|andel\w*|procent\w*|pct|percent\w*|"
    r"share|proportion)\b",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"\b(hvem|hvilket parti|hvilke partier|which party|underskrev\w*|signed|signatory|job title|"
    r"hvilken titel|stilling|hvilk\w* (?:byrådsmedlem|medlem|politiker)\w*|(?:which|what) (?:council )?members?|"
    r"which politicians?|hvilke[nt]? (?:forening|organisation|virksomhed|firma|aktør)\w*|"
    r"which (?:associations?|organi[sz]ations?|compan(?:y|ies)|firms?))\b",
    re.IGNORECASE,
)
_MODAL = re.compile(r"\b(skal|should|must|forventes|expected to|intended to)\b", re.IGNORECASE)
# "Who signed", "To whom", "..., and who is it for": a question word; "the young people who got a pass" is a
# relative pronoun after a noun and asks for no person
_WHO = re.compile(r"(?:^|[,;:?]\s*|\b(?:and|or|to|by|for|from|with|of)\s+)(?:who|whom)\b", re.IGNORECASE)
# "hvor mange procent", "how many percent": a share, not a count
# "hvor mange årsværk", "how many FTEs": the thing counted follows the question word; money is no such thing
_COUNTED_THING = re.compile(
    r"\b(?:hvor mange|how many)\s+(?!(?:flere\s+|more\s+)?(?:penge|kroner|kr|tkr|mio|millioner|mia|milliarder|money|"
    r"dkk|euro|procent\w*|pct|percent\w*)\b)[^\W\d]", re.IGNORECASE)
_COUNTED_SHARE = re.compile(r"\b(?:hvor mange|how many)\s+(?:procent\w*|pct|percent\w*)", re.IGNORECASE)
# Words that say what kind of answer a person or date question wants (who asked, signed, the meeting held),
# not what it is about: the archive need not repeat them for the question to be answerable. (Question words
# stay: they tell the language, and they count for nothing anyway.)
_TYPE_WORDS = {
    "person": re.compile(
        r"\b(council|members?|medlem\w*|byrådsmedlem\w*|politiker\w*|"
        r"politicians?|asked|spurgte|stillede|underskrev\w*|signed|signatory|job|title|titel|stilling\w*|"
        r"party|parti\w*|person|letter|brev\w*|reply|svar\w*|skrevet under|skrev under|"
        # a role asked for: the document names the person on a labelled line ("Yderligere oplysninger: ...",
        # "Mødeleder: ...") that need not repeat the question's word for it
        r"kontakt\w*|contact\w*|call|ringe|yderligere oplysninger|more information|further information|"
        r"chair\w*|formand\w*|mødeleder\w*|ordfører\w*|forelag\w*|presented|sagsbehandler\w*)\b", re.IGNORECASE),
    "date": re.compile(
        r"\b(date|dato|dated|dateret|held|holdt|meetings?|møde\w*|next|næste|letter|brev\w*|reply|"
        r"svar\w*|council|members?|medlem\w*|asked|spurgte|sen[dt]|sendte|wrote|skrev|mail\w*)\b", re.IGNORECASE),
    # a comparison or a sum says how to put the amounts together, not what they are about
    "comparison": re.compile(
        r"\b(sammenlign\w*|forskel\w*|compar\w*|difference|versus|vs|oprindelig\w*|original\w*|"
        r"forhold|dyrere|billigere|mere|mindre|more|less)\b", re.IGNORECASE),
    "sum": re.compile(r"\b(tilsammen|sammenlagt|samlet|samlede|together|combined|altogether|total)\b", re.IGNORECASE),
    # a share asked as "hvor mange procent": the notes write "pct."
    "percent": re.compile(r"\b(procent\w*|pct|percent\w*)\b", re.IGNORECASE),
}
# Where one question asks several things: "Hvad var målet, og hvad blev resultatet?", "... and how large is it?"
_ASK_SPLIT = re.compile(
    r"\?\s+(?=\S)|,?\s+(?:og|and|samt)\s+(?=(?:hv\w+|how|what|which|who|when|where|why)\b)", re.IGNORECASE
)
# a question asking an amount besides a date ("hvornår og hvor meget", "what will it cost, and when")
_AMOUNT_ASKED = re.compile(r"\b(?:hvor meget|hvor mange (?:penge|kroner|mio)|hvad kost\w*|hvilket beløb|how much|"
                           r"how many (?:kroner|millions?)|which amount|what amount|what (?:will|would|does|did|do)\b[^?,;]*\bcost)\b",
                           re.IGNORECASE)
# ("when" as a question word, not the conjunction of "what does it cost when it is fully running")
_DATE_Q = re.compile(r"\b(hvornår|hvilken dato|what date|dato|dateret|dated)\b|"
                     r"(?:^\W*|[,;:]\s*|\b(?:and|or|but|since|from|until|by)\s+)when\b", re.IGNORECASE)
_WANTS_FINAL = re.compile(
    r"\b(?:endelig[et]?|final|seneste|nyeste|latest|opdatered?e|opdateret|updated|reviderede?|revideret|revised|"
    r"rettede?|rettet|corrected)\s+(?:version|udgave|budgetnotat\w*|notat\w*|budget note|note)\b",
    re.IGNORECASE,
)
# (the first version of a note that was corrected later is its draft: "den første version", "the original note")
_WANTS_DRAFT = re.compile(r"\b(?:udkast\w*|kladde\w*|drafts?|foreløbig[et]?\s+(?:version|notat)|"
                          r"(?:første|first|1\.|oprindelige?|original)\s+(?:version|udgave|budgetnotat|notat|note))\b",
                          re.IGNORECASE)
# "fully phased in", "i fuld drift", and "a full year" beside a first year ("its first year compared with a full year")
_PHASED_IN = re.compile(r"\b(?:fuldt? (?:indfaset|implementeret|udrullet|udbygget)|fuld effekt|i fuld drift|"
                        r"kører (?:på )?fuldt?\w*|fuld (?:kapacitet|udbygning)|runs? fully|at full capacity|"
                        r"fully (?:phased in|implemented|running|operational|in place)|full effect|full operation|"
                        r"(?:a|one|et|ét) (?:full|whole|fuldt|helt) (?:year|år)|helårs\w*|full[- ]year)\b",
                        re.IGNORECASE)
_FIRST_YEAR = re.compile(r"\b(?:første|first)[\s-]+(?:hele\s+|full\s+)?(?:år|year)\b", re.IGNORECASE)  # ("first-year cost")
# a year named by its place in the budget period: "i budgetåret" (0), "i BO2", "i 2. overslagsår", "andet overslagsår",
# "the second outlook year", "the 2nd outlook year" (2); the note's budget year + n is the column asked for
_ORDINALS = {"første": 1, "first": 1, "andet": 2, "second": 2, "tredje": 3, "third": 3, "fjerde": 4,
             "fourth": 4}
_PERIOD_YEAR = re.compile(
    r"\b(?:(?P<budget>budgetåret|budgetår|the budget year)(?!\s*(?:19|20)\d\d)"
    r"|BO\s?(?P<bo>[1-9])(?!\d)"
    r"|(?:(?P<n>[1-9])(?:\.|st|nd|rd|th)|(?P<word>første|andet|tredje|fjerde|first|second|third|fourth))\s+"
    r"(?:overslagsår|outlook year|forecast year|out-year)"
    r"|(?:overslagsår|outlook year)\s+(?P<after>[1-9])(?!\d))\b",
    re.IGNORECASE,
)
# "de første to år", "de to første år", "the first two years", "the first 3 years"
_COUNTS = {"to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4, "four": 4, "fem": 5, "five": 5}
_FIRST_YEARS = re.compile(r"\b(?:(?:første|first)\s+(?P<a>to|tre|fire|fem|two|three|four|five|[2-5])|"
                          r"(?P<b>to|tre|fire|fem)\s+første)\s+(?:hele\s+|full\s+)?(?:år|years)\b", re.IGNORECASE)
# "the highest running costs", "dyreste", "sparer mest": one of several amounts, the largest or smallest
_MOST = re.compile(r"\b(highest|largest|biggest|most expensive|højeste|største|dyreste|mest|most)\b", re.IGNORECASE)
_LEAST = re.compile(r"\b(lowest|smallest|cheapest|least|laveste|mindste|billigste|mindst)\b", re.IGNORECASE)
# a choice between two named things: "X eller Y", "X or Y", weighed by a superlative or a comparative
_OR_WORD = re.compile(r"\s(?:eller|or)\s", re.IGNORECASE)
_MORE = re.compile(r"\b(more|mere|dyrere|dyrest|større|højere|larger|bigger|higher|greater)\b", re.IGNORECASE)
_LESS = re.compile(r"\b(less|mindre|billigere|billigst|lavere|smaller|lower|cheaper|fewer|færre)\b", re.IGNORECASE)
# a span of years written as one ("over 2028-2031", "i 2026 til 2028"): the amounts over it, not year by year
_SPAN = re.compile(r"\b(?:19|20)\d\d\s*(?:[-–]|til|to)\s*(?:19|20)?\d\d\b", re.IGNORECASE)
_HOW_MUCH = re.compile(r"\b(hvor meget|hvor stor\w*|how much|how large|how big)\b", re.IGNORECASE)
_LIST_RESULTS = re.compile(r"\bhvilke resultat", re.IGNORECASE)
# the words naming the proposal itself, not a row of it: "udeskole-forslaget", "forslaget om udeskole", "the
# printer proposal", "the proposal for a culture pass"
_PROPOSAL = r"(?:forslag(?:et)?|budgetønsket|budgetnotatet|notatet|proposals?|(?:budget )?note)"
_PROPOSAL_NAMED = (
    re.compile(rf"\b([^\W\d_]+)-{_PROPOSAL}\b", re.IGNORECASE),
    re.compile(rf"\b{_PROPOSAL}\s+(?:om|til|for|on|about|of)\s+(?:(?:en|et|a|an|the|de|den|det)\s+)?"
               r"((?:[^\W\d_]+\s+){0,2}?[^\W\d_]+)\b(?=\s+(?:i|in|fra|from|og|and|til|to|for|ved|med|with|"
               r"compared|sammenlignet)\b|\s*[?,.:;]|\s*$)", re.IGNORECASE),
    re.compile(rf"\b(?:the|this|that)\s+((?:[^\W\d_]+\s+){{0,2}}?[^\W\d_]+)\s+{_PROPOSAL}\b", re.IGNORECASE),
)
# "uden projektledelse", "excluding consultancy", "bortset fra evalueringen": rows named after it are left out of a sum
_EXCLUDED = re.compile(
    r"\b(?:uden|ekskl\.?|eksklusive?|bortset fra|undtagen|men ikke|excluding|excl\.?|except(?: for)?|without|"
    r"not counting|leaving out|apart from)\s+(?P<part>[^?,.;:]+)", re.IGNORECASE)
# "bruttoudgiften", "gross costs", "før besparelserne", "before the savings": the expenditure rows, not the net sum
_SAVING_WORDS = r"(?:besparelse\w*|mindreudgift\w*|savings?|reductions?|lavere udgift\w*|refusion\w*|indtægt\w*|income)"
_GROSS = re.compile(
    rf"\b(?:brutto\w*|gross|(?:før|inden|uden|before|without|excluding|ekskl\.?)\s+(?:\w+\s+)?{_SAVING_WORDS})",
    re.IGNORECASE)
# a year, a period or "i alt" after the rows left out ("uden rådgivning i 2028") says when, not which rows
_YEARS_OUT = re.compile(r"\b(?:i|in|over|for)\s+(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?|alt|total)\b.*$|"
                        r"\b(?:i alt|in total|tilsammen|together|samlet)\b.*$", re.IGNORECASE)
# "over hele perioden", "i alt i perioden", "over de fire år", "over its three years", "across the whole period"
_WHOLE_PERIOD = re.compile(
    r"\b(?:hele perioden|i alt i perioden|(?:whole|entire|full) period|"
    r"(?:over|across|in|for|i) (?:hele |alle |de |its |their |the |all )"
    r"(?:(?:whole|entire|full|to|tre|fire|fem|seks|two|three|four|five|six|\d) )?"
    r"(?:perioden?|periode|period|år|årene|years)\b(?!\s*(?:19|20)\d\d)|"
    # "for begge vintre", "for both years", "across both seasons": every year of the table together
    r"(?:over|across|in|for|i)\s+(?:begge|both)(?:\s+the)?\s+(?:år|vintre|somre|sæsoner|skoleår|years|winters|"
    r"summers|seasons|school years)\b)", re.IGNORECASE)

# Words every question uses: they say nothing about what is asked for, so they cannot make it relevant.
GENERIC_WORDS = frozenset(
    """hvad hvilke hvilken hvor hvem hvordan hvornår mange meget stor koster koste kostede kost pris penge beløb
    budget budgettet budgetnotat notat notater indsats indsatser indsatsen programmer program projekt år året
    årligt om pr per i alt samlet samlede der er var blev bliver har have den det de en et og eller til af på
    for med som fra ved ikke kan skal vil findes gives gik bruges brugt kommunen københavns københavn
    ny nye nyt gammel gamle andre anden alle hele stort store større over under mellem mere mest noget nogen
    sat sætte givet gives får fik går gik været være findes fandtes kostet årene årenes gennem historik historikken
    it its this that these those they them their be been being has have had can could will would should
    about from with into than then also any some all more most other
    what which who how much many does did do is are was were the a an of for to in on and or cost costs
    price money spend spent programme programmes program programs project per year annual total there
    city copenhagen municipality mål målet målene målsætning målsætningen målsætningerne resultat resultatet
    resultaterne goal goals target targets result results sparer spare sparet perioden periode fuldt
    tilsammen sammenlagt indsatserne altogether combined together
    forslag forslaget forslagene budgetnotatet budgetnotaterne proposal proposals proposed propose
    udgift udgiften udgifter udgifterne expense expenses expenditure årlig årlige yearly
    skete sket happened happen netto net financial økonomisk økonomiske save saves saving savings ask asked
    apply applied prices priser prisniveau both begge dyr dyre dyrere dyreste billig billigere expensive cheaper
    already allerede hidtil tidligere earlier previously before set aside afsat afsatte største mindste højeste laveste
    when once whole each every fully""".split()
)
# generic for relevance, yet a scenario's name may hold them ("Fuld skybrudssikring", "Stor model", "Ny ordning")
NAMING_WORDS = frozenset("stor store stort større fuld fulde fuldt hele ny nye nyt gammel gamle whole fully".split())
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Query:
    """What a question asks, as the answer needs it."""

    text: str  # the question as asked
    language: str  # "da" or "en"
    answer_type: str  # one of ANSWER_TYPES: what kind of statement answers it
    intents: tuple[str, ...]  # "list", "cost", "fact": which parts the answer shows
    subject: tuple[str, ...]  # the question's own words (lower case, question words removed)
    years: tuple[int, ...] = ()  # amount columns asked for ("i 2026", "2024-2027")
    budget_year: int | None = None  # the note's budget year, only from "Budget 2026" / "budgetåret 2026"
    budget_years: tuple[int, ...] = ()  # every budget year named ("fra notatet til Budget 2023 til ... 2027")
    agreement_years: tuple[int, ...] = ()  # "Budgetaftale 2020": the agreement that granted money earlier
    scenarios: tuple[int, ...] = ()  # "scenarie 1 og scenarie 2"
    note_ids: tuple[str, ...] = ()  # "BI18", "SUF09", "SUF E3"
    wants_goal: bool = False  # "mål", "målsætning", "target": a goal, not a result
    wants_result: bool = False  # "resultat", "nåede", "achieved": a result, not a goal
    wants_number: bool = False  # "hvor mange", "hvor meget", "pct.": the answer is a figure
    version: str | None = None  # "final" ("den endelige version", "the final note") or "draft" ("udkastet")
    earlier: bool = False  # money granted earlier ("tidligere afsat", "Budgetaftale 2020")
    # ... asked as such ("tidligere afsat", "already granted"): the notes' history of grants answers, not the
    # text of an agreement the question names ("Hvad giver budgetaftalen for 2031 til X?" is no such question)
    granted_before: bool = False
    whole_period: bool = False  # "i alt i perioden", "over hele perioden": the table's total
    asks: tuple[str, ...] = ()  # the separate things asked, when one question asks several
    first_year: bool = False  # "det første år", "in its first year": the first column of the note's table
    fully_phased_in: bool = False  # "når det er fuldt indfaset", "fully phased in": each proposal's last column
    first_years: int = 0  # "de første to år", "the first three years": that many first columns of the note's table
    extreme: str | None = None  # "max" ("the highest", "dyreste") or "min" ("cheapest"): one amount of several
    scenario_rank: str | None = None  # "low", "middle" or "high": "the medium scenario", "det største scenarie"
    recommended: bool = False  # "den anbefalede løsning", "the option the administration recommends"
    per_year: bool = False  # "hvad koster det om året", "per year": yearly amounts, not the period's total
    # years named by their place in the budget period, as offsets from the note's budget year: "i budgetåret" 0,
    # "i BO2" 2 (the answer maps them to the focused note's years)
    period_years: tuple[int, ...] = ()

    def with_ranked_scenario(self, count: int) -> Query:
        """The query with the scenario its rank names among a note's `count` scenarios ("the medium one" of
        three is scenario 2); unchanged when scenarios are named by number or the rank is ambiguous."""
        if self.scenarios or not self.scenario_rank or count < 2:
            return self
        number = {"low": 1, "high": count}.get(self.scenario_rank, 2 if count == 3 else None)
        return replace(self, scenarios=(number,)) if number else self

    @property
    def compares(self) -> bool:
        """ "compared with the city as a whole", "i forhold til", "steget": two figures weighed, both answer."""
        return bool(_COMPARE.search(self.text))

    @property
    def compares_versions(self) -> bool:
        """ "ændret sig fra første udkast til den endelige version": a note's draft against its final version."""
        return bool(_COMPARE.search(self.text) and _WANTS_DRAFT.search(self.text) and _WANTS_FINAL.search(self.text))

    @property
    def excluded(self) -> str:
        """ "i alt, uden projektledelse og rådgivning": the words naming the rows a sum leaves out ("" when none;
        savings left out are `gross`)."""
        m = _EXCLUDED.search(self.text)
        return "" if m is None or self.gross and re.match(_SAVING_WORDS, m.group("part").split()[-1], re.I) \
            else _YEARS_OUT.sub(" ", m.group("part")).strip()

    @property
    def gross(self) -> bool:
        """ "bruttoudgiften", "before the savings": the expenditure rows of a table, not its net sum row."""
        return bool(_GROSS.search(self.text))

    @property
    def choice(self) -> str | None:
        """ "Er Alternativ I eller II billigst?", "which costs more: X or Y?": "min" or "max", the one of the
        two the answer names; None when the question weighs no two things against each other."""
        if not _OR_WORD.search(self.text):
            return None
        if _LEAST.search(self.text) or _LESS.search(self.text):
            return "min"
        return "max" if _MOST.search(self.text) or _MORE.search(self.text) else None

    @property
    def over_period(self) -> bool:
        """ "over 2028-2031", "over hele perioden", "samlet set": the amounts over the period as one, not year
        by year (nor per year: "om året")."""
        if self.per_year:
            return False
        return self.whole_period or (len(self.years) >= 2 and bool(_SPAN.search(self.text))) \
            or bool(_SUM.search(self.text)) and len(self.years) != 1

    @property
    def speaks_of_a_budget(self) -> bool:
        """ "afsat/budgetteret i 2018", "budgeted in 2018", or the note named by its id ("BI18 i 2018"): a year
        that is a note's own budget year may then mean that budget, not only its column."""
        return bool(self.note_ids or _BUDGETED.search(self.text))

    @property
    def says_total(self) -> bool:
        """ "i alt", "samlet", "in total": several amounts asked for as one."""
        return bool(_SUM.search(self.text))

    @property
    def subject_text(self) -> str:
        """The question without the words that only say what kind of answer it wants (for a person or a
        date: "which council member asked", "signed", "held a meeting") or which version of a note it asks
        about ("den første version"): what the archive must speak of."""
        pattern = _TYPE_WORDS.get(self.answer_type)
        text = pattern.sub(" ", self.text) if pattern else self.text
        text = _PERIOD_YEAR.sub(" ", text)  # ("in the second outlook year", "i BO2": which column, not what)
        # "den første version", "the corrected version" say which version of the note, not what it speaks of
        text = _WANTS_FINAL.sub(" ", _WANTS_DRAFT.sub(" ", text)) if self.version else text
        return re.sub(r"\s{2,}", " ", text).strip()

    @property
    def search_text(self) -> str:
        """The question for retrieval: years of amount columns removed (they would pull notes of that
        budget year up), the budget year and everything else kept."""
        text = self.text
        if self.years:
            text = _RANGE.sub(lambda m: _keep_budget(m, self), text)
            text = YEAR_IN_TEXT.sub(lambda m: _keep_budget(m, self), text)
        return re.sub(r"\s{2,}", " ", text).strip()


def _wants_result(text: str) -> bool:
    """Whether the question asks what happened. "Still" is a result ("boede stadig i boligen") unless a goal's
    modal says it is wanted ("should still be active a year later")."""
    return any(m.group(1).lower() not in ("stadig", "still") or not _MODAL.search(text) for m in _RESULT.finditer(text))


def _keep_budget(m: re.Match, q: Query) -> str:
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", m.group(0))]
    keep = q.budget_year in years or any(y in q.agreement_years for y in years)
    return m.group(0) if keep else ""


def route(question: str) -> tuple[str, ...]:
    """What the question asks for; a question can ask several things at once."""
    intents = []
    if _LIST.search(question) and not _LIST_RESULTS.search(question):
        intents.append("list")
    if _COST.search(question):
        intents.append("cost")
    if _FACT.search(question) or not intents:
        intents.append("fact")
    return tuple(intents)


def analyse(question: str, language: str | None = None) -> Query:
    """The typed query for a question (language detected unless given)."""
    q = _analysed(question, language, english_agreements=True)
    if q.agreement_years and q.answer_type in ("date", "person"):
        # "When was the Budget 2026 agreement reached?", "Who made ...": the agreement is the subject, a paper of
        # that budget year, not the source of an earlier grant (agreement years select grants' tables)
        return _analysed(question, language, english_agreements=False)
    return q


def _analysed(question: str, language: str | None, english_agreements: bool) -> Query:
    text = question.strip()
    lang = language or ("en" if looks_english(text) else "da")
    without_dates = _PRICE_LEVEL.sub(" ", _DATE.sub(" ", text))
    agreed_en = [int(next(y for y in m.groups() if y)) for m in _AGREEMENT_EN.finditer(without_dates)]
    if english_agreements:
        without_dates = _AGREEMENT_EN.sub(" ", without_dates)
    else:
        agreed_en = []
    budget = [int(y) for y in _BUDGET_YEAR.findall(without_dates)]
    budget += [int(a or b) for a, b in _NOTE_YEAR.findall(without_dates)]
    agreement = tuple(dict.fromkeys([*agreed_en, *(int(y) for m in _AGREEMENT.findall(without_dates)
                                                    for y in YEAR_IN_TEXT.findall(m))]))
    plain = _AGREEMENT.sub(" ", _NOTE_YEAR.sub(" ", _BUDGET_YEAR.sub(" ", without_dates)))
    years: list[int] = []
    for a, b in _RANGE.findall(plain):
        if len(b) == 2:
            b = a[:2] + b  # "2020-23"
        lo, hi = sorted((int(a), int(b)))
        if hi - lo <= 20:
            years.extend(range(lo, hi + 1))
    plain = _RANGE.sub(" ", plain)
    years.extend(int(y) for y in YEAR_IN_TEXT.findall(plain))
    # "Forslag 1 og 2", "Option A and B": every alternative of a list (a range, "Niveau 1-4", names them all)
    scenarios = sorted(scenarios_mentioned(text) | alternatives_named(text))
    for m in _SCENARIO_LIST.finditer(text):
        scenarios.extend(int(n) for n in re.findall(r"\d{1,2}", m.group(0)))
    scenarios.extend(_ORDINAL_WORDS[(m.group("ordinal") or m.group("word")).lower()]
                     for m in _ORDINAL_ALTERNATIVE.finditer(text))
    note_ids = [note_id_spelling(f"{a} {b}") if b[0].isalpha() else f"{a}{b}" for a, b in _NOTE_ID.findall(text)]
    q = Query(
        text=text, language=lang, answer_type="fact", intents=route(text), subject=subject_words(_PERIOD_YEAR.sub(" ", text)),
        years=tuple(sorted(set(years))), budget_year=budget[0] if budget else None, agreement_years=agreement,
        budget_years=tuple(dict.fromkeys(budget)),
        scenarios=tuple(sorted(set(scenarios))), note_ids=tuple(dict.fromkeys(note_ids)), asks=split_asks(text),
        wants_goal=bool(_GOAL.search(text)), wants_result=_wants_result(text),
        wants_number=bool(_COUNT.search(text) or _HOW_MUCH.search(text) or _PERCENT.search(text)),
        version="draft" if _WANTS_DRAFT.search(text) else "final" if _WANTS_FINAL.search(text) else None,
        earlier=bool(_EARLIER.search(text) or agreed_en), granted_before=bool(_BEFORE.search(text)),
        first_year=bool(_FIRST_YEAR.search(text)) and not _first_years(text),
        first_years=_first_years(text),
        fully_phased_in=bool(_PHASED_IN.search(text)),
        extreme="max" if _MOST.search(text) else "min" if _LEAST.search(text) else None,
        whole_period=bool(_WHOLE_PERIOD.search(text)),
        scenario_rank=next((rank for rank, pattern in _RANKED_SCENARIO.items() if pattern.search(text)), None),
        recommended=bool(_RECOMMENDED.search(text)),
        per_year=bool(_PER_YEAR.search(text)),
        period_years=period_years(text),
    )
    return _with_type(q)


def period_years(text: str) -> tuple[int, ...]:
    """The offsets from the budget year of the years a question names by their place in the budget period:
    "i budgetåret og i BO1" -> (0, 1); "in the second overslagsår" -> (2,)."""
    found: list[int] = []
    for m in _PERIOD_YEAR.finditer(text):
        if m.group("budget"):
            found.append(0)
        else:
            n = m.group("bo") or m.group("n") or m.group("after")
            found.append(int(n) if n else _ORDINALS[m.group("word").lower()])
    return tuple(sorted(set(found)))


def _first_years(text: str) -> int:
    m = _FIRST_YEARS.search(text)
    if m is None:
        return 0
    word = (m.group("a") or m.group("b")).lower()
    return int(word) if word.isdigit() else _COUNTS[word]


def _with_type(q: Query) -> Query:
    kind = answer_type(q)
    if kind == "fact" and q.years and _terse(q.text):
        # "SUF61 løsning 3 2030?", "KFF12 2028": a note (or programme) and a year, no question: its amount
        return replace(q, answer_type="amount", intents=tuple(dict.fromkeys(("cost", *q.intents))))
    if kind in ("person", "date") and "list" in q.intents:  # "which council member asked": one name, no list
        return replace(q, answer_type=kind, intents=tuple(i for i in q.intents if i != "list") or ("fact",))
    return replace(q, answer_type=kind)


def _terse(text: str) -> bool:
    """A search-box question: a few words, no question word ("SUF61 løsning 3 2030?", "tandbus 2029")."""
    return len(_WORD.findall(text)) <= 4 and not _FACT.search(text) and not _LIST.search(text) \
        and not re.search(r"\b(hvad|hvor|hvem|hvornår|hvorfor|what|how|who|when|why|where)\b", text, re.IGNORECASE)


def answer_type(q: Query) -> str:
    """The kind of statement that answers the question; the first rule that fits wins."""
    t = q.text
    money = bool(_MONEY.search(t))
    if _HISTORY.search(t) or (q.note_ids and re.search(r"hvilke budgetår|which (?:budget )?years", t, re.I)):
        return "history"
    if _PERSON.search(t) or _WHO.search(t.strip()) or _VOTED.search(t) and not _COUNT.search(t):
        return "person"  # (who voted for or against: the parties, one sentence of the minutes)
    if _DATE_Q.search(t) and not (money and _AMOUNT_ASKED.search(t)):
        return "date"  # ("hvornår udløber bevillingen", "when was the budget agreement made": a date, money named)
    if money and (len(q.scenarios) >= 2 or _COMPARE.search(t) or _WHICH_MOST.search(t)):
        return "comparison"
    if _COMPARE.search(t) and (len(q.scenarios) >= 2 or len(q.years) == 2 or _SCENARIOS.search(t)):
        return "comparison"
    if q.compares_versions and (money or "cost" in q.intents or _HOW_MUCH.search(t) or q.years):
        return "comparison"  # a draft's and the final version's amounts
    if _COMPARE.search(t) and q.years and len(_ALTERNATIVE_WORD.findall(t)) >= 2:
        return "comparison"  # "forskellen på grundmodellen og den udvidede model ... i 2026": their amounts
    if (q.gross or money and q.excluded and _SUM.search(t)) and not _COUNT.search(t):
        return "sum"  # "bruttoudgiften", "i alt uden projektledelse": the table's rows asked, added up
    # "i alt til klubpladser og Housing First": "i alt" over two named subjects adds them up
    if (money or _ROWS.search(t)) and _SUM.search(t) and not q.whole_period and (
            len(q.years) >= 2 or _TOGETHER.search(t) or q.earlier or re.search(r"\bsamlede udgifter", t, re.I)
            or subject_parts(t) and not q.asks and "list" not in q.intents):
        return "sum"
    if _COUNT.search(t) and (not money or _COUNTED_THING.search(t) and not q.asks) and not _NAMED_GOAL.search(t) \
            and not q.wants_result and not _COUNTED_SHARE.search(t):
        # "hvor mange regnbede skal der anlægges": "skal" alone asks for no goal; "how many FTEs does the savings
        # catalogue cut": a count of a thing, though its subject speaks of money (one question; "hvor mange X, og
        # hvad koster de" asks for money too)
        return "count"
    if q.wants_goal and q.wants_result:
        return "result"
    if q.wants_goal and not money and not _WHERE.search(t) \
            and not ("list" in q.intents and not _NAMED_GOAL.search(t)):
        # ("hvor skal bassinet placeres": a place; "hvilke dagcentre skal holde åbent": "skal" of a list names no goal)
        return "goal"
    if money and q.extreme and len(q.years) == 1:
        return "amount"  # "which scenario has the highest running costs in 2028": the largest amount of that year
    if "list" in q.intents and not _COUNT.search(t) and not _HOW_MUCH.search(t.split(",")[0]):
        return "list"
    if _PERCENT.search(t):
        return "percent"
    if _COUNT.search(t) and not money:
        return "count"
    if money:
        return "amount"
    if q.wants_result:
        return "result"
    if "list" in q.intents:
        return "list"
    return "fact"


def split_asks(question: str) -> tuple[str, ...]:
    """The separate things a question asks ("..., og hvad blev resultatet?"); () when it asks one. A later ask
    that leaves out the noun the first one names ("Hvilket scenarie anbefaler forvaltningen, og hvilket
    foretrækker lokaludvalget?") gets it back: "hvilket scenarie foretrækker lokaludvalget"."""
    parts = [p.strip(" ,?") for p in _ASK_SPLIT.split(question.strip())]
    parts = [p for p in parts if len(p.split()) >= 2]
    first = _WHICH_NOUN.search(parts[0]) if parts else None
    if first is not None and not _FINITE.fullmatch(first.group(2)):
        for i, part in enumerate(parts[1:], 1):
            m = _WHICH_NOUN.match(part)
            if m is not None and _FINITE.fullmatch(m.group(2)):
                parts[i] = f"{part[:m.end(1)]} {first.group(2)}{part[m.end(1):]}"
    return tuple(parts) if len(parts) > 1 else ()


_WHICH_NOUN = re.compile(r"\b(hvilke[nt]?|which)\s+([^\W\d_]+)", re.IGNORECASE)
# a verb right after "hvilket"/"which": the noun was left out ("og hvilket foretrækker lokaludvalget")
_FINITE = re.compile(r"foretrækker|anbefaler|vælger|valgte|ønsker|støtter|foreslår|har|er|var|blev|vil|kan|skal|"
                     r"does|did|do|is|was|are|were|would|will|has|have|prefers?|recommends?|chooses?|chose|"
                     r"supports?|proposes?|wants?", re.IGNORECASE)


_AND = re.compile(r"\s+(?:og|and|samt|plus|&|i forhold til|sammenlignet med|compared (?:with|to)|versus|vs\.?)\s+",
                  re.IGNORECASE)
_OR = re.compile(r"\s+(?:eller|or)\s+", re.IGNORECASE)  # the alternatives of a "which ... most" comparison


def subject_parts(text: str) -> tuple[str, ...]:
    """The parts of a question that names several subjects ("klubberne og Housing First-teamet", "X i forhold
    til Y"): the text split at "og/and" or a comparison's "i forhold til/compared with", when every part has
    words of its own; () when it names one subject, or when every part names an alternative ("Model A og
    Model B", "grundmodellen og den udvidede model": one proposal's)."""
    parts = tuple(p.strip() for p in _AND.split(text) if p.strip())
    if len(parts) < 2 and _WHICH_MOST.search(text):
        parts = tuple(p.strip() for p in _OR.split(text.split(":")[-1]) if p.strip())
    if len(parts) < 2 or not all(subject_words(p) for p in parts):
        return ()
    if all(_ALTERNATIVE_WORD.search(p) for p in parts):
        return ()  # "grundmodellen og den udvidede model": alternatives of one proposal, not several subjects
    return parts


_VERSUS = re.compile(r"\s+(?:i forhold til|sammenlignet med|compared (?:with|to)|versus|vs\.?)\s+", re.IGNORECASE)


def comparison_sides(text: str) -> tuple[str, ...]:
    """The two sides of "X compared with Y" / "X i forhold til Y" ("what was granted compared with what was
    applied for"), each of two words or more; () otherwise."""
    parts = tuple(p.strip(" ?,") for p in _VERSUS.split(text))
    return parts if len(parts) == 2 and all(len(p.split()) >= 2 for p in parts) else ()


def proposal_words(question: str) -> tuple[str, ...]:
    """The words that name the proposal itself ("udeskole-forslaget", "forslaget om udeskole", "the printer
    proposal"): they say which note, not which row of its tables."""
    found = [w.lower() for p in _PROPOSAL_NAMED for m in p.finditer(question) for w in _WORD.findall(m.group(1))]
    return tuple(dict.fromkeys(w for w in found if w not in GENERIC_WORDS))


def subject_words(question: str) -> tuple[str, ...]:
    """The question's own words in order: lower case, question words and digits removed."""
    words = [w.lower() for w in _WORD.findall(question)]
    return tuple(dict.fromkeys(w for w in words if w not in GENERIC_WORDS and len(w) >= 3))


__all__ = ["ANSWER_TYPES", "GENERIC_WORDS", "Query", "analyse", "answer_type", "comparison_sides", "proposal_words",
           "route", "split_asks", "subject_parts", "subject_words"]
