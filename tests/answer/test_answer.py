"""Cited answers over the real index: abstain when the archive has no answer, never an uncited figure.

Every number in an answer's text is copied from a table cell or sentence the answer cites (its
`evidence`) or from the passages it shows as sources; costs carry their unit and price level.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from budgetarkiv.answer.compose import Answer, route
from budgetarkiv.search.evaluate import GoldQuestion, load_gold

GOLD = load_gold(Path(__file__).resolve().parents[1] / "data" / "gold.jsonl")
COST = [q for q in GOLD if q.kind == "cost"]
# The cost question whose gold figures the extractive answer misses (measured):
#   q29 "Er der sat penge af til at holde unge på erhvervsskolerne?" - gives the whole 2018 proposal
#       (4.300 a year, 8.600 in all) but not the retention counsellor's own row (600, 1.200).
KNOWN_FIGURE_MISSES: set[str] = set()
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_YEARS = re.compile(r"\b(?:19|20)\d\d\b")


@pytest.fixture(scope="module")
def answers(answerer) -> dict[str, Answer]:
    return {q.id: answerer.ask(q.question) for q in GOLD}


def by_id(qid: str) -> GoldQuestion:
    return next(q for q in GOLD if q.id == qid)


def test_the_gold_file_has_20_cost_questions():
    assert len(COST) == 20


@pytest.mark.parametrize("q", GOLD, ids=lambda q: q.id)
def test_answers_only_what_the_archive_answers(answers, q):
    answer = answers[q.id]
    if q.kind == "none":
        assert not answer.answered, answer.answer
        assert not answer.programmes and not _NUMBER.search(_YEARS.sub("", answer.answer))  # years may be named
    else:
        assert answer.answered, f"{q.question!r} was not answered"
        assert answer.sources
    assert answer.language == q.lang


@pytest.mark.parametrize("q", GOLD, ids=lambda q: q.id)
def test_every_figure_in_the_answer_is_cited(answers, q):
    answer = answers[q.id]
    cited = set()
    for text in (*answer.evidence, *(h.text for h in answer.sources)):
        cited |= set(_NUMBER.findall(text))
    uncited = [n for n in _NUMBER.findall(answer.answer) if n not in cited]
    assert not uncited, f"{q.id}: {uncited} not in the cited cells or sentences:\n{answer.answer}"


def test_gold_figures_appear_in_cost_answers(answers):
    missing = {q.id: [f for f in q.figures if f not in answers[q.id].answer] for q in COST}
    misses = {qid for qid, figures in missing.items() if figures}
    assert misses == KNOWN_FIGURE_MISSES, {qid: missing[qid] for qid in misses ^ KNOWN_FIGURE_MISSES}
    assert len(COST) - len(misses) >= 20


def _programme(answer: Answer, note_id: str, year: int):
    return next(p for p in answer.programmes if p.note_id == note_id and p.budget_year == year)


def _scenario(programme, name: str):
    return next(s for s in programme.scenarios if s.name == name)


def test_social_control_question_lists_both_programmes(answers):
    answer = answers["q01"]  # "Hvilke indsatser er rettet mod negativ social kontrol, og hvad koster de?"
    assert {"list", "cost"} <= set(answer.intents)
    bi23 = _programme(answer, "BI23", 2026)
    s1, s2 = _scenario(bi23, "Scenarie 1"), _scenario(bi23, "Scenarie 2")
    assert set(s1.amounts.values()) == {3490} and s1.total == 13960
    assert set(s2.amounts.values()) == {3882} and s2.total == 15528
    assert sorted(s1.amounts) == ["2026", "2027", "2028", "2029"]
    assert (s1.unit, s1.price_level) == ("1.000 kr.", "2026 p/l")
    perspektiv = _programme(answer, "BI18", 2024)
    assert Path(perspektiv.source).name == "000_306130193e619dd7.txt"  # the final version has scenario 2
    extra_worker = _scenario(perspektiv, "Scenarie 2")
    assert set(extra_worker.amounts.values()) == {5250} and extra_worker.total == 21000
    assert (extra_worker.unit, extra_worker.price_level) == ("1.000 kr.", "2024 p/l")
    for figure in ("3.490", "13.960", "3.882", "15.528", "5.250", "21.000", "2026 p/l", "2024 p/l"):
        assert figure in answer.answer


def test_yearly_cost_of_perspektiv(answers):
    answer = answers["q02"]  # "Hvad koster videreførelsen af Perspektiv om året?"
    assert answer.intents == ("cost",)
    perspektiv = answer.programmes[0]
    assert (perspektiv.note_id, perspektiv.budget_year) == ("BI18", 2024)
    s1 = _scenario(perspektiv, "Scenarie 1")
    assert set(s1.amounts.values()) == {4600} and s1.total == 18400
    assert (s1.unit, s1.price_level) == ("1.000 kr.", "2024 p/l")
    first_line = next(line for line in answer.answer.splitlines() if "4.600" in line)
    assert "4.600 om året" in first_line and "(1.000 kr., 2024 p/l)" in first_line
    assert len(perspektiv.versions) == 2 and "den nyeste (version 2 af 2)" in answer.answer
    assert perspektiv.versions[0].source.endswith("000_306130193e619dd7.txt")  # the one with the full head


def test_earlier_grants_stay_apart_from_the_proposal(answers):
    answer = answers["q12"]  # "Hvor mange penge fik Perspektiv med Budgetaftale 2020?"
    perspektiv = _programme(answer, "BI18", 2024)
    assert perspektiv.earlier_grants
    for grant in perspektiv.earlier_grants:
        assert grant.price_level == "løbende p/l" and set(grant.amounts.values()) == {4200}
    assert all(s.price_level == "2024 p/l" for s in perspektiv.scenarios)
    assert "4.200" in answer.answer and "løbende p/l" in answer.answer


def test_english_answers_are_in_english(answers):
    answer = answers["q42"]
    assert answer.language == "en" and "a year" in answer.answer
    bi23 = _programme(answer, "BI23", 2026)
    assert set(_scenario(bi23, "Scenarie 1").amounts.values()) == {3490}


def test_unanswerable_questions_say_so(answers):
    assert answers["q03"].answer.startswith("Arkivet indeholder ikke et svar")  # the swimming pool in Valby
    assert answers["q54"].answer.startswith("The archive holds no answer")
    assert answers["q03"].sources  # the nearest passages are still shown


@pytest.mark.parametrize("q", GOLD, ids=lambda q: q.id)
def test_price_levels_are_never_mixed(answers, q):
    for programme in answers[q.id].programmes:
        for s in (*programme.scenarios, *programme.earlier_grants, *programme.activities):
            assert s.unit and s.price_level, (q.id, s)
        levels = {s.price_level for s in programme.scenarios}
        assert len(levels) <= 1, (q.id, levels)  # one proposal, one price level


@pytest.mark.parametrize(
    "question, intents",
    [
        ("Hvilke indsatser er rettet mod negativ social kontrol, og hvad koster de?", ("list", "cost")),
        ("Hvad koster videreførelsen af Perspektiv om året?", ("cost",)),
        ("Hvor mange af deltagerne i Perspektiv fik job eller uddannelse?", ("fact",)),
        ("Hvem er målgruppen for indsatsen mod negativ social kontrol på jobcentret?", ("fact",)),
        ("Hvilke spor består Perspektiv af?", ("list",)),
        ("Hvilke resultater har indsatsen vist?", ("fact",)),  # "hvilke resultater" asks for facts
        ("Hvor mange penge fik Perspektiv med Budgetaftale 2020?", ("cost", "fact")),
        ("What does the negative social control programme cost per year?", ("cost",)),
        ("Which grants expire?", ("list", "cost")),
        ("How many citizens took part in Perspektiv?", ("fact",)),
        ("Perspektiv", ("fact",)),  # nothing asked in particular: find facts
    ],
)
def test_route(question, intents):
    assert route(question) == intents


def test_filters_narrow_the_answer(answerer):
    from budgetarkiv.search.hybrid import Filters

    answer = answerer.ask("Hvad kostede BI18?", Filters(year=2018))
    assert answer.answered
    assert all(h.budget_year == 2018 for h in answer.sources)
    assert [(p.note_id, p.budget_year) for p in answer.programmes] == [("BI18", 2018)]
    assert "4.300" in answer.answer and "2018 p/l" in answer.answer


def test_a_sentence_introducing_a_list_is_quoted_with_its_items():
    from budgetarkiv.answer.compose import with_items
    from budgetarkiv.answer.model import Fact

    passage = "Indhold Et forløb består af tre dele:\n1. Undervisning.\n2. Praktik i 8 uger.\n3. Mentor.\nDer er 120 pladser."
    start = passage.index("Et forløb")
    end = passage.index(":") + 1
    fact = Fact(text=passage[start:end], passage=passage, highlight=(start, end), source="x.txt", doc_id="x",
                note_id=None, budget_year=None, title=None, section=None, page=None)
    quoted = with_items(fact)
    assert quoted.text == "Et forløb består af tre dele:\n1. Undervisning.\n2. Praktik i 8 uger.\n3. Mentor."
    assert passage[quoted.highlight[0]:quoted.highlight[1]] == quoted.text  # still a span of its passage
    plain = Fact(text="Der er 120 pladser.", passage=passage, highlight=(passage.index("Der"), len(passage)),
                 source="x.txt", doc_id="x", note_id=None, budget_year=None, title=None, section=None, page=None)
    assert with_items(plain) == plain


def test_which_activities_lists_every_row_of_the_proposal(answerer):
    answer = answerer.ask("Hvilke aktiviteter indgår i BI18?")
    assert "minoritetsforældrene" in answer.answer and "frafald" in answer.answer, answer.answer


def test_a_money_sentence_naming_only_other_years_is_not_quoted_beside_the_year_asked():
    """'I Budget 2023 blev der afsat 1,5 mio. kr.' beside the 2028 amount would read as the answer."""
    from types import SimpleNamespace

    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.answer.model import Fact

    def fact(text):
        return Fact(text=text, passage=text, highlight=(0, len(text)), source="n.txt", doc_id="d", note_id="TMF31",
                    budget_year=2026, title="t", section=None, page=1)

    focused = [SimpleNamespace(hit=SimpleNamespace(budget_year=2026, note_id="TMF31", doc_id="d"))]
    earlier, undated = fact("I Budget 2023 blev der afsat 1,5 mio. kr."), fact("Heraf går 0,5 mio. kr. til målere.")
    assert Answerer._money_fact([earlier, undated], focused, None, (2028,)) is undated
    assert Answerer._money_fact([earlier], focused, None, (2023,)) is earlier
    assert Answerer._money_fact([earlier], focused, None, ()) is earlier  # no year asked
