"""Questions → cited answers: route by what is asked, look up figures in the tables, quote sentences.

Extractive and deterministic: every figure in the answer text is copied from a table cell or a sentence
of a cited document, with its unit and price level. When retrieval finds nothing relevant enough, the
answer says so (`answered=False`) and shows the nearest passages instead of stretching them.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from budgetarkiv.core.models import Amount
from budgetarkiv.core.numbers import NUMBER_RE, format_danish_number
from budgetarkiv.core.text import sentence_bounds
from budgetarkiv.index.english import looks_english
from budgetarkiv.search.hybrid import Filters, Hit, Searcher
from budgetarkiv.search.lookup import RowQuery, RowRecord, ScenarioCost, earlier_grants, scenario_costs

_COST = re.compile(
    r"\b(koste\w*|pris\w*|dyr\w*|billig\w*|penge|beløb\w*|budget(?!notat)\w*|udgift\w*|afsat\w*|bevilg\w*|bevilling\w*|"
    r"mio|kr|finansier\w*|cost\w*|price\w*|money|spen[dt]\w*|fund\w*|budget\w*|grant\w*|how much)\b",
    re.IGNORECASE,
)
_LIST = re.compile(
    r"\b(hvilke|hvilken|which|what programmes|what programs|list)\b", re.IGNORECASE
)
_FACT = re.compile(
    r"\b(hvor mange|hvor stor\w*|hvem|hvornår|hvordan|hvad er|hvad var|hvilke resultat\w*|hvad viser|"
    r"how many|who|when|how|what is|what was|what were|results?)\b",
    re.IGNORECASE,
)
# Words every question uses: they say nothing about what is asked for, so they cannot make it relevant.
_GENERIC = frozenset(
    """hvad hvilke hvilken hvor hvem hvordan hvornår mange meget stor koster koste kostede kost pris penge beløb
    budget budgettet budgetnotat notat notater indsats indsatser indsatsen programmer program projekt år året
    årligt om pr per i alt samlet samlede der er var blev bliver har have den det de en et og eller til af på
    for med som fra ved ikke kan skal vil findes gives gik bruges brugt kommunen københavns københavn
    ny nye nyt gammel gamle andre anden alle hele stort store større over under mellem mere mest noget nogen
    sat sætte givet gives får fik går gik været være findes fandtes
    it its this that these those they them their be been being has have had can could will would should
    about from with into than then also any some all more most other
    what which who how much many does did do is are was were the a an of for to in on and or cost costs
    price money spend spent programme programmes program programs project per year annual total there
    city copenhagen municipality""".split()
)
_EARLIER_Q = re.compile(
    r"budgetaftale|tidligere|afsat|bevilget|fik\b|blev der|granted|previous|earlier|received", re.IGNORECASE
)
ScenarioOut = ScenarioCost  # what an answer shows of a scenario, an activity or an earlier grant
MAX_PROGRAMMES = 4
MAX_FACTS = 4
RELATIVE_SCORE = 0.5  # a note is relevant when its best passage scores at least this share of the best


@dataclass(frozen=True)
class Programme:
    note_id: str | None
    budget_year: int | None
    title: str | None
    source: str
    doc_id: str
    scenarios: tuple[ScenarioOut, ...]
    earlier_grants: tuple[ScenarioOut, ...] = ()  # "Tidligere afsatte midler", løbende p/l
    activities: tuple[ScenarioOut, ...] = ()  # rows of the overview tables that the question names
    versions: tuple[str, ...] = ()  # sources of all versions, newest first


@dataclass(frozen=True)
class Fact:
    text: str  # the sentence that answers
    passage: str  # the passage it stands in
    highlight: tuple[int, int]  # the sentence's offsets in `passage`
    source: str
    doc_id: str
    note_id: str | None
    budget_year: int | None
    title: str | None
    section: str | None
    page: int | None


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    answer: str
    intents: tuple[str, ...]
    language: str
    programmes: tuple[Programme, ...] = ()
    facts: tuple[Fact, ...] = ()
    sources: tuple[Hit, ...] = ()
    evidence: tuple[str, ...] = field(default=())  # the cited cells and sentences, for checking figures
    written_by: str = "extractive"  # or "llm" when the optional writer's text passed the figure check


def route(question: str) -> tuple[str, ...]:
    """What the question asks for; a question can ask several things at once."""
    intents = []
    if _LIST.search(question) and not re.search(r"\bhvilke resultat", question, re.IGNORECASE):
        intents.append("list")
    if _COST.search(question):
        intents.append("cost")
    if _FACT.search(question) or not intents:
        intents.append("fact")
    return tuple(intents)


class Answerer:
    def __init__(self, searcher: Searcher, writer=None) -> None:
        self.searcher = searcher
        if writer is None and searcher.settings.llm_url:
            from budgetarkiv.answer.writer import LLMWriter

            writer = LLMWriter(searcher.settings.llm_url, searcher.settings.llm_model)
        self.writer = writer
        self.min_coverage = {"da": searcher.settings.min_coverage_da, "en": searcher.settings.min_coverage_en}

    def ask(self, question: str, filters: Filters | None = None, k: int = 10) -> Answer:
        english = looks_english(question)
        lang = "en" if english else "da"
        intents = route(question)
        hits = self.searcher.search(question, k=k, filters=filters)
        coverage = self.coverage(question, hits[:3])
        if not hits or coverage < self.min_coverage[lang]:
            return Answer(
                question=question, answered=False, intents=intents, language=lang, sources=tuple(hits[:5]),
                answer=_T[lang]["none"],
            )
        notes = self._relevant_notes(hits)
        wanted = set(self.content_tokens(question))
        earlier = bool(_EARLIER_Q.search(question))
        programmes = tuple(p for p in (self._programme(h, wanted, earlier) for h in notes) if p is not None)
        facts = self._facts(question, hits, intents)
        text, evidence = self._compose(lang, intents, programmes, facts, notes)
        written_by = "extractive"
        if self.writer is not None:
            rewritten = self.writer.write(question, text, [*evidence, *(f.passage for f in facts)])
            if rewritten:
                text, written_by = rewritten, "llm"
        return Answer(
            question=question, answered=True, answer=text, intents=intents, language=lang, written_by=written_by,
            programmes=programmes if ("cost" in intents or "list" in intents) else (),
            facts=facts, sources=tuple(hits[:5]), evidence=evidence,
        )

    # --- relevance ----------------------------------------------------------------------------
    def coverage(self, question: str, hits: Sequence[Hit]) -> float:
        """Share of the question's own words (not question words) found in the best passages.

        A calibrated relevance test: ranks alone cannot tell "the best of nothing relevant" from an
        answer. A word counts as found when its stem, a compound part or (for English) one of its Danish
        translations occurs. English words the bridge cannot translate say nothing and are skipped;
        an unknown Danish word ("svømmehal") counts as missing: the archive does not speak of it.
        """
        analyzer = self.searcher.lexical.analyzer
        bridge = self.searcher.lexical.bridge
        english = looks_english(question)
        generic = self._generic_stems()
        have: set[str] = set()
        for h in hits:
            have |= set(analyzer.tokens(f"{h.title or ''} {h.section or ''} {h.text}"))
        found = total = 0
        for w in dict.fromkeys(analyzer.words(question)):
            if w in _GENERIC or w.isdigit() or len(w) < 3:
                continue
            options = set(analyzer.tokens(w)) - generic
            if english and bridge is not None:
                translated = {t for da in bridge.translate(w) for t in analyzer.tokens(da)} - generic
                if not translated and not (options & self.searcher.lexical.vocabulary):
                    continue
                options |= translated
            if not options:
                continue
            total += 1
            found += bool(options & have)
        if total == 0:
            return 1.0 if hits else 0.0
        return found / total

    def content_tokens(self, question: str) -> list[str]:
        analyzer = self.searcher.lexical.analyzer
        generic = self._generic_stems()
        words = [w for w in analyzer.words(question) if w not in _GENERIC and not w.isdigit()]
        return [t for t in dict.fromkeys(t for w in words for t in analyzer.query_tokens(w)) if t not in generic]

    def _generic_stems(self) -> set[str]:
        analyzer = self.searcher.lexical.analyzer
        return {t for w in _GENERIC for t in analyzer.tokens(w)}

    def _relevant_notes(self, hits: Sequence[Hit]) -> list[Hit]:
        """The best hit of each note (versions count as one note) that scores near the best."""
        best: dict[tuple, Hit] = {}
        for h in hits:
            key = (h.budget_year, (h.note_id or "").upper()) if h.note_id else (h.doc_id,)
            if key not in best:
                best[key] = h
        top = hits[0].score
        return [h for h in best.values() if h.score >= RELATIVE_SCORE * top][:MAX_PROGRAMMES]

    # --- figures ------------------------------------------------------------------------------
    def _programme(self, hit: Hit, wanted: set[str], earlier: bool) -> Programme | None:
        if hit.doc_type != "budget_note":
            return None
        doc_id = hit.versions[0].doc_id if hit.versions else hit.doc_id  # the newest version
        rows = self.searcher.store.find_rows(RowQuery(doc_ids=[doc_id]))
        if not rows:
            return None
        first = rows[0]
        costs = scenario_costs(rows)
        analyzer = self.searcher.lexical.analyzer
        activities = []
        for cost in costs:
            for r in cost.rows:
                label = set(analyzer.tokens(f"{r.label} {r.styringsomraade or ''}"))
                if len(cost.rows) > 1 and _overlap(label, wanted):
                    activities.append(_row_out(r))
        grants = [r for r in earlier_grants(rows) if r.is_sum or earlier]
        if earlier:
            named = [r for r in grants if set(analyzer.tokens(r.label)) & wanted or any(y in r.label for y in wanted)]
            grants = named or grants
        return Programme(
            note_id=first.note_id, budget_year=first.budget_year, title=first.note_title, source=first.source,
            doc_id=doc_id, scenarios=tuple(_scenario_out(s) for s in costs),
            earlier_grants=tuple(_row_out(r) for r in grants), activities=tuple(activities),
            versions=tuple(v.source for v in hit.versions),
        )

    # --- sentences ----------------------------------------------------------------------------
    def _facts(self, question: str, hits: Sequence[Hit], intents: Sequence[str]) -> tuple[Fact, ...]:
        analyzer = self.searcher.lexical.analyzer
        wanted = set(self.content_tokens(question)) or set(analyzer.query_tokens(question))
        wants_number = bool(re.search(r"hvor mange|hvor stor|hvor meget|how many|how much|pct|procent|percent",
                                      question, re.IGNORECASE)) or "cost" in intents
        scored: list[tuple[float, int, Fact]] = []
        for rank, h in enumerate(hits[:6]):
            if h.kind == "table":
                continue
            spans = _sentence_spans(h.text)
            for i, (start, end) in enumerate(spans):
                sentence = h.text[start:end]
                tokens = set(analyzer.tokens(sentence))
                overlap = _overlap(tokens, wanted)
                if overlap == 0:
                    continue
                if wants_number and not _KRONER.search(sentence) and i + 1 < len(spans):
                    # "... er steget. Der er tale om stigning på 400.000 kr. pr. år": the amount often
                    # stands in the sentence right after the one that matches the question
                    nxt_start, nxt_end = spans[i + 1]
                    if _KRONER.search(h.text[nxt_start:nxt_end]) and len(h.text[nxt_start:nxt_end].split()) <= 25:
                        end = nxt_end
                        sentence = h.text[start:end]
                value = overlap + (0.5 if wants_number and NUMBER_RE.search(sentence) else 0) - 0.15 * rank
                if "cost" in intents and _KRONER.search(sentence):
                    value += 1.0
                scored.append((value, rank, Fact(
                    text=sentence, passage=h.text, highlight=(start, end), source=h.source, doc_id=h.doc_id,
                    note_id=h.note_id, budget_year=h.budget_year, title=h.title, section=h.section, page=h.page,
                )))
        scored.sort(key=lambda x: (-x[0], x[1]))
        out: list[Fact] = []
        for _, _, fact in scored:
            if all(fact.text != f.text for f in out):
                out.append(fact)
            if len(out) >= MAX_FACTS:
                break
        return tuple(out)

    # --- text ---------------------------------------------------------------------------------
    def _compose(
        self, lang: str, intents: Sequence[str], programmes: Sequence[Programme], facts: Sequence[Fact],
        notes: Sequence[Hit],
    ) -> tuple[str, tuple[str, ...]]:
        t = _T[lang]
        lines: list[str] = []
        evidence: list[str] = []
        if "list" in intents or "cost" in intents:
            named = [h for h in notes if h.doc_type == "budget_note"]
            if "list" in intents and named:
                lines.append(t["list"].format(n=len(named)))
            for h in named:
                prog = next((p for p in programmes if p.note_id == h.note_id and p.budget_year == h.budget_year), None)
                lines.append(f"• {_note_name(h.note_id, h.title, h.budget_year)}")
                evidence.append(f"{h.note_id} {h.title} Budget {h.budget_year}")
                if prog is None or "cost" not in intents and "list" not in intents:
                    continue
                for s in prog.scenarios:
                    line, cited = _scenario_line(t, s)
                    lines.append(f"  – {line}")
                    evidence.append(cited)
                for a in prog.activities:
                    line, cited = _scenario_line(t, a, activity=True)
                    lines.append(f"  – {line}")
                    evidence.append(cited)
                for g in prog.earlier_grants:
                    line, cited = _scenario_line(t, g, activity=True)
                    lines.append(f"  – {t['earlier']}: {line}")
                    evidence.append(cited)
                if len(prog.versions) > 1:
                    lines.append("  " + t["versions"].format(n=len(prog.versions), newest=Path(prog.versions[0]).name))
                    evidence.append(Path(prog.versions[0]).name)
            if "cost" in intents and not any(p.scenarios for p in programmes):
                money = [f for f in facts if re.search(r"kr\.", f.text)]
                if not money:
                    lines.append(t["no_figures"])
        if "fact" in intents or ("cost" in intents and not any(p.scenarios for p in programmes)):
            for f in facts[: (3 if "fact" in intents else 2)]:
                where = _where(t, f.note_id, f.title, f.budget_year, f.section, f.page, f.source)
                lines.append(f"«{f.text}» ({where})")
                evidence.append(f"{f.text} {where}")
        elif "cost" in intents:
            # the tables give the proposal's amounts; an amount the text states (an increase, a share)
            # may be what was asked: quote the best sentence with kroner in it
            money = next((f for f in facts if _KRONER.search(f.text)), None)
            if money is not None:
                where = _where(t, money.note_id, money.title, money.budget_year, money.section, money.page, money.source)
                lines.append(f"{t['in_text']}: «{money.text}» ({where})")
                evidence.append(f"{money.text} {where}")
        if not lines:
            lines.append(t["nearest"])
        return "\n".join(lines), tuple(evidence)


_KRONER = re.compile(r"\bkr\.|\bmio\.|\bmia\.")


def _overlap(a: set[str], b: set[str]) -> int:
    """Shared stems; stems of 6+ letters also match on a 6-letter prefix (koordinerende ~ koordinering)."""
    exact = a & b
    prefixes = {t[:6] for t in b if len(t) >= 6} - {t[:6] for t in exact}
    return len(exact) + sum(1 for t in a - exact if len(t) >= 6 and t[:6] in prefixes)


def _note_name(note_id: str | None, title: str | None, year: int | None) -> str:
    head = " ".join(x for x in (note_id, title) if x) or "Dokument"
    return f"{head} (Budget {year})" if year else head


def _where(t: dict, note_id, title, year, section, page, source) -> str:
    parts = [" ".join(x for x in (note_id, f"Budget {year}" if year else None) if x) or Path(source).name]
    if section:
        parts.append(section)
    if page:
        parts.append(f"{t['page']} {page}")
    return ", ".join(parts)


def _period(amounts: Mapping[str, Amount]) -> str:
    years = sorted(amounts)
    return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"


def _scenario_line(t: dict, s: ScenarioOut, activity: bool = False) -> tuple[str, str]:
    """One scenario's cost (or one activity row) as a sentence, and the table cells it cites."""
    name = (f"{s.row_label} ({s.name})" if s.name else s.row_label) if activity else (s.name or t["proposal"])
    head = ", ".join(x for x in (s.unit, s.price_level) if x)
    values = list(s.amounts.values())
    if values and all(v == values[0] for v in values):
        amount = t["per_year"].format(v=format_danish_number(values[0]), period=_period(s.amounts))
    else:
        amount = ", ".join(f"{y}: {format_danish_number(v)}" for y, v in s.amounts.items())
    total = f", {t['total']} {format_danish_number(s.total)}" if s.total is not None else ""
    page = f", {t['page']} {s.page}" if s.page else ""
    cells = " ".join(f"{y} {format_danish_number(v)}" for y, v in s.amounts.items())
    cited = f"{s.table} {head} {s.row_label} {cells} {format_danish_number(s.total) if s.total is not None else ''} {s.page or ''}"
    return f"{name}: {amount}{total} ({head}) [{s.table}{page}]", cited


def _scenario_out(s: ScenarioCost) -> ScenarioOut:
    """A scenario's cost without its activity rows: the answer cites the sum row."""
    return dataclasses.replace(s, amounts=dict(s.amounts), rows=())


def _row_out(r: RowRecord) -> ScenarioOut:
    """One table row (an activity, an earlier grant) in the shape of a scenario's cost."""
    return ScenarioCost(r.scenario, dict(r.amounts), r.total, r.unit, r.price_level, r.table_title, r.page, r.label)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of a passage as offsets, by the same rules that cut prose amounts' sentences."""
    bounds = sentence_bounds(text)
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if len(text[a:b].split()) >= 3:
            spans.append((a, b))
    return spans


_T: dict[str, dict[str, str]] = {
    "da": {
        "none": "Arkivet indeholder ikke et svar på spørgsmålet. Nærmeste passager er vist nedenfor.",
        "list": "Arkivet har {n} budgetnotat(er), der svarer på spørgsmålet:",
        "per_year": "{v} om året i {period}",
        "total": "i alt",
        "page": "s.",
        "proposal": "Forslaget",
        "versions": "{n} versioner af notatet findes; tallene er fra den nyeste ({newest}).",
        "earlier": "Tidligere afsat",
        "in_text": "I teksten",
        "no_figures": "De fundne notater har ingen budgettabel med beløb for dette.",
        "nearest": "Se de fundne passager nedenfor.",
    },
    "en": {
        "none": "The archive holds no answer to this question. The nearest passages are shown below.",
        "list": "The archive has {n} budget note(s) that answer the question:",
        "per_year": "{v} a year in {period}",
        "total": "total",
        "page": "p.",
        "proposal": "The proposal",
        "versions": "{n} versions of the note exist; the figures are from the newest ({newest}).",
        "earlier": "Granted earlier",
        "in_text": "In the text",
        "no_figures": "The notes found have no budget table with amounts for this.",
        "nearest": "See the passages found below.",
    },
}
