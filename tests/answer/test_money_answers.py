"""Sums and comparisons over invented notes, through the whole answerer: which table and rows a money question
reads, over which period, and how two amounts are weighed. The notes are written here, unlike the archives'."""
from __future__ import annotations

import pytest

_DEPOT = """Teknik- og Miljøforvaltningen                                   Budget 2031

TMF97 Nyt materieldepot i Ørestad Syd

Resume
Forvaltningen foreslår et nyt depot til vejmateriel i Ørestad Syd. Byggeriet sker i 2031-2032, og depotet
drives fra 2032.

Økonomi
Anlæg og drift er vist i hver sin tabel.

Tabel 1 – Anlægsudgifter
mio. kr. (2031-priser) Styringsområde 2031 2032 I alt
Byggeri af hal Anlæg 6,0 4,0 10,0
Rådgivning og tilsyn Anlæg 0,8 0,4 1,2
Anlægsudgifter i alt 6,8 4,4 11,2

Tabel 2 – Driftsudgifter
mio. kr. (2031-priser) Styringsområde 2031 2032 2033 I alt
Vagt og rengøring Service 0,0 0,3 0,3 0,6
Energi Service 0,0 0,2 0,2 0,4
Driftsudgifter i alt 0,0 0,5 0,5 1,0

Kontaktperson: Ebbe Lindholt Sand, projektleder
"""

_VEJLEDNING = """Beskæftigelses- og Integrationsforvaltningen                     Budget 2031

BIF93 Lektiestøtte i biblioteker og fritidsklubber – Model A og B

Resume
Forvaltningen foreslår lektiestøtte for elever i 7.-9. klasse, enten alene i bibliotekerne (Model A) eller
også i fritidsklubberne (Model B).

Økonomi

Tabel 1. Model A
tkr. (2031-priser) Styringsområde 2031 2032 2033 I alt
Lektiehjælpere Service 1.000 1.000 1.000 3.000
Materialer Service 200 100 100 400
Færre udgifter til specialundervisning Service -100 -300 -300 -700
Udgifter i alt (netto) 1.100 800 800 2.700

Tabel 2. Model B
tkr. (2031-priser) Styringsområde 2031 2032 2033 I alt
Lektiehjælpere Service 1.600 1.600 1.600 4.800
Materialer Service 300 150 150 600
Færre udgifter til specialundervisning Service -200 -500 -500 -1.200
Udgifter i alt (netto) 1.700 1.250 1.250 4.200

Kontaktperson: Rikke Vangsgaard Holm, fuldmægtig
"""

_SOL = """Økonomiforvaltningen                                              Budget 2031

ØKF95 Solceller på svømmehaller og idrætshaller

Resume
Forvaltningen foreslår solceller på tagene af 6 svømmehaller og 14 idrætshaller, og at der ansættes værter
til at vise borgerne anlæggene.

Økonomi

Tabel 1. Udgifter
tkr. (2031-priser) Styringsområde 2031 2032 I alt
Solceller på svømmehaller Anlæg 2.400 1.200 3.600
Solceller på idrætshaller Anlæg 3.100 900 4.000
Værter Service 300 300 600
Udgifter i alt 5.800 2.400 8.200

Kontaktperson: Tove Arnfred Lund, chefkonsulent
"""

_SKOLEHAVER = """Børne- og Ungdomsforvaltningen                                   Budget 2032

BUF88 Skolehaver i Valby og Vanløse

Resume
Forvaltningen foreslår skolehaver ved otte skoler fra 1. august 2032 og en elektrisk havevogn, der kører
redskaber og planter mellem haverne.

Økonomi

Tabel 1. Udgifter til skolehaver
mio. kr. (2032-priser) Styringsområde 2032 2033 2034 I alt
Haveundervisere Service 0,8 2,0 2,0 4,8
Elektrisk havevogn Service 0,2 0,5 0,5 1,2
Planter og redskaber Service 0,3 0,4 0,4 1,1
Udgifter i alt 1,3 2,9 2,9 7,1

Kontaktperson: Asta Brinch Møller, specialkonsulent
"""

_KONTOR = """Økonomiforvaltningen – Effektiviseringsstrategi                  Budget 2032

ØKF E21 Fælles indkøb af kontorartikler

Resume
Ved et fælles udbud af kontorartikler sparer kommunen på priserne og på antallet af aftaler.

Økonomi

Tabel 1. Effektivisering ved fælles indkøb
mio. kr. (2032-priser) 2032 2033 2034 I alt
Lavere priser på papir og toner -0,6 -1,2 -1,2 -3,0
Færre rammeaftaler -0,1 -0,3 -0,3 -0,7
Udbudsrådgivning 0,4 0,0 0,0 0,4
Effektivisering i alt -0,3 -1,5 -1,5 -3,3

Kontaktperson: Jens Ulrik Bach, chefkonsulent
"""


@pytest.fixture(scope="module")
def invented_answerer(tmp_path_factory, embedder):
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index
    from budgetarkiv.search.hybrid import Searcher

    base = tmp_path_factory.mktemp("invented-money")
    (base / "docs").mkdir()
    (base / "docs" / "depot.txt").write_text(_DEPOT, encoding="utf-8")
    (base / "docs" / "lektier.txt").write_text(_VEJLEDNING, encoding="utf-8")
    (base / "docs" / "sol.txt").write_text(_SOL, encoding="utf-8")
    (base / "docs" / "skolehaver.txt").write_text(_SKOLEHAVER, encoding="utf-8")
    (base / "docs" / "kontor.txt").write_text(_KONTOR, encoding="utf-8")
    settings = Settings.from_env({}, index_dir=base / "idx")
    build_index([base / "docs"], settings, embedder, show_progress=False)
    return Answerer(Searcher(settings))


def _answer(answerer, question):
    a = answerer.ask(question)
    assert a.answered, a.answer
    return a.answer


def test_an_operating_cost_reads_the_drift_table(invented_answerer):
    text = _answer(invented_answerer, "Hvad er driftsudgiften til materieldepotet i Ørestad Syd i 2033?")
    assert "0,5" in text and "Driftsudgifter" in text and "11,2" not in text


def test_construction_and_operation_together_add_the_two_tables_sum_rows(invented_answerer):
    text = _answer(invented_answerer, "What does the new equipment depot in Ørestad Syd cost in 2032, construction "
                                      "and operation together?")
    assert "4,9 = 4,4" in text and "0,5" in text


def test_a_sum_without_the_row_left_out(invented_answerer):
    text = _answer(invented_answerer, "Hvad koster materieldepotet i Ørestad Syd i anlæg i alt, uden rådgivning og tilsyn?")
    assert "Byggeri af hal, i alt 2031-2032: 10,0 (" in text and "11,2" not in text and "1,2" not in text


def test_gross_costs_leave_out_the_savings_row(invented_answerer):
    text = _answer(invented_answerer, "Hvad er bruttoudgiften til lektiestøtten i Model B i 2031-2033, før "
                                      "besparelserne på specialundervisning?")
    assert "5.400" in text and "4.200" not in text


def test_two_models_compared_over_the_period_compare_their_totals(invented_answerer):
    text = _answer(invented_answerer, "Hvor meget dyrere er Model B end Model A for lektiestøtten over 2031-2033?")
    assert "2.700" in text and "4.200" in text and "1.500" in text


def test_the_cheaper_of_two_models_is_named(invented_answerer):
    text = _answer(invented_answerer, "Er Model A eller Model B billigst for lektiestøtten over hele perioden?")
    assert "Lavest: BIF93 Model A" in text


def test_one_part_of_an_enumerating_title_is_answered_by_its_row_alone(invented_answerer):
    """ "idrætshallerne" names one part of "Solceller på svømmehaller og idrætshaller": its row answers, and the
    proposal's sum row beside it would read as the answer."""
    text = _answer(invented_answerer, "Hvad koster solcellerne på idrætshallerne i 2031?")
    assert "3.100" in text and "5.800" not in text and "2.400" not in text


def test_the_salary_of_someone_the_question_names_is_their_row(invented_answerer):
    text = _answer(invented_answerer, "Hvad koster lønnen til værterne ved solcellerne i 2032?")
    assert "300" in text and "2.400" not in text


@pytest.mark.parametrize("question", [
    "Hvad koster havevognen til skolehaverne i Valby og Vanløse om året, når den kører fuldt?",
    "What does the electric garden cart for the school gardens cost per year when it is fully running?",
])
def test_a_row_the_question_names_answers_alone_in_its_lasting_year(invented_answerer, question):
    """The cart is one row of the school gardens' table: its row answers, not the proposal's sum beside it, and
    "when it runs fully" is the last column, not the part-year start (0,2)."""
    text = _answer(invented_answerer, question)
    assert "0,5" in text and "0,2" not in text and "2,9" not in text and "7,1" not in text


def test_rows_named_only_by_the_notes_own_title_words_leave_the_sum_as_the_answer(invented_answerer):
    text = _answer(invented_answerer, "Hvad koster skolehaverne i Valby og Vanløse i 2033?")
    assert "2,9" in text


def test_the_net_saving_is_the_sum_row_without_the_savings_rows_beside_it(invented_answerer):
    text = _answer(invented_answerer, "What is the net saving from the joint purchase of office supplies in 2032?")
    assert "-0,3" in text and "-0,6" not in text and "-0,1" not in text


def test_two_rows_compared_are_shown_without_the_proposals_sum(invented_answerer):
    text = _answer(invented_answerer, "Sparer ØKF E21 mest på lavere priser eller på færre rammeaftaler over hele "
                                      "perioden?")
    assert "2032-2034: -3,0 (" in text and "-0,7" in text and "-3,3" not in text
