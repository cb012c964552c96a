"""The command line: argument parsing, file discovery, exit codes; nothing else."""

from __future__ import annotations

import argparse
import fnmatch
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from asllint.errors import AsllintError, ExitCode, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from asllint.config import ConfigFinder, Settings
    from asllint.parse import LoadFailure
    from asllint.plugins import Registry
    from asllint.policy import Policy

STDIN = "-"


def _selectors(values: list[str] | None) -> tuple[str, ...] | None:
    """``--select A,B --select C`` -> ``("A", "B", "C")``."""
    if values is None:
        return None
    return tuple(part.strip().upper() for value in values for part in value.split(",") if part.strip())


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asllint",
        description="Lint AWS Step Functions state machine definitions (Amazon States Language).",
    )
    parser.add_argument("--version", action="store_true", help="print the version of asllint and its plugins")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check files and folders (the default command)")
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders; '-' reads standard input (default: .)"
    )
    check.add_argument(
        "--format", default="text", help="output format: text, json, sarif, github, gitlab, junit (default: text)"
    )
    check.add_argument(
        "--output-file", "-o", metavar="FILE", help="write the report to FILE instead of standard output"
    )
    check.add_argument(
        "--select",
        action="append",
        metavar="IDS",
        help="rule ids or prefixes to run, comma-separated (replaces the default set)",
    )
    check.add_argument(
        "--extend-select", action="append", metavar="IDS", help="rule ids or prefixes to add to the selection"
    )
    check.add_argument("--ignore", action="append", metavar="IDS", help="rule ids or prefixes not to run")
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="lowest severity that makes the run fail (default: error)",
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--quiet", "-q", action="store_true", help="print findings only: no source lines, no summary")
    check.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    check.add_argument("--stdin-filename", metavar="PATH", help="the name of the file read from standard input")
    check.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="file names a folder walk picks (replaces *.asl.json, *.asl.yaml, *.asl.yml)",
    )
    check.add_argument(
        "--exclude", action="append", metavar="GLOB", help="paths a folder walk skips (replaces the default list)"
    )
    check.add_argument(
        "--extend-exclude", action="append", metavar="GLOB", help="paths to skip in addition to the default list"
    )
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the excludes to files named on the command line too (for pre-commit)",
    )
    check.add_argument(
        "--force-include",
        action="store_true",
        help="check a file named on the command line only if a folder walk would: its name matches "
        "include, or it matches sniff and holds a state machine (for pre-commit)",
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="worker processes for many files (default: the usable cores; 1 disables)",
    )
    check.add_argument(
        "--policy",
        action="append",
        metavar="FILE",
        help="an IAM policy document (JSON or YAML) the state machines' role has; repeat for several",
    )
    check.add_argument("--config", metavar="FILE", help="use this configuration file for every path")
    check.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    color = check.add_mutually_exclusive_group()
    color.add_argument("--color", dest="color", action="store_true", default=None, help="colour the text output")
    color.add_argument("--no-color", dest="color", action="store_false", help="never colour the output")

    policy = sub.add_parser("policy", help="print the least-privilege IAM policy a definition needs")
    policy.add_argument("file", metavar="FILE", help="a definition or a template")
    policy.add_argument("--format", choices=("json", "yaml"), default="json", help="JSON, or YAML for a template")
    policy.add_argument("--region", default="*", help="the Region to write in ARNs (default: *)")
    policy.add_argument("--account", default="*", help="the account id to write in ARNs (default: *)")

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rule = sub.add_parser("rule", help="print the documentation of one rule")
    rule.add_argument("rule_id", metavar="ID")
    return parser


def _overrides(settings: Settings, args: argparse.Namespace) -> Settings:
    from asllint.rule import Severity

    changes: dict[str, Any] = {}
    select = _selectors(args.select)
    if select is not None:
        changes["select"] = select
    if args.extend_select:
        changes["extend_select"] = settings.extend_select + (_selectors(args.extend_select) or ())
    if args.ignore:
        changes["ignore"] = settings.ignore + (_selectors(args.ignore) or ())
    if args.fail_on:
        changes["fail_on"] = Severity.parse(args.fail_on)
    if args.include:
        changes["include"] = tuple(args.include)
    if args.exclude:
        changes["exclude"] = tuple(args.exclude)
    if args.extend_exclude:
        changes["extend_exclude"] = settings.extend_exclude + tuple(args.extend_exclude)
    policies = getattr(args, "loaded_policies", ())
    if policies:
        changes["iam_policies"] = policies
    return replace(settings, **changes) if changes else settings


def _located(name: str, failure: LoadFailure) -> str:
    """``file:line:column: message`` for a file that could not be read."""
    where = ""
    if failure.source is not None and failure.offset is not None:
        position = failure.source.position(failure.offset)
        where = f":{position.line}:{position.column}"
    return f"{name}{where}: {failure.message}"


def _load_policies(files: list[str] | None) -> tuple[Any, ...]:
    """The IAM policy files of ``--policy``, loaded with positions; a file that cannot be read is
    a usage error that names the place."""
    from asllint.parse import LoadFailure, load

    nodes = []
    for name in files or ():
        loaded = load(name, Path(name).read_bytes)
        if isinstance(loaded, LoadFailure):
            raise UsageError(f"--policy {_located(name, loaded)}")
        nodes.append(loaded.root)
    return tuple(nodes)


def _matches(rel: str, patterns: tuple[str, ...], named: int = 0) -> bool:
    """gitignore-like matching: a pattern without ``/`` matches any path component.

    :param named:
        How many leading components of ``rel`` form a folder named on the command line; an
        exclude that matches only those (``asllint check node_modules/x``) does not apply.
    """
    parts = rel.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(max(named, 0) + 1, len(parts) + 1)]
    for raw in patterns:
        pattern = raw.strip("/")
        if "/" in pattern:
            if any(fnmatch.fnmatchcase(prefix, pattern) for prefix in prefixes):
                return True
        elif any(fnmatch.fnmatchcase(part, pattern) for part in parts[named:]):
            return True
    return False


def _included(rel: str, patterns: tuple[str, ...]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel if "/" in p else name, p) for p in patterns)


class Run:
    """One ``asllint check``: settings per folder, policies per settings, files in order."""

    def __init__(self, args: argparse.Namespace, registry: Registry, finder: ConfigFinder) -> None:
        self.args = args
        self.registry = registry
        self.finder = finder
        self._settings: dict[int, Settings] = {}
        self._policies: dict[int, Policy] = {}
        #: files a folder walk picked by their content (``sniff``), not by their name
        self.sniffed: set[str] = set()

    def settings_for(self, path: Path) -> Settings:
        base = self.finder.for_path(path)
        merged = self._settings.get(id(base))
        if merged is None:
            from asllint.policy import check_selectors

            check_selectors(self.registry.rules, base)
            merged = self._settings[id(base)] = _overrides(base, self.args)
            check_selectors(self.registry.rules, replace(merged, path=None), origin="command line")
        return merged

    def policy_for(self, settings: Settings) -> Policy:
        policy = self._policies.get(id(settings))
        if policy is None:
            from asllint.policy import Policy

            policy = self._policies[id(settings)] = Policy(self.registry.rules, settings)
        return policy

    def files(self) -> list[str]:
        """Every file to check, sorted, from the paths on the command line."""
        found: set[str] = set()
        for raw in self.args.paths or ["."]:
            if raw == STDIN:
                found.add(STDIN)
                continue
            path = Path(raw)
            if path.is_dir():
                found.update(self._walk(path))
            elif self.args.force_exclude or self.args.force_include:
                settings = self.settings_for(path)
                rel = _relative(path, settings.root)
                if self.args.force_exclude and _matches(rel, settings.excludes):
                    continue
                if not self.args.force_include or _included(rel, settings.include):
                    found.add(os.path.normpath(raw))
                elif _included(rel, settings.sniffed):
                    from asllint.templates import holds_state_machine

                    if holds_state_machine(raw):
                        self.sniffed.add(os.path.normpath(raw))
                        found.add(os.path.normpath(raw))
            else:
                found.add(os.path.normpath(raw))  # a file named on the command line is always checked
        return sorted(found)

    def _walk(self, top: Path) -> Iterator[str]:
        from asllint.templates import holds_state_machine

        for folder, dirs, names in os.walk(top):
            # each folder's own configuration decides (a sub-project's include and exclude count)
            settings = self.settings_for(Path(folder))
            root = settings.root
            # a folder named on the command line is walked even when an exclude names it
            top_rel = _relative(top, root)
            named = 0 if top_rel == "." or top_rel.startswith("../") or top_rel == ".." else len(top_rel.split("/"))
            dirs[:] = sorted(
                d for d in dirs if not _matches(_relative(Path(folder, d), root), settings.excludes, named)
            )
            for name in names:
                rel = _relative(Path(folder, name), root)
                if _matches(rel, settings.excludes, named):
                    continue
                path = os.path.join(folder, name)
                if _included(rel, settings.include):
                    yield os.path.normpath(path)
                elif _included(rel, settings.sniffed) and holds_state_machine(path):
                    self.sniffed.add(os.path.normpath(path))
                    yield os.path.normpath(path)


def _relative(path: Path, root: Path) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive on Windows
        rel = str(path)
    return rel.replace(os.sep, "/")


def _plan(run: Run, name: str) -> tuple[str, Callable[[], bytes], Policy, frozenset[str], Settings]:
    """What checking file ``name`` needs: display name, reader, policy, rule ids, settings."""
    args = run.args
    display = (args.stdin_filename or STDIN) if name == STDIN else name
    settings = run.settings_for(Path(display if name != STDIN else (args.stdin_filename or "stdin")))
    policy = run.policy_for(settings)
    reader = sys.stdin.buffer.read if name == STDIN else Path(name).read_bytes
    return display, reader, policy, policy.enabled_for(Path(display)), settings


def _command_check(args: argparse.Namespace, registry: Registry) -> int:
    from asllint.config import ConfigFinder
    from asllint.engine import Engine
    from asllint.reporters import Options, Summary

    if args.format not in registry.reporters:
        known = ", ".join(sorted(registry.reporters))
        raise UsageError(f"unknown output format {args.format!r}; choose one of {known}")
    if args.stdin_filename and STDIN not in (args.paths or []):
        args.paths = [*(args.paths or []), STDIN]
    finder = ConfigFinder(Path(args.config) if args.config else None, isolated=args.isolated)
    args.loaded_policies = _load_policies(args.policy)
    run = Run(args, registry, finder)
    files = run.files()
    reporter_class = registry.reporter(args.format)
    stream: TextIO = sys.stdout
    if args.output_file:
        try:
            stream = open(args.output_file, "w", encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise UsageError(f"cannot write {args.output_file}: {exc.strerror or exc}") from None
    color = args.color if args.color is not None else (stream.isatty() and "NO_COLOR" not in os.environ)
    options = Options(color=bool(color) and args.format == "text", quiet=args.quiet, statistics=args.statistics)
    reporter = reporter_class(stream, options, registry)
    summary = Summary()
    engine = Engine(registry)
    failed = crashed = False
    if registry.manager is not None and files:
        registry.manager.hook.asllint_configure(settings=run.settings_for(Path(files[0] if files[0] != STDIN else ".")))
    from asllint.parallel import check_all, default_jobs

    plans = [_plan(run, name) for name in files]  # configuration errors surface here, before any work
    jobs = args.jobs if args.jobs is not None else default_jobs()
    if STDIN in files:
        jobs = 1
    try:
        reporter.start()
        results = check_all(lambda plan: engine.check_bytes(*plan[:4], sniffed=plan[0] in run.sniffed), plans, jobs)
        # a definition file that a template names (DefinitionUri) and that the walk also found
        # is checked twice: each finding is reported once
        seen: set[tuple[object, ...]] = set()
        with_findings: set[str] = set()
        checked: set[str] = set()
        for (_, _, _, _, settings), result in zip(plans, results, strict=True):
            if result.skipped:
                continue
            checked.add(result.name)
            checked.update(result.sources)  # the files a template names, checked with it
            summary.files_failed += result.failed
            crashed |= result.crashed
            for finding in result.findings:
                key = (finding.file, finding.offset, finding.end_offset, finding.rule, finding.message)
                if key in seen:
                    continue
                seen.add(key)
                with_findings.add(finding.file)
                summary.add(finding)
                reporter.handle(finding, result.source_for(finding))
                failed |= finding.severity >= settings.fail_on
        summary.files = len(checked)
        summary.files_with_findings = len(with_findings)
        reporter.finish(summary)
    finally:
        if stream is not sys.stdout:
            stream.close()
    if crashed:
        return ExitCode.ERROR
    if failed and not args.exit_zero:
        return ExitCode.FINDINGS
    return ExitCode.OK


def _command_rules(args: argparse.Namespace, registry: Registry) -> int:
    rows: list[dict[str, Any]] = []
    for rule_id, rule in registry.rules.items():
        plugin = registry.rule_plugin[rule_id]
        rows.append(
            {
                "id": rule_id,
                "name": rule.name,
                "severity": rule.severity.label,
                "family": rule.family(),
                "plugin": f"{plugin.distribution}:{plugin.name}",
                "opt_in": rule.opt_in,
                "summary": rule.summary(),
            }
        )
    if args.format == "json":
        import json

        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    width = max((len(r["name"]) for r in rows), default=4)
    sys.stdout.write(f"{'ID':<8} {'NAME':<{width}} {'SEVERITY':<8} {'FAMILY':<6} PLUGIN\n")
    for r in rows:
        opt = "  (opt-in)" if r["opt_in"] else ""
        sys.stdout.write(f"{r['id']:<8} {r['name']:<{width}} {r['severity']:<8} {r['family']:<6} {r['plugin']}{opt}\n")
    return ExitCode.OK


def _nearest_rule(wanted: str, registry: Registry) -> str:
    """``"; did you mean 'ASL201'?"``: for an id, the nearest number in its family; else by spelling."""
    import re

    from asllint.suggest import did_you_mean

    match = re.fullmatch(r"([A-Z]+)(\d+)", wanted.upper())
    if match:
        family, number = match[1], int(match[2])
        same = [
            (abs(int(rid[len(family) :]) - number), rid) for rid in registry.rules if re.fullmatch(family + r"\d+", rid)
        ]
        if same:
            return f"; did you mean {min(same)[1]!r}?"
    return did_you_mean(wanted, [*registry.rules, *(r.name for r in registry.rules.values())])


def _command_rule(args: argparse.Namespace, registry: Registry) -> int:
    wanted = args.rule_id.strip()
    rule = registry.rules.get(wanted.upper())
    if rule is None:
        by_name = {r.name: r for r in registry.rules.values()}
        rule = by_name.get(wanted)
    if rule is None:
        raise UsageError(f"no rule {wanted!r}{_nearest_rule(wanted, registry)}; `asllint rules` lists them")
    plugin = registry.rule_plugin[rule.id]
    extra = ", opt-in" if rule.opt_in else ""
    out = [
        f"# {rule.id} {rule.name}",
        "",
        f"Severity: {rule.severity.label}{extra}. Family: {rule.family()}. Plugin: {plugin.distribution} ({plugin.name}).",
        "",
        rule.documentation(),
    ]
    if rule.source_url:
        out += ["", f"Source: {rule.source_url}"]
    sys.stdout.write("\n".join(out) + "\n")
    return ExitCode.OK


def _command_version(registry: Registry) -> int:
    import platform

    from asllint import __version__

    sys.stdout.write(f"asllint {__version__} (Python {platform.python_version()})\n")
    entry_points: dict[tuple[str, str], set[str]] = {}
    for plugin in registry.plugins:
        entry_points.setdefault((plugin.distribution, plugin.version), set()).add(plugin.name)
    for (distribution, version), names in sorted(entry_points.items()):
        sys.stdout.write(f"  plugin {distribution} {version}: {', '.join(sorted(names))}\n")
    return ExitCode.OK


def _command_policy(args: argparse.Namespace) -> int:
    """``asllint policy FILE``: the least-privilege policy each state machine in FILE needs."""
    import json

    from asllint import templates
    from asllint.engine import _read
    from asllint.iam.generate import policy_document
    from asllint.iam.requirements import needs
    from asllint.parse import LoadFailure, load
    from asllint.statemachine import StateMachine

    loaded = load(args.file, Path(args.file).read_bytes)
    if isinstance(loaded, LoadFailure):
        raise UsageError(_located(args.file, loaded))
    found = templates.find(loaded, _read) if templates.kind_of(loaded.value) else None
    if found is None:
        machine = StateMachine(loaded)
        output: Any = policy_document(needs(machine, args.region, args.account))
    else:
        output = {}
        for embedded in found.machines:
            machine = StateMachine(embedded.document, embedded.path, template=embedded)
            output[embedded.logical_id] = policy_document(needs(machine, args.region, args.account))
    if args.format == "yaml":
        import yaml

        sys.stdout.write(yaml.safe_dump(output, sort_keys=False, width=120))
    else:
        sys.stdout.write(json.dumps(output, indent=2) + "\n")
    return ExitCode.OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run asllint with ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in ("check", "rules", "rule", "policy", "--version", "-h", "--help"):
        # `asllint file.json` and `asllint --select X .` mean `asllint check ...`; checking
        # argv[0] alone for a leading "-" sent check options (and "-", stdin) to the top parser
        argv.insert(0, "check")
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        from asllint.plugins import load_registry

        registry = load_registry()
        if args.version:
            return _command_version(registry)
        if args.command == "rules":
            return _command_rules(args, registry)
        if args.command == "rule":
            return _command_rule(args, registry)
        if args.command == "policy":
            return _command_policy(args)
        if args.command is None:
            args = parser.parse_args(["check", *argv])
        return _command_check(args, registry)
    except AsllintError as exc:
        sys.stderr.write(f"asllint: error: {exc}\n")
        return ExitCode.ERROR
    except BrokenPipeError:
        # the reader went away (`asllint check | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: never a traceback for the user
        if os.environ.get("ASLLINT_DEBUG"):
            raise
        sys.stderr.write(
            f"asllint: internal error: {type(exc).__name__}: {exc}\n"
            "Please report this with the command line; set ASLLINT_DEBUG=1 for the traceback.\n"
        )
        return ExitCode.ERROR


def run() -> None:
    """The console script: :func:`main`, then exit without tearing the interpreter down.

    Freeing a large definition's value tree object by object at interpreter shutdown costs
    about a third of the run time on a 10,000-state file; the operating system reclaims the
    memory at once.  Output streams are flushed first.  Embedders and tests call :func:`main`.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        code = code or ExitCode.ERROR
    os._exit(code)
