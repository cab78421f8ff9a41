"""How crfsuite's L-BFGS ended decides the CRF's convergence flag, not the count of iterations it ran: a line
search that fails ends training early too. One that fails before the first iteration left an all-zero model
whose score (every token tagged alike) was recorded as the representation's, flagged only "not converged",
with best epoch epochs - 1."""
from __future__ import annotations

import numpy as np
import pytest

pycrfsuite = pytest.importorskip("pycrfsuite")

from wordeval.embeddings.base import StaticEmbedding  # noqa: E402
from wordeval.errors import ConfigError  # noqa: E402
from wordeval.extrinsic.features import build_features  # noqa: E402
from wordeval.extrinsic.learners import learner_class  # noqa: E402

WORDS = [f"w{i}" for i in range(12)]
TAGS = ["NN", "VB", "JJ"]


def _sentences(n: int, seed: int) -> tuple[list[tuple[str, ...]], list[list[str]]]:
    rng = np.random.default_rng(seed)
    sents = [tuple(WORDS[i] for i in rng.integers(len(WORDS), size=rng.integers(3, 7))) for _ in range(n)]
    return sents, [[TAGS[WORDS.index(w) % 3] for w in s] for s in sents]


def _features(scale: float):
    rng = np.random.default_rng(0)
    emb = StaticEmbedding(WORDS, (rng.normal(size=(len(WORDS), 4)) * scale).astype(np.float32))
    (tr, ytr), (dv, ydv) = _sentences(40, 1), _sentences(10, 2)
    return build_features(emb, {"train": tr, "dev": dv, "test": dv}, oov="unk", case="exact"), ytr, ydv


def _write_task(folder) -> str:
    for split, n, seed in (("train", 40, 1), ("test", 10, 2)):
        sents, tags = _sentences(n, seed)
        text = "".join(" ".join(f"{w}/{t}" for w, t in zip(s, y)) + "\n" for s, y in zip(sents, tags))
        (folder / f"{split}.txt").write_text(text, encoding="utf-8")
    (folder / "tiny.toml").write_text('name = "tiny"\nfamily = "pos"\n[files]\ntrain = "train.txt"\n'
                                      'test = "test.txt"\n', encoding="utf-8")
    return str(folder / "tiny.toml")


def _accuracy(gold, pred) -> float:
    pairs = [(g, p) for gs, ps in zip(gold, pred) for g, p in zip(gs, ps)]
    return sum(g == p for g, p in pairs) / len(pairs)


def _crfsuite_log(features, tags, *, epochs: int) -> list[str]:
    """crfsuite trained directly on the learner's items: its own log is the oracle."""
    from wordeval.extrinsic.learners.crf_items import ItemBuilder

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for items, y in zip(ItemBuilder(features, window=2).sequences("train"), tags):
        trainer.append(items, y)
    trainer.set_params({"c1": 0.0, "c2": 1.0, "max_iterations": epochs})
    trainer.train("/dev/null")
    return trainer.logparser.log


def test_outcomes_read_from_crfsuite_closing_lines():
    from wordeval.extrinsic.learners.crf import LBFGS_CONVERGED, lbfgs_outcome

    assert lbfgs_outcome(["L-BFGS optimization\n", "L-BFGS resulted in convergence\n"]) == "convergence"
    assert lbfgs_outcome(["L-BFGS terminated with the stopping criteria\n"]) == "stopping criteria"
    limit = "L-BFGS terminated with the maximum number of iterations\n"
    assert lbfgs_outcome([limit]) == "maximum iterations"
    assert lbfgs_outcome(["L-BFGS terminated with error code (-1001)\n"]) == "crfsuite's error code -1001"
    assert lbfgs_outcome(["Feature generation\n"]) is None
    assert "maximum iterations" not in LBFGS_CONVERGED


@pytest.mark.parametrize("epochs", [2, 500])
def test_converged_is_what_crfsuite_says(epochs):
    from wordeval.extrinsic.learners.crf import LBFGS_CONVERGED, lbfgs_outcome

    features, ytr, ydv = _features(1.0)
    crf = learner_class("crf")(epochs=epochs).fit(features, ytr, ydv, score=_accuracy, seed=0, progress=False)
    oracle = lbfgs_outcome(_crfsuite_log(features, ytr, epochs=epochs))
    assert crf.converged is (oracle in LBFGS_CONVERGED)
    assert crf.converged is (epochs == 500)


def test_a_line_search_failing_before_the_first_iteration_is_an_error_not_a_score():
    features, ytr, ydv = _features(5000.0)
    log = _crfsuite_log(features, ytr, epochs=20)
    # the oracle: crfsuite gave up at once
    assert any(line.startswith("L-BFGS terminated with error code") for line in log)
    with pytest.raises(ConfigError, match=r"stopped before its first iteration .*scale them down"):
        learner_class("crf")(epochs=20).fit(features, ytr, ydv, score=_accuracy, seed=0, progress=False)


def test_cli_says_it_in_one_line_with_exit_2(tmp_path, capsys):
    from wordeval.cli import main

    task = _write_task(tmp_path)
    rng = np.random.default_rng(0)
    rows = "".join(w + " " + " ".join(f"{x:.1f}" for x in rng.normal(size=4) * 5000) + "\n" for w in WORDS)
    (tmp_path / "big.txt").write_text(f"{len(WORDS)} 4\n" + rows, encoding="utf-8")
    code = main(["extrinsic", str(tmp_path / "big.txt"), "--tasks", task, "--learner", "crf",
                 "--seeds", "1", "--epochs", "20", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and "stopped before its first iteration" in err[0] and "Traceback" not in err[0]


def test_report_protocol_calls_a_crfs_epochs_its_lbfgs_iterations(tmp_path):
    """No dev score chose a crf's "best epoch" (the last iteration L-BFGS ran): the protocol said "best epoch
    per seed" for it as for the early-stopped learners."""
    import wordeval
    from wordeval.report.protocol import _epochs

    rng = np.random.default_rng(0)
    rec = wordeval.evaluate({w: rng.normal(size=4) for w in WORDS}, _write_task(tmp_path), name="v",
                            config={"learner": "crf", "n_seeds": 1, "epochs": 500})
    ran = rec.extra["per_seed"]["best_epoch"][0] + 1
    assert rec.extra["per_seed"]["converged"] == [True] and ran < 500
    assert _epochs([rec]) == f"max 500, L-BFGS iterations per seed {ran}"
