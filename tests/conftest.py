"""Test isolation: no test touches the user's real data folder, settings or plan.db.

One gateway on two databases: a test that asks for `desk` (or `other_desk`) runs twice, on
SQLite (a fresh copy of the seeded plan.db) and on PostgreSQL (a fresh schema made from the
migrations and the same seed, see tests/pg_schemas.py): test ids end in [sqlite] and
[postgresql]. The PostgreSQL run is skipped, with the reason, unless POADESK_TEST_PG_URL is set
(`.ci/run` sets it; test_postgresql_specific.py fails in CI without it). A test that is about
SQLite itself (a file, pragmas, WAL, FTS5, the fast start over sqlite3) is marked `sqlite_only`
and gets the SQLite `desk` only; so do the window's tests (tests/ui). A test that asks for
`db_path` or `seed_db` beside `desk` must be one of these: use `second_desk(desk)` or
`other_desk` for a second connection or database instead.

In parallel (`./dev test` runs pytest-xdist, `-n auto`): every worker has its own tmp dirs
(so its own data folder, settings and seed), its own PostgreSQL schemas (named after the
worker) and its own LibreOffice profile; nothing here is shared between workers but the
read-only checkout and the PostgreSQL database the schemas live in.

Property-based tests (hypothesis) are derandomized (the same cases on every run and every
worker) and take their number of cases from one variable, POADESK_FUZZ_CASES (see
`fuzz_cases`).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.pg_schemas import PG_URL_VAR, PgSchemas, pg_url

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# -- how many cases the property-based tests try ----------------------------------------------
# POADESK_FUZZ_CASES is the number of cases of each import fuzzer (tests/test_fuzz_imports.py);
# every other property test takes the same share of it (`fuzz_cases(n)`: n at the default).
# The default is what CI runs; 2000 for a deeper search, 15 for a quick look.
FUZZ_CASES_VAR = "POADESK_FUZZ_CASES"
_FUZZ_DEFAULT = 150
FUZZ_CASES = int(os.environ.get(FUZZ_CASES_VAR, "") or _FUZZ_DEFAULT)


def fuzz_cases(at_default: int) -> int:
    """A test's number of cases: `at_default` at the default POADESK_FUZZ_CASES, scaled with
    it (never under one)."""
    return max(1, at_default * FUZZ_CASES // _FUZZ_DEFAULT)


# derandomized: a failure shows up on every run and every worker, never once in a while; no
# example database (.hypothesis/ in the checkout, shared by the workers)
settings.register_profile("poadesk", settings(
    max_examples=fuzz_cases(100), derandomize=True, deadline=None, database=None,
    print_blob=True))
settings.load_profile("poadesk")

DATA = Path(__file__).parent / "data"
SOURCE = Path(__file__).resolve().parents[1] / "resources" / "asean-eu-poa-2023-2027.txt"

# The window's tests open the database file (the fast start reads it over sqlite3).
_SQLITE_ONLY_DIRS = (Path(__file__).parent / "ui",)
_FILE_FIXTURES = ("db_path", "seed_db")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: about SQLite itself (a file, pragmas, WAL, FTS5, durability, "
        "the fast start); its `desk` is the SQLite one only, not also the PostgreSQL one")
    config.addinivalue_line(
        "markers", "xfail_on_postgresql(reason): a known core bug on PostgreSQL: the "
        "PostgreSQL run is xfail(strict=True), so the fix is noticed")


def postgresql_skip_reason() -> str | None:
    """Why the PostgreSQL run of the tests is skipped (None: it runs)."""
    if not pg_url():
        return (f"PostgreSQL: set {PG_URL_VAR} (e.g. postgresql+psycopg://poadesk:poadesk@"
                "127.0.0.1/poadesk_test; .ci/run starts a server and sets it) to run it")
    if importlib.util.find_spec("psycopg") is None:
        return "PostgreSQL: the psycopg driver is missing (pip install 'psycopg[binary]>=3.1')"
    return None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test of the gateway (it asks for `desk`) runs on both databases, unless it is
    about SQLite itself."""
    if "backend" not in metafunc.fixturenames:
        return
    path = Path(str(metafunc.definition.path))
    if (metafunc.definition.get_closest_marker("sqlite_only") is not None
            or any(d in path.parents for d in _SQLITE_ONLY_DIRS)):
        return  # `backend` is "sqlite"
    if any(f in metafunc.fixturenames for f in _FILE_FIXTURES):
        raise pytest.UsageError(
            f"{metafunc.definition.nodeid}: asks for an SQLite file ({' or '.join(_FILE_FIXTURES)})"
            " beside `desk`, which also runs on PostgreSQL: use second_desk(desk) or other_desk,"
            " or mark the test sqlite_only")
    reason = postgresql_skip_reason()
    marks = [pytest.mark.skip(reason=reason)] if reason else []
    known_bug = metafunc.definition.get_closest_marker("xfail_on_postgresql")
    if known_bug is not None:
        marks.append(pytest.mark.xfail(strict=True, reason=known_bug.kwargs["reason"]))
    metafunc.parametrize("backend", [
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=marks),
    ], indirect=True)


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
def backend(request: pytest.FixtureRequest) -> str:
    """The database under `desk` and `other_desk`: "sqlite" or "postgresql"."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def soffice_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LibreOffice user profile for this worker's conversions (they run one after another):
    made on the first start, reused after (a new profile costs each start seconds), and never
    the user's own nor another worker's (LibreOffice locks a profile while it runs)."""
    return tmp_path_factory.mktemp("lo-profile")


@pytest.fixture(scope="session")
def pg_schemas() -> Iterator[PgSchemas]:
    """The run's schemas in the PostgreSQL test database (all dropped at the end)."""
    reason = postgresql_skip_reason()
    if reason:
        pytest.skip(reason)
    schemas = PgSchemas(pg_url(), worker=os.environ.get("PYTEST_XDIST_WORKER", "main"))
    try:
        yield schemas
    finally:
        schemas.close()


@pytest.fixture
def desk(backend: str, request: pytest.FixtureRequest) -> Iterator[object]:
    """The gateway on a fresh copy of the seeded plan (on SQLite: the file `db_path`, opened
    without the day's first backup, a copy of the whole file that no test of this fixture
    looks at: a test about backups opens its own Desk)."""
    from app.service import Desk

    if backend == "postgresql":
        d = Desk(request.getfixturevalue("pg_schemas").engine(0))
    else:
        d = Desk.open(request.getfixturevalue("db_path"), daily_backup=False)
    yield d
    d.close()


@pytest.fixture
def other_desk(backend: str, request: pytest.FixtureRequest,
               tmp_path: Path) -> Iterator[object]:
    """A second, independent database (a colleague's) of the same kind as `desk`, for round
    trips between two desks."""
    from app.service import Desk

    if backend == "postgresql":
        d = Desk(request.getfixturevalue("pg_schemas").engine(1))
    else:
        path = tmp_path / "other.db"
        shutil.copyfile(request.getfixturevalue("seed_db"), path)
        d = Desk.open(path, daily_backup=False)
    yield d
    d.close()


def second_desk(desk: object):  # noqa: ANN201 - a Desk
    """Another Desk on the same database as `desk`, with its own connections: it sees only
    what was committed. The caller closes it."""
    from app.service import Desk
    from app.store.db import make_engine

    if desk.path is not None:  # type: ignore[attr-defined]
        return Desk.open(desk.path)  # type: ignore[attr-defined]
    url = engine_of(desk).url.render_as_string(hide_password=False)
    return Desk(make_engine(url))


def raw_session(desk: object):  # noqa: ANN201 - a context manager of a Session
    """A session straight on a Desk's database, past the gateway: for tests that set up data
    the gateway would refuse or clean (as an older version or a raw import might leave it)."""
    from app.store.session import Store

    return Store(engine_of(desk)).write()


def every_row(path: Path) -> list[tuple[str, list[str]]]:
    """Every row of every table of an SQLite file, read past the gateway: to show that a
    refused import left the database exactly as it was (more than a JSON export holds, in a
    tenth of its time)."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [(table, sorted(map(repr, conn.execute(f'SELECT * FROM "{table}"'))))
                for table in tables]


def engine_of(desk: object):  # noqa: ANN201 - an Engine
    """The SQLAlchemy engine under a Desk (private to it: the gateway never hands it out), for
    tests that look at the database past the gateway."""
    return desk._engine  # type: ignore[attr-defined]
