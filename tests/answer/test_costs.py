"""Sums and comparisons of cited amounts: one sum per unit and price level, differences only within one."""
from __future__ import annotations

import dataclasses

import pytest

from budgetarkiv.answer.costs import Term, area_rows, described_best, difference, ids_named, in_years, names, sums
from budgetarkiv.answer.model import Programme
from budgetarkiv.search.lookup import RowRecord, ScenarioCost
from budgetarkiv.search.query import analyse


def _term(label, value, level="2024 p/l", unit="1.000 kr."):
    return Term(label, value, unit, level, "Tabel 2", 4)


def test_amounts_of_one_price_level_are_added():
    (s,) = sums([_term("BI18, 2022", 7450), _term("BI18, 2023", 7450)])
    assert s.total == 14900 and [t.label for t in s.terms] == ["BI18, 2022", "BI18, 2023"]


def test_amounts_of_different_price_levels_or_unknown_units_are_never_added():
    out = sums([_term("BI18, 2026", 4600), _term("BI23, 2026", 3490, "2026 p/l"), _term("X, 2026", 2.7, unit="mio. kr."),
                _term("Y, 2026", 12, unit="årsværk")])
    assert sorted(s.total for s in out) == [12, 3490, 7300]  # 4.600 + 2,7 mio. kr. (2.700) of one price level
    assert all(len({(t.unit, t.price_level) for t in s.terms}) == 1 for s in out)


def test_decimal_sums_stay_exact():
    (s,) = sums([_term("a", 0.1, unit="mio. kr."), _term("b", 0.2, unit="mio. kr.")])
    assert s.total == 0.3


def test_a_difference_needs_one_unit_and_price_level():
    assert difference(_term("s1", 4410), _term("s2", 6930)) == 2520
    assert difference(_term("s1", 4410), _term("s2", 6930, "2027 p/l")) is None


def test_in_years_keeps_the_asked_columns_and_drops_the_period_total():
    s = ScenarioCost("Scenarie 1", {"2024": 4600, "2025": 4600}, 9200, "1.000 kr.", "2024 p/l", "Tabel 2", 4, "I alt")
    p = Programme("BI18", 2024, "Perspektiv", "a.txt", "d", (s,))
    (cut,) = in_years(p, [2025]).scenarios
    assert dict(cut.amounts) == {"2025": 4600} and cut.total is None
    (whole,) = in_years(p, [2024, 2025]).scenarios
    assert whole.total == 9200


def _scenario(name, value):
    return ScenarioCost(name, {"2027": value}, value, "mio. kr.", "2026 p/l", "Tabel", 3, "Udgifter i alt")


def test_the_scenario_whose_own_text_names_the_question_word_is_chosen():
    """'open on Sundays' (søndag after translation) names only the Sunday scenario's heading and text."""
    costs = [_scenario("Scenarie 1", 0.9), _scenario("Scenarie 2", 5.45), _scenario("Scenarie 3", 8.85)]
    texts = {"Scenarie 1": {"udvid", "meråbent", "selvbetjening"}, "Scenarie 2": {"bemand", "aftenåbent"},
             "Scenarie 3": {"søndagsåbent", "søndag", "bemand"}}
    assert [c.name for c in described_best(costs, texts, {"søndag", "sunday"})] == ["Scenarie 3"]


def test_a_scenario_whose_heading_names_the_question_word_wins_over_descriptions_naming_others():
    """'det udvidede scenarie': 'Udvidet' is scenario 2's heading, while the subject's words recur in the
    other scenarios' descriptions."""
    costs = [_scenario(f"Scenarie {n}", n) for n in (1, 2, 3)]
    titles = {"Scenarie 1": {"basis"}, "Scenarie 2": {"udvid"}, "Scenarie 3": {"fuld", "udbygning"}}
    texts = {"Scenarie 1": {"basis", "stativ"}, "Scenarie 2": {"udvid", "stativ"},
             "Scenarie 3": {"fuld", "udbygning", "stativ", "cykel", "parkering"}}
    assert [c.name for c in described_best(costs, texts, {"udvided", "stativ", "cykel", "parkering"}, titles)] == [
        "Scenarie 2"]


def test_every_scenario_stays_when_none_or_several_are_named_as_well():
    costs = [_scenario("Scenarie 1", 0.9), _scenario("Scenarie 2", 5.45)]
    texts = {"Scenarie 1": {"bemand", "aften"}, "Scenarie 2": {"bemand", "søndag"}}
    assert len(described_best(costs, texts, {"perspektiv"})) == 2  # no scenario names the word
    assert len(described_best(costs, texts, {"bemand"})) == 2  # both do


def test_a_row_is_named_by_a_shared_stem_or_a_word_that_starts_it():
    assert names({"plantning", "gadetræ", "anlæg"}, {"plant"})  # "plante" ~ "Plantning af gadetræer"
    assert names({"anlæg", "udskiftning"}, {"anlægsudgift", "anlæg"})
    assert not names({"vanding", "pleje"}, {"plant"})
    assert not names({"plantning"}, {"pla"})  # short stems start too many words


# --- over a real index of the tuning archive (notes unlike the samples) -----------------------------------

def _asked(answerer, question):
    from budgetarkiv.answer.figures import unsupported_numbers

    a = answerer.ask(question)
    assert a.answered, a.answer
    assert not unsupported_numbers(a.answer, a.evidence), a.answer
    return a.answer.replace("−", "-")


def test_the_scenario_the_question_describes_is_answered_alone(archive_answerer):
    """Three scenarios; 'open on Sundays' describes the third: its 2028 amount, no other scenario's."""
    text = _asked(archive_answerer, "What would it cost in 2028 to keep every library open on Sundays?")
    assert "8,85" in text and "Scenarie 3" in text
    assert "Scenarie 1" not in text and "Scenarie 2" not in text and "5,45" not in text


def test_an_amount_is_shown_as_the_table_prints_it(archive_answerer):
    text = _asked(archive_answerer, "Hvor stor er anlægsudgiften til LED-udskiftningen af vejbelysningen i 2024?")
    assert "2024: 3,0" in text


def test_a_savings_question_shows_the_savings_row_of_the_year(archive_answerer):
    text = _asked(archive_answerer, "How much does merging the night watches of the residential homes save in 2027?")
    assert "Varige ændringer" in text and "2027: -4.200" in text


def test_a_sum_of_two_named_programmes_adds_their_amounts_of_one_price_level(archive_answerer):
    """Each part of 'X and Y together' finds its own note; of a programme's linked notes the one with the
    year asked counts (the 2021 original of the team has no 2028 column), once."""
    text = _asked(archive_answerer,
                  "What do the youth clubs and the Housing First team cost together in 2028 (both in 2025 prices)?")
    assert "12.180 = 5.400 (BUF07, 2028) + 6.780 (SOF14, 2028)" in text
    assert "SOF22" not in text


def test_a_sum_of_named_rows_adds_those_rows_not_the_whole_proposal(archive_answerer):
    """One row over every year of its table: its I alt cell, named by the row (its years would read as answers)."""
    text = _asked(archive_answerer, "Hvad er de samlede udgifter til vanding og pleje af de nye gadetræer i 2021-2023?")
    assert "i alt 2021-2023: 2.700" in text and "Vanding" in text and "15.700" not in text


def test_money_granted_earlier_by_an_agreement_is_summed_from_the_note_that_lists_it(archive_answerer):
    """The 2021 note cannot list its own grant; the 2025 continuation's 'Tidligere afsatte midler' does."""
    text = _asked(archive_answerer, "Hvor meget blev der i alt afsat til Housing First for unge med Budgetaftale 2021?")
    assert "21.850" in text and "løbende p/l" in text


def test_a_comparison_with_the_original_proposal_shows_both_and_keeps_price_levels_apart(archive_answerer):
    text = _asked(archive_answerer, "Hvordan er den årlige udgift til Housing First for unge i videreførelsen i 2025 "
                                    "sammenlignet med det oprindelige forslag fra 2021?")
    assert "5.200" in text and "6.780" in text and "2021 p/l" in text and "2025 p/l" in text
    assert "Forskel" not in text and "prisniveauer" in text


def test_a_year_outside_every_table_is_said_so(archive_answerer):
    a = archive_answerer.ask("Hvad koster akutteamet til borgere med psykisk sygdom i 2031?")
    assert not a.answered and "2031" in a.answer and "2027-2030" in a.answer


def test_two_programmes_of_different_price_levels_get_a_sum_each(archive_answerer):
    """Never one sum across price levels; a word of a programme's own title ('skøjtebanen') names the
    programme, not one of its rows, so its whole proposal is summed."""
    text = _asked(archive_answerer, "Hvad koster skøjtebanen og lektiecafeerne tilsammen?")
    heads = [ln for ln in text.splitlines() if ln.startswith("I alt")]
    assert len(heads) == 2 and "2021 p/l" in heads[0] + heads[1] and "2019 p/l" in heads[0] + heads[1]
    assert "10.000 = 6.400" in text and "prisniveau" in text.splitlines()[-2] + text.splitlines()[-1]


def test_a_comparison_of_two_years_shows_both_amounts_and_the_difference(archive_answerer):
    text = _asked(archive_answerer, "Sammenlign udgiften til Sprogløft i 2022 og 2025")
    assert "2022: 7.450" in text and "2025: 7.150" in text and "7.150 - 7.450 = -300" in text


def test_english_budget_vocabulary_names_the_rows_of_a_steering_area(archive_answerer):
    """'capital investment' names the row of steering area Anlæg."""
    text = _asked(archive_answerer, "How much capital investment does the LED street lighting need?")
    assert "Anlæg – udskiftning til LED-armaturer: 2023: 4,5, 2024: 3,0, total 7,5" in text


def test_a_year_asked_of_money_set_aside_selects_that_column_alone(archive_answerer):
    """Another year's amount shown beside the one asked would read as the answer."""
    text = _asked(archive_answerer, "Hvor meget er der afsat til lokaludvalgenes pulje i 2028?")
    assert "2028: 2.900" in text and "hele forslaget" not in text and "2027:" not in text


def test_two_programmes_compared_show_both_totals_and_say_why_no_difference(archive_answerer):
    text = _asked(archive_answerer, "Hvad koster skøjtebanen i forhold til lektiecafeerne?")
    assert "KFF07" in text and "BUF12" in text and "10.000" in text and "13.280" in text
    assert "Forskel" not in text and "prisniveauer" in text


def test_a_named_programme_without_the_year_asked_is_said_to_have_none(archive_answerer):
    """The sum is of the others; the one lacking the year is named, not silently left out."""
    text = _asked(archive_answerer, "Hvad koster skøjtebanen og lektiecafeerne tilsammen i 2024?")
    assert "BUF12" in text and "intet beløb i 2024" in text
    assert "1.200 = 1.200 (KFF07, 2024)" in text


def test_the_table_row_holding_the_amount_a_quoted_sentence_states_is_shown(answerer):
    """The question's words are not in any row label, but the quoted sentence's '0,6 mio. kr.' is one row's
    yearly 600 (1.000 kr.): that row is the part of the proposal asked about."""
    from budgetarkiv.answer.figures import unsupported_numbers

    a = answerer.ask("Er der sat penge af til at holde unge på erhvervsskolerne?")
    assert any(": 600 om året" in ln and "i alt 1.200" in ln for ln in a.answer.splitlines()), a.answer
    assert "0,6 mio. kr." in a.answer
    assert not unsupported_numbers(a.answer, a.evidence)


def test_money_from_earlier_agreements_is_summed_without_the_new_proposals_figures(archive_answerer):
    text = _asked(archive_answerer, "Hvor meget har Sprogløft fået i alt fra tidligere budgetaftaler?")
    assert "23.900 = 5.800" in text and "løbende p/l" in text
    assert "29,2" not in text and "29.200" not in text  # the new proposal's money is not what was granted


def _row(label, area, amounts, is_sum=False):
    return RowRecord(1, "d", "a.txt", "X1", 2020, "T", "Tabel 2", "2", None, "1.000 kr.", "2020 p/l", 2, None,
                     label, area, None, None, None, is_sum, amounts, sum(amounts.values()))


def test_a_steering_area_the_question_names_picks_that_areas_rows():
    """'anlægsudgiften' names steering area Anlæg, 'capital' through its Danish word; a question naming no
    area, or an area every row has, picks none (the sum row answers)."""
    rows = [_row("Ombygning", "Anlæg", {"2020": 6500}), _row("Husleje", "Service", {"2021": 900}),
            _row("Koordinatorer", "Service", {"2020": 550})]
    assert [r.label for r in area_rows(rows, analyse("Hvad er anlægsudgiften til huset?"))] == ["Ombygning"]
    assert [r.label for r in area_rows(rows, analyse("What is the capital cost of the house?"))] == ["Ombygning"]
    assert [r.label for r in area_rows(rows, analyse("Hvad udgør serviceudgifterne?"))] == ["Husleje", "Koordinatorer"]
    assert area_rows(rows, analyse("Hvad koster huset?")) == []
    assert area_rows(rows[1:], analyse("Hvad udgør serviceudgifterne?")) == []


def test_the_highest_amount_asked_keeps_the_one_row_that_has_it():
    """Of the rows shown, only the one with the largest amount of the year asked: the others' amounts would
    read as the answer; a tie or mixed price levels keep them all."""
    from budgetarkiv.answer.compose import _extreme

    def row(name, v, level="2025 p/l"):
        return ScenarioCost(name, {"2028": v}, None, "1.000 kr.", level, "Tabel", 2, "Drift")

    p = Programme("X1", 2025, "T", "a.txt", "d", (), activities=(row("S1", 300), row("S2", 650), row("S3", 1100)))
    ((_, kept),) = _extreme([(None, p)], "2028", "max")
    assert [a.name for a in kept.activities] == ["S3"]
    assert [a.name for a in _extreme([(None, p)], "2028", "min")[0][1].activities] == ["S1"]
    tie = dataclasses.replace(p, activities=(row("S1", 300), row("S2", 300)))
    assert _extreme([(None, tie)], "2028", "min") == [(None, tie)]
    mixed = dataclasses.replace(p, activities=(row("S1", 300), row("S2", 650, "2026 p/l")))
    assert _extreme([(None, mixed)], "2028", "max") == [(None, mixed)]


def test_the_lasting_level_is_the_last_column_of_the_proposal():
    from budgetarkiv.answer.compose import _last_column

    s = ScenarioCost(None, {"2024": -1300, "2025": -2600, "2027": -2600}, -6500, "1.000 kr.", "2024 p/l", "T", 1, "I alt")
    assert _last_column(Programme("X1", 2024, "T", "a.txt", "d", (s,))) == (2027,)
    assert _last_column(Programme("X1", 2024, "T", "a.txt", "d", ())) == ()


def test_scenarios_compared_over_the_whole_period_compare_their_totals(archive_answerer):
    """'over hele perioden': one difference of the two period totals, not one per year."""
    for question in ("Hvor meget dyrere er scenarie 3 end scenarie 1 for bibliotekernes åbningstider over hele "
                     "perioden?", "How much more than scenario 1 does scenario 3 of the library opening hours cost "
                     "across the whole period?"):
        text = _asked(archive_answerer, question)
        differences = [ln for ln in text.splitlines() if ln.strip().startswith(("Forskel", "Difference"))]
        assert len(differences) == 1, text
        assert "26,55 - 5,4 = 21,15" in differences[0]


def test_money_already_set_aside_before_a_proposal_is_the_earlier_grant_in_the_year_asked(archive_answerer):
    """'allerede afsat ... før videreførelsen': the grant's column of that year, not the new proposal's
    amounts, nor the original proposal's."""
    for question in ("Hvor meget var der allerede afsat til Housing First for unge i 2023, før videreførelsen?",
                     "How much had already been set aside for Housing First for young people in 2023?"):
        text = _asked(archive_answerer, question)
        assert "2023: 5.550" in text and "løbende p/l" in text
        assert "2024:" not in text and "5.200" not in text and "2025 p/l" not in text


def test_the_net_total_is_the_proposals_sum_row_without_gross_rows_beside_it(archive_answerer):
    """A gross row (the capital purchase the text states) shown beside the net sum would read as the answer."""
    text = _asked(archive_answerer, "What is the net total of the proposal on medication dispensers over the whole "
                                    "period?")
    assert "total 2024-2027: -10.300" in text and "indkøb af medicindispensere:" not in text  # the total alone


def test_a_comparison_of_two_scenarios_named_by_their_headings_keeps_those_two():
    costs = [_scenario(f"Scenarie {n}", n) for n in (1, 2, 3)]
    titles = {"Scenarie 1": {"udvid", "meråbent"}, "Scenarie 2": {"bemand", "aftenåbent", "aften"},
              "Scenarie 3": {"søndagsåbent", "søndag"}}
    kept = described_best(costs, titles, {"aften", "søndag"}, titles, count=2)
    assert [c.name for c in kept] == ["Scenarie 2", "Scenarie 3"]
    assert len(described_best(costs, titles, {"aften"}, titles, count=2)) == 3  # one named: no pair stands out


def test_a_part_of_an_enumerating_title_names_a_row_of_the_note(archive_answerer):
    """'Nye faglokaler til naturfag og madkundskab': 'madkundskab' names the note's row 'Nye
    madkundskabslokaler', not the whole note; naming every part names the note."""
    from budgetarkiv.answer.costs import _one_part_named

    analyzer = archive_answerer.searcher.lexical.analyzer
    title = "Nye faglokaler til naturfag og madkundskab"
    assert _one_part_named(title, analyzer, set(analyzer.tokens("lokaler til madkundskab"))) == {"madkundskab"}
    both = set(analyzer.tokens("naturfag og madkundskab"))
    assert _one_part_named(title, analyzer, both) == set()
    assert _one_part_named(title, analyzer, both, several=True) == {"naturfag", "madkundskab"}
    assert _one_part_named("Skøjtebane i Nørrebroparken", analyzer, {"skøjtebane"}) == set()  # no enumeration
    # the head before the first part's preposition is every part's: it names the note, not the first part
    title = "Ladestandere ved kommunens svømmehaller og biblioteker"
    asked = set(analyzer.tokens("ladestandere ved bibliotekerne"))
    assert _one_part_named(title, analyzer, asked) == set(analyzer.tokens("biblioteker"))
    asked = set(analyzer.tokens("ladestandere ved svømmehallerne"))
    assert _one_part_named(title, analyzer, asked) == set(analyzer.tokens("svømmehaller"))


def test_a_row_compared_between_a_programmes_notes_of_two_budget_years_shows_both(continuation_answerer):
    """'steget fra notatet til Budget 2023 til notatet til Budget 2027': the row in each note, and no difference
    across price levels."""
    text = _asked(continuation_answerer, "Er udgiften til jobkonsulenter i BI31 steget fra notatet til Budget 2023 "
                                         "til notatet til Budget 2027?")
    assert "Jobkonsulenter (3 årsværk): 1.650 om året" in text and "Jobkonsulenter (4 årsværk): 2.350 om året" in text
    assert "2023 p/l" in text and "2027 p/l" in text and "Forskel" not in text


def test_a_note_id_reused_for_another_programme_is_not_compared_as_the_same(archive_answerer):
    """BUF07 of Budget 2025 is another programme than BUF07 of Budget 2022 (Sprogløft)."""
    text = _asked(archive_answerer, "Er udgiften til Sprogløft (BUF07) steget fra notatet til Budget 2022 til "
                                    "notatet til Budget 2025?")
    assert "klubpladser" not in text.lower()


@pytest.mark.parametrize("question", [
    "How much does the artificial ice rink in Nørrebroparken cost in 2027?",
    "What is the budget for the ice rink in Nørrebroparken in 2027?",  # a fact question about money
])
def test_a_year_outside_the_notes_tables_is_said_so_in_english_too(archive_answerer, question):
    """The note whose title names the subject (after translation) is the one in focus, not a note that only
    holds the year asked; its tables lack the year, so the answer says so."""
    a = archive_answerer.ask(question)
    assert not a.answered and "Nørrebroparken" in a.answer and "2021-2024" in a.answer


def test_two_notes_each_naming_a_part_of_an_english_question_are_no_answer_together(archive_answerer):
    """'a new ice rink on Amager': the ice rink note is in Nørrebroparken, the Amager note is about youth clubs;
    neither is shown as the answer."""
    a = archive_answerer.ask("How much has been set aside for a new ice rink on Amager?")
    assert not a.answered and "5.800" not in a.answer and "15.300" not in a.answer


def test_a_sum_of_amounts_written_with_decimals_keeps_a_decimal():
    """3,8 + 1,2 in a mio. kr. table is 5,0 as the table would print it, not 5."""
    from budgetarkiv.core.numbers import format_danish_number

    (s,) = sums([_term("a", 3.8, unit="mio. kr."), _term("b", 1.2, unit="mio. kr.")])
    assert format_danish_number(s.total) == "5,0"
    (whole,) = sums([_term("a", 3800), _term("b", 1200)])
    assert format_danish_number(whole.total) == "5.000"
    assert difference(_term("a", 8.2), _term("b", 5.6)) == -2.6


def test_a_rows_terms_are_labelled_with_the_row():
    from budgetarkiv.answer.costs import terms_of
    from budgetarkiv.answer.model import ScenarioOut

    row = ScenarioOut(name=None, amounts={"2028": 3.8}, total=3.8, unit="mio. kr.", price_level="2027 p/l",
                      table="Tabel 1", page=None, row_label="Nye madkundskabslokaler")
    p = Programme(note_id="BUF30", budget_year=2027, title="t", source="s", doc_id="d", scenarios=(), activities=(row,))
    assert [t.label for t in terms_of(p, row)] == ["BUF30 Nye madkundskabslokaler, 2028"]


def test_amounts_of_one_price_level_in_mio_kr_and_1000_kr_are_added_in_1000_kr():
    """20,9 mio. kr. is 20.900 (1.000 kr.) exactly: converted, it is added, and shows how its table wrote it."""
    (s,) = sums([_term("BUF30, 2028", 20.9, unit="mio. kr.", level="2027 p/l"),
                 _term("SUF21, 2028", 11100, level="2027 p/l")])
    assert s.unit == "1.000 kr." and s.total == 32000
    assert [t.written for t in s.terms] == ["20,9 mio. kr.", None]
    apart = sums([_term("a", 20.9, unit="mio. kr.", level="2026 p/l"), _term("b", 11100, level="2027 p/l")])
    assert len(apart) == 2  # price levels are never mixed


def test_the_first_two_years_in_total_add_the_tables_first_two_columns(archive_answerer):
    text = _asked(archive_answerer, "What does Sprogløft cost in total in the first two years?")
    assert "14.900 = 7.450" in text and "2024" not in text.split("In the text")[0]


def test_a_title_listing_alternatives_by_letter_has_no_parts_naming_rows(archive_answerer):
    """'... – Model A, B og C' enumerates alternatives, not parts of the subject: its words name the note."""
    from budgetarkiv.answer.costs import _one_part_named

    analyzer = archive_answerer.searcher.lexical.analyzer
    title = "Aflastning til familier med børn med handicap – Model A, B og C"
    assert _one_part_named(title, analyzer, set(analyzer.tokens("aflastning model"))) == set()


def test_one_alternative_over_two_years_added_up_is_its_sum_row_not_a_row_named_like_the_note(archive4_answerer):
    text = _asked(archive4_answerer, "What would Model A of the respite proposal cost in 2026 and 2027 added up?")
    assert "7.000 = 2.450 (SOF46 Model A, 2026) + 4.550 (SOF46 Model A, 2027)" in text
    assert "Model B" not in text.split("In the text")[0]


def test_a_first_year_compared_with_a_full_year_shows_the_first_and_the_lasting_column(archive4_answerer):
    text = _asked(archive4_answerer, "What does the printer proposal save in the first year compared with a full year?")
    assert "2026: -400" in text and "2029: -2.100" in text and "-6.700" not in text


def test_two_notes_of_a_programme_compared_in_a_year_each_name_the_note_each_figure_comes_from(archive4_answerer):
    text = _asked(archive4_answerer, "Which is larger: Jobspor's net cost in 2027 in the original note, "
                                     "or in 2028 in the continuation?")
    assert "BIF57 (Budget 2025), 2027: 4.000" in text and "2028: 5.000" in text
    assert "2.800" not in text  # another year of the original note
    assert "different price levels" in text


def test_a_note_without_a_money_table_counts_in_a_sum_with_the_amount_its_sentence_states():
    from budgetarkiv.answer.costs import stated_term
    from budgetarkiv.ingest.amounts import extract_prose_amounts

    text = ("Der skal træffes beslutning om at afsætte 0,8 mio. kr. i 2031 (servicemidler). Et konsulentfirma "
            "forventes at koste ca. 450.000 kr. Udgiften er en engangsudgift på 0,8 mio. kr. i 2031 i 2031 p/l.")
    found = stated_term(extract_prose_amounts(text), 2031, "SOF99")
    assert found is not None and (found.term.value, found.term.unit, found.term.price_level) == (0.8, "mio. kr.", "2031 p/l")
    assert found.term.label == "SOF99, 2031" and "2031 p/l" in found.sentence
    assert stated_term(extract_prose_amounts(text), 2032, "SOF99") is None  # no sentence states that year
    unpriced = "Der skal træffes beslutning om at afsætte 0,8 mio. kr. i 2031."
    assert stated_term(extract_prose_amounts(unpriced), 2031, "SOF99") is None  # no price level: never added
    two = text + " I 2031 bruges desuden 1,2 mio. kr. i 2031 p/l på lokaler."
    assert stated_term(extract_prose_amounts(two), 2031, "SOF99") is None  # two amounts for the year: which?


def test_the_period_total_asked_is_shown_alone():
    from budgetarkiv.answer.wording import scenario_line

    s = ScenarioCost("Scenarie 1", {"2026": 2400, "2027": 2550, "2028": 2550}, 7500, "1.000 kr.", "2026 p/l",
                     "Tabel 2", 1, "Udgifter i alt")
    line, cited = scenario_line("da", s, years=(2026, 2027, 2028), total_only=True)
    assert "i alt 2026-2028: 7.500" in line and "2.400" not in line and "2.400" in cited
    assert "2.400" in scenario_line("da", s, years=(2026,), total_only=True)[0]  # a part of the period: its years


def test_a_sum_counts_a_note_without_a_money_table_by_its_stated_amount(money_answerer):
    text = _asked(money_answerer, "What do the KFF09 swimming lessons and the SOF27 autism analysis cost together in 2026?")
    assert "4,2 = 3,4 (KFF09, 2026) + 0,8 (SOF27, 2026)" in text
    assert "«Udgiften er en engangsudgift på 0,8 mio. kr. i 2026 i 2026 p/l.»" in text


def test_two_rows_of_one_note_are_compared_though_another_note_is_found_too(money_answerer):
    text = _asked(money_answerer, "Which costs more in 2029: the science labs or the food technology rooms?")
    assert "Ombygning af naturfagslokaler, 2029: 8,2" in text and "Nye madkundskabslokaler, 2029: 5,6" in text
    assert "14,5" not in text  # another year


def test_an_agreements_table_rows_are_summed_in_the_year_asked(money_answerer):
    text = _asked(money_answerer, "According to the Budget 2026 agreement, what do the culture pass for 15-17 year olds "
                                  "and the swimming lessons cost together in 2028?")
    assert "(mio. kr., 2026 p/l): 8,3 = 1,5 (Kulturpas til unge på 15-17 år, 2028) + 6,8" in text
    assert "9,3" not in text  # the table's own sum row: the sports halls are in it


def test_a_notes_draft_and_final_version_compared_show_each_total_and_the_difference(money_answerer):
    text = _asked(money_answerer, "Hvad er forskellen på budgetønsket til hjemmetræning efter hoftebrud i udkastet "
                                  "og i den endelige version?")
    assert "(udkast), i alt 2024-2027: 11.850" in text and "(endelig version), i alt 2024-2027: 14.300" in text
    assert "11.850 = 2.450" in text


@pytest.mark.parametrize(("question", "shown", "not_shown"), [
    ("Hvad kostede hjemmetræning efter hoftebrud i alt ifølge udkastet?", "11.850", "14.300"),
    ("What did the first draft say home training after hip fracture would cost in total?", "11.850", "14.300"),
    ("Hvad koster hjemmetræning efter hoftebrud i alt?", "14.300", "11.850"),
])
def test_the_draft_asked_for_gives_the_drafts_figures_else_the_newest(money_answerer, question, shown, not_shown):
    text = _asked(money_answerer, question)
    assert shown in text and not_shown not in text


@pytest.mark.parametrize(("question", "whole"), [
    ("Hvad koster hjemmetræning efter hoftebrud i 2024?", False),  # the programme's cost in a year: its column
    ("Hvad kostede SUF17 i 2024?", True),  # the note named: "i 2024" may mean Budget 2024
])
def test_the_year_of_a_notes_own_budget_adds_the_whole_proposal_only_when_it_may_name_the_budget(
        money_answerer, question, whole):
    text = _asked(money_answerer, question)
    assert "2024: 3.700" in text
    assert ("14.300" in text) is whole and ("2025: 3.450" in text) is whole


def test_how_many_more_one_scenario_counts_than_another_is_the_difference_of_their_parts():
    from budgetarkiv.answer.compose import _counted_difference
    from budgetarkiv.answer.model import Fact
    from budgetarkiv.answer.wording import Draft

    sentence = "Scenarie 1 giver ca. 300 pladser, scenarie 2 ca. 900 pladser og scenarie 3 ca. 2.100 pladser."
    fact = Fact(sentence, sentence, (0, len(sentence)), "n.txt", "d", "X1", 2031, "T", "Effekt", None)
    d = Draft("da")
    assert _counted_difference(d, analyse("Hvor mange flere pladser giver scenarie 3 end scenarie 2?"), (fact,))
    text = "\n".join(d.lines)
    assert "2.100 − 900 = ca. 1.200 pladser" in text and "300" not in text.replace("2.100", "")
    other = "Scenarie 2 giver ca. 900 pladser, og scenarie 3 giver 12 nye stuer."
    fact = Fact(other, other, (0, len(other)), "n.txt", "d", "X1", 2031, "T", "Effekt", None)
    assert not _counted_difference(Draft("da"), analyse("Hvor mange flere pladser giver scenarie 3 end scenarie 2?"),
                                   (fact,))  # they count different things: no difference


@pytest.mark.parametrize(("label", "question", "staff"), [
    ("Fysioterapeuter og sygeplejersker", "What do the staff row and the home visits row add up to?", True),
    ("Naturvejledere (4 årsværk)", "Hvad koster personalet i 2026?", True),
    ("Træningsudstyr", "What does the staff row cost?", False),
    ("Fysioterapeuter og sygeplejersker", "What does the equipment row cost?", False),
])
def test_the_staff_row_is_the_row_naming_professions_or_man_years(label, question, staff):
    from budgetarkiv.answer.costs import staff_row

    assert staff_row(label, question) == staff


def test_a_catalogue_s_proposals_are_named_by_their_ids_spaces_and_hyphens_aside() -> None:
    def cost(name):
        return ScenarioCost(name, {"2031": -100}, -100, "1.000 kr.", "2031 p/l", "Tabel", 1, "Besparelse i alt")

    proposals = [cost("TMF P1"), cost("TMF P2"), cost("BUF-E03"), cost(None)]
    assert [c.name for c in ids_named(proposals, "Hvad sparer mest – TMF P2 eller BUF E03?")] == ["TMF P2", "BUF-E03"]
    assert [c.name for c in ids_named(proposals, "Kontaktperson for TMFP1?")] == ["TMF P1"]
    assert ids_named(proposals, "Hvad sparer TMF P4?") == []
    assert ids_named([cost("Scenarie 1"), cost("Scenarie 2")], "Hvad koster scenarie 1?") == []  # numbered: no id


def _table_row(table, label, area, amounts, is_sum=False, scenario=None, unit="mio. kr."):
    return RowRecord(1, "d", "a.txt", "X9", 2027, "Et depot", table, "2", scenario, unit, "2027 p/l", 2, None,
                     label, area, None, None, None, is_sum, amounts, round(sum(amounts.values()), 6))


_DEPOT = [
    _table_row("Tabel 1 – Anlægsudgifter", "Byggeri", "Anlæg", {"2027": 3.0, "2028": 2.5}),
    _table_row("Tabel 1 – Anlægsudgifter", "Rådgivning", "Anlæg", {"2027": 0.4, "2028": 0.1}),
    _table_row("Tabel 1 – Anlægsudgifter", "Anlæg i alt", None, {"2027": 3.4, "2028": 2.6}, is_sum=True),
    _table_row("Tabel 2 – Driftsudgifter", "Rengøring", "Service", {"2028": 0.2, "2029": 0.3}),
    _table_row("Tabel 2 – Driftsudgifter", "Vagt", "Service", {"2028": 0.1, "2029": 0.1}),
    _table_row("Tabel 2 – Driftsudgifter", "Drift i alt", None, {"2028": 0.3, "2029": 0.4}, is_sum=True),
]


def _first_cost(rows):
    from budgetarkiv.search.lookup import scenario_costs

    (cost,) = scenario_costs(rows)
    return cost


@pytest.mark.parametrize("question, cost_table, parts", [
    ("Hvad er driftsudgiften til depotet i 2029?", "Tabel 2 – Driftsudgifter", []),
    ("What is the operating cost of the depot in 2029?", "Tabel 2 – Driftsudgifter", []),
    ("What is the construction cost of the depot?", "Tabel 1 – Anlægsudgifter", []),
    ("Hvad koster depotet i 2028, anlæg og drift tilsammen?", "Tabel 1 – Anlægsudgifter", ["Anlæg i alt", "Drift i alt"]),
    ("Hvad koster depotet i 2028?", "Tabel 1 – Anlægsudgifter", []),  # no kind named: the first table
])
def test_anlaeg_and_drift_in_a_table_each_are_chosen_by_the_kind_the_question_names(question, cost_table, parts):
    """A note with construction and operation in separate tables: the table of the kind asked is the cost
    (not the construction table's sum row for an operating question); both kinds asked are added as parts."""
    from budgetarkiv.answer.costs import kind_tables

    costs, summed = kind_tables(_first_cost(_DEPOT), _DEPOT, question)
    assert [c.table for c in costs] == [cost_table]
    assert [r.label for r in summed] == parts


def test_tables_of_one_kind_are_not_told_apart_by_kind():
    """Two tables that are not of different kinds (a proposal and its breakdown by district) are left alone."""
    from budgetarkiv.answer.costs import kind_tables

    rows = [_table_row("Tabel 1. Budgetønske", "Personale", "Service", {"2026": 300}),
            _table_row("Tabel 1. Budgetønske", "I alt", None, {"2026": 300}, is_sum=True),
            _table_row("Tabel 2. Fordeling på bydele", "Valby", None, {"2026": 120}),
            _table_row("Tabel 2. Fordeling på bydele", "Bydele i alt", None, {"2026": 300}, is_sum=True)]
    costs, summed = kind_tables(_first_cost(rows), rows, "Hvad er driftsudgiften i Valby?")
    assert [c.table for c in costs] == ["Tabel 1. Budgetønske"] and summed == []


def test_rows_named_in_another_table_of_the_scenario_are_found_there():
    """ "Valby og Vanløse tilsammen": the district rows stand in the breakdown table, not the proposal's own."""
    from budgetarkiv.answer.costs import named_rows

    rows = [_table_row("Tabel 1. Budgetønske", "Personale", "Service", {"2026": 250}),
            _table_row("Tabel 1. Budgetønske", "Materialer", "Service", {"2026": 50}),
            _table_row("Tabel 1. Budgetønske", "I alt", None, {"2026": 300}, is_sum=True),
            _table_row("Tabel 2. Fordeling på bydele", "Grupper i Valby", None, {"2026": 120}),
            _table_row("Tabel 2. Fordeling på bydele", "Grupper i Vanløse", None, {"2026": 100}),
            _table_row("Tabel 2. Fordeling på bydele", "Grupper i Amager Øst", None, {"2026": 80}),
            _table_row("Tabel 2. Fordeling på bydele", "Bydele i alt", None, {"2026": 300}, is_sum=True)]
    def label(r):
        return {w.lower() for w in r.label.split()}

    found = named_rows(_first_cost(rows), rows, label, {"valby", "vanløse"})
    assert [r.label for r in found] == ["Grupper i Valby", "Grupper i Vanløse"]
    own = named_rows(_first_cost(rows), rows, label, {"personale"})
    assert [r.label for r in own] == ["Personale"]


def _label(r):
    return {w.lower() for w in r.label.split()}


@pytest.mark.parametrize("left_out, gross, wanted, labels", [
    ({"rådgivning"}, False, {"rådgivning"}, ["Byggeri", "Salg af grund"]),  # "i alt, uden rådgivning"
    ({"nedrivning"}, False, set(), []),  # nothing named to leave out: no rows to add up
    (set(), True, set(), ["Byggeri", "Rådgivning"]),  # gross: every expenditure row
])
def test_the_rows_a_sum_asks_for(left_out, gross, wanted, labels):
    from budgetarkiv.answer.costs import parts_asked

    rows = [r for r in _DEPOT[:3]] + [_table_row("Tabel 1 – Anlægsudgifter", "Salg af grund", "Anlæg", {"2028": -1.0})]
    assert [r.label for r in parts_asked(rows, _label, wanted - left_out, left_out, gross)] == labels


def test_an_expenditure_row_has_no_negative_amount():
    from budgetarkiv.answer.costs import expenditure

    assert expenditure(_table_row("T", "Vejledere", "Service", {"2026": 1600, "2027": 1600}))
    assert not expenditure(_table_row("T", "Lavere udgifter til kontanthjælp", "Overførsler", {"2026": -500}))
    assert not expenditure(_table_row("T", "Tom", "Service", {"2026": 0}))


def _out(name, amounts, total, row=None):
    return ScenarioCost(name, amounts, total, "1.000 kr.", "2026 p/l", "Tabel 2", 1, row or "I alt")


def test_a_constant_row_asked_per_year_is_one_term_for_each_year():
    """ "tilsammen om året": 480 + 450 = 930 a year, not the rows' four-year totals."""
    from budgetarkiv.answer.costs import period_terms

    even, uneven = _out(None, {"2026": 480, "2027": 480}, 960, "Valby"), _out(None, {"2026": 450, "2027": 500}, 950, "Vanløse")
    p = Programme("X9", 2026, "T", "a.txt", "d", (), activities=(even, uneven))
    (t,) = period_terms(p, even, per_year=True)
    assert (t.value, t.yearly, t.label) == (480, True, "X9 Valby, 2026-2027")
    assert [x.value for x in period_terms(p, uneven, per_year=True)] == [450, 500]
    assert [x.value for x in period_terms(p, even)] == [480, 480]  # a period: year by year
    (only_total,) = period_terms(p, _out(None, {}, 600, "Uddannelse"))  # no year's amount read: its I alt cell
    assert only_total.value == 600


def test_a_scenario_over_a_period_is_its_total_or_the_sum_of_the_years_shown():
    from budgetarkiv.answer.costs import period_term

    p = Programme("X9", 2026, "T", "a.txt", "d", ())
    whole = period_term(p, _out("Model B", {"2026": 100, "2027": 300}, 400), "i alt")
    assert (whole.value, whole.label, whole.parts) == (400, "X9 Model B, i alt 2026-2027", ())
    part = period_term(p, _out("Model B", {"2027": 300, "2028": 350}, None), "i alt")
    assert part.value == 650 and [t.value for t in part.parts] == [300, 350]


@pytest.mark.parametrize("a, b, which, saving, expected", [
    (-100, 900, "min", False, "a"),  # "billigst": the lower amount
    (21.8, 26.55, "max", False, "b"),  # "which costs more"
    (-500, -600, "max", True, "b"),  # "sparer mest" of savings: the more negative
    (500, 600, "max", True, "b"),  # savings written as positive amounts
    (300, 300, "max", False, None),  # equal: no choice
])
def test_the_one_of_two_amounts_a_choice_asks_for(a, b, which, saving, expected):
    from budgetarkiv.answer.costs import chosen

    ta, tb = _term("a", a), _term("b", b)
    got = chosen(ta, tb, which, saving)
    assert (got.label if got else None) == expected
    assert chosen(ta, _term("b", b, "2027 p/l"), which, saving) is None  # different price levels: not compared


def test_one_shared_word_does_not_single_out_a_proposal_when_least_asks_for_two() -> None:
    def cost(name):
        return ScenarioCost(name, {"2031": -100}, -100, "1.000 kr.", "2031 p/l", "Tabel", 1, "Besparelse i alt")

    proposals = [cost("TMF P1"), cost("TMF P2"), cost(None)]
    titles = {"TMF P1": {"administration", "skraldespand"}, "TMF P2": {"springvand", "nat"}, None: {"saml", "oversigt"}}
    assert [c.name for c in described_best(proposals, titles, {"administration"}, titles)] == ["TMF P1"]
    assert described_best(proposals, titles, {"administration"}, titles, least=2) == proposals  # the whole catalogue
    assert [c.name for c in described_best(proposals, titles, {"springvand", "nat"}, titles, least=2)] == ["TMF P2"]


def test_a_word_naming_every_row_of_a_table_names_none_of_them():
    """ "construction" (Anlæg) names every row of an anlæg table: the row the question names is the one its
    other words name; the drift table's rows are no parts of the anlæg cost."""
    from budgetarkiv.answer.costs import named_rows

    def label(r):
        return {w.lower() for w in f"{r.label} {r.styringsomraade or ''}".split()}

    cost = _first_cost(_DEPOT)
    assert [r.label for r in named_rows(cost, _DEPOT, label, {"anlæg", "byggeri"})] == ["Byggeri"]
    assert named_rows(cost, _DEPOT, label, {"anlæg"}) == []
    assert named_rows(cost, _DEPOT, label, {"vagt", "rengøring"}) == []  # rows of the drift table


def test_a_catalogues_summary_is_the_table_without_an_alternative_beside_named_ones():
    from budgetarkiv.answer.costs import summary_of

    def cost(name):
        return ScenarioCost(name, {"2029": -100}, -100, "1.000 kr.", "2029 p/l", f"Tabel {name}", 1, "I alt")

    assert summary_of([cost("SOF-S01"), cost("SOF-S02"), cost(None)]).name is None
    assert summary_of([cost("SOF-S01"), cost(None)]) is None  # one alternative: nothing summed
    assert summary_of([cost("Scenarie 1"), cost("Scenarie 2")]) is None


@pytest.mark.parametrize("title, question_words, kept, not_kept", [
    # the head before the preposition ("Solceller på") belongs to both parts: "plejecentre" names one part
    ("Solceller på kommunens skoler og plejecentre", {"solcel", "plejecentr"}, {"plejecentr"}, {"solcel", "skol"}),
    # an enumeration before the preposition is the parts ("Udeskole og naturvejledere på 12 skoler")
    ("Udeskole og naturvejledere på 12 skoler", {"naturvejled"}, {"naturvejled"}, {"udeskol"}),
    ("Solceller på kommunens skoler og plejecentre", {"solcel"}, set(), {"solcel"}),  # the head names no part
])
def test_the_one_part_of_an_enumerating_title_a_question_names(title, question_words, kept, not_kept):
    """The words of the part a question names are not the title's: they name a row of the note."""
    from budgetarkiv.answer.costs import _one_part_named
    from budgetarkiv.index.lexical import DanishAnalyzer

    part = _one_part_named(title, DanishAnalyzer(), question_words)
    assert kept <= part and not part & not_kept


def test_a_heraf_row_is_never_one_of_the_rows_a_sum_adds():
    """ "Heraf weekendtillæg" is a share of the row above it: adding it too would count that money twice."""
    from budgetarkiv.answer.costs import parts_asked

    rows = [_table_row("Tabel 1. Økonomi", "Hjemmebesøg", "Service", {"2029": 1500}),
            _table_row("Tabel 1. Økonomi", "Heraf weekendtillæg", "Service", {"2029": 300}),
            _table_row("Tabel 1. Økonomi", "Uddannelse", "Service", {"2029": 500}),
            _table_row("Tabel 1. Økonomi", "Udgifter i alt", None, {"2029": 2000}, is_sum=True)]
    assert [r.label for r in parts_asked(rows, _label, set(), set(), True)] == ["Hjemmebesøg", "Uddannelse"]


@pytest.mark.fast
def test_alternatives_printed_as_rows_of_one_table_are_a_cost_each():
    """One printed table whose rows are options ("Mulighed 1/2/3", read as one scenario each): each option is a cost
    of its own, never the three rows merged into one table without a sum row (which gave no cost at all)."""
    from budgetarkiv.search.lookup import scenario_costs

    title = "Bilagstabel 1. Merudgift pr. mulighed"
    rows = [_table_row(title, f"Mulighed {n} – niveau {n}", "Service", {"2031": 1.0 * n, "2032": 1.0 * n},
                       scenario=f"Mulighed {n}") for n in (1, 2, 3)]
    costs = scenario_costs(rows)
    assert [(c.name, c.amounts["2031"], c.table) for c in costs] == [
        ("Mulighed 1", 1.0, title), ("Mulighed 2", 2.0, title), ("Mulighed 3", 3.0, title)]


def test_earlier_grants_are_named_by_their_table_its_section_or_an_earlier_agreement():
    """A table under the heading "Tidligere afsatte midler", or titled by an agreement before the note's budget
    year (2027), holds money granted before; one titled by the note's own year's agreement does not."""
    from dataclasses import replace

    from budgetarkiv.search.lookup import earlier_grants

    row = _table_row("Tabel 1 – Anlægsudgifter", "Byggeri", "Anlæg", {"2027": 3.0})
    under = replace(row, table_title="Tabel 3: Pilot på to skoler", section="Tidligere afsatte midler")
    agreed = replace(row, table_title="Tabel 4 – Forsøg, Budgetaftale 2024")
    same_year = replace(row, table_title="Tabel 5 – Udmøntning af Budgetaftale 2027")
    assert earlier_grants([row, under, agreed, same_year]) == [under, agreed]
