"""Suppression markers in ``Comment`` fields: ``asllint: ignore[=ID,...]`` and LNT002."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from asllint.cli import main
from asllint.errors import ExitCode

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def machine(states: dict[str, Any], comment: str | None = None, start: str = "A") -> dict[str, Any]:
    body: dict[str, Any] = {"StartAt": start, "States": states}
    if comment is not None:
        body = {"Comment": comment, **body}
    return body


def lint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], definition: dict[str, Any], *options: str
) -> list[tuple[str, str, int, int]]:
    """(rule, pointer, line, column) of each finding, on the definition indented as a person would."""
    path = tmp_path / "flow.asl.json"
    path.write_text(json.dumps(definition, indent=2) + "\n", encoding="utf-8")
    code = main(["check", "--isolated", "--format", "json", *options, str(path)])
    out, err = capsys.readouterr()
    assert err == ""
    findings = json.loads(out)["findings"]
    assert code == (ExitCode.FINDINGS if any(f["severity"] == "error" for f in findings) else ExitCode.OK)
    return [(f["rule"], f["path"], f["line"], f["column"]) for f in findings]


def rules(found: list[tuple[str, str, int, int]]) -> list[tuple[str, str]]:
    return [(rule, pointer) for rule, pointer, _, _ in found]


def position_of(tmp_path: Path, text: str) -> tuple[int, int]:
    """1-based line and column of the JSON string ``text`` in the written file."""
    source = (tmp_path / "flow.asl.json").read_text(encoding="utf-8")
    offset = source.index(json.dumps(text))
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


# A -> B, B names a missing state (ASL201); Orphan is never reached (ASL203)
def two_findings(a_comment: str | None = None, orphan_comment: str | None = None) -> dict[str, Any]:
    a: dict[str, Any] = {"Type": "Pass", "Next": "Missing"}
    orphan: dict[str, Any] = {"Type": "Succeed"}
    if a_comment is not None:
        a["Comment"] = a_comment
    if orphan_comment is not None:
        orphan["Comment"] = orphan_comment
    return machine({"A": a, "Orphan": orphan})


UNSUPPRESSED = [("ASL201", "/States/A/Next"), ("ASL203", "/States/Orphan")]


def test_without_markers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert rules(lint(tmp_path, capsys, two_findings())) == UNSUPPRESSED


def test_marker_on_a_state_silences_that_rule_in_that_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = lint(tmp_path, capsys, two_findings(orphan_comment="Kept for the migration. asllint: ignore=ASL203"))
    assert rules(found) == [("ASL201", "/States/A/Next")]
    # only that state: the same marker on A does not silence Orphan
    found = lint(tmp_path, capsys, two_findings(a_comment="asllint: ignore=ASL203"))
    assert rules(found) == UNSUPPRESSED


def test_marker_names_only_its_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = lint(tmp_path, capsys, two_findings(a_comment="asllint: ignore=ASL203"))
    assert ("ASL201", "/States/A/Next") in rules(found)
    found = lint(tmp_path, capsys, two_findings(a_comment="asllint: ignore=ASL203, asl201"))
    assert rules(found) == [("ASL203", "/States/Orphan")]


def test_bare_marker_silences_every_rule_in_the_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = lint(tmp_path, capsys, two_findings(a_comment="Temporary. asllint: ignore"))
    assert rules(found) == [("ASL203", "/States/Orphan")]
    found = lint(tmp_path, capsys, two_findings(orphan_comment="ASLLINT: Ignore"))
    assert rules(found) == [("ASL201", "/States/A/Next")]


def test_prefix_marker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = lint(tmp_path, capsys, two_findings(a_comment="asllint: ignore=ASL2"))
    assert rules(found) == [("ASL203", "/States/Orphan")]
    found = lint(tmp_path, capsys, two_findings(a_comment="asllint: ignore=ASL1"))
    assert rules(found) == UNSUPPRESSED


def test_top_level_comment_covers_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    definition = two_findings()
    definition["Comment"] = "Generated. asllint: ignore=ASL203,ASL201"
    assert lint(tmp_path, capsys, definition) == []
    definition["Comment"] = "Generated. asllint: ignore=ASL203"
    assert rules(lint(tmp_path, capsys, definition)) == [("ASL201", "/States/A/Next")]
    definition["Comment"] = "asllint: ignore"
    assert lint(tmp_path, capsys, definition) == []


def nested(comment_on_parallel: str | None = None, comment_on_inner: str | None = None) -> dict[str, Any]:
    """A Parallel state whose branch has an inner state with a missing Next and an orphan."""
    inner: dict[str, Any] = {"Type": "Pass", "Next": "Nowhere"}
    if comment_on_inner is not None:
        inner["Comment"] = comment_on_inner
    parallel: dict[str, Any] = {
        "Type": "Parallel",
        "Branches": [{"StartAt": "Inner", "States": {"Inner": inner, "Lost": {"Type": "Succeed"}}}],
        "End": True,
    }
    if comment_on_parallel is not None:
        parallel["Comment"] = comment_on_parallel
    return machine({"A": parallel})


NESTED = [
    ("ASL201", "/States/A/Branches/0/States/Inner/Next"),
    ("ASL203", "/States/A/Branches/0/States/Lost"),
]


def test_marker_covers_nested_states(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert rules(lint(tmp_path, capsys, nested())) == NESTED
    assert lint(tmp_path, capsys, nested(comment_on_parallel="asllint: ignore=ASL201,ASL203")) == []
    assert rules(lint(tmp_path, capsys, nested(comment_on_parallel="asllint: ignore=ASL203"))) == NESTED[:1]
    assert rules(lint(tmp_path, capsys, nested(comment_on_inner="asllint: ignore"))) == NESTED[1:]


def test_branch_comment_covers_the_branch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    definition = nested()
    definition["States"]["A"]["Branches"][0]["Comment"] = "asllint: ignore=ASL2"
    assert lint(tmp_path, capsys, definition) == []


def test_marker_does_not_silence_internal_errors_or_other_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "other.asl.json").write_text(json.dumps(two_findings()), encoding="utf-8")
    lint(tmp_path, capsys, two_findings(a_comment="asllint: ignore"))
    code = main(["check", "--isolated", "--format", "json", str(tmp_path)])
    data = json.loads(capsys.readouterr().out)
    assert code == ExitCode.FINDINGS
    by_file = sorted((f["file"].rsplit("/", 1)[-1], f["rule"]) for f in data["findings"])
    assert by_file == [("flow.asl.json", "ASL203"), ("other.asl.json", "ASL201"), ("other.asl.json", "ASL203")]


# -- LNT002 -----------------------------------------------------------------------------------


def test_unused_markers_are_silent_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = lint(tmp_path, capsys, two_findings(orphan_comment="asllint: ignore=ASL201"))
    assert rules(found) == UNSUPPRESSED


def test_lnt002_reports_an_unused_code_at_the_comment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    comment = "asllint: ignore=ASL203,ASL110"
    found = lint(tmp_path, capsys, two_findings(orphan_comment=comment), "--extend-select", "LNT002")
    line, column = position_of(tmp_path, comment)
    assert found == [
        ("ASL201", "/States/A/Next", *found[0][2:]),
        ("LNT002", "/States/Orphan/Comment", line, column),
    ]


def test_lnt002_reports_an_unused_bare_marker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    comment = "Nothing wrong here. asllint: ignore"
    definition = machine({"A": {"Type": "Pass", "Comment": comment, "End": True}})
    found = lint(tmp_path, capsys, definition, "--extend-select", "LNT002")
    assert found == [("LNT002", "/States/A/Comment", *position_of(tmp_path, comment))]
    capsys.readouterr()
    main(["check", "--isolated", "--extend-select", "LNT002", "-q", str(tmp_path / "flow.asl.json")])
    out = capsys.readouterr().out
    assert "LNT002 [warning] `asllint: ignore` in this Comment silences no finding; remove it" in out


def test_lnt002_one_finding_per_unused_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    definition = machine({"A": {"Type": "Pass", "Comment": "asllint: ignore=ASL201,ASL203", "End": True}})
    found = lint(tmp_path, capsys, definition, "--extend-select", "LNT002")
    assert [rule for rule, *_ in found] == ["LNT002", "LNT002"]
    path = tmp_path / "flow.asl.json"
    main(["check", "--isolated", "--extend-select", "LNT002", "--format", "json", str(path)])
    messages = [f["message"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert ["ASL201" in messages[0], "ASL203" in messages[1]] == [True, True]


def test_lnt002_quiet_when_every_code_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    definition = two_findings(a_comment="asllint: ignore=ASL2", orphan_comment="asllint: ignore")
    assert lint(tmp_path, capsys, definition, "--extend-select", "LNT002") == []
    definition = nested(comment_on_parallel="asllint: ignore=ASL203", comment_on_inner="asllint: ignore=ASL201")
    assert lint(tmp_path, capsys, definition, "--extend-select", "LNT002") == []


def test_lnt002_credits_the_innermost_marker(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two markers cover one finding: the broad one, which would hide future findings, is reported."""
    definition = two_findings(a_comment="asllint: ignore=ASL201", orphan_comment="asllint: ignore")
    definition["Comment"] = "asllint: ignore=ASL201"
    found = lint(tmp_path, capsys, definition, "--extend-select", "LNT002")
    assert rules(found) == [("LNT002", "/Comment")]
    definition = nested(comment_on_parallel="asllint: ignore", comment_on_inner="asllint: ignore=ASL201")
    found = lint(tmp_path, capsys, definition, "--extend-select", "LNT002")
    assert found == []  # the Parallel's bare marker still silences ASL203 in the branch


def test_lnt002_is_selected_only_by_a_selector_the_user_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    definition = two_findings(orphan_comment="asllint: ignore=ASL201")
    assert "LNT002" not in {r for r, _ in rules(lint(tmp_path, capsys, definition))}
    assert "LNT002" in {r for r, _ in rules(lint(tmp_path, capsys, definition, "--extend-select", "LNT"))}
    assert "LNT002" in {r for r, _ in rules(lint(tmp_path, capsys, definition, "--select", "ALL"))}
    assert "LNT002" in {r for r, _ in rules(lint(tmp_path, capsys, definition, "--select", "LNT002,ASL"))}


def test_lnt002_respects_ignore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    definition = two_findings(orphan_comment="asllint: ignore=ASL201")
    found = lint(tmp_path, capsys, definition, "--extend-select", "LNT002", "--ignore", "LNT002")
    assert rules(found) == UNSUPPRESSED
    # the longest prefix decides: the full id beats a shorter ignore
    found = lint(tmp_path, capsys, definition, "--extend-select", "LNT002", "--ignore", "LNT")
    assert [rule for rule, _ in rules(found)] == ["ASL201", "ASL203", "LNT002"]
