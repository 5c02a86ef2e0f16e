"""Files -> `Document`: PDF, plain text / Markdown, Word (.docx) and HTML.

The format is chosen by the file's CONTENT first (magic bytes), the extension only breaks ties between the
text formats: archives are full of PDFs saved as ".txt" and exports without extensions. Every way a file can
be unusable gets its own sentence in `UnreadableFile.reason`, so the person running the indexer knows what to
do with the file; no library traceback is ever the only message.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from budgetarkiv.core.models import Document, Page, ReadError
from budgetarkiv.ingest.markdown import markdown_to_text
from budgetarkiv.ingest.normalize import columns_in_reading_order

if TYPE_CHECKING:  # the libraries are imported where used: reading text files needs none of them
    from bs4 import Tag
    from docx.table import Table
    from pypdf import PdfReader

__all__ = ["UnreadableFile", "read_document", "read_documents", "sniff_format"]

TEXT_EXTENSIONS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0/C1 controls but tab, newlines, \f
_OCR_HINT = "run OCR on it (e.g. ocrmypdf) and index the result"


class UnreadableFile(Exception):
    """A file that cannot become a Document; `reason` says why in a sentence a person can act on."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)
        self.source = source
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


# ----------------------------------------------------------------------------------------------- public API


def read_document(path: Path, max_bytes: int) -> Document:
    """Read one file into a Document (one Page per PDF page, one Page for other formats).

    Raises UnreadableFile for a missing, empty, too large, encrypted, damaged, scanned or binary file.
    `max_bytes` is the size limit (Settings.max_file_mb * 1_000_000); it is checked before reading.
    """
    path = Path(path)
    source = str(path)
    data = _read_bytes(path, source, max_bytes)
    try:
        fmt = sniff_format(data, path.suffix)
    except ValueError as exc:
        raise UnreadableFile(source, str(exc)) from exc
    doc_id = hashlib.sha256(data).hexdigest()[:16]
    warnings: list[str] = []
    if fmt == "pdf":
        pages = _read_pdf(data, source, warnings)
    elif fmt == "docx":
        pages = (Page(1, _read_docx(data, source)),)
    elif fmt == "html":
        pages = (Page(1, _read_html(_decode_text(data, source, warnings), source)),)
    else:
        text = _decode_text(data, source, warnings)
        if not text.strip():
            raise UnreadableFile(source, "contains only whitespace, no text to index.")
        pages = (Page(1, markdown_to_text(text) if fmt == "md" else text),)
    return Document(doc_id=doc_id, source=source, fmt=fmt, pages=pages, warnings=tuple(warnings))


def read_documents(paths: Iterable[Path], max_bytes: int) -> Iterator[Document | ReadError]:
    """Read files and folders; yield a Document per good file and a ReadError per bad one, never raise.

    Folders are walked recursively in sorted order. While walking, hidden files and folders (name starts
    with ".") are skipped, and so are README files (README.md, README.txt, README-*.md ...): they describe
    the folder, they are not documents of the archive. A path given explicitly is always read.
    """
    files, errors = walk_files(paths)
    yield from errors
    for path in files:
        yield _read_or_error(path, max_bytes)


def sniff_format(data: bytes, extension: str = "") -> str:
    """The format of `data`: "pdf" | "docx" | "html" | "txt" | "md", by magic bytes, then by extension.

    Raises ValueError with the reason when the bytes are no document we can read (binary, an image,
    another kind of archive, a .pdf/.docx extension on content that is not that format).
    """
    ext = extension.lower()
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, ext)
    if data.startswith(_OLE_MAGIC):
        raise ValueError(
            "is an OLE2 compound file: an old binary Word/Excel file (.doc/.xls) or a password-protected "
            "Office document; save it as an unprotected .docx or PDF."
        )
    for magic, what in _IMAGE_MAGIC.items():
        if data.startswith(magic):
            raise ValueError(f"is {what}, not a document with text; {_OCR_HINT}.")
    if ext == ".pdf":
        raise ValueError(
            f"has the extension .pdf but is not a PDF (no %PDF- header; it starts with {_preview(data)}); "
            "it may be a failed download - fetch the file again."
        )
    if ext == ".docx":
        raise ValueError(
            f"has the extension .docx but is not a Word document (not a ZIP package; it starts with "
            f"{_preview(data)}); save it again from Word."
        )
    why_binary = _binary_reason(data)
    if why_binary:
        raise ValueError(why_binary)
    if ext in HTML_EXTENSIONS or _HTML_START.search(_quick_decode(head)):
        return "html"
    return TEXT_EXTENSIONS.get(ext, "txt")


# ----------------------------------------------------------------------------------------------- helpers


def walk_files(paths: Iterable[Path]) -> tuple[list[Path], list[ReadError]]:
    """The files `parse` and `index` both read: folders walked in sorted order, hidden files and folders
    and folder READMEs skipped, a path given explicitly always kept.

    Symbolic links are followed; every other path left out is reported with its reason: folders that
    cannot be listed, links to a folder already read (a loop, or a second way into the same folder), and
    links that point nowhere.
    """
    files: list[Path] = []
    errors: list[ReadError] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            files.append(path)
            continue
        walk_errors: list[OSError] = []
        found: list[Path] = []
        seen = {os.path.realpath(path)}
        for dirpath, dirnames, filenames in os.walk(path, onerror=walk_errors.append, followlinks=True):
            kept = []
            for d in sorted(d for d in dirnames if not d.startswith(".")):
                real = os.path.realpath(os.path.join(dirpath, d))
                if real in seen:
                    errors.append(ReadError(os.path.join(dirpath, d), _already_read(real)))
                else:
                    seen.add(real)
                    kept.append(d)
            dirnames[:] = kept
            for name in filenames:
                if name.startswith(".") or _is_readme(name):
                    continue
                file = Path(dirpath) / name
                if file.is_symlink() and not file.exists():
                    errors.append(ReadError(str(file), f"is a broken symbolic link (to {os.readlink(file)}); skipped."))
                else:
                    found.append(file)
        errors += [
            ReadError(str(e.filename or path), f"folder could not be listed: {e.strerror or e}.") for e in walk_errors
        ]
        files += sorted(found, key=lambda p: p.relative_to(path).parts)
    return files, errors


def _already_read(real: str) -> str:
    return f"is a link to a folder already read ({real}): skipped, so nothing is read twice or in a loop."


def _is_readme(name: str) -> bool:
    """README.md, readme.txt, README-corpus.md: a folder's description, not an archive document."""
    stem, _, ext = name.rpartition(".")
    return bool(stem) and stem.upper().startswith("README") and ext.lower() in {"md", "txt", "markdown", "rst"}


def _read_or_error(path: Path, max_bytes: int) -> Document | ReadError:
    """read_document, with every failure (even an unexpected library error) turned into a ReadError."""
    try:
        return read_document(path, max_bytes)
    except UnreadableFile as exc:
        return ReadError(exc.source, exc.reason)
    except Exception as exc:  # noqa: BLE001 - one odd file must never stop a whole archive run
        return ReadError(str(path), f"could not be read because of an unexpected {type(exc).__name__}: {exc}")


def _read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    """The file's bytes, after the existence, type and size checks (size first: never load a huge file)."""
    try:
        if not path.exists():
            raise UnreadableFile(source, "does not exist.")
        if not path.is_file():
            raise UnreadableFile(source, "is not a regular file (a folder, device or socket).")
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableFile(source, _too_large(size, max_bytes))
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(source, f"could not be opened: {exc.strerror or exc}.") from exc
    if not data:
        raise UnreadableFile(source, "is empty (0 bytes).")
    if len(data) > max_bytes:  # grew between stat and read
        raise UnreadableFile(source, _too_large(len(data), max_bytes))
    return data


def _too_large(size: int, max_bytes: int) -> str:
    """'is 50.0 MB, over the 20 MB limit (...)', with enough decimals that the two numbers differ."""
    limit = max_bytes / 1_000_000
    for decimals in range(1, 7):
        shown = f"{size / 1_000_000:.{decimals}f}"
        if float(shown) > limit:
            break
    return f"is {shown} MB, over the {limit:g} MB limit (BUDGETARKIV_MAX_FILE_MB); raise the limit to read it."


def _preview(data: bytes) -> str:
    """The first bytes of a file, printable, for reasons like 'it starts with b"<html>..."'."""
    return repr(data[:16])


def _quick_decode(data: bytes) -> str:
    """Lenient decode of a file's head, only for sniffing."""
    return data.decode("utf-8", errors="replace")


def _binary_reason(data: bytes) -> str | None:
    """Why these bytes are not text, or None when they decode to text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a byte order mark: NULs are expected
    if b"\x00" in data:
        return "is binary data, not a document: it contains NUL bytes and is no PDF, Word or HTML file."
    try:
        text, _ = _decode_bytes(data)
    except UnicodeDecodeError:
        return "is binary data, not a document: its bytes are neither UTF-8 nor Windows-1252 text."
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        return f"is binary data, not a document: {controls} control characters in {len(text)} characters."
    return None


def _decode_bytes(data: bytes) -> tuple[str, str | None]:
    """(text, warning): UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (old Danish
    Windows files).

    A UTF-8 file with a few invalid bytes stays UTF-8: each bad byte becomes U+FFFD and the warning says
    how many and where. Re-reading the whole file as Windows-1252 would turn every "ø" into "Ã¸". A file
    with no more valid UTF-8 letters beyond ASCII than bad bytes is a Windows-1252 file (UnicodeDecodeError
    when it is not that either).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    lenient = data.decode("utf-8-sig", errors="replace")
    bad = lenient.count("\ufffd") - data.decode("utf-8-sig", errors="ignore").count("\ufffd")
    valid_non_ascii = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    if valid_non_ascii <= bad:
        return data.decode("cp1252"), None  # raises when the bytes are no Windows-1252 either
    line = data[:first_bad].count(b"\n") + 1
    return lenient, (
        f"has {bad} byte(s) that are not valid UTF-8 (the first on line {line}); each was replaced by "
        "\ufffd and the rest of the file read as UTF-8. Save the file as UTF-8 to fix it."
    )


def _decode_text(data: bytes, source: str, warnings: list[str] | None = None) -> str:
    """Decoded text (a decoding warning appended to `warnings`), or UnreadableFile naming the problem."""
    try:
        text, warning = _decode_bytes(data)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(source, "is not valid UTF-8, UTF-16 or Windows-1252 text.") from exc
    if warning and warnings is not None:
        warnings.append(warning)
    return text


# ----------------------------------------------------------------------------------------------- PDF


def _read_pdf(data: bytes, source: str, warnings: list[str]) -> tuple[Page, ...]:
    """One Page per PDF page (numbered from 1), decrypting with the empty password when that suffices."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if b"%%EOF" not in data:
        raise UnreadableFile(
            source,
            "is a truncated PDF: its end marker (%%EOF) is missing, so the file was cut off "
            f"(it has {len(data):,} bytes); copy or download it again.",
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, source)
        count = len(reader.pages)
    except UnreadableFile:
        raise
    except DependencyError as exc:
        raise UnreadableFile(
            source,
            f"is an encrypted PDF whose cipher needs the 'cryptography' package, which is not installed ({exc}).",
        ) from exc
    except FileNotDecryptedError as exc:
        raise UnreadableFile(source, _ENCRYPTED) from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds (PdfReadError, KeyError ...) on damage
        raise UnreadableFile(
            source, f"is a damaged PDF that cannot be opened ({type(exc).__name__}: {exc})."
        ) from exc
    if count == 0:
        raise UnreadableFile(source, "is a PDF without pages.")
    pages: list[Page] = []
    for number in range(1, count + 1):
        try:
            text = reader.pages[number - 1].extract_text() or ""
        except Exception as exc:  # noqa: BLE001
            raise UnreadableFile(
                source, f"is a damaged PDF: the text of page {number} cannot be read ({type(exc).__name__}: {exc})."
            ) from exc
        layout = _layout_text(reader.pages[number - 1]) if text.strip() else ""
        pages.append(Page(number, columns_in_reading_order(text, layout) or text if layout else text, layout=layout))
    if any(not p.text.strip() for p in pages):
        pages = _with_ocr(data, source, pages, warnings)
    return tuple(pages)


def _layout_text(page) -> str:  # noqa: ANN001 - a pypdf PageObject
    """The page's text laid out by position (columns of spaces), or "" when pypdf cannot lay it out."""
    try:
        return page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - layout mode is an extra; the reading-order text is already there
        return ""


def _with_ocr(data: bytes, source: str, pages: list[Page], warnings: list[str]) -> list[Page]:
    """Pages without a text layer (scans) read by OCR; pages that stay unread are named in `warnings`.

    Raises UnreadableFile when no page has text in the end (all scanned, and OCR missing or failing).
    """
    from budgetarkiv.ingest.ocr import ocr_pages, ocr_unavailable

    count = len(pages)
    blank = [p.number for p in pages if not p.text.strip()]
    why = ocr_unavailable()
    if why is not None:
        if len(blank) == count:
            raise UnreadableFile(
                source,
                f"is a PDF of {count} page(s) without a text layer (scanned images), and OCR is not available: {why}.",
            )
        warnings.append(f"{_pages_phrase(blank)} of {count} without a text layer (scanned) could not be read: "
                        f"OCR is not available ({why}).")
        return pages
    read = {o.number: o for o in ocr_pages(data, blank)}
    out = [Page(p.number, read[p.number].text, ocr=True) if p.number in read else p for p in pages]
    failed = [o for o in read.values() if o.error]
    if not any(p.text.strip() for p in out):
        reasons = "; ".join(f"page {o.number}: {o.error}" for o in failed[:3])
        raise UnreadableFile(source, f"is a scanned PDF of {count} page(s), and OCR read no text from it ({reasons}).")
    if failed:
        warnings.append(f"{_pages_phrase([o.number for o in failed])} could not be read by OCR: "
                        + "; ".join(f"page {o.number}: {o.error}" for o in failed))
    return out


def _pages_phrase(numbers: list[int]) -> str:
    """ "page 3" / "pages 2, 3 and 5"."""
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    return "pages " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"


_ENCRYPTED = (
    "is an encrypted PDF; it needs a password to open. Save an unprotected copy (print to PDF, or "
    "remove the password) and index that."
)


def _decrypt(reader: PdfReader, source: str) -> None:
    """Open an encrypted PDF with the empty user password (owner-only protection); else UnreadableFile."""
    from pypdf import PasswordType

    result = reader.decrypt("")
    if result == PasswordType.NOT_DECRYPTED:
        raise UnreadableFile(source, _ENCRYPTED)


# ----------------------------------------------------------------------------------------------- DOCX


def _sniff_zip(data: bytes, ext: str) -> str:
    """A ZIP package is a document only when it is a Word file (has word/document.xml)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        if ext == ".docx":
            raise ValueError(f"is a damaged Word (.docx) file: its ZIP package cannot be opened ({exc}).") from exc
        raise ValueError(f"is a damaged ZIP archive, not a document ({exc}).") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise ValueError("is an Excel workbook (.xlsx), not a document; export the sheet as PDF to index it.")
    if "ppt/presentation.xml" in names:
        raise ValueError("is a PowerPoint file (.pptx), not a document; export it as PDF to index it.")
    if ext == ".docx":
        raise ValueError("is a ZIP package without word/document.xml, so not a readable Word (.docx) file.")
    raise ValueError("is a ZIP archive, not a document; unpack it and index the files inside.")


def _read_docx(data: bytes, source: str) -> str:
    """Paragraphs and tables in document order; a table row is one line with its cells tab-separated.

    A heading (a paragraph in a heading or title style, or with an outline level) has a blank line before it,
    which ends the paragraph before it; a title or first-level heading (the note's id and title) has one after
    it too, so it is not run into the line after it. A lower heading stays next to its own paragraph, as in
    text exported from a word processor.
    """
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_docx_table_lines(block))
            elif block.text.strip() and (level := _docx_heading_level(block)) is not None:
                lines += [""] * bool(lines) + [block.text] + [""] * (level <= 1)
            else:
                lines.append(block.text)
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many kinds on damaged files
        raise UnreadableFile(
            source, f"is a damaged Word (.docx) file that cannot be read ({type(exc).__name__}: {exc})."
        ) from exc
    text = "\n".join(lines)
    if not text.strip():
        raise UnreadableFile(source, "is a Word (.docx) file without any text.")
    return text


_HEADING_STYLE = re.compile(r"^(?:heading|overskrift|title|titel)\b", re.IGNORECASE)


def _docx_heading_level(paragraph) -> int | None:  # noqa: ANN001 - a python-docx Paragraph
    """The heading level of a paragraph: 0 for a title style, n for "Heading n" (Danish Word: "Overskrift n"),
    its outline level + 1 (0-8; 9 is body text); None for a paragraph that is no heading."""
    try:
        style = paragraph.style
        name = (style.name or "") if style is not None else ""
    except Exception:  # noqa: BLE001 - a style missing from styles.xml: no heading by style
        name = ""
    m = _HEADING_STYLE.match(name)
    if m:
        digits = re.search(r"\d+", name)
        return 0 if m.group(0).lower() in ("title", "titel") else int(digits.group(0)) if digits else 1
    levels = [int(v) for v in paragraph._p.xpath("./w:pPr/w:outlineLvl/@w:val") if str(v).isdigit()]
    return levels[0] + 1 if levels and levels[0] < 9 else None


def _docx_table_lines(table: Table) -> list[str]:
    """A Word table as text lines laid out on its full grid (see `ingest.grid`): one line per row, cells
    tab-separated, a merged cell (gridSpan, vMerge) in its own column. A table holding another table is a
    layout table (a page set in a grid): its cells are read as blocks in reading order, the inner tables as
    tables."""
    from docx.table import _Cell

    from budgetarkiv.ingest.grid import Cell, grid_lines, place

    trs = list(table._tbl.tr_lst)
    if any(tc.tbl_lst for tr in trs for tc in tr.tc_lst):
        return _docx_layout_lines(table)
    starts: list[dict[int, object]] = []  # per row: grid column -> its w:tc
    for tr in trs:
        col, at = tr.grid_before, {}
        for tc in tr.tc_lst:
            at[col] = tc
            col += tc.grid_span
        starts.append(at)
    rows: list[list[tuple[int, Cell]]] = []
    for r, tr in enumerate(trs):
        head = bool(tr.xpath("./w:trPr/w:tblHeader[not(@w:val='0' or @w:val='false')]"))
        row: list[tuple[int, Cell]] = []
        for col, tc in starts[r].items():
            if tc.vMerge == "continue":
                continue  # covered by the cell that starts the merge above
            height = 1
            if tc.vMerge == "restart":
                while r + height < len(trs) and getattr(starts[r + height].get(col), "vMerge", None) == "continue":
                    height += 1
            text = " ".join(" ".join(p.text.split()) for p in _Cell(tc, table).paragraphs if p.text.strip())
            row.append((col, Cell(text, height, tc.grid_span, head=head)))
        rows.append(row)
    return grid_lines(place(rows))


def _docx_layout_lines(table: Table) -> list[str]:
    """A layout table's cells in reading order, each cell's paragraphs and tables as blocks."""
    from docx.table import Table as DocxTable

    lines: list[str] = []
    seen: list[object] = []  # the w:tc elements read (kept, so lxml hands out the same proxy again)
    for row in table.rows:
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):
                continue  # a merged cell repeats in row.cells
            seen.append(cell._tc)
            for block in cell.iter_inner_content():
                if isinstance(block, DocxTable):
                    lines.extend(_docx_table_lines(block))
                elif block.text.strip():
                    lines.append(block.text)
    return lines


# ----------------------------------------------------------------------------------------------- HTML

_DROP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "button", "select"}
_BLOCK = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "body", "html",
}
_PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote", "pre"}


def _read_html(markup: str, source: str) -> str:
    """Visible text: block elements on their own lines, table rows as tab-separated cells, no scripts."""
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(markup, "html.parser")
        title = soup.title.get_text(" ", strip=True) if soup.title else ""
        h1 = soup.h1.get_text(" ", strip=True) if soup.h1 else ""
        parts: list[str] = []
        _html_walk(soup, parts, pre=False)
    except Exception as exc:  # noqa: BLE001
        raise UnreadableFile(source, f"is HTML that cannot be parsed ({type(exc).__name__}: {exc}).") from exc
    lines = [_tidy_html_line(line) for line in "".join(parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    if title and title not in text and not _names_same(title, h1):  # an <h1> with the same id names the document
        text = f"{title}\n\n{text}" if text else title
    if not text.strip():
        raise UnreadableFile(source, "is an HTML page without visible text.")
    return text


def _names_same(title: str, heading: str) -> bool:
    """Do <title> and <h1> start with the same word (a note id: "TMF E12 ... – Budget 2023" vs "TMF E12 ...")?"""
    return bool(title.split()) and bool(heading.split()) and title.split()[0] == heading.split()[0]


def _tidy_html_line(line: str) -> str:
    """One space for each run of whitespace, none around the tabs between cells or at the ends."""
    return re.sub(r" *\t *", "\t", re.sub(r"[^\S\t\n]+", " ", line)).strip(" ")


def _html_walk(node: Tag, out: list[str], pre: bool, layout: bool = False) -> None:
    """Append the text of `node`'s children to `out`, with line breaks for blocks and tabs for cells.

    A table is laid out on its full grid (see `ingest.grid`). A table holding another table is a layout
    table (a page set in a grid): its rows and cells are read as blocks (`layout`), the inner tables as tables.
    """
    from bs4 import NavigableString, Tag
    from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

    for child in node.children:
        if isinstance(child, (Comment, Doctype, Declaration, ProcessingInstruction, CData)):
            continue
        if isinstance(child, NavigableString):
            out.append(str(child) if pre else re.sub(r"\s+", " ", str(child)))
            continue
        if not isinstance(child, Tag):
            continue
        name = (child.name or "").lower()
        if name in _DROP:
            continue
        if name == "br":
            out.append("\n")
        elif name == "table" and child.find("table") is None:
            out.append("\n" + "\n".join(_html_table_lines(child)) + "\n\n")
        elif name == "table" or (layout and name in ("tr", "td", "th", "thead", "tbody", "tfoot")):
            out.append("\n")
            _html_walk(child, out, pre, layout=True)
            out.append("\n\n" if name == "table" else "\n")
        elif name in _BLOCK:
            out.append("\n")
            _html_walk(child, out, pre or name == "pre", layout)
            out.append("\n\n" if name in _PARAGRAPH else "\n")
        else:
            _html_walk(child, out, pre, layout)


def _html_table_lines(table: Tag) -> list[str]:
    """A table's caption, then its rows laid out on the full grid (<thead> rows first, <tfoot> rows last)."""
    from bs4 import Tag

    from budgetarkiv.ingest.grid import Cell, grid_lines, place

    captions: list[str] = []
    head: list[list[Cell]] = []
    body: list[list[Cell]] = []
    foot: list[list[Cell]] = []

    def row(tr: Tag, in_head: bool) -> list[Cell]:
        return [
            Cell(_html_cell(c), _span(c.get("rowspan"), 0), _span(c.get("colspan"), 1),
                 head=in_head or (c.name or "").lower() == "th")
            for c in tr.find_all(["td", "th"], recursive=False)
        ]

    for child in table.children:
        if not isinstance(child, Tag):
            continue
        name = (child.name or "").lower()
        if name == "caption":
            captions.append(_html_cell(child))
        elif name == "tr":
            body.append(row(child, False))
        elif name in ("thead", "tbody", "tfoot"):
            rows = [row(tr, name == "thead") for tr in child.find_all("tr", recursive=False)]
            (head if name == "thead" else foot if name == "tfoot" else body).extend(rows)
    return [c for c in captions if c] + grid_lines(place([*head, *body, *foot]))


def _span(value: object, zero: int) -> int:
    """A rowspan/colspan attribute as a count: 1 when missing or broken; "0" (rowspan: to the end) as `zero`."""
    m = re.match(r"\s*(\d+)", str(value)) if value is not None else None
    if m is None:
        return 1
    n = int(m.group(1))
    return zero if n == 0 else n


def _html_cell(cell: Tag) -> str:
    """A table cell's text on one line: its inner line breaks, tabs and no-break or thin spaces ("1&nbsp;250")
    become plain spaces; soft hyphens and zero-width characters (invisible) go."""
    parts: list[str] = []
    _html_walk(cell, parts, pre=False)
    return re.sub(r"\s+", " ", _INVISIBLE_IN_CELL.sub("", "".join(parts))).strip()


_INVISIBLE_IN_CELL = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
