"""An installed wheel (not only this checkout) carries and finds plan.db and resources/; so does
the PyInstaller bundle (packaging/poadesk.spec; too slow for a test: packaging/check-app.sh builds
and tries it in CI, after the tests)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app import paths

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(REPO)],
        check=True, capture_output=True, text=True,
    )
    (built,) = out.glob("poadesk-*.whl")
    return built


def test_wheel_contains_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "app/_data/plan.db" in names
    assert "app/_data/resources/asean-eu-poa-2023-2027.txt" in names
    assert "app/_data/resources/countries.csv" in names
    assert "app/migrations/versions/0001_initial_schema.py" in names
    from app.ui.help import PAGES  # Help > POA Desk Guide, shown offline from these files

    assert {f"app/ui/help/guide/{page}.html" for page in PAGES} <= names


def test_the_pyinstaller_bundle_takes_the_guides_pages():
    spec = (REPO / "packaging" / "poadesk.spec").read_text(encoding="utf-8")
    assert 'for path in sorted((APP / "ui" / "help" / "guide").glob("*.html")):' in spec
    assert 'datas.append((str(path), "app/ui/help/guide"))' in spec


def test_installed_wheel_finds_its_data(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, text=True)
    code = (
        "from app import paths, cli\n"
        "assert paths.seed_database().is_file(), paths.seed_database()\n"
        "print(paths.seed_database())\n"
        f"raise SystemExit(cli.main(['--db', {str(tmp_path / 'u.db')!r}, 'show', '4.2(a)']))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout.splitlines()[0]
    assert "ASEAN Smart Cities Network (ASCN)" in result.stdout


def test_frozen_bundle_finds_its_data(monkeypatch, tmp_path):
    """In a PyInstaller bundle the data is under sys._MEIPASS/app/_data, as the spec puts it."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.seed_database() == tmp_path / "app" / "_data" / "plan.db"
    assert paths.seed_plan_text() == tmp_path / "app" / "_data" / "resources" / paths.PLAN_TEXT_NAME


def test_pyinstaller_recipe_is_well_formed():
    spec = REPO / "packaging" / "poadesk.spec"
    compile(spec.read_text(encoding="utf-8"), str(spec), "exec")  # a spec is Python
    script = REPO / "packaging" / "build-app.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
