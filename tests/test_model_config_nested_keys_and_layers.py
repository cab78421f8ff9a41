"""A model folder's config.json, in copies of the packaged MiniLM:

- a key of the wrong type whose name a nested object repeats below it ("task_specific_params", "text_config")
  was said at the nested key's line: the top-level key's line is named;
- an activation transformers does not know ("hidden_act": "gelu_nwe") was said as a KeyError's text
  ("got KeyError: 'gelu_nwe'"): it names the key's line and the activations transformers knows;
- "num_hidden_layers": 0 (or below 0) loaded with a warning of unused weights and scored the embedding layer's
  output as a BERT's: refused in one line, exit 2, nothing written.

Oracles: transformers itself on the same config, built on torch's meta device as wordeval builds it (a KeyError
naming the activation; an encoder of no layers) and on the CPU with the weights (the no-layer model's output is
the full model's hidden state 0, what layer=0 gives); ACT2FN's own names; the line numbers counted by hand (the
top-level keys of json.dumps(indent=2) are the lines indented by two spaces)."""
from __future__ import annotations

import json

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from tests._minilm_copies import minilm_copies  # noqa: E402
from tests._small_task import write_small_task  # noqa: E402
from wordeval.cli import main  # noqa: E402

# name -> the config.json's changes
CHANGES = {"nested_after": {"hidden_size": "x", "task_specific_params": {"summarization": {"hidden_size": 7}},
                            "text_config": {"hidden_size": 384}},
           "activation_typo": {"hidden_act": "gelu_nwe"},
           "no_layers": {"num_hidden_layers": 0},
           "layers_below_zero": {"num_hidden_layers": -1}}


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    return minilm_copies(tmp_path_factory.mktemp("minilm_configs"), CHANGES)


def _line_of(folder, text):
    return (folder / "config.json").read_text(encoding="utf-8").splitlines().index(text) + 1


def _refusal(folder, tmp_path, capsys, *options):
    transformers.utils.logging.disable_progress_bar()
    _, spec = write_small_task(tmp_path)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", ",".join([f"b=bert:type-level,model={folder}", *options]), "--tasks", str(spec),
               "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert not out.exists()
    return err.removeprefix("wordeval: error: ").rstrip("\n")


def test_a_nested_key_of_the_same_name_is_not_the_line_named(folders, tmp_path, capsys):
    folder = folders["nested_after"]
    top = _line_of(folder, '  "hidden_size": "x",')
    nested = _line_of(folder, '      "hidden_size": 7')
    assert top == 10 and nested > top  # the old finder took the last spelling of the key: the nested one
    assert _refusal(folder, tmp_path, capsys) == (f"{folder / 'config.json'}:{top}: expected hidden_size: a whole "
                                                  'number, got "x"')


def test_the_key_line_finder_reads_the_top_level_object_only(tmp_path):
    from wordeval.embeddings.tokenizer_files import key_line

    path = tmp_path / "c.json"
    # lines: 1 a (nested a inside), 2 b whose string quotes '"a":', 3-5 the top-level a written across lines,
    # 6-7 c whose list holds an object with a; the last top-level a is the one JSON keeps
    path.write_text('{"a": {"a": 1},\n"b": "\\"a\\": 2", "a"\n:\n3, "c": [1,\n{"a": 2}],\n"\\u0061b": 4}',
                    encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8"))["a"] == 3
    assert key_line(path, "a") == 2 and key_line(path, "c") == 4 and key_line(path, "ab") == 6
    assert key_line(path, "missing") is None


def test_transformers_fails_on_the_activation_with_a_bare_key_error(folders):
    config = transformers.AutoConfig.from_pretrained(folders["activation_typo"], local_files_only=True)
    with pytest.raises(KeyError) as failed, torch.device("meta"):
        transformers.AutoModel.from_config(config)
    assert failed.value.args == ("gelu_nwe",)


def test_an_unknown_activation_is_said_with_the_known_ones(folders, tmp_path, capsys):
    from transformers.activations import ACT2FN

    folder = folders["activation_typo"]
    line = _line_of(folder, '  "hidden_act": "gelu_nwe",')
    assert line == 8 and {"gelu", "gelu_new", "relu"} <= set(ACT2FN)
    assert _refusal(folder, tmp_path, capsys) == (
        f"{folder / 'config.json'}:{line}: expected hidden_act: an activation transformers "
        f"{transformers.__version__} knows ({', '.join(sorted(ACT2FN))}), got \"gelu_nwe\"; did you mean "
        "'gelu_new'?")


@pytest.mark.parametrize("name", ["no_layers", "layers_below_zero"])
def test_transformers_builds_an_encoder_of_no_layers(folders, name):
    config = transformers.AutoConfig.from_pretrained(folders[name], local_files_only=True)
    with torch.device("meta"):
        model = transformers.AutoModel.from_config(config)
    assert len(model.encoder.layer) == 0


def test_the_no_layer_models_output_is_the_full_models_hidden_state_0(folders):
    """What the refusal offers instead (layer=0 with the folder's own config) is what the config built."""
    transformers.utils.logging.disable_progress_bar()
    ids = torch.tensor([[101, 1996, 4937, 2938, 102]])  # [CLS] the cat sat [SEP] in MiniLM's vocabulary
    with torch.inference_mode():
        none = transformers.AutoModel.from_pretrained(folders["no_layers"], local_files_only=True)(input_ids=ids)
        full = transformers.AutoModel.from_pretrained(folders["packaged"], local_files_only=True)(
            input_ids=ids, output_hidden_states=True)
    assert len(full.hidden_states) == 7
    assert torch.equal(none.last_hidden_state, full.hidden_states[0])


@pytest.mark.parametrize("name, value", [("no_layers", 0), ("layers_below_zero", -1)])
@pytest.mark.parametrize("options", [(), ("layer=0",)])
def test_a_config_of_no_layers_is_refused_in_one_line(folders, tmp_path, capsys, name, value, options):
    folder = folders[name]
    line = _line_of(folder, f'  "num_hidden_layers": {value},')
    assert line == 17
    assert _refusal(folder, tmp_path, capsys, *options) == (
        f"{folder / 'config.json'}:{line}: expected num_hidden_layers: at least 1 layer (with {value}, "
        "transformers builds the embedding layer alone: no word's vector sees the words around it; that layer's "
        f"output is layer=0 with the folder's own config), got {value}")
