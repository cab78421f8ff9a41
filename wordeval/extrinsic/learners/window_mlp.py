"""Window MLP tagger (Collobert et al. 2011, window approach): the representations of the ±w tokens
around each token, plus casing, through one hidden layer; softmax over the tags.

Decoding (``decode``, see ``decoding.py``): ``greedy`` (default) takes each token's argmax; ``viterbi``
combines the posteriors divided by the training tag prior (scaled likelihoods) with start/bigram/end tag
probabilities counted on the training tags. Until task version 3 the only rule was a Viterbi over the raw
posteriors, which counts the tag prior twice and suppresses rare tags (WNUT-16 dev: 0.16 F1 against 0.40
greedy). Training stops after ``patience`` epochs without a better dev score; the best epoch's weights are
kept and ``converged`` says whether the patience rule (not the epoch limit) ended training. Nothing is
tuned on test.

Speed (CPU, one thread): the token windows are built once per fit, dropout masks come from one numpy draw
per batch (torch's CPU Bernoulli sampler cost a quarter of each step), Adam is the fused kernel, and Viterbi
decodes length-sorted batches of sentences. The model, its dropout rates, the optimiser and the batch size
are those of the original learner.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from wordeval.errors import ConfigError
from wordeval.extrinsic.features import FeatureSet, window_rows
from wordeval.extrinsic.learners.decoding import DECODINGS, TagBigramModel
from wordeval.extrinsic.learners.decoding import decode as decode_paths
from wordeval.extrinsic.learners.torch_common import (INIT_LOCK, EarlyStopping, ScoreFn, TagVocab,
                                                      make_input_layer, progress_enabled, torch_session,
                                                      training_options)
from wordeval.progress import progress_bar

# Chosen on dev data only (one model per dataset, seed 0, GloVe-6B-50d frozen, default profile, early stopping
# on greedy dev scores; its dev split decoded both ways; benchmarks/bench_ner.py -> reports/benchmarks/ner.md):
#   dev score                  greedy   viterbi (scaled likelihoods)   (previous rule, no longer offered)
#   CoNLL-2003 NER F1           89.99   90.53                           91.22
#   CoNLL-2000 chunking F1      86.91   85.61                           84.72
#   UD-EWT UPOS accuracy        91.94   90.43                           90.43
#   WNUT-16 NER F1              47.06   29.33                            7.45
#   mean                        78.98   73.98
# The window already sees the neighbouring tokens, so the bigram model adds little that the posteriors lack,
# and on sparse tag sets the division by tiny priors over-predicts entities; greedy has the higher mean.
DEFAULT_DECODE = "greedy"


# frozen_hidden's extra small operations cost ~0.5 ms a step, the input gradient it skips grows with the
# width: ms per training step, one thread of an AMD Zen 3, batch 128, hidden 300, plain layer -> frozen_hidden:
# dim 50 (1% OOV) 3.16 -> 3.75; dim 100 (22% OOV) 4.40 -> 5.40; dim 300 (1.4% OOV) 10.03 -> 8.06;
# dim 384 (no UNK row) 9.36 -> 7.87 (best of 3 runs of 400 steps each)
FROZEN_PATH_MIN_DIM = 200


def _zero_valued(t):
    """Exactly 0 in value, ``t``'s gradient in the backward pass: adds a path for gradients without changing
    a single bit of the forward result."""
    return t - t.detach()


def frozen_hidden(net, ids, casing, keep):
    """The hidden layer's pre-activation of a training batch when the embedding rows are frozen.

    The value is the plain layer's, bit for bit (same inputs, same matrix product). Its backward differs: the
    plain layer computes the gradient of every input column (batch x in_dim x hidden multiply-adds, a third
    of a step) only for most of it to die at the frozen embedding. Here the full product carries gradients
    to the layer's weight and bias alone, and zero-valued terms carry them to what is trainable below it: the
    casing columns, and the UNK vector at the window positions that hold it (work in proportion to the OOV
    rate). ``keep``: the inverted-dropout multipliers of the input columns, or None."""
    import torch

    inp = net.inputs
    batch, n_pos = ids.shape
    dim, width = inp.emb.embedding_dim, inp.out_dim
    with torch.no_grad():
        x = inp(ids, casing).reshape(batch, -1)
        if keep is not None:
            x = x * keep
    h = net.hidden(x)
    w = net.hidden.weight.detach().view(-1, n_pos, width)
    keep = None if keep is None else keep.view(batch, n_pos, width)
    c = inp.casing(casing)
    if keep is not None:
        c = c * keep[:, :, dim:]
    h = h + _zero_valued(c).reshape(batch, -1) @ w[:, :, dim:].reshape(w.shape[0], -1).T
    if inp.unk is not None:
        hit = ids == inp.unk_row
        for k in range(n_pos):
            rows = hit[:, k].nonzero().squeeze(1)
            if len(rows):
                u = inp.unk.expand(len(rows), dim) if keep is None else inp.unk * keep[rows, k, :dim]
                h = h.index_add(0, rows, _zero_valued(u) @ w[:, k, :dim].T)
    return h


class WindowMLPTagger:
    name = "mlp"

    def __init__(self, *, window: int = 2, hidden: int = 300, dropout: float = 0.2, epochs: int = 30,
                 patience: int = 3, lr: float = 1e-3, batch_size: int = 128, finetune: bool = False,
                 decode: str = DEFAULT_DECODE, device: str = "auto", threads: int | None = 1):
        if decode not in DECODINGS:
            raise ConfigError(f"decode={decode!r}: expected one of {', '.join(DECODINGS)}")
        opts = training_options(window=window, hidden=hidden, dropout=dropout, epochs=epochs, patience=patience,
                                lr=lr, batch_size=batch_size, device=device, threads=threads)
        self.decode, self.decode_rule = decode, DECODINGS[decode]  # the rule is recorded with the settings
        self.window, self.hidden, self.dropout = opts["window"], opts["hidden"], opts["dropout"]
        self.epochs, self.patience, self.lr = opts["epochs"], opts["patience"], opts["lr"]
        self.batch_size, self.finetune = opts["batch_size"], bool(finetune)
        self.device_name, self.threads = opts["device"], opts["threads"]
        self.model = None
        self.history: list[float] = []
        self.best_epoch = -1
        self._windows_cache: dict = {}

    def _build(self, features: FeatureSet, n_tags: int):
        import torch
        from torch import nn

        inputs = make_input_layer(features, finetune=self.finetune)
        in_dim = (2 * self.window + 1) * inputs.out_dim
        frozen = not self.finetune and features.dim >= FROZEN_PATH_MIN_DIM

        class Net(nn.Module):
            def __init__(self, hidden):
                super().__init__()
                self.inputs, self.in_dim = inputs, in_dim
                self.hidden = nn.Linear(in_dim, hidden)
                self.out = nn.Linear(hidden, n_tags)

            def forward(self, ids, casing, masks=None):
                """``masks``: (batch, in_dim + hidden) inverted-dropout multipliers (training) or None."""
                if frozen and self.training and torch.is_grad_enabled():
                    h = frozen_hidden(self, ids, casing, None if masks is None else masks[:, :self.in_dim])
                else:
                    x = self.inputs(ids, casing)
                    x = x.reshape(x.shape[0], -1)
                    if masks is not None:
                        x = x * masks[:, :self.in_dim]
                    h = self.hidden(x)
                h = h.relu()
                if masks is not None:
                    h = h * masks[:, self.in_dim:]
                return self.out(h)

        return Net(self.hidden)

    def _windows(self, features: FeatureSet, split: str):
        import torch

        if split in self._windows_cache:
            return self._windows_cache[split]
        s = features.splits[split]
        ids = torch.as_tensor(window_rows(s.ids, window=self.window))
        cas = torch.as_tensor(window_rows(s.casing, window=self.window))
        return ids, cas, [len(x) for x in s.ids]

    def _dropout_sampler(self, seed: int):
        """Inverted-dropout multipliers (inputs p/2, hidden layer p) for one batch: raw 32-bit draws of a
        seeded numpy generator against per-column thresholds (keep probability exact to 2**-32), ~4x cheaper
        than torch's CPU Bernoulli sampling, which was a quarter of the step time."""
        net = self.model
        keep = np.concatenate([np.full(net.in_dim, 1 - self.dropout / 2), np.full(self.hidden, 1 - self.dropout)])
        threshold = np.round(keep * 2.0 ** 32).astype(np.uint64).clip(max=2 ** 32 - 1).astype(np.uint32)
        scale = (1 / keep).astype(np.float32)
        bits = np.random.default_rng([seed, 0x5EED]).bit_generator
        width = len(keep)

        def masks(n: int):
            import torch

            raw = bits.random_raw((n * width + 1) // 2).view(np.uint32)[:n * width].reshape(n, width)
            return torch.from_numpy((raw < threshold) * scale)

        return masks if self.dropout > 0 else (lambda n: None)

    def fit(self, features: FeatureSet, train_tags: Sequence[Sequence[str]], dev_tags: Sequence[Sequence[str]],
            *, score: ScoreFn, seed: int = 0, progress: bool = True) -> "WindowMLPTagger":
        import torch

        self.vocab = TagVocab(train_tags)
        y_seqs = [self.vocab.encode(t) for t in train_tags]
        self.bigrams = TagBigramModel(y_seqs, len(self.vocab))
        with torch_session(self.device_name, threads=self.threads) as device:
            with INIT_LOCK:  # the global generator: another thread's fit may be seeding it too
                torch.manual_seed(seed)
                self.model = self._build(features, len(self.vocab)).to(device)
            self._windows_cache = {split: self._windows(features, split) for split in ("train", "dev")}
            ids, cas, _ = self._windows_cache["train"]
            y = torch.as_tensor(np.concatenate(y_seqs) if y_seqs else np.zeros(0, dtype=np.int64))
            params = [p for p in self.model.parameters() if p.requires_grad]
            opt = torch.optim.Adam(params, lr=self.lr, fused=device.type in ("cpu", "cuda"))
            loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
            gen = torch.Generator().manual_seed(seed)
            masks = self._dropout_sampler(seed)
            stopper = EarlyStopping(self.patience)
            bar = progress_bar(range(self.epochs), shown=progress_enabled(progress), desc=f"mlp seed {seed}",
                       leave=False)
            try:
                for epoch in bar:
                    self.model.train()
                    order = torch.randperm(len(y), generator=gen)
                    for start in range(0, len(y), self.batch_size):
                        b = order[start:start + self.batch_size]
                        m = masks(len(b))
                        opt.zero_grad()
                        logits = self.model(ids[b].to(device), cas[b].to(device),
                                            None if m is None else m.to(device))
                        loss_fn(logits, y[b].to(device)).backward()
                        opt.step()
                    dev_score = score(dev_tags, self.predict(features, "dev"))
                    if stopper.after_epoch(epoch, dev_score, self.model, bar):
                        break
                stopper.finish(self, self.model)
            finally:
                self._windows_cache = {}
        return self

    def log_posteriors(self, features: FeatureSet, split: str) -> list[np.ndarray]:
        """Per sentence, the (length, n_tags) log p(tag | window) of the trained model."""
        import torch

        ids, cas, lengths = self._windows(features, split)
        device = next(self.model.parameters()).device
        self.model.eval()
        out = []
        with torch_session(str(device), threads=self.threads), torch.no_grad():
            for start in range(0, len(ids), 8192):
                logits = self.model(ids[start:start + 8192].to(device), cas[start:start + 8192].to(device))
                out.append(torch.log_softmax(logits, -1).cpu().numpy())
        flat = np.concatenate(out) if out else np.zeros((0, len(self.vocab)), dtype=np.float32)
        return np.split(flat, np.cumsum(lengths)[:-1]) if lengths else []

    def predict(self, features: FeatureSet, split: str, *, decode: str | None = None) -> list[list[str]]:
        """Tags per sentence; ``decode`` overrides the learner's decoding rule for this call only."""
        how = decode or self.decode
        if how not in DECODINGS:
            raise ConfigError(f"decode={how!r}: expected one of {', '.join(DECODINGS)}")
        paths = decode_paths(self.log_posteriors(features, split), self.bigrams, how)
        return [self.vocab.decode(p) for p in paths]

