"""Task options given as flags of `intrinsic` / `extrinsic` and as --set: a flag left out leaves the task's own
default (a spec's [config]) in place, --set reaches the families that take it, and a conflicting, repeated or
inapplicable option is one error line, exit 2, with no store created."""
from __future__ import annotations

import csv

import numpy as np
import pytest

from wordeval.cli import main

QUESTIONS = [("man", "woman", "king", "queen"), ("paris", "france", "rome", "italy"),
             ("big", "bigger", "small", "smaller"), ("good", "better", "bad", "worse")]
PAIRS = [("tiger", "cat", 7.35), ("book", "paper", 7.46), ("plane", "car", 5.77), ("money", "cash", 9.15),
         ("tiger", "book", 0.9), ("cat", "money", 1.2)]
SENTENCES = [[("John", "B-PER"), ("lives", "O"), ("in", "O"), ("London", "B-LOC")],
             [("Paris", "B-LOC"), ("is", "O"), ("great", "O")]]


@pytest.fixture()
def small(tmp_path):
    words = sorted({w for q in QUESTIONS for w in q} | {w for a, b, _ in PAIRS for w in (a, b)}
                   | {"john", "lives", "in", "london", "is", "great", "film", "movie", "terrible"})
    rng = np.random.default_rng(3)
    (tmp_path / "v.txt").write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(8))}\n"
                                            for w in words), encoding="utf-8")
    (tmp_path / "an.txt").write_text("".join(" ".join(q) + "\n" for q in QUESTIONS), encoding="utf-8")
    (tmp_path / "an.toml").write_text('name = "an"\nfamily = "analogy"\n[files]\ntest = "an.txt"\n'
                                      '[config]\nmethod = "3cosmul"\noov = "penalize"\n', encoding="utf-8")
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (tmp_path / "sim.toml").write_text('name = "sim"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n',
                                       encoding="utf-8")
    def conll(n):
        return "".join("".join(f"{w}\t{t}\n" for w, t in SENTENCES[i % 2]) + "\n" for i in range(n))
    (tmp_path / "train.conll").write_text(conll(12), encoding="utf-8")
    (tmp_path / "test.conll").write_text(conll(4), encoding="utf-8")
    (tmp_path / "ner.toml").write_text('name = "ner"\nfamily = "ner"\nscheme = "IOB2"\n[files]\n'
                                       'train = "train.conll"\ntest = "test.conll"\n'
                                       '[config]\nlearner = "crf"\noov = "zero"\n', encoding="utf-8")
    docs = [("pos", "great film"), ("neg", "terrible movie")]
    (tmp_path / "cls_train.tsv").write_text("".join(f"{lab}\t{t}\n" for _ in range(10) for lab, t in docs))
    (tmp_path / "cls_test.tsv").write_text("".join(f"{lab}\t{t}\n" for _ in range(3) for lab, t in docs))
    (tmp_path / "cls.toml").write_text('name = "cls"\nfamily = "classification"\n[files]\n'
                                       'train = "cls_train.tsv"\ntest = "cls_test.tsv"\n', encoding="utf-8")
    return tmp_path


def _records(store):
    from wordeval.results.store import ResultStore

    with ResultStore(store) as s:
        return {r.task: r for r in s.records()}


def test_intrinsic_keeps_a_specs_analogy_method_when_no_flag_asks_otherwise(small):
    # --method defaulted to 3cosadd and --oov to skip, which replaced the spec's [config]; `run` kept it
    store, preds = small / "store", small / "preds"
    assert main(["--quiet", "intrinsic", str(small / "v.txt"), "--tasks", str(small / "an.toml"),
                 "--out", str(store), "--save-predictions", str(preds)]) == 0
    rec = _records(store)["analogy/an"]
    assert (rec.config["method"], rec.config["oov"]) == ("3cosmul", "penalize")
    # the answers are 3CosMul's: gensim's most_similar_cosmul, which also leaves the query words out
    from gensim.models import KeyedVectors
    kv = KeyedVectors.load_word2vec_format(str(small / "v.txt"), no_header=True)
    (table,) = preds.glob("*.tsv")
    with open(table, encoding="utf-8") as fh:
        predicted = [row["predicted"] for row in csv.DictReader(fh, delimiter="\t")]
    assert predicted == [kv.most_similar_cosmul(positive=[b, c], negative=[a], topn=1)[0][0]
                         for a, b, c, _ in QUESTIONS]


def test_a_flag_given_still_wins_over_the_specs_config(small):
    store = small / "store"
    assert main(["--quiet", "intrinsic", str(small / "v.txt"), "--tasks", str(small / "an.toml"),
                 "--method", "pairdirection", "--honest", "--out", str(store)]) == 0
    cfg = _records(store)["analogy/an"].config
    assert (cfg["method"], cfg["honest"], cfg["oov"]) == ("pairdirection", True, "penalize")


def test_extrinsic_keeps_a_specs_learner_and_oov_policy(small):
    # --learner defaulted to mlp and --oov to unk: a spec asking for the CRF trained the window MLP
    store = small / "store"
    assert main(["--quiet", "extrinsic", str(small / "v.txt"), "--tasks", str(small / "ner.toml"), "--seeds", "1",
                 "--epochs", "2", "--out", str(store)]) == 0
    cfg = _records(store)["ner/ner"].config
    assert (cfg["learner"], cfg["oov"], cfg["epochs"]) == ("crf", "zero", 2)


def test_set_reaches_the_families_that_take_it(small):
    # intrinsic refused --set method=... as unknown to the similarity task beside the analogy one
    store = small / "store"
    assert main(["--quiet", "intrinsic", str(small / "v.txt"), "--tasks", str(small / "sim.toml"),
                 str(small / "an.toml"), "--set", "method=pairdirection", "--out", str(store)]) == 0
    recs = _records(store)
    assert recs["analogy/an"].config["method"] == "pairdirection"
    assert "method" not in recs["similarity/sim"].config


@pytest.mark.parametrize("argv, message", [
    (["intrinsic", "{v}", "--tasks", "{an}", "--set", "n_boot=10", "--set", "n_boot=20"],
     "--set n_boot: given twice"),
    (["intrinsic", "{v}", "--tasks", "{an}", "--method", "3cosadd", "--set", "method=pairdirection"],
     "--method 3cosadd and --set method='pairdirection' ask for two values of method"),
    (["intrinsic", "{v}", "--tasks", "{sim}", "--method", "3cosmul"],
     "--method: no task of this run takes it (similarity/sim)"),
    (["intrinsic", "{v}", "--tasks", "{sim}", "--honest"], "--honest: no task of this run takes it"),
    (["intrinsic", "{v}", "--tasks", "{sim}", "--set", "methd=3cosmul"], "--set methd: no task of this run"),
    (["extrinsic", "{v}", "--tasks", "{cls}", "--learner", "crf"], "--learner: no task of this run takes it"),
    (["extrinsic", "{v}", "--tasks", "{cls}", "--epochs", "3"], "--epochs: no task of this run takes it"),
    (["extrinsic", "{v}", "--tasks", "{ner}", "--oov", "unk", "--set", "oov=\"random\""],
     "--oov unk and --set oov='random'"),
    (["run", "{v}", "--tasks", "{ner}", "--restrict-vocab", "5"],
     "--restrict-vocab limits the rows of similarity and analogy tasks, and none is asked for"),
    (["run", "{v}", "--tasks", "{sim}", "--restrict-vocab", "5", "--set", "restrict_vocab=6"],
     "--restrict-vocab 5 and restrict_vocab = 6 ask for two candidate sets"),
    (["run", "{v}", "{v}", "--tasks", "{ner}", "--intersection"],
     "--intersection applies to similarity, analogy and STS tasks"),
    (["run", "{v}", "--suite", "quick", "--tasks", "{sim}"], "--suite and --tasks both choose the tasks"),
    (["run", "{v}", "--tasks", "{sim}", "--save-predictions", ""], "--save-predictions '': expected a folder"),
    (["extrinsic", "{v}", "--tasks", "{cls}", "--seed", str(2 ** 32)], "expected an integer <= 4294967295"),
    (["extrinsic", "{v}", "--tasks", "{cls}", "--seed", str(2 ** 32 - 1), "--seeds", "2"],
     "the last, 4294967296, is above 4294967295"),
])
def test_a_conflicting_repeated_or_inapplicable_option_is_refused_before_any_work(small, capsys, argv, message):
    files = {"v": small / "v.txt", "an": small / "an.toml", "sim": small / "sim.toml", "ner": small / "ner.toml",
             "cls": small / "cls.toml"}
    store = small / "store"
    argv = [a.format(**files) for a in argv]
    if argv[0] == "run" and argv.count(str(files["v"])) == 2:
        argv[2] = f"b={files['v']}"
    assert main(["--quiet", *argv, "--out", str(store)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and "Traceback" not in err, err
    assert message in err, err
    assert not store.exists()


def test_the_api_refuses_a_seed_that_numpy_and_scikit_learn_cannot_take(small):
    from wordeval.errors import ConfigError
    from wordeval.runner import plan

    with pytest.raises(ConfigError, match="seed=4294967296: expected an integer <= 4294967295"):
        plan([str(small / "v.txt")], [str(small / "cls.toml")], seeds=[2 ** 32])


def test_a_vocabulary_file_for_a_text_file_is_refused_also_when_it_is_cached(small, capsys, monkeypatch):
    # --vocab names a .npy matrix's words; on a GloVe text file served from the binary cache it was dropped
    monkeypatch.setenv("WORDEVAL_CACHE", str(small / "cache"))
    argv = ["--quiet", "run", str(small / "v.txt"), "--tasks", str(small / "sim.toml")]
    assert main([*argv, "--out", str(small / "first")]) == 0
    store = small / "store"
    assert main([*argv, "--vocab", str(small / "words.txt"), "--out", str(store)]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "a vocabulary file (vocab) is only used with format npy, not glove" in err
    assert not store.exists()


def test_a_tagging_flag_on_classification_names_its_own_option_of_that_name(small, capsys):
    """`extrinsic --tasks cls.toml --oov zero` said "no task of this run takes it", while classification has an
    oov option (skip, zero, random, unk) that --set reaches: the message now says so. Exit 2, no store."""
    code = main(["extrinsic", str(small / "v.txt"), "--tasks", str(small / "cls.toml"), "--oov", "zero",
                 "--out", str(small / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert err[0].endswith("classification/cls has an option oov of its own: --set oov=VALUE")
    assert not (small / "out").exists()


def test_a_set_value_goes_to_the_families_that_have_it(small):
    """`run --suite quick --set learner=crf` (README's example) stopped at classification's "learner must be
    logreg or finetune": learner, oov and pooling take other values in each family. A value goes to the tasks
    whose family has it; one that no task of the run has is still refused."""
    from wordeval.cli.common import settings_for
    from wordeval.results.store import ResultStore

    docs = [("pos", "great film"), ("neg", "terrible movie"), ("pos", "great movie"),
            ("neg", "terrible film")]
    (small / "c_train.tsv").write_text("".join(f"{lab}\t{t}\n" for _ in range(10) for lab, t in docs))
    (small / "c_test.tsv").write_text("".join(f"{lab}\t{t}\n" for _ in range(3) for lab, t in docs))
    (small / "cls.toml").write_text('name = "cls"\nfamily = "classification"\n[files]\n'
                                    'train = "c_train.tsv"\ntest = "c_test.tsv"\n', encoding="utf-8")
    code = main(["run", str(small / "v.txt"), "--tasks", str(small / "ner.toml"), str(small / "cls.toml"),
                 str(small / "sim.toml"), "--set", "learner=perceptron", "--set", "oov=skip", "--set",
                 "cv_folds=2", "--seeds", "1", "--out", str(small / "out"), "-q"])
    assert code == 0
    with ResultStore(small / "out") as store:
        got = {r.task: (r.config.get("learner"), r.config.get("oov")) for r in store.records()}
    # ner keeps its spec's oov = "zero" (tagging has no oov 'skip'); classification its logreg
    assert got == {"ner/ner": ("perceptron", "zero"), "classification/cls": ("logreg", "skip"),
                   "similarity/sim": (None, "skip")}
    quick = ["similarity/ws353", "analogy/google", "pos/ud-ewt", "classification/sst2"]
    assert settings_for("classification/sst2", {"learner": "crf"}, quick) == {}
    assert settings_for("pos/ud-ewt", {"learner": "crf"}, quick) == {"learner": "crf"}
    alone = ["classification/sst2"]
    assert settings_for("classification/sst2", {"learner": "crf"}, alone) == {"learner": "crf"}
    assert main(["run", str(small / "v.txt"), "--tasks", str(small / "cls.toml"), "--set", "learner=crf",
                 "--out", str(small / "out2"), "-q"]) == 2
    assert not (small / "out2").exists()
