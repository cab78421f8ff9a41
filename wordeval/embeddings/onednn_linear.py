"""The linear layers of a transformer encoder on oneDNN instead of torch's default CPU GEMM.

On CPU, torch computes ``nn.Linear`` with its BLAS (MKL in the official wheels). Measured on this project's
2-core AMD EPYC (Zen 5, AVX-512), MKL reached 159 GFLOPS on MiniLM's 8,192 x 384 x 1,536 product and
oneDNN, which torch also ships, 280 GFLOPS; MiniLM encoding 300 BBC documents took 11.5 s with the first and
6.9 s with the second. Both compute the same products in float32 and differ only in rounding (the mean-pooled
vectors of those documents by at most 3.5e-7, at a largest component of 0.53), as a GPU does; so, like the
device, the choice is recorded but not part of an encoder's fingerprint. Its results are deterministic: the
same vectors bit for bit in two processes, and with 1 or 2 threads (checked on 64 BBC documents and 40
sentences' token features). Downstream, a tagger trained on features that moved by rounding follows another
path: in the demo MiniLM's WNUT-16 F1 went from 0.442 +- 0.024 to 0.437 +- 0.029 (3 seeds) and its PTB POS
accuracy from 0.851 to 0.850, within the seeds' spread; no verdict of the report changed.
The speed-up was measured on that AMD Zen 5 (AVX-512) machine. On an AMD Zen 3 (AVX2) there was none on
documents (16.5 s against 14.8 s with torch's layers, encoder.md at 3efd6b3): "auto" checks agreement, not
speed. On any machine ``cpu_linear="torch"`` keeps torch's layers.

The op (``torch.ops.mkldnn._linear_pointwise``) is the one torch's own compiler emits for CPU linear layers.
It is not public API, so it is used only where it exists, and only after it has matched ``F.linear`` on the
model's first layer; otherwise torch's layers stay. It has no gradient: only encoders that run under
``torch.inference_mode`` use it (``BertEncoder``), never a model that is trained.
"""
from __future__ import annotations

import functools

CPU_LINEAR = ("auto", "onednn", "torch")


def _op():
    import torch

    if not torch.backends.mkldnn.is_available():
        return None
    return getattr(getattr(torch.ops, "mkldnn", None), "_linear_pointwise", None)


@functools.lru_cache(maxsize=1)
def _linear_class():
    """The stand-in module for one ``nn.Linear`` (its parameters shared, not copied); defined on first use so
    that importing this module does not import torch."""
    import torch

    class OneDNNLinear(torch.nn.Module):
        def __init__(self, linear, op):
            super().__init__()
            self.weight, self.bias = linear.weight, linear.bias
            self.in_features, self.out_features = linear.in_features, linear.out_features
            self._op = op

        def forward(self, x):
            return self._op(x, self.weight, self.bias, "none", [], "")

        def extra_repr(self) -> str:
            return f"in_features={self.in_features}, out_features={self.out_features}, oneDNN"

    return OneDNNLinear


def _matches(op, linear) -> bool:
    """Whether ``op`` computes ``linear`` on a random input to float32 rounding: each output sums
    in_features products, so the two orders differ by at most ~2·K·u·sum|x·w| (u = 2^-24)."""
    import torch

    gen = torch.Generator().manual_seed(0)
    x = torch.randn(3, 5, linear.in_features, generator=gen)
    with torch.inference_mode():
        want = torch.nn.functional.linear(x, linear.weight, linear.bias)
        try:
            got = op(x, linear.weight, linear.bias, "none", [], "")
        except RuntimeError:  # e.g. a CPU that this oneDNN build has no kernel for
            return False
        scale = (x.abs() @ linear.weight.abs().t()) + (0 if linear.bias is None else linear.bias.abs())
    u = float(torch.finfo(torch.float32).eps) / 2
    return got.shape == want.shape and bool(((got - want).abs() <= 2 * linear.in_features * u * scale + 1e-30).all())


def use_onednn_linear(model, choice: str = "auto") -> str:
    """Put ``model``'s float32 ``nn.Linear`` layers on oneDNN (CPU models only) where ``choice`` asks for it and
    the op exists and checks out; returns what the layers run on: ``"onednn"`` or ``"torch"``.
    ``choice="onednn"`` where that cannot be done is a ConfigError, ``"auto"`` falls back to torch."""
    import torch

    from wordeval.errors import ConfigError

    if choice not in CPU_LINEAR:
        raise ConfigError(f"cpu_linear must be one of {', '.join(CPU_LINEAR)}, got {choice!r}")
    if choice == "torch":
        return "torch"
    layers = [(parent, name, child) for parent in model.modules() for name, child in parent.named_children()
              if type(child) is torch.nn.Linear and child.weight.dtype == torch.float32
              and child.weight.device.type == "cpu"]
    op = _op()
    reason = ("this torch has no oneDNN linear op" if op is None else
              "the model has no float32 linear layer on the CPU" if not layers else
              None if _matches(op, layers[0][2]) else "oneDNN's linear op did not match torch's on this model")
    if reason is not None:
        if choice == "onednn":
            raise ConfigError(f"cpu_linear=onednn: {reason}")
        return "torch"
    for parent, name, child in layers:
        setattr(parent, name, _linear_class()(child, op))
    return "onednn"

