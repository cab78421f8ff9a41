"""A run whose second representation fails when it is loaded (a bert: folder whose weights do not fit its
config.json) stopped with that error alone, exit 2, which the README reads as 'nothing written', while the
store kept the first representation's record. The line now says what the store holds and that the same
command resumes; after the folder is fixed, the rerun computes only the missing cell. Oracles: the store's
records read back, and the run's own 'cached'/'stored' lines."""
from __future__ import annotations

import json
import logging
import shutil

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from tests._small_task import PAIRS, write_small_task  # noqa: E402
from wordeval.cli import main  # noqa: E402
from wordeval.results.store import load_records  # noqa: E402

WORDS = sorted({w for a, b, _ in PAIRS for w in (a, b)})


def _bert_folders(root):
    """(a folder that loads, the same folder with a config.json of other shapes)"""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    torch.manual_seed(0)
    ok = root / "ok"
    ok.mkdir()
    (ok / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]) + "\n")
    BertTokenizerFast.from_pretrained(ok).save_pretrained(ok)
    BertModel(BertConfig(vocab_size=5 + len(WORDS), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                         intermediate_size=32, max_position_embeddings=32)).save_pretrained(ok)
    broken = root / "broken"
    shutil.copytree(ok, broken)
    config = json.loads((ok / "config.json").read_text())
    (broken / "config.json").write_text(json.dumps({**config, "hidden_size": 32, "intermediate_size": 64}))
    return ok, broken


def test_the_error_says_what_the_store_kept_and_the_rerun_computes_only_the_rest(tmp_path, capsys, caplog):
    transformers.utils.logging.disable_progress_bar()
    vectors, spec = write_small_task(tmp_path)
    ok, broken = _bert_folders(tmp_path)
    out = tmp_path / "out"
    argv = ["intrinsic", f"a={vectors}", f"b=bert:type-level,model={broken}", "--tasks", str(spec),
            "--out", str(out)]
    rc = main(["-q", *argv])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    records, _ = load_records(str(out))
    assert [r.label for r in records] == ["a"]
    assert f"{broken}: expected weights of the shapes" in err
    assert f"the store {out / 'results.sqlite'} holds 1 of this run's 2 cells, with results for a only" in err, err
    assert "the same command computes only the missing cells" in err

    shutil.copy(ok / "config.json", broken / "config.json")
    caplog.set_level(logging.INFO, logger="wordeval")
    caplog.clear()
    assert main(argv) == 0
    lines = [r.getMessage() for r in caplog.records]
    assert [m for m in lines if m.startswith("cached ")] == ["cached similarity/mine on a (seed 0)"]
    assert [m.split(":")[0] for m in lines if m.startswith("stored ")] == ["stored similarity/mine on b (seed 0)"]
    assert sorted(r.label for r in load_records(str(out))[0]) == ["a", "b"]


def test_an_error_before_any_cell_is_stored_adds_nothing(tmp_path, capsys):
    transformers.utils.logging.disable_progress_bar()
    vectors, spec = write_small_task(tmp_path)
    _, broken = _bert_folders(tmp_path)
    rc = main(["-q", "intrinsic", f"b=bert:type-level,model={broken}", f"a={vectors}", "--tasks", str(spec),
               "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert rc == 2 and "the store" not in err and not (tmp_path / "out").exists(), err
