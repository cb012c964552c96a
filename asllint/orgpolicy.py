"""Organisation policy for SageMaker: the ``policy`` table of the configuration.

A platform team writes the limits its organisation sets on SageMaker jobs and endpoints in
``[tool.asllint.policy]`` (``pyproject.toml``) or ``[policy]`` (``.asllint.toml``); the POL
rules compare each SageMaker request of a definition with them.  The table is read and
validated here, when the configuration is read, so that a mistake in it stops the run with
exit code 2 instead of silently checking nothing.

The top-level table applies to every API family; a table per family
(``[tool.asllint.policy.training]`` …) overrides it for that family:

* scalar limits (``max-*``, ``require-spot``) and ``required-tags`` replace the top-level
  value;
* ``allowed-instance-types`` replaces the top-level allow list;
* ``denied-instance-types`` adds to the top-level deny list;
* an instance type that a family table allows explicitly is exempt from the top-level deny
  list; within one table, deny wins over allow.

See ``docs/policy.md`` for the reference and a worked example.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from asllint.errors import ConfigError

if TYPE_CHECKING:
    from pathlib import Path

#: The API families a policy table can name, and the SageMaker operations of each.
FAMILIES: dict[str, tuple[str, ...]] = {
    "training": ("CreateTrainingJob",),
    "tuning": ("CreateHyperParameterTuningJob",),
    "processing": ("CreateProcessingJob",),
    "transform": ("CreateTransformJob",),
    "hosting": ("CreateModel", "CreateEndpointConfig", "CreateEndpoint"),
    "labeling": ("CreateLabelingJob",),
}

_TYPES = ("allowed-instance-types", "denied-instance-types")
_SIZES = ("max-instance-count", "max-volume-size-in-gb", "max-runtime-in-seconds")
#: The keys of a policy table, each with the families it means something for.
KEYS: dict[str, tuple[str, ...]] = {
    "allowed-instance-types": ("training", "tuning", "processing", "transform", "hosting"),
    "denied-instance-types": ("training", "tuning", "processing", "transform", "hosting"),
    "max-instance-count": ("training", "tuning", "processing", "transform", "hosting"),
    "max-volume-size-in-gb": ("training", "tuning", "processing", "hosting"),
    "max-runtime-in-seconds": ("training", "tuning", "processing"),
    "require-spot": ("training", "tuning"),
    "required-tags": tuple(FAMILIES),
}

# a glob may hold these characters (instance types are lower-case ``ml.<family>.<size>``)
_GLOB_CHARS = re.compile(r"[a-z0-9.\-*?\[\]!]+")
_TAG_KEY = re.compile(r"[\w\s_.:/=+\-@]+")


@dataclass(frozen=True)
class Limits:
    """The values one policy table sets; ``None`` where it sets none."""

    allowed_instance_types: tuple[str, ...] | None = None
    denied_instance_types: tuple[str, ...] | None = None
    max_instance_count: int | None = None
    max_volume_size_in_gb: int | None = None
    max_runtime_in_seconds: int | None = None
    require_spot: bool | None = None
    required_tags: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Limit:
    """One effective limit of a family, with the table that sets it (for messages)."""

    value: Any
    #: where it is set, as the user writes it: ``max-instance-count in [tool.asllint.policy.training]``
    origin: str


@dataclass(frozen=True)
class OrgPolicy:
    """The organisation policy: the top-level table and the tables per API family."""

    #: the top-level table's name as written (``tool.asllint.policy`` or ``policy``)
    table: str = "tool.asllint.policy"
    top: Limits = Limits()
    #: ``(family, limits)`` for each family table, in the order written
    families: tuple[tuple[str, Limits], ...] = ()

    def limits(self, family: str) -> Limits | None:
        """The table of ``family``, if the policy has one."""
        for name, limits in self.families:
            if name == family:
                return limits
        return None

    def _origin(self, key: str, family: str | None) -> str:
        table = self.table if family is None else f"{self.table}.{family}"
        return f"{key} in [{table}]"

    def limit(self, family: str, key: str) -> Limit | None:
        """The effective value of ``key`` (kebab-case) for ``family``: the family table's, else
        the top-level one; ``None`` when neither sets it or it does not apply to the family."""
        if family not in KEYS[key]:
            return None
        attr = key.replace("-", "_")
        own = self.limits(family)
        if own is not None and getattr(own, attr) is not None:
            return Limit(getattr(own, attr), self._origin(key, family))
        value = getattr(self.top, attr)
        return Limit(value, self._origin(key, None)) if value is not None else None

    def instance_type_problem(self, family: str, instance_type: str) -> str | None:
        """Why the policy refuses ``instance_type`` for ``family`` (a message fragment), or
        ``None`` when it allows it."""
        own = self.limits(family) or Limits()
        for pattern in own.denied_instance_types or ():
            if fnmatch.fnmatchcase(instance_type, pattern):
                return f"is denied by {pattern!r} ({self._origin('denied-instance-types', family)})"
        if own.allowed_instance_types is not None and _matches(instance_type, own.allowed_instance_types):
            return None
        for pattern in self.top.denied_instance_types or ():
            if fnmatch.fnmatchcase(instance_type, pattern):
                return f"is denied by {pattern!r} ({self._origin('denied-instance-types', None)})"
        allowed = self.limit(family, "allowed-instance-types")
        if allowed is not None and not _matches(instance_type, allowed.value):
            listed = ", ".join(allowed.value) if allowed.value else "nothing"
            return f"is not allowed for {family}; {allowed.origin} allows {listed}"
        return None


def _matches(instance_type: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(instance_type, pattern) for pattern in patterns)


def _glob(path: Path, where: str, pattern: str) -> str:
    """``pattern`` if it is a usable instance-type glob, else a :class:`ConfigError`."""
    if not pattern:
        raise ConfigError(str(path), f"{where}: an instance-type pattern must not be empty")
    if pattern != pattern.lower():
        raise ConfigError(str(path), f"{where}: {pattern!r}: instance types are lower case ({pattern.lower()!r})")
    if not _GLOB_CHARS.fullmatch(pattern):
        raise ConfigError(
            str(path), f"{where}: {pattern!r} is not an instance-type glob (letters, digits, '.', '-', * ? [ ] !)"
        )
    depth = 0
    for char in pattern:
        if char == "[":
            if depth:
                raise ConfigError(str(path), f"{where}: {pattern!r} has '[' inside a [...] set")
            depth = 1
        elif char == "]" and depth:
            depth = 0
        elif char == "]":
            raise ConfigError(str(path), f"{where}: {pattern!r} has a ']' without '['")
    if depth:
        raise ConfigError(str(path), f"{where}: {pattern!r} has a '[' without ']'")
    literal = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
    wildcard = literal != pattern
    if not (literal.startswith("ml.") or (wildcard and "ml.".startswith(literal))):
        raise ConfigError(
            str(path), f"{where}: {pattern!r} can match no instance type; SageMaker instance types start with 'ml.'"
        )
    return pattern


def _strings(path: Path, where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(str(path), f"{where} must be a list of strings, not {value!r}")
    return tuple(dict.fromkeys(v.strip() for v in value))


def _positive(path: Path, where: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(str(path), f"{where} must be a whole number, not {value!r}")
    if value < 1:
        raise ConfigError(str(path), f"{where} must be 1 or more, not {value!r}")
    return value


def _limits(path: Path, table: dict[str, Any], name: str, family: str | None) -> Limits:
    values: dict[str, Any] = {}
    for key, value in table.items():
        where = f"{key} in [{name}]"
        if key not in KEYS:
            known = sorted(KEYS) if family is not None else sorted(KEYS) + sorted(FAMILIES)
            raise ConfigError(str(path), f"unknown key {key!r} in [{name}]; the known keys are {', '.join(known)}")
        if family is not None and family not in KEYS[key]:
            fitting = ", ".join(k for k in KEYS if family in KEYS[k])
            raise ConfigError(
                str(path),
                f"{key} does not apply to {family} ({', '.join(FAMILIES[family])}); the keys of [{name}] are {fitting}",
            )
        attr = key.replace("-", "_")
        if key in _TYPES:
            values[attr] = tuple(_glob(path, where, p) for p in _strings(path, where, value))
        elif key in _SIZES:
            values[attr] = _positive(path, where, value)
        elif key == "require-spot":
            if not isinstance(value, bool):
                raise ConfigError(str(path), f"{where} must be true or false, not {value!r}")
            values[attr] = value
        else:
            tags = _strings(path, where, value)
            for tag in tags:
                if not tag or len(tag) > 128 or not _TAG_KEY.fullmatch(tag):
                    raise ConfigError(str(path), f"{where}: {tag!r} is not a tag key (1-128 characters)")
                if tag.lower().startswith("aws:"):
                    raise ConfigError(str(path), f"{where}: {tag!r}: the aws: prefix is reserved for AWS")
            values[attr] = tags
    return replace(Limits(), **values)


def parse_policy(path: Path, value: Any) -> OrgPolicy:
    """The :class:`OrgPolicy` in the ``policy`` table of the configuration file ``path``."""
    name = "tool.asllint.policy" if path.name == "pyproject.toml" else "policy"
    if not isinstance(value, dict):
        raise ConfigError(str(path), f"policy must be a table ([{name}]), not {value!r}")
    top = {k: v for k, v in value.items() if k not in FAMILIES}
    families = []
    for family in FAMILIES:
        if family not in value:
            continue
        table = value[family]
        if not isinstance(table, dict):
            raise ConfigError(str(path), f"{family} in [{name}] must be a table ([{name}.{family}]), not {table!r}")
        families.append((family, _limits(path, table, f"{name}.{family}", family)))
    return OrgPolicy(name, _limits(path, top, name, None), tuple(families))
