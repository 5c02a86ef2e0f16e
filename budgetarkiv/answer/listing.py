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
_WH = re.compile(r"\b(?:hvilke|hvilken|hvilket|which|what)\s+", re.IGNORECASE)
_SKIP = re.compile(r"^(?:af|of|de|the|to|tre|fire|fem|seks|two|three|four|five|six|\d+)$", re.IGNORECASE)
# English words that end a noun phrase ("care homes were ..."): verbs and auxiliaries
_EN_STOP = frozenset("""are were is was will would do does did have has had can could should may might must get got
take took receive received need needs take part""".split())
BULLET_WORDS = 6
_BULLET = re.compile(r"(?:^|\n|\s)[•▪]\s*|\n\s*(?:-|\d{1,2}[.)])\s+")
_SPLIT = re.compile(r"\s*[,;]\s*|(?<!-)\s+(?:og|samt|and|eller|or)\s+", re.IGNORECASE)
_AFTER_PREPOSITION = re.compile(r"\s(?:af|i|på|til|med|for|om|of|in|at|to|on|with)\s+((?:\S+\s+)?\S+)$")
_NAME_RUN = re.compile(r"(?:\b[A-ZÆØÅ][\w-]*\s*){1,3}$")


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
    if "list" not in query.intents:
        return False
    noun = list_noun(query.text)
    return bool(noun) and not _NOTE_WORDS.search(noun)


def listed_items(sentence: str) -> tuple[str, ...]:
    """The names a sentence lists: bullet items (short ones, or any after an introduction ending in ":", by
    their first words), or the longest run of short pieces joined by commas and
    "og/and" ("i Tingbjerg, Mjølnerparken og Urbanplanen"; a name ending the clause before the run is its
    first item); () when it lists fewer than three, or fewer than two names (capitalised)."""
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


__all__ = ["asks_names", "list_noun", "listed_items", "part_asked"]
