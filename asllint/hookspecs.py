"""The whole plugin contract of asllint.

A plugin is a module (or object) named by an entry point in the ``asllint`` group; asllint's
own rules and reporters come in through that group too.  Implement any subset of these hooks
with :data:`asllint.hookimpl`.  Hooks are called with keyword arguments; a later version may
add arguments, which an implementation can ignore by not naming them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Union

import pluggy

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from asllint.config import Settings
    from asllint.reporters import Reporter
    from asllint.rule import Rule

PROJECT = "asllint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

#: A reporter class, or ``"module:Class"`` to import it only when that format is chosen.
ReporterRef = Union["type[Reporter]", str]


@hookspec
def asllint_rules() -> Sequence[type[Rule]]:  # type: ignore[empty-body]
    """Return the rule classes this plugin provides.

    Called once per process, when the plugins are loaded.  Each class needs a unique ``id``;
    two plugins returning the same id stop the run with an error naming both.
    """


@hookspec
def asllint_reporters() -> Mapping[str, ReporterRef]:  # type: ignore[empty-body]
    """Return the output formats this plugin provides, ``{format name: reporter}``.

    Called once per process.  The name is what ``--format`` takes.
    """


@hookspec
def asllint_configure(settings: Settings) -> None:
    """Called once before any file is checked, with the settings of the run."""
