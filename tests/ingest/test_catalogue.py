"""A catalogue of proposals: one document, several proposals with their own ids, a summary table.

Invented texts in two shapes: a word processor's export (a paragraph per line, tab-separated tables) and PDF
text (wrapped lines, a title wrapped onto a second line, single spaces between cells).
"""
from __future__ import annotations

import hashlib

from budgetarkiv.core.models import Document, Page
from budgetarkiv.ingest.catalogue import find_catalogue, is_summary
from budgetarkiv.ingest.chunking import chunk_note
from budgetarkiv.ingest.notes import find_note_id_and_title, parse_note
from budgetarkiv.ingest.tables import extract_tables

EXPORT = """Teknik- og Miljøforvaltningen
Budget 2031
Spareforslag fra Teknik- og Miljøudvalget
Udvalget skal finde 900 tkr. om året. Forvaltningen lægger tre forslag frem, TMF P1-P3. Alle beløb er i tkr. (p/l 2031).
TMF P1 Færre tømninger af skraldespande i parkerne om vinteren
Fra november til februar tømmes de 640 skraldespande i parkerne hver anden dag i stedet for hver dag. Forslaget sparer 1,0 årsværk.
Tabel 1. TMF P1 – økonomi
tkr., p/l 2031	Styringsområde	2031	2032	2033	I alt
Løn til renholdelse	Service	-300	-300	-300	-900
Besparelse i alt		-300	-300	-300	-900
TMF P2 Slukket springvand om natten
De fire springvand på pladserne slukkes fra kl. 23 til kl. 6. Det sparer el og slid på pumperne.
Tabel 2. TMF P2 – økonomi
tkr., p/l 2031	Styringsområde	2031	2032	2033	I alt
El og vedligehold	Service	-80	-80	-80	-240
Besparelse i alt		-80	-80	-80	-240
TMF P3 Digital parkeringskontrol i boligområderne
Scannerbiler erstatter en del af gangpatruljerne. Bilerne koster 200 tkr. i 2031.
Tabel 3. TMF P3 – økonomi
tkr., p/l 2031	Styringsområde	2031	2032	2033	I alt
Færre patruljetimer	Service	-400	-520	-520	-1.440
Scannerbiler	Anlæg	200			200
Besparelse i alt		-200	-520	-520	-1.240
Oversigt
Tabel 4 samler de tre forslag.
Tabel 4. Forslagene samlet
tkr., p/l 2031	2031	2032	2033	I alt
P1 Skraldespande om vinteren	-300	-300	-300	-900
P2 Springvand om natten	-80	-80	-80	-240
P3 Parkeringskontrol	-200	-520	-520	-1.240
Spareforslag i alt	-580	-900	-900	-2.380
Kontaktperson: Jonas Bak Holm, økonomikonsulent
"""

PDF = """Børne- og Ungdomsforvaltningen – Budget 2030
Katalog  over  mindre  effektiviseringer  i  dagtilbuddene,  Budget
2030
Baggrund
Udvalget  har  bedt  om  forslag,  der  kan  vælges  hver  for  sig.  Beløbene  er  i  tkr.,  2030-priser.
BUF-E01 Fælles indkøb af bleer
Dagtilbuddene køber i dag bleer hver for sig. En fælles aftale giver lavere priser.
Tabel 1. BUF-E01
tkr. Styringsområde 2030 2031 I alt
Lavere priser på bleer Service -150 -150 -300
BUF-E02 Samling af to køkkener i Valby og
på Amager
De to køkkener laver mad til 180 børn. Samlet i ét køkken frigøres
0,8 årsværk.
Tabel 2. BUF-E02
tkr. Styringsområde 2030 2031 I alt
Køkkenpersonale Service -200 -400 -600
Opfølgning
Forvaltningen  følger  op  på  begge  forslag  i  2031.
Tabel 3. Oversigt
tkr. 2030 2031 I alt
BUF-E01 Bleer -150 -150 -300
BUF-E02 Køkkener -200 -400 -600
Effektiviseringer i alt -350 -550 -900
"""


def _note(text: str, name: str = "katalog.txt"):
    doc = Document(hashlib.sha256(text.encode()).hexdigest()[:16], name, "txt", (Page(1, text),))
    return parse_note(doc)


def test_a_catalogue_is_one_note_with_its_own_title_and_no_id_of_a_proposal() -> None:
    note = _note(EXPORT)
    assert (note.doc_type, note.note_id, note.title, note.budget_year) == (
        "budget_note", None, "Spareforslag fra Teknik- og Miljøudvalget", 2031)
    assert note.administration == "Teknik- og Miljøforvaltningen"
    assert "no note id found" not in note.errors


def test_each_proposal_is_an_alternative_named_by_its_id_and_titled_by_its_heading() -> None:
    note = _note(EXPORT)
    assert [(s.name, s.title) for s in note.scenarios] == [
        ("TMF P1", "Færre tømninger af skraldespande i parkerne om vinteren"),
        ("TMF P2", "Slukket springvand om natten"),
        ("TMF P3", "Digital parkeringskontrol i boligområderne"),
    ]
    assert note.scenarios[1].description.startswith("De fire springvand på pladserne slukkes")


def test_each_proposal_s_table_carries_its_id_and_the_summary_table_none() -> None:
    note = _note(EXPORT)
    assert [(t.number, t.scenario) for t in note.tables] == [("1", "TMF P1"), ("2", "TMF P2"), ("3", "TMF P3"),
                                                            ("4", None)]
    summary = note.tables[3]
    assert summary.rows[-1].label == "Spareforslag i alt" and summary.rows[-1].total == -2380


def test_each_proposal_is_a_section_of_its_own_and_its_passages_say_so() -> None:
    note = _note(EXPORT)
    headings = [s.heading for s in note.sections]
    assert headings[:3] == ["TMF P1 Færre tømninger af skraldespande i parkerne om vinteren",
                            "TMF P2 Slukket springvand om natten",
                            "TMF P3 Digital parkeringskontrol i boligområderne"]
    assert "Oversigt" in headings  # the catalogue's own part after the last proposal
    chunks = chunk_note(note)
    springvand = [c for c in chunks if c.section == headings[1]]
    assert {c.kind for c in springvand} == {"prose", "table"}
    assert all("springvand" in c.index_text for c in springvand)
    # the summary's prose and table are not the last proposal's
    tail = [c for c in chunks if "samler de tre forslag" in c.text or c.text.startswith("Tabel 4.")]
    assert tail and all(c.section == "Oversigt" for c in tail)


def test_a_catalogue_in_pdf_text_keeps_its_wrapped_title_and_its_introduction_apart() -> None:
    note = _note(PDF, "katalog.pdf")
    assert note.title == "Katalog over mindre effektiviseringer i dagtilbuddene, Budget 2030"
    assert [s.name for s in note.scenarios] == ["BUF-E01", "BUF-E02"]
    assert [t.scenario for t in note.tables] == ["BUF-E01", "BUF-E02", None]
    assert [s.heading for s in note.sections] == [
        "Baggrund", "BUF-E01 Fælles indkøb af bleer", "BUF-E02 Samling af to køkkener i Valby og på Amager",
        "Opfølgning"]  # (a heading wrapped onto a second line is whole)
    assert note.scenarios[1].description.startswith("De to køkkener laver mad til 180 børn.")


def test_a_summary_table_names_two_proposals_by_their_id_or_its_last_part() -> None:
    tables = extract_tables(EXPORT, 2031)
    assert is_summary(tables[3], ["TMF P1", "TMF P2", "TMF P3"])
    assert not is_summary(tables[0], ["TMF P1", "TMF P2", "TMF P3"])


def test_one_note_naming_another_note_at_a_line_start_is_no_catalogue() -> None:
    text = """Budget 2031
SUF70 Varme måltider i dagcentrene

Baggrund
Forslaget bygger videre på
SUF64 Madklubber for ældre, som blev vedtaget i 2029.
Tabel 1. Økonomi
1.000 kr., 2031 p/l	2031	2032	I alt
Måltider	500	500	1.000
"""
    assert find_catalogue(text, extract_tables(text, 2031)) is None
    note = _note(text)
    assert (note.note_id, note.title) == ("SUF70", "Varme måltider i dagcentrene")


def test_proposal_heads_without_tables_of_their_own_are_no_catalogue() -> None:
    text = """Økonomiforvaltningen
Budget 2031
Oversigt over forslag
ØKF A1 Ny hjemmeside
ØKF A2 Nye skilte
Tabel 1. Samlet
1.000 kr., 2031 p/l	2031	I alt
A1 Ny hjemmeside	100	100
A2 Nye skilte	50	50
"""
    assert find_catalogue(text, extract_tables(text, 2031)) is None


def test_a_title_does_not_run_into_the_paragraph_below_it() -> None:
    """A word processor's export has no blank line between a note's title and its first paragraph."""
    head = ("KFF40 Længere åbningstid i museernes caféer\n"
            "Caféerne lukker i dag kl. 16. Forslaget holder dem åbne til kl. 20 torsdag og fredag.\n")
    assert find_note_id_and_title(head) == ("KFF40", "Længere åbningstid i museernes caféer")
    wrapped = "KFF40 Længere åbningstid i museernes caféer og\nbutikker\n\nBaggrund\n"
    assert find_note_id_and_title(wrapped) == ("KFF40", "Længere åbningstid i museernes caféer og butikker")


def test_a_catalogue_with_an_id_of_its_own_keeps_it_and_its_title() -> None:
    text = EXPORT.replace("Spareforslag fra Teknik- og Miljøudvalget\n", "TMF90 Spareforslag fra Teknik- og Miljøudvalget\n")
    note = _note(text)
    assert (note.note_id, note.title) == ("TMF90", "Spareforslag fra Teknik- og Miljøudvalget")
    assert [s.name for s in note.scenarios] == ["TMF P1", "TMF P2", "TMF P3"]
