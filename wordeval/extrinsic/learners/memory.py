"""Upper bounds of a tagging fit's dominant allocations, from the sizes known when a run is planned.

``window``, ``hidden`` and the data's size set what a fit holds: the window MLP's (tokens x (2w + 1)) id and
casing windows and its (2w + 1)(dim + 8) x hidden weight matrix (with its gradient, Adam's two moments and
the best epoch's copy: five of them), its batch and prediction-chunk activations; the Bi-LSTM's gate
weights and per-token states; the CRF's crfsuite items, one attribute per vector dimension and window
offset per token. Each term counts the bytes of the arrays the learner builds, plus a fixed allowance for
what torch adds on a first fit; the interpreter and the libraries already loaded are not counted.
``tests/test_memory_limit.py`` checks the bound against the peak RSS of real fits.
"""
from __future__ import annotations

from dataclasses import dataclass

F32, I64 = 4, 8
CASING_DIM = 8  # torch_common.make_input_layer's casing embedding
PREDICT_CHUNK = 8192  # window_mlp.log_posteriors' rows per forward pass
BILSTM_PREDICT_BATCH = 256  # bilstm_crf.predict's sentences per forward pass
CRF_ATTRIBUTE = 16  # crfsuite's (attribute id, double value) pair
CRF_DISCRETE = 10  # attributes of a window position beside its vector: casing, oov, cluster id, lexical ones
# what a first fit adds beside its arrays (torch's allocator and kernels' workspaces, measured ~90 MiB)
TORCH_RUNTIME = 256 * 2 ** 20


@dataclass(frozen=True)
class DataSizes:
    """What a cell's subsampled splits hold."""
    train_tokens: int
    dev_tokens: int
    test_tokens: int
    longest: int  # tokens of the longest sentence
    n_tags: int
    table_rows: int  # rows of the feature table: distinct words (+2), or every token (+1) for an encoder


def _window_mlp(learner, dim: int, s: DataSizes) -> dict[str, float]:
    width = 2 * learner.window + 1
    in_dim = width * (dim + CASING_DIM)
    weights = learner.hidden * (in_dim + s.n_tags + 1) + s.n_tags
    copies = 5  # the parameters, their gradients, Adam's two moments, the best epoch's state
    table = s.table_rows * dim * F32 * (6 if learner.finetune else 3)  # features' + torch's + best state's
    # ids and casing windows of train and dev, kept for the fit (test's replace them when predicting)
    windows = 2 * I64 * width * max(s.train_tokens + s.dev_tokens, s.test_tokens)
    # a training batch: the gathered inputs, dropout draws and masks, their product and its gradient
    batch = 8 * F32 * min(learner.batch_size, s.train_tokens) * (in_dim + learner.hidden)
    # a prediction chunk: the gathered vectors and casing, their concatenation, the hidden layer
    chunk = min(PREDICT_CHUNK, max(s.train_tokens + s.dev_tokens, s.test_tokens))
    predict = F32 * chunk * (2 * in_dim + 2 * learner.hidden)
    return {"the hidden layer's weights": copies * F32 * weights, "the token windows": windows,
            "the feature table": table, "the activations": max(batch, predict), "torch's runtime": TORCH_RUNTIME}


def _bilstm_crf(learner, dim: int, s: DataSizes) -> dict[str, float]:
    h, in_dim = learner.hidden, dim + CASING_DIM
    weights = 2 * 4 * h * (in_dim + h + 2) + 2 * h * s.n_tags + s.n_tags * (s.n_tags + 2)
    table = s.table_rows * dim * F32 * (6 if learner.finetune else 3)
    # per token and direction the LSTM keeps its 4 gates, cell and output for the backward pass; the
    # padded batch holds (sentences x longest) positions
    per_token = 2 * 10 * h + 4 * in_dim + 4 * s.n_tags * s.n_tags
    batch = max(learner.batch_size, BILSTM_PREDICT_BATCH) * s.longest * per_token * F32
    return {"the LSTM's weights": 5 * F32 * weights, "the feature table": table, "the activations": batch,
            "torch's runtime": TORCH_RUNTIME}


def _crf_items(learner, dim: int, s: DataSizes) -> dict[str, float]:
    width = 2 * learner.window + 1
    inside = min(width, 2 * s.longest - 1)  # window positions that can hold a token; the rest are padding
    per_token = inside * (dim + CRF_DISCRETE) + width
    return {"crfsuite's items": CRF_ATTRIBUTE * s.train_tokens * per_token, "crfsuite's runtime": 32 * 2 ** 20,
            "the feature table": s.table_rows * dim * F32 * 2}


ESTIMATES = {"mlp": _window_mlp, "bilstm-crf": _bilstm_crf, "crf": _crf_items, "perceptron": _crf_items}


def fit_bytes(learner, dim: int, sizes: DataSizes) -> dict[str, float]:
    """The estimate's parts (name -> bytes) for one fit of ``learner`` (an unfitted learner object, whose
    attributes hold the effective settings) on vectors of ``dim`` columns; {} for a learner not estimated."""
    estimate = ESTIMATES.get(getattr(learner, "name", None))
    return estimate(learner, dim, sizes) if estimate else {}
