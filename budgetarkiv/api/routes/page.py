"""The web page for secretariats: static files with no build step, and content negotiation for notes."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

PAGE_DIR = Path(__file__).resolve().parent.parent / "page"
router = APIRouter()


@router.get("/", include_in_schema=False)
def page() -> FileResponse:
    return FileResponse(PAGE_DIR / "index.html", media_type="text/html; charset=utf-8")


def prefers_html(accept: str) -> bool:
    """True when the Accept header ranks text/html above JSON (a browser); */* alone means JSON."""
    def quality(wanted: str) -> float:
        best, best_specific = 0.0, -1
        for part in accept.split(","):
            media, _, params = part.strip().partition(";")
            media = media.strip().lower()
            q = 1.0
            for p in params.split(";"):
                k, _, v = p.strip().partition("=")
                if k.strip() == "q":
                    try:
                        q = float(v)
                    except ValueError:
                        q = 0.0
            kind, _, sub = media.partition("/")
            w_kind, _, w_sub = wanted.partition("/")
            specific = 2 if media == wanted else 1 if (kind == w_kind and sub == "*") else 0 if media == "*/*" else -1
            if specific > best_specific:
                best, best_specific = q, specific
        return best if best_specific >= 0 else 0.0

    return quality("text/html") > quality("application/json")


NOT_FOUND_HTML = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Ukendt dokument</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/static/style.css">
</head><body><main class="wrap"><h1>Ukendt dokument</h1><p>Dokumentet findes ikke i arkivet.</p>
<p><a href="/">Til forsiden</a></p></main></body></html>"""
