"""'import torch' failing as where torch is not installed (it comes with the bert extra only, and this
machine has a wheel of it for one Python). ``sys.modules["torch"] = None`` is not that: scipy.stats, imported
after it, took the None for an imported torch and failed."""
from __future__ import annotations

import importlib.abc
import sys


class _NoTorch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def without_torch(monkeypatch) -> None:
    for name in [n for n in sys.modules if n == "torch" or n.startswith("torch.")]:
        monkeypatch.delitem(sys.modules, name)  # put back when the test ends
    monkeypatch.setattr(sys, "meta_path", [_NoTorch(), *sys.meta_path])
