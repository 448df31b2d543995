"""Fuzzing the imports (issue 10): JSON backups, register workbooks and plan texts, made up by
hypothesis (derandomized: the same cases on every run). Each case is either applied or refused
with an InputError (exit 1 on the command line), and a refused one leaves the database exactly
as it was; no other exception (exit 3) ever escapes."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from datetime import datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.errors import PoaDeskError
from app.interchange.json_backup import export_state, import_state, load_json_file
from app.interchange.plan_text import import_plan
from app.interchange.register_xlsx import HEADERS, import_register
from tests.conftest import every_row, fuzz_cases

pytestmark = pytest.mark.sqlite_only

# 150 cases per kind (and 25 through the command line) at the default POADESK_FUZZ_CASES (150,
# what CI runs); POADESK_FUZZ_CASES=2000 for a deeper search (tests/conftest.py)
FUZZ = settings(max_examples=fuzz_cases(150), derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture
def fuzz_desk(seed_db, tmp_path_factory):
    """One database for all the cases of a test (cases that apply build on each other)."""
    from app.service import Desk

    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    shutil.copyfile(seed_db, path)
    desk = Desk.open(path, daily_backup=False)
    desk.backups = None  # the backup before each import is not what is fuzzed here (slow)
    desk.focal.add(_fields("Lan Nguyen", "VN", "lan@mofa.gov.vn"))
    desk.meetings.create("SOM", "29th SOM", None, "Jakarta", "", "1.1(a),2.1")
    desk.fuzz_base = json.dumps(small_backup(desk))  # the same start for every case
    yield desk
    desk.close()


def _fields(name: str, country: str, email: str) -> Any:
    from app.focal.values import FocalPointFields

    return FocalPointFields(name=name, country=country, email=email)


def state(desk) -> list[tuple[str, list[str]]]:
    return every_row(desk.path)


def applies_or_refuses(desk, attempt) -> None:
    """Run `attempt()`: it applies, or it is refused (InputError & co.) and nothing changed.
    (The state before is the one the last refusal left, else it is read again.)"""
    before = getattr(desk, "fuzz_state", None) or state(desk)
    desk.fuzz_state = None
    try:
        attempt()
    except PoaDeskError as exc:
        assert str(exc).strip(), "a refusal says why"
        after = state(desk)
        assert after == before, f"refused ({exc}) but the database changed"
        desk.fuzz_state = after


# -- JSON backups -----------------------------------------------------------------------------

def small_backup(desk) -> dict[str, Any]:
    """A valid backup with a few action lines, one focal point and one meeting (fast to
    import many times over)."""
    data = export_state(desk)
    plan = data["plans"][0]
    plan["parts"] = plan["parts"][:2]
    for part in plan["parts"]:
        part["sections"] = part["sections"][:2]
        for sec in part["sections"]:
            sec["actions"] = sec["actions"][:2]
    data["acronyms"] = data["acronyms"][:3]
    data["countries"] = data["countries"][:3]
    return data


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False), st.text(max_size=30),
    st.sampled_from(["", "1.1(a)", "2.1", "Achieved", "being_addressed", "lead", "VN",
                     "2026-03-05", "2026-03-05T10:00:00+05:00", "x\ud800y", "\x0b\x00",
                     "Plan of Action to Implement the ASEAN-EU Strategic Partnership "
                     "(2023-2027)", "T" * 600]),
)
JSON_VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


def _mutate(data: Any, draw: Any) -> Any:
    """Replace, delete or add at a few places chosen among every place in the file."""
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        places = _paths(data)
        where = draw(st.sampled_from(places))
        if not where:
            data = draw(JSON_VALUES)
            continue
        parent = data
        for step in where[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        last = where[-1]
        if action == "replace":
            parent[last] = draw(JSON_VALUES)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = draw(JSON_VALUES)
        else:
            parent.insert(last, draw(JSON_VALUES))
    return data


@FUZZ
@given(data=st.data())
def test_fuzzed_json_backups(fuzz_desk, data):
    backup = json.loads(fuzz_desk.fuzz_base)
    mutated = _mutate(backup, data.draw)
    raw = json.dumps(mutated, ensure_ascii=data.draw(st.booleans()))
    if data.draw(st.integers(0, 9)) == 0:  # and now and then the text itself is damaged
        cut = data.draw(st.integers(0, len(raw)))
        raw = raw[:cut] + data.draw(st.text(max_size=5)) + raw[cut:]
    applies_or_refuses(fuzz_desk, lambda: import_state(
        fuzz_desk, load_json_file(None, raw), source="fuzz.json"))


# -- register workbooks -----------------------------------------------------------------------

CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),  # what a cell holds
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["Lan Nguyen", "Siti Rahmawati", "VN", "Indonesia", "Atlantis",
                     "lan@mofa.gov.vn", "not-an-email", "1.3(b)", "1.3b", "2.1", "9.9(z)",
                     "lead", "co-lead", "boss", "yes", "no", "maybe", "=1+1", "=HYPERLINK(1)",
                     "x\ty", "  "]),
)
HEADER_NAMES = st.sampled_from([*HEADERS, "E-mail", "Organization", "Reference", "Agency",
                                "Remarks", "", "Name", "Country", "Whatever"])


@FUZZ
@given(header=st.lists(HEADER_NAMES, min_size=1, max_size=12),
       rows=st.lists(st.lists(CELLS, max_size=12), max_size=8),
       leading=st.integers(0, 3), dry_run=st.booleans(), damage=st.integers(0, 15),
       data=st.data())
def test_fuzzed_register_workbooks(fuzz_desk, tmp_path, header, rows, leading, dry_run,
                                   damage, data):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for _ in range(leading):
        ws.append([])
    ws.append(header)
    for row in rows:
        ws.append([f"'{v}" if isinstance(v, str) and v.startswith("=") and damage == 1 else v
                   for v in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    raw = bytearray(buffer.getvalue())
    # places are drawn as fractions of the length: the drawing never depends on the bytes
    # (openpyxl writes the time of saving into them)
    if damage == 0:  # a few damaged bytes anywhere
        for _ in range(data.draw(st.integers(1, 8))):
            raw[_at(data.draw, len(raw) - 1)] = data.draw(st.integers(0, 255))
    elif damage == 2:  # cut short
        raw = raw[:_at(data.draw, len(raw))]
    elif damage == 3:  # one member's XML damaged, the zip intact
        raw = bytearray(_damage_member(bytes(raw), data.draw))
    path = tmp_path / f"register-{data.draw(st.integers(0, 10**6))}.xlsx"
    path.write_bytes(bytes(raw))
    applies_or_refuses(fuzz_desk, lambda: import_register(fuzz_desk, path, dry_run=dry_run))


def _at(draw: Any, length: int) -> int:
    """A place in 0..length, drawn as a fraction."""
    return draw(st.integers(0, 1000)) * length // 1000


def _damage_member(raw: bytes, draw: Any) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(raw))
    names = src.namelist()
    victim = draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            content = src.read(name)
            if name == victim:
                cut = _at(draw, len(content))
                content = content[:cut] + draw(st.binary(max_size=8)) + content[cut + 1:]
            dst.writestr(name, content)
    return out.getvalue()


# -- plan texts -------------------------------------------------------------------------------

PLAN_LINES = st.one_of(
    st.sampled_from(["", "1. POLITICAL COOPERATION", "2. ECONOMIC COOPERATION",
                     "1.1. Regular dialogue", "1.2 Security", "2.1. Trade",
                     "- a) Convene annual meetings.", "- b) Support the forum (ROF).",
                     "a. Promote trade.", "b) Cooperate.", "continued text on the next line",
                     "99999999999999999999. HUGE", "1.1.1.1. Deep", "- zz) letters",
                     "x\x0by", "\x00", "\ufeff", "\u00e9\u0301", "A" * 600]),
    st.text(max_size=40),
)


@FUZZ
@given(title=st.text(max_size=80), lines=st.lists(PLAN_LINES, max_size=25),
       number=st.integers(0, 10**9))
def test_fuzzed_plan_texts(fuzz_desk, tmp_path, title, lines, number):
    path = tmp_path / f"plan-{number}.txt"
    path.write_text("\n".join([f"{title} {number}", *lines]), encoding="utf-8",
                    errors="surrogatepass")
    applies_or_refuses(fuzz_desk, lambda: import_plan(fuzz_desk, path))


# -- the same through the command line: exit 0 or 1, never 3 ----------------------------------

@settings(max_examples=fuzz_cases(25), derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_fuzzed_imports_on_the_command_line(fuzz_desk, tmp_path, capsys, data):
    backup = json.loads(fuzz_desk.fuzz_base)
    path = tmp_path / "cli.json"
    path.write_text(json.dumps(_mutate(backup, data.draw)), encoding="utf-8")
    before = state(fuzz_desk)
    code = main(["--db", str(fuzz_desk.path), "import", "json", str(path)])
    err = capsys.readouterr().err
    assert code in (0, 1), err
    if code == 1:
        assert state(fuzz_desk) == before


def test_the_fuzzing_reaches_both_outcomes(fuzz_desk, tmp_path):
    """The cases are not all refused: a clean backup applies, a broken one is refused."""
    good = small_backup(fuzz_desk)
    import_state(fuzz_desk, load_json_file(None, json.dumps(good)))
    good["plans"][0]["parts"][0]["sections"][0]["actions"][0]["status"] = "Sort of done"
    with pytest.raises(PoaDeskError):
        import_state(fuzz_desk, load_json_file(None, json.dumps(good)))


def test_paths_are_stable():
    assert _paths({"a": [1, {"b": 2}]}) == [(), ("a",), ("a", 0), ("a", 1), ("a", 1, "b")]

