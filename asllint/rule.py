"""What a rule is: an id, a name, a default severity, documentation, and a ``check``."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint.document import Node
    from asllint.statemachine import StateMachine

_FAMILY = re.compile(r"[A-Z]+")


class Severity(enum.IntEnum):
    """How serious a finding is; higher is worse.  ``--fail-on`` compares against it."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """The lower-case name used in every output format (``error``, ``warning``, ``info``)."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """The severity named ``text`` (``error``, ``warning`` or ``info``, any case)."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}; use error, warning or info") from None


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule yields: the node it is about and a message.

    :param node:
        The value the finding points at; the engine turns it into file, line, column and
        JSON Pointer.
    :param message:
        What is wrong, with the offending value, and what to change; one sentence, no final
        period.
    :param on_key:
        Point at the member name instead of its value (for unknown or duplicated keys).
    :param occurrence:
        With ``on_key``, which occurrence of a duplicated key (``-1``, the last).
    """

    node: Node
    message: str
    on_key: bool = False
    occurrence: int = -1


class Rule:
    """Base class of every rule.

    A subclass sets ``id`` (a family prefix and digits, e.g. ``ASL201``), ``name`` (kebab-case,
    naming the pattern it flags), ``severity``, ``source_url`` (the page the rule rests on)
    and a docstring in Markdown with the sections *What it does*, *Why is this bad?*,
    *Example*, *Use instead* and *References*.  ``check`` yields :class:`Violation` objects
    and never raises for bad input.  A rule that reads options from ``machine.settings``
    sets ``example_config`` to the configuration its examples need.
    """

    id: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    source_url: ClassVar[str] = ""
    #: Opt-in rules run only when selected by their full id (or with ``--select ALL``).
    opt_in: ClassVar[bool] = False
    #: The configuration the rule's doc examples and its fixture folder are checked with: TOML
    #: text of the ``[tool.asllint]`` table (the keys at the top of ``.asllint.toml``), e.g.
    #: ``"[policy]\nmax-instance-count = 4\n"``, for a rule that checks nothing until configured.
    #: Empty: the defaults.  The *Example* section should show the same table as a ``toml`` block.
    example_config: ClassVar[str] = ""

    def check(self, machine: StateMachine) -> Iterator[Violation]:
        """Yield the violations of this rule in ``machine``."""
        return iter(())

    @classmethod
    def family(cls) -> str:
        """The family prefix: the leading capital letters of the id."""
        match = _FAMILY.match(cls.id)
        return match.group(0) if match else cls.id

    @classmethod
    def documentation(cls) -> str:
        """The rule's Markdown documentation (its docstring, dedented)."""
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first sentence of *What it does*."""
        text = cls.documentation()
        body = " ".join(text.split("## What it does", 1)[-1].strip().split("\n\n", 1)[0].split())
        first, dot, _ = body.partition(". ")
        return first + "." if dot else body
