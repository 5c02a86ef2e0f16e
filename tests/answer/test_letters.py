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
])
def test_the_signature_block_runs_over_names_and_titles_and_stops_at_prose(closing, block):
    at = closing.index("Tine")
    assert closing[at:signature_end(closing, at)] == block
