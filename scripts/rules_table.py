"""Write the rule tables of the docs from the registered rules.

Usage::

    python scripts/rules_table.py          # rewrite the tables in README.md and docs/*.md
    python scripts/rules_table.py --check  # exit 1 if a table is out of date

A table lives between ``<!-- rules: PREFIX[,PREFIX...] -->`` and ``<!-- /rules -->`` and lists
every rule whose id starts with one of the prefixes: id, name, severity, and the first
sentence of its documentation.  ``tests/test_docs.py`` runs the check.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"(<!-- rules: (?P<prefixes>[A-Z0-9, ]+) -->\n)(?P<body>.*?)(<!-- /rules -->)", re.DOTALL)


def table(prefixes: list[str]) -> str:
    from asllint.plugins import load_registry

    rules = [rule for rid, rule in load_registry().rules.items() if rid.startswith(tuple(prefixes))]
    lines = ["| id | name | severity | checks |", "|---|---|---|---|"]
    for rule in rules:
        severity = rule.severity.label + (", opt-in" if rule.opt_in else "")
        summary = rule.summary().replace("|", "\\|")
        lines.append(f"| {rule.id} | {rule.name} | {severity} | {summary} |")
    return "\n".join(lines) + "\n"


def render(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        prefixes = [p.strip() for p in match["prefixes"].split(",") if p.strip()]
        return match.group(1) + table(prefixes) + match.group(4)

    return BLOCK.sub(replace, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        new = render(text)
        if new != text:
            stale.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    if args.check and stale:
        print("out of date: " + ", ".join(str(p.relative_to(ROOT)) for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
