"""What the progress report says, gathered from the Desk as plain values: the figures by pillar
and section (ASEAN's measure: achieved or being addressed, Recurring counted as addressed), the
status changes in the period (from the history), each action line with its own activities, each
section with the activities recorded on it as a whole (counted and shown once, at the section,
never repeated under its lines), the period's activity figures (by pillar, section and kind),
the "as at" date and the glossary the acronym annex draws on."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from app.activities.values import ActivityInfo
from app.clock import long_date, now
from app.glossary import Acronym
from app.values import ActionSummary
from app.vocab import ACTIVITY_KINDS, PROGRESS_STATUSES, STATUS_CODES, status_label

from .content import glossary as load_glossary

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
    activities: tuple[ActivityInfo, ...]  # recorded on this line itself (not its section's)


@dataclass(frozen=True, slots=True)
class ReportGroup:
    """A section with its lines and the activities recorded on the whole section; or a
    part's own lines (part 5: `number` is the part's, no section-wide activities)."""

    number: str  # "1.3", or "5" for a part's own lines (its label: "II", "" if unnumbered)
    title: str
    pillar: str
    lines: tuple[ReportLine, ...]
    activities: tuple[ActivityInfo, ...] = ()  # on the whole section
    is_section: bool = True

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}"


@dataclass(frozen=True, slots=True)
class ActivityCount:
    """The period's activities of a pillar or a section: each counted once."""

    label: str
    on_lines: int
    section_wide: int

    @property
    def total(self) -> int:
        return self.on_lines + self.section_wide


@dataclass(frozen=True, slots=True)
class ActivityFigures:
    by_pillar: tuple[ActivityCount, ...]  # every pillar, in plan order
    by_section: tuple[ActivityCount, ...]  # the sections with any, in plan order
    by_kind: tuple[tuple[str, int], ...]  # (kind label, count), ACTIVITY_KINDS order, non-zero
    total: int
    section_wide: int


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
    groups: tuple[ReportGroup, ...] = ()
    activities: tuple[ActivityInfo, ...] = ()  # every activity of the period, once
    activity_figures: ActivityFigures | None = None
    as_at: date | None = None  # the period's end, or today if that is earlier
    glossary: tuple[Acronym, ...] = ()

    @property
    def period(self) -> str:
        return f"{long_date(self.date_from)} to {long_date(self.date_to)}"

    @property
    def as_at_text(self) -> str:
        """'as at 7 December 2026'."""
        return f"as at {long_date(self.as_at or self.date_to)}"

    @property
    def without_activity(self) -> tuple[ReportLine, ...]:
        return tuple(line for line in self.lines if not line.activities)

    @property
    def not_assessed(self) -> int:
        return self.overall.count("not_assessed")


def describe(activity: ActivityInfo) -> str:
    """'5 March 2026: Haze workshop (Workshop or training; Bangkok; lead: EU; programme:
    E-READI)': what the report writes of an activity (never its notes)."""
    f = activity.fields
    details = [activity.kind_label, f.place, f"lead: {f.lead}" if f.lead else "",
               f"programme: {f.programme}" if f.programme else ""]
    return f"{activity.when}: {f.title} ({'; '.join(d for d in details if d)})"


def as_at(date_to: date, today: date | None = None) -> date:
    """The date a report's figures are as at: the period's end, or today if earlier."""
    return min(date_to, today or now().date())


def _figures(label: str, actions: list[ActionSummary]) -> Figures:
    return Figures(label, tuple((code, sum(1 for a in actions if a.status == code))
                                for code in STATUS_CODES))


def _by_date(activities: list[ActivityInfo]) -> tuple[ActivityInfo, ...]:
    return tuple(sorted(activities, key=lambda i: (i.fields.start_date or date.max, i.id)))


def load_report(desk: Desk, date_from: date, date_to: date,
                plan_id: int | None = None, *, today: date | None = None,
                glossary: bool = False) -> ReportContent:
    """The report's content; `glossary`: with the acronyms (for a file's annex; the window's
    Progress view does without)."""
    tree = desk.plan_tree(plan_id)
    activities = desk.activities.list(tree.plan.id, date_from=date_from, date_to=date_to)
    by_action: dict[int, list[ActivityInfo]] = {}
    by_section: dict[int, list[ActivityInfo]] = {}
    for activity in activities:
        if activity.target.action_id is not None:
            by_action.setdefault(activity.target.action_id, []).append(activity)
        elif activity.target.section_id is not None:
            by_section.setdefault(activity.target.section_id, []).append(activity)
    pillars: list[Figures] = []
    sections: list[Figures] = []
    lines: list[ReportLine] = []
    groups: list[ReportGroup] = []
    pillar_counts: list[ActivityCount] = []
    section_counts: list[ActivityCount] = []
    refs: dict[int, str] = {}
    for part in tree.parts:
        pillar = part.heading
        everything = list(part.actions)
        on_lines = wide = 0
        nodes: list[tuple[int | None, str, str, tuple[ActionSummary, ...]]] = [
            (None, part.label, part.display_title, part.actions)]
        nodes += [(s.id, s.number, s.title, s.actions) for s in part.sections]
        for section_id, number, title, actions in nodes:
            label = f"{number} {title}" if section_id is not None else ""
            if section_id is not None:
                everything += list(actions)
                sections.append(_figures(label, list(actions)))
            own = []
            for a in actions:
                refs[a.id] = a.ref
                own.append(ReportLine(a.ref, pillar, label, a.text, status_label(a.status),
                                      _by_date(by_action.get(a.id, []))))
            lines += own
            whole = _by_date(by_section.get(section_id, [])) if section_id is not None else ()
            if own or whole:
                groups.append(ReportGroup(number, title, pillar, tuple(own), whole,
                                          section_id is not None))
            line_count = sum(len(line.activities) for line in own)
            on_lines, wide = on_lines + line_count, wide + len(whole)
            if section_id is not None and (line_count or whole):
                section_counts.append(ActivityCount(label, line_count, len(whole)))
        pillars.append(_figures(pillar, everything))
        pillar_counts.append(ActivityCount(pillar, on_lines, wide))
    kinds = Counter(a.fields.kind for a in activities)
    figures = ActivityFigures(
        tuple(pillar_counts), tuple(section_counts),
        tuple((label, kinds[code]) for code, label in ACTIVITY_KINDS.items() if kinds[code]),
        sum(c.total for c in pillar_counts), sum(c.section_wide for c in pillar_counts))
    start = datetime.combine(date_from, time.min)
    end = datetime.combine(date_to, time.max)
    changes = tuple(
        StatusChange(h.at, refs[h.action_id], _label(h.old), _label(h.new), h.who)
        for h in reversed(desk.history(since=start, kinds=["action_line"]))
        if h.kind == "action_line" and h.field == "status" and h.at <= end
        and h.action_id in refs)
    return ReportContent(tree.plan.title, date_from, date_to,
                         _figures("Overall", tree.all_actions()), tuple(pillars),
                         tuple(sections), changes, tuple(lines), tuple(groups),
                         _by_date(activities),
                         figures, as_at(date_to, today),
                         load_glossary(desk, [tree.plan.id]) if glossary else ())


def _label(code: str | None) -> str:
    try:
        return status_label(code or "")
    except KeyError:
        return code or ""
