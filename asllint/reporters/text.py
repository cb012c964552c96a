"""``--format text`` (the default): ``file:line:col: ID [severity] message`` for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asllint.reporters import Reporter

if TYPE_CHECKING:
    from asllint.document import SourceText
    from asllint.finding import Finding
    from asllint.reporters import Summary

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class TextReporter(Reporter):
    """Each finding with the source line and a caret underline, then a summary."""

    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.options.color else text

    def handle(self, finding: Finding, source: SourceText | None) -> None:
        label = finding.severity.label
        where = self._paint(f"{finding.file}:{finding.line}:{finding.column}:", _BOLD)
        rule = self._paint(finding.rule, _COLORS[label])
        self.stream.write(f"{where} {rule} [{label}] {finding.message}\n")
        if self.options.quiet or source is None:
            return
        line = source.line_text(finding.line)
        if not line.strip():
            self.stream.write("\n")
            return
        width = len(str(finding.line))
        gutter = self._paint(f"{' ' * width} |", _DIM)
        start = finding.column - 1
        end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
        # keep the quoted line short: long minified definitions are one huge line
        left = max(0, start - 60)
        shown = line[left : max(end, start + 1) + 40]
        prefix = "..." if left else ""
        suffix = "..." if left + len(shown) < len(line) else ""
        carets = "^" * max(1, min(end, left + len(shown)) - start)
        pad = " " * (len(prefix) + start - left)
        self.stream.write(f"{self._paint(f'{finding.line} |', _DIM)} {prefix}{shown.expandtabs(1)}{suffix}\n")
        self.stream.write(f"{gutter} {pad}{self._paint(carets, _COLORS[label])}\n\n")

    def finish(self, summary: Summary) -> None:
        if self.options.statistics and summary.by_rule:
            for rule, count in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
                self.stream.write(f"{count:>6}  {rule:<8} {summary.rule_names.get(rule, '')}\n")
        if self.options.quiet:
            return
        files = _plural(summary.files, "file")
        if not summary.findings:
            self.stream.write(f"All checks passed ({files} checked).\n")
            return
        parts = [_plural(summary.by_severity[s], s) for s in ("error", "warning", "info") if summary.by_severity[s]]
        self.stream.write(
            f"Found {_plural(summary.findings, 'finding')} ({', '.join(parts)}) "
            f"in {summary.files_with_findings} of {files}.\n"
        )
