"""Audit: predictions saved by `wordeval extrinsic --save-predictions` re-score, with seqeval, to the F1 the
record reports, seed for seed (IOB1 and IOB2 corpora written here)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from seqeval.metrics import f1_score

from wordeval.cli import main
from wordeval.results.predictions import read_conll
from wordeval.results.store import load_records

PER = ["john", "mary", "smith", "paul", "anna", "peter", "george", "maria"]
LOC = ["paris", "london", "berlin", "rome", "madrid", "tokyo", "vienna", "boston"]
FILLER = ["the", "a", "said", "went", "to", "from", "and", "with", "on", "at", "today", "visited", "city", "new"]


def _one(folder, pattern):
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, (pattern, found)
    return found[0]


def _iob2_sentences(rng, n):
    out = []
    for _ in range(n):
        toks, tags = [], []
        for _ in range(rng.integers(4, 10)):
            r = rng.random()
            if r < 0.2:
                toks += [str(rng.choice(PER)).capitalize(), str(rng.choice(PER)).capitalize()][: rng.integers(1, 3)]
                tags += ["B-PER", "I-PER"][: len(toks) - len(tags)]
            elif r < 0.35:
                toks.append(str(rng.choice(LOC)).capitalize())
                tags.append("B-LOC")
            else:
                toks.append(str(rng.choice(FILLER)))
                tags.append("O")
        out.append((toks, tags))
    return out


def _to_iob1(tags):
    """IOB1: chunks start with I-; B- only where a chunk directly follows one of the same type."""
    out, prev = [], "O"
    for t in tags:
        if t.startswith("B-") and not (prev != "O" and prev[2:] == t[2:]):
            t = "I-" + t[2:]
        out.append(t)
        prev = t
    return out


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("scheme", ["IOB2", "IOB1"])
def test_saved_predictions_rescore_to_the_recorded_f1(tmp_path, scheme, capsys):
    rng = np.random.default_rng(0)
    for split, n in (("train", 200), ("dev", 50), ("test", 60)):
        lines = []
        for toks, tags in _iob2_sentences(rng, n):
            tags = _to_iob1(tags) if scheme == "IOB1" else tags
            lines.append("\n".join(f"{t}\t{g}" for t, g in zip(toks, tags)))
        (tmp_path / f"ner.{split}").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "ner.toml").write_text(f'name = "tiny"\nfamily = "ner"\nscheme = "{scheme}"\n'
                                       '[files]\ntrain = "ner.train"\ndev = "ner.dev"\ntest = "ner.test"\n',
                                       encoding="utf-8")
    preds, store = tmp_path / "P", tmp_path / "S"
    assert main(["--quiet", "extrinsic", "glove-6b-50d", "--tasks", str(tmp_path / "ner.toml"), "--seeds", "2",
                 "--profile", "quick", "--epochs", "2", "--save-predictions", str(preds), "--out", str(store)]) == 0
    records, _ = load_records([store])
    assert sorted(r.seed for r in records) == [0, 1]
    for rec in records:
        tokens, gold, pred = read_conll(_one(preds, f"ner__tiny__glove-6b-50d__seed{rec.seed}__cfg*.conll"))
        assert len(gold) == len(pred) == len(rec.per_item["id"]) == 60  # every test sentence, in order
        reported = rec.extra["per_seed"]["f1"][0]
        assert 0 < reported < 1  # a real, imperfect tagger: the check can fail
        # both sides are 2PR/(P+R) of the same integer counts: equal up to a few roundings of values <= 1
        assert f1_score(gold, pred) == pytest.approx(reported, abs=8 * np.finfo(np.float64).eps)
        assert rec.scores["f1"] == pytest.approx(reported, abs=8 * np.finfo(np.float64).eps)


def _to_iobes(tags):
    """IOB2 -> IOBES: a one-token chunk is S-, a chunk's last token E-."""
    out = []
    for n, t in enumerate(tags):
        nxt = tags[n + 1] if n + 1 < len(tags) else "O"
        ends = not (nxt.startswith("I-") and nxt[2:] == t[2:])
        if t.startswith("B-"):
            t = ("S-" if ends else "B-") + t[2:]
        elif t.startswith("I-") and ends:
            t = "E-" + t[2:]
        out.append(t)
    return out


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("chunks", ["conlleval", "strict"])
def test_iobes_scoring_modes_equal_seqeval_default_and_strict(tmp_path, chunks, capsys):
    """chunks=conlleval (the default) is seqeval's default mode on IOBES; chunks=strict is seqeval's strict
    mode. A weak tagger (3 epochs) writes ill-formed IOBES sequences, where the two readings differ."""
    from seqeval.scheme import IOBES

    rng = np.random.default_rng(1)
    for split, n in (("train", 150), ("dev", 40), ("test", 60)):
        lines = ["\n".join(f"{t}\t{g}" for t, g in zip(toks, _to_iobes(tags)))
                 for toks, tags in _iob2_sentences(rng, n)]
        (tmp_path / f"ner.{split}").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "ner.toml").write_text('name = "tiny-iobes"\nfamily = "ner"\nscheme = "IOBES"\n'
                                       '[files]\ntrain = "ner.train"\ndev = "ner.dev"\ntest = "ner.test"\n',
                                       encoding="utf-8")
    preds, store = tmp_path / "P", tmp_path / "S"
    extra = [] if chunks == "conlleval" else ["--set", "chunks=strict"]
    assert main(["--quiet", "extrinsic", "glove-6b-50d", "--tasks", str(tmp_path / "ner.toml"), "--profile",
                 "quick", "--epochs", "3", "--seeds", "1", "--save-predictions", str(preds), "--out", str(store),
                 *extra]) == 0
    (rec,), _ = load_records([store])
    assert rec.config.get("chunks", "conlleval") == chunks
    _, gold, pred = read_conll(_one(preds, f"ner__tiny-iobes__glove-6b-50d__seed{rec.seed}__cfg*.conll"))
    default, strict = f1_score(gold, pred), f1_score(gold, pred, mode="strict", scheme=IOBES)
    assert default != strict  # the check can tell the two modes apart
    expected = default if chunks == "conlleval" else strict
    assert rec.scores["f1"] == pytest.approx(expected, abs=8 * np.finfo(np.float64).eps)


def test_strict_chunks_on_iob1_is_refused_up_front(tmp_path, capsys):
    assert main(["--quiet", "extrinsic", "glove-6b-50d", "--tasks", "ner/wnut16", "--set", "chunks=bogus",
                 "--out", str(tmp_path / "S")]) == 2
    assert "chunks must be one of conlleval, strict, got 'bogus'" in capsys.readouterr().err
    assert not (tmp_path / "S").exists()


def test_labels_that_differ_get_different_prediction_files():
    """'w2v (sg)' and 'w2v [sg]' both became w2v_sg: the second file replaced the first."""
    from types import SimpleNamespace

    from wordeval.results.predictions import file_name

    task = SimpleNamespace(name="similarity/ws353")
    names = {label: file_name(task, label, "tsv") for label in ("w2v (sg)", "w2v [sg]", "w2v_sg", "x" * 300)}
    assert len(set(names.values())) == 4
    assert names["w2v_sg"] == "similarity__ws353__w2v_sg.tsv"  # a safe label stays as it is
    assert names["w2v (sg)"].startswith("similarity__ws353__w2v_sg-") and len(names["x" * 300]) < 130


def test_resuming_with_save_predictions_says_that_stored_cells_write_none(tmp_path, capsys, caplog):
    import logging

    from wordeval.cli import main

    store = tmp_path / "S"
    base = ["intrinsic", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(store)]
    assert main(["--quiet", *base, "--save-predictions", str(tmp_path / "P1")]) == 0
    assert _one(tmp_path / "P1", "similarity__ws353__glove-6b-50d__cfg*.tsv").is_file()
    capsys.readouterr()
    with caplog.at_level(logging.WARNING, logger="wordeval"):
        assert main(["--quiet", *base, "--save-predictions", str(tmp_path / "P2")]) == 0
    assert "--save-predictions: nothing written for 1 cell(s) already in the store" in caplog.text


def test_resuming_into_the_same_predictions_folder_does_not_call_its_files_missing(tmp_path, capsys, caplog):
    """The same command again (an interrupted run resumed): the stored cells' predictions are in the folder,
    written when they were computed; the warning told the user to compute them again under a new --out."""
    import logging

    from wordeval.cli import main

    base = ["intrinsic", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(tmp_path / "S"),
            "--save-predictions", str(tmp_path / "P")]
    assert main(["--quiet", *base]) == 0
    with caplog.at_level(logging.WARNING, logger="wordeval"):
        assert main(["--quiet", *base]) == 0
    assert "nothing written" not in caplog.text
    assert _one(tmp_path / "P", "similarity__ws353__glove-6b-50d__cfg*.tsv").is_file()


def test_runs_with_other_settings_add_their_files_beside_the_first_and_each_names_its_record(tmp_path, capsys):
    """Before, a second run with other settings into the same --save-predictions folder replaced the first
    run's files under the same names: the predictions of the first record were lost."""
    import json

    from wordeval.results.record import config_hash

    preds = tmp_path / "P"
    for n, case in enumerate(("lower", "exact")):
        assert main(["--quiet", "intrinsic", "glove-6b-50d", "--tasks", "similarity/ws353", "--set", f"case={case}",
                     "--out", str(tmp_path / f"S{n}"), "--save-predictions", str(preds)]) == 0
    files = sorted(preds.glob("similarity__ws353__glove-6b-50d__cfg*.tsv"))
    assert len(files) == 2
    records = [load_records([tmp_path / f"S{n}"])[0][0] for n in range(2)]
    assert {r.config["case"] for r in records} == {"lower", "exact"}
    for rec in records:
        (path,) = [f for f in files if f.name.endswith(f"__cfg{config_hash(rec.config)[:8]}.tsv")]
        facts = json.loads((preds / f"{path.name}.json").read_text(encoding="utf-8"))
        assert facts["config"] == rec.config and facts["record_key"] == rec.cache_key()
        assert facts["fingerprint"] == rec.embedding["fingerprint"] and facts["main_value"] == rec.main_value
        # the file holds this record's cosines: its covered pairs are the record's n_used
        rows = path.read_text(encoding="utf-8").splitlines()[1:]
        assert sum(1 for r in rows if r.split("\t")[4] != "") == rec.n_used


def test_a_failed_cell_publishes_no_prediction_file(tmp_path):
    from types import SimpleNamespace

    from wordeval.results.predictions import scored_with_predictions

    def failing(folder):
        (Path(folder) / "x.tsv").write_text("half\n", encoding="utf-8")
        raise RuntimeError("learner diverged")

    out = tmp_path / "P"
    out.mkdir()
    with pytest.raises(RuntimeError):
        scored_with_predictions(str(out), failing)
    assert list(out.iterdir()) == []
    record = SimpleNamespace(config={"case": "lower"})
    from wordeval.results.predictions import published_name
    from wordeval.results.record import config_hash
    assert published_name("a__b.conll", record) == f"a__b__cfg{config_hash({'case': 'lower'})[:8]}.conll"


def test_conll_predictions_keep_three_columns_for_tokens_with_unicode_whitespace(tmp_path):
    """A CoNLL-U FORM may hold a no-break space ('10\\u00a0000') or a line separator; only ASCII spaces were
    replaced, so str.split() (and seqeval's CoNLL reader) read four columns, or a line break split a token."""
    from types import SimpleNamespace

    from wordeval.results.predictions import write_conll

    task = SimpleNamespace(name="pos/x")
    emb = SimpleNamespace(info=SimpleNamespace(name="e"))
    tokens = [["10\u00a0000", "a\u2028b", "c\u2009d", "New York", ""], ["ok"]]
    gold = [["NUM", "X", "X", "PROPN", "X"], ["INTJ"]]
    pred = [["NUM", "X", "NOUN", "PROPN", "X"], ["INTJ"]]
    path = write_conll(tmp_path, task, emb, tokens, gold, pred, seed=0)
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split() for line in lines if line]
    assert len(rows) == 6 and all(len(r) == 3 for r in rows)
    assert [r[1] for r in rows] == gold[0] + gold[1] and [r[2] for r in rows] == pred[0] + pred[1]
    assert [r[0] for r in rows] == ["10_000", "a_b", "c_d", "New_York", "_", "ok"]


def test_readme_says_whitespace_in_a_conll_token_is_written_as_underscore():
    """README said CoNLL prediction files "keep tokens as they are", which the test above shows they do not."""
    from test_readme_claims import PROSE

    assert "keep tokens as they are." not in PROSE
    assert "but for whitespace inside a token" in PROSE and "written `_` so that every line keeps its three " \
                                                              "columns (`New_York`)" in PROSE
