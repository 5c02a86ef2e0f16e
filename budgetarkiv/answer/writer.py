"""Optional answer writer: an LLM behind an OpenAI-compatible endpoint the municipality runs.

It sees only the retrieved evidence and the extractive answer, and its text is checked afterwards: an
answer holding a number that the evidence does not hold is rejected in favour of the extractive one.
Off unless BUDGETARKIV_LLM_URL is set.
"""
from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Sequence

from budgetarkiv.answer.figures import unsupported_numbers

log = logging.getLogger("budgetarkiv.writer")

SYSTEM = (
    "Du skriver korte, sagligt korrekte svar på dansk til en kommunal sekretariatsmedarbejder. Brug KUN "
    "oplysninger og tal fra evidensen. Nævn kilden (notat-id, år, tabel eller afsnit) ved hvert tal. Skriv "
    "tal præcis som i evidensen, med enhed og prisniveau. Finder du ikke svaret i evidensen, så sig det."
)


class LLMWriter:
    def __init__(self, url: str, model: str, timeout: float = 30.0) -> None:
        self.url = url
        self.model = model
        self.timeout = timeout

    def write(self, question: str, extractive: str, evidence: Sequence[str]) -> str | None:
        """A rewritten answer, or None when the endpoint fails or the text invents a number."""
        user = (
            f"Spørgsmål: {question}\n\nEvidens:\n" + "\n".join(f"- {e}" for e in evidence)
            + f"\n\nUdtrukket svar (korrekt, men stift):\n{extractive}\n\nSkriv svaret."
        )
        body = json.dumps({
            "model": self.model, "temperature": 0,
            "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}],
        }).encode()
        request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                text = json.loads(response.read())["choices"][0]["message"]["content"].strip()
        except (urllib.error.URLError, TimeoutError, OSError, ValueError, KeyError, IndexError, TypeError) as exc:
            log.warning("LLM writer unavailable, keeping the extractive answer: %s", exc)
            return None
        invented = unsupported_numbers(text, [*evidence, question, extractive])
        if invented:
            log.warning("LLM answer rejected: numbers not in the evidence: %s", sorted(invented))
            return None
        return text or None
