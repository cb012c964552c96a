"""Plugins end to end: entry points in the ``asllint`` group, found, loaded and run.

The third-party plugins here are real (if tiny) installed distributions: a
``<name>-1.0.dist-info`` folder and a module in ``tmp_path``, which goes on ``sys.path`` (or
``PYTHONPATH`` for a child process).  Nothing in asllint is changed or patched to find them.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import textwrap
from importlib import metadata
from typing import TYPE_CHECKING

import pluggy
import pytest

from asllint.cli import main
from asllint.errors import DuplicateRuleError, ExitCode, PluginLoadError
from asllint.plugins import Plugin, find_plugins, load_registry

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# ASL201 on A's Next (ASL203 on Boom is ignored by the project's configuration); XTP001
# (below) on every Pass state
DEFINITION = """\
{
  "StartAt": "A",
  "States": {
    "A": {"Type": "Pass", "Next": "Missing"},
    "Boom": {"Type": "Succeed"}
  }
}
"""

XTP_RULE = '''
from __future__ import annotations

import asllint
from asllint import Rule, Severity, Violation


class PassState(Rule):
    """## What it does
    Flags every Pass state (a test rule).

    ## Why is this bad?
    It is not; this plugin exists to test plugin loading.

    ## Example
    ```json
    {"Type": "Pass", "End": true}
    ```

    Use instead:
    ```json
    {"Type": "Succeed"}
    ```

    ## References
    - tests/test_plugins.py
    """

    id = "XTP001"
    name = "pass-state"
    severity = Severity.WARNING
    source_url = "https://example.invalid/xtp001"

    def check(self, machine):
        for state in machine.states:
            if state.type == "Pass":
                yield Violation(state.node, f"state {state.name!r} is a Pass state; this is a test rule")
'''

CRASHING_RULE = '''

class Crashes(Rule):
    """## What it does
    Raises on a state named Boom (a test rule).
    """

    id = "XTP002"
    name = "crashes"
    severity = Severity.ERROR

    def check(self, machine):
        for state in machine.states:
            if state.name == "Boom":
                raise KeyError("Boom")
        return iter(())
'''


def install(site: Path, dist: str, entry_points: dict[str, str], modules: dict[str, str]) -> None:
    """A distribution ``dist`` 1.0, as pip would leave it in ``site``, declaring ``entry_points``."""
    info = site / f"{dist}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8")
    lines = "".join(f"{name} = {value}\n" for name, value in entry_points.items())
    (info / "entry_points.txt").write_text(f"[asllint]\n{lines}", encoding="utf-8")
    for name, source in modules.items():
        (site / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")


def hooks(*rule_classes: str) -> str:
    return f"\n\n@asllint.hookimpl\ndef asllint_rules():\n    return [{', '.join(rule_classes)}]\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on ``sys.path`` to install test plugins into; their modules are forgotten after."""
    folder = tmp_path / "site"
    folder.mkdir()
    before = set(sys.modules)
    monkeypatch.syspath_prepend(str(folder))
    importlib.invalidate_caches()
    yield folder
    for name in set(sys.modules) - before:
        if getattr(sys.modules[name], "__file__", None) and str(folder) in str(sys.modules[name].__file__):
            del sys.modules[name]
    importlib.invalidate_caches()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / ".asllint.toml").write_text('ignore = ["ASL203"]\n', encoding="utf-8")
    (folder / "flow.asl.json").write_text(DEFINITION, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def check_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, object]], str]:
    code = main(["check", "--format", "json", *argv])
    out, err = capsys.readouterr()
    findings: list[dict[str, object]] = json.loads(out)["findings"] if out else []
    return code, findings, err


# -- built-ins --------------------------------------------------------------------------------


def test_builtin_families_are_entry_points() -> None:
    declared = {ep.name: ep.value for ep in metadata.entry_points(group="asllint") if ep.dist is not None}
    assert (
        declared.items()
        >= {
            "ASL": "asllint_rules.spec",
            "LNT": "asllint_rules.lnt",
            "reporters": "asllint.reporters",
        }.items()
    )
    for ep in metadata.entry_points(group="asllint"):
        if ep.name in ("ASL", "LNT", "reporters"):
            assert ep.dist is not None
            assert ep.dist.metadata["Name"] == "asllint"


def test_builtin_rules_come_from_their_family_entry_point() -> None:
    registry = load_registry()
    assert {p.name for p in registry.plugins} >= {"ASL", "LNT", "reporters"}
    for rule_id, rule in registry.rules.items():
        plugin = registry.rule_plugin[rule_id]
        if plugin.distribution == "asllint":
            assert plugin.name == rule.family() == rule_id[:3]
            module, colon, _ = plugin.value.partition(":")
            package = module.rpartition(".")[0] if colon else module  # "pkg.module:Object" or "pkg"
            assert rule.__module__.startswith(package + ".")
    assert {"text", "json"} <= set(registry.reporters)
    assert {registry.reporter_plugin[name].name for name in ("text", "json")} == {"reporters"}


def test_check_pending_passes_for_the_builtin_plugins() -> None:
    registry = load_registry()
    assert registry.manager is not None
    registry.manager.check_pending()


def test_find_plugins_is_sorted() -> None:
    found = find_plugins()
    assert found == sorted(found, key=lambda p: (p.name, p.distribution))


# -- a third-party plugin ---------------------------------------------------------------------


def test_third_party_rule_is_found_and_run(site: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    install(site, "xtp_plugin", {"XTP": "xtp_plugin"}, {"xtp_plugin": XTP_RULE + hooks("PassState")})
    assert "XTP" in {ep.name for ep in metadata.entry_points(group="asllint")}
    registry = load_registry()
    assert registry.rule_plugin["XTP001"] == Plugin("XTP", "xtp_plugin", "xtp_plugin", "1.0")
    assert registry.manager is not None
    registry.manager.check_pending()

    code, findings, err = check_json(capsys, "flow.asl.json")
    assert err == ""
    assert code == ExitCode.FINDINGS
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in findings] == [
        ("XTP001", "/States/A", 4, 10),
        ("ASL201", "/States/A/Next", 4, 35),
    ]
    assert findings[0]["severity"] == "warning"
    assert findings[0]["url"] == "https://example.invalid/xtp001"
    # selection works on plugin rules like on built-ins
    code, findings, _ = check_json(capsys, "flow.asl.json", "--select", "XTP")
    assert (code, [f["rule"] for f in findings]) == (ExitCode.OK, ["XTP001"])


def test_third_party_plugin_in_rules_rule_and_version(
    site: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install(site, "xtp_plugin", {"XTP": "xtp_plugin"}, {"xtp_plugin": XTP_RULE + hooks("PassState")})
    assert main(["rules"]) == ExitCode.OK
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()[1:]}
    assert rows["XTP001"] == ["pass-state", "warning", "XTP", "xtp_plugin:XTP"]
    assert main(["rule", "XTP001"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert out.startswith("# XTP001 pass-state\n\nSeverity: warning. Family: XTP. Plugin: xtp_plugin (XTP).")
    assert main(["--version"]) == ExitCode.OK
    assert "  plugin xtp_plugin 1.0: XTP\n" in capsys.readouterr().out


def test_third_party_plugin_in_a_child_process(tmp_path: Path, project: Path) -> None:
    """End to end: a fresh interpreter finds the plugin through PYTHONPATH alone."""
    site = tmp_path / "site"
    site.mkdir()
    install(site, "xtp_plugin", {"XTP": "xtp_plugin"}, {"xtp_plugin": XTP_RULE + hooks("PassState")})
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASLLINT")}
    env["PYTHONPATH"] = os.pathsep.join([str(site), *filter(None, [env.get("PYTHONPATH")])])

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "asllint", *args],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )

    proc = run("check", "-q", "flow.asl.json")
    assert proc.returncode == ExitCode.FINDINGS, proc.stderr
    assert proc.stdout.splitlines() == [
        "flow.asl.json:4:10: XTP001 [warning] state 'A' is a Pass state; this is a test rule",
        "flow.asl.json:4:35: ASL201 [error] Next names 'Missing', which is not a state in this scope",
    ]
    proc = run("rules")
    assert proc.returncode == ExitCode.OK, proc.stderr
    assert [line.split() for line in proc.stdout.splitlines() if line.startswith("XTP")] == [
        ["XTP001", "pass-state", "warning", "XTP", "xtp_plugin:XTP"]
    ]


def test_plugin_reporter(site: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reporter = """
        import asllint
        from asllint.reporters import Reporter


        class Count(Reporter):
            def start(self):
                self.n = 0

            def handle(self, finding, source):
                self.n += 1

            def finish(self, summary):
                self.stream.write(f"{self.n} findings\\n")


        @asllint.hookimpl
        def asllint_reporters():
            return {"count": Count}
        """
    install(site, "xtp_count", {"XTPCOUNT": "xtp_count"}, {"xtp_count": reporter})
    assert main(["check", "--format", "count", "flow.asl.json"]) == ExitCode.FINDINGS
    assert capsys.readouterr().out == "1 findings\n"


def test_extra_plugin_object_is_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Programs that embed asllint can register a plugin object without an entry point."""
    from asllint import Severity
    from asllint.config import Settings
    from asllint.engine import Engine
    from asllint.policy import Policy

    namespace: dict[str, object] = {}
    exec(compile(XTP_RULE, "xtp_inline", "exec"), namespace)

    class Inline:
        @staticmethod
        @pluggy.HookimplMarker("asllint")
        def asllint_rules() -> list[object]:
            return [namespace["PassState"]]

    registry = load_registry(extra=[(Plugin("XTP", "inline", "embedder", "0"), Inline())])
    assert registry.rule_plugin["XTP001"].distribution == "embedder"
    policy = Policy(registry.rules, Settings(select=("XTP",)))
    result = Engine(registry).check_bytes("flow.asl.json", DEFINITION.encode(), policy, policy.enabled)
    assert [(f.rule, f.severity) for f in result.findings] == [("XTP001", Severity.WARNING)]


# -- failures ---------------------------------------------------------------------------------


def test_rule_that_raises_is_one_internal_finding(
    site: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install(
        site,
        "xtp_plugin",
        {"XTP": "xtp_plugin"},
        {"xtp_plugin": XTP_RULE + CRASHING_RULE + hooks("PassState", "Crashes")},
    )
    (project / "calm.asl.json").write_text(DEFINITION.replace("Boom", "Calm"), encoding="utf-8")
    code, findings, err = check_json(capsys, ".")
    assert code == ExitCode.ERROR
    assert "Traceback" not in err
    got = [(f["file"], f["rule"]) for f in findings]
    assert got == [
        ("calm.asl.json", "XTP001"),
        ("calm.asl.json", "ASL201"),
        ("flow.asl.json", "LNT001"),
        ("flow.asl.json", "XTP001"),
        ("flow.asl.json", "ASL201"),
    ]
    [internal] = [f for f in findings if f["rule"] == "LNT001"]
    message = str(internal["message"])
    assert "XTP002" in message
    assert "crashes" in message
    assert "xtp_plugin==1.0:XTP" in message
    assert "KeyError" in message
    assert internal["severity"] == "error"
    assert (internal["line"], internal["column"]) == (1, 1)

    # the text format names the file too, and the crash is not silenced by --ignore or a marker
    code = main(["check", "-q", "--ignore", "LNT", "flow.asl.json"])
    out = capsys.readouterr().out
    assert code == ExitCode.ERROR
    assert out.startswith("flow.asl.json:1:1: LNT001 [error] rule XTP002 (crashes)")
    # --exit-zero does not hide a crash
    assert main(["check", "-q", "--exit-zero", "flow.asl.json"]) == ExitCode.ERROR
    capsys.readouterr()
    # ignoring the failing rule is the workaround
    assert main(["check", "-q", "--ignore", "XTP002", "--select", "XTP", "flow.asl.json"]) == ExitCode.OK


def test_two_plugins_claiming_one_rule_id(site: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    install(site, "xtp_plugin", {"XTP": "xtp_plugin"}, {"xtp_plugin": XTP_RULE + hooks("PassState")})
    install(site, "xtp_copycat", {"XTC": "xtp_copycat"}, {"xtp_copycat": XTP_RULE + hooks("PassState")})
    with pytest.raises(DuplicateRuleError):
        load_registry()
    code = main(["check", "flow.asl.json"])
    out, err = capsys.readouterr()
    assert code == ExitCode.ERROR
    assert out == ""
    assert err.startswith("asllint: error: rule id XTP001 is claimed by two plugins: ")
    assert "xtp_plugin==1.0:XTP" in err
    assert "xtp_copycat==1.0:XTC" in err
    assert "Traceback" not in err
    assert main(["rules"]) == ExitCode.ERROR  # every command loads the plugins


def test_plugin_claiming_a_builtin_rule_id(site: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    install(
        site,
        "xtp_plugin",
        {"XTP": "xtp_plugin"},
        {"xtp_plugin": XTP_RULE.replace("XTP001", "ASL201") + hooks("PassState")},
    )
    assert main(["check", "flow.asl.json"]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert "rule id ASL201 is claimed by two plugins" in err
    assert "asllint==" in err
    assert ":ASL" in err
    assert "xtp_plugin==1.0:XTP" in err


@pytest.mark.parametrize(
    ("modules", "error"),
    [
        ({"xtp_broken": "import no_such_module_for_asllint_tests\n"}, "ModuleNotFoundError"),
        ({"xtp_broken": "raise RuntimeError('misconfigured')\n"}, "RuntimeError: misconfigured"),
        ({"xtp_broken": "def f(:\n"}, "SyntaxError"),
        ({}, "ModuleNotFoundError"),  # the entry point names a module that is not there
    ],
)
def test_plugin_that_fails_to_import(
    site: Path, project: Path, capsys: pytest.CaptureFixture[str], modules: dict[str, str], error: str
) -> None:
    install(site, "xtp_broken", {"XBR": "xtp_broken"}, modules)
    with pytest.raises(PluginLoadError):
        load_registry()
    for argv in (["check", "flow.asl.json"], ["rules"], ["--version"]):
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == ExitCode.ERROR, argv
        assert out == ""
        assert err.startswith("asllint: error: plugin xtp_broken==1.0:XBR failed to load: ")
        assert error in err
        assert "Traceback" not in err


def test_plugin_whose_hook_raises(site: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = XTP_RULE + "\n\n@asllint.hookimpl\ndef asllint_rules():\n    raise ValueError('no rules today')\n"
    install(site, "xtp_plugin", {"XTP": "xtp_plugin"}, {"xtp_plugin": source})
    assert main(["check", "flow.asl.json"]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert "plugin xtp_plugin==1.0:XTP failed to load: ValueError: no rules today" in err


def test_plugin_hook_with_a_wrong_signature(site: Path, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = XTP_RULE + "\n\n@asllint.hookimpl\ndef asllint_rules(machine):\n    return [PassState]\n"
    install(site, "xtp_plugin", {"XTP": "xtp_plugin"}, {"xtp_plugin": source})
    assert main(["check", "flow.asl.json"]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert "plugin xtp_plugin==1.0:XTP failed to load: PluginValidationError" in err
    assert "machine" in err


def test_check_pending_catches_a_misspelt_hook(site: Path) -> None:
    source = XTP_RULE + "\n\n@asllint.hookimpl\ndef asllint_rule():\n    return [PassState]\n"
    install(site, "xtp_plugin", {"XTP": "xtp_plugin"}, {"xtp_plugin": source})
    registry = load_registry()
    assert "XTP001" not in registry.rules
    assert registry.manager is not None
    with pytest.raises(pluggy.PluginValidationError, match="asllint_rule"):
        registry.manager.check_pending()
