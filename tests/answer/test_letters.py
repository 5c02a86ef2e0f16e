"""Letters as evidence: the signature block quoted whole, however many signatories sign."""
from __future__ import annotations

import pytest

from budgetarkiv.answer.letters import signature_end


@pytest.mark.parametrize("closing, block", [
    ("Med venlig hilsen\n\nTine Lauridsen Bak\nAdministrerende direktør\n\nMorten Krag\nKontorchef",
     "Tine Lauridsen Bak\nAdministrerende direktør\n\nMorten Krag\nKontorchef"),
    ("Venlig hilsen\n\nTine Lauridsen Bak, rådmand\n\nBilag: Oversigt over pladser i 2027 fordelt på bydele og alder.",
     "Tine Lauridsen Bak, rådmand"),
    ("Yours sincerely\n\nTine Lauridsen Bak\nHead of Center\n\nThe figures are from the 2027 count of all centres.",
     "Tine Lauridsen Bak\nHead of Center"),
    # someone else's labelled line under the signature (the council's secretary) is no part of it
    ("Venlig hilsen\n\nTine Lauridsen Bak\nFormand, Ældrerådet i Valby\n\nSekretær: Sara Lind Holt, tlf. 1122 3344",
     "Tine Lauridsen Bak\nFormand, Ældrerådet i Valby"),
])
def test_the_signature_block_runs_over_names_and_titles_and_stops_at_prose(closing, block):
    at = closing.index("Tine")
    assert closing[at:signature_end(closing, at)] == block
