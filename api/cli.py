"""The `budgetarkiv` command line: parse, index, search, ask, inquiry, serve, eval, bench."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from indexer.settings import Settings

# Offline always: no machine here reaches a model hub, so never let a library try.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def cmd_parse(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.models import ReadError, to_jsonable
    from indexer.notes import parse_note
    from indexer.readers import read_documents
    from indexer.summary import note_summary

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


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {"parse": cmd_parse}


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
    except ValueError as exc:
        print(f"fejl i indstillinger: {exc}", file=sys.stderr)
        return 2
    return COMMANDS[args.command](args, settings)


if __name__ == "__main__":
    sys.exit(main())
