"""Settings: defaults, ``[tool.asllint]`` in ``pyproject.toml`` or ``.asllint.toml``, and the
command line on top.

A file is checked with the configuration found nearest to it, walking up from its folder:
the first ``.asllint.toml``, or ``pyproject.toml`` that has a ``[tool.asllint]`` table.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asllint.errors import ConfigError
from asllint.rule import Severity

if TYPE_CHECKING:
    from asllint.orgpolicy import OrgPolicy

#: Files a folder walk picks up unless ``include`` says otherwise.
DEFAULT_INCLUDE = ("*.asl.json", "*.asl.yaml", "*.asl.yml")
#: Files a folder walk opens to see whether they hold a state machine (a template, a Terraform
#: file, a definition with another name); ``sniff = []`` turns this off.
DEFAULT_SNIFF = ("*.json", "*.yaml", "*.yml", "*.template", "*.tf")
#: Folders and files a walk skips unless ``exclude`` replaces this list (``extend-exclude`` adds).
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    "node_modules",
    "cdk.out",
    ".aws-sam",
    ".serverless",
    ".terraform",
)
CONFIG_FILES = (".asllint.toml", "pyproject.toml")

# key in the file -> (attribute, kind)
_KEYS: dict[str, tuple[str, str]] = {
    "select": ("select", "selectors"),
    "extend-select": ("extend_select", "selectors"),
    "ignore": ("ignore", "selectors"),
    "severity": ("severity", "severity-table"),
    "per-file-ignores": ("per_file_ignores", "per-file-table"),
    "include": ("include", "globs"),
    "sniff": ("sniff", "globs"),
    "exclude": ("exclude", "globs"),
    "extend-exclude": ("extend_exclude", "globs"),
    "fail-on": ("fail_on", "severity"),
    "policy": ("org_policy", "org-policy"),
    "iam-policy": ("iam_policies", "iam-policy"),
}


@dataclass(frozen=True)
class Settings:
    """The settings of one run (or of the files under one configuration file)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    #: ``None``: the default sniffing, which applies only while ``include`` is the default (a
    #: project that names its files with ``include`` gets those files and no others)
    sniff: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    #: the IAM policy documents the state machines' role has (``--policy FILE``): the root
    #: nodes of the loaded files; empty when no policy is known, and the IAM rules check nothing
    iam_policies: tuple[Any, ...] = ()
    #: the organisation policy for SageMaker (``[tool.asllint.policy]``, see ``docs/policy.md``);
    #: ``None`` when the configuration has none, and the POL rules check nothing
    org_policy: OrgPolicy | None = None
    #: the configuration file these settings came from, ``None`` for defaults
    path: Path | None = None

    @property
    def root(self) -> Path:
        """The folder that relative globs are matched from."""
        return self.path.parent if self.path is not None else Path.cwd()

    @property
    def sniffed(self) -> tuple[str, ...]:
        """The file names a folder walk opens to look for state machines (``sniff``)."""
        if self.sniff is not None:
            return self.sniff
        return DEFAULT_SNIFF if self.include == DEFAULT_INCLUDE else ()

    @property
    def excludes(self) -> tuple[str, ...]:
        return self.exclude + self.extend_exclude

    def selectors(self) -> list[tuple[str, str]]:
        """Every rule selector with where it appears, for validation."""
        out = [(s, "select") for s in self.select or ()]
        out += [(s, "extend-select") for s in self.extend_select]
        out += [(s, "ignore") for s in self.ignore]
        out += [(s, "severity") for s in self.severity]
        out += [(s, f"per-file-ignores {glob!r}") for glob, codes in self.per_file_ignores.items() for s in codes]
        return out


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot be read: {exc}") from exc


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(str(path), f"{key} must be a list of strings, not {value!r}")
    return tuple(v.strip() for v in value)


def parse_table(path: Path, table: Any, base: Settings | None = None) -> Settings:
    """Settings from the ``[tool.asllint]`` table (or a whole ``.asllint.toml``)."""
    if not isinstance(table, dict):
        raise ConfigError(str(path), "the asllint configuration must be a table")
    values: dict[str, Any] = {"path": path}
    for key, value in table.items():
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(str(path), f"unknown configuration key {key!r}; the known keys are {known}")
        attr, kind = _KEYS[key]
        if kind == "selectors":  # rule ids are upper case; accept them as the command line does
            values[attr] = tuple(s.upper() for s in _strings(path, key, value))
        elif kind == "globs":
            values[attr] = _strings(path, key, value)
        elif kind == "severity":
            try:
                values[attr] = Severity.parse(str(value))
            except ValueError as exc:
                raise ConfigError(str(path), f"{key}: {exc}") from None
        elif kind == "org-policy":
            from asllint.orgpolicy import parse_policy

            values[attr] = parse_policy(path, value)
        elif kind == "iam-policy":
            values[attr] = _iam_policies(path, value)
        elif kind == "severity-table":
            if not isinstance(value, dict):
                raise ConfigError(str(path), f"{key} must be a table of rule id = severity")
            try:
                values[attr] = {k.strip().upper(): Severity.parse(str(v)) for k, v in value.items()}
            except ValueError as exc:
                raise ConfigError(str(path), f"{key}: {exc}") from None
        else:
            if not isinstance(value, dict):
                raise ConfigError(str(path), f"{key} must be a table of glob = [rule ids]")
            values[attr] = {
                glob: tuple(c.upper() for c in _strings(path, f"{key} {glob!r}", codes))
                for glob, codes in value.items()
            }
    return replace(base or Settings(), **values)


def _iam_policies(path: Path, value: Any) -> tuple[Any, ...]:
    """``iam-policy``: policy files (relative to the configuration file) and inline policy
    documents or statements (tables), as document roots for the IAM rules."""
    import json

    from asllint.document import Document, SourceText
    from asllint.parse import LoadFailure, load
    from asllint.parse.json import load_json

    items = value if isinstance(value, list) else [value]
    roots = []
    for item in items:
        if isinstance(item, str):
            file = (path.parent / item) if not Path(item).is_absolute() else Path(item)
            loaded = load(str(file), file.read_bytes)
            if isinstance(loaded, LoadFailure):
                raise ConfigError(str(path), f"iam-policy {item!r}: {loaded.message}")
            roots.append(loaded.root)
        elif isinstance(item, dict):
            document = load_json(f"{path} (iam-policy)", SourceText(json.dumps(item)))
            assert isinstance(document, Document)
            document.format = "inline"
            roots.append(document.root)
        else:
            raise ConfigError(str(path), "iam-policy takes policy file names and inline policy tables")
    return tuple(roots)


def read_config(path: Path) -> Settings | None:
    """The settings in ``path``, or ``None`` for a ``pyproject.toml`` without ``[tool.asllint]``."""
    data = _load_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("asllint")
        if table is None:
            return None
        return parse_table(path, table)
    return parse_table(path, data)


class ConfigFinder:
    """Finds (and caches) the configuration that applies to each folder."""

    def __init__(self, forced: Path | None = None, isolated: bool = False) -> None:
        self._forced: Settings | None = None
        self._isolated = isolated
        self._cache: dict[Path, Settings] = {}
        if forced is not None:
            self._forced = read_config(forced) or Settings(path=forced)

    def for_path(self, path: Path) -> Settings:
        """The settings for a file or folder at ``path``."""
        if self._forced is not None:
            return self._forced
        if self._isolated:
            return _DEFAULT
        folder = path if path.is_dir() else path.parent
        return self._for_folder(Path(os.path.abspath(folder)))

    def _for_folder(self, folder: Path) -> Settings:
        cached = self._cache.get(folder)
        if cached is not None:
            return cached
        found: Settings | None = None
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                found = read_config(candidate)
                if found is not None:
                    break
        if found is None:
            found = _DEFAULT if folder.parent == folder else self._for_folder(folder.parent)
        self._cache[folder] = found
        return found


_DEFAULT = Settings()
