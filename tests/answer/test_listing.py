"""Lists of names: which list questions ask for names a note lists, and which sentences list them."""
from __future__ import annotations

import pytest

from budgetarkiv.answer.listing import asks_names, list_noun, listed_items, part_asked
from budgetarkiv.answer.model import Fact
from budgetarkiv.search.query import analyse


@pytest.mark.parametrize("question, noun", [
    ("Hvilke plejecentre indgår i forsøget?", "plejecentre"),
    ("I hvilke bydele åbner de nye klubber?", "bydele"),
    ("Hvilke tre dele består forløbet af?", "dele"),
    ("Which schools take part in the pilot?", "schools"),
    ("Which citizen service centres will get new kiosks?", "citizen service centres"),
    ("Which of the efficiency proposals need an investment?", "efficiency proposals"),
])
def test_the_noun_a_list_question_asks_to_be_listed(question, noun):
    assert list_noun(question) == noun


@pytest.mark.parametrize("question, names", [
    ("Hvilke plejecentre indgår i forsøget?", True),
    ("Hvilke centre får midler?", True),
    ("Which schools take part?", True),
    ("Hvor mange og hvilke skoler deltager?", True),
    # a list of budget notes, proposals, programmes or grants is answered by the notes
    ("Hvilke effektiviseringsforslag findes der?", False),
    ("Hvilke budgetnotater handler om hjemløse unge?", False),
    ("Which grants expire?", False),
    ("Which health initiatives does the agreement fund?", False),
    ("Hvilke aktiviteter indgår i forslaget?", False),  # the rows of its table
    ("Hvor mange skoler deltager?", False),  # no list asked
])
def test_a_list_question_asks_for_names_or_for_notes(question, names):
    assert asks_names(analyse(question)) is names


@pytest.mark.parametrize("sentence, items", [
    ("Forsøget omfatter Plejecentret Sølyst, Plejecentret Egely og Plejecentret Havgården.",
     ("Plejecentret Sølyst", "Plejecentret Egely", "Plejecentret Havgården")),
    ("Der opstilles nye skranker i fire centre: Rådhuset, Amager, Brønshøj og Vanløse.",
     ("Rådhuset", "Amager", "Brønshøj", "Vanløse")),
    ("Klubberne åbner i Husum, Tingbjerg og Sundholm, samt støtte til kontingent og udstyr.",
     ("Husum", "Tingbjerg", "Sundholm")),
    ("Forløbet består af sproglig opkvalificering, praktik og mentorstøtte.",
     ("sproglig opkvalificering", "praktik", "mentorstøtte")),
    ("Indsatsen har tre spor:\n• Jobspor\n• Uddannelsesspor\n• Sundhedsspor", ("Jobspor", "Uddannelsesspor", "Sundhedsspor")),
    # after an introduction, items by their first words however long they run
    ("Indsatsen indeholder to spor:\n1. *Opsøgende arbejde.* Der arbejdes med at finde borgerne i deres boligområder."
     "\n2. *Forberedende forløb.* Deltagerne starter i et undervisningsforløb om jobsøgning.",
     ("Opsøgende arbejde", "Forberedende forløb")),
])
def test_a_sentence_listing_names_yields_them(sentence, items):
    assert listed_items(sentence) == items


@pytest.mark.parametrize("sentence", [
    "Samtidig opstilles nye standere, så borgerne selv kan hente og kvittere for pas og kørekort.",
    "Forvaltningen foreslår, at alle henvendelser om pas, kørekort og sundhedskort fremover bestilles digitalt.",
    "Udgifterne dækker over fem årsværk samt husleje til 2 lokationer.",
    "Forsøget omfatter 6 plejecentre fordelt på social- og sundhedsassistenter og -hjælpere.",
    "Bydele Bydækkende: X",
    "Målsætning • 75 pct. af børnene er stadig aktive i en forening et år efter. • Andelen af medlemmer stiger til 50 pct.",
])
def test_prose_and_statements_are_no_list_of_names(sentence):
    assert listed_items(sentence) == ()


def _fact(text: str, note_id: str = "SUF30") -> Fact:
    return Fact(text=text, passage=text, highlight=(0, len(text)), source="n.txt", doc_id=note_id, note_id=note_id,
                budget_year=2026, title="Faste teams", section="Indhold", page=1)


def test_a_names_answer_quotes_the_list_and_counts_its_names_when_asked():
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.answer.wording import Draft

    facts = (_fact("Forsøget koster 4,2 mio. kr. om året."),
             _fact("Forsøget omfatter Plejecentret Sølyst, Plejecentret Egely og Plejecentret Havgården."),
             _fact("Forløbet består af sproglig opkvalificering, praktik og mentorstøtte."))  # the note's second list
    d = Draft("da")
    Answerer._names(d, analyse("Hvor mange og hvilke plejecentre indgår i forsøget?"), facts)
    text, evidence = d.text()
    lines = text.splitlines()
    assert lines[0] == "Notatet nævner 3: Plejecentret Sølyst, Plejecentret Egely, Plejecentret Havgården."
    assert "Plejecentret Havgården" in lines[1] and len(lines) == 2  # one list per note, no money sentence
    assert all(any(f in e for e in evidence) for f in ("3", "Sølyst"))  # the count is cited as our own

    d = Draft("en")
    Answerer._names(d, analyse("Which care homes take part?"), facts)
    assert not d.text()[0].startswith("The note names")  # no count asked: the list alone


def test_the_part_of_a_list_under_the_introduction_asked_for():
    """Two lists under their own introductions, the second run into the last item of the first (as PDF text has
    it): the year asked chooses the part, kept to its own items."""
    text = ("Skoler Skoler, der begynder i august 2025:\n• Ravnsborg Skole\n• Mosevejens Skole\n"
            "• Tagensbo Skole Skoler, der begynder i august 2026:\n• Valbyparkens Skole\n• Kalvebodskolen")
    a, b = part_asked(text, [2025], lambda t: 0)
    assert "Ravnsborg" in text[a:b] and "Tagensbo" in text[a:b] and "Valbyparkens" not in text[a:b]
    a, b = part_asked(text, [2026], lambda t: 0)
    assert "Valbyparkens" in text[a:b] and "Kalvebodskolen" in text[a:b] and "Ravnsborg" not in text[a:b]
    assert part_asked(text, [], lambda t: 0) is None  # nothing tells the parts apart
    assert part_asked("Skoler:\n• A Skole\n• B Skole", [2025], lambda t: 1) is None  # one list only
