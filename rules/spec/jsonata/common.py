"""What the ASL8xx rules share: walking a state's own values and reading its expressions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from asllint import Node, is_jsonata
from asllint.jsonata import JsonataSyntaxError, Token, parse, top_level_references

if TYPE_CHECKING:
    from collections.abc import Iterator

    from asllint import State, StateMachine

#: the members that hold nested scopes: their states are visited on their own
_NESTED = {"Parallel": ("Branches",), "Map": ("ItemProcessor", "Iterator")}
#: template placeholders (``${Name}``, CDK ``${Token[...]}``): unknown text, never an error
_PLACEHOLDER = re.compile(r"\$\{[^}]*\}")


def own_nodes(state: State) -> Iterator[Node]:
    """Every value below the state object (not the object itself), depth first in document
    order, without the nested scopes of a Parallel or Map state and without ``Comment``."""
    skip = _NESTED.get(state.type or "", ())
    pending = [n for n in reversed(list(state.node.children())) if n.key not in skip]
    while pending:
        node = pending.pop()
        if node.key == "Comment" and isinstance(node.value, str):
            continue
        yield node
        if isinstance(node.value, (dict, list)):
            pending.extend(reversed(list(node.children())))


def jsonata_states(machine: StateMachine) -> Iterator[State]:
    """The states whose effective query language is JSONata."""
    return (state for state in machine.states if state.query_language == "JSONata")


def expressions(state: State) -> Iterator[Node]:
    """The ``{% ... %}`` strings among the state's own values."""
    return (node for node in own_nodes(state) if is_jsonata(node.value))


def source(value: str) -> str:
    """The expression text of a ``{% ... %}`` string, with each template placeholder replaced
    by a variable name of the same length (so offsets stay those of the original)."""
    return _PLACEHOLDER.sub(lambda m: "$" + "_" * (len(m.group()) - 1), value[2:-2])


def tokens(machine: StateMachine, value: str) -> list[Token] | JsonataSyntaxError:
    """The tokens of a ``{% ... %}`` string, or its syntax error; parsed once per machine."""
    cache: dict[str, list[Token] | JsonataSyntaxError] = machine.cache.setdefault(__name__, {})
    found = cache.get(value)
    if found is None:
        try:
            found = parse(source(value))
        except JsonataSyntaxError as error:
            found = error
        cache[value] = found
    return found


def top_level_names(machine: StateMachine, value: str) -> list[tuple[str, int]]:
    """:func:`asllint.jsonata.top_level_references` of a ``{% ... %}`` string; once per machine."""
    cache: dict[str, list[tuple[str, int]]] = machine.cache.setdefault(__name__ + ".top", {})
    found = cache.get(value)
    if found is None:
        found = cache[value] = top_level_references(source(value))
    return found
