"""Bi-LSTM-CRF tagger (Huang et al. 2015; Lample et al. 2016): the representation as input layer, a
bidirectional LSTM, and a linear-chain CRF output layer trained by sentence log-likelihood, Viterbi decoding."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from wordeval.extrinsic.features import FeatureSet
from wordeval.extrinsic.learners.torch_common import (EarlyStopping, ScoreFn, TagVocab, make_input_layer,
                                                      progress_enabled, torch_session, training_options)
from wordeval.progress import progress_bar


def crf_layer(n_tags: int):
    """A linear-chain CRF over (batch, length, n_tags) emissions with a (batch, length) bool mask
    whose True positions form a prefix of each row."""
    import torch
    from torch import nn

    class LinearChainCRF(nn.Module):
        def __init__(self):
            super().__init__()
            self.transitions = nn.Parameter(torch.zeros(n_tags, n_tags))  # [from, to]
            self.start = nn.Parameter(torch.zeros(n_tags))
            self.end = nn.Parameter(torch.zeros(n_tags))

        def log_partition(self, emissions, mask):
            alpha = self.start + emissions[:, 0]
            for t in range(1, emissions.shape[1]):
                nxt = torch.logsumexp(alpha.unsqueeze(2) + self.transitions + emissions[:, t].unsqueeze(1), dim=1)
                alpha = torch.where(mask[:, t].unsqueeze(1), nxt, alpha)
            return torch.logsumexp(alpha + self.end, dim=1)

        def path_score(self, emissions, tags, mask):
            batch = torch.arange(emissions.shape[0], device=emissions.device)
            score = self.start[tags[:, 0]] + emissions[batch, 0, tags[:, 0]]
            for t in range(1, emissions.shape[1]):
                step = self.transitions[tags[:, t - 1], tags[:, t]] + emissions[batch, t, tags[:, t]]
                score = score + step * mask[:, t]
            last = tags[batch, mask.sum(1) - 1]
            return score + self.end[last]

        def nll(self, emissions, tags, mask):
            return (self.log_partition(emissions, mask) - self.path_score(emissions, tags, mask)).sum()

        def viterbi(self, emissions, mask) -> list[list[int]]:
            score = self.start + emissions[:, 0]
            back = []
            for t in range(1, emissions.shape[1]):
                cand = score.unsqueeze(2) + self.transitions
                best, arg = cand.max(dim=1)
                nxt = best + emissions[:, t]
                score = torch.where(mask[:, t].unsqueeze(1), nxt, score)
                back.append(arg)
            score = score + self.end
            lengths = mask.sum(1).tolist()
            paths = []
            for b in range(emissions.shape[0]):
                tag = int(score[b].argmax())
                path = [tag]
                for t in range(lengths[b] - 1, 0, -1):
                    tag = int(back[t - 1][b, tag])
                    path.append(tag)
                paths.append(path[::-1])
            return paths

    return LinearChainCRF()


class BiLSTMCRFTagger:
    name = "bilstm-crf"

    def __init__(self, *, hidden: int = 100, dropout: float = 0.5, epochs: int = 15, patience: int = 3,
                 lr: float = 1e-3, batch_size: int = 32, finetune: bool = False, device: str = "auto",
                 threads: int | None = 1, **_ignored):
        opts = training_options(hidden=hidden, dropout=dropout, epochs=epochs, patience=patience, lr=lr,
                                batch_size=batch_size, device=device, threads=threads)
        self.hidden, self.dropout, self.epochs = opts["hidden"], opts["dropout"], opts["epochs"]
        self.patience, self.lr, self.batch_size = opts["patience"], opts["lr"], opts["batch_size"]
        self.finetune, self.device_name, self.threads = bool(finetune), opts["device"], opts["threads"]
        self.history: list[float] = []
        self.best_epoch = -1

    def _build(self, features: FeatureSet, n_tags: int):
        from torch import nn

        inputs = make_input_layer(features, finetune=self.finetune)
        hidden, dropout = self.hidden, self.dropout

        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.inputs = inputs
                self.drop = nn.Dropout(dropout)
                self.lstm = nn.LSTM(inputs.out_dim, hidden, batch_first=True, bidirectional=True)
                self.proj = nn.Linear(2 * hidden, n_tags)
                self.crf = crf_layer(n_tags)

            def emissions(self, ids, casing, mask):
                x = self.drop(self.inputs(ids, casing))
                packed = nn.utils.rnn.pack_padded_sequence(x, mask.sum(1).cpu(), batch_first=True,
                                                           enforce_sorted=False)
                out, _ = self.lstm(packed)
                out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=ids.shape[1])
                return self.proj(self.drop(out))

        return Net()

    @staticmethod
    def _batch(arrays: Sequence[np.ndarray], fill: int = 0):
        import torch

        length = max(len(a) for a in arrays)
        out = np.full((len(arrays), length), fill, dtype=np.int64)
        for i, a in enumerate(arrays):
            out[i, :len(a)] = a
        return torch.as_tensor(out)

    def fit(self, features: FeatureSet, train_tags: Sequence[Sequence[str]], dev_tags: Sequence[Sequence[str]],
            *, score: ScoreFn, seed: int = 0, progress: bool = True) -> "BiLSTMCRFTagger":
        import torch

        with torch_session(self.device_name, threads=self.threads) as device:
            torch.manual_seed(seed)
            self.vocab = TagVocab(train_tags)
            self.model = self._build(features, len(self.vocab)).to(device)
            opt = torch.optim.Adam([p for p in self.model.parameters() if p.requires_grad], lr=self.lr)
            split = features.splits["train"]
            # Unseen tags cannot occur in training data (the vocabulary is built from it), so no -100 here.
            y = [self.vocab.encode(t) for t in train_tags]
            rng = np.random.default_rng(seed)
            stopper = EarlyStopping(self.patience)
            bar = progress_bar(range(self.epochs), shown=progress_enabled(progress), desc=f"bilstm-crf seed {seed}",
                       leave=False)
            for epoch in bar:
                self.model.train()
                order = rng.permutation(len(y))
                for start in range(0, len(order), self.batch_size):
                    b = [i for i in order[start:start + self.batch_size] if len(y[i])]
                    if not b:
                        continue
                    ids = self._batch([split.ids[i] for i in b]).to(device)
                    cas = self._batch([split.casing[i] for i in b]).to(device)
                    tags = self._batch([y[i] for i in b]).to(device)
                    mask = self._batch([np.ones(len(y[i]), dtype=np.int64) for i in b]).bool().to(device)
                    opt.zero_grad()
                    loss = self.model.crf.nll(self.model.emissions(ids, cas, mask), tags, mask) / len(b)
                    loss.backward()
                    torch.nn.utils.clip_grad_norm_(self.model.parameters(), 5.0)
                    opt.step()
                dev_score = score(dev_tags, self.predict(features, "dev"))
                if stopper.after_epoch(epoch, dev_score, self.model, bar):
                    break
            stopper.finish(self, self.model)
        return self

    def predict(self, features: FeatureSet, split: str) -> list[list[str]]:
        import torch

        s = features.splits[split]
        device = next(self.model.parameters()).device
        self.model.eval()
        out: list[list[str] | None] = [None] * len(s.ids)
        order = np.argsort([len(x) for x in s.ids])  # similar lengths together: less padding
        with torch_session(str(device), threads=self.threads), torch.no_grad():
            for start in range(0, len(order), 256):
                b = [i for i in order[start:start + 256]]
                nonempty = [i for i in b if len(s.ids[i])]
                for i in b:
                    if not len(s.ids[i]):
                        out[i] = []
                if not nonempty:
                    continue
                ids = self._batch([s.ids[i] for i in nonempty]).to(device)
                cas = self._batch([s.casing[i] for i in nonempty]).to(device)
                mask = self._batch([np.ones(len(s.ids[i]), dtype=np.int64) for i in nonempty]).bool().to(device)
                paths = self.model.crf.viterbi(self.model.emissions(ids, cas, mask), mask)
                for i, path in zip(nonempty, paths):
                    out[i] = self.vocab.decode(path)
        return out  # type: ignore[return-value]
