"""Stored notes come back exactly: an unchanged file is never parsed twice."""
import json
from pathlib import Path

import pytest

from budgetarkiv.core.models import note_from_jsonable, to_jsonable
from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import read_document
from tests.conftest import CORPUS


@pytest.mark.parametrize("path", sorted(CORPUS.glob("0*.txt")), ids=lambda p: p.name[:3])
def test_a_note_survives_the_json_round_trip(path: Path) -> None:
    note = parse_note(read_document(path, 10_000_000))
    assert note_from_jsonable(json.loads(json.dumps(to_jsonable(note)))) == note
