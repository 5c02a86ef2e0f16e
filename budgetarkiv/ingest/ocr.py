"""Text of scanned PDF pages: each page without a text layer rendered (pypdfium2) and read by tesseract.

Tesseract is a system program (Debian `tesseract-ocr` + `tesseract-ocr-dan`, installed as root by
scripts/system-packages.sh); it is called as a subprocess, one page at a time, so a page it cannot read
costs that page only. When tesseract or its Danish model is missing, `ocr_unavailable` says so in a
sentence a person can act on, and nothing crashes.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["OcrPage", "ocr_pages", "ocr_unavailable"]

LANGUAGE = "dan"
DPI = 300  # measured: 300 dpi reads a Danish page word-perfect; 200 dpi misreads table digits
PAGE_TIMEOUT_S = 120
INSTALL_HINT = (
    "install tesseract with its Danish model (as root: bash scripts/system-packages.sh, or "
    "apt-get install tesseract-ocr tesseract-ocr-dan)"
)


@dataclass(frozen=True)
class OcrPage:
    number: int  # 1-based page number in the PDF
    text: str
    error: str | None = None  # why this page could not be read


@functools.cache
def ocr_unavailable() -> str | None:
    """Why OCR cannot run here (no tesseract, no Danish model, no pypdfium2), or None when it can."""
    exe = shutil.which("tesseract")
    if exe is None:
        return f"tesseract is not installed; {INSTALL_HINT}"
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        return f"tesseract could not be run ({exc}); {INSTALL_HINT}"
    if LANGUAGE not in langs:
        return f"tesseract has no Danish model ('{LANGUAGE}'); {INSTALL_HINT}"
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return "the pypdfium2 package (renders PDF pages for OCR) is not installed; reinstall the project"
    return None


def ocr_pages(data: bytes, numbers: Iterable[int], dpi: int = DPI) -> Iterator[OcrPage]:
    """Read the given pages of the PDF `data` by OCR (call `ocr_unavailable` first)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        with tempfile.TemporaryDirectory(prefix="budgetarkiv-ocr-") as tmp:
            for number in numbers:
                yield _ocr_page(pdf, number, dpi, Path(tmp))
    finally:
        pdf.close()


def _ocr_page(pdf, number: int, dpi: int, tmp: Path) -> OcrPage:  # noqa: ANN001 - a pypdfium2 PdfDocument
    """One page rendered to a grey PNG and read; a failure is kept on the page, not raised."""
    try:
        page = pdf[number - 1]
        image = _without_rules(page.render(scale=dpi / 72, grayscale=True).to_pil(), dpi)
        page.close()
        path = tmp / f"page-{number}.png"
        image.save(path, dpi=(dpi, dpi))
    except Exception as exc:  # noqa: BLE001 - pdfium raises its own error kinds on damaged pages
        return OcrPage(number, "", f"could not be rendered for OCR ({type(exc).__name__}: {exc})")
    # --psm 6: one uniform block, so a table row stays on one line; TSV gives each word's box, from which
    # the line is laid out again with the words at their horizontal positions (see `_layout`).
    cmd = ["tesseract", str(path), "stdout", "-l", LANGUAGE, "--psm", "6", "tsv"]
    try:
        # One OpenMP thread: measured 2.2-2.7 s a page against 5.7-11 s with tesseract's default threads on
        # the shared 2-core machines (its threads spin while waiting); the caller's own setting wins.
        env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
        done = subprocess.run(cmd, capture_output=True, timeout=PAGE_TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        return OcrPage(number, "", f"OCR took longer than {PAGE_TIMEOUT_S} s")
    except OSError as exc:
        return OcrPage(number, "", f"tesseract could not be run ({exc})")
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return OcrPage(number, "", f"tesseract failed ({message[-1] if message else done.returncode})")
    text = _layout(done.stdout.decode("utf-8", "replace"))
    return OcrPage(number, text, None if text.strip() else "OCR found no text on it")


def _layout(tsv: str) -> str:
    """Tesseract's words (TSV) as text lines whose words stand at their horizontal place on the page.

    One character column is the page's median character width, so cells of a table stay under their
    column heads with runs of spaces between them, the way PDF layout text has them; `tables.py` then
    places a row whose first year is empty by position instead of guessing. Words of one line keep at
    least one space between them; paragraphs are separated by a blank line.
    """
    words: list[tuple[tuple[int, int], int, int, int, str]] = []  # (block, par), line, left, width, text
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        block, par, line, left, width = (int(cols[i]) for i in (2, 3, 4, 6, 8))
        words.append(((block, par), line, left, width, cols[11].strip()))
    if not words:
        return ""
    widths = sorted(w[3] / len(w[4]) for w in words if len(w[4]) >= 3) or [10.0]
    char = max(widths[len(widths) // 2], 1.0)
    margin = min(w[2] for w in words)
    lines: list[str] = []
    current: tuple[tuple[int, int], int] | None = None
    right = 0  # pixel right edge of the line's previous word
    for para, line, left, width, text in words:
        if (para, line) != current:
            if current is not None and para != current[0]:
                lines.append("")
            lines.append("")
            current = (para, line)
        out = lines[-1]
        if out and left - right < 1.5 * char:  # a word space: one space, as in running text
            lines[-1] = f"{out} {text}"
        else:  # a wider gap (between table cells): the word goes to its column
            column = round((left - margin) / char)
            lines[-1] = out.ljust(max(column, len(out) + 2) if out else column) + text
        right = left + width
    return "\n".join(lines) + "\n"

def _without_rules(image, dpi: int):  # noqa: ANN001, ANN202 - PIL images
    """The page with table rules (long straight lines) painted white: tesseract reads a ruled grid's
    lines as "|", "[" and "I" glued to the digits, and loses whole rows. Text has no dark run this long."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(image.convert("L"))
    dark = pixels < 160
    run = max(20, dpi // 4)  # a quarter inch: longer than any letter stroke at this resolution
    rules = _runs(dark, run, axis=1) | _runs(dark, run, axis=0)
    if not rules.any():
        return image
    cleaned = pixels.copy()
    cleaned[rules] = 255
    return Image.fromarray(cleaned)


def _runs(dark, length: int, axis: int):  # noqa: ANN001, ANN202 - numpy arrays
    """Pixels lying in an unbroken dark run of at least `length` along `axis`."""
    import numpy as np

    a = dark if axis == 1 else np.ascontiguousarray(dark.T)
    csum = np.concatenate([np.zeros((a.shape[0], 1), dtype=np.int32), np.cumsum(a, axis=1, dtype=np.int32)], axis=1)
    full = (csum[:, length:] - csum[:, :-length]) == length  # a run of `length` starts at column j
    starts = np.concatenate([np.zeros((a.shape[0], 1), dtype=np.int32),
                             np.cumsum(full, axis=1, dtype=np.int32)], axis=1)
    # pixel x is covered when some run starting in [x - length + 1, x] exists
    width = a.shape[1]
    hi = np.minimum(np.arange(width) + 1, full.shape[1])
    lo = np.clip(np.arange(width) - length + 1, 0, full.shape[1])
    covered = (starts[:, hi] - starts[:, lo]) > 0
    return covered if axis == 1 else covered.T
