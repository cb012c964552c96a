"""Find, load and classify plugins: the ``asllint`` entry point group, through pluggy."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pluggy

from asllint import hookspecs
from asllint.errors import DuplicateRuleError, PluginLoadError

if TYPE_CHECKING:
    from asllint.hookspecs import ReporterRef
    from asllint.reporters import Reporter
    from asllint.rule import Rule

#: The entry point group that built-in and third-party plugins share.
GROUP = "asllint"


@dataclass(frozen=True, slots=True)
class Plugin:
    """One entry point: its name, the distribution that declares it and the object it names."""

    name: str
    value: str
    distribution: str
    version: str

    @property
    def label(self) -> str:
        """``distribution==version:entry point name``, for messages."""
        return f"{self.distribution}=={self.version}:{self.name}"


@dataclass
class Registry:
    """Everything the loaded plugins provide, with who provided it."""

    plugins: list[Plugin] = field(default_factory=list)
    rules: dict[str, type[Rule]] = field(default_factory=dict)
    rule_plugin: dict[str, Plugin] = field(default_factory=dict)
    reporters: dict[str, ReporterRef] = field(default_factory=dict)
    reporter_plugin: dict[str, Plugin] = field(default_factory=dict)
    manager: pluggy.PluginManager | None = None

    def reporter(self, name: str) -> type[Reporter]:
        """The reporter class for format ``name`` (imported now if given as a string)."""
        ref = self.reporters[name]
        if isinstance(ref, str):
            module, _, attr = ref.partition(":")
            cls: type[Reporter] = getattr(importlib.import_module(module), attr)
            return cls
        return ref


def find_plugins() -> list[Plugin]:
    """Every entry point of the group, sorted by name and distribution."""
    from asllint._entrypoints import entry_points

    found = {Plugin(*ep) for ep in entry_points(GROUP)}
    return sorted(found, key=lambda p: (p.name, p.distribution))


def _import(plugin: Plugin) -> Any:
    module_name, _, attr = plugin.value.partition(":")
    obj = importlib.import_module(module_name.strip())
    for part in filter(None, attr.strip().split(".")):
        obj = getattr(obj, part)
    return obj


def load_registry(extra: list[tuple[Plugin, Any]] | None = None) -> Registry:
    """Find, load and classify every plugin: its rules and its reporters.

    :param extra:
        Plugins to register beside the entry points, as ``(Plugin, module or object)``;
        for tests and for programs that embed asllint.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    registry = Registry(manager=manager)
    by_label: dict[str, Plugin] = {}
    loaded: list[tuple[Plugin, Any]] = []
    for plugin in find_plugins():
        try:
            loaded.append((plugin, _import(plugin)))
        except Exception as exc:  # whatever third-party import code raises is that plugin's failure
            raise PluginLoadError(plugin.label, exc) from exc
    for plugin, obj in [*loaded, *(extra or [])]:
        registry.plugins.append(plugin)
        if manager.is_registered(obj):
            continue  # the same module behind two names: register it once
        try:
            manager.register(obj, name=plugin.label)
        except Exception as exc:  # a hook with a wrong signature is the plugin's failure
            raise PluginLoadError(plugin.label, exc) from exc
        by_label[plugin.label] = plugin
    # pluggy calls implementations in LIFO order and stops at the first exception: call each
    # implementation on its own, so every rule and reporter is attributed to its plugin.
    for impl in manager.hook.asllint_rules.get_hookimpls():
        plugin = by_label[impl.plugin_name]
        for rule in _call(plugin, impl.function) or []:
            other = registry.rule_plugin.get(rule.id)
            if other is not None:
                raise DuplicateRuleError(f"rule id {rule.id}", other.label, plugin.label)
            registry.rules[rule.id] = rule
            registry.rule_plugin[rule.id] = plugin
    for impl in manager.hook.asllint_reporters.get_hookimpls():
        plugin = by_label[impl.plugin_name]
        for name, ref in (_call(plugin, impl.function) or {}).items():
            other = registry.reporter_plugin.get(name)
            if other is not None:
                raise DuplicateRuleError(f"output format {name!r}", other.label, plugin.label)
            registry.reporters[name] = ref
            registry.reporter_plugin[name] = plugin
    registry.rules = dict(sorted(registry.rules.items()))
    return registry


def _call(plugin: Plugin, function: Any) -> Any:
    try:
        return function()
    except Exception as exc:  # a failing hook is third-party code: report whose it is
        raise PluginLoadError(plugin.label, exc) from exc
