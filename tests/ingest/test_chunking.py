"""Passages of a note follow its structure: prose by section, every table its own passage.

Each passage carries what a citation needs (note id, year, title, section, page, offsets into the
note's text) and stays under the word limit the embedding model can read.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from budgetarkiv.core.models import Chunk, Document, NormalizedText, Note, Page
from budgetarkiv.core.numbers import format_danish_number
from budgetarkiv.ingest.chunking import chunk_note, table_as_text
from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
FILES = sorted(p.name for p in CORPUS.glob("0*.txt"))
BUDGET_NOTES = [f for f in FILES if not f.startswith("004")]
_WORDS = re.compile(r"[A-Za-zÆØÅæøå]{4,}")
_NUMBERS = re.compile(r"\d+(?:[.,]\d+)*")


@pytest.fixture(scope="module")
def notes() -> dict[str, Note]:
    return {name: parse_note(read_document(CORPUS / name, 50_000_000)) for name in FILES}


@pytest.fixture(scope="module")
def chunks(notes) -> dict[str, tuple[Chunk, ...]]:
    return {name: chunk_note(note, 120) for name, note in notes.items()}


def prose(chunks: tuple[Chunk, ...]) -> list[Chunk]:
    return [c for c in chunks if c.kind == "prose"]


@pytest.mark.parametrize("name", FILES)
def test_every_prose_passage_lies_in_one_section_of_its_note(notes, chunks, name):
    note = notes[name]
    headings = {s.heading for s in note.sections}
    assert prose(chunks[name])
    for c in prose(chunks[name]):
        # None is the head of the note, before its first heading
        assert c.section is None or c.section in headings, c.section
        if c.section is not None:
            # a heading may repeat (000 resumes its scenario 1 section after the categorisation box)
            section = max((s for s in note.sections if s.heading == c.section and s.start <= c.start),
                          key=lambda s: s.start)
            later = [s.start for s in note.sections if s.start > section.start]
            assert c.end <= min(later, default=len(note.text)), f"{c.chunk_id} runs into the next section"
    if name.startswith("003"):
        assert {c.section for c in prose(chunks[name])} >= {"Resume", "Baggrund", "Indhold", "Økonomi"}


@pytest.mark.parametrize("name", BUDGET_NOTES)
def test_no_prose_passage_holds_a_money_tables_rows(notes, chunks, name):
    note = notes[name]
    money = [t for t in note.tables if t.kind == "money"]
    assert money
    for c in prose(chunks[name]):
        for t in note.tables:
            assert c.end <= t.start or c.start >= t.end, f"{c.chunk_id} overlaps {t.title!r}"
        for t in money:
            for row in t.rows:
                cells = [format_danish_number(v) for v in row.amounts.values()]
                if len(cells) >= 2:
                    assert f"{cells[0]} {cells[1]}" not in c.text, f"{c.chunk_id} holds the row {row.label!r}"


@pytest.mark.parametrize("name", FILES)
def test_every_table_is_its_own_passage(notes, chunks, name):
    note = notes[name]
    tables = [c for c in chunks[name] if c.kind == "table"]
    assert [c.table_index for c in tables] == list(range(len(note.tables)))
    for c in tables:
        table = note.tables[c.table_index]
        assert c.text == table_as_text(table)
        assert c.text.splitlines()[0] == table.title
        assert (c.start, c.end) == (table.start, table.end)
        assert c.scenario == table.scenario
        if table.kind == "money":
            assert len(c.text.splitlines()) == len(table.rows) + 2  # title, head, a line per row


def test_money_rows_are_lines_with_years_and_total(chunks):
    bi23 = {c.text.splitlines()[0]: c for c in chunks["003_830cee1fd0b10859.txt"] if c.kind == "table"}
    lines = bi23["Tabel 2. Oversigt over ønskets aktiviteter på alle styringsområder"].text.splitlines()
    assert lines[1] == "1.000 kr., 2026 p/l"
    assert lines[2] == (
        "Fem social kontrol-vejledere på Jobcenter København (5 årsværk) (Service): "
        "2026: 3.490; 2027: 3.490; 2028: 3.490; 2029: 3.490; I alt: 13.960"
    )
    scenario2 = bi23["Tabel 3. Oversigt over ønskets aktiviteter på alle styringsområder"]
    assert scenario2.scenario == "Scenarie 2"
    assert "Koordinering (1 årsværk) (Service): 2026: 737; 2027: 737; 2028: 737; 2029: 737; I alt: 2.948" in (
        scenario2.text.splitlines()
    )
    perspektiv = [c for c in chunks["000_306130193e619dd7.txt"] if c.kind == "table"]
    earlier = next(c for c in perspektiv if c.text.startswith("Tidligere afsatte midler"))
    assert earlier.text.splitlines()[1:3] == [
        "1.000 kr., løbende p/l",
        "Budgetaftale 2020: 2020: 4.200; 2021: 4.200; 2022: 4.200; 2023: 4.200",
    ]


@pytest.mark.parametrize("name", FILES)
def test_passages_carry_note_metadata(notes, chunks, name):
    note = notes[name]
    assert [c.chunk_id for c in chunks[name]] == [f"{note.doc_id}:{i}" for i in range(len(chunks[name]))]
    for c in chunks[name]:
        assert (c.doc_id, c.source, c.doc_type) == (note.doc_id, note.source, note.doc_type)
        assert (c.note_id, c.budget_year, c.title) == (note.note_id, note.budget_year, note.title)
    if name in BUDGET_NOTES:
        assert all(c.note_id and c.title for c in chunks[name])


def test_sample_notes_metadata(chunks):
    first = {name: c[0] for name, c in chunks.items()}
    assert (first["000_306130193e619dd7.txt"].note_id, first["000_306130193e619dd7.txt"].budget_year) == ("BI18", 2024)
    assert (first["002_e7f046dac8aab057.txt"].note_id, first["002_e7f046dac8aab057.txt"].budget_year) == ("BI18", 2018)
    assert (first["003_830cee1fd0b10859.txt"].note_id, first["003_830cee1fd0b10859.txt"].budget_year) == ("BI23", 2026)
    assert first["004_8ec66430a271036e.txt"].doc_type == "answer"


@pytest.mark.parametrize("name", FILES)
def test_offsets_point_at_the_passage_in_the_note(notes, chunks, name):
    note = notes[name]
    pages = NormalizedText(note.text, note.page_starts)
    for c in chunks[name]:
        assert 0 <= c.start < c.end <= len(note.text)
        span = note.text[c.start:c.end]
        if c.kind == "prose":
            assert " ".join(span.split()) == " ".join(c.text.split()), c.chunk_id
            assert c.page == pages.page_at(c.start)
        else:
            # a table passage is rewritten row by row, but every word and figure comes from its span
            assert set(_WORDS.findall(c.text)) <= set(_WORDS.findall(span)), c.chunk_id
            assert set(_NUMBERS.findall(c.text)) <= set(_NUMBERS.findall(span)), c.chunk_id
        assert c.page is None or 1 <= c.page <= len(note.page_starts)


def test_pages_after_a_page_marker_are_known(chunks):
    # 000 marks the end of page 3 ("3/6"): what follows is on page 4, what precedes cannot be pinned
    perspektiv = chunks["000_306130193e619dd7.txt"]
    economy = [c for c in perspektiv if c.section == "Økonomi"]
    assert economy and all(c.page == 4 for c in economy)
    assert perspektiv[0].page is None
    assert all(c.page is None for c in chunks["003_830cee1fd0b10859.txt"])  # BI23 has no page markers


@pytest.mark.parametrize("max_words", [60, 100, 120])
@pytest.mark.parametrize("name", FILES)
def test_prose_passages_stay_under_the_word_limit(notes, name, max_words):
    passages = prose(chunk_note(notes[name], max_words))
    assert passages
    too_long = [(c.chunk_id, len(c.text.split())) for c in passages if len(c.text.split()) > max_words]
    assert not too_long


@pytest.mark.parametrize("name", FILES)
def test_a_smaller_limit_cuts_more_but_loses_no_text(notes, name):
    note = notes[name]
    words_of = lambda cs: sum(len(c.text.split()) for c in prose(cs))  # noqa: E731
    wide, narrow = chunk_note(note, 120), chunk_note(note, 60)
    assert len(prose(narrow)) >= len(prose(wide))
    assert words_of(narrow) == words_of(wide)


@pytest.mark.parametrize("name", BUDGET_NOTES)
def test_index_text_starts_with_note_id_and_title(notes, chunks, name):
    note = notes[name]
    for c in chunks[name]:
        assert c.index_text.startswith(f"{note.note_id} {note.title}"), c.index_text[:80]
        assert f"Budget {note.budget_year}" in c.index_text.splitlines()[0]
        if c.section:
            assert c.section in c.index_text.splitlines()[0]
        assert c.index_text.endswith(c.text)


def test_letter_passages_follow_its_answers(chunks):
    letter = prose(chunks["004_8ec66430a271036e.txt"])
    assert {"Ad 1", "Ad 2", "Ad 3"} <= {c.section for c in letter}
    ad3 = next(c for c in letter if c.section == "Ad 3")
    assert "88 mio. kr." in ad3.text


def test_a_goal_table_is_prose_with_a_labelled_sentence_per_row():
    text = ("Forventet effekt og opfølgning\nForvaltningen måler hvert halve år, om indsatsen virker.\n"
            "Mål\tUdgangspunkt (2021)\tMålsætning (2025)\nKortere ventetid\t42 dage\t20 dage\n"
            "Flere i uddannelse\t38 pct.\t50 pct.\nForvaltningen gør status én gang om året.\n\n"
            "Økonomi\nTabel 1 – Økonomi\n1.000 kr., 2024 p/l\t2024\t2025\tI alt\nDrift\t100\t200\t300\n")
    doc = Document(doc_id="g", source="g.txt", fmt="txt", pages=(Page(1, text),))
    chunks = chunk_note(parse_note(doc))
    assert [c.kind for c in chunks].count("table") == 1  # the money table only
    [effect] = [c for c in chunks if c.section == "Forventet effekt og opfølgning"]
    lines = effect.text.split("\n")
    assert "Kortere ventetid: udgangspunkt (2021) 42 dage; målsætning (2025) 20 dage." in lines
    assert "Flere i uddannelse: udgangspunkt (2021) 38 pct.; målsætning (2025) 50 pct." in lines
    assert lines[-1] == "Forvaltningen gør status én gang om året."
    assert "Mål Udgangspunkt" not in effect.text


def test_each_bullet_keeps_its_own_line_so_it_is_quoted_alone():
    text = ("Forventet effekt og opfølgning\nIndsatsen har tre mål:\n\n- 60 pct. af deltagerne er i job efter et år\n"
            "- ventetiden falder fra 42 til 20\ndage\n• mindst 300 borgere deltager.\nForvaltningen følger op årligt.\n")
    doc = Document(doc_id="b", source="b.txt", fmt="txt", pages=(Page(1, text),))
    [passage] = [c for c in chunk_note(parse_note(doc)) if c.section == "Forventet effekt og opfølgning"]
    assert passage.text.split("\n")[1:] == [
        "- 60 pct. af deltagerne er i job efter et år", "- ventetiden falder fra 42 til 20 dage",
        "• mindst 300 borgere deltager.", "Forvaltningen følger op årligt."]
