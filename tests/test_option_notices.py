"""Options that change nothing under the rest of the config, and seeds where no task trains: a one-line note
on stderr (the run goes on, exit 0), never silence. Oracles: the scores with and without the idle option are
equal (it did nothing), and a note's absence where the option acts."""
from __future__ import annotations

import logging

import numpy as np
import pytest

import wordeval
from wordeval.cli import main

QUESTIONS = [("man", "woman", "king", "queen"), ("paris", "france", "rome", "italy"),
             ("big", "bigger", "small", "smaller"), ("good", "better", "bad", "worse")]
PAIRS = [("man", "woman", 7.0), ("king", "queen", 8.0), ("big", "small", 2.0), ("good", "bad", 1.5),
         ("paris", "rome", 6.0)]


@pytest.fixture()
def small(tmp_path):
    words = sorted({w for q in QUESTIONS for w in q} | {"cat", "dog", "tree"})
    rng = np.random.default_rng(3)
    (tmp_path / "v.txt").write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(8))}\n"
                                            for w in words), encoding="utf-8")
    (tmp_path / "an.txt").write_text("".join(" ".join(q) + "\n" for q in QUESTIONS), encoding="utf-8")
    (tmp_path / "an.toml").write_text('name = "an"\nfamily = "analogy"\n[files]\ntest = "an.txt"\n',
                                      encoding="utf-8")
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (tmp_path / "sim.toml").write_text('name = "sim"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n',
                                       encoding="utf-8")
    return tmp_path


def _notes(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("wordeval: note:")]


def _intrinsic(small, *extra) -> int:
    return main(["intrinsic", str(small / "v.txt"), "--tasks", str(small / "an.toml"), "--out",
                 str(small / "out"), "-q", *extra])


def test_epsilon_under_3cosadd_is_noted_and_changes_nothing(small, caplog):
    caplog.set_level(logging.WARNING)
    assert _intrinsic(small, "--set", "epsilon=0.5") == 0
    notes = _notes(caplog)
    assert len(notes) == 1
    assert "epsilon=0.5 has no effect" in notes[0] and "'3cosmul'" in notes[0] and "(analogy/an)" in notes[0]
    task = str(small / "an.toml")
    plain = wordeval.evaluate(str(small / "v.txt"), task, config={"n_boot": 10})
    with_eps = wordeval.evaluate(str(small / "v.txt"), task, config={"n_boot": 10, "epsilon": 0.5})
    assert with_eps.main_value == plain.main_value and with_eps.per_item == plain.per_item


def test_epsilon_under_3cosmul_is_not_noted(small, caplog):
    caplog.set_level(logging.WARNING)
    assert _intrinsic(small, "--method", "3cosmul", "--set", "epsilon=0.5") == 0
    assert _notes(caplog) == []


def test_the_python_api_notes_an_idle_option_too(small, caplog):
    caplog.set_level(logging.WARNING)
    wordeval.evaluate(str(small / "v.txt"), str(small / "an.toml"), config={"n_boot": 10, "epsilon": 0.01})
    assert len(_notes(caplog)) == 1 and "epsilon=0.01 has no effect" in _notes(caplog)[0]


def test_several_seeds_on_intrinsic_tasks_only_are_noted_as_one_measurement(small, caplog):
    caplog.set_level(logging.WARNING)
    code = main(["intrinsic", str(small / "v.txt"), "--tasks", str(small / "sim.toml"), "--out",
                 str(small / "out"), "-q", "--seeds", "3", "--seed", "4"])
    assert code == 0
    notes = _notes(caplog)
    assert len(notes) == 1 and "3 seeds asked for" in notes[0] and "with seed 4" in notes[0]
    from wordeval.results.store import ResultStore
    with ResultStore(small / "out") as store:
        assert [r.seed for r in store.records()] == [4]  # one measurement, as the note says


def test_one_seed_is_not_noted(small, caplog):
    caplog.set_level(logging.WARNING)
    assert main(["intrinsic", str(small / "v.txt"), "--tasks", str(small / "sim.toml"), "--out",
                 str(small / "out"), "-q"]) == 0
    assert _notes(caplog) == []


def test_sif_a_without_sif_pooling_is_noted_by_the_classification_rules():
    from wordeval.extrinsic.classification import resolve_config
    from wordeval.option_effects import idle_options

    given = {"sif_a": 0.01, "cv_outer_folds": 5}
    notes = idle_options("classification", given, resolve_config(given))
    assert len(notes) == 2
    assert notes[0].startswith("sif_a=0.01 has no effect: it applies only with pooling = 'sif'")
    assert notes[1].startswith("cv_outer_folds=5 has no effect: it applies only with protocol = 'cv10'")
    given = {"sif_a": 0.01, "pooling": "sif", "cv_outer_folds": 5, "protocol": "cv10"}
    assert idle_options("classification", given, resolve_config(given)) == []


def test_a_vocabulary_for_a_registered_id_is_refused_naming_it(small, capsys):
    """`info glove-6b-50d --vocab words.txt` printed glove's facts, the option dropped without a word."""
    assert main(["info", "glove-6b-50d", "--vocab", str(small / "v.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "glove-6b-50d" in err[0]
    assert "a vocabulary file is for a .npy matrix file" in err[0]
    with pytest.raises(wordeval.WordevalError, match="is not an existing file"):
        wordeval.load_embedding("glove-6b-50d", vocab=str(small / "v.txt"))


def test_a_format_for_a_registered_id_is_refused_as_run_refuses_it(capsys):
    """`info glove-6b-50d --format glove` and evaluate(..., load_options={"format": "glove"}) said "expected an
    embedding file, got no such file or directory", as if the id were a misspelt path; run says the option is
    for a file. A missing path keeps its own error."""
    assert main(["info", "glove-6b-50d", "--format", "glove"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["wordeval: error: load option format='glove' is for a file, and 'glove-6b-50d' is not one "
                   "(it names a registered embedding)"]
    with pytest.raises(wordeval.WordevalError, match="load option format='glove' is for a file, and "
                                                   "'glove-6b-50d' is not one"):
        wordeval.evaluate("glove-6b-50d", "similarity/rg65", load_options={"format": "glove"})
    with pytest.raises(wordeval.WordevalError, match="no such file"):
        wordeval.load_embedding("no-such-vectors.txt", format="glove")


def test_file_reading_options_without_a_file_are_noted(small, caplog, monkeypatch):
    # the embedding is not loaded for the note: a registered id that fails to load after it is enough
    from wordeval.embeddings import load as load_module

    def no_load(*args, **kwargs):
        raise wordeval.WordevalError("not loaded in this test")
    monkeypatch.setattr(load_module, "load_embedding", no_load)
    caplog.set_level(logging.WARNING)
    main(["info", "glove-6b-50d", "--no-cache", "--allow-pickle"])
    assert _notes(caplog) == ["wordeval: note: --no-cache, --allow-pickle have no effect: they are for "
                              "embedding files, and glove-6b-50d is not one"]
    caplog.clear()
    main(["info", str(small / "v.txt"), "--no-cache"])
    assert _notes(caplog) == []


def test_info_does_not_call_allow_pickle_idle_on_a_bert_folder(tmp_path, caplog, monkeypatch):
    # README: --allow-pickle is noted only when no representation is a file "nor a bert: model folder", whose
    # pytorch_model.bin it lets load; info said "no effect" there while the flag was what loaded the weights
    from wordeval.embeddings import load as load_module

    def no_load(*args, **kwargs):
        raise wordeval.WordevalError("not loaded in this test")
    monkeypatch.setattr(load_module, "load_embedding", no_load)
    caplog.set_level(logging.WARNING)
    folder = tmp_path / "pickled"
    folder.mkdir()
    main(["info", f"bert:model={folder}", "--allow-pickle"])
    assert _notes(caplog) == []
    caplog.clear()
    main(["info", f"bert:model={folder}", "--allow-pickle", "--no-cache"])
    assert _notes(caplog) == ["wordeval: note: --no-cache has no effect: it is for embedding files, and "
                              f"bert:model={folder} is not one"]


def test_run_wide_file_options_are_noted_only_when_no_representation_is_a_file(small, caplog):
    from wordeval.runner import plan

    caplog.set_level(logging.WARNING)
    task = str(small / "sim.toml")
    plan(["glove-6b-50d"], [task], load_options={"encoding_errors": "replace"})
    assert _notes(caplog) == ["wordeval: note: --encoding-errors replace has no effect: it is for embedding "
                              "files, and glove-6b-50d is not one"]
    caplog.clear()
    plan(["glove-6b-50d", str(small / "v.txt")], [task], load_options={"encoding_errors": "replace"})
    assert _notes(caplog) == []


def _ner(small):
    sentences = [[("John", "B-PER"), ("lives", "O"), ("in", "O"), ("London", "B-LOC")],
                 [("Paris", "B-LOC"), ("is", "O"), ("great", "O")]]

    def conll(n):
        return "".join("".join(f"{w}\t{t}\n" for w, t in sentences[i % 2]) + "\n" for i in range(n))
    (small / "train.conll").write_text(conll(12), encoding="utf-8")
    (small / "test.conll").write_text(conll(4), encoding="utf-8")
    (small / "ner.toml").write_text('name = "ner"\nfamily = "ner"\nscheme = "IOB2"\n[files]\n'
                                    'train = "train.conll"\ntest = "test.conll"\n', encoding="utf-8")
    return str(small / "ner.toml")


def test_torch_options_on_a_linear_learner_are_noted_and_change_nothing(small, caplog):
    task = _ner(small)
    caplog.set_level(logging.WARNING)
    base = {"learner": "crf", "n_seeds": 1, "profile": "quick"}
    plain = wordeval.evaluate(str(small / "v.txt"), task, config=base)
    assert _notes(caplog) == []
    given = wordeval.evaluate(str(small / "v.txt"), task, config={**base, "device": "cpu", "threads": 2})
    assert given.per_item == plain.per_item and given.main_value == plain.main_value
    assert _notes(caplog) == [
        "wordeval: note: device='cpu' has no effect: it applies only with learner = 'mlp', 'bilstm-crf' or "
        "'bert-finetune', and learner is 'crf' (ner/ner)",
        "wordeval: note: threads=2 has no effect: it applies only with learner = 'mlp', 'bilstm-crf' or "
        "'bert-finetune', and learner is 'crf' (ner/ner)"]


def test_tagging_rules_window_case_and_oov_where_the_learner_reads_none():
    from wordeval.extrinsic.tagging import resolve_config
    from wordeval.option_effects import idle_options

    given = {"learner": "bilstm-crf", "window": 3}
    notes = idle_options("ner", given, resolve_config(given))
    assert [n.split(":")[0] for n in notes] == ["window=3 has no effect"]
    given = {"learner": "bert-finetune", "case": "exact", "oov": "zero"}
    assert [n.split(":")[0] for n in idle_options("ner", given, resolve_config(given))] == [
        "oov='zero' has no effect", "case='exact' has no effect"]
    given = {"learner": "mlp", "window": 3, "device": "cpu", "threads": 1, "case": "exact", "oov": "zero"}
    assert idle_options("ner", given, resolve_config(given)) == []


def test_save_predictions_on_qvec_is_noted_since_it_has_no_per_item_output(tmp_path, caplog, shared_data):
    """The predictions folder stayed empty for QVEC without a word; the similarity task beside it writes its
    file, and is not named in the note."""
    (tmp_path / "pairs.tsv").write_text("king\tqueen\t8\nman\twoman\t7\ncat\tdog\t6\n", encoding="utf-8")
    (tmp_path / "sim.toml").write_text('name = "sim"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n',
                                       encoding="utf-8")
    caplog.set_level(logging.WARNING)
    code = main(["intrinsic", "glove-6b-50d", "--tasks", "qvec/supersenses", str(tmp_path / "sim.toml"),
                 "--out", str(tmp_path / "out"), "--save-predictions", str(tmp_path / "pred"), "-q",
                 "--data-home", str(shared_data), "--set", "n_boot=10"])
    assert code == 0
    assert _notes(caplog) == ["wordeval: note: --save-predictions: qvec/supersenses writes no per-item "
                              "predictions (QVEC and QVEC-CCA score the embedding matrix against the oracle "
                              "as a whole)"]
    written = sorted(p.name for p in (tmp_path / "pred").iterdir() if not p.name.startswith("."))
    assert written and all(name.startswith("similarity__sim__") for name in written)


def test_an_idle_option_in_the_users_own_spec_file_is_noted_too(small, caplog):
    (small / "an2.toml").write_text('name = "an2"\nfamily = "analogy"\n[files]\ntest = "an.txt"\n'
                                    '[config]\nepsilon = 0.2\n', encoding="utf-8")
    caplog.set_level(logging.WARNING)
    assert main(["intrinsic", str(small / "v.txt"), "--tasks", str(small / "an2.toml"), "--out",
                 str(small / "out"), "-q"]) == 0
    assert [n.split(":", 2)[2].strip() for n in _notes(caplog)] == [
        "epsilon=0.2 has no effect: it applies only with method = '3cosmul', and method is '3cosadd' "
        "(analogy/an2)"]


def test_case_on_a_sentence_encoder_in_sts_is_noted_and_changes_nothing(caplog):
    """A sentence encoder reads each text as written; `--case lower` was taken and recorded without effect."""
    from wordeval.intrinsic.sts import sentence_vectors

    class Encoder:
        info = type("Info", (), {"name": "enc"})()

        def encode_sentences(self, texts, pooling="mean"):
            return np.array([[len(t), sum(map(ord, t)) % 7 + 1.0] for t in texts], dtype=np.float32)

    texts = ["The Cat", "a dog"]
    caplog.set_level(logging.WARNING)
    plain, _ = sentence_vectors(Encoder(), texts, {"pooling": "mean", "case": "exact-then-lower"})
    assert _notes(caplog) == []
    lowered, _ = sentence_vectors(Encoder(), texts, {"pooling": "mean", "case": "lower"})
    np.testing.assert_array_equal(lowered, plain)
    assert _notes(caplog) == ["wordeval: note: case='lower' has no effect on enc: a sentence encoder reads each "
                              "text as written (case is the word lookup of the word-vector average)"]


def test_datasets_check_notes_a_spec_option_a_run_would_not_read(small, capsys):
    (small / "an2.toml").write_text('name = "an2"\nfamily = "analogy"\n[files]\ntest = "an.txt"\n'
                                    '[config]\nepsilon = 0.2\n', encoding="utf-8")
    assert main(["datasets", "check", str(small / "an2.toml")]) == 0
    out = capsys.readouterr().out
    assert "  note: epsilon=0.2 has no effect: it applies only with method = '3cosmul', and method is " \
           "'3cosadd'" in out
    assert main(["datasets", "check", str(small / "an2.toml"), "--json"]) == 0
    import json
    assert len(json.loads(capsys.readouterr().out)["notes"]) == 1


def test_vocab_for_an_unlabelled_registered_id_names_it_once(tmp_path, capsys):
    """`intrinsic glove-6b-50d --vocab x.txt` said "'glove-6b-50d' of 'glove-6b-50d' is not an existing file";
    a label other than the spec is still named (`g=glove-6b-50d`: "'glove-6b-50d' of 'g'")."""
    out = str(tmp_path / "R")
    assert main(["intrinsic", "glove-6b-50d", "--vocab", "x.txt", "--tasks", "similarity/rg65", "--out", out]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("wordeval: error: --vocab 'x.txt': 'glove-6b-50d' is not an existing file "
                   "(--vocab is for files)")
    assert main(["intrinsic", "g=glove-6b-50d", "--vocab", "x.txt", "--tasks", "similarity/rg65", "--out", out]) == 2
    assert "'glove-6b-50d' of 'g' is not an existing file" in capsys.readouterr().err
    assert not (tmp_path / "R").exists()


def test_several_seeds_of_a_crf_that_draws_nothing_are_noted_as_one_fit(small, caplog):
    """extrinsic --learner crf runs 3 seeds by default, and without clusters or oov = "random" each repeats
    one L-BFGS fit: three times the time, sd 0, without a word. Oracle: the seeds' records are identical item
    for item (one fit); the perceptron's (its sentence order follows the seed) and one seed are not noted."""
    from wordeval.results.store import ResultStore

    task = _ner(small)
    caplog.set_level(logging.WARNING)
    out = small / "crf"
    assert main(["extrinsic", str(small / "v.txt"), "--tasks", task, "--learner", "crf", "--profile", "quick",
                 "--seeds", "2", "--out", str(out), "-q"]) == 0
    records = list(ResultStore(out).records())
    assert len(records) == 2 and records[0].per_item == records[1].per_item
    assert _notes(caplog) == [
        'wordeval: note: ner/ner: a crf without clusters or oov = "random" draws nothing at random, so its 2 '
        'seeds repeat one fit (sd 0) in 2 times the time of one; one seed gives the same score']
    caplog.clear()
    for extra in (["--learner", "crf", "--seeds", "1"], ["--learner", "perceptron", "--seeds", "2"],
                  ["--learner", "crf", "--oov", "random", "--seeds", "2"]):
        assert main(["extrinsic", str(small / "v.txt"), "--tasks", task, "--profile", "quick", "--out",
                     str(small / "other"), "-q", *extra]) == 0
    assert _notes(caplog) == []
    wordeval.evaluate(str(small / "v.txt"), task, config={"learner": "crf", "profile": "quick"})  # n_seeds 3
    assert [n.split(", so ")[1] for n in _notes(caplog)] == [
        "its 3 seeds repeat one fit (sd 0), fitted once and recorded for each seed; one seed gives the same "
        "score"]
