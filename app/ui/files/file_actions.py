"""File > Back Up…, Restore or Merge from Backup…: the window's side of `poadesk export json`
and `import json`, with the same core functions (app.interchange.json_backup); File > Import
Plan… is in app.ui.files.plan_review.

Imported when one of them is first chosen (app.ui.files.register_file_actions), so start-up
does not grow; the core modules behind them are imported then too. Every dialog goes through
app.ui.shell.dialogs, which tests replace. A restore is one transaction: an
error is one line and nothing changes; once done the whole window shows the database again and
the undo stack is cleared.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.ui.shell import dialogs
from app.ui.shell.core import core_imports
from app.ui.shell.jobs import (
    NOT_UNDOABLE,
    choose_file_to_open,
    choose_file_to_save,
    run_core,
    save_typed_edits,
)
from app.ui.shell.review_dialog import ReviewDialog, plain_groups

if TYPE_CHECKING:
    from app.ui.shell.host import Host

JSON_FILTER = "POA Desk backups (*.json);;All files (*)"
BACKUP = "backup"

RESTORE_TEXT = (
    "From the file:\n"
    "• the action lines it lists get its status, notes, lines to take and tags (a note the "
    "file leaves out as private stays as it is here);\n"
    "• plans it has and this database does not are added;\n"
    "• focal points are merged (matched by email, or by name and country): their details "
    "updated, missing assignments added;\n"
    "• meetings with the same kind, title and date are replaced by the file's; others are "
    "added.\n"
    "Nothing else is removed. It is done in one step: if anything in the file is wrong, "
    "nothing changes.\n\n" + NOT_UNDOABLE)


def backup_name(include_private: bool = False, today: date | None = None) -> str:
    """'POA Desk backup 2026-11-27.json' (the private variant says so in its name)."""
    stamp = (today or date.today()).isoformat()
    private = " with private notes" if include_private else ""
    return f"POA Desk backup {stamp}{private}.json"


# -- Back Up ----------------------------------------------------------------------------------

def back_up(host: Host, include_private: bool = False) -> Path | None:
    """Write the whole working state as a JSON export (`poadesk export json`)."""
    title = "Back Up"
    if not save_typed_edits(host, title):
        return None
    caption = ("Back up, including private notes" if include_private
               else "Back up (private notes left out)")
    target = choose_file_to_save(host, BACKUP, caption, backup_name(include_private),
                                 JSON_FILTER, ".json")
    if target is None:
        return None

    def job() -> Path:
        with core_imports():
            from app.interchange.json_backup import write_backup

        return write_backup(host.desk(), target, include_private=include_private)

    written = run_core(host, f"Writing {target.name}…", title, job)
    if written is not None:
        private = "private notes included" if include_private else "private notes left out"
        host.status(f"Backed up to {written} ({private})", 15000)
    return written


# -- Restore or Merge -------------------------------------------------------------------------

def _count(items: Any) -> int:
    return len(items) if isinstance(items, list) else 0


def _dicts(items: Any) -> list[dict[str, Any]]:
    return [x for x in items if isinstance(x, dict)] if isinstance(items, list) else []


def _plan_actions(plan: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for part in _dicts(plan.get("parts")):
        out += _dicts(part.get("actions"))
        for section in _dicts(part.get("sections")):
            out += _dicts(section.get("actions"))
    return out


def backup_contents(data: dict[str, Any], local_plans: set[str]) -> list[str]:
    """What a backup holds, one line per kind of thing, for the confirmation. The file is
    not checked yet (the import does that): odd values are counted as nothing."""
    lines = []
    private_withheld = private_included = 0
    for plan in _dicts(data.get("plans")):
        title = plan.get("title") if isinstance(plan.get("title"), str) else "(no title)"
        actions = _plan_actions(plan)
        statuses = Counter(a.get("status") for a in actions)
        assessed = sum(n for s, n in statuses.items() if s not in (None, "Not assessed"))
        notes = sum(1 for a in actions if isinstance(a.get("notes"), str) and a["notes"])
        for a in actions:
            if a.get("notes_private") is True:
                if a.get("notes") is None:
                    private_withheld += 1
                else:
                    private_included += 1
        new = "" if title in local_plans else " — not in this database: it will be added"
        lines.append(f"Plan “{title}”: {len(actions)} action lines, {assessed} with a status, "
                     f"{notes} with notes{new}")
    focal = data.get("focal_points")
    if isinstance(focal, dict):
        lines.append(f"{_count(focal.get('people'))} focal points, "
                     f"{_count(focal.get('assignments'))} assignments")
    if "meetings" in data:
        meetings = _dicts(data.get("meetings"))
        names = ", ".join(f"{m.get('kind', '')} {m.get('date') or m.get('title', '')}".strip()
                          for m in meetings[:6])
        more = ", …" if len(meetings) > 6 else ""
        lines.append(f"{len(meetings)} meetings" + (f": {names}{more}" if names else ""))
    if private_included:
        lines.append(f"{private_included} private notes (the file includes them)")
    if private_withheld:
        lines.append(f"{private_withheld} private notes left out of the file (yours stay)")
    stamp = data.get("exported_at")
    if isinstance(stamp, str) and stamp:
        lines.append(f"Written on {stamp.replace('T', ' at ')}")
    return lines


def restore_review(host: Host, path: Path, data: dict[str, Any],
                   local: set[str]) -> ReviewDialog:
    """The review of a restore: what the file holds, then each action line here it changes,
    its values here beside the file's (the restore is all or nothing: nothing to tick)."""
    from app.ui.files.backup_review import action_changes

    changes = action_changes(host.desk(), data)
    groups = plain_groups(backup_contents(data, local)) + changes
    count = sum(len(g.rows) for g in changes)
    lines_title = (f"The file holds ({count} change{'s' if count != 1 else ''} on "
                   f"{len(changes)} action line{'s' if len(changes) != 1 else ''} here):"
                   if changes else "The file holds:")
    return ReviewDialog(host.widget, "Restore or Merge", f"Restore or merge from “{path.name}”?",
                        RESTORE_TEXT, groups, ok_text="&Restore or Merge",
                        lines_title=lines_title)


def restore(host: Host) -> int | None:
    """Apply a JSON export to the database (`poadesk import json`); the action lines set."""
    title = "Restore or Merge"
    if not save_typed_edits(host, title):
        return None
    path = choose_file_to_open(host, BACKUP, "Restore or merge from a POA Desk backup",
                               JSON_FILTER)
    if path is None:
        return None
    with core_imports():
        from app.interchange.json_backup import import_state, load_json_file

    data = run_core(host, f"Reading {path.name}…", title, lambda: load_json_file(path))
    if data is None:
        return None
    local = {p.title for p in host.desk().plans()}
    dialog = restore_review(host, path, data, local)
    if not dialogs.run_dialog(dialog):
        return None

    def job() -> int:
        return import_state(host.desk(), data, source=path.name).action_lines

    count = run_core(host, f"Restoring from {path.name}…", title, job)
    if count is None:
        return None
    host.reload(None)
    host.status(
        f"Restored from {path.name}: {count} action lines set from the file; focal points "
        "and meetings merged", 15000)
    return count
