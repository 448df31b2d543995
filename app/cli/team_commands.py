"""The laptop that travels: `poadesk --db URL copy-offline COPY.db` and
`poadesk --db URL merge-back COPY.db [--dry-run]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.arguments import short

if TYPE_CHECKING:
    from app.cli import Commands, Context


def register(commands: Commands) -> None:
    c = commands.add(commands.top, "copy-offline", cmd_copy_offline,
                     "make a local copy of the (team) database for a trip")
    c.add_argument("file", type=Path, help="the new SQLite file, e.g. trip.db")
    m = commands.add(commands.top, "merge-back", cmd_merge_back,
                     "bring an offline copy's changes back (conflicts are listed and left as "
                     "they are)")
    m.add_argument("file", type=Path, help="the offline copy")
    m.add_argument("--dry-run", action="store_true",
                   help="only list every change and every conflict")


def cmd_copy_offline(args: argparse.Namespace, ctx: Context) -> int:
    target = ctx.desk.copy_offline(args.file)
    print(f"wrote {target}: work on it with poadesk --db {target} (or open it in the window); "
          f"bring the changes back with poadesk --db {ctx.desk.label} merge-back {target}",
          file=sys.stderr)
    return 0


def cmd_merge_back(args: argparse.Namespace, ctx: Context) -> int:
    from app.interchange.offline import apply_merge, preview_merge

    preview = preview_merge(ctx.desk, args.file)
    for item in preview.items:
        what = item.field.replace("_", " ")
        if item.field in ("created", "deleted"):
            line = f"{item.label}: activity {what} on the trip"
        else:
            line = (f"{item.label} {what}: {short(item.shown(item.server))} -> "
                    f"{short(item.shown(item.offline))}")
        if item.conflict:
            line = (f"CONFLICT {item.label} {what}: changed on the team database too "
                    f"(was {short(item.shown(item.base))}, now "
                    f"{short(item.shown(item.server))}; the trip's: "
                    f"{short(item.shown(item.offline))}); left as it is")
        print(line)
    for line in preview.not_carried:
        print(f"not carried back: {line}")
    if not preview.items:
        print(f"{args.file.name}: nothing to bring back")
        return 0
    if args.dry_run:
        print(f"dry run: {len(preview.items)} change(s), {len(preview.conflicts)} conflict(s); "
              "nothing was changed", file=sys.stderr)
        return 0
    apply_merge(ctx.desk, args.file, preview)
    print(f"merged {len(preview.items) - len(preview.conflicts)} change(s) from "
          f"{args.file.name}; {len(preview.conflicts)} conflict(s) left as they are on the "
          "team database", file=sys.stderr)
    return 0
