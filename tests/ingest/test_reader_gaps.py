"""Shapes the reader check (`budgetarkiv check`) showed the reader missing, each as an invented note.

A column after the year columns that holds a permanent amount ("Varigt fra 2035"), a head whose budget year
stands right-aligned on the administration's line, alternatives as the rows of one table ("Mulighed 1/2/3": to
choose between, never to add), and a committee's page of proposals whose figures stand in shared expansion and
reduction tables.
"""
from __future__ import annotations

import pytest

from budgetarkiv.core.models import Document, Page
from budgetarkiv.core.scenarios import alternatives_named, scenario_number
from budgetarkiv.ingest.catalogue import find_catalogue
from budgetarkiv.ingest.check import check_note
from budgetarkiv.ingest.notes import find_budget_year, parse_note
from budgetarkiv.ingest.tables import alternatives_as_rows, extract_tables

pytestmark = pytest.mark.fast


def _note(text: str):
    return parse_note(Document(doc_id="2" * 16, source="bilag.txt", fmt="txt", pages=(Page(1, text),)))


PERMANENT = """Økonomi
Tabel 1: Udgifter (mio. kr., 2029 p/l)
Post\tStyringsområde\t2029\t2030\t2031\tPermanent fra 2032
Vejledere\tService\t1,5\t3,0\t3,0\t3,0
Huslejebesparelse\tService\t-0,2\t-0,4\t-0,4\t-0,4
Netto i alt\t\t1,3\t2,6\t2,6\t2,6
"""


def test_a_permanent_column_after_the_years_is_kept_as_written_neither_a_year_nor_a_total() -> None:
    (table,) = extract_tables(PERMANENT)
    assert table.years == ("2029", "2030", "2031")
    first, saving, total = table.rows
    assert first.total is None and first.extra == {"Permanent fra 2032": "3,0"}
    assert saving.amounts == {"2029": -0.2, "2030": -0.4, "2031": -0.4} and saving.extra["Permanent fra 2032"] == "-0,4"
    assert total.is_sum and table.checks_ok


def test_the_check_counts_a_kept_permanent_column_as_read() -> None:
    note = _note("Budget 2029\nBeskæftigelsesforvaltningen\n\nBF4 Vejledning af unge\n\nResume\nTekst.\n\n" + PERMANENT)
    assert "head_year_not_read" not in {f.kind for f in check_note(note).findings}


@pytest.mark.parametrize("line", [
    "Kultur- og Fritidsforvaltningen                         Budget 2032",
    "Kultur- og Fritidsforvaltningen\tBudget 2032",
])
def test_a_budget_year_set_apart_on_the_administrations_line_is_the_heads(line: str) -> None:
    assert find_budget_year(f"{line}\n\nKFF12 Nye klubhuse\n", "") == (2032, "head")


def test_a_budget_year_inside_a_sentence_of_the_head_is_still_not_the_heads() -> None:
    head = "Socialforvaltningen foreslår at bevillingen udløber med Budget 2029\n"
    assert find_budget_year(head, "")[1] != "head"


OPTIONS = """Økonomi
Tabel 4. Merudgift pr. mulighed (1.000 kr., 2033 p/l)
Mulighed\tStyringsområde\t2033\t2034\tI alt
Mulighed 1 – åbent to aftener\tService\t400\t400\t800
Mulighed 2 – åbent fem aftener\tService\t950\t950\t1.900
Mulighed 3: åbent hver dag\tService\t1.600\t1.400\t3.000

Tabel 5. Mulighed 3 fordelt på drift og anlæg (1.000 kr., 2033 p/l)
Post\tStyringsområde\t2033\t2034\tI alt
Ombygning\tAnlæg\t200\t\t200
Personale\tService\t1.400\t1.400\t2.800
I alt\t\t1.600\t1.400\t3.000
"""


def test_alternatives_as_the_rows_of_one_table_become_one_scenario_each() -> None:
    tables = extract_tables(OPTIONS)
    options = [t for t in tables if t.number == "4"]
    assert [t.scenario for t in options] == ["Mulighed 1", "Mulighed 2", "Mulighed 3"]
    assert [len(t.rows) for t in options] == [1, 1, 1] and all(t.checks_ok for t in options)
    assert options[1].rows[0].amounts == {"2033": 950, "2034": 950} and options[1].rows[0].total == 1900
    assert {t.title for t in options} == {"Tabel 4. Merudgift pr. mulighed"}
    split = next(t for t in tables if t.number == "5")
    assert split.scenario == "Mulighed 3" and len(split.rows) == 3  # an option's own table, named in its title


def test_rows_of_one_programme_or_with_a_sum_row_stay_one_table() -> None:
    (table,) = extract_tables(OPTIONS.split("Tabel 5")[0].replace("Mulighed 3: åbent hver dag", "I alt"))
    assert alternatives_as_rows(table) == (table,)  # a sum row: the rows are parts of one whole
    (parts,) = extract_tables("Tabel 5" + OPTIONS.split("Tabel 5")[1])
    assert alternatives_as_rows(parts) == (parts,)


def test_a_question_names_an_option_by_number() -> None:
    assert scenario_number("Mulighed 2") == 2
    assert alternatives_named("Hvad koster mulighed 2 og 3?") == {2, 3}
    assert alternatives_named("Der er mulighed for at søge i 2033.") == set()


COMMITTEE_PAGE = """Effektiviseringer og udvidelser, Teknik- og Miljøudvalget, Budget 2033

Budget 2033

Teknik- og Miljøforvaltningen

Resume

Udvalget afleverer to udvidelser og to reduktioner.

Udvidelser

TMF-X1 Flere affaldsspande i parkerne

Der opsættes 300 nye spande. Tømningen sker dagligt om sommeren.

TMF-X2 Længere åbent i genbrugsstationerne

Stationerne holder åbent til kl. 20 på hverdage.

Reduktioner

TMF-Y1 Færre vejskilte

Overflødige skilte fjernes ved næste udskiftning.

TMF-Y2 Lavere belysning om natten

Vejbelysningen dæmpes mellem kl. 1 og kl. 5.

Økonomi

Tabel 1: Udvidelser (mio. kr., 2033 p/l)
Forslag\t2033\t2034\tI alt
TMF-X1 Flere affaldsspande i parkerne\t1,10\t0,90\t2,00
TMF-X2 Længere åbent i genbrugsstationerne\t0,60\t0,60\t1,20
Udvidelser i alt\t1,70\t1,50\t3,20

Tabel 2: Reduktioner (mio. kr., 2033 p/l)
Forslag\t2033\t2034\tI alt
TMF-Y1 Færre vejskilte\t-0,20\t-0,40\t-0,60
TMF-Y2 Lavere belysning om natten\t-0,50\t-0,50\t-1,00
Reduktioner i alt\t-0,70\t-0,90\t-1,60
"""


def test_proposals_sharing_expansion_and_reduction_tables_are_a_catalogue() -> None:
    catalogue = find_catalogue(COMMITTEE_PAGE, extract_tables(COMMITTEE_PAGE, 2033))
    assert catalogue is not None
    assert [p.proposal_id for p in catalogue.proposals] == ["TMF-X1", "TMF-X2", "TMF-Y1", "TMF-Y2"]
    assert catalogue.title == "Effektiviseringer og udvidelser, Teknik- og Miljøudvalget, Budget 2033"
    second = catalogue.proposals[1]
    assert "Reduktioner" not in COMMITTEE_PAGE[second.start:second.end]  # the next group's heading is not its text
    note = _note(COMMITTEE_PAGE)
    assert note.doc_type == "budget_note" and note.note_id is None and note.title == catalogue.title
    assert [s.name for s in note.scenarios] == ["TMF-X1", "TMF-X2", "TMF-Y1", "TMF-Y2"]
    assert not {"no_note_id", "no_title"} & {f.kind for f in check_note(note).findings}


def test_proposal_ids_in_tables_without_text_of_their_own_are_no_catalogue() -> None:
    listing = COMMITTEE_PAGE.split("Resume")[0] + "Oversigt\n\n" + COMMITTEE_PAGE.split("Økonomi\n\n")[1]
    listing = listing.replace("Forslag\t", "Forslag\t")
    text = listing.replace("Tabel 1", "TMF-X1 Flere affaldsspande i parkerne\nTMF-X2 Længere åbent\n\nTabel 1")
    assert find_catalogue(text, extract_tables(text, 2033)) is None
