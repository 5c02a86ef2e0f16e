"""A proposal's alternatives named by number or letter, in notes and in questions."""
from __future__ import annotations

import pytest

from budgetarkiv.core.scenarios import scenario_number, scenarios_mentioned


@pytest.mark.parametrize("name, number", [
    ("Scenarie 2", 2), ("scenario 3", 3), ("Model B", 2), ("model C", 3), ("Variant 1", 1), ("Alternativ 2", 2),
    ("Løsning 3", 3), ("Model A – Grundmodel", 1),
    ("Option A", 1), ("option B", 2), ("Niveau 3", 3), ("Forslag 2", 2), ("Alternativ I", 1), ("Alternativ II", 2),
    ("Alternativ IV", 4), ("Mulighed 3", 3), ("muligheden 1", 1), ("forslaget 1.000 kr.", None), ("niveau i 2026", None), ("forslaget i alt", None),
    ("Grundmodel", None), ("Udvidet model", None), ("en model af byen", None), ("modellen a", None), (None, None),
])
def test_an_alternatives_number_from_its_name(name, number):
    assert scenario_number(name) == number


def test_every_alternative_a_text_names():
    assert scenarios_mentioned("Model A koster 4,2 mio. kr., model B 6,9 mio. kr. og scenarie 3 mere.") == {1, 2, 3}
    assert scenarios_mentioned("Modellen bygger på erfaringer fra 2024.") == set()


@pytest.mark.parametrize("text, named", [
    ("Der skal vælges mellem Niveau 1-4.", {1, 2, 3, 4}),
    ("Model A, B og C bygger på hinanden.", {1, 2, 3}),
    ("Option A og B", {1, 2}),
    ("Alternativ I og II", {1, 2}),
    ("scenarie 1, 2 eller 3", {1, 2, 3}),
    ("Mulighederne 1-3 bygger på hinanden.", {1, 2, 3}),
    ("forslaget 1.000 kr. i 2026", set()),
])
def test_every_alternative_of_a_range_or_list_is_named(text, named):
    from budgetarkiv.core.scenarios import alternatives_named

    assert alternatives_named(text) == named
