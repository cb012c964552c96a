"""IAM wildcards: ``*`` matches any run of characters (``/`` and ``:`` included), ``?`` exactly
one.  Actions compare without regard to case, ARNs with it.

Besides plain matching, a required resource may itself hold wildcards, standing for the parts
asllint cannot know (a job name given at run time, the Region of a template): then a policy
pattern *covers* it when it matches every value it can take, and *overlaps* it when it matches
some.  Such an unknown part is one segment of an ARN: it never holds ``:`` or ``/``.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def _regex(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    parts = (".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile("".join(parts), re.DOTALL | (re.IGNORECASE if ignore_case else 0))


def matches(pattern: str, value: str, *, ignore_case: bool = False) -> bool:
    """Whether ``value`` (no wildcards of its own) matches the IAM ``pattern``."""
    return _regex(pattern, ignore_case).fullmatch(value) is not None


def action_matches(pattern: str, action: str) -> bool:
    """``sagemaker:Create*`` against ``sagemaker:CreateTrainingJob``: case-insensitive."""
    return matches(pattern, action, ignore_case=True)


def covers(pattern: str, wanted: str) -> bool:
    """Whether every value of ``wanted`` (whose ``*`` stand for unknown text) matches
    ``pattern``: each unknown run must fall inside a ``*`` of the pattern."""
    if "*" not in wanted:
        return matches(pattern, wanted)
    return _covers(pattern, wanted)


@cache
def _covers(pattern: str, wanted: str) -> bool:
    # a pattern character other than * can match an unknown run only if it is a * itself
    @cache
    def go(i: int, j: int) -> bool:
        if i == len(pattern):
            return j == len(wanted)
        c = pattern[i]
        if c == "*":
            return go(i + 1, j) or (j < len(wanted) and go(i, j + 1))
        if j == len(wanted) or wanted[j] == "*":
            return False
        return (c == "?" or c == wanted[j]) and go(i + 1, j + 1)

    return go(0, 0)


@cache
def overlaps(pattern: str, wanted: str) -> bool:
    """Whether some value matches both ``pattern`` and ``wanted`` (both may hold wildcards)."""

    @cache
    def go(i: int, j: int) -> bool:
        if i == len(pattern) and j == len(wanted):
            return True
        if i < len(pattern) and pattern[i] == "*" and (go(i + 1, j) or (j < len(wanted) and go(i, j + 1))):
            return True
        # an unknown part is one segment of an ARN: it never holds ':' or '/'
        if (
            j < len(wanted)
            and wanted[j] == "*"
            and (go(i, j + 1) or (i < len(pattern) and pattern[i] not in ":/" and go(i + 1, j)))
        ):
            return True
        if i < len(pattern) and j < len(wanted) and pattern[i] != "*" and wanted[j] != "*":
            same = pattern[i] == "?" or wanted[j] == "?" or pattern[i] == wanted[j]
            return same and go(i + 1, j + 1)
        return False

    return go(0, 0)
