"""Who is at the keyboard: the one name the history records, the lock file shows and every
written document names as its author."""

from __future__ import annotations

import getpass
import os


def default_user() -> str:
    """$POADESK_USER, else the account's name ('' when neither can be found)."""
    name = os.environ.get("POADESK_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no such user in the password database (containers)
        return os.environ.get("USER", "")
