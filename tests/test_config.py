"""Configuration: ``[tool.asllint]`` and ``.asllint.toml`` found upward from each checked file."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

import pytest

from asllint.cli import main
from asllint.config import ConfigFinder, Settings, read_config
from asllint.errors import ConfigError, ExitCode
from asllint.rule import Severity

if TYPE_CHECKING:
    from pathlib import Path

# ASL201 at 4:35 (Next: Missing) and ASL203 at 5:5 (Orphan, never reached)
BAD = """\
{
  "StartAt": "A",
  "States": {
    "A": {"Type": "Pass", "Next": "Missing"},
    "Orphan": {"Type": "Succeed"}
  }
}
"""
GOOD = '{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}\n'


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, object]]]:
    code = main(["check", "--format", "json", *argv])
    out, err = capsys.readouterr()
    assert err == ""
    findings: list[dict[str, object]] = json.loads(out)["findings"]
    return code, findings


def fail(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run and expect exit 2; return the error message."""
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    assert code == ExitCode.ERROR, out
    assert err.startswith("asllint: error: ")
    assert "Traceback" not in err
    return err


def found(findings: list[dict[str, object]]) -> list[tuple[str, str]]:
    return [(str(f["file"]).replace(os.sep, "/"), str(f["rule"])) for f in findings]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with an empty ``.asllint.toml`` (so nothing above tmp_path applies), as cwd."""
    (tmp_path / ".asllint.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- finding the configuration ----------------------------------------------------------------


def test_pyproject_and_asllint_toml_are_found_upward(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            "a/pyproject.toml": '[tool.asllint]\nignore = ["ASL203"]\n',
            "a/deep/er/x.asl.json": BAD,
            "b/.asllint.toml": 'ignore = ["ASL201"]\n',
            "b/deep/x.asl.json": BAD,
            "c/x.asl.json": BAD,
        },
    )
    code, findings = check(capsys, ".")
    assert code == ExitCode.FINDINGS
    assert found(findings) == [
        ("a/deep/er/x.asl.json", "ASL201"),
        ("b/deep/x.asl.json", "ASL203"),
        ("c/x.asl.json", "ASL201"),
        ("c/x.asl.json", "ASL203"),
    ]
    # the same when the files are named one by one
    _, by_name = check(capsys, "c/x.asl.json", "b/deep/x.asl.json", "a/deep/er/x.asl.json")
    assert by_name == findings


def test_pyproject_without_tool_asllint_is_skipped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            ".asllint.toml": 'ignore = ["ASL203"]\n',
            "pkg/pyproject.toml": '[project]\nname = "pkg"\n\n[tool.ruff]\nline-length = 100\n',
            "pkg/x.asl.json": BAD,
        },
    )
    _, findings = check(capsys, "pkg/x.asl.json")
    assert found(findings) == [("pkg/x.asl.json", "ASL201")]
    assert read_config(project / "pkg" / "pyproject.toml") is None


def test_asllint_toml_wins_over_pyproject_in_the_same_folder(project: Path) -> None:
    write(
        project,
        {"sub/.asllint.toml": 'ignore = ["ASL201"]\n', "sub/pyproject.toml": '[tool.asllint]\nignore = ["ASL203"]\n'},
    )
    settings = ConfigFinder().for_path(project / "sub" / "x.asl.json")
    assert settings.path == project / "sub" / ".asllint.toml"
    assert settings.ignore == ("ASL201",)


def test_nearest_configuration_replaces_the_outer_one(project: Path) -> None:
    """Configurations do not merge: the nearest one is the whole configuration (as in ruff)."""
    write(project, {".asllint.toml": 'ignore = ["ASL203"]\n', "sub/.asllint.toml": 'fail-on = "warning"\n'})
    settings = ConfigFinder().for_path(project / "sub" / "x.asl.json")
    assert settings.ignore == ()
    assert settings.fail_on is Severity.WARNING


def test_no_configuration_means_defaults(tmp_path: Path) -> None:
    settings = ConfigFinder(isolated=True).for_path(tmp_path / "x.asl.json")
    assert settings == Settings()
    assert settings.path is None


# -- keys -------------------------------------------------------------------------------------


def test_select_ignore_extend_select(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"x.asl.json": BAD})
    cases = {
        'select = ["ASL203"]': ["ASL203"],
        'select = ["ASL2"]\nignore = ["ASL201"]': ["ASL203"],
        'select = ["ASL201"]\nextend-select = ["ASL203"]': ["ASL201", "ASL203"],
        'ignore = ["ASL2"]': [],
        'select = "ASL201"': ["ASL201"],  # a single string is a one-item list
    }
    for text, rules in cases.items():
        (project / ".asllint.toml").write_text(text + "\n", encoding="utf-8")
        _, findings = check(capsys, "x.asl.json")
        assert [f["rule"] for f in findings] == rules, text


def test_command_line_adds_to_the_configuration(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {".asllint.toml": 'ignore = ["ASL203"]\n', "x.asl.json": BAD})
    _, findings = check(capsys, "x.asl.json", "--ignore", "ASL201")
    assert findings == []
    _, findings = check(capsys, "x.asl.json", "--select", "ASL2")  # config's ignore still applies
    assert [f["rule"] for f in findings] == ["ASL201"]


def test_severity_override_changes_the_finding_and_the_exit_code(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"x.asl.json": BAD})
    code, findings = check(capsys, "x.asl.json")
    assert code == ExitCode.FINDINGS
    (project / ".asllint.toml").write_text('severity = {ASL203 = "warning"}\nignore = ["ASL201"]\n', encoding="utf-8")
    code, findings = check(capsys, "x.asl.json")
    assert [(f["rule"], f["severity"]) for f in findings] == [("ASL203", "warning")]
    assert code == ExitCode.OK  # fail-on is error by default
    assert check(capsys, "x.asl.json", "--fail-on", "warning")[0] == ExitCode.FINDINGS


def test_severity_override_by_prefix_longest_wins(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"x.asl.json": BAD, ".asllint.toml": '[severity]\nASL2 = "info"\nASL203 = "WARNING"\n'})
    code, findings = check(capsys, "x.asl.json")
    assert [(f["rule"], f["severity"]) for f in findings] == [("ASL201", "info"), ("ASL203", "warning")]
    assert code == ExitCode.OK


def test_fail_on(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"x.asl.json": BAD, ".asllint.toml": 'fail-on = "info"\nseverity = {ASL2 = "info"}\n'})
    assert check(capsys, "x.asl.json")[0] == ExitCode.FINDINGS
    assert check(capsys, "x.asl.json", "--fail-on", "error")[0] == ExitCode.OK  # the command line wins


def test_per_file_ignores(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            ".asllint.toml": '[per-file-ignores]\n"legacy/*" = ["ASL2"]\n"*.draft.asl.json" = ["ASL203"]\n',
            "legacy/old.asl.json": BAD,
            "new/x.draft.asl.json": BAD,
            "new/y.asl.json": BAD,
        },
    )
    _, findings = check(capsys, ".")
    assert found(findings) == [
        ("new/x.draft.asl.json", "ASL201"),
        ("new/y.asl.json", "ASL201"),
        ("new/y.asl.json", "ASL203"),
    ]


def test_per_file_ignores_are_relative_to_the_config_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            "infra/.asllint.toml": '[per-file-ignores]\n"flows/*" = ["ASL201"]\n',
            "infra/flows/x.asl.json": BAD,
            "flows/x.asl.json": GOOD,
        },
    )
    _, findings = check(capsys, "infra")
    assert found(findings) == [("infra/flows/x.asl.json", "ASL203")]


def test_include_and_exclude(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            ".asllint.toml": 'include = ["*.sfn.json"]\nextend-exclude = ["generated"]\n',
            "a.sfn.json": BAD,
            "b.asl.json": BAD,
            "generated/c.sfn.json": BAD,
            "node_modules/d.sfn.json": BAD,
        },
    )
    _, findings = check(capsys, "--select", "ASL201")
    assert found(findings) == [("a.sfn.json", "ASL201")]
    (project / ".asllint.toml").write_text('include = ["*.sfn.json"]\nexclude = ["generated"]\n', encoding="utf-8")
    _, findings = check(capsys, "--select", "ASL201")
    assert found(findings) == [("a.sfn.json", "ASL201"), ("node_modules/d.sfn.json", "ASL201")]


def test_exclude_patterns_with_a_slash_are_relative_to_the_config_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project,
        {
            ".asllint.toml": 'extend-exclude = ["build/gen"]\n',
            "build/gen/a.asl.json": BAD,
            "src/build/gen/b.asl.json": BAD,
        },
    )
    _, findings = check(capsys, "--select", "ASL201")
    assert found(findings) == [("src/build/gen/b.asl.json", "ASL201")]


# -- errors -----------------------------------------------------------------------------------


def test_unknown_key_exits_2_naming_file_and_key(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"sub/pyproject.toml": '[tool.asllint]\nselekt = ["ASL"]\n', "sub/x.asl.json": GOOD})
    err = fail(capsys, "sub/x.asl.json")
    assert str(project / "sub" / "pyproject.toml") in err
    assert "unknown configuration key 'selekt'" in err
    assert "select" in err.split("known keys are", 1)[1]
    with pytest.raises(ConfigError) as exc:
        read_config(project / "sub" / "pyproject.toml")
    assert (exc.value.path, "selekt" in exc.value.message) == (str(project / "sub" / "pyproject.toml"), True)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('select = ["ASL999"]', "select"),
        ('ignore = ["XYZ"]', "ignore"),
        ('extend-select = ["ASL2", "NOPE1"]', "extend-select"),
        ('severity = {ASL777 = "warning"}', "severity"),
        ('[per-file-ignores]\n"*.json" = ["ASL0", "ZZZ"]', "per-file-ignores '*.json'"),
    ],
)
def test_unknown_rule_id_exits_2(project: Path, capsys: pytest.CaptureFixture[str], text: str, where: str) -> None:
    write(project, {".asllint.toml": text + "\n", "x.asl.json": GOOD})
    err = fail(capsys, "x.asl.json")
    assert str(project / ".asllint.toml") in err
    assert f"{where}: " in err
    assert "matches no rule id" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('select = ["ASL201"\n', "cannot be read"),  # invalid TOML
        ("select = [1, 2]", "select must be a list of strings"),
        ('fail-on = "fatal"', "fail-on: unknown severity 'fatal'"),
        ('severity = {ASL201 = "loud"}', "severity: unknown severity 'loud'"),
        ('severity = "warning"', "severity must be a table"),
        ('per-file-ignores = ["x"]', "per-file-ignores must be a table"),
    ],
)
def test_invalid_configuration_exits_2(
    project: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    write(project, {".asllint.toml": text + "\n", "x.asl.json": GOOD})
    err = fail(capsys, "x.asl.json")
    assert f"{project / '.asllint.toml'}: {message}" in err


def test_invalid_pyproject_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"sub/pyproject.toml": "[tool.asllint\n", "sub/x.asl.json": GOOD})
    err = fail(capsys, "sub")
    assert f"{project / 'sub' / 'pyproject.toml'}: cannot be read" in err


def test_tool_asllint_must_be_a_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"sub/pyproject.toml": '[tool]\nasllint = "strict"\n', "sub/x.asl.json": GOOD})
    err = fail(capsys, "sub/x.asl.json")
    assert "must be a table" in err


# -- --config and --isolated ------------------------------------------------------------------


def test_config_option_applies_to_every_path(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            "sub/.asllint.toml": 'ignore = ["ASL203"]\n',
            "sub/x.asl.json": BAD,
            "ci.toml": 'ignore = ["ASL201"]\n',
            "ci-pyproject/pyproject.toml": '[tool.asllint]\nselect = ["ASL203"]\n',
        },
    )
    assert found(check(capsys, "sub")[1]) == [("sub/x.asl.json", "ASL201")]
    assert found(check(capsys, "--config", "ci.toml", "sub")[1]) == [("sub/x.asl.json", "ASL203")]
    assert found(check(capsys, "--config", "ci-pyproject/pyproject.toml", "sub")[1]) == [("sub/x.asl.json", "ASL203")]


def test_config_option_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"bad.toml": "nope = 1\n", "x.asl.json": GOOD})
    assert "unknown configuration key 'nope'" in fail(capsys, "--config", "bad.toml", "x.asl.json")
    assert "missing.toml: cannot be read" in fail(capsys, "--config", "missing.toml", "x.asl.json")


def test_isolated_ignores_every_configuration(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {".asllint.toml": 'ignore = ["ASL2"]\nbogus = 1\n', "x.asl.json": BAD})
    assert "bogus" in fail(capsys, "x.asl.json")
    code, findings = check(capsys, "--isolated", "x.asl.json")
    assert code == ExitCode.FINDINGS
    assert [f["rule"] for f in findings] == ["ASL201", "ASL203"]


def test_rule_ids_in_the_configuration_are_case_insensitive(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            ".asllint.toml": 'select = ["asl2"]\nignore = ["asl201"]\nseverity = {asl203 = "info"}\n',
            "x.asl.json": BAD,
        },
    )
    code, findings = check(capsys, "x.asl.json")
    assert [(f["rule"], f["severity"]) for f in findings] == [("ASL203", "info")]
    assert code == ExitCode.OK


def test_severity_all_is_the_weakest_override(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # ALL and ASL are both three characters long: the named prefix must still win
    write(project, {".asllint.toml": '[severity]\nASL = "warning"\nALL = "info"\n', "x.asl.json": BAD})
    _, findings = check(capsys, "x.asl.json")
    assert {f["severity"] for f in findings} == {"warning"}
    write(project, {".asllint.toml": '[severity]\nALL = "info"\nASL = "warning"\n'})
    _, findings = check(capsys, "x.asl.json")
    assert {f["severity"] for f in findings} == {"warning"}


def test_select_all_turns_on_opt_in_rules(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unused = '{"StartAt": "A", "States": {"A": {"Type": "Succeed", "Comment": "asllint: ignore"}}}\n'
    write(project, {"x.asl.json": unused})
    assert check(capsys, "x.asl.json")[1] == []
    write(project, {".asllint.toml": 'select = ["ALL"]\n'})
    assert [f["rule"] for f in check(capsys, "x.asl.json")[1]] == ["LNT002"]
    write(project, {".asllint.toml": 'extend-select = ["LNT002"]\n'})
    assert [f["rule"] for f in check(capsys, "x.asl.json")[1]] == ["LNT002"]
    write(project, {".asllint.toml": 'extend-select = ["LNT"]\n'})  # a prefix the user wrote picks it too
    assert [f["rule"] for f in check(capsys, "x.asl.json")[1]] == ["LNT002"]
    write(project, {".asllint.toml": 'extend-select = ["ASL"]\n'})
    assert check(capsys, "x.asl.json")[1] == []


def test_a_sub_project_configuration_decides_its_own_walk(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        {
            ".asllint.toml": 'extend-exclude = ["drafts"]\n',
            "a.asl.json": BAD,
            "drafts/b.asl.json": BAD,
            "svc/.asllint.toml": 'include = ["*.sfn.json"]\nextend-exclude = ["old"]\n',
            "svc/c.sfn.json": BAD,
            "svc/d.asl.json": BAD,
            "svc/drafts/e.sfn.json": BAD,  # the outer exclude does not apply under svc/
            "svc/old/f.sfn.json": BAD,
        },
    )
    _, findings = check(capsys, "--select", "ASL201")
    assert found(findings) == [
        ("a.asl.json", "ASL201"),
        ("svc/c.sfn.json", "ASL201"),
        ("svc/drafts/e.sfn.json", "ASL201"),
    ]
    _, from_inside = check(capsys, "--select", "ASL201", "svc")
    assert found(from_inside) == found(findings)[1:]
