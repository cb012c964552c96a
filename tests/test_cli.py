"""The command line, run in-process through ``asllint.cli.main`` (and twice as a real process)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from asllint.cli import main
from asllint.errors import ExitCode

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

GOOD = """\
{
  "StartAt": "Done",
  "States": {
    "Done": {"Type": "Succeed"}
  }
}
"""

# one finding only: ASL201 on the Choice rule's Next
BAD = """\
{
  "StartAt": "Pick",
  "States": {
    "Pick": {
      "Type": "Choice",
      "Choices": [{"Variable": "$.x", "StringEquals": "a", "Next": "Missing"}],
      "Default": "Done"
    },
    "Done": {"Type": "Succeed"}
  }
}
"""
BAD_NEXT_LINE, BAD_NEXT_COLUMN = 6, BAD.splitlines()[5].index('"Missing"') + 1

BAD_YAML = """\
StartAt: Pick
States:
  Pick:
    Type: Pass
    Next: Missing
  Done:
    Type: Succeed
"""

# one finding only: ASL110, a warning
WARN = '{"StartAt": "Done", "StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}\n'

MALFORMED = '{"StartAt": "Done",\n  "States": {,}}\n'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def report(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    code, out, err = run(capsys, "check", "--format", "json", *argv)
    assert "Traceback" not in err
    return code, json.loads(out)


def findings(data: dict[str, object]) -> list[dict[str, object]]:
    found = data["findings"]
    assert isinstance(found, list)
    return found


def ids(data: dict[str, object]) -> list[tuple[str, str]]:
    return [(str(f["file"]), str(f["rule"])) for f in findings(data)]


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def files_in(data: dict[str, object]) -> set[str]:
    return {str(f["file"]).replace(os.sep, "/") for f in findings(data)}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder (with a marker config so no outer config leaks in) as cwd."""
    (tmp_path / ".asllint.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- exit codes -----------------------------------------------------------------------------


def test_clean_file_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"good.asl.json": GOOD})
    code, out, err = run(capsys, "check", "good.asl.json")
    assert code == ExitCode.OK == 0
    assert "All checks passed (1 file checked)." in out
    assert err == ""


def test_missing_transition_target_exits_1_at_the_next_value(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"bad.asl.json": BAD})
    code, out, _ = run(capsys, "check", "bad.asl.json")
    assert code == ExitCode.FINDINGS == 1
    assert out.startswith(f"bad.asl.json:{BAD_NEXT_LINE}:{BAD_NEXT_COLUMN}: ASL201 [error] ")
    assert "'Missing'" in out
    code, data = report(capsys, "bad.asl.json")
    [finding] = findings(data)
    assert (finding["rule"], finding["line"], finding["column"]) == ("ASL201", BAD_NEXT_LINE, BAD_NEXT_COLUMN)
    assert finding["end_column"] == BAD_NEXT_COLUMN + len('"Missing"')
    assert finding["path"] == "/States/Pick/Choices/0/Next"
    assert finding["state"] == "Pick"


def test_bad_option_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--fail-on", "fatal", "x.asl.json"])
    assert exc.value.code == ExitCode.ERROR == 2
    assert "--fail-on" in capsys.readouterr().err


def test_malformed_file_is_a_located_finding_and_the_others_are_checked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"a.asl.json": BAD, "b.asl.json": MALFORMED, "c.asl.json": WARN})
    code, data = report(capsys, ".")
    assert code == ExitCode.FINDINGS
    assert ids(data) == [("a.asl.json", "ASL201"), ("b.asl.json", "ASL001"), ("c.asl.json", "ASL110")]
    syntax = findings(data)[1]
    assert (syntax["line"], syntax["column"]) == (2, MALFORMED.splitlines()[1].index(",") + 1)
    summary = data["summary"]
    assert isinstance(summary, dict)
    assert (summary["files"], summary["files_failed"]) == (3, 1)
    code, out, err = run(capsys, "check", ".")
    assert "Traceback" not in out + err
    assert "b.asl.json:2:14: ASL001 [error] invalid JSON" in out


def test_missing_file_is_asl005(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"good.asl.json": GOOD})
    code, data = report(capsys, "good.asl.json", "nothere.asl.json")
    assert code == ExitCode.FINDINGS
    assert ids(data) == [("nothere.asl.json", "ASL005")]
    assert "cannot be read" in str(findings(data)[0]["message"])


# -- standard input ---------------------------------------------------------------------------


def feed_stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))


def test_stdin_with_stdin_filename_uses_that_name_and_its_config(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"quiet/.asllint.toml": 'ignore = ["ASL201"]\n', "loud/.keep": ""})
    feed_stdin(monkeypatch, BAD)
    code, data = report(capsys, "-", "--stdin-filename", "loud/piped.asl.json")
    assert code == ExitCode.FINDINGS
    assert files_in(data) == {"loud/piped.asl.json"}
    assert [f["line"] for f in findings(data)] == [BAD_NEXT_LINE]

    feed_stdin(monkeypatch, BAD)
    code, data = report(capsys, "-", "--stdin-filename", "quiet/piped.asl.json")
    assert (code, findings(data)) == (ExitCode.OK, [])


def test_stdin_filename_alone_reads_stdin(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, BAD)
    code, out, _ = run(capsys, "--stdin-filename", "piped.asl.json", "-q")
    assert code == ExitCode.FINDINGS
    assert out.startswith(f"piped.asl.json:{BAD_NEXT_LINE}:{BAD_NEXT_COLUMN}: ASL201")


# -- file discovery ---------------------------------------------------------------------------

TREE = {
    "a.asl.json": BAD,
    "sub/b.asl.yaml": BAD_YAML,
    "sub/c.asl.yml": BAD_YAML,
    "d.json": BAD,
    "e.yaml": BAD_YAML,
    "node_modules/pkg/f.asl.json": BAD,
    ".git/g.asl.json": BAD,
    "cdk.out/h.asl.json": BAD,
    "build/gen/i.asl.json": BAD,
    "data.json": '{"rows": [1, 2, 3]}\n',
    "config.yaml": "name: not a state machine\n",
}
# by name (*.asl.*) or, for other JSON and YAML files, by content (d.json, e.yaml)
WALKED = {"a.asl.json", "sub/b.asl.yaml", "sub/c.asl.yml", "build/gen/i.asl.json", "d.json", "e.yaml"}


def test_folder_walk_picks_asl_files_and_skips_default_excludes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, TREE)
    _, data = report(capsys)
    assert files_in(data) == WALKED
    _, data = report(capsys, ".")
    assert files_in(data) == WALKED


@pytest.mark.parametrize("folder", ["node_modules", "node_modules/pkg", ".git", "cdk.out"])
def test_excluded_folder_named_explicitly_is_walked(
    project: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    write(project, TREE)
    _, data = report(capsys, folder)
    expected = {name for name in TREE if name.startswith(folder + "/") and ".asl." in name}
    assert expected
    assert files_in(data) == expected


def test_include_replaces_the_default_patterns(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, TREE)
    _, data = report(capsys, "--include", "*.json")
    # include names the files: each matching one is checked, and nothing else is sniffed
    assert files_in(data) == {"a.asl.json", "d.json", "build/gen/i.asl.json", "data.json"}


def test_exclude_replaces_and_extend_exclude_adds(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, TREE)
    _, data = report(capsys, "--extend-exclude", "sub")
    assert files_in(data) == {"a.asl.json", "build/gen/i.asl.json", "d.json", "e.yaml"}
    _, data = report(capsys, "--extend-exclude", "build/gen")
    assert files_in(data) == {"a.asl.json", "sub/b.asl.yaml", "sub/c.asl.yml", "d.json", "e.yaml"}
    _, data = report(capsys, "--exclude", "sub")  # the default list is gone: node_modules is walked
    assert files_in(data) == {"a.asl.json", "build/gen/i.asl.json", "node_modules/pkg/f.asl.json",
                              ".git/g.asl.json", "cdk.out/h.asl.json", "d.json", "e.yaml"}  # fmt: skip


def test_named_file_is_checked_whatever_its_name(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {**TREE, "definition.txt": BAD})
    _, data = report(capsys, "d.json", "definition.txt", "node_modules/pkg/f.asl.json", "e.yaml")
    assert files_in(data) == {"d.json", "definition.txt", "node_modules/pkg/f.asl.json", "e.yaml"}


def test_force_exclude_applies_excludes_to_named_files(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, TREE)
    named = ["a.asl.json", "node_modules/pkg/f.asl.json", "sub/b.asl.yaml"]
    _, data = report(capsys, "--force-exclude", *named)
    assert files_in(data) == {"a.asl.json", "sub/b.asl.yaml"}
    _, data = report(capsys, "--force-exclude", "--extend-exclude", "*.yaml", *named)
    assert files_in(data) == {"a.asl.json"}
    code, out, _ = run(capsys, "check", "--force-exclude", "node_modules/pkg/f.asl.json")
    assert code == ExitCode.OK
    assert "0 files checked" in out


def test_force_include_checks_named_files_as_a_walk_would(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {**TREE, "package.json": '{"name": "x"}\n', "ci.yml": "on: push\njobs: {}\n"})
    named = ["a.asl.json", "d.json", "e.yaml", "package.json", "ci.yml", "node_modules/pkg/f.asl.json"]
    # by name (include), or by content (sniff): package.json and the workflow hold no state machine
    _, data = report(capsys, "--force-exclude", "--force-include", *named)
    assert files_in(data) == {"a.asl.json", "d.json", "e.yaml"}
    # a project that sets include without sniff: only the names it gives
    (project / ".asllint.toml").write_text('include = ["*.asl.json"]\n', encoding="utf-8")
    _, data = report(capsys, "--force-include", *named)
    assert files_in(data) == {"a.asl.json", "node_modules/pkg/f.asl.json"}
    code, out, _ = run(capsys, "check", "--force-include", "package.json")
    assert (code, "0 files checked" in out) == (ExitCode.OK, True)


# -- selection --------------------------------------------------------------------------------

# ASL201 (Next: Missing), ASL203 (Orphan), ASL110 (duplicate key)
MIXED = """\
{
  "StartAt": "A",
  "StartAt": "A",
  "States": {
    "A": {"Type": "Pass", "Next": "Missing", "End": false},
    "Orphan": {"Type": "Succeed"},
    "Done": {"Type": "Succeed"}
  }
}
"""


def rules_of(data: dict[str, object]) -> set[str]:
    return {str(f["rule"]) for f in findings(data)}


def test_select_ignore_and_extend_select(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"m.asl.json": MIXED})
    _, data = report(capsys, "m.asl.json")
    everything = rules_of(data)
    assert {"ASL110", "ASL201", "ASL203"} <= everything
    _, data = report(capsys, "m.asl.json", "--select", "ASL201")
    assert rules_of(data) == {"ASL201"}
    _, data = report(capsys, "m.asl.json", "--select", "ASL2")
    assert rules_of(data) == {r for r in everything if r.startswith("ASL2")}
    _, data = report(capsys, "m.asl.json", "--select", "asl110,ASL201")
    assert rules_of(data) == {"ASL110", "ASL201"}
    _, data = report(capsys, "m.asl.json", "--ignore", "ASL2")
    assert rules_of(data) == {r for r in everything if not r.startswith("ASL2")}
    _, data = report(capsys, "m.asl.json", "--select", "ASL2", "--ignore", "ASL203")
    assert rules_of(data) == {r for r in everything if r.startswith("ASL2")} - {"ASL203"}
    _, data = report(capsys, "m.asl.json", "--select", "ASL110", "--extend-select", "ASL203")
    assert rules_of(data) == {"ASL110", "ASL203"}
    # the longest prefix wins: the more specific select beats the shorter ignore
    _, data = report(capsys, "m.asl.json", "--ignore", "ASL", "--extend-select", "ASL201")
    assert rules_of(data) == {"ASL201"}


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_unknown_rule_id_exits_2(project: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    write(project, {"good.asl.json": GOOD})
    code, _, err = run(capsys, "check", option, "ASL999", "good.asl.json")
    assert code == ExitCode.ERROR
    assert "'ASL999' matches no rule id" in err
    assert err.startswith("asllint: error: command line:")
    assert "Traceback" not in err


# -- fail threshold and output ----------------------------------------------------------------


def test_fail_on(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"w.asl.json": WARN})
    assert run(capsys, "check", "w.asl.json")[0] == ExitCode.OK
    assert run(capsys, "check", "w.asl.json", "--fail-on", "error")[0] == ExitCode.OK
    assert run(capsys, "check", "w.asl.json", "--fail-on", "warning")[0] == ExitCode.FINDINGS
    assert run(capsys, "check", "w.asl.json", "--fail-on", "info")[0] == ExitCode.FINDINGS
    _, out, _ = run(capsys, "check", "w.asl.json")
    assert "ASL110 [warning]" in out  # reported even though it does not fail the run


def test_exit_zero(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"bad.asl.json": BAD})
    code, out, _ = run(capsys, "check", "--exit-zero", "bad.asl.json")
    assert code == ExitCode.OK
    assert "ASL201" in out


def test_exit_zero_does_not_hide_errors_of_asllint(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--exit-zero", "--select", "NOPE", ".")
    assert code == ExitCode.ERROR
    assert "NOPE" in err


def test_quiet_prints_findings_only(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"bad.asl.json": BAD, "good.asl.json": GOOD})
    code, out, _ = run(capsys, "check", "-q", ".")
    assert code == ExitCode.FINDINGS
    assert out.splitlines() == [
        f"bad.asl.json:{BAD_NEXT_LINE}:{BAD_NEXT_COLUMN}: ASL201 [error] "
        "Next names 'Missing', which is not a state in this scope"
    ]
    code, out, _ = run(capsys, "check", "--quiet", "good.asl.json")
    assert (code, out) == (ExitCode.OK, "")


def test_default_text_output_quotes_the_line_and_summarises(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"bad.asl.json": BAD, "good.asl.json": GOOD})
    _, out, _ = run(capsys, "check", ".")
    quoted = out.splitlines()[1:3]
    assert quoted[0].startswith(f"{BAD_NEXT_LINE} | ")
    assert quoted[0].endswith('"Next": "Missing"}],')  # long lines are cut on the left
    assert quoted[1].endswith(" " + "^" * len('"Missing"'))
    assert len(quoted[1]) == quoted[0].index('"Missing"') + len('"Missing"')
    assert out.endswith("Found 1 finding (1 error) in 1 of 2 files.\n")


def test_statistics(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"a.asl.json": BAD, "b.asl.json": BAD, "w.asl.json": WARN})
    code, out, _ = run(capsys, "check", "--statistics", "-q", ".")
    assert code == ExitCode.FINDINGS
    lines = out.splitlines()
    stats = [line.split() for line in lines if not line.startswith(("a.asl", "b.asl", "w.asl"))]
    assert stats == [["2", "ASL201", "transition-target-unknown"], ["1", "ASL110", "duplicate-json-key"]]


def test_format_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"bad.asl.json": BAD, "good.asl.json": GOOD})
    code, data = report(capsys, ".")
    assert code == ExitCode.FINDINGS
    assert data["version"] == "1"
    tool = data["tool"]
    assert isinstance(tool, dict)
    assert tool["name"] == "asllint"
    [finding] = findings(data)
    assert finding["rule"] == "ASL201"
    assert finding["name"] == "transition-target-unknown"
    assert finding["severity"] == "error"
    assert finding["file"] == "bad.asl.json"
    assert str(finding["url"]).startswith("https://")
    assert data["summary"] == {
        "files": 2,
        "files_with_findings": 1,
        "files_failed": 0,
        "findings": 1,
        "by_severity": {"error": 1, "warning": 0, "info": 0},
        "by_rule": {"ASL201": 1},
    }


def test_unknown_format_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"good.asl.json": GOOD})
    code, out, err = run(capsys, "check", "--format", "xml", "good.asl.json")
    assert code == ExitCode.ERROR
    assert "unknown output format 'xml'" in err
    assert "json" in err
    assert "text" in err
    assert out == ""


def test_output_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"bad.asl.json": BAD})
    code, out, _ = run(capsys, "check", "--format", "json", "--output-file", "report.json", "bad.asl.json")
    assert code == ExitCode.FINDINGS
    assert out == ""
    data = json.loads((project / "report.json").read_text(encoding="utf-8"))
    assert ids(data) == [("bad.asl.json", "ASL201")]
    code, out, _ = run(capsys, "check", "-o", "report.txt", "bad.asl.json")
    assert out == ""
    assert "ASL201" in (project / "report.txt").read_text(encoding="utf-8")


def test_output_file_that_cannot_be_written_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"bad.asl.json": BAD})
    code, _, err = run(capsys, "check", "-o", "no/such/folder/report.txt", "bad.asl.json")
    assert code == ExitCode.ERROR
    assert "cannot write no/such/folder/report.txt" in err


def test_deterministic_order(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"z.asl.json": MIXED, "a.asl.json": MIXED, "m/b.asl.json": BAD})
    _, first = report(capsys, "z.asl.json", ".", "m")
    _, second = report(capsys, "m", "a.asl.json", "z.asl.json")
    assert first == second
    found = findings(first)
    names = [str(f["file"]).replace(os.sep, "/") for f in found]
    assert names == sorted(names)
    assert names[0] == "a.asl.json"
    assert names[-1] == "z.asl.json"
    for name in sorted(set(names)):
        positions = [(f["line"], f["column"]) for f in found if str(f["file"]).replace(os.sep, "/") == name]
        assert positions == sorted(positions), name
    assert names.count("a.asl.json") >= 3


def test_check_is_the_default_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"bad.asl.json": BAD})
    code, out, _ = run(capsys, "bad.asl.json")
    assert code == ExitCode.FINDINGS
    assert "ASL201" in out
    code, out, _ = run(capsys, "--select", "ASL110", "bad.asl.json")  # an option first
    assert code == ExitCode.OK
    code, out, _ = run(capsys)  # no arguments: check the current folder
    assert code == ExitCode.FINDINGS
    assert "bad.asl.json" in out


def test_yaml_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, {"flow.asl.yaml": BAD_YAML})
    code, data = report(capsys, "flow.asl.yaml")
    assert code == ExitCode.FINDINGS
    by_rule = {f["rule"]: f for f in findings(data)}
    assert (by_rule["ASL201"]["line"], by_rule["ASL201"]["column"]) == (5, 11)
    assert by_rule["ASL201"]["path"] == "/States/Pick/Next"


# -- other commands ---------------------------------------------------------------------------


def test_version_lists_plugins(capsys: pytest.CaptureFixture[str]) -> None:
    from asllint import __version__

    code, out, _ = run(capsys, "--version")
    assert code == ExitCode.OK
    assert out.startswith(f"asllint {__version__} (Python ")
    # the version comes from the distribution's metadata folder; a stale asllint.egg-info in
    # the checkout (on sys.path as the current folder) has none in its name
    assert re.search(
        r"^  plugin asllint \S+: ASL, CST, IAM, LNT, POL, SEC, SMI, SMS, SMX, TPL, reporters$", out, re.MULTILINE
    ), out


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == ExitCode.OK
    rows = [line.split() for line in out.splitlines()[1:]]
    listed = [row[0] for row in rows]
    assert listed == sorted(listed)
    assert {"ASL001", "ASL005", "ASL201", "ASL203", "LNT001", "LNT002"} <= set(listed)
    row = rows[listed.index("ASL201")]
    assert row[1:] == ["transition-target-unknown", "error", "ASL", "asllint:ASL"]
    assert rows[listed.index("LNT002")][-1] == "(opt-in)"
    code, out, _ = run(capsys, "rules", "--format", "json")
    data = json.loads(out)
    assert [r["id"] for r in data] == listed
    assert {"id", "name", "severity", "family", "plugin", "opt_in", "summary"} <= set(data[0])


def test_rule_prints_its_documentation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rule", "ASL201")
    assert code == ExitCode.OK
    assert out.startswith("# ASL201 transition-target-unknown\n")
    for section in ("## What it does", "## Why is this bad?", "## Example", "Use instead:", "## References"):
        assert section in out
    assert "Source: https://" in out
    code, out_by_name, _ = run(capsys, "rule", "transition-target-unknown")
    assert (code, out_by_name) == (ExitCode.OK, out)
    assert run(capsys, "rule", "asl201")[1] == out


def test_rule_unknown_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "rule", "ASL202")
    assert code == ExitCode.ERROR
    assert out == ""
    assert "no rule 'ASL202'" in err
    assert "did you mean 'ASL20" in err


# -- a real process ---------------------------------------------------------------------------


def run_module(args: Iterable[str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASLLINT", "NO_COLOR"))}
    return subprocess.run(
        [sys.executable, "-m", "asllint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def test_python_m_asllint(project: Path) -> None:
    write(project, {"bad.asl.json": BAD, "good.asl.json": GOOD})
    proc = run_module(["check", "."], project)
    assert proc.returncode == ExitCode.FINDINGS, proc.stderr
    assert f"bad.asl.json:{BAD_NEXT_LINE}:{BAD_NEXT_COLUMN}: ASL201 [error]" in proc.stdout
    assert "\033[" not in proc.stdout  # not a terminal: no colour
    assert proc.stderr == ""
    proc = run_module(["good.asl.json"], project)
    assert (proc.returncode, proc.stderr) == (ExitCode.OK, "")


def test_python_m_asllint_stdin_and_usage_error(project: Path) -> None:
    proc = run_module(["-", "--stdin-filename", "piped.asl.json", "-q"], project, stdin=BAD)
    assert proc.returncode == ExitCode.FINDINGS, proc.stderr
    assert proc.stdout.startswith("piped.asl.json:")
    proc = run_module(["check", "--select", "BOGUS1"], project)
    assert proc.returncode == ExitCode.ERROR
    assert "BOGUS1" in proc.stderr
    assert "Traceback" not in proc.stderr
