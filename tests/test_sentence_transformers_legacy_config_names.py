"""The Transformer module's settings under sentence-transformers 0.x's other names: 0.x's RoBERTa, DistilBERT,
CamemBERT, ALBERT, XLM-R and XLNet modules wrote sentence_roberta_config.json... (not sentence_bert_config.json),
and sentence-transformers still reads them, in its own order. wordeval read sentence_bert_config.json alone, so
such a folder's max_seq_length and do_lower_case were ignored: texts cut at the model's positions (64 here)
instead of the folder's 8 tokens, the text not lowercased.

Oracle: ``SentenceTransformer(folder)`` of the venv: the tokens it keeps (its attention mask) and its vectors.
"""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

torch = pytest.importorskip("torch")
st = pytest.importorskip("sentence_transformers")

from tests.test_sentence_transformers_older_layout import OLD_TYPES, _tiny_transformer  # noqa: E402
from wordeval.embeddings.bert import BertEncoder  # noqa: E402

TEXTS = ["The Quick brown fox jumps over the lazy dog The quick brown fox", "Birds", "a dog ran in the park"]


@pytest.mark.parametrize("name", ["sentence_roberta_config.json", "sentence_xlm-roberta_config.json"])
def test_a_legacy_settings_name_is_read_as_sentence_transformers_reads_it(tmp_path, name):
    from sentence_transformers import SentenceTransformer
    from sentence_transformers import models as stm

    _tiny_transformer(tmp_path / "hf")
    SentenceTransformer(modules=[stm.Transformer(str(tmp_path / "hf")), stm.Pooling(32, pooling_mode="mean")],
                        device="cpu").save(str(tmp_path / "new"))
    folder = tmp_path / "old"
    shutil.copytree(tmp_path / "new", folder)
    (folder / "0_Transformer").mkdir()
    for path in list(folder.iterdir()):
        if path.is_file() and path.name not in ("modules.json", "config_sentence_transformers.json", "README.md"):
            shutil.move(str(path), folder / "0_Transformer" / path.name)
    (folder / "0_Transformer" / "sentence_bert_config.json").unlink(missing_ok=True)
    (folder / "0_Transformer" / name).write_text(json.dumps({"max_seq_length": 8, "do_lower_case": True}))
    modules = json.loads((folder / "modules.json").read_text())
    for m in modules:
        m["path"] = m["path"] or "0_Transformer"
        m["type"] = OLD_TYPES[m["path"]]
    (folder / "modules.json").write_text(json.dumps(modules))

    oracle = SentenceTransformer(str(folder), device="cpu")
    kept = oracle.tokenize(TEXTS)["attention_mask"].sum(1).tolist()
    assert oracle.max_seq_length == 8 and kept[0] == 8  # the oracle read the file: the long text is cut
    enc = BertEncoder(str(folder), device="cpu")
    assert enc.sentence_max_length == 8 and enc.lowercases_input
    assert [len(ids) for ids in enc._truncated_ids(TEXTS)] == kept
    assert np.abs(enc.encode_sentences(TEXTS) - oracle.encode(TEXTS)).max() < 1e-5
