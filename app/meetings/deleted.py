"""Deleted meetings: each is kept whole in the history (app.store.history keeps it as JSON), so
it can be listed and brought back, also after a restart (`desk.meetings.deleted()`,
`desk.meetings.restore_deleted()`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.errors import NotFoundError
from app.models import Plan
from app.models.base import fetch
from app.store.history import items
from app.store.plan_index import PlanIndex
from app.values import HistoryItem, Target


def deleted_meetings(s: Session) -> list[HistoryItem]:
    """Meetings deleted (newest first) and not brought back since."""
    rows = items(s, kinds=("meeting",))
    back = {h.new for h in rows if h.field == "undeleted"}
    return [h for h in rows if h.field == "deleted" and str(h.id) not in back]


def last_deletion(s: Session, meeting_id: int) -> HistoryItem | None:
    """The history row of meeting `meeting_id`'s deletion, if it is still listed as deleted."""
    return next((h for h in deleted_meetings(s) if h.entity_id == meeting_id), None)


@dataclass(frozen=True)
class DeletedMeeting:
    """A deleted meeting as its history row holds it, its agenda resolved in its plan."""

    entry: HistoryItem
    kind: str
    title: str
    date: date | None
    venue: str
    marking: str
    items: list[tuple[Target | None, dict[str, str]]]
    extra: dict[str, str]


def read_deleted(s: Session, history_id: int, default_plan: Callable[[], int]) -> DeletedMeeting:
    """The deleted meeting of history row `history_id`; NotFoundError if there is none (or it
    has been brought back already). `default_plan()`: its plan when the row names none."""
    entry = next((h for h in deleted_meetings(s) if h.id == history_id), None)
    if entry is None or not entry.old:
        raise NotFoundError(f"no deleted meeting in the history with number {history_id}")
    data: dict[str, Any] = json.loads(entry.old)
    plan = data.get("plan_id")
    plan = default_plan() if plan is None else plan
    fetch(s, Plan, plan, "plan")
    index = PlanIndex(s, plan)
    agenda = [(index.resolve(item["ref"]).target if item.get("ref") is not None else None,
               {k: v for k, v in item.items() if k != "ref"}) for item in data["items"]]
    when = date.fromisoformat(data["date"]) if data.get("date") else None
    extra = {k: v for k, v in data.items()
             if k not in ("kind", "title", "date", "venue", "marking", "plan_id", "items")}
    return DeletedMeeting(entry, data["kind"], data["title"], when, data["venue"],
                          data["marking"], agenda, extra)
