"""Options the chosen learner does not take. Before, lexical/clusters on mlp, decode/patience/finetune on crf
were refused only when the first cell was scored (after the store was created, after other tasks trained),
and hidden/dropout on crf or perceptron were silently ignored while the record's config said they were set."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.cli import main
from wordeval.errors import ConfigError
from wordeval.extrinsic.tagging import check_learner_options, resolve_config

BAD = [
    ({"learner": "mlp", "lexical": True}, "cluster-id and lexical features are for the linear learners"),
    ({"learner": "mlp", "clusters": 5}, "cluster-id and lexical features are for the linear learners"),
    ({"learner": "crf", "decode": "viterbi"}, "decode is an option of learner=mlp"),
    ({"learner": "crf", "finetune": True}, "the crf learner uses fixed features"),
    ({"learner": "perceptron", "patience": 2}, "patience is an option of the torch learners"),
    ({"learner": "crf", "hidden": 5}, "hidden is an option of the torch learners (mlp, bilstm-crf), not crf"),
    ({"learner": "perceptron", "dropout": 0.1}, "dropout is an option of the torch learners"),
]


@pytest.mark.parametrize("config,message", BAD)
def test_learner_option_mismatch_is_refused_before_training(config, message):
    with pytest.raises(ConfigError) as err:
        check_learner_options(resolve_config(config))
    assert message in str(err.value)


@pytest.mark.parametrize("config", [{"learner": "crf", "clusters": 3, "lexical": True},
                                    {"learner": "bilstm-crf", "hidden": 5, "dropout": 0.3, "patience": 2},
                                    {"learner": "mlp", "decode": "viterbi", "hidden": 10}])
def test_options_the_learner_takes_are_accepted(config):
    cfg = resolve_config(config)
    check_learner_options(cfg)
    assert {k: cfg[k] for k in config} == config


def _spec(tmp_path, config: str = ""):
    (tmp_path / "train.txt").write_text("Peter B-PER\nsaid O\n\nBonn B-LOC\nvoted O\n")
    (tmp_path / "dev.txt").write_text("Anna B-PER\nsaid O\n")
    (tmp_path / "test.txt").write_text("Paris B-LOC\nvoted O\n")
    (tmp_path / "t.toml").write_text(f'name = "t"\nfamily = "ner"\n{config}[files]\ntrain = "train.txt"\n'
                                     'dev = "dev.txt"\ntest = "test.txt"\n')
    emb = tmp_path / "e.txt"
    emb.write_text("".join(f"{w} {' '.join(map(str, np.arange(3) + i))}\n" for i, w in enumerate(["said", "voted"])))
    return tmp_path / "t.toml", emb


def test_cli_refuses_before_writing_a_store(tmp_path, capsys):
    spec, emb = _spec(tmp_path)
    out = tmp_path / "R"
    rc = main(["--quiet", "extrinsic", str(emb), "--tasks", str(spec), "--learner", "mlp", "--set",
               "lexical=true", "--seeds", "1", "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and "ner/t: cluster-id and lexical features are for the linear learners" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and not out.exists()


def test_a_spec_default_for_the_linear_learners_still_runs_with_learner_crf(tmp_path, capsys):
    spec, emb = _spec(tmp_path, "[config]\nlexical = true\n")
    rc = main(["--quiet", "extrinsic", str(emb), "--tasks", str(spec), "--learner", "crf", "--epochs", "2",
               "--seeds", "1", "--out", str(tmp_path / "R")])
    assert rc == 0, capsys.readouterr().err
