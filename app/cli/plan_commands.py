"""Commands over the plan itself: show, search, acronyms, JSON backup, plan import, seed."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.arguments import number
from app.errors import InputError

if TYPE_CHECKING:
    from app.cli import Commands, Context


def register(commands: Commands) -> None:
    show = commands.add(commands.top, "show", cmd_show,
                        "print one action line with its section and pillar")
    show.add_argument("ref", help="reference, e.g. 1.3(b) or 5(a)")
    show.add_argument("--plan", type=number, help="plan id (default: the first plan)")

    search = commands.add(commands.top, "search", cmd_search,
                          "list the action lines matching words or a reference, best first")
    search.add_argument("query", nargs="+", help="words (prefixes match) or a reference")
    search.add_argument("--plan", type=number, help="plan id (default: the first plan)")
    search.add_argument("--limit", type=number, default=0, help="show at most this many")

    acr = commands.add(commands.top, "acronyms", cmd_acronyms,
                       "print the acronym glossary (the plan's, then yours); add or remove "
                       "your own")
    acr.add_argument("--plan", type=number, help="plan id (default: the first plan)")
    acr.add_argument("--mine", action="store_true", help="only the acronyms you added")
    acr_sub = acr.add_subparsers(dest="acronyms_command", metavar="ACTION")
    acr_add = commands.add(acr_sub, "add", cmd_acronym_add,
                           "add an acronym to your glossary (or change its expansion); it "
                           "joins the plan's in every brief")
    acr_add.add_argument("abbr", help="e.g. EUDR")
    acr_add.add_argument("expansion", help="e.g. \"EU Deforestation Regulation\"")
    acr_remove = commands.add(acr_sub, "remove", cmd_acronym_remove,
                              "take an acronym out of your glossary")
    acr_remove.add_argument("abbr", help="e.g. EUDR")

    commands.add(commands.top, "plans", cmd_plans, "list the plans in the database")

    seed = commands.add(commands.top, "build-seed", cmd_build_seed,
                        "rebuild the pristine plan.db from resources/ (for developers)")
    seed.add_argument("--out", type=Path, help="where to write it (default: the shipped plan.db)")

    ej = commands.add(commands.export, "json", cmd_export_json,
                      "write the whole working state as JSON (a backup; '-' for standard output)")
    ej.add_argument("out", help="output file, or - for standard output")
    ej.add_argument("--include-private", action="store_true",
                    help="include notes marked private (left out by default)")

    ij = commands.add(commands.import_, "json", cmd_import_json,
                      "apply a JSON export to the database (all or nothing)")
    ij.add_argument("file", help="a file written by 'poadesk export json', or - for stdin")

    ip = commands.add(commands.import_, "plan", cmd_import_plan,
                      "add another plan of action (.pdf, .docx or .txt) beside the plans "
                      "already here; --dry-run shows what would be added")
    ip.add_argument("file", type=Path, help="the plan as published: .pdf, .docx or .txt")
    ip.add_argument("--dry-run", action="store_true",
                    help="only show the plan as read (parts and sections with their counts, "
                    "each section's first and last action line, text that could not be "
                    "placed): nothing is stored")
    ip.add_argument("--style", metavar="S",
                    help="read the numbering in this style instead of the one detected "
                    "(the preview names the styles)")
    ip.add_argument("--accept-unplaced", action="store_true",
                    help="import although some text could not be placed (that text is left "
                    "out; --dry-run lists it)")


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    desk = ctx.desk
    detail = desk.action(desk.resolve_ref(args.ref, args.plan))
    print(f"{detail.ref}  [{_status(detail.status)}]")
    print(detail.breadcrumb)
    print()
    print(textwrap.fill(detail.text, width=100))
    if detail.lines_to_take:
        print("\nLines to take:\n" + detail.lines_to_take)
    if detail.notes and not detail.notes_private:
        print("\nNotes:\n" + detail.notes)
    elif detail.notes:
        print("\nNotes: (private)")
    for fp in detail.focal_points:
        via = " (whole section)" if fp.via_section else ""
        print(f"Focal point: {fp.country_name}: {fp.name}, {fp.organisation} - {fp.role}{via}")
    return 0


def _status(code: str) -> str:
    from app.vocab import status_label

    return status_label(code)


def cmd_search(args: argparse.Namespace, ctx: Context) -> int:
    query = " ".join(args.query)
    hits = ctx.desk.search(query, args.plan, snippets=True, limit=args.limit or None)
    if not hits:
        print(f"no action line matches {query!r}", file=sys.stderr)
        return 1
    for hit in hits:
        shown = hit.snippet or hit.text
        print(f"{hit.ref:8} {textwrap.shorten(shown, width=110, placeholder=' …')}")
    return 0


def cmd_acronyms(args: argparse.Namespace, ctx: Context) -> int:
    mine = ctx.desk.user_acronyms()
    entries = [] if args.mine else ctx.desk.acronyms(args.plan)
    width = max((len(a.abbr) for a in [*entries, *mine]), default=0)
    for a in entries:
        print(f"{a.abbr:<{width}}  {a.expansion}")
    if mine and not args.mine:
        print("\nyours:")
    for a in mine:
        print(f"{a.abbr:<{width}}  {a.expansion}")
    return 0


def cmd_acronym_add(args: argparse.Namespace, ctx: Context) -> int:
    ctx.desk.set_user_acronym(args.abbr, args.expansion)
    print(f"{' '.join(args.abbr.split())} is in your glossary", file=sys.stderr)
    return 0


def cmd_acronym_remove(args: argparse.Namespace, ctx: Context) -> int:
    ctx.desk.remove_user_acronym(args.abbr)
    print(f"{' '.join(args.abbr.split())} is out of your glossary", file=sys.stderr)
    return 0


def cmd_plans(args: argparse.Namespace, ctx: Context) -> int:
    """Each plan with its short name: what goes before a reference of that plan in an agenda
    ('ASEAN-EU: 3.5')."""
    from app.meetings.plan_names import plan_labels

    plans = ctx.desk.plans()
    names = plan_labels({plan.id: plan.title for plan in plans})
    for plan in plans:
        print(f"{plan.id:3}  {names[plan.id]}: {plan.title}  ({plan.action_count} action lines)")
    if len(plans) > 1:  # an example in the last plan's own notation
        lines = ctx.desk.plan_tree(plans[-1].id).all_actions()
        example = f"{names[plans[-1].id]}: {lines[0].ref if lines else '1.1'}"
        print(f"An agenda takes a line of another plan after the plan's short name: {example}")
    return 0


def cmd_build_seed(args: argparse.Namespace, ctx: Context) -> int:
    from app.access import build_seed

    path = build_seed(args.out)
    print(f"wrote {path}")
    return 0


def cmd_export_json(args: argparse.Namespace, ctx: Context) -> int:
    from app.interchange import json_backup

    if args.out == "-":
        payload = json_backup.dumps(ctx.desk, include_private=args.include_private)
        if sys.stdout is None:
            raise InputError("cannot write the backup: standard output is closed")
        out = getattr(sys.stdout, "buffer", None)  # None: a text-only stream (tests, IDEs)
        try:  # UTF-8 bytes whatever the locale: a Windows console or redirect is cp1252
            sys.stdout.flush()
            if out is not None:
                out.write(payload.encode("utf-8"))
                out.flush()
            else:
                sys.stdout.write(payload)
                sys.stdout.flush()
        except OSError as exc:  # a full disk, a reader that went away: never a half backup
            raise InputError("cannot write the backup to standard output: "
                             f"{exc.strerror or exc}") from None
        return 0
    target = json_backup.write_backup(ctx.desk, Path(args.out),
                                      include_private=args.include_private)
    print(f"wrote {target}", file=sys.stderr)
    return 0


def cmd_import_json(args: argparse.Namespace, ctx: Context) -> int:
    from app import limits
    from app.interchange.json_backup import import_state, load_json_file

    if args.file == "-":  # UTF-8 bytes whatever the locale, as `export json -` writes them
        if sys.stdin is None:
            raise InputError("cannot read standard input: it is closed")
        stream = getattr(sys.stdin, "buffer", None)
        try:
            raw = (stream.read(limits.MAX_FILE_BYTES["json"] + 1).decode("utf-8-sig")
                   if stream is not None else sys.stdin.read(limits.MAX_FILE_BYTES["json"] + 1))
        except UnicodeDecodeError:
            raise InputError("standard input is not a JSON text file (not UTF-8)") from None
        data = load_json_file(None, raw)
    else:
        data = load_json_file(Path(args.file))
    source = "standard input" if args.file == "-" else args.file
    done = import_state(ctx.desk, data, source=source)
    for warning in done.change.warnings:
        print(f"poadesk: warning: {warning}", file=sys.stderr)
    print(f"imported {done.action_lines} action lines from {args.file}", file=sys.stderr)
    return 0


def cmd_import_plan(args: argparse.Namespace, ctx: Context) -> int:
    from app.interchange.plan_preview import count_of, read_preview
    from app.interchange.plan_text import add_plan
    from app.plan_parser import check_placed

    parsed, preview = read_preview(args.file, args.style)
    for warning in preview.warnings:
        print(f"poadesk: warning: {warning}", file=sys.stderr)
    if args.dry_run:
        print("\n".join(preview.lines(width=110)))
        if any(p.title == preview.title for p in ctx.desk.plans()):
            print(f"poadesk: warning: a plan titled {preview.title!r} is already in the "
                  "database: importing it would be refused", file=sys.stderr)
        print("dry run: nothing was stored", file=sys.stderr)
        return 0
    if preview.unplaced and not args.accept_unplaced:
        try:
            check_placed(parsed, str(args.file))  # the parser's one line for the first piece
        except InputError as exc:
            raise InputError(f"{exc}; --dry-run shows what could not be placed, "
                             "--accept-unplaced imports the rest without it") from None
    info = add_plan(ctx.desk, parsed, args.file.name, allow_unplaced=args.accept_unplaced)
    if preview.unplaced:
        print(f"poadesk: warning: {count_of(len(preview.unplaced), 'piece')} of text left out "
              "(not placed)", file=sys.stderr)
    print(f"added plan {info.id}: {info.title} ({info.action_count} action lines)")
    return 0
