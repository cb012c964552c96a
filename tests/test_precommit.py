"""The hooks users install from ``.pre-commit-hooks.yaml``, run for real with ``pre-commit try-repo``.

``try-repo`` on a checkout with uncommitted changes snapshots only tracked files, so the test
first commits a copy of what ``pip install .`` needs (new modules included) to a scratch
repository, and tries that.  pre-commit builds its own virtualenv and pip-installs the copy.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
#: what the hook's virtualenv installs from: the package and its metadata
SHIPPED = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "asllint", "rules")

BAD = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Missing"}}}\n'
TEMPLATE = """\
Resources:
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: A
        States:
          A: {Type: Pass, Next: Missing}
"""
GOOD = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Done"}, "Done": {"Type": "Succeed"}}}\n'


def _hooks() -> dict[str, dict[str, object]]:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


# -- the manifest -----------------------------------------------------------------------------


def test_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    clientlib.load_manifest(str(MANIFEST))


def test_asllint_hook() -> None:
    hook = _hooks()["asllint"]
    assert hook["language"] == "python"
    assert hook["entry"] == "asllint check --force-exclude --force-include"
    assert hook.get("pass_filenames", True) is True
    files = re.compile(str(hook["files"]))
    # what may hold a state machine; asllint looks inside and skips the others
    for name in ("flow.asl.json", "infra/train.asl.yaml", "a/b.asl.yml", "template.yaml", "main.tf", "app.template"):
        assert files.search(name), name
    for name in ("flow.asl.json.bak", "aslxjson", "README.md", "app.py"):
        assert not files.search(name), name


def test_asllint_all_hook() -> None:
    hook = _hooks()["asllint-all"]
    assert hook["language"] == "python"
    assert hook["entry"] == "asllint check"
    assert hook["pass_filenames"] is False
    assert "files" not in hook  # the project's include setting decides what is checked


def test_hook_entries_are_valid_command_lines() -> None:
    from asllint.cli import _build_parser

    for hook in _hooks().values():
        argv = str(hook["entry"]).split()
        assert argv[0] == "asllint"
        _build_parser().parse_args([*argv[1:], "x.asl.json"])


# -- pre-commit try-repo ----------------------------------------------------------------------


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


def _init_repo(path: Path) -> None:
    path.mkdir()
    _git("init", "-q", cwd=path)
    _git("config", "user.email", "tests@asllint.invalid", cwd=path)
    _git("config", "user.name", "asllint tests", cwd=path)
    _git("config", "commit.gpgsign", "false", cwd=path)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of the checkout's installable files, with the hook manifest."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("hook-repo") / "asllint"
    _init_repo(repo)
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.is_file():
            shutil.copy2(source, repo / name)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "snapshot for test_precommit", cwd=repo)
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("pre_commit")
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(hook_repo: Path, home: Path, project: Path, hook: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASLLINT", "PRE_COMMIT", "GIT_"))}
    env["PRE_COMMIT_HOME"] = str(home)
    env["PRE_COMMIT_COLOR"] = "never"
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.mark.slow
def test_asllint_hook_fails_then_passes(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    _init_repo(project)
    (project / "bad.asl.json").write_text(BAD, encoding="utf-8")
    (project / "package.json").write_text('{"name": "not-a-state-machine"}\n', encoding="utf-8")
    _git("add", "-A", cwd=project)

    proc = _try_repo(hook_repo, pre_commit_home, project, "asllint", "--files", "bad.asl.json")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "asllint....." in output
    assert "Failed" in output
    assert "bad.asl.json:1:59: ASL201 [error] Next names 'Missing'" in output
    assert "Traceback" not in output

    (project / "bad.asl.json").write_text(GOOD, encoding="utf-8")
    _git("add", "-A", cwd=project)
    proc = _try_repo(hook_repo, pre_commit_home, project, "asllint", "--all-files")  # package.json is skipped
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Passed" in output


@pytest.mark.slow
def test_asllint_hook_checks_templates(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    _init_repo(project)
    (project / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    (project / "config.yaml").write_text("debug: true\n", encoding="utf-8")
    _git("add", "-A", cwd=project)
    proc = _try_repo(hook_repo, pre_commit_home, project, "asllint", "--all-files")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "template.yaml:8:33: ASL201 [error] Next names 'Missing'" in output
    assert "config.yaml" not in output


@pytest.mark.slow
def test_asllint_hook_honours_project_excludes(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    _init_repo(project)
    (project / ".asllint.toml").write_text('extend-exclude = ["generated"]\n', encoding="utf-8")
    (project / "generated").mkdir()
    (project / "generated" / "old.asl.json").write_text(BAD, encoding="utf-8")
    _git("add", "-A", cwd=project)
    proc = _try_repo(hook_repo, pre_commit_home, project, "asllint", "--files", "generated/old.asl.json")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_asllint_all_hook_checks_the_project(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    _init_repo(project)
    (project / ".asllint.toml").write_text('include = ["*.sfn.json"]\n', encoding="utf-8")
    (project / "flows").mkdir()
    (project / "flows" / "train.sfn.json").write_text(BAD, encoding="utf-8")
    (project / "flows" / "ignored.asl.json").write_text(BAD, encoding="utf-8")
    (project / "touched.json").write_text("{}\n", encoding="utf-8")
    _git("add", "-A", cwd=project)
    proc = _try_repo(hook_repo, pre_commit_home, project, "asllint-all", "--files", "touched.json")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "flows/train.sfn.json:1:59: ASL201" in output
    assert "ignored.asl.json" not in output
