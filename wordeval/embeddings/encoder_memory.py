"""Upper bounds of what a transformer encoder's forward pass (or fine-tuning step) holds, from its config.json.

``minilm:batch_size=100000`` pads every input of a batch to the batch's longest: with documents cut at 512
tokens one batch is 100,000 x 12 heads x 512^2 attention scores, 1.2 TB, and the cell died in torch after the
run's other cells. Planning now bounds a full batch and refuses, with the estimate, what cannot fit
(``wordeval.memory_limit``): for an explicit ``batch_size`` or ``max_length`` of an encoder spec, batches of
the run's longest input, at most ``max_length`` tokens (the defaults are not checked: data rarely fills 32 x 512
tokens), since inputs are sorted longest first and each batch pads to its longest; for ``bert-finetune``
its 16 windows of at most the longest sentence's UTF-8 bytes. The bound counts, per batch: the hidden states
kept (the layer read, or every layer for ``layer=N``/``last4``), a layer's feed-forward activations, its
attention scores (three copies: scores, softmax, the weighted sum's workspace), plus the weights and a fixed
allowance for torch. Fine-tuning keeps every layer's activations for the backward pass and the weights six
times (the encoder's, the trained copy, its gradients, Adam's two moments, the best epoch's copy).
``tests/test_encoder_memory.py`` checks the bound against the peak RSS of real batches.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wordeval.extrinsic.learners.memory import F32, TORCH_RUNTIME

ATTENTION_COPIES = 3
SPECIAL_TOKENS_ALLOWANCE = 4  # [CLS] and [SEP], or RoBERTa's <s> ... </s></s>
# per token and layer, what training keeps for the backward pass (measured on MiniLM, 16 x 128 tokens: ~17,700
# floats a token and layer, against 21,504 counted here): the layer's input, Q, K, V, attention output,
# projections, layer norms' inputs and dropout masks; the feed-forward's four and the attention's five
TRAINING_STATES_PER_LAYER = 20
TRAINING_INTERMEDIATE_COPIES = 4
TRAINING_ATTENTION_COPIES = 5


@dataclass(frozen=True)
class Geometry:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    positions: int  # the longest input the model takes: its position embeddings' and tokenizer's limit
    weights: int  # bytes of the float32 parameters
    declares_layers: bool = True  # False: the config names its layer count otherwise, 12 assumed


def geometry(model_dir: Path) -> Geometry:
    """The sizes that set an encoder's memory, read from its folder without loading the model."""
    from wordeval.embeddings.config_fields import read_model_config
    from wordeval.embeddings.model_folder import read_json_object

    # read while planning (layer=, max_length=, batch_size=): a broken file, or a size of another type
    # (int("x") was a ValueError traceback), is the user's, in one line
    config = read_model_config(Path(model_dir) / "config.json")
    # DistilBERT's and GPT-2's configs name the sizes otherwise (a GPT-2 was planned as a 768-wide 12-layer model)
    hidden = int(_given(config, "hidden_size", "dim", "n_embd", default=768))
    declared = _given(config, "num_hidden_layers", "n_layers", "n_layer", default=None)
    layers = int(12 if declared is None else declared)
    heads = int(_given(config, "num_attention_heads", "n_heads", "n_head", default=12))
    intermediate = int(_given(config, "intermediate_size", "hidden_dim", "n_inner", default=4 * hidden))
    from wordeval.embeddings.bert_support import usable_positions

    positions = usable_positions(config)
    tokenizer_config = Path(model_dir) / "tokenizer_config.json"
    if tokenizer_config.exists():  # a tokenizer may say less
        said = read_json_object(tokenizer_config, "the tokenizer's settings").get("model_max_length")
        if isinstance(said, (int, float)) and 0 < said < 100_000:
            positions = min(positions, int(said))
    vocab = (int(_given(config, "vocab_size", default=30522)) + positions
             + int(_given(config, "type_vocab_size", default=2)))
    per_layer = 4 * hidden * hidden + 2 * hidden * intermediate + 9 * hidden + intermediate
    pooler = hidden * hidden + hidden
    weights = F32 * (vocab * hidden + layers * per_layer + pooler)
    return Geometry(hidden, layers, heads, intermediate, positions, weights, declared is not None)


def _given(config: dict, *keys: str, default):
    """The value of the first of ``keys`` the config gives: 0 is a value (DeBERTa-v3's "type_vocab_size": 0, a
    config of no layers), where ``or`` took it for a missing key; null (GPT-2's "n_inner") is not given."""
    return next((config[k] for k in keys if config.get(k) is not None), default)


def forward_bytes(g: Geometry, batch: int, length: int, *, all_states: bool) -> dict[str, float]:
    """One inference batch of ``batch`` inputs padded to ``length`` tokens."""
    tokens = batch * length
    states = (g.layers + 1 + 4 if all_states else 3) * tokens * g.hidden * F32
    return {"the attention scores": ATTENTION_COPIES * batch * g.heads * length * length * F32,
            "the hidden states": states, "the feed-forward activations": 2 * tokens * g.intermediate * F32,
            "the weights": g.weights, "torch's runtime": TORCH_RUNTIME}


def training_bytes(g: Geometry, batch: int, length: int) -> dict[str, float]:
    """One fine-tuning step: every layer's activations are kept for the backward pass."""
    tokens = batch * length
    per_layer = (TRAINING_ATTENTION_COPIES * batch * g.heads * length * length
                 + tokens * (TRAINING_STATES_PER_LAYER * g.hidden + TRAINING_INTERMEDIATE_COPIES * g.intermediate))
    return {"the activations kept for the backward pass": g.layers * per_layer * F32,
            "the weights (the encoder's and the trained copy), gradients, Adam's moments, best copy": 6 * g.weights,
            "torch's runtime": TORCH_RUNTIME}


def spec_model_dir(embedding_spec: str) -> tuple[Path, dict] | None:
    """(model folder, spec options) of a ``minilm``/``bert:`` spec; None for another representation, or a
    model that cannot be found (loading says why)."""
    from wordeval.embeddings.bert_support import _resolve_model_dir
    from wordeval.embeddings.load import parse_builder_args, split_label
    from wordeval.errors import WordevalError

    head, _, args = split_label(embedding_spec)[1].partition(":")
    if head not in ("minilm", "bert"):
        return None
    options = parse_builder_args(args)[1]
    try:
        return _resolve_model_dir(options.get("model") or "minilm")[0], options
    except WordevalError:
        return None


def check_encoder_memory(model_dir: Path, *, batch: int, length: int, all_states: bool = False,
                         training: bool = False, what: str, options: str) -> None:
    """Refuse (ConfigError) a full batch that cannot fit; see ``wordeval.memory_limit.check_fits``."""
    from wordeval.memory_limit import check_fits

    g = geometry(model_dir)
    length = min(length, g.positions)
    parts = training_bytes(g, batch, length) if training else forward_bytes(g, batch, length,
                                                                           all_states=all_states)
    check_fits(parts, what=what, options=f"{options} (batches of {batch:,} inputs of up to {length:,} tokens)")


def _inputs(dataset) -> list[tuple[int, str | list[str]]] | None:
    """(UTF-8 bytes, input) of everything an encoder reads from ``dataset``: a tagged sentence's words, a
    document, an STS sentence, a word of a pair; None for items of another shape. A word piece spells at least
    one byte of its word (or is the one unknown piece), so an input's pieces are at most its bytes."""
    out: list[tuple[int, str | list[str]]] = []
    for items in (getattr(dataset, "splits", None) or {}).values():
        for item in items:
            if hasattr(item, "tokens"):
                words = [str(t) for t in item.tokens]
                out.append((sum(max(1, len(w.encode("utf-8", "surrogatepass"))) for w in words), words))
                continue
            texts = [t for a in ("text", "sentence1", "sentence2", "word1", "word2")
                     if isinstance(t := getattr(item, a, None), str)]
            if not texts:
                return None
            out.extend((len(t.encode("utf-8", "surrogatepass")), t) for t in texts)
    return out or None


def longest_input(model_dir: Path, dataset) -> tuple[int, int] | None:
    """(inputs, pieces with the special tokens of the longest) of ``dataset``: the longest's batch is the first,
    and the largest, since inputs are sorted longest first. Inputs are tokenised longest in bytes first, until
    the bytes of the next cannot beat the longest found; without a ``tokenizer.json``, the bytes bound."""
    inputs = _inputs(dataset)
    if inputs is None:
        return None
    return len(inputs), _most_pieces(model_dir, inputs)


def _most_pieces(model_dir: Path, inputs: list[tuple[int, str | list[str]]]) -> int:
    inputs.sort(key=lambda bi: -bi[0])
    try:
        from tokenizers import Tokenizer
        tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
    except Exception:  # no fast tokenizer file (or library): the bound is the bytes'
        return inputs[0][0] + SPECIAL_TOKENS_ALLOWANCE
    tokenizer.no_truncation()
    tokenizer.no_padding()
    longest = 0
    for size, text in inputs:
        if size + SPECIAL_TOKENS_ALLOWANCE <= longest:
            break
        longest = max(longest, len(tokenizer.encode(text, is_pretokenized=isinstance(text, list)).ids))
    return longest


def check_batch_memory(embedding_spec: str, dataset, *, task: str) -> None:
    """Refuse (ConfigError) an encoder spec's explicit ``batch_size``/``max_length`` whose first batch on
    ``dataset`` cannot fit. Bounded by the model's positions alone, ``minilm:batch_size=256`` was refused on an
    8 GiB machine for STS sentences that pad to a few dozen tokens."""
    from wordeval.embeddings.bert import DEFAULT_BATCH_SIZE, _positive_int
    from wordeval.embeddings.load import parse_builder_args, split_label

    found = spec_model_dir(embedding_spec)
    if found is None:
        return
    model_dir, options = found
    if "batch_size" not in options and "max_length" not in options:
        return  # the defaults' full batch (32 x 512 tokens, ~1.6 GiB on MiniLM) is far above what data pads to
    head, _, args = split_label(embedding_spec)[1].partition(":")
    batch = _positive_int("batch_size", options.get("batch_size", DEFAULT_BATCH_SIZE))
    length = _positive_int("max_length", options.get("max_length", 10 ** 9))
    # type-level vectors with contexts= encode the corpus's sentences, not the task's
    found = None if parse_builder_args(args)[1].get("contexts") else longest_input(model_dir, dataset)
    if found is not None:
        count, longest = found
        if longest <= min(length, geometry(model_dir).positions):  # else windows: more inputs than items
            batch = min(batch, count)
        length = min(length, longest)
    given = ", ".join(f"{k} = {options[k]}" for k in ("batch_size", "max_length") if k in options)
    check_encoder_memory(model_dir, batch=batch, length=length,
                         all_states=str(options.get("layer", -1)) not in ("-1", ""), what=f"{head} on {task}",
                         options=given)
