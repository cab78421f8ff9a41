"""Full fine-tuning of a transformer encoder for sequence labelling (``learner="bert-finetune"``).

A fresh copy of the encoder's weights (loaded from its model folder, as ``bert_finetune`` does for
classification) plus a linear token-classification head on the **first subword** of each word; the other
subwords (and the special tokens) carry the label -100 and are ignored by the loss. AdamW with linear warmup
and linear decay (encoder and head in separate parameter groups: the pretrained encoder takes small steps,
the fresh head larger ones), gradient clipping at 1, early stopping on dev (the best dev epoch is restored).
All randomness comes from ``seed``: ``torch.manual_seed`` (head initialisation, dropout) and a seeded
generator for the batch order, so on CPU the same seed gives the same predictions.

Long sentences are never truncated: they use the encoder's own windowing (``BertEncoder._windows``):
overlapping windows of ``encoder.window`` subwords, and every word is trained on, and predicted from, the one
window where it has the most context on its poorer side — the same rule that picks its frozen features. So a
word is labelled exactly once per epoch, and the stitched prediction has one tag per word.

Why a learner of its own rather than ``finetune=True`` with the window MLP: the model is different (the
encoder *is* the tagger: no window of features, no casing embedding, no MLP) and so are its optimiser,
learning rates and epoch budget; ``finetune=True`` keeps its meaning "also train the input rows of this
learner" for word-lookup representations.
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from wordeval.errors import ConfigError
from wordeval.extrinsic.learners.torch_common import (EarlyStopping, ScoreFn, TagVocab, torch_session,
                                                      progress_enabled)
from wordeval.progress import progress_bar

# Epochs per run profile; fine-tuning converges in a few epochs (and each costs far more than an MLP's).
PROFILE_EPOCHS = {"quick": 3, "default": 5, "full": 10}


class _Window:
    __slots__ = ("sentence", "ids", "positions", "words")

    def __init__(self, sentence: int, ids: list[int], positions: list[int], words: list[int]):
        self.sentence, self.ids, self.positions, self.words = sentence, ids, positions, words


class _SplitInputs:
    """One split, cut into the encoder's windows; ``tokens`` mirrors ``SplitFeatures.tokens``."""

    def __init__(self, encoder, tokens: Sequence[Sequence[str]]):
        self.tokens = [tuple(t) for t in tokens]
        self.windows: list[_Window] = []
        self.n_oov = self.n_tokens = 0
        offset = len(encoder._prefix)
        unk = encoder.tokenizer.unk_token_id
        for i, words in enumerate(self.tokens):
            pieces, spans = encoder._pieces(words)
            self.n_tokens += len(spans)
            # a word the tokenizer can only spell as the unknown piece is what "OOV" means for subwords
            self.n_oov += sum(e - s == 1 and pieces[s] == unk for s, e in spans)
            if not spans:
                continue
            starts, chosen = encoder._windows(len(pieces), spans)
            for wi, a in enumerate(starts):
                mine = [w for w, c in enumerate(chosen) if c == wi]
                # max(s, a): a (pathological) word longer than the window starts before it
                positions = [max(spans[w][0], a) - a + offset for w in mine]
                ids = encoder._prefix + pieces[a:a + encoder.window] + encoder._suffix
                self.windows.append(_Window(i, ids, positions, mine))


class EncoderInputs:
    """What ``bert-finetune`` gets instead of frozen features: the encoder (model folder, tokenizer,
    windowing) and each split's words, already cut into windows."""

    level = "subword (fine-tuned)"

    def __init__(self, encoder, tokens_by_split: dict[str, Sequence[Sequence[str]]]):
        from wordeval.embeddings.bert import BertEncoder
        from wordeval.extrinsic.bert_finetune import model_dir_of

        encoder = getattr(encoder, "unwrapped", encoder)  # the runner's encoding cache wraps encoders
        if not isinstance(encoder, BertEncoder):
            name = getattr(getattr(encoder, "info", None), "name", type(encoder).__name__)
            raise ConfigError(f"learner=bert-finetune needs a transformers encoder (e.g. minilm); {name} is not one")
        try:
            self.model_dir = model_dir_of(encoder)
        except ConfigError:
            raise ConfigError(f"learner=bert-finetune needs an encoder with a model folder; "
                              f"{encoder.info.name} has none") from None
        self.encoder = encoder
        self.splits = {s: _SplitInputs(encoder, toks) for s, toks in tokens_by_split.items()}

    def oov_rates(self) -> dict[str, float]:
        return {s: (x.n_oov / x.n_tokens if x.n_tokens else float("nan")) for s, x in self.splits.items()}


def _positive(name: str, value, kind=int) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float) if kind is float else int) or value <= 0:
        raise ConfigError(f"bert-finetune {name} must be a positive {'number' if kind is float else 'integer'}, "
                          f"got {value!r}")


class BertFineTuneTagger:
    name = "bert-finetune"
    needs_encoder = True  # the evaluator passes EncoderInputs, not frozen features

    def __init__(self, *, epochs: int = 3, patience: int = 2, lr: float = 5e-5, head_lr: float = 1e-3,
                 batch_size: int = 16, warmup: float = 0.1, weight_decay: float = 0.01, dropout: float = 0.1,
                 device: str = "auto", threads: int | None = 1, finetune: bool = True):
        for key, value, kind in (("epochs", epochs, int), ("patience", patience, int), ("lr", lr, float),
                                 ("head_lr", head_lr, float), ("batch_size", batch_size, int)):
            _positive(key, value, kind)
        if not 0 <= warmup < 1:
            raise ConfigError(f"bert-finetune warmup must be a fraction in [0, 1), got {warmup!r}")
        if not 0 <= dropout < 1:
            raise ConfigError(f"bert-finetune dropout must be in [0, 1), got {dropout!r}")
        if device not in ("auto", "cpu", "cuda"):
            raise ConfigError(f"device must be auto, cpu or cuda, got {device!r}")
        if finetune is not True:
            raise ConfigError("learner=bert-finetune always fine-tunes the encoder; for frozen token features "
                              "use learner mlp, bilstm-crf, crf or perceptron")
        self.epochs, self.patience, self.lr, self.head_lr = epochs, patience, float(lr), float(head_lr)
        self.batch_size, self.warmup, self.weight_decay = batch_size, float(warmup), float(weight_decay)
        self.dropout, self.device_name, self.threads = float(dropout), device, threads
        self.subword, self.decode = "first", "greedy"
        self.model = None
        self.history: list[float] = []
        self.best_epoch = -1

    def _build(self, model_dir, n_tags: int, *, allow_pickle: bool = False):
        from torch import nn

        from wordeval.embeddings.bert_support import load_encoder_model

        class Net(nn.Module):
            def __init__(self, dropout: float):
                super().__init__()
                # loaded from disk: a private copy, so the caller's encoder is never trained
                self.encoder = load_encoder_model(model_dir, allow_pickle=allow_pickle)
                self.drop = nn.Dropout(dropout)
                self.head = nn.Linear(self.encoder.config.hidden_size, n_tags)

            def forward(self, ids, mask):
                return self.head(self.drop(self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state))

        return Net(self.dropout)

    def _batch(self, windows: Sequence[_Window], labels: Sequence[np.ndarray] | None, device):
        import torch

        width = max(len(w.ids) for w in windows)
        ids = torch.full((len(windows), width), self._pad, dtype=torch.long)
        mask = torch.zeros((len(windows), width), dtype=torch.long)
        y = torch.full((len(windows), width), -100, dtype=torch.long)
        for row, w in enumerate(windows):
            ids[row, :len(w.ids)] = torch.tensor(w.ids, dtype=torch.long)
            mask[row, :len(w.ids)] = 1
            if labels is not None:
                y[row, w.positions] = torch.as_tensor(labels[row])
        return ids.to(device), mask.to(device), y.to(device)

    def fit(self, inputs: EncoderInputs, train_tags: Sequence[Sequence[str]], dev_tags: Sequence[Sequence[str]],
            *, score: ScoreFn, seed: int = 0, progress: bool = True) -> "BertFineTuneTagger":
        if not isinstance(inputs, EncoderInputs):
            raise ConfigError("learner=bert-finetune needs EncoderInputs (a transformers encoder), not frozen features")
        # torch's thread count is this learner's only while it trains, then the caller's again
        with torch_session(self.device_name, threads=self.threads) as device:
            return self._fit(inputs, train_tags, dev_tags, score=score, seed=seed, progress=progress, device=device)

    def _fit(self, inputs, train_tags, dev_tags, *, score: ScoreFn, seed: int, progress: bool, device):
        import torch

        torch.manual_seed(seed)
        self.vocab = TagVocab(train_tags)
        tok = inputs.encoder.tokenizer
        self._pad = tok.pad_token_id if tok.pad_token_id is not None else 0
        self.model = self._build(inputs.model_dir, len(self.vocab),
                                 allow_pickle=getattr(inputs.encoder, "allow_pickle", False)).to(device)
        train = inputs.splits["train"].windows
        encoded = [self.vocab.encode(t) for t in train_tags]
        labels = [encoded[w.sentence][w.words] for w in train]
        head = list(self.model.head.parameters())
        opt = torch.optim.AdamW([
            {"params": list(self.model.encoder.parameters()), "lr": self.lr, "weight_decay": self.weight_decay},
            {"params": head, "lr": self.head_lr, "weight_decay": 0.0}])
        total = self.epochs * math.ceil(len(train) / self.batch_size)
        warm = int(self.warmup * total)
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda step: (step + 1) / max(1, warm) if step < warm
            else max(0.0, (total - step) / max(1, total - warm)))
        loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
        gen = torch.Generator().manual_seed(seed)
        stopper = EarlyStopping(self.patience)
        bar = progress_bar(range(self.epochs), shown=progress_enabled(progress), desc=f"bert-finetune seed {seed}",
                           leave=False)
        for epoch in bar:
            self.model.train()
            order = torch.randperm(len(train), generator=gen).tolist()
            for start in range(0, len(order), self.batch_size):
                b = order[start:start + self.batch_size]
                ids, mask, y = self._batch([train[i] for i in b], [labels[i] for i in b], device)
                logits = self.model(ids, mask)
                loss = loss_fn(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
                opt.step()
                sched.step()
            dev_score = score(dev_tags, self.predict(inputs, "dev"))
            if stopper.after_epoch(epoch, dev_score, self.model, bar):
                break
        stopper.finish(self, self.model)
        return self

    def predict(self, inputs: EncoderInputs, split: str) -> list[list[str]]:
        import torch

        part = inputs.splits[split]
        out = [np.zeros(len(t), dtype=np.int64) for t in part.tokens]
        windows = part.windows
        order = sorted(range(len(windows)), key=lambda i: -len(windows[i].ids))  # less padding
        device = next(self.model.parameters()).device
        self.model.eval()
        with torch.inference_mode():
            for start in range(0, len(order), 4 * self.batch_size):
                chunk = [windows[i] for i in order[start:start + 4 * self.batch_size]]
                ids, mask, _ = self._batch(chunk, None, device)
                best = self.model(ids, mask).argmax(-1).cpu().numpy()
                for row, w in enumerate(chunk):
                    out[w.sentence][w.words] = best[row, w.positions]
        return [self.vocab.decode(p) for p in out]
