"""Who is at the keyboard: the one name the history records, the lock file shows and every
written document names as its author."""

from __future__ import annotations

import getpass
import os

from app.text_clean import gate


def default_user() -> str:
    """$POADESK_USER, else the account's name ('' when neither can be found), through the
    text gate (bytes that are not UTF-8 and control characters removed: see user_warning)."""
    return gate(_raw_user(), "POADESK_USER", None)[0].strip()


def user_warning() -> str | None:
    """A warning if the text gate had to clean the user's name (for the command line)."""
    name, warning = gate(_raw_user(), "POADESK_USER", None)
    if warning is None:
        return None
    return (f"the user's name (POADESK_USER) holds bytes that are not UTF-8 or control "
            f"characters: they were left out ({name.strip()!r} is recorded)")


def _raw_user() -> str:
    name = os.environ.get("POADESK_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no such user in the password database (containers)
        return os.environ.get("USER", "")
