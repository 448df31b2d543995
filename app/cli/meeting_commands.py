"""Meeting commands (`poadesk meeting ...`) and the brief and matrix exports."""

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
    from app.meetings.values import AgendaItemView
    from app.values import Change

# option name -> agenda item field
ITEM_OPTIONS = {"objective": "objective", "points": "points_to_make",
                "defensive": "defensive_points", "background": "background",
                "outcome": "outcome", "title": "title", "quote": "quoted_lines"}
# option name -> meeting field: the top page and the document control of the brief
MEETING_OPTIONS = {"purpose": ("purpose", "the purpose of the meeting, in a few lines"),
                   "key_asks": ("key_asks", "what we want from the meeting (one per line)"),
                   "delegation": ("delegation", "our delegation (one person per line)"),
                   "logistics": ("logistics", "logistics (one line each)"),
                   "drafter": ("drafter", "who drafted the brief"),
                   "cleared_by": ("cleared_by", "who cleared it"),
                   "version": ("version", "the brief's version, e.g. 2"),
                   "reference": ("reference", "its file reference")}


def _meeting_options(parser: argparse.ArgumentParser) -> None:
    for option, (_, help_text) in MEETING_OPTIONS.items():
        repeat = option in ("purpose", "key_asks", "delegation", "logistics")
        parser.add_argument(f"--{option.replace('_', '-')}", action="append" if repeat else "store",
                            metavar="TEXT",
                            help=help_text + ("; repeat for several lines" if repeat else ""))


def _meeting_values(args: argparse.Namespace) -> dict[str, str]:
    out = {}
    for option, (field, _) in MEETING_OPTIONS.items():
        value = getattr(args, option)
        if value is not None:
            out[field] = "\n".join(value) if isinstance(value, list) else value
    return out

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
                     help="handling marking: LIMITE, SENSITIVE, RESTRICTED, ... (see "
                     "'poadesk meeting markings') or your own; none by default")
    add.add_argument("--refs", default="",
                     help="agenda: action lines, whole sections and items of your own in "
                     "double quotes, e.g. '1.3b, 2.1(c), 3.5, \"Any other business\"'")
    add.add_argument("--plan", type=number, help="plan id of --refs (default: the first plan); "
                     "a reference of another plan takes its short name first: 'ASEAN-EU 1.3b'")
    _meeting_options(add)

    commands.add(sub, "markings", cmd_markings,
                 "list the handling markings to choose from, with what each means")

    commands.add(sub, "list", cmd_list, "list the meetings")

    show = commands.add(sub, "show", cmd_show, "print a meeting and its agenda in full")
    show.add_argument("id", type=number, help="meeting id (see 'poadesk meeting list')")

    edit = commands.add(sub, "edit", cmd_edit, "change a meeting's kind, title, date, ...")
    edit.add_argument("id", type=number, help="meeting id")
    for name in ("kind", "title", "date", "venue", "marking"):
        edit.add_argument(f"--{name}", help="new value ('' clears the date, venue, marking)")
    _meeting_options(edit)

    delete = commands.add(sub, "delete", cmd_delete, "delete a meeting and its agenda")
    delete.add_argument("id", type=number, help="meeting id")

    commands.add(sub, "deleted", cmd_deleted,
                 "list deleted meetings (from the history: they can be brought back)")
    undelete = commands.add(sub, "undelete", cmd_undelete,
                            "bring a deleted meeting back (N from 'poadesk meeting deleted')")
    undelete.add_argument("number", type=number, help="its number in 'poadesk meeting deleted'")

    items = commands.add(sub, "add-items", cmd_add_items,
                         "add action lines or sections, or an item of your own (--free)")
    items.add_argument("id", type=number, help="meeting id")
    items.add_argument("refs", nargs="?", default="",
                       help="e.g. '1.1(a),2.1(c),3.5' (3.5: the whole section), and items of "
                       "your own in double quotes: '5a, \"Any other business\"'")
    items.add_argument("--free", action="append", metavar="TITLE",
                       help="an item that is no action line, e.g. \"Adoption of the agenda\", "
                       "\"Any other business\"; repeat for several")
    items.add_argument("--at", type=number, help="place of the first new item (1 = top; "
                       "default: the end)")
    items.add_argument("--plan", type=number, help="plan id of REFS (default: the agenda's plan "
                       "when all its items come from one, else the first plan); a reference "
                       "of another plan takes its short name first: 'Example Partnership 1.1b'")

    remove = commands.add(sub, "remove-item", cmd_remove_item, "take an item off the agenda")
    remove.add_argument("id", type=number, help="meeting id")
    remove.add_argument("ref", help="the item's reference, e.g. 1.1(a) or 3.5")
    remove.add_argument("--plan", type=number, help=AGENDA_PLAN_HELP)

    move = commands.add(sub, "move-item", cmd_move_item, "move an item in the agenda")
    move.add_argument("id", type=number, help="meeting id")
    move.add_argument("ref", help="the item's reference")
    move.add_argument("position", type=number, help="its new place (1 = top)")
    move.add_argument("--plan", type=number, help=AGENDA_PLAN_HELP)

    item = commands.add(sub, "item", cmd_item,
                        "fill in an agenda item (with no option: print it); repeat an "
                        "option to write several lines")
    item.add_argument("id", type=number, help="meeting id")
    item.add_argument("ref", help="the item's reference, e.g. 1.1(a) or 3.5; a free-text "
                      "item's title; or its place, e.g. '#6'")
    item.add_argument("--plan", type=number, help=AGENDA_PLAN_HELP)
    item.add_argument("--title", action="append", metavar="TEXT",
                      help="the item's title in the brief (default: a short one from the "
                      "action text); '' for the default")
    item.add_argument("--quote", action="append", metavar="LINES",
                      help="a whole section: the lines the brief quotes, e.g. \"a,c,h\"; "
                      "'all', 'none', or 'default' (those with notes, lines to take or focal "
                      "points)")
    for option, label in (("objective", "the objective"),
                          ("points", "points to make (one per line)"),
                          ("defensive", "defensive points (one per line)"),
                          ("background", "background"),
                          ("outcome", "the outcome, after the meeting")):
        item.add_argument(f"--{option}", action="append", metavar="TEXT",
                          help=f"{label}; '' clears it")

    brief = commands.add(commands.export, "brief", cmd_export_brief,
                         "write a meeting's brief: Word (.docx) or Excel (.xlsx)")
    brief.add_argument("--meeting", type=number, required=True, help="meeting id")
    brief.add_argument("out", type=Path, help="OUT.docx or OUT.xlsx")
    brief.add_argument("--template", type=Path, metavar="T.docx",
                       help="a Word document whose styles the brief uses")
    brief.add_argument("--include-notes", action="store_true",
                       help="Word brief: add the desk notes of the items (not private ones)")
    brief.add_argument("--include-private", action="store_true",
                       help="include notes marked private too (left out by default)")
    brief.add_argument("--full-text", action="store_true",
                       help="Word brief: an annex with every line of the whole sections")

    matrix = commands.add(commands.export, "matrix", cmd_export_matrix,
                          "write the implementation matrix of the whole plan (.xlsx)")
    matrix.add_argument("out", type=Path, help="OUT.xlsx")
    matrix.add_argument("--plan", type=number, help="plan id (default: the first plan)")
    matrix.add_argument("--include-private", action="store_true",
                        help="include notes marked private (left out by default)")
    matrix.add_argument("--marking", help="handling marking on every sheet and page "
                        "(default: SENSITIVE, for the focal points' contacts; '' for none)")


def _no_action(args: argparse.Namespace, ctx: Context) -> int:  # pragma: no cover
    raise InputError("say what to do, e.g. 'poadesk meeting list' (see --help)")


def _warn(change: Change | None = None, warnings: tuple[str, ...] = ()) -> None:
    for warning in (change.warnings if change else ()) + warnings:
        print(f"poadesk: warning: {warning}", file=sys.stderr)


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    from app.clock import parse_date

    created = ctx.desk.meetings.create(args.kind, args.title, parse_date(args.date),
                                       args.venue, args.marking, args.refs,
                                       plan_id=args.plan, **_meeting_values(args))
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


def cmd_markings(args: argparse.Namespace, ctx: Context) -> int:
    from app.vocab import MARKINGS

    for name, meaning in MARKINGS:
        print(name)
        print(textwrap.fill(meaning, width=96, initial_indent="    ",
                            subsequent_indent="    "))
    print("Or any text of your own, e.g. your ministry's marking.")
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    from app.clock import long_date
    from app.meetings.values import MEETING_FIELD_LABELS

    m = ctx.desk.meetings.get(args.id)
    print(f"Meeting {m.id}: {m.title}")
    print(f"Kind: {m.kind}")
    print(f"Date: {long_date(m.date) + ' (' + m.date.isoformat() + ')' if m.date else '-'}")
    print(f"Venue: {m.venue or '-'}")
    print(f"Marking: {m.marking or '(none)'}")
    for name, value in m.extra().items():
        if value.strip():
            lines = value.split("\n")
            print(f"{MEETING_FIELD_LABELS[name]}: {lines[0]}")
            for line in lines[1:]:
                print(f"  {line}")
    for n, (name, title) in enumerate(m.plans):  # items from more than one plan
        print(f"{'Plans:' if n == 0 else '':<6} {name}: {title}")
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

    status = "" if item.is_section or item.is_free else \
        f"  [{status_label(item.actions[0].status)}]"
    print(f"{n}. {item.heading}{status}")
    for action in item.actions:
        text = f"{action.letter}) {action.text}" if item.is_section else action.text
        print(textwrap.fill(text, width=96, initial_indent="   ", subsequent_indent="   "))
    if not item.is_free:
        print(f"   Title in the brief: {item.brief_title}"
              + ("" if item.own_title.strip() else " (default)"))
    if item.is_section:
        quoted = item.quoted()
        print(f"   Quoted in the brief: {', '.join(a.letter for a in quoted) or 'none'}"
              + ("" if item.quoted_lines.strip() else " (default)"))
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
        date=KEEP if args.date is None else parse_date(args.date), **_meeting_values(args))
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
    if not args.refs.strip() and not args.free:
        raise InputError("give references (e.g. \"1.1(a),3.5\") or --free \"Any other "
                         "business\"")
    ids: list[int] = []
    with ctx.desk.transaction(f"add items to meeting {args.id}"):
        if args.refs.strip():
            plan = args.plan if args.plan is not None else meetings.agenda_plan(args.id)
            ids += meetings.add_items(args.id, args.refs, position=position, plan_id=plan).ids
        for title in args.free or []:
            at = None if position is None else position + len(ids)
            created = meetings.add_free_item(args.id, title, position=at)
            _warn(created.change)
            ids += created.ids
    count = len(ids)
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
                          include_private=args.include_private, full_text=args.full_text)
    _warn(warnings=result.warnings)
    print(f"wrote {result.path}", file=sys.stderr)
    return 0


def cmd_export_matrix(args: argparse.Namespace, ctx: Context) -> int:
    from app.export import export_matrix

    result = export_matrix(ctx.desk, args.out, plan_id=args.plan,
                           include_private=args.include_private, marking=args.marking)
    _warn(warnings=result.warnings)
    print(f"wrote {result.path}", file=sys.stderr)
    return 0
