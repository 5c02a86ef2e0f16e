"""Cost answers read off a table's printed lines when the table reader kept no rows of it: the line the question
names, the column of the year asked (from the head above it, in any year notation), cited with the table's title,
unit and price level; and no figure when the column cannot be tied to the year or several lines match.
The notes are invented here, in shapes of other administrations than the archives'."""
from __future__ import annotations

import pytest

from budgetarkiv.answer.figures import unsupported_numbers
from budgetarkiv.answer.table_lines import head_columns, printed_lines

# an appendix table whose head counts the years from the budget year (B, BO1 ...); one row leaves its blank
# years empty, so its single figure cannot be tied to a column
_SCENER = """Kultur- og Fritidsforvaltningen
Budget 2031

KFF88 Mobile scener i byens parker

Resume
Forvaltningen foreslår tre mobile scener, der kan flyttes mellem parkerne om sommeren, og en
koordinator, der planlægger arrangementerne med de lokale foreninger.

Bilag 1. Økonomi
Bilagstabel 1. Udgifter (1.000 kr., 2031-priser). Beløbene er afrundede.
Post Styringsområde B BO1 BO2 BO3
Indkøb af scener Anlæg 2.900
Koordinator Service 520 540 540 540
Transport og opstilling Service 310 330 330 330
Udgifter i alt 3.730 870 870 870

Kontaktperson: Villads Brøndum Kjær, specialkonsulent
"""

# an English note: fiscal-year heads, thousands with commas
_BRIDGES = """Technical and Environmental Administration
Budget 2031

TEA 14 Winter gritting of harbour footbridges

Summary
The administration proposes gritting the six harbour footbridges before 6 a.m. on every day with frost.

Finances
Appendix table A: Additional cost (DKK 1,000, 2031 prices)
Item                        FY2031   FY2032   FY2033   Total
Grit and equipment             640      410      410   1,460
Night crew                   1,200    1,200    1,200   3,600
Total additional cost        1,840    1,610    1,610   5,060

Contact: Ruth Abildgaard, engineer
"""

# a table without a caption or a label column head, its unit in the sentence above, a label broken over two lines
_HOFTE = """Sundheds- og Omsorgsforvaltningen
Budget 2031

SUF71 Hjemmetræning efter hofteoperation

Resume
Forvaltningen foreslår, at borgere over 65 år tilbydes hjemmetræning i otte uger efter en hofteoperation.

Økonomi
Økonomien er vist herunder i mio. kr. (2031-priser).
                                    2031     2032     2033
Fysioterapeuter til
hjemmetræning                        4,2      4,6      4,6
Hjælpemidler                         0,9      0,5      0,5
Samlet                               5,1      5,1      5,1

Kontaktperson: Maja Thorsø Ravn, chefkonsulent
"""

# alternatives in one table, one of them naming another ("som model B")
_HAVNEBUS = """Teknik- og Miljøforvaltningen
Budget 2031

TMF61 Havnebusser om aftenen – tre modeller

Resume
Forvaltningen beskriver tre modeller for flere havnebusser om aftenen. Model C bygger oven på model B.

Bilag 2. Økonomi pr. model
Bilagstabel 2. Merudgift pr. model (1.000 kr., 2031-priser). Modellerne kan ikke lægges sammen.
Model | Styringsområde | 2031 | 2032 | 2033 | I alt
Model A – afgang hver time til kl. 23 | Service | 800 | 800 | 800 | 2.400
Model B – afgang hver halve time til kl. 23 | Service | 1.350 | 1.350 | 1.350 | 4.050
Model C – som model B og til kl. 01 | Service | 2.100 | 1.900 | 1.900 | 5.900

Kontaktperson: Bodil Skovgaard Ring, trafikplanlægger
"""

# the unit price stands in a sentence; the table's line is the whole staff
_HERBERG = """Socialforvaltningen
Budget 2031

SOF44 Bedre nattedækning på herbergerne

Resume
Forvaltningen foreslår vågne nattevagter på tre herberger. En vågen nattevagt koster 610.000 kr. om året.

Bilag 1. Økonomi
Bilagstabel 1. Udgifter (1.000 kr., 2031-priser)
Post Styringsområde B BO1 BO2
Nattevagter (9 årsværk) Service 5.490 5.490 5.490

Kontaktperson: Frode Ulstrup Dam, teamleder
"""

# a table the reader does read: the structured answer stays
_SKATEPARK = """Kultur- og Fritidsforvaltningen                                 Budget 2031

KFF90 Skatepark i Sydhavnen

Resume
Forvaltningen foreslår en overdækket skatepark i Sydhavnen.

Økonomi

Tabel 1. Udgifter
tkr. (2031-priser) Styringsområde 2031 2032 I alt
Anlæg af skatepark Anlæg 7.500 2.500 10.000
Drift og tilsyn Service 0 400 400
Udgifter i alt 7.500 2.900 10.400

Kontaktperson: Kasper Vinding Holt, projektleder
"""


@pytest.mark.fast
@pytest.mark.parametrize("head, budget_year, columns", [
    ("Budget 2031 | Overslag 2032 | Overslag 2033 | I alt", None, ("2031", "2032", "2033", "total")),
    ("Post Styringsområde B BO1 BO2 BO3", 2031, ("2031", "2032", "2033", "2034")),
    ("tkr. (2031-priser) Styringsområde 2031 2032 I alt", None, ("2031", "2032", "total")),
    ("Item  FY2031  FY2032  Total", None, ("2031", "2032", "total")),
    ("2031 2032 Bemærkning", None, ()),  # a word after the year columns: not a plain head
    ("Post Styringsområde B BO1 BO2", None, ()),  # relative years need the budget year
    ("Mio. kr. (2031-priser)", None, ()),  # a price level is no column
])
def test_head_columns_in_any_notation(head, budget_year, columns):
    assert head_columns(head, budget_year)[0] == columns


@pytest.mark.fast
def test_a_broken_label_is_joined_and_blank_cells_leave_a_line_untied():
    lines = {p.label: p for p in printed_lines(_HOFTE, 2031)}
    assert "Fysioterapeuter til hjemmetræning" in lines
    assert lines["Fysioterapeuter til hjemmetræning"].cell("2032") == "4,6"
    assert lines["Samlet"].cell("2031") == "5,1" and lines["Samlet"].unit == "mio. kr."
    scener = {p.label: p for p in printed_lines(_SCENER, 2031)}
    assert scener["Koordinator Service"].cell("2032") == "540"
    assert not scener["Indkøb af scener Anlæg"].tied  # one figure under four columns: no year reads it
    assert scener["Indkøb af scener Anlæg"].cell("2031") is None


@pytest.mark.fast
def test_a_sentence_after_the_table_is_no_line_of_it():
    text = _HOFTE.replace("Kontaktperson:", "Forvaltningen har i alt ansat fysioterapeuter på 12\n\n\nKontaktperson:")
    assert all("ansat" not in p.label for p in printed_lines(text, 2031))


@pytest.fixture(scope="module")
def printed_answerer(tmp_path_factory, embedder):
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.core.settings import Settings
    from budgetarkiv.index.build import build_index
    from budgetarkiv.search.hybrid import Searcher

    base = tmp_path_factory.mktemp("printed-tables")
    (base / "docs").mkdir()
    for name, text in (("scener", _SCENER), ("bridges", _BRIDGES), ("hofte", _HOFTE), ("havnebus", _HAVNEBUS),
                       ("herberg", _HERBERG), ("skatepark", _SKATEPARK)):
        (base / "docs" / f"{name}.txt").write_text(text, encoding="utf-8")
    settings = Settings.from_env({}, index_dir=base / "idx")
    build_index([base / "docs"], settings, embedder, show_progress=False)
    return Answerer(Searcher(settings))


def _answer(answerer, question):
    a = answerer.ask(question)
    assert a.answered, a.answer
    assert not unsupported_numbers(a.answer, a.evidence), a.answer  # every figure shown is in its evidence
    return a.answer


def test_a_named_row_in_the_year_asked(printed_answerer):
    text = _answer(printed_answerer, "Hvad koster fysioterapeuterne til hjemmetræning efter hofteoperation i 2032?")
    assert "4,6" in text and "mio. kr." in text and "2031-priser" in text
    assert "4,2" not in text and "5,1" not in text


def test_the_sum_row_when_the_question_names_no_row(printed_answerer):
    text = _answer(printed_answerer, "Hvad koster hjemmetræningen efter hofteoperation i 2033?")
    assert "5,1" in text and "0,5" not in text


def test_an_english_note_with_fiscal_year_heads(printed_answerer):
    text = _answer(printed_answerer, "What does the night crew for gritting the harbour footbridges cost in 2032?")
    assert "1,200" in text and "Appendix table A" in text and "2031 prices" in text
    assert "410" not in text and "3,600" not in text and "1,610" not in text


@pytest.mark.parametrize("question, shown, other", [
    ("Hvad koster model C for havnebusserne i 2031?", "2.100", "1.350"),
    ("Hvad koster model A for havnebusserne i 2032?", "800", "1.900"),
])
def test_the_alternative_asked_not_the_one_it_builds_on(printed_answerer, question, shown, other):
    text = _answer(printed_answerer, question)
    assert shown in text and other not in text


def test_a_yearly_cost_leaves_out_the_periods_total(printed_answerer):
    text = _answer(printed_answerer, "Hvad er den årlige merudgift til havnebusser med model B?")
    assert "1.350" in text and "4.050" not in text and "2.100" not in text


def test_relative_year_columns_are_shown_as_printed(printed_answerer):
    text = _answer(printed_answerer, "Hvad koster koordinatoren til de mobile scener?")
    assert "BO1: 540" in text and "B: 520" in text and "330" not in text


def test_a_figure_that_cannot_be_tied_to_its_year_is_not_shown(printed_answerer):
    a = printed_answerer.ask("Hvad koster indkøb af scener til parkerne i 2032?")
    assert "2.900" not in a.answer


def test_the_structured_answer_is_kept_when_the_table_was_read(printed_answerer):
    text = _answer(printed_answerer, "Hvad koster drift og tilsyn af skateparken i Sydhavnen i 2032?")
    assert "400" in text and "trykte linje" not in text


def test_a_sum_over_the_whole_period_is_the_total_column_as_printed(printed_answerer):
    text = _answer(printed_answerer, "Hvad koster model B for havnebusserne i alt i 2031-2033?")
    assert "4.050" in text and "1.350" not in text and "5.900" not in text


def test_a_sum_of_some_years_adds_the_cells_and_shows_each(printed_answerer):
    text = _answer(printed_answerer, "Hvad koster hjemmetræningen efter hofteoperation i alt i 2032-2033?")
    assert "10,2" in text and "5,1 (2032)" in text and "15,3" not in text


def test_cells_of_ambiguous_notation_are_not_added_up(printed_answerer):
    a = printed_answerer.ask("What does the night crew for the harbour footbridges cost in total in 2031-2032?")
    assert "2,400" not in a.answer and "2.400" not in a.answer and "2,4" not in a.answer


def test_a_unit_price_stated_in_a_sentence_is_not_replaced_by_a_table_line(printed_answerer):
    text = _answer(printed_answerer, "Hvad koster én vågen nattevagt på herbergerne om året?")
    assert "610.000" in text and "5.490" not in text
