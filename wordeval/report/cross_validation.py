"""What a cv10 classification record's folds held, for the report's protocol line and its quick-profile cuts.

A cv10 record has no train or test split: every document is predicted once per seed, by a model of the other
folds. The protocol line read its ``extra.protocol`` as a split's ("test 24 of 24 documents"). Records stored
before the block said so (``n_train: null``, ``n_test``) are read too: their fold sizes are those of
scikit-learn's StratifiedKFold, whose folds hold N // K or N // K + 1 documents."""
from __future__ import annotations

from typing import Any, Mapping


def is_cv10(rec) -> bool:
    p = (rec.extra or {}).get("protocol") or {}
    return p.get("name", (getattr(rec, "config", None) or {}).get("protocol")) == "cv10"


def _span(values) -> tuple[int, int] | None:
    values = [int(n) for n in values if isinstance(n, (int, float)) and not isinstance(n, bool)]
    return (min(values), max(values)) if values else None


def _recorded(p: Mapping[str, Any], per_seed: list, key: str) -> tuple[int, int] | None:
    given = p.get(key)
    if isinstance(given, Mapping):
        return _span([given.get("min"), given.get("max")])
    return _span([n for run in per_seed if isinstance(run, Mapping) for n in run.get(key) or ()])


def cv_folds(rec) -> dict[str, Any] | None:
    """Documents, folds, inner folds and the (min, max) documents a fold tested on, had to train on and
    trained on; None for a record that is not cv10 or does not say how many documents or folds."""
    if not is_cv10(rec):
        return None
    p = (rec.extra or {}).get("protocol") or {}
    cfg, ds = rec.config or {}, rec.dataset or {}
    per_seed = (rec.extra or {}).get("per_seed")
    per_seed = per_seed if isinstance(per_seed, list) else []
    # an older record's n_test (its n_test_available) counted every document, each in one fold's test part
    n = p.get("n_documents") or ds.get("n_documents") or p.get("n_test_available") or p.get("n_test")
    k = p.get("folds") or ds.get("folds") or cfg.get("cv_outer_folds") or \
        next((r.get("n_folds") for r in per_seed if isinstance(r, Mapping) and r.get("n_folds")), None)
    if not isinstance(n, int) or not isinstance(k, int) or not 1 < k <= n:
        return None
    test = _recorded(p, per_seed, "n_test_per_fold") or (n // k, -(-n // k))
    available = _recorded(p, per_seed, "n_train_available_per_fold") or (n - test[1], n - test[0])
    # a record made before max_train capped the folds has no per-fold counts: each trained on all the rest
    trained = _recorded(p, per_seed, "n_train_per_fold") or available
    return {"n_documents": n, "folds": k, "inner_folds": p.get("inner_folds") or cfg.get("cv_folds"),
            "test": test, "available": available, "trained": trained,
            "cut": trained[0] < available[0] or trained[1] < available[1],
            "stratified": bool(p.get("train_sample")), "seeds": len(p.get("seeds") or ()) or 1}


def _range(span: tuple[int, int]) -> str:
    lo, hi = span
    return f"{lo:,}" if lo == hi else f"{lo:,} or {hi:,}" if hi == lo + 1 else f"{lo:,} to {hi:,}"


def cv_line(rec) -> str | None:
    """'10-fold stratified CV over all 24 documents, each predicted once by a model of the other 9 folds
    (folds of 2 or 3 documents, each model trained on 21 or 22); C chosen by an inner 5-fold CV on each
    training part'; under max_train 'trained on a stratified sample of 16 of its 21 or 22'."""
    f = cv_folds(rec)
    if f is None:
        return None
    trained = _range(f["trained"])
    if f["cut"]:
        sample = "a stratified sample" if f["stratified"] else "a sample"
        trained = f"{sample} of {trained} of its {_range(f['available'])}"
    once = "once per seed" if f["seeds"] > 1 else "once"
    line = (f"{f['folds']}-fold stratified CV over all {f['n_documents']:,} documents, each predicted {once} "
            f"by a model of the other {f['folds'] - 1} folds (folds of {_range(f['test'])} documents, each "
            f"model trained on {trained})")
    return line + (f"; C chosen by an inner {f['inner_folds']}-fold CV on each training part"
                   if f["inner_folds"] else "")
