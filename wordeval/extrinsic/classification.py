"""Document classification with frozen representations as features (BBC, MR, CR, SST-2/5, TREC-6/50).

Protocol (fixed, recorded in every result):
- features: pooled word vectors (``wordeval.extrinsic.pooling``: mean / tf-idf / SIF, an OOV policy, a case
  policy, all fitted on train), or an encoder's own sentence vectors when it offers ``encode_sentences``
  ("frozen sentence vectors"), or the mean of a token encoder's contextual token vectors;
- learner: StandardScaler + LogisticRegression (lbfgs; multinomial for several classes), with C chosen by
  stratified K-fold cross-validation on the TRAIN split only and then refitted on the whole train split
  (protocol "split"), by accuracy on the dev split (protocol "dev": SST-2/5, as SentEval), or by SentEval's
  10-fold CV over all documents (protocol "cv10": MR, CR). The test split is touched once, for the final
  predictions;
- seeds: ``n_seeds`` runs with seeds seed, seed+1, ...; a seed sets the CV folds, the random OOV vectors and
  any training subsample (``max_train``: stratified by class, its per-class counts in ``per_seed``). Scores are the mean over seeds, with the sd and the per-seed values in ``extra``;
- per_item (one row per test document): ``id`` (index in the test split), ``gold``, ``pred`` (predictions of
  the first seed, for McNemar's test) and ``correct`` (share of seeds that classified the document
  correctly), so the mean of ``correct`` is exactly the reported accuracy and a paired bootstrap over
  documents compares mean accuracies. With several seeds each seed's 0/1 ``correct@K`` is kept too
  (``wordeval.results.seed_items``), so a comparison resamples documents × seeds.
"""
from __future__ import annotations

import logging
import math
import time
import warnings
from typing import Any, Mapping, Sequence

import numpy as np

from wordeval.errors import ConfigError, NotApplicableError
from wordeval.extrinsic.stratified_sample import DESCRIPTION as TRAIN_SAMPLE
from wordeval.extrinsic.stratified_sample import (class_counts, classes_under_folds, fold_random_state,
                                                  stratified_rows)
from wordeval.stats.spread import mean_sd
from wordeval.tasks import TaskSpec

log = logging.getLogger(__name__)

DEFAULT_CONFIG: dict[str, Any] = {
    "features": "auto",  # auto | pooled | sentence | tokens
    "pooling": "mean",  # mean | tfidf | sif (pooled features)
    "oov": "skip",  # skip | zero | random | unk (pooled features)
    "case": "exact-then-lower",
    "sif_a": 1e-3,
    "tokenizer": None,  # None: the task's (whitespace for pre-tokenised sets, regex for raw text)
    "learner": "logreg",  # logreg | finetune (fine-tune a transformers encoder, see bert_finetune)
    "n_seeds": 3,
    "cv_folds": 5,
    "c_grid": [0.01, 0.1, 1.0, 10.0, 100.0],
    "max_iter": 1000,
    "max_train": None,  # stratified sample of training documents (seeded per run; cv10: of each fold's part)
    # how the max_train sample is drawn; recorded only with max_train set (see validate_config)
    "train_sample": "stratified",
    "max_test": None,  # subsample of test documents, the same for every seed and representation (SUBSAMPLE_SEED)
    "finetune": {},  # options of bert_finetune.finetune_predict (epochs, learning_rate, batch_size, ...)
    # "split": train on train, score test once. "cv10": SentEval's protocol for sets without a test split
    # (MR, CR, SUBJ, MPQA): stratified K-fold CV over all documents (K = cv_outer_folds), C chosen by an inner
    # stratified CV on each training part; every document is predicted once, by the model that did not see it.
    # "dev": SentEval's protocol for sets with a dev split (SST-2, SST-5): one model per C trained on train, C
    # chosen by accuracy on dev (a tie to the first C), that model scores test once.
    "protocol": "split",
    "cv_outer_folds": 10,
}
# options that act only under another's value (``wordeval.option_effects``: a note when given otherwise)
# (oov and case are the word lookup of pooled features: learner = "finetune" reads the text through the model)
APPLIES_ONLY_WITH = {"sif_a": ("pooling", ("sif",)), "cv_outer_folds": ("protocol", ("cv10",)),
                     "oov": ("learner", ("logreg",)), "case": ("learner", ("logreg",))}
PROTOCOLS = ("split", "dev", "cv10")
# the values a --set shared with other families can take here (``cli.common.settings_for``)
VALUE_DOMAINS = {"learner": ("logreg", "finetune"), "oov": ("skip", "zero", "random", "unk"),
                 "pooling": ("mean", "tfidf", "sif")}
FEATURES = ("auto", "pooled", "sentence", "tokens")
# Derived, never chosen; in the config only where it applies, so other requests keep their keys.
# c_choice: "exact" on the logistic-regression learner, whose C was the later of two tied in CV accuracy when
# float rounding favoured it (``first_best_c``); the request key of those records changes, so a store does not
# serve a record whose C was chosen by rounding.
# pooling_types: "case" where pooled features' tf-idf / SIF statistics or random OOV vectors depend on how words
# are keyed (pooling tfidf or sif, or oov random, under a case policy other than exact): they are kept per word as
# the case policy looks it up (``pooling.case_key``), where they were kept per token as written; those records'
# request key changes, so a store does not serve features weighed the earlier way.
OPTIONAL_CONFIG: dict[str, tuple] = {"c_choice": ("exact",), "pooling_types": ("case",)}
DERIVED_CONFIG = tuple(OPTIONAL_CONFIG)  # recorded, not options (``Task.known_options``)


def resolve_config(config: Mapping | None, spec: TaskSpec | None = None) -> dict[str, Any]:
    """Family defaults < the task's own defaults < ``config`` (one merger: wordeval.config), checked."""
    from wordeval.config import merge_config
    task_defaults = dict(spec.parameters) if spec is not None else {}
    config = dict(config or {})
    optional = {k: config.pop(k) for k in OPTIONAL_CONFIG if k in config}
    merged = merge_config(DEFAULT_CONFIG, task_defaults, config, owner="classification")
    return validate_config({**merged, **optional})


def validate_config(cfg: Mapping[str, Any]) -> dict[str, Any]:
    cfg = dict(cfg)
    for key, allowed in OPTIONAL_CONFIG.items():
        if (value := cfg.pop(key, allowed[0])) not in allowed:  # a validated config, validated again, has it
            raise ConfigError(f"classification option {key} is set by wordeval ({', '.join(allowed)}), got "
                              f"{value!r}")
    if cfg["features"] not in FEATURES:
        raise ConfigError(f"features must be one of {', '.join(FEATURES)}, got {cfg['features']!r}")
    if cfg["learner"] not in ("logreg", "finetune"):
        raise ConfigError(f"learner must be logreg or finetune, got {cfg['learner']!r}")
    if cfg["protocol"] not in PROTOCOLS:
        raise ConfigError(f"protocol must be one of {', '.join(PROTOCOLS)}, got {cfg['protocol']!r}")
    if cfg["protocol"] == "cv10" and cfg["learner"] != "logreg":
        raise ConfigError(f"protocol cv10 is defined for the logistic-regression learner (learner = \"logreg\"), "
                          f"got learner {cfg['learner']!r}")
    for key in ("n_seeds", "cv_folds", "max_iter", "cv_outer_folds"):
        if isinstance(cfg[key], bool) or not isinstance(cfg[key], int) or cfg[key] < (2 if "folds" in key else 1):
            raise ConfigError(f"{key} must be a positive integer (folds >= 2), got {cfg[key]!r}")
    from wordeval.options import MAX_N_SEEDS
    if cfg["n_seeds"] > MAX_N_SEEDS:
        raise ConfigError(f"n_seeds must be an integer from 1 to {MAX_N_SEEDS}, got {cfg['n_seeds']!r}")
    for key in ("max_train", "max_test"):
        if cfg[key] is not None and (isinstance(cfg[key], bool) or not isinstance(cfg[key], int) or cfg[key] < 1):
            raise ConfigError(f"{key} must be a positive integer or None, got {cfg[key]!r}")
    grid = cfg["c_grid"]
    if not isinstance(grid, (list, tuple)) or not grid or any(
            isinstance(c, bool) or not isinstance(c, (int, float)) or not 0 < c < float("inf") for c in grid):
        raise ConfigError(f"c_grid must be a non-empty list of positive finite numbers, got {grid!r}")
    # checked here, with the others: a bad pooling or oov stopped the run only in its cell, after the store
    # was created, and sif_a was never checked (-1 or nan made SIF's weights a / (a + p) negative or NaN)
    from wordeval.embeddings.case import check_case_policy
    from wordeval.extrinsic.pooling import OOV_POLICIES, POOLING_METHODS
    from wordeval.options import number

    for key, allowed in (("pooling", POOLING_METHODS), ("oov", OOV_POLICIES)):
        if cfg[key] not in allowed:
            raise ConfigError(f"classification option {key} must be one of {', '.join(allowed)}, "
                              f"got {cfg[key]!r}")
    check_case_policy(cfg["case"])
    cfg["sif_a"] = number(0, lo_open=True)(cfg["sif_a"], "sif_a")
    cfg["c_grid"] = [float(c) for c in grid]
    if cfg["tokenizer"] is None:
        cfg["tokenizer"] = "regex"
    if cfg["tokenizer"] not in ("regex", "whitespace"):
        raise ConfigError(f"tokenizer must be regex or whitespace, got {cfg['tokenizer']!r}")
    if not isinstance(cfg["finetune"], Mapping):
        raise ConfigError(f"finetune must be a table of fine-tuning options, got {cfg['finetune']!r}")
    cfg["finetune"] = dict(cfg["finetune"] or {})
    if cfg["finetune"] and cfg["learner"] != "finetune":  # they were dropped, and the record listed them
        raise ConfigError(f"finetune options ({', '.join(sorted(cfg['finetune']))}) are for "
                          f"learner = \"finetune\", not {cfg['learner']!r}")
    if cfg["learner"] == "finetune":
        from wordeval.extrinsic.bert_finetune import check_options
        check_options(cfg["finetune"])
    # The sampling rule is part of the request (and the record's config) when there is a sample: a user's
    # spec keeps its version, so records of its max_train cells drawn by the earlier uniform sample had the
    # same request key and a resume reused them. Without max_train nothing is sampled, and the entry is left
    # out so those records (and their keys) stay as they were.
    sample = cfg.pop("train_sample")
    if sample != "stratified":
        raise ConfigError(f"train_sample must be \"stratified\" (the only sampling rule of max_train), got "
                          f"{sample!r}")
    if cfg["max_train"] is not None:
        cfg["train_sample"] = "stratified"
    if cfg["learner"] == "logreg":
        cfg["c_choice"] = "exact"
        if cfg["case"] != "exact" and (cfg["pooling"] in ("tfidf", "sif") or cfg["oov"] == "random"):
            from wordeval.extrinsic.pooling import POOLING_TYPES
            cfg["pooling_types"] = POOLING_TYPES
    return cfg


def on_dev(cfg: Mapping[str, Any]) -> bool:
    """Protocol dev chooses C on the dev split; fine-tuning has no C, and trains on train as under "split"."""
    return cfg["protocol"] == "dev" and cfg["learner"] == "logreg"


def _cv_documents(dataset) -> list:
    """Protocol cv10's documents: the "all" split, or train + dev + test together."""
    names = ["all"] if "all" in dataset.splits else [k for k in ("train", "dev", "test") if k in dataset.splits]
    return [it for k in names for it in dataset.splits[k]]


CI_BOOT, CI_LEVEL = 1000, 0.95  # the record's own accuracy CI (compare and report compute theirs)

# logistic-regression fits per seed above which a run is told what its c_grid costs; the default is
# 5 values x 5 folds + the refit = 26 (x 10 outer folds under cv10)
MANY_FITS = 500


def cost_notes(given: Mapping[str, Any], cfg: Mapping[str, Any]) -> list[str]:
    """A c_grid (or cv_folds) that multiplies the fits: c_grid = [...1000 values] ran 5,001 fits a seed
    without a word, for hours, where the default runs 26."""
    if cfg.get("learner") != "logreg" or not ({"c_grid", "cv_folds", "cv_outer_folds"} & set(given)):
        return []
    if on_dev(cfg):  # one fit per C, no folds: cv_folds does not multiply them
        n = len(cfg["c_grid"])
        return [] if n <= MANY_FITS else [
            f"c_grid of {n:,} values is {n:,} logistic-regression fits a seed under protocol dev, {n / 5:,.0f} "
            f"times the default's: expect that much longer"]
    outer = cfg["cv_outer_folds"] if cfg["protocol"] == "cv10" else 1
    fits = (len(cfg["c_grid"]) * cfg["cv_folds"] + 1) * outer
    if fits <= MANY_FITS * outer:
        return []
    return [f"c_grid of {len(cfg['c_grid'])} values x cv_folds = {cfg['cv_folds']} (+ the refit"
            f"{f', x cv_outer_folds = {outer}' if outer > 1 else ''}) is {fits:,} logistic-regression fits a seed, "
            f"{fits / ((5 * 5 + 1) * outer):,.0f} times the default's: expect that much longer"]


def check_data(spec: TaskSpec, dataset, cfg: Mapping[str, Any]) -> list[str]:
    """What the options ask of the data, checked when the dataset is loaded, before a store is created or a
    representation loaded: protocol cv10 refuses a class with fewer documents than folds (StratifiedKFold
    cannot put one in every fold). Returns warnings: a training class too small for the inner CV that picks
    C still trains, but its C is chosen on folds that lack it."""
    from collections import Counter

    if cfg["max_train"] is not None and cfg["max_train"] < cfg["cv_folds"] and not on_dev(cfg):
        # a sample smaller than the folds cannot be cross-validated: it was a scikit-learn traceback
        raise ConfigError(f"{spec.name}: max_train={cfg['max_train']} is fewer documents than the "
                          f"{cfg['cv_folds']} folds of the cross-validation that chooses C (cv_folds); a larger "
                          f"max_train or a smaller cv_folds")
    if cfg["protocol"] == "cv10":
        if cfg["max_test"] is not None:
            # it was recorded and ignored: every document was still predicted and scored
            raise ConfigError(f"{_where_protocol(spec, cfg)}protocol cv10 predicts every document once, by the "
                              f"fold model that did not see it; max_test={cfg['max_test']} (a sample of the test "
                              f"split of protocol \"split\") does not apply: leave it out (max_train caps each "
                              f"fold's training part)")
        counts = Counter(it.label for it in _cv_documents(dataset))
        folds = cfg["cv_outer_folds"]
        label, n = min(counts.items(), key=lambda kv: (kv[1], str(kv[0])), default=(None, 0))
        if label is not None and n < folds:
            raise ConfigError(f"{_where_protocol(spec, cfg)}protocol cv10 ({folds} stratified folds) needs at least "
                              f"{folds} documents of every class; class {label!r} of {spec.name} has {n} "
                              f"(protocol = \"split\" with train and test files, or fewer cv_outer_folds)")
        # a training part holds about (K - 1) / K of each class
        parts = {k: v - -(-v // folds) for k, v in counts.items()}
        _check_inner_folds(spec, cfg, parts, "a training part of cv10")
        return []
    needed = ["train", "dev", spec.split] if on_dev(cfg) else ["train", spec.split]
    missing = [k for k in needed if not len(dataset.splits.get(k, ()))]
    if missing:
        def both(words):
            return ", ".join(words[:-1]) + " and " + words[-1]
        raise ConfigError(f"{_where(spec, 'files', 'classes')}protocol "
                          f"\"{cfg['protocol']}\" needs {both(needed)} documents ([files] {both(needed)}, or "
                          f"{both([f'[classes.{k}]' for k in needed])}); {spec.name} has "
                          f"{', '.join(sorted(dataset.splits)) or 'none'}: for one set of documents use "
                          f"protocol = \"cv10\"")
    counts = Counter(it.label for it in dataset.splits.get("train", ()))
    if on_dev(cfg):  # C is chosen on dev: no folds to fill
        return _rare_in_sample(cfg["max_train"], counts)
    _check_inner_folds(spec, cfg, counts, "train")
    # fine-tuning chooses no C: no folds for a small class to miss
    return [f"train: class {label!r} has {n} document{'s' * (n != 1)}, fewer than the {cfg['cv_folds']} folds "
            f"of the cross-validation that chooses C" for label, n in sorted(counts.items(), key=str)
            if n < cfg["cv_folds"] and cfg["learner"] == "logreg"] + _rare_in_sample(cfg["max_train"], counts) \
        + _unread_dev(spec, dataset, cfg)


def _unread_dev(spec: TaskSpec, dataset, cfg: Mapping[str, Any]) -> list[str]:
    """A dev file under protocol "split" (the default) is hashed and recorded but never read: C comes from
    cross-validation on train. A spec giving train, dev and test ran so without a word, its author believing
    C was tuned on dev. A user's spec only: a built-in task's protocol is its published one (BBC's derived dev
    split, unread by design, made every run of it and the demo warn to change it). learner = "finetune" reads
    no dev under any protocol: a fixed number of epochs on train, no early stopping, nothing chosen on dev."""
    n = len(dataset.splits.get("dev", ()))
    if not n or str(spec.origin).startswith("builtin:"):
        return []
    docs = f"dev: {n:,} document{'s' * (n != 1)} not read: "
    if cfg["learner"] == "finetune":
        from wordeval.extrinsic.bert_finetune import DEFAULTS
        epochs = cfg["finetune"].get("epochs", DEFAULTS["epochs"])
        return [docs + f"learner \"finetune\" trains a fixed number of epochs on train (finetune epochs = "
                       f"{epochs}), under any protocol: no early stopping on dev, nothing chosen on it"]
    return [docs + "protocol \"split\" chooses C by cross-validation on train (protocol = \"dev\" chooses it on "
                   "dev, as SentEval does; \"cv10\" folds every document)"]


def check_representation(spec: TaskSpec, dataset, cfg: Mapping[str, Any], embedding_spec: str, load, *,
                         name: str | None = None) -> None:
    """learner = "finetune", checked when a run is planned: a ``max_length`` beyond the model's positions was
    a torch traceback on the first long document, and a batch too large for memory died in torch, both after
    the run's store was created. Documents are read up to the longest one's UTF-8 bytes (a piece spells at
    least one byte)."""
    if cfg.get("learner") != "finetune":
        return
    from wordeval.embeddings.encoder_memory import check_encoder_memory, geometry, spec_model_dir
    from wordeval.extrinsic.bert_finetune import check_options

    found = spec_model_dir(embedding_spec)
    if found is None:
        return  # not an encoder, or not found: the cell says so
    opts, what = check_options(dict(cfg.get("finetune") or {})), f"{spec.name} on {name or embedding_spec}"
    limit = geometry(found[0]).positions
    if opts["max_length"] > limit:
        raise ConfigError(f"{what}: finetune max_length = {opts['max_length']}: the model reads at most {limit} "
                          f"tokens")
    longest = max((len(it.text.encode()) for items in dataset.splits.values() for it in items), default=1)
    check_encoder_memory(found[0], batch=opts["batch_size"], length=min(opts["max_length"], longest + 4),
                         training=True, what=f"{what} (learner finetune)",
                         options=f"finetune batch_size = {opts['batch_size']}, max_length = {opts['max_length']}")


def _rare_in_sample(limit: int | None, counts: Mapping[Any, int]) -> list[str]:
    """Classes whose share of a stratified max_train sample is under one document: the sample can keep none
    of them (TREC-6's ABBR at max_train = 30), and the classifier then never predicts them."""
    total = sum(counts.values())
    if limit is None or limit >= total:
        return []
    return [f"train: class {label!r} has {n:,} of {total:,} documents, {limit * n / total:.2f} of the "
            f"stratified max_train = {limit} sample: the sample may hold none of it (a larger max_train)"
            for label, n in sorted(counts.items(), key=str) if limit * n / total < 1]


def _check_inner_folds(spec: TaskSpec, cfg: Mapping[str, Any], counts: Mapping[str, int], what: str) -> None:
    """The stratified CV that chooses C needs a class with cv_folds training documents: fewer (cv_folds
    above the class sizes, or a small max_train) was a scikit-learn traceback in the first cell, after the
    store was created. A max_train sample's class sizes are drawn when it trains, so it is asked for
    cv_folds documents per class on average."""
    folds, n_train = cfg["cv_folds"], sum(counts.values())
    if cfg["learner"] != "logreg" or not counts:
        return
    if cfg["max_train"] is not None and cfg["max_train"] < n_train:
        if cfg["max_train"] < folds * len(counts):
            raise ConfigError(f"{_where(spec, 'max_train')}max_train = {cfg['max_train']} leaves fewer than "
                              f"cv_folds = {folds} training documents per class ({len(counts)} classes) for "
                              f"the CV that chooses C: give max_train of at least {folds * len(counts)} or "
                              f"fewer cv_folds")
    elif max(counts.values()) < folds:
        # a user's spec names its data there: a task name alone named no file to fix
        raise ConfigError(f"{_where(spec, 'cv_folds', 'train', 'classes')}cv_folds = {folds} stratified folds "
                          f"choose C, and every class of "
                          f"{what} has fewer documents (at most {max(counts.values())}): choose fewer "
                          f"cv_folds")


def _where_protocol(spec: TaskSpec, cfg: Mapping[str, Any]) -> str:
    """Where the protocol in force was set: its line in a user's spec, else (--set, a config) the task."""
    if (spec.parameters or {}).get("protocol") != cfg["protocol"]:
        return f"{spec.name}: "
    return _where(spec, "protocol")


def _where(spec: TaskSpec, *keys: str) -> str:
    """``SPEC:LINE: `` of the first of ``keys`` in a user's spec file; the task's name for a built-in one."""
    import os

    from wordeval.tasks.spec_file import line_of_key

    if not os.path.isfile(spec.origin or ""):
        return f"{spec.name}: "
    line = next(filter(None, (line_of_key(spec.origin, k) for k in keys)), None)
    return f"{spec.origin}:{line}: " if line else f"{spec.origin}: "


def _feature_kind(embedding, cfg: Mapping[str, Any]) -> str:
    kind = _features_of(embedding, cfg["features"])
    if kind != "pooled":
        from wordeval.option_effects import note_lookup_options_on_encoder
        note_lookup_options_on_encoder(cfg, DEFAULT_CONFIG, embedding.info.name, {
            "sentence": "it is classified on its own sentence vectors of each text as written",
            "tokens": "it is classified on the mean of its token states"}[kind])
    if kind != "pooled" and cfg["pooling"] != "mean":
        # tf-idf and SIF weight word vectors; on an encoder's sentence vectors (or its averaged token states)
        # the option was ignored, and the record said pooling=sif
        made = {"sentence": "its own sentence vectors", "tokens": "the mean of its token states"}[kind]
        raise NotApplicableError(f"pooling={cfg['pooling']!r} weights word vectors; {embedding.info.name} is "
                                f"classified on {made} (pooling 'mean')")
    return kind


def _finetune_kind(embedding, cfg: Mapping[str, Any]) -> str:
    if cfg["pooling"] != "mean":
        raise NotApplicableError(f"pooling={cfg['pooling']!r} weights word vectors; {cfg['learner']} classifies "
                                f"on the fine-tuned {embedding.info.name}'s own sentence vectors (pooling 'mean')")
    return "finetune"


def _features_of(embedding, kind: str) -> str:
    if kind == "auto":
        if hasattr(embedding, "encode_sentences"):
            return "sentence"
        if hasattr(embedding, "lookup"):
            return "pooled"
        if hasattr(embedding, "encode_tokens"):
            return "tokens"
        # e.g. a Brown clustering: skipped with the reason
        raise NotApplicableError(f"{embedding.info.name} has no vectors (neither encode_sentences, lookup nor "
                                f"encode_tokens)")
    needs = {"sentence": "encode_sentences", "pooled": "lookup", "tokens": "encode_tokens"}[kind]
    if not hasattr(embedding, needs):
        # skipped with the reason, as pooling='sif' on an encoder is: a ConfigError stopped the run in this
        # cell, after the store was created and the other representations' cells had run
        what = {"sentence": "sentence vectors", "pooled": "word vectors to pool", "tokens": "token states"}[kind]
        raise NotApplicableError(f"features={kind!r} needs {what} ({needs}), and {embedding.info.name} has none")
    return kind


def fit_logreg(x_train: np.ndarray, y_train: Sequence, *, c_grid: Sequence[float], cv_folds: int, seed: int,
               max_iter: int = 1000):
    """Standardise + logistic regression, C by stratified K-fold CV on the given (training) data only: the C
    of the highest mean fold accuracy, compared exactly (``first_best_c``), refitted on all the data. Its mean
    CV accuracy is ``cv_accuracy(search)`` (a callable refit leaves ``best_score_`` unset)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import make_scorer
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    pipe = make_pipeline(StandardScaler(), LogisticRegression(solver="lbfgs", max_iter=max_iter))
    y = np.asarray(y_train)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The least populated class in y", category=UserWarning)
        folds = list(StratifiedKFold(n_splits=cv_folds, shuffle=True, random_state=seed).split(x_train, y))
    search = GridSearchCV(pipe, {"logisticregression__C": list(c_grid)}, cv=folds,
                          scoring={"accuracy": "accuracy", "correct": make_scorer(_n_correct)},
                          refit=first_best_c([len(test) for _, test in folds]))
    # These are small dense problems (a few hundred features): multithreaded BLAS only adds overhead, and on
    # a loaded machine thread oversubscription made one fit 100x slower than single-threaded.
    with threadpool_limits(limits=1), warnings.catch_warnings():
        # said once per cell in wordeval's words (check_data, classes_under_folds); scikit-learn's own line
        # came beside it, once per fit
        warnings.filterwarnings("ignore", message="The least populated class in y", category=UserWarning)
        # the refitted model's iteration count is the record's "converged"; scikit-learn's warning came once
        # per fit (26 a seed), eight lines each
        warnings.filterwarnings("ignore", category=ConvergenceWarning)
        search.fit(x_train, y)
    return search


def logreg_converged(search, max_iter: int) -> bool:
    """Whether the refitted logistic regression (the model that predicts) stopped before max_iter, its
    epoch limit: lbfgs reports the iterations it ran in ``n_iter_``."""
    return bool(np.all(search.best_estimator_[-1].n_iter_ < max_iter))


def logreg_iterations(model) -> int:
    """The lbfgs iterations a fitted pipeline's logistic regression ran (its ``n_iter_``: one entry, the
    multinomial fit, or one per class where scikit-learn fits one-vs-rest)."""
    return int(np.max(model[-1].n_iter_))


def fit_logreg_dev(x_train: np.ndarray, y_train: Sequence, x_dev: np.ndarray, y_dev: Sequence, *,
                   c_grid: Sequence[float], max_iter: int = 1000):
    """Protocol dev, after SentEval's SplitClassifier: standardise + logistic regression, one model per C
    trained on train; the C with the most dev documents right wins (a tie to the first C of the grid, as
    SentEval's argmax) and its model, trained on train alone, is the one that predicts. Returns (model, C,
    dev accuracy)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    best = None
    for c in c_grid:
        model = make_pipeline(StandardScaler(), LogisticRegression(C=c, solver="lbfgs", max_iter=max_iter))
        with threadpool_limits(limits=1), warnings.catch_warnings():  # see fit_logreg
            warnings.filterwarnings("ignore", category=ConvergenceWarning)
            model.fit(x_train, np.asarray(y_train))
        right = _n_correct(np.asarray(y_dev), model.predict(x_dev))
        if best is None or right > best[0]:  # integer counts: strictly more, so a tie keeps the earlier C
            best = (right, model, float(c))
    return best[1], best[2], best[0] / len(y_dev)


def _n_correct(y_true, y_pred) -> int:
    return int(np.sum(np.asarray(y_true) == np.asarray(y_pred)))


def first_best_c(fold_sizes: Sequence[int]):
    """GridSearchCV's ``refit``: the index of the C whose mean fold accuracy is highest, the mean taken
    exactly (fractions of correct counts), ties to the first C of the grid. scikit-learn's own choice ranks
    float means, whose rounding depends on the order the folds are summed in: with folds of 31, 31, 30, 30
    and 30 documents, 22, 26, 28, 24, 25 correct and 22, 26, 28, 25, 24 correct are the same mean, yet the
    second came out one unit of rounding higher and its C won the tie. A C with a failed fit (NaN) ranks
    last, as scikit-learn ranks it."""
    from fractions import Fraction

    def best_index(results: Mapping[str, Any]) -> int:
        best, best_mean = 0, None
        for i in range(len(results["params"])):
            counts = [results[f"split{k}_test_correct"][i] for k in range(len(fold_sizes))]
            if not all(np.isfinite(counts)):
                continue
            mean = sum(Fraction(int(c), n) for c, n in zip(counts, fold_sizes))
            if best_mean is None or mean > best_mean:  # strictly: a tie keeps the earlier C
                best, best_mean = i, mean
        return best

    return best_index


def cv_accuracy(search) -> float:
    """The chosen C's mean CV accuracy, as scikit-learn reports it (``mean_test_accuracy``)."""
    return float(search.cv_results_["mean_test_accuracy"][search.best_index_])


def _subsample(n: int, limit: int | None, seed: int) -> np.ndarray:
    if limit is None or limit >= n:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=limit, replace=False))


def _check_sample(labels: Sequence, cfg: Mapping[str, Any], what: str, task: str = "") -> None:
    """Training documents the cross-validation that picks C cannot split (every class smaller than the
    folds, or a single class: a max_train sample, or a small train with a large cv_folds) are a user error
    naming them, not a scikit-learn traceback."""
    from collections import Counter

    counts = Counter(labels)
    folds = cfg["cv_folds"]
    if len(counts) >= 2 and (on_dev(cfg) or max(counts.values()) >= folds):
        return
    shown = ", ".join(f"{label!r}: {n}" for label, n in sorted(counts.items(), key=str))
    sampled = f"max_train={cfg['max_train']}: " if cfg["max_train"] is not None else ""
    raise ConfigError(f"{task}{': ' if task else ''}{sampled}{what} holds {shown}; the {folds}-fold "
                      f"cross-validation that chooses C (cv_folds) needs two classes and one with at least {folds} documents "
                      f"({'a larger max_train or ' if sampled else ''}a smaller cv_folds)")


def _warn_small_classes(task: str, samples: list, cfg: Mapping[str, Any], what: str,
                        known: Sequence[str] = ()) -> None:
    if (note := classes_under_folds(samples, cfg["cv_folds"], what=what, known=known)) is not None:
        log.warning("wordeval: warning: %s%s%s", task, ": " if task else "", note)


def _encode_sentences(embedding, texts: Sequence[str]) -> np.ndarray:
    from wordeval.embeddings.encoder_output import sentence_matrix
    return sentence_matrix(embedding, embedding.encode_sentences(list(texts)), texts, dtype=np.float64)


def _mean_tokens(embedding, docs: Sequence[Sequence[str]]) -> np.ndarray:
    from wordeval.embeddings.encoder_output import token_matrices

    out = np.zeros((len(docs), int(embedding.info.dim)))
    docs = [list(d) for d in docs]
    for i, arr in enumerate(token_matrices(embedding, embedding.encode_tokens(docs), docs, dtype=np.float64)):
        if len(arr):
            out[i] = np.asarray(arr, dtype=np.float64).mean(axis=0)
    return out


def run_seeds(embedding, train: Sequence, test: Sequence, cfg: Mapping[str, Any], *, seed: int,
              progress: bool = False, task: str = "", dev: Sequence = ()) -> dict[str, Any]:
    """Features + learner for every seed on LabeledText items (``dev``: protocol dev's documents that choose
    C). Returns predictions, scores and OOV stats."""
    from sklearn.metrics import accuracy_score, f1_score

    from wordeval.extrinsic.pooling import DocumentPooler, tokenize

    kind = _feature_kind(embedding, cfg) if cfg["learner"] == "logreg" else _finetune_kind(embedding, cfg)
    y_train_all = [it.label for it in train]
    gold = [it.label for it in test]
    tok = cfg["tokenizer"]
    train_tokens = [tokenize(it.text, tokenizer=tok) for it in train] if kind in ("pooled", "tokens") else None
    test_tokens = [tokenize(it.text, tokenizer=tok) for it in test] if kind in ("pooled", "tokens") else None
    dev_c = on_dev(cfg)
    dev_tokens = [tokenize(it.text, tokenizer=tok) for it in dev] if dev_c and kind != "sentence" else None
    y_dev = [it.label for it in dev]
    seeds = [seed + k for k in range(cfg["n_seeds"])]
    rows_of = {s: stratified_rows(y_train_all, cfg["max_train"], s) for s in seeds}
    for s, rows in rows_of.items():  # before any document is encoded or any seed trained
        _check_sample([y_train_all[i] for i in rows], cfg, f"seed {s}'s training sample", task)
    if cfg["learner"] == "logreg" and cfg["max_train"] is not None and not dev_c:
        whole = class_counts(y_train_all)  # check_data warned about the classes small in all of train
        _warn_small_classes(task, [[y_train_all[i] for i in rows] for rows in rows_of.values()], cfg,
                            "seeds' max_train samples", known=[k for k, n in whole.items() if n < cfg["cv_folds"]])
    # an encoder encodes only the training documents some seed trains on (SST-2 has 67,349, max_train 3,000)
    encoded = np.unique(np.concatenate(list(rows_of.values()))) if seeds else np.arange(0)
    fixed: tuple[np.ndarray, np.ndarray] | None = None
    x_dev = None
    cut: dict[str, Any] = {}
    if kind == "sentence":
        fixed = (_encode_sentences(embedding, [train[i].text for i in encoded]),
                 _encode_sentences(embedding, [it.text for it in test]))
        cut = _cut_texts(embedding, {"train": [train[i] for i in encoded], "test": test,
                                     **({"dev": dev} if dev_c else {})})
        x_dev = _encode_sentences(embedding, [it.text for it in dev]) if dev_c else None
    elif kind == "tokens":
        fixed = (_mean_tokens(embedding, [train_tokens[i] for i in encoded]), _mean_tokens(embedding, test_tokens))
        x_dev = _mean_tokens(embedding, dev_tokens) if dev_c else None
    per_seed, preds, oov = [], [], {}
    from wordeval.progress import progress_bar
    iterator = progress_bar(seeds, shown=progress, desc="classification seeds", leave=False)
    pooler = None
    for s in iterator:
        t0 = time.perf_counter()
        rows = rows_of[s]
        y_train = [y_train_all[i] for i in rows]
        info: dict[str, Any] = {"seed": s, "n_train": int(len(rows)), "n_train_per_class": class_counts(y_train)}
        if kind == "finetune":
            from wordeval.extrinsic.bert_finetune import finetune_predict
            pred, ft_info = finetune_predict(embedding, [train[i].text for i in rows], y_train,
                                             [it.text for it in test], seed=s, **cfg["finetune"])
            info.update(ft_info)
        else:
            if kind == "pooled":
                needs_refit = pooler is None or cfg["oov"] == "random" or cfg["max_train"] is not None
                if needs_refit:
                    pooler = DocumentPooler(embedding, method=cfg["pooling"], oov=cfg["oov"], case=cfg["case"],
                                            seed=s, sif_a=cfg["sif_a"])
                    pooler.fit([train_tokens[i] for i in rows])
                    x_train, x_test = pooler.transform([train_tokens[i] for i in rows]), pooler.transform(test_tokens)
                    x_dev = pooler.transform(dev_tokens) if dev_c else None
                if not oov:
                    oov = {"train": pooler.oov_stats(train_tokens).to_dict(),
                           "test": pooler.oov_stats(test_tokens).to_dict()}
            else:
                x_train, x_test = fixed[0][np.searchsorted(encoded, rows)], fixed[1]
            if dev_c:
                model, c, dev_acc = fit_logreg_dev(x_train, y_train, x_dev, y_dev, c_grid=cfg["c_grid"],
                                                   max_iter=cfg["max_iter"])
                pred = model.predict(x_test).tolist()
                info.update({"C": c, "dev_accuracy": dev_acc,
                             "converged": bool(np.all(model[-1].n_iter_ < cfg["max_iter"])),
                             "iterations": logreg_iterations(model)})
            else:
                search = fit_logreg(x_train, y_train, c_grid=cfg["c_grid"], cv_folds=cfg["cv_folds"], seed=s,
                                    max_iter=cfg["max_iter"])
                pred = search.predict(x_test).tolist()  # a few hundred features: cheap even multithreaded
                info.update({"C": float(search.best_params_["logisticregression__C"]),
                             "cv_accuracy": cv_accuracy(search),
                             "converged": logreg_converged(search, cfg["max_iter"]),
                             "iterations": logreg_iterations(search.best_estimator_)})
        info["accuracy"] = float(accuracy_score(gold, pred))
        info["macro_f1"] = float(f1_score(gold, pred, average="macro", zero_division=0))
        info["seconds"] = round(time.perf_counter() - t0, 3)
        per_seed.append(info)
        preds.append(pred)
    return {"kind": kind, "seeds": seeds, "per_seed": per_seed, "preds": preds, "gold": gold, "oov": oov,
            "cut_texts": cut}


def _cut_texts(embedding, splits: Mapping[str, Sequence]) -> dict[str, Any]:
    """Per split, how many documents the sentence encoder cut at its length limit (empty: it cuts none)."""
    from wordeval.embeddings.cut_texts import cut_texts

    out = {name: cut_texts(embedding, [it.text for it in items]) for name, items in splits.items()}
    return {name: c for name, c in out.items() if c is not None}


def run_cv(embedding, items: Sequence, cfg: Mapping[str, Any], *, seed: int, progress: bool = False,
           task: str = "") -> dict[str, Any]:
    """SentEval's K-fold protocol (see DEFAULT_CONFIG["protocol"]): one prediction per document per seed."""
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    from wordeval.extrinsic.pooling import DocumentPooler, tokenize

    if cfg["learner"] != "logreg":
        raise ConfigError("protocol cv10 is defined for the logistic-regression learner")
    kind = _feature_kind(embedding, cfg)
    gold = [it.label for it in items]
    y = np.asarray(gold, dtype=object)
    _, counts = np.unique(y.astype(str), return_counts=True)
    if counts.min() < cfg["cv_outer_folds"]:
        raise ConfigError(f"protocol cv10: the smallest class has {counts.min()} documents, fewer than "
                          f"{cfg['cv_outer_folds']} folds")
    tokens = [tokenize(it.text, tokenizer=cfg["tokenizer"]) for it in items] if kind in ("pooled", "tokens") else None
    fixed = (_encode_sentences(embedding, [it.text for it in items]) if kind == "sentence"
             else _mean_tokens(embedding, tokens) if kind == "tokens" else None)
    seeds = [seed + k for k in range(cfg["n_seeds"])]
    per_seed, preds, oov = [], [], {}
    parts: list[list] = []
    if kind == "pooled" and cfg["pooling"] == "mean" and cfg["oov"] != "random":
        # a plain mean learns nothing from the training part (no idf, word frequencies, principal component or
        # random-vector scale): each document's features are the same in every fold and seed, so they are
        # pooled once, not ten times per seed (MR under cv10 ran slower than the recipe by hand for it)
        pooler = DocumentPooler(embedding, method="mean", oov=cfg["oov"], case=cfg["case"], seed=seed).fit([])
        fixed = pooler.transform(tokens)
        oov = {"all": pooler.oov_stats(tokens).to_dict()}
    for s in seeds:
        t0 = time.perf_counter()
        pred = np.empty(len(items), dtype=object)
        folds = StratifiedKFold(n_splits=cfg["cv_outer_folds"], shuffle=True, random_state=s)
        chosen_c, n_train, per_class, converged, fold_acc, iterations = [], [], [], [], [], []
        n_test, n_available = [], []
        for fold, (tr, te) in enumerate(folds.split(np.zeros(len(items)), y.astype(str))):
            n_test.append(int(len(te)))
            n_available.append(int(len(tr)))
            # max_train caps each fold's training part; it was recorded but every fold trained on all the rest
            tr = tr[stratified_rows(y[tr].tolist(), cfg["max_train"], fold_random_state(s, fold))]
            _check_sample(y[tr].tolist(), cfg, f"seed {s}'s training part of fold {fold}", task)
            parts.append(y[tr].tolist())
            n_train.append(int(len(tr)))
            per_class.append(class_counts(y[tr].tolist()))
            if kind == "pooled" and fixed is None:
                pooler = DocumentPooler(embedding, method=cfg["pooling"], oov=cfg["oov"], case=cfg["case"], seed=s,
                                        sif_a=cfg["sif_a"])
                pooler.fit([tokens[i] for i in tr])
                x_tr, x_te = pooler.transform([tokens[i] for i in tr]), pooler.transform([tokens[i] for i in te])
                if not oov:
                    oov = {"all": pooler.oov_stats(tokens).to_dict()}
            else:
                x_tr, x_te = fixed[tr], fixed[te]
            search = fit_logreg(x_tr, y[tr].tolist(), c_grid=cfg["c_grid"], cv_folds=cfg["cv_folds"], seed=s,
                                max_iter=cfg["max_iter"])
            pred[te] = search.predict(x_te)
            fold_acc.append(float(accuracy_score(y[te].tolist(), pred[te].tolist())))
            chosen_c.append(float(search.best_params_["logisticregression__C"]))
            converged.append(logreg_converged(search, cfg["max_iter"]))
            iterations.append(logreg_iterations(search.best_estimator_))
        pred_list = pred.tolist()
        per_seed.append({"seed": s, "n_folds": cfg["cv_outer_folds"], "C_per_fold": chosen_c,
                         "n_test_per_fold": n_test, "n_train_available_per_fold": n_available,
                         "n_train_per_fold": n_train, "n_train_per_class_per_fold": per_class,
                         "converged": all(converged),
                         "iterations": max(iterations), "iterations_per_fold": iterations,
                         "accuracy": float(accuracy_score(gold, pred_list)),
                         # SentEval reports the mean of the fold accuracies; "accuracy" pools every document
                         "fold_accuracies": fold_acc, "accuracy_fold_mean": float(np.mean(fold_acc)),
                         "macro_f1": float(f1_score(gold, pred_list, average="macro", zero_division=0)),
                         "seconds": round(time.perf_counter() - t0, 3)})
        preds.append(pred_list)
    _warn_small_classes(task, parts, cfg, "training parts of cv10 (seeds x folds)")
    if oov:
        oov = {"test": oov["all"], "train": oov["all"]}
    cut = _cut_texts(embedding, {"all": items}) if kind == "sentence" else {}
    return {"kind": kind, "seeds": seeds, "per_seed": per_seed, "preds": preds, "gold": gold, "oov": oov,
            "cut_texts": cut}


def _cv_protocol(per_seed: Sequence[Mapping], n_documents: int, cfg: Mapping[str, Any]) -> dict[str, Any]:
    """The protocol block of a cv10 record, in the terms of its ``dataset`` (all documents, folds): it held
    ``n_train: null`` and ``n_test``, and the report printed "test 24 of 24 documents" of a task with no test
    split. The fold sizes are those the folds had (over every seed), as {"min", "max"}."""
    def span(key: str) -> dict[str, int]:
        values = [n for run in per_seed for n in run[key]]
        return {"min": min(values), "max": max(values)}

    return {"name": "cv10", "n_documents": n_documents, "folds": cfg["cv_outer_folds"],
            "inner_folds": cfg["cv_folds"], "n_test_per_fold": span("n_test_per_fold"),
            "n_train_available_per_fold": span("n_train_available_per_fold"),
            "n_train_per_fold": span("n_train_per_fold")}


def main_score_from_items(columns: Mapping[str, Any]) -> float:
    """Accuracy from per-document columns: mean of ``correct`` (share of seeds right), else mean(gold == pred)."""
    if "correct" in columns:
        c = np.asarray(columns["correct"], dtype=np.float64)
        return float(c.mean()) if c.size else float("nan")
    gold, pred = np.asarray(columns["gold"]), np.asarray(columns["pred"])
    return float(np.mean(gold == pred)) if gold.size else float("nan")


def score(task: TaskSpec, embedding, dataset, *, config: Mapping, seed: int = 0, progress: bool = False,
          predictions=None):
    return evaluate_dataset(task, embedding, dataset, config=config, seed=seed, progress=progress,
                            predictions=predictions)


def evaluate_dataset(spec: TaskSpec, embedding, dataset, *, config: Mapping | None = None, seed: int = 0,
                     progress: bool = False, predictions=None):
    """Score on an already loaded Dataset (splits "train" and ``spec.split`` of LabeledText; protocol cv10:
    all documents, from the "all" split or train+dev+test together)."""
    from wordeval.extrinsic.profiles import SUBSAMPLE_SEED
    from wordeval.results.build import make_record
    from wordeval.results.seed_items import add_seed_columns
    from wordeval.stats.bootstrap import mean_ci

    cfg = resolve_config(config, spec)
    if cfg["protocol"] == "cv10":
        test_all = _cv_documents(dataset)
        train_all = test_all
        test_ids = np.arange(len(test_all))
        test = test_all
    else:
        for split in ("train", spec.split) + (("dev",) if on_dev(cfg) else ()):
            if split not in dataset.splits or not len(dataset.splits[split]):
                raise ConfigError(f"dataset {dataset.name} has no (non-empty) {split!r} split; "
                                  f"splits: {', '.join(sorted(dataset.splits))} (protocol cv10 needs none)")
        test_all = list(dataset.splits[spec.split])
        train_all = list(dataset.splits["train"])
        # One test sample for every seed: drawn with the run's seed, the records of --seeds N scored different
        # documents, and their spread and the paired tests over seeds mixed samples with seeds.
        test_ids = _subsample(len(test_all), cfg["max_test"], SUBSAMPLE_SEED)
        test = [test_all[i] for i in test_ids]
    labels = sorted({it.label for it in train_all} | {it.label for it in test_all})
    if len(labels) < 2:
        raise ConfigError(f"dataset {dataset.name} has one class only ({labels[0] if labels else 'none'}): "
                          f"nothing to classify")
    if cfg["protocol"] == "cv10":
        out = run_cv(embedding, test, cfg, seed=seed, progress=progress, task=spec.name)
    else:
        out = run_seeds(embedding, train_all, test, cfg, seed=seed, progress=progress, task=spec.name,
                        dev=list(dataset.splits["dev"]) if on_dev(cfg) else ())
    preds = np.array(out["preds"], dtype=object)
    gold = np.array(out["gold"], dtype=object)
    correct = (preds == gold[None, :]).mean(axis=0)
    acc = np.array([r["accuracy"] for r in out["per_seed"]])
    f1 = np.array([r["macro_f1"] for r in out["per_seed"]])
    # one seed has no spread to report: None, as tagging records it (0.0 read as "no variance")
    oov_rate = out["oov"].get("test", {}).get("token_rate", float("nan")) if out["oov"] else float("nan")
    (acc_mean, acc_sd), (f1_mean, f1_sd) = mean_sd(acc), mean_sd(f1)
    scores = {"accuracy": acc_mean, "accuracy_sd": acc_sd, "macro_f1": f1_mean, "macro_f1_sd": f1_sd,
              "oov_rate": oov_rate}
    if cfg["protocol"] == "cv10":  # the figure SentEval publishes, beside the pooled accuracy the items give
        scores["accuracy_fold_mean"] = float(np.mean([r["accuracy_fold_mean"] for r in out["per_seed"]]))
    protocol = {"split": "C by stratified K-fold CV on train only; refit on train; dev unused; test once",
                "dev": "one model per C trained on train; C by dev accuracy (SentEval's SplitClassifier); "
                       "that model scores test once",
                "cv10": f"{cfg['cv_outer_folds']}-fold stratified CV over all documents; C by inner "
                        f"{cfg['cv_folds']}-fold CV on each training part"}[cfg["protocol"]]
    if cfg["learner"] == "finetune":  # under "split" too: it chooses no C by CV
        protocol = "fine-tuned on train (no C to choose: dev unused); test once"
    recorded = dict(cfg, features=out["kind"], seeds=out["seeds"], protocol_description=protocol)
    if out["kind"] in ("pooled", "tokens") and cfg["tokenizer"] == "regex":
        # which rules split the documents; recorded only (the request key leaves it out, so records made
        # before it was recorded are still found on resume: no built-in text holds what versions 2 and 3
        # changed, combining marks and zero-width joiners)
        from wordeval.tokenize import TOKENIZER_VERSION
        recorded["tokenizer_version"] = TOKENIZER_VERSION
    if predictions is not None:
        from wordeval.results.predictions import write_table
        # the text too, as STS writes its sentences: an id counts the documents as read (class files one after
        # another in label order, headers left out), not the lines of any file, so a wrong label's document
        # was not to be found
        texts = [test_all[int(i)].text for i in test_ids]
        for k, s in enumerate(out["seeds"]):
            write_table(predictions, spec, embedding, "tsv", ("id", "gold", "predicted", "text"),
                        [(int(i), g, p, t) for i, g, p, t in zip(test_ids, out["gold"], out["preds"][k], texts)],
                        seed=s)
    n_train = len(train_all) if cfg["protocol"] != "cv10" else None
    counts = (_cv_protocol(out["per_seed"], len(test_all), cfg) if cfg["protocol"] == "cv10" else
              {"name": cfg["protocol"], "n_train": n_train, "n_test": len(test),
               **({"n_dev": len(dataset.splits["dev"])} if on_dev(cfg) else {}),
               "n_test_available": len(test_all)})
    ci = list(mean_ci(correct, n_boot=CI_BOOT, level=CI_LEVEL, seed=seed))
    return make_record(
        spec, embedding, dataset, config=recorded, scores=scores, n_total=len(test_all), n_used=len(test), seed=seed,
        ci={"accuracy": ci},
        per_item=add_seed_columns({"id": [int(i) for i in test_ids], "gold": out["gold"],
                                   "pred": list(out["preds"][0]), "correct": correct.tolist()},
                                  [{"correct": (row == gold).astype(int)} for row in preds]),
        extra={"per_seed": out["per_seed"], "oov": out["oov"], "labels": labels,
               # the record's CI said neither what was resampled nor how: a reader could not tell it from a
               # Wilson or a seeds interval; none where no interval came out (fewer than 10 documents)
               "ci_method": {"accuracy": f"percentile bootstrap over the n = {len(test)} "
                                         f"{'documents' if cfg['protocol'] == 'cv10' else 'test documents'} (each "
                                         f"scored by its share of the {len(out['seeds'])} seed(s) correct), "
                                         f"{CI_BOOT} resamples, {CI_LEVEL:.0%} level, resampling seed {seed}"
                             if all(math.isfinite(x) for x in ci) else None},
               **({"cut_texts": out["cut_texts"]} if out.get("cut_texts") else {}),
               "protocol": {**counts, "max_train": cfg["max_train"], "seeds": out["seeds"],
                            **({"train_sample": TRAIN_SAMPLE} if cfg["max_train"] is not None else {})}},
        # cv10 scores every document, each once, by a model of the other folds: no train or test split, as
        # `datasets check` says ("items: all N documents"); its record said split "test" with n_train null
        dataset_extra={"split": "all", "n_documents": len(test_all), "folds": cfg["cv_outer_folds"]}
        if cfg["protocol"] == "cv10" else {"n_train": n_train, "n_test": len(test_all)})
