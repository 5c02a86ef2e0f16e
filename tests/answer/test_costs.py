"""Sums and comparisons of cited amounts: one sum per unit and price level, differences only within one."""
from __future__ import annotations

from budgetarkiv.answer.costs import Term, described_best, difference, in_years, names, sums
from budgetarkiv.answer.model import Programme
from budgetarkiv.search.lookup import ScenarioCost


def _term(label, value, level="2024 p/l", unit="1.000 kr."):
    return Term(label, value, unit, level, "Tabel 2", 4)


def test_amounts_of_one_price_level_are_added():
    (s,) = sums([_term("BI18, 2022", 7450), _term("BI18, 2023", 7450)])
    assert s.total == 14900 and [t.label for t in s.terms] == ["BI18, 2022", "BI18, 2023"]


def test_amounts_of_different_price_levels_or_units_are_never_added():
    out = sums([_term("BI18, 2026", 4600), _term("BI23, 2026", 3490, "2026 p/l"), _term("X, 2026", 2.7, unit="mio. kr.")])
    assert sorted(s.total for s in out) == [2.7, 3490, 4600]
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
