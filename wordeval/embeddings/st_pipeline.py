"""The sentence-transformers pipeline a model folder's modules.json lists, as far as ``bert:model=`` runs it.

``SentenceTransformer(folder).encode`` runs each module in turn: the Transformer, a Pooling, then e.g. a
Normalize (all-MiniLM-L6-v2 lists one: its vectors have unit length). The encoder runs the Transformer and
pools, and applies a Normalize where the folder lists one; a module it cannot run (a Dense projection, a
LayerNorm, ...) makes the folder's sentence vectors something it cannot give, so they are refused, naming
modules.json, rather than scored as the model's own.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from wordeval.errors import InputFormatError, NotAvailableError

# the module types that hold the transformer: sentence-transformers 0.x saved each architecture under a class of
# its own (0_BERT/ as sentence_transformers.models.BERT, ...), a plain Hugging Face encoder with its tokenizer and
# sentence_bert_config.json as a Transformer module keeps them; 0.x's T5 is left out, as it put a task prefix
# before every text
TRANSFORMER_TYPES = ("Transformer", "BERT", "RoBERTa", "DistilBERT", "XLMRoBERTa", "ALBERT", "CamemBERT", "XLNet")
RUNNABLE = TRANSFORMER_TYPES + ("Pooling", "Normalize")


@dataclass(frozen=True)
class SentencePipeline:
    """The modules after the transformer that the encoder applies (``applied``, for the record), the folder's
    own pooling (a sentence-transformers mode name), whether the pooled vectors are scaled to unit length, and
    the error to raise for sentence vectors it cannot give."""
    applied: tuple[str, ...]
    pooling: str = "mean"
    normalize: bool = False
    prompt: str = ""  # the folder's default prompt, put before every text
    include_prompt: bool = True  # whether the pooling reads the prompt's tokens
    refusal: Exception | None = None

    def check(self) -> None:
        if self.refusal is not None:
            raise self.refusal


def read_pipeline(model_dir: Path) -> SentencePipeline:
    """What ``modules.json`` asks for; a folder without one pools the transformer's states (as
    sentence-transformers does for a plain transformers folder: mean pooling, no normalisation)."""
    path = Path(model_dir) / "modules.json"
    if not path.is_file():
        return SentencePipeline(("Pooling(mean)",))
    modules = _read_json(path, "a JSON list of modules")
    if isinstance(modules, Exception):
        return SentencePipeline((), refusal=modules)
    if not isinstance(modules, list) or not all(isinstance(m, dict) and isinstance(m.get("type"), str)
                                                for m in modules):
        return SentencePipeline((), refusal=InputFormatError(path, None, "a JSON list of modules, each with a "
                                                             "'type'", type(modules).__name__))
    kinds = [(m["type"].rsplit(".", 1)[-1], str(m.get("path") or m["type"])) for m in modules]
    others = [f"{where} ({kind})" for kind, where in kinds if kind not in RUNNABLE]
    if others:
        return SentencePipeline((), refusal=NotAvailableError(
            f"{path}: lists {', '.join(others)}, which bert:model= cannot run; expected only Transformer, Pooling "
            "and Normalize modules (for this model's own sentence vectors give the Python API a "
            "sentence_transformers.SentenceTransformer loaded from the folder)"))
    pooling, include_prompt = "mean", True  # what sentence-transformers runs where modules.json lists no Pooling
    for kind, where in kinds:
        if kind == "Pooling":
            pooling, include_prompt = _pooling_mode(Path(model_dir) / where / "config.json")
            if isinstance(pooling, Exception):
                return SentencePipeline((), refusal=pooling)
    prompt = default_prompt(Path(model_dir) / "config_sentence_transformers.json")
    if isinstance(prompt, Exception):
        return SentencePipeline((), refusal=prompt)
    normalize = any(kind == "Normalize" for kind, _ in kinds)
    applied = ((f"Prompt({prompt!r}{', not pooled' if not include_prompt else ''})",) if prompt else ()) + (
        f"Pooling({pooling})",) + (("Normalize",) if normalize else ())
    return SentencePipeline(applied, pooling=pooling, normalize=normalize, prompt=prompt,
                            include_prompt=include_prompt)


def default_prompt(path: Path) -> str | Exception:
    """The prompt ``SentenceTransformer.encode`` puts before every text unless told otherwise: the one its
    config_sentence_transformers.json names as ``default_prompt_name`` (E5- or BGE-style "query: " models
    saved so); empty where it names none."""
    if not path.is_file():
        return ""
    config = _read_json(path, "a JSON object")
    if isinstance(config, Exception):
        return config
    if not isinstance(config, dict):
        return InputFormatError(path, None, "a JSON object", type(config).__name__)
    name, prompts = config.get("default_prompt_name"), config.get("prompts") or {}
    if name is None:
        return ""
    if not isinstance(prompts, dict) or not isinstance(prompts.get(name), str):
        return InputFormatError(path, None, f"a prompt named {name!r} (its default_prompt_name) under 'prompts'",
                                repr(sorted(prompts) if isinstance(prompts, dict) else prompts))
    return prompts[name]


POOLING_MODES = ("cls", "max", "mean", "mean_sqrt_len_tokens", "weightedmean", "lasttoken")
# the flags of sentence-transformers < 6, in the order it concatenated them
_FLAGS = (("pooling_mode_cls_token", "cls"), ("pooling_mode_max_tokens", "max"),
          ("pooling_mode_mean_tokens", "mean"), ("pooling_mode_mean_sqrt_len_tokens", "mean_sqrt_len_tokens"),
          ("pooling_mode_weightedmean_tokens", "weightedmean"), ("pooling_mode_lasttoken", "lasttoken"))


def _pooling_mode(path: Path) -> tuple[str | Exception, bool]:
    """The one pooling a Pooling module's config.json names, read as sentence-transformers reads it (its
    ``pooling_mode``, else the older flags, else mean), or the error refusing it; and its ``include_prompt``."""
    config = _read_json(path, "a Pooling module's JSON config")
    if isinstance(config, Exception):
        return config, True
    if not isinstance(config, dict):
        return InputFormatError(path, None, "a Pooling module's JSON config (an object)", type(config).__name__), True
    return _mode(path, config), config.get("include_prompt", True) is not False


def _mode(path: Path, config: dict) -> str | Exception:
    modes = config.get("pooling_mode")
    if modes is None:
        modes = [mode for key, mode in _FLAGS if config.get(key)] or ["mean"]
    modes = [modes] if isinstance(modes, str) else modes
    if not isinstance(modes, list) or not modes or any(m not in POOLING_MODES for m in modes):
        return InputFormatError(path, None, f"pooling_mode one of {', '.join(POOLING_MODES)}", repr(modes))
    if len(modes) > 1:  # vectors of several times the model's width, which the encoder does not give
        return NotAvailableError(f"{path}: concatenates the poolings {' + '.join(modes)}, which bert:model= cannot "
                                 "run; expected one pooling_mode")
    return modes[0]


def pool(states, mask, mode: str):
    """Each input's vector from its token ``states`` (batch, tokens, dim; torch) under its attention ``mask``
    (ones, then padding zeros), by a sentence-transformers pooling mode, as its Pooling module computes it."""
    import torch

    m = mask.unsqueeze(-1).to(states.dtype)
    if mode == "cls":  # the first token pooled (after a prompt left out of the pooling)
        return states[torch.arange(len(states), device=states.device), mask.to(torch.int).argmax(dim=1)]
    if mode == "max":
        return states.masked_fill(m == 0, float("-inf")).max(dim=1).values
    if mode == "lasttoken":
        # the last position the mask keeps, not its count less one: a prompt left out of the pooling zeroes the
        # mask's first positions, and the count then pointed that many tokens before the text's end
        last = mask.shape[1] - 1 - mask.to(torch.int).flip(1).argmax(dim=1)
        return states[torch.arange(len(states), device=states.device), last] * m.amax(dim=1)
    if mode == "weightedmean":  # position weights 1, 2, ... from the first token
        m = m * torch.arange(1, states.shape[1] + 1, device=states.device, dtype=states.dtype).view(1, -1, 1)
    total = (states * m).sum(dim=1)
    count = m.sum(dim=1).clamp(min=1e-9)
    return total / (count.sqrt() if mode == "mean_sqrt_len_tokens" else count)


def _read_json(path: Path, what: str):
    """A settings file's JSON value, or the InputFormatError naming it (and the line where it stops parsing)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return InputFormatError(path, exc.lineno, what, f"not JSON ({exc.msg}, column {exc.colno})")
    except UnicodeDecodeError:
        return InputFormatError(path, None, what, "bytes that are not UTF-8")
    except OSError as exc:
        return InputFormatError(path, None, what, f"a file that cannot be read ({exc.strerror or exc})")
