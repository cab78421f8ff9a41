"""GloVe's device: the builder cache's key and the losses' copies from the device.

``device=auto`` (the default) trains on CUDA where there is one, but the key held "auto": a model a GPU
trained (other rounding, other vectors) and one a CPU trained shared one entry of a shared WORDEVAL_CACHE, and
either was served to the other. The key now holds the device ``auto`` resolved to where it is CUDA; on the CPU
it is the key it was.

The epoch's loss was summed by copying each batch's errors from the device (on CUDA a synchronisation per
batch); they now stay on the device and are copied once per epoch, and the losses are what they were: checked
against a float64 numpy oracle of the training loop."""
from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest
import scipy.sparse as sp

torch = pytest.importorskip("torch")

from wordeval.embeddings.builders import BUILDER_VERSIONS, build  # noqa: E402


def test_auto_on_cuda_is_not_served_the_entry_auto_trained_on_the_cpu(tmp_path, tiny_corpus, monkeypatch):
    from wordeval.embeddings import glove_train

    cache = tmp_path / "cache"
    cpu = build("glove", corpus=str(tiny_corpus), cache_home=cache, dim="4", epochs="1")
    (entry,) = (cache / "built").iterdir()
    # the key of an entry trained on the CPU under device=auto is as before: it names "auto"
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    key = json.loads(meta["cache_key"])
    assert key["params"]["device"] == "auto" and key["version"] == BUILDER_VERSIONS["glove"]
    assert entry.name == hashlib.sha256(meta["cache_key"].encode()).hexdigest()[:24]
    assert cpu.info.parameters["trained_on"] == "cpu"

    # the same request where CUDA is there: trained anew (stopped here), not the CPU's entry
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    from wordeval.intrinsic import analogy_kernels
    monkeypatch.setattr(analogy_kernels, "nvidia_driver_visible", lambda: True)

    class Trained(Exception):
        pass

    def train(*args, device, **kwargs):
        raise Trained(device)

    monkeypatch.setattr(glove_train, "train_glove", train)
    with pytest.raises(Trained):
        build("glove", corpus=str(tiny_corpus), cache_home=cache, dim="4", epochs="1")
    # a device given by name keeps its key: device=cpu is the entry device=cpu trained
    monkeypatch.undo()
    named = build("glove", corpus=str(tiny_corpus), cache_home=cache, dim="4", epochs="1", device="cpu")
    assert json.loads(json.loads((cache / "built" / _only_new(cache, entry.name) / "meta.json").read_text(
        encoding="utf-8"))["cache_key"])["params"]["device"] == "cpu"
    assert np.array_equal(named.vectors, cpu.vectors)


def _only_new(cache, old: str) -> str:
    (name,) = [p.name for p in (cache / "built").iterdir() if p.name != old]
    return name


def _counts() -> sp.csr_matrix:
    rng = np.random.default_rng(5)
    rows, cols = rng.integers(0, 6, 25), rng.integers(0, 6, 25)
    return sp.coo_matrix((rng.gamma(2.0, 30.0, 25), (rows, cols)), shape=(6, 6)).tocsr()


def _oracle_losses(counts, *, dim, epochs, x_max, alpha, lr, batch_size, seed) -> list[float]:
    """The training loop of ``glove_train`` in float64 numpy: the same seeded initial table and shuffles
    (drawn from torch's generator, as the trainer draws them), each batch's gradients summed per row, one
    AdaGrad step per batch; the loss of an epoch is the mean over entries of f(x) (w.c + b + b~ - log x)^2 / 2
    at the parameters each entry's batch saw."""
    coo = sp.coo_matrix(counts)
    keep = coo.data > 0
    r, c, x = coo.row[keep], coo.col[keep], coo.data[keep]
    vocab, n = coo.shape[0], int(keep.sum())
    gen = torch.Generator(device="cpu").manual_seed(seed)
    params = ((torch.rand(2 * vocab, dim + 2, generator=gen) - 0.5) / dim).double().numpy()
    params[:vocab, dim + 1] = 1.0
    params[vocab:, dim] = 1.0
    gradsq = np.ones_like(params)
    f = np.minimum((x / x_max) ** alpha, 1.0)
    losses = []
    for _ in range(epochs):
        order = torch.randperm(n, generator=gen).numpy()
        total = 0.0
        for start in range(0, n, batch_size):
            b = order[start:start + batch_size]
            i, j = r[b], c[b] + vocab
            diff = np.einsum("nd,nd->n", params[i], params[j]) - np.log(x[b])
            total += float(np.sum(f[b] * diff * diff)) / 2
            grad = np.zeros_like(params)
            np.add.at(grad, i, params[j] * (f[b] * diff)[:, None])
            np.add.at(grad, j, params[i] * (f[b] * diff)[:, None])
            grad[:vocab, dim + 1] = 0.0
            grad[vocab:, dim] = 0.0
            gradsq += grad * grad
            params -= lr * grad / np.sqrt(gradsq)
        losses.append(total / n)
    return losses


def test_the_losses_are_the_oracle_s_and_copied_from_the_device_once_per_epoch(monkeypatch):
    from wordeval.embeddings.glove_train import train_glove

    options = dict(dim=3, epochs=3, x_max=50.0, alpha=0.75, lr=0.3, batch_size=4, seed=2)
    copies = []
    for name in ("cpu", "item", "tolist", "__float__"):
        real = getattr(torch.Tensor, name)

        def counted(self, *args, _real=real, _name=name, **kwargs):
            copies.append(_name)
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(torch.Tensor, name, counted)
    _, losses = train_glove(_counts(), device="cpu", **options)
    monkeypatch.undo()
    batches = -(-_counts().nnz // options["batch_size"])
    assert batches > 2  # several batches an epoch, yet one copy an epoch (and the vectors' one)
    assert len(copies) <= options["epochs"] + 1, copies
    assert losses == pytest.approx(_oracle_losses(_counts(), **options), rel=1e-5)
