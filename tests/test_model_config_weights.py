"""A config.json that does not match the weights beside it. ``num_hidden_layers: 2`` in a copy of the 6-layer
MiniLM loaded without a word and scored a 2-layer model, the weights of layers 2 to 5 unused: it still loads
(transformers loads it), with one warning naming how many tensors go unused and one of them. A config asking
for more layers than the weights hold would be filled with random numbers: refused in one line, exit 2,
nothing written.

Oracles: transformers' own loading info on the same folders (output_loading_info=True), and the count by hand:
a BERT layer has 16 tensors (query, key, value, the attention's output dense and LayerNorm, the intermediate
dense, the output dense and LayerNorm: a weight and a bias each), so 4 unused layers are 64 tensors and 2
missing ones 32; the 2-layer model's last hidden state is the full model's hidden state 2."""
from __future__ import annotations

import json

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from tests._minilm_copies import minilm_copies  # noqa: E402
from tests._small_task import write_small_task  # noqa: E402
from wordeval.cli import main  # noqa: E402
from wordeval.embeddings.vector_checks import LoaderWarning  # noqa: E402

TENSORS_PER_LAYER = 16
SENTENCE = ["the", "cat", "sat", "on", "the", "mat"]


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    out = minilm_copies(tmp_path_factory.mktemp("minilm_layers"), {"fewer": {"num_hidden_layers": 2},
                                                                    "more": {"num_hidden_layers": 8}})
    assert json.loads((out["packaged"] / "config.json").read_text(encoding="utf-8"))["num_hidden_layers"] == 6
    return out


def _loading_info(folder):
    transformers.utils.logging.disable_progress_bar()
    _, info = transformers.AutoModel.from_pretrained(folder, local_files_only=True, output_loading_info=True)
    return info


def test_transformers_loads_both_and_reports_the_unused_and_missing_tensors(folders):
    fewer, more = _loading_info(folders["fewer"]), _loading_info(folders["more"])
    assert len(fewer["unexpected_keys"]) == 4 * TENSORS_PER_LAYER and not fewer["missing_keys"]
    assert {k.split(".")[2] for k in fewer["unexpected_keys"]} == {"2", "3", "4", "5"}
    assert len(more["missing_keys"]) == 2 * TENSORS_PER_LAYER and not more["unexpected_keys"]
    assert {k.split(".")[2] for k in more["missing_keys"]} == {"6", "7"}


def test_unused_weights_are_warned_of_in_one_line(folders):
    from wordeval.embeddings.load import load_embedding

    with pytest.warns(LoaderWarning) as said:
        encoder = load_embedding(f"bert:model={folders['fewer']}")
    messages = [str(w.message) for w in said if issubclass(w.category, LoaderWarning)]
    assert messages == [f"{folders['fewer']}: 64 tensors of its weights unused (encoder.layer.2.attention.output."
                        "LayerNorm.bias, ...): its config.json builds less of the BertModel than the weights hold "
                        "(fewer layers?)"]
    # what it scores: the full model's hidden state 2, as the config asks
    full = load_embedding(f"bert:model={folders['packaged']},layer=2")
    assert np.array_equal(encoder.encode_tokens([SENTENCE])[0], full.encode_tokens([SENTENCE])[0])


def test_the_packaged_folder_loads_without_a_warning(folders):
    import warnings

    from wordeval.embeddings.load import load_embedding

    with warnings.catch_warnings():
        warnings.simplefilter("error", LoaderWarning)
        load_embedding(f"bert:model={folders['packaged']}")


def test_a_run_with_unused_weights_scores_and_says_so(folders, tmp_path, capsys):
    transformers.utils.logging.disable_progress_bar()
    _, spec = write_small_task(tmp_path)
    rc = main(["-q", "intrinsic", f"b=bert:type-level,model={folders['fewer']}", "--tasks", str(spec),
               "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert rc == 0, err
    warned = [line for line in err.splitlines() if "of its weights unused" in line]
    assert len(warned) == 1 and warned[0].startswith(f"wordeval: warning: {folders['fewer']}: 64 tensors"), err


def test_missing_weights_are_refused_in_one_line_before_anything_is_written(folders, tmp_path, capsys):
    transformers.utils.logging.disable_progress_bar()
    _, spec = write_small_task(tmp_path)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"b=bert:model={folders['more']}", "--tasks", str(spec), "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert err == (f"wordeval: error: {folders['more']}: expected weights for every tensor of a BertModel, got 32 "
                   "missing (encoder.layer.6.attention.output.LayerNorm.bias, ...), which transformers would "
                   "fill with random numbers\n")
    assert not out.exists()
