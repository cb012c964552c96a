"""Spelling suggestions for messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``word`` was most likely meant to be, or ``None``.

    A candidate equal to ``word`` but for case wins; otherwise the closest by
    :func:`difflib.get_close_matches` (cut-off 0.75).
    """
    options = list(candidates)
    folded = word.casefold()
    for option in options:
        if option.casefold() == folded:
            return option
    import difflib  # only when a message needs it

    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.75)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'X'?"`` (or a case-only note), or ``""`` when nothing is close."""
    best = closest(word, candidates)
    if best is None:
        return ""
    if best.casefold() == word.casefold():
        return f"; names are case-sensitive: did you mean {best!r}?"
    return f"; did you mean {best!r}?"
