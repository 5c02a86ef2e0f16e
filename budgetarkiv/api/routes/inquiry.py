"""POST /inquiry: a pasted written inquiry → its questions, each answered, and a draft reply."""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from budgetarkiv.api import tools
from budgetarkiv.api.errors import UNKNOWN_NOTE
from budgetarkiv.api.reply import DOCX_TYPE, MARKDOWN_TYPE, reply_docx, reply_markdown
from budgetarkiv.api.schemas import Inquiry, InquiryIn
from budgetarkiv.api.service import ServiceDep

router = APIRouter()


@router.post("/inquiry", response_model=Inquiry, responses=UNKNOWN_NOTE,
             summary="Split a written inquiry into its questions, answer each, draft the reply")
def inquiry(body: InquiryIn, service: ServiceDep) -> JSONResponse:
    return JSONResponse(tools.BY_NAME["answer_inquiry"].call(service, body))


def _download(body: bytes | str, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.post("/inquiry/draft.docx", responses={**UNKNOWN_NOTE, 200: {"content": {DOCX_TYPE: {}}}},
             response_class=Response, summary="The draft reply as a Word document (.docx)")
def inquiry_docx(body: InquiryIn, service: ServiceDep) -> Response:
    return _download(reply_docx(tools.answer_inquiry(service, body)), DOCX_TYPE, "svar-paa-henvendelse.docx")


@router.post("/inquiry/draft.md", responses={**UNKNOWN_NOTE, 200: {"content": {"text/markdown": {}}}},
             response_class=Response, summary="The draft reply as Markdown")
def inquiry_markdown(body: InquiryIn, service: ServiceDep) -> Response:
    return _download(reply_markdown(tools.answer_inquiry(service, body)), MARKDOWN_TYPE, "svar-paa-henvendelse.md")
