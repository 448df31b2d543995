"""How the meetings' commands name an agenda item across undo and redo (see meeting_commands):
by the action line or section it is about, or, for a free-text item, by the id it first had."""

from __future__ import annotations

from app.meetings.values import AgendaItemView

ItemKey = tuple[bool, int]  # (is a whole section, section or action line id)


def item_key(view: AgendaItemView) -> ItemKey:
    """An item by what it is about; a free-text item (no line, no section) by its own id,
    negated so it never meets an action line's (what the editor's commands hold instead:
    `MeetingEditor.key_of`)."""
    target = view.section_id if view.is_section else view.action_line_id
    if target is None:
        return (False, -view.id)
    return (view.is_section, target)


def item_name(view: AgendaItemView) -> str:
    """'2.1(c)', '3.5', or a free-text item's title in quotes."""
    return view.ref or f"\u201c{view.own_title}\u201d"


class FreeItems:
    """Where each free-text item is now: its key's id (the row id it first had) to the row it
    has after an undo made it again."""

    _FRESH = 1 << 40  # beyond any row id: keys for rows whose id an older key still names

    def __init__(self) -> None:
        self._rows: dict[int, int] = {}  # key id -> row id now
        self._keys: dict[int, int] = {}  # row id -> key id (only rows that moved)
        self._next = self._FRESH

    def key(self, row: int) -> ItemKey:
        found = self._keys.get(row)
        if found is None:
            if self._rows.get(row, row) != row:  # an old key names this id: a new one
                found, self._next = self._next, self._next + 1
                self._rows[found], self._keys[row] = row, found
            else:
                found = row
        return (False, -found)

    def row(self, key: ItemKey) -> int:
        return self._rows.get(-key[1], -key[1])

    def moved(self, key: ItemKey, row: int) -> None:
        """The item `key` was made again, as row `row`."""
        old = self.row(key)
        self._keys.pop(old, None)
        self._rows[-key[1]] = row
        self._keys[row] = -key[1]

    def clear(self) -> None:
        self._rows.clear()
        self._keys.clear()
