"""A budget note typeset as a PDF and then "scanned": every page rendered to an image, no text layer.

Used by the OCR tests (and the answer test over a scanned note). The note is written for the tests; its
money table is ruled like a Word table, which is what makes OCR of real scans hard.
"""
from __future__ import annotations

from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

NOTE_ID = "KFF31"
BUDGET_YEAR = 2029
TITLE = "Svømmeundervisning for skolebørn i sommerferien"
ADMINISTRATION = "Kultur- og Fritidsforvaltningen"
TABLE_TITLE = "Tabel 2 – Oversigt over ønskets aktiviteter på alle styringsområder"
HEAD = ["1.000 kr., 2029 p/l", "Styringsområde", "2029", "2030", "2031", "I alt"]
ROWS = [
    ["Svømmelærere (6 årsværk)", "Service", "2.950", "2.950", "2.950", "8.850"],
    ["Busser til svømmehallerne", "Service", "", "640", "640", "1.280"],
    ["Nyt bassinudstyr", "Anlæg", "1.200", "", "", "1.200"],
    ["Udgifter i alt (netto)", "", "4.150", "3.590", "3.590", "11.330"],
]
# What the parser must read from the table (amounts in 1.000 kr.).
GOLD_ROWS = {
    "Svømmelærere (6 årsværk)": ({"2029": 2950, "2030": 2950, "2031": 2950}, 8850),
    "Busser til svømmehallerne": ({"2030": 640, "2031": 640}, 1280),
    "Nyt bassinudstyr": ({"2029": 1200}, 1200),
    "Udgifter i alt (netto)": ({"2029": 4150, "2030": 3590, "2031": 3590}, 11330),
}
TABLE_PAGE = 2

PAGE_1 = [
    ("p", f"Budget {BUDGET_YEAR}"),
    ("p", ADMINISTRATION),
    ("h", f"{NOTE_ID} {TITLE}"),
    ("h", "Resume"),
    ("p", "Mange børn i København kan ikke svømme, når de forlader skolen. Forvaltningen foreslår et "
          "gratis sommerforløb i svømmehallerne for børn i 3. til 5. klasse, som ikke har bestået "
          "svømmeprøven."),
    ("h", "Beslutning"),
    ("p", "Der skal træffes beslutning om at afsætte 4,15 mio. kr. i 2029 og 3,59 mio. kr. årligt i 2030 og "
          "2031 til svømmeundervisning i sommerferien."),
    ("h", "Baggrund"),
    ("p", "Ved svømmeprøven i 2027 kunne 31 pct. af eleverne i 5. klasse ikke svømme 200 meter. Andelen er "
          "størst i de udsatte byområder, hvor mange familier ikke bruger svømmehallerne."),
]
PAGE_2 = [
    ("h", "Økonomi"),
    ("p", "Udgifterne dækker svømmelærere og busser. Busserne kører først fra 2030, når forløbet er "
          "udvidet til alle bydele. Bassinudstyret købes som anlæg i 2029."),
    ("t", TABLE_TITLE),
    ("table", ""),
    ("h", "Risikovurdering og proces"),
    ("p", "Det kan være svært at skaffe svømmelærere i sommerferien. Forvaltningen indgår derfor aftaler med "
          "svømmeklubberne i god tid."),
]


def typeset(path: Path) -> Path:
    """The note as a two-page PDF with a text layer (DejaVu Sans, so æ/ø/å and "–" are real glyphs)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.add_font("DejaVu", "B", str(DEJAVU_BOLD))
    for blocks in (PAGE_1, PAGE_2):
        pdf.add_page()
        for kind, text in blocks:
            if kind == "table":
                pdf.set_font("DejaVu", size=9)
                with pdf.table(col_widths=(60, 30, 18, 18, 18, 20), text_align=("LEFT", "LEFT", "RIGHT", "RIGHT",
                                                                                "RIGHT", "RIGHT")) as table:
                    for cells in [HEAD, *ROWS]:
                        row = table.row()
                        for cell in cells:
                            row.cell(cell)
                pdf.ln(4)
                continue
            pdf.set_font("DejaVu", "B" if kind == "h" else "", 12 if kind == "h" else 10)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.output(str(path))
    return path


def scan(pdf_path: Path, out: Path, dpi: int = 300) -> Path:
    """Every page of `pdf_path` rendered to a grey image and saved as an image-only PDF (no text layer)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    images = [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(pdf))]
    pdf.close()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out


def scanned_note(folder: Path, dpi: int = 300) -> Path:
    """The note typeset and scanned into `folder`/scannet.pdf."""
    return scan(typeset(folder / "original.pdf"), folder / "scannet.pdf", dpi)
