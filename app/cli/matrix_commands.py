"""The matrix back from capitals: `poadesk import matrix FILE.xlsx [--dry-run]`, and undoing an
import from the history: `poadesk import undo [OPERATION]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.arguments import number, short
from app.errors import NotFoundError

if TYPE_CHECKING:
    from app.cli import Commands, Context


def register(commands: Commands) -> None:
    m = commands.add(commands.import_, "matrix", cmd_import_matrix,
                     "take an edited implementation matrix back: every change is listed, "
                     "conflicts are never overwritten")
    m.add_argument("file", type=Path, help="the workbook (from 'poadesk export matrix')")
    m.add_argument("--dry-run", action="store_true", help="only list what would change")
    m.add_argument("--plan", type=number, help="plan id (default: the first plan)")
    u = commands.add(commands.import_, "undo", cmd_undo_import,
                     "undo the newest import (or the one named), also after a restart")
    u.add_argument("operation", nargs="?",
                   help="as 'poadesk changes' names it, e.g. \"matrix import from rome.xlsx\"")


def cmd_import_matrix(args: argparse.Namespace, ctx: Context) -> int:
    from app.interchange.matrix_xlsx import apply_matrix, preview_matrix

    preview = preview_matrix(ctx.desk, args.file, plan_id=args.plan)
    for warning in preview.warnings:
        print(f"poadesk: warning: {warning}", file=sys.stderr)
    if preview.ignored:
        print(f"poadesk: ignored columns: {', '.join(preview.ignored)}", file=sys.stderr)
    for c in preview.changes:
        mark = "CONFLICT " if c.conflict else ""
        print(f"{mark}{c.ref} {c.label}: {short(c.old)} -> {short(c.new)}  [{c.where}]")
        if c.conflict and c.untrusted:
            print(f"         {c.why}; left as it is here")
        elif c.conflict:
            print(f"         changed here since the export (it was {short(c.exported or '')}"
                  "); left as it is here")
    if not preview.changes:
        print(f"{args.file.name}: nothing to change (sheet {preview.sheet!r}, {preview.rows} "
              "action lines read)")
        return 0
    if args.dry_run:
        print(f"dry run: {preview.summary()}; nothing was changed", file=sys.stderr)
        return 0
    change = apply_matrix(ctx.desk, preview)
    left = len(preview.conflicts)
    print(f"imported {len(preview.changes) - left} change(s) on {len(change.action_ids)} "
          f"action line(s) from {args.file.name}"
          + (f"; {left} conflict(s) left as they are here" if left else ""), file=sys.stderr)
    return 0


def cmd_undo_import(args: argparse.Namespace, ctx: Context) -> int:
    desk = ctx.desk
    operation = args.operation or desk.last_import()
    if operation is None:
        raise NotFoundError("no import in the history to undo")
    change = desk.revert_operation(operation)
    print(f"undid {operation!r}: {len(change.action_ids)} action line(s) as they were",
          file=sys.stderr)
    return 0
