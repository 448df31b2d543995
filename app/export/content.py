"""What the exporters write, gathered from the Desk in a few queries, as plain values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.glossary import Acronym as GlossaryEntry
from app.glossary import acronyms_in
from app.meetings import MeetingDetail
from app.meetings.loading import focal_points_by_action
from app.models import Acronym, ActionLine, Country, FocalPoint, Part, Plan, Section
from app.status import status_label
from app.values import AssignedFocalPoint, display_title

if TYPE_CHECKING:
    from app.service import Desk

EXCEL_CELL_LIMIT = 32_767


@dataclass(frozen=True, slots=True)
class Contact:
    """A focal point as the contact annex / sheet lists it."""

    focal_point_id: int
    country_name: str
    name: str
    title: str
    organisation: str
    email: str
    phone: str
    roles: tuple[str, ...]
    covers: tuple[str, ...]  # references: action lines, or a section number for a section


@dataclass(frozen=True, slots=True)
class MatrixRow:
    ref: str
    pillar: str  # "1. Political and Security Cooperation"
    section: str  # "1.3 Combat terrorism, ..." ("" for a part-level action)
    text: str
    status: str  # label
    notes: str  # "" when the note is private and private notes were not asked for
    updated_at: datetime | None
    focal_points: tuple[AssignedFocalPoint, ...]  # active ones


@dataclass(frozen=True, slots=True)
class BriefContent:
    meeting: MeetingDetail
    glossary: tuple[GlossaryEntry, ...]
    contacts: tuple[Contact, ...]
    plan_title: str = ""
    plan_id: int | None = None  # the plan of the agenda's action lines (the first, if several)


def load_brief(desk: Desk, meeting_id: int) -> BriefContent:
    meeting = desk.meetings.get(meeting_id)
    action_ids = [a.id for item in meeting.items for a in item.actions]
    with desk.read() as s:
        plan_ids = set(s.scalars(select(ActionLine.plan_id).where(ActionLine.id.in_(action_ids))
                                 .distinct())) or {desk.default_plan_id()}
        glossary = _glossary(s, plan_ids)
        plan_id = min(plan_ids)
        plan_title = s.scalar(select(Plan.title).where(Plan.id == plan_id)) or ""
        pairs = [(a.ref if not fp.via_section or item.section_number is None
                  else item.section_number, fp)
                 for item in meeting.items for a in item.actions for fp in a.focal_points]
        order = _country_order(s)
        contacts = contacts_for(s, pairs, order)
    return BriefContent(meeting, glossary, contacts, plan_title, plan_id)


def load_matrix(desk: Desk, plan_id: int | None = None, *, include_private: bool = False,
                ) -> tuple[list[MatrixRow], tuple[Contact, ...], tuple[GlossaryEntry, ...]]:
    """Every action line of the plan as a matrix row, the focal points, the glossary."""
    plan_id = desk.default_plan_id() if plan_id is None else plan_id
    with desk.read() as s:
        # The columns the rows need, not ORM objects: loading ~200 of those cost more than
        # writing the sheet.
        pillars = {pid: f"{number}. {display_title(title)}" for pid, number, title in s.execute(
            select(Part.id, Part.number, Part.title).where(Part.plan_id == plan_id))}
        sections = {sid: (number, f"{number} {title}") for sid, number, title in s.execute(
            select(Section.id, Section.number, Section.title)
            .where(Section.part_id.in_(pillars)))}
        actions = s.execute(
            select(ActionLine.id, ActionLine.part_id, ActionLine.section_id, ActionLine.ref,
                   ActionLine.text, ActionLine.status, ActionLine.notes,
                   ActionLine.notes_private, ActionLine.updated_at)
            .where(ActionLine.plan_id == plan_id).order_by(ActionLine.position)).all()
        fps = focal_points_by_action(s, ((a[0], a[2]) for a in actions), active_only=True)
        rows = []
        pairs: list[tuple[str, AssignedFocalPoint]] = []
        for aid, part_id, section_id, ref, text, status, notes, private, updated in actions:
            sec = sections.get(section_id) if section_id is not None else None
            assigned = fps.get(aid, ())
            rows.append(MatrixRow(ref, pillars[part_id], sec[1] if sec else "", text,
                                  status_label(status),
                                  "" if private and not include_private else notes, updated,
                                  assigned))
            pairs.extend((sec[0] if fp.via_section and sec else ref, fp) for fp in assigned)
        contacts = contacts_for(s, pairs, _country_order(s))
        glossary = _glossary(s, {plan_id})
    return rows, contacts, glossary


def contacts_for(s: Session, pairs: Iterable[tuple[str, AssignedFocalPoint]],
                 country_order: dict[str, int]) -> tuple[Contact, ...]:
    """One contact per active focal point in `pairs` (reference, focal point), with every
    reference and role it covers, ordered by country then name."""
    covers: dict[int, list[str]] = {}
    roles: dict[int, list[str]] = {}
    first: dict[int, AssignedFocalPoint] = {}
    for ref, fp in pairs:
        if not fp.active:
            continue
        first.setdefault(fp.focal_point_id, fp)
        refs = covers.setdefault(fp.focal_point_id, [])
        if ref not in refs:
            refs.append(ref)
        kinds = roles.setdefault(fp.focal_point_id, [])
        if fp.role not in kinds:
            kinds.append(fp.role)
    phones: dict[int, str] = {
        fid: phone for fid, phone in s.execute(
            select(FocalPoint.id, FocalPoint.phone).where(FocalPoint.id.in_(first)))
    }
    out = [Contact(fid, fp.country_name, fp.name, fp.title, fp.organisation, fp.email,
                   phones.get(fid, ""), tuple(roles[fid]), tuple(covers[fid]))
           for fid, fp in first.items()]
    codes = {fid: fp.country_code for fid, fp in first.items()}
    out.sort(key=lambda c: (country_order.get(codes[c.focal_point_id], 10**6),
                            c.name.casefold()))
    return tuple(out)


def lead_focal_points(fps: Sequence[AssignedFocalPoint]) -> list[tuple[str, list[str]]]:
    """[(country, ['Name (Organisation)', ...])] for the active leads and co-leads."""
    by_country: dict[str, list[str]] = {}
    for fp in fps:
        if fp.active and fp.role in ("lead", "co-lead"):
            who = f"{fp.name} ({fp.organisation})" if fp.organisation else fp.name
            if fp.role == "co-lead":
                who += ", co-lead"
            names = by_country.setdefault(fp.country_name, [])
            if who not in names:
                names.append(who)
    return list(by_country.items())


def _country_order(s: Session) -> dict[str, int]:
    return {code: i for i, code in enumerate(
        s.scalars(select(Country.code).order_by(Country.position, Country.code)))}


def _glossary(s: Session, plan_ids: set[int]) -> tuple[GlossaryEntry, ...]:
    seen: dict[str, GlossaryEntry] = {}
    for abbr, expansion in s.execute(select(Acronym.abbr, Acronym.expansion)
                                     .where(Acronym.plan_id.in_(plan_ids))
                                     .order_by(Acronym.plan_id, Acronym.id)):
        seen.setdefault(abbr, GlossaryEntry(abbr, expansion))
    return tuple(seen.values())


def brief_acronyms(text: str, glossary: Sequence[GlossaryEntry]) -> list[GlossaryEntry]:
    """The glossary entries used in `text`, and those their expansions use in turn (so that
    every acronym anywhere in the brief, the annex included, is explained)."""
    found = {a.abbr: a for a in acronyms_in(text, glossary)}
    pending = list(found.values())
    while pending:
        more = acronyms_in("\n".join(a.expansion for a in pending), glossary)
        pending = [a for a in more if a.abbr not in found]
        found.update((a.abbr, a) for a in pending)
    return sorted(found.values(), key=lambda a: (a.abbr.casefold(), a.abbr))
