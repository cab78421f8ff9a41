"""Window MLP tagger (Collobert et al. 2011, window approach): the representations of the ±w tokens
around each token, plus casing, through one hidden layer.

Decoding: ``greedy`` takes each token's argmax; ``viterbi`` (default) adds tag-bigram log-probabilities
estimated on the training tags (add-one smoothed) to the per-token log-softmax scores and takes the best
sequence — the cheap stand-in for Collobert's sentence-level transition scores, which keeps chunk tags
consistent (an I-X rarely follows B-Y). Nothing is tuned on test.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from wordeval.extrinsic.features import FeatureSet, window_rows
from wordeval.extrinsic.learners.torch_common import (EarlyStopping, ScoreFn, TagVocab, make_input_layer,
                                                      pick_device, progress_enabled)


class WindowMLPTagger:
    name = "mlp"

    def __init__(self, *, window: int = 2, hidden: int = 300, dropout: float = 0.2, epochs: int = 30,
                 patience: int = 3, lr: float = 1e-3, batch_size: int = 128, finetune: bool = False,
                 decode: str = "viterbi", device: str = "auto", threads: int | None = 1):
        if decode not in ("greedy", "viterbi"):
            raise ValueError(f"decode must be greedy or viterbi, got {decode!r}")
        self.decode = decode
        self.window, self.hidden, self.dropout = window, hidden, dropout
        self.epochs, self.patience, self.lr, self.batch_size = epochs, patience, lr, batch_size
        self.finetune, self.device_name, self.threads = finetune, device, threads
        self.model = None
        self.history: list[float] = []
        self.best_epoch = -1

    def _build(self, features: FeatureSet, n_tags: int):
        from torch import nn

        inputs = make_input_layer(features, finetune=self.finetune)
        width = 2 * self.window + 1

        class Net(nn.Module):
            def __init__(self, hidden, dropout):
                super().__init__()
                self.inputs = inputs
                self.mlp = nn.Sequential(nn.Dropout(dropout / 2), nn.Linear(width * inputs.out_dim, hidden),
                                         nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, n_tags))

            def forward(self, ids, casing):
                x = self.inputs(ids, casing)
                return self.mlp(x.reshape(x.shape[0], -1))

        return Net(self.hidden, self.dropout)

    def _windows(self, features: FeatureSet, split: str):
        import torch

        s = features.splits[split]
        ids = torch.as_tensor(window_rows(s.ids, window=self.window))
        cas = torch.as_tensor(window_rows(s.casing, window=self.window))
        return ids, cas, [len(x) for x in s.ids]

    def fit(self, features: FeatureSet, train_tags: Sequence[Sequence[str]], dev_tags: Sequence[Sequence[str]],
            *, score: ScoreFn, seed: int = 0, progress: bool = True) -> "WindowMLPTagger":
        import torch
        from tqdm.auto import tqdm

        device = pick_device(self.device_name, threads=self.threads)
        torch.manual_seed(seed)
        self.vocab = TagVocab(train_tags)
        self._transitions(train_tags)
        self.model = self._build(features, len(self.vocab)).to(device)
        ids, cas, _ = self._windows(features, "train")
        y = torch.as_tensor(np.concatenate([self.vocab.encode(t) for t in train_tags]))
        params = [p for p in self.model.parameters() if p.requires_grad]
        opt = torch.optim.Adam(params, lr=self.lr)
        loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
        gen = torch.Generator().manual_seed(seed)
        stopper = EarlyStopping(self.patience)
        bar = tqdm(range(self.epochs), desc=f"mlp seed {seed}", disable=not progress_enabled(progress),
                   leave=False)
        for epoch in bar:
            self.model.train()
            order = torch.randperm(len(y), generator=gen)
            for start in range(0, len(y), self.batch_size):
                b = order[start:start + self.batch_size]
                opt.zero_grad()
                loss = loss_fn(self.model(ids[b].to(device), cas[b].to(device)), y[b].to(device))
                loss.backward()
                opt.step()
            dev_score = score(dev_tags, self.predict(features, "dev"))
            if stopper.after_epoch(epoch, dev_score, self.model, bar):
                break
        stopper.finish(self, self.model)
        return self

    def _transitions(self, train_tags) -> None:
        n = len(self.vocab)
        counts = np.ones((n + 1, n))  # row n = sentence start; add-one smoothing
        for tags in train_tags:
            ids = self.vocab.encode(tags)
            prev = n
            for t in ids:
                counts[prev, t] += 1
                prev = t
        self.log_trans = np.log(counts / counts.sum(axis=1, keepdims=True))

    def _viterbi(self, logp: np.ndarray) -> np.ndarray:
        n = logp.shape[1]
        score = self.log_trans[n] + logp[0]
        back = np.zeros((len(logp), n), dtype=np.int64)
        for t in range(1, len(logp)):
            cand = score[:, None] + self.log_trans[:n]
            back[t] = cand.argmax(axis=0)
            score = cand.max(axis=0) + logp[t]
        path = np.empty(len(logp), dtype=np.int64)
        path[-1] = score.argmax()
        for t in range(len(logp) - 1, 0, -1):
            path[t - 1] = back[t, path[t]]
        return path

    def predict(self, features: FeatureSet, split: str) -> list[list[str]]:
        import torch

        ids, cas, lengths = self._windows(features, split)
        device = next(self.model.parameters()).device
        self.model.eval()
        out = []
        with torch.no_grad():
            for start in range(0, len(ids), 8192):
                logits = self.model(ids[start:start + 8192].to(device), cas[start:start + 8192].to(device))
                out.append(torch.log_softmax(logits, -1).cpu().numpy())
        logp = np.concatenate(out) if out else np.zeros((0, len(self.vocab)), dtype=np.float32)
        bounds = np.cumsum([0] + lengths)
        if self.decode == "greedy":
            return [self.vocab.decode(logp[a:b].argmax(-1)) for a, b in zip(bounds[:-1], bounds[1:])]
        return [self.vocab.decode(self._viterbi(logp[a:b])) if b > a else []
                for a, b in zip(bounds[:-1], bounds[1:])]
