"""Amounts in running prose read as typed values: what each sum covers (a year, a period's whole, each year),
its unit and price level, what it funds or saves, and which alternative of a note it chooses. An answer may
only add prose amounts whose clauses say these things."""
from __future__ import annotations

import pytest

from budgetarkiv.ingest.amount_clauses import clause_of, read_clauses

pytestmark = pytest.mark.fast


def _only(sentence: str):
    (clause,) = read_clauses(sentence)
    return clause


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Der afsættes 4,5 mio. kr. i 2031-2034 til lektiehjælp på biblioteker i Tingbjerg.",
     {"value": 4.5, "unit": "mio. kr.", "period": "2031-2034", "yearly": False, "change": "grant",
      "funded": "lektiehjælp på biblioteker i Tingbjerg"}),
    ("Aftaleparterne prioriterer i alt 12,5 mio. kr. til flere hjemmehjælpere over fire år (2031-priser).",
     {"value": 12.5, "total": True, "years_counted": 4, "price_level": "2031 p/l", "funded": "flere hjemmehjælpere"}),
    ("Skolebiblioteket styrkes med 650.000 kr. årligt fra 2030.",
     {"value": 650000, "unit": "kr.", "period": "fra 2030", "yearly": True, "funded": "Skolebiblioteket"}),
    ("Til cykelparkering ved stationerne afsættes 800 tkr. i 2030.",
     {"value": 800, "unit": "1.000 kr.", "kroner": 800_000.0, "period": "2030", "change": "grant"}),
    ("Partierne afsætter ca. 3 mio. kr. til en analyse af trafikken i Valby.",
     {"approximate": True, "funded": "en analyse af trafikken i Valby"}),
    ("Der afsættes 0,6 mia. kr. i anlæg i perioden 2030-33 til en ny metrostation.",
     {"value": 0.6, "unit": "mia. kr.", "period": "2030-2033"}),
    ("Der afsættes 9,0 mio. kr. netto i 2030-2032 (løbende priser) til gadeplansarbejde.",
     {"net": True, "price_level": "løbende p/l", "funded": "gadeplansarbejde"}),
])
def test_a_grant_is_read_with_its_unit_period_price_level_and_object(sentence, expected):
    clause = _only(sentence)
    for key, value in expected.items():
        assert getattr(clause, key) == value, (key, clause)


@pytest.mark.parametrize(("sentence", "value", "change", "funded"), [
    ("Rammen til vintertjeneste reduceres med 1,5 mio. kr. fra 2031.", -1.5, "saving", "Rammen til vintertjeneste"),
    ("Ved at samle indkøbet spares 2,2 mio. kr. årligt fra 2031.", -2.2, "saving", None),
    ("Forslaget giver en besparelse på 700.000 kr. i 2030.", -700000, "saving", None),
    ("Administrationen effektiviseres, hvilket frigør 4 mio. kr. om året.", -4, "saving", None),
    ("The parties agree to cut the consultancy budget by 3,0 mio. kr. in 2031.", -3.0, "saving", None),
])
def test_a_saving_or_cut_is_negative(sentence, value, change, funded):
    clause = _only(sentence)
    assert (clause.value, clause.change, clause.funded) == (value, change, funded)
    assert clause.kroner < 0


def test_two_amounts_joined_by_og_share_the_verb_before_and_the_object_after():
    first, second = read_clauses("Partierne er enige om at afsætte 2,1 mio. kr. i 2031 og 3,4 mio. kr. årligt "
                                 "fra 2032 til vågne nattevagter i to botilbud.")
    assert (first.period, first.yearly, second.period, second.yearly) == ("2031", False, "fra 2032", True)
    assert first.change == second.change == "grant"
    assert first.funded == second.funded == "vågne nattevagter i to botilbud"


def test_a_cut_in_two_steps_is_negative_in_both():
    first, second = read_clauses("Tilskuddet til foreningerne nedsættes med 0,5 mio. kr. i 2031 og 1,0 mio. kr. "
                                 "fra 2032.")
    assert (first.value, second.value) == (-0.5, -1.0)
    assert first.funded == second.funded == "Tilskuddet til foreningerne"


@pytest.mark.parametrize(("sentence", "alternative", "note_ids"), [
    ("Der afsættes 7,5 mio. kr. i 2031-2034 til skolehaver svarende til scenarie 3 i budgetnotatet BUF 12.",
     "scenarie 3", ("BUF12",)),
    ("Aftaleparterne afsætter 3,3 mio. kr. i 2031 til kulturpas efter grundmodellen i notatet KFF44.",
     "grundmodellen", ("KFF44",)),
    ("Natcaféerne (SOF 7) tilføres 5,5 mio. kr. i 2031-2032, svarende til den rettede version af notatet.",
     "den rettede version", ("SOF7",)),
    ("The agreement sets aside 6,0 mio. kr. in 2031-2033 for cycle lanes, corresponding to option B of TMF 9.",
     "option B", ("TMF9",)),
    ("Der afsættes 2,0 mio. kr. i 2031 til en forundersøgelse.", None, ()),
])
def test_the_alternative_chosen_and_the_notes_named(sentence, alternative, note_ids):
    clause = _only(sentence)
    assert clause.alternative == alternative and clause.note_ids == note_ids


def test_a_passive_grant_names_its_object_before_the_verb_and_a_note_in_brackets():
    clause = _only("Væresteder for hjemløse (SOF 31) tilføres 2,8 mio. kr. i 2031-2032, svarende til model B.")
    assert clause.funded == "Væresteder for hjemløse (SOF 31)" and clause.period == "2031-2032"
    assert clause.alternative == "model B"


@pytest.mark.parametrize(("sentence", "change", "value", "funded"), [
    ("Der forventes et mindreforbrug på 0,8 mio. kr. på Ungdomsguiden, som søges overført til 2031.",
     "underspend", -0.8, "Ungdomsguiden"),
    ("Der er et forventet merforbrug på 1,4 mio. kr. vedrørende Natteravnene.", "overspend", 1.4, "Natteravnene"),
    ("The administration expects an underspend of 0,3 mio. kr. on the homework cafés in 2030.",
     "underspend", -0.3, "the homework cafés"),
    ("Der overføres 2,5 mio. kr. til 2031 til færdiggørelse af legepladsen.", "transfer", 2.5,
     "færdiggørelse af legepladsen"),
])
def test_a_follow_ups_under_and_overspend_and_transfer(sentence, change, value, funded):
    clause = _only(sentence)
    assert (clause.change, clause.value, clause.funded) == (change, value, funded)


def test_a_year_with_a_price_level_is_no_period_and_a_table_unit_is_no_amount():
    clause = _only("Der afsættes 1,2 mio. kr. (2031-priser) til en ny hjemmeside.")
    assert clause.period == "" and clause.price_level == "2031 p/l"
    assert read_clauses("Beløbene er angivet i 1.000 kr., 2031 p/l.") == ()


def test_the_clause_of_an_amount_found_in_a_sentence():
    sentence = "Der afsættes 1,0 mio. kr. i 2031 og 2,0 mio. kr. i 2032 til skolemad."
    assert clause_of("2,0 mio. kr.", sentence).period == "2032"
    assert clause_of("9,9 mio. kr.", sentence) is None
