"""A drafted reply to an inquiry as files a caseworker opens: Markdown and Word (.docx, python-docx).

Only layout: the words, figures and citations are the draft's own (`answer.inquiry`); nothing is added,
rounded or converted here, so both files say exactly what the JSON draft says.
"""
from __future__ import annotations

import io

from budgetarkiv.answer.inquiry import NO_ANSWER, Inquiry

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MARKDOWN_TYPE = "text/markdown; charset=utf-8"


def _answers(reply: Inquiry) -> list[tuple[int, str, list[str]]]:
    """(number, question, answer paragraphs) per question."""
    return [(q.number, q.question, [s.text for s in q.statements] or [NO_ANSWER]) for q in reply.questions]


def reply_markdown(reply: Inquiry) -> str:
    """The reply as Markdown: greeting, opening, "Spørgsmål n" / "Svar n" headings, closing."""
    parts = [reply.greeting, reply.opening]
    for number, question, paragraphs in _answers(reply):
        parts += [f"### Spørgsmål {number}", question, f"### Svar {number}", *paragraphs]
    greeting, signer = reply.closing
    parts += [greeting, signer]
    return "\n\n".join(parts) + "\n"


def reply_docx(reply: Inquiry) -> bytes:
    """The reply as a Word document: the same paragraphs, questions and answers under headings."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = "Svar på henvendelse"
    doc.core_properties.language = "da-DK"
    doc.add_paragraph(reply.greeting)
    doc.add_paragraph(reply.opening)
    for number, question, paragraphs in _answers(reply):
        doc.add_heading(f"Spørgsmål {number}", level=2)
        doc.add_paragraph(question)
        doc.add_heading(f"Svar {number}", level=2)
        for text in paragraphs:
            doc.add_paragraph(text)
    greeting, signer = reply.closing
    doc.add_paragraph(greeting)
    doc.add_paragraph(signer)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
