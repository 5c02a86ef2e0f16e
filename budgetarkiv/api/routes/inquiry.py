"""POST /inquiry: a pasted written inquiry → its questions, each answered, and a draft reply."""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from budgetarkiv.api import tools
from budgetarkiv.api.errors import UNKNOWN_NOTE
from budgetarkiv.api.schemas import Inquiry, InquiryIn
from budgetarkiv.api.service import ServiceDep

router = APIRouter()


@router.post("/inquiry", response_model=Inquiry, responses=UNKNOWN_NOTE,
             summary="Split a written inquiry into its questions, answer each, draft the reply")
def inquiry(body: InquiryIn, service: ServiceDep) -> JSONResponse:
    return JSONResponse(tools.BY_NAME["answer_inquiry"].call(service, body))
