"""A non-editable install carries every module and data file under the ``diplograph`` package."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from locations import ROOT



@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        cwd=out,
    )
    (wheel,) = out.glob("diplograph-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_maps_the_top_level_folders_into_one_package(wheel_names: set[str]) -> None:
    assert "diplograph/__init__.py" in wheel_names
    for folder in ("graph", "loaders", "cypher"):
        sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*.py")}
        expected = {f"diplograph/{name}" for name in sources if "__pycache__" not in name}
        assert expected <= wheel_names, sorted(expected - wheel_names)
    assert not any(name.startswith(("graph/", "loaders/", "cypher/", "tests/", "bench/", "diplograph/tests/", "diplograph/bench/")) for name in wheel_names)


def test_wheel_carries_the_data_files(wheel_names: set[str]) -> None:
    data_files = [
        *(p for p in (ROOT / "loaders" / "data").rglob("*") if p.is_file()),
        *(ROOT / "cypher").rglob("*.cypher"),
        ROOT / "graph" / "stores" / "java" / "pom.xml",
        ROOT / "graph" / "reports" / "templates" / "report.html.j2",
    ]
    missing = [p.relative_to(ROOT).as_posix() for p in data_files if f"diplograph/{p.relative_to(ROOT).as_posix()}" not in wheel_names]
    assert missing == []


def test_console_script_is_declared(wheel_names: set[str]) -> None:
    entry_points = next(name for name in wheel_names if name.endswith("entry_points.txt"))
    assert entry_points.startswith("diplograph-0.1.0.dist-info/")
