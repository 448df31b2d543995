"""Plain frozen values for meetings and their agendas: what the window and the exporters get."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.values import AssignedFocalPoint

# The officer's fields of an agenda item, in the order a brief shows them.
ITEM_FIELDS: tuple[str, ...] = (
    "objective", "points_to_make", "defensive_points", "background", "outcome",
)
FIELD_LABELS: dict[str, str] = {
    "objective": "Objective",
    "points_to_make": "Points to make",
    "defensive_points": "Defensive points",
    "background": "Background",
    "outcome": "Outcome",
}


def meeting_label(kind: str, when: date | None, title: str = "") -> str:
    """'SOM, 2026-03-05'; an undated meeting is named by its title: 'SOM (Retreat)'."""
    if when is not None:
        return f"{kind}, {when.isoformat()}"
    return f"{kind} ({title})" if title and title != kind else kind


@dataclass(frozen=True, slots=True)
class MeetingInfo:
    """One line of the meeting list."""

    id: int
    kind: str  # one of app.vocab.MEETING_KINDS or free text
    title: str
    date: date | None
    venue: str
    marking: str  # handling marking, "" for none
    item_count: int

    @property
    def label(self) -> str:
        return meeting_label(self.kind, self.date, self.title)


@dataclass(frozen=True, slots=True)
class AgendaAction:
    """An action line as an agenda item shows it (one, or every line of a whole section)."""

    id: int
    ref: str
    letter: str
    text: str  # verbatim
    status: str  # code, see app.vocab
    notes: str
    notes_private: bool
    lines_to_take: str
    focal_points: tuple[AssignedFocalPoint, ...] = ()


@dataclass(frozen=True, slots=True)
class AgendaItemView:
    """One agenda item: an action line or a whole section, with the officer's fields."""

    id: int
    meeting_id: int
    position: int  # 0-based place in the agenda
    ref: str  # "1.3(b)" for an action line, "3.5" for a whole section
    is_section: bool
    action_line_id: int | None  # set for an action-line item
    section_id: int | None  # the item's section (an action line's own; None in part 5)
    part_number: int
    part_title: str  # display form ("Economic Cooperation")
    section_number: str | None
    section_title: str | None
    actions: tuple[AgendaAction, ...]
    objective: str = ""
    points_to_make: str = ""
    defensive_points: str = ""
    background: str = ""
    outcome: str = ""
    plan_id: int | None = None  # the plan of its action line or section

    @property
    def title(self) -> str:
        """The section's title (or the part's, for a part-level action line)."""
        return self.section_title if self.section_title is not None else self.part_title

    @property
    def heading(self) -> str:
        """'1.3(b) Combat terrorism, ...' or 'Section 3.5 Promote sustainable ...'."""
        if self.is_section:
            return f"Section {self.ref} {self.title}"
        return f"{self.ref} {self.title}"

    @property
    def text(self) -> str:
        """The verbatim action text; for a section, every line as 'a) ...' one per line."""
        if not self.is_section and len(self.actions) == 1:
            return self.actions[0].text
        return "\n".join(f"{a.letter}) {a.text}" for a in self.actions)

    @property
    def focal_points(self) -> tuple[AssignedFocalPoint, ...]:
        """The focal points covering the item's action lines, each person once."""
        seen: set[int] = set()
        out: list[AssignedFocalPoint] = []
        for action in self.actions:
            for fp in action.focal_points:
                if fp.focal_point_id not in seen:
                    seen.add(fp.focal_point_id)
                    out.append(fp)
        return tuple(out)

    def field(self, name: str) -> str:
        if name not in ITEM_FIELDS:
            raise KeyError(name)
        value: str = getattr(self, name)
        return value


@dataclass(frozen=True, slots=True)
class MeetingDetail:
    """A meeting with its ordered agenda."""

    id: int
    kind: str
    title: str
    date: date | None
    venue: str
    marking: str
    items: tuple[AgendaItemView, ...]

    @property
    def label(self) -> str:
        return meeting_label(self.kind, self.date, self.title)

    @property
    def info(self) -> MeetingInfo:
        return MeetingInfo(self.id, self.kind, self.title, self.date, self.venue, self.marking,
                           len(self.items))
