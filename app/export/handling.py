"""The handling marking a document carries when it lists focal points' contact details.

A focal point's e-mail address and telephone number are personal data: the focal-point
register and the stand-alone implementation matrix are marked SENSITIVE unless the user
chose another marking (app.vocab.DEFAULT_WORKBOOK_MARKING). A brief carries its meeting's
marking; a brief whose meeting has none but which lists contact details gets the same default,
decided here (not by the window or the command line), so that every way of writing it agrees.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.vocab import DEFAULT_WORKBOOK_MARKING

from .content import Contact


def has_contact_details(contacts: Sequence[Contact]) -> bool:
    """Whether any of `contacts` has an e-mail address or a telephone number to print."""
    return any(c.email.strip() or c.phone.strip() for c in contacts)


def brief_marking(marking: str, contacts: Sequence[Contact]) -> str:
    """The marking of a brief: the meeting's own; with none, DEFAULT_WORKBOOK_MARKING when
    the brief lists contact details; else none."""
    if marking.strip():
        return marking.strip()
    return DEFAULT_WORKBOOK_MARKING if has_contact_details(contacts) else ""
