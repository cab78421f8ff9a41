"""The training documents kept under classification's ``max_train``: a sample stratified by class.

A uniform sample of a few hundred documents dropped the rarest classes of imbalanced sets (TREC-6's ABBR,
86 of 5,452 questions: 4 of 20 seeds lost it at max_train = 100), and the classifier then never predicted
them. The sample is scikit-learn's ``train_test_split(stratify=labels, random_state=seed)``, so each class
keeps its share of the documents (rounded as scikit-learn rounds) and the same seed draws the same sample.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Sequence

import numpy as np

DESCRIPTION = "stratified by class (sklearn train_test_split(stratify=labels, random_state=seed))"


def stratified_rows(labels: Sequence[Any], limit: int | None, random_state: int) -> np.ndarray:
    """Sorted positions of the documents kept: all of them, or ``limit`` drawn class by class."""
    from sklearn.model_selection import train_test_split

    n = len(labels)
    if limit is None or limit >= n:
        return np.arange(n)
    y = np.array([str(label) for label in labels], dtype=object)
    sizes = Counter(y.tolist())
    # scikit-learn cannot split a class of one document; it is kept (it cannot be sampled down anyway)
    single = np.array([sizes[label] == 1 for label in y], dtype=bool)
    kept, rest = np.flatnonzero(single), np.flatnonzero(~single)
    rng = np.random.default_rng(random_state)
    if len(kept) >= limit:
        return np.sort(rng.choice(kept, size=limit, replace=False))
    k = limit - len(kept)
    n_classes = len(set(y[rest].tolist()))
    if k < n_classes or len(rest) - k < n_classes:
        # too few to keep every class, or so many that fewer documents than classes are left out:
        # scikit-learn refuses both, and there is no share to keep
        chosen = rng.choice(rest, size=k, replace=False)
    else:
        chosen, _ = train_test_split(rest, train_size=k, stratify=y[rest].tolist(), random_state=random_state)
    return np.sort(np.concatenate([kept, np.asarray(chosen, dtype=np.int64)]))


def fold_random_state(seed: int, fold: int) -> int:
    """One integer seed for a cv10 fold's sample from the run's seed and the fold's number."""
    return int(np.random.SeedSequence([int(seed), int(fold)]).generate_state(1)[0] & 0x7FFFFFFF)


def class_counts(labels: Sequence[Any]) -> dict[str, int]:
    """Documents per class, classes in sorted order (what a record shows for a training sample)."""
    return dict(sorted(Counter(str(label) for label in labels).items()))


def classes_under_folds(samples: Sequence[Sequence[Any]], folds: int, *, what: str = "training samples",
                        known: Sequence[Any] = ()) -> str | None:
    """What scikit-learn's StratifiedKFold says as "The least populated class in y has only N members", in
    wordeval's words and once for all of a cell's fits: the classes that some training sample holds fewer
    times than the inner CV has folds (some of its folds then validate C without them). ``known``: classes
    already warned about for the whole training set."""
    fewest: dict[str, int] = {}
    hit = 0
    for labels in samples:
        small = {k: n for k, n in class_counts(labels).items() if n < folds and k not in set(map(str, known))}
        hit += bool(small)
        for k, n in small.items():
            fewest[k] = min(n, fewest.get(k, n))
    if not fewest:
        return None
    shown = ", ".join(f"{k!r} ({n})" for k, n in sorted(fewest.items()))
    return (f"{hit} of {len(samples)} {what} hold a class with fewer documents than the {folds} folds of the "
            f"cross-validation that chooses C (fewest: {shown}): some of its folds validate C without that class")
