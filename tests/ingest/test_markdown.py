"""Markdown notes keep their lines: headings and bold lose their marks, pipe tables become tab-separated rows."""
from __future__ import annotations

from budgetarkiv.ingest.markdown import markdown_to_text
from budgetarkiv.ingest.tables import extract_tables

NOTE = """**Budget 2031**

# KFF21 Ny skatepark

## Økonomi

| Aktiviteter (1.000 kr., 2031 p/l) | Styringsområde | 2031 | 2032 | I alt |
|---|---|---:|---:|---:|
| Anlæg af skatepark | Anlæg | 3.000 | | 3.000 |
| Drift | Service | | 200 | 200 |
| **Udgifter i alt (netto)** | | **3.000** | **200** | **3.200** |

Negative beløb er *mindreudgifter* og en \\| står som den er.
"""


def test_headings_bold_and_pipe_tables_become_plain_lines() -> None:
    lines = markdown_to_text(NOTE).split("\n")
    assert lines[:5] == ["Budget 2031", "", "KFF21 Ny skatepark", "", "Økonomi"]
    assert "Anlæg af skatepark\tAnlæg\t3.000\t\t3.000" in lines
    assert "Udgifter i alt (netto)\t\t3.000\t200\t3.200" in lines
    assert not any(set(line) <= set("|-: ") and line for line in lines)  # the |---| rule line is gone
    assert lines[-2] == "Negative beløb er *mindreudgifter* og en \\| står som den er."


def test_a_markdown_table_reads_with_its_empty_cells_in_place() -> None:
    (table,) = extract_tables(markdown_to_text(NOTE), 2031)
    assert [dict(r.amounts) for r in table.rows] == [{"2031": 3000}, {"2032": 200}, {"2031": 3000, "2032": 200}]
    assert table.unit == "1.000 kr." and table.checks_ok
