"""A synthetic archive for benchmarks: the sample notes varied into as many documents as needed.

    from benchmarks.synthetic import make_archive, docs_for_chunks
    files = make_archive(Path("/tmp/arkiv"), n_docs=500, seed=0)

Every generated file is one of the five sample documents in `corpus/` (taken in turn) with
- another budget year (2015-2030): every year in the text is shifted by the same number of years, so
  "Budget 2024", "2024 p/l", the year columns and periods like "2024-27" stay consistent;
- another note id (BI1..BI99, SOU1.., BUU.., KFU.., ...) replacing the note's own id everywhere;
- other amounts: every table row of amounts in the document is multiplied by one factor chosen so all
  amounts stay whole numbers (the row totals and "i alt" rows still add up), written back in Danish
  format ("4.400"); prose amounts "3,5 mio. kr." are scaled by the same factor;
- small word substitutions (synonyms) so texts differ.

Deterministic for a given (n_docs, seed): document i depends only on (seed, i). Each document is unique
(an exact copy would be skipped by the indexer). The sample documents give about 19 chunks each: use
`chunks_per_doc_estimate()` / `docs_for_chunks(target)` to hit a chunk count.
"""
from __future__ import annotations

import hashlib
import random
import re
from fractions import Fraction
from functools import cache
from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "corpus"

NOTE_PREFIXES = ("BI", "SOU", "BUU", "KFU", "SUF", "TMU", "ØKF")
YEARS = range(2015, 2031)

# (word, replacements): applied to whole words, each occurrence with probability _SUB_P.
_SUBSTITUTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("indsatsen", ("initiativet", "projektet", "tilbuddet")),
    ("indsats", ("aktivitet", "initiativ")),
    ("borgere", ("personer", "deltagere", "københavnere")),
    ("borgerne", ("personerne", "deltagerne")),
    ("målgruppen", ("gruppen", "de berørte")),
    ("udsatte", ("sårbare", "belastede")),
    ("medarbejder", ("konsulent", "ansat")),
    ("væsentligt", ("vigtigt", "centralt")),
    ("samarbejde", ("partnerskab", "dialog")),
    ("resultater", ("effekter", "udfald")),
    ("foreslås", ("anbefales", "indstilles")),
    ("styrke", ("forbedre", "udbygge")),
    ("øget", ("større", "forstærket")),
    ("gode", ("positive", "solide")),
    ("ofte", ("typisk", "hyppigt")),
    ("Desuden", ("Derudover", "Endvidere")),
    ("hovedsageligt", ("primært", "overvejende")),
    ("afsættes", ("bevilges", "prioriteres")),
    ("midler", ("ressourcer", "penge")),
    ("deltagerne", ("kursisterne", "borgerne")),
    ("arbejdsmarkedet", ("jobmarkedet",)),
    ("uddannelse", ("uddannelse", "efteruddannelse")),
    ("vurderes", ("skønnes", "forventes")),
    ("Formålet", ("Målet", "Hensigten")),
    ("særligt", ("især", "navnlig")),
)
_SUB_P = 0.35
_SUB_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w, _ in _SUBSTITUTIONS) + r")\b")
_SUB_MAP = dict(_SUBSTITUTIONS)

# A year: 1990-2049 not inside a number ("2.020", "35.2024"); optionally "-YY" ("2024-27").
_YEAR_RE = re.compile(r"(?<![\d.,/])((?:199|20[0-4])\d)(?:-(\d{2}))?(?![\d]|[.,]\d)")
_AMOUNT_TOKEN_RE = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)(\*?)$")
_MIO_RE = re.compile(r"(?<![\d.,])(\d+(?:,\d+)?)(\s+mio\.)")
_NOTE_ID_RE = re.compile(r"^[ \t]*([A-ZÆØÅ]{2,4}\d{1,3}[a-z]?)(?![\w/.,])", re.MULTILINE)
_HEAD_YEAR_RE = re.compile(r"^[ \t]*Budget(?:forslag)?[ \t]+(\d{4})[ \t]*$", re.MULTILINE | re.IGNORECASE)
_PRICE_YEAR_RE = re.compile(r"(?<!\d)(\d{4})\s*p/[l1]\b")
_TOKEN_SPLIT = re.compile(r"(\s+)")


def sample_files() -> list[Path]:
    files = sorted(p for p in SAMPLE_DIR.glob("*.txt") if not p.name.upper().startswith("README"))
    if not files:
        raise FileNotFoundError(f"No sample documents in {SAMPLE_DIR}")
    return files


@cache
def _samples() -> tuple[tuple[str, str], ...]:
    return tuple((p.stem, p.read_text(encoding="utf-8")) for p in sample_files())


def _is_year(token: str) -> bool:
    return token.isdigit() and len(token) == 4 and 1990 <= int(token) <= 2049


def _base_year(text: str) -> int:
    for rx in (_HEAD_YEAR_RE, _PRICE_YEAR_RE, _YEAR_RE):
        m = rx.search(text)
        if m:
            return int(m.group(1))
    return 2024


def _note_id(text: str) -> str | None:
    m = _NOTE_ID_RE.search(text[:600])
    return m.group(1) if m else None


def parse_danish_int(token: str) -> int:
    return int(token.replace(".", ""))


def format_danish_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _amount_rows(lines: list[str]) -> list[tuple[int, list[int]]]:
    """(line index, token indexes) of amounts in table rows: lines ending with two or more amounts, or only amounts."""
    rows = []
    for li, line in enumerate(lines):
        parts = _TOKEN_SPLIT.split(line)
        idx: list[int] = []
        for ti in range(len(parts) - 1, -1, -1):
            tok = parts[ti]
            if not tok or tok.isspace():
                continue
            if tok in {"-", "–"}:
                continue
            if _AMOUNT_TOKEN_RE.match(tok) and not _is_year(tok):
                idx.append(ti)
                continue
            break
        only_amounts = idx and all(not t or t.isspace() or t in {"-", "–"} for t in parts[:min(idx)])
        if len(idx) >= 2 or only_amounts:  # a row of amounts, or a cell of one split onto its own line
            rows.append((li, idx))
    return rows


def _scale_amounts(text: str, rng: random.Random) -> tuple[str, Fraction]:
    lines = text.split("\n")
    rows = _amount_rows(lines)
    values: list[int] = []
    split_lines = {li: _TOKEN_SPLIT.split(lines[li]) for li, _ in rows}
    for li, idx in rows:
        for ti in idx:
            values.append(parse_danish_int(_AMOUNT_TOKEN_RE.match(split_lines[li][ti]).group(1)))
    candidates = [Fraction(k, 20) for k in range(10, 61) if k != 20]
    ok = [f for f in candidates if all((v * f).denominator == 1 for v in values)]
    factor = rng.choice(ok) if ok else Fraction(rng.choice((2, 3)))
    for li, idx in rows:
        parts = split_lines[li]
        for ti in idx:
            m = _AMOUNT_TOKEN_RE.match(parts[ti])
            parts[ti] = format_danish_int(int(parse_danish_int(m.group(1)) * factor)) + m.group(2)
        lines[li] = "".join(parts)
    text = "\n".join(lines)

    def mio(m: re.Match) -> str:
        raw = m.group(1)
        decimals = max(1, len(raw.split(",")[1]) if "," in raw else 0)
        value = float(raw.replace(",", ".")) * float(factor)
        return f"{value:.{decimals}f}".replace(".", ",") + m.group(2)

    return _MIO_RE.sub(mio, text), factor


def _shift_years(text: str, delta: int) -> str:
    def shift(m: re.Match) -> str:
        start = int(m.group(1))
        out = str(start + delta)
        if m.group(2) is not None:
            end = (start // 100) * 100 + int(m.group(2))
            if end < start:
                end += 100
            out += f"-{(end + delta) % 100:02d}"
        return out

    return _YEAR_RE.sub(shift, text)


def _substitute_words(text: str, rng: random.Random) -> str:
    def sub(m: re.Match) -> str:
        if rng.random() >= _SUB_P:
            return m.group(0)
        return rng.choice(_SUB_MAP[m.group(1)])

    return _SUB_RE.sub(sub, text)


def vary_document(text: str, rng: random.Random) -> tuple[str, str | None, int]:
    """One variant of a sample document: (text, new note id or None, new budget year)."""
    base = _base_year(text)
    year = rng.choice(YEARS)
    old_id = _note_id(text)
    new_id = None
    text, _ = _scale_amounts(text, rng)
    text = _shift_years(text, year - base)
    if old_id:
        prefix = rng.choice(NOTE_PREFIXES)
        new_id = f"{prefix}{rng.randint(1, 99)}"
        text = re.sub(rf"(?<![\w]){re.escape(old_id)}(?![\w])", new_id, text)
    text = _substitute_words(text, rng)
    return text, new_id, year


def make_archive(dest: Path, n_docs: int, seed: int = 0) -> list[Path]:
    """Write n_docs varied sample documents into dest (created if needed); returns their paths in order.

    Document i is a variant of sample document i % 5 and depends only on (seed, i). Files are named
    `{i:06d}_{note id or 'brev'}_{year}.txt`; existing files of the same name are overwritten.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    samples = _samples()
    seen: set[str] = set()
    paths: list[Path] = []
    for i in range(n_docs):
        _, original = samples[i % len(samples)]
        for attempt in range(20):
            rng = random.Random(f"{seed}:{i}:{attempt}")
            text, note_id, year = vary_document(original, rng)
            if attempt >= 10:  # practically never: make it unique by a journal number
                text = text.rstrip("\n") + f"\n\nJournalnr. {year}-{i:07d}\n"
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest not in seen:
                break
        seen.add(digest)
        path = dest / f"{i:06d}_{note_id or 'brev'}_{year}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@cache
def chunks_per_doc_estimate(sample_docs: int = 20, seed: int = 0) -> float:
    """Average chunks per generated document (parsed and chunked like the indexer does; ~19)."""
    import tempfile

    from budgetarkiv.core.settings import Settings
    from budgetarkiv.ingest.chunking import chunk_note
    from budgetarkiv.ingest.notes import parse_note
    from budgetarkiv.ingest.readers import read_document

    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_archive(Path(tmp), sample_docs, seed)
        total = 0
        for p in paths:
            note = parse_note(read_document(p, int(settings.max_file_mb * 1_000_000)))
            total += len(chunk_note(note, settings.chunk_words))
    return total / len(paths)


def docs_for_chunks(target_chunks: int, seed: int = 0) -> int:
    """How many documents make about target_chunks chunks (a multiple of 5 keeps the mix even)."""
    per_doc = chunks_per_doc_estimate(seed=seed)
    n = max(1, round(target_chunks / per_doc))
    return max(5, round(n / 5) * 5) if n >= 5 else n


__all__ = ["make_archive", "chunks_per_doc_estimate", "docs_for_chunks", "vary_document", "sample_files"]
