"""Clean text extracted from budget notes, keeping its line structure (tables are parsed line by line).

Pure functions, no I/O. What they do, in order:
- Unicode NFC; newlines (and Word's vertical-tab line breaks) to "\\n"; no-break spaces to spaces;
  invisible characters (zero-width, BOM, soft hyphens inside lines, control characters) removed.
- Markup tags (<i>, </i>, <b>, <u>, <br> ...) removed; "<" in prose ("< 30 år") is kept. <br> is a line break.
- Trailing spaces removed from every line; leading spaces too (they are PDF layout, not structure), except
  on lines set in columns by runs of spaces, which lose only the indentation they all share (ALIGNED RULE,
  see `_clean_line`). Tabs are kept everywhere: they separate table cells in word-processor exports.
- A private-use glyph opening a line (the Symbol-font bullet "\\uf0b7") becomes "•"; other private-use
  glyphs are dropped: they have no meaning outside the font they came from.
- Running heads and feet repeated on the pages of a PDF (or a text with form feeds) are removed: the note id
  and title at the top of every page after the first, "Side 2 af 4" or "Budget 2029 · side 2" at the bottom
  (RUNNING LINE RULE, see `without_running_lines`).
- Page markers ("3/6", "Side 3 af 6") alone on a line are removed; they mark page ends (PAGE MARKER RULE).
- Hyphenated line ends are joined, deciding with the document's own words (HYPHEN RULE).
- Blank lines: in "double-spaced" extractions (a blank line after every line) single blank lines are
  dropped and runs of two or more become one paragraph break; elsewhere every run of blank lines becomes
  one blank line (BLANK LINE RULE), except before a lone table cell ("5.800", "-") after another cell or
  a short label line: there each blank line is an empty cell of a one-cell-per-line table and is kept
  (CELL RULE). No other lines are merged.

PAGE MARKER RULE (single-page documents, i.e. text files): a marker "N/M" alone on a line is printed at
the bottom of page N, so the text up to it (since the previous marker) ends page N, and the text after it
starts page N+1. The text before the first marker "N/M" holds pages 1..N, which cannot be told apart: they
all start at offset 0 (page_starts = (0, 0, 0, start of page 4) for a first marker "3/6"), the encoding that
`NormalizedText.page_at` reads as "page unknown". Likewise a gap ("2/6" then "5/6") gives pages 3-5 one
shared start. A marker only counts when it continues the sequence (same M, larger N, N <= M); any other
"a/b" line is left as text. A form feed ("\\f", as pdftotext writes) is an explicit page
break and wins over markers for numbering. Multi-page documents (PDFs) take their page numbers from the
pages themselves; markers inside them are only removed.

HYPHEN RULE: a line ending in a letter + "-" whose next non-blank line starts with a letter or digit:
1. the joined word ("kontrol" for "kon-" + "trol") occurs in the document -> join ("kontrol");
2. else the hyphenated word ("kontrol-vejledere") occurs in the document -> keep the hyphen;
3. else the continuation is "og"/"eller"/"samt" ("Beskæftigelses-" + "og") -> keep "Beskæftigelses- og";
4. else the second part starts with an uppercase letter or digit -> keep the hyphen ("EU-" + "Borgere");
5. else join: a lowercase continuation is Danish line-end hyphenation ("beskæftigel-" + "sesindsats").
The whole next line is pulled up onto the hyphenated line. Blank lines and page breaks between the two
halves ("kon-\\n\\ntrol") are bridged only when the next line starts lowercase; the page break then follows
the joined line. En dashes ("2026–"), a hyphen after a digit or a space, and lines with tabs (table rows)
are never joined.

BLANK LINE RULE: a document is double-spaced when its wrapped prose lines (40+ characters, no closing
punctuation, continued by a lowercase line) are mostly continued after exactly one blank line (at least 3
such pairs and more than twice as many as directly continued ones). Counting lines "followed by a blank
line" does not work: a word-processor export with one paragraph per line scores as high as a double-spaced
PDF extraction.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from budgetarkiv.core.models import Document, NormalizedText, Page
from budgetarkiv.core.text import hyphen_joint

__all__ = ["normalize_text", "normalize_document", "document_vocabulary", "without_running_lines"]

PAGE_SEPARATOR = "\n\n"
_BREAK = "\f"  # sentinel line: explicit page break
_MARK = "\x1e"  # sentinel line prefix: page marker "N/M", followed by N

_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]|[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[\u00a0\u2007\u202f]")
_TAG = re.compile(
    r"</?(?:i|b|u|s|em|strong|br|sup|sub|span|font|strike|small|big|mark|a|p|div)(?:\s[^<>\n]*)?/?>",
    re.IGNORECASE,
)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PUA_BULLET = re.compile(r"^[\ue000-\uf8ff]\s*")
_PUA = re.compile(r"[\ue000-\uf8ff]")
_MARKER = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})$|^(?:side|page)\s+(\d{1,3})\s+(?:af|of)\s+(\d{1,3})$", re.I)
_WORD = re.compile(r"\w+(?:[-\u2010]\w+)*")
_PROSE_END = re.compile(r"[.:;!?)\]\"'”’]$")
_HYPHENS = "-\u2010\u00ad"
_SPACE_CHARS = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\t")  # not tabs: cells


def normalize_text(raw: str, vocabulary: set[str] | None = None) -> str:
    """Clean `raw` (see the module docstring); page breaks become one blank line.

    `vocabulary` adds words (any case) to the document's own when deciding hyphenated line ends, e.g. the
    words of the other pages or of the whole archive.
    """
    segments = _assemble(_clean_lines(raw, vocabulary))
    return PAGE_SEPARATOR.join(s.text for s in segments if s.text)


def normalize_document(doc: Document) -> NormalizedText:
    """The whole document cleaned, pages joined by a blank line, with the offset where each page starts.

    PDFs keep their page numbers, and every page gets its own start, an empty page too (its text is
    empty, so the joined text then has a longer run of newlines there). A text file's pages come from its
    form feeds or, failing that, its page markers (see PAGE MARKER RULE); pages that cannot be told apart
    share one start, which `NormalizedText.page_at` reads as "unknown". A file without any of these (a
    text, Markdown, Word or HTML file) gets no page starts at all: its text has no page numbers.
    """
    pages = doc.pages
    if len(pages) > 1:
        texts = without_running_lines([p.text.replace("\f", "\n") for p in pages], [p.number for p in pages])
        raw = _BREAK.join(texts)
        segments = _assemble(_clean_lines(raw, None))
        return _join_pages(segments, _labels_from_pages(segments, [p.number for p in pages]), pages)
    raw = pages[0].text if pages else ""
    if "\f" in raw:
        raw = "\f".join(without_running_lines(raw.split("\f")))
    segments = _assemble(_clean_lines(raw, None))
    if "\f" in raw:
        return _with_page_starts(segments, _labels_from_breaks(segments))
    if any(seg.end.startswith(_MARK) for seg in segments):
        return _with_page_starts(segments, _labels_from_markers(segments))
    if doc.fmt == "pdf":  # a one-page PDF
        return _with_page_starts(segments, [pages[0].number] * len(segments))
    return NormalizedText(text=_with_page_starts(segments, [1] * len(segments)).text)  # no page information


def without_running_lines(pages: Sequence[str], numbers: Sequence[int] | None = None) -> list[str]:
    """The pages without their running heads and feet (RUNNING LINE RULE).

    A line standing among the first or the last three lines of a page is running when the same line (the
    page's own number in it read as any number: "Side 2 af 4", "BUF 64 Læsevejledere - side 2") stands in the
    same place on at least half of the pages, and on two at least. A running head is kept where it first
    occurs (on the first page it is the note's own head: its id and title), and dropped from the pages after;
    a running foot is dropped from every page, so a sentence or table that runs across the page break is not
    cut by it. A running line needs two words or the page number, so a lone heading is never taken for one.
    `numbers` are the pages' numbers (1, 2, ... when not given).
    """
    count = len(pages)
    if count < 2:
        return list(pages)
    numbers = list(numbers) if numbers is not None else list(range(1, count + 1))
    lines = [page.split("\n") for page in pages]
    zones: list[tuple[dict[int, str], dict[int, str]]] = []  # per page: (top, bottom) line index -> key
    for page_lines, number in zip(lines, numbers):
        filled = [i for i, line in enumerate(page_lines) if line.strip()]
        top = filled[:min(_EDGE, len(filled) // 2)]  # a short page: its first half is the top, the rest the bottom
        bottom = filled[max(len(filled) - _EDGE, len(top)):]
        zones.append(({i: _running_key(page_lines[i], number) for i in top},
                      {i: _running_key(page_lines[i], number) for i in bottom}))
    need = max(2, -(-count // 2))
    running = []
    for side in (0, 1):
        seen = Counter(key for zone in zones for key in set(zone[side].values()) if key)
        running.append({key for key, n in seen.items() if n >= need})
    out: list[str] = []
    kept_heads: set[str] = set()
    for page_lines, (top, bottom) in zip(lines, zones):
        drop = {i for i, key in bottom.items() if key in running[1]}
        for i, key in top.items():
            if key in running[0] and i not in drop:
                if key in kept_heads:
                    drop.add(i)
                else:
                    kept_heads.add(key)
        out.append("\n".join(line for i, line in enumerate(page_lines) if i not in drop))
    return out


_EDGE = 3  # lines at the top and at the bottom of a page where running heads and feet stand


def _running_key(line: str, number: int) -> str:
    """A line as running lines are compared: spaces collapsed, the page's number as "#" where a page number
    stands ("Side 2 af 4", "side 2", "- 2 -", "2/4", "2" at a line's end or alone); "" for a line that cannot be
    a running line (one word and no page number)."""
    text = " ".join(line.split())
    key = re.sub(rf"(^|\b(?:side|page|s\.) |[·|•–—-] ){number}(?=(?: (?:af|of) \d+| ?/ ?\d+)?(?: [–—-])?$)",
                 r"\1#", text, count=1, flags=re.IGNORECASE)
    return key if key != text or len(text.split()) >= 2 else ""


def columns_in_reading_order(plain: str, layout: str) -> str | None:
    """A two-column page read column by column (TWO COLUMN RULE), or None when the page is no such page.

    Some PDFs write a two-column page line by line across both columns, so the text read in the file's order
    runs each line of the left column into the line beside it ("Flere ældre borgere bor alene og Målet er, at
    150 borgere bruger"). The page laid out by position (`layout`, columns of spaces) shows the two columns: a
    gutter of spaces that at least four lines, and two in five of the page's lines, have, with prose on both
    sides and the right column's lines starting at one position. When the `plain` text runs most of those
    lines together, the page is rebuilt from the layout: lines above and below the two columns as they are,
    and between them the left column's lines, then the right column's. A table (figures on the right side, or
    cells set apart by wide gaps) is never taken for a column.
    """
    lines = [line.rstrip() for line in layout.split("\n")]
    start = _gutter(lines)
    if start is None:
        return None
    sides = [_sides(line, start) for line in lines]
    two = [i for i, side in enumerate(sides) if side is not None and side[0] and side[1]]
    flat = " ".join(plain.split())
    run_together = sum(" ".join(f"{sides[i][0]} {sides[i][1]}".split()) in flat for i in two)
    if run_together * 2 < len(two):
        return None  # the plain text already reads the columns apart
    first, last = two[0], two[-1]
    out = lines[:first]
    left: list[str] = []
    right: list[str] = []
    for i in range(first, last + 1):
        side = sides[i]
        if side is None:  # a line across the gutter (a heading or table over both columns): the columns end
            out += _columns(left, right) + [lines[i]]
            left, right = [], []
            continue
        for column, text in zip((left, right), side):
            if text or (column and column[-1]):
                column.append(text)
    out += _columns(left, right) + lines[last + 1:]
    return "\n".join(out)


def _columns(left: list[str], right: list[str]) -> list[str]:
    """The left column's lines, a paragraph break, the right column's."""
    return left + [""] + right if left and right else left + right


_WIDE_GAP = re.compile(r"(?<=\S)\s{3,}(?=\S)")
_FIGURE = re.compile(r"[-−–(]?[\d.,]+\)?%?|[-–]")


def _gutter(lines: list[str], inner: bool = False) -> int | None:
    """Where a page's right column starts: of the columns where text most often resumes after a wide gap,
    the first that holds prose on both sides in at least four lines and two in five of the page's lines.

    Text columns are told from a table's columns by two more signs: the left column's lines mostly hold
    four words or more (a column of labels does not), and neither side has a gutter of its own (a goal table
    of three or four text columns does). `inner`: only look for a gutter, without these two checks.
    """
    resumes = Counter(m.end() for line in lines for m in _WIDE_GAP.finditer(line))
    filled = sum(1 for line in lines if line.strip())
    for start, _ in resumes.most_common(3):
        both = [line for line in lines if (side := _sides(line, start)) is not None and side[0] and side[1]
                and line[start - 1:start + 2].strip()]  # the right column's lines start at the gutter
        if len(both) < 4 or len(both) * 5 < filled * 2:
            continue
        if inner:
            return start
        words = sorted(len(line[:start - 1].split()) for line in both)
        if words[len(words) // 2] < 4:
            continue  # short labels on the left: a table of labels and texts
        indent = min(len(line) - len(line.lstrip()) for line in both)
        if _gutter([line[:start - 1] for line in both], inner=True) is not None \
                or _gutter([" " * indent + line[start - 1:] for line in both], inner=True) is not None:
            continue  # a table of three or more text columns
        return start
    return None


def _sides(line: str, start: int) -> tuple[str, str] | None:
    """(left, right) of a layout line cut at the gutter before column `start` (the right column may start a
    character early), spaces collapsed; None when text crosses the gutter or a side is no prose (mostly
    figures, or cells set apart by very wide gaps)."""
    cut = max(start - 1, 0)
    if line[max(cut - 2, 0):cut].strip():
        return None  # text runs into the gutter
    left, right = line[:cut], line[cut:]
    for part in (left.strip(), right.strip()):
        tokens = part.split()
        if part and (re.search(r"\S {6,}\S", part) or sum(_FIGURE.fullmatch(t) is not None for t in tokens) * 2
                     >= len(tokens)):
            return None
    return " ".join(left.split()), " ".join(right.split())


def document_vocabulary(text: str) -> set[str]:
    """Lower-cased words of `text`, hyphenated compounds included ("kontrol-vejledere")."""
    return {w.lower() for w in _WORD.findall(text)}


# ----------------------------------------------------------------------------------------------- lines


def _clean_lines(raw: str, vocabulary: set[str] | None) -> list[str]:
    """Cleaned lines, with sentinel lines for page breaks ("\\f") and accepted page markers ("\\x1eN")."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = re.sub(r"\u00ad(?!\n)", "", text)  # soft hyphens inside lines are invisible
    text = _BR.sub("\n", text)
    text = _TAG.sub("", text)
    text = text.replace("\f", "\n\f\n")
    raw_lines = text.split("\n")
    margin = _aligned_margin(raw_lines)
    lines = [_clean_line(line, margin) for line in raw_lines]
    lines = _mark_pages(lines)
    vocab = document_vocabulary("\n".join(line for line in lines if not _is_sentinel(line)))
    if vocabulary:
        vocab |= {w.lower() for w in vocabulary}
    double_spaced = _is_double_spaced(lines)
    lines = _join_hyphens(lines, vocab)
    return _collapse_blank_lines(lines, double_spaced)


_ALIGNED = re.compile(r"\S {3,}\S")  # a run of 3+ spaces between words: columns set by spaces


def _aligned_margin(lines: list[str]) -> int | None:
    """The indentation all space-aligned lines share (ALIGNED RULE), or None when there are none."""
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if _ALIGNED.search(line)]
    return min(indents) if indents else None


def _clean_line(line: str, margin: int | None = None) -> str:
    """One line without trailing/leading spaces (tabs kept), bullets unified, private-use glyphs gone.

    ALIGNED RULE: a line whose words are set in columns by runs of spaces loses only the indentation
    all such lines share, so a row of cells without a label keeps its cells under their column heads.
    """
    if line == "\f":
        return line
    keep = margin is not None and _ALIGNED.search(line) is not None
    line = line.rstrip(_SPACE_CHARS)
    line = line[margin:] if keep else line.lstrip(" ")
    if not line.strip():
        return ""
    line = _PUA_BULLET.sub("• ", line)
    return _PUA.sub("", line).rstrip(" ")


def _is_sentinel(line: str) -> bool:
    return line[:1] in (_BREAK, _MARK)


def _mark_pages(lines: list[str]) -> list[str]:
    """Replace page-marker lines that continue a consistent "N/M" sequence by marker sentinels."""
    out: list[str] = []
    last: tuple[int, int] | None = None
    for line in lines:
        m = _MARKER.match(line.strip())
        if m:
            n, total = (int(g) for g in (m.group(1, 2) if m.group(1) else m.group(3, 4)))
            if 1 <= n <= total and (last is None or (total == last[1] and n > last[0])):
                out.append(f"{_MARK}{n}")
                last = (n, total)
                continue
        out.append(line)
    return out


def _is_double_spaced(lines: list[str]) -> bool:
    """True when wrapped prose lines are continued after one blank line far more often than directly."""
    direct = after_blank = 0
    for i, line in enumerate(lines):
        if len(line) < 40 or _is_sentinel(line) or "\t" in line or _PROSE_END.search(line):
            continue
        if i + 1 < len(lines) and lines[i + 1][:1].islower():
            direct += 1
        elif i + 2 < len(lines) and lines[i + 1] == "" and lines[i + 2][:1].islower():
            after_blank += 1
    return after_blank >= 3 and after_blank > 2 * direct


def _join_hyphens(lines: list[str], vocab: set[str]) -> list[str]:
    """Join hyphenated line ends (HYPHEN RULE), bridging blank lines and page breaks before lowercase.

    Page sentinels between the two halves follow the joined line; blank lines between them disappear.
    """
    out: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        i += 1
        carried: list[str] = []
        while not _is_sentinel(line) and "\t" not in line:
            first = _word_before_hyphen(line)
            if not first:
                break
            j = i
            while j < n and (lines[j] == "" or _is_sentinel(lines[j])):
                j += 1
            if j >= n or "\t" in lines[j]:
                break
            joint = _hyphen_joint(first, line[-1], lines[j], vocab, bridged=j > i)
            if joint is None:
                break
            carried.extend(s for s in lines[i:j] if _is_sentinel(s))
            line = line[:-1] + joint + lines[j]
            i = j + 1
        out.append(line)
        out.extend(carried)
    return out


def _word_before_hyphen(line: str) -> str:
    """The word a line-end hyphen follows ("AMU-kur" in "fx AMU-kur-"), or "" when it is no such hyphen.

    Scans backwards (lines can be long); the character before the hyphen must be a letter.
    """
    if len(line) < 2 or line[-1] not in _HYPHENS or not line[-2].isalpha():
        return ""
    k = len(line) - 2
    while k >= 0 and (line[k].isalnum() or line[k] == "_" or (line[k] in "-\u2010" and line[k + 1].isalnum())):
        k -= 1
    word = line[k + 1 : -1]
    while word[:1] in ("-", "\u2010"):
        word = word[1:]
    return word


def _hyphen_joint(first: str, hyphen: str, nxt: str, vocab: set[str], bridged: bool) -> str | None:
    """What goes between the two halves (see `hyphen_joint`); None = no join.

    Across a blank line or a page break only a lowercase continuation is joined.
    """
    m = _WORD.match(nxt)
    if not m:
        return None
    second = m.group(0)
    if bridged and not second[0].islower():
        return None
    return hyphen_joint(first, second, vocab, soft=hyphen == "\u00ad")

def _collapse_blank_lines(lines: list[str], double_spaced: bool) -> list[str]:
    """BLANK LINE RULE; blank lines next to page sentinels are dropped (pages get their own separator)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i] != "" and not _is_sentinel(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and (lines[j] == "" or _is_sentinel(lines[j])):
            j += 1
        run = lines[i:j]
        sentinels = [s for s in run if _is_sentinel(s)]
        if sentinels:
            out.extend(sentinels)
        elif not double_spaced and out and j < len(lines) and _is_cell(lines[j]) and _is_cell_or_label(out[-1]):
            out.extend(run)  # CELL RULE: blank lines among one-per-line table cells are empty cells
        elif len(run) >= (2 if double_spaced else 1) and out and j < len(lines):
            out.append("")
        i = j
    return out


_CELL = re.compile(r"^[-−–]?(?:\d{1,3}(?:\.\d{3})+|\d{1,3})(?:,\d+)?\*?$|^[-–—]$")


def _is_cell(line: str) -> bool:
    """A line that is one table cell: an amount ("5.800", "-1,25") or "-"."""
    return _CELL.match(line.strip()) is not None


def _is_cell_or_label(line: str) -> bool:
    """A cell, or a short line without sentence punctuation ("Anlæg", "Overførsler mv."): what stands
    before the first cell of a one-per-line table row."""
    s = line.strip()
    return _is_cell(s) or (0 < len(s.split()) <= 3 and s[-1] not in ",;:!?" and not _is_sentinel(s))


# ----------------------------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class _Segment:
    """Text between two sentinels, and the sentinel that ends it ("" at the end of the text)."""

    text: str
    end: str


def _assemble(lines: list[str]) -> list[_Segment]:
    """Split cleaned lines at sentinels into segments (text stripped of edge blank lines)."""
    segments: list[_Segment] = []
    current: list[str] = []
    for line in lines:
        if _is_sentinel(line):
            segments.append(_Segment("\n".join(current).strip("\n"), line))
            current = []
        else:
            current.append(line)
    segments.append(_Segment("\n".join(current).strip("\n"), ""))
    return segments


def _labels_from_pages(segments: list[_Segment], numbers: list[int]) -> list[int]:
    """Page numbers of the segments of a multi-page document: page breaks advance, markers do not."""
    labels: list[int] = []
    page = 0
    for seg in segments:
        labels.append(numbers[min(page, len(numbers) - 1)])
        if seg.end == _BREAK:
            page += 1
    return labels


def _labels_from_breaks(segments: list[_Segment]) -> list[int]:
    """Form feeds are page breaks: pages 1, 2, 3 ... in order."""
    labels: list[int] = []
    page = 1
    for seg in segments:
        labels.append(page)
        if seg.end == _BREAK:
            page += 1
    return labels


def _labels_from_markers(segments: list[_Segment]) -> list[int]:
    """PAGE MARKER RULE: a segment ending with marker N is page N; the segment after the last is N+1."""
    labels: list[int] = []
    last = 0
    for seg in segments:
        if seg.end.startswith(_MARK):
            last = int(seg.end[1:])
            labels.append(last)
        else:
            labels.append(last + 1 if last else 1)
    return labels


def _with_page_starts(segments: list[_Segment], labels: list[int]) -> NormalizedText:
    """Join the non-empty segments; page p starts where the first text labelled >= p starts."""
    parts: list[str] = []
    starts: list[tuple[int, int]] = []  # (label, offset) of non-empty segments
    offset = 0
    for seg, label in zip(segments, labels):
        if not seg.text:
            continue
        if parts:
            offset += len(PAGE_SEPARATOR)
        starts.append((label, offset))
        parts.append(seg.text)
        offset += len(seg.text)
    text = PAGE_SEPARATOR.join(parts)
    last_page = max((label for label, _ in starts), default=1)
    page_starts = tuple(
        next((off for label, off in starts if label >= page), len(text)) for page in range(1, last_page + 1)
    )
    return NormalizedText(text=text, page_starts=page_starts or (0,))


def _join_pages(segments: list[_Segment], labels: list[int], pages: tuple[Page, ...]) -> NormalizedText:
    """A multi-page document: every page's text (empty ones too) joined by PAGE_SEPARATOR."""
    texts: dict[int, list[str]] = {p.number: [] for p in pages}
    for seg, label in zip(segments, labels):
        if seg.text:
            texts[label].append(seg.text)
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    offset = 0
    for i, page in enumerate(pages):
        if i:
            offset += len(PAGE_SEPARATOR)
        part = PAGE_SEPARATOR.join(texts.pop(page.number, []))
        starts.append((page.number, offset))
        parts.append(part)
        offset += len(part)
    text = PAGE_SEPARATOR.join(parts)
    last_page = max(p.number for p in pages)
    page_starts = tuple(
        next((off for label, off in starts if label >= page), len(text)) for page in range(1, last_page + 1)
    )
    return NormalizedText(text=text, page_starts=page_starts)
