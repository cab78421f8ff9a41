"""A ``bert:...,model=DIR`` spec's errors end with nothing about labels: `bert:minilm,model=DIR` (a variant
that is no variant) ended "(read as a builder spec; as LABEL=FILE, 'DIR' is a file, but a label that starts
with a registered embedding id ...)", advice for a labelled vector file, given about the model folder that
model= names. The folder here is a copy of the packaged MiniLM with its config.json cut short."""
from __future__ import annotations

import json
import shutil

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

CUT_CONFIG = '{\n  "model_type": "bert",\n  "hidden_size": \n'


@pytest.fixture
def broken_model(tmp_path):
    from wordeval.embeddings.bert_support import minilm_model_dir
    try:
        packaged = minilm_model_dir()
    except Exception as exc:  # the packaged model is not installed
        pytest.skip(f"MiniLM not available: {exc}")
    folder = tmp_path / "broken-minilm"
    shutil.copytree(packaged, folder)
    (folder / "config.json").write_text(CUT_CONFIG, encoding="utf-8")
    return folder


def _cli(argv, capsys) -> tuple[int, str]:
    from wordeval.cli import main

    code = main(argv)
    return code, capsys.readouterr().err.strip()


def _said(spec, tmp_path, capsys, monkeypatch) -> list[tuple[int, str]]:
    """(exit code, stderr) of `info SPEC` and `run SPEC`; the run's store must not be created."""
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "store"
    said = [_cli(["--quiet", "info", spec], capsys),
            _cli(["--quiet", "run", spec, "--tasks", "similarity/mc30", "--out", str(out)], capsys)]
    assert not out.exists()
    return said


def test_a_wrong_variant_before_model_gets_no_label_advice(broken_model, tmp_path, capsys, monkeypatch):
    spec = f"bert:minilm,model={broken_model}"
    for code, err in _said(spec, tmp_path, capsys, monkeypatch):
        assert code == 2 and "\n" not in err, err
        assert err == (f"wordeval: error: {spec}: bert variant 'minilm': expected 'token' (default) or "
                       "'type-level'")


@pytest.mark.parametrize("variant", ["type-level,", ""])
def test_a_broken_config_is_named_with_its_line_and_no_label_advice(broken_model, tmp_path, capsys,
                                                                    monkeypatch, variant):
    # the line is json's own account of where the text stops being JSON
    with pytest.raises(json.JSONDecodeError) as cut:
        json.loads(CUT_CONFIG)
    config = broken_model / "config.json"
    for code, err in _said(f"bert:{variant}model={broken_model}", tmp_path, capsys, monkeypatch):
        assert code == 2 and "\n" not in err, err
        assert err.startswith(f"wordeval: error: {config}:{cut.value.lineno}: expected the model's config "
                              f"(a JSON object), got not JSON"), err
        assert "LABEL=FILE" not in err


def test_a_model_folder_under_another_option_is_not_called_a_file(broken_model, monkeypatch):
    # word2vec:sg=DIR: a folder is no LABEL=FILE reading either, and is no file
    from wordeval.embeddings.load import _label_reading

    monkeypatch.chdir(broken_model.parent)
    assert _label_reading(f"word2vec:sg={broken_model.name}") == ""
    assert _label_reading(f"word2vec:sg={broken_model.name}/config.json").startswith(
        f" (read as a builder spec; as LABEL=FILE, '{broken_model.name}/config.json' is a file")
