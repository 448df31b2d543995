"""Plain frozen values the gateway hands out: no ORM object ever leaves the gateway."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Keep(enum.Enum):
    """'Leave this field as it is' (where None is a real value, like 'no date')."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True, slots=True)
class PlanInfo:
    id: int
    title: str
    source_name: str
    action_count: int
    preamble: str = ""


@dataclass(frozen=True, slots=True)
class ActionSummary:
    id: int
    ref: str
    letter: str
    text: str
    status: str  # code, see app.vocab
    has_notes: bool
    coverage: int  # how many countries/institutions have a focal point on it
    countries: tuple[str, ...] = ()  # their codes, sorted
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SectionNode:
    id: int
    number: str
    title: str
    actions: tuple[ActionSummary, ...]


@dataclass(frozen=True, slots=True)
class PartNode:
    id: int
    number: int
    title: str  # verbatim ("POLITICAL AND SECURITY COOPERATION")
    display_title: str  # "Political and Security Cooperation"
    sections: tuple[SectionNode, ...]
    actions: tuple[ActionSummary, ...]  # part-level action lines (part 5)
    label: str  # the number as published ("2", "II"); "" for an unnumbered heading

    @property
    def heading(self) -> str:
        """'II. Economic Cooperation' as the plan numbers it; the title alone for an
        unnumbered heading."""
        return part_heading(self.label, self.display_title)


@dataclass(frozen=True, slots=True)
class PlanTree:
    plan: PlanInfo
    parts: tuple[PartNode, ...]

    def all_actions(self) -> list[ActionSummary]:
        out: list[ActionSummary] = []
        for part in self.parts:
            out.extend(part.actions)
            for section in part.sections:
                out.extend(section.actions)
        return out


@dataclass(frozen=True, slots=True)
class AssignedFocalPoint:
    assignment_id: int
    focal_point_id: int
    name: str
    title: str
    organisation: str
    country_code: str
    country_name: str
    email: str
    role: str
    via_section: bool  # covers the action through a whole-section assignment
    active: bool = True


@dataclass(frozen=True, slots=True)
class ActionDetail:
    id: int
    plan_id: int
    ref: str
    letter: str
    text: str
    status: str
    notes: str
    notes_private: bool
    lines_to_take: str
    tags: tuple[str, ...]
    updated_at: datetime | None
    part_number: int
    part_title: str
    part_label: str  # the part's number as published ("II"); "" for an unnumbered heading
    section_number: str | None
    section_title: str | None
    focal_points: tuple[AssignedFocalPoint, ...] = ()

    @property
    def breadcrumb(self) -> str:
        part = part_heading(self.part_label, display_title(self.part_title))
        if self.section_number is None:
            return part
        return f"{part} > {self.section_number} {self.section_title}"

    def summary(self) -> ActionSummary:
        """This action line as `Desk.plan_tree` shows it (coverage counts active focal points),
        so a view can refresh one row after an edit without reloading the tree."""
        countries = tuple(sorted({fp.country_code for fp in self.focal_points if fp.active}))
        return ActionSummary(self.id, self.ref, self.letter, self.text, self.status,
                             bool(self.notes), len(countries), countries, self.tags)


@dataclass(frozen=True, slots=True)
class SearchHit:
    action_id: int
    ref: str
    text: str
    snippet: str = ""


@dataclass(frozen=True, slots=True)
class CountryInfo:
    code: str
    name: str
    grouping: str  # "ASEAN", "EU" or "institution"


@dataclass(frozen=True, slots=True)
class AcronymInfo:
    abbr: str
    expansion: str


@dataclass(frozen=True, slots=True)
class Change:
    """What a mutation changed, so views refresh only that (cf. Anki's OpChanges)."""

    action_ids: frozenset[int] = frozenset()
    plan_structure: bool = False  # plans, parts, sections or action lines added/removed
    focal_points: bool = False
    meetings: bool = False
    activities: bool = False
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Created:
    """What a creating edit made: the new ids (a focal point, an assignment, a meeting, agenda
    items) and the change. Undo deletes `ids`; redo makes them again with the same ids."""

    ids: tuple[int, ...]
    change: Change

    @property
    def id(self) -> int:
        return self.ids[0]


@dataclass(frozen=True, slots=True)
class Target:
    """What an assignment or an agenda item is about: one action line or a whole section
    (exactly one is set)."""

    action_id: int | None = None
    section_id: int | None = None

    def __post_init__(self) -> None:
        if (self.action_id is None) == (self.section_id is None):
            raise ValueError("a target is either an action line or a section")

    @property
    def is_section(self) -> bool:
        return self.section_id is not None


@dataclass(frozen=True, slots=True)
class TargetInfo:
    """A resolved target: its plan, reference, title and the action lines it covers."""

    target: Target
    plan_id: int
    ref: str  # "1.3(b)" for an action line, "2.1" for a section
    title: str  # the action's text or the section's title
    action_ids: frozenset[int]  # the action lines it covers

    @property
    def is_section(self) -> bool:
        return self.target.section_id is not None


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """One recorded change of one field (app.store.history)."""

    id: int
    at: datetime  # UTC
    who: str
    operation: str  # "edit", "import from som.json", "restore of ..."
    kind: str  # action_line, focal_point, assignment, meeting, agenda_item
    entity_id: int
    action_id: int | None
    label: str  # "1.3(b)", "Siti Rahmawati (ID)", "SOM, 2026-03-05: 29th SOM"
    field: str  # "status", "notes", ... or "created" / "deleted"
    old: str | None
    new: str | None
    private: bool  # old/new are a private note's text (masked unless asked)

    def shown(self, value: str | None, include_private: bool = False) -> str:
        if self.private and not include_private and value:
            return "(private note)"
        return "" if value is None else value


_SMALL_WORDS = {"and", "of", "the", "in", "on", "for", "to", "with", "a", "an"}
# after a hyphen these stay lowercase: "Follow-up", not "Follow-Up"
_PARTICLES = {"up", "in", "on", "out", "off", "down", "over", "by"}


def part_heading(label: str, title: str) -> str:
    """A part as the plan numbers it: ('II', 'Economic Cooperation') -> 'II. Economic
    Cooperation'; ('', 'Economic Cooperation') -> the title alone (an unnumbered heading)."""
    return f"{label}. {title}" if label else title


def display_title(title: str) -> str:
    """Part headings are written in capitals in the plan; show them in title case."""
    if not title.isupper():
        return title
    words = title.lower().split()
    return " ".join(
        w if (i and w in _SMALL_WORDS) else "-".join(
            p if (j and p in _PARTICLES) else p[:1].upper() + p[1:]
            for j, p in enumerate(w.split("-")))
        for i, w in enumerate(words)
    )
