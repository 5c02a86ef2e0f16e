/* budgetarkiv: the page for civil servants. Plain JavaScript, no build step, no external requests. */
"use strict";

(function () {
  // ---------- helpers ------------------------------------------------------------------------
  const $ = (sel, root) => (root || document).querySelector(sel);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  /** 3490 -> "3.490"; 0.65 -> "0,65" (Danish number format, as in the notes). */
  function fmt(value) {
    if (value === null || value === undefined || value === "") return "";
    const n = Number(value);
    const neg = n < 0;
    const abs = Math.abs(n);
    let [whole, frac] = String(abs).split(".");
    if (String(abs).includes("e")) { whole = abs.toFixed(0); frac = ""; }
    whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (neg ? "-" : "") + whole + (frac ? "," + frac : "");
  }

  /** A number for a spreadsheet in Danish locale: no thousands separator, decimal comma. */
  function csvNumber(value) {
    if (value === null || value === undefined || value === "") return "";
    return String(Number(value)).replace(".", ",");
  }

  function fileName(path) { return String(path || "").split("/").pop(); }

  // ---------- API key: kept for this browser session only, sent as X-API-Key ---------------------
  const KEY_STORE = "budgetarkiv.apiKey";
  function apiKey() { try { return sessionStorage.getItem(KEY_STORE) || ""; } catch (_) { return ""; } }
  function authHeaders() { const k = apiKey(); return k ? { "X-API-Key": k } : {}; }

  function keyField() {
    const input = el("input", { id: "api-key", type: "password", autocomplete: "off", value: apiKey() });
    const saved = el("span", { class: "key-status", role: "status" }, apiKey() ? "Nøglen er gemt." : "");
    const box = el("details", { class: "api-key" },
      el("summary", {}, "API-nøgle"),
      el("label", { for: "api-key" }, "API-nøgle (kun hvis serveren kræver en)"),
      input,
      el("button", { type: "button", onclick: () => {
        try { sessionStorage.setItem(KEY_STORE, input.value.trim()); } catch (_) { /* private mode */ }
        saved.textContent = input.value.trim() ? "Nøglen er gemt for denne session." : "Nøglen er fjernet.";
      } }, "Gem nøgle"),
      saved);
    return box;
  }

  function askForKey() {
    const box = $("details.api-key");
    if (box) { box.open = true; $("#api-key").focus(); }
  }

  async function download_url(url, filename) {
    const res = await fetch(url, { headers: authHeaders() });
    if (!res.ok) { if (res.status === 401) askForKey(); return; }
    download(filename, await res.text(), res.headers.get("content-type") || "text/plain");
  }

  async function getJSON(url, options) {
    // no-store: /notes/{id} is also the note's HTML page; the browser cache must not mix the two up.
    const opts = Object.assign({ headers: {}, cache: "no-store" }, options || {});
    opts.headers = Object.assign({ Accept: "application/json" }, authHeaders(), opts.headers);
    const res = await fetch(url, opts);
    if (res.status === 401) askForKey();
    let data = null;
    try { data = await res.json(); } catch (_) { data = null; }
    if (!res.ok) {
      const msg = data && data.detail ? data.detail : `Serveren svarede ${res.status}.`;
      throw new Error(msg);
    }
    return data;
  }

  function noteLink(docId, text, hash) {
    return el("a", { href: `/notes/${encodeURIComponent(docId)}${hash || ""}` }, text || "Åbn notatet");
  }

  function download(filename, content, type) {
    const blob = new Blob([content], { type });
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: filename, hidden: true });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  async function copyText(text, button) {
    const old = button.textContent;
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "Kopieret";
    } catch (_) {
      button.textContent = "Kunne ikke kopiere – markér og kopiér selv";
    }
    setTimeout(() => { button.textContent = old; }, 2000);
  }

  const DOC_TYPES = { budget_note: "Budgetnotat", answer: "Svar på spørgsmål", other: "Andet" };

  // ---------- cost tables ----------------------------------------------------------------------
  /** Rows of one programme grouped into tables that share unit and price level. */
  function costGroups(programme) {
    const rows = [];
    for (const s of programme.scenarios || []) rows.push({ kind: "scenario", s });
    for (const s of programme.activities || []) rows.push({ kind: "activity", s });
    for (const s of programme.earlier_grants || []) rows.push({ kind: "earlier", s });
    const groups = [];
    for (const r of rows) {
      const key = `${r.kind === "earlier" ? "earlier" : "now"}|${r.s.unit || ""}|${r.s.price_level || ""}`;
      let g = groups.find((x) => x.key === key);
      if (!g) {
        g = { key, earlier: r.kind === "earlier", unit: r.s.unit, price_level: r.s.price_level, rows: [] };
        groups.push(g);
      }
      g.rows.push(r);
    }
    for (const g of groups) {
      const years = new Set();
      g.rows.forEach((r) => Object.keys(r.s.amounts || {}).forEach((y) => years.add(y)));
      g.years = [...years].sort();
    }
    return groups;
  }

  function rowName(r) {
    const s = r.s;
    const label = s.row_label || "";
    const isTotal = /^(udgifter i alt|i alt)/i.test(label);
    if (r.kind === "scenario") return isTotal ? (s.name || "Forslaget") : `${s.name ? s.name + ": " : ""}${label}`;
    return s.name ? `${label} (${s.name})` : label;
  }

  function costCsv(programme, group) {
    const head = ["Notat", "Budgetår", "Titel", "Tabel", "Scenarie", "Række", "Enhed", "Prisniveau", "Side",
      ...group.years, "I alt"];
    const lines = [head];
    for (const r of group.rows) {
      const s = r.s;
      lines.push([programme.note_id || "", programme.budget_year || "", programme.title || "", s.table || "",
        s.name || "", s.row_label || "", s.unit || "", s.price_level || "", s.page || "",
        ...group.years.map((y) => csvNumber(s.amounts[y])), csvNumber(s.total)]);
    }
    const cell = (v) => {
      const t = String(v);
      return /[";\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
    };
    return "\ufeff" + lines.map((l) => l.map(cell).join(";")).join("\r\n") + "\r\n";
  }

  function costTable(programme, group, index) {
    const unit = [group.unit, group.price_level].filter(Boolean).join(", ");
    const caption = el("caption", {},
      group.earlier ? "Tidligere afsatte midler" : "Udgifter",
      unit ? el("span", { class: "unit" }, ` – beløb i ${unit}`) : null);
    const thead = el("thead", {}, el("tr", {},
      el("th", { scope: "col" }, group.earlier ? "Bevilling" : "Scenarie / aktivitet"),
      group.years.map((y) => el("th", { scope: "col", class: "num" }, y)),
      el("th", { scope: "col", class: "num total" }, "I alt"),
      el("th", { scope: "col", class: "cite-head" }, "Kilde")));
    const tbody = el("tbody", {}, group.rows.map((r) => el("tr", { class: r.kind },
      el("th", { scope: "row" }, rowName(r)),
      group.years.map((y) => el("td", { class: "num" }, fmt(r.s.amounts[y]))),
      el("td", { class: "num total" }, fmt(r.s.total)),
      el("td", { class: "cite" }, [r.s.table, r.s.page ? `s. ${r.s.page}` : ""].filter(Boolean).join(", ")))));
    const id = `cost-${programme.doc_id}-${index}`;
    const table = el("table", { class: "money", id }, caption, thead, tbody);
    const name = `${(programme.note_id || "notat").replace(/\s+/g, "")}-${programme.budget_year || ""}-${group.earlier ? "tidligere-afsat" : "udgifter"}.csv`;
    const button = el("button", {
      type: "button", class: "secondary small",
      "aria-label": `Hent som CSV: ${programme.note_id || ""} ${group.earlier ? "tidligere afsatte midler" : "udgifter"}`,
      onclick: () => download(name, costCsv(programme, group), "text/csv;charset=utf-8"),
    }, "Hent som CSV");
    const cites = [...new Set(group.rows.map((r) => [r.s.table, r.s.page ? `s. ${r.s.page}` : ""].filter(Boolean).join(", ")))];
    return el("div", { class: "table-block" },
      el("div", { class: "scroll", role: "region", tabindex: "0", "aria-label": `Tabel: ${caption.textContent}` }, table),
      el("p", { class: "cite-list" }, `Kilde: ${cites.join("; ")}`),
      el("p", { class: "table-actions" }, button));
  }

  function programmeBlock(p) {
    const heading = [p.note_id, p.title].filter(Boolean).join(" ");
    const versions = p.versions || [];
    return el("article", { class: "programme" },
      el("h3", {}, heading || fileName(p.source)),
      el("p", { class: "meta" },
        p.budget_year ? `Budget ${p.budget_year} · ` : "", versions.length > 1 ? `${versions[0].label} · ` : "",
        noteLink(p.doc_id)),
      versions.length > 1 ? el("p", { class: "versions-note" },
        `${versions.length} versioner af notatet findes; tallene er fra den nyeste (${versions[0].label || versions[0].name}). `,
        noteLink(p.doc_id, "Se forskellene mellem versionerne", "#versioner")) : null,
      costGroups(p).map((g, i) => costTable(p, g, i)));
  }

  // ---------- sources --------------------------------------------------------------------------
  function markedPassage(text, spans) {
    const block = el("blockquote", { class: "passage" });
    const sorted = [...spans].sort((a, b) => a[0] - b[0]);
    let pos = 0;
    for (const [a, b] of sorted) {
      if (a < pos || b > text.length || a >= b) continue;
      block.append(text.slice(pos, a), el("mark", {}, text.slice(a, b)));
      pos = b;
    }
    block.append(text.slice(pos));
    return block;
  }

  function sourceItem(s, spans) {
    const details = [s.section ? `Afsnit: ${s.section}` : null, s.page ? `Side ${s.page}` : null].filter(Boolean);
    return el("li", { class: "source" },
      el("h3", {}, s.document || [s.note_id, s.title].filter(Boolean).join(" ") +
        (s.budget_year ? ` (Budget ${s.budget_year})` : "") || fileName(s.source)),
      el("p", { class: "meta" }, details.length ? `${details.join(" · ")} · ` : "",
        noteLink(s.doc_id, "Åbn notatet")),
      markedPassage(s.text, spans));
  }

  function renderSources(answer, list) {
    list.replaceChildren();
    const facts = answer.facts || [];
    const used = new Set();
    for (const s of answer.sources || []) {
      const spans = [];
      facts.forEach((f, i) => {
        if (f.doc_id === s.doc_id && f.passage === s.text) { spans.push(f.highlight); used.add(i); }
      });
      list.append(sourceItem(s, spans));
    }
    facts.forEach((f, i) => {  // a key sentence from a passage outside the top five
      if (used.has(i)) return;
      list.append(sourceItem(Object.assign({ text: f.passage }, f), [f.highlight]));
    });
    return list.children.length;
  }

  // ---------- the question page ----------------------------------------------------------------
  let notesIndex = [];

  async function loadFilters() {
    try {
      notesIndex = await getJSON("/notes");
    } catch (_) { notesIndex = []; }
    const years = [...new Set(notesIndex.map((n) => n.budget_year).filter(Boolean))].sort((a, b) => b - a);
    const admins = [...new Set(notesIndex.map((n) => n.administration).filter(Boolean))].sort();
    const ySel = $("#f-year");
    const aSel = $("#f-admin");
    years.forEach((y) => ySel.append(el("option", { value: y }, String(y))));
    admins.forEach((a) => aSel.append(el("option", { value: a }, a)));
  }

  function currentParams() {
    const p = new URLSearchParams();
    const q = $("#q").value.trim();
    if (q) p.set("q", q);
    if ($("#f-year").value) p.set("year", $("#f-year").value);
    if ($("#f-admin").value) p.set("forvaltning", $("#f-admin").value);
    if ($("#f-type").value) p.set("type", $("#f-type").value);
    return p;
  }

  function applyParams(params) {
    $("#q").value = params.get("q") || "";
    const setSelect = (sel, value) => {
      if (value && ![...sel.options].some((o) => o.value === value)) sel.append(el("option", { value }, value));
      sel.value = value || "";
    };
    setSelect($("#f-year"), params.get("year"));
    setSelect($("#f-admin"), params.get("forvaltning"));
    setSelect($("#f-type"), params.get("type"));
  }

  async function ask(pushHistory) {
    const question = $("#q").value.trim();
    const status = $("#status");
    const error = $("#error");
    error.hidden = true;
    if (!question) {
      error.textContent = "Skriv et spørgsmål først.";
      error.hidden = false;
      $("#q").focus();
      return;
    }
    const params = currentParams();
    const url = `/?${params.toString()}`;
    if (pushHistory) history.pushState(null, "", url);
    const filters = {};
    if ($("#f-year").value) filters.year = Number($("#f-year").value);
    if ($("#f-type").value) filters.doc_type = $("#f-type").value;
    if ($("#f-admin").value) filters.administration = $("#f-admin").value;
    status.textContent = "Søger …";
    $("#result").setAttribute("aria-busy", "true");
    let answer;
    try {
      answer = await getJSON("/ask", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ question, filters }),
      });
    } catch (e) {
      status.textContent = "";
      error.textContent = `Spørgsmålet kunne ikke besvares: ${e.message}`;
      error.hidden = false;
      $("#result").removeAttribute("aria-busy");
      return;
    }
    renderAnswer(answer, url);  // the server applies the administration filter
    if (pushHistory && window.matchMedia("(max-width: 40rem)").matches) {
      $("#answer-heading").scrollIntoView({ block: "start" });  // on a phone the form fills the screen
    }
    status.textContent = answer.answered ? "Svaret er klar." : "Arkivet har ikke et svar; de nærmeste passager er vist.";
    $("#result").removeAttribute("aria-busy");
    document.title = `${question} – Budgetarkiv`;
  }

  function renderAnswer(answer, url) {
    $("#result").hidden = false;
    $("#answer-question").textContent = answer.question;
    const text = $("#answer-text");
    text.replaceChildren(...String(answer.answer).split("\n").map((line) =>
      el("p", { class: line.trim().startsWith("–") ? "sub" : line.startsWith("•") ? "item" : "" }, line.trim())));
    text.classList.toggle("unanswered", !answer.answered);
    const link = $("#permalink");
    link.href = url;

    const programmes = (answer.programmes || []).filter((p) =>
      (p.scenarios || []).length || (p.activities || []).length || (p.earlier_grants || []).length);
    $("#costs").hidden = programmes.length === 0;
    $("#cost-list").replaceChildren(...programmes.map(programmeBlock));
    const n = renderSources(answer, $("#source-list"));
    $("#sources").hidden = n === 0;
  }

  function initSearch() {
    const form = $("#ask-form");
    form.addEventListener("submit", (e) => { e.preventDefault(); ask(true); });
    document.querySelectorAll("button.example").forEach((b) => b.addEventListener("click", () => {
      $("#q").value = b.textContent;
      ask(true);
    }));
    $("#copy-link").addEventListener("click", (e) => copyText($("#permalink").href, e.currentTarget));
    window.addEventListener("popstate", () => {
      const params = new URLSearchParams(location.search);
      applyParams(params);
      if (params.get("q")) ask(false); else $("#result").hidden = true;
    });
    loadFilters().then(() => {
      const params = new URLSearchParams(location.search);
      if (params.get("q")) { applyParams(params); ask(false); }
    });
    initInquiry();
  }

  // ---------- the inquiry helper ---------------------------------------------------------------
  const INQUIRY_EXAMPLE = [
    "Kære forvaltning",
    "",
    "Forud for budgetforhandlingerne vil jeg gerne have svar på følgende spørgsmål:",
    "",
    "1. Hvad koster indsatsen mod negativ social kontrol?",
    "2. Hvor mange borgere deltog i Perspektiv i perioden",
    "2020-2022?",
    "3. Hvad er det samlede indsatsbudget for aktivitetsparate kontanthjælpsmodtagere fyldt 30 år?",
    "",
    "Med venlig hilsen",
    "Gyda Heding",
    "Medlem af Borgerrepræsentationen",
  ].join("\n");

  function initInquiry() {
    const form = $("#inquiry-form");
    if (!form) return;
    $("#inquiry-example").addEventListener("click", () => {
      $("#inquiry-text").value = INQUIRY_EXAMPLE;
      $("#inquiry-text").focus();
    });
    $("#copy-draft").addEventListener("click", (e) => copyText($("#draft").value, e.currentTarget));
    $("#download-draft").addEventListener("click", () =>
      download("udkast-til-svar.txt", $("#draft").value, "text/plain;charset=utf-8"));
    // Word and Markdown are made by the server from the same inquiry (the same answers and citations).
    const exported = async (route, filename, button) => {
      const old = button.textContent;
      button.textContent = "Henter …";
      try {
        const res = await fetch(route, {
          method: "POST", headers: Object.assign({ "Content-Type": "application/json" }, authHeaders()),
          body: JSON.stringify({ text: $("#inquiry-text").value }),
        });
        if (res.status === 401) askForKey();
        if (!res.ok) throw new Error(`Serveren svarede ${res.status}.`);
        download(filename, await res.blob(), res.headers.get("content-type"));
      } catch (err) {
        $("#inquiry-error").textContent = `Udkastet kunne ikke hentes: ${err.message}`;
        $("#inquiry-error").hidden = false;
      } finally {
        button.textContent = old;
      }
    };
    $("#download-docx").addEventListener("click", (e) =>
      exported("/inquiry/draft.docx", "svar-paa-henvendelse.docx", e.currentTarget));
    $("#download-md").addEventListener("click", (e) =>
      exported("/inquiry/draft.md", "svar-paa-henvendelse.md", e.currentTarget));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const text = $("#inquiry-text").value;
      const status = $("#inquiry-status");
      const error = $("#inquiry-error");
      error.hidden = true;
      if (!text.trim()) {
        error.textContent = "Indsæt henvendelsen først.";
        error.hidden = false;
        return;
      }
      status.textContent = "Finder spørgsmålene og svarer … (det kan tage nogle sekunder)";
      let result;
      try {
        result = await getJSON("/inquiry", {
          method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }),
        });
      } catch (err) {
        status.textContent = "";
        error.textContent = `Henvendelsen kunne ikke behandles: ${err.message}`;
        error.hidden = false;
        return;
      }
      if (!result.questions.length) {
        status.textContent = "";
        error.textContent = "Der blev ikke fundet spørgsmål i teksten. Nummerér spørgsmålene (1., 2., …) eller afslut dem med ?.";
        error.hidden = false;
        $("#inquiry-result").hidden = true;
        return;
      }
      status.textContent = `${result.questions.length} spørgsmål fundet og besvaret.`;
      $("#inquiry-result").hidden = false;
      $("#draft").value = result.draft;
      $("#inquiry-questions").replaceChildren(...result.questions.map(questionBlock));
    });
  }

  function questionBlock(q) {
    const a = q.answer;
    const programmes = (a.programmes || []).filter((p) => (p.scenarios || []).length);
    const sources = el("ol", { class: "sources" });
    renderSources(a, sources);
    return el("article", { class: "inquiry-question" },
      el("h4", {}, `Spørgsmål ${q.number}`),
      el("p", { class: "question" }, q.question),
      q.statements.length
        ? el("ul", { class: "statements" }, q.statements.map((s) => el("li", {}, s.text)))
        : el("p", { class: "unanswered" }, "Arkivet har ikke et svar på dette spørgsmål."),
      programmes.length ? el("details", {}, el("summary", {}, "Udgiftstabeller"), programmes.map(programmeBlock)) : null,
      sources.children.length ? el("details", {}, el("summary", {}, `Kilder (${sources.children.length})`), sources) : null);
  }

  // ---------- the note page --------------------------------------------------------------------
  function paragraphs(text) {
    // Blank lines end a paragraph; so does a line that starts a list item ("•", "-", "1.").
    return String(text || "").split(/\n\s*\n|\n(?=\s*(?:[•▪–-]\s|\d{1,2}\.\s))/)
      .map((p) => p.replace(/\s*\n\s*/g, " ").trim()).filter(Boolean)
      .map((p) => el("p", { class: /^([•▪–-]|\d{1,2}\.)\s/.test(p) ? "list-item" : null }, p));
  }

  function moneyTable(t) {
    const years = (t.years || []).filter((y) => (t.rows || []).some((r) => r.amounts && r.amounts[y] !== undefined));
    const unit = [t.unit, t.price_level].filter(Boolean).join(", ");
    const hasTotal = (t.rows || []).some((r) => r.total !== null && r.total !== undefined);
    const extra = ["udvalg", "bevilling", "styringsomraade"].filter((k) => (t.rows || []).some((r) => r[k]));
    const extraNames = { udvalg: "Udvalg", bevilling: "Bevilling", styringsomraade: "Styringsområde" };
    const table = el("table", { class: "money" },
      el("caption", {}, t.title || "Tabel", unit ? el("span", { class: "unit" }, ` – beløb i ${unit}`) : null),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Række"),
        extra.map((k) => el("th", { scope: "col" }, extraNames[k])),
        years.map((y) => el("th", { scope: "col", class: "num" }, y)),
        hasTotal ? el("th", { scope: "col", class: "num" }, "I alt") : null)),
      el("tbody", {}, (t.rows || []).map((r) => el("tr", { class: r.is_sum ? "sum" : "" },
        el("th", { scope: "row" }, r.label),
        extra.map((k) => el("td", {}, r[k] || "")),
        years.map((y) => el("td", { class: "num" }, fmt(r.amounts ? r.amounts[y] : ""))),
        hasTotal ? el("td", { class: "num total" }, fmt(r.total)) : null))));
    return el("div", { class: "scroll", role: "region", tabindex: "0", "aria-label": `Tabel: ${t.title || ""}` }, table);
  }

  function textTable(t) {
    const cols = t.columns || [];
    const rows = t.text_rows || [];
    if (rows.every((r) => r.length === cols.length) && cols.length) {
      return el("div", { class: "scroll", role: "region", tabindex: "0", "aria-label": `Tabel: ${t.title || ""}` },
        el("table", { class: "text-table" }, el("caption", {}, t.title || "Tabel"),
          el("thead", {}, el("tr", {}, cols.map((c) => el("th", { scope: "col" }, c)))),
          el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c) => el("td", {}, c)))))));
    }
    return el("figure", { class: "text-table" }, el("figcaption", {}, t.title || "Tabel"),
      cols.length ? el("p", { class: "meta" }, cols.join(" · ")) : null,
      el("ul", {}, rows.flat().map((c) => el("li", {}, c))));
  }

  function tableBlock(t) {
    return t.kind === "money" && (t.rows || []).length ? moneyTable(t) : textTable(t);
  }

  /** The sentence with the numbers that differ from the other version marked. */
  function diffSentence(text, other) {
    const nums = new Set((other.match(/\d+(?:[.,]\d+)*/g) || []));
    const out = el("span");
    let pos = 0;
    for (const m of text.matchAll(/\d+(?:[.,]\d+)*/g)) {
      if (nums.has(m[0])) continue;
      out.append(text.slice(pos, m.index), el("mark", {}, m[0]));
      pos = m.index + m[0].length;
    }
    out.append(text.slice(pos));
    return out;
  }

  function versionsBlock(data) {
    const versions = data.versions || [];
    if (versions.length < 2) return null;
    const here = data.version || "denne version";
    const section = el("section", { id: "versioner", "aria-labelledby": "versions-heading", class: "card versions" },
      el("h2", { id: "versions-heading" }, `Versioner af notatet (${versions.length})`),
      el("ul", {}, versions.map((v, i) => el("li", {},
        v.current ? el("strong", {}, `${v.name} (denne version)`) : noteLink(v.doc_id, v.name, "#versioner"),
        i === 0 ? " – nyeste" : ""))));
    for (const v of versions) {
      if (v.current) continue;
      const there = v.label || v.name;
      const changed = v.changed || [];
      section.append(el("h3", {}, `Forskelle mellem ${here} og ${there}`));
      if (changed.length) {
        section.append(el("div", { class: "scroll", role: "region", tabindex: "0", "aria-label": "Ændrede sætninger" },
          el("table", { class: "diff" },
            el("caption", {}, "Samme sætning, andre tal (forskellene er markeret)"),
            el("thead", {}, el("tr", {}, el("th", { scope: "col" }, `Denne version (${here})`),
              el("th", { scope: "col" }, `Anden version (${there})`))),
            el("tbody", {}, changed.map((c) => el("tr", {},
              el("td", {}, diffSentence(c.here, c.there)), el("td", {}, diffSentence(c.there, c.here))))))));
      }
      const only = (items, label) => items && items.length
        ? el("details", {}, el("summary", {}, `${label} (${items.length})`), el("ul", {}, items.map((s) => el("li", {}, s))))
        : null;
      section.append(only(v.only_here, `Kun i denne version`) || "", only(v.only_there, `Kun i ${there}`) || "");
      if (!changed.length && !(v.only_here || []).length && !(v.only_there || []).length) {
        section.append(el("p", {}, "Ingen forskelle i teksten."));
      }
    }
    return section;
  }

  const KIND_LABELS = { granted: "Bevilget", proposed: "Foreslået" };

  /** The programme's money over the years: the server's SVG chart, the same figures as a table, and CSV. */
  async function historyBlock(docId) {
    const base = `/programmes/${encodeURIComponent(docId)}/history`;
    let h, svg;
    try {
      h = await getJSON(base);
      const res = await fetch(`${base}.svg`, { headers: authHeaders() });
      svg = res.ok ? await res.text() : "";
    } catch (_) { return null; }
    if (!h || !(h.points || []).length) return null;
    const series = [];
    const seen = new Map();
    for (const p of h.points) {
      const key = [p.kind, p.series, p.price_level, p.budget_year].join("|");
      if (!seen.has(key)) { seen.set(key, { p, cells: {} }); series.push(seen.get(key)); }
      seen.get(key).cells[p.year] = p;
    }
    const years = [...new Set(h.points.map((p) => p.year))].sort();
    const table = el("table", { class: "history-table" },
      el("caption", {}, "Beløb pr. år (1.000 kr. medmindre andet står); hvert prisniveau for sig"),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Serie"), el("th", { scope: "col" }, "Prisniveau"),
        years.map((y) => el("th", { scope: "col", class: "num" }, y)))),
      el("tbody", {}, series.map(({ p, cells }) => el("tr", {},
        el("th", { scope: "row" }, `${KIND_LABELS[p.kind] || p.kind}: ${p.series} (budget ${p.budget_year || "?"})`),
        el("td", {}, `${p.price_level || "ukendt"}${p.unit && p.unit !== "1.000 kr." ? ", " + p.unit : ""}`),
        years.map((y) => el("td", { class: "num", title: cells[y] ? `${cells[y].table} · ${cells[y].row}` : null },
          cells[y] ? fmt(cells[y].amount) : ""))))));
    const evidence = (h.links || []).filter((l) => l.kind === "continuation");
    const chart = el("figure", { class: "chart" });
    chart.innerHTML = svg;  // made by the server from parsed numbers, every text escaped there
    return el("section", { class: "card", "aria-labelledby": "history-heading", id: "historik" },
      el("h2", { id: "history-heading" }, "Økonomi over årene"),
      chart,
      el("div", { class: "table-scroll" }, table),
      el("p", {}, el("a", { href: `${base}?format=csv`, download: `historik-${h.programme_id}.csv`, onclick: (ev) => {
        if (!apiKey()) return;  // without a key the plain link works (and works without JavaScript)
        ev.preventDefault();
        download_url(`${base}?format=csv`, `historik-${h.programme_id}.csv`);
      } }, "Hent som CSV")),
      evidence.length ? el("details", {}, el("summary", {}, "Hvorfor hænger notaterne sammen?"),
        el("ul", {}, evidence.map((l) => el("li", {}, l.evidence.join("; "))))) : null);
  }

  async function initNote() {
    const docId = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");
    const main = $("#indhold");
    const status = $("#status");
    let data;
    try {
      data = await getJSON(`/notes/${encodeURIComponent(docId)}`);
    } catch (e) {
      status.textContent = "";
      main.append(el("div", { class: "error", role: "alert" }, `Notatet kunne ikke hentes: ${e.message}`));
      return;
    }
    status.textContent = "";
    const title = [data.note_id, data.title].filter(Boolean).join(" ") ||
      (data.doc_type === "answer" ? `Svar${data.addressee ? " til " + data.addressee : ""}` : fileName(data.source));
    document.title = `${title} – Budgetarkiv`;
    const facts = [
      ["Type", DOC_TYPES[data.doc_type] || data.doc_type],
      ["Notat-id", data.note_id], ["Budgetår", data.budget_year], ["Forvaltning", data.administration],
      ["Version", data.version], ["Udvalg", data.committee], ["Dato", data.date],
      ["Henvendelse af", data.inquiry_date], ["Modtager", data.addressee], ["Afsender", data.signatory],
      ["Kategorier", (data.categories || []).join(", ")], ["Bydele", (data.districts || []).join(", ")],
      ["Fil", fileName(data.source)],
    ].filter(([, v]) => v !== null && v !== undefined && v !== "");
    const head = el("section", { class: "card", "aria-labelledby": "note-title" },
      el("h1", { id: "note-title" }, title),
      el("dl", { class: "facts" }, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, String(v))])));
    const parts = [head];
    const versions = versionsBlock(data);
    if (versions) parts.push(versions);

    const tables = data.tables || [];
    const placed = new Set();
    const body = el("section", { class: "card note-body", "aria-label": "Notatets tekst" });
    const text = data.text || "";
    for (const s of data.sections || []) {
      body.append(el("h2", {}, s.heading || "Uden overskrift"));
      const usable = text && Number.isInteger(s.start) && Number.isInteger(s.end) && s.end <= text.length;
      if (usable) {
        // The section's own text, with each table put where it stands instead of its raw cells.
        let pos = s.start + (s.heading && text.startsWith(s.heading, s.start) ? s.heading.length : 0);
        tables.map((t, i) => [t, i])
          .filter(([t, i]) => !placed.has(i) && Number.isInteger(t.start) && t.start >= pos && t.end <= s.end)
          .sort((a, b) => a[0].start - b[0].start)
          .forEach(([t, i]) => {
            if (t.start < pos) return;
            body.append(...paragraphs(text.slice(pos, t.start)), tableBlock(t));
            placed.add(i);
            pos = t.end;
          });
        body.append(...paragraphs(text.slice(pos, s.end)));
      } else {
        body.append(...paragraphs(s.text));
      }
      tables.forEach((t, i) => {
        if (!placed.has(i) && t.section === s.heading) { body.append(tableBlock(t)); placed.add(i); }
      });
    }
    if (!(data.sections || []).length) body.append(...paragraphs(data.text));
    const rest = tables.filter((_, i) => !placed.has(i));
    if (rest.length) body.append(el("h2", {}, "Tabeller"), ...rest.map(tableBlock));
    parts.push(body);

    if ((data.questions || []).length) {
      parts.push(el("section", { class: "card", "aria-labelledby": "q-heading" },
        el("h2", { id: "q-heading" }, "Spørgsmål og svar"),
        data.questions.map((q) => el("div", { class: "qa" },
          el("h3", {}, `Spørgsmål ${q.number}`), el("p", { class: "question" }, q.question),
          el("p", {}, el("strong", {}, `Ad ${q.number}: `), q.answer || "")))));
    }
    if (data.doc_type === "budget_note") {
      const history = await historyBlock(docId);
      if (history) parts.splice(1, 0, history);
    }
    main.append(...parts);
    if (location.hash) {
      const target = document.getElementById(location.hash.slice(1));
      if (target) target.scrollIntoView();
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const top = $("header.top .wrap");
    if (top) top.append(keyField());
    if (document.body.dataset.page === "note") initNote();
    else initSearch();
  });
})();
