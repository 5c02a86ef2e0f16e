"""The web page end to end: Debian's chromium (headless, via Playwright) against the REAL server.

The server is uvicorn in a thread on a free port, serving create_app() over the session's real index and
model. The tests ask the question a civil servant would, look at the cost table and a highlighted source,
download the CSV, open the note, follow the permalink, use only the keyboard, and try the inquiry helper.
Screenshots go to test-output/ (gitignored) for a person to look at.

Without chromium the tests skip, with the reason; when CI is set they fail instead.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from tests.live_server import serve_service

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-output"
QUESTION = "Hvilke indsatser er rettet mod negativ social kontrol, og hvad koster de?"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
TIMEOUT_MS = 60_000


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    reason = "Debian's chromium is not installed (bash test.sh installs it when run as root: apt-get install chromium)"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI is set but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def base_url(index_settings, searcher):
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.api.app import Service

    with serve_service(Service(index_settings, searcher, Answerer(searcher))) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="da-DK")
    context.set_default_timeout(TIMEOUT_MS)
    p = context.new_page()
    outside = []
    # No external network: every request the page makes must go to our own server.
    p.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "blob:", "data:")) else None)
    yield p
    context.close()
    assert not outside, f"the page requested outside resources: {outside}"


def _ask(page, base_url):
    page.goto(base_url + "/")
    page.get_by_label("Dit spørgsmål").fill(QUESTION)
    page.get_by_role("button", name="Søg", exact=True).click()
    page.get_by_role("heading", name="Udgifter pr. indsats og scenarie").wait_for()


def test_api_clients_still_get_json_and_browsers_get_the_page(base_url):
    with httpx.Client(base_url=base_url, timeout=60) as c:
        home = c.get("/")
        assert home.status_code == 200 and "text/html" in home.headers["content-type"]
        assert 'lang="da"' in home.text and "https://" not in home.text  # no CDN
        for asset in ("/static/app.js", "/static/style.css"):
            r = c.get(asset)
            assert r.status_code == 200 and "http://" not in r.text and "https://" not in r.text
        doc_id = c.get("/notes").json()[0]["doc_id"]
        for accept in ("application/json", "*/*", ""):
            r = c.get(f"/notes/{doc_id}", headers={"Accept": accept} if accept else {})
            assert r.headers["content-type"].startswith("application/json"), accept
            assert r.json()["doc_id"] == doc_id
        browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
        r = c.get(f"/notes/{doc_id}", headers={"Accept": browser_accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        r = c.get("/notes/0000000000000000", headers={"Accept": browser_accept})
        assert r.status_code == 404 and "Ukendt dokument" in r.text
        assert c.get("/notes/0000000000000000").status_code == 404


def test_ask_shows_cost_table_sources_csv_and_note(page, base_url):
    OUT.mkdir(exist_ok=True)
    _ask(page, base_url)

    # The short answer and the permalink carrying the question.
    assert "BI23" in page.locator("#answer-text").inner_text()
    href = page.get_by_role("link", name="Link til dette svar").get_attribute("href")
    assert parse_qs(urlparse(href).query)["q"] == [QUESTION]
    assert parse_qs(urlparse(page.url).query)["q"] == [QUESTION]

    # The cost table of BI23: years as columns, the total, unit and price level.
    table = page.locator("#cost-list table.money").first
    caption = table.locator("caption").inner_text()
    assert "1.000 kr." in caption and "2026 p/l" in caption
    headers = table.locator("thead th").all_inner_texts()
    assert headers[1:5] == ["2026", "2027", "2028", "2029"] and "I alt" in headers
    row = table.get_by_role("row", name="Scenarie 1")
    cells = row.locator("td").all_inner_texts()
    assert cells[:5] == ["3.490", "3.490", "3.490", "3.490", "13.960"]

    # A source with its key sentence highlighted, and where it comes from.
    source = page.locator("#source-list li.source").first
    assert source.locator("mark").count() >= 1
    assert source.locator("mark").first.inner_text().strip()
    meta = source.locator(".meta").inner_text()
    assert "Afsnit:" in meta and ".txt" not in meta  # named for people, not by the archive's file name
    assert "Side" not in meta  # BI23's file has no page markers: no page is shown rather than a guessed one
    assert "BI23" in source.locator("h3").inner_text() and "Budget 2026" in source.locator("h3").inner_text()

    page.screenshot(path=str(OUT / "answer.png"), full_page=True)

    # Download as CSV: exactly the figures shown.
    with page.expect_download() as info:
        page.get_by_role("button", name="Hent som CSV: BI23 udgifter").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_text("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    head, body = rows[0], rows[1:]
    assert head[:9] == ["Notat", "Budgetår", "Titel", "Tabel", "Scenarie", "Række", "Enhed", "Prisniveau", "Side"]
    assert head[9:] == ["2026", "2027", "2028", "2029", "I alt"]
    first = dict(zip(head, body[0]))
    assert first["Notat"] == "BI23" and first["Scenarie"] == "Scenarie 1" and first["Prisniveau"] == "2026 p/l"
    assert [first[y] for y in ("2026", "2027", "2028", "2029", "I alt")] == ["3490", "3490", "3490", "3490", "13960"]
    shown = len(table.locator("tbody tr").all())
    assert len(body) == shown

    # Open the parsed note from the source: a readable page with its tables.
    page.locator("#cost-list").get_by_role("link", name="Åbn notatet").first.click()
    page.wait_for_url("**/notes/**")
    page.locator("h1#note-title").wait_for()
    assert "BI23" in page.locator("h1#note-title").inner_text()
    note_tables = page.locator("table.money:not(.history-table)")  # the programme history loads beside them
    assert note_tables.count() >= 2
    money = note_tables.first
    assert "2026 p/l" in money.locator("caption").inner_text()
    assert "13.960" in money.inner_text()
    page.screenshot(path=str(OUT / "note.png"), full_page=True)


def test_permalink_reproduces_the_answer(page, base_url):
    page.goto(f"{base_url}/?{httpx.QueryParams({'q': QUESTION})}")
    page.get_by_role("heading", name="Udgifter pr. indsats og scenarie").wait_for()
    assert page.get_by_label("Dit spørgsmål").input_value() == QUESTION
    assert "13.960" in page.locator("#cost-list").inner_text()
    # With a filter in the link, the filter is applied again.
    page.goto(f"{base_url}/?{httpx.QueryParams({'q': QUESTION, 'year': '2024'})}")
    page.get_by_role("heading", name="Svar", exact=True).wait_for()
    page.locator("#status", has_text="Svaret er klar").wait_for()
    assert page.get_by_label("Budgetår").input_value() == "2024"
    assert "BI23" not in page.locator("#cost-list").inner_text()


def test_keyboard_only(page, base_url):
    page.goto(base_url + "/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent") == "Spring til indhold"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("Hvor mange borgere deltog i Perspektiv?")
    page.keyboard.press("Enter")
    page.locator("#status", has_text="Svaret er klar").wait_for()
    assert "320" in page.locator("#answer-text").inner_text()
    assert page.locator("#source-list mark", has_text="320").count() >= 1
    # Every form control has a label.
    unlabeled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
        .filter(e => !e.labels || e.labels.length === 0).map(e => e.id || e.name)""")
    assert unlabeled == []


def test_versions_shown_with_differences(page, base_url):
    notes = httpx.get(base_url + "/notes", timeout=30).json()
    perspektiv = next(n for n in notes if n["note_id"] == "BI18" and n["budget_year"] == 2024 and len(n["versions"]) == 2)
    page.goto(f"{base_url}/notes/{perspektiv['doc_id']}")
    versions = page.locator("#versioner")
    versions.wait_for()
    text = versions.inner_text()
    assert "Versioner af notatet (2)" in text
    assert "60 pct." in text and "50 pct." in text
    assert versions.locator("mark", has_text="60").count() >= 1
    # versions named for people: note id, title, year and which version (the newest has the highest number)
    assert "BI18 Perspektiv" in text and "version 2 af 2" in text and "version 1 af 2" in text
    assert ".txt" not in text


_ON_SCREEN = """el => {
    const before = el.getBoundingClientRect();
    window.scrollTo(0, window.scrollY + before.top - window.innerHeight / 2);  // vertically only
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {left: r.left, right: r.right, width: window.innerWidth, text: el.textContent,
            inside: r.width > 0 && r.left >= 0 && r.right <= window.innerWidth,
            visible: hit !== null && (hit === el || el.contains(hit))};
}"""


def test_mobile_layout(browser, base_url):
    OUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="da-DK")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(f"{base_url}/?{httpx.QueryParams({'q': QUESTION})}")
        page.get_by_role("heading", name="Udgifter pr. indsats og scenarie").wait_for()
        # Nothing but the table scroll areas may be wider than the screen.
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        # Every cost table's "I alt" column is on screen and not covered, without scrolling sideways.
        tables = page.locator("#cost-list table.money")
        assert tables.count() >= 1
        for i in range(tables.count()):
            for cell in (tables.nth(i).locator("thead th", has_text="I alt"), tables.nth(i).locator("tbody td.total").first):
                seen = cell.evaluate(_ON_SCREEN)
                assert seen["inside"] and seen["visible"], (i, seen)
        total = tables.first.get_by_role("row", name="Scenarie 1").locator("td.total")
        assert total.inner_text() == "13.960"
        page.screenshot(path=str(OUT / "answer-mobile.png"), full_page=True)
    finally:
        context.close()


def test_inquiry_helper_on_the_page(page, base_url):
    page.goto(base_url + "/")
    page.get_by_text("Besvar en skriftlig henvendelse").click()
    page.get_by_role("button", name="Indsæt eksempel").click()
    page.get_by_role("button", name="Lav udkast til svar").click()
    page.locator("#inquiry-status", has_text="3 spørgsmål").wait_for()
    draft = page.get_by_label("Udkast til svar (kan redigeres)").input_value()
    assert draft.startswith("Kære Gyda Heding\n\nTak for din henvendelse.")
    for n in (1, 2, 3):
        assert f"\nSpørgsmål {n}\n" in draft and f"\nSvar {n}\n" in draft
    assert "ca. 3,5 mio. kr. årligt" in draft and "[3.490 (1.000 kr., 2026 p/l)" in draft and "13.960" in draft
    assert "ca. 320 borgere" in draft and "ca. 88 mio. kr." in draft
    assert "\nMed venlig hilsen\n\n" in draft and ".txt" not in draft
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "inquiry.png"), full_page=True)
    # The reply as a Word document: it opens with python-docx and reads as the same letter.
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="Hent som Word (.docx)").click()
    assert info.value.suggested_filename.endswith(".docx")
    import docx

    texts = [p.text for p in docx.Document(info.value.path()).paragraphs]
    assert texts[0] == "Kære Gyda Heding" and "Spørgsmål 3" in texts and "Svar 3" in texts
    assert texts[-2] == "Med venlig hilsen" and any("[3.490 (1.000 kr., 2026 p/l)" in t for t in texts)
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="Hent som Markdown").click()
    assert Path(info.value.path()).read_text("utf-8").startswith("Kære Gyda Heding\n\n")


def test_note_page_shows_the_programme_history_as_chart_table_and_csv(page, base_url):
    with httpx.Client(base_url=base_url, timeout=60) as c:
        notes = c.get("/notes").json()
    perspektiv = next(n for n in notes if n["note_id"] == "BI18" and n["budget_year"] == 2024)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base_url}/notes/{perspektiv['doc_id']}")
    page.get_by_role("heading", name="Økonomi over årene").wait_for()
    chart = page.get_by_role("img", name="Økonomi over årene: Perspektiv", exact=False)
    assert chart.count() == 1 and chart.bounding_box()["width"] <= 390
    table = page.locator("table.history-table")
    text = table.inner_text()
    assert "Bevilget: Budgetaftale 2020" in text and "løbende p/l" in text and "4.200" in text
    assert "Foreslået: Scenarie 1" in text and "2024 p/l" in text and "4.600" in text
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som CSV").click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert content.splitlines()[0].startswith("programme_id;kind;series;year;amount")
    assert "granted;Budgetaftale 2020;2021;4200;1.000 kr.;løbende p/l" in content


def test_page_works_with_an_api_key_kept_for_the_session(browser, index_settings, searcher):
    import dataclasses

    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.api.service import Service

    settings = dataclasses.replace(index_settings, api_key="hemmelig-nøgle")
    with serve_service(Service(settings, searcher, Answerer(searcher))) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        try:
            page.goto(url + "/")
            page.get_by_label("Dit spørgsmål").fill(QUESTION)
            page.get_by_role("button", name="Søg", exact=True).click()
            page.get_by_role("alert").filter(has_text="API-nøgle").wait_for()
            key = page.get_by_label("API-nøgle (kun hvis serveren kræver en)")
            assert key.is_visible()  # the 401 opened the key field
            key.fill("hemmelig-nøgle")
            page.get_by_role("button", name="Gem nøgle").click()
            page.get_by_role("button", name="Søg", exact=True).click()
            page.get_by_role("heading", name="Udgifter pr. indsats og scenarie").wait_for()
            assert page.evaluate("sessionStorage.getItem('budgetarkiv.apiKey')") == "hemmelig-nøgle"
        finally:
            context.close()


def test_api_docs_render_offline_with_every_operation(browser, base_url):
    """/docs (Swagger UI) comes from files installed with the project: with every request outside 127.0.0.1
    blocked, the page still lists each operation of the OpenAPI document."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    blocked: list[str] = []

    def only_local(route):
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    try:
        paths = httpx.get(base_url + "/openapi.json", timeout=30).json()["paths"]
        operations = {(method.upper(), path) for path, ops in paths.items() for method in ops}
        assert {("POST", "/ask"), ("POST", "/v1/chat/completions"), ("GET", "/tables")} <= operations
        page.goto(base_url + "/docs")
        page.locator(".opblock").first.wait_for()
        shown = set()
        for block in page.locator(".opblock").all():
            method = block.locator(".opblock-summary-method").inner_text().strip().upper()
            shown.add((method, block.locator(".opblock-summary-path").get_attribute("data-path")))
        assert shown == operations
        OUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUT / "docs.png"))
    finally:
        context.close()
    assert not blocked, f"the docs requested outside resources: {blocked}"
