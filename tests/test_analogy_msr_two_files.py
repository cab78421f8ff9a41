"""MSR's original release as two files: word_relationship.questions ('a b c') and word_relationship.answers
('TYPE d', same line). It was refused as 'expected four words a b c d per line'. Oracles: the questions
written out by hand from the tiny files below, and gensim's 3CosAdd answers for the accuracy."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.datasets.types import AnalogyQuestion
from wordeval.tasks.spec_file import load_spec_file

QUESTIONS = "good better rough\nbig bigger small\nyear years day\n"
ANSWERS = "JJ_JJR rougher\nJJ_JJR smaller\nNN_NNS days\n"
SPEC = 'name = "msr-release"\nfamily = "analogy"\n[files]\ntest = "word_relationship.questions"\n'


def _write(folder, answers=ANSWERS):
    (folder / "word_relationship.questions").write_text(QUESTIONS, encoding="utf-8")
    if answers is not None:
        (folder / "word_relationship.answers").write_text(answers, encoding="utf-8")
    spec = folder / "msr.toml"
    spec.write_text(SPEC, encoding="utf-8")
    return spec


def test_questions_are_read_with_the_answers_beside_them(tmp_path):
    import hashlib

    _, dataset_spec = load_spec_file(_write(tmp_path))
    ds = load(dataset_spec)
    assert list(ds.splits["test"]) == [AnalogyQuestion("good", "better", "rough", ("rougher",), "JJ_JJR"),
                                       AnalogyQuestion("big", "bigger", "small", ("smaller",), "JJ_JJR"),
                                       AnalogyQuestion("year", "years", "day", ("days",), "NN_NNS")]
    assert ds.metadata["sections"] == ["JJ_JJR", "NN_NNS"]
    # the answers are data: a corrected answers file is another dataset
    assert ds.files["test:word_relationship.answers"] == hashlib.sha256(ANSWERS.encode()).hexdigest()


def test_missing_answers_file_says_where_it_was_looked_for_and_how_to_join(tmp_path, capsys):
    spec = _write(tmp_path, answers=None)
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and "Traceback" not in err, err
    assert "word_relationship.questions:1:" in err
    assert str(tmp_path / "word_relationship.answers") in err and "paste -d' '" in err


@pytest.mark.parametrize("answers, where", [(ANSWERS + "NN_NNS nights\n", "word_relationship.answers:4: expected "
                                             "no answer line past the 3 questions of word_relationship.questions, "
                                             "got 'NN_NNS nights' (4 answer lines for 3 questions)"),
                                            ("JJ_JJR rougher\nNN_NNS days\n", "word_relationship.questions:3: "
                                             "expected an answer for this question on line 3 of "
                                             "word_relationship.answers, got none (2 answer lines for 3 questions)"),
                                            ("JJ_JJR rougher\nJJ_JJR\nNN_NNS days\n", "word_relationship.answers:2:")])
def test_answers_that_do_not_pair_with_the_questions_name_the_file(tmp_path, capsys, answers, where):
    spec = _write(tmp_path, answers=answers)
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and where in err, err


def test_accuracy_matches_gensim_3cosadd(tmp_path):
    gensim = pytest.importorskip("gensim")
    import wordeval

    words = ["good", "better", "rough", "rougher", "big", "bigger", "small", "smaller", "year", "years", "day",
             "days", "cat"]
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((len(words), 6)).astype(np.float32)
    index = {w: i for i, w in enumerate(words)}
    vectors[index["rougher"]] = vectors[index["better"]] - vectors[index["good"]] + vectors[index["rough"]]
    vectors[index["days"]] = vectors[index["years"]] - vectors[index["year"]] + vectors[index["day"]]
    kv = gensim.models.KeyedVectors(6)
    kv.add_vectors(words, vectors)
    hits = [kv.most_similar(positive=[b, c], negative=[a], topn=1)[0][0] == d
            for a, b, c, d in [("good", "better", "rough", "rougher"), ("big", "bigger", "small", "smaller"),
                               ("year", "years", "day", "days")]]
    rec = wordeval.evaluate(kv, str(_write(tmp_path)), name="kv")
    assert rec.n_used == 3 and rec.main_value == pytest.approx(sum(hits) / 3)


@pytest.mark.parametrize("answers", [ANSWERS + "\n", ANSWERS + "\n \n"])
def test_blank_lines_after_the_last_answer_are_the_files_ending(tmp_path, answers):
    """Trailing blank lines in one file only were 'expected as many lines as word_relationship.questions (3),
    got 4', for a file whose three answers pair with the three questions."""
    ds = load(load_spec_file(_write(tmp_path, answers=answers))[1])
    assert [(q.a, q.answers, q.section) for q in ds.splits["test"]] == [
        ("good", ("rougher",), "JJ_JJR"), ("big", ("smaller",), "JJ_JJR"), ("year", ("days",), "NN_NNS")]
