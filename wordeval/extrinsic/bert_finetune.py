"""Optional fine-tuning baseline: a transformers encoder + a linear head on mean-pooled token states,
trained end to end with cross-entropy (``classification`` config ``learner="finetune"``).

The encoder under test is never modified: a fresh copy of its weights is loaded from its model folder
(``embedding.model_dir``, as ``wordeval.embeddings.bert.BertEncoder`` has). Training uses only the training
documents given; there is no early stopping on test (a fixed number of epochs, recorded). All randomness
(head initialisation, dropout, batch order) comes from ``seed``; on CPU reruns give the same predictions.
"""
from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any, Sequence

from wordeval.errors import ConfigError

DEFAULTS: dict[str, Any] = {"epochs": 1, "learning_rate": 2e-5, "head_learning_rate": 1e-3, "batch_size": 16,
                            "max_length": 128, "weight_decay": 0.01, "warmup": 0.1, "device": None}


def check_options(options: dict[str, Any]) -> dict[str, Any]:
    """The fine-tuning options over DEFAULTS, checked (a ConfigError names the first bad one)."""
    unknown = sorted(set(options) - set(DEFAULTS))
    if unknown:
        raise ConfigError(f"unknown finetune option(s) {', '.join(unknown)}; known: {', '.join(DEFAULTS)}")
    opts = {**DEFAULTS, **options}
    for key in ("epochs", "batch_size", "max_length"):
        if not isinstance(opts[key], int) or opts[key] < 1:
            raise ConfigError(f"finetune {key} must be a positive integer, got {opts[key]!r}")
    for key in ("learning_rate", "head_learning_rate"):
        value = opts[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
            raise ConfigError(f"finetune {key} must be a positive number, got {opts[key]!r}")
    if not 0 <= opts["warmup"] < 1:
        raise ConfigError(f"finetune warmup must be a fraction in [0, 1), got {opts['warmup']!r}")
    return opts


def model_dir_of(embedding) -> Path:
    path = getattr(embedding, "model_dir", None)
    if path is None or not (Path(os.fspath(path)) / "config.json").exists():
        name = getattr(getattr(embedding, "info", None), "name", "embedding")
        raise ConfigError(f"learner=finetune needs a transformers encoder with a model folder; {name} has none")
    return Path(os.fspath(path))


def _within_positions(model_dir: Path, max_length: int, *, given: bool) -> int:
    """The cut for texts: the default 128 on a model of fewer positions ran longer texts into a tensor-size
    error inside it; there the cut is the model's limit, and a longer one the user gave is refused."""
    from wordeval.embeddings.encoder_memory import geometry

    limit = geometry(model_dir).positions
    if max_length <= limit:
        return max_length
    if given:
        raise ConfigError(f"finetune max_length={max_length}: this model handles at most {limit} tokens")
    return limit


def finetune_predict(embedding, train_texts: Sequence[str], train_labels: Sequence[str],
                     test_texts: Sequence[str], *, seed: int = 0, **options: Any) -> tuple[list[str], dict]:
    """Fine-tune a copy of ``embedding``'s encoder on the training texts; return test predictions and info."""
    import torch
    from transformers import AutoTokenizer

    from wordeval.embeddings.bert_support import (load_encoder_model, lowercase_input,
                                                  sentence_transformers_lowercases)

    opts = check_options(options)
    model_dir = model_dir_of(embedding)
    opts["max_length"] = _within_positions(model_dir, opts["max_length"], given="max_length" in options)
    device = torch.device(opts["device"] or ("cuda" if torch.cuda.is_available() else "cpu"))
    classes = sorted(set(train_labels))
    if len(classes) < 2:
        raise ConfigError(f"fine-tuning needs at least two classes in the training data, got {classes}")
    y = torch.tensor([classes.index(lab) for lab in train_labels], dtype=torch.long)

    torch.manual_seed(seed)
    tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True, use_fast=True)
    if sentence_transformers_lowercases(model_dir):  # as the encoder reads it (BertEncoder)
        lowercase_input(tokenizer)
    encoder = load_encoder_model(model_dir, allow_pickle=getattr(embedding, "allow_pickle", False)).to(device)
    head = torch.nn.Linear(encoder.config.hidden_size, len(classes)).to(device)
    dropout = torch.nn.Dropout(getattr(encoder.config, "hidden_dropout_prob", 0.1))

    def encode(texts):
        enc = tokenizer(list(texts), padding=True, truncation=True, max_length=opts["max_length"],
                        return_tensors="pt")
        return {k: v.to(device) for k, v in enc.items() if k in ("input_ids", "attention_mask", "token_type_ids")}

    def logits(batch, train: bool):
        h = encoder(**batch).last_hidden_state
        m = batch["attention_mask"].unsqueeze(-1).to(h.dtype)
        pooled = (h * m).sum(dim=1) / m.sum(dim=1).clamp(min=1e-9)
        return head(dropout(pooled) if train else pooled)

    # The pretrained encoder takes small steps, the fresh head larger ones (as in most fine-tuning recipes).
    optim = torch.optim.AdamW([
        {"params": encoder.parameters(), "lr": opts["learning_rate"], "weight_decay": opts["weight_decay"]},
        {"params": head.parameters(), "lr": opts["head_learning_rate"], "weight_decay": 0.0}])
    n, bs = len(train_texts), opts["batch_size"]
    total = opts["epochs"] * math.ceil(n / bs)
    warm = int(opts["warmup"] * total)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda step: (step + 1) / max(1, warm) if step < warm else max(0.0, (total - step) / max(1, total - warm)))
    gen = torch.Generator().manual_seed(seed)
    losses = []
    encoder.train()
    for _ in range(opts["epochs"]):
        order = torch.randperm(n, generator=gen).tolist()
        for start in range(0, n, bs):
            idx = order[start:start + bs]
            batch = encode([train_texts[i] for i in idx])
            loss = torch.nn.functional.cross_entropy(logits(batch, True), y[idx].to(device))
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(encoder.parameters()) + list(head.parameters()), 1.0)
            optim.step()
            sched.step()
            losses.append(float(loss.detach().cpu()))
    encoder.eval()
    preds: list[str] = []
    with torch.inference_mode():
        for start in range(0, len(test_texts), 2 * bs):
            out = logits(encode(test_texts[start:start + 2 * bs]), False)
            preds.extend(classes[i] for i in out.argmax(dim=1).cpu().tolist())
    from wordeval.embeddings.cut_texts import count_longer

    # documents read only up to max_length tokens (128 by default), per split
    cut = {split: {"texts": len(texts), "cut": count_longer(tokenizer, texts, opts["max_length"]),
                   "max_tokens": opts["max_length"]} for split, texts in (("train", train_texts), ("test", test_texts))}
    info = {"learner": "finetune", "model_dir": str(model_dir), "device": device.type, "steps": total,
            "first_loss": losses[0] if losses else None, "last_loss": losses[-1] if losses else None,
            "cut_texts": cut,
            **{k: v for k, v in opts.items() if k != "device"}}
    return preds, info
