"""Documents named as people name them: note id, title, budget year and which version."""
from __future__ import annotations

from budgetarkiv.core.names import danish_date, document_name, stated_version, version_label


def test_a_version_is_called_what_its_head_says_else_by_its_place() -> None:
    assert version_label(1, 2, "udkast") == "udkast"
    assert version_label(2, 2) == "version 2 af 2"
    assert version_label(1, 1) is None


def test_the_head_says_draft_or_final() -> None:
    assert stated_version("UDKAST\nBudget 2024\nBI18 Perspektiv") == "udkast"
    assert stated_version("Budget 2025\nForeløbig version\nSOF14 ...") == "udkast"
    assert stated_version("Budget 2025 – endelig version\nSOF14 ...") == "endelig version"
    assert stated_version("Budget 2024\nBI18 Perspektiv – en beskæftigelsesindsats") is None


def test_document_names_long_and_short() -> None:
    assert document_name("BI18", "Perspektiv", 2024, "udkast") == "BI18 Perspektiv (Budget 2024, udkast)"
    assert document_name("BI18", "Perspektiv", 2024, "udkast", short=True) == "BI18 Budget 2024, udkast"
    assert document_name("BI23", "Videreførelse", 2026, short=True) == "BI23 Budget 2026"
    assert document_name(None, "Svar om ventetid", date="2023-03-14") == "Svar om ventetid (14. marts 2023)"
    assert document_name(None, None, source="/x/a09.txt") == "a09.txt"  # nothing else to name it by


def test_danish_dates() -> None:
    assert danish_date("2021-06-22") == "22. juni 2021"
    assert danish_date(None) is None


def test_a_head_that_corrects_or_replaces_an_earlier_version_is_the_later_one():
    """ "Rettet version ... Erstatter 1. version" is newer than the "1. version" it names, whatever order the
    files come in; an updated note replacing a draft is not itself a draft."""
    from budgetarkiv.core.names import version_rank

    corrected = stated_version("Budget 2031 – Miljøforvaltningen\nRettet version, 2. maj 2030. Erstatter 1. version af "
                               "9. april 2030.\nMIF 12 Grønne tage på daginstitutioner")
    first = stated_version("Budget 2031\nMiljøforvaltningen\n1. version, 9. april 2030\nMIF 12 Grønne tage")
    updated = stated_version("Revised budget note\nOpdateret version. Erstatter udkastet af 3. marts 2030.\nMIF 12")
    replaced = stated_version("Budget 2031\nErstatter den tidligere version\nMIF 12 Grønne tage")
    assert (corrected, first, updated, replaced) == ("rettet version", "1. version", "opdateret version", "ny version")
    assert version_rank(corrected) < version_rank(None) < version_rank(first) == version_rank("udkast")
    assert stated_version("Budget 2031\nMIF 12 Et nyt bookingsystem erstatter køen") is None  # a verb, no version
