"""Commands over focal points: the register, assignments, gaps, coverage and hand-over."""

from __future__ import annotations

import argparse
import sys
import textwrap
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.arguments import number
from app.errors import InputError

if TYPE_CHECKING:
    from app.cli import Commands, Context
    from app.focal.values import FocalPointFields, FocalPointInfo

_FIELDS = ("title", "organisation", "email", "phone", "notes")


def _person_options(parser: argparse.ArgumentParser, *, country_required: bool) -> None:
    parser.add_argument("--country", required=country_required,
                        help="country code (VN) or name (Viet Nam)")
    for name in _FIELDS:
        parser.add_argument(f"--{name}", help=f"the focal point's {name}")


def register(commands: Commands) -> None:
    group = commands.top.add_parser(
        "focal-points", help="the focal-point register: list, add, edit, export, import",
        description="The focal-point register: list, add, edit, export, import.")
    sub = group.add_subparsers(dest="focal_command", metavar="ACTION", required=True)

    ls = commands.add(sub, "list", cmd_list, "list focal points (active ones by default)")
    ls.add_argument("--country", help="only this country (code or name)")
    ls.add_argument("--organisation", help="only organisations containing this text")
    ls.add_argument("--search", help="words to find in name, title, organisation, email...")
    which = ls.add_mutually_exclusive_group()
    which.add_argument("--inactive", action="store_true", help="only inactive ones")
    which.add_argument("--all", action="store_true", help="active and inactive")

    show = commands.add(sub, "show", cmd_show, "print a focal point and its assignments")
    show.add_argument("person", help="id, email or name")

    add = commands.add(sub, "add", cmd_add, "add a focal point (a person or an office)")
    add.add_argument("name")
    _person_options(add, country_required=True)

    edit = commands.add(sub, "edit", cmd_edit, "change some fields of a focal point")
    edit.add_argument("person", help="id, email or name")
    edit.add_argument("--name")
    _person_options(edit, country_required=False)

    for name, handler, text in (("deactivate", cmd_deactivate, "mark as inactive (history)"),
                                ("reactivate", cmd_reactivate, "mark as active again")):
        p = commands.add(sub, name, handler, text)
        p.add_argument("person", help="id, email or name")

    ex = commands.add(sub, "export", cmd_export,
                      "write the register and its assignments to an Excel workbook")
    ex.add_argument("file", type=Path, help="output .xlsx file")
    ex.add_argument("--plan", type=number, help="plan id (default: the first plan)")

    im = commands.add(sub, "import", cmd_import,
                      "merge a register workbook into the database (all or nothing)")
    im.add_argument("file", type=Path, help="an .xlsx workbook (see the README for columns)")
    im.add_argument("--dry-run", action="store_true",
                    help="show what would change and change nothing")
    im.add_argument("--plan", type=number, help="plan id (default: the first plan)")

    asg = commands.add(commands.top, "assign", cmd_assign,
                       "assign a focal point to an action line or a whole section")
    asg.add_argument("target", metavar="REF_OR_SECTION", help="e.g. 1.3(b), 1.3b or 2.1")
    asg.add_argument("--person", required=True, help="id, email or name")
    asg.add_argument("--role", default="lead", help="lead (default), co-lead, support, contact")
    asg.add_argument("--plan", type=number, help="plan id (default: the first plan)")

    un = commands.add(commands.top, "unassign", cmd_unassign,
                      "remove a focal point's assignment to an action line or section")
    un.add_argument("target", metavar="REF_OR_SECTION")
    un.add_argument("--person", required=True, help="id, email or name")
    un.add_argument("--plan", type=number, help="plan id (default: the first plan)")

    gaps = commands.add(commands.top, "gaps", cmd_gaps,
                        "list action lines with no active focal point of a country")
    gaps.add_argument("--country", required=True, help="country code (VN) or name")
    gaps.add_argument("--section", help="only this section (2.1), or 5 for part 5's lines")
    gaps.add_argument("--plan", type=number, help="plan id (default: the first plan)")

    cov = commands.add(commands.top, "coverage", cmd_coverage,
                       "per section, how many action lines have a focal point per country")
    cov.add_argument("--all-countries", action="store_true",
                     help="one column per EU member state too (default: EU27 as one column)")
    cov.add_argument("--plan", type=number, help="plan id (default: the first plan)")

    ho = commands.add(commands.top, "handover", cmd_handover,
                      "move all assignments of a focal point to a successor (old one kept "
                      "as inactive history)")
    ho.add_argument("old", help="id, email or name of the focal point leaving")
    ho.add_argument("new", nargs="?", help="id, email or name of an existing successor")
    ho.add_argument("--name", help="a new successor's name (instead of NEW)")
    _person_options(ho, country_required=False)


def _line(fp: FocalPointInfo) -> str:
    where = ", ".join(x for x in (fp.title, fp.organisation) if x)
    bits = [f"{fp.id:4}  {fp.country_code:4} {fp.name}"]
    if where:
        bits.append(f" - {where}")
    if fp.email:
        bits.append(f" <{fp.email}>")
    bits.append(f"  [{fp.assignment_count} assigned]")
    if not fp.active:
        bits.append("  (inactive)")
    return "".join(bits)


def _warn(warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    active = None if args.all else not args.inactive
    people = ctx.desk.focal.people(country=args.country, organisation=args.organisation,
                                   text=args.search, active=active)
    for fp in people:
        print(_line(fp))
    print(f"{len(people)} focal point{'s' if len(people) != 1 else ''}", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    focal = ctx.desk.focal
    fp = focal.find(args.person)
    print(_line(fp))
    for label, value in (("phone", fp.phone), ("notes", fp.notes)):
        if value:
            print(f"      {label}: {value}")
    if fp.successor_id is not None:
        print(f"      successor: {focal.get(fp.successor_id).label} (id {fp.successor_id})")
    for a in focal.assignments_of(fp.id):
        kind = "section" if a.is_section else "action "
        print(f"      {kind} {a.ref:8} {a.role:8} {textwrap.shorten(a.title, 70)}")
    return 0


def _fields(args: argparse.Namespace, base: FocalPointFields | None) -> FocalPointFields:
    from app.focal.values import FocalPointFields

    given = {k: getattr(args, k) for k in ("name", "country", *_FIELDS)
             if getattr(args, k, None) is not None}
    if base is None:
        return FocalPointFields(**given)
    return replace(base, **given)


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    created = ctx.desk.focal.add(_fields(args, None))
    _warn(created.change.warnings)
    print(_line(ctx.desk.focal.get(created.id)))
    return 0


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    focal = ctx.desk.focal
    fp = focal.find(args.person)
    _warn(focal.update(fp.id, _fields(args, fp.fields)).warnings)
    print(_line(focal.get(fp.id)))
    return 0


def cmd_deactivate(args: argparse.Namespace, ctx: Context) -> int:
    fp = ctx.desk.focal.find(args.person)
    ctx.desk.focal.deactivate(fp.id)
    print(_line(ctx.desk.focal.get(fp.id)))
    return 0


def cmd_reactivate(args: argparse.Namespace, ctx: Context) -> int:
    fp = ctx.desk.focal.find(args.person)
    ctx.desk.focal.reactivate(fp.id)
    print(_line(ctx.desk.focal.get(fp.id)))
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from app.interchange.register_xlsx import export_register

    result = export_register(ctx.desk, args.file, args.plan)
    _warn(result.warnings)
    print(f"wrote {args.file} ({result.people} focal points, {result.assignments} "
          "assignments)", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    from app.interchange.register_xlsx import import_register

    result = import_register(ctx.desk, args.file, plan_id=args.plan, dry_run=args.dry_run)
    _warn(result.warnings)
    if args.dry_run:
        print(f"dry run: {result.summary()} (nothing was changed)")
    else:
        print(f"imported {args.file.name}: {result.summary()}")
    for line in result.lines:
        print(f"  {line}")
    return 0


def cmd_assign(args: argparse.Namespace, ctx: Context) -> int:
    from app.vocab import role_code

    focal = ctx.desk.focal
    fp = focal.find(args.person)
    target = focal.resolve_target(args.target, args.plan)
    current = [a for a in focal.assignments_of(fp.id) if a.target == target.target]
    what = f"the whole section {target.ref}" if target.is_section else target.ref
    if current:
        focal.set_role(current[0].id, args.role)
        print(f"{fp.label} on {what}: role {current[0].role} -> {role_code(args.role)}")
        return 0
    focal.assign(fp.id, target.target, args.role)
    n = len(target.action_ids)
    print(f"assigned {fp.label} to {what} as {role_code(args.role)} "
          f"({n} action line{'s' if n != 1 else ''})")
    return 0


def cmd_unassign(args: argparse.Namespace, ctx: Context) -> int:
    focal = ctx.desk.focal
    fp = focal.find(args.person)
    target = focal.resolve_target(args.target, args.plan)
    current = [a for a in focal.assignments_of(fp.id) if a.target == target.target]
    if not current:
        raise InputError(f"{fp.label} is not assigned to {target.ref}")
    focal.remove_assignment(current[0].id)
    print(f"removed {fp.label} from {target.ref}")
    return 0


def cmd_gaps(args: argparse.Namespace, ctx: Context) -> int:
    focal = ctx.desk.focal
    code = focal.country_code(args.country)
    rows = focal.gaps(code, args.plan, section=args.section)
    count = 0
    for _row, actions in rows:
        for a in actions:
            count += 1
            print(f"{a.ref:8} {textwrap.shorten(a.text, width=100, placeholder=' …')}")
    scope = f" of section {args.section}" if args.section else ""
    if args.section is None:
        total = sum(r.total for r in focal.coverage(args.plan).rows)
        scope = f" (of {total})"
    print(f"{code}: {count} action line{'s' if count != 1 else ''}{scope} without a focal "
          "point of this country", file=sys.stderr)
    return 0


def cmd_coverage(args: argparse.Namespace, ctx: Context) -> int:
    matrix = ctx.desk.focal.coverage(args.plan)
    asean, eu, inst = (matrix.codes(g) for g in ("ASEAN", "EU", "institution"))
    columns: list[tuple[str, tuple[str, ...]]] = [(c, (c,)) for c in asean]
    if args.all_countries:
        columns += [(c, (c,)) for c in eu]
    else:
        columns.append(("EU27", eu))
    columns += [(c, (c,)) for c in inst]
    print(f"{'':6}{'lines':>6} " + " ".join(f"{label:>5}" for label, _ in columns))
    for row in matrix.rows:
        cells = " ".join(f"{row.count_any(codes):>5}" for _label, codes in columns)
        print(f"{row.label:6}{row.total:>6} {cells}")
    return 0


def cmd_handover(args: argparse.Namespace, ctx: Context) -> int:
    focal = ctx.desk.focal
    old = focal.find(args.old)
    successor: int | FocalPointFields
    if args.new and args.name:
        raise InputError("give either NEW (an existing focal point) or --name (a new one)")
    if args.new:
        successor = focal.find(args.new).id
    elif args.name:
        if not args.country:
            args.country = old.country_code
        successor = _fields(args, None)
    else:
        raise InputError("name the successor: NEW (id, email or name) or --name ... for a "
                         "new focal point")
    done = focal.handover(old.id, successor)
    _warn(done.change.warnings)
    new = focal.get(done.successor_id)
    made = " (new)" if done.successor_created else ""
    print(f"handed over {len(done.moved)} assignment{'s' if len(done.moved) != 1 else ''} "
          f"from {old.label} to {new.label}{made}; {old.name} is now inactive")
    if done.dropped:
        refs = ", ".join(a.ref for a in done.dropped)
        print(f"  {new.name} already had: {refs}")
    return 0
