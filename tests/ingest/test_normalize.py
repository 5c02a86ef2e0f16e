"""Normalising extracted text: what must change (hyphens, tags, markers, blank lines) and what must not
(line structure, tabs, spacing inside table rows), on the real corpus and on small made-up texts."""
from __future__ import annotations

from pathlib import Path

import pytest

from budgetarkiv.core.models import Document, NormalizedText, Page
from budgetarkiv.ingest.normalize import normalize_document, normalize_text

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def corpus_text(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def text_doc(text: str) -> Document:
    return Document(doc_id="0" * 16, source="x.txt", fmt="txt", pages=(Page(1, text),))


@pytest.fixture(scope="module")
def norm() -> dict[str, NormalizedText]:
    return {p: normalize_document(text_doc(corpus_text(p))) for p in ("000", "001", "002", "003", "004")}


# ----------------------------------------------------------------------------------------------- corpus


def test_000_title_hyphenated_across_lines_becomes_one_line(norm: dict[str, NormalizedText]) -> None:
    lines = norm["000"].text.split("\n")
    assert "BI18 Perspektiv – en beskæftigelsesindsats for ægtefælleforsørgede (udløb)" in lines


def test_000_page_marker_is_removed_and_starts_page_4(norm: dict[str, NormalizedText]) -> None:
    nt = norm["000"]
    assert "3/6" not in nt.text.split("\n")
    # Text up to the "3/6" marker is pages 1-3, which cannot be told apart; after it starts page 4.
    assert nt.page_starts[:3] == (0, 0, 0) and len(nt.page_starts) == 4
    start4 = nt.page_starts[3]
    assert nt.text[start4:].startswith("mere systematisk tilgang")
    assert nt.text[:start4].endswith("som kræver en\n\n")
    assert nt.page_at(nt.text.index("Budget 2024")) is None
    assert nt.page_at(nt.text.index("Tabel 2")) == 4


def test_000_hyphenated_words_are_joined_and_real_compounds_kept(norm: dict[str, NormalizedText]) -> None:
    text = norm["000"].text
    assert "den negative sociale kontrol i familierne" in text  # "kon-\ntrol"
    assert "Jobcenter Københavns social kontrol-vejledere." in text
    assert "ikke-vestlig baggrund" in text
    assert "Beskæftigelses- og Integrationsforvaltningen" in text
    assert "deltagere, herunder fx AMU-kurser" in text  # a row label over four lines, two hyphens
    assert "Årsværk og husleje" in text.split("\n")
    assert not any(line.endswith(("kon-", "ægtefælleforsør-")) for line in text.split("\n"))


def test_000_table_lines_keep_their_structure_and_spacing(norm: dict[str, NormalizedText]) -> None:
    lines = norm["000"].text.split("\n")
    assert "Styringsområde 2023 2024 2025 2026 2027 I alt" in lines
    assert "Service  4.400 4.400 4.400 4.400 17.600" in lines  # the double space is an empty 2023 cell
    assert "BIU 35.10 U  4.400 4.400 4.400 4.400 17.600" in lines
    assert "Udgifter i alt     200 200 200 200 800" in lines
    assert "1.000 kr., 2024" in lines and "p/l" in lines  # not merged: no hyphen


def test_000_private_use_bullets_become_bullets(norm: dict[str, NormalizedText]) -> None:
    text = norm["000"].text
    assert "\uf0b7" not in text
    assert "• at indsatsen vil have en effekt for de ægtefælleforsørgedes børn" in text


def test_001_tags_are_gone_and_tabs_are_kept(norm: dict[str, NormalizedText]) -> None:
    text = norm["001"].text
    assert "<i>" not in text and "</i>" not in text
    lines = text.split("\n")
    assert "\tDanskuddannelse og opkvalificering\t(eksempelvis sociale tilbud, kurser, etc.).\t" in lines
    assert "Årsværk og husleje\tService\t\t4.400\t4.400\t4.400\t4.400\t17.600" in lines
    assert "Bevillingsudløb\tX" in lines
    assert "Aktiviteter i forslaget 1.000 kr., 2024 p/1\tStyringsområde\t2023\t2024\t2025\t2026\t2027\tI alt" in lines


def test_001_paragraph_per_line_export_keeps_its_blank_lines(norm: dict[str, NormalizedText]) -> None:
    # One paragraph per line, each followed by a blank line: NOT the double-spaced case.
    assert "\n\nBaggrund\n\nBeskæftigelses- og Integrationsudvalget har bestilt" in norm["001"].text


def test_001_same_line_count_as_the_source_minus_blank_runs(norm: dict[str, NormalizedText]) -> None:
    source = [line for line in corpus_text("001").split("\n") if line.strip()]
    assert len([line for line in norm["001"].text.split("\n") if line]) == len(source)


def test_003_double_spacing_removed_but_paragraph_breaks_kept(norm: dict[str, NormalizedText]) -> None:
    text = norm["003"].text
    assert (
        "Der søges om midler til videreførelse af indsatsen ’Bekæmpelse af negativ social kontrol\n"
        "som barriere for beskæftigelse’ i perioden 2026-2029." in text
    )
    assert "udgangen af 2025.\n\nBeslutning\n•" in text
    assert "\n\n\n" not in text


def test_003_hyphens_across_blank_lines(norm: dict[str, NormalizedText]) -> None:
    text = norm["003"].text
    assert "kon-\ntrol" not in text and "kon-\n\ntrol" not in text
    assert "negativ social kontrol som barriere for beskæftigelse" in text
    assert "social kontrol-vejledere" in text
    assert "Social kontrol-vejledere i" in text.split("\n")  # "kontrol-\nvejledere": the doc writes it hyphenated
    assert "Fem social kontrol-vejledere på Jobcenter København (5 årsværk)" in text.split("\n")
    assert "negativ social kontrol" in text


def test_003_en_dash_at_line_end_is_not_joined(norm: dict[str, NormalizedText]) -> None:
    assert "til fem social kontrol-vejledere 2026–\n2029" in norm["003"].text


def test_003_split_table_cell_keeps_its_lines(norm: dict[str, NormalizedText]) -> None:
    assert "BIU 35.10 U 3.145 3.145 3.145\n\n3.145 12.580" in norm["003"].text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_corpus_file_is_clean(prefix: str, norm: dict[str, NormalizedText]) -> None:
    text = norm[prefix].text
    assert "\n\n\n" not in text
    assert not any(line != line.rstrip(" ") for line in text.split("\n"))
    assert text == text.strip("\n ")
    assert normalize_text(corpus_text(prefix)) == text  # no page sentinel leaks; same text either way


def test_002_and_004_hyphens(norm: dict[str, NormalizedText]) -> None:
    assert "Styringsområde" in norm["002"].text.split("\n")
    assert "rammeaftalen for lokalt forankret indsats" in norm["004"].text
    assert "vedr. lokalt forankrede beskæftigelsesindsatser." in norm["004"].text


# ----------------------------------------------------------------------------------------------- hyphen rule


def test_line_end_hyphen_in_a_split_word_is_joined() -> None:
    assert normalize_text("en beskæftigel-\nsesindsats for alle") == "en beskæftigelsesindsats for alle"


def test_joined_form_used_elsewhere_wins() -> None:
    text = "en kontrolvejleder\nsocial kontrol-\nvejleder"
    assert normalize_text(text).endswith("social kontrolvejleder")


def test_hyphenated_form_used_elsewhere_keeps_the_hyphen() -> None:
    text = "fem kontrol-vejledere\nsocial kontrol-\nvejledere i jobcentret"
    assert normalize_text(text) == "fem kontrol-vejledere\nsocial kontrol-vejledere i jobcentret"


def test_uppercase_or_digit_continuation_keeps_the_hyphen() -> None:
    assert normalize_text("støtte fra EU-\nKommissionen") == "støtte fra EU-Kommissionen"
    assert normalize_text("en COVID-\n19 indsats") == "en COVID-19 indsats"


def test_suspended_hyphen_before_og_keeps_the_space() -> None:
    assert normalize_text("Beskæftigelses-\nog Integrationsudvalget") == "Beskæftigelses- og Integrationsudvalget"


def test_hyphen_inside_a_line_is_untouched() -> None:
    text = "Beskæftigelses- og Integrationsforvaltningen\nBI23 -Videreførelse\nperioden 2024-27"
    assert normalize_text(text) == text


def test_en_dash_digit_hyphen_and_spaced_hyphen_are_never_joined() -> None:
    for text in ("2026–\n2029", "perioden 2024-\n2027", "Budgetaftale 2021 3.000 -\n- -"):
        assert normalize_text(text) == text


def test_hyphen_across_blank_lines_only_before_lowercase() -> None:
    assert normalize_text("negativ social kon-\n\ntrol som barriere") == "negativ social kontrol som barriere"
    assert normalize_text("Forvaltnings-\n\nØkonomi") == "Forvaltnings-\n\nØkonomi"


def test_table_rows_with_tabs_are_not_joined() -> None:
    text = "Opkvalificering\tBIU\tOverførsler-\nservice\t200"
    assert normalize_text(text) == text


def test_vocabulary_argument_adds_words() -> None:
    assert normalize_text("social kontrol-\nvejledere") == "social kontrolvejledere"
    assert normalize_text("social kontrol-\nvejledere", {"Kontrol-Vejledere"}) == "social kontrol-vejledere"


def test_soft_hyphens_are_invisible() -> None:
    assert normalize_text("beskæf\u00adtigelse og kon\u00ad\ntrol") == "beskæftigelse og kontrol"


# ----------------------------------------------------------------------------------------------- other rules


def test_nfc_tags_spaces_and_bullets() -> None:
    raw = "  Ma\u030algruppe  \n<i>kursiv</i> <b>fed</b><br>ny linje, 5 < 7 og <30 år\n\uf0b7 punkt\n\uf0a7\tandet"
    assert normalize_text(raw) == "Målgruppe\nkursiv fed\nny linje, 5 < 7 og <30 år\n• punkt\n• andet"


def test_word_line_breaks_and_windows_newlines_become_newlines() -> None:
    assert normalize_text("Økonomi\r\nService\x0b4.400\r") == "Økonomi\nService\n4.400"


def test_runs_of_blank_lines_become_one() -> None:
    assert normalize_text("\n\nA\n\n \n\t\n\nB\n \n") == "A\n\nB"


def test_lines_are_never_merged_without_a_hyphen() -> None:
    text = "Udgifter i alt\n(netto)\n4.600 4.600 18.400"
    assert normalize_text(text) == text


def test_double_spaced_text_loses_single_blank_lines_and_keeps_double_ones() -> None:
    prose = [
        "Indsatsen har vist gode resultater for borgerne i alle bydele og",
        "har bidraget til at flere er kommet i job eller uddannelse i perioden",
        "fra 2021 til 2024, hvilket er bedre end forventet ved opstarten af",
        "indsatsen.",
    ]
    raw = "\n\n".join(prose) + "\n\n \n\nØkonomi\n\nService 3.490 3.490"
    assert normalize_text(raw) == "\n".join(prose) + "\n\nØkonomi\nService 3.490 3.490"


def test_one_paragraph_per_line_is_not_double_spaced() -> None:
    raw = "Baggrund\n\nFørste afsnit er langt nok til at ligne prosa fra et tekstbehandlingsprogram.\n\nIndhold"
    assert normalize_text(raw) == raw


# ----------------------------------------------------------------------------------------------- pages


def test_page_markers_split_a_text_file_into_pages() -> None:
    nt = normalize_document(text_doc("første side\n\n 1/3 \n\nanden side\n2/3\ntredje side\n3/3\n"))
    assert nt.text == "første side\n\nanden side\n\ntredje side"
    assert nt.page_starts == (0, len("første side\n\n"), len("første side\n\nanden side\n\n"))
    assert nt.page_at(nt.text.index("tredje")) == 3


def test_text_before_the_first_marker_gets_the_markers_page() -> None:
    nt = normalize_document(text_doc("slutningen af side tre\n3/6\nside fire"))
    assert nt.page_starts == (0, 0, 0, len("slutningen af side tre\n\n"))
    assert nt.page_at(0) is None  # page 1, 2 or 3: unknown
    assert nt.page_at(nt.text.index("fire")) == 4


def test_a_fraction_that_breaks_the_marker_sequence_stays_text() -> None:
    nt = normalize_document(text_doc("side et\n1/2\nandel\n1/3\nside to\n2/2"))
    assert nt.text == "side et\n\nandel\n1/3\nside to"
    assert nt.page_starts == (0, len("side et\n\n"))


def test_side_n_af_m_markers_count_too() -> None:
    nt = normalize_document(text_doc("side et\nSide 1 af 2\nside to"))
    assert nt.text == "side et\n\nside to"
    assert nt.page_starts == (0, len("side et\n\n"))


def test_text_without_markers_has_no_page_numbers() -> None:
    nt = normalize_document(text_doc("Budget 2024\nBI18"))
    assert nt.page_starts == () and nt.page_at(0) is None


def test_a_one_page_pdf_is_page_one() -> None:
    doc = Document(doc_id="1" * 16, source="x.pdf", fmt="pdf", pages=(Page(1, "Budget 2024\nBI18"),))
    assert normalize_document(doc).page_at(0) == 1


def test_form_feeds_are_page_breaks() -> None:
    nt = normalize_document(text_doc("side et\f\nside to\fside tre"))
    assert nt.text == "side et\n\nside to\n\nside tre"
    assert [nt.page_at(nt.text.index(w)) for w in ("et", "to", "tre")] == [1, 2, 3]


def test_pdf_pages_are_joined_by_a_blank_line_with_their_starts() -> None:
    doc = Document(
        doc_id="1" * 16,
        source="x.pdf",
        fmt="pdf",
        pages=(Page(1, "Budget 2024 \nBaggrund\n1/3"), Page(2, ""), Page(3, "Økonomi\nService 4.400")),
    )
    nt = normalize_document(doc)
    assert nt.text == "Budget 2024\nBaggrund\n\n\n\nØkonomi\nService 4.400"  # page 2 is empty
    offset = nt.text.index("Økonomi")
    assert nt.page_starts == (0, offset - 2, offset)
    assert [nt.page_at(offset - 1), nt.page_at(offset), nt.page_at(0)] == [2, 3, 1]


def test_a_word_hyphenated_across_pdf_pages_is_joined_on_the_first_page() -> None:
    doc = Document(
        doc_id="1" * 16,
        source="x.pdf",
        fmt="pdf",
        pages=(Page(1, "en beskæftigel-"), Page(2, "sesindsats for alle\nØkonomi")),
    )
    nt = normalize_document(doc)
    assert nt.text == "en beskæftigelsesindsats for alle\n\nØkonomi"
    assert nt.page_at(nt.text.index("Økonomi")) == 2
    assert len(nt.page_starts) == 2


def test_normalize_text_has_no_page_sentinels() -> None:
    out = normalize_text("a\n1/2\nb\n2/2\fc")
    assert "\f" not in out and "\x1e" not in out


def test_space_aligned_lines_keep_their_columns_relative_to_each_other() -> None:
    text = (
        "    Overskrift\n"
        "    Aktivitet        2030     2031\n"
        "    Drift i alt\n"
        "                      1,5      2,0\n"
        "        indrykket prosa\n"
    )
    lines = normalize_text(text).split("\n")
    assert lines[0] == "Overskrift" and lines[4] == "indrykket prosa"  # other lines lose their indentation
    assert lines[1] == "Aktivitet        2030     2031"
    assert lines[3].index("1,5") == lines[1].index("2030") + 1  # still under its year


# ----------------------------------------------------------------------------------------------- running lines

from budgetarkiv.ingest.normalize import without_running_lines  # noqa: E402


def pdf_doc(*pages: str) -> Document:
    return Document(doc_id="0" * 16, source="x.pdf", fmt="pdf", pages=tuple(Page(i, t) for i, t in enumerate(pages, 1)))


def test_a_note_id_and_title_repeated_at_the_top_of_every_page_is_kept_once() -> None:
    pages = [
        "TMU 12 Grønne gårde i Sydhavnen\nBudget 2031\nResume\nGårdene skal have flere træer.",
        "TMU 12 Grønne gårde i Sydhavnen\nBudget 2031\nØkonomi\nUdgiften er 2,0 mio. kr. om året.",
        "TMU 12 Grønne gårde i Sydhavnen\nBudget 2031\nTekniske oplysninger\nUdvalg: TMU.",
    ]
    assert without_running_lines(pages) == [
        pages[0],
        "Økonomi\nUdgiften er 2,0 mio. kr. om året.",
        "Tekniske oplysninger\nUdvalg: TMU.",
    ]


@pytest.mark.parametrize("feet", [
    ["Side 1 af 3", "Side 2 af 3", "Side 3 af 3"],
    ["Københavns Kommune · Budget 2031 · side 1", "Københavns Kommune · Budget 2031 · side 2",
     "Københavns Kommune · Budget 2031 · side 3"],
    ["Page 1", "Page 2", "Page 3"],
    ["1", "2", "3"],
])
def test_a_running_foot_is_dropped_from_every_page_so_a_sentence_runs_across_the_break(feet: list[str]) -> None:
    pages = [f"Indsatsen styrkes med to me-\n{feet[0]}", f"darbejdere i 2031.\n{feet[1]}", f"Slut.\n{feet[2]}"]
    assert normalize_document(pdf_doc(*pages)).text == "Indsatsen styrkes med to medarbejdere i 2031.\n\n\n\nSlut."


def test_lines_that_repeat_only_on_some_pages_or_in_the_middle_of_a_page_are_content() -> None:
    pages = [
        "Budget 2031\nUdgifter i alt 400 400\nmere tekst\nog mere\nog endnu mere\nsidste linje",
        "Scenarie 1 - Drift\nførste linje\nanden linje\nUdgifter i alt 400 400\nfjerde linje\nfemte linje\nsjette",
        "Scenarie 2 - Udvidelse\nførste\nanden\ntredje\nfjerde\nfemte",
        "Økonomi\nførste\nanden\ntredje\nfjerde\nfemte",
    ]
    assert without_running_lines(pages) == pages


def test_a_one_word_heading_at_the_top_of_two_pages_is_no_running_head() -> None:
    pages = ["Økonomi\nTabel 1\nrækker", "Økonomi\nTabel 2\nrækker"]
    assert without_running_lines(pages) == pages


def test_running_lines_of_a_text_with_form_feeds_are_dropped_too() -> None:
    raw = "SOF 9 Natcafé\nFørste side.\nSide 1 af 2\fSOF 9 Natcafé\nAnden side.\nSide 2 af 2"
    nt = normalize_document(text_doc(raw))
    assert nt.text == "SOF 9 Natcafé\nFørste side.\n\nAnden side."
    assert nt.page_at(nt.text.index("Anden")) == 2


# ----------------------------------------------------------------------------------------------- two columns

from budgetarkiv.ingest.normalize import columns_in_reading_order  # noqa: E402


def _run_together(layout: str) -> str:
    """The text a PDF written line by line across the page gives: each layout line's words in one line."""
    return "\n".join(" ".join(line.split()) for line in layout.split("\n"))


TWO_COLUMNS = """KFF 8 Kulturnat for unge i Valby
Indhold                                          Økonomi
Biblioteket holder åbent til midnat en            Udgiften er 450.000 kr. om året, som
fredag i hver måned med koncerter og              dækker honorarer, vagter og
værksteder, som unge selv planlægger.             markedsføring på de sociale medier.
Unge frivillige får et kursus i at                Forvaltningen søger desuden
lave arrangementer for andre unge.                fondsmidler til udstyr og lys.
Tabel 1. Udgifter"""


def test_a_two_column_layout_run_together_is_read_column_by_column() -> None:
    text = columns_in_reading_order(_run_together(TWO_COLUMNS), TWO_COLUMNS)
    assert text is not None
    lines = [line for line in text.split("\n") if line]
    assert lines[:3] == ["KFF 8 Kulturnat for unge i Valby", "Indhold", "Biblioteket holder åbent til midnat en"]
    assert lines.index("Økonomi") == lines.index("lave arrangementer for andre unge.") + 1
    assert lines[-1] == "Tabel 1. Udgifter"


def test_two_columns_the_pdf_already_reads_apart_are_left_alone() -> None:
    left = [line[:50].strip() for line in TWO_COLUMNS.split("\n")]
    right = [line[50:].strip() for line in TWO_COLUMNS.split("\n")]
    assert columns_in_reading_order("\n".join(left + right), TWO_COLUMNS) is None


@pytest.mark.parametrize("layout", [
    # labels and texts: a table, not two columns of prose
    """Målgruppe              Unge mellem 15 og 24 år uden uddannelse eller job
Indsats                Mentorforløb og virksomhedspraktik i seks måneder
Målsætning             Halvdelen er i uddannelse eller job efter et år
Evaluering             Forvaltningen følger op på alle forløb hvert halvår
Bydele                 Valby, Vesterbro og Kongens Enghave""",
    # a goal table of three text columns
    """Målgruppe og omfang som nævnt      Indsatsen i korte træk her       Målsætning for hele forløbet
ledige unge under 30 år i alt      mentor og praktik hver uge       60 pct. i job efter et år
med bopæl i de tre bydele nu       samt kurser i dansk om dagen     og 20 pct. i uddannelse bagefter
og uden en afsluttet uddannelse    og hjælp til at søge job         målt ved opgørelsen hvert år
som er visiteret af jobcentret     i små hold på højst otte         hos jobcentret i alle tre bydele""",
    # the same, its columns set closer (three spaces between the widest cells)
    "\n".join(a.ljust(31) + "   " + b.ljust(28) + "   " + c for a, b, c in [
        ("Målgruppe og omfang", "Indsatsen i korte træk", "Målsætning for forløbet"),
        ("ledige unge under 30 år i alt", "mentor og praktik hver uge", "60 pct. i job efter et år"),
        ("med bopæl i de tre bydele nu", "samt kurser i dansk", "og 20 pct. i uddannelse"),
        ("og uden en afsluttet uddannelse", "og hjælp til at søge job", "målt ved opgørelsen hvert år"),
        ("som er visiteret af jobcentret", "i små hold på højst otte", "hos jobcentret i tre bydele"),
    ]),
    # a money table
    """1.000 kr., 2031 p/l              Styringsområde     2031     2032     I alt
Mentorer                          Service             400      400       800
Praktikpladser                    Service             250      250       500
Kurser i dansk                    Service             100      100       200
Udgifter i alt                                        750      750     1.500""",
])
def test_tables_are_not_taken_for_two_columns(layout: str) -> None:
    assert columns_in_reading_order(_run_together(layout), layout) is None
