"""The inquiry helper: split a pasted inquiry into its questions, answer each, draft a reply with every figure cited.

Splitting is pure and tested on text alone; answering runs on the session's real index and model; the HTTP
route runs over a real server (uvicorn in a thread) and the CLI as a real subprocess.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from budgetarkiv.answer.inquiry import (
    Citation,
    Statement,
    answer_inquiry,
    inquiry_parts,
    split_inquiry,
    uncited_figures,
    unexplained_figures,
)
from tests.live_server import serve_service, settings_env

ROOT = Path(__file__).resolve().parents[2]
LETTER = ROOT / "corpus" / "004_8ec66430a271036e.txt"

# A council member's inquiry written from the sample corpus's topics, with what a real one has around
# the questions: a salutation, a preamble, a question over two lines, a signature.
INQUIRY = """Kære Beskæftigelses- og Integrationsforvaltning

Forud for budgetforhandlingerne har jeg nogle spørgsmål til indsatserne for
borgere på kanten af arbejdsmarkedet. Jeg vil gerne bede om svar på følgende:

1. Hvad koster indsatsen mod negativ social kontrol?
2. Hvor mange borgere deltog i Perspektiv i
   perioden 2020-2022?
3. Hvad er det samlede indsatsbudget for aktivitetsparate kontanthjælpsmodtagere fyldt 30 år?

Med venlig hilsen

Gyda Heding
Medlem af Borgerrepræsentationen
"""
LETTER_QUESTIONS = [
    "Hvor mange borgere er der i København i alt i de to målgrupper som LFI henvender sig til i København i 2020?",
    "Hvor meget fylder gruppen i beskæftigelsesindsatsen?",
    "Hvor stor en del af midlerne/indsatsen ligger hos kommunen vs. anden aktør?",
]
_FIGURE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?!\w)")  # a figure, not the 23 of BI23


# --- splitting (pure) -------------------------------------------------------------------------------
def test_split_the_2021_letters_question_block():
    """The letter as extracted from its PDF: hyphenation, a question broken by a blank line, answers after."""
    text = LETTER.read_text("utf-8")
    assert split_inquiry(text) == LETTER_QUESTIONS
    block = text[text.index("Spørgsmål"):text.index("Beskæftigelses- og Integrationsforvaltningens svar")]
    assert split_inquiry(block) == LETTER_QUESTIONS


def test_split_a_written_inquiry():
    assert split_inquiry(INQUIRY) == [
        "Hvad koster indsatsen mod negativ social kontrol?",
        "Hvor mange borgere deltog i Perspektiv i perioden 2020-2022?",
        "Hvad er det samlede indsatsbudget for aktivitetsparate kontanthjælpsmodtagere fyldt 30 år?",
    ]


@pytest.mark.parametrize("text, expected", [
    ("Hej\n\nHvad koster Perspektiv? Og hvor mange deltog ca. i 2022?\nTak.\n\nVh Ole",
     ["Hvad koster Perspektiv?", "Og hvor mange deltog ca. i 2022?"]),
    ("Spørgsmål 1: Hvad koster X?\nSpørgsmål 2: Hvad koster Y?", ["Hvad koster X?", "Hvad koster Y?"]),
    ("1) Redegør for udgifterne til Perspektiv.\n2) Hvad er målsætningen?",
     ["Redegør for udgifterne til Perspektiv.", "Hvad er målsætningen?"]),
    ("22. juni 2021 spurgte jeg om noget.\n\n1. Hvad koster X?", ["Hvad koster X?"]),  # a date is not question 22
    ("- Hvad koster X?\n- Hvem står for Y?", ["Hvad koster X?", "Hvem står for Y?"]),
    ("Kære forvaltning\n\nTak for sidst.\n\nMed venlig hilsen\nOle", []),
    ("", []),
])
def test_split_cases(text, expected):
    assert split_inquiry(text) == expected


def test_uncited_figures_finds_a_figure_without_source():
    head = "Kære A\n\nTak for din henvendelse af 3. maj 2024.\n\n"
    assert uncited_figures(head + "Spørgsmål 1\nHvad koster 2 ting?\n\nSvar 1\nDet koster 5 kr. [BI1 Budget 2024, s. 2]") == []
    assert uncited_figures(head + "Spørgsmål 1\nHvad?\n\nSvar 1\nDet koster 5 kr. [BI1, s. 2] og 7 kr. mere") != []


def _statement(text: str, cited: str) -> Statement:
    return Statement(text, (Citation("ref", cited, "x.txt", "x", None),))


def test_a_readable_amount_is_explained_by_the_exact_figure_beside_it():
    cells = "Tabel 2 Scenarie 1 1.000 kr., 2026 p/l Udgifter i alt 2026 3.490 2027 3.490"
    good = "Scenarie 1: ca. 3,5 mio. kr. årligt i 2026-2027 (2026-priser) [3.490 (1.000 kr., 2026 p/l), Tabel 2]"
    assert unexplained_figures(_statement(good, cells)) == []
    # another number than the exact figure gives, or an exact figure the cited cells lack, is caught
    assert unexplained_figures(_statement(good.replace("ca. 3,5", "ca. 4"), cells)) == ["4"]
    assert unexplained_figures(_statement(good.replace("3.490", "3.940"), cells)) == ["3.940", "3,5"]


def test_who_asked_whom_and_when_comes_from_the_inquiry():
    assert inquiry_parts(INQUIRY) == ("Gyda Heding", "Beskæftigelses- og Integrationsforvaltningen", None)
    dated = "Dato: 20. november 2026\n\n" + INQUIRY.replace("Gyda Heding\n", "")
    assert inquiry_parts(dated) == (None, "Beskæftigelses- og Integrationsforvaltningen", "2026-11-20")
    assert inquiry_parts(LETTER.read_text("utf-8"))[2] == "2021-06-22"  # a pasted earlier reply names its inquiry


# --- answering (real index and model) ------------------------------------------------------------------
def _ad(draft: str, n: int) -> str:
    """The text of answer n in a draft: from "Svar n" to the next "Spørgsmål" or the closing."""
    m = re.search(rf"^Svar {n}\n(.*?)(?=^Spørgsmål \d+$|^Med venlig hilsen|\Z)", draft, re.MULTILINE | re.DOTALL)
    assert m, f"no 'Svar {n}' in the draft:\n{draft}"
    return m.group(1)


def _check_cited(result) -> None:
    """Every figure of the draft stands before a citation, and occurs in the cited cell or sentence."""
    assert uncited_figures(result.draft) == [], result.draft
    for q in result.questions:
        for s in q.statements:
            assert unexplained_figures(s) == [], f"{s.text!r} not explained by {[c.text for c in s.citations]!r}"


def test_answer_inquiry_drafts_each_answer_with_cited_figures(answerer):
    result = answer_inquiry(answerer, INQUIRY)
    assert [q.number for q in result.questions] == [1, 2, 3]
    draft = result.draft
    # a letter: greeting to who asked, an opening, each question and its answer, the administration signing
    assert draft.startswith("Kære Gyda Heding\n\nTak for din henvendelse. Nedenfor følger "
                            "Beskæftigelses- og Integrationsforvaltningens svar")
    assert draft.endswith("Med venlig hilsen\n\nBeskæftigelses- og Integrationsforvaltningen\n")
    for n, q in enumerate(result.questions, 1):
        assert f"\nSpørgsmål {n}\n{q.question}\n\nSvar {n}\n" in draft
    ad1, ad2, ad3 = _ad(draft, 1), _ad(draft, 2), _ad(draft, 3)
    # readable and exact from the same cell: "ca. 3,5 mio. kr. årligt ... (2026-priser) [3.490 (1.000 kr., 2026 p/l), ..."
    assert re.search(r"ca\. 3,5 mio\. kr\. årligt i 2026-2029 \(2026-priser\) \[3\.490 \(1\.000 kr\., 2026 p/l\), Tabel 2", ad1)
    assert "ca. 14 mio. kr. (2026-priser) [13.960 (1.000 kr., 2026 p/l)" in ad1 and "BI23 Budget 2026]" in ad1
    assert "ca. 320 borgere" in ad2 and "[BI18 Budget 2024" in ad2
    assert "ca. 88 mio. kr." in ad3 and "[Svar vedr. lokalt forankrede beskæftigelsesindsatser, Ad 3" in ad3 and ".txt" not in draft
    _check_cited(result)
    # The evidence behind each answer is there too: the full answers with their sources.
    assert all(q.answer.answered and q.answer.sources for q in result.questions)


def test_an_earlier_answer_to_the_same_question_is_quoted(answerer):
    result = answer_inquiry(answerer, LETTER.read_text("utf-8"))
    assert [q.question for q in result.questions] == LETTER_QUESTIONS
    ad3 = _ad(result.draft, 3)
    assert "Tak for din henvendelse af 22. juni 2021." in result.draft  # the inquiry's date, not the reply's
    assert "besvaret tidligere" in ad3 and "ca. 53 mio. kr." in ad3 and "Ad 3" in ad3
    _check_cited(result)


def test_no_questions_gives_an_empty_inquiry(answerer):
    result = answer_inquiry(answerer, "Kære forvaltning\n\nTak for et godt møde.\n\nMed venlig hilsen\nOle")
    assert result.questions == () and result.draft == ""


# --- over HTTP and the command line -----------------------------------------------------------------------
def test_post_inquiry_over_a_real_server(index_settings, searcher):
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.api.app import Service

    with serve_service(Service(index_settings, searcher, Answerer(searcher))) as url, httpx.Client(base_url=url, timeout=120) as c:
        r = c.post("/inquiry", json={"text": INQUIRY})
        assert r.status_code == 200, r.text
        data = r.json()
        assert [q["number"] for q in data["questions"]] == [1, 2, 3]
        assert "\nSvar 3\n" in data["draft"] and "ca. 88 mio. kr." in data["draft"]
        first = data["questions"][0]
        assert first["question"] == "Hvad koster indsatsen mod negativ social kontrol?"
        assert first["answer"]["programmes"][0]["scenarios"][0]["total"] == 13960
        assert first["statements"][0]["citations"][0]["ref"].endswith("BI23 Budget 2026")
        # Malformed requests are refused with a Danish message, never a stack trace.
        for body in ({}, {"text": ""}, {"text": "x" * 20001}, {"text": "Hvad?", "extra": 1}, {"text": "   "}):
            bad = c.post("/inquiry", json=body)
            assert bad.status_code == 422, body
            assert bad.json()["detail"].startswith("Ugyldig forespørgsel")
        empty = c.post("/inquiry", json={"text": "Kære forvaltning, tak for sidst."}).json()
        assert empty["draft"] == "" and empty["questions"] == []
        # The reply as a Word document and as Markdown, with a date and signer given.
        body = {"text": INQUIRY, "inquiry_date": "2026-11-20", "administration": "Københavns Kommune"}
        docx_reply = c.post("/inquiry/draft.docx", json=body)
        assert docx_reply.status_code == 200 and "attachment" in docx_reply.headers["content-disposition"]
        _check_docx(docx_reply.content, data["questions"], "Københavns Kommune")
        md = c.post("/inquiry/draft.md", json=body)
        assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
        assert md.text.startswith("Kære Gyda Heding\n\nTak for din henvendelse af 20. november 2026.")
        assert "### Spørgsmål 1\n" in md.text and "### Svar 3\n" in md.text
        assert c.post("/inquiry/draft.docx", json={"text": "Hvad?", "inquiry_date": "22/6"}).status_code == 422


def _check_docx(content: bytes, questions: list[dict], signer: str) -> None:
    """The .docx opens with python-docx and reads as the letter: greeting, every question, cited answers, closing."""
    import io

    import docx

    paragraphs = [p for p in docx.Document(io.BytesIO(content)).paragraphs]
    texts = [p.text for p in paragraphs]
    assert texts[0] == "Kære Gyda Heding" and texts[1].startswith("Tak for din henvendelse af 20. november 2026.")
    for q in questions:
        n = q["number"]
        at = texts.index(f"Spørgsmål {n}")
        assert paragraphs[at].style.name.startswith("Heading") and texts[at + 1] == q["question"]
        assert texts[at + 2] == f"Svar {n}"
        answer = texts[at + 3]
        assert re.search(r"\[[^\]]+\]", answer), f"answer {n} without a citation: {answer!r}"
    assert texts[-2:] == ["Med venlig hilsen", signer]


def test_cli_inquiry(index_settings, tmp_path):
    path = tmp_path / "henvendelse.txt"
    path.write_text(INQUIRY, "utf-8")
    env = settings_env(index_settings)
    run = subprocess.run([sys.executable, "-m", "budgetarkiv.api.cli", "inquiry", str(path)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Kære Gyda Heding\n")
    assert "Spørgsmål 1\nHvad koster indsatsen mod negativ social kontrol?\n\nSvar 1\n" in run.stdout
    assert "ca. 320 borgere" in run.stdout and "ca. 88 mio. kr." in run.stdout
    assert uncited_figures(run.stdout) == []
    docx_path, md_path = tmp_path / "svar.docx", tmp_path / "svar.md"
    run = subprocess.run([sys.executable, "-m", "budgetarkiv.api.cli", "inquiry", str(path), "--docx", str(docx_path),
                          "--markdown", str(md_path), "--inquiry-date", "2026-11-20", "--reply-from", "Københavns Kommune",
                          "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    _check_docx(docx_path.read_bytes(), json.loads(run.stdout)["questions"], "Københavns Kommune")
    assert md_path.read_text("utf-8").endswith("Med venlig hilsen\n\nKøbenhavns Kommune\n")
    run = subprocess.run([sys.executable, "-m", "budgetarkiv.api.cli", "inquiry", str(path), "--json"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert len(json.loads(run.stdout)["questions"]) == 3
    empty = tmp_path / "tom.txt"
    empty.write_text("Kære forvaltning\n\nMed venlig hilsen\nOle", "utf-8")
    run = subprocess.run([sys.executable, "-m", "budgetarkiv.api.cli", "inquiry", str(empty)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and "ikke fundet spørgsmål" in run.stderr
