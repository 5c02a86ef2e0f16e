"""The answer's words, in Danish or English: phrases, citations, and the lines of a composed answer.

Each line that states a figure comes with the evidence it copies it from (table cells or a sentence),
so the figure check can hold every answer to its sources.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from budgetarkiv.answer.model import Fact, Programme, ScenarioOut
from budgetarkiv.core.models import Amount
from budgetarkiv.core.names import document_name
from budgetarkiv.core.numbers import format_danish_number
from budgetarkiv.search.hybrid import Hit

PHRASES: dict[str, dict[str, str]] = {
    "da": {
        "none": "Arkivet indeholder ikke et svar på spørgsmålet. Nærmeste passager er vist nedenfor.",
        "list": "Arkivet har {n} budgetnotat(er), der svarer på spørgsmålet:",
        "per_year": "{v} om året i {period}",
        "total": "i alt",
        "page": "s.",
        "proposal": "Forslaget",
        "versions": "{n} versioner af notatet findes; tallene er fra den nyeste ({newest}).",
        "versions_older": "{n} versioner af notatet findes; tallene er fra den ældre version, der blev spurgt om "
                          "({newest}).",
        "earlier": "Tidligere afsat",
        "in_text": "I teksten",
        "no_figures": "De fundne notater har ingen budgettabel med beløb for dette.",
        "nearest": "Se de fundne passager nedenfor.",
        "also": "Også relevant",
        "outside": "Arkivet indeholder ikke et svar på spørgsmålet: budgettabellerne i {notes} dækker {covered} og har "
                   "ingen beløb for {years}.",
        "not_in_note": "Arkivet indeholder ikke et svar på spørgsmålet: {notes} nævner ikke {missing}. Nærmeste passager er "
                       "vist nedenfor.",
        "or": "eller",
        "sum": "I alt {years}",
        "sum_yearly": "I alt om året i {years}",
        "sum_levels": "Beløb i forskellige prisniveauer eller enheder lægges ikke sammen; summen står pr. prisniveau.",
        "level_unstated": "prisniveau ikke angivet i aftalen",
        "agreement_chose": "Aftalen valgte {alternative}{notes}.",
        "price_level": "Prisniveau",
        "not_added": "Ikke lagt til (årligt eller omtrentligt beløb)",
        "periods_differ": "Bemærk: beløbene dækker forskellige perioder ({periods}); summen er ikke én periodes.",
        "other_years": "Arkivet indeholder ikke et svar på spørgsmålet: de fundne tal gælder {stated}, ikke {asked}.",
        "no_agreement": "Arkivet indeholder ikke den budgetaftale, spørgsmålet nævner, og de fundne notater nævner den "
                        "ikke; et budgetnotats beløb er forvaltningens forslag, ikke det, aftalen gav. Nærmeste "
                        "passager er vist nedenfor.",
        "not_yearly": "Arkivet indeholder ikke et svar på spørgsmålet: de fundne beløb gælder {stated} samlet, ikke et "
                      "enkelt år. Nærmeste passager er vist nedenfor.",
        "difference": "Forskel",
        "highest": "Højest: {name} ({value})",
        "lowest": "Lavest: {name} ({value})",
        "saves_most": "Sparer mest: {name} ({value})",
        "not_comparable": "Beløbene står i forskellige prisniveauer eller enheder ({a} og {b}); forskellen regnes ikke "
                          "ud, da de ikke kan sammenlignes direkte.",
        "no_amount": "intet beløb i {year}",
        "whole": "hele forslaget",
        "signed": "Svaret er underskrevet af",
        "same_note_id": "Notater med id {note_id}:",
        "named": "Notatet nævner {n}: {names}.",
    },
    "en": {
        "none": "The archive holds no answer to this question. The nearest passages are shown below.",
        "list": "The archive has {n} budget note(s) that answer the question:",
        "per_year": "{v} a year in {period}",
        "total": "total",
        "page": "p.",
        "proposal": "The proposal",
        "versions": "{n} versions of the note exist; the figures are from the newest ({newest}).",
        "versions_older": "{n} versions of the note exist; the figures are from the older version asked about "
                          "({newest}).",
        "earlier": "Granted earlier",
        "in_text": "In the text",
        "no_figures": "The notes found have no budget table with amounts for this.",
        "nearest": "See the passages found below.",
        "also": "Also relevant",
        "outside": "The archive holds no answer to this question: the budget tables of {notes} cover {covered} and hold "
                   "no amounts for {years}.",
        "not_in_note": "The archive holds no answer to this question: {notes} does not mention {missing}. The nearest "
                       "passages are shown below.",
        "or": "or",
        "sum": "Total {years}",
        "sum_yearly": "Total a year in {years}",
        "sum_levels": "Amounts of different price levels or units are not added; the sum is given per price level.",
        "level_unstated": "price level not stated in the agreement",
        "agreement_chose": "The agreement chose {alternative}{notes}.",
        "price_level": "Price level",
        "not_added": "Not added (a yearly or approximate amount)",
        "periods_differ": "Note: the amounts cover different periods ({periods}); the sum is not one period's.",
        "other_years": "The archive holds no answer to this question: the figures found are for {stated}, not {asked}.",
        "no_agreement": "The archive does not hold the budget agreement the question names, and the notes found do not "
                        "mention it; a budget note's amounts are the administration's proposal, not what the agreement "
                        "granted. The nearest passages are shown below.",
        "not_yearly": "The archive holds no answer to this question: the amounts found are for {stated} together, not "
                      "for a single year. The nearest passages are shown below.",
        "difference": "Difference",
        "highest": "Highest: {name} ({value})",
        "lowest": "Lowest: {name} ({value})",
        "saves_most": "Saves most: {name} ({value})",
        "not_comparable": "The amounts are at different price levels or units ({a} and {b}); no difference is "
                          "computed, as they cannot be compared directly.",
        "no_amount": "no amount in {year}",
        "whole": "the whole proposal",
        "signed": "The reply is signed by",
        "same_note_id": "Notes with id {note_id}:",
        "named": "The note names {n}: {names}.",
    },
}


def phrase(lang: str, key: str, **values) -> str:
    text = PHRASES[lang][key]
    return text.format(**values) if values else text


def listing(lang: str, items: Sequence[str]) -> str:
    """«a», «b» eller «c»."""
    quoted = [f"«{i}»" for i in items]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {PHRASES[lang]['or']} {quoted[-1]}"


def note_name(note_id: str | None, title: str | None, year: int | None, source: str | None = None) -> str:
    return document_name(note_id, title, year, source=source)


def where(lang: str, note_id, title, year, section, page, source) -> str:
    """Where a sentence stands: note and budget year (or the file), section, page."""
    parts = [document_name(note_id, title, year, source=source, short=True)]
    if section:
        parts.append(section)
    if page:
        parts.append(f"{PHRASES[lang]['page']} {page}")
    return ", ".join(parts)


def fact_where(lang: str, f: Fact) -> str:
    return where(lang, f.note_id, f.title, f.budget_year, f.section, f.page, f.source)


def period(amounts: Mapping[str, Amount]) -> str:
    years = sorted(amounts)
    return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"


def scenario_line(lang: str, s: ScenarioOut, activity: bool = False, years: Sequence[int] = (),
                  whole: bool = False, total_only: bool = False, per_year: bool = False) -> tuple[str, str]:
    """One scenario's cost (or one activity row) as a sentence, and the table cells it cites.

    With `years` (asked in the question) only those columns are shown: another year's amount beside them
    would read as the answer (the cited cells still hold the whole row). With `whole` (the year asked is
    the note's own budget year, so "i 2018" may mean "Budget 2018") the whole proposal follows them. With
    `total_only` ("i alt i perioden") the period's total alone, when the years asked are the whole row."""
    t = PHRASES[lang]
    # a scenario with its heading ("Scenarie 3 – Fuld udbygning"): which one it is, in the note's words
    titled = f"{s.name} – {s.title}" if s.name and s.title and s.title.lower() not in s.name.lower() else s.name
    name = (f"{s.row_label} ({titled})" if s.name else s.row_label) if activity else (titled or t["proposal"])
    head = ", ".join(x for x in (s.unit, s.price_level) if x)
    values = list(s.amounts.values())
    if len(values) > 1 and all(v == values[0] for v in values):
        amount = t["per_year"].format(v=format_danish_number(values[0]), period=period(s.amounts))
    else:
        amount = ", ".join(f"{y}: {format_danish_number(v)}" for y, v in s.amounts.items())
    total = f", {t['total']} {format_danish_number(s.total)}" if s.total is not None else ""
    asked = [str(y) for y in years]
    if asked and set(asked) != set(s.amounts) and (set(asked) & set(s.amounts) or len(asked) == 1):
        chosen = ", ".join(f"{y}: {format_danish_number(s.amounts[y])}" if y in s.amounts
                           else t["no_amount"].format(year=y) for y in asked)
        amount, total = (f"{chosen} ({t['whole']}: {amount}{total})" if whole else chosen), ""
    if per_year:
        total = ""  # "hvad koster det om året": the yearly amounts; their total would read as a year's
    if total_only and s.total is not None and (not asked or set(asked) >= set(s.amounts)):
        amount, total = f"{t['total']} {period(s.amounts)}: {format_danish_number(s.total)}", ""
    page = f", {t['page']} {s.page}" if s.page else ""
    cells = " ".join(f"{y} {format_danish_number(v)}" for y, v in s.amounts.items())
    cited = f"{s.table} {head} {s.row_label} {s.title or ''} {cells} {format_danish_number(s.total) if s.total is not None else ''} {s.page or ''}"
    return f"{name}: {amount}{total} ({head}) [{s.table}{page}]", cited




def _years_of(label: str) -> list[int]:
    """The years a term's label ends with: "2026" → [2026], "2026-2029" → [2026, ..., 2029]."""
    m = re.fullmatch(r"((?:19|20)\d\d)(?:-((?:19|20)\d\d))?", label.strip())
    if m is None:
        return []
    lo = int(m.group(1))
    return list(range(lo, int(m.group(2) or lo) + 1))


def year_span(years: Sequence[int]) -> str:
    ys = sorted(years)
    if not ys:
        return ""
    if len(ys) > 2 and ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}-{ys[-1]}"
    return ", ".join(map(str, ys))


class Draft:
    """An answer being written: its lines, and the evidence each figure in them is copied from."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.t = PHRASES[lang]
        self.lines: list[str] = []
        self.evidence: list[str] = []
        self.totals: list[tuple[Amount, str]] = []  # each sum's total and unit, as `sums` states them

    def add(self, line: str, cited: str | None = None) -> None:
        self.lines.append(line)
        if cited:
            self.evidence.append(cited)

    def programme(self, p: Programme, earlier: bool = True, heading: str | None = None, years: Sequence[int] = (),
                  whole: bool = False, total_only: bool = False, per_year: bool = False) -> None:
        """A note's name, then its scenarios, activity rows, earlier grants and versions (with `years`, those
        columns; `whole`: the whole proposal after them)."""
        name = heading or note_name(p.note_id, p.title, p.budget_year, p.source)
        self.add(f"• {name}", f"{p.note_id} {p.title} Budget {p.budget_year} {Path(p.source).name}")
        for s in p.scenarios:
            if s.amounts or s.total is not None:
                line, cited = scenario_line(self.lang, s, years=years, whole=whole, total_only=total_only,
                                            per_year=per_year)
                self.add(f"  – {line}", cited)
        for a in p.activities:
            if a.amounts or a.total is not None:
                # (a row named in a year is asked by its column; the proposal's sum row, above, shows the whole)
                line, cited = scenario_line(self.lang, a, activity=True, years=years, whole=whole and not p.scenarios,
                                            total_only=total_only, per_year=per_year)
                self.add(f"  – {line}", cited)
        if earlier:
            for g in p.earlier_grants:
                if g.amounts or g.total is not None:
                    line, cited = scenario_line(self.lang, g, activity=True)
                    self.add(f"  – {self.t['earlier']}: {line}", cited)
        if len(p.versions) > 1:
            shown = next((v for v in p.versions if v.doc_id == p.doc_id), p.versions[0])
            key = "versions" if shown is p.versions[0] else "versions_older"
            name = shown.label or shown.name
            self.add("  " + self.t[key].format(n=len(p.versions), newest=name), name)

    def note(self, h: Hit) -> None:
        self.add(f"• {note_name(h.note_id, h.title, h.budget_year, h.source)}",
                 f"{h.note_id} {h.title} Budget {h.budget_year} {Path(h.source).name}")

    def quote(self, f: Fact, prefix: str | None = None) -> None:
        place = fact_where(self.lang, f)
        head = f"{prefix}: " if prefix else ""
        self.add(f"{head}«{f.text}» ({place})", f"{f.text} {place}")

    def also(self, hits: Sequence[Hit]) -> None:
        if hits:
            names = "; ".join(note_name(h.note_id, h.title, h.budget_year, h.source) for h in hits)
            self.add(f"{self.t['also']}: {names}",
                     " ".join(f"{h.note_id} {h.title} Budget {h.budget_year} {Path(h.source).name}" for h in hits))

    def sums(self, sums) -> None:
        """Each sum per unit and price level with every term and its table (headed by the years of its own
        terms); a note when levels differ."""
        from budgetarkiv.answer.costs import Sum

        for s in sums:
            assert isinstance(s, Sum)
            years = {y for t in s.terms for y in _years_of(t.label.rsplit(", ", 1)[-1])}
            yearly = all(t.yearly for t in s.terms)
            label = self.t["sum_yearly" if yearly else "sum"].format(years=year_span(sorted(years))).strip()
            terms = " + ".join(f"{format_danish_number(t.value)} ({t.label})" for t in s.terms)
            cited = " ".join(
                f"{t.table} {t.label} {format_danish_number(t.value)} {t.unit} {t.price_level} {t.written or ''}"
                for t in s.terms
            )
            total = format_danish_number(s.total)
            self.totals.append((s.total, s.unit))
            self.add(f"{label} ({s.unit}, {s.price_level}): {total} = {terms}",
                     f"{cited} sum: {' + '.join(format_danish_number(t.value) for t in s.terms)} = {total}")
            for t in s.terms:
                page = f", {self.t['page']} {t.page}" if t.page else ""
                written = f" (= {t.written})" if t.written else ""
                self.add(f"  – {t.label}: {format_danish_number(t.value)}{written} [{t.table}{page}]",
                         f"{t.table} {format_danish_number(t.value)} {t.written or ''} {t.page or ''}")
        if len(sums) > 1:
            self.add(self.t["sum_levels"])

    def amount(self, t) -> None:
        """One cited amount of a comparison."""
        page = f", {self.t['page']} {t.page}" if t.page else ""
        self.add(f"  – {t.label}: {format_danish_number(t.value)} ({t.unit}, {t.price_level}) [{t.table}{page}]",
                 f"{t.table} {t.label} {format_danish_number(t.value)} {t.unit} {t.price_level} {t.page or ''}")

    def comparison(self, a, b) -> None:
        """Two cited amounts and, when comparable, their difference."""
        from budgetarkiv.answer.costs import difference

        self.amount(a)
        self.amount(b)
        d = difference(a, b)
        if d is not None:
            text = f"{format_danish_number(b.value)} − {format_danish_number(a.value)} = {format_danish_number(d)}"
            self.add(f"  {self.t['difference']}: {text} ({a.unit}, {a.price_level})",
                     f"difference: {format_danish_number(b.value)} - {format_danish_number(a.value)} = {format_danish_number(d)}")
        else:
            self.add("  " + self.t["not_comparable"].format(a=f"{a.unit}, {a.price_level}", b=f"{b.unit}, {b.price_level}"),
                     f"{a.unit} {a.price_level} {b.unit} {b.price_level}")

    def chosen(self, t, which: str, saving: bool = False) -> None:
        """The one of two amounts a choice asks for ("billigst", "saves most"), named by its label."""
        key = "saves_most" if saving else "highest" if which == "max" else "lowest"
        name = t.label.rsplit(", ", 1)[0]
        self.add("  " + self.t[key].format(name=name, value=format_danish_number(t.value)),
                 f"{t.label} {format_danish_number(t.value)}")

    def text(self) -> tuple[str, tuple[str, ...]]:
        lines = self.lines or [self.t["nearest"]]
        return "\n".join(lines), tuple(self.evidence)
