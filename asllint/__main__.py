"""``python -m asllint``."""

from __future__ import annotations

from asllint.cli import run

if __name__ == "__main__":
    run()
