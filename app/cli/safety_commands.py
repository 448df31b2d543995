"""Nothing lost: backups, restore, the integrity check and the change history.

    poadesk backup [FILE]            a checked backup now (into the backup folder, or FILE)
    poadesk backups                  the backups, newest first, numbered
    poadesk restore BACKUP           'latest', a number from `backups`, or a file
    poadesk check [--repair]         integrity, search index and links, in plain words
    poadesk history REF              what changed on one action line, newest first
    poadesk history --purge-before DATE
    poadesk changes --since DATE     everything that changed since a date
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app import paths
from app.cli.arguments import number, short
from app.clock import parse_date
from app.errors import InputError
from app.history_words import change_words, subject

if TYPE_CHECKING:
    from app.cli import Commands, Context
    from app.values import HistoryItem


def register(commands: Commands) -> None:
    b = commands.add(commands.top, "backup", cmd_backup,
                     "take a checked backup of the database now")
    b.add_argument("file", nargs="?", type=Path,
                   help="where to write it (default: the backup folder, kept with the others)")
    bs = commands.add(commands.top, "backups", cmd_backups,
                      "list the backups of the database, newest first")
    bs.add_argument("--keep", type=number, default=None,
                    help="keep only the newest N from now on (default 14)")
    r = commands.add(commands.top, "restore", cmd_restore,
                     "put a backup in the place of the database (backing up the current one "
                     "first)")
    r.add_argument("backup", help="'latest', a number from 'poadesk backups', or a backup file")
    c = commands.add(commands.top, "check", cmd_check,
                     "check the database: integrity, search index, links (exit 1 if not "
                     "healthy)")
    c.add_argument("--repair", action="store_true",
                   help="rebuild the search index if that is what is wrong")
    h = commands.add(commands.top, "history", cmd_history,
                     "what changed on an action line, newest first (or purge old history)")
    h.add_argument("ref", nargs="?", help="an action line, e.g. 1.3(b)")
    h.add_argument("--plan", type=number, help="plan id (default: the first plan)")
    h.add_argument("--include-private", action="store_true",
                   help="show the text of private notes (left out by default)")
    h.add_argument("--purge-before", metavar="DATE",
                   help="forget the history recorded before DATE (YYYY-MM-DD): deleted notes "
                   "then are gone for good")
    ch = commands.add(commands.top, "changes", cmd_changes,
                      "list everything that changed since a date (what moved since the last "
                      "SOM)")
    ch.add_argument("--since", required=True, metavar="DATE", help="YYYY-MM-DD")
    ch.add_argument("--include-private", action="store_true",
                    help="show the text of private notes (left out by default)")


def _database(ctx: Context, command: str) -> Path:
    """The database file the command works on; a server database (--db URL) is refused: its
    backups are the administrator's pg_dump, never the local working file's."""
    if ctx.db_url is not None:
        raise InputError(f"'{command}' works on a database file, and this one is on a server: "
                         "use pg_dump / pg_restore there (see the README, 'Backing up the "
                         "server'); nothing was changed")
    return (ctx.db_path or paths.default_database()).expanduser()


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    if args.file is not None:
        print(f"wrote {ctx.desk.copy_to(args.file)}")
        return 0
    info = ctx.desk.backup("manual")
    if info is None:
        raise InputError("this database is on a server: back it up with pg_dump")
    print(f"wrote {info.path} ({_size(info.size)})")
    return 0


def cmd_backups(args: argparse.Namespace, ctx: Context) -> int:
    from app.access import backups_of

    shelf = backups_of(_database(ctx, "backups"), args.keep)
    if args.keep is not None:
        shelf.prune()
    listed = shelf.list()
    if not listed:
        print(f"no backups yet of {shelf.database} (they go to {shelf.folder})")
        return 0
    print(f"backups of {shelf.database} in {shelf.folder}:")
    for n, info in enumerate(listed, start=1):
        print(f"{n:3}  {info.taken_at:%Y-%m-%d %H:%M:%S}  {_size(info.size):>8}  "
              f"{info.why}")
    return 0


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    from app.access import backups_of, choose_backup, restore_backup

    shelf = backups_of(_database(ctx, "restore"))
    chosen = choose_backup(shelf, args.backup)
    before = restore_backup(chosen, shelf)
    print(f"restored {chosen.path.name} (taken {chosen.taken_at:%Y-%m-%d %H:%M}) into "
          f"{shelf.database}")
    if before is not None:
        kept = before if isinstance(before, Path) else before.path
        print(f"the state before is kept as {kept}", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    from app.access import check_file, rebuild_search_index

    path = _database(ctx, "check")
    if not path.is_file():
        raise InputError(f"no database at {path}")
    problems = check_file(path)
    if problems and args.repair and all("search index" in p for p in problems):
        rebuild_search_index(path)
        problems = check_file(path)
        print("rebuilt the search index")
    if not problems:
        print(f"{path}: healthy (the file, the search index and the links between rows all "
              "check out)")
        return 0
    print(f"{path}: NOT healthy:")
    for problem in problems:
        print(f"  - {problem}")
    print("'poadesk restore latest' brings back the newest good backup "
          "('poadesk backups' lists them)")
    return 1


def cmd_history(args: argparse.Namespace, ctx: Context) -> int:
    desk = ctx.desk
    if args.purge_before:
        when = _date(args.purge_before)
        count = desk.log.purge(when)
        print(f"forgot {count} change(s) recorded before {when:%Y-%m-%d}")
        return 0
    if not args.ref:
        raise InputError("give an action line (poadesk history 1.3(b)) or --purge-before DATE")
    action_id = desk.resolve_ref(args.ref, args.plan)
    items = desk.history(action_id)
    if not items:
        print(f"no recorded changes on {desk.action(action_id).ref}")
    for item in items:
        _print(item, args.include_private, with_label=item.kind != "action_line")
    return 0


def cmd_changes(args: argparse.Namespace, ctx: Context) -> int:
    since = _date(args.since)
    items = ctx.desk.history(since=since)
    if not items:
        print(f"nothing changed since {since:%Y-%m-%d}")
    for item in reversed(items):
        _print(item, args.include_private, with_label=True)
    return 0


def _print(item: HistoryItem, include_private: bool, *, with_label: bool) -> None:
    """One line of a history, in the user's words (app.history_words)."""
    when = f"{item.at:%Y-%m-%d %H:%M} UTC"
    what = f"{subject(item)}: " if with_label else ""
    field, old, new = change_words(item, include_private)
    if item.field in ("created", "deleted") or (not old and not new and item.private):
        change = field
    elif item.field == "restored":
        change = f"{field} {new}"
    else:
        change = f"{field}: {short(old)} -> {short(new)}"
    print(f"{when}  {item.who or '?'}  [{item.operation}]  {what}{change}")


def _date(text: str) -> datetime:
    day = parse_date(text)
    if day is None:
        raise InputError("a date is needed (YYYY-MM-DD)")
    return datetime(day.year, day.month, day.day)


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1 << 20 else f"{size / (1 << 20):.1f} MB"
