"""The gateway: one `Desk` per open database. The UI and the CLI ask it; it hands back values.

Every mutation is one short transaction, committed at once, and returns a `Change`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Engine, func, or_, select, text
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker

from app import paths
from app.db import checkpoint, database_label, describe_db_error, is_sqlite, open_database
from app.errors import DatabaseError, InputError, NotFoundError
from app.models import (
    Acronym,
    ActionLine,
    Assignment,
    Country,
    FocalPoint,
    Part,
    Plan,
    Section,
    Tag,
    action_tags,
)
from app.models.base import fetch
from app.status import status_code
from app.text_clean import clean_text
from app.tree_query import read_coverage, read_plan_tree
from app.values import (
    AcronymInfo,
    ActionDetail,
    AssignedFocalPoint,
    Change,
    CountryInfo,
    PlanInfo,
    PlanTree,
    SearchHit,
)

if TYPE_CHECKING:
    from app.focal.points import FocalPointManager
    from app.meetings import MeetingManager

REF_RE = re.compile(r"^\s*(\d{1,2})(?:\.(\d{1,2}))?\.?\s*(?:\(?\s*([A-Za-z]{1,2})\s*\)?)?\s*$")
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def now() -> datetime:
    """UTC, without tzinfo (SQLite stores naive datetimes)."""
    return datetime.now(UTC).replace(tzinfo=None)


def normalize_ref(value: str) -> str | None:
    """'1.3b', '1.3 (B)', '5a' -> '1.3(b)', '5(a)'; '1.3' -> '1.3' (a section); else None."""
    m = REF_RE.match(value)
    if not m:
        return None
    part, section, letter = m.groups()
    base = f"{int(part)}.{int(section)}" if section else str(int(part))
    return f"{base}({letter.lower()})" if letter else base


def _word_match(column: InstrumentedAttribute[str], word: str, dialect: str) -> ColumnElement[bool]:
    """Outside SQLite (no FTS5): `column` has a word starting with `word`, without case, as the
    full-text index matches `"word"*`. PostgreSQL: a regular expression, `\\m` the start of a
    word (`word` is letters, digits and '_' only: nothing to escape); elsewhere ILIKE."""
    if dialect == "postgresql":
        return column.regexp_match(r"\m" + word, flags="i")
    return column.icontains(word, autoescape=True)


def _driver_connection(s: Session) -> Any:
    """The DB-API connection under a session's transaction (for app.tree_query's plain SQL)."""
    return s.connection().connection.driver_connection


class Desk:
    """One open POA Desk database (cf. Anki's Collection)."""

    def __init__(self, engine: Engine, path: Path | None = None) -> None:
        self.engine = engine
        self.path = path
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: Path | None = None) -> Desk:
        """Open the working database (created from the pristine plan.db on first use)."""
        path = path or paths.default_database()
        engine = open_database(path, seed=paths.seed_database())
        return cls(engine, path)

    def close(self) -> None:
        with suppress(DBAPIError):  # another process holds it; the WAL is still consistent
            checkpoint(self.engine)
        self.engine.dispose()

    @property
    def meetings(self) -> MeetingManager:
        """Meetings and their agendas (app.meetings); imported on first use."""
        from app.meetings import MeetingManager

        return MeetingManager(self)

    @property
    def focal(self) -> FocalPointManager:
        """Focal points, assignments, coverage and hand-over (app.focal.points)."""
        from app.focal.points import FocalPointManager

        return FocalPointManager(self)

    # -- sessions ---------------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; a driver error (locked, damaged...) becomes one line."""
        with self._sessions() as session:
            try:
                yield session
            except DBAPIError as exc:
                raise DatabaseError(describe_db_error(database_label(self.engine, self.path),
                                                      exc)) from None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One short transaction: commit on success, roll back and explain on failure."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except (IntegrityError, DataError) as exc:
            # DataError: a value the database refuses, e.g. too long for its column on
            # PostgreSQL (SQLite does not enforce String(N)). First line: PostgreSQL adds DETAIL.
            reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else exc
            raise InputError(f"the change was refused by the database: {reason}") from None
        except DBAPIError as exc:
            raise DatabaseError(describe_db_error(database_label(self.engine, self.path),
                                                  exc)) from None
        finally:
            session.close()

    # -- plans and the tree -----------------------------------------------------------------

    def plans(self) -> list[PlanInfo]:
        with self.read() as s:
            counts: dict[int, int] = {
                plan_id: n for plan_id, n in s.execute(
                    select(ActionLine.plan_id, func.count()).group_by(ActionLine.plan_id))
            }
            return [
                PlanInfo(p.id, p.title, p.source_name, counts.get(p.id, 0))
                for p in s.scalars(select(Plan).order_by(Plan.position, Plan.id))
            ]

    def default_plan_id(self) -> int:
        with self.read() as s:
            plan_id = s.scalar(select(Plan.id).order_by(Plan.position, Plan.id).limit(1))
        if plan_id is None:
            raise NotFoundError("the database holds no plan; run 'poadesk import plan FILE'")
        return plan_id

    def _plan_id(self, plan_id: int | None) -> int:
        return self.default_plan_id() if plan_id is None else plan_id

    def plan_tree(self, plan_id: int | None = None) -> PlanTree:
        """The plan as pillars > sections > action lines (app.tree_query: the same plain SQL
        the window's fast start reads before SQLAlchemy is loaded)."""
        with self.read() as s:
            return read_plan_tree(_driver_connection(s), plan_id)

    @staticmethod
    def _coverage(s: Session, plan_id: int) -> dict[int, set[str]]:
        """action id -> country codes of active focal points covering it (direct or section)."""
        return read_coverage(_driver_connection(s), plan_id)

    # -- one action line --------------------------------------------------------------------

    def resolve_ref(self, ref: str, plan_id: int | None = None) -> int:
        """The id of the action line `ref` ('1.3(b)', '1.3b', '5(a)'); NotFoundError if none."""
        canonical = normalize_ref(ref)
        if canonical is None or "(" not in canonical:
            raise NotFoundError(f"{ref!r} is not an action-line reference (like 1.3(b) or 5(a))")
        plan_id = self._plan_id(plan_id)
        with self.read() as s:
            action_id = s.scalar(select(ActionLine.id).where(
                ActionLine.plan_id == plan_id, ActionLine.ref == canonical))
        if action_id is None:
            raise NotFoundError(f"no action line {canonical} in this plan")
        return action_id

    def action(self, action_id: int) -> ActionDetail:
        with self.read() as s:
            a = fetch(s, ActionLine, action_id, "action line")
            part = s.get(Part, a.part_id)
            section = s.get(Section, a.section_id) if a.section_id else None
            assert part is not None
            return ActionDetail(
                a.id, a.plan_id, a.ref, a.letter, a.text, a.status, a.notes, a.notes_private,
                a.lines_to_take, tuple(t.name for t in a.tags), a.updated_at, part.number,
                part.title, section.number if section else None,
                section.title if section else None, self._assigned(s, a),
            )

    @staticmethod
    def _assigned(s: Session, a: ActionLine) -> tuple[AssignedFocalPoint, ...]:
        target = Assignment.action_line_id == a.id
        if a.section_id is not None:
            target = or_(target, Assignment.section_id == a.section_id)
        rows = s.execute(
            select(Assignment, FocalPoint, Country)
            .join(FocalPoint, FocalPoint.id == Assignment.focal_point_id)
            .join(Country, Country.code == FocalPoint.country_code)
            .where(target)
            .order_by(Country.position, FocalPoint.name)
        )
        return tuple(
            AssignedFocalPoint(asg.id, fp.id, fp.name, fp.title, fp.organisation, c.code,
                               c.name, fp.email, asg.role, asg.section_id is not None, fp.active)
            for asg, fp, c in rows
        )

    # -- edits ------------------------------------------------------------------------------

    def _edit_action(self, action_id: int, **values: Any) -> Change:
        warnings = []
        for name, value in list(values.items()):
            if isinstance(value, str):
                values[name], changed = clean_text(value)
                if changed:
                    label = name.replace("_", " ")
                    warnings.append(f"{label}: removed control characters Word and Excel reject")
        with self.write() as s:
            a = fetch(s, ActionLine, action_id, "action line")
            for name, value in values.items():
                setattr(a, name, value)
            a.updated_at = now()
        return Change(action_ids=frozenset({action_id}), warnings=tuple(warnings))

    def set_status(self, action_id: int, status: str) -> Change:
        try:
            code = status_code(status)
        except ValueError as exc:
            raise InputError(str(exc)) from None
        return self._edit_action(action_id, status=code)

    def set_notes(self, action_id: int, notes: str, private: bool | None = None) -> Change:
        values: dict[str, Any] = {"notes": notes}
        if private is not None:
            values["notes_private"] = private
        return self._edit_action(action_id, **values)

    def set_notes_private(self, action_id: int, private: bool) -> Change:
        return self._edit_action(action_id, notes_private=private)

    def set_lines_to_take(self, action_id: int, lines: str) -> Change:
        return self._edit_action(action_id, lines_to_take=lines)

    def set_tags(self, action_id: int, names: Sequence[str]) -> Change:
        wanted = sorted({clean_text(n)[0].strip() for n in names} - {""}, key=str.casefold)
        with self.write() as s:
            a = fetch(s, ActionLine, action_id, "action line")
            existing = {t.name: t for t in s.scalars(select(Tag).where(Tag.name.in_(wanted)))}
            a.tags = [existing.get(n) or Tag(name=n) for n in wanted]
            a.updated_at = now()
        return Change(action_ids=frozenset({action_id}))

    def all_tags(self) -> list[str]:
        with self.read() as s:
            used = select(action_tags.c.tag_id)
            return list(s.scalars(select(Tag.name).where(Tag.id.in_(used)).order_by(Tag.name)))

    # -- search -----------------------------------------------------------------------------

    def search(self, query: str, plan_id: int | None = None, *, snippets: bool = False,
               limit: int | None = None) -> list[SearchHit]:
        """Action lines matching `query` (words as prefixes, all required), best first.

        A reference ('1.3(b)', or '1.3' for a whole section) matches by reference first.
        """
        plan_id = self._plan_id(plan_id)
        hits: list[SearchHit] = []
        seen: set[int] = set()
        with self.read() as s:
            ref = normalize_ref(query)
            if ref is not None:
                cond = ActionLine.ref == ref if "(" in ref else ActionLine.ref.startswith(ref + "(")
                for aid, r, t in s.execute(select(ActionLine.id, ActionLine.ref, ActionLine.text)
                                           .where(ActionLine.plan_id == plan_id, cond)
                                           .order_by(ActionLine.position)):
                    hits.append(SearchHit(aid, r, t))
                    seen.add(aid)
            for hit in self._text_search(s, query, plan_id, snippets):
                if hit.action_id not in seen:
                    hits.append(hit)
                    seen.add(hit.action_id)
        return hits[:limit] if limit else hits

    def search_ids(self, query: str, plan_id: int | None = None) -> set[int]:
        """The ids matching `query`, unranked: what a filter-as-you-type needs, fast.

        The same set as `search()` finds, without ranking, texts or snippets (one id column
        per row: at 100 times the plan's size a one-letter query stays a few milliseconds).
        """
        plan_id = self._plan_id(plan_id)
        ids: set[int] = set()
        with self.read() as s:
            ref = normalize_ref(query)
            if ref is not None:
                cond = ActionLine.ref == ref if "(" in ref else ActionLine.ref.startswith(ref + "(")
                ids.update(s.scalars(select(ActionLine.id)
                                     .where(ActionLine.plan_id == plan_id, cond)))
            words = _WORD_RE.findall(query)
            if not words:
                return ids
            if is_sqlite(self.engine):
                match = " ".join(f'"{w}"*' for w in words)
                rows = s.execute(text(  # CROSS JOIN: the full-text index is the outer loop
                    "SELECT a.id FROM action_fts CROSS JOIN action_lines a "
                    "ON a.id = action_fts.rowid "
                    "WHERE action_fts MATCH :match AND a.plan_id = :plan"),
                    {"match": match, "plan": plan_id})
                ids.update(aid for (aid,) in rows)
            else:
                ids.update(hit.action_id for hit in self._text_search(s, query, plan_id, False))
        return ids

    def _text_search(self, s: Session, query: str, plan_id: int,
                     snippets: bool) -> list[SearchHit]:
        words = _WORD_RE.findall(query)
        if not words:
            return []
        if is_sqlite(self.engine):
            match = " ".join(f'"{w}"*' for w in words)
            snippet = ("snippet(action_fts, -1, '[', ']', ' … ', 12)" if snippets else "''")
            sql = text(
                f"SELECT a.id, a.ref, a.text, {snippet} FROM action_fts "
                "JOIN action_lines a ON a.id = action_fts.rowid "
                "WHERE action_fts MATCH :match AND a.plan_id = :plan "
                "ORDER BY bm25(action_fts, 5.0, 1.0, 1.0, 1.0), a.position"
            )
            rows = s.execute(sql, {"match": match, "plan": plan_id})
            return [SearchHit(aid, r, t, snip) for aid, r, t, snip in rows]
        conds = [or_(*(_word_match(column, w, self.engine.dialect.name) for column in (
            ActionLine.ref, ActionLine.text, ActionLine.notes, ActionLine.lines_to_take)))
            for w in words]
        rows2 = s.execute(select(ActionLine.id, ActionLine.ref, ActionLine.text)
                          .where(ActionLine.plan_id == plan_id, *conds)
                          .order_by(ActionLine.position))
        return [SearchHit(aid, r, t) for aid, r, t in rows2]

    # -- reference data ---------------------------------------------------------------------

    def acronyms(self, plan_id: int | None = None) -> list[AcronymInfo]:
        plan_id = self._plan_id(plan_id)
        with self.read() as s:
            rows = s.execute(select(Acronym.abbr, Acronym.expansion)
                             .where(Acronym.plan_id == plan_id)
                             .order_by(func.lower(Acronym.abbr)))
            return [AcronymInfo(a, e) for a, e in rows]

    def countries(self) -> list[CountryInfo]:
        with self.read() as s:
            return [CountryInfo(c.code, c.name, c.grouping)
                    for c in s.scalars(select(Country).order_by(Country.position))]

    # -- plans from files -------------------------------------------------------------------

    def import_plan(self, path: Path) -> PlanInfo:
        """Add another plan text in the same numbered style beside the existing ones."""
        from app.seed import add_plan, read_plan_file

        parsed = read_plan_file(path)
        with self.write() as s:
            plan = add_plan(s, parsed, source_name=path.name)
            info = PlanInfo(plan.id, plan.title, plan.source_name,
                            sum(1 for _ in parsed.action_lines()))
        return info
