"""A note's figures for an answer: scenario costs, the activity rows and years asked about, earlier grants,
and the sums and comparisons built from them.

Everything is copied from table rows (`search.lookup`), in the table's unit and price level. A year in the
question selects that year's column. A sum adds only amounts of one unit and price level and names every
term; a comparison shows both amounts and their difference.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from budgetarkiv.answer.model import Programme, ScenarioOut
from budgetarkiv.answer.relevance import overlap
from budgetarkiv.core.models import Amount, ProseAmount, is_part_label
from budgetarkiv.core.numbers import UNIT_KRONER, format_danish_number, parse_danish_number
from budgetarkiv.core.scenarios import scenario_number
from budgetarkiv.core.text import years_in
from budgetarkiv.index.lexical import DanishAnalyzer
from budgetarkiv.index.store import Store
from budgetarkiv.search.hybrid import Hit
from budgetarkiv.search.lookup import RowQuery, RowRecord, ScenarioCost, earlier_grants, scenario_costs
from budgetarkiv.search.query import Query

# "hvilke aktiviteter ...", "what activities ...": the rows of a proposal's tables are asked for
# "lønnen til måltidsværterne", "the salaries of the hosts", "udgiften til evaluering": what the money pays for
_PAID_FOR = re.compile(r"\b(?:løn(?:nen|ninger|ningerne|udgift\w*)?|salar(?:y|ies)|wages?)\s+(?:til|for|of|to)\s+"
                       r"(?:the\s+|de\s+)?(?P<what>[^\W\d_]+)", re.IGNORECASE)
# "alle fem forslag", "all the proposals": every alternative of the note together
_EVERY = re.compile(r"\b(?:alle|samtlige|all|every|each)\b", re.IGNORECASE)
_ACTIVITIES = re.compile(r"\b(?:hvilke|which|what)\s+(?:aktivitet\w*|activit(?:y|ies))\b", re.IGNORECASE)
_TITLE_PARTS = re.compile(r"\s+(?:og|samt|and|&)\s+|,\s+")
_TITLE_HEAD = re.compile(r"^(?P<head>.+)\s+(?:på|til|for|af|med|ved|hos|i|on|of|in|at|to)\s+(?P<item>\S.*)$",
                         re.IGNORECASE)
_NET = re.compile(r"\b(net|netto\w*|nettoudgift\w*|nettobesparelse\w*)\b", re.IGNORECASE)
_SAVINGS = re.compile(r"\b(spar(?:e|er|es|et)?|besparel\w*|effektivis\w*|mindreudgift\w*|sav(?:e|es|ed|ing|ings))\b",
                      re.IGNORECASE)


# "the staff row", "personaleudgifterne": a row of staff is labelled by the staff's profession or as man-years
_STAFF = re.compile(r"\b(?:staff\w*|personnel|employees?|personale\w*|medarbejder\w*|ansatte)\b", re.IGNORECASE)
_PROFESSION = re.compile(r"(?:terapeut|plejersk|pædagog|konsulent|medarbejder|årsværk|lærer|rådgiver|vejleder|"
                         r"koordinator|psykolog|assistent|hjælper|personale|lønudgift|mentor)", re.IGNORECASE)


def staff_row(label: str, question: str) -> bool:
    """Whether a row is the staff the question asks about: a label naming professions or man-years
    ("Fysioterapeuter og sygeplejersker", "Naturvejledere (4 årsværk)") when the question says staff."""
    return bool(_STAFF.search(question) and _PROFESSION.search(label))


# Budget vocabulary → the words money-table rows use (steering areas, kinds of rows), for matching rows
ROW_TERMS = {
    "capital": "anlæg", "investment": "anlæg", "investments": "anlæg", "construction": "anlæg",
    "investering": "anlæg", "investeringen": "anlæg", "operating": "drift", "running": "drift", "operation": "drift",
    "operations": "drift", "income": "indtægt", "revenue": "indtægt", "revenues": "indtægt", "transfers": "overførsler",
    "one-off": "engangsudgift", "staff": "personale", "wages": "løn", "salaries": "løn",
}


@dataclass(frozen=True)
class Figures:
    """A programme as the answer shows it, and the years its money tables cover."""

    programme: Programme
    table_years: frozenset[int]  # years of the proposal's money tables
    all_years: frozenset[int] = frozenset()  # ... and of the money granted earlier


def figures(store: Store, analyzer: DanishAnalyzer, hit: Hit, wanted: set[str], query: Query,
            naming: set[str] | None = None, left_out: set[str] | None = None) -> Figures | None:
    """The costs per scenario of the version asked (the newest unless the draft is), the activity rows the question names, and earlier grants;
    restricted to the years and scenarios the question asks for. `naming`: the words that may name a
    scenario by its heading (`wanted` when not given); `left_out`: the words naming rows the question
    leaves out ("uden projektledelse"), with their translations."""
    if hit.doc_type != "budget_note":
        return None
    doc_id = hit.version_doc(query.version)
    rows = store.find_rows(RowQuery(doc_ids=[doc_id]))
    if not rows:
        return None
    first = rows[0]
    costs = scenario_costs(rows)
    # each scenario's heading and description, from the note's own text
    described = {s.get("name"): s for s in (store.note_json(doc_id) or {}).get("scenarios") or ()}
    # words of the note's own title say which note, not which row: rows are matched on the other words
    # (a compound part of a title word too: "ban" of "skøjtebane" names the note, not its "skøjtebane" row)
    # English budget vocabulary names the Danish steering areas and row kinds ("capital" rows are "Anlæg")
    wanted = set(wanted) | {t for w in query.subject if w in ROW_TERMS for t in analyzer.tokens(ROW_TERMS[w])}
    part = _one_part_named(first.note_title or "", analyzer, wanted, several=query.answer_type == "comparison")
    # (a title word holding a word of the part named is the part's: "plej" of "plejecentr" stays a question word)
    titled = {t for t in analyzer.tokens(f"{first.note_id or ''} {first.note_title or ''}") if not any(w in t for w in part)}
    wanted = {w for w in wanted if not any(w in t for t in titled)}
    naming = {w for w in (naming or wanted) if not any(w in t for t in titled)}
    summary = summary_of(costs)
    if query.scenarios:
        named = [c for c in costs if scenario_number(c.name) in query.scenarios]
        costs = named or costs
    elif by_id := ids_named(costs, query.text):
        costs = by_id  # a catalogue's proposals named by their ids ("KFF R3 eller KFF R4", "SOF-S03")
    elif summary and (query.says_total or _EVERY.search(query.text)) \
            and query.answer_type != "comparison":
        costs = [summary]  # "what does the catalogue save in total", "all five proposals": its summary table
    elif len(costs) > 1:
        # a scenario's heading, and its own name when that is a name ("Udvidet model", not "Scenarie 2"); a
        # catalogue's summary (no scenario beside named ones) by its table's title ("Samlet oversigt ...")
        catalogue = any(c.name and _CODE.fullmatch(c.name) for c in costs)
        titles = {c.name: set(analyzer.tokens(f"{(described.get(c.name) or {}).get('title') or ''} "
                                              f"{'' if scenario_number(c.name) else c.name or ''} "
                                              f"{c.table if c.name is None and catalogue else ''}"))
                  for c in costs}
        costs = described_best(costs, {
            c.name: titles[c.name] | set(analyzer.tokens((described.get(c.name) or {}).get("description") or ""))
            for c in costs}, naming, titles, count=2 if query.answer_type == "comparison" else 1,
            least=2 if catalogue else 1)  # one shared word does not pick a catalogue's proposal over the whole
    proposal = [r for r in rows if r not in earlier_grants(rows)]
    kinds: list[ScenarioCost] = []
    if len(costs) == 1:
        # anlæg and drift in a table each ("Tabel 2 – Anlægsudgifter", "Tabel 3 – Driftsudgifter"): the table
        # the question's words name ("operating cost") is the cost; several named are added up as parts
        costs, kinds = kind_tables(costs[0], proposal, query.text)

    def label(r: RowRecord) -> set[str]:
        return set(analyzer.tokens(f"{r.label} {r.styringsomraade or ''}"))

    activities = [row_out(r, described) for r in kinds]
    for cost in costs if not kinds else ():
        activities += [row_out(r, described) for r in named_rows(cost, proposal, label, wanted,
                                                                  lambda r: staff_row(r.label, query.text))]
    # rows the question names by words of their own (not the note's title): "hvad koster øvebussen" of a table
    # with the bus beside the rooms asks for the bus's row, not the proposal's sum; several named in a
    # comparison ("lavere priser eller færre aftaler") are compared with each other. A scenario named ("Løsning 2
    # for tandbussen", or by its heading's words) is what is asked: its sum answers, with the rows beside it
    # (a word of the scenario's heading names the scenario, not its row: "Søndagsåbent" of "Personale til søndagsåbning")
    title_words = set(analyzer.tokens(f"{first.note_title or ''} {costs[0].name or '' if len(costs) == 1 else ''} "
                                      f"{(described.get(costs[0].name) or {}).get('title') or '' if len(costs) == 1 else ''}"))
    rows_named = bool(activities) and not kinds and len(costs) == 1 and not query.says_total and not query.scenarios \
        and all(names(own_words(label(r), title_words), wanted) for c in costs for r in c.rows
                if not r.is_sum and row_out(r, described) in activities) \
        and len(activities) < len([r for r in costs[0].rows if not r.is_sum]) \
        and (query.answer_type == "amount" or query.answer_type == "comparison" and len(activities) >= 2)
    if _ACTIVITIES.search(query.text):
        # "which activities does the proposal fund": every row of its scenarios' tables is one
        activities = [row_out(r, described) for c in costs if len(c.rows) > 1 for r in c.rows]
    # the part the question names by what it pays for ("lønnen til måltidsværter": the row of the hosts, though
    # the title names them too) or as one part of an enumerating title ("care homes" of "Solceller på skoler og
    # plejecentre"): its rows answer alone, as the steering area's do
    paid = _PAID_FOR.search(query.text)
    paid_rows = [r for c in costs if len(c.rows) > 1 for r in c.rows
                 if paid and names(set(analyzer.tokens(r.label)), set(analyzer.tokens(paid.group("what"))))]
    if paid_rows and len(costs) == 1:
        activities = [row_out(r, described) for r in paid_rows]
    part_rows = [a for a in activities if part and names(set(analyzer.tokens(a.row_label)), part & wanted)]
    one_part = query.answer_type in ("amount", "comparison") and len(costs) == 1 and not query.asks and (
        bool(paid_rows) or bool(part_rows) and len(part_rows) == len(activities) or rows_named)
    of_area = area_rows([r for c in costs for r in c.rows], query)
    if of_area:
        # "anlægsudgiften", "serviceudgifterne", "capital": the rows of that steering area are the part asked;
        # the proposal's sum row (all areas) is not shown beside them
        activities = [row_out(r, described) for r in of_area]
    if asks_net(query.text) and not of_area and len(costs) == 1:
        # "the net total", "nettoudgiften": the proposal's sum row says it; a gross row named beside it
        # ("24 faste årsværk") would read as the answer
        activities = []
    if _SAVINGS.search(query.text) and not asks_net(query.text) and not (len(costs) == 1 and costs[0] is summary):
        # "hvor meget sparer ...": the rows of savings (negative amounts are savings) say it, not only the net sum
        activities += [row_out(r, described) for c in costs for r in c.rows
                       if r.amounts and all(v < 0 for v in r.amounts.values()) and row_out(r, described) not in activities]
    if query.gross or query.excluded and query.says_total:
        # "bruttoudgiften", "i alt uden projektledelse": the rows to add up, not the net sum row
        left_out = set(left_out or ()) | set(analyzer.tokens(query.excluded))
        activities = [row_out(r, described) for c in costs
                      for r in parts_asked(list(c.rows), lambda r: set(analyzer.tokens(f"{r.label} {r.styringsomraade or ''}")),
                                           wanted - left_out, left_out, query.gross)] or activities
    chosen = {a.name for a in activities}
    if len(costs) > 1 and activities and len(chosen) == 1 and not query.scenarios \
            and query.answer_type != "comparison":  # (a comparison keeps the scenarios it names)
        # the rows the question names belong to one scenario ("hvis man vælger dag og aften"): that one
        costs = [c for c in costs if c.name in chosen] or costs
    if not costs:
        # no sum row to cite (an efficiency proposal's "Økonomisk oversigt"): its first table, row by row
        first_table = [r for r in proposal if r.table_title == proposal[0].table_title] if proposal else []
        activities = [row_out(r) for r in first_table]
    earlier = query.earlier or query.answer_type == "history"
    grants = [r for r in earlier_grants(rows) if r.is_sum or earlier]
    if earlier:
        # the agreements themselves, not their sum row: each says which agreement granted what
        grants = [r for r in grants if not r.is_sum] or grants
        named_grants = [r for r in grants if set(analyzer.tokens(r.label)) & wanted or any(y in r.label for y in wanted)]
        grants = named_grants or grants
    grants_before = earlier_grants(rows)
    all_years = {int(y) for r in rows for y in r.amounts if y.isdigit()}
    table_years = {int(y) for r in rows if r not in grants_before for y in r.amounts if y.isdigit()}
    programme = Programme(
        note_id=first.note_id, budget_year=first.budget_year, title=first.note_title, source=first.source,
        doc_id=doc_id, scenarios=() if of_area or one_part and activities else tuple(scenario_out(s, described) for s in costs),
        earlier_grants=tuple(row_out(r) for r in grants), activities=tuple(activities),
        versions=hit.versions,
    )
    return Figures(programme, frozenset(table_years), frozenset(all_years))


def own_words(label: set[str], title: set[str]) -> set[str]:
    """A row label's words that are not the note's title's: "Personale til aftenåbning" of "Aftenåbne dagcentre"
    keeps "personal" (its "aftenåbning" shares the title's stem, and the compound's parts "aften", "åbning" go
    with it)."""
    of_title = {t for t in label if overlap({t}, title) or any(len(w) >= 5 and t.startswith(w) for w in title)}
    return {t for t in label - of_title if not any(t in w for w in of_title)}


def _tables(cost: ScenarioCost, rows: Sequence[RowRecord]) -> dict[str, list[RowRecord]]:
    """The money tables of a scenario (its own first), by title."""
    out: dict[str, list[RowRecord]] = {cost.table: []}
    for r in rows:
        if r.scenario == cost.name:
            out.setdefault(r.table_title, []).append(r)
    return out


# The kinds of money a note may put in a table each, by the words (prefixes) that name them in a table's title
# and in a question: construction apart from operation ("Tabel 2 – Anlægsudgifter", "Tabel 3 – Driftsudgifter")
MONEY_KINDS = {
    "anlæg": ("anlæg", "construction", "capital", "investering", "investment", "etablering"),
    "drift": ("drift", "operating", "operation", "running", "vedligehold", "maintenance"),
    "indtægt": ("indtægt", "income", "revenue"),
}


def money_kinds(text: str) -> set[str]:
    """The kinds of money a text names ("anlægsudgifterne", "operating cost" → anlæg, drift)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return {kind for kind, stems in MONEY_KINDS.items() if any(w.startswith(stems) for w in words)}


def kind_tables(cost: ScenarioCost, rows: Sequence[RowRecord], question: str) \
        -> tuple[list[ScenarioCost], list[RowRecord]]:
    """Of a proposal whose money stands in tables of different kinds with a sum row each (anlæg and drift
    apart), the table of the kind the question names ("driftsudgiften", "operating cost" → "Tabel 3 –
    Driftsudgifter") as the cost; when it names several ("anlæg og drift tilsammen"), their sum rows as the
    parts asked. Unchanged ([cost], []) when the note has no such tables or the question names no kind."""
    summed = {title: table for title, table in _tables(cost, rows).items() if any(r.is_sum for r in table)}
    kinds = {title: money_kinds(title) for title in summed}
    asked = money_kinds(question)
    if len(summed) < 2 or not asked or any(len(k) != 1 for k in kinds.values()) \
            or len({frozenset(k) for k in kinds.values()}) < 2:
        return [cost], []
    chosen = [title for title in summed if kinds[title] & asked]
    if not chosen:
        return [cost], []
    if len(chosen) >= 2:
        return [cost], [[r for r in summed[title] if r.is_sum][-1] for title in chosen]
    table = summed[chosen[0]]
    total = [r for r in table if r.is_sum][-1]
    return [ScenarioCost(cost.name, total.amounts, total.total, total.unit, total.price_level, total.table_title,
                         total.page, total.label, tuple(r for r in table if not r.is_sum))], []


def summary_of(costs: Sequence[ScenarioCost]) -> ScenarioCost | None:
    """The table summing a note's alternatives (a catalogue's "Samlet oversigt", no alternative of its own)
    beside two or more named ones; None when there is none."""
    unnamed = [c for c in costs if c.name is None]
    return unnamed[0] if len(unnamed) == 1 and len(costs) >= 3 else None


def named_rows(cost: ScenarioCost, rows: Sequence[RowRecord], label, wanted: set[str],
               also=lambda r: False) -> list[RowRecord]:
    """The rows of a scenario the question names (or `also` picks): of its own table, unless another of its
    tables (a breakdown by district, the drift table) has rows naming more of the question (the first such
    table). A word naming every row of a table ("construction" of a table of Anlæg rows) names none of them."""
    best: list[RowRecord] = []
    for title, table in _tables(cost, rows).items():
        if title != cost.table and money_kinds(title) and money_kinds(title) != money_kinds(cost.table):
            continue  # the drift table's rows are not parts of an anlæg cost
        table = list(cost.rows) if title == cost.table else [r for r in table if not r.is_sum]
        if len(table) < 2:
            continue
        every = {w for w in wanted if all(names(label(r), {w}) for r in table)}
        found = [r for r in table if names(label(r), wanted - every) or also(r)]
        if len(found) > len(best):
            best = found
    return best


def expenditure(r: RowRecord) -> bool:
    """A row of spending: no negative amount (a saving, lower transfers, income) and some amount above zero."""
    values = [*r.amounts.values(), *([r.total] if r.total is not None else [])]
    return bool(values) and all(v >= 0 for v in values) and any(v > 0 for v in values)


def parts_asked(rows: Sequence[RowRecord], label, wanted: set[str], left_out: set[str], gross: bool) \
        -> list[RowRecord]:
    """The rows of a table a sum asks for: with `gross` its expenditure rows (no savings); the rows the
    question names, else every row, but never a row `left_out` names ("uden projektledelse og rådgivning"), nor a
    "Heraf ..." row (a share of the row above, already in it)."""
    rows = [r for r in rows if not r.is_sum and not is_part_label(r.label) and (not gross or expenditure(r))]
    kept = [r for r in rows if not (left_out and names(label(r), left_out))]
    if not gross and len(kept) == len(rows):
        return []  # the words left out name no row ("borgere uden job"): no rows to add up
    named = [r for r in kept if names(label(r), wanted)]
    return named if named and len(named) < len(kept) else kept


def _one_part_named(title: str, analyzer: DanishAnalyzer, wanted: set[str], several: bool = False) -> set[str]:
    """The words of the one part of an enumerating title ("Nye faglokaler til naturfag og madkundskab") that the
    question names: they name a row of the note (its "Nye madkundskabslokaler"), not only the note. With
    `several` (a comparison of the parts), the words of every part named."""
    # (a part of letters alone, "Model A, B og C", names alternatives, not parts of the subject)
    texts = _TITLE_PARTS.split(title)
    # the first part's words before its last preposition are every part's head ("Solceller på | kommunens skoler
    # og plejecentre"): they name the note, not one part
    head = _TITLE_HEAD.match(texts[0]) if len(texts) > 1 else None
    if head:
        texts[0] = head["item"]
    parts = [words for p in texts if (words := set(analyzer.tokens(p)))
             and any(len(w) >= 3 for w in words)]
    if len(parts) < 2:
        return set()
    own = [part - set().union(*(q for q in parts if q is not part)) for part in parts]
    named = [words for words in own if words & wanted]
    if len(named) == 1 or several and len(named) >= 2:
        return set().union(*named) & wanted
    return set()


def asks_net(question: str) -> bool:
    """ "the net total", "nettoudgiften": the proposal's sum row is the answer, not a gross row."""
    return bool(_NET.search(question))


def area_rows(rows: Sequence[RowRecord], query: Query) -> list[RowRecord]:
    """The rows of the steering area(s) a question word names ("anlægsudgiften" → Anlæg, "capital" →
    Anlæg); none when no word names one, or every row is of the areas named (the sum row says it then)."""
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", query.text)}
    words |= {ROW_TERMS[w] for w in words if w in ROW_TERMS}
    areas = {r.styringsomraade for r in rows if r.styringsomraade}
    asked = {a for a in areas if any(w.startswith(a.lower()) for w in words)}
    chosen = [r for r in rows if r.styringsomraade in asked]
    return chosen if asked and len(chosen) < len(rows) else []


def names(label: set[str], wanted: set[str]) -> bool:
    """Whether a row label (or a scenario's text) names one of the question's words: a shared stem, a
    6-letter prefix, or a stem of 5+ letters that starts the other ("plant" ~ "plantning")."""
    if overlap(label, wanted):
        return True
    return any(len(w) >= 5 and t.startswith(w) for w in wanted for t in label)


_CODE = re.compile(r"[A-ZÆØÅ]{2,5}[ -]?[A-ZÆØÅ]{0,2}\d{1,3}[a-z]?")


def ids_named(costs: Sequence[ScenarioCost], question: str) -> list[ScenarioCost]:
    """The scenarios named by an id ("KFF R3", "SOF-S03": a catalogue's proposals) that the question writes,
    spaces and hyphens aside."""
    def compact(text: str) -> str:
        return re.sub(r"[ -]", "", text).upper()

    asked = {compact(m.group(0)) for m in _CODE.finditer(question)}
    return [c for c in costs if c.name and _CODE.fullmatch(c.name) and compact(c.name) in asked]


def described_best(costs: Sequence[ScenarioCost], texts: Mapping[str | None, set[str]], wanted: set[str],
                   titles: Mapping[str | None, set[str]] | None = None, count: int = 1, least: int = 1) -> list:
    """The one scenario whose heading and description name more of the question's words than every other
    ("open on Sundays" → the Sunday scenario); all of them when none stands out. A scenario whose heading
    alone names a question word ("det udvidede scenarie" → "Scenarie 2 – Udvidet") is chosen first: words
    of the subject recur in every scenario's description. `count`: that many scenarios (a comparison of two
    scenarios named by their headings). `least`: the words a scenario must name to stand out."""
    for candidates, loose in (((titles or {}), True), (texts, False)):
        chosen = _most_named(costs, candidates, wanted, loose, count, least)
        if chosen:
            return chosen
    return list(costs)


def _most_named(costs: Sequence[ScenarioCost], texts: Mapping[str | None, set[str]], wanted: set[str],
                loose: bool = False, count: int = 1, least: int = 1) -> list:
    """The `count` scenarios whose texts name the most question words, if they stand out; `loose`: a heading's
    stem of 5+ letters that starts a question word names it too (the stemmer leaves "udvidede" as "udvided",
    "Udvidet" as "udvid")."""
    def named(label: set[str], w: str) -> bool:
        return names(label, {w}) or loose and any(len(t) >= 5 and w.startswith(t) for t in label)

    hits = {c.name: sum(named(texts.get(c.name) or set(), w) for w in wanted) for c in costs}
    ranked = sorted(hits.values(), reverse=True)
    if len(ranked) <= count or ranked[count - 1] < least or ranked[count - 1] == ranked[count]:
        return []
    return [c for c in costs if hits[c.name] >= ranked[count - 1]]


def in_years(p: Programme, years: Sequence[int]) -> Programme:
    """The programme with only the asked years' columns (the period total dropped when a part is asked)."""
    def cut(s: ScenarioOut) -> ScenarioOut:
        kept = {y: v for y, v in s.amounts.items() if y.isdigit() and int(y) in years}
        whole = set(kept) == set(s.amounts)
        return dataclasses.replace(s, amounts=kept, total=s.total if whole else None)

    return dataclasses.replace(
        p, scenarios=tuple(cut(s) for s in p.scenarios), activities=tuple(cut(a) for a in p.activities),
        earlier_grants=tuple(cut(g) for g in p.earlier_grants),
    )


def scenario_out(s: ScenarioCost, described: Mapping[str | None, Mapping] | None = None) -> ScenarioOut:
    """A scenario's cost without its activity rows (the answer cites the sum row), with its heading."""
    found = (described or {}).get(s.name) if s.name else None
    return dataclasses.replace(s, amounts=dict(s.amounts), rows=(), title=found.get("title") if found else None,
                               description=found.get("description") if found else None)


def row_out(r: RowRecord, described: Mapping[str | None, Mapping] | None = None) -> ScenarioOut:
    """One table row (an activity, an earlier grant) in the shape of a scenario's cost."""
    cost = ScenarioCost(r.scenario, dict(r.amounts), r.total, r.unit, r.price_level, r.table_title, r.page, r.label)
    return scenario_out(cost, described)


@dataclass(frozen=True)
class Term:
    """One cited amount in a sum or comparison."""

    label: str  # "BI18 Scenarie 1, 2026"
    value: Amount
    unit: str
    price_level: str
    table: str
    page: int | None
    written: str | None = None  # the amount as its table writes it, when converted to another unit ("3,8 mio. kr.")
    yearly: bool = False  # the amount of each year of its span ("480 om året i 2026-2029")
    parts: tuple[Term, ...] = ()  # a sum's terms, when the amount is their sum (shown and cited before it)


@dataclass(frozen=True)
class Sum:
    unit: str
    price_level: str
    terms: tuple[Term, ...]

    @property
    def total(self) -> Amount:
        return _clean(sum(t.value for t in self.terms), any(isinstance(t.value, float) for t in self.terms))


def terms_of(p: Programme, s: ScenarioOut, prefix: str = "") -> list[Term]:
    """A scenario's or a row's amounts as terms, each labelled by note, scenario and (a row's) label."""
    row = s.row_label if any(s is a for a in p.activities) else None
    name = " ".join(x for x in (prefix or p.note_id, s.name, row) if x)
    return [
        Term(f"{name}, {y}", v, s.unit or "?", s.price_level or "ukendt p/l", s.table, s.page)
        for y, v in s.amounts.items()
    ]


def period_terms(p: Programme, s: ScenarioOut, per_year: bool = False) -> list[Term]:
    """A scenario's or row's amounts as the terms of a sum: year by year (a row's own total would read as the
    answer beside the sum); with `per_year` ("om året") its yearly amount when that is the same every year;
    its "I alt" cell when its table gives no year's amount."""
    values = list(s.amounts.values())
    if per_year and len(values) > 1 and len(set(values)) == 1:
        return [dataclasses.replace(t, label=t.label.rsplit(", ", 1)[0] + f", {_span(s.amounts)}", yearly=True)
                for t in terms_of(p, s)[:1]]
    if s.total is not None and not values:
        row = s.row_label if any(s is a for a in p.activities) else None
        name = " ".join(x for x in (p.note_id, s.name, row) if x)
        span = _span(s.amounts)
        return [Term(f"{name}, {span}" if span else name, s.total, s.unit or "?", s.price_level or "ukendt p/l", s.table,
                     s.page)]
    return terms_of(p, s)


def period_term(p: Programme, s: ScenarioOut, total_word: str) -> Term | None:
    """A scenario's amount over the years it shows, as one term: its "I alt" cell when it shows every year of
    its table, else the sum of the years shown (its terms kept as `parts`, to be cited); None without amounts."""
    row = s.row_label if any(s is a for a in p.activities) else None
    name = " ".join(x for x in (p.note_id, s.name, row) if x)
    if s.total is not None:
        return Term(f"{name}, {total_word} {_span(s.amounts)}".strip(), s.total, s.unit or "?",
                    s.price_level or "ukendt p/l", s.table, s.page)
    terms = terms_of(p, s)
    if not terms:
        return None
    if len(terms) == 1:
        return terms[0]
    total = sums(terms)[0]
    return Term(f"{name}, {total_word} {_span(s.amounts)}", total.total, total.unit, total.price_level, s.table,
                s.page, parts=tuple(terms))


def chosen(a: Term, b: Term, which: str, saving: bool = False) -> Term | None:
    """Of two comparable amounts, the one a choice asks for: the larger ("max") or smaller ("min"); of savings
    (both amounts negative), the one saving most is the more negative. None when not comparable or equal."""
    if difference(a, b) is None or a.value == b.value:
        return None
    if saving and a.value <= 0 and b.value <= 0:
        which = "min" if which == "max" else "max"
    larger = a if a.value > b.value else b
    return larger if which == "max" else (b if larger is a else a)


def _span(amounts: Mapping[str, Amount]) -> str:
    years = sorted(y for y in amounts if y.isdigit())
    return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}" if years else ""


def sums(terms: Sequence[Term]) -> list[Sum]:
    """One sum per price level: amounts of different price levels are never added. Within a price level,
    amounts in different known units (mio. kr. and 1.000 kr.) are added in the smallest of them, each
    converted term showing the amount as its table writes it (an exact scaling, nothing rounded)."""
    groups: dict[tuple[str, str], list[Term]] = {}
    for t in terms:
        groups.setdefault((t.unit, t.price_level), []).append(t)
    by_level: dict[str, list[str]] = {}
    for unit, level in groups:
        by_level.setdefault(level, []).append(unit)
    for level, units in by_level.items():
        known = [u for u in units if u in UNIT_KRONER]  # (an unknown unit stays apart)
        if len(known) < 2:
            continue
        target = min(known, key=UNIT_KRONER.__getitem__)
        merged = [t if t.unit == target else _converted(t, target) for u in known for t in groups.pop((u, level))]
        groups[(target, level)] = merged
    return [Sum(unit, level, tuple(ts)) for (unit, level), ts in groups.items()]


def _converted(t: Term, unit: str) -> Term:
    value = _clean(t.value * UNIT_KRONER[t.unit] / UNIT_KRONER[unit])
    return dataclasses.replace(t, value=value, unit=unit, written=f"{format_danish_number(t.value)} {t.unit}")


def difference(a: Term, b: Term) -> Amount | None:
    """b - a when both are in one unit and price level, else None (not comparable as numbers)."""
    if (a.unit, a.price_level) != (b.unit, b.price_level):
        return None
    return _clean(b.value - a.value, isinstance(a.value, float) or isinstance(b.value, float))


def _clean(v: float, decimal: bool = False) -> Amount:
    """A computed amount: an int when whole, unless its terms are written with decimals (3,8 + 1,2 is shown
    as 5,0, as a mio. kr. table would print it)."""
    v = round(v, 6)
    if decimal:
        return float(v)
    return int(v) if float(v).is_integer() else v


_STATED_LEVEL = re.compile(r"\b((?:19|20)\d\d)\s*p/l\b|\bløbende p/l\b", re.IGNORECASE)
_APPROXIMATE = re.compile(r"(?:ca\.|cirka|omkring|knap|godt|op til|over|under)\s", re.IGNORECASE)
_WRITTEN = re.compile(r"(?P<number>\d[\d.]*(?:,\d+)?)\s*(?P<scale>mio\.?|mia\.?|mill\.?|millioner|million|milliarder|"
                      r"milliard)?\s*(?:kr\.?|kroner)", re.IGNORECASE)


@dataclass(frozen=True)
class Stated:
    """An amount a note states in a sentence, as a term of a sum, with its sentence."""

    term: Term
    sentence: str


def written_amount(written: str) -> tuple[Amount, str] | None:
    """ "27,2 mio. kr." → (27.2, "mio. kr."); "600.000 kr." → (600000, "kr."); None for another shape."""
    m = _WRITTEN.search(written)
    value = parse_danish_number(m.group("number")) if m else None
    if m is None or value is None:
        return None
    scale = (m.group("scale") or "").lower()
    unit = "mia. kr." if scale.startswith(("mia", "milliard")) else "mio. kr." if scale else "kr."
    return value, unit


def stated_term(amounts: Sequence[ProseAmount], year: int, name: str) -> Stated | None:
    """The amount a note without a money table states for `year` ("Udgiften er en engangsudgift på 0,8 mio. kr.
    i 2026 i 2026 p/l."): a sentence naming that year and no other, with its price level; approximate amounts
    ("ca. 350.000 kr.") never count. None when no sentence says it, or sentences state different amounts."""
    found: dict[tuple, Stated] = {}
    for a in amounts:
        level = _STATED_LEVEL.search(a.sentence)
        read = written_amount(a.text)
        if level is None or read is None or _APPROXIMATE.match(a.text) or years_in(a.sentence) != {year}:
            continue
        value, unit = read
        price_level = f"{level.group(1)} p/l" if level.group(1) else "løbende p/l"
        term = Term(f"{name}, {year}", value, unit, price_level, a.section or "", a.page)
        found.setdefault((value, unit, price_level), Stated(term, a.sentence))
    return next(iter(found.values())) if len(found) == 1 else None
