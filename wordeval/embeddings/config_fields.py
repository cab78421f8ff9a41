"""A model folder's config.json fields, checked while the run is planned, before transformers builds a model.

A value of the wrong type ("hidden_size": "x", "num_hidden_layers": "six", "vocab_size": 1.5, null for a size,
a list for an activation's name) was transformers' own TypeError or validation error, a traceback ending in
"this is a bug in wordeval" (exit 1), naming neither the file nor the key; transformers 4 takes several of them
as they come and fails only on the first batch, with the store created, or (an "is_decoder" of "yes") reads
them as true and gives other vectors. What transformers still refuses to build is said in one line too
(``check_config_builds``).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from wordeval.embeddings.model_folder import read_json_object
from wordeval.embeddings.tokenizer_files import key_line
from wordeval.errors import InputFormatError


def _whole(value) -> bool:
    # bool is an int to Python: transformers 5 refuses true for a size, 4 took it as 1
    return isinstance(value, int) and not isinstance(value, bool)


def _whole_or_null(value) -> bool:
    return value is None or _whole(value)


def _number(value) -> bool:
    # an int is accepted: transformers 4 computes with it; 5 refuses one where it wants a float, said by
    # check_config_builds in its words
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _string(value) -> bool:
    return isinstance(value, str)


def _boolean(value) -> bool:
    return isinstance(value, bool)


_WHOLE = (_whole, "a whole number")
_WHOLE_OR_NULL = (_whole_or_null, "a whole number, or null")
_NUMBER = (_number, "a number")
_NAME = (_string, "a name (a string)")
_BOOLEAN = (_boolean, "true or false")

# key -> (the test of its value, what the message says it expects): what the encoders wordeval loads read
# while they are built or run (BERT's names, and the names of the families that name them otherwise: GPT-2's
# n_*, T5's d_*, DistilBERT's dim, Llama's num_key_value_heads), each a type transformers 5's own configs
# declare for it; a key none of them reads is left to transformers. Where a model type's own config gives a
# key a value of another kind (GPT-Neo's intermediate_size null, Gemma 3n's a list of sizes, Swin's heads a
# list), that kind is accepted for that model type (``_kinds_of_defaults``)
CONFIG_FIELD_TYPES = {
    "model_type": (_string, 'a model type transformers knows (a string, such as "bert")'),
    **dict.fromkeys(("vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
                     "max_position_embeddings", "type_vocab_size", "embedding_size", "n_embd", "n_layer",
                     "n_head", "n_positions", "d_model", "num_layers", "num_heads", "d_ff", "d_kv", "dim",
                     "n_layers", "n_heads", "hidden_dim"), _WHOLE),
    **dict.fromkeys(("pad_token_id", "num_key_value_heads", "n_inner", "head_dim"), _WHOLE_OR_NULL),
    **dict.fromkeys(("layer_norm_eps", "layer_norm_epsilon", "rms_norm_eps", "hidden_dropout_prob",
                     "attention_probs_dropout_prob", "dropout_rate", "dropout", "attention_dropout",
                     "initializer_range"), _NUMBER),
    **dict.fromkeys(("hidden_act", "activation", "activation_function", "feed_forward_proj"), _NAME),
    # each changes which tokens a token's vector sees
    **dict.fromkeys(("is_decoder", "is_encoder_decoder", "add_cross_attention"), _BOOLEAN),
}


def check_config_fields(path: Path, config: dict) -> None:
    """The first value of ``config`` (config.json's, read) of a type the model cannot be built from, refused in
    one line naming the file, the line of its key and the type expected."""
    model_type = config.get("model_type")
    fits, expected = CONFIG_FIELD_TYPES["model_type"]
    if "model_type" in config and not fits(model_type):
        raise InputFormatError(path, key_line(path, "model_type"), f"model_type: {expected}",
                               json.dumps(model_type, ensure_ascii=False)[:60])
    own = _kinds_of_defaults(model_type) if isinstance(model_type, str) else {}
    for key, (fits, expected) in CONFIG_FIELD_TYPES.items():
        if key in config and not fits(config[key]) and own.get(key) != _kind(config[key]):
            raise InputFormatError(path, key_line(path, key), f"{key}: {expected}",
                                   json.dumps(config[key], ensure_ascii=False)[:60])


def _kind(value) -> str:
    """The JSON kind of a value, whole numbers apart from the others."""
    if isinstance(value, (list, tuple)):
        return "list"
    return "whole" if _whole(value) else type(value).__name__


def _kinds_of_defaults(model_type: str) -> dict[str, str]:
    """key -> the kind of the value the model type's own transformers config gives it by default, for the keys
    of ``CONFIG_FIELD_TYPES`` whose default it does not accept; nothing for a model type transformers does not
    know (refused by its reading), or whose config it cannot make without arguments."""
    try:
        from transformers.models.auto.configuration_auto import CONFIG_MAPPING

        defaults = CONFIG_MAPPING[model_type]().to_dict()
    except Exception:  # noqa: BLE001 - any config class's own failure to build without arguments
        return {}
    return {key: _kind(defaults[key]) for key, (fits, _) in CONFIG_FIELD_TYPES.items()
            if key in defaults and not fits(defaults[key])}


def read_model_config(path: Path) -> dict:
    """config.json, read and its fields checked (``check_config_fields``)."""
    config = read_json_object(path, "the model's config")
    check_config_fields(path, config)
    return config


def validation_error(path: Path, config: dict, exc: BaseException) -> InputFormatError:
    """transformers 5's own refusal of a config value (huggingface_hub's StrictDataclassError: "Validation
    error for field 'layer_norm_eps': TypeError: Field 'layer_norm_eps' expected float, got int"), in one line
    naming the line of the field."""
    from wordeval.embeddings.model_folder import first_sentence

    text = str(exc)
    field = re.search(r"field '([^']+)'", text)
    cause = exc.__cause__ or exc
    wanted = re.search(r"expected (\w+), got", str(cause))
    if field is None:
        return InputFormatError(path, None, "a config transformers reads", first_sentence(cause))
    key = field[1]
    line = key_line(path, key) if key in config else None
    got = json.dumps(config[key], ensure_ascii=False)[:60] if key in config else first_sentence(cause)
    import transformers

    kind = f"a {wanted[1]}" if wanted else "a value of another type"
    return InputFormatError(path, line, f"{key}: {kind}, as transformers {transformers.__version__} reads it", got)


def check_has_layers(path: Path, config) -> None:
    """A config of no layers ("num_hidden_layers": 0, or below 0), refused in one line naming the line of its
    key. transformers builds it without a word: an encoder of the embedding layer alone (range(0) layers), the
    weights' layers left unused, whose vectors see no word but their own, and whose hidden states (transformers
    5) are none at all. The embedding layer's output is layer=0 of the folder's own config."""
    key = type(config).attribute_map.get("num_hidden_layers", "num_hidden_layers")
    layers = getattr(config, "num_hidden_layers", None)
    if _whole(layers) and layers < 1:
        raise InputFormatError(path, key_line(path, key), f"{key}: at least 1 layer (with {layers}, transformers "
                               "builds the embedding layer alone: no word's vector sees the words around it; "
                               "that layer's output is layer=0 with the folder's own config)", str(layers))


# what building a model from a config it cannot be built from raises inside transformers and torch: an
# unknown activation (KeyError), a hidden size that is no multiple of the heads (ValueError), a negative size
# (RuntimeError), no heads (ZeroDivisionError), a vocabulary of 0 (IndexError)
BUILD_ERRORS = (TypeError, ValueError, KeyError, AttributeError, IndexError, RuntimeError, ZeroDivisionError,
                OverflowError)


def check_config_builds(path: Path, config) -> None:
    """The folder's model built from its config on torch's meta device (no memory, no weights): what transformers
    refuses to build from the config was its traceback when the cell loaded the model, the store created."""
    import torch
    import transformers

    from wordeval.embeddings.bert_support import encoder_class
    from wordeval.embeddings.model_folder import first_sentence

    cls = encoder_class(path.parent)
    try:
        with torch.device("meta"):
            if cls is transformers.AutoModel:
                cls.from_config(config, trust_remote_code=False)
            else:
                cls(config)
    except BUILD_ERRORS as exc:
        if isinstance(exc, KeyError):
            unknown_activation(path, exc)
        raise InputFormatError(path, None, "a config transformers builds a model from",
                               f"{type(exc).__name__}: {first_sentence(exc)}") from None


_ACTIVATION_KEYS = ("hidden_act", "activation_function", "activation", "feed_forward_proj", "hidden_activation")


def unknown_activation(path: Path, exc: KeyError) -> None:
    """An activation's name transformers does not know ("hidden_act": "gelu_nwe") said naming the line of its
    key and the names it knows, where it was a KeyError's text (KeyError: 'gelu_nwe'); a KeyError of anything
    else returns."""
    import transformers
    from transformers.activations import ACT2FN

    from wordeval.options import close_hint

    missing = exc.args[0] if len(exc.args) == 1 else None
    if not isinstance(missing, str) or missing in ACT2FN:
        return
    settings = read_json_object(path, "the model's config")
    for key in _ACTIVATION_KEYS:
        value = settings.get(key)
        # T5's feed_forward_proj names its activation last ("gated-gelu")
        if isinstance(value, str) and missing in (value, value.rpartition("-")[2]):
            raise InputFormatError(path, key_line(path, key), f"{key}: an activation transformers "
                                   f"{transformers.__version__} knows ({', '.join(sorted(ACT2FN))})",
                                   json.dumps(value, ensure_ascii=False)[:60]
                                   + close_hint([missing], ACT2FN)) from None
