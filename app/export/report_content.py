"""What the progress report says, gathered from the Desk as plain values: the figures by pillar
and section (ASEAN's measure: achieved or being addressed, Recurring counted as addressed), the
status changes in the period (from the history), and each action line with its activities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from app.activities.values import ActivityInfo
from app.clock import long_date
from app.values import ActionSummary
from app.vocab import PROGRESS_STATUSES, STATUS_CODES, status_label

if TYPE_CHECKING:
    from app.service import Desk


@dataclass(frozen=True, slots=True)
class Figures:
    """Counts of action lines by status, for the plan, a pillar or a section."""

    label: str  # "Overall", "1. Political and Security Cooperation", "1.3 Combat terrorism"
    counts: tuple[tuple[str, int], ...]  # (status code, count), in STATUS_CODES order

    @property
    def total(self) -> int:
        return sum(n for _code, n in self.counts)

    @property
    def addressed(self) -> int:
        return sum(n for code, n in self.counts if code in PROGRESS_STATUSES)

    @property
    def share(self) -> float:
        return self.addressed / self.total if self.total else 0.0

    def count(self, code: str) -> int:
        return dict(self.counts).get(code, 0)


@dataclass(frozen=True, slots=True)
class StatusChange:
    at: datetime
    ref: str
    old: str  # label
    new: str  # label
    who: str


@dataclass(frozen=True, slots=True)
class ReportLine:
    ref: str
    pillar: str
    section: str
    text: str
    status: str  # label
    activities: tuple[ActivityInfo, ...]


@dataclass(frozen=True, slots=True)
class ReportContent:
    plan_title: str
    date_from: date
    date_to: date
    overall: Figures
    pillars: tuple[Figures, ...]
    sections: tuple[Figures, ...]
    changes: tuple[StatusChange, ...]
    lines: tuple[ReportLine, ...]

    @property
    def period(self) -> str:
        return f"{long_date(self.date_from)} to {long_date(self.date_to)}"

    @property
    def without_activity(self) -> tuple[ReportLine, ...]:
        return tuple(line for line in self.lines if not line.activities)




def _figures(label: str, actions: list[ActionSummary]) -> Figures:
    return Figures(label, tuple((code, sum(1 for a in actions if a.status == code))
                                for code in STATUS_CODES))


def load_report(desk: Desk, date_from: date, date_to: date,
                plan_id: int | None = None) -> ReportContent:
    tree = desk.plan_tree(plan_id)
    activities = desk.activities.list(tree.plan.id, date_from=date_from, date_to=date_to)
    by_action: dict[int, list[ActivityInfo]] = {}
    by_section: dict[int, list[ActivityInfo]] = {}
    for activity in activities:
        if activity.target.action_id is not None:
            by_action.setdefault(activity.target.action_id, []).append(activity)
        elif activity.target.section_id is not None:
            by_section.setdefault(activity.target.section_id, []).append(activity)
    pillars, sections, lines = [], [], []
    refs: dict[int, str] = {}
    for part in tree.parts:
        pillar = f"{part.number}. {part.display_title}"
        everything = list(part.actions)
        groups = [(None, "", part.actions)] + [(s.id, f"{s.number} {s.title}", s.actions)
                                               for s in part.sections]
        for section_id, section, actions in groups:
            if section_id is not None:
                everything += list(actions)
                sections.append(_figures(section, list(actions)))
            for a in actions:
                refs[a.id] = a.ref
                done = by_action.get(a.id, []) + (by_section.get(section_id, [])
                                                  if section_id is not None else [])
                done.sort(key=lambda i: (i.fields.start_date or date.max, i.id))
                lines.append(ReportLine(a.ref, pillar, section, a.text,
                                        status_label(a.status), tuple(done)))
        pillars.append(_figures(pillar, everything))
    start = datetime.combine(date_from, time.min)
    end = datetime.combine(date_to, time.max)
    changes = tuple(
        StatusChange(h.at, refs[h.action_id], _label(h.old), _label(h.new), h.who)
        for h in reversed(desk.history(since=start))
        if h.kind == "action_line" and h.field == "status" and h.at <= end
        and h.action_id in refs)
    return ReportContent(tree.plan.title, date_from, date_to,
                         _figures("Overall", tree.all_actions()), tuple(pillars),
                         tuple(sections), changes, tuple(lines))


def _label(code: str | None) -> str:
    try:
        return status_label(code or "")
    except KeyError:
        return code or ""
