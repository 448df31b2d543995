"""The one reference resolver: the action lines and sections of one plan by their references
in the plan's own notation ('1.3(b)', '1.3b', '5(a)', '2.1', '1.1.1', 'I.3', 'A.2(b)'), read
once into plain dictionaries and looked up by `app.refs.ref_key` (without case, dots, spaces
or brackets).

Every caller that turns typed text into an action line or a section (the CLI, the window's
search, meetings, assignments, imports) uses a `PlanIndex`; every failure is a `BadReference`.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import BadReference, NotFoundError
from app.models import ActionLine, Part, Section
from app.refs import is_action_ref, normalize_ref, ref_key
from app.refs import stored_ref_key as stored_key
from app.values import Target, TargetInfo

_FORMS = "use an action line like 1.3(b) or a section like 2.1"


class PlanIndex:
    """References and section numbers of one plan, and their order."""

    def __init__(self, session: Session, plan_id: int) -> None:
        self.plan_id = plan_id
        self._actions: dict[str, tuple[int, str]] = {}
        self._action_by_id: dict[int, str] = {}
        self._order: dict[int, int] = {}
        self._first_action: dict[int, int] = {}
        self._section_actions: dict[int, set[int]] = defaultdict(set)
        self._section_of: dict[int, int] = {}
        for aid, ref, txt, section_id in session.execute(
                select(ActionLine.id, ActionLine.ref, ActionLine.text, ActionLine.section_id)
                .where(ActionLine.plan_id == plan_id).order_by(ActionLine.position)):
            self._actions[ref] = (aid, txt)
            self._action_by_id[aid] = ref
            self._order[aid] = len(self._order)
            if section_id is not None:
                self._section_actions[section_id].add(aid)
                self._section_of[aid] = section_id
                self._first_action.setdefault(section_id, self._order[aid])
        self._sections: dict[str, tuple[int, str]] = {}
        self._section_by_id: dict[int, str] = {}
        for sid, number, title in session.execute(
                select(Section.id, Section.number, Section.title)
                .join(Part, Part.id == Section.part_id).where(Part.plan_id == plan_id)
                .order_by(Part.number, Section.position)):
            self._sections[number] = (sid, title)
            self._section_by_id[sid] = number
        self._by_key: dict[tuple[str, ...], tuple[bool, str]] = {}  # -> (is an action, ref)
        for ref in self._actions:
            self._by_key[stored_key(ref)] = (True, ref)
        for number in self._sections:
            self._by_key.setdefault(stored_key(number), (False, number))
        self._parts: set[tuple[str, ...]] = set()
        for part_number, label in session.execute(
                select(Part.number, Part.label).where(Part.plan_id == plan_id)):
            self._parts |= {stored_key(str(part_number)), stored_key(label or str(part_number))}

    def resolve(self, typed: str) -> TargetInfo:
        """The action line or section `typed` names; BadReference that says why not."""
        text = typed.strip()
        key = ref_key(text)
        canonical = normalize_ref(text)
        if key is None or canonical is None:
            raise BadReference(f"unknown reference {text!r} ({_FORMS})")
        found = self._by_key.get(key)
        if found is not None:
            is_action, ref = found
            if is_action:
                return self.for_target(Target(action_id=self._actions[ref][0]))
            return self.for_target(Target(section_id=self._sections[ref][0]))
        if is_action_ref(canonical):
            raise BadReference(f"unknown reference {text!r}: no action line {canonical} in "
                               "this plan")
        if key in self._parts:
            raise BadReference(f"{text!r} is a part, not a section: use a section (like 2.1) "
                               f"or an action line (like {canonical}.1(a) or {canonical}(a))")
        what = "section" if len(key) == 2 and all(c.isdigit() for c in key) else (
            "action line or section")
        raise BadReference(f"unknown reference {text!r}: no {what} {canonical} in this plan")

    def resolve_action(self, typed: str) -> TargetInfo:
        """Like `resolve`, for an action line only (a section is refused)."""
        info = self.resolve(typed)
        if info.is_section:
            raise BadReference(f"{typed.strip()!r} is not an action-line reference (like "
                               "1.3(b) or 5(a))")
        return info

    def references(self) -> list[tuple[str, str]]:
        """Every section number and action-line reference with its title or text, in plan
        order (a section just before its lines): what a completer offers."""
        sections = sorted(((self.sort_key(Target(section_id=sid)), number)
                           for number, (sid, _title) in self._sections.items()))
        out: list[tuple[str, str]] = []
        pending = iter(sections)
        upcoming = next(pending, None)
        for ref, (aid, text) in self._actions.items():
            while upcoming is not None and upcoming[0] <= (self._order[aid], 1):
                out.append((upcoming[1], self._sections[upcoming[1]][1]))
                upcoming = next(pending, None)
            out.append((ref, text))
        while upcoming is not None:
            out.append((upcoming[1], self._sections[upcoming[1]][1]))
            upcoming = next(pending, None)
        return out

    def section_of(self, action_id: int) -> int | None:
        """The section an action line belongs to (None for a part's own lines)."""
        return self._section_of.get(action_id)

    def sort_key(self, target: Target) -> tuple[int, int]:
        """Plan order: a section comes just before its first action line."""
        if target.action_id is not None:
            return (self._order.get(target.action_id, 1 << 30), 1)
        assert target.section_id is not None
        return (self._first_action.get(target.section_id, 1 << 30), 0)

    def for_target(self, target: Target) -> TargetInfo:
        if target.action_id is not None:
            ref = self._action_by_id.get(target.action_id)
            if ref is None:
                raise NotFoundError(f"no action line with id {target.action_id} in this plan")
            return TargetInfo(target, self.plan_id, ref, self._actions[ref][1],
                              frozenset({target.action_id}))
        assert target.section_id is not None
        number = self._section_by_id.get(target.section_id)
        if number is None:
            raise NotFoundError(f"no section with id {target.section_id} in this plan")
        return TargetInfo(target, self.plan_id, number, self._sections[number][1],
                          frozenset(self._section_actions[target.section_id]))


def plan_of_target(session: Session, target: Target) -> int:
    """The plan an action line or a section belongs to; NotFoundError if it does not exist."""
    if target.action_id is not None:
        plan_id = session.scalar(select(ActionLine.plan_id)
                                 .where(ActionLine.id == target.action_id))
        what = f"action line with id {target.action_id}"
    else:
        plan_id = session.scalar(select(Part.plan_id).join(Section, Section.part_id == Part.id)
                                 .where(Section.id == target.section_id))
        what = f"section with id {target.section_id}"
    if plan_id is None:
        raise NotFoundError(f"no {what}")
    return plan_id
