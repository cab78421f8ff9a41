"""What loading a ``bert:model=FOLDER`` would stumble on, found from the folder's files while the run is planned.

Each of these was found only when the cell loaded the model, after the run had created its store: an
unparseable or unrecognised config.json, no weight file, a safetensors file whose header is not one or whose
tensor data is not as long as its header says (each a transformers traceback, exit 1), a tokenizer.json that
is not JSON or not a tokenizer, a vocab.txt that is not UTF-8, and a folder with no tokenizer vocabulary at
all, which transformers 5 loads as a tokenizer of special tokens only: every word became [UNK] and the run
scored identical vectors without a word. The tokenizer's settings and BPE files: ``tokenizer_files``. Weights
that lack tensors of the model or have other shapes are found by loading them
(``bert_support.load_encoder_model``); the runner loads the first representation before it opens the store
(``runner.load_before_store``).
"""
from __future__ import annotations

import json
import struct
from pathlib import Path

from wordeval.errors import InputFormatError, MissingFileError

# the files a transformers tokenizer builds its vocabulary from (SentencePiece models end in .model)
VOCABULARY_FILES = ("tokenizer.json", "vocab.txt", "vocab.json")
SAFETENSORS_HEADER_BYTES = 8
# weight files of TensorFlow (tf_model.h5) and Flax (flax_model.msgpack), which no model here is loaded from
OTHER_FRAMEWORK_SUFFIXES = (".h5", ".msgpack")


def check_model_folder(model_dir: Path) -> None:
    """InputFormatError/MissingFileError naming the file for what makes the folder unloadable or unreadable."""
    model_dir = Path(model_dir)
    refuse_special_files(model_dir)  # a hub snapshot, or the older layout's 0_Transformer/
    _check_config(model_dir / "config.json")
    _check_weights(model_dir)
    _check_tokenizer(model_dir)
    _check_sentence_pipeline(model_dir)


def refuse_special_files(model_dir: Path) -> None:
    """Every file of the folder and of its module folders (1_Pooling/) that is a FIFO, a device or a socket,
    refused before any is read: transformers opens what it finds, and a FIFO config.json or modules.json held
    the command for good, while a tokenizer_config.json or tokenizer.json that is one was passed over as absent
    (another tokenizer, other vectors) and one linked to /dev/null was a traceback."""
    from wordeval.paths import refuse_special_file

    for folder in (model_dir, *(f for f in sorted(model_dir.iterdir()) if f.is_dir())):
        for entry in sorted(folder.iterdir()):
            refuse_special_file(entry)


def _check_sentence_pipeline(model_dir: Path) -> None:
    """A sentence-transformers settings file that does not parse (modules.json, a Pooling config, the prompts),
    refused while the run is planned: found by the first sentence task, it stopped the run with its store
    created. A module the encoder cannot run is not refused here: the folder's token features need none."""
    from wordeval.embeddings.bert_support import pipeline_folder
    from wordeval.embeddings.st_pipeline import read_pipeline

    refusal = read_pipeline(pipeline_folder(model_dir)).refusal
    if isinstance(refusal, InputFormatError):
        raise refusal
    # its max_seq_length and do_lower_case were read as absent from a file that does not parse: texts cut at
    # the model's 512 tokens, not lowercased, where sentence-transformers refuses the folder
    from wordeval.embeddings.bert_support import sentence_transformers_config
    if sentence_transformers_config(model_dir).is_file():
        read_json_object(sentence_transformers_config(model_dir), "the sentence-transformers settings")


def _json_file(path: Path, what: str):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputFormatError(path, exc.lineno, what, f"not JSON ({exc.msg}, column {exc.colno})") from None
    except UnicodeDecodeError:
        raise InputFormatError(path, None, what, "bytes that are not UTF-8") from None


def read_json_object(path: Path, what: str) -> dict:
    """A folder's JSON settings file (config.json, tokenizer_config.json), refused in one line naming it."""
    value = _json_file(path, f"{what} (a JSON object)")
    if not isinstance(value, dict):
        names = {"str": "string", "int": "number", "float": "number", "bool": "boolean"}
        kind = "null" if value is None else names.get(type(value).__name__, type(value).__name__)
        raise InputFormatError(path, None, f"{what} (a JSON object)", f"a JSON {kind}")
    return value


def _check_config(path: Path) -> None:
    from wordeval.embeddings.config_fields import (check_config_builds, check_config_fields, check_has_layers,
                                                   validation_error)
    from wordeval.embeddings.tokenizer_files import key_line

    settings = read_json_object(path, "the model's config")
    _refuse_custom_code(path, settings, ("AutoConfig", "AutoModel"))
    check_config_fields(path, settings)
    from transformers import AutoConfig

    try:  # transformers' own reading: a model_type it does not know, or none, is refused here as when loading
        config = AutoConfig.from_pretrained(path.parent, local_files_only=True, trust_remote_code=False)
    except _validation_errors() as exc:
        raise validation_error(path, settings, exc) from None
    except (OSError, ValueError, KeyError) as exc:
        raise InputFormatError(path, key_line(path, "model_type") if "model_type" in settings else None,
                               "a config whose model_type this transformers version knows",
                               first_sentence(exc)) from None
    except (TypeError, AttributeError) as exc:  # a value transformers 5 converts ("dtype": "x")
        raise InputFormatError(path, None, "a config transformers reads",
                               f"{type(exc).__name__}: {first_sentence(exc)}") from None
    from wordeval.embeddings.bert_support import ENCODER_ONLY_CLASSES

    # AutoModel of an encoder-decoder (BART, mBART, Pegasus, Marian...) runs its decoder on the text shifted by
    # one token and returns the decoder's states: those were scored as the words' token features, and any
    # layer but the last was an AttributeError traceback (its output has no hidden_states)
    if getattr(config, "is_encoder_decoder", False) and config.model_type not in ENCODER_ONLY_CLASSES:
        raise InputFormatError(path, None, "an encoder, or a T5-family model (read through its encoder: "
                               f"{', '.join(ENCODER_ONLY_CLASSES)})", f"model_type {config.model_type!r}, an "
                               "encoder-decoder whose transformers model returns its decoder's states")
    _check_reads_token_ids(path, config)
    check_has_layers(path, config)
    check_config_builds(path, config)


def _validation_errors() -> tuple[type[BaseException], ...]:
    """huggingface_hub's errors for a config value of another type than transformers 5's config declares
    (none before huggingface_hub 1.0, whose transformers read any type)."""
    try:
        from huggingface_hub.errors import StrictDataclassError
    except ImportError:
        return ()
    return (StrictDataclassError,)


# inputs other than text: a model whose forward takes one of these was run on token ids alone and failed
# inside transformers (a traceback, exit 1, with the store created: ViT, wav2vec 2.0), or on the composite
# config's missing hidden_size (CLIP, SigLIP: their text tower has its own model_type, e.g. clip_text_model)
NON_TEXT_INPUTS = ("pixel_values", "input_values", "input_features")


def _check_reads_token_ids(path: Path, config) -> None:
    """Refuse a config whose transformers model is not a text encoder that reads token ids alone."""
    import inspect

    from wordeval.embeddings.bert_support import ENCODER_ONLY_CLASSES
    try:
        import transformers
        from transformers.models.auto.modeling_auto import MODEL_MAPPING
        name = ENCODER_ONLY_CLASSES.get(config.model_type)
        model_class = getattr(transformers, name) if name else MODEL_MAPPING[type(config)]
    except (ImportError, KeyError, AttributeError):  # a model AutoModel cannot load: said when it loads
        return
    # several classes for one config (Funnel's full and base model): AutoModel picks one by architectures
    classes = model_class if isinstance(model_class, (tuple, list)) else (model_class,)
    for cls in classes:
        params = inspect.signature(cls.forward).parameters
        other = [p for p in NON_TEXT_INPUTS if p in params]
        if other or "input_ids" not in params:
            reads = ", ".join(other) or ", ".join(p for p in params if p != "self")[:60]
            raise InputFormatError(path, None, "a text encoder, whose transformers model reads token ids "
                                   "(input_ids) alone", f"model_type {config.model_type!r}, whose "
                                   f"{cls.__name__} reads {reads}")


def _refuse_custom_code(path: Path, settings: dict, classes: tuple[str, ...]) -> None:
    """A folder whose ``auto_map`` gives its own code for a class wordeval loads asks for remote code, which is
    never run. Where its model_type is one transformers knows, trust_remote_code=False loaded transformers' own
    class instead, without a word: the vectors scored were not those of the model the folder describes."""
    auto_map = settings.get("auto_map")
    named = [c for c in classes if isinstance(auto_map, dict) and c in auto_map]
    if named:
        code = auto_map[named[0]]
        code = next((c for c in code if c), code) if isinstance(code, list) else code
        raise InputFormatError(path, None, "a model transformers' own classes load (wordeval never runs a "
                               "folder's code)", f"auto_map naming custom code for {named[0]} ({code})")


def first_sentence(exc: BaseException) -> str:
    """The first sentence of a library's message (transformers' run on with advice on upgrading)."""
    text = str(exc).strip()
    return text.splitlines()[0].split(". ")[0].rstrip(".") if text else type(exc).__name__


def _check_weights(model_dir: Path) -> None:
    from wordeval.embeddings.bert_support import SAFETENSORS_WEIGHT_NAMES, WEIGHT_SUFFIXES

    files = sorted(p for p in model_dir.iterdir() if p.is_file() and p.name.endswith(WEIGHT_SUFFIXES))
    if not files:
        raise MissingFileError(f"{model_dir}: no weight file (*.safetensors, or a pickled pytorch_model.bin "
                               "with --allow-pickle)")
    if all(p.suffix in OTHER_FRAMEWORK_SUFFIXES for p in files):
        # accepted here, then found only by loading, as "weights of other shapes", with the store created
        raise MissingFileError(f"{model_dir}: no PyTorch weights (*.safetensors, or a pickled pytorch_model.bin "
                               f"with --allow-pickle); {files[0].name} holds TensorFlow or Flax weights, which "
                               "wordeval does not load: convert them to safetensors first (with transformers 4: "
                               "from_pretrained(..., from_tf=True or from_flax=True), then save_pretrained)")
    for path in files:
        if path.suffix == ".safetensors":
            _check_safetensors_header(path)
    # check_weight_format's rule: another .safetensors file (an adapter's) beside a sharded pickle is not the
    # model's weights, and its index named no shard, so the pickle's went unchecked until they were loaded
    _check_shards(model_dir, safetensors=any((model_dir / n).is_file() for n in SAFETENSORS_WEIGHT_NAMES))


def _check_shards(model_dir: Path, *, safetensors: bool) -> None:
    """Every shard the index of a sharded checkpoint names is in the folder (the index of the weights that
    load: model.safetensors or its index where there is either, else the pickle's). A shard missing after an
    interrupted download was found only by loading, called weights "of other shapes than config.json gives",
    with the store created."""
    index = model_dir / ("model.safetensors.index.json" if safetensors else "pytorch_model.bin.index.json")
    if not index.is_file():
        return
    weight_map = read_json_object(index, "a sharded checkpoint's index").get("weight_map")
    if not isinstance(weight_map, dict):
        raise InputFormatError(index, None, "a sharded checkpoint's index with a weight_map object",
                               f"{type(weight_map).__name__ if weight_map is not None else 'none'}")
    missing = sorted({f for f in weight_map.values() if not (isinstance(f, str) and (model_dir / f).is_file())},
                     key=str)
    if missing:
        raise InputFormatError(index, None, "every shard its weight_map names in the folder",
                               f"{len(missing)} missing ({missing[0]}{', ...' if len(missing) > 1 else ''}): an "
                               "interrupted download?")


def _safetensors_header(path: Path) -> tuple[dict, int]:
    """The 8-byte little-endian header length, then that many bytes of JSON (the safetensors layout): the
    header, and how many bytes of tensor data follow it."""
    expected = "a safetensors file (an 8-byte header length, then a JSON header)"
    size = path.stat().st_size
    with open(path, "rb") as f:
        head = f.read(SAFETENSORS_HEADER_BYTES)
        if len(head) < SAFETENSORS_HEADER_BYTES:
            raise InputFormatError(path, None, expected, f"{size} bytes")
        (length,) = struct.unpack("<Q", head)
        if length > size - SAFETENSORS_HEADER_BYTES:
            raise InputFormatError(path, None, expected, f"a header length of {length} bytes in a file of {size}")
        try:
            header = json.loads(f.read(length))
        except (ValueError, UnicodeDecodeError):
            raise InputFormatError(path, None, expected, "a header that is not JSON") from None
    if not isinstance(header, dict):
        raise InputFormatError(path, None, expected, f"a JSON {type(header).__name__} as its header")
    return header, size - SAFETENSORS_HEADER_BYTES - length


_SAFETENSORS_HALF = {"F16": "float16", "BF16": "bfloat16"}


def safetensors_half_dtype(model_dir: Path) -> str | None:
    """float16 or bfloat16 where a tensor of the folder's first safetensors file is stored so (its header)."""
    files = sorted(model_dir.glob("*.safetensors"))
    try:
        header, _ = _safetensors_header(files[0])
    except (IndexError, OSError, InputFormatError):
        return None  # no safetensors file, or one _check_weights refuses in its own words
    dtypes = [e.get("dtype") for k, e in header.items() if k != "__metadata__" and isinstance(e, dict)]
    return next((_SAFETENSORS_HALF[d] for d in dtypes if d in _SAFETENSORS_HALF), None)


def _check_safetensors_header(path: Path) -> None:
    header, data = _safetensors_header(path)
    # a file cut after its header (an interrupted copy or download) passed the header's checks and was a
    # SafetensorError traceback ("incomplete metadata, file not fully covered", exit 1) when the model loaded
    ends = [entry["data_offsets"][1] for key, entry in header.items() if key != "__metadata__"
            and isinstance(entry, dict) and isinstance(entry.get("data_offsets"), list)
            and len(entry["data_offsets"]) == 2 and isinstance(entry["data_offsets"][1], int)]
    if ends and max(ends) != data:
        why = "a file cut short: not copied whole?" if data < max(ends) else "bytes after its last tensor"
        raise InputFormatError(path, None, f"{max(ends)} bytes of tensor data after the header, as it says",
                               f"{data} ({why})")


def _check_tokenizer(model_dir: Path) -> None:
    from wordeval.embeddings.tokenizer_files import check_bpe_files, check_tokenizer_settings

    for name, what in (("tokenizer.json", "the tokenizer"), ("tokenizer_config.json", "the tokenizer's settings"),
                       ("special_tokens_map.json", "the tokenizer's special tokens")):
        if (model_dir / name).is_file():
            settings = read_json_object(model_dir / name, what)
            if name == "tokenizer_config.json":
                _refuse_custom_code(model_dir / name, settings, ("AutoTokenizer",))
                check_tokenizer_settings(model_dir / name, settings)
    if (model_dir / "tokenizer.json").is_file():
        _check_tokenizer_json(model_dir / "tokenizer.json")
    else:  # the vocabulary files are read only where there is no tokenizer.json
        if (model_dir / "vocab.txt").is_file():
            check_utf8_lines(model_dir / "vocab.txt", "a WordPiece vocabulary (one token a line)")
        check_bpe_files(model_dir)
    if any((model_dir / n).is_file() for n in VOCABULARY_FILES) or any(model_dir.glob("*.model")):
        return
    raise MissingFileError(f"{model_dir}: no tokenizer vocabulary ({', '.join(VOCABULARY_FILES)} or a "
                           "SentencePiece *.model); transformers would read every word as its unknown token")


def _check_tokenizer_json(path: Path) -> None:
    """JSON that is not a tokenizer ({}, or a model of no known type) was found only by transformers, as a
    KeyError naming the folder ("got 'added_tokens'"); the tokenizers library's own reading names the
    place."""
    import re

    from tokenizers import Tokenizer

    try:
        Tokenizer.from_file(str(path))
    except Exception as exc:  # noqa: BLE001 - tokenizers raises Exception itself
        place = re.search(r"^(.*?)\.? at line (\d+) column (\d+)$", str(exc).strip())
        got = f"{place[1]} (column {place[3]})" if place else first_sentence(exc)
        raise InputFormatError(path, int(place[2]) if place else None,
                               "a tokenizer the tokenizers library reads", got) from None


def check_utf8_lines(path: Path, what: str) -> None:
    """A vocabulary file that is not UTF-8 was a bare Exception traceback from tokenizers (exit 1): the line
    of its first such byte, read a line at a time (a vocabulary file can be large)."""
    with open(path, "rb") as f:
        for number, line in enumerate(f, 1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputFormatError(path, number, f"{what} in UTF-8",
                                       f"byte 0x{line[exc.start]:02x} at column {exc.start + 1}") from None


def unloadable_weights(model_dir: Path, exc: BaseException, *, use_safetensors) -> InputFormatError:
    """The error for weights transformers refused to load: for tensors of other shapes than config.json gives
    (its message only points at a table it logs), the first such tensor, from a load that tolerates them."""
    expected = "weights of the shapes its config.json gives"
    if "mismatched" in str(exc):
        from wordeval.embeddings.bert_support import encoder_class

        try:
            _, info = encoder_class(model_dir).from_pretrained(model_dir, local_files_only=True, trust_remote_code=False,
                                                output_loading_info=True, ignore_mismatched_sizes=True,
                                                use_safetensors=use_safetensors)
            # the pooler last: nothing here reads it, and the encoder's own tensors say more
            mismatched = sorted(info.get("mismatched_keys") or (), key=lambda m: (m[0].startswith("pooler."), m[0]))
        except (OSError, ValueError, RuntimeError):
            mismatched = []
        if mismatched:
            key, stored, wanted = mismatched[0]
            return InputFormatError(model_dir, None, expected, f"{len(mismatched)} of other shapes ({key}: "
                                    f"{tuple(stored)} stored, {tuple(wanted)} expected, ...)")
    # not a shape: a file transformers could not find or read, which the shapes would misname
    return InputFormatError(model_dir, None, "weights transformers can load", first_sentence(exc))


def unloadable_tokenizer(model_dir: Path, exc: BaseException) -> Exception:
    """The error for a tokenizer transformers could not build (its own traceback, exit 1, before): a
    SentencePiece model without a tokenizer.json needs the sentencepiece package to be converted (transformers
    then tries tiktoken and says that is missing), anything else is the folder's."""
    import importlib.util

    from wordeval.errors import NotAvailableError

    models = sorted(p.name for p in Path(model_dir).glob("*.model"))
    if models and not (Path(model_dir) / "tokenizer.json").is_file() and importlib.util.find_spec(
            "sentencepiece") is None:
        return NotAvailableError(f"{model_dir}: its tokenizer is the SentencePiece model {models[0]} and no "
                                 "tokenizer.json; reading it needs the package sentencepiece (pip install "
                                 "sentencepiece), or save the tokenizer where it is installed, which writes a "
                                 "tokenizer.json")
    return InputFormatError(model_dir, None, "a tokenizer transformers can build from the folder",
                            first_sentence(exc))
