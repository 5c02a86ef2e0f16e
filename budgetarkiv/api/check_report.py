"""`budgetarkiv check` as a readable report: per document its findings, then a count per kind (rich)."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from budgetarkiv.ingest.check import KINDS, CheckReport, DocumentCheck

_LEVEL_STYLE = {"gap": "bold red", "note": "yellow"}
_LEVEL_WORD = {"gap": "hul", "note": "obs"}


def _head(doc: DocumentCheck) -> str:
    if doc.doc_type is None:
        return f"[bold]{doc.source}[/bold]  [red](ikke læst)[/red]"
    what = " ".join(str(x) for x in (doc.note_id, doc.title) if x) or "(intet id eller titel)"
    year = f", Budget {doc.budget_year}" if doc.budget_year else ""
    return (f"[bold]{doc.source}[/bold]  [dim]{doc.doc_type}{year}, {doc.money_tables} pengetabel(ler) af "
            f"{doc.tables}[/dim]\n  {what}")


def print_report(report: CheckReport, show_all: bool = False, console: Console | None = None) -> None:
    console = console or Console(highlight=False, soft_wrap=True)
    for doc in report.documents:
        if not doc.findings and not show_all:
            continue
        console.print(_head(doc), markup=True)
        for f in doc.findings:
            where = f" [{f.table}]" if f.table else ""
            console.print(f"  [{_LEVEL_STYLE[f.level]}]{_LEVEL_WORD[f.level]}[/] {f.kind}{where}: ", end="")
            console.print(f.message, markup=False)
        if not doc.findings:
            console.print("  [green]ingen fund[/green]")
    summary = Table(title="Fund pr. slags", show_lines=False)
    summary.add_column("slags")
    summary.add_column("niveau")
    summary.add_column("antal", justify="right")
    summary.add_column("betyder")
    for kind, count in report.counts.items():
        level, meaning = KINDS[kind]
        summary.add_row(kind, _LEVEL_WORD[level], str(count), meaning)
    console.print()
    if report.counts:
        console.print(summary)
    console.print(f"{len(report.documents)} dokumenter kontrolleret; {report.documents_with_gaps} med mulige huller "
                  f"(hul), {sum(report.counts.values())} fund i alt.")
