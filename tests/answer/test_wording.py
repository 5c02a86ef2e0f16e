"""How an answer words a note's amounts: the years asked alone, or the whole proposal when ambiguous."""
from __future__ import annotations

from budgetarkiv.answer.wording import scenario_line
from budgetarkiv.search.lookup import ScenarioCost

_ROW = ScenarioCost(None, {"2026": 3.4, "2027": 6.8, "2028": 6.8}, 17.0, "mio. kr.", "2026 p/l", "Tabel 2", 2, "I alt")


def test_a_year_asked_shows_that_column_alone():
    """Another year's amount beside the one asked would read as the answer."""
    line, cited = scenario_line("da", _ROW, years=[2027])
    assert "2027: 6,8" in line and "3,4" not in line and "17" not in line
    assert "3,4" in cited  # the cited cells still hold the whole row


def test_the_whole_proposal_follows_when_the_year_may_mean_the_budget():
    line, _ = scenario_line("da", _ROW, years=[2026], whole=True)
    assert line.startswith("Forslaget: 2026: 3,4 (hele forslaget: 2026: 3,4, 2027: 6,8")


def test_a_scenario_is_named_with_its_heading():
    """ "Hvilke scenarier ...?": the note's own name of each scenario says which one it is."""
    import dataclasses

    s = dataclasses.replace(_ROW, name="Scenarie 3", title="Fuld udbygning")
    line, cited = scenario_line("da", s)
    assert line.startswith("Scenarie 3 – Fuld udbygning: ") and "Fuld udbygning" in cited
    assert scenario_line("da", dataclasses.replace(s, title="Scenarie 3"))[0].startswith("Scenarie 3: ")


def test_amounts_asked_per_year_are_shown_without_the_periods_total():
    """ "Hvad koster det om året?": the total of the period beside the yearly amounts would read as a year's."""
    import dataclasses

    line, cited = scenario_line("da", _ROW, per_year=True)
    assert "2027: 6,8" in line and "i alt" not in line and "17" in cited
    even = dataclasses.replace(_ROW, amounts={"2026": 1.25, "2027": 1.25}, total=2.5)
    assert scenario_line("da", even, per_year=True)[0].startswith("Forslaget: 1,25 om året i 2026-2027 (")
    assert "i alt 2,5" in scenario_line("da", even)[0]


def test_a_sum_is_headed_by_the_years_of_its_terms_and_says_when_it_is_yearly():
    from budgetarkiv.answer.costs import Term, sums
    from budgetarkiv.answer.wording import Draft

    def term(label, value, yearly=False):
        return Term(label, value, "1.000 kr.", "2026 p/l", "Tabel 2", 1, yearly=yearly)

    d = Draft("da")
    d.sums(sums([term("X Valby, 2026-2029", 480, True), term("X Vanløse, 2026-2029", 450, True)]))
    assert d.lines[0].startswith("I alt om året i 2026-2029 (1.000 kr., 2026 p/l): 930 = 480")
    assert d.totals == [(930, "1.000 kr.")]
    e = Draft("en")
    e.sums(sums([term("X, 2027", 100), term("X, 2028", 50)]))
    assert e.lines[0].startswith("Total 2027, 2028 (")


def test_a_choice_names_the_one_chosen_after_both_amounts_and_their_difference():
    from budgetarkiv.answer.costs import Term
    from budgetarkiv.answer.wording import Draft

    a = Term("X Alternativ I, i alt 2028-2031", -100, "1.000 kr.", "2028 p/l", "Tabel 2", None)
    b = Term("X Alternativ II, i alt 2028-2031", 900, "1.000 kr.", "2028 p/l", "Tabel 3", None)
    d = Draft("da")
    d.comparison(a, b)
    d.chosen(a, "min")
    text, _ = d.text()
    assert "Forskel: 900 − -100 = 1.000" in text and text.endswith("Lavest: X Alternativ I (-100)")
