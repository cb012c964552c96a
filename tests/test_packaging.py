"""What ``pip install .`` ships: the explicit ``packages`` list, package data, no ``rules`` module.

An editable install maps ``asllint_rules`` to the whole ``rules/`` folder, so a sub-package
missing from ``packages`` only breaks the wheel; these tests catch it in the checkout.
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
#: import name -> folder in the checkout (``package-dir`` in pyproject.toml)
PACKAGE_DIRS = {"asllint": "asllint", "asllint_rules": "rules"}


def _pyproject() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def _setuptools() -> dict[str, Any]:
    table: dict[str, Any] = _pyproject()["tool"]["setuptools"]
    return table


def _packages_in_tree() -> dict[str, Path]:
    """Every folder with an ``__init__.py`` under the package folders, by import name."""
    found: dict[str, Path] = {}
    for name, folder in PACKAGE_DIRS.items():
        top = ROOT / folder
        for init in top.rglob("__init__.py"):
            if "__pycache__" in init.parts:
                continue
            relative = init.parent.relative_to(top).parts
            found[".".join((name, *relative))] = init.parent
    return found


def test_package_dir_maps_rules_to_asllint_rules() -> None:
    assert _setuptools()["package-dir"] == PACKAGE_DIRS


def test_packages_list_matches_the_tree() -> None:
    listed = _setuptools()["packages"]
    assert len(listed) == len(set(listed)), "a package is listed twice"
    in_tree = _packages_in_tree()
    missing = sorted(set(in_tree) - set(listed))
    stale = sorted(set(listed) - set(in_tree))
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"
    assert not stale, f"these listed packages have no folder with __init__.py: {stale}"


def test_no_folder_of_python_modules_lacks_an_init() -> None:
    """A folder of modules without ``__init__.py`` would silently stay out of the wheel."""
    packages = set(_packages_in_tree().values())
    for folder in PACKAGE_DIRS.values():
        for module in (ROOT / folder).rglob("*.py"):
            if "__pycache__" not in module.parts:
                assert module.parent in packages, f"{module.relative_to(ROOT)} is in a folder without __init__.py"


def _owner(path: Path, packages: dict[str, Path]) -> str:
    """The deepest package whose folder holds ``path``."""
    owners = [name for name, folder in packages.items() if folder in path.parents]
    return max(owners, key=len)


def test_package_data_covers_every_data_file() -> None:
    package_data: dict[str, list[str]] = _setuptools().get("package-data", {})
    packages = _packages_in_tree()
    uncovered = []
    for folder in PACKAGE_DIRS.values():
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
                continue
            owner = _owner(path, packages)
            relative = path.relative_to(packages[owner]).as_posix()
            globs = package_data.get(owner, [])
            if not any(fnmatch.fnmatchcase(relative, glob) for glob in globs):
                uncovered.append(f"{path.relative_to(ROOT)} (package {owner}, globs {globs})")
    assert not uncovered, "add to [tool.setuptools.package-data]: " + "; ".join(uncovered)


def test_schemas_and_markers_are_package_data() -> None:
    package_data = _setuptools()["package-data"]
    assert "schemas/*.json" in package_data["asllint"]
    assert "py.typed" in package_data["asllint"]
    assert "py.typed" in package_data["asllint_rules"]
    assert (ROOT / "asllint" / "py.typed").is_file()
    assert (ROOT / "rules" / "py.typed").is_file()


def test_builtin_entry_points_name_listed_packages() -> None:
    entry_points: dict[str, str] = _pyproject()["project"]["entry-points"]["asllint"]
    listed = set(_setuptools()["packages"])
    for name, value in entry_points.items():
        module = value.partition(":")[0].strip()
        package = module if module in listed else module.rpartition(".")[0]  # a package, or a module in one
        assert package in listed, f"entry point {name} names {module}, which is in no listed package"


# -- the wheel itself -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the checkout (so no build/ or egg-info lands in it)."""
    import shutil

    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, source / name)
    for folder in PACKAGE_DIRS.values():
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(source)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if proc.returncode != 0 and ("No matching distribution" in proc.stderr or "Could not find" in proc.stderr):
        pytest.skip(f"cannot fetch the build backend: {proc.stderr.strip().splitlines()[-1]}")
    assert proc.returncode == 0, proc.stderr
    [built] = (work / "dist").glob("asllint-*.whl")
    return built


def test_wheel_ships_the_listed_packages_and_no_rules_module(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/", 1)[0] for name in names}
    assert {t for t in top_level if not t.endswith(".dist-info")} == {"asllint", "asllint_rules"}
    for package in _packages_in_tree():
        assert f"{package.replace('.', '/')}/__init__.py" in names, package
    for schema in (ROOT / "asllint" / "schemas").glob("*.json"):
        assert f"asllint/schemas/{schema.name}" in names
    assert "asllint/py.typed" in names
    assert "asllint_rules/py.typed" in names
    [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[asllint]" in text
    assert "ASL = asllint_rules.spec" in text


def test_installed_copy_runs_and_has_no_rules_module(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"  # not the checkout: `rules/` must not be reachable by accident
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASLLINT")}
    env["PYTHONPATH"] = str(target)
    probe = (
        "import importlib.util, asllint, asllint_rules.spec; "
        "print(asllint.__file__); print(asllint_rules.spec.__file__); "
        "print(importlib.util.find_spec('rules'))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], cwd=elsewhere, env=env, capture_output=True, text=True, check=True
    )
    asllint_file, rules_file, rules_spec = proc.stdout.splitlines()
    assert Path(asllint_file).is_relative_to(target)
    assert Path(rules_file).is_relative_to(target)
    assert rules_spec == "None"

    (elsewhere / "bad.asl.json").write_text(
        '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Missing"}}}\n', encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "asllint", "check", "-q", "--select", "ASL201", "bad.asl.json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("bad.asl.json:1:59: ASL201 [error]")
