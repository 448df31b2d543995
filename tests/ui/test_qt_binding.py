"""The Qt binding must not corrupt the interpreter: a known PySide6 release (6.12.0) loses a
reference to None on each call that returns nothing, and on Python 3.11 the app then dies
with "Fatal Python error: none_dealloc" after a few thousand calls."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
from PySide6.QtCore import QObject
o = QObject()
before = sys.getrefcount(None)
for _ in range(2000):
    o.setObjectName("x")
print(sys.getrefcount(None) - before)
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_qt_calls_keep_the_reference_count_of_none():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert abs(int(result.stdout.strip())) < 50, (
        "this PySide6 release leaks references to None; pin another version in pyproject.toml")
