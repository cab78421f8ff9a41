"""A sentence-transformers folder whose first module is not a transformer this encoder runs (0.x's 0_T5/, which
put a task prefix before every text; a WordEmbeddings module) was only hinted at: "give model=FOLDER/0_T5", and
that subfolder, given, was read alone and scored (without the folder's Pooling or T5's prefix) as the model.
Both are now refused while the run is planned: one line naming the folder and the types it reads, exit 2, no
store."""
from __future__ import annotations

import json
import shutil

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from tests._small_task import write_small_task  # noqa: E402
from tests._tiny_bert import write_tiny_bert  # noqa: E402
from wordeval.cli import main  # noqa: E402
from wordeval.errors import ConfigError  # noqa: E402


def _folder(tmp_path, sub, kind):
    """The transformer in SUB/ under a module of type KIND, a mean Pooling after it."""
    folder = tmp_path / f"sbert_{kind}"
    write_tiny_bert(folder / sub, ["the", "cat", "sat", "dog", "ran"])
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({"word_embedding_dimension": 16,
                                                                  "pooling_mode_mean_tokens": True}))
    (folder / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": sub, "type": f"sentence_transformers.models.{kind}"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]))
    return folder


@pytest.mark.parametrize("sub, kind", [("0_T5", "T5"), ("0_WordEmbeddings", "WordEmbeddings")])
@pytest.mark.parametrize("given", ["folder", "subfolder"])
def test_refused_when_planned_naming_the_folder_and_what_is_read(tmp_path, capsys, sub, kind, given):
    folder = _folder(tmp_path, sub, kind)
    model = folder if given == "folder" else folder / sub
    _, spec = write_small_task(tmp_path)
    capsys.readouterr()  # the model's own "Writing model shards" bar
    out = tmp_path / "out"
    rc = main(["-q", "run", f"bert:model={model}", "--tasks", str(spec), "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1, err
    assert (f"{folder.resolve()}: expected a sentence-transformers folder whose first module is a transformer "
            f"(Transformer, BERT, RoBERTa, DistilBERT, XLMRoBERTa, ALBERT, CamemBERT, XLNet); its modules.json "
            f"starts with {kind} ({sub}/), which wordeval cannot run") in err, err
    assert "give model=" not in err and not out.exists()
    assert main(["-q", "info", f"bert:model={model}"]) == 2
    assert capsys.readouterr().err == err


def test_the_python_api_refuses_it_too(tmp_path):
    from wordeval.embeddings.bert import BertEncoder

    folder = _folder(tmp_path, "0_T5", "T5")
    with pytest.raises(ConfigError, match="starts with T5 \\(0_T5/\\)"):
        BertEncoder(str(folder / "0_T5"), device="cpu")


def test_a_transformer_module_in_a_subfolder_is_still_read(tmp_path):
    from wordeval.embeddings.bert import BertEncoder

    folder = _folder(tmp_path, "0_BERT", "BERT")
    assert BertEncoder(str(folder), device="cpu").pipeline_dir == folder.resolve()
    plain = write_tiny_bert(tmp_path / "plain", ["the", "cat"])  # no modules.json at all
    shutil.copy(folder / "modules.json", tmp_path / "modules.json")  # a parent's list that does not name it
    assert BertEncoder(str(plain), device="cpu").dim == 16
