"""SemEval-2017 Task 2's word-similarity release: ``data/en.test.data.txt`` (two tab-separated terms a line)
and ``keys/en.test.gold.txt`` (the score of line i on line i). The data file alone was refused as 'cannot tell
the delimiter'. Oracles: the pairs written out by hand from the tiny files below, scipy's spearmanr on
them."""
from __future__ import annotations

import hashlib

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.datasets.types import WordPair
from wordeval.tasks.spec_file import load_spec_file

DATA = "eagle\towl\nmagnetic field\telectric field\ntaxi\tbus\nsun\tmoon\nriver\tstream\n"
GOLD = "3.42\n2.83\n3.17\n2.17\n3.75\n"


def _write(root, *, gold=GOLD, beside=False, spec_extra=""):
    data = root / "subtask1-monolingual" / "data"
    data.mkdir(parents=True)
    (data / "en.test.data.txt").write_text(DATA, encoding="utf-8")
    if gold is not None:
        keys = data if beside else root / "subtask1-monolingual" / "keys"
        keys.mkdir(exist_ok=True)
        (keys / "en.test.gold.txt").write_text(gold, encoding="utf-8")
    spec = root / "semeval17.toml"
    spec.write_text(f'name = "semeval17-en"\nfamily = "similarity"\n{spec_extra}[files]\n'
                    'test = "subtask1-monolingual/data/en.test.data.txt"\n', encoding="utf-8")
    return spec


@pytest.mark.parametrize("beside", [False, True])
def test_pairs_take_their_scores_from_the_key_file(tmp_path, beside):
    _, dataset_spec = load_spec_file(_write(tmp_path, beside=beside))
    ds = load(dataset_spec)
    assert list(ds.splits["test"]) == [WordPair("eagle", "owl", 3.42),
                                       WordPair("magnetic field", "electric field", 2.83),
                                       WordPair("taxi", "bus", 3.17), WordPair("sun", "moon", 2.17),
                                       WordPair("river", "stream", 3.75)]
    # the key file is data: a corrected one is another dataset
    assert ds.files["test:en.test.gold.txt"] == hashlib.sha256(GOLD.encode()).hexdigest()


def test_score_is_scipy_spearman_over_the_covered_pairs(tmp_path):
    rng = np.random.default_rng(0)
    words = ["eagle", "owl", "taxi", "bus", "sun", "moon", "river", "stream"]
    vectors = {w: rng.normal(size=6) for w in words}
    rec = wordeval.evaluate(vectors, str(_write(tmp_path)), name="tiny")
    cos = [vectors[a] @ vectors[b] / np.linalg.norm(vectors[a]) / np.linalg.norm(vectors[b])
           for a, b in (("eagle", "owl"), ("taxi", "bus"), ("sun", "moon"), ("river", "stream"))]
    assert rec.n_total == 5 and rec.n_used == 4  # 'magnetic field' is one OOV term under phrases = "whole"
    assert rec.main_value == pytest.approx(spearmanr([3.42, 3.17, 2.17, 3.75], cos)[0], abs=1e-12)


def _error(spec, capsys) -> str:
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and "Traceback" not in err, err
    return err


def test_missing_key_file_says_where_it_was_looked_for(tmp_path, capsys):
    err = _error(_write(tmp_path, gold=None), capsys)
    assert "en.test.data.txt" in err and "no score" in err
    assert str(tmp_path / "subtask1-monolingual" / "keys" / "en.test.gold.txt") in err


@pytest.mark.parametrize("gold, where", [
    (GOLD + "1.0\n", "en.test.gold.txt:6: expected no score line past the 5 pairs of en.test.data.txt, "
                     "got '1.0' (6 score lines for 5 pair lines)"),
    ("3.42\n2.83\n3.17\n2.17\n", "en.test.data.txt:5: expected a score for this pair on line 5 of "
                                  "en.test.gold.txt, got none"),
    ("3.42\n2.83\nhigh\n2.17\n3.75\n", "en.test.gold.txt:3:")])
def test_key_file_that_does_not_pair_with_the_data_names_the_line(tmp_path, capsys, gold, where):
    assert where in _error(_write(tmp_path, gold=gold), capsys)


def test_layout_hint_is_refused_at_its_spec_line(tmp_path, capsys):
    err = _error(_write(tmp_path, spec_extra='delimiter = "tab"\n'), capsys)
    assert "semeval17.toml:3:" in err and "delimiter does not apply" in err


@pytest.mark.parametrize("with_data", [True, False])
def test_the_key_file_named_in_place_of_its_data_says_which_file_to_give(tmp_path, capsys, with_data):
    spec = _write(tmp_path)
    data = tmp_path / "subtask1-monolingual" / "data" / "en.test.data.txt"
    if not with_data:
        data.unlink()
    spec.write_text(spec.read_text(encoding="utf-8").replace("data/en.test.data.txt", "keys/en.test.gold.txt"),
                    encoding="utf-8")
    err = _error(spec, capsys)
    gold = tmp_path / "subtask1-monolingual" / "keys" / "en.test.gold.txt"
    assert f"{gold}:1: one number a line and no words: a key file of scores only" in err, err
    assert "delimiter" not in err
    assert (f"name its data file {data} in the spec" in err) == with_data
    assert with_data or "NAME.data.txt, two tab-separated terms a line" in err


def test_a_score_after_a_space_on_every_line_is_no_semeval_data_file(tmp_path):
    """'eagle<TAB>owl 3.42' lines (a tab between the words, a space before the score, as a hand-edited file
    has them) were taken for SemEval's two terms a line, 'owl 3.42' the second term, and sent looking for
    keys/pairs.gold.txt. Oracle: the pairs written by hand."""
    pairs = [("eagle", "owl", 3.42), ("taxi", "bus", 3.17), ("sun", "moon", 2.17), ("river", "stream", 3.75)]
    (tmp_path / "pairs.txt").write_text("".join(f"{a}\t{b} {g}\n" for a, b, g in pairs), encoding="utf-8")
    (tmp_path / "p.toml").write_text('name = "p"\nfamily = "similarity"\n[files]\ntest = "pairs.txt"\n')
    ds = load(load_spec_file(tmp_path / "p.toml")[1])
    assert [(p.word1, p.word2, p.score) for p in ds.splits["test"]] == pairs
