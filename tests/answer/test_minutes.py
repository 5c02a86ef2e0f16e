"""Minutes: numbered agenda items and each item's decision, read without an index."""
from __future__ import annotations

import pytest

from budgetarkiv.answer.minutes import agenda_items, vote_side

MINUTES = """Københavns Kommune
Kultur- og Fritidsudvalget

REFERAT

Ordinært møde torsdag den 3. april 2025 kl. 16.00


1. Godkendelse af dagsorden

Beslutning
Dagsordenen blev godkendt.


2. Budget 2026: udvalgets budgetnotater

Resumé
Udvalget skal prioritere budgetnotaterne.

Indstilling
Forvaltningen indstiller, at udvalget
1. prioriterer budgetnotaterne,
2. godkender forslagene.

Beslutning
Indstillingen blev godkendt med 7 stemmer for og 2 imod.


3. Eventuelt

Næste møde holdes torsdag den 24. april 2025.
"""


def test_agenda_items_are_the_numbered_lines_standing_alone_in_sequence():
    items = agenda_items(MINUTES)
    assert [(i.number, i.title) for i in items] == [
        (1, "Godkendelse af dagsorden"), (2, "Budget 2026: udvalgets budgetnotater"), (3, "Eventuelt")]
    # the numbered list inside "Indstilling" is not an agenda item


def test_each_items_decision_is_its_beslutning_paragraph():
    items = agenda_items(MINUTES)
    decided = [MINUTES[a:b] if (a, b) != (0, 0) else None for a, b in (i.decision or (0, 0) for i in items)]
    assert decided == ["Dagsordenen blev godkendt.", "Indstillingen blev godkendt med 7 stemmer for og 2 imod.", None]


def test_a_text_without_numbered_items_has_none():
    assert agenda_items("Beslutning\nDet blev besluttet.\n") == []


def test_agenda_items_headed_punkt_n_are_read_too():
    text = ("Referat\n\nPunkt 1  Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\n"
            "Pkt. 2: Fordeling af puljen\n\nBeslutning\nIndstillingen blev godkendt.\n")
    items = agenda_items(text)
    assert [(i.number, i.title) for i in items] == [(1, "Godkendelse af dagsorden"), (2, "Fordeling af puljen")]
    a, b = items[1].decision
    assert text[a:b] == "Indstillingen blev godkendt."


DECISION = ["Indstillingen blev anbefalet med 9 stemmer for og 2 imod.", "Imod stemte Enhedslisten.",
            "For stemte A, B og F.", "Radikale Venstre undlod at stemme."]


@pytest.mark.parametrize("question, sentence", [
    ("Hvilke partier stemte imod indstillingen?", 1),  # "Imod stemte", not the tally that mentions "imod"
    ("Who voted against the transfer?", 1),
    ("Hvem stemte for forslaget?", 2),
    ("Which party abstained from the vote?", 3),
    ("Hvad besluttede udvalget?", None),  # no vote asked: the decision's first sentences
])
def test_the_sentence_stating_the_side_of_the_vote_asked(question, sentence):
    assert vote_side(question, DECISION) == sentence


COUNCIL = """Borgerrepræsentationen

REFERAT

Punkt 1. Budget 2030 – 2. behandling

Der var stillet to ændringsforslag.

Ændringsforslag nr. 1 stillet af Enhedslisten (Ø):
At der afsættes 2,0 mio. kr. ekstra til lektiecaféer.
For stemte: Ø, Å (14)
Imod stemte: A, B, C, V (39)
Ændringsforslaget blev forkastet.

Ændringsforslag nr. 2 stillet af Venstre (V):
At parkeringsafgiften sænkes.
For stemte: A, V, C (30)
Imod stemte: B, Ø, Å (23)
Ændringsforslaget blev vedtaget.

Punkt 2. Fælles indkøb

Økonomiudvalget indstillede, at indkøbet samles i én enhed.

Beslutning: Indstillingen blev godkendt uden afstemning.
"""


def test_each_motion_voted_within_an_item_is_its_own_paragraph():
    items = agenda_items(COUNCIL)
    assert [i.title for i in items] == ["Budget 2030 – 2. behandling", "Fælles indkøb"]
    motions = [COUNCIL[a:b] for a, b in items[0].motions]
    assert [m.splitlines()[0] for m in motions] == ["Ændringsforslag nr. 1 stillet af Enhedslisten (Ø):",
                                                   "Ændringsforslag nr. 2 stillet af Venstre (V):"]
    assert motions[1].endswith("Ændringsforslaget blev vedtaget.") and "(23)" in motions[1]
    assert items[1].motions == ()


def test_the_side_of_a_motions_vote_is_its_line():
    lines = COUNCIL[slice(*agenda_items(COUNCIL)[0].motions[1])].splitlines()
    assert lines[vote_side("Hvor mange stemte for ændringsforslaget om parkeringsafgiften?", lines)] == \
        "For stemte: A, V, C (30)"
    assert lines[vote_side("Which parties voted against the parking amendment?", lines)] == "Imod stemte: B, Ø, Å (23)"


def test_a_decision_leading_its_own_line_is_read_and_the_recommendation_before_it_found():
    from budgetarkiv.answer.minutes import _paragraph_before

    item = agenda_items(COUNCIL)[1]
    assert COUNCIL[slice(*item.decision)] == "Indstillingen blev godkendt uden afstemning."
    before = _paragraph_before(COUNCIL, item.decision[0], item.start)
    assert COUNCIL[slice(*before)] == "Økonomiudvalget indstillede, at indkøbet samles i én enhed."


@pytest.mark.parametrize("question, decision", [
    ("Hvordan stemte Borgerrepræsentationen om ændringsforslaget om cykelbroen?", True),
    ("How did the committee vote on the harbour bus?", True),
    ("Hvilken af de tre modeller blev valgt ved 2. behandlingen?", True),
    ("Which option was chosen for the harbour bus?", True),
    ("Hvad besluttede udvalget om havnebussen?", True),
    ("Hvornår holder udvalget sit næste møde?", False),
    ("Hvad koster havnebussen i 2028?", False),
])
def test_a_question_asks_a_decision(question, decision):
    from budgetarkiv.answer.minutes import Minutes
    from budgetarkiv.search.query import analyse

    assert Minutes.asks_decision(analyse(question)) is decision


COMMITTEE = """Referat – Teknik- og Miljøudvalget

1. Godkendelse af dagsorden

Dagsordenen blev godkendt.

2. Budgetønsker

Ændringsforslag stillet af Det Konservative Folkeparti (C): At ønsket om nye bænke tages ud.

Afstemning om ændringsforslaget:
For: C, V (2)
Imod: A, B, F, Ø (6)
Ændringsforslaget blev forkastet.

Beslutning: Indstillingen blev godkendt.
"""


def test_a_motion_without_a_number_holds_its_vote_and_fate_in_the_paragraphs_after_it():
    items = agenda_items(COMMITTEE)
    (motion,) = items[1].motions
    lines = COMMITTEE[slice(*motion)].splitlines()
    assert lines[0].startswith("Ændringsforslag stillet af") and lines[-1] == "Ændringsforslaget blev forkastet."
    assert lines[vote_side("Hvilke partier stemte imod ændringsforslaget om bænkene?", lines)] == "Imod: A, B, F, Ø (6)"


def test_an_items_heading_followed_at_once_by_its_parts_is_an_item():
    """Minutes written without a blank line under each item's heading ("Punkt 2. ..." then "Indstilling: ...")."""
    text = ("Kultur- og Fritidsudvalget\n\nBeslutningsprotokol for mødet 3. marts 2031\n\n"
            "Punkt 1. Godkendelse af dagsorden\nBeslutning: Godkendt.\n\n"
            "Punkt 2. Tilskud til spillesteder i Sydhavnen\nIndstilling: Forvaltningen indstiller, at udvalget "
            "godkender tilskuddet.\nBeslutning: Indstillingen blev godkendt med 7 stemmer for og 4 imod.\n\n"
            "Punkt 3. Eventuelt\nResumé: Intet.\n")
    items = agenda_items(text)
    assert [i.number for i in items] == [1, 2, 3]
    assert items[1].title == "Tilskud til spillesteder i Sydhavnen"
    assert "7 stemmer for og 4 imod" in text[slice(*items[1].decision)]


def test_a_motion_from_a_party_holds_its_vote_and_fate():
    """ "Ændringsforslag fra <parti>:" is a motion as "Amendment from <party>" is: its vote and its fate belong to it,
    so a question about how it went is answered with "forkastet", not cut after the vote."""
    text = ("Teknik- og Miljøudvalget\n\nBeslutningsprotokol for mødet 4. maj 2032\n\n"
            "1. Cykelparkering ved stationerne\n\nBeslutning\n"
            "Ændringsforslag fra Enhedslisten (Ø):\n\"At antallet af pladser øges fra 400 til 600.\"\n"
            "For stemte: Ø, F (3)\nImod stemte: A, V, C (7)\nÆndringsforslaget blev forkastet.\n\n"
            "Indstillingen blev herefter godkendt.\n")
    (item,) = agenda_items(text)
    (motion,) = item.motions
    lines = text[slice(*motion)].splitlines()
    assert lines[0] == "Ændringsforslag fra Enhedslisten (Ø):"
    assert lines[-1] == "Ændringsforslaget blev forkastet."
