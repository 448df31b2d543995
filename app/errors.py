"""Errors the user can act on. Each carries one clear line; the CLI and the window show it as is."""

from __future__ import annotations


class PoaDeskError(Exception):
    """Base class: str(error) is a complete, one-line message for the user."""


class DatabaseError(PoaDeskError):
    """The database cannot be opened or written (missing, locked, damaged, too new)."""


class InputError(PoaDeskError):
    """A file or value given by the user cannot be used; nothing was changed."""


class NotFoundError(PoaDeskError):
    """A reference, id or name does not exist."""


class BadReference(NotFoundError, InputError):
    """A reference that is malformed or names nothing in the plan: the one error of the one
    resolver (app.store.plan_index), whichever caller typed it."""


class ImportRefused(InputError):
    """The file has problems; nothing was changed. `problems` names each one (row + what)."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = tuple(problems)
        if len(problems) == 1:  # one line, as every other error
            super().__init__(f"{problems[0]}; nothing was imported")
            return
        super().__init__(f"{source}: nothing was imported, {len(problems)} problems:\n  "
                         + "\n  ".join(problems))
