"""What differs between the final BI18 Perspektiv note (000) and its draft (001)."""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import read_document
from budgetarkiv.search.versions import diff_versions

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def text(name: str) -> str:
    return parse_note(read_document(CORPUS / name, 50_000_000)).text


@pytest.fixture(scope="module")
def final() -> str:
    return text("000_306130193e619dd7.txt")


@pytest.fixture(scope="module")
def draft() -> str:
    return text("001_618edc94f49331f8.txt")


@pytest.fixture(scope="module")
def diff(final, draft):
    return diff_versions(final, draft)


def test_the_changed_goal_is_found(diff):
    goal = [c for c in diff.changed if "ordinært arbejde" in c.here]
    assert len(goal) == 1
    assert "60 pct." in goal[0].here and "50 pct." not in goal[0].here
    assert "50 pct." in goal[0].there and "60 pct." not in goal[0].there


def test_scenario_2_exists_only_in_the_final_version(diff):
    only_final = " ".join(diff.only_here)
    assert "scenarie 2" in only_final
    assert "ekstra medarbejder" in only_final
    assert any("5.250" in s and "21.000" in s for s in diff.only_here)  # its cost row
    assert not any("scenarie 2" in s or "ekstra medarbejder" in s for s in diff.only_there)


def test_the_diff_is_symmetric(diff, final, draft):
    back = diff_versions(draft, final)
    assert {(c.there, c.here) for c in back.changed} >= {
        (c.here, c.there) for c in diff.changed if "ordinært arbejde" in c.here
    }
    assert set(back.only_there) == set(diff.only_here)
    assert set(back.only_here) == set(diff.only_there)


def test_layout_differences_are_not_changes(diff):
    # the draft has tab-separated cells, <i> tags and another page layout: the shared text matches
    for c in diff.changed:
        assert c.here != c.there
    assert not any("Baggrund" in s for s in diff.only_here + diff.only_there)
    assert not any("Ægtefælleforsørgede er borgere uden arbejde" in s for s in diff.only_here + diff.only_there)


def test_a_note_does_not_differ_from_itself(final):
    same = diff_versions(final, final)
    assert same.changed == () and same.only_here == () and same.only_there == ()


def test_the_limit_caps_each_list(final, draft):
    capped = diff_versions(final, draft, limit=2)
    assert len(capped.only_here) == 2 and len(capped.changed) <= 2
