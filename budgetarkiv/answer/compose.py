"""Questions → cited answers: the orchestrator.

Analyse the question (`search.query`), retrieve, check relevance (`relevance`), look up the figures of the
notes in focus (`costs`), pick the sentences that answer (`sentences`) and word it (`wording`).
Extractive and deterministic: every figure in the answer text is copied from a table cell or a sentence
of a cited document, with its unit and price level. When retrieval finds nothing relevant enough, the
answer says so (`answered=False`) and shows the nearest passages instead of stretching them.
"""
from __future__ import annotations

from budgetarkiv.answer import costs, sentences, wording
from budgetarkiv.answer.model import Answer, Fact, Programme, ScenarioOut
from budgetarkiv.answer.relevance import Relevance, relevant_notes
from budgetarkiv.search.hybrid import Filters, Searcher
from budgetarkiv.search.query import analyse, route


class Answerer:
    def __init__(self, searcher: Searcher, writer=None) -> None:
        self.searcher = searcher
        if writer is None and searcher.settings.llm_url:
            from budgetarkiv.answer.writer import LLMWriter

            writer = LLMWriter(searcher.settings.llm_url, searcher.settings.llm_model)
        self.writer = writer
        self.relevance = Relevance(searcher.lexical)
        self.min_coverage = {"da": searcher.settings.min_coverage_da, "en": searcher.settings.min_coverage_en}

    def ask(self, question: str, filters: Filters | None = None, k: int = 10) -> Answer:
        query = analyse(question)
        lang, intents = query.language, query.intents
        hits = self.searcher.search(question, k=k, filters=filters)
        coverage = self.relevance.coverage(question, hits[:3])
        if not hits or coverage < self.min_coverage[lang]:
            return Answer(
                question=question, answered=False, intents=intents, language=lang, sources=tuple(hits[:5]),
                answer=wording.phrase(lang, "none"),
            )
        notes = relevant_notes(hits)
        wanted = set(self.relevance.content_tokens(question))
        analyzer = self.searcher.lexical.analyzer
        programmes = tuple(
            p for p in (costs.programme(self.searcher.store, analyzer, h, wanted, query.earlier) for h in notes)
            if p is not None
        )
        facts = sentences.select_facts(analyzer, question, wanted, hits, intents)
        text, evidence = wording.compose_text(lang, intents, programmes, facts, notes)
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


__all__ = ["Answer", "Answerer", "Fact", "Programme", "ScenarioOut", "route"]
