"""Plain frozen values of the focal-point register, its assignments and the coverage matrix.

They are what `desk.focal` (app.focal.points.FocalPointManager) hands out and takes back for
undo: no ORM object leaves the gateway.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.values import Change, CountryInfo, Target, TargetInfo


@dataclass(frozen=True, slots=True)
class FocalPointFields:
    """The editable fields of a focal point; `country` is a code or a display name."""

    name: str
    country: str
    title: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class FocalPointInfo:
    id: int
    name: str
    title: str
    organisation: str
    country_code: str
    country_name: str
    email: str
    phone: str
    notes: str
    active: bool
    successor_id: int | None
    updated_at: datetime | None
    assignment_count: int = 0

    @property
    def fields(self) -> FocalPointFields:
        """What `update(id, fields)` takes: pass it back to undo an edit."""
        return FocalPointFields(self.name, self.country_code, self.title, self.organisation,
                                self.email, self.phone, self.notes)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.country_code})"


@dataclass(frozen=True, slots=True)
class AssignmentInfo:
    """One assignment, complete enough to re-create it (`restore_assignment`): who, in which
    role, on what (`where`: the action line or whole section, resolved as every target is)."""

    id: int
    focal_point_id: int
    focal_point_name: str
    country_code: str
    role: str
    where: TargetInfo
    active: bool = True  # whether the focal point is active

    @property
    def target(self) -> Target:
        return self.where.target

    @property
    def plan_id(self) -> int:
        return self.where.plan_id

    @property
    def ref(self) -> str:
        """The action line's reference, or the section's number for a whole section."""
        return self.where.ref

    @property
    def title(self) -> str:
        return self.where.title

    @property
    def action_ids(self) -> frozenset[int]:
        """The action lines it covers (one, or the section's)."""
        return self.where.action_ids

    @property
    def is_section(self) -> bool:
        return self.where.is_section


@dataclass(frozen=True, slots=True)
class Removed:
    """A removed assignment (undo: `restore_assignment(removed.assignment)`) and the change."""

    assignment: AssignmentInfo
    change: Change


@dataclass(frozen=True, slots=True)
class Handover:
    """What `handover` did, everything `undo_handover` needs to put it back."""

    old: FocalPointInfo  # the old focal point as it was before
    successor_id: int
    successor_created: bool
    moved: tuple[int, ...]  # assignment ids moved from old to successor
    dropped: tuple[AssignmentInfo, ...]  # old's assignments the successor already had
    change: Change


@dataclass(frozen=True, slots=True)
class ActionLineRef:
    id: int
    ref: str
    text: str


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """A section, or the part-level action lines of a part (part 5), as a matrix row."""

    part_number: int
    part_title: str
    section_id: int | None  # None: the part's own action lines
    section_number: str | None
    title: str
    actions: tuple[ActionLineRef, ...]
    covered_by: tuple[frozenset[str], ...]  # per action: codes of active focal points on it
    part_label: str = ""  # the part's number as published ("II"); "" for an unnumbered heading

    @property
    def label(self) -> str:
        """The section's number; for a part's own lines the part's as published ("II"), or
        its place for an unnumbered heading (what its lines' references start with)."""
        return self.section_number or self.part_label or str(self.part_number)

    @property
    def total(self) -> int:
        return len(self.actions)

    def count(self, code: str) -> int:
        """How many of the row's action lines have an active focal point of `code`."""
        return sum(1 for codes in self.covered_by if code in codes)

    def count_any(self, codes: Iterable[str]) -> int:
        """How many have a focal point of any of `codes` (e.g. every EU member state)."""
        wanted = frozenset(codes)
        return sum(1 for covered in self.covered_by if covered & wanted)

    def gaps(self, code: str) -> tuple[ActionLineRef, ...]:
        """The row's action lines without an active focal point of `code`."""
        return tuple(a for a, codes in zip(self.actions, self.covered_by, strict=True)
                     if code not in codes)


@dataclass(frozen=True, slots=True)
class CoverageMatrix:
    """Rows: sections in plan order (part-level lines as their own row); columns: countries."""

    plan_id: int
    countries: tuple[CountryInfo, ...]  # in reference-data order, with their grouping
    rows: tuple[CoverageRow, ...]

    def codes(self, grouping: str | None = None) -> tuple[str, ...]:
        """The country codes, or those of one grouping ("ASEAN", "EU", "institution")."""
        return tuple(c.code for c in self.countries if grouping in (None, c.grouping))

    def row(self, label: str) -> CoverageRow:
        for row in self.rows:
            if row.label == label:
                return row
        raise KeyError(label)
