"""POST /inquiry: a pasted written inquiry → its questions, each answered, and a draft reply."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse

from budgetarkiv.answer.inquiry import answer_inquiry
from budgetarkiv.api.errors import UNKNOWN_NOTE
from budgetarkiv.api.schemas import Inquiry, InquiryIn, jsonable
from budgetarkiv.api.service import ServiceDep

router = APIRouter()


@router.post("/inquiry", response_model=Inquiry, responses=UNKNOWN_NOTE,
             summary="Split a written inquiry into its questions, answer each, draft the reply")
def inquiry(body: InquiryIn, service: ServiceDep) -> JSONResponse:
    if not body.text.strip():
        raise HTTPException(422, "Ugyldig forespørgsel: text er tom.")
    service.check_note(body.filters.note_id)
    return JSONResponse(jsonable(answer_inquiry(service.answerer, body.text, body.filters), Inquiry))
