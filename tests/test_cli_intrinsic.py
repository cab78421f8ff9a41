"""The 'wordeval intrinsic' command: table, --json, atomic records, errors as one line with exit code 2."""
from __future__ import annotations

import json

import numpy as np
import pytest

from wordeval.cli import main


@pytest.fixture()
def small_glove(tmp_path, glove50):
    # the first 20k GloVe rows as a text file: a real embedding, loaded through the user-facing spec path
    path = tmp_path / "small.txt"
    with open(path, "w", encoding="utf-8") as fh:
        for w, v in zip(glove50.words[:20000], np.asarray(glove50.vectors[:20000])):
            fh.write(w + " " + " ".join(f"{x:.5f}" for x in v) + "\n")
    return path


def test_table_json_and_records(small_glove, tmp_path, shared_data, capsys):
    out = tmp_path / "res"
    rc = main(["intrinsic", f"small={small_glove}", "--tasks", "similarity/ws353", "similarity/mc30",
               "--out", str(out), "--json"])
    assert rc == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["task"] for r in records] == ["similarity/ws353", "similarity/mc30"]
    for r in records:
        for key in ("schema_version", "task", "task_version", "embedding", "config", "scores", "main_score",
                    "n_total", "n_used", "dataset_sha256", "run", "ci"):
            assert key in r
        assert r["embedding"]["name"] == "small" and r["embedding"]["fingerprint"].startswith("sha256:")
        assert r["config"]["oov"] == "skip" and r["config"]["case"] == "exact-then-lower"
        assert r["dataset_sha256"]
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 2 and not any(f.startswith(".tmp") for f in files)
    rc = main(["intrinsic", f"small={small_glove}", "--tasks", "similarity/mc30", "--out", str(out)])
    table = capsys.readouterr().out
    assert rc == 0 and "similarity/mc30" in table and "95% CI" in table and "coverage" in table


def test_intersection_needs_two_embeddings_and_unknown_task(small_glove, tmp_path, capsys):
    out = tmp_path / "res"
    assert main(["intrinsic", str(small_glove), "--intersection", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--intersection" in err
    assert main(["intrinsic", str(small_glove), "--tasks", "similarity/simlex", "--out", str(out)]) == 2
    assert "did you mean" in capsys.readouterr().err
    assert not out.exists()


def test_a_data_file_given_as_a_task_says_what_a_task_is(small_glove, tmp_path, capsys):
    """A user's pairs file where its spec belongs: one line that says to describe it in a .toml spec (the
    registry's "unknown task" list does not help there); the same through the Python API with a Path."""
    from pathlib import Path

    from wordeval.errors import ConfigError
    from wordeval.tasks.task import get_task

    data = tmp_path / "pairs.tsv"
    data.write_text("cat\tdog\t7.5\n", encoding="utf-8")
    out = tmp_path / "res"
    assert main(["intrinsic", str(small_glove), "--tasks", str(data), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a data file, not a task" in err and 'test = "pairs.tsv"' in err
    assert not out.exists()
    with pytest.raises(ConfigError, match="a data file, not a task"):
        get_task(Path(data))
    assert get_task(Path("similarity/ws353")).name == "similarity/ws353"


def test_intersection_scores_the_same_pairs(small_glove, glove50, tmp_path, shared_data, capsys):
    rc = main(["intrinsic", f"a={small_glove}", "b=glove-6b-50d", "--tasks", "similarity/rw", "--intersection",
               "--out", str(tmp_path / "r"), "--json"])
    assert rc == 0
    a, b = json.loads(capsys.readouterr().out)
    assert a["per_item"]["id"] == b["per_item"]["id"] and a["n_used"] == b["n_used"] < a["n_total"]
    assert a["config"]["oov"] == "intersection"


def test_common_vocab_on_intrinsic_as_on_run(tmp_path, capsys):
    """The comparison's advice for analogy cells with different candidate sets is '--common-vocab': `intrinsic`
    has it too (before, only `run` did), and it gives both representations the same candidate set."""
    from wordeval.results.store import load_records

    words = ["athens", "greece", "baghdad", "iraq", "bangkok", "thailand", "beijing", "china", "berlin", "germany"]
    rng = np.random.default_rng(0)
    paths = {}
    for name, vocab in (("few", words), ("more", words + ["extra", "other", "words", "here"])):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text("".join(w + " " + " ".join(f"{x:.4f}" for x in rng.normal(size=8)) + "\n"
                                       for w in vocab), encoding="utf-8")
    out = tmp_path / "s"
    rc = main(["--quiet", "intrinsic", f"few={paths['few']}", f"more={paths['more']}", "--tasks", "analogy/google",
               "--common-vocab", "--out", str(out)])
    assert rc == 0, capsys.readouterr().err
    recs = {r.label: r for r in load_records([out])[0]}
    for r in recs.values():
        assert r.config["candidates"] == "common"
        assert r.extra["candidate_vocabulary"]["n_candidates"] == len(words)
    rc = main(["intrinsic", f"few={paths['few']}", "--tasks", "analogy/google", "--common-vocab", "--out",
               str(tmp_path / "t")])
    assert rc == 2 and "--common-vocab need at least two representations" in capsys.readouterr().err


def test_qvec_keeps_exact_case_without_case_option(tmp_path, shared_data, capsys):
    """The QVEC tasks match words exactly, as the authors' scripts do; `intrinsic` without --case used to
    apply its own default (exact-then-lower) and scored a cased embedding on more words than `run` and the
    scripts. Oracle: the set of oracle words the file holds as written."""
    oracle_words = [line.split("\t", 1)[0] for line in
                    (shared_data / "qvec/oracles/semcor_noun_verb.supersenses.en").read_text().splitlines()]
    rng = np.random.default_rng(0)
    words = sorted(set(oracle_words))[:600]
    written = [w.capitalize() if i % 3 == 0 else w for i, w in enumerate(words)]
    path = tmp_path / "cased.txt"
    with open(path, "w", encoding="utf-8") as fh:
        for w in written:
            fh.write(w + " " + " ".join(f"{x:.4f}" for x in rng.standard_normal(8)) + "\n")
    exact = len(set(written) & set(oracle_words))
    assert exact < len(words)  # the capitalised words are not oracle words as written
    rc = main(["intrinsic", f"c={path}", "--tasks", "qvec/supersenses", "--set", "n_boot=0",
               "--out", str(tmp_path / "res"), "--json"])
    (record,) = json.loads(capsys.readouterr().out)
    assert rc == 0 and record["config"]["case"] == "exact" and record["n_used"] == exact
    rc = main(["intrinsic", f"c={path}", "--tasks", "qvec/supersenses", "--set", "n_boot=0", "--case",
               "exact-then-lower", "--out", str(tmp_path / "res2"), "--json"])
    (record,) = json.loads(capsys.readouterr().out)
    assert rc == 0 and record["config"]["case"] == "exact-then-lower" and record["n_used"] == len(words)


def test_common_vocab_without_an_analogy_task_is_refused(small_glove, tmp_path, shared_data, capsys):
    """--common-vocab restricts analogy candidates only: on similarity tasks it was accepted (exit 0) and
    changed nothing, as if every representation had been scored on common words. Now: exit 2, one line,
    nothing written, pointing at --intersection."""
    out = tmp_path / "res"
    rc = main(["intrinsic", f"a={small_glove}", f"b={small_glove}", "--tasks", "similarity/mc30",
               "--common-vocab", "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "--common-vocab" in err and "--intersection" in err
    assert not out.exists()


def test_intersection_scores_sts_on_the_pairs_every_representation_covers(tmp_path, capsys):
    """--intersection was accepted on STS tasks and changed nothing: each representation was scored on the
    pairs it covers, so two records of one table stood on different pairs. Oracle: scipy's Spearman of the
    hand-computed cosines (mean of word vectors) of the pairs both cover."""
    from scipy import stats

    rng = np.random.default_rng(0)
    words = ["cat", "dog", "sun", "rain", "car", "tree", "bird", "fish", "rare"]
    vectors = {w: rng.standard_normal(4) for w in words}
    paths = {}
    for name, vocab in (("few", words[:-1]), ("all", words)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text("".join(f"{w} " + " ".join(f"{x:.6f}" for x in vectors[w]) + "\n" for w in vocab))
    pairs = [("cat dog", "sun", 4.0), ("rain car", "tree", 1.0), ("rare", "bird", 2.5), ("fish", "cat bird", 3.0),
             ("sun rain", "car", 0.5), ("tree fish", "dog", 3.5)]
    (tmp_path / "p.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in pairs))
    (tmp_path / "t.toml").write_text('name = "tiny"\nfamily = "sts"\n[files]\ntest = "p.tsv"\n')
    rc = main(["intrinsic", f"few={paths['few']}", f"all={paths['all']}", "--tasks", str(tmp_path / "t.toml"),
               "--intersection", "--out", str(tmp_path / "r"), "--json"])
    assert rc == 0
    few, all_ = json.loads(capsys.readouterr().out)
    assert few["per_item"]["id"] == all_["per_item"]["id"] == [0, 1, 3, 4, 5]
    assert few["n_used"] == all_["n_used"] == 5 and all_["coverage"] == 1.0 and few["coverage"] == 5 / 6
    assert all_["config"]["oov"] == "intersection" and all_["config"]["intersection_with"] == ["few", "all"]

    def cosine(a, b):
        va, vb = (np.mean([vectors[w] for w in s.split()], axis=0) for s in (a, b))
        return va @ vb / np.linalg.norm(va) / np.linalg.norm(vb)
    kept = [pairs[i] for i in (0, 1, 3, 4, 5)]
    hand = stats.spearmanr([s for _, _, s in kept], [cosine(a, b) for a, b, _ in kept]).statistic
    assert all_["scores"]["spearman_pooled"] == pytest.approx(hand, abs=1e-6)


@pytest.mark.parametrize("task", ["sts/sts14-onwn", "qvec/supersenses"])
def test_restrict_vocab_without_a_similarity_or_analogy_task_is_refused(small_glove, tmp_path, shared_data,
                                                                        capsys, task):
    """--restrict-vocab limits similarity and analogy only: on STS or QVEC alone it was accepted (exit 0)
    and changed nothing (GloVe restricted to 20,000 rows still covered 4,186 of QVEC's 4,199 words, as
    unrestricted). Now: exit 2, one line, nothing written."""
    out = tmp_path / "res"
    rc = main(["intrinsic", f"a={small_glove}", "--tasks", task, "--restrict-vocab", "100", "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "--restrict-vocab" in err
    assert not out.exists()
