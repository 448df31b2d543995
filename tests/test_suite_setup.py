"""The test suite's own set-up: `./dev test` runs on every core unless told otherwise, and one
variable sets how many cases the property-based tests try."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from tests import conftest

ROOT = Path(__file__).resolve().parents[1]


def _chooses_workers(*args: str) -> bool:
    """`dev`'s own check, run by bash: do these pytest arguments choose the workers?"""
    script = (f"eval \"$(sed -n '/^chooses_workers()/,/^}}/p' {str(ROOT / 'dev')!r})\"\n"
              'chooses_workers "$@"')
    result = subprocess.run(["bash", "-c", script, "dev", *args], capture_output=True,
                            text=True)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode == 0


def test_dev_test_runs_on_every_core_unless_the_arguments_choose():
    assert "workers=(-n auto --dist worksteal)" in (ROOT / "dev").read_text(encoding="utf-8")
    for args in ((), ("-q", "-x"), ("-k", "parser"), ("--no-header",), ("tests/test_db.py",)):
        assert not _chooses_workers(*args), args
    for args in (("-n", "0"), ("-n0",), ("-nauto",), ("-q", "--numprocesses=3"),
                 ("-p", "no:xdist"), ("-pno:xdist",)):
        assert _chooses_workers(*args), args


def test_one_variable_sets_the_number_of_cases(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(conftest, "FUZZ_CASES", 150)
    assert conftest.fuzz_cases(150) == 150 and conftest.fuzz_cases(25) == 25
    monkeypatch.setattr(conftest, "FUZZ_CASES", 2000)
    assert conftest.fuzz_cases(150) == 2000 and conftest.fuzz_cases(300) == 4000
    monkeypatch.setattr(conftest, "FUZZ_CASES", 15)
    assert conftest.fuzz_cases(150) == 15 and conftest.fuzz_cases(5) == 1


def test_the_property_tests_read_the_variable():
    """Each test's count is its share of POADESK_FUZZ_CASES (150 at the default)."""
    code = (
        "import tests.test_fuzz_imports as f, tests.test_glossary as g, "
        "tests.test_plan_parser as p\n"
        "def n(t): return t._hypothesis_internal_use_settings.max_examples\n"
        "print(f.FUZZ.max_examples, n(f.test_fuzzed_imports_on_the_command_line),"
        " n(g.test_property_never_raises_and_expansions_are_verbatim),"
        " n(p.test_parser_never_crashes_otherwise))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, conftest.FUZZ_CASES_VAR: "30"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["30", "5", "60", "20"]


def test_property_tests_repeat_the_same_cases_everywhere():
    """Derandomized, without an example database: a failure shows on every run and worker."""
    assert settings.default.derandomize
    assert settings.default.database is None
    assert settings.default.deadline is None
