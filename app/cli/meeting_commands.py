"""Meeting commands (`poadesk meeting ...`) and the brief and matrix exports."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import InputError

if TYPE_CHECKING:
    from app.cli import Commands, Context
    from app.meetings.values import AgendaItemView
    from app.values import Change

# option name -> agenda item field
ITEM_OPTIONS = {"objective": "objective", "points": "points_to_make",
                "defensive": "defensive_points", "background": "background",
                "outcome": "outcome"}

AGENDA_PLAN_HELP = ("plan id of REF (default: the agenda's plan if all its items are from one, "
                    "else the first plan)")


def register(commands: Commands) -> None:
    meeting = commands.add(commands.top, "meeting", _no_action,
                           "prepare meetings: agendas, objectives, points to make, outcomes")
    sub = meeting.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)

    add = commands.add(sub, "add", cmd_add, "add a meeting (prints its id)")
    add.add_argument("--kind", required=True,
                     help="AEMM, PMC+1, SOM, JCC, SOMTC+EU, SEOM-EU, or your own")
    add.add_argument("--title", required=True, help="e.g. \"29th ASEAN-EU SOM\"")
    add.add_argument("--date", default="", help="YYYY-MM-DD (leave out if not fixed yet)")
    add.add_argument("--venue", default="", help="e.g. \"Jakarta, ASEAN Secretariat\"")
    add.add_argument("--marking", default="",
                     help="handling marking, e.g. RESTRICTED (none by default)")
    add.add_argument("--refs", default="",
                     help="agenda: action lines and whole sections, e.g. \"1.1(a),2.1(c),3.5\"")
    add.add_argument("--plan", type=int, help="plan id of --refs (default: the first plan)")

    commands.add(sub, "list", cmd_list, "list the meetings")

    show = commands.add(sub, "show", cmd_show, "print a meeting and its agenda in full")
    show.add_argument("id", type=int, help="meeting id (see 'poadesk meeting list')")

    edit = commands.add(sub, "edit", cmd_edit, "change a meeting's kind, title, date, ...")
    edit.add_argument("id", type=int, help="meeting id")
    for name in ("kind", "title", "date", "venue", "marking"):
        edit.add_argument(f"--{name}", help="new value ('' clears the date, venue, marking)")

    delete = commands.add(sub, "delete", cmd_delete, "delete a meeting and its agenda")
    delete.add_argument("id", type=int, help="meeting id")

    commands.add(sub, "deleted", cmd_deleted,
                 "list deleted meetings (from the history: they can be brought back)")
    undelete = commands.add(sub, "undelete", cmd_undelete,
                            "bring a deleted meeting back (N from 'poadesk meeting deleted')")
    undelete.add_argument("number", type=int, help="its number in 'poadesk meeting deleted'")

    items = commands.add(sub, "add-items", cmd_add_items, "add action lines or sections")
    items.add_argument("id", type=int, help="meeting id")
    items.add_argument("refs", help="e.g. \"1.1(a),2.1(c),3.5\" (3.5: the whole section)")
    items.add_argument("--at", type=int, help="place of the first new item (1 = top; "
                       "default: the end)")
    items.add_argument("--plan", type=int, help="plan id of REFS (default: the agenda's plan "
                       "when all its items come from one, else the first plan)")

    remove = commands.add(sub, "remove-item", cmd_remove_item, "take an item off the agenda")
    remove.add_argument("id", type=int, help="meeting id")
    remove.add_argument("ref", help="the item's reference, e.g. 1.1(a) or 3.5")
    remove.add_argument("--plan", type=int, help=AGENDA_PLAN_HELP)

    move = commands.add(sub, "move-item", cmd_move_item, "move an item in the agenda")
    move.add_argument("id", type=int, help="meeting id")
    move.add_argument("ref", help="the item's reference")
    move.add_argument("position", type=int, help="its new place (1 = top)")
    move.add_argument("--plan", type=int, help=AGENDA_PLAN_HELP)

    item = commands.add(sub, "item", cmd_item,
                        "fill in an agenda item (with no option: print it); repeat an "
                        "option to write several lines")
    item.add_argument("id", type=int, help="meeting id")
    item.add_argument("ref", help="the item's reference, e.g. 1.1(a) or 3.5")
    item.add_argument("--plan", type=int, help=AGENDA_PLAN_HELP)
    for option, label in (("objective", "the objective"),
                          ("points", "points to make (one per line)"),
                          ("defensive", "defensive points (one per line)"),
                          ("background", "background"),
                          ("outcome", "the outcome, after the meeting")):
        item.add_argument(f"--{option}", action="append", metavar="TEXT",
                          help=f"{label}; '' clears it")

    brief = commands.add(commands.export, "brief", cmd_export_brief,
                         "write a meeting's brief: Word (.docx) or Excel (.xlsx)")
    brief.add_argument("--meeting", type=int, required=True, help="meeting id")
    brief.add_argument("out", type=Path, help="OUT.docx or OUT.xlsx")
    brief.add_argument("--template", type=Path, metavar="T.docx",
                       help="a Word document whose styles the brief uses")
    brief.add_argument("--include-notes", action="store_true",
                       help="Word brief: add the desk notes of the items (not private ones)")
    brief.add_argument("--include-private", action="store_true",
                       help="include notes marked private too (left out by default)")

    matrix = commands.add(commands.export, "matrix", cmd_export_matrix,
                          "write the implementation matrix of the whole plan (.xlsx)")
    matrix.add_argument("out", type=Path, help="OUT.xlsx")
    matrix.add_argument("--plan", type=int, help="plan id (default: the first plan)")
    matrix.add_argument("--include-private", action="store_true",
                        help="include notes marked private (left out by default)")


def _no_action(args: argparse.Namespace, ctx: Context) -> int:  # pragma: no cover
    raise InputError("say what to do, e.g. 'poadesk meeting list' (see --help)")


def _warn(change: Change | None = None, warnings: tuple[str, ...] = ()) -> None:
    for warning in (change.warnings if change else ()) + warnings:
        print(f"poadesk: warning: {warning}", file=sys.stderr)


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    from app.clock import parse_date

    created = ctx.desk.meetings.create(args.kind, args.title, parse_date(args.date),
                                       args.venue, args.marking, args.refs,
                                       plan_id=args.plan)
    _warn(created.change)
    print(created.id)
    return 0


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    meetings = ctx.desk.meetings.all()
    if not meetings:
        print("no meetings yet; add one with: poadesk meeting add --kind SOM --title TITLE "
              "--date YYYY-MM-DD", file=sys.stderr)
        return 0
    kind_width = max(4, *(len(m.kind) for m in meetings))
    print(f"{'ID':>4}  {'DATE':<10}  {'KIND':<{kind_width}}  {'ITEMS':>5}  TITLE")
    for m in meetings:
        when = m.date.isoformat() if m.date else "-"
        extra = "".join(f" ({v})" for v in (m.venue,) if v) + (f" [{m.marking}]"
                                                               if m.marking else "")
        print(f"{m.id:>4}  {when:<10}  {m.kind:<{kind_width}}  {m.item_count:>5}  "
              f"{m.title}{extra}")
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    from app.export.brief_docx import long_date

    m = ctx.desk.meetings.get(args.id)
    print(f"Meeting {m.id}: {m.title}")
    print(f"Kind: {m.kind}")
    print(f"Date: {long_date(m.date) + ' (' + m.date.isoformat() + ')' if m.date else '-'}")
    print(f"Venue: {m.venue or '-'}")
    print(f"Marking: {m.marking or '(none)'}")
    if not m.items:
        print("\nThe agenda is empty: poadesk meeting add-items "
              f"{m.id} \"1.1(a),3.5\"")
    for n, item in enumerate(m.items, 1):
        print()
        _print_item(n, item)
    return 0


def _print_item(n: int, item: AgendaItemView) -> None:
    from app.meetings.values import FIELD_LABELS, ITEM_FIELDS
    from app.vocab import status_label

    status = "" if item.is_section else f"  [{status_label(item.actions[0].status)}]"
    print(f"{n}. {item.heading}{status}")
    for action in item.actions:
        text = f"{action.letter}) {action.text}" if item.is_section else action.text
        print(textwrap.fill(text, width=96, initial_indent="   ", subsequent_indent="   "))
    for name in ITEM_FIELDS:
        value = item.field(name)
        if not value.strip():
            print(f"   {FIELD_LABELS[name]}: -")
            continue
        print(f"   {FIELD_LABELS[name]}:")
        for line in value.split("\n"):
            print(f"     {line}")


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    from app.clock import parse_date
    from app.values import KEEP

    change = ctx.desk.meetings.edit_meeting(
        args.id, kind=args.kind, title=args.title, venue=args.venue, marking=args.marking,
        date=KEEP if args.date is None else parse_date(args.date))
    _warn(change)
    return 0


def cmd_delete(args: argparse.Namespace, ctx: Context) -> int:
    ctx.desk.meetings.delete(args.id)
    print(f"deleted meeting {args.id}", file=sys.stderr)
    return 0


def cmd_deleted(args: argparse.Namespace, ctx: Context) -> int:
    gone = ctx.desk.deleted_meetings()
    if not gone:
        print("no deleted meetings in the history")
    for item in gone:
        print(f"{item.id:5}  deleted {item.at:%Y-%m-%d %H:%M} UTC by {item.who or '?'}: "
              f"{item.label}")
    return 0


def cmd_undelete(args: argparse.Namespace, ctx: Context) -> int:
    created = ctx.desk.restore_meeting(args.number)
    print(created.id)
    print(f"brought back as meeting {created.id}", file=sys.stderr)
    return 0


def cmd_add_items(args: argparse.Namespace, ctx: Context) -> int:
    position = None if args.at is None else args.at - 1
    meetings = ctx.desk.meetings
    plan = args.plan if args.plan is not None else meetings.agenda_plan(args.id)
    created = meetings.add_items(args.id, args.refs, position=position, plan_id=plan)
    count = len(created.ids)
    print(f"added {count} item{'s' if count != 1 else ''} to meeting {args.id}",
          file=sys.stderr)
    return 0


def cmd_remove_item(args: argparse.Namespace, ctx: Context) -> int:
    meetings = ctx.desk.meetings
    meetings.remove_item(meetings.find_item(args.id, args.ref, args.plan))
    return 0


def cmd_move_item(args: argparse.Namespace, ctx: Context) -> int:
    meetings = ctx.desk.meetings
    meetings.move_item(meetings.find_item(args.id, args.ref, args.plan), args.position - 1)
    return 0


def cmd_item(args: argparse.Namespace, ctx: Context) -> int:
    meetings = ctx.desk.meetings
    item_id = meetings.find_item(args.id, args.ref, args.plan)
    values = {field: "\n".join(getattr(args, option))
              for option, field in ITEM_OPTIONS.items() if getattr(args, option) is not None}
    if not values:
        item = meetings.item(item_id)
        _print_item(item.position + 1, item)
        return 0
    _warn(meetings.set_item_fields(item_id, values))
    return 0


def cmd_export_brief(args: argparse.Namespace, ctx: Context) -> int:
    from app.export import export_brief

    result = export_brief(ctx.desk, args.meeting, args.out, template=args.template,
                          include_notes=args.include_notes,
                          include_private=args.include_private)
    _warn(warnings=result.warnings)
    print(f"wrote {result.path}", file=sys.stderr)
    return 0


def cmd_export_matrix(args: argparse.Namespace, ctx: Context) -> int:
    from app.export import export_matrix

    result = export_matrix(ctx.desk, args.out, plan_id=args.plan,
                           include_private=args.include_private)
    _warn(warnings=result.warnings)
    print(f"wrote {result.path}", file=sys.stderr)
    return 0
