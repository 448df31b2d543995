"""What a backup to restore or merge would change on the action lines already here, for the one
review dialog (app.ui.shell.review_dialog): per action line, each field's value here beside the
file's. Read from the file's JSON as it is (the import checks it): odd values are skipped, not
reported; the import refuses them with their place named.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from app.ui.shell.review_dialog import ReviewGroup, ReviewRow
from app.vocab import status_code, status_label

if TYPE_CHECKING:
    from app.service import Desk
    from app.values import ActionDetail

LABELS = {"status": "status", "notes": "notes", "lines_to_take": "lines to take",
          "tags": "tags"}


def _dicts(items: Any) -> list[dict[str, Any]]:
    return [x for x in items if isinstance(x, dict)] if isinstance(items, list) else []


def _actions(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for part in _dicts(plan.get("parts")):
        yield from _dicts(part.get("actions"))
        for section in _dicts(part.get("sections")):
            yield from _dicts(section.get("actions"))


def _field_changes(now: ActionDetail, action: dict[str, Any]) -> list[ReviewRow]:
    rows = []
    status = action.get("status")
    if isinstance(status, str):
        try:
            code = status_code(status)
        except (ValueError, KeyError):
            code = now.status
        if code != now.status:
            rows.append(ReviewRow("status", status_label(now.status), status_label(code)))
    notes = action.get("notes")
    if isinstance(notes, str) and notes.strip() != now.notes.strip():
        here = "(private note)" if now.notes_private else now.notes
        rows.append(ReviewRow("notes", here, notes))
    lines = action.get("lines_to_take")
    if isinstance(lines, str) and lines.strip() != now.lines_to_take.strip():
        rows.append(ReviewRow("lines to take", now.lines_to_take, lines))
    tags = action.get("tags")
    if isinstance(tags, list) and all(isinstance(t, str) for t in tags) \
            and {t.strip() for t in tags if t.strip()} != set(now.tags):
        rows.append(ReviewRow("tags", ", ".join(now.tags), ", ".join(tags)))
    return rows


def action_changes(desk: Desk, data: dict[str, Any], limit: int = 2000) -> list[ReviewGroup]:
    """The action lines of the plans here (matched by title) that the file would change, one
    group each ("1.3(b) …"), at most `limit` of them."""
    plans = {p.title: p.id for p in desk.plans()}
    groups: list[ReviewGroup] = []
    for plan in _dicts(data.get("plans")):
        plan_id = plans.get(plan.get("title"))  # type: ignore[arg-type]
        if plan_id is None:
            continue  # a plan to be added: the contents say so
        here = {d.ref: d for d in desk.action_details(plan_id)}
        for action in _actions(plan):
            now = here.get(action.get("ref"))  # type: ignore[arg-type]
            if now is None:
                continue
            rows = _field_changes(now, action)
            if rows:
                text = " ".join(now.text.split())
                text = text if len(text) <= 70 else text[:69] + "…"
                groups.append(ReviewGroup(f"{now.ref} {text}", tuple(rows)))
                if len(groups) >= limit:
                    return groups
    return groups
