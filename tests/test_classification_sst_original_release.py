"""The Stanford Sentiment Treebank's original release (datasetSentences.txt, 'sentence_index<TAB>sentence')
has no labels beside its sentences. It was refused with the advice ``columns = {label = 0, text = 1}``, which
would have scored the sentence index as the label; it is now refused as unsupported, naming what to give."""
from __future__ import annotations

import pytest

from wordeval.cli import main

ROWS = ("sentence_index\tsentence\n"
        "1\tThe Rock is destined to be the 21st Century 's new `` Conan '' .\n"
        "2\tEffective but too-tepid biopic\n"
        "3\tIf you sometimes like to go to the movies to have fun , Wasabi is a good place to start .\n"
        "4\tEmerges as something rare , an issue movie that 's so honest and keenly observed .\n")


@pytest.mark.parametrize("hints", ["", 'format = "sst"\n', "columns = {label = 0, text = 1}\n",
                                   'delimiter = "tab"\n'])
def test_sst_original_release_is_refused_in_one_line_naming_what_to_give(tmp_path, capsys, hints):
    data = tmp_path / "datasetSentences.txt"
    data.write_text(ROWS, encoding="utf-8")
    (tmp_path / "test.txt").write_text(ROWS, encoding="utf-8")
    spec = tmp_path / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "classification"\n{hints}[files]\ntrain = "datasetSentences.txt"\n'
                    'test = "test.txt"\n', encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    captured = capsys.readouterr()
    err = captured.err
    assert captured.out == "" and len(err.splitlines()) == 1, err
    assert err.startswith(f"wordeval: error: {data}:1: "), err
    assert "not supported" in err and "SST-2" in err and "SentEval" in err
    assert "label = 0" not in err
