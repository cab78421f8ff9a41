"""A ``bert:model=FOLDER`` whose config.json (or tokenizer_config.json) maps transformers' Auto classes to the
folder's own code (``auto_map``) asks for remote code, which wordeval never runs: it is refused, in one line
naming the file, before anything is written. Where the folder's model_type is one transformers knows,
``trust_remote_code=False`` loaded transformers' own class instead of the folder's, and the run scored that
without a word.

Oracle: transformers itself, which loads its own BertModel for such a folder rather than the class its
auto_map names; and a marker file the folder's code would write, never written."""
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
CODE = "open({marker!r}, 'w').write('ran')\nfrom transformers import BertModel as XModel, BertConfig as XConfig\n"


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("custom")
    ok = write_tiny_bert(root / "ok", WORDS)
    marker = root / "the folder's code ran"
    out = {"ok": ok, "marker": marker}
    for name, file, entry in [("model_code", "config.json", {"AutoModel": "modeling_x.XModel"}),
                              ("config_code", "config.json", {"AutoConfig": "modeling_x.XConfig",
                                                              "AutoModel": "modeling_x.XModel"}),
                              ("tokenizer_code", "tokenizer_config.json",
                               {"AutoTokenizer": ["modeling_x.XTokenizer", None]})]:
        out[name] = root / name
        shutil.copytree(ok, out[name])
        settings = json.loads((ok / file).read_text())
        (out[name] / file).write_text(json.dumps({**settings, "auto_map": entry}))
        (out[name] / "modeling_x.py").write_text(CODE.format(marker=str(marker)))
    return out


def test_transformers_loads_its_own_class_not_the_one_auto_map_names(folders):
    from transformers import AutoModel

    model = AutoModel.from_pretrained(folders["model_code"], local_files_only=True, trust_remote_code=False)
    assert type(model).__module__.startswith("transformers.models.bert")
    assert json.loads((folders["model_code"] / "config.json").read_text())["auto_map"]["AutoModel"] == \
        "modeling_x.XModel"


@pytest.mark.parametrize("name, file, names", [("model_code", "config.json", "AutoModel (modeling_x.XModel)"),
                                               ("config_code", "config.json", "AutoConfig (modeling_x.XConfig)"),
                                               ("tokenizer_code", "tokenizer_config.json",
                                                "AutoTokenizer (modeling_x.XTokenizer)")])
def test_a_folder_asking_for_its_own_code_is_refused_before_anything_is_written(folders, tmp_path, capsys, name,
                                                                                file, names):
    transformers.utils.logging.disable_progress_bar()
    _, spec = write_small_task(tmp_path)
    out = tmp_path / "out"
    rc = main(["-q", "intrinsic", f"bert:type-level,model={folders[name]}", "--tasks", str(spec), "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert err == (f"wordeval: error: {folders[name] / file}: expected a model transformers' own classes load "
                   f"(wordeval never runs a folder's code), got auto_map naming custom code for {names}\n")
    assert not out.exists() and not folders["marker"].exists()


def test_the_python_api_refuses_it_too_and_takes_the_folder_without_auto_map(folders):
    from wordeval.embeddings.load import load_embedding
    from wordeval.errors import InputFormatError

    with pytest.raises(InputFormatError, match="auto_map naming custom code for AutoModel"):
        load_embedding(f"bert:model={folders['model_code']}")
    assert load_embedding(f"bert:model={folders['ok']}").info.format == "bert-token"
    assert not folders["marker"].exists()
