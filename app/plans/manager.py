"""The plans in the database, their trees and the one reference resolver: `desk.plan`."""

from __future__ import annotations

from sqlalchemy import func, select

from app.errors import NotFoundError
from app.models import ActionLine, Plan
from app.models.base import fetch
from app.plan_parser import ParsedPlan
from app.store.plan_index import PlanIndex
from app.store.seed import add_plan
from app.store.session import Store
from app.store.tree_query import read_plan_tree
from app.text_clean import clean
from app.values import PlanInfo, PlanTree, TargetInfo


class PlanManager:
    def __init__(self, store: Store) -> None:
        self._store = store

    def all(self) -> list[PlanInfo]:
        """Every plan, in the order they were added (the first is the default)."""
        with self._store.read() as s:
            counts: dict[int, int] = {
                plan_id: n for plan_id, n in s.execute(
                    select(ActionLine.plan_id, func.count()).group_by(ActionLine.plan_id))
            }
            return [
                PlanInfo(p.id, p.title, p.source_name, counts.get(p.id, 0), p.preamble)
                for p in s.scalars(select(Plan).order_by(Plan.position, Plan.id))
            ]

    def default_id(self) -> int:
        """The first plan's id; NotFoundError when the database holds none."""
        with self._store.read() as s:
            plan_id = s.scalar(select(Plan.id).order_by(Plan.position, Plan.id).limit(1))
        if plan_id is None:
            raise NotFoundError("the database holds no plan; run 'poadesk import plan FILE'")
        return plan_id

    def tree(self, plan_id: int | None = None) -> PlanTree:
        """The plan as pillars > sections > action lines (app.store.tree_query: the same plain
        SQL the window's fast start reads before SQLAlchemy is loaded)."""
        with self._store.read() as s:
            return read_plan_tree(self._store.driver_connection(s), plan_id)

    def add(self, parsed: ParsedPlan, source_name: str, *,
            allow_unplaced: bool = False) -> PlanInfo:
        """Add a parsed plan (app.interchange.plan_text reads one from a file); its source's
        name passes the text gate (a file name that is not UTF-8 loses those bytes). Text the
        parser could not place is refused unless `allow_unplaced` (the user chose to leave it
        out after the preview)."""
        with self._store.write() as s:
            plan = add_plan(s, parsed, source_name=clean(source_name),
                            allow_unplaced=allow_unplaced)
            return PlanInfo(plan.id, plan.title, plan.source_name,
                            sum(1 for _ in parsed.action_lines()), plan.preamble)

    def index(self, plan_id: int | None = None) -> PlanIndex:
        """The references and section numbers of a plan (default: the first), as plain
        dictionaries: resolve many references without a query each."""
        plan = self.default_id() if plan_id is None else plan_id
        with self._store.read() as s:
            fetch(s, Plan, plan, "plan")
            return PlanIndex(s, plan)

    def resolve(self, ref: str, plan_id: int | None = None) -> TargetInfo:
        """An action line ('1.3(b)', '1.3b', '5(a)') or a section ('2.1'); BadReference."""
        return self.index(plan_id).resolve(ref)

    def resolve_ref(self, ref: str, plan_id: int | None = None) -> int:
        """The id of the action line `ref`; BadReference if it names none."""
        info = self.index(plan_id).resolve_action(ref)
        assert info.target.action_id is not None
        return info.target.action_id
