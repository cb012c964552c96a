from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Timing belongs in benchmarks, never in assertions: CI machines are slow and noisy.
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=200)
settings.register_profile("dev")
settings.load_profile("ci" if os.environ.get("CI") else "dev")
