"""Activities and the progress report.

    poadesk activity add REF --title T [--date D] [--end D] [--kind K] [--place P] [--lead L]
                             [--programme P] [--link L] [--notes N]
    poadesk activity list [REF] [--from D] [--to D]
    poadesk activity edit ID [--title] [--date] ...       poadesk activity remove ID
    poadesk import activities FILE.xlsx [--dry-run]
    poadesk export report --from D --to D OUT.docx|OUT.xlsx [--marking M]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.arguments import number
from app.clock import parse_date
from app.errors import InputError
from app.vocab import ACTIVITY_KINDS

if TYPE_CHECKING:
    from datetime import date

    from app.cli import Commands, Context

_TEXT_FIELDS = ("title", "place", "lead", "programme", "link", "notes")


def register(commands: Commands) -> None:
    activity = commands.add(commands.top, "activity", _no_action,
                            "record what was done under action lines (meetings, workshops, "
                            "projects, visits, statements)")
    sub = activity.add_subparsers(dest="activity_command", metavar="ACTION", required=True)
    add = commands.add(sub, "add", cmd_add, "add an activity to an action line or a section "
                       "(prints its id)")
    add.add_argument("ref", help="an action line (1.3(b)) or a whole section (2.1)")
    add.add_argument("--title", required=True)
    _fields(add)
    add.add_argument("--plan", type=number, help="plan id (default: the first plan)")

    lst = commands.add(sub, "list", cmd_list, "list activities, by date")
    lst.add_argument("ref", nargs="?", help="only this action line (with its section's) or "
                     "section")
    lst.add_argument("--from", dest="date_from", metavar="DATE", help="YYYY-MM-DD")
    lst.add_argument("--to", dest="date_to", metavar="DATE", help="YYYY-MM-DD")
    lst.add_argument("--plan", type=number, help="plan id (default: the first plan)")

    edit = commands.add(sub, "edit", cmd_edit, "change the fields given")
    edit.add_argument("id", type=number)
    edit.add_argument("--title")
    _fields(edit, defaults=False)

    remove = commands.add(sub, "remove", cmd_remove, "remove an activity")
    remove.add_argument("id", type=number)

    imp = commands.add(commands.import_, "activities", cmd_import_activities,
                       "add activities from a workbook (one row per activity), previewed")
    imp.add_argument("file", type=Path, help="columns Ref, Title, Kind, Start, End, Place, "
                     "Lead, Programme, Link, Notes")
    imp.add_argument("--dry-run", action="store_true", help="only list what would change")
    imp.add_argument("--plan", type=number, help="plan id (default: the first plan)")

    report = commands.add(commands.export, "report", cmd_report,
                          "the progress report for a period (Word or Excel, by extension)")
    report.add_argument("out", type=Path, help="OUT.docx or OUT.xlsx")
    report.add_argument("--from", dest="date_from", required=True, metavar="DATE")
    report.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    report.add_argument("--marking", default="", help="handling marking, e.g. RESTRICTED")
    report.add_argument("--plan", type=number, help="plan id (default: the first plan)")


def _fields(parser: argparse.ArgumentParser, *, defaults: bool = True) -> None:
    parser.add_argument("--date", help="YYYY-MM-DD (the start, or the day)")
    parser.add_argument("--end", help="YYYY-MM-DD, for an activity over several days")
    parser.add_argument("--kind", default="other" if defaults else None,
                        help=f"one of: {', '.join(ACTIVITY_KINDS)}")
    for name in ("place", "lead", "programme", "link", "notes"):
        parser.add_argument(f"--{name}", default="" if defaults else None)


def _no_action(args: argparse.Namespace, ctx: Context) -> int:
    raise InputError("say what to do: poadesk activity add|list|edit|remove (see --help)")


def _day(text: str | None) -> date | None:
    return parse_date(text) if text else None


def _required_day(text: str, option: str) -> date:
    """The date an option must give ('' is not one: an InputError, exit 1)."""
    day = _day(text)
    if day is None:
        raise InputError(f"{option} needs a date in the form YYYY-MM-DD (e.g. 2026-03-05)")
    return day


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    from app.activities.values import ActivityFields

    desk = ctx.desk
    target = desk.resolve(args.ref, args.plan).target
    fields = ActivityFields(args.title, args.kind, _day(args.date), _day(args.end),
                            args.place, args.lead, args.programme, args.link, args.notes)
    created = desk.activities.add(target, fields)
    for warning in created.change.warnings:
        print(f"poadesk: warning: {warning}", file=sys.stderr)
    print(created.id)
    return 0


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    desk = ctx.desk
    target = desk.resolve(args.ref, args.plan).target if args.ref else None
    found = desk.activities.list(args.plan, target=target, date_from=_day(args.date_from),
                                 date_to=_day(args.date_to))
    if not found:
        print("no activities recorded" + (" in that period" if args.date_from or args.date_to
                                          else ""))
    for a in found:
        extra = ", ".join(v for v in (a.fields.place, a.fields.lead, a.fields.programme) if v)
        print(f"{a.id:4}  {a.ref:8}  {a.when:24}  {a.kind_label}: {a.fields.title}"
              + (f" ({extra})" if extra else ""))
    return 0


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    manager = ctx.desk.activities
    old = manager.get(args.id).fields
    changes: dict[str, object] = {name: getattr(args, name) for name in _TEXT_FIELDS
                                  if getattr(args, name) is not None}
    if args.kind is not None:
        changes["kind"] = args.kind
    if args.date is not None:
        changes["start_date"] = _day(args.date)
    if args.end is not None:
        changes["end_date"] = _day(args.end)
    if not changes:
        raise InputError("nothing to change: give --title, --date, --kind, ...")
    manager.edit(args.id, replace(old, **changes))  # type: ignore[arg-type]
    print(f"changed activity {args.id}", file=sys.stderr)
    return 0


def cmd_remove(args: argparse.Namespace, ctx: Context) -> int:
    info = ctx.desk.activities.remove(args.id)
    print(f"removed activity {args.id} ({info.fields.title})", file=sys.stderr)
    return 0


def cmd_import_activities(args: argparse.Namespace, ctx: Context) -> int:
    from app.interchange.activities_xlsx import apply_activities, preview_activities

    preview = preview_activities(ctx.desk, args.file, plan_id=args.plan)
    if preview.ignored:
        print(f"poadesk: ignored columns: {', '.join(preview.ignored)}", file=sys.stderr)
    for item in preview.items:
        print(f"{'add' if item.existing is None else 'update'} {item.label}  [{item.where}]")
    if not preview.items:
        print(f"{args.file.name}: nothing to add or change ({preview.rows} rows read)")
        return 0
    if args.dry_run:
        print(f"dry run: {preview.summary()}; nothing was changed", file=sys.stderr)
        return 0
    apply_activities(ctx.desk, preview)
    print(f"imported: {preview.summary()}", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace, ctx: Context) -> int:
    from app.export.report import export_report
    from app.user import default_user

    start, end = _required_day(args.date_from, "--from"), _required_day(args.date_to, "--to")
    result = export_report(ctx.desk, start, end, args.out, plan_id=args.plan,
                           marking=args.marking, author=default_user())
    for warning in result.warnings:
        print(f"poadesk: warning: {warning}", file=sys.stderr)
    print(f"wrote {result.path}")
    return 0
