"""What a sentence carries for a question's answer type, without an index."""
from __future__ import annotations

import pytest

from budgetarkiv.answer.sentences import cell_spans, type_fit
from budgetarkiv.search.query import analyse


@pytest.mark.parametrize("question, better, worse", [
    ("Hvor mange familier indgår i pilotforsøget?",
     "Pilotforsøget tæller 130 familier, herunder 260 forældre.", "Pilotforsøget fokuserer på de 25 pct. familier."),
    ("Hvad var målsætningen for ordinær beskæftigelse?",
     "Målet er, at 60 pct. af deltagerne opnår ordinært arbejde.",
     "En resultatopgørelse viser, at 56 pct. af deltagerne opnåede ordinær beskæftigelse."),
    ("Hvor stor en andel boede stadig i boligen efter et år?",
     "87 pct. af de unge boede fortsat i boligen et år efter.", "Målsætningen var, at 80 pct. skulle fastholde boligen."),
    ("Hvem har underskrevet svaret?", "Med venlig hilsen Line Nørbæk Administrerende direktør",
     "Tak for din henvendelse om indsatserne."),
    ("Hvornår åbner klubberne?", "Klubberne åbner 1. juli 2026.", "Klubberne får fire medarbejdere."),
])
def test_the_sentence_that_carries_the_answer_type_fits_better(question, better, worse):
    q = analyse(question)
    assert type_fit(q, better) > type_fit(q, worse)


def test_table_cells_are_candidates_of_their_own():
    text = "Tabel 1 – Målsætning\nMålgruppe | Indsats | Målsætning\nKvinder i udsatte områder. | 60 pct. kommer i job inden et år."
    cells = [text[a:b] for a, b in cell_spans(text)]
    assert "60 pct. kommer i job inden et år." in cells and "Kvinder i udsatte områder." in cells
