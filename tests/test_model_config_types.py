"""A model folder's config.json with a value of the wrong type ("hidden_size": "x", "num_hidden_layers": "six",
"vocab_size": 1.5, null for a size, a list for an activation's name, "model_type": 7) is refused while the run
is planned, in one line naming the file, the line of the key, the key and the type expected (exit 2, nothing
written). It was transformers' own TypeError or validation error, a traceback ending in "this is a bug in
wordeval" (exit 1). What transformers still cannot build a model from is said in one line naming config.json.

Oracles: transformers itself on the same folder (AutoConfig, then AutoModel): it fails on each refused value,
and where it loads the model wordeval loads it too; its own configs' defaults, every one of which passes the
check."""
from __future__ import annotations

import json
import shutil

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from tests._small_task import PAIRS, write_small_task  # noqa: E402
from tests._tiny_bert import write_tiny_bert  # noqa: E402
from wordeval.cli import main  # noqa: E402

WORDS = sorted({w for a, b, _ in PAIRS for w in (a, b)})
# name -> (key, the wrong value, what the message expects)
WRONG = {"hidden_size_text": ("hidden_size", "x", "hidden_size: a whole number"),
         "layers_word": ("num_hidden_layers", "six", "num_hidden_layers: a whole number"),
         "vocab_fraction": ("vocab_size", 1.5, "vocab_size: a whole number"),
         "hidden_size_null": ("hidden_size", None, "hidden_size: a whole number"),
         "activation_list": ("hidden_act", ["gelu"], "hidden_act: a name (a string)"),
         "eps_text": ("layer_norm_eps", "1e-12", "layer_norm_eps: a number"),
         "decoder_yes": ("is_decoder", "yes", "is_decoder: true or false"),
         "model_type_number": ("model_type", 7, 'model_type: a model type transformers knows (a string, such as '
                                                '"bert")')}
# values whose fate is transformers' to decide (its version's): each folder is loaded by transformers and
# wordeval alike, or refused by both
EDGES = {"eps_whole": ("layer_norm_eps", 0), "dropout_whole": ("hidden_dropout_prob", 0),
         "heads_not_dividing": ("num_attention_heads", 3), "no_heads": ("num_attention_heads", 0),
         "activation_unknown": ("hidden_act", "nosuch"), "activation_relu": ("hidden_act", "relu"),
         "pad_null": ("pad_token_id", None), "positions_list": ("position_embedding_type", ["absolute"]),
         "eos_list": ("eos_token_id", [1, 2])}


def _with_config(ok, folder, key, value):
    shutil.copytree(ok, folder)
    path = folder / "config.json"
    path.write_text(json.dumps({**json.loads(path.read_text(encoding="utf-8")), key: value}, indent=2),
                    encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("configs")
    ok = write_tiny_bert(root / "ok", WORDS)
    out = {"ok": ok}
    for name, (key, value, *_) in {**WRONG, **EDGES}.items():
        out[name] = _with_config(ok, root / name, key, value)
    return out


def _key_line(folder, key):
    lines = (folder / "config.json").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.lstrip().startswith(f'"{key}"'))


def _transformers_loads(folder) -> bool:
    try:
        config = transformers.AutoConfig.from_pretrained(folder, local_files_only=True)
        model = transformers.AutoModel.from_pretrained(folder, config=config, local_files_only=True)
        model(input_ids=torch.tensor([[2, 5, 3]]))  # transformers 4 fails on a string eps only here
    except Exception:  # noqa: BLE001 - TypeError, ValueError, KeyError, huggingface_hub's validation errors
        return False
    return True


@pytest.mark.parametrize("name", sorted(WRONG))
def test_transformers_itself_fails_on_the_value(folders, name):
    if name == "decoder_yes" and _transformers_loads(folders[name]):
        # transformers 4 takes "yes" as true: a decoder's causal mask, the vectors of another model
        config = transformers.AutoConfig.from_pretrained(folders[name], local_files_only=True)
        assert config.is_decoder == "yes"
        return
    assert not _transformers_loads(folders[name])


def test_transformers_loads_the_folder_they_are_copied_from(folders):
    assert _transformers_loads(folders["ok"])


@pytest.mark.parametrize("name", sorted(WRONG))
def test_refused_in_one_line_naming_the_file_line_and_key(folders, name, tmp_path, capsys):
    transformers.utils.logging.disable_progress_bar()
    _, spec = write_small_task(tmp_path)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"b=bert:type-level,model={folders[name]}", "--tasks", str(spec),
               "--out", str(out)])
    err = capsys.readouterr().err
    key, value, expected = WRONG[name]
    want = (f"{folders[name] / 'config.json'}:{_key_line(folders[name], key)}: expected {expected}, "
            f"got {json.dumps(value)}\n")
    assert rc == 2, err
    assert err.endswith(want) and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("name", ["hidden_size_text", "layers_word"])
def test_a_layer_option_reading_the_config_refuses_it_alike(folders, name, tmp_path, capsys):
    """layer= is checked against the config's layers before the folder is: int("six") was a ValueError
    traceback there."""
    _, spec = write_small_task(tmp_path)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"b=bert:model={folders[name]},layer=1", "--tasks", str(spec), "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert err.count("\n") == 1 and f"config.json:{_key_line(folders[name], WRONG[name][0])}: expected" in err
    assert not out.exists()


@pytest.mark.parametrize("name", sorted(EDGES))
def test_wordeval_loads_what_transformers_loads_and_refuses_the_rest_in_one_line(folders, name, capsys):
    transformers.utils.logging.disable_progress_bar()
    loads = _transformers_loads(folders[name])
    rc = main(["info", f"bert:model={folders[name]}"])
    err = capsys.readouterr().err
    if loads:
        assert rc == 0, err
        return
    assert rc == 2, err
    line = err.strip().splitlines()[-1]
    assert err.count("\n") == 1 and "Traceback" not in err
    assert line.startswith(f"wordeval: error: {folders[name] / 'config.json'}")


def test_a_value_transformers_refuses_names_the_line_of_its_key(folders):
    """transformers 5 refuses a whole number for layer_norm_eps (its config declares a float), which 4 computes
    with: its own validation error, said with the line of the key."""
    from wordeval.embeddings.model_folder import check_model_folder
    from wordeval.errors import InputFormatError

    folder = folders["eps_whole"]
    try:
        transformers.AutoConfig.from_pretrained(folder, local_files_only=True)
    except Exception as exc:  # noqa: BLE001 - huggingface_hub's StrictDataclassFieldValidationError
        assert "layer_norm_eps" in str(exc)
        with pytest.raises(InputFormatError) as refused:
            check_model_folder(folder)
        assert refused.value.line == _key_line(folder, "layer_norm_eps")
        assert str(refused.value).startswith(f"{folder / 'config.json'}:{refused.value.line}: expected "
                                             "layer_norm_eps: a float, as transformers")
        return
    check_model_folder(folder)  # a transformers version that reads it


def test_every_default_config_of_transformers_text_models_passes_the_check(tmp_path):
    """Where a model type's own config gives a key null, a list or a fraction (GPT-Neo's intermediate_size,
    Gemma 3n's sizes per layer), the check takes it for that model type."""
    from transformers.models.auto.configuration_auto import CONFIG_MAPPING
    from transformers.models.auto.modeling_auto import (MODEL_FOR_CAUSAL_LM_MAPPING_NAMES,
                                                        MODEL_FOR_MASKED_LM_MAPPING_NAMES)

    from wordeval.embeddings.config_fields import check_config_fields

    path = tmp_path / "config.json"
    checked = 0
    for model_type in sorted(set(MODEL_FOR_MASKED_LM_MAPPING_NAMES) | set(MODEL_FOR_CAUSAL_LM_MAPPING_NAMES)):
        try:
            text = CONFIG_MAPPING[model_type]().to_json_string(use_diff=False)
        except Exception:  # noqa: BLE001 - a config that needs arguments, or a model type of no config here
            continue
        path.write_text(text, encoding="utf-8")
        check_config_fields(path, json.loads(text))
        checked += 1
    assert checked >= 50  # transformers 4.40 has over 100 such model types
