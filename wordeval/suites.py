"""Named suites: which tasks ``wordeval run --suite NAME`` evaluates, each with its run config.

A suite is data, not code: a list of ``(task name, config)``. Configs name an extrinsic "profile" (how much
training data and how many epochs/seeds the learner gets); a family whose DEFAULT_CONFIG has no such key
ignores it (``strict=False`` in ``wordeval.config.merge_config``). ``full`` is every task in the registry.
"""
from __future__ import annotations

from typing import Any

from wordeval.errors import UnknownNameError

SuiteItem = tuple[str, dict[str, Any]]

# the suite `wordeval demo` runs unless given --suite; here, not in the CLI, because a report reads it too
# (report.protocol names the suite of a demo record whose command line gave none)
DEFAULT_SUITE = "default"

# Keys a family does not define are dropped for that family (classification has no "profile"; it takes
# n_seeds/cv_folds/max_train directly). The default suite keeps full test sets but one seed and 3-fold CV
# so the demo stays within its 10-minute goal on 2 cores (README, Performance); ``full`` uses each family's
# own defaults.
_QUICK_EXTRINSIC = {"profile": "quick", "n_seeds": 1, "cv_folds": 3, "max_train": 2000}
_DEFAULT_EXTRINSIC = {"profile": "default", "n_seeds": 1, "cv_folds": 3, "max_train": 3000}

SUITES: dict[str, list[SuiteItem]] = {
    # A few small sets per family: minutes on a laptop, enough to see the machinery work end to end.
    "quick": [
        ("similarity/ws353", {}),
        ("similarity/simlex999", {}),
        ("similarity/men", {}),
        ("analogy/google", {}),
        ("sts/sts12", {}),
        # Without these, a fresh machine (no WORDEVAL_DATA) ran no extrinsic task at all, so `compare` could
        # never set an intrinsic ranking against a downstream one: package artifacts, as in the default suite
        ("pos/ptb-pos", _QUICK_EXTRINSIC),
        ("ner/wnut16", _QUICK_EXTRINSIC),
        ("classification/bbc", _QUICK_EXTRINSIC),
        ("pos/ud-ewt", _QUICK_EXTRINSIC),
        ("ner/conll2003", _QUICK_EXTRINSIC),
        ("classification/sst2", _QUICK_EXTRINSIC),
    ],
    # The demo suite: the common word-similarity sets, both analogy sets, two STS sets, and one task per
    # extrinsic family, so every intrinsic benchmark can be set against every downstream task.
    "default": [
        ("similarity/ws353", {}),
        ("similarity/simlex999", {}),
        ("similarity/simverb3500", {}),
        ("similarity/men", {}),
        ("similarity/rw", {}),
        ("similarity/mturk771", {}),
        ("similarity/rg65", {}),
        ("analogy/google", {}),
        ("analogy/msr", {}),
        ("sts/sts12", {}),
        ("sts/sts14-onwn", {}),
        # QVEC / QVEC-CCA (Tsvetkov et al. 2015, 2016), built to predict downstream results; the oracles are
        # read from the data home (ODbL), skipped with the reason without it
        ("qvec/supersenses", {}),
        ("qvec-cca/supersenses", {}),
        ("qvec-cca/ptb-pos", {}),
        # Downstream sets a fresh machine resolves offline (package artifacts), so `make demo` has an
        # extrinsic side without WORDEVAL_DATA ...
        ("pos/ptb-pos", _DEFAULT_EXTRINSIC),
        ("ner/wnut16", _DEFAULT_EXTRINSIC),
        ("classification/bbc", _DEFAULT_EXTRINSIC),
        # ... and the standard ones, which run when WORDEVAL_DATA provides them (skipped with the reason if not).
        ("pos/ud-ewt", _DEFAULT_EXTRINSIC),
        ("chunking/conll2000", _DEFAULT_EXTRINSIC),
        ("ner/conll2003", _DEFAULT_EXTRINSIC),
        ("classification/sst2", _DEFAULT_EXTRINSIC),
        ("classification/trec6", _DEFAULT_EXTRINSIC),
    ],
}


# Seeds per extrinsic task (one record each; compare aggregates them as mean ± sd and tests over seeds too).
SUITE_SEEDS = {"quick": 1, "default": 3, "full": 3}
SUITE_NAMES = (*SUITES, "full")


def suite_seeds(name: str) -> int:
    return SUITE_SEEDS.get(name, 1)


def suite_tasks(name: str) -> list[SuiteItem]:
    """The ``(task, config)`` list of a suite; ``full`` lists every registered task with its defaults."""
    if name == "full":
        from wordeval.registry import REGISTRY
        return [(task, {}) for task in REGISTRY.names("task")]
    if name not in SUITES:
        from wordeval.options import close_hint
        raise UnknownNameError(f"unknown suite {name!r}{close_hint([name], [*SUITES, 'full'])}; known: "
                               f"{', '.join([*SUITES, 'full'])}")
    return [(task, dict(cfg)) for task, cfg in SUITES[name]]
