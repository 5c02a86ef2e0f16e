"""Answers over a status report beside the note restating it, a signed consultation response, the answer to a
budget question and a note whose place a question splits in two: a count of a year the note does not count, who
signed, who asked and answered, an earlier grant under its section's heading, an agreement the archive does not
hold, a split name. Invented documents of their own shapes."""
from __future__ import annotations

import pytest

_NOTE = """Budget 2033
Kultur- og Fritidsforvaltningen
KFF U9 Lektiecaféer på bibliotekerne – videreførelse

Resume
Lektiecaféerne på bibliotekerne udløber med udgangen af 2032. Forvaltningen foreslår, at de videreføres i 2033-2036.

Baggrund
Lektiecaféerne blev oprettet med Budgetaftale 2030 som et pilotprojekt på tre biblioteker.
Evalueringen af 2. marts 2032 viser, at 410 børn deltog i 2031, og at 70 pct. af dem forbedrede deres karakter i dansk.

Økonomi
Tabel 1. Lektiecaféer på bibliotekerne
1.000 kr., 2033-priser	2033	2034	2035	2036	I alt
Lektiehjælpere	1.900	1.900	1.900	1.900	7.600
Materialer	100	100	100	100	400
I alt	2.000	2.000	2.000	2.000	8.000

Tidligere afsatte midler
Tabel 2: Pilotprojekt på tre biblioteker, Budgetaftale 2030
1.000 kr., løbende priser	2030	2031	2032	I alt
Pilotprojekt	600	620	640	1.860

Kontaktperson: Marie Lund Kjær, chefkonsulent
"""

_EVALUATION = """# Evaluering: Lektiecaféer på bibliotekerne 2030-2031

**Kultur- og Fritidsforvaltningen, 2. marts 2032**

Evalueringen er skrevet til Kultur- og Fritidsudvalget.

## Deltagelse

Det første år, 2030, deltog 220 børn i lektiecaféerne. I 2031 kom der 410 børn, og målet på 400 børn om året blev dermed nået.

Af de børn, der deltog i 2030, forbedrede 62 pct. deres karakter i dansk, mens det gjaldt 70 pct. af dem fra 2031.

| Resultat | 2030 | 2031 | Mål |
|---|---|---|---|
| Børn i lektiecaféerne | 220 | 410 | 400 |
| Bedre karakter i dansk | 62 pct. | 70 pct. | 65 pct. |

Yderligere oplysninger: Marie Lund Kjær, chefkonsulent.
"""

_CONSULTATION = """Høringssvar fra Ældrerådet i Valby

Til Sundheds- og Omsorgsudvalget
12. september 2032

Ældrerådet har læst forvaltningens forslag om havebænke ved plejecentrene i Valby og støtter forslaget.
Rådet har drøftet sagen på sit møde den 5. september 2032, hvor et enigt råd bakkede op.

Vi ønsker desuden, at der sættes skygge op ved bænkene, fordi mange beboere ikke tåler stærk sol.

Venlig hilsen

Poul Erik Vinther
Formand, Ældrerådet i Valby

Sekretær: Sara Lind Holt, tlf. 3344 5566
"""

_BUDGET_QUESTION = """Københavns Kommune
Økonomiforvaltningen

4. september 2032

Forhandlingerne om Budget 2033
Besvarelse af budgetspørgsmål nr. 12

Stillet af: Enhedslisten (Karl Munk Friis)
Besvaret af: Teknik- og Miljøforvaltningen

Spørgsmål
"Hvad koster det at renovere færgelejerne ved Refshaleøen og Nordhavn?"

Svar
En renovering af de to færgelejer koster 14,5 mio. kr. i 2033-priser. Arbejdet kan udføres i 2033 og 2034.

Kontaktperson: Jonas Vedel, ingeniør
"""

_GARDEN_NOTE = """Budget 2033
Sundheds- og Omsorgsforvaltningen
SUF 14 Havebænke ved plejecentret Birkebakkegården

Resume
Forvaltningen foreslår at opstille 30 havebænke med skygge i haven ved plejecentret Birkebakkegården i Valby.

Baggrund
Ved en undersøgelse i 2031 svarede 58 pct. af beboerne, at de savner et sted at sidde i haven, mod 22 pct. på de øvrige plejecentre i bydelen.

Økonomi
Tabel 1. Havebænke
mio. kr., 2033-priser	2033	2034	I alt
Bænke og skygge	0,9	0,1	1,0

Kontaktperson: Ida Holm Brix, fuldmægtig
"""


@pytest.fixture(scope="module")
def status_answerer(tmp_path_factory, embedder):
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index
    from budgetarkiv.search.hybrid import Searcher

    base = tmp_path_factory.mktemp("invented-status")
    (base / "docs").mkdir()
    for name, text in (("lektie-note.txt", _NOTE), ("lektie-evaluering.md", _EVALUATION),
                       ("aeldreraad.txt", _CONSULTATION), ("budgetspoergsmaal.txt", _BUDGET_QUESTION),
                       ("havebaenke.txt", _GARDEN_NOTE)):
        (base / "docs" / name).write_text(text, encoding="utf-8")
    settings = Settings.from_env({}, index_dir=base / "idx")
    build_index([base / "docs"], settings, embedder, show_progress=False)
    return Answerer(Searcher(settings))


def _answer(answerer, question):
    a = answerer.ask(question)
    assert a.answered, a.answer
    return a.answer


@pytest.mark.parametrize("question, figure, others", [
    ("Hvor mange børn deltog i lektiecaféerne i 2030?", "220", ("410", "400")),
    ("What share of the children in the homework cafés in 2030 improved their Danish grade?", "62 pct.",
     ("70 pct.", "65 pct.")),
])
def test_a_count_of_a_year_the_note_does_not_count_is_read_in_the_report_that_does(status_answerer, question,
                                                                                   figure, others):
    """The note restates the latest year only (2031); the evaluation counts each year, the note's money table's
    years (2033-2036) say nothing of a count."""
    text = _answer(status_answerer, question)
    assert figure in text and not any(o in text for o in others), text


def test_a_year_no_document_counts_is_refused_and_a_reports_date_is_no_count_of_its_year(status_answerer):
    """ "Evalueringen af 2. marts 2032 viser ..." dates the report; it counts 2031, not 2032."""
    a = status_answerer.ask("Hvor mange børn deltog i lektiecaféerne i 2032?")
    assert not a.answered and "410" not in a.answer, a.answer


def test_who_signed_a_consultation_response_is_its_signature_not_the_secretarys_line(status_answerer):
    text = _answer(status_answerer, "Hvem har underskrevet Ældrerådets høringssvar om havebænke?")
    assert "Poul Erik Vinther" in text and "Sara Lind Holt" not in text


@pytest.mark.parametrize("question, named, other", [
    ("Hvem stillede budgetspørgsmål nr. 12 om færgelejerne?", "Karl Munk Friis", "Jonas Vedel"),
    ("Who answered budget question 12 about the ferry berths?", "Teknik- og Miljøforvaltningen", "Karl Munk Friis"),
])
def test_who_asked_and_who_answered_a_budget_question_are_its_labelled_lines(status_answerer, question, named, other):
    text = _answer(status_answerer, question)
    assert named in text and other not in text


def test_an_earlier_agreements_grant_is_the_table_under_the_earlier_grants_heading(status_answerer):
    """ "Tidligere afsatte midler" heads the section; the table's own title names the agreement only."""
    text = _answer(status_answerer, "Hvad fik pilotprojektet med lektiecaféer i Budgetaftale 2030?")
    assert "1.860" in text and "8.000" not in text


def test_an_agreement_the_archive_does_not_hold_is_not_answered_by_the_notes_proposal(status_answerer):
    a = status_answerer.ask("What did the Budget 2033 agreement grant the homework cafés at the libraries?")
    assert not a.answered and "8.000" not in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "Hvor mange procent af beboerne på Birkebakke gården savner et sted at sidde i haven?",
    "What share of the residents at Birkebakke-gården miss a place to sit in the garden?",
])
def test_a_name_split_in_two_is_the_title_word_written_as_one(status_answerer, question):
    text = _answer(status_answerer, question)
    assert "58 pct." in text and "22 pct." not in text
