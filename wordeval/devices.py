"""Is an asked-for device present? Checked when the config is validated, so ``device=cuda`` on a machine
without CUDA is a one-line user error before any work, not a torch traceback in the middle of a run."""
from __future__ import annotations

from wordeval.errors import ConfigError


def check_device(device: str, *, key: str = "device") -> str:
    """``auto``/``cpu`` always pass; ``cuda``/``cuda:N`` need torch with that CUDA device."""
    if device in ("auto", "cpu"):
        return device
    try:
        import torch
    except ImportError:
        raise ConfigError(f"{key}={device!r}: torch is not installed (pip install 'wordeval[bert]')") from None
    if not torch.cuda.is_available():
        raise ConfigError(f"{key}={device!r}: no CUDA device is available here (torch {torch.__version__}); "
                          f"use device=cpu or auto")
    index = int(device.split(":", 1)[1]) if ":" in device else 0
    if index >= torch.cuda.device_count():
        raise ConfigError(f"{key}={device!r}: this machine has {torch.cuda.device_count()} CUDA device(s)")
    return device
