"""GloVe (Pennington et al. 2014) in torch: weighted least squares on log co-occurrence counts,

    J = sum_{ij: X_ij > 0} f(X_ij) (w_i . c_j + b_i + b~_j - log X_ij)^2 / 2,
    f(x) = min(1, (x / x_max)^alpha),

optimised with AdaGrad over shuffled mini-batches of the non-zero entries. The word vectors returned
are W + C (the paper's choice). The gradients of a row's entries in one batch are summed into one
AdaGrad step per row (not one per entry as in the reference C code), so a frequent word moves at most
about lr per batch: the default lr is 0.5, not the reference's 0.05, which measured on the news corpus
(5 epochs) reached WS353 0.01 against 0.22 with 0.5. AdaGrad's accumulators start at 1, as in the reference C code, so the
first steps are bounded by the learning rate.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from wordeval.errors import ConfigError


def resolve_device(device: str):
    from wordeval.optional import import_optional

    # torch comes with the bert extra only: without it the builder was a traceback, 'a bug in wordeval'
    torch = import_optional("torch", extra="bert", needed_for="the glove builder")

    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        dev = torch.device(device)
    except RuntimeError:
        raise ConfigError(f"device={device!r}: expected auto, cpu or cuda[:N]") from None
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ConfigError(f"device={device!r}: CUDA is not available here")
    return dev


def train_glove(counts: sp.spmatrix, *, dim: int = 100, epochs: int = 20, x_max: float = 100.0,
                alpha: float = 0.75, lr: float = 0.5, batch_size: int = 32768, seed: int = 0,
                device: str = "auto", progress: bool = False) -> tuple[np.ndarray, list[float]]:
    """Train on a (V, V) co-occurrence matrix. Returns ``(vectors float32 (V, dim), mean loss per epoch)``.

    With the same seed and device two runs give identical vectors and losses, whatever torch's thread count:
    the initialisation and the shuffle use a seeded torch generator, and deterministic algorithms are
    switched on for the duration of the run (on CUDA, ``index_add_`` otherwise accumulates with atomics in
    arbitrary order).
    """
    import torch

    from wordeval.embeddings.builder_settings import GLOVE_ADAGRAD_START, GLOVE_INIT_HALF_WIDTH

    if dim < 1 or epochs < 1 or batch_size < 1:
        raise ConfigError("glove: dim, epochs and batch_size must be positive integers")
    if not (x_max > 0 and alpha > 0 and lr > 0):
        raise ConfigError("glove: x_max, alpha and lr must be positive")
    coo = sp.coo_matrix(counts)
    keep = coo.data > 0
    if not keep.any():
        raise ConfigError("the co-occurrence matrix is empty (corpus too small or window too short?)")
    dev = resolve_device(device)
    vocab = coo.shape[0]
    rows = torch.as_tensor(coo.row[keep].astype(np.int64), device=dev)
    cols = torch.as_tensor(coo.col[keep].astype(np.int64), device=dev)
    x = torch.as_tensor(coo.data[keep], dtype=torch.float64)
    log_x = torch.log(x).to(torch.float32).to(dev)
    weight = torch.clamp((x / x_max) ** alpha, max=1.0).to(torch.float32).to(dev)

    was_deterministic = torch.are_deterministic_algorithms_enabled()
    torch.use_deterministic_algorithms(True, warn_only=False)
    try:
        gen = torch.Generator(device="cpu").manual_seed(int(seed))
        # W and C in one table, each row with its bias and a constant 1 placed so that a single dot
        # product gives w_i.c_j + b_i + b~_j:  word row [w, b, 1], context row [c, 1, b~]
        params = ((torch.rand(2 * vocab, dim + 2, generator=gen) - GLOVE_INIT_HALF_WIDTH) / dim).to(dev)
        params[:vocab, dim + 1] = 1.0
        params[vocab:, dim] = 1.0
        gradsq = torch.full_like(params, GLOVE_ADAGRAD_START)
        summed = torch.zeros_like(params)
        n = rows.numel()
        losses: list[float] = []
        bar = None
        if progress:
            from wordeval.progress import progress_bar
            bar = progress_bar(total=epochs, shown=True, desc="glove", unit="epoch")
        # each entry's weighted squared error, kept on the device and copied once per epoch: a copy per batch
        # waited for the device to finish that batch (on CUDA, a synchronisation per batch)
        terms = torch.empty_like(log_x)
        for _ in range(epochs):
            order = torch.randperm(n, generator=gen).to(dev)
            for start in range(0, n, batch_size):
                b = order[start:start + batch_size]
                i, j = rows.index_select(0, b), cols.index_select(0, b) + vocab
                wi, cj = params.index_select(0, i), params.index_select(0, j)
                # einsum (a batched GEMV) is the fastest row-wise dot on CPU; on CUDA it would go
                # through cuBLAS, which deterministic mode refuses without CUBLAS_WORKSPACE_CONFIG
                dots = torch.einsum("nd,nd->n", wi, cj) if dev.type == "cpu" else (wi * cj).sum(1)
                diff = dots - log_x.index_select(0, b)
                fdiff = weight.index_select(0, b) * diff
                torch.mul(fdiff, diff, out=terms[start:start + batch_size])
                # sum the gradients of repeated rows into a dense buffer (cheaper than sorting the
                # batch for unique rows), then one AdaGrad step for all rows: rows absent from the
                # batch have a zero gradient and stay exactly as they were
                summed.zero_()
                summed.index_add_(0, i, cj.mul_(fdiff[:, None]))
                summed.index_add_(0, j, wi.mul_(fdiff[:, None]))
                summed[:vocab, dim + 1] = 0.0  # the constant columns are not parameters
                summed[vocab:, dim] = 0.0
                gradsq.addcmul_(summed, summed)
                params.addcdiv_(summed, torch.sqrt(gradsq), value=-lr)
            losses.append(_epoch_loss(terms.cpu().numpy(), batch_size) / n)
            if bar is not None:
                bar.update(1)
                bar.set_postfix(loss=f"{losses[-1]:.4f}")
        if bar is not None:
            bar.close()
    finally:
        torch.use_deterministic_algorithms(was_deterministic)
    vectors = (params[:vocab, :dim] + params[vocab:, :dim]).cpu().numpy().astype(np.float32)
    return vectors, losses


def _epoch_loss(terms: np.ndarray, batch_size: int) -> float:
    """Half the sum of an epoch's weighted squared errors, each batch's summed by numpy in float64 and the
    batches' sums added in order: torch.dot on CPU splits a long batch across its threads, so the recorded
    losses moved with the thread count (the vectors never did)."""
    total = 0.0
    for start in range(0, terms.size, batch_size):
        total += float(np.sum(terms[start:start + batch_size], dtype=np.float64)) / 2
    return total
