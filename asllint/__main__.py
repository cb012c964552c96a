"""``python -m asllint``."""

from __future__ import annotations

import sys

from asllint.cli import main

if __name__ == "__main__":
    sys.exit(main())
