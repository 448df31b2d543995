"""Test isolation: no test touches the user's real data folder, settings or plan.db."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"
SOURCE = Path(__file__).resolve().parents[1] / "resources" / "asean-eu-poa-2023-2027.txt"


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("POADESK_DB", raising=False)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pristine database built from resources/ once per run (the template)."""
    from app.store.seed import build_seed

    return build_seed(tmp_path_factory.mktemp("seed") / "plan.db")


@pytest.fixture
def db_path(seed_db: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template for one test."""
    path = tmp_path / "work.db"
    shutil.copyfile(seed_db, path)
    return path


@pytest.fixture
def desk(db_path: Path) -> Iterator[object]:
    from app.service import Desk

    d = Desk.open(db_path)
    yield d
    d.close()


@pytest.fixture
def other_desk(seed_db: Path, tmp_path: Path) -> Iterator[object]:
    """A second, independent database (a colleague's), for round trips between two desks."""
    from app.service import Desk

    path = tmp_path / "other.db"
    shutil.copyfile(seed_db, path)
    d = Desk.open(path)
    yield d
    d.close()


def raw_session(desk: object):  # noqa: ANN201 - a context manager of a Session
    """A session straight on a Desk's database, past the gateway: for tests that set up data
    the gateway would refuse or clean (as an older version or a raw import might leave it)."""
    from app.store.session import Store

    return Store(desk.engine).write()  # type: ignore[attr-defined]
