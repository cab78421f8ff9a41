"""A ``bert:model=FOLDER`` that cannot be loaded is refused before the run writes anything.

What the folder's files show (config.json unparseable or of no known model_type, no weight file, a safetensors
header that is not one, tokenizer.json not JSON, no tokenizer vocabulary) is refused while planning; what only
loading shows (weights lacking tensors, or of other shapes) when the first representation is loaded, before
the store is opened. Either way: one line naming the file, exit 2, no --out created, an existing store left
byte-identical.

Oracles: transformers itself (AutoConfig, AutoModel, AutoTokenizer) shows each folder is broken, and what it
does with it; the store's bytes before and after."""
from __future__ import annotations

import hashlib
import json
import shutil

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from tests._small_task import PAIRS, write_small_task  # noqa: E402
from tests._tiny_bert import SPECIALS, write_tiny_bert  # noqa: E402
from wordeval.cli import main  # noqa: E402

WORDS = sorted({w for a, b, _ in PAIRS for w in (a, b)})


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    from safetensors.torch import load_file, save_file

    root = tmp_path_factory.mktemp("folders")
    ok = write_tiny_bert(root / "ok", WORDS)
    out = {"ok": ok}

    def broken(name):
        out[name] = root / name
        shutil.copytree(ok, out[name])
        return out[name]

    (broken("config_not_json") / "config.json").write_text("{\n  \"model_type\": bert\n}\n")
    config = json.loads((ok / "config.json").read_text())
    (broken("unknown_model_type") / "config.json").write_text(json.dumps({**config, "model_type": "nosuchmodel"}))
    (broken("no_weights") / "model.safetensors").unlink()
    (broken("tf_weights_only") / "model.safetensors").unlink()  # a TensorFlow checkpoint's name and HDF5 magic
    (out["tf_weights_only"] / "tf_model.h5").write_bytes(b"\x89HDF\r\n\x1a\n" + bytes(64))
    (broken("safetensors_garbage") / "model.safetensors").write_bytes(b"not a safetensors file")
    weights = (ok / "model.safetensors").read_bytes()
    # its header whole, its tensor data not: an interrupted copy; and one with bytes after the last tensor
    (broken("safetensors_cut") / "model.safetensors").write_bytes(weights[:len(weights) // 2])
    (broken("safetensors_longer") / "model.safetensors").write_bytes(weights + b"\0" * 8)
    (broken("tokenizer_not_json") / "tokenizer.json").write_text("{bad")
    (broken("vocab_without_unk") / "tokenizer.json").unlink()  # a vocab.txt cut or written without its [UNK]
    (out["vocab_without_unk"] / "vocab.txt").write_text("\n".join(["[PAD]", "[CLS]", "[SEP]", *WORDS]) + "\n")
    (broken("tokenizer_config_not_json") / "tokenizer_config.json").write_text("{bad")
    # JSON, but no tokenizer: transformers' KeyError ('added_tokens') named the folder, not the file
    (broken("tokenizer_json_empty") / "tokenizer.json").write_text("{}")
    (broken("tokenizer_json_unknown_model") / "tokenizer.json").write_text('{"model": {"type": "Nope"}}')
    (broken("tokenizer_json_null") / "tokenizer.json").write_text("null")
    # the vocabulary transformers builds the tokenizer from when there is no tokenizer.json, not UTF-8
    (broken("vocab_not_utf8") / "tokenizer.json").unlink()
    vocabulary = "\n".join([*SPECIALS, *WORDS]).encode()
    (out["vocab_not_utf8"] / "vocab.txt").write_bytes(vocabulary + b"\ncat\xff\n")
    (broken("config_a_list") / "config.json").write_text("[1, 2]")
    for name in ("tokenizer.json", "vocab.txt"):
        (out.get("no_vocabulary") or broken("no_vocabulary")).joinpath(name).unlink()
    state = load_file(ok / "model.safetensors")
    save_file({k: v for k, v in state.items() if "layer.0.output" not in k},
              broken("missing_tensors") / "model.safetensors", metadata={"format": "pt"})
    (broken("other_shapes") / "config.json").write_text(json.dumps({**config, "hidden_size": 32,
                                                                    "intermediate_size": 64}))
    # sentence-transformers settings that do not parse, or name what is not there: its own loading fails on each
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]
    for name in ("modules_not_json", "pooling_config_not_json", "default_prompt_missing",
                 "sentence_bert_config_not_json"):
        (broken(name) / "modules.json").write_text(json.dumps(modules))
        (out[name] / "1_Pooling").mkdir()
        (out[name] / "1_Pooling" / "config.json").write_text(json.dumps({"word_embedding_dimension": 16,
                                                                               "pooling_mode": "mean"}))
    (out["modules_not_json"] / "modules.json").write_text("[{")
    (out["sentence_bert_config_not_json"] / "sentence_bert_config.json").write_text('{"max_seq_length": 8,}')
    (out["pooling_config_not_json"] / "1_Pooling" / "config.json").write_text("{bad")
    (out["default_prompt_missing"] / "config_sentence_transformers.json").write_text(
        json.dumps({"prompts": {"query": "q: "}, "default_prompt_name": "passage"}))
    return out


def _run(folder, tmp_path, out, capsys, options=""):
    # the CLI's own process turns transformers' bars off before importing it (HF_HUB_DISABLE_PROGRESS_BARS);
    # here transformers was imported first
    transformers.utils.logging.disable_progress_bar()
    _, spec = write_small_task(tmp_path)
    rc = main(["-q", "intrinsic", f"b=bert:type-level,model={folder}{options}", "--tasks", str(spec), "--out", str(out)])
    return rc, capsys.readouterr().err


PLANNING = {  # folder -> the file the one-line error names
    "config_not_json": "config.json:2", "unknown_model_type": "config.json", "no_weights": "no_weights",
    "safetensors_garbage": "model.safetensors",
    "safetensors_cut": "model.safetensors: expected", "safetensors_longer": "model.safetensors: expected",
    "tf_weights_only": "tf_weights_only: no PyTorch weights (*.safetensors, or a pickled pytorch_model.bin with "
                       "--allow-pickle); tf_model.h5 holds TensorFlow or Flax weights",
    "tokenizer_not_json": "tokenizer.json:1",
    "no_vocabulary": "no tokenizer vocabulary", "tokenizer_config_not_json": "tokenizer_config.json:1",
    "tokenizer_json_empty": "tokenizer.json:1: expected a tokenizer the tokenizers library reads, got Model "
                            "missing (column 2)",
    "tokenizer_json_unknown_model": "tokenizer.json:1: expected a tokenizer the tokenizers library reads",
    "tokenizer_json_null": "tokenizer.json: expected the tokenizer (a JSON object), got a JSON null\n",
    "vocab_not_utf8": f"vocab.txt:{len(SPECIALS) + len(WORDS) + 1}: expected a WordPiece vocabulary (one "
                      "token a line) in UTF-8, got byte 0xff at column 4",
    "config_a_list": "config.json: expected the model's config (a JSON object), got a JSON list",
    "modules_not_json": "modules.json:1: expected a JSON list of modules, got not JSON",
    "pooling_config_not_json": "1_Pooling/config.json:1: expected a Pooling module's JSON config, got not JSON",
    "default_prompt_missing": "config_sentence_transformers.json: expected a prompt named 'passage'",
    "sentence_bert_config_not_json": "sentence_bert_config.json:1: expected the sentence-transformers settings"}
# layer= and max_length= read config.json while their values are checked, before the folder is
OPTIONS = {"config_a_list": ",layer=1", "config_not_json": ",max_length=8"}
# 23: every tensor of a 1-layer BERT but those of no hidden-size axis (none): 5 embeddings, 16 per layer, 2 pooler
LOADING = {"vocab_without_unk": "vocab_without_unk: expected a tokenizer transformers can build from the folder, got "
                                  "WordPiece error: Missing [UNK] token from the vocabulary",
           "missing_tensors": "encoder.layer.0.output", "other_shapes": "23 of other shapes (embeddings.LayerNorm.bias: (16,) stored, (32,) expected"}


def test_transformers_itself_fails_on_each_folder_or_reads_words_as_unknown(folders):
    """The oracle that each folder is broken: transformers refuses it, or (no vocabulary) reads every word as
    the unknown token, which scored identical vectors for every word without a word."""
    from transformers import AutoConfig, AutoModel, AutoTokenizer

    for name in ("config_not_json", "unknown_model_type"):
        with pytest.raises((OSError, ValueError)):
            AutoConfig.from_pretrained(folders[name], local_files_only=True)
    for name in ("no_weights", "safetensors_garbage", "safetensors_cut", "safetensors_longer", "other_shapes",
                 "tf_weights_only"):
        with pytest.raises(Exception):  # noqa: B017 - OSError, SafetensorError, RuntimeError by case
            AutoModel.from_pretrained(folders[name], local_files_only=True)
    # json's ValueError on transformers 5; tokenizers 0.19 (transformers 4.40) raises Exception itself
    with pytest.raises(Exception, match="line 1 column 2"):  # noqa: B017
        AutoTokenizer.from_pretrained(folders["tokenizer_not_json"], local_files_only=True)
    for name in ("tokenizer_json_empty", "tokenizer_json_unknown_model", "tokenizer_json_null",
                 "vocab_not_utf8"):
        with pytest.raises(Exception):  # noqa: B017 - KeyError, AttributeError, the Rust library's Exception
            AutoTokenizer.from_pretrained(folders[name], local_files_only=True)
    with pytest.raises(Exception, match=r"Missing \[UNK\]"):  # noqa: B017 - the Rust library raises Exception
        AutoTokenizer.from_pretrained(folders["vocab_without_unk"], local_files_only=True)(["a"])
    try:
        tokenizer = AutoTokenizer.from_pretrained(folders["no_vocabulary"], local_files_only=True)
    except (OSError, ValueError, TypeError):  # 4.40: a TypeError, its vocab_file None
        return  # a transformers version that refuses it itself
    ids = tokenizer(WORDS, is_split_into_words=True, add_special_tokens=False)["input_ids"]
    assert set(ids) == {tokenizer.unk_token_id}


@pytest.mark.parametrize("name", ["modules_not_json", "pooling_config_not_json", "default_prompt_missing",
                                  "sentence_bert_config_not_json"])
def test_sentence_transformers_itself_fails_on_each_settings_folder(folders, name):
    st = pytest.importorskip("sentence_transformers")
    with pytest.raises(ValueError):  # json.JSONDecodeError is one
        st.SentenceTransformer(str(folders[name]), device="cpu", local_files_only=True)


@pytest.mark.parametrize("name", sorted(PLANNING))
def test_refused_in_one_line_before_anything_is_written(folders, name, tmp_path, capsys):
    out = tmp_path / "out"
    rc, err = _run(folders[name], tmp_path, out, capsys, OPTIONS.get(name, ""))
    assert rc == 2, err
    assert err.count("\n") == 1 and PLANNING[name] in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("name", ["tokenizer_json_empty", "tokenizer_json_null", "vocab_not_utf8",
                                  "tokenizer_config_not_json"])
def test_info_refuses_a_broken_tokenizer_in_one_line_naming_its_file(folders, name, capsys):
    """A vocab.txt that is not UTF-8 was a traceback (tokenizers' bare Exception), exit 1."""
    transformers.utils.logging.disable_progress_bar()
    rc = main(["info", f"bert:model={folders[name]}"])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert err.count("\n") == 1 and PLANNING[name] in err and "Traceback" not in err


@pytest.mark.parametrize("name", sorted(LOADING))
def test_found_by_loading_before_the_store_is_created(folders, name, tmp_path, capsys):
    out = tmp_path / "out"
    rc, err = _run(folders[name], tmp_path, out, capsys)
    assert rc == 2, err
    assert err.count("\n") == 1 and LOADING[name] in err and "Traceback" not in err
    assert not out.exists()


def test_an_existing_store_is_left_byte_identical(folders, tmp_path, capsys):
    out = tmp_path / "out"
    assert _run(folders["ok"], tmp_path, out, capsys)[0] == 0
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()}
    for name in ("missing_tensors", "no_vocabulary"):
        rc, err = _run(folders[name], tmp_path, out, capsys)
        assert rc == 2, err
        assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()} == before


def test_the_python_api_refuses_the_folder_without_a_vocabulary(folders, tmp_path):
    import wordeval
    from wordeval.errors import MissingFileError

    _, spec = write_small_task(tmp_path)
    with pytest.raises(MissingFileError, match="no tokenizer vocabulary"):
        wordeval.evaluate(f"bert:type-level,model={folders['no_vocabulary']}", str(spec))
    with pytest.raises(MissingFileError, match="no tokenizer vocabulary"):
        wordeval.run([f"bert:type-level,model={folders['no_vocabulary']}"], [str(spec)], out=tmp_path / "r")
    assert not (tmp_path / "r").exists()


def test_a_second_folder_without_config_json_stops_the_run_before_its_store(folders, tmp_path, capsys):
    """It was found only when its cell loaded it: the first representation's cells were stored, exit 2 after."""
    transformers.utils.logging.disable_progress_bar()
    vectors, spec = write_small_task(tmp_path)
    no_config = tmp_path / "no_config"
    shutil.copytree(folders["ok"], no_config)
    (no_config / "config.json").unlink()
    with pytest.raises((OSError, ValueError)):  # the oracle: transformers cannot load it either
        transformers.AutoConfig.from_pretrained(no_config, local_files_only=True)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"a={vectors}", f"b=bert:type-level,model={no_config}", "--tasks", str(spec),
               "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert err.count("\n") == 1 and f"{no_config}: not a Hugging Face model folder (no config.json)" in err
    assert not out.exists()


def test_an_older_sentence_transformers_folder_is_read_or_refused_with_its_transformer_subfolder(folders, tmp_path,
                                                                                                    capsys):
    """sentence-transformers 0.x kept the transformer in 0_BERT/ (or 0_Transformer/) under modules.json: such a
    folder is run whole (tests/test_sentence_transformers_older_layout.py checks its vectors); one whose
    transformer module is of a type not read as a Transformer (0.x's T5) is refused naming the types it reads."""
    transformers.utils.logging.disable_progress_bar()
    _, spec = write_small_task(tmp_path)
    for sub, kind in (("0_BERT", "BERT"), ("0_T5", "T5")):
        old = tmp_path / f"old_sbert_{kind}"
        shutil.copytree(folders["ok"], old / sub)
        (old / "1_Pooling").mkdir()
        (old / "1_Pooling" / "config.json").write_text(json.dumps({"word_embedding_dimension": 16,
                                                                    "pooling_mode_mean_tokens": True}))
        (old / "modules.json").write_text(json.dumps([
            {"idx": 0, "name": "0", "path": sub, "type": f"sentence_transformers.models.{kind}"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]))
        rc = main(["-q", "intrinsic", f"bert:type-level,model={old}", "--tasks", str(spec), "--out",
                   str(tmp_path / kind)])
        err = capsys.readouterr().err
        if kind == "BERT":
            assert rc == 0, err
        else:  # refused, not told to give 0_T5/, which was read alone without the folder's Pooling
            assert rc == 2, err
            assert err.count("\n") == 1 and f"{old}: expected a sentence-transformers folder whose first module " \
                "is a transformer (Transformer, BERT," in err and "starts with T5 (0_T5/)" in err, err
            assert not (tmp_path / kind).exists()


def test_a_sharded_checkpoint_missing_a_shard_stops_the_run_before_its_store(folders, tmp_path, capsys):
    """An interrupted download: the index names a shard the folder lacks. It was found only when the second
    representation's cell loaded it, called weights "of the shapes its config.json gives"."""
    transformers.utils.logging.disable_progress_bar()
    vectors, spec = write_small_task(tmp_path)
    sharded = tmp_path / "sharded"
    shutil.copytree(folders["ok"], sharded)
    (sharded / "model.safetensors").unlink()
    transformers.AutoModel.from_pretrained(folders["ok"]).save_pretrained(sharded, max_shard_size="1KB")
    index = json.loads((sharded / "model.safetensors.index.json").read_text())
    shards = sorted(set(index["weight_map"].values()))
    assert len(shards) >= 2
    (sharded / shards[1]).unlink()
    with pytest.raises(OSError):  # the oracle: transformers cannot load it either
        transformers.AutoModel.from_pretrained(sharded, local_files_only=True)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"a={vectors}", f"b=bert:type-level,model={sharded}", "--tasks", str(spec),
               "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert err.count("\n") == 1 and "model.safetensors.index.json" in err and f"1 missing ({shards[1]})" in err
    assert not out.exists()


def test_a_load_failure_other_than_shapes_is_not_called_one(folders):
    from wordeval.embeddings.model_folder import unloadable_weights

    err = str(unloadable_weights(folders["ok"], OSError("Error no file named model.safetensors found in directory "
                                                        "x. Use from_tf=True"), use_safetensors=None))
    assert "shapes" not in err and "expected weights transformers can load, got Error no file named" in err


def test_a_sentencepiece_tokenizer_that_cannot_be_built_is_said_in_one_line(folders, tmp_path, capsys):
    """A folder whose tokenizer is only a SentencePiece model (an older ALBERT/XLM-R download): transformers
    could not build it (no sentencepiece package here, or an unreadable model) and its traceback ended the run,
    exit 1, after earlier representations' cells were stored."""
    import importlib.util

    from wordeval.embeddings.bert import BertEncoder
    from wordeval.errors import InputFormatError, NotAvailableError

    transformers.utils.logging.disable_progress_bar()
    spm = tmp_path / "spm"
    shutil.copytree(folders["ok"], spm)
    for name in ("vocab.txt", "tokenizer.json"):
        (spm / name).unlink()
    (spm / "spiece.model").write_bytes(bytes(range(256)))  # not a SentencePiece model either
    settings = json.loads((spm / "tokenizer_config.json").read_text())
    (spm / "tokenizer_config.json").write_text(json.dumps({**settings, "tokenizer_class": "AlbertTokenizer"}))
    with pytest.raises(Exception):  # noqa: B017 - the oracle: transformers cannot build it (ValueError here)
        transformers.AutoTokenizer.from_pretrained(spm, local_files_only=True)
    without_package = importlib.util.find_spec("sentencepiece") is None
    with pytest.raises(NotAvailableError if without_package else InputFormatError, match="spiece.model|tokenizer"):
        BertEncoder(spm, device="cpu")
    vectors, spec = write_small_task(tmp_path)
    rc = main(["-q", "intrinsic", f"a={vectors}", f"b=bert:type-level,model={spm}", "--tasks", str(spec),
               "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "bug in wordeval" not in err
    assert rc == (3 if without_package else 2), err


# the folder's window: its 32 positions less [CLS] and [SEP]
BAD_VALUES = {"stride=30": "stride=30: must be smaller than the window of 30 tokens",
              "subword=avg": "subword='avg': expected one of first, mean, last",
              "cpu_linear=mkl": "cpu_linear must be one of auto, onednn, torch, got 'mkl'",
              "max_length=2": "max_length=2: leaves no room for words after special tokens"}


@pytest.mark.parametrize("option", sorted(BAD_VALUES))
def test_an_option_value_the_encoder_refuses_stops_the_run_before_its_store(folders, option, tmp_path, capsys):
    """Found only when the second representation's encoder loaded, after the first one's cells were stored."""
    from wordeval.embeddings.bert import BertEncoder
    from wordeval.errors import ConfigError

    transformers.utils.logging.disable_progress_bar()
    key, value = option.split("=")
    with pytest.raises(ConfigError) as loaded:  # the loaded encoder's own verdict, the oracle for the message
        BertEncoder(folders["ok"], device="cpu", **{key: int(value) if value.isdigit() else value})
    assert BAD_VALUES[option] in str(loaded.value)
    vectors, spec = write_small_task(tmp_path)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"a={vectors}", f"b=bert:type-level,model={folders['ok']},{option}",
               "--tasks", str(spec), "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert err.count("\n") == 1 and BAD_VALUES[option] in err
    assert not out.exists()


@pytest.mark.parametrize("option, message", [("max_contexts=0", "max_contexts='0': expected an integer >= 1"),
                                             ("cache=maybe", "cache='maybe': expected true or false")])
def test_a_type_level_option_value_stops_the_run_before_its_store(folders, option, message, tmp_path, capsys):
    transformers.utils.logging.disable_progress_bar()
    vectors, spec = write_small_task(tmp_path)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"a={vectors}", f"b=bert:type-level,model={folders['ok']},{option}",
               "--tasks", str(spec), "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert err.count("\n") == 1 and message in err
    assert not out.exists()


def test_a_safetensors_file_cut_after_its_header_says_how_much_data_it_lacks(folders, tmp_path, capsys):
    """The header's last data offset against the bytes after the header, counted by hand."""
    import struct

    data = (folders["ok"] / "model.safetensors").read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    described = max(e["data_offsets"][1] for k, e in header.items() if k != "__metadata__")
    assert described == len(data) - 8 - length  # the whole file: the oracle's layout holds
    rc, err = _run(folders["safetensors_cut"], tmp_path, tmp_path / "out", capsys)
    assert rc == 2
    assert (f"expected {described} bytes of tensor data after the header, as it says, got "
            f"{len(data) // 2 - 8 - length} (a file cut short") in err


def test_a_sharded_pickle_missing_a_shard_beside_an_adapters_safetensors_is_refused_before_any_load(
        folders, tmp_path, capsys, monkeypatch):
    """A stray adapter_model.safetensors made the shard check read model.safetensors.index.json, which is not
    there, so the pickle's index went unchecked: with --allow-pickle its first shard was unpickled, and as a
    second representation the run created its store before transformers failed on the missing shard."""
    from safetensors.torch import load_file, save_file

    transformers.utils.logging.disable_progress_bar()
    vectors, spec = write_small_task(tmp_path)
    folder = shutil.copytree(folders["ok"], tmp_path / "sharded_pickle")
    state = load_file(folder / "model.safetensors")
    (folder / "model.safetensors").unlink()
    keys = sorted(state)
    shards = ["pytorch_model-00001-of-00002.bin", "pytorch_model-00002-of-00002.bin"]
    weight_map = {k: shards[i >= len(keys) // 2] for i, k in enumerate(keys)}
    for shard in shards:  # as transformers 4 sharded a pickle (transformers 5 writes safetensors only)
        torch.save({k: state[k] for k in keys if weight_map[k] == shard}, folder / shard)
    (folder / "pytorch_model.bin.index.json").write_text(json.dumps({"metadata": {}, "weight_map": weight_map}))
    (folder / shards[1]).unlink()
    save_file({"lora_A": torch.zeros(2, 2)}, str(folder / "adapter_model.safetensors"))
    with pytest.raises(OSError):  # the oracle: transformers cannot load it either
        transformers.AutoModel.from_pretrained(folder, local_files_only=True)
    unpickled = []
    original = torch.load
    monkeypatch.setattr(torch, "load", lambda *a, **k: unpickled.append(a[0]) or original(*a, **k))
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"a={vectors}", f"b=bert:type-level,model={folder}", "--allow-pickle",
               "--tasks", str(spec), "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert err.count("\n") == 1 and "pytorch_model.bin.index.json" in err and f"1 missing ({shards[1]})" in err
    assert unpickled == [] and not out.exists()
