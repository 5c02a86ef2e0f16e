"""Parsing speed: documents/second and pages/second, reading and parsing each file (plus chunking).

    python -m benchmarks.bench_parse                 # sample corpus x 200, PDFs made from it x 20
    python -m benchmarks.bench_parse --repeat 50 --no-pdf
    python -m benchmarks.bench_parse --ocr 2          # also: 2 sample PDFs scanned (300 dpi images) and OCR'd

Text files have no pages: each counts as one page. The PDF corpus is the sample corpus typeset with fpdf2
(DejaVu Sans when installed, else Helvetica with non-Latin-1 characters replaced), ~45 lines a page.
OCR (`--ocr N`) renders the first N of those PDFs to 300 dpi images saved as a PDF without a text layer,
then times reading them (pypdfium2 + tesseract, Danish).
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import sample_files
from budgetarkiv.core.settings import Settings
from budgetarkiv.ingest.chunking import chunk_note
from budgetarkiv.ingest.notes import parse_note
from budgetarkiv.ingest.readers import read_document

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LINES_PER_PAGE = 45


def make_pdfs(texts: list[tuple[str, str]], dest: Path) -> list[Path]:
    """Typeset each (name, text) as a PDF, LINES_PER_PAGE lines a page."""
    from fpdf import FPDF

    out = []
    for name, text in texts:
        pdf = FPDF(format="A4")
        pdf.set_auto_page_break(False)
        if DEJAVU.exists():
            pdf.add_font("DejaVu", "", str(DEJAVU))
            pdf.set_font("DejaVu", size=9)
        else:
            pdf.set_font("Helvetica", size=9)
            text = text.encode("latin-1", "replace").decode("latin-1")
        lines = text.replace("\t", "    ").replace("\uf0b7", "•").split("\n")
        for start in range(0, len(lines), LINES_PER_PAGE):
            pdf.add_page()
            for line in lines[start:start + LINES_PER_PAGE]:
                pdf.cell(0, 5.5, line[:140], new_x="LMARGIN", new_y="NEXT")
        path = dest / f"{name}.pdf"
        pdf.output(str(path))
        out.append(path)
    return out


def scan(pdf: Path, out: Path, dpi: int = 300) -> Path:
    """`pdf` as a scan: each page rendered to a grey image, saved as a PDF without a text layer."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]
    doc.close()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out


def measure(files: list[Path], repeat: int, settings: Settings) -> dict:
    max_bytes = int(settings.max_file_mb * 1_000_000)
    docs = pages = chunks = 0
    parse_s = chunk_s = 0.0
    for _ in range(repeat):
        for path in files:
            t0 = time.perf_counter()
            doc = read_document(path, max_bytes)
            note = parse_note(doc)
            t1 = time.perf_counter()
            chunks += len(chunk_note(note, settings.chunk_words))
            t2 = time.perf_counter()
            parse_s += t1 - t0
            chunk_s += t2 - t1
            docs += 1
            pages += len(doc.pages)
    return {"docs": docs, "pages": pages, "chunks": chunks, "parse_s": parse_s, "chunk_s": chunk_s}


def row(label: str, r: dict) -> str:
    total = r["parse_s"] + r["chunk_s"]
    return (f"{label:<28} {r['docs']:>6} {r['pages']:>6} {r['parse_s']:>8.2f} {r['docs'] / r['parse_s']:>9.1f} "
            f"{r['pages'] / r['parse_s']:>9.1f} {r['docs'] / total:>13.1f} {1000 * r['parse_s'] / r['docs']:>9.2f}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=200, help="times the 5 sample files are read and parsed")
    ap.add_argument("--pdf-repeat", type=int, default=20, help="times the generated PDFs are read and parsed")
    ap.add_argument("--no-pdf", action="store_true", help="skip the generated PDF corpus")
    ap.add_argument("--ocr", type=int, default=0, metavar="N",
                    help="also scan N sample PDFs (images only) and time OCR (needs tesseract)")
    args = ap.parse_args(argv)
    settings = Settings()
    files = sample_files()
    print(f"Parsing benchmark: read_document + parse_note per file (chunk_note timed apart); {os.cpu_count()} CPUs")
    head = (f"{'corpus':<28} {'docs':>6} {'pages':>6} {'parse s':>8} {'docs/s':>9} {'pages/s':>9} "
            f"{'docs/s+chunk':>13} {'ms/doc':>9}")
    print(head)
    print("-" * len(head))
    measure(files, 1, settings)  # warm imports and regex caches
    started = time.perf_counter()
    r = measure(files, args.repeat, settings)
    print(row(f"sample txt x{args.repeat}", r))
    if not args.no_pdf:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            pdfs = make_pdfs([(p.stem, p.read_text("utf-8")) for p in files], Path(tmp))
            made = time.perf_counter() - t0
            measure(pdfs, 1, settings)
            r = measure(pdfs, args.pdf_repeat, settings)
            print(row(f"sample as PDF x{args.pdf_repeat}", r))
            if args.ocr:
                scans = [scan(p, Path(tmp) / f"{p.stem}-scan.pdf") for p in pdfs[: args.ocr]]
                scanned = measure(scans, 1, settings)
                print(row("scanned PDF (OCR) x1", scanned))
                print(f"OCR: {scanned['pages']} pages in {scanned['parse_s']:.1f} s = "
                      f"{scanned['pages'] / scanned['parse_s']:.3f} pages/s "
                      f"({scanned['parse_s'] / scanned['pages']:.1f} s a page)")
        print(f"(PDFs: {len(pdfs)} files, {r['pages'] // args.pdf_repeat} pages, typeset in {made:.1f} s; "
              f"text files count as 1 page each)")
    print(f"total {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
