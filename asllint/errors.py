"""asllint's exceptions and exit codes."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """The exit status of ``asllint``."""

    #: no finding at or above the fail threshold
    OK = 0
    #: findings at or above it (a file that cannot be read or parsed is a finding too)
    FINDINGS = 1
    #: bad option or configuration, a plugin that fails to load, or asllint itself failed
    ERROR = 2


class AsllintError(Exception):
    """Base class of the errors that stop a run with :attr:`ExitCode.ERROR`."""


class UsageError(AsllintError):
    """A command-line option that cannot be honoured."""


class ConfigError(AsllintError):
    """A configuration file that cannot be used."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(path, message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class PluginLoadError(AsllintError):
    """A plugin whose entry point cannot be imported or whose hooks fail."""

    def __init__(self, plugin: str, exc: BaseException) -> None:
        super().__init__(plugin, exc)
        self.plugin = plugin
        self.exc = exc

    def __str__(self) -> str:
        return f"plugin {self.plugin} failed to load: {type(self.exc).__name__}: {self.exc}"


class DuplicateRuleError(AsllintError):
    """Two plugins claim the same rule id (or reporter name)."""

    def __init__(self, what: str, first: str, second: str) -> None:
        super().__init__(what, first, second)
        self.what = what
        self.first = first
        self.second = second

    def __str__(self) -> str:
        return f"{self.what} is claimed by two plugins: {self.first} and {self.second}; uninstall one of them"
