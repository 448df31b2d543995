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
