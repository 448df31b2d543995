"""What comes in from a file of focal points (a workbook, a JSON backup) once it is read
and checked, and what merging it changes, as plain values: the importers build these, the
register merges them (app.focal.merge)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.values import Change, TargetInfo

OPTIONAL = ("title", "organisation", "email", "phone", "notes")


@dataclass(frozen=True, slots=True)
class IncomingAssignment:
    where: str  # "row 7"
    target: TargetInfo
    role: str  # a role code


@dataclass
class IncomingPerson:
    where: str  # "row 4", "rows 4, 9" or "person 3"
    name: str
    country_code: str
    title: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    notes: str | None = None
    active: bool | None = None
    assignments: list[IncomingAssignment] = field(default_factory=list)
    updated_at: datetime | None = None  # from a backup: when the fields were last changed

    @property
    def label(self) -> str:
        return f"{self.name} ({self.country_code})"


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What an import changes (or, for a dry run, would change), as people read it."""

    added_people: int
    updated_people: int
    added_assignments: int
    changed_roles: int
    lines: tuple[str, ...]  # one per change, in file order
    warnings: tuple[str, ...] = ()
    ids: tuple[int | None, ...] = ()  # per incoming record: its focal point id (None: new)
    change: Change = Change(focal_points=True)

    def summary(self) -> str:
        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        text = (f"add {n(self.added_people, 'focal point', 'focal points')}, "
                f"update {self.updated_people}, "
                f"add {n(self.added_assignments, 'assignment', 'assignments')}")
        if self.changed_roles:
            text += f", change {n(self.changed_roles, 'role', 'roles')}"
        return text
