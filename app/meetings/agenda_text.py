"""An agenda typed in one line, read against the plan: `1.3b, 2.1(c), 3.5, 5a, "Any other
business"` (app.refs.split_agenda) with each reference resolved by the one resolver
(app.store.plan_index.PlanIndex). The command line's `meeting add --refs` and `add-items`, and
the window's Agenda field (as it is typed), all read it here.

It imports no SQLAlchemy: the window loads it with the values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from app.errors import BadReference, PoaDeskError
from app.refs import AgendaEntry, split_agenda
from app.values import Target, TargetInfo


class Resolver(Protocol):
    """What reads a reference: PlanIndex.resolve (BadReference, saying why, if it is none)."""

    def resolve(self, typed: str) -> TargetInfo: ...


@dataclass(frozen=True, slots=True)
class AgendaLine:
    """One entry of a typed agenda: what it names (`info`, None for an item of the officer's
    own) or why it names nothing (`problem`); `duplicate`: named before in the same text
    (put on the agenda once)."""

    entry: AgendaEntry
    info: TargetInfo | None = None
    problem: str = ""
    duplicate: bool = False

    @property
    def ok(self) -> bool:
        return not self.problem


def read_agenda(text: str | Sequence[str], resolver: Resolver) -> list[AgendaLine]:
    """Every entry of `text`, each resolved or with its problem (never raises for a wrong
    reference; InputError for text that is no list, such as a quote left open)."""
    lines: list[AgendaLine] = []
    seen: set[Target] = set()
    titles: set[str] = set()
    for entry in split_agenda(text):
        if entry.free:
            key = entry.text.casefold()
            lines.append(AgendaLine(entry, None, duplicate=key in titles))
            titles.add(key)
            continue
        try:
            info = resolver.resolve(entry.text)
        except PoaDeskError as exc:
            lines.append(AgendaLine(entry, None, str(exc)))
            continue
        lines.append(AgendaLine(entry, info, duplicate=info.target in seen))
        seen.add(info.target)
    return lines


AgendaPick = Target | str  # an action line or section, or the title of an item of one's own


def resolve_agenda(text: str | Sequence[str], resolver: Resolver) -> list[AgendaPick]:
    """The agenda's items in order: targets, and titles for items of one's own (duplicates
    dropped); InputError (BadReference for a reference) naming the first wrong entry."""
    picks: list[AgendaPick] = []
    for line in read_agenda(text, resolver):
        if line.duplicate:
            continue
        if line.problem:
            raise BadReference(line.problem)
        pick: AgendaPick = line.info.target if line.info is not None else line.entry.text
        picks.append(pick)
    return picks


__all__ = ["AgendaLine", "AgendaPick", "read_agenda", "resolve_agenda"]
