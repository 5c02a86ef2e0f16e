"""Questions → cited answers: the orchestrator.

Analyse the question (`search.query`), correct a misspelt name and retrieve, check relevance
(`relevance`), find the note(s) in focus (`focus`), look up their figures for the years asked (`costs`),
pick the sentences that answer (`sentences`, `letters`) and word it by answer type (`wording`).
Extractive and deterministic: every figure in the answer text is copied from a table cell or a sentence
of a cited document, with its unit and price level; a sum or difference is shown with its cited terms.
When nothing relevant is found, or the year asked lies outside every table of the note in focus, the
answer says so (`answered=False`) and shows the nearest passages instead of stretching them.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from budgetarkiv.answer import agreements, costs, followups, table_lines, wording
from budgetarkiv.answer.clauses import count_terms, counted_noun, counted_nouns, counts_noun, figures, repeated_counts
from budgetarkiv.answer.contacts import Contacts
from budgetarkiv.answer.focus import MAX_NOTES, NoteInFocus, Speller, focus, respelt, wants_several
from budgetarkiv.answer.history import history_answer
from budgetarkiv.answer.letters import LINKED_BOOST, Letters
from budgetarkiv.answer.listing import (
    asks_names,
    asks_use,
    item_run_end,
    labels_named,
    list_noun,
    listed_items,
    part_asked,
)
from budgetarkiv.answer.minutes import Minutes
from budgetarkiv.answer.model import Answer, Fact, Programme, ScenarioOut, page_at
from budgetarkiv.answer.relevance import (
    Gap,
    Relevance,
    agreements_missing,
    alternatives_missing,
    codes_instead,
    codes_missing,
    note_key,
    number_words_missing,
    overlap,
    relevant_notes,
    siblings_instead,
    years_missing,
)
from budgetarkiv.answer.scenario_parts import built_on, recommended_in, scenario_clause, scenarios_named, scenarios_of
from budgetarkiv.answer.sentences import (
    KRONER,
    ONE_SENTENCE,
    SentencePicker,
    asks_named_column,
    carries_type,
    clause_years,
    fact_at,
    sentence_of,
)
from budgetarkiv.core.models import ProseAmount
from budgetarkiv.core.numbers import UNIT_KRONER, format_danish_number, parse_danish_number
from budgetarkiv.core.scenarios import SCENARIO_MENTION, scenario_number
from budgetarkiv.core.text import sentence_spans, years_in
from budgetarkiv.index.queries import RowQuery
from budgetarkiv.ingest.amounts import extract_prose_amounts
from budgetarkiv.search.history import HistoryPoint, find_history
from budgetarkiv.search.hybrid import Filters, Hit, Searcher
from budgetarkiv.search.query import Query, analyse, comparison_sides, proposal_words, route, subject_parts

_FIGURE_TYPES = ("amount", "sum", "comparison", "list", "history")
# a question about an agreement, minutes or a letter lists what that document says, not budget notes
_OTHER_DOCUMENT = re.compile(r"\b(\w*aftale\w*|agreements?|referat\w*|minutes|brev\w*|letters?|replies|reply)\b",
                             re.IGNORECASE)
_MONEY = re.compile(r"\d\s*(?:mio\.?|mia\.?|mill\.?|million\w*|billion\w*)?\s*(?:kr\b|kroner|DKK)|\b(?:kr\.?|DKK)\s*\d",
                    re.IGNORECASE)  # an amount of money in a quoted sentence: "6,0 mio. kr.", "500 kr.", "DKK 2 million"
_YEAR_AS_TIME = re.compile(r"\b(?:i|in|during|i løbet af)\s+(?:året\s+|the year\s+)?((?:19|20)\d\d)\b(?![-–]\d)",
                           re.IGNORECASE)  # "i 2024", "in 2024": the time a count or share was taken
_SAVES = re.compile(r"\b(?:spar\w*|besparel\w*|sav(?:e|es|ed|ing|ings))\b", re.IGNORECASE)
# "alle fem forslag", "all the proposals": a sum of every programme found, not one programme's rows
_EVERY = re.compile(r"\b(?:alle|samtlige|all|every|each)\b", re.IGNORECASE)
_STATEMENT_TYPES = ("count", "percent", "goal", "result", "person", "date")  # answered by a quoted sentence


class Answerer:
    def __init__(self, searcher: Searcher, writer=None) -> None:
        self.searcher = searcher
        if writer is None and searcher.settings.llm_url:
            from budgetarkiv.answer.writer import LLMWriter

            writer = LLMWriter(searcher.settings.llm_url, searcher.settings.llm_model)
        self.writer = writer
        self.relevance = Relevance(searcher.lexical)
        self.picker = SentencePicker(searcher, self.relevance)
        self.letters = Letters(searcher.store, self.relevance)
        self.minutes = Minutes(searcher.store, self.relevance)
        self.contacts = Contacts(searcher.store)
        self.table_lines = table_lines.TableLines(self.relevance)
        self.min_coverage = {"da": searcher.settings.min_coverage_da, "en": searcher.settings.min_coverage_en}

    @cached_property
    def speller(self) -> Speller:
        return Speller(self.relevance, [d["title"] or "" for d in self.searcher.store.documents()])

    def ask(self, question: str, filters: Filters | None = None, k: int = 10) -> Answer:
        query = analyse(question)
        corrections = self.speller.correct(query)
        if corrections:
            query = dataclasses.replace(analyse(respelt(question, corrections)), text=question.strip())
            search_text = respelt(question, corrections)
        else:
            search_text = question
        if query.budget_year and query.budget_year not in self.searcher.known_years:
            # no note of that budget year: "afsat i Budget 2021 og 2023" names years of amounts
            query = dataclasses.replace(query, budget_year=None, years=tuple(sorted({*query.years, query.budget_year})))
        lang = query.language
        checked = respelt(question, corrections)
        found, coverage = self._search(query, search_text, checked, filters, k)
        named_figures = _figures(query.search_text)
        hits = [self._newest(h, named_figures, query.version) for h in found]
        if self.minutes.asks_decision(query) and (filters is None or filters.doc_type is None) \
                and not any(h.doc_type == "other" for h in hits):
            # "which proposal was chosen at the 2nd reading": a note's versions outrank the minutes that decided
            # it, so minutes are searched on their own (their decisions count as evidence: `_evidence`)
            only_minutes = (filters or Filters()).model_copy(update={"doc_type": "other"})
            hits += self.searcher.search(search_text, k=3, filters=only_minutes)
        # a sum or comparison of named programmes: each part's note (its words are covered there)
        parts = self._part_notes(query, respelt(query.search_text, corrections), filters) \
            if query.answer_type in ("sum", "comparison") else None
        if parts and coverage < self.min_coverage[lang]:
            subject = dataclasses.replace(query, text=checked).subject_text
            coverage = max(coverage, self.relevance.coverage(subject, [n.hit for n in parts]))
        notes = focus(query, hits, self.relevance, lambda texts: self.picker.similarity(query.search_text, texts)) \
            if hits else []
        if notes and 0 < coverage < self.min_coverage[lang] and not parts:
            # the best passages may miss words the note in focus holds elsewhere (a meeting's date in the
            # minutes' head, the answer's words in a letter): its whole text counts, as `_gap` counts it; a
            # note none of whose best passages holds a word of the question is not about it, whatever else it says
            found, missing = self.relevance.words_found(dataclasses.replace(query, text=checked).subject_text,
                                                         self._evidence(query, notes, hits)[0])
            coverage = max(coverage, len(found) / (len(found) + len(missing)) if missing else 1.0)
        if not hits or coverage < self.min_coverage[lang]:
            return self._abstain(query, hits, wording.phrase(lang, "none"))
        named_parts = bool(parts)
        notes = parts or self._refocused(query, checked, notes)
        if query.answer_type == "list" and (filters is None or filters.doc_type is None) \
                and not _OTHER_DOCUMENT.search(query.text):
            listed = [self._newest(h, named_figures, query.version) for h in self._listed(search_text, filters, k)]
            if listed:
                seen = {h.chunk_id for h in hits}
                hits = [*hits, *(h for h in listed if h.chunk_id not in seen)]
                others = [n for n in notes if n.hit.doc_type != "budget_note"]
                notes = [*focus(query, listed, self.relevance), *others][:MAX_NOTES]
        wanted = set(self.relevance.content_tokens(checked))
        analyzer = self.searcher.lexical.analyzer
        # rows and scenarios are matched on the question's words and, for English, their Danish translations
        money_words = wanted | {t for g in self.relevance.word_groups(checked) for t in g}
        # a scenario may be named by a word generic elsewhere ("the full protection" → "Fuld skybrudssikring")
        naming = money_words | {t for g in self.relevance.word_groups(checked, naming=True) for t in g}
        # the words naming the proposal itself ("udeskole-forslaget", "the respite proposal") name no row of it
        proposal = " ".join(proposal_words(checked))
        if proposal:
            of_proposal = set(self.relevance.content_tokens(proposal)) | {
                t for g in self.relevance.word_groups(proposal) for t in g}
            money_words, naming = money_words - of_proposal, naming - of_proposal
        if query.answer_type == "comparison" and len(query.budget_years) >= 2 and notes:
            # "fra notatet til Budget 2023 til notatet til Budget 2027": the programme's note of each year named
            first = notes[0].hit
            # only a linked note of the same programme (a note id is reused for other programmes)
            history = find_history(self.searcher.histories, first.doc_id)
            linked = set(history.versions) if history else {first.doc_id}
            notes = [dataclasses.replace(n, also=False) if n.hit.doc_id in linked
                     and n.hit.budget_year in query.budget_years else n for n in notes]
            held = {n.hit.budget_year for n in notes if n.hit.doc_id in linked}
            for year in query.budget_years:
                if year in held or not first.note_id:
                    continue
                def of_programme(found: list[Hit], year: int = year) -> Hit | None:
                    return next((h for h in found if h.note_id == first.note_id and h.budget_year == year
                                 and h.doc_id in linked), None)

                of_year = (filters or Filters()).model_copy(update={"year": year, "doc_type": "budget_note"})
                # the hits first; a search of that budget year only when they lack the note
                found = of_programme(hits) or of_programme(self.searcher.search(search_text, k=k, filters=of_year))
                if found is not None:
                    notes.append(NoteInFocus(found))
        if query.scenario_rank and not query.scenarios and notes:
            # "the medium scenario": its place among the focused note's scenarios
            query = query.with_ranked_scenario(self._scenario_count(notes[0].hit))
        if query.recommended and not query.scenarios and notes and not notes[0].also:
            # "den løsning, forvaltningen anbefaler": the alternative the note's own text recommends
            recommended = self._recommended(notes[0].hit)
            query = dataclasses.replace(query, scenarios=(recommended,)) if recommended else query
        # the rows a sum leaves out ("uden projektledelse"; "excluding consultancy" with its translations)
        left_out = {t for g in self.relevance.word_groups(query.excluded) for t in g} \
            if query.excluded and lang == "en" else set()
        figs = {note_key(n.hit): costs.figures(self.searcher.store, analyzer, n.hit, money_words, query, naming,
                                               left_out) for n in notes}
        chosen = self._scenario_chosen(query, notes, figs)
        if chosen:
            # a scenario the question names by its heading ("det udvidede scenarie" → "Scenarie 2 – Udvidet"):
            # sentences about the others are not about it
            query = dataclasses.replace(query, scenarios=(chosen,))
        if query.period_years and not query.years and notes and notes[0].hit.budget_year:
            # "i budgetåret og i BO1": the focused note's budget year and its first overslagsår
            query = dataclasses.replace(query, years=tuple(notes[0].hit.budget_year + n for n in query.period_years))
        if query.first_year and not query.years:
            # "det første år": the first year of the focused note's proposal tables
            first = next((min(f.table_years) for n in notes if not n.also
                          and (f := figs[note_key(n.hit)]) is not None and f.table_years), None)
            last = next((max(f.table_years) for n in notes if not n.also
                         and (f := figs[note_key(n.hit)]) is not None and f.table_years), None)
            if first and query.fully_phased_in and last and last != first:
                # "its first year compared with a full year": the first column and the lasting (last) one
                query = dataclasses.replace(query, years=(first, last))
            else:
                if query.answer_type in _STATEMENT_TYPES and notes:
                    # "how many start in its first year": the programme's first year, in its earliest note found
                    # (an original note and its continuation share the note id)
                    own = notes[0].hit.note_id
                    first = min((min(f.table_years) for n in notes if (not n.also or n.hit.note_id == own)
                                 and (f := figs[note_key(n.hit)]) is not None and f.table_years), default=first)
                query = dataclasses.replace(query, years=(first,)) if first else query
        if query.fully_phased_in and not query.first_year and not query.years \
                and query.answer_type in ("amount", "sum"):
            # "hvad koster den om året, når den kører fuldt": the lasting (last) column of the proposal's tables,
            # not the part-year start
            last = next((max(f.table_years) for n in notes if not n.also
                         and (f := figs[note_key(n.hit)]) is not None and len(f.table_years) >= 2), None)
            query = dataclasses.replace(query, years=(last,)) if last else query
        if query.first_years and not query.years:
            # "de første to år": the first columns of the focused note's proposal tables; "i alt" adds them
            first = next((sorted(f.table_years)[:query.first_years] for n in notes if not n.also
                          and (f := figs[note_key(n.hit)]) is not None and f.table_years), None)
            if first:
                kind = "sum" if query.says_total and len(first) >= 2 and query.answer_type == "amount" else None
                query = dataclasses.replace(query, years=tuple(first), answer_type=kind or query.answer_type)
        agreed = wording.Draft(lang)
        # "hvor mange penge afsætter budgetaftalen i alt til X og Y": the agreement's own amounts, added up;
        # "did the agreement give X what was asked for": the note's request beside the agreement's grant
        if query.answer_type == "sum" and self._agreement_sum(agreed, query, checked, hits, filters) or \
                self._agreement_vs_request(agreed, query, checked, hits, filters, notes, figs) or \
                query.answer_type in _GRANT_TYPES and self._agreement_grant(agreed, query, checked, hits, filters) or \
                query.answer_type in ("amount", "fact") and self._follow_up(agreed, query, hits):
            return self._answered(question, query, agreed, hits)
        if self._agreement_absent(query, checked, hits, filters, notes):
            return self._abstain(query, hits, wording.phrase(lang, "no_agreement"))
        outside = self._years_outside(query, notes, figs)
        if outside:
            return self._abstain(query, hits, outside)
        gap = self._gap(query, checked, notes, hits)
        if gap is not None:
            return self._abstain(query, hits, gap)
        facts = self._facts(query, checked, wanted, hits, notes)
        if query.granted_before:
            facts = _before(facts, notes)
        # "who signed the letter about X?": no such letter; "who chaired committee Y's meeting?": no minutes of it
        if not facts and (self.letters.asks_letter(query) or self.contacts.asked_role(query) is not None):
            return self._abstain(query, hits, wording.phrase(lang, "none"))
        other_years = _other_years(query, facts)
        tabled = query.years and query.answer_type in ("count", "percent") and any(_HEAD.search(f.text) for f in facts)
        if other_years or tabled:
            # the note in focus counts other years (a budget note restating last year's result): another
            # document found may count the year asked (the status report the note cites); a table read as one
            # sentence states every year's figure: a sentence of the year asked answers
            facts = self._year_facts(query, checked, wanted, hits) or facts
            other_years = _other_years(query, facts)
        if other_years:
            return self._abstain(query, hits, other_years)
        instead = codes_instead(checked, [f.text for f in facts])
        if instead:  # "the vote on KFF R3" answered by the amendment about KFF R2
            return self._abstain(query, hits, wording.phrase(lang, "other_years", stated=", ".join(instead[1]),
                                                              asked=", ".join(instead[0])))
        printed = table_lines.printed_answer(self.table_lines, self.searcher.store, query, notes, figs, note_key,
                                             facts)
        if printed is not None:  # no table row of the focused note holds money: its table's printed line
            return self._answered(question, query, printed, hits)
        if query.answer_type == "amount" and not any(_MONEY.search(f.text) for f in facts) \
                and not any(figs[note_key(n.hit)] or self._tabled(n.hit) for n in notes if not n.also):
            # "what is the budget for X?" of a letter whose answer about X names no amount ("Nej. Forsøget
            # omfatter kun plejecentre."): nothing quoted says what X costs, and no table of a focused note does
            return self._abstain(query, hits, wording.phrase(lang, "none"))
        if query.answer_type == "amount" and not any(figs[note_key(n.hit)] for n in notes if not n.also):
            spans = _not_yearly(query, facts)
            if spans:  # "hvad koster de om året?" of "6,0 mio. kr. i 2026-2027"
                return self._abstain(query, hits, wording.phrase(lang, "not_yearly", stated=spans))
        draft = wording.Draft(lang)
        programmes = tuple(f.programme for n in notes if (f := figs[note_key(n.hit)]) is not None)
        self._write(draft, query, notes, figs, facts, named_parts)
        instead = self._sibling_instead(query, checked, notes, draft.text()[0])
        if instead:
            return self._abstain(query, hits, instead)
        return self._answered(question, query, draft, hits, facts, programmes)

    def _answered(self, question: str, query: Query, draft: wording.Draft, hits: list[Hit], facts=(),
                  programmes=()) -> Answer:
        """The answer a draft says (rewritten by the optional writer when its figures pass the check)."""
        text, evidence = draft.text()
        written_by = "extractive"
        if self.writer is not None:
            rewritten = self.writer.write(question, text, [*evidence, *(f.passage for f in facts)])
            if rewritten:
                text, written_by = rewritten, "llm"
        intents = query.intents
        return Answer(
            question=question, answered=True, answer=text, intents=intents, language=query.language,
            written_by=written_by, programmes=tuple(programmes) if ("cost" in intents or "list" in intents) else (),
            facts=tuple(facts), sources=tuple(hits[:5]), evidence=evidence,
        )

    # --- steps --------------------------------------------------------------------------------
    def _listed(self, text: str, filters: Filters | None, k: int) -> list[Hit]:
        """ "Hvilke effektiviseringsforslag findes der?": a list names budget notes, but minutes and agreements
        that speak of several of them rank above the notes themselves; so the notes are searched on their own."""
        only_notes = (filters or Filters()).model_copy(update={"doc_type": "budget_note"})
        return self.searcher.search(text, k=k, filters=only_notes)

    def _search(self, query: Query, text: str, checked: str, filters: Filters | None, k: int) -> tuple[list[Hit], float]:
        """Retrieve, with the coverage of the best passages. "Budget 2026" in the question keeps budget notes
        of that budget year only (minutes, letters and agreements carry none and stay)."""
        if query.budget_year and (filters is None or filters.year is None):
            wide = self.searcher.search(text, k=3 * k, filters=filters)
            named = set(query.budget_years) or {query.budget_year}  # (two named: a comparison of the two notes)
            hits = [h for h in wide if h.doc_type != "budget_note" or h.budget_year in named][:k]
            if not any(h.doc_type == "budget_note" for h in hits):
                hits = wide[:k]
        else:
            hits = self.searcher.search(text, k=k, filters=filters)
        # "which council member asked", "signed", "held a meeting": say what is asked for, not about what
        # a list's words lie in several notes: the best passage of each note near the best counts too
        passages = [*hits[:3], *relevant_notes(hits)] if wants_several(query) else hits[:3]
        coverage = self.relevance.coverage(dataclasses.replace(query, text=checked).subject_text, passages)
        if query.note_ids and hits:
            known = {n.replace(" ", "").upper() for n in self.searcher.known_note_ids}
            if any(n.replace(" ", "").upper() in known for n in query.note_ids):
                coverage = max(coverage, 1.0)  # the archive holds the note the question names
        return hits, coverage

    def _newest(self, hit: Hit, named_figures: frozenset[str] = frozenset(), wanted: str | None = None) -> Hit:
        """A draft's passage replaced by the same passage of the note's newest version (its figures count),
        unless the question asks for the draft ("the first draft"), or names a figure the draft's passage holds
        and the newest one's does not ("which version has a goal of 50 pct.?"): then the draft is what was
        asked about."""
        if not hit.versions or hit.doc_id == hit.versions[0].doc_id or wanted == "draft":
            return hit
        words = _words(hit.text)
        best, share = None, 0.5
        newest = hit.versions[0].doc_id
        try:
            filters = Filters(note_id=hit.note_id, year=hit.budget_year) if hit.note_id and hit.budget_year else None
        except ValueError:  # a note id the filter's pattern does not take
            filters = None
        same = [h for h in self.searcher.search(hit.text[:500], k=8, filters=filters, mode="bm25") if h.doc_id == newest]
        for p in same:
            other = _words(p.text)
            s = len(words & other) / max(1, len(words | other))
            if s > share:
                best, share = p, s
        if best is None:
            return hit
        asked = named_figures & _figures(hit.text)
        if asked and not asked <= _figures(best.text):
            return hit
        return dataclasses.replace(best, score=hit.score, retrievers=hit.retrievers, bm25_score=hit.bm25_score,
                                   dense_score=hit.dense_score,
                                   also_in=(*hit.also_in, *(v for v in hit.versions if v.doc_id == hit.doc_id)))

    def _part_notes(self, query: Query, text: str, filters: Filters | None) -> list[NoteInFocus] | None:
        """For a sum or comparison of several named programmes ("X og Y tilsammen"): the note each part names
        in its title, found by searching that part alone. One programme counts once: of its linked notes
        (continuations), the one whose proposal covers the years asked, else the best ranked.
        None when the question names one subject, or a part names no note."""
        parts = subject_parts(text)
        if not parts:
            return None
        analyzer = self.relevance.analyzer
        out: list[NoteInFocus] = []
        for part in parts:
            words = set(self.relevance.content_tokens(part)) | {t for g in self.relevance.word_groups(part) for t in g}
            found = [self._newest(h) for h in self.searcher.search(part, k=8, filters=filters)]
            titled = [h for h in found if h.doc_type == "budget_note" and h.title
                      and costs.names(set(analyzer.tokens(h.title)), words)]
            if not titled:
                return None
            best = titled[0]
            history = find_history(self.searcher.histories, best.doc_id)
            if history is not None and query.years:
                covering = {pt.doc_id for pt in history.points if pt.kind == "proposed" and pt.year.isdigit()
                            and int(pt.year) in query.years}
                linked = [h for h in titled if h.doc_id in history.versions
                          and (h.versions[0].doc_id if h.versions else h.doc_id) in covering]
                best = linked[0] if linked else best
            if all(note_key(n.hit) != note_key(best) for n in out):
                out.append(NoteInFocus(best))
        return out if len(out) >= 2 else None

    def _abstain(self, query: Query, hits: list[Hit], text: str) -> Answer:
        return Answer(
            question=query.text, answered=False, intents=query.intents, language=query.language,
            sources=tuple(hits[:5]), answer=text,
        )

    def _refocused(self, query: Query, checked: str, notes: list[NoteInFocus]) -> list[NoteInFocus]:
        """The notes with the one also relevant that holds the question's words in focus, when the focused one
        holds too few of them (`_gap` would refuse) and it holds enough: "spend on interpreting" of a note
        about dyslexia ranked first and the interpreting note close behind."""
        focused = [n for n in notes if not n.also]
        also = [n for n in notes if n.also]
        if len(focused) != 1 or not also or wants_several(query):
            return notes
        subject, least = dataclasses.replace(query, text=checked).subject_text, self.min_coverage[query.language]

        def share(n: NoteInFocus) -> float:
            found, missing = self.relevance.words_found(subject, self._note_text(n.hit)[0])
            return len(found) / (len(found) + len(missing)) if missing else 1.0

        if share(focused[0]) >= least:
            return notes
        better = next((n for n in also if share(n) >= least), None)
        if better is None:
            return notes
        return [NoteInFocus(better.hit), *(dataclasses.replace(n, also=True) for n in notes if n is not better)]

    def _evidence(self, query: Query, notes: list[NoteInFocus], hits: Sequence[Hit]) -> tuple[str, str, set[int]]:
        """The text the question's words are counted on: the focused notes' whole text; the text of every note
        shown (those also relevant too); their tables' years. A decision or vote asked about a note stands
        in minutes (`Minutes.asks_decision`): the minutes found count as focused too."""
        read = {n.hit.doc_id: self._note_text(n.hit) for n in notes}
        focused = [read[n.hit.doc_id][0] for n in notes if not n.also]
        if self.minutes.asks_decision(query):
            minutes = {h.doc_id: h for h in hits if h.doc_type == "other" and h.doc_id not in read}
            read |= {d: self._note_text(h) for d, h in minutes.items()}
            focused += [read[d][0] for d in minutes]
        return "\n".join(focused), "\n".join(t for t, _ in read.values()), {y for _, ys in read.values() for y in ys}

    def _gap(self, query: Query, checked: str, notes: list[NoteInFocus], hits: Sequence[Hit] = ()) -> str | None:
        """The refusal to give when the note(s) in focus do not hold what the question names.

        Passages of several notes can together hold every word of a question that no note answers ("gratis
        frokost i daginstitutionerne": "gratis" in one note, "daginstitutioner" in another), so the words
        are counted again on the focused notes' whole text, against the same thresholds. A number bound to a
        word ("80-årige"), a name ("på Amager") and a year asked ("i 2015") must occur in the text of the
        notes shown (those also relevant included: a comparison may name two programmes; a year also as a
        table column; a count or share of a year the notes name, but not where it is counted, is refused later,
        naming the years its sentences count).
        A target group or kind of facility the focused notes name only others of ("men" of the note about
        women, "daginstitutioner" of the note about schools; `answer.groups`) is missing too.
        Questions about several notes skip the word count (and the group check); a question naming a note id
        still names what it asks of that note ("bostøtte til unge med autisme i SOF61" of a note about adults
        with a brain injury).
        """
        focused = [n.hit for n in notes if not n.also]
        if not focused:
            return None
        text, shown, table_years = self._evidence(query, notes, hits)  # (shown: what may span two notes)
        gap = None
        if not wants_several(query):
            found, missing = self.relevance.words_found(dataclasses.replace(query, text=checked).subject_text, text)
            if missing and len(found) / (len(found) + len(missing)) < self.min_coverage[query.language]:
                gap = Gap("words", tuple(_as_written(w, checked) for w in missing))
        names = self.relevance.names_missing(checked, shown)
        if gap is None and names:
            gap = Gap("name", tuple(names))
        numbers = number_words_missing(checked, shown)
        if gap is None and numbers:
            gap = Gap("number", tuple(numbers))
        codes = codes_missing(checked, shown)
        if gap is None and codes:  # "SOF-S06" of a catalogue of SOF-S01 to SOF-S05
            gap = Gap("name", tuple(codes))
        alternatives = alternatives_missing(checked, shown)
        if gap is None and alternatives:  # "Niveau 5" of a proposal with four levels
            gap = Gap("alternative", tuple(alternatives))
        if gap is None and not wants_several(query):
            groups = self.relevance.groups_missing(dataclasses.replace(query, text=checked).subject_text, text)
            if groups:  # "the night café for homeless men" of the note about women
                gap = Gap("group", tuple(_as_written(w, checked) for w in groups))
        if gap is None and not wants_several(query):
            asked = self.relevance.asked_missing(checked, text)
            if asked:  # "hvor mange koncerter", "per trip", "unge med autisme" of a note that never names them
                gap = Gap("words", tuple(_as_written(w, checked) for w in asked))
        # (a count or share asked in a year the notes do name, but not in the sentences found: `_other_years`)
        if gap is None and years_missing(query.years, shown, table_years):
            gap = Gap("year", (wording.year_span(query.years),))
        if gap is None and agreements_missing(query.agreement_years, shown):  # "med Budgetaftale 2021"
            gap = Gap("year", tuple(f"Budgetaftale {y}" for y in query.agreement_years))
        if gap is None:
            return None
        lang = query.language
        names = ", ".join(f"«{wording.note_name(h.note_id, h.title, h.budget_year, h.source)}»" for h in focused)
        return wording.phrase(lang, "not_in_note", notes=names, missing=wording.listing(lang, gap.missing))

    def _sibling_instead(self, query: Query, checked: str, notes: list[NoteInFocus], text: str) -> str | None:
        """The refusal to give when the answer speaks of another member of a list the note names the one
        asked among ("Materielgården Valby" for "Materielgården Sundholm"): see `relevance.siblings_instead`."""
        focused = "\n".join(self._note_text(n.hit)[0] for n in notes if not n.also)
        found = siblings_instead(checked, focused, text) if focused else None
        if found is None:
            return None
        name, named = found
        return wording.phrase(query.language, "other_years", stated=", ".join(named), asked=name)

    def _tabled(self, hit: Hit) -> bool:
        """Whether the document or another version of its note has a table with year columns."""
        docs = {hit.doc_id, *(v.doc_id for v in hit.versions or ())}
        return any(str(y).isdigit() for d in docs for t in (self.searcher.store.note_json(d) or {}).get("tables", ())
                   for y in t.get("years", ()))

    def _note_text(self, hit: Hit) -> tuple[str, set[int]]:
        """A note's title and whole text, and the years of its tables' columns."""
        note = self.searcher.store.note_json(hit.doc_id) or {}
        years = {int(y) for t in note.get("tables", ()) for y in t.get("years", ()) if str(y).isdigit()}
        return f"{note.get('title') or ''}\n{note.get('text') or hit.text}", years

    def _years_outside(self, query: Query, notes: list[NoteInFocus], figs: dict) -> str | None:
        """The refusal to give when every table of the focused notes lacks the years asked."""
        money = query.answer_type in ("amount", "sum", "comparison") or (query.answer_type == "fact"
                                                                         and "cost" in query.intents)
        if not query.years or query.earlier or not money:  # ("what is the budget for X in 2030": money too)
            return None
        focused = [(n, figs[note_key(n.hit)]) for n in notes if not n.also]
        tabled = [(n, f) for n, f in focused if f is not None and f.table_years]
        compared = query.answer_type == "comparison"  # "sammenlignet med perioden 2020-23": earlier grants too
        if not tabled or any(set(query.years) & (f.all_years if compared else f.table_years) for _, f in tabled):
            return None
        if not compared and any(_stated_in(self._note_text(n.hit)[0], query.years) for n, _ in tabled):
            return None  # "how much was spent in 2026": a sentence states it ("14,2 mio. kr. i 2026")
        names = ", ".join(f"«{n.hit.title or Path(n.hit.source).name}» (Budget {n.hit.budget_year})" for n, _ in tabled)
        covered = wording.year_span(sorted(set().union(*(f.table_years for _, f in tabled))))
        return wording.phrase(query.language, "outside", notes=names, covered=covered,
                              years=wording.year_span(query.years))

    def _facts(self, query: Query, text: str, wanted: set[str], hits: list[Hit], notes: list[NoteInFocus]) -> tuple[Fact, ...]:
        focused = {note_key(n.hit) for n in notes if not n.also}
        also = {note_key(n.hit) for n in notes if n.also}
        if wants_several(query):
            focused |= also
            also = set()
        linked = self.letters.linked_answers(query, [h for h in hits if note_key(h) in focused | also])
        first_of: dict[str, Hit] = {}
        for h in hits:
            if note_key(h) in focused:
                first_of.setdefault(h.doc_id, h)
        more = [p for h in list(first_of.values())[:2] for p in self.searcher.neighbours(h)]
        candidates = self.picker.candidates(hits, focused, also, note_key, goals=query.wants_goal, first=linked,
                                            more=more, named_columns=asks_named_column(query.text))
        if query.answer_type in ONE_SENTENCE and not any(carries_type(query, c.text, c.hit.kind == "table")
                                                         for c in candidates):
            # a name or a date the focused notes do not hold (a party's motion stands in the minutes, not
            # in the budget note it is about): the other notes found are the candidates
            others = {note_key(h) for h in hits} - focused - also
            candidates = self.picker.candidates(hits, others, set(), note_key, first=linked) or candidates
        linked_ids = {h.chunk_id for h in linked}

        def bonus(c) -> float:
            return LINKED_BOOST if c.hit.chunk_id in linked_ids else 0.0

        typed = dataclasses.replace(query, text=text)
        if query.answer_type == "comparison" and not query.asks and (parts := comparison_sides(text)):
            # "what was granted compared with what was applied for": a sentence for each side
            typed = dataclasses.replace(typed, asks=parts)
        analyzer = self.relevance.analyzer
        named = {t for n in notes if not n.also for t in analyzer.tokens(f"{n.hit.note_id or ''} {n.hit.title or ''}")}
        facts = self.picker.pick(typed, wanted, candidates, bonus, named, cover_first=wants_several(query))
        if query.scenarios:
            # a sentence about other scenarios only ("Scenarie 3 – Fuld udbygning: 4.000 nye pladser") is not
            # about the one asked
            asked = set(query.scenarios)
            kept = asked | built_on((c.text for c in candidates), asked)  # ("som Niveau 2 og desuden ...")
            facts = tuple(f for f in facts if not (scenarios_of(f) and not scenarios_of(f) & kept)) or facts
            facts = tuple(scenario_clause(f, asked) for f in facts)
        letters = [h for h in hits if note_key(h) in focused | also]
        if self.letters.asks_letter(query):  # a letter found further down, when it is about the subject
            # (or another document that is signed or names who asked: a consultation response, the answer to a
            # technical question)
            letters += [h for h in hits if h.doc_type == "answer" and h not in letters]
            letters += [h for h in hits if h.doc_type == "other" and h not in letters]
        role = self.contacts.asked_role(query)
        if self.minutes.asks_decision(query) or role is not None and role.of_minutes:
            # what was decided, or who chaired, stands in minutes found further down too
            letters += [h for h in hits if h.doc_type == "other" and h not in letters]
        from_letter = (self.letters.signatory(query, letters) or self.contacts.contact(query, letters)
                       or self.letters.addressee(query, letters)
                       or self.letters.dated(query, letters) or self.minutes.decision(
                           query, letters, lambda texts: self.picker.similarity(query.search_text, texts)))
        if from_letter is None and (self.letters.asks_letter(query) or self.contacts.missing_role(
                query, letters, self.searcher.known_note_ids)):
            return ()  # who signed or asked, who chaired: only a letter or minutes about the question's subject say
        return (from_letter,) if from_letter is not None else facts

    def _year_facts(self, query: Query, text: str, wanted: set[str], hits: list[Hit]) -> tuple[Fact, ...]:
        """ "Hvor mange ... i 2027?" when the sentences of the note in focus count other years: the sentences of
        every document found (each read whole) that state the year asked, picked as usual; () when none
        states it. A count or share is a fact of its own year, wherever it stands: a money table's years
        say nothing of it."""
        asked = set(query.years)
        first_of: dict[tuple, Hit] = {}
        for h in hits:
            first_of.setdefault(note_key(h), h)
        subject = dataclasses.replace(query, text=text).subject_text

        def share(h: Hit) -> float:
            found, missing = self.relevance.words_found(subject, self._note_text(h)[0])
            return len(found) / (len(found) + len(missing)) if missing else 1.0

        # a document about the question's subject: as much as the best-ranked one is, or enough on its own
        # (one that is not counts something else that year)
        least = min(self.min_coverage[query.language], share(hits[0])) if hits else 1.0
        candidates = []
        for h in list(first_of.values())[:MAX_NOTES + 2]:
            if share(h) < least:
                continue
            found = self.picker.candidates([], set(), set(), note_key, goals=query.wants_goal,
                                           more=self.searcher.neighbours(h))
            # (a count or share stated: a figure not a year, nor the day of a date; a table read as one
            # sentence, its head's years and every row's figures, states each year's figure beside the others)
            candidates += [c for c in found if carries_type(query, c.text, c.hit.kind == "table")
                           and not _HEAD.search(c.text)
                           and any(k in ("count", "percent") for k in figures(_DOCUMENT_DATE.sub(" ", c.text)))
                           and asked & _counted_years(fact_at(c.hit, c.start, c.end))]
        noun = counted_noun(query.text)
        counted = [g for g in self.relevance.word_groups(noun, english=query.language == "en") if g] if noun else []
        if counted:  # "how many families": a sentence counting families, not one counting children that year
            analyzer = self.relevance.analyzer
            candidates = [c for c in candidates
                          if counts_noun(c.text, counted, lambda t: set(analyzer.tokens(t)), overlap)]
        if not candidates:
            return ()
        candidates = [dataclasses.replace(c, rank=0) for c in candidates]
        typed = dataclasses.replace(query, text=text)
        for _ in range(3):  # (a sentence's clause about another year picked: the next best sentence)
            picked = self.picker.pick(typed, wanted, candidates)
            facts = tuple(f for f in picked if asked & _counted_years(f))
            if facts:
                return facts if _other_years(query, facts) is None else ()
            candidates = [c for c in candidates if not any(
                f.doc_id == c.hit.doc_id and f.passage == c.hit.text and c.start < f.highlight[1]
                and f.highlight[0] < c.end for f in picked)]
            if not picked or not candidates:
                break
        return ()

    def _write(self, d: wording.Draft, query: Query, notes: list[NoteInFocus], figs: dict, facts,
               named_parts: bool = False) -> None:
        """The answer's lines by answer type; figures from tables, statements quoted from sentences."""
        kind = query.answer_type
        focused = [n for n in notes if not n.also]
        also = [n.hit for n in notes if n.also]
        programmes = [(n, f.programme) for n in focused if (f := figs[note_key(n.hit)]) is not None]
        with_money = [(n, p) for n, p in programmes if p.scenarios or p.activities or p.earlier_grants]
        several = wants_several(query)
        if kind == "amount" and query.says_total and any(
                not p.scenarios and sum(bool(a.amounts) for a in p.activities) >= 2 for _, p in with_money):
            kind = "sum"  # "i alt ... på anlæg": the rows of the steering area asked, added up
            query = dataclasses.replace(query, answer_type=kind)
        if kind == "history" and query.note_ids and self._same_note_id(d, query):
            self._history(d, focused)
            return
        if kind == "history" and self._history(d, focused):
            for f in self._decisions(notes):
                d.quote(f)
            return
        # a programme the question names whose note has no money table (its amount stands in a sentence)
        bare = [n.hit for n in focused if named_parts and kind == "sum" and n.hit.doc_type == "budget_note"
                and all(n is not m for m, _ in with_money)]
        if kind == "count" and query.says_total and self._counted_sum(d, query, facts):
            return  # "hvor mange skoler og plejecentre i alt": the sentence counting each, and their sum
        if len(query.scenarios) == 2 and _HOW_MANY_MORE.search(query.text) and _counted_difference(d, query, facts):
            return  # "how many more homes would scenario 3 protect than scenario 2": each count and the difference
        if kind in ("sum", "comparison") and with_money and self._calculate(d, query, with_money, named_parts, bare):
            if kind == "sum" and not query.earlier:  # (the text's figures are the new proposal's, not the grants')
                # only a sentence stating the sum itself: another amount of the text (the net total beside a
                # gross sum, the whole beside the rows asked) would read as the answer
                money = self._money_fact(facts, focused)
                rows_asked = query.gross or query.excluded or any(p.activities for _, p in with_money[:1])
                if money is not None and (not rows_asked or _states_sum(money, d.totals)):
                    d.quote(money, d.t["in_text"])
        elif asks_names(query) and "cost" not in query.intents and kind not in ("amount", "sum", "comparison", "history") \
                and (rows := self._labelled(query, focused, facts)):
            for line, cited in rows:  # "Hvilke skoler er med?": the schools are the rows of the note's table
                d.add(line, cited)
        elif asks_names(query) and "cost" not in query.intents and kind not in ("amount", "sum", "comparison", "history") \
                and (lists := self._lists(query, facts, focused)):
            if listed_items(lists[0].text):
                self._names(d, query, lists)
            else:
                d.quote(lists[0])  # items under "It has three parts:", unmarked
        elif kind in ("list", "history") or (several and kind not in _FIGURE_TYPES):
            named = [n for n in notes if n.hit.doc_type == "budget_note"]
            if "list" in query.intents and named:
                d.add(d.t["list"].format(n=len(named)), f"{len(named)} notes")  # our own count, cited as such
            for n in named:
                f = figs[note_key(n.hit)]
                if f is None or kind == "history" and not f.programme.earlier_grants:
                    d.note(n.hit)  # (a history without earlier grants: the new proposal's amounts are none of it)
                else:
                    d.programme(f.programme, earlier=query.earlier or kind == "history")
            # a list within one note ("hvilke tre dele består forløbet af") names what its sentences list
            within = kind == "list" and len(named) == 1
            if "fact" in query.intents or not with_money or kind in _STATEMENT_TYPES or within or kind == "history":
                for f in facts[:3]:
                    d.quote(self._items(f))
        elif kind in _FIGURE_TYPES:
            if any(p.scenarios or p.activities or p.earlier_grants and query.earlier for _, p in with_money):
                shown = with_money
                if query.years and not query.earlier:
                    in_years = [(n, p) for n, p in with_money if _has_years(p, query.years)]
                    shown = in_years or with_money
                chosen = {s.name for _, p in shown for s in p.scenarios if s.name}
                scenarios = chosen if query.scenarios or len(chosen) == 1 else None
                # a sentence of a note whose tables lack the years asked is not quoted beside the one shown
                # (the lasting year chosen for "once fully running" is ours: a sentence saying "fra 2030" is of it)
                money = self._money_fact(facts, [n for n, _ in shown], scenarios,
                                         () if query.fully_phased_in else query.years)
                if query.extreme and len(query.years) == 1:
                    shown = _extreme(shown, str(query.years[0]), query.extreme)
                grants_only = query.earlier and not query.asks and kind in ("amount", "history")
                # "i alt i perioden 2026-2028", "over hele perioden": the period's total, not its years
                period_total = query.whole_period and not query.earlier and kind == "amount" and not query.asks
                if grants_only and any(p.earlier_grants for _, p in shown):
                    shown = [(n, p) for n, p in shown if p.earlier_grants]
                elif grants_only and money is not None:
                    # "hvad blev der afsat med Budgetaftale 2027", "er der tidligere givet penge": no table of
                    # earlier grants, so the sentence saying it answers; the new proposal's amounts would read
                    # as what was granted before
                    shown = []
                for _, p in shown:
                    if money is not None and not p.activities and not query.earlier and not costs.asks_net(query.text):
                        p = self._row_stated(p, money)
                    # a year the question writes that is the note's budget year ("Hvad kostede BI18 i 2018?"
                    # of a Budget 2018 note, "budgeted in 2018") may mean that budget: the whole proposal follows
                    # the column. Asked of the programme ("what does it save in 2028?") the year is its column:
                    # the other years would read as the answer
                    whole = p.budget_year in query.years and not query.first_year and query.speaks_of_a_budget
                    if grants_only and p.earlier_grants:
                        # "how much had already been set aside for 2026, before the proposal": the grants
                        # alone, in the year asked; the new proposal's amounts would read as the answer
                        p = dataclasses.replace(p, scenarios=(), activities=())
                        cut = costs.in_years(p, query.years) if query.years else p
                        p = cut if any(g.amounts for g in cut.earlier_grants) else p
                    d.programme(p, earlier=query.earlier, years=() if query.earlier else query.years, whole=whole,
                                total_only=period_total, per_year=query.per_year and not period_total)
                if money is not None and period_total and not _states_total(money, [p for _, p in shown]):
                    money = None  # another amount of the text ("Hertil kommer ... 2,8 mio. kr.") is not the total asked
                if money is not None:
                    d.quote(money, d.t["in_text"])
            else:
                if with_money == [] and programmes and not facts:
                    d.add(d.t["no_figures"])
                for f in facts:
                    d.quote(f)
            d.also(also)
        else:
            for f in facts:
                d.quote(f)
            d.also(also)

    def _counted_sum(self, d: wording.Draft, query: Query, facts) -> bool:
        """Of the best quote's sentence counting each noun a total asks for ("42 skoler og 11 plejecentre"), or one
        noun in several places ("Tjørnely med 7 pladser og Lyngbakken med 5 pladser"), the sentence and the sum of
        the counts (our own addition, shown as such); False when it counts them not."""
        nouns = counted_nouns(query.text) or [n for n in (counted_noun(query.text),) if n]
        if not nouns or not facts:
            return False
        english = query.language == "en"
        groups = [{t for g in self.relevance.word_groups(n, english=english) for t in g} for n in nouns]
        analyzer = self.relevance.analyzer
        terms, whole = [], facts[0].text
        for whole in (facts[0].text, sentence_of(facts[0])):  # (a clause quoted: its sentence may count them all)
            terms = count_terms(whole, groups, lambda t: set(analyzer.tokens(t)), overlap) if len(groups) >= 2 \
                else repeated_counts(whole, groups[0], lambda t: set(analyzer.tokens(t)), overlap)  # one noun, places
            if terms:
                break
        values = [parse_danish_number(t) for t in terms]
        if not terms or None in values:
            return False
        start = facts[0].passage.find(whole)
        d.quote(dataclasses.replace(facts[0], text=whole, highlight=(start, start + len(whole))) if start >= 0 else facts[0])
        text = f"{' + '.join(terms)} = {format_danish_number(sum(values))}"
        d.add(f"  {d.t['total'].capitalize()}: {text}", f"sum: {text}")
        return True

    @staticmethod
    def _names(d: wording.Draft, query: Query, facts) -> None:
        """ "Hvilke plejecentre indgår?": the sentences listing the names (their money is not what was asked),
        each note's list once; the number of names first when asked ("hvor mange og hvilke")."""
        listed = []
        asked = {w for w in re.findall(r"\w{4,}", query.text.lower())}
        for f in facts:
            f = with_items(f)
            part = part_asked(f.text, sorted(years_in(query.text)), lambda t: len(asked & set(re.findall(r"\w{4,}", t.lower()))))
            if part is not None:  # the items under the introduction the question names ("begynder i august 2025")
                f = dataclasses.replace(f, text=f.text[part[0]:part[1]],
                                        highlight=(f.highlight[0] + part[0], f.highlight[0] + part[1]))
            if listed_items(f.text) and not any(note_key_of(f) == note_key_of(g) for g in listed):
                listed.append(f)  # each note's best list
        if query.answer_type == "count" or query.wants_number:
            names = listed_items(listed[0].text)
            d.add(wording.phrase(query.language, "named", n=len(names), names=", ".join(names)),
                  f"{len(names)} named: {', '.join(names)}")  # our own count of the names quoted below
        for f in listed[:2]:
            d.quote(f)

    def _items(self, f: Fact) -> Fact:
        """A sentence introducing a list, quoted with its items; when the items stand beyond its passage (the next
        passage, after a page break), they are read from the note's text."""
        got = with_items(f)
        item = _ITEM.match(f.text)
        if got is not f or not (f.text.rstrip().endswith(":") or item):
            return got
        text = self.contacts.note(f.doc_id).get("text") or ""
        words = re.findall(r"\S+", f.text)[-12:]  # the introduction's last words, however the lines were joined
        m = re.search(r"\s+".join(map(re.escape, words)), text) if words else None
        if m is None:
            return f
        if item:  # an item quoted alone ("1) Anlæg af seks sansehaver"): its list, from the introduction
            intro = [i for i in re.finditer(r"[^\n]*:[ \t]*$", text[:m.start()], re.MULTILINE)]
            if not intro or item_run_end(text, intro[-1].end()) < m.end():
                return f
            m = intro[-1]
        end = item_run_end(text, m.end())
        if end == m.end():
            return f
        start = max(text.rfind("\n", 0, m.start()) + 1, m.start() - len(f.text))
        span = text[start:end]
        return dataclasses.replace(f, text=span, passage=span, highlight=(0, len(span)))

    def _lists(self, query: Query, facts, focused: Sequence[NoteInFocus] = ()) -> list[Fact]:
        """The lists that may answer a list question, best first: the facts picked, with their items, and every
        list of their notes and of the focused notes (introduced by "... er:", or a sentence listing names or
        "dels ..., dels ..."); ranked by the question's words they hold ("hvad bruges pengene til": the
        sentence of what the money is used for, not the list of playgrounds), then by the noun asked ("Which
        playgrounds": "De otte legepladser er:"), then names before other things."""
        noun = list_noun(query.text)
        stems = {w.lower()[:max(4, len(w) - 3)] for w in [*noun.split()[-1:],
                 *(t for g in self.relevance.word_groups(noun) for t in g)] if len(w) >= 4} if noun else set()
        mine = {n.hit.doc_id for n in focused} if focused else {f.doc_id for f in facts}
        found = [self._items(f) for f in facts if f.doc_id in mine]
        sources = {f.doc_id: f for f in reversed(facts) if f.doc_id in mine}
        for n in focused[:3]:
            if n.hit.doc_id not in sources:
                sources[n.hit.doc_id] = fact_at(n.hit, 0, 0)
        for f in sources.values():
            found += self._note_lists(f)
        unique = [g for g in {(g.doc_id, g.text): g for g in found}.values()
                  if (listed_items(g.text) or _INTRO_LINE.search(g.text)) and not _asks_back(g.text)]
        groups = self.relevance.word_groups(query.subject_text)
        analyzer = self.relevance.analyzer
        # the question's longer words by their first letters ("skybrudssikring" and "skybrudsvej" share a stem)
        asked = {w[:PREFIX] for w in re.findall(r"[^\W\d_]{5,}", query.subject_text.lower())}

        def rank(g: Fact) -> tuple[int, int, float]:  # (negated, best first)
            items = listed_items(g.text)
            low = g.text.lower()
            tokens = set(analyzer.tokens(g.text))
            # (a group counts by a word of five letters or more: "leg" of "legeredskaber" is no playground)
            shared = sum(1 for grp in groups if tokens & {t for t in grp if len(t) >= PREFIX}) + len(
                asked & {w[:PREFIX] for w in re.findall(r"[^\W\d_]{5,}", low)})
            named = min(sum(low.count(s) for s in stems), 3)
            capitals = sum(i[:1].isupper() for i in items) / len(items) if items else 0.0
            return (-shared, -named, -capitals)

        ranked = sorted(unique, key=rank)
        picked = {(f.doc_id, self._items(f).text) for f in facts}
        if ranked and (ranked[0].doc_id, ranked[0].text) not in picked and query.answer_type in ("goal", "result") \
                and not asks_use(query.text):
            return []  # "hvilke mål er der": the goals the sentences state, not another list of the note
        if ranked and (ranked[0].doc_id, ranked[0].text) not in picked:
            shared, named, _ = rank(ranked[0])
            if -named < 1 and -shared < 2:
                return []  # a list of the note that neither names what is asked nor shares the question's words
        return ranked

    def _note_lists(self, f: Fact) -> list[Fact]:
        """Every list a note introduces ("... er:" and the items under it, across a page break), and each
        sentence of it that lists names or parts ("dels ..., dels ..."), as facts."""
        data = self.contacts.note(f.doc_id)
        text = data.get("text") or ""
        out = []
        for a, b in sentence_spans(text):
            if listed_items(text[a:b]):
                out.append(dataclasses.replace(f, text=text[a:b], passage=text, highlight=(a, b), section=None,
                                               page=page_at(data.get("page_starts") or [0], a)))
        for m in re.finditer(r"^[^\n]*:[ \t]*$", text, re.MULTILINE):
            end = item_run_end(text, m.end())
            if end > m.end():
                start = m.start()
                head = re.search(r"(?:^|\n)([^\n]+)\n[ \t]*$", text[max(0, start - 120):start])
                if head and len(head.group(1).split()) <= HEADING_WORDS and not head.group(1).rstrip().endswith((".", ":")):
                    start -= len(text[max(0, start - 120):start]) - head.start(1)  # its heading ("Legepladser i anden etape")
                span = text[start:end]
                out.append(dataclasses.replace(f, text=span, passage=span, highlight=(0, len(span)), section=None,
                                               page=page_at(data.get("page_starts") or [0], m.start())))
        return out

    def _labelled(self, query: Query, focused: list[NoteInFocus], facts) -> list[tuple[str, str]]:
        """ "Hvilke skoler er med?" of a note whose money table has a row per school: each such table's title and
        row labels, cited from the table; nothing when a quoted sentence names two of the labels already."""
        noun = list_noun(query.text)
        # (an English noun by its Danish translations; a Danish one as written)
        words = [t for g in self.relevance.word_groups(noun) for t in g] if noun and query.language == "en" else []
        out = []
        asked = {w[:PREFIX] for w in re.findall(r"[^\W\d_]{5,}", query.subject_text.lower())}
        asked -= {w[:PREFIX] for w in re.findall(r"[^\W\d_]{5,}", noun.lower())}
        for n in focused[:1]:
            title = f"{n.hit.note_id or ''} {n.hit.title or ''}".lower()
            if asked and not asked & {w[:PREFIX] for w in re.findall(r"[^\W\d_]{5,}", title)}:
                continue  # a note not about what the question names ("søskendegarantien" of a playground note)
            data = self.contacts.note(n.hit.doc_id)
            for table in data.get("tables") or []:
                labels = [r["label"] for r in table.get("rows") or [] if not r.get("is_sum") and r.get("label")]
                if not labels_named(labels, noun, table.get("title") or "", words):
                    continue
                if query.earlier and any(sum(label in f.text for label in labels) >= 2 for f in facts):
                    return []  # "which schools tried it before": the sentence naming them, not the table's rows
                where = wording.note_name(n.hit.note_id, n.hit.title, n.hit.budget_year)
                line = f"{table.get('title') or ''} ({where}): {', '.join(labels)}"
                out.append((line, line))  # (the table's own title and row labels, as the note writes them)
        return out

    def _same_note_id(self, d: wording.Draft, query: Query) -> bool:
        """Every note that has carried the note id asked about, one line per budget year (ids are reused
        for other programmes in other years); False when the archive has none of them."""
        wanted = {n.replace(" ", "").upper() for n in query.note_ids}
        seen: dict[tuple, str] = {}
        for doc in self.searcher.store.documents():
            note_id = doc["note_id"] or ""
            if doc["doc_type"] == "budget_note" and note_id.replace(" ", "").upper() in wanted:
                seen.setdefault((note_id, doc["budget_year"]), doc["title"] or "")
        if not seen:
            return False
        for note_id in dict.fromkeys(n for n, _ in seen):
            d.add(d.t["same_note_id"].format(note_id=note_id))
            for (n, year), title in sorted(seen.items(), key=lambda kv: kv[0][1] or 0):
                if n == note_id:
                    name = wording.note_name(n, title, year)
                    d.add(f"• {name}", f"{n} {title} Budget {year}")
        return True

    def _decisions(self, notes: list[NoteInFocus]) -> list[Fact]:
        """What became of the proposal: the first sentence with an amount in each passage of a decision
        document (a budget agreement, minutes) that names the focused programme (half its title's words)."""
        analyzer = self.relevance.analyzer
        proposals = [n.hit for n in notes if n.hit.doc_type == "budget_note"]
        if not proposals:
            return []
        title = set(analyzer.tokens(proposals[0].title or "")) - self.relevance.generic_stems
        out: list[Fact] = []
        for n in notes:
            h = n.hit
            if h.doc_type == "budget_note" or not title:
                continue
            if len(title & set(analyzer.tokens(f"{h.section or ''} {h.text}"))) * 2 < len(title):
                continue
            sentence = next(((a, b) for a, b in sentence_spans(h.text) if KRONER.search(h.text[a:b])), None)
            if sentence is not None:
                out.append(fact_at(h, *sentence))
        return out[:2]

    def _history(self, d: wording.Draft, focused: list[NoteInFocus]) -> bool:
        """The focused programme's money across budget years (linked notes, each price level apart)."""
        notes = [n.hit for n in focused if n.hit.doc_type == "budget_note"]
        found = find_history(self.searcher.histories, notes[0].doc_id) if notes else None
        if found is None or not found.points:
            return False
        if not any(p.kind == "granted" for p in found.points) and len({p.budget_year for p in found.points}) < 2:
            return False  # the note's own proposal is no history: its sentences about the past answer
        text, evidence = history_answer(found, d.lang)
        for line in text.splitlines():
            d.add(line)
        d.evidence.extend(evidence)
        return True

    def _scenario_chosen(self, query: Query, notes: list[NoteInFocus], figs: dict) -> int | None:
        """The number of the one scenario the focused note's figures kept of several, when the question
        named none by number."""
        if query.scenarios or not notes or notes[0].also:
            return None
        f = figs.get(note_key(notes[0].hit))
        if f is None or len(f.programme.scenarios) != 1 or self._scenario_count(notes[0].hit) < 2:
            return None
        return scenario_number(f.programme.scenarios[0].name)

    def _recommended(self, hit: Hit) -> int | None:
        """The number of the alternative the note recommends: the one a sentence of its text recommends
        ("Forvaltningen anbefaler Løsning 2"), when the note has several and its sentences agree on one."""
        if self._scenario_count(hit) < 2:
            return None
        doc_id = hit.versions[0].doc_id if hit.versions else hit.doc_id
        return recommended_in((self.searcher.store.note_json(doc_id) or {}).get("text") or "")

    def _scenario_count(self, hit: Hit) -> int:
        doc_id = hit.versions[0].doc_id if hit.versions else hit.doc_id
        return len((self.searcher.store.note_json(doc_id) or {}).get("scenarios") or ())

    def _quote_money(self, d: wording.Draft, facts, focused, scenarios: set[str] | None = None) -> None:
        """An amount the text states (an increase, a share) may be what was asked: quote the best one."""
        money = self._money_fact(facts, focused, scenarios)
        if money is not None:
            d.quote(money, d.t["in_text"])

    @staticmethod
    def _money_fact(facts, focused, scenarios: set[str] | None = None, years: Sequence[int] = ()) -> Fact | None:
        """The best sentence of the focused notes that states an amount. When the answer shows chosen
        scenarios only, a sentence naming another scenario is not it, nor, when years are asked, a sentence
        naming only other years ("I Budget 2023 blev der afsat ..."): its figures would be presented as the
        answer."""
        keys = {note_key(n.hit) for n in focused}

        def other_scenario(text: str) -> bool:
            return scenarios is not None and bool(scenarios_named(text) - {scenario_number(s) for s in scenarios})

        def other_years(text: str) -> bool:
            named = years_in(text)
            return bool(years) and bool(named) and not named & set(years)

        return next((f for f in facts if KRONER.search(f.text) and (f.budget_year, (f.note_id or "").upper()) in keys
                     and not other_scenario(f.text) and not other_years(f.text)), None)

    def _row_stated(self, p: Programme, fact: Fact) -> Programme:
        """The programme with the one row of its scenarios' tables whose yearly amount or total is the
        amount the quoted sentence states ("0,6 mio. kr. til en fastholdelseskonsulent" ~ a row of 600 in
        1.000 kr.): the sentence says which part of the proposal was asked about. Unchanged when no row,
        or more than one, holds that amount."""
        if (fact.budget_year, (fact.note_id or "").upper()) != (p.budget_year, (p.note_id or "").upper()):
            return p
        stated = {a.amount_kr for a in extract_prose_amounts(fact.text)}
        tables = {s.table for s in p.scenarios}
        if not stated or not tables:
            return p
        found = {}
        for r in self.searcher.store.find_rows(RowQuery(doc_ids=[p.doc_id])):
            per = UNIT_KRONER.get((r.unit or "").strip())
            if r.is_sum or r.table_title not in tables or per is None:
                continue
            values = [*r.amounts.values(), *([r.total] if r.total is not None else [])]
            if any(abs(v * per - k) < 0.5 for v in values for k in stated):
                found.setdefault(r.label, r)
        if len(found) != 1:
            return p
        return dataclasses.replace(p, activities=(costs.row_out(next(iter(found.values()))),))

    def _calculate(self, d: wording.Draft, query: Query, with_money, named_parts: bool = False,
                   bare: Sequence[Hit] = ()) -> bool:
        """Sums per price level, or two amounts with their difference; False when the tables cannot say."""
        if query.years and not query.earlier:
            with_money = [(n, costs.in_years(p, query.years)) for n, p in with_money]
        if query.answer_type == "sum":
            return self._sum(d, query, with_money, named_parts, bare)
        return self._compare(d, query, with_money)

    def _sum(self, d: wording.Draft, query: Query, with_money, named_parts: bool = False,
             bare: Sequence[Hit] = ()) -> bool:
        """Every term cited, one sum per unit and price level. Money granted earlier is read from the
        programme's history (a later note's "Tidligere afsatte midler" counts for the earlier programme);
        rows the question names are summed instead of the whole proposal. A programme the question names
        that has no amount in the years asked is said to have none (the sum is then of the others); one
        whose note has no money table counts with the amount its sentences state for the one year asked
        (`costs.stated_term`), its sentence quoted."""
        terms: list[costs.Term] = []
        named: list[Programme] = []
        added: list[tuple[Programme, ScenarioOut]] = []  # the scenarios and rows added up
        lacking: list[Programme] = []
        stated: list[tuple[Hit, costs.Stated]] = []
        for h in bare if not query.earlier and len(query.years) == 1 else ():
            note = self.searcher.store.note_json(h.versions[0].doc_id if h.versions else h.doc_id) or {}
            heads = note.get("sections") or ()
            amounts = [dataclasses.replace(a, section=a.section or next(
                (x["heading"] for x in heads if x["start"] <= a.start < x["end"]), None))
                for a in (ProseAmount(**x) for x in note.get("prose_amounts") or ())]
            found = costs.stated_term(amounts, query.years[0], h.note_id or h.title or Path(h.source).name)
            if found is not None:
                stated.append((h, found))
        if query.earlier:
            terms = self._granted(query, [p for _, p in with_money])
            named = [with_money[0][1]] if terms else []
        else:
            # one programme's rows, unless the question names several programmes or asks for all of them
            several = named_parts or bool(_EVERY.search(query.text)) or len(query.note_ids) >= 2
            if len(with_money[0][1].activities) >= 2:
                several = False  # the rows the question names are the first programme's own ("Nørrebro og Valby")
            for _, p in with_money if several else with_money[:1]:
                chosen = p.scenarios[:1] if len(with_money) > 1 or not query.scenarios else p.scenarios
                # named rows of the chosen scenario(s) only: rows of alternative scenarios are never added
                parts = [a for a in p.activities if (a.amounts or a.total is not None) and (not chosen or a.name in {s.name for s in chosen})] \
                    or chosen
                own = [t for s in parts for t in costs.period_terms(p, s, query.per_year)]
                if own:
                    named.append(p)
                    terms += own
                    added += [(p, s) for s in parts]
                elif named_parts and query.years:
                    lacking.append(p)
        if len(added) == 1 and not stated and not lacking and added[0][1].total is not None and not query.per_year:
            # one row over every year of its table ("in total over 2029-2032" of the catalogue's summary): its
            # "I alt" cell answers; its years as terms would read as answers beside it
            p, s = added[0]
            d.add(f"• {wording.note_name(p.note_id, p.title, p.budget_year)}", f"{p.note_id} {p.title} Budget {p.budget_year}")
            d.amount(costs.period_term(p, s, d.t["total"]))
            return True
        terms += [found.term for _, found in stated]
        if len(terms) < 2 and not (terms and lacking):
            return False
        for p in named:
            # an older version read ("the first draft"): named by its version
            older = next((v.label or v.name for v in p.versions[1:] if v.doc_id == p.doc_id), None)
            d.add(f"• {wording.note_name(p.note_id, p.title, p.budget_year)}{f' ({older})' if older else ''}",
                  f"{p.note_id} {p.title} Budget {p.budget_year} {older or ''}")
        for h, _ in stated:
            d.note(h)
        for p in lacking:
            d.add(f"• {wording.note_name(p.note_id, p.title, p.budget_year)}: "
                  f"{d.t['no_amount'].format(year=wording.year_span(query.years))}",
                  f"{p.note_id} {p.title} Budget {p.budget_year}")
        d.sums(costs.sums(terms))
        for h, found in stated:
            place = wording.where(d.lang, h.note_id, h.title, h.budget_year, found.term.table, found.term.page, h.source)
            d.add(f"  «{found.sentence}» ({place})", found.sentence)
        return True

    def _agreement(self, query: Query, checked: str, hits: list[Hit], filters: Filters | None) -> _Agreement | None:
        """The budget agreement the question names (of its year), when it speaks of what the question names as a
        note in focus must (`_gap`): its hit, text, rows, prose amounts and price level."""
        year = agreements.agreement_year(query.text)
        store = self.searcher.store

        def agreement(found: Sequence[Hit]) -> Hit | None:
            return next((h for h in found if h.doc_type != "budget_note" and (year is None or h.budget_year == year)
                         and agreements.is_agreement((store.note_json(h.doc_id) or {}).get("text") or h.text)), None)

        found = agreement(hits)
        if found is None:
            others = (filters or Filters()).model_copy(update={"doc_type": "other"})
            found = agreement(self.searcher.search(query.search_text, k=10, filters=others))
        if found is None:
            return None
        note = store.note_json(found.doc_id) or {}
        text = note.get("text") or ""
        words, missing = self.relevance.words_found(dataclasses.replace(query, text=checked).subject_text, text)
        if missing and len(words) / (len(words) + len(missing)) < self.min_coverage[query.language]:
            return None
        if self.relevance.names_missing(checked, text) or number_words_missing(checked, text):
            return None
        return _Agreement(found, text, store.find_rows(RowQuery(doc_ids=[found.doc_id])),
                          [ProseAmount(**a) for a in note.get("prose_amounts") or ()], agreements.price_level(text), year)

    def _agreement_absent(self, query: Query, checked: str, hits: list[Hit], filters: Filters | None,
                          notes: list[NoteInFocus]) -> bool:
        """ "What did the Budget 2030 agreement grant X?" when the archive holds no such agreement about X and the
        notes in focus never name it: a note's table is what the administration proposed, not what an agreement
        granted, so showing it would answer another question. (An agreement of an earlier year, "med
        Budgetaftale 2027", is the notes' history of grants: `Query.earlier`.)"""
        q = query.text
        if query.earlier or not (agreements.names_agreement(q) and agreements.asks_money(q)) \
                or agreements.asks_request(q) or agreements.asks_note(q) or agreements.asks_which_agreement(q) \
                or query.granted_before or not notes:
            return False
        if self._agreement(query, checked, hits, filters) is not None:
            return False
        year = agreements.agreement_year(q)
        named = [(self.searcher.store.note_json(n.hit.doc_id) or {}).get("text") or n.hit.text for n in notes]
        return not any(agreements.names_agreement_of(text, year) for text in named)

    def _agreement_term(self, a: _Agreement, subject: str, years: Sequence[int], unstated: str | None = None
                        ) -> tuple[costs.Term, str | None, agreements.ProseTerm | None] | None:
        """What the agreement grants the subject: its table row (the year asked, else its total), else the amount
        its one section naming the subject grants (no year asked), with that sentence. Prose of an agreement
        stating no price level counts only with `unstated` (the words saying so): one document's prose is of one
        level, so its terms may be added to each other, never to another's."""
        words = set(self.relevance.content_tokens(subject)) | {t for g in self.relevance.word_groups(subject) for t in g}
        analyzer = self.relevance.analyzer

        def tokens(t: str) -> set[str]:
            return set(analyzer.tokens(t))

        term = agreements.row_term(a.rows, words, years, tokens)
        if term is not None:
            return term, None, None
        prose = agreements.prose_term(a.text, a.amounts, words, a.level or unstated, Path(a.hit.source).name,
                                      tokens) if not years else None
        return (prose.term, prose.sentence, prose) if prose is not None else None

    def _agreement_name(self, d: wording.Draft, a: _Agreement) -> None:
        name = wording.note_name(None, a.text.strip().splitlines()[0] if a.text.strip() else None, a.hit.budget_year,
                                 a.hit.source)
        d.add(f"• {name}", f"{name} {a.hit.source}")

    def _agreement_sum(self, d: wording.Draft, query: Query, checked: str, hits: list[Hit],
                       filters: Filters | None) -> bool:
        """A sum of what a budget agreement the question names grants to each subject it names: each term the
        one table row or section of the agreement naming that subject (see `agreements`), every term cited and
        its sentence quoted, one sum per unit and price level. False (the notes answer) when the question names
        no agreement or one subject, no agreement is found, or a subject has no term of its own."""
        if not agreements.names_agreement(query.text):
            return False
        # (a piece without words of its own is no subject: "According to the Budget 2026 agreement, what do ...")
        parts = [p for p in agreements.listed(subject_parts(query.search_text))
                 if self.relevance.content_tokens(agreements.subject_text(p))]
        a = self._agreement(query, checked, hits, filters)
        if a is None:
            return False
        if len(parts) < 2:
            return self._agreement_area_sum(d, query, a)
        # the agreement's own year names it ("budgetaftalen for 2025"), unless the question writes it again
        years = [y for y in query.years if y != a.year or query.text.count(str(y)) > 1]
        terms: list[costs.Term] = []
        quoted: list[str] = []
        prose: list[agreements.ProseTerm] = []
        for part in parts:
            found = self._agreement_term(a, agreements.subject_text(part), years, d.t["level_unstated"])
            if found is None or any(found[0].label == t.label for t in terms):
                return False
            terms.append(found[0])
            quoted += [found[1]] if found[1] and found[1] not in quoted else []
            prose += [found[2]] if found[2] is not None else []
        self._agreement_name(d, a)
        d.sums(costs.sums(terms))
        spans = agreements.periods(prose)
        if len(spans) > 1:  # (added as the agreement states them; the sum is not one period's)
            d.add("  " + d.t["periods_differ"].format(periods=", ".join(spans)), " ".join(spans))
        for sentence in quoted:
            d.add(f"  «{sentence}»", sentence)
        return True

    def _follow_up(self, d: wording.Draft, query: Query, hits: list[Hit]) -> bool:
        """ "Hvor stort er mindreforbruget på X?": of the documents found, the amount whose clause is the under-
        or overspend or transfer asked, in the paragraph naming X (`followups`), that paragraph quoted. False
        when the question asks no such change or names several subjects, or no paragraph names X."""
        kind = followups.asked_change(query.text)
        if kind is None or subject_parts(query.search_text):
            return False
        subject = followups.subject_of(query.search_text)
        groups = [g for g in self.relevance.word_groups(subject) if g]
        if not groups:
            return False
        analyzer = self.relevance.analyzer
        for h in list({h.doc_id: h for h in hits}.values())[:6]:
            note = self.searcher.store.note_json(h.doc_id) or {}
            found = followups.change_named(note.get("text") or "", [ProseAmount(**x) for x in note.get("prose_amounts") or ()],
                                           kind, groups, lambda t: set(analyzer.tokens(t)))
            if found is not None:
                place = wording.where(d.lang, h.note_id, h.title, h.budget_year, found.amount.section,
                                      found.amount.page, h.source)
                text = followups.quoted(found)
                d.add(f"«{text}» ({place})", f"{text} {place}")
                return True
        return False

    def _agreement_area_sum(self, d: wording.Draft, query: Query, a: _Agreement) -> bool:
        """ "Hvor meget afsætter aftalen i alt til ældreområdet?": the grants of the sections whose headings name
        the area, added per unit and price level, each cited with its sentence; a yearly or approximate grant is
        named as not added. False when no heading names the area, or fewer than two grants can be added."""
        subject = agreements.listing_subject(agreements.subject_text(query.search_text))
        words = set(self.relevance.content_tokens(subject)) | {t for g in self.relevance.word_groups(subject) for t in g}
        analyzer = self.relevance.analyzer
        found = agreements.grants_listed(a.text, a.amounts, words, lambda t: set(analyzer.tokens(t))) if words else []
        added = [g for g in found if not (g.clause.yearly or g.clause.approximate)]
        if len(added) < 2 or query.years and any(y != a.year for y in query.years):
            return False
        level = a.level or d.t["level_unstated"]
        terms = [costs.Term(f"{g.section.heading}, {g.clause.period}" if g.clause.period else g.section.heading,
                            g.clause.value, g.clause.unit, g.clause.price_level or level, Path(a.hit.source).name,
                            g.amount.page) for g in added]
        self._agreement_name(d, a)
        d.sums(costs.sums(terms))
        spans = list(dict.fromkeys(g.clause.period for g in added if g.clause.period))
        if len(spans) > 1:
            d.add("  " + d.t["periods_differ"].format(periods=", ".join(spans)), " ".join(spans))
        for g in found:
            if g not in added:
                d.add(f"  {d.t['not_added']}: {agreements.grant_line(g, d.lang)}", f"{g.section.heading} {g.clause.sentence}")
        quoted = list(dict.fromkeys(g.amount.sentence for g in found))
        for sentence in quoted:
            d.add(f"  «{sentence}»", sentence)
        return True

    def _agreement_grant(self, d: wording.Draft, query: Query, checked: str, hits: list[Hit],
                         filters: Filters | None) -> bool:
        """What a budget agreement the question names does for one subject, in its own sentences: the alternative
        of a note it chose ("Hvilket scenarie valgte aftalen for X?"), the items it funds ("Hvilke initiativer
        på ældreområdet finansierer aftalen?"), or the amount it gives X ("Hvad giver budgetaftalen til X?"),
        each amount as written with its period and the note it names (never that note's own figures), its
        sentence quoted. False (the notes answer) when the question asks about the note as well, the agreement
        is not found, or no section of it answers for the subject."""
        if not agreements.names_agreement(query.text) or agreements.asks_request(query.text) \
                or agreements.asks_note(query.text) or agreements.asks_which_agreement(query.text) or query.granted_before:
            return False  # (money granted earlier, and by which agreement, is the notes' history)
        a = self._agreement(query, checked, hits, filters)
        if a is None:
            return False
        if query.says_total and query.answer_type == "amount" and self._agreement_area_sum(d, query, a):
            return True  # "hvor meget afsætter aftalen i alt til det sociale område"
        analyzer = self.relevance.analyzer

        def tokens(t: str) -> set[str]:
            return set(analyzer.tokens(t))

        def words(t: str) -> set[str]:
            return set(self.relevance.content_tokens(t)) | {w for g in self.relevance.word_groups(t) for w in g}

        subject = agreements.subject_text(query.search_text)
        alternative = agreements.asks_alternative(query.text)
        if not alternative and not agreements.asks_money(query.text):
            return False
        if query.answer_type == "list" and not alternative:
            found = agreements.grants_listed(a.text, a.amounts, words(agreements.listing_subject(subject)), tokens)
        else:
            part = words(subject)
            g = agreements.grant_named(a.text, a.amounts, part, tokens)
            groups = [g for g in self.relevance.word_groups(subject) if g]
            if g is None or agreements.share_named(a.text[g.section.start:g.section.end], groups, tokens) < 0.5 \
                    or alternative and g.clause.alternative is None:
                return False
            found = [g]
        if not found:
            return False
        self._agreement_name(d, a)
        levels = list(dict.fromkeys(g.clause.price_level or a.level or d.t["level_unstated"] for g in found))
        if levels == [d.t["level_unstated"]]:
            d.add(f"  {d.t['level_unstated'].capitalize()}")
        else:
            d.add(f"  {d.t['price_level']}: {', '.join(levels)}", " ".join(levels))
        if alternative:
            g = found[0]
            notes = f" ({', '.join(g.clause.note_ids)})" if g.clause.note_ids else ""
            d.add(f"  {d.t['agreement_chose'].format(alternative=g.clause.alternative, notes=notes)}",
                  g.clause.sentence)
        quoted: list[str] = []
        for g in found:
            d.add(f"  – {agreements.grant_line(g, d.lang)}", f"{g.section.heading} {g.clause.sentence}")
            quoted += [g.amount.sentence] if g.amount.sentence not in quoted else []
        for sentence in quoted:
            d.add(f"  «{sentence}»", sentence)
        return True

    def _agreement_vs_request(self, d: wording.Draft, query: Query, checked: str, hits: list[Hit],
                              filters: Filters | None, notes: list[NoteInFocus], figs: dict) -> bool:
        """ "Did the Budget 2026 agreement give X the amount the administration asked for?": the note's proposal
        total beside what the agreement grants X, and their difference within one unit and price level. False
        when the note in focus has several scenarios or no total, or the agreement grants X nothing it names."""
        if not (agreements.names_agreement(query.text) and agreements.asks_request(query.text)):
            return False
        # the note asking (the agreement itself may be the document in focus, the note "also relevant")
        note = next((n for n in sorted(notes, key=lambda n: n.also) if n.hit.doc_type == "budget_note"), None)
        f = figs.get(note_key(note.hit)) if note is not None else None
        if f is None or len(f.programme.scenarios) != 1 or f.programme.scenarios[0].total is None:
            return False
        a = self._agreement(query, checked, hits, filters)
        years = [y for y in query.years if a is not None and (y != a.year or query.text.count(str(y)) > 1)]
        found = self._agreement_term(a, agreements.subject_text(query.search_text), years) \
            if a is not None and not years else None
        if found is None:
            return False
        p, s = f.programme, f.programme.scenarios[0]
        asked = costs.Term(f"{p.note_id} (Budget {p.budget_year}), {d.t['total']} {wording.period(s.amounts)}",
                           s.total, s.unit or "?", s.price_level or "?", s.table, s.page)
        d.add(f"• {wording.note_name(p.note_id, p.title, p.budget_year)}", f"{p.note_id} {p.title} Budget {p.budget_year}")
        self._agreement_name(d, a)
        d.comparison(asked, found[0])
        if found[1]:
            d.add(f"  «{found[1]}»", found[1])
        return True

    def _granted(self, query: Query, programmes: list[Programme]) -> list[costs.Term]:
        """Amounts granted earlier to the programmes (by the agreement named, in the years asked), each
        year of each agreement once, as the newest note states it."""
        points: dict[tuple[str, str], HistoryPoint] = {}
        for p in programmes:
            found = find_history(self.searcher.histories, p.doc_id)
            for pt in found.points if found else ():
                if pt.kind != "granted" or (query.years and pt.year.isdigit() and int(pt.year) not in query.years):
                    continue
                if query.agreement_years and not any(str(y) in pt.series for y in query.agreement_years):
                    continue
                old = points.get((pt.series, pt.year))
                if old is None or (pt.budget_year or 0) > (old.budget_year or 0):
                    points[(pt.series, pt.year)] = pt
        return [costs.Term(f"{pt.note_id} (Budget {pt.budget_year}) {pt.series}, {pt.year}", pt.amount, pt.unit or "?", pt.price_level or "?",
                           pt.table, pt.page) for pt in sorted(points.values(), key=lambda pt: (pt.series, pt.year))]

    def _compare(self, d: wording.Draft, query: Query, with_money) -> bool:
        """Two scenarios of one note in each year asked, or one programme in two years (a year outside the
        note's tables is read from another note of the same programme, e.g. the original proposal), or two
        programmes in the year asked (else their totals)."""
        _, p = with_money[0]
        pairs: list[tuple] = []
        shown = [p]
        history = find_history(self.searcher.histories, p.doc_id) if len(query.budget_years) >= 2 else None
        linked = set(history.versions) if history else {p.doc_id}
        by_year = {q.budget_year: q for _, q in with_money if q.doc_id in linked and q.budget_year in query.budget_years}
        first = with_money[0][0].hit
        if query.compares_versions and len(first.versions) >= 2 and len(query.years) <= 1:
            return self._versions_compared(d, query, first)
        if len(query.budget_years) >= 2 and len(by_year) >= 2:
            # one programme in the notes of two budget years: each note's figures, and the difference only
            # when they share unit and price level
            years = [y for y in query.budget_years if y in by_year][:2]
            a, b = (by_year[y] for y in years)
            for q in (a, b):
                d.programme(q, earlier=False, years=query.years)
            rows = [x.activities[0] if x.activities else x.scenarios[0] if x.scenarios else None for x in (a, b)]
            if all(rows) and len({(r.unit, r.price_level) for r in rows}) > 1:
                levels = [f"{r.unit}, {r.price_level}" for r in rows]
                d.add(d.t["not_comparable"].format(a=levels[0], b=levels[1]), " ".join(levels))
            return True
        if len(p.scenarios) >= 2 and query.over_period:
            # "over hele perioden", "over 2028-2031", "samlet set": the two scenarios over the period asked (their
            # "I alt" cells when it is the whole table), not year by year
            ta, tb = (costs.period_term(p, s, d.t["total"]) for s in p.scenarios[:2])
            if ta is not None and tb is not None:
                pairs.append((None, ta, None, tb, None))
        if len(p.scenarios) >= 2 and not pairs:
            a, b = p.scenarios[0], p.scenarios[1]
            for y in sorted(set(a.amounts) | set(b.amounts)):
                pairs.append((a, _term(p, a, y), b, _term(p, b, y), y))
        elif len(p.activities) == 2 and len(query.years) <= 1 and not any(q.activities for _, q in with_money[1:]):
            # two rows of one note ("the science labs or the food technology rooms"; the question's words name
            # rows of no other note found): the year asked, else totals
            rows = [dataclasses.replace(a, name=" – ".join(x for x in (a.name, a.row_label) if x)) for a in p.activities]
            ta, tb = (_amount_or_total(dataclasses.replace(p, scenarios=(a,)), query.years, d.t["total"]) for a in rows)
            if ta is not None and tb is not None:
                pairs.append((None, ta, None, tb, None))
        elif len(query.years) == 2:
            ta, tb = (self._amount_in(p, [q for _, q in with_money[1:]], y) for y in query.years)
            if ta is not None and tb is not None:
                pairs.append((None, ta, None, tb, None))
        elif len(with_money) >= 2 and len(query.years) <= 1:
            # two programmes: the year asked, else each proposal's total
            shown = [p, with_money[1][1]]
            ta, tb = (_amount_or_total(x, _last_column(x) if query.fully_phased_in and not query.years
                                       else query.years, d.t["total"]) for x in shown)
            if ta is not None and tb is not None:
                pairs.append((None, ta, None, tb, None))
        if not pairs:
            return False
        for x in shown:
            d.add(f"• {wording.note_name(x.note_id, x.title, x.budget_year, x.source)}",
                  f"{x.note_id} {x.title} Budget {x.budget_year}")
        for a, ta, b, tb, y in pairs:
            if ta is not None and tb is not None:
                for t in (ta, tb):
                    if t.parts:  # a sum over part of the table's years: its terms first
                        d.sums(costs.sums(t.parts))
                d.comparison(ta, tb)
                # "Er Alternativ I eller II billigst?": the one chosen, after both amounts and their difference
                chosen = costs.chosen(ta, tb, query.choice, bool(_SAVES.search(query.text))) if query.choice else None
                if chosen is not None:
                    d.chosen(chosen, query.choice, bool(_SAVES.search(query.text)))
                continue
            for s, t in ((a, ta), (b, tb)):
                if t is None:
                    d.add(f"  – {s.name}: {d.t['no_amount'].format(year=y)}")
                else:
                    d.amount(t)
        return True

    def _versions_compared(self, d: wording.Draft, query: Query, hit: Hit) -> bool:
        """A note's oldest version (the draft) against its newest (the final one): each one's proposal total,
        named by its version, and the difference within one unit and price level."""
        shown = []
        year = str(query.years[0]) if query.years else None  # "i 2029": that column of each version
        for v in (hit.versions[-1], hit.versions[0]):
            f = costs.figures(self.searcher.store, self.relevance.analyzer,
                              dataclasses.replace(hit, doc_id=v.doc_id, versions=()), set(), query)
            s = f.programme.scenarios[0] if f is not None and len(f.programme.scenarios) == 1 else None
            value = s.amounts.get(year) if s is not None and year else s.total if s is not None else None
            if s is None or value is None:
                return False
            named = " ".join(x for x in (f.programme.note_id, s.name if query.scenarios else None) if x)
            when = year or f"{d.t['total']} {wording.period(s.amounts)}"
            label = f"{named} ({v.label or v.name}), {when}"
            shown.append(costs.Term(label.strip(), value, s.unit or "?", s.price_level or "?", s.table, s.page))
        d.add(f"• {wording.note_name(hit.note_id, hit.title, hit.budget_year)}",
              f"{hit.note_id} {hit.title} Budget {hit.budget_year}")
        d.comparison(*shown)
        return True

    def _amount_in(self, p: Programme, others: list[Programme], year: int) -> costs.Term | None:
        """The yearly amount of `year`: from the note's own proposal, else another focused note's, else the
        proposal of a linked note of the programme (the note of that budget year first, then the earliest)."""
        for q in (p, *others):
            if q.scenarios and str(year) in q.scenarios[0].amounts:
                term = _term(q, q.scenarios[0], str(year))
                if q is not p and term is not None and (q.note_id, q.budget_year) != (p.note_id, p.budget_year):
                    # another note's figure (the original proposal of the programme): named by its budget year
                    term = dataclasses.replace(term, label=f"{q.note_id} (Budget {q.budget_year}), {year}")
                return term
        found = find_history(self.searcher.histories, p.doc_id)
        proposed = [pt for pt in (found.points if found else ()) if pt.kind == "proposed" and pt.year == str(year)
                    and pt.doc_id != p.doc_id]
        if not proposed:
            return None
        pt = min(proposed, key=lambda pt: (pt.budget_year != year, pt.budget_year or 0, pt.series))
        label = " ".join(x for x in (pt.note_id, f"Budget {pt.budget_year}", pt.series) if x)
        return costs.Term(f"{label}, {pt.year}", pt.amount, pt.unit or "?", pt.price_level or "?", pt.table, pt.page)


# the kinds of question an agreement's own sentences can answer for one subject (see `_agreement_grant`)
_GRANT_TYPES = ("amount", "fact", "list", "history")


@dataclass(frozen=True)
class _Agreement:
    """A budget agreement found for a question, with what sums read from it."""

    hit: Hit
    text: str
    rows: list
    amounts: list[ProseAmount]
    level: str | None  # the price level it states for its amounts
    year: int | None  # the budget year the question names it by


def note_key_of(f: Fact) -> tuple:
    """A quoted fact's note, as `note_key` counts notes (versions of one note are one note)."""
    return (f.budget_year, (f.note_id or "").upper()) if f.note_id else (f.doc_id,)


def _term(p: Programme, s: ScenarioOut, year: str):
    if year not in s.amounts:
        return None
    name = " ".join(x for x in (p.note_id, s.name) if x)
    return costs.Term(f"{name}, {year}", s.amounts[year], s.unit or "?", s.price_level or "?", s.table, s.page)


def _amount_or_total(p: Programme, years, total_word: str):
    """A programme's first scenario in the one year asked, else its total (None when it has neither)."""
    if not p.scenarios:
        return None
    s = p.scenarios[0]
    if years:
        return _term(p, s, str(years[0]))
    if s.total is None:
        return None
    name = " ".join(x for x in (p.note_id, s.name) if x)
    return costs.Term(f"{name}, {total_word} {wording.period(s.amounts)}", s.total, s.unit or "?", s.price_level or "?",
                      s.table, s.page)


def _extreme(shown, year: str, which: str):
    """ "The highest running costs in 2028": of the rows shown (the named rows, else the scenarios), the one
    with the largest (or smallest) amount in that year; unchanged unless several rows of one unit and price
    level have that year and one of them stands out."""
    rows = [(n, p, a) for n, p in shown for a in (p.activities or p.scenarios) if year in a.amounts]
    if len(rows) < 2 or len({(a.unit, a.price_level) for _, _, a in rows}) != 1:
        return shown
    pick = max if which == "max" else min
    best = pick(a.amounts[year] for _, _, a in rows)
    top = [(n, p, a) for n, p, a in rows if a.amounts[year] == best]
    if len(top) != 1:
        return shown
    n, p, a = top[0]
    kept = dataclasses.replace(p, activities=(a,), scenarios=()) if p.activities else dataclasses.replace(p, scenarios=(a,))
    return [(n, kept)]


_HOW_MANY_MORE = re.compile(r"\b(?:how many (?:more|fewer|less)|how much (?:more|less)|hvor mange (?:flere|færre|mindre)|"
                            r"hvor meget (?:mere|mindre))\b", re.IGNORECASE)
_COUNTED = re.compile(r"(?P<approx>\b(?:ca\.|cirka|omkring)\s+)?(?<![\w.,])(?P<n>\d{1,3}(?:\.\d{3})+|\d+)(?![\d.,]\d)"
                      r"(?!\s*(?:pct|procent|%|mio|mia|kr))\s+(?P<noun>[^\W\d_]+)")


def _counted_difference(d: wording.Draft, query: Query, facts) -> bool:
    """Of a sentence going through the scenarios ("Scenarie 1 beskytter ca. 350 boliger, scenarie 2 ca. 1.100
    boliger og scenarie 3 ca. 2.600 boliger"), the two asked scenarios' parts quoted, and the difference of
    their counts when each part counts the same thing (the first count of each, not a year); False when no
    quoted sentence does."""
    a, b = query.scenarios
    for f in facts:
        if not {a, b} <= scenarios_named(f.text):
            continue
        parts = [scenario_clause(f, {n}) for n in (a, b)]
        counts = [next((m for m in _COUNTED.finditer(SCENARIO_MENTION.sub(" ", p.text)) if not re.fullmatch(r"(?:19|20)\d\d", m.group("n"))),
                       None) for p in parts]
        if any(p is f for p in parts) or None in counts or counts[0].group("noun").lower() != counts[1].group("noun").lower():
            continue
        va, vb = (parse_danish_number(m.group("n")) for m in counts)
        if va is None or vb is None:
            continue
        for p in parts:
            d.quote(p)
        about = "ca. " if any(m.group("approx") for m in counts) else ""
        text = f"{counts[1].group('n')} − {counts[0].group('n')} = {about}{format_danish_number(vb - va)} {counts[1].group('noun')}"
        d.add(f"  {d.t['difference']}: {text}",
              f"difference: {counts[1].group('n')} - {counts[0].group('n')} = {format_danish_number(vb - va)}")
        return True
    return False


def _states_total(f: Fact, programmes: Sequence[Programme]) -> bool:
    """Whether a sentence states the period total of a scenario or row shown (in kroner)."""
    stated = {a.amount_kr for a in extract_prose_amounts(f.text)}
    totals = {s.total * UNIT_KRONER[s.unit] for p in programmes for s in (*p.scenarios, *p.activities)
              if s.total is not None and s.unit in UNIT_KRONER}
    return any(abs(a - t) < 0.5 for a in stated for t in totals)


def _states_sum(f: Fact, totals: Sequence[tuple]) -> bool:
    """Whether a sentence states one of the sums computed (in kroner)."""
    stated = {a.amount_kr for a in extract_prose_amounts(f.text)}
    return any(abs(a - v * UNIT_KRONER[u]) < 0.5 for a in stated for v, u in totals if u in UNIT_KRONER)


def _last_column(p: Programme) -> tuple[int, ...]:
    """ "Når det er fuldt indfaset": the last year of the proposal's table (its lasting level)."""
    years = [int(y) for s in p.scenarios[:1] for y in s.amounts if y.isdigit()]
    return (max(years),) if years else ()


def _stated_in(text: str, years: Sequence[int]) -> bool:
    """Whether a sentence of the text states an amount of money in a year asked ("Udgiften var 14,2 mio. kr. i
    2026"): the year lies outside the proposal's tables, yet the note says what was spent then."""
    return any(set(years) & years_in(text[a:b]) and _MONEY.search(text[a:b]) for a, b in sentence_spans(text))


def _before(facts: Sequence[Fact], notes: Sequence[NoteInFocus]) -> tuple[Fact, ...]:
    """ "Hvad er der tidligere afsat til X?": a sentence whose years all lie in the focused note's budget year or
    after it ("Med Aftale om Budget 2030 er der afsat ..." of a Budget 2030 note, "der gives en anlægsbevilling
    ... i 2030") tells what is granted now, not before; kept only when no sentence tells of before."""
    year = next((n.hit.budget_year for n in notes if not n.also and n.hit.budget_year), None)
    if year is None:
        return tuple(facts)
    kept = tuple(f for f in facts if not (ys := years_in(f.text)) or min(ys) < year)
    return kept or tuple(facts)


def _has_years(p: Programme, years) -> bool:
    wanted = {str(y) for y in years}
    return any(wanted & set(s.amounts) for s in (*p.scenarios, *p.activities))


def _other_years(query: Query, facts) -> str | None:
    """ "Hvor mange ... i 2015?" when every sentence found counts another year: the refusal to give. When
    the year is asked as the count's time ("i 2024", "in 2024"; not "Idrætspuljen 2026" or "fra 2028"), one
    sentence counting another year and none that year is enough: the others count no year at all."""
    if not query.years or query.answer_type not in ("count", "percent") or query.asks or not facts:
        return None
    stated = [_counted_years(f) for f in facts]
    asked = set(query.years)
    if any(asked & s for s in stated) or not any(stated):
        return None
    timed = any(int(y) in asked for y in _YEAR_AS_TIME.findall(query.text))
    if not all(stated) and not timed:
        return None
    years = sorted(set().union(*stated))
    return wording.phrase(query.language, "other_years", stated=", ".join(map(str, years)), asked=wording.year_span(query.years))


# a document's own date ("statusnotatet af 4. april 2029", "the letter of 14 June 2029"): no time of a count
_DOCUMENT_DATE = re.compile(r"\b(?:af|dateret|of|dated)\s+(?:den\s+|the\s+)?\d{1,2}\.?\s+[^\W\d_]{3,9}\.?\s+(?:19|20)\d\d\b",
                            re.IGNORECASE)


def _counted_years(f: Fact) -> set[int]:
    """The years a quoted fact counts: a clause, the years of its section and sentence; a table row, its
    columns' years. A document's date named in passing ("statusnotatet af 4. april 2029 viser ...") is none."""
    def years(text: str) -> set[int]:
        return years_in(_DOCUMENT_DATE.sub(" ", text))
    dated = {y for m in _DOCUMENT_DATE.finditer(sentence_of(f)) for y in years_in(m.group(0))}
    return years(f"{f.section or ''} {f.text}") or clause_years(f) - dated or head_years(f)


# a table row quoted as a sentence: a label, then two figures or more ("Rollatorer 13 pct. 18 pct. 40 pct.")
_ROW = re.compile(r"[^\W\d_][^\d]{0,60}?(?:\s[-−–]?\d[\d.,]*(?:\s?(?:pct\.|%|kr\.))?){2,}\s*")
# a table's head: two years or more with at most a short word between ("2025 2026 Mål 2029")
_HEAD = re.compile(r"(?<!\d)(?:19|20)\d\d(?:\s+(?:[^\W\d_]{1,12}\s+)?(?:19|20)\d\d(?!\d))+")
_SENTENCE = re.compile(r"[.!?]\s+[A-ZÆØÅ][a-zæøå]*(?:\s+[a-zæøå]+){3}")  # prose: a sentence opening


def head_years(f: Fact) -> set[int]:
    """The years of the head above a table row quoted without years of its own ("Pct. 2025 2026 Mål 2029" above
    "Rollatorer 13 pct. 18 pct. 40 pct."): a row's figures are of its columns' years. Only rows lie between."""
    if not _ROW.fullmatch(f.text.strip()):
        return set()
    before = f.passage[:f.highlight[0]]
    head = next(reversed(list(_HEAD.finditer(before))), None)  # the last head above the row
    if head is None or years_in(before[head.end():]) or _SENTENCE.search(before[head.end():]):
        return set()
    return years_in(head.group(0))


_YEARLY = re.compile(r"\b(?:om året|årlig\w*|pr\.? år|per år|hvert år|a year|per year|each year|yearly|annual\w*)\b",
                     re.IGNORECASE)
# an amount of money for a span of years: "6,0 mio. kr. i 2026-2027", "27,2 mio. kr. i perioden 2026-2029"
_SPAN_AMOUNT = re.compile(r"\d\s*(?:mio\.?|mia\.?)?\s*(?:kr\.?|kroner)\s+(?:i|in|over|for)\s+(?:perioden\s+|the period\s+)?"
                          r"((?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d)", re.IGNORECASE)


def _not_yearly(query: Query, facts) -> str | None:
    """ "Hvad koster de om året?" when every amount quoted is for a span of years ("6,0 mio. kr. i 2026-2027")
    and none is said per year: the spans (the refusal names them); None when a yearly amount is there."""
    if not _YEARLY.search(query.text) or query.years or not facts:
        return None
    if any(_YEARLY.search(f.text) for f in facts):
        return None
    spans = [m.group(1) for f in facts for m in _SPAN_AMOUNT.finditer(f.text)]
    money = [f for f in facts if _MONEY.search(f.text)]
    if not spans or any(not _SPAN_AMOUNT.search(f.text) for f in money):
        return None
    return ", ".join(dict.fromkeys(re.sub(r"\s*[-–]\s*", "-", s) for s in spans))


_ITEM = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[-•*–])[ \t]+\S[^\n]*")
_INTRO_LINE = re.compile(r":[ \t]*\n")  # an introduction and the items under it
HEADING_WORDS = 8  # a heading over a list is a short line
PREFIX = 5  # letters two words must share to count as one word of the question (compounds, inflections)
_INTRO = re.compile(r":[ \t]*\n[ \t]*(?:\d{1,2}[.)]|[-•*–])[ \t]+\S")  # "... fem spor:\n1. ...": items begun


def _asks_back(text: str) -> bool:
    """Whether a list is of questions (a letter's "Spørgsmål:" and the member's questions): never an answer."""
    items = [line for line in text.splitlines()[1:] if line.strip()]
    return bool(items) and sum(line.rstrip().endswith("?") for line in items) * 2 > len(items)


def with_items(f: Fact) -> Fact:
    """A sentence that introduces a list ("... består af tre dele:") quoted with the items that follow it
    (lines opening with "1.", "2)", "-" or "•"; also when the sentence runs into the first of them): the
    items are what a list question asks for."""
    if not (f.text.rstrip().endswith(":") or _INTRO.search(f.text)):
        return f
    end = f.highlight[1]
    rest = f.passage[end:]
    pos = 0
    while True:
        m = _ITEM.match(rest, pos + (rest[pos:pos + 1] == "\n"))
        if m is None:
            break
        pos = m.end()
    if pos == 0:
        return f
    start = f.highlight[0]
    return dataclasses.replace(f, text=f.passage[start:end + pos], highlight=(start, end + pos))


def _figures(text: str) -> frozenset[str]:
    """The figures a text states (years left out): "50 pct." → {"50"}."""
    return frozenset(m for m in re.findall(r"(?<![\w.,])\d+(?:[.,]\d+)*", text) if not re.fullmatch(r"(?:19|20)\d\d", m))


def _as_written(word: str, text: str) -> str:
    """A lower-cased word of the question as the question writes it ("amager" → "Amager")."""
    m = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    return m.group(0) if m else word


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


__all__ = ["Answer", "Answerer", "Fact", "Programme", "ScenarioOut", "route"]
