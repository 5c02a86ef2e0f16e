"""Judging answers against gold facts: whole figures, accepted alternatives, forbidden figures, abstention."""
from __future__ import annotations

import json

from budgetarkiv.answer.evaluate import AnswerGold, judge, load_answer_gold, mentions, summarise


def test_a_figure_matches_only_as_a_whole_number():
    assert mentions("i alt 15.400 kr.", "15.400")
    assert not mentions("i alt 15.400 kr.", "5.400")
    assert not mentions("4.600,5", "4.600")
    assert mentions("besparelse −4.800", "-4.800")  # one minus sign whatever the document used


def test_words_match_case_insensitively():
    assert mentions("Med venlig hilsen Tobias Holm Vestergaard", "tobias holm vestergaard")


def test_judge_counts_alternatives_forbidden_figures_and_abstention():
    gold = AnswerGold("u1", "q", "cost", facts=("7.150",), alternatives={"7.150": ("7,15",)}, forbidden=("5.400",))
    ok = judge(gold, True, "7,15 mio. kr. om året")
    assert ok.has_facts and not ok.forbidden_shown and ok.abstention_right
    bad = judge(gold, True, "5.400 om året")
    assert not bad.has_facts and bad.forbidden_shown == ("5.400",)
    silent = judge(gold, False, "7.150")  # an abstention presents nothing
    assert not silent.has_facts and not silent.abstention_right


def test_summary_per_answer_type(tmp_path):
    path = tmp_path / "gold.jsonl"
    rows = [
        {"id": "a", "question": "?", "kind": "cost", "facts": ["1"], "split": "dev"},
        {"id": "b", "question": "?", "kind": "none", "split": "heldout"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    gold = load_answer_gold(path)
    assert [g.split for g in gold] == ["dev", "heldout"]
    scores = {s.kind: s for s in summarise([judge(gold[0], True, "1"), judge(gold[1], True, "x")])}
    assert scores["cost"].with_facts == 1.0 and scores["none"].abstention_right == 0.0
    assert scores["all"].questions == 2 and scores["all"].answerable == 1


def test_a_figure_inside_a_note_id_or_a_dates_day_is_not_an_amount():
    """ "KFF19", "MKF 7" and "ØKF E 8" are labels and "19. november" / "November 19" a day: a forbidden 19, 7
    or 8 is not shown by them, while the same figure as an amount, and a year, still count."""
    assert not mentions("Note KFF19 (Budget 2029): 30 bands", "19")
    assert not mentions("Notat MKF 7 om cykelparkering", "7")
    assert not mentions("ØKF E 8 Fælles indkøb", "8")
    assert not mentions("mødet den 19. november 2027", "19")
    assert not mentions("the meeting on November 19, 2027", "19")
    assert mentions("mødet den 19. november 2027", "2027")  # a wrong year is still shown
    assert mentions("KFF19: 19 bands i forsøget", "19")
    assert mentions("DKK 19 million a year", "19")  # a currency before an amount is no note id
    gold = AnswerGold("e1", "q", "count", facts=("30",), forbidden=("12", "19"))
    assert judge(gold, True, "KFF 19 (12. maj 2028): plads til 30 bands").forbidden_shown == ()
    assert judge(gold, True, "KFF 19: 12 bands i scenarie 1, 30 i scenarie 2").forbidden_shown == ("12",)


def test_a_tables_unit_of_thousands_is_no_amount():
    """ "(1.000 kr., 2031 p/l)" is the unit beside an amount: a forbidden 1.000 is not shown by it; an amount of
    1.000 kr. is."""
    assert not mentions("Model B, 2031: 4.200 (1.000 kr., 2031 p/l)", "1.000")
    assert not mentions("Beløb i 1.000 kr., 2031-priser", "1.000")
    assert mentions("En billet koster 1.000 kr. pr. deltager", "1.000")
    assert mentions("Forskel: 1.000 (1.000 kr., 2031 p/l)", "1.000")
