"""Linear-chain CRF (python-crfsuite, L-BFGS) on the window's dense vectors plus discrete features.

Per token, for each offset in the ±w window: every dimension of that token's vector as a float feature,
its casing class, an OOV indicator (what a learned UNK vector amounts to in a linear model) and, with
``clusters=K``, its k-means cluster id (Turian et al. 2010 / Guo et al. 2014: discrete clusters help linear
learners, and K trades granularity against sparsity). A Brown clustering has no vectors: its feature is
the token's bit string, and with ``clusters`` > 0 the bit-string prefixes of lengths 4, 6, 10 and 20
instead (Turian et al. 2010; the clustering's own C is fixed when it is built, so K itself is not used).
``lexical=True`` adds the word/shape baseline features (lowercased word, shape, 3-letter prefix/suffix).
The items are built per token type (crf_items.py). The averaged perceptron (perceptron.py) reuses the
same features with crfsuite's ``ap`` trainer, so the two differ only in the learning rule.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import re
import tempfile
import threading
from typing import Iterator, Sequence

import numpy as np

from wordeval.errors import ConfigError, OutputError
from wordeval.extrinsic.features import FeatureSet, cluster_ids
from wordeval.extrinsic.learners.crf_items import ItemBuilder
from wordeval.extrinsic.learners.torch_common import ScoreFn


class CRFTagger:
    name = "crf"
    algorithm = "lbfgs"

    def __init__(self, *, window: int = 2, clusters: int = 0, lexical: bool = False, c1: float = 0.0,
                 c2: float = 1.0, epochs: int = 100, finetune: bool = False, **_ignored):
        if finetune:
            raise ConfigError(f"the {self.name} learner uses fixed features; fine-tuning needs mlp or bilstm-crf")
        self.window, self.clusters, self.c1, self.c2, self.epochs = window, int(clusters), c1, c2, epochs
        self.lexical = bool(lexical)
        self.history: list[float] = []
        self.best_epoch = -1
        self._model_path: str | None = None
        self._builder: ItemBuilder | None = None

    def _params(self) -> dict:
        return {"c1": self.c1, "c2": self.c2, "max_iterations": self.epochs}

    def _make_builder(self, features: FeatureSet, seed: int) -> ItemBuilder:
        if features.paths is not None:  # a Brown clustering: bit-string features, never k-means
            return ItemBuilder(features, window=self.window, brown="prefixes" if self.clusters else "path",
                               lexical=self.lexical)
        cluster_of = cluster_ids(features, self.clusters, seed=seed) if self.clusters else None
        return ItemBuilder(features, window=self.window, cluster_of=cluster_of, lexical=self.lexical)

    def fit(self, features: FeatureSet, train_tags: Sequence[Sequence[str]], dev_tags: Sequence[Sequence[str]],
            *, score: ScoreFn, seed: int = 0, progress: bool = True) -> "CRFTagger":
        import pycrfsuite

        self._builder = self._make_builder(features, seed)
        trainer = pycrfsuite.Trainer(algorithm=self.algorithm, verbose=False)
        for items, tags in zip(self._builder.sequences("train"), train_tags):
            trainer.append(items, list(tags))
        trainer.set_params(self._params())
        fd, path = _model_file()
        os.close(fd)
        self._model_path = path
        with _seeded_shuffle(seed, self.algorithm):
            trainer.train(path)
        _check_written(path)
        # crfsuite stops before max_iterations when its own criterion is met (L-BFGS: the objective's relative
        # change): the iterations it ran, not the limit, are the model's epochs (recorded as epochs - 1 before)
        ran = len(trainer.logparser.iterations)
        outcome = lbfgs_outcome(trainer.logparser.log) if self.algorithm == "lbfgs" else None
        del trainer  # frees crfsuite's copy of the training data before tagging
        if outcome is not None and outcome.startswith("crfsuite's error") and ran == 0:
            # an all-zero model tags every token alike: its score was recorded as the representation's
            raise ConfigError(f"the {self.name} learner's L-BFGS stopped before its first iteration "
                              f"({outcome}); vectors of very large values (largest here "
                              f"{_largest(features):.3g}) make its line search fail: scale them down")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(path)
        # crfsuite has no early stopping; the dev score is recorded for the result (no selection on test).
        self.history = [float(score(dev_tags, self.predict(features, "dev")))]
        self.best_epoch = ran - 1
        self.iterations = ran
        if self.algorithm == "lbfgs":
            # converged: L-BFGS met a stopping criterion, not the limit nor an error (a failed line search
            # ends it early too: counting iterations called that converged)
            self.converged = outcome in LBFGS_CONVERGED
        # the averaged perceptron has no stopping rule to meet: crfsuite's ``epsilon`` (a training error rate
        # below it ends training) is 0, so it always runs its epochs, and "not converged" would say nothing
        return self

    def predict(self, features: FeatureSet, split: str) -> list[list[str]]:
        builder = self._builder
        if builder is None:
            raise ConfigError(f"the {self.name} learner must be fitted before it predicts")
        if builder.features is not features:
            if features.table is not builder.features.table:  # cluster ids index the fitted table's rows
                raise ConfigError(f"the {self.name} learner predicts on the feature table it was fitted on")
            builder = ItemBuilder(features, window=builder.window, cluster_of=builder.cluster_of,
                                  brown=builder.brown, lexical=builder.lexical)
        return [list(self._tagger.tag(items)) for items in builder.sequences(split)]

    def __del__(self):
        path = getattr(self, "_model_path", None)
        if path and os.path.exists(path):
            try:
                os.unlink(path)
            except OSError:
                pass


def _model_file() -> tuple[int, str]:
    """A new file for crfsuite's model in the temporary folder, named as wordeval's temporary files are
    (``atomic_write.writer_prefix``): a run killed outright while a CRF trained or tagged left an anonymous
    ``tmpXXXXXXXX.crfsuite`` there for good; the next fit on the host now removes those whose process is
    gone."""
    from pathlib import Path

    from wordeval.atomic_write import sweep_abandoned, writer_prefix

    name = Path(tempfile.gettempdir()) / "wordeval-crf-model"
    sweep_abandoned(name)
    return tempfile.mkstemp(prefix=writer_prefix(name), suffix=".crfsuite", dir=name.parent)


def _check_written(path: str) -> None:
    """crfsuite writes its model with fwrite and does not check it: in a full temporary folder (a small tmpfs
    /tmp) or under `ulimit -f` the cut file was pycrfsuite's 'Invalid model file' traceback, called a bug in
    wordeval, and a file cut after its header passes that check. The header's second field is the size
    crfsuite wrote (written last, over the placeholder), so a whole model is one of that size."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
        size = os.path.getsize(path)
    except OSError:
        head, size = b"", 0
    if len(head) == 8 and head[:4] == b"lCRF" and int.from_bytes(head[4:], "little") == size:
        return
    with contextlib.suppress(OSError):
        os.unlink(path)
    raise OutputError(f"{path}: the CRF model crfsuite wrote there was cut short ({size:,} bytes): the disk "
                      f"of the temporary folder is full or the file-size limit (ulimit -f) was reached: free "
                      f"space in {os.path.dirname(path)} or set TMPDIR to a folder with room")


# crfsuite's closing line of an L-BFGS fit (train_lbfgs.c): convergence (the gradient test), the stopping
# criteria (the objective's relative change over `period` iterations), the iteration limit, or an error code
LBFGS_CONVERGED = ("convergence", "stopping criteria")


def lbfgs_outcome(log: Sequence[str]) -> str | None:
    """How crfsuite's L-BFGS ended, from its training log: one of LBFGS_CONVERGED, "maximum iterations" or
    "crfsuite's error code N" (None: no closing line)."""
    for line in reversed(log):
        if line.startswith("L-BFGS resulted in convergence"):
            return "convergence"
        if line.startswith("L-BFGS terminated with the stopping criteria"):
            return "stopping criteria"
        if line.startswith("L-BFGS terminated with the maximum number of iterations"):
            return "maximum iterations"
        match = re.match(r"L-BFGS terminated with error code \((-?\d+)\)", line)
        if match:
            return f"crfsuite's error code {match.group(1)}"
    return None


def _largest(features: FeatureSet) -> float:
    table = features.table
    return float(np.abs(table).max()) if table.size else 0.0


_SHUFFLE = threading.Lock()


@contextlib.contextmanager
def _seeded_shuffle(seed: int, algorithm: str) -> Iterator[None]:
    """crfsuite's online algorithms (ap, pa, arow, l2sgd) shuffle the training sequences with the C library's
    rand(), which nothing seeds: a perceptron's record depended on the fits the process had run before it (a
    resumed run, or another representation in the same run, gave other scores) and not on its seed. rand() is
    seeded here from the fit's seed (seed + 1: glibc takes srand(0) for srand(1), a fresh process's state), and
    such fits hold a lock, since rand()'s state is one per process. L-BFGS does not shuffle."""
    if algorithm == "lbfgs":
        yield
        return
    try:
        srand = ctypes.CDLL(None).srand
    except (OSError, AttributeError):  # no C library by that name (Windows): unseeded, as crfsuite is
        yield
        return
    with _SHUFFLE:
        srand(ctypes.c_uint((seed + 1) & 0xFFFFFFFF))
        yield
