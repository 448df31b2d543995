"""Finding action lines by words or by reference: `desk.finder` (beside the tree query).

SQLite: the FTS5 index over action text, notes and lines to take (ranked by bm25, snippets
that never show a private note). Elsewhere (PostgreSQL, no FTS5): every word must start a
word of one of those columns, without case or diacritics, unranked, in document order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.models import ActionLine
from app.refs import ref_prefixes, ref_spellings
from app.store.session import Store
from app.values import SearchHit

_WORD_RE = re.compile(r"\w+", re.UNICODE)


def _fold_table() -> tuple[str, str]:
    """Latin letters with diacritics (Latin-1 to Latin Extended Additional, where Vietnamese
    lives) and their plain lower-case letters: what FTS5's remove_diacritics folds."""
    accented: list[str] = []
    plain: list[str] = []
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code).lower()
        base = unicodedata.normalize("NFD", char)[:1]
        if (len(char) == 1 and char not in accented and base.isascii() and base.isalpha()
                and char != base):
            accented.append(char)
            plain.append(base)
    for char, base in (("đ", "d"), ("ł", "l"), ("ø", "o"), ("ß", "s"), ("æ", "a"),
                       ("œ", "o")):
        if char not in accented:
            accented.append(char)
            plain.append(base)
    return "".join(accented), "".join(plain)


_FOLD_FROM, _FOLD_TO = _fold_table()
_FOLD = str.maketrans(_FOLD_FROM, _FOLD_TO)


def _word_match(column: InstrumentedAttribute[str], word: str, dialect: str) -> ColumnElement[bool]:
    """Outside SQLite (no FTS5): `column` has a word starting with `word`, without case or
    diacritics, as the full-text index matches `"word"*`. PostgreSQL: a regular expression
    (`\\m`, the start of a word; `word` is letters, digits and '_' only: nothing to escape)
    over the column lowered and folded by `translate`; elsewhere ILIKE."""
    folded = word.lower().translate(_FOLD)
    if dialect == "postgresql":
        plain = func.translate(func.lower(column), _FOLD_FROM, _FOLD_TO)
        return plain.regexp_match(r"\m" + folded)
    return column.icontains(word, autoescape=True)


def _ref_condition(query: str) -> ColumnElement[bool] | None:
    """A query that is a reference matches by reference: an action line, or a whole section,
    in the plan's notation however typed ('1.3b', '1.1.1.', 'i.a.2': app.refs)."""
    spellings = ref_spellings(query)
    if not spellings:
        return None
    return or_(ActionLine.ref.in_(spellings), *(ActionLine.ref.startswith(prefix)
                                               for prefix in ref_prefixes(query)))


class ActionSearch:
    """Search the action lines of a plan (default: the first)."""

    def __init__(self, store: Store, default_plan: Callable[[], int]) -> None:
        self._store = store
        self._default_plan = default_plan

    def search(self, query: str, plan_id: int | None = None, *, snippets: bool = False,
               limit: int | None = None) -> list[SearchHit]:
        """Action lines matching `query` (words as prefixes, all required), best first.

        A reference ('1.3(b)', or '1.3' for a whole section) matches by reference first.
        """
        plan = self._default_plan() if plan_id is None else plan_id
        hits: list[SearchHit] = []
        seen: set[int] = set()
        with self._store.read() as s:
            cond = _ref_condition(query)
            if cond is not None:
                for aid, r, t in s.execute(select(ActionLine.id, ActionLine.ref, ActionLine.text)
                                           .where(ActionLine.plan_id == plan, cond)
                                           .order_by(ActionLine.position)):
                    hits.append(SearchHit(aid, r, t))
                    seen.add(aid)
            for hit in self._text_search(s, query, plan, snippets):
                if hit.action_id not in seen:
                    hits.append(hit)
                    seen.add(hit.action_id)
        return hits[:limit] if limit else hits

    def ids(self, query: str, plan_id: int | None = None, *,
            every_plan: bool = False) -> set[int]:
        """The ids matching `query`, unranked: what a filter-as-you-type needs, fast.

        The same set as `search()` finds, without ranking, texts or snippets (one id column
        per row: at 100 times the plan's size a one-letter query stays a few milliseconds).
        `every_plan`: in all the plans at once (the window showing them side by side).
        """
        plan = None if every_plan else self._default_plan() if plan_id is None else plan_id
        found: set[int] = set()
        with self._store.read() as s:
            cond = _ref_condition(query)
            if cond is not None:
                in_plan = [] if plan is None else [ActionLine.plan_id == plan]
                found.update(s.scalars(select(ActionLine.id).where(*in_plan, cond)))
            words = _WORD_RE.findall(query)
            if not words:
                return found
            if self._store.dialect == "sqlite":
                match = " ".join(f'"{w}"*' for w in words)
                rows = s.execute(text(  # CROSS JOIN: the full-text index is the outer loop
                    "SELECT a.id, a.notes_private FROM action_fts CROSS JOIN action_lines a "
                    "ON a.id = action_fts.rowid WHERE action_fts MATCH :match"
                    + ("" if plan is None else " AND a.plan_id = :plan")),
                    {"match": match, "plan": plan})
                # (fetched in one step: row by row, SQLAlchemy's cursor costs ten times more)
                found.update(_not_by_private_notes(s, rows.all(), match))
                return found
            plans = [plan] if plan is not None else list(s.scalars(select(ActionLine.plan_id)
                                                                   .distinct()))
            for one in plans:
                found.update(hit.action_id for hit in self._text_search(s, query, one, False))
        return found

    def _text_search(self, s: Session, query: str, plan_id: int,
                     snippets: bool) -> list[SearchHit]:
        words = _WORD_RE.findall(query)
        if not words:
            return []
        if self._store.dialect == "sqlite":
            match = " ".join(f'"{w}"*' for w in words)
            # a private note is never shown in a snippet: its line's snippet is of the text
            snippet = ("CASE WHEN a.notes_private THEN snippet(action_fts, 1, '[', ']', ' … ', 12)"
                       " ELSE snippet(action_fts, -1, '[', ']', ' … ', 12) END"
                       if snippets else "''")
            sql = text(
                f"SELECT a.id, a.ref, a.text, {snippet}, a.notes_private FROM action_fts "
                "JOIN action_lines a ON a.id = action_fts.rowid "
                "WHERE action_fts MATCH :match AND a.plan_id = :plan "
                "ORDER BY bm25(action_fts, 5.0, 1.0, 1.0, 1.0), a.position"
            )
            rows = list(s.execute(sql, {"match": match, "plan": plan_id}))
            keep = _not_by_private_notes(s, [(r[0], r[4]) for r in rows], match)
            return [SearchHit(aid, r, t, snip) for aid, r, t, snip, _p in rows if aid in keep]
        dialect = self._store.dialect
        conds = [or_(*(_word_match(column, w, dialect) for column in (
            ActionLine.ref, ActionLine.text, ActionLine.lines_to_take)),
            and_(ActionLine.notes_private.is_(False), _word_match(ActionLine.notes, w, dialect)))
            for w in words]
        rows2 = s.execute(select(ActionLine.id, ActionLine.ref, ActionLine.text)
                          .where(ActionLine.plan_id == plan_id, *conds)
                          .order_by(ActionLine.position))
        return [SearchHit(aid, r, t) for aid, r, t in rows2]


def _not_by_private_notes(s: Session, rows: Sequence[tuple[Any, ...]], match: str) -> set[int]:
    """The ids of `rows` ((id, notes_private)) that the query finds without reading a private
    note: a search never tells which lines' private notes hold a word."""
    found = {aid for aid, private in rows if not private}
    private = [aid for aid, is_private in rows if is_private]
    if private:
        public = s.execute(text("SELECT rowid FROM action_fts WHERE action_fts MATCH :match"),
                           {"match": "{ref text lines_to_take} : (" + match + ")"})
        found.update(set(private).intersection(public.scalars().all()))
    return found
