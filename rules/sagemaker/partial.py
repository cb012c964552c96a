"""What is certain about a string built at run time: the fixed text it is made of.

``"TrainingJobName.$": "States.Format('train_{}', $$.Execution.Name)"`` is not known before the
execution, but every value it can take contains ``train_``; SageMaker's job names never contain
``_``, so the request fails whatever the execution name.  :func:`asllint.partial.fixed_pieces`
reads the fixed text of a ``States.Format`` call (its template, and its string literal
arguments) or of a JSONata concatenation (``'train_' & $states.context.Execution.Name``);
:func:`alphabet` here tells which characters a pattern can ever match.  Together they decide only what holds for every
value the expression can give; anything else stays unknown.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse


@cache
def alphabet(pattern: str, flags: int = 0) -> Callable[[str], bool] | None:
    """A test for the characters that some string matching ``pattern`` may contain; ``None``
    when any character may appear (``.``, a negated class, a construct not understood)."""
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error:
        return None
    tests: list[Callable[[str], bool]] = []
    if not _collect(list(parsed), tests):
        return None
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)

    def allowed(char: str) -> bool:
        candidates = {char, char.lower(), char.upper()} if ignore_case else {char}
        return any(test(c) for c in candidates for test in tests)

    return allowed


_CATEGORIES: dict[object, Callable[[str], bool]] = {
    sre_constants.CATEGORY_DIGIT: str.isdigit,
    sre_constants.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    sre_constants.CATEGORY_SPACE: str.isspace,
}


_REPEATS = tuple(
    getattr(sre_constants, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(sre_constants, name)
)


def _in_range(low: int, high: int) -> Callable[[str], bool]:
    return lambda char: low <= ord(char) <= high


def _collect(items: list[tuple[Any, Any]], tests: list[Callable[[str], bool]]) -> bool:
    """Add to ``tests`` the characters ``items`` can consume; ``False`` for "any character"."""
    for op, arg in items:
        if op is sre_constants.LITERAL:
            tests.append(chr(arg).__eq__)
        elif op is sre_constants.IN:
            for kind, item in arg:
                if kind is sre_constants.LITERAL:
                    tests.append(chr(item).__eq__)
                elif kind is sre_constants.RANGE:
                    tests.append(_in_range(*item))
                elif kind is sre_constants.CATEGORY and item in _CATEGORIES:
                    tests.append(_CATEGORIES[item])
                else:  # NEGATE, a negated category
                    return False
        elif op in _REPEATS:
            if not _collect(list(arg[2]), tests):
                return False
        elif op is sre_constants.SUBPATTERN:
            if not _collect(list(arg[-1]), tests):
                return False
        elif op is sre_constants.BRANCH:
            for branch in arg[1]:
                if not _collect(list(branch), tests):
                    return False
        elif op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.GROUPREF):
            continue  # consumes nothing new
        else:  # ANY, NOT_LITERAL, and whatever else: do not judge
            return False
    return True
