"""A prebuild child's job that never ends for a spec naming "never-written", for tests that need the child
held busy: monkeypatched over ``prebuild._build`` in the parent, it reaches the spawned child by name (this
module), which runs the real ``_build`` for any other spec. A FIFO corpus nobody writes held it before, until
FIFOs were refused from their stat without being opened."""
from __future__ import annotations

import time

from wordeval import prebuild


def build_unless_held(spec: str) -> str | None:
    if "never-written" in spec:
        while True:
            time.sleep(60)
    return prebuild._build(spec)
