"""Lists of names: "Hvilke plejecentre indgår?", "Which schools take part?" ask for what a note names.

A list question asks either for budget notes ("Hvilke effektiviseringsforslag findes der?", "Which grants
expire?"), answered by the notes and their money, or for the places, organisations, parts or groups one
note lists ("Hvilke plejecentre indgår i forsøget?"), answered by the sentence that lists them: a comma
list ("X, Y og Z"), a list after a colon, or bullet items. Pure functions over text.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from budgetarkiv.core.text import years_in
from budgetarkiv.index.english import looks_english
from budgetarkiv.search.query import Query

# words naming budget notes, proposals, programmes or grants (a list of notes), or a proposal's activities
# and expenses (the rows of its table)
_NOTE_WORDS = re.compile(
    r"aktivitet|activit|udgift|expens|notat|\bnotes?\b|forslag|proposal|indsats|initiativ|program|projekt|project|bevilling|grant|udløb|ønske|"
    r"effektiviser|efficienc|budget|scheme|ordning|aftale|agreement|tiltag|measure", re.IGNORECASE)
_WH = re.compile(r"\b(?:hvilke|hvilken|hvilket|which|what|hvad er|hvad var)\s+", re.IGNORECASE)
_SKIP = re.compile(r"^(?:af|of|de|det|den|the|are|is|were|was|to|tre|fire|fem|seks|two|three|four|five|six|\d+)$",
                   re.IGNORECASE)
# the parts of one proposal ("the four measures in the proposal", "hvilke indsatser består forslaget af"), not
# budget notes; and what its money is used for ("hvad skal pengene bruges til")
_PART_WORDS = re.compile(r"indsats|initiativ|tiltag|measure|element|spor\b|tracks?\b|steps?\b|trin\b|dele\b|parts?\b",
                         re.IGNORECASE)
_ONE_PROPOSAL = re.compile(r"\b(?:i|af|in|of|for)\s+(?:the\s+)?(?:forslaget|notatet|budgetnotatet|indsatsen|ordningen|"
                           r"programmet|proposal|note|programme|program|scheme)\b|\bbestår\b.*\baf\b|consist",
                           re.IGNORECASE)
_ONE_ASKED = re.compile(r"\bhvilke[nt]\b", re.IGNORECASE)  # "hvilken version": one thing, not a list of names
_USED_FOR = re.compile(r"\b(?:bruges (?:\w+ )?til|used for|spent on)\b", re.IGNORECASE)
# English words that end a noun phrase ("care homes were ..."): verbs and auxiliaries
_EN_STOP = frozenset("""are were is was will would do does did have has had can could should may might must get got
take took receive received need needs take part""".split())
BULLET_WORDS = 6
_BULLET = re.compile(r"(?:^|\n|\s)[•▪]\s*|\n\s*(?:-|\d{1,2}[.)])\s+")
_DELS = re.compile(r",?\s*\bdels\b\s*(?:til\s+|af\s+|med\s+|i\s+)?", re.IGNORECASE)
_SPLIT = re.compile(r"\s*[,;]\s*|(?<!-)\s+(?:og|samt|and|eller|or)\s+", re.IGNORECASE)
_AFTER_PREPOSITION = re.compile(r"\s(?:af|i|på|til|med|for|om|of|in|at|to|on|with)\s+((?:\S+\s+)?\S+)$")
_NAME_RUN = re.compile(r"(?:\b[A-ZÆØÅ][\w-]*\s*){1,3}$")


def asks_use(question: str) -> bool:
    """ "Hvad skal pengene bruges til?", "what is the money used for": the parts the money goes to."""
    return bool(_USED_FOR.search(question))


def list_noun(question: str) -> str:
    """What a list question asks to be listed ("plejecentre", "care homes"): the word after "hvilke" (a
    Danish compound), or the English words after "which" up to the first plural noun or verb."""
    m = _WH.search(question)
    words = re.findall(r"[^\W\d_][\w-]*|\d+", question[m.end():]) if m else []
    while words and _SKIP.match(words[0]):
        words.pop(0)
    if not words or not looks_english(question):
        return words[0] if words else ""
    phrase = []
    for w in words[:6]:
        if w.lower() in _EN_STOP:
            break
        phrase.append(w)
        if len(w) > 3 and w.lower().endswith("s"):
            break
    return " ".join(phrase)


def asks_names(query: Query) -> bool:
    """Whether a list question asks for the names a note lists rather than for budget notes."""
    if "list" not in query.intents or _ONE_ASKED.search(query.text):
        return False
    if _USED_FOR.search(query.text):
        return True
    noun = list_noun(query.text)
    if noun and _PART_WORDS.search(noun) and _ONE_PROPOSAL.search(query.text):
        return True
    return bool(noun) and not _NOTE_WORDS.search(noun)


def listed_items(sentence: str) -> tuple[str, ...]:
    """The names a sentence lists: bullet items (short ones, or any after an introduction ending in ":", by
    their first words), or the longest run of short pieces joined by commas and
    "og/and" ("i Tingbjerg, Mjølnerparken og Urbanplanen"; a name ending the clause before the run is its
    first item); () when it lists fewer than three, or fewer than two names (capitalised)."""
    dels = [p.strip(" .;,") for p in _DELS.split(sentence)[1:]]
    if len(dels) >= 2:  # "Pengene bruges dels til regnbede, dels til at hæve legeredskaber, dels til ..."
        return tuple(" ".join(p.split()[:BULLET_WORDS]) for p in dels if p)
    parts = _BULLET.split(sentence)
    bullets = [b.strip(" .;,") for b in parts[1:] if b.strip(" .;,")]
    if len(bullets) >= 2 and parts[0].rstrip().endswith(":"):  # "Indsatsen indeholder fem spor:" and its items
        return tuple(_head(b) for b in bullets)
    if len(bullets) >= 2 and all(len(b.split()) <= BULLET_WORDS for b in bullets):
        return tuple(bullets)  # (items that are sentences of their own list statements, not names)
    best: list[str] = []
    for segment in sentence.rstrip(" .").split(":"):  # after a colon: the list, no intro
        pieces = [p.strip(" .;") for p in _SPLIT.split(segment)]
        run: list[str] = []
        for i, p in enumerate([*pieces, ""]):
            if p and _short(p):
                if not run and i > 0:
                    # "omfatter Plejecentret Solbakken, ...", "består af faglig opkvalificering, ...": the first item
                    head = _NAME_RUN.search(pieces[i - 1]) or _AFTER_PREPOSITION.search(pieces[i - 1])
                    run = [head.group(head.lastindex or 0).strip()] if head and head.start() > 0 else []
                run.append(p)
                continue
            if len(run) > len(best):
                best = run
            run = []
    names = [i for i in best if i[:1].isupper()]
    if len(best) >= 3 or len(best) >= 2 and len(names) == len(best):
        return tuple(best)
    return ()


_INTRO_LINE = re.compile(r"[^\n]*:[ \t]*$", re.MULTILINE)  # a line introducing the items below it
_ITEM_START = re.compile(r"[ \t]*(?:[•▪*–-]|\d{1,2}[.)])[ \t]")


def part_asked(text: str, years: Sequence[int], words: Callable[[str], int]) -> tuple[int, int] | None:
    """ "Skoler, der begynder i august 2025: • A • B … Skoler, der begynder i august 2026: • C …": of a list under
    several introductions, the offsets of the part whose introduction names the year asked (else the most of the
    question's words, `words` counting them), from its introduction to the line before the next one (a next
    introduction run into an item, "• Tagensbo Skole Skoler, der begynder i august 2026:", is that item: kept);
    None when the text has fewer than two introductions or none stands out."""
    intros = [m for m in _INTRO_LINE.finditer(text) if text[m.end():m.end() + 1] == "\n"
              and _ITEM_START.match(text, m.end() + 1)]
    if len(intros) < 2:
        return None
    asked = set(years)
    scores = [(len(asked & years_in(m.group(0))), words(m.group(0))) for m in intros]
    best = max(scores)
    if scores.count(best) > 1 or best == (0, 0):
        return None
    i = scores.index(best)
    start = intros[i].start()
    if i + 1 == len(intros):
        return start, len(text.rstrip())
    nxt = intros[i + 1]
    end = nxt.end() if _ITEM_START.match(nxt.group(0)) else nxt.start()  # a heading run into an item ends it
    return start, len(text[:end].rstrip())


# a line of its own between a list's items that is no item: a page's number ("Side 1 af 2", "Page 2 of 3")
_PAGE_LINE = re.compile(r"[ \t]*(?:Side|Page|s\.)[ \t]+\d+(?:[ \t]+(?:af|of)[ \t]+\d+)?[ \t]*$", re.IGNORECASE)
_ITEM_LINE = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[-•▪*–])[ \t]+\S[^\n]*")
_COUNTED = {"to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4, "four": 4, "fem": 5, "five": 5, "seks": 6, "six": 6,
            "syv": 7, "seven": 7, "otte": 8, "eight": 8}
_INTRO_COUNT = re.compile(r"\b(" + "|".join(_COUNTED) + r"|[2-9])\b(?:\s+[^\W\d]+){0,3}\s*:\s*$", re.IGNORECASE)
ITEM_WORDS = 30  # an unmarked item's line is short


PARALLEL_WORDS = 6  # an unmarked item named alike its neighbours ("Dagcenter Kildevang") is a few words


def _parallel_run_end(text: str, at: int) -> int:
    """Where unmarked items that are named alike end (a list whose bullets a reader lost: "Dagcenter Kildevang",
    "Dagcenter Solsikken", ...; "Ellebjerg Skole", "Valby Skole", ...): two or more short lines after the
    introduction sharing the first line's first or last word; the heading after them shares neither. `at` itself
    when there are none."""
    end, first, taken = at, None, 0
    for m in re.finditer(r"[^\n]*\n?", text[at:]):
        line = m.group(0).rstrip("\n")
        if not line.strip() or _PAGE_LINE.fullmatch(line):
            if taken:
                break
            continue
        words = line.split()
        if len(words) > PARALLEL_WORDS or line.rstrip().endswith((".", ":", ";")):
            break
        if first is None:
            first = (words[0].lower(), words[-1].lower())
        elif words[0].lower() != first[0] and words[-1].lower() != first[1] or len(words) < 2:
            break
        end, taken = at + m.start() + len(line), taken + 1
    return end if taken >= 2 else at


def item_run_end(text: str, at: int) -> int:
    """Where the items of a list introduced at offset `at` (just after "... består af fire indsatser:") end: the
    lines opening with "1.", "2)", "-" or "•" that follow, over blank lines and page numbers between them (a list
    running across a page); when none is marked, as many short lines as the introduction counts ("It has three
    parts:" and three lines), else the short lines named alike (`_parallel_run_end`). `at` itself when no items
    follow."""
    end, marked = at, 0
    for m in re.finditer(r"[^\n]*\n?", text[at:]):
        line = m.group(0).rstrip("\n")
        if not line.strip() or _PAGE_LINE.fullmatch(line):
            continue
        if _ITEM_LINE.match(line):
            end, marked = at + m.start() + len(line), marked + 1
            continue
        break
    if marked:
        return end
    count = _INTRO_COUNT.search(text[max(0, at - 80):at])
    if count is None:
        return _parallel_run_end(text, at)
    wanted = _COUNTED.get(count.group(1).lower()) or int(count.group(1))
    taken = 0
    for m in re.finditer(r"[^\n]*\n?", text[at:]):
        line = m.group(0).rstrip("\n")
        if not line.strip() or _PAGE_LINE.fullmatch(line):
            continue
        if taken == wanted or len(line.split()) > ITEM_WORDS:
            break
        end, taken = at + m.start() + len(line), taken + 1
    return end if taken == wanted else at


def table_labels(table_text: str) -> tuple[str, ...]:
    """The row labels of a money table as the index writes it ("Ellebjerg Skole (Service): 2028: 110; ..."),
    its sum rows left out: the names a table lists row by row (schools, districts)."""
    labels = []
    for line in table_text.splitlines():
        m = re.match(r"([^:\n]+?)(?:\s*\([^)]*\))?:\s*(?:\d{4}|I alt|Total)\b", line)
        if m and not re.search(r"\bi alt\b|\btotal\b|^samlet", m.group(1), re.IGNORECASE):
            labels.append(m.group(1).strip())
    return tuple(labels)


_PREPOSITION = re.compile(r"\s(?:på|i|til|af|for|ved|med|fra|om|on|in|at|for|of|to|from|with)\s", re.IGNORECASE)


def labels_named(labels: Sequence[str], noun: str, title: str, words: Sequence[str] = ()) -> bool:
    """Whether a table's row labels are the things a list question asks for: the labels carry the noun's stem
    ("Ellebjerg Skole" for "skoler") or the table's title names it ("fordelt på bydele" for "bydele"; `words`
    are the noun's translations, for English questions)."""
    if len(labels) < 2 or not noun:
        return False
    stems = {w.lower()[:max(4, len(w) - 3)] for w in [noun.split()[-1], *words] if len(w) >= 4}
    starts = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(stems))) + ")", re.IGNORECASE) if stems else None
    if starts is None:
        return False
    # a word of the label begins with the stem, before any preposition: "Bibliotekarer på 6 skoler" is librarians
    in_labels = sum(bool(starts.search(_PREPOSITION.split(label, maxsplit=1)[0])) for label in labels)
    return in_labels >= max(2, len(labels) - 1) or bool(starts.search(title))


def _head(item: str) -> str:
    """An item's name: its first sentence or its first words ("*Opsøgende arbejde.* Der arbejdes ...")."""
    first = re.split(r"(?<=[.!?:])\s", re.sub(r"[*_]", "", item).strip(), maxsplit=1)[0].strip(" .:")
    words = first.split()
    return " ".join(words[:BULLET_WORDS]) + (" …" if len(words) > BULLET_WORDS else "")


def _short(piece: str) -> bool:
    """A piece short enough to be a listed name: up to three words for a name, two for a common noun (and
    more than a mark: "Bydækkende: X")."""
    words = piece.split()
    return 0 < len(words) <= (3 if piece[:1].isupper() else 2) and len(re.sub(r"\W", "", piece)) >= 3


__all__ = ["asks_names", "asks_use", "item_run_end", "labels_named", "list_noun", "listed_items", "part_asked", "table_labels"]
