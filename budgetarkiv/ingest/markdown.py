"""Markdown -> the plain text the parser reads: headings without "#", bold without "**", pipe tables as
tab-separated lines (the word-processor table shape `tables.py` reads).

Line by line on purpose: the note's head, headings and tables keep their own lines, which is what the
parser relies on; a full Markdown renderer would reflow them.
"""
from __future__ import annotations

import re

__all__ = ["markdown_to_text"]

_HEADING_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$")
_BOLD_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ROW_RE = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_RULE_CELL_RE = re.compile(r"^[ \t]*:?-{1,}:?[ \t]*$")
_PIPE_SPLIT_RE = re.compile(r"(?<!\\)\|")


def markdown_to_text(markdown: str) -> str:
    """The text of a Markdown document with its structure kept as lines (see the module docstring)."""
    out: list[str] = []
    for line in markdown.split("\n"):
        if _ROW_RE.match(line):
            cells = [c.strip() for c in _PIPE_SPLIT_RE.split(line.strip())[1:-1]]
            if cells and all(_RULE_CELL_RE.match(c) for c in cells):
                continue  # the |---|---:| line under a table's head
            out.append("\t".join(_inline(c).replace("\\|", "|") for c in cells))
            continue
        m = _HEADING_RE.match(line)
        out.append(_inline(m.group(1)) if m else _inline(line))
    return "\n".join(out)


def _inline(text: str) -> str:
    """Bold markers removed ("**450**" -> "450"); single "*" stays: it marks footnotes in budget tables."""
    return _BOLD_RE.sub(r"\2", text)
