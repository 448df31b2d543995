"""The rows behind the meetings manager: cleaning a meeting's and an item's fields, building
and renumbering agenda items (app.meetings.manager)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import ActionLine, AgendaItem, Meeting, Part, Section
from app.text_clean import check_length, clean_text
from app.values import Target
from app.vocab import MEETING_KINDS, marking_label

from .carry_over import last_outcome, standing_lines, target_of, target_ref
from .values import (
    ALL_LINES,
    FIELD_LABELS,
    ITEM_EXTRA_FIELDS,
    ITEM_FIELDS,
    MEETING_LINE_FIELDS,
    MEETING_TEXT_FIELDS,
    NO_LINES,
    AgendaItemView,
)

_ONE_LINE_LIMITS = {"kind": 60, "title": 300, "venue": 300, "marking": 120, "drafter": 200,
                    "cleared_by": 200, "version": 60, "reference": 120}
_ITEM_LINE_LIMITS = {"title": 300, "quoted_lines": 400}
_KINDS = {k.casefold(): k for k in MEETING_KINDS}


def agenda_plans(s: Session, m: Meeting) -> set[int]:
    """The ids of the plans the meeting's agenda items come from."""
    actions = [i.action_line_id for i in m.items if i.action_line_id is not None]
    sections = [i.section_id for i in m.items if i.section_id is not None]
    plans: set[int] = set()
    if actions:
        plans.update(s.scalars(select(ActionLine.plan_id).where(ActionLine.id.in_(actions))))
    if sections:
        plans.update(s.scalars(select(Part.plan_id).join(Section, Section.part_id == Part.id)
                               .where(Section.id.in_(sections))))
    return plans


EXTRA_FIELDS = (*MEETING_TEXT_FIELDS, *MEETING_LINE_FIELDS)


def item_values(warnings: list[str], values: dict[str, str]) -> dict[str, str]:
    """Cleaned item fields (the title and the quoted lines one line, not too long)."""
    cleaned: dict[str, str] = {}
    for name, value in values.items():
        if name not in ITEM_FIELDS and name not in ITEM_EXTRA_FIELDS:
            raise InputError(f"an agenda item has no field {name!r}")
        cleaned[name], changed = clean_text(value)
        check_length(cleaned[name], f"the item's {FIELD_LABELS[name].lower()}")  # app.limits
        if changed:
            warnings.append(f"{FIELD_LABELS[name].lower()}: removed control characters "
                            "Word and Excel reject")
        if name in _ITEM_LINE_LIMITS:
            text = " ".join(cleaned[name].split())
            if len(text) > _ITEM_LINE_LIMITS[name]:
                raise InputError(f"the item's {FIELD_LABELS[name].lower()} is too long "
                                 f"({len(text)} characters; at most {_ITEM_LINE_LIMITS[name]})")
            cleaned[name] = text
    return cleaned


def check_quoted(s: Session, item: AgendaItem, choice: str) -> str:
    """The lines of a whole section to quote: '*' (all), '-' (none) or letters 'a, c, h'
    that the section has, written 'a,c,h'; InputError otherwise."""
    if choice.casefold() in ("*", "all"):
        return ALL_LINES
    if choice.casefold() in ("-", "none"):
        return NO_LINES
    if choice.casefold() == "default":
        return ""
    if item.section_id is None:
        raise InputError("only a whole section's item quotes chosen lines; an action line is "
                         "always quoted in full")
    letters = [x.strip().strip("()").lower() for x in choice.split(",") if x.strip()]
    known = list(s.scalars(select(ActionLine.letter).where(ActionLine.section_id
                                                           == item.section_id)
                           .order_by(ActionLine.position)))
    unknown = [x for x in letters if x not in known]
    if unknown:
        number = s.get_one(Section, item.section_id).number
        raise InputError(f"section {number} has no action line {', '.join(unknown)} (it has "
                         f"{known[0]} to {known[-1]})" if known else
                         f"section {number} has no action lines")
    return ",".join(x for x in known if x in letters)


def meeting_values(warnings: list[str], **fields: str) -> dict[str, str]:
    """Cleaned meeting fields; InputError for an empty kind/title, a line field that is not
    one line or one too long."""
    out = {}
    for name, raw in fields.items():
        if name not in _ONE_LINE_LIMITS and name not in MEETING_TEXT_FIELDS:
            raise InputError(f"a meeting has no field {name!r}")
        value, changed = clean_text(raw)
        value = value.strip()
        if changed:
            warnings.append(f"{name}: removed control characters Word and Excel reject")
        if name in MEETING_TEXT_FIELDS:
            out[name] = value
            continue
        if "\n" in value:
            raise InputError(f"the meeting's {name} must be one line")
        if not value and name in ("kind", "title"):
            raise InputError(f"a meeting needs a {name}"
                             + (f" (e.g. {', '.join(MEETING_KINDS)})" if name == "kind" else ""))
        if len(value) > _ONE_LINE_LIMITS[name]:
            raise InputError(f"the meeting's {name} is too long "
                             f"({len(value)} characters; at most {_ONE_LINE_LIMITS[name]})")
        if name == "kind":
            value = _KINDS.get(value.casefold(), value)
        elif name == "marking":
            value = marking_label(value)
        out[name] = value
    return out


def view_target(view: AgendaItemView) -> Target | None:
    if view.is_free:
        return None
    if view.is_section:
        return Target(section_id=view.section_id)
    return Target(action_id=view.action_line_id)


def item_from_view(meeting_id: int, view: AgendaItemView, position: int) -> AgendaItem:
    target = view_target(view)
    return AgendaItem(
        meeting_id=meeting_id, position=position,
        action_line_id=target.action_id if target else None,
        section_id=target.section_id if target else None,
        **{name: view.field(name) for name in (*ITEM_FIELDS, *ITEM_EXTRA_FIELDS)},
    )


def renumber(items: Sequence[AgendaItem]) -> None:
    for index, item in enumerate(items):
        if item.position != index:
            item.position = index


def insert_items(s: Session, m: Meeting, picks: Sequence[Target | str],
                  position: int | None, warnings: list[str] | None = None) -> list[int]:
    """Put action lines and sections (targets) and items of one's own (titles) on `m`'s
    agenda at `position` (None: the end), in order; InputError if one is there already."""
    cleaned = [p if isinstance(p, Target) else item_values(
        warnings if warnings is not None else [], {"title": p})["title"] for p in picks]
    if any(isinstance(p, str) and not p for p in cleaned):
        raise InputError("a free-text agenda item needs a title, e.g. \"Any other business\"")
    present = {t for t in map(target_of, m.items) if t is not None}
    titles = {i.title.casefold() for i in m.items if target_of(i) is None}
    clash = [target_ref(s, p) if isinstance(p, Target) else p for p in cleaned
             if (p in present if isinstance(p, Target) else p.casefold() in titles)]
    if clash:
        raise InputError(f"already on the agenda of this meeting: {', '.join(clash)}")
    at = len(m.items) if position is None else min(max(position, 0), len(m.items))
    new = []
    for offset, pick in enumerate(cleaned):
        if isinstance(pick, str):
            item = AgendaItem(meeting_id=m.id, position=at + offset, title=pick)
        else:
            item = AgendaItem(
                meeting_id=m.id, position=at + offset,
                action_line_id=pick.action_id, section_id=pick.section_id,
                points_to_make=standing_lines(s, pick),
                background=last_outcome(s, m, pick),
            )
        m.items.insert(at + offset, item)
        new.append(item)
    renumber(m.items)
    s.flush()
    return [item.id for item in new]
