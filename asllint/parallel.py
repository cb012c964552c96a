"""Checking many files on several cores.

Workers are forked from the process that already loaded the plugins and read the
configuration, so they start at once and need nothing sent to them but an index; each
returns its file's findings and the few source lines a reporter quotes.  Results come back
in input order, so output is the same as a one-process run.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import TYPE_CHECKING, Any

from asllint.document import SourceText

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from asllint.engine import FileResult

#: Below this many files one process is faster than starting workers.
MIN_FILES = 48

_JOB: tuple[Callable[[Any], FileResult], Sequence[Any]] | None = None


class QuotedLines(SourceText):
    """The lines of a file that its findings quote, sent back from a worker."""

    __slots__ = ("lines",)

    def __init__(self, lines: dict[int, str]) -> None:
        super().__init__("")
        self.lines = lines

    def line_text(self, line: int) -> str:
        return self.lines.get(line, "")


def _detach(result: FileResult) -> FileResult:
    source = result.source
    if source is not None:
        result.source = _quoted(source, [f.line for f in result.findings if f.file == result.name])
    result.sources = {
        name: quoted
        for name, text in result.sources.items()
        if (quoted := _quoted(text, [f.line for f in result.findings if f.file == name])) is not None
    }
    return result


def _quoted(source: SourceText, lines: list[int]) -> QuotedLines | None:
    return QuotedLines({line: source.line_text(line) for line in lines}) if lines else None


def _work(index: int) -> FileResult:
    assert _JOB is not None
    check, items = _JOB
    return _detach(check(items[index]))


def default_jobs() -> int:
    """Worker processes to use: the usable cores, or 1 where ``fork`` is not available."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_all(check: Callable[[Any], FileResult], items: Sequence[Any], jobs: int) -> Iterator[FileResult]:
    """``check(item)`` for every item, in order, on up to ``jobs`` processes."""
    global _JOB  # noqa: PLW0603 - inherited by the forked workers, never shared otherwise
    if jobs <= 1 or len(items) < MIN_FILES:
        yield from map(check, items)
        return
    _JOB = (check, items)
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(processes=jobs) as pool:
            yield from pool.imap(_work, range(len(items)), chunksize=8)
    finally:
        _JOB = None
