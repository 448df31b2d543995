"""The user's name, said once (app.user): the history, the lock and every document's author
name the same person."""

from __future__ import annotations

import getpass

from app.export.doc_props import author
from app.store.lock import DatabaseLock, holder
from app.user import default_user


def test_poadesk_user_comes_first_then_the_account(monkeypatch):
    monkeypatch.setenv("POADESK_USER", "  Dewi (Jakarta desk) ")
    assert default_user() == "Dewi (Jakarta desk)"
    monkeypatch.setenv("POADESK_USER", " ")
    monkeypatch.setattr(getpass, "getuser", lambda: "dewi")
    assert default_user() == "dewi"

    def nobody() -> str:
        raise KeyError("no such user")  # a container's uid without a passwd entry

    monkeypatch.setattr(getpass, "getuser", nobody)
    monkeypatch.setenv("USER", "from-env")
    assert default_user() == "from-env"


def test_the_history_the_lock_and_the_documents_name_the_same_user(monkeypatch, db_path):
    from app.service import Desk

    monkeypatch.setenv("POADESK_USER", "Siti (ASEC)")
    assert author() == "Siti (ASEC)"
    with DatabaseLock(db_path, "POA Desk"):
        assert holder(db_path)["user"] == "Siti (ASEC)"
    desk = Desk.open(db_path, daily_backup=False)
    try:
        desk.set_notes(desk.resolve_ref("1.1(a)"), "checked")
        assert desk.history(limit=1)[0].who == "Siti (ASEC)"
    finally:
        desk.close()
