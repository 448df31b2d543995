"""Errors the user can act on. Each carries one clear line; the CLI and the window show it as is."""

from __future__ import annotations

from pathlib import Path


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


def describe_db_error(path: Path | str, exc: BaseException) -> str:
    """One line for the user from a driver error."""
    msg = str(getattr(exc, "orig", exc)).splitlines()[0] if str(exc) else type(exc).__name__
    lowered = msg.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return (f"the team database {path} refused the user name or password (a saved password "
                "belongs in ~/.pgpass, or the file PGPASSFILE names)")
    if ("connection refused" in lowered or "could not connect" in lowered
            or "connection failed" in lowered or "server closed the connection" in lowered
            or "could not translate host name" in lowered or "timeout expired" in lowered):
        return (f"cannot reach the team database {path}: check the network or ask who runs the "
                "server; nothing was changed")
    if "locked" in lowered or "busy" in lowered:
        return f"database {path} is in use by another program; close it and try again"
    if "readonly" in lowered or "read-only" in lowered:
        return f"database {path} is read-only; POA Desk cannot save changes there"
    if "disk is full" in lowered or "disk i/o error" in lowered or "file too large" in lowered:
        return (f"cannot write database {path}: the disk is full or failing ({msg}); "
                "free some space and try again: nothing was lost")
    if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        return (f"database {path} is damaged ({msg}); 'poadesk restore latest' brings back the "
                "newest good backup ('poadesk backups' lists them)")
    if "unable to open" in lowered:
        return f"cannot open database {path}: check that the folder exists and is writable"
    return f"database error in {path}: {msg}"


class StaleEdit(InputError):
    """An edit made on a value that was changed elsewhere meanwhile (another window, the
    command line, a colleague): refused, with both values, so nothing is overwritten."""

    def __init__(self, what: str, current: str, mine: str) -> None:
        self.current, self.mine = current, mine
        super().__init__(f"{what} was changed elsewhere while you edited it; nothing was saved. "
                         f"It now reads: {_quote(current)}; yours: {_quote(mine)}")


def _quote(text: str) -> str:
    one = " ".join(text.split())
    return f"“{one if len(one) <= 80 else one[:77] + '...'}”" if one else "(empty)"
